/*
 * summary.c - plan listing, summary line and --stats (see summary.h).
 */
#include "summary.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "dates.h"
#include "docread.h"
#include "docsizes.h"
#include "docstore.h"
#include "grow.h"
#include "natsort.h"
#include "out.h"
#include "schema.h"

/* Write s as a TSV field: ids and paths come from manifests and file names, untrusted. */
static void put_field(FILE *out, const char *sep, const char *s)
{
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, sep);
    out_tsv_field(&b, s, strlen(s));
    fwrite(ds_buf_cstr(&b), 1, b.len, out);
    ds_buf_release(&b);
}

void ix_summary_plan(FILE *out, const ix_walk_t *w, const ix_plan_t *plan)
{
    for (size_t i = 0; i < plan->n; i++) {
        const ix_action_t *a = &plan->acts[i];
        if (a->act == IX_ACT_UNCHANGED)
            continue;
        fputs(ix_act_name(a->act), out);
        if (a->old_id)
            put_field(out, "\t", a->old_id);
        if (a->act != IX_ACT_DELETE)
            put_field(out, "\t", w->files[a->file].id);
        fputc('\n', out);
    }
    for (size_t i = 0; i < w->nskipped; i++) {
        put_field(out, "skip\t", w->skipped[i].path);
        put_field(out, "\t", w->skipped[i].reason);
        fputc('\n', out);
    }
    fprintf(out, "plan: %zu to add, %zu to update, %zu to touch, %zu to rename, %zu to "
            "delete, %zu unchanged, %zu skipped\n", plan->count[IX_ACT_ADD],
            plan->count[IX_ACT_UPDATE], plan->count[IX_ACT_TOUCH], plan->count[IX_ACT_RENAME],
            plan->count[IX_ACT_DELETE], plan->count[IX_ACT_UNCHANGED], w->nskipped);
}

/* "2 skipped (1 not text, 1 unsupported format)" */
static void skipped_text(FILE *out, const ix_walk_t *w, const ix_run_result_t *res)
{
    uint64_t by_kind[IX_SKIP_KIND_LAST] = {0};
    for (size_t i = 0; i < w->nskipped; i++)
        by_kind[w->skipped[i].kind]++;
    uint64_t total = w->nskipped + res->skipped;
    fprintf(out, "%" PRIu64 " skipped", total);
    if (!total)
        return;
    const char *sep = " (";
    struct { uint64_t n; const char *what; } parts[] = {
        {res->skipped_by[DS_ERR_INVALID], "not text"},
        {res->skipped_by[DS_ERR_IO] + by_kind[IX_SKIP_UNREADABLE], "unreadable"},
        {res->skipped_by[DS_ERR_RANGE], "too large"},
        {res->skipped_by[DS_ERR_CORRUPT], "damaged"},      /* PDFs poppler cannot open */
        {res->skipped_by[DS_ERR_UNSUPPORTED], "encrypted"}, /* PDFs that need a password */
        {by_kind[IX_SKIP_BAD_ID], "refused id"},
        {by_kind[IX_SKIP_DUPLICATE], "duplicate id"},
        {by_kind[IX_SKIP_UNSUPPORTED], "unsupported format"},
        {by_kind[IX_SKIP_NOT_FILE], "not a regular file"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i].n)
            continue;
        fprintf(out, "%s%" PRIu64 " %s", sep, parts[i].n, parts[i].what);
        sep = ", ";
    }
    fputc(')', out);
}

void ix_summary_line(FILE *out, const ix_walk_t *w, const ix_plan_t *plan,
                       const ix_run_result_t *res, unsigned long warnings, double seconds)
{
    (void)plan;
    double mb = res->read_bytes / 1e6;
    /* the plan's categories, in the plan's order (ix_summary_plan), so a --dry-run and
     * the run it announces can be compared line for line */
    fprintf(out, "indexer: %" PRIu64 " added, %" PRIu64 " updated, %" PRIu64 " touched, %"
            PRIu64 " renamed, %" PRIu64 " deleted, %" PRIu64 " unchanged, ",
            res->done[IX_ACT_ADD], res->done[IX_ACT_UPDATE], res->done[IX_ACT_TOUCH],
            res->done[IX_ACT_RENAME], res->done[IX_ACT_DELETE], res->done[IX_ACT_UNCHANGED]);
    skipped_text(out, w, res);
    fprintf(out, ", %lu warning%s", warnings, warnings == 1 ? "" : "s");
    if (res->repaired)
        fprintf(out, ", %" PRIu64 " invalid UTF-8 sequences repaired", res->repaired);
    if (res->read_bytes < 1000000)
        fprintf(out, "; %.1f kB", res->read_bytes / 1e3);
    else
        fprintf(out, "; %.1f MB", mb);
    fprintf(out, " in %.2f s (%.1f MB/s)\n", seconds, seconds > 0 ? mb / seconds : 0.0);
}

/* ---- stats ---------------------------------------------------------------------- */

typedef struct totals {
    uint64_t docs, terms, positions, text_bytes;
    int32_t first, last;
} totals_t;

static ds_status_t date_bounds(xap_db_t *db, unsigned slot, int32_t *out, int want_max)
{
    xap_valueiter_t *it = NULL;
    ds_status_t rc = xap_db_values(db, slot, &it);
    int32_t day;
    int r = 0;
    while (rc == DS_OK && (r = xap_valueiter_next(it)) == 1) {
        size_t len;
        const char *v = xap_valueiter_value(it, &len);
        if (date_from_sortable(v, len, &day) == DS_OK &&
            (!*out || (want_max ? day > *out : day < *out)))
            *out = day;
    }
    xap_valueiter_free(it);
    return rc == DS_OK && r < 0 ? (ds_status_t)-r : rc;
}

