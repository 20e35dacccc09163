/*
 * run.c - writer threads carrying out the plan (see run.h).
 *
 *   per-thread state .... worker_t, open_shards, close_shards
 *   batches ............. begin_batch, end_batch
 *   actions ............. do_index, do_touch, do_delete, do_action
 *   threads ............. worker_main, progress, ix_run
 */
#include "run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer.h"
#include "buf.h"
#include "docbuild.h"
#include "out.h"
#include "schema.h"
#include "source.h"

#define MAX_SHARDS 64

typedef struct shared {
    ixdir_t *ix;
    ix_walk_t *w;
    const ix_plan_t *plan;
    const ix_run_options_t *opts;
    ds_diag_t *diag;
    size_t nthreads;
    atomic_int abort;
    atomic_ullong files_done;  /* actions handled (progress) */
    atomic_ullong bytes_done;
    atomic_int running;        /* threads not finished yet */
    size_t batch_bytes;        /* per thread: the options' budget split among threads */
} shared_t;

typedef struct worker {
    shared_t *sh;
    size_t index;                /* this thread handles shards k with k % nthreads == index */
    xap_db_t *db[MAX_SHARDS];
    size_t pending_docs[MAX_SHARDS];
    size_t pending_bytes[MAX_SHARDS];
    int in_tx[MAX_SHARDS];
    an_analyzer_t *an;
    ix_source_t src;
    ds_buf_t term, state;
    ix_run_result_t res;
    ds_status_t rc;
} worker_t;

/* ---- per-thread state ----------------------------------------------------------- */

static int owns(const worker_t *wk, size_t shard)
{
    return shard % wk->sh->nthreads == wk->index;
}

static ds_status_t fail(worker_t *wk, ds_status_t rc, const char *what, const char *detail)
{
    ds_diag_error(wk->sh->diag, NULL, 0, "%s: %s", what, detail[0] ? detail : ds_status_str(rc));
    atomic_store(&wk->sh->abort, 1);
    wk->res.failed = 1;
    return wk->rc = rc;
}

static ds_status_t open_shards(worker_t *wk)
{
    size_t n = ixdir_nshards(wk->sh->ix);
    for (size_t k = 0; k < n; k++) {
        if (!owns(wk, k))
            continue;
        ds_error_t err;
        ds_status_t rc = ixdir_open_shard(wk->sh->ix, k, &wk->db[k], &err);
        if (rc != DS_OK)
            return fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), err.message);
    }
    return DS_OK;
}

/* ---- batches -------------------------------------------------------------------- */

static ds_status_t begin_batch(worker_t *wk, size_t k)
{
    if (wk->in_tx[k])
        return DS_OK;
    ds_status_t rc = xap_db_begin_transaction(wk->db[k], 1);
    if (rc != DS_OK)
        return fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), xap_db_error(wk->db[k]));
    wk->in_tx[k] = 1;
    return DS_OK;
}

/* Commit shard k's transaction (if any). */
static ds_status_t end_batch(worker_t *wk, size_t k)
{
    if (!wk->in_tx[k])
        return DS_OK;
    wk->in_tx[k] = 0;
    wk->pending_docs[k] = wk->pending_bytes[k] = 0;
    ds_status_t rc = xap_db_commit_transaction(wk->db[k]);
    if (rc != DS_OK)
        return fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), xap_db_error(wk->db[k]));
    return DS_OK;
}

static ds_status_t count_batch(worker_t *wk, size_t k, size_t bytes)
{
    wk->pending_docs[k]++;
    wk->pending_bytes[k] += bytes;
    const ix_run_options_t *o = wk->sh->opts;
    if (wk->pending_docs[k] >= o->batch_docs || wk->pending_bytes[k] >= wk->sh->batch_bytes)
        return end_batch(wk, k);
    return DS_OK;
}

static void close_shards(worker_t *wk)
{
    for (size_t k = 0; k < MAX_SHARDS; k++) {
        if (!wk->db[k])
            continue;
        if (wk->rc == DS_OK)
            end_batch(wk, k);
        else if (wk->in_tx[k])
            xap_db_cancel_transaction(wk->db[k]);
        if (wk->rc == DS_OK && xap_db_commit(wk->db[k]) != DS_OK)
            fail(wk, DS_ERR_IO, ixdir_shard_path(wk->sh->ix, k), xap_db_error(wk->db[k]));
        xap_db_close(wk->db[k]);
        wk->db[k] = NULL;
    }
}

