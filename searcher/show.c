/*
 * show.c - searcher --show: a locator's span, found again (see show.h).
 *
 *   messages ........... bad_locator, fail
 *   the span ........... context (words each side), place (page and line), quote_find
 *   the document ....... load (by id), check (hash and bounds)
 *   entry point ........ sq_show
 */
#include "show.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "docrec.h"
#include "kwic.h"
#include "locator.h"
#include "out.h"
#include "schema.h"
#include "show_int.h"

/* ---- messages ------------------------------------------------------------------- */

/* The parse error with the locator and a caret under its (byte) column. */
static int bad_locator(const char *s, size_t len, const ds_error_t *e, FILE *err)
{
    ds_buf_t r = DS_BUF_INIT;
    ds_buf_printf(&r, "searcher: malformed locator: %s (column %zu)\n  ", e->message, e->column);
    out_text(&r, s, len, 0);
    size_t col = e->column ? e->column - 1 : 0;
    size_t pad = out_text_width(s, col < len ? col : len);
    ds_buf_printf(&r, "\n  %*s^\n", (int)pad, "");
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    return 2;
}

static int fail(const char *what, const char *s, size_t len, FILE *err)
{
    ds_buf_t r = DS_BUF_INIT;
    ds_buf_puts(&r, "searcher: ");
    ds_buf_puts(&r, what);
    out_text(&r, s, len, 0);
    ds_buf_putc(&r, '\n');
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    return 2;
}

/* ---- the span ------------------------------------------------------------------- */

/* s->ls and s->re: n of w's words each side of [s->start, s->end). */
static void context(sq_shown_t *s, const kw_words_t *w, size_t n)
{
    size_t b = kw_words_before(w, s->start), a = kw_words_after(w, s->end);
    size_t nl = b < n ? b : n, nr = w->n - a < n ? w->n - a : n;
    s->ls = nl ? w->v[b - nl].start : s->start;
    s->re = nr ? w->v[a + nr - 1].end : s->end;
}

/* Page and line of s->start (show.h, Page and line). */
static void place(sq_shown_t *s, const sq_locdoc_t *d)
{
    const char *v = dstore_get(s->rec, DS_FIELD_PAGE, NULL);
    const char *type = dstore_get(s->rec, DS_FIELD_TYPE, NULL);
    ds_loc_t loc = sq_locdoc_loc(d, s->start, s->end);
    s->page = loc.page;
    s->line = loc.line;
    if (d->nloci)
        return;
    if (v) { /* a citation: where its footnote starts */
        s->page = (size_t)strtoul(v, NULL, 10);
        v = dstore_get(s->rec, DS_FIELD_LINE, NULL);
        s->line = v ? (size_t)strtoul(v, NULL, 10) : 0;
    } else if (dstore_get(s->rec, DS_FIELD_PAGES, NULL) &&
               !(type && strcmp(type, DS_TYPE_REPORT) == 0)) {
        s->page = 1; /* a plain PDF: its stored text has a form feed between pages */
        for (size_t i = 0; i < s->start; i++)
            s->page += s->text[i] == '\f';
    }
}

/* Where the words of q stand in w: how often, and the first span. */
static long quote_find(const kw_words_t *w, const kw_words_t *q, size_t *start, size_t *end)
{
    long found = 0;
    for (size_t i = 0; q->n && i + q->n <= w->n; i++) {
        size_t k = 0;
        while (k < q->n && w->v[i + k].term_len == q->v[k].term_len &&
               memcmp(kw_words_term(w, i + k), kw_words_term(q, k), q->v[k].term_len) == 0)
            k++;
        if (k < q->n)
            continue;
        if (!found++) {
            *start = w->v[i].start;
            *end = w->v[i + q->n - 1].end;
        }
    }
    return found;
}

/* A changed document and --quote: the quoted words' count and, found once, their span
 * and new locator. */
static void requote(sq_shown_t *s, const kw_words_t *w, const kw_words_t *q, sq_locdoc_t *d)
{
    size_t start = 0, end = 0;
    s->occurrences = quote_find(w, q, &start, &end);
    if (s->occurrences != 1)
        return;
    s->has_span = 1;
    s->start = start;
    s->end = end;
    ds_loc_t loc = sq_locdoc_loc(d, start, end);
    ds_loc_format(&s->now, &loc);
}

/* ---- the document --------------------------------------------------------------- */

