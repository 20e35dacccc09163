/*
 * words.c - the word list of a subcorpus from the documents' termlists (see words.h).
 *
 *   counting ........... wtable.h: word to frequency and documents
 *   walking ............ the matching docids (a Boolean match set), each termlist
 *   ranking ............ make_rows, row_cmp
 *   output ............. put_intro, put_row, wd_header
 *   entry point ........ wd_run
 */
#include "words.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "kwic.h"
#include "out.h"
#include "wtable.h"

/* ---- counting ----------------------------------------------------------------- */

static ds_status_t count(wd_counts_t *t, const char *term, size_t len, uint32_t wdf)
{
    wt_entry_t *e = NULL;
    ds_status_t rc = wt_add(&t->words, term, len, wdf, &e);
    if (rc == DS_OK) {
        e->docs++; /* a termlist holds each term once */
        t->total += wdf;
    }
    return rc;
}

/* ---- walking -------------------------------------------------------------------- */

/* A word: an exact body term (no prefix: prefixes are capitals, schema.h) holding a
 * letter, so that numbers and footnote markers stay out, and no apostrophe: the whole
 * form of a possessive or contraction ("icann's") is left to its head ("icann"), which
 * the index holds at the same place, so the word is counted once. */
static int is_word(const char *t, size_t len)
{
    int letter = 0;
    if (len == 0 || (t[0] >= 'A' && t[0] <= 'Z'))
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\'')
            return 0;
        letter |= c >= 0x80 || (c >= 'a' && c <= 'z');
    }
    return letter;
}

static ds_status_t count_doc(xap_db_t *db, xap_docid_t docid, wd_counts_t *t)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_db_termlist(db, docid, &it);
    int r = 0;
    while (rc == DS_OK && (r = xap_termiter_next(it)) == 1) {
        size_t len;
        const char *term = xap_termiter_term(it, &len);
        uint32_t wdf = 0;
        if (is_word(term, len) && (rc = xap_termiter_wdf(it, &wdf)) == DS_OK && wdf)
            rc = count(t, term, len, wdf);
    }
    if (rc == DS_OK && r < 0)
        rc = (ds_status_t)-r;
    xap_termiter_free(it);
    return rc;
}

/* Every document xq matches, counted into t (a Boolean match set holds them all; the
 * order does not change the counts). */
ds_status_t wd_count(xap_db_t *db, const xap_query_t *xq, wd_counts_t *t)
{
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    uint64_t ndocs = 0;
    ds_status_t rc = xap_db_doc_count(db, &ndocs);
    if (rc == DS_OK)
        rc = xap_enquire_new(db, &enq);
    if (rc == DS_OK)
        rc = xap_enquire_set_query(enq, xq);
    if (rc == DS_OK)
        rc = xap_enquire_set_boolean(enq);
    if (rc == DS_OK && ndocs)
        rc = xap_enquire_mset(enq, 0, ndocs, 0, &ms);
    for (size_t i = 0; rc == DS_OK && i < xap_mset_size(ms); i++) {
        xap_docid_t docid = 0;
        if ((rc = xap_mset_item(ms, i, &docid, NULL, NULL, NULL)) == DS_OK)
            rc = count_doc(db, docid, t);
    }
    t->ndocs = xap_mset_size(ms);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

/* ---- ranking -------------------------------------------------------------------- */

typedef struct row {
    const char *word;
    size_t len;
    uint64_t freq, docs;
} row_t;

static int row_cmp(const void *a, const void *b)
{
    const row_t *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq > y->freq ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static ds_status_t make_rows(const wd_counts_t *t, const co_opts_t *o, row_t **rows, size_t *n)
{
    *n = 0;
    const wt_table_t *wt = &t->words;
    if (!(*rows = malloc((wt->used + 1) * sizeof **rows)))
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < wt->cap; i++) {
        const wt_entry_t *e = &wt->v[i];
        const char *w = wt_word(wt, e);
        if (!e->term || e->count < o->min_freq || (o->no_stopwords && an_is_stopword(w, e->len)))
            continue;
        (*rows)[(*n)++] = (row_t){w, e->len, e->count, e->docs};
    }
    qsort(*rows, *n, sizeof **rows, row_cmp);
    return DS_OK;
}

/* ---- output --------------------------------------------------------------------- */

void wd_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "rank\tword\tfreq\tdocs\tper_million\n");
}