/* ---- actions -------------------------------------------------------------------- */

static void id_term(worker_t *wk, const char *id)
{
    ds_buf_reset(&wk->term);
    an_term_fit(&wk->term, DS_PREFIX_ID, id, strlen(id));
}

/* Documents derived from the file id (a report's passages and citations). */
static ds_status_t delete_derived(worker_t *wk, const char *id, size_t k)
{
    ds_buf_reset(&wk->term);
    an_term_fit(&wk->term, DS_PREFIX_PARENT, id, strlen(id));
    return xap_db_delete_by_term(wk->db[k], wk->term.data, wk->term.len, NULL);
}

/* Replace the file's documents: derived ones go first (a report may now have fewer
 * passages), then each document replaces its id's. */
static ds_status_t write_set(worker_t *wk, const char *id, const ixdoc_set_t *set, size_t k)
{
    ds_status_t rc = begin_batch(wk, k);
    if (rc == DS_OK)
        rc = delete_derived(wk, id, k);
    for (size_t i = 0; rc == DS_OK && i < set->n; i++)
        rc = xap_db_replace_by_term(wk->db[k], set->v[i].uid, strlen(set->v[i].uid),
                                    set->v[i].doc, NULL);
    if (rc != DS_OK && wk->rc == DS_OK)
        fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), xap_db_error(wk->db[k]));
    return rc;
}

/* Count file f as skipped for status rc; only running out of memory stops the run (a
 * file too large or unreadable is that file's problem, reported by the caller). */
static ds_status_t skip_file(worker_t *wk, const ix_file_t *f, ds_status_t rc)
{
    if (rc == DS_ERR_NOMEM)
        return fail(wk, rc, f->path, "out of memory");
    wk->res.skipped++;
    wk->res.skipped_by[rc]++;
    return DS_OK;
}

/* Read, analyze and (re)place file i. A file that cannot be read is reported and
 * skipped; its old document, if any, stays until a run can read it again. */
static ds_status_t do_index(worker_t *wk, size_t i, size_t k)
{
    const ix_file_t *f = &wk->sh->w->files[i];
    ds_error_t why;
    ds_status_t rc = ix_source_read(f->path, f->fmt, &wk->src, &why);
    if (rc != DS_OK) {
        ds_diag_error(wk->sh->diag, f->path, 0, "skipped: %s", why.message);
        return skip_file(wk, f, rc);
    }
    wk->res.repaired += wk->src.repaired;
    wk->res.read_bytes += wk->src.raw_bytes;
    if (wk->src.repaired)
        ds_diag_warn(wk->sh->diag, f->path, 0, "%zu invalid UTF-8 sequence%s replaced by U+FFFD",
                     wk->src.repaired, wk->src.repaired == 1 ? "" : "s");
    ix_state_format(&wk->state, wk->sh->w, f, wk->src.hash);
    ds_buf_t info = DS_BUF_INIT;
    ixdoc_stats_t st = {0, 0, 0, wk->sh->opts->verbose ? &info : NULL};
    ixdoc_set_t set = {0};
    rc = ixdoc_build_file(wk->an, wk->sh->w->actors, f, &wk->src, ds_buf_cstr(&wk->state),
                          wk->sh->diag, &set, &st);
    if (rc != DS_OK) { /* reported by the builder; one file's problem, not the index's */
        ixdoc_set_release(&set);
        ds_buf_release(&info);
        return skip_file(wk, f, rc);
    }
    if (info.len)
        fprintf(stderr, "%s", info.data);
    ds_buf_release(&info);
    wk->res.positions += st.positions;
    wk->res.text_bytes += st.text_bytes;
    rc = write_set(wk, f->id, &set, k);
    ixdoc_set_release(&set);
    return rc == DS_OK ? count_batch(wk, k, wk->src.text.len) : rc;
}

