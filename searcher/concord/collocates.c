/*
 * collocates.c - counting the words around occurrences and ranking them (see
 * collocates.h).
 *
 *   measures ........... co_expected, co_score (MI, t-score, Dunning's G2)
 *   walking ............ count_doc: the windows of each occurrence, read from the
 *                        position map around it (kw_words_window), never the whole
 *                        text, except where kw_each_doc_pos takes the text path
 *   ranking ............ make_rows, row_cmp (N from ds_sizes_sum)
 *   output ............. put_intro, put_row, co_header
 *   entry point ........ co_run
 */
#include "collocates.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "docsizes.h"
#include "kwic.h"
#include "out.h"
#include "schema.h"
#include "wtable.h"

/* ---- measures ------------------------------------------------------------------- */

int co_parse_measure(co_measure_t *m, const char *s)
{
    static const char *const names[] = {"ll", "mi", "t"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *m = (co_measure_t)i;
            return 0;
        }
    return -1;
}

const char *co_measure_name(co_measure_t m)
{
    return m == CO_MI ? "mi" : m == CO_T ? "t" : "ll";
}

double co_expected(uint64_t fk, uint64_t fw, unsigned window, uint64_t n)
{
    return n ? (double)fk * (double)fw * 2.0 * window / (double)n : 0.0;
}

/* o ln(o / e), 0 for an empty (or impossible, negative) cell. */
static double g2_cell(double o, double e)
{
    return o > 0 && e > 0 ? o * log(o / e) : 0.0;
}

static double g2(uint64_t o, uint64_t fk, uint64_t fw, unsigned window, uint64_t n)
{
    double N = (double)n, r1 = (double)fk * 2.0 * window, c1 = (double)fw;
    double r2 = N - r1, c2 = N - c1, O = (double)o;
    double sum = g2_cell(O, r1 * c1 / N) + g2_cell(r1 - O, r1 * c2 / N) +
                 g2_cell(c1 - O, r2 * c1 / N) + g2_cell(N - r1 - c1 + O, r2 * c2 / N);
    double e = r1 * c1 / N;
    return O < e ? -2.0 * sum : 2.0 * sum;
}

double co_score(co_measure_t m, uint64_t o, uint64_t fk, uint64_t fw, unsigned window, uint64_t n)
{
    double e = co_expected(fk, fw, window, n);
    if (n == 0 || o == 0 || e <= 0)
        return 0.0;
    if (m == CO_MI)
        return log2((double)o / e);
    if (m == CO_T)
        return ((double)o - e) / sqrt((double)o);
    return g2(o, fk, fw, window, n);
}

/* ---- walking ---------------------------------------------------------------------- */

typedef struct run {
    const co_opts_t *o;
    wt_table_t table;
    kw_words_t words;
    uint64_t occ; /* f(k) */
} run_t;

static ds_status_t count_range(run_t *r, size_t from, size_t to)
{
    ds_status_t rc = DS_OK;
    for (size_t i = from; i < to && rc == DS_OK; i++)
        rc = wt_add(&r->table, kw_words_term(&r->words, i), r->words.v[i].term_len, 1, NULL);
    return rc;
}

/* The words around occurrence i of d into r->words: a window read from the position
 * map (kw_words_window), else -- no map, or one that does not answer for the text --
 * the words of the whole text, scanned once for the document (*whole set). */
static ds_status_t words_around(run_t *r, const kw_doc_t *d, size_t i, int *whole)
{
    if (*whole)
        return DS_OK;
    if (d->map) {
        ds_status_t rc =
            kw_words_window(&r->words, d->map, d->text, d->len, &d->occ[i], r->o->window);
        if (rc != DS_ERR_RANGE && rc != DS_ERR_CORRUPT)
            return rc;
    }
    *whole = 1;
    const char *text; /* the view holds only the windows read so far: read it all */
    size_t len;
    ds_status_t rc = dstore_text(d->rec, &text, &len);
    return rc == DS_OK ? kw_words_scan(&r->words, text, len) : rc;
}

static ds_status_t count_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    run_t *r = ctx;
    (void)stop;
    size_t w = r->o->window;
    int whole = 0;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < d->nocc && rc == DS_OK; i++) {
        rc = words_around(r, d, i, &whole);
        size_t left = kw_words_before(&r->words, d->occ[i].start);
        size_t right = kw_words_after(&r->words, d->occ[i].end);
        if (rc == DS_OK)
            rc = count_range(r, left > w ? left - w : 0, left);
        if (rc == DS_OK)
            rc = count_range(r, right, right + w < r->words.n ? right + w : r->words.n);
    }
    r->occ += d->nocc;
    return rc;
}

/* ---- ranking ---------------------------------------------------------------------- */

typedef struct row {
    const char *word;
    size_t len;
    uint64_t o, fw;
    double e, score;
} row_t;

/* f(w): the collection frequency of w's exact body term (fitted as the indexer did). */
static ds_status_t corpus_freq(xap_db_t *db, const char *w, size_t len, ds_buf_t *tmp, uint64_t *fw)
{
    ds_buf_reset(tmp);
    an_term_fit(tmp, "", w, len);
    if (!ds_buf_ok(tmp))
        return DS_ERR_NOMEM;
    return xap_db_collection_freq(db, tmp->data, tmp->len, fw);
}

static int row_cmp(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->o != y->o)
        return x->o > y->o ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The rows of the words that pass min_freq and the stop list, ranked. */
