/*
 * plan.c - the incremental plan (see plan.h).
 *
 *   fingerprints ....... meta_hash, ix_state_format, parse_state
 *   index state ........ load_state (values of DS_SLOT_ID and DS_SLOT_SOURCE)
 *   plan ............... push, classify, find_renames, ix_plan_make
 */
#include "plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "hash.h"
#include "schema.h"
#include "source.h"

typedef struct old_doc {
    char *id;
    uint64_t size, hash, mhash;
    int64_t mtime;
    char *root;
    int seen;
} old_doc_t;

typedef struct olds {
    old_doc_t *v;
    size_t n, cap;
} olds_t;

/* ---- fingerprints --------------------------------------------------------------- */

/* The file's metadata and the actor aliases, which decide its actor terms. */
static uint64_t meta_hash(const ix_walk_t *w, const ix_meta_t *m)
{
    uint64_t h = DS_HASH64_INIT;
    for (size_t i = 0; i < m->n; i++) {
        h = ds_hash64_update(h, m->kv[i].key, strlen(m->kv[i].key) + 1);
        h = ds_hash64_update(h, m->kv[i].val, strlen(m->kv[i].val) + 1);
    }
    return ds_hash64_update(h, &w->actors_fingerprint, sizeof w->actors_fingerprint);
}

void ix_state_format(ds_buf_t *out, const ix_walk_t *w, const ix_file_t *f, uint64_t hash)
{
    ds_buf_reset(out);
    ds_buf_printf(out, DS_SOURCE_VERSION " %" PRIu64 " %" PRId64 " %016" PRIx64 " %016" PRIx64
                  " %s", f->size,
                  f->mtime_ns, hash, meta_hash(w, &f->meta), w->roots[f->root]);
}

static int parse_state(const char *s, old_doc_t *d)
{
    int off = 0;
    if (sscanf(s, DS_SOURCE_VERSION " %" SCNu64 " %" SCNd64 " %" SCNx64 " %" SCNx64 " %n",
               &d->size, &d->mtime,
               &d->hash, &d->mhash, &off) != 4 || off == 0)
        return -1;
    d->root = strdup(s + off);
    return d->root ? 0 : -1;
}

/* ---- index state ---------------------------------------------------------------- */

static int old_cmp(const void *a, const void *b)
{
    return strcmp(((const old_doc_t *)a)->id, ((const old_doc_t *)b)->id);
}