/* Content unchanged but size/mtime moved: rewrite only the fingerprint. */
static ds_status_t do_touch(worker_t *wk, const ix_action_t *a, size_t k)
{
    const ix_file_t *f = &wk->sh->w->files[a->file];
    xap_db_t *db = wk->db[k];
    id_term(wk, f->id);
    ix_state_format(&wk->state, wk->sh->w, f, a->hash);
    xap_postiter_t *pl = NULL;
    xap_doc_t *doc = NULL;
    const char *msg = NULL;
    ds_status_t rc = begin_batch(wk, k);
    if (rc == DS_OK)
        rc = xap_db_postings(db, wk->term.data, wk->term.len, &pl);
    int r = rc == DS_OK ? xap_postiter_next(pl) : 1;
    if (r < 0) { /* a failed read is not "no such document" */
        rc = (ds_status_t)-r;
        msg = xap_postiter_error(pl);
    } else if (r == 0) {
        rc = DS_ERR_NOT_FOUND;
    }
    if (rc == DS_OK)
        rc = xap_db_get_doc(db, xap_postiter_docid(pl), &doc);
    if (rc == DS_OK)
        rc = xap_doc_set_value(doc, DS_SLOT_SOURCE, wk->state.data, wk->state.len);
    if (rc == DS_OK)
        rc = xap_db_replace_by_term(db, wk->term.data, wk->term.len, doc, NULL);
    xap_doc_free(doc);
    if (rc != DS_OK && wk->rc == DS_OK)
        rc = fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), msg ? msg : xap_db_error(db));
    xap_postiter_free(pl);
    return rc == DS_OK ? count_batch(wk, k, 0) : rc;
}

static ds_status_t do_delete(worker_t *wk, const char *id, size_t k)
{
    ds_status_t rc = begin_batch(wk, k);
    if (rc == DS_OK)
        rc = delete_derived(wk, id, k);
    id_term(wk, id);
    if (rc == DS_OK)
        rc = xap_db_delete_by_term(wk->db[k], wk->term.data, wk->term.len, NULL);
    if (rc != DS_OK && wk->rc == DS_OK)
        return fail(wk, rc, ixdir_shard_path(wk->sh->ix, k), xap_db_error(wk->db[k]));
    return rc == DS_OK ? count_batch(wk, k, 0) : rc;
}

static void log_action(worker_t *wk, const ix_action_t *a)
{
    if (!wk->sh->opts->verbose || a->act == IX_ACT_UNCHANGED)
        return;
    const char *id = a->file != (size_t)-1 ? wk->sh->w->files[a->file].id : a->old_id;
    ds_buf_t line = DS_BUF_INIT; /* ids come from manifests: untrusted */
    ds_buf_printf(&line, "%s ", ix_act_name(a->act));
    out_text(&line, id, strlen(id), 0);
    if (a->act == IX_ACT_RENAME) {
        ds_buf_puts(&line, " (was ");
        out_text(&line, a->old_id, strlen(a->old_id), 0);
        ds_buf_putc(&line, ')');
    }
    fprintf(stderr, "%s\n", ds_buf_cstr(&line));
    ds_buf_release(&line);
}

/* The part of action a that falls to this thread (deletes and adds of a rename may go to
 * different shards, hence threads). */
static ds_status_t do_action(worker_t *wk, const ix_action_t *a)
{
    ixdir_t *ix = wk->sh->ix;
    const char *id = a->file != (size_t)-1 ? wk->sh->w->files[a->file].id : NULL;
    ds_status_t rc = DS_OK;
    if (a->old_id && owns(wk, ixdir_route(ix, a->old_id))) {
        rc = do_delete(wk, a->old_id, ixdir_route(ix, a->old_id));
        if (rc == DS_OK && a->act == IX_ACT_DELETE) {
            log_action(wk, a);
            wk->res.done[IX_ACT_DELETE]++;
            atomic_fetch_add(&wk->sh->files_done, 1);
        }
    }
    size_t k = id ? ixdir_route(ix, id) : 0;
    if (rc != DS_OK || !id || !owns(wk, k))
        return rc;
    log_action(wk, a);
    uint64_t skipped = wk->res.skipped;
    if (a->act == IX_ACT_ADD || a->act == IX_ACT_UPDATE || a->act == IX_ACT_RENAME) {
        rc = do_index(wk, a->file, k);
        atomic_fetch_add(&wk->sh->bytes_done, wk->sh->w->files[a->file].size);
    } else if (a->act == IX_ACT_TOUCH) {
        rc = do_touch(wk, a, k);
    }
    if (rc == DS_OK && wk->res.skipped == skipped)
        wk->res.done[a->act]++;
    atomic_fetch_add(&wk->sh->files_done, 1);
    return rc;
}

/* ---- threads -------------------------------------------------------------------- */

