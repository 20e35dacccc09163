/*
 * keywords.c - keyness of a subcorpus's words against a reference (see keywords.h).
 *
 *   measures ........... kk_g2, kk_log_ratio
 *   rows ............... add_rows (one side's words), make_rows, row_cmp
 *   output ............. put_intro, put_row, kk_header
 *   entry point ........ kk_run
 */
#include "keywords.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "collocates.h"
#include "kwic.h"
#include "out.h"
#include "words.h"

/* ---- measures ------------------------------------------------------------------- */

static double cell(double o, double e)
{
    return o > 0 && e > 0 ? o * log(o / e) : 0.0;
}

double kk_g2(uint64_t a, uint64_t b, uint64_t c1, uint64_t c2)
{
    double n = (double)c1 + (double)c2, ab = (double)a + (double)b;
    if (n <= 0)
        return 0.0;
    return 2.0 * (cell((double)a, (double)c1 * ab / n) + cell((double)b, (double)c2 * ab / n));
}

/* A zero count is taken as 0.5: a word on one side only keeps a finite ratio. */
double kk_log_ratio(uint64_t a, uint64_t b, uint64_t c1, uint64_t c2)
{
    double x = a ? (double)a : 0.5, y = b ? (double)b : 0.5;
    if (!c1 || !c2)
        return 0.0;
    return log2((x / (double)c1) / (y / (double)c2));
}

/* ---- rows ----------------------------------------------------------------------- */

typedef struct row {
    const char *word;
    size_t len;
    uint64_t a, b;
    double g2, lr;
} row_t;

typedef struct rows {
    row_t *v;
    size_t n;
    const kk_opts_t *o;
} rows_t;

static int row_cmp_ctx(const row_t *x, const row_t *y, int by_ratio, int negative)
{
    double sx = by_ratio ? (negative ? -x->lr : x->lr) : x->g2;
    double sy = by_ratio ? (negative ? -y->lr : y->lr) : y->g2;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int by_g2(const void *a, const void *b)
{
    return row_cmp_ctx(a, b, 0, 0);
}
static int by_lr(const void *a, const void *b)
{
    return row_cmp_ctx(a, b, 1, 0);
}
static int by_lr_neg(const void *a, const void *b)
{
    return row_cmp_ctx(a, b, 1, 1);
}

/* The words of side (sub or, for negative keywords, the reference's words the
 * subcorpus lacks) that pass the filters. */
static void add_rows(rows_t *r, const wd_counts_t *sub, const wd_counts_t *ref, int from_ref)
{
    const kk_opts_t *o = r->o;
    const wt_table_t *side = from_ref ? &ref->words : &sub->words;
    for (size_t i = 0; i < side->cap; i++) {
        const wt_entry_t *e = &side->v[i];
        const char *w = wt_word(side, e);
        if (!e->term || (from_ref && wt_get(&sub->words, w, e->len)))
            continue;
        const wt_entry_t *other = wt_get(from_ref ? &sub->words : &ref->words, w, e->len);
        uint64_t a = from_ref ? 0 : e->count, b = from_ref ? e->count : other ? other->count : 0;
        double lhs = (double)a * (double)ref->total, rhs = (double)b * (double)sub->total;
        if (a < o->min_freq || b < o->min_ref_freq || (o->negative ? lhs >= rhs : lhs <= rhs) ||
            (o->no_stopwords && an_is_stopword(w, e->len)))
            continue;
        r->v[r->n++] = (row_t){w,
                               e->len,
                               a,
                               b,
                               kk_g2(a, b, sub->total, ref->total),
                               kk_log_ratio(a, b, sub->total, ref->total)};
    }
}

static ds_status_t make_rows(rows_t *r, const wd_counts_t *sub, const wd_counts_t *ref)
{
    r->n = 0;
    if (!(r->v = malloc((sub->words.used + ref->words.used + 1) * sizeof *r->v)))
        return DS_ERR_NOMEM;
    add_rows(r, sub, ref, 0);
    if (r->o->negative)
        add_rows(r, sub, ref, 1);
    qsort(r->v, r->n, sizeof *r->v, !r->o->by_ratio ? by_g2 : r->o->negative ? by_lr_neg : by_lr);
    return DS_OK;
}

/* ---- output --------------------------------------------------------------------- */

void kk_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "rank\tword\tfreq\tref_freq\tg2\tlog_ratio\n");
}