static double per_million(uint64_t f, uint64_t total)
{
    return total ? (double)f * 1e6 / (double)total : 0;
}

/* Text: what was counted, then the column heads. */
static void put_intro(ds_buf_t *out, const fmt_options_t *fmt, const wd_counts_t *t,
                      const co_opts_t *o)
{
    kw_row_prefix(out, fmt);
    ds_buf_printf(out,
                  "%" PRIu64 " words in %" PRIu64
                  " document%s; %zu distinct; minimum frequency %" PRIu64 "\n",
                  t->total, t->ndocs, t->ndocs == 1 ? "" : "s", t->words.used, o->min_freq);
    kw_row_prefix(out, fmt);
    ds_buf_printf(out, "rank  %-20s  %10s %10s  %11s\n", "word", "freq", "docs", "per million");
}

void wd_put_word(ds_buf_t *out, const fmt_options_t *fmt, size_t rank, const char *w, size_t len)
{
    if (fmt->kind == FMT_JSON)
        ds_buf_putc(out, '{');
    kw_row_prefix(out, fmt);
    if (fmt->kind == FMT_TEXT) {
        ds_buf_printf(out, "%4zu  ", rank);
        size_t at = out->len;
        out_text(out, w, len, 1);
        for (size_t col = out_text_width(out->data + at, out->len - at); col < 20; col++)
            ds_buf_putc(out, ' ');
    } else if (fmt->kind == FMT_TSV) {
        ds_buf_printf(out, "%zu\t", rank);
        out_tsv_field(out, w, len);
    } else {
        ds_buf_printf(out, "\"rank\":%zu,\"word\":", rank);
        out_json_str(out, w, len);
    }
}

static void put_row(ds_buf_t *out, const fmt_options_t *fmt, const row_t *w, size_t rank,
                    uint64_t total)
{
    double pm = per_million(w->freq, total);
    wd_put_word(out, fmt, rank, w->word, w->len);
    if (fmt->kind == FMT_TEXT)
        ds_buf_printf(out, "  %10" PRIu64 " %10" PRIu64 "  %11.2f\n", w->freq, w->docs, pm);
    else if (fmt->kind == FMT_TSV)
        ds_buf_printf(out, "\t%" PRIu64 "\t%" PRIu64 "\t%.4f\n", w->freq, w->docs, pm);
    else
        ds_buf_printf(out, ",\"freq\":%" PRIu64 ",\"docs\":%" PRIu64 ",\"per_million\":%.4f}\n",
                      w->freq, w->docs, pm);
}

/* ---- entry point ---------------------------------------------------------------- */

static ds_status_t put_rows(ds_buf_t *out, const fmt_options_t *fmt, const co_opts_t *o,
                            const row_t *rows, size_t n, uint64_t total, FILE *stream)
{
    ds_status_t rc = DS_OK;
    size_t from = o->offset < n ? (size_t)o->offset : n;
    size_t to = n - from > o->limit ? from + (size_t)o->limit : n;
    for (size_t i = from; i < to && rc == DS_OK; i++) {
        put_row(out, fmt, &rows[i], i + 1, total);
        rc = kw_flush(out, stream);
    }
    return rc;
}

ds_status_t wd_run(sq_index_t *ix, const xap_query_t *xq, const co_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e)
{
    wd_counts_t t = {0};
    row_t *rows = NULL;
    size_t nrows = 0;
    *found = 0;
    ds_status_t rc = wd_count(ix->db, xq, &t);
    if (rc == DS_OK)
        rc = make_rows(&t, o, &rows, &nrows);
    if (rc == DS_OK && fmt->kind == FMT_TEXT)
        put_intro(out, fmt, &t, o);
    if (rc == DS_OK)
        rc = put_rows(out, fmt, o, rows, nrows, t.total, stream);
    if (rc == DS_OK && !ds_buf_ok(out))
        rc = DS_ERR_NOMEM;
    if (rc != DS_OK && e && e->status == DS_OK) {
        const char *msg = xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", msg[0] ? msg : ds_status_str(rc));
    }
    *found = nrows;
    free(rows);
    wd_counts_release(&t);
    return rc;
}

void wd_counts_release(wd_counts_t *t)
{
    wt_release(&t->words);
}