static void *worker_main(void *arg)
{
    worker_t *wk = arg;
    shared_t *sh = wk->sh;
    ds_error_t err;
    ds_status_t rc = an_analyzer_new(ixdir_lang(sh->ix), &wk->an, &err);
    if (rc != DS_OK)
        fail(wk, rc, "analyzer", err.message);
    if (rc == DS_OK)
        rc = open_shards(wk);
    for (size_t i = 0; rc == DS_OK && i < sh->plan->n; i++) {
        if (atomic_load(&sh->abort))
            break;
        rc = do_action(wk, &sh->plan->acts[i]);
    }
    close_shards(wk);
    an_analyzer_free(wk->an);
    ix_source_release(&wk->src);
    ds_buf_release(&wk->term);
    ds_buf_release(&wk->state);
    atomic_fetch_sub(&sh->running, 1);
    return NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Total source bytes the plan will read, for the progress ETA. */
static unsigned long long plan_bytes(const shared_t *sh)
{
    unsigned long long total = 0;
    for (size_t i = 0; i < sh->plan->n; i++) {
        const ix_action_t *a = &sh->plan->acts[i];
        if (a->act == IX_ACT_ADD || a->act == IX_ACT_UPDATE || a->act == IX_ACT_RENAME)
            total += sh->w->files[a->file].size;
    }
    return total;
}

static void show_progress(shared_t *sh, double t0, unsigned long long total, int last)
{
    unsigned long long done = atomic_load(&sh->bytes_done);
    unsigned long long files = atomic_load(&sh->files_done);
    double dt = now_seconds() - t0;
    double mbs = dt > 0 ? done / 1e6 / dt : 0;
    double eta = (mbs > 0 && total > done) ? (total - done) / 1e6 / mbs : 0;
    /* every thread walks the whole plan: files_done counts actions once per owner */
    fprintf(stderr, "\r\033[Kindexing: %llu/%zu files, %.1f MB/s, ETA %d:%02d%s",
            files > sh->plan->n ? (unsigned long long)sh->plan->n : files, sh->plan->n, mbs,
            (int)eta / 60, (int)eta % 60, last ? "\n" : "");
    fflush(stderr);
}

ds_status_t ix_run(ixdir_t *ix, ix_walk_t *w, const ix_plan_t *plan,
                   const ix_run_options_t *opts, ds_diag_t *diag, ix_run_result_t *res)
{
    memset(res, 0, sizeof *res);
    shared_t sh = {.ix = ix, .w = w, .plan = plan, .opts = opts, .diag = diag};
    size_t shards = ixdir_nshards(ix);
    sh.nthreads = opts->jobs < 1 ? 1 : opts->jobs > shards ? shards : opts->jobs;
    sh.batch_bytes = opts->batch_bytes / sh.nthreads;
    worker_t *wk = calloc(sh.nthreads, sizeof *wk);
    pthread_t *tid = calloc(sh.nthreads, sizeof *tid);
    if (!wk || !tid) {
        free(wk);
        free(tid);
        return DS_ERR_NOMEM;
    }
    size_t started = 0;
    atomic_store(&sh.running, (int)sh.nthreads);
    for (; started < sh.nthreads; started++) {
        wk[started].sh = &sh;
        wk[started].index = started;
        if (pthread_create(&tid[started], NULL, worker_main, &wk[started]) != 0)
            break;
    }
    if (started < sh.nthreads) {
        atomic_store(&sh.abort, 1);
        atomic_fetch_sub(&sh.running, (int)(sh.nthreads - started));
    }
    double t0 = now_seconds();
    unsigned long long total = opts->progress ? plan_bytes(&sh) : 0;
    const struct timespec tick = {0, 200 * 1000 * 1000};
    while (opts->progress && atomic_load(&sh.running) > 0) {
        show_progress(&sh, t0, total, 0);
        nanosleep(&tick, NULL);
    }
    for (size_t t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    if (opts->progress)
        show_progress(&sh, t0, total, 1);
    ds_status_t rc = started < sh.nthreads ? DS_ERR_NOMEM : DS_OK;
    for (size_t t = 0; t < started; t++) {
        for (size_t a = 0; a <= IX_ACT_RENAME; a++)
            res->done[a] += wk[t].res.done[a];
        res->skipped += wk[t].res.skipped;
        for (size_t r = 0; r < DS_STATUS_LAST; r++)
            res->skipped_by[r] += wk[t].res.skipped_by[r];
        res->repaired += wk[t].res.repaired;
        res->positions += wk[t].res.positions;
        res->text_bytes += wk[t].res.text_bytes;
        res->read_bytes += wk[t].res.read_bytes;
        res->failed |= wk[t].res.failed;
        if (rc == DS_OK && wk[t].rc != DS_OK)
            rc = wk[t].rc;
    }
    free(wk);
    free(tid);
    return rc;
}