static ds_status_t count_terms(xap_db_t *db, uint64_t *n)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_db_allterms(db, "", 0, &it);
    int r = 0;
    while (rc == DS_OK && (r = xap_termiter_next(it)) == 1)
        (*n)++;
    xap_termiter_free(it);
    return rc == DS_OK && r < 0 ? (ds_status_t)-r : rc;
}

/* A report's line: "report<TAB>ID<TAB>pages=N..." (without the newline). */
typedef struct report_line {
    char *id, *text;
} report_line_t;

static int by_natural_id(const void *a, const void *b)
{
    const report_line_t *x = a, *y = b;
    return ds_natcmp(x->id, strlen(x->id), y->id, strlen(y->id));
}

static ds_status_t report_line(const dstore_record_t *rec, report_line_t *l)
{
    const char *const *keys = ds_report_counts;
    const char *id = dstore_get(rec, DS_FIELD_ID, NULL);
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "report\t");
    out_tsv_field(&b, id ? id : "?", id ? strlen(id) : 1);
    for (size_t k = 0; k < DS_REPORT_COUNTS; k++) {
        const char *v = dstore_get(rec, keys[k], NULL);
        ds_buf_printf(&b, "\t%s=%s", keys[k], v ? v : "0");
    }
    l->id = strdup(id ? id : "?");
    l->text = ds_buf_detach(&b, NULL);
    return l->id && l->text ? DS_OK : DS_ERR_NOMEM;
}

static ds_status_t read_report(xap_db_t *db, xap_docid_t docid, report_line_t *l)
{
    xap_doc_t *doc = NULL;
    dstore_record_t *rec = NULL;
    ds_status_t rc = ds_read_record(db, docid, &doc, &rec);
    if (rc == DS_OK)
        rc = report_line(rec, l);
    dstore_record_free(rec);
    xap_doc_free(doc);
    return rc;
}

/* One line per report, in natural id order (docids interleave the shards): what the
 * report parser found in it. */
static ds_status_t report_lines(FILE *out, xap_db_t *db)
{
    const char *term = DS_PREFIX_TYPE DS_TYPE_REPORT;
    xap_postiter_t *it = NULL;
    report_line_t *v = NULL;
    size_t n = 0, cap = 0;
    ds_status_t rc = xap_db_postings(db, term, strlen(term), &it);
    int r = 0;
    while (rc == DS_OK && (r = xap_postiter_next(it)) == 1) {
        report_line_t *nv = ds_grow(v, &cap, n + 1, sizeof *nv);
        if (!nv) {
            rc = DS_ERR_NOMEM;
            break;
        }
        v = nv;
        v[n] = (report_line_t){0};
        rc = read_report(db, xap_postiter_docid(it), &v[n++]);
    }
    xap_postiter_free(it);
    if (rc == DS_OK && r < 0)
        rc = (ds_status_t)-r;
    if (rc == DS_OK && n)
        qsort(v, n, sizeof *v, by_natural_id);
    for (size_t i = 0; i < n; i++) {
        if (rc == DS_OK)
            fprintf(out, "%s\n", v[i].text);
        free(v[i].id);
        free(v[i].text);
    }
    free(v);
    return rc;
}

static void print_totals(FILE *out, ixdir_t *ix, const totals_t *t)
{
    unsigned long long disk = ixdir_disk_bytes(ix);
    char first[DATE_ISO_LEN + 1] = "-", last[DATE_ISO_LEN + 1] = "-";
    if (t->first)
        date_format_iso(t->first, first);
    if (t->last)
        date_format_iso(t->last, last);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(out, "documents\t%" PRIu64 "\nterms\t%" PRIu64 "\npositions\t%" PRIu64 "\n"
            "text_bytes\t%" PRIu64 "\nindex_bytes\t%llu\nindex_to_text\t%.2f\n"
            "shards\t%zu\nlanguage\t%s\ndate_first\t%s\ndate_last\t%s\npeak_rss_kb\t%ld\n",
            t->docs, t->terms, t->positions, t->text_bytes, disk,
            t->text_bytes ? (double)disk / (double)t->text_bytes : 0.0, ixdir_nshards(ix),
            ixdir_lang(ix), first, last, ru.ru_maxrss);
}

ds_status_t ix_summary_stats(FILE *out, ixdir_t *ix, ds_error_t *e)
{
    xap_db_t *db = NULL;
    totals_t t = {0};
    ds_status_t rc = ixdir_open_read(ix, &db, e);
    if (rc == DS_OK)
        rc = xap_db_doc_count(db, &t.docs);
    if (rc == DS_OK)
        rc = count_terms(db, &t.terms);
    if (rc == DS_OK)
        rc = ds_sizes_sum(db, &t.positions, &t.text_bytes);
    if (rc == DS_OK)
        rc = date_bounds(db, DS_SLOT_DATE_START, &t.first, 0);
    if (rc == DS_OK)
        rc = date_bounds(db, DS_SLOT_DATE_END, &t.last, 1);
    if (rc == DS_OK) {
        print_totals(out, ix, &t);
        rc = report_lines(out, db);
    }
    if (rc != DS_OK && db) /* ixdir_open_read succeeded: e holds nothing yet */
        ds_error_set(e, rc, 0, "%s", xap_db_error(db));
    xap_db_close(db);
    return ds_error_fill(e, rc);
}