/* Text: the two corpora, then the column heads. */
static void put_intro(ds_buf_t *out, const fmt_options_t *fmt, const wd_counts_t *sub,
                      const wd_counts_t *ref, const kk_opts_t *o)
{
    kw_row_prefix(out, fmt);
    ds_buf_printf(out,
                  "%s keywords: subcorpus %" PRIu64 " words in %" PRIu64
                  " documents; reference %" PRIu64 " words in %" PRIu64
                  " documents; ranked by %s\n",
                  o->negative ? "negative" : "positive", sub->total, sub->ndocs, ref->total,
                  ref->ndocs, o->by_ratio ? "log ratio" : "log-likelihood");
    kw_row_prefix(out, fmt);
    ds_buf_printf(out, "rank  %-20s  %10s %10s  %10s  %9s\n", "word", "freq", "ref freq", "G2",
                  "log ratio");
}

static void put_row(ds_buf_t *out, const fmt_options_t *fmt, const row_t *w, size_t rank)
{
    wd_put_word(out, fmt, rank, w->word, w->len);
    if (fmt->kind == FMT_TEXT)
        ds_buf_printf(out, "  %10" PRIu64 " %10" PRIu64 "  %10.3f  %9.3f\n", w->a, w->b, w->g2,
                      w->lr);
    else if (fmt->kind == FMT_TSV)
        ds_buf_printf(out, "\t%" PRIu64 "\t%" PRIu64 "\t%.4f\t%.4f\n", w->a, w->b, w->g2, w->lr);
    else
        ds_buf_printf(
            out, ",\"freq\":%" PRIu64 ",\"ref_freq\":%" PRIu64 ",\"g2\":%.6f,\"log_ratio\":%.6f}\n",
            w->a, w->b, w->g2, w->lr);
}

static ds_status_t put_rows(ds_buf_t *out, const fmt_options_t *fmt, const kk_opts_t *o,
                            const rows_t *r, FILE *stream)
{
    ds_status_t rc = DS_OK;
    size_t from = o->offset < r->n ? (size_t)o->offset : r->n;
    size_t to = r->n - from > o->limit ? from + (size_t)o->limit : r->n;
    for (size_t i = from; i < to && rc == DS_OK; i++) {
        put_row(out, fmt, &r->v[i], i + 1);
        rc = kw_flush(out, stream);
    }
    return rc;
}

/* ---- entry point ---------------------------------------------------------------- */

ds_status_t kk_run(sq_index_t *ix, const xap_query_t *sub, const xap_query_t *ref,
                   const kk_opts_t *o, const fmt_options_t *fmt, ds_buf_t *out, FILE *stream,
                   uint64_t *found, ds_error_t *e)
{
    wd_counts_t cs = {0}, cr = {0};
    rows_t r = {.o = o};
    *found = 0;
    ds_status_t rc = wd_count(ix->db, sub, &cs);
    if (rc == DS_OK)
        rc = wd_count(ix->db, ref, &cr);
    if (rc == DS_OK)
        rc = make_rows(&r, &cs, &cr);
    if (rc == DS_OK && fmt->kind == FMT_TEXT)
        put_intro(out, fmt, &cs, &cr, o);
    if (rc == DS_OK)
        rc = put_rows(out, fmt, o, &r, stream);
    if (rc == DS_OK && !ds_buf_ok(out))
        rc = DS_ERR_NOMEM;
    if (rc != DS_OK && e && e->status == DS_OK) {
        const char *msg = xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", msg[0] ? msg : ds_status_str(rc));
    }
    *found = r.n;
    free(r.v);
    wd_counts_release(&cs);
    wd_counts_release(&cr);
    return rc;
}