/* The record loc names, with its text, into s. 2 after a message on err. */
static int load(sq_index_t *ix, const ds_loc_t *loc, sq_shown_t *s, FILE *err)
{
    xap_docid_t docid = 0;
    ds_error_t e;
    ds_status_t rc = sq_docrec_find(ix, loc->id, loc->idlen, &docid, &e);
    if (rc == DS_OK)
        rc = sq_docrec_read(ix, docid, &s->rec, &e);
    size_t idlen = 0;
    const char *id = rc == DS_OK ? dstore_get(s->rec, DS_FIELD_ID, &idlen) : NULL;
    if (rc == DS_ERR_NOT_FOUND ||
        (rc == DS_OK && !(id && idlen == loc->idlen && memcmp(id, loc->id, idlen) == 0)))
        return fail("no document in the index has the locator's id: ", loc->id, loc->idlen, err);
    if (rc == DS_OK && (rc = sq_docrec_text(s->rec, &s->text, &s->len)) != DS_OK)
        ds_error_set(&e, rc, 0, "document %u: damaged text (rebuild the index)", (unsigned)docid);
    return rc == DS_OK ? 0 : fail("error: ", e.message, strlen(e.message), err);
}

/* Whether the text is still the locator's: s->changed, s->now_hash. 2 on an error. */
static int check(const ds_loc_t *loc, sq_shown_t *s, FILE *err)
{
    uint64_t h = 0;
    if (ds_docmap_text_hash(s->rec, &h) != DS_OK)
        return fail("error: the document's record has no text hash (rebuild the index): ", loc->id,
                    loc->idlen, err);
    s->now_hash = ds_loc_hash(h);
    s->changed = s->now_hash != loc->hash || loc->end > s->len;
    if (!s->changed) {
        s->has_span = 1;
        s->start = loc->start;
        s->end = loc->end;
        return 0;
    }
    ds_buf_t r = DS_BUF_INIT;
    ds_buf_puts(&r, "searcher: ");
    out_text(&r, loc->id, loc->idlen, 0);
    ds_buf_printf(
        &r, " changed since this locator was made (hash %012" PRIx64 ", now %012" PRIx64 ")%s\n",
        loc->hash, s->now_hash,
        loc->end > s->len && s->now_hash == loc->hash ? ": the span is past its end" : "");
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    return 0;
}

/* ---- entry point ---------------------------------------------------------------- */

/* The span (or the quoted words) in context, page and line: after load and check. */
static ds_status_t locate(sq_shown_t *s, const sq_show_opts_t *o, const kw_words_t *q)
{
    kw_words_t w = KW_WORDS_INIT;
    sq_locdoc_t d = SQ_LOCDOC_INIT;
    ds_status_t rc = kw_words_scan(&w, s->text, s->len);
    if (rc == DS_OK)
        rc = sq_locdoc_read(&d, s->rec);
    if (rc == DS_OK && s->changed && o->quote)
        requote(s, &w, q, &d);
    else if (rc == DS_OK && o->quote)
        s->occurrences = quote_find(&w, q, &(size_t){0}, &(size_t){0});
    if (rc == DS_OK && s->has_span) {
        context(s, &w, o->context);
        place(s, &d);
    }
    rc = rc == DS_OK && !ds_buf_ok(&s->now) ? DS_ERR_NOMEM : rc;
    sq_locdoc_release(&d);
    kw_words_release(&w);
    return rc;
}

int sq_show(sq_index_t *ix, const sq_show_opts_t *o, ds_buf_t *out, FILE *err)
{
    size_t len = strlen(o->locator);
    ds_loc_t loc;
    ds_error_t e;
    if (ds_loc_parse(o->locator, len, &loc, &e) != DS_OK)
        return bad_locator(o->locator, len, &e, err);
    kw_words_t q = KW_WORDS_INIT;
    ds_status_t rc = o->quote ? kw_words_scan(&q, o->quote, strlen(o->quote)) : DS_OK;
    if (rc != DS_OK || (o->quote && !q.n)) {
        kw_words_release(&q);
        return rc != DS_OK ? fail("error: ", "out of memory", 13, err)
                           : fail("--quote has no words: ", o->quote, strlen(o->quote), err);
    }
    sq_shown_t s = {o->locator, len, NULL, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, DS_BUF_INIT};
    int st = load(ix, &loc, &s, err);
    if (st == 0)
        st = check(&loc, &s, err);
    if (st == 0 && locate(&s, o, &q) != DS_OK)
        st = fail("error: ", "out of memory", 13, err);
    if (st == 0) {
        sq_show_print(out, o, &s);
        st = s.changed ? 1 : 0;
    }
    kw_words_release(&q);
    ds_buf_release(&s.now);
    dstore_record_free(s.rec);
    return st;
}