static ds_status_t make_rows(run_t *r, xap_db_t *db, uint64_t n, row_t **rows, size_t *nrows)
{
    const co_opts_t *o = r->o;
    ds_buf_t tmp = DS_BUF_INIT;
    ds_status_t rc = DS_OK;
    *rows = calloc(r->table.used ? r->table.used : 1, sizeof **rows);
    if (!*rows)
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < r->table.cap && rc == DS_OK; i++) {
        const wt_entry_t *e = &r->table.v[i];
        const char *w = wt_word(&r->table, e);
        if (!e->term || e->count < o->min_freq || (o->no_stopwords && an_is_stopword(w, e->len)))
            continue;
        row_t *row = &(*rows)[(*nrows)++];
        *row = (row_t){w, e->len, e->count, 0, 0, 0};
        rc = corpus_freq(db, w, e->len, &tmp, &row->fw);
        row->fw = row->fw ? row->fw : 1; /* a word seen has a frequency */
        row->e = co_expected(r->occ, row->fw, o->window, n);
        row->score = co_score(o->measure, row->o, r->occ, row->fw, o->window, n);
    }
    ds_buf_release(&tmp);
    if (rc == DS_OK && *nrows)
        qsort(*rows, *nrows, sizeof **rows, row_cmp);
    return rc;
}

/* ---- output ----------------------------------------------------------------------- */

void co_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "rank\tword\tobserved\texpected\tscore\tfreq\n");
}

/* Text: what was counted, then the column heads. */
static void put_intro(ds_buf_t *out, const fmt_options_t *fmt, const run_t *r, uint64_t n)
{
    kw_row_prefix(out, fmt);
    ds_buf_printf(out,
                  "%" PRIu64 " occurrence%s; window %u words left and right; measure %s;"
                  " corpus %" PRIu64 " words; minimum frequency %" PRIu64 "\n",
                  r->occ, r->occ == 1 ? "" : "s", r->o->window, co_measure_name(r->o->measure), n,
                  r->o->min_freq);
    kw_row_prefix(out, fmt);
    ds_buf_puts(out, "rank  word                  observed   expected      score       freq\n");
}

static void put_text_row(ds_buf_t *out, const row_t *w, size_t rank)
{
    ds_buf_printf(out, "%4zu  ", rank);
    size_t at = out->len;
    out_text(out, w->word, w->len, 1);
    for (size_t col = out_text_width(out->data + at, out->len - at); col < 20; col++)
        ds_buf_putc(out, ' ');
    ds_buf_printf(out, "  %8" PRIu64 "  %9.3f  %9.3f  %9" PRIu64 "\n", w->o, w->e, w->score, w->fw);
}

static void put_row(ds_buf_t *out, const fmt_options_t *fmt, const row_t *w, size_t rank)
{
    if (fmt->kind == FMT_TEXT) {
        kw_row_prefix(out, fmt);
        put_text_row(out, w, rank);
    } else if (fmt->kind == FMT_TSV) {
        kw_row_prefix(out, fmt);
        ds_buf_printf(out, "%zu\t", rank);
        out_tsv_field(out, w->word, w->len);
        ds_buf_printf(out, "\t%" PRIu64 "\t%.4f\t%.4f\t%" PRIu64 "\n", w->o, w->e, w->score, w->fw);
    } else {
        ds_buf_putc(out, '{');
        kw_row_prefix(out, fmt);
        ds_buf_printf(out, "\"rank\":%zu,\"word\":", rank);
        out_json_str(out, w->word, w->len);
        ds_buf_printf(out,
                      ",\"observed\":%" PRIu64 ",\"expected\":%.6g,\"score\":%.6g,"
                      "\"freq\":%" PRIu64 "}\n",
                      w->o, w->e, w->score, w->fw);
    }
}

static ds_status_t put_rows(ds_buf_t *out, const fmt_options_t *fmt, const co_opts_t *o,
                            const row_t *rows, size_t n, FILE *stream)
{
    ds_status_t rc = DS_OK;
    size_t from = o->offset < n ? (size_t)o->offset : n;
    size_t to = n - from > o->limit ? from + (size_t)o->limit : n;
    for (size_t i = from; i < to && rc == DS_OK; i++) {
        put_row(out, fmt, &rows[i], i + 1);
        rc = kw_flush(out, stream);
    }
    return rc;
}

/* ---- entry point ------------------------------------------------------------------ */

ds_status_t co_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const co_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e)
{
    run_t r = {.o = o};
    row_t *rows = NULL;
    size_t nrows = 0;
    uint64_t n = 0;
    *found = 0;
    /* the windows' words from the position maps; DS_COLLOC_TEXT is the tests' switch to
     * the text path, DS_COLLOC_TOKENS their count of the tokens read for words */
    ds_status_t rc = kw_test_hook("DS_COLLOC_TEXT")
                         ? kw_each_doc(ix, xq, m, KW_ORDER_DOC, count_doc, &r, e)
                         : kw_each_doc_pos(ix, xq, m, KW_ORDER_DOC, count_doc, &r, e);
    if (kw_test_hook("DS_COLLOC_TOKENS"))
        fprintf(stderr, "collocates: %" PRIu64 " tokens read for words\n", r.words.tokens);
    if (rc == DS_OK && (rc = ds_sizes_sum(ix->db, &n, NULL)) == DS_OK)
        rc = make_rows(&r, ix->db, n, &rows, &nrows);
    if (rc == DS_OK && fmt->kind == FMT_TEXT)
        put_intro(out, fmt, &r, n);
    if (rc == DS_OK)
        rc = put_rows(out, fmt, o, rows, nrows, stream);
    if (rc == DS_OK && !ds_buf_ok(out))
        rc = DS_ERR_NOMEM;
    if (rc != DS_OK && e && e->status == DS_OK) { /* after the walk: the database's */
        const char *msg = xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", msg[0] ? msg : ds_status_str(rc));
    }
    *found = nrows;
    free(rows);
    wt_release(&r.table);
    kw_words_release(&r.words);
    return rc;
}