static ds_status_t push_old(olds_t *o, const char *id, const char *state)
{
    old_doc_t *grown = ds_grow(o->v, &o->cap, o->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    o->v = grown;
    old_doc_t d = {0};
    if (parse_state(state, &d) != 0)
        d.size = UINT64_MAX; /* unreadable fingerprint: treated as changed */
    if (!(d.id = strdup(id))) {
        free(d.root);
        return DS_ERR_NOMEM;
    }
    o->v[o->n++] = d;
    return DS_OK;
}

/* Read (id, fingerprint) of every document: two value streams joined by docid. */
static ds_status_t load_state(xap_db_t *db, olds_t *o, ds_diag_t *diag)
{
    xap_valueiter_t *ids = NULL, *states = NULL;
    ds_status_t rc = xap_db_values(db, DS_SLOT_ID, &ids);
    if (rc == DS_OK)
        rc = xap_db_values(db, DS_SLOT_SOURCE, &states);
    int a = rc == DS_OK ? xap_valueiter_next(ids) : 0;
    int b = rc == DS_OK ? xap_valueiter_next(states) : 0;
    while (rc == DS_OK && a == 1) {
        xap_docid_t d = xap_valueiter_docid(ids);
        while (b == 1 && xap_valueiter_docid(states) < d)
            b = xap_valueiter_next(states);
        /* documents without a fingerprint are derived from a file (passages,
         * citations): they come and go with it, never on their own */
        if (b == 1 && xap_valueiter_docid(states) == d)
            rc = push_old(o, xap_valueiter_value(ids, NULL), xap_valueiter_value(states, NULL));
        a = xap_valueiter_next(ids);
    }
    if (rc == DS_OK && (a < 0 || b < 0))
        rc = (ds_status_t)-(a < 0 ? a : b);
    if (rc != DS_OK)
        ds_diag_error(diag, NULL, 0, "cannot read the index: %s",
                      xap_db_error(db)[0] ? xap_db_error(db) : ds_status_str(rc));
    xap_valueiter_free(ids);
    xap_valueiter_free(states);
    if (rc == DS_OK && o->n)
        qsort(o->v, o->n, sizeof *o->v, old_cmp);
    return rc;
}

/* ---- plan ----------------------------------------------------------------------- */

static ds_status_t push(ix_plan_t *p, ix_act_t act, size_t file, const char *old_id,
                        uint64_t hash)
{
    ix_action_t *grown = ds_grow(p->acts, &p->cap, p->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    p->acts = grown;
    ix_action_t a = {act, file, NULL, hash};
    if (old_id && !(a.old_id = strdup(old_id)))
        return DS_ERR_NOMEM;
    p->acts[p->n++] = a;
    p->count[act]++;
    return DS_OK;
}

/* Content hash of f, or 0 if it cannot be read (the writer will report why). */
static uint64_t hash_file(const ix_file_t *f)
{
    uint64_t h = 0;
    ix_source_hash(f->path, f->fmt, &h, NULL); /* a PDF's bytes: no parse to hash */
    return h;
}

/* The action for file f that has a document d. */
static ds_status_t classify(ix_plan_t *p, const ix_walk_t *w, size_t i, const ix_file_t *f,
                            const old_doc_t *d)
{
    uint64_t mh = meta_hash(w, &f->meta);
    int same_root = d->root && strcmp(d->root, w->roots[f->root]) == 0;
    if (d->size == f->size && d->mtime == f->mtime_ns && d->mhash == mh && same_root)
        return push(p, IX_ACT_UNCHANGED, i, NULL, d->hash);
    uint64_t h = hash_file(f);
    if (h && h == d->hash && d->mhash == mh)
        return push(p, IX_ACT_TOUCH, i, NULL, h);
    return push(p, IX_ACT_UPDATE, i, NULL, h);
}

/* The index of root among the walk's roots, or -1. */
static long root_index(const ix_walk_t *w, const char *root)
{
    for (size_t i = 0; root && i < w->nroots; i++)
        if (strcmp(w->roots[i], root) == 0)
            return (long)i;
    return -1;
}

static int in_roots(const ix_walk_t *w, const char *root) { return root_index(w, root) >= 0; }

/* A document whose file was not seen is deleted only if its root was read in full:
 * a directory that could not be listed must not look like deleted files. */
static ds_status_t plan_deletions(ix_plan_t *p, const ix_walk_t *w, const olds_t *o,
                                  ds_diag_t *diag)
{
    ds_status_t rc = DS_OK;
    size_t kept = 0;
    for (size_t k = 0; k < o->n && rc == DS_OK; k++) {
        long r = o->v[k].seen ? -1 : root_index(w, o->v[k].root);
        if (r >= 0 && w->incomplete[r])
            kept++;
        else if (r >= 0)
            rc = push(p, IX_ACT_DELETE, (size_t)-1, o->v[k].id, 0);
    }
    if (kept)
        ds_diag_warn(diag, NULL, 0, "%zu document%s kept although their files were not found: "
                     "parts of the PATHs could not be read (see above)", kept,
                     kept == 1 ? "" : "s");
    return rc;
}

/* Turn ADD + DELETE pairs with equal content and metadata into RENAMEs. */
static ds_status_t find_renames(ix_plan_t *p, const ix_walk_t *w, olds_t *o)
{
    for (size_t i = 0; i < p->n; i++) {
        ix_action_t *a = &p->acts[i];
        if (a->act != IX_ACT_ADD)
            continue;
        const ix_file_t *f = &w->files[a->file];
        uint64_t mh = meta_hash(w, &f->meta);
        for (size_t j = 0; j < o->n; j++) {
            old_doc_t *d = &o->v[j];
            if (d->seen || !in_roots(w, d->root) || d->size != f->size || d->mhash != mh)
                continue;
            if (!a->hash)
                a->hash = hash_file(f);
            if (a->hash != d->hash)
                continue;
            if (!(a->old_id = strdup(d->id)))
                return DS_ERR_NOMEM;
            d->seen = 1;
            a->act = IX_ACT_RENAME;
            p->count[IX_ACT_ADD]--;
            p->count[IX_ACT_RENAME]++;
            break;
        }
    }
    return DS_OK;
}

static ds_status_t join(ix_plan_t *p, ix_walk_t *w, olds_t *o, ds_diag_t *diag)
{
    size_t j = 0;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < w->nfiles && rc == DS_OK; i++) {
        const ix_file_t *f = &w->files[i];
        while (j < o->n && strcmp(o->v[j].id, f->id) < 0)
            j++;
        if (j < o->n && strcmp(o->v[j].id, f->id) == 0) {
            o->v[j].seen = 1;
            rc = classify(p, w, i, f, &o->v[j]);
        } else {
            rc = push(p, IX_ACT_ADD, i, NULL, 0);
        }
    }
    if (rc == DS_OK)
        rc = find_renames(p, w, o);
    if (rc == DS_OK)
        rc = plan_deletions(p, w, o, diag);
    return rc;
}

ds_status_t ix_plan_make(xap_db_t *db, ix_walk_t *w, ds_diag_t *diag, ix_plan_t *plan)
{
    memset(plan, 0, sizeof *plan);
    olds_t o = {0};
    ds_status_t rc = db ? load_state(db, &o, diag) : DS_OK;
    if (rc == DS_OK)
        rc = join(plan, w, &o, diag);
    for (size_t i = 0; i < o.n; i++) {
        free(o.v[i].id);
        free(o.v[i].root);
    }
    free(o.v);
    if (rc != DS_OK)
        ix_plan_release(plan);
    return rc;
}

const char *ix_act_name(ix_act_t act)
{
    static const char *const names[] = {"unchanged", "add", "update", "touch", "delete",
                                        "rename"};
    return (unsigned)act <= IX_ACT_RENAME ? names[act] : "?";
}

void ix_plan_release(ix_plan_t *plan)
{
    for (size_t i = 0; i < plan->n; i++)
        free(plan->acts[i].old_id);
    free(plan->acts);
    memset(plan, 0, sizeof *plan);
}
