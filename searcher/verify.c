/*
 * verify.c - searcher --verify (see verify.h).
 *
 *   candidates ...... documents holding every word of the quote (an AND of exact
 *                     terms), or for the closest place most of them (an OR)
 *   places .......... every occurrence in each candidate (qalign.h, qa_find); a report
 *                     whose passage has the place is left out (the passage cites it)
 *   answer .......... sorted by date (undated last), then id; printed by vfout.c
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "locate.h"
#include "natsort.h"
#include "qalign.h"
#include "schema.h"
#include "search.h"
#include "vfout.h"

/* Documents read for places (all that hold every word, up to this many), and for a word
 * hyphenated at a line end or the closest place (the best matches of any word). */
#define VF_AND_DOCS 10000
#define VF_OR_DOCS 20

/* The one reader of a document's text here (the document store may change how). */
static ds_status_t doc_text(sq_hit_t *hit, const char **text, size_t *len)
{
    return dstore_text(hit->rec, text, len);
}

/* The exact term of quote word w. */
static ds_status_t word_query(const qa_word_t *w, ds_buf_t *term, xap_query_t **out)
{
    ds_buf_reset(term);
    an_term_fit(term, "", w->term, strlen(w->term));
    return ds_buf_ok(term) ? xap_query_term(ds_buf_cstr(term), term->len, 1, 0, out) : DS_ERR_NOMEM;
}

/* Positions a run of n quote words may take in the index: a hyphenated compound takes
 * three (the whole and its parts), a possessive two, a footnote marker shares one; four
 * a word and a few more never cut off a true place. */
#define VF_PHRASE_WINDOW(n) (4 * (unsigned)(n) + 8)

/* subs[0..n): the OR of the words' terms, or for AND one query per run of words
 * between ellipses and insertions: the run's terms in order within VF_PHRASE_WINDOW
 * positions (so a quote of common words asks only the documents where they stand
 * together; a place is never lost, as the window is wider than any true place's). */
static ds_status_t words_subs(const qa_words_t *q, xap_op_t op, xap_query_t **subs, size_t *n)
{
    ds_buf_t term = DS_BUF_INIT;
    ds_status_t rc = DS_OK;
    *n = 0;
    for (size_t i = 0, j; rc == DS_OK && i < q->n; i = j) {
        for (j = i + 1; op == XAP_OP_AND && j < q->n && q->w[j].gap == QA_GAP_NONE; j++)
            ;
        xap_query_t **run = calloc(j - i, sizeof *run);
        rc = run ? DS_OK : DS_ERR_NOMEM;
        for (size_t k = i; rc == DS_OK && k < j; k++)
            rc = word_query(&q->w[k], &term, &run[k - i]);
        if (rc == DS_OK && j - i == 1)
            subs[(*n)++] = run[0], run[0] = NULL;
        else if (rc == DS_OK)
            rc = xap_query_combine(XAP_OP_PHRASE, (const xap_query_t *const *)run, j - i,
                                   VF_PHRASE_WINDOW(j - i), &subs[(*n)++]);
        for (size_t k = 0; run && k < j - i; k++)
            if (run[k])
                xap_query_free(run[k]);
        free(run);
    }
    ds_buf_release(&term);
    return rc;
}

/* The OR of the exact terms of the quote's words, or the AND of its runs (words_subs). */
static ds_status_t words_query(const qa_words_t *q, xap_op_t op, xap_query_t **out)
{
    xap_query_t **subs = calloc(q->n, sizeof *subs);
    size_t n = 0;
    ds_status_t rc = subs ? words_subs(q, op, subs, &n) : DS_ERR_NOMEM;
    if (rc == DS_OK)
        rc = xap_query_combine(op, (const xap_query_t *const *)subs, n, 0, out);
    for (size_t i = 0; subs && i < q->n; i++)
        if (subs[i])
            xap_query_free(subs[i]);
    free(subs);
    return rc;
}

static ds_status_t candidates(sq_index_t *ix, const qa_words_t *q, xap_op_t op, uint64_t limit,
                              sq_result_t *res, ds_error_t *e)
{
    xap_query_t *xq = NULL;
    ds_status_t rc = words_query(q, op, &xq);
    if (rc != DS_OK)
        return rc;
    sq_search_opts_t so = {0};
    so.limit = limit;
    rc = sq_search(ix, xq, &so, res, e);
    xap_query_free(xq);
    return rc;
}

/* The places of q in one hit, appended to *vs. */
static ds_status_t hit_places(const qa_words_t *q, const char *quote, sq_hit_t *hit,
                              vf_places_t *vs)
{
    const char *text;
    size_t len;
    ds_status_t rc = doc_text(hit, &text, &len);
    qa_words_t t = QA_WORDS_INIT;
    if (rc == DS_OK)
        rc = qa_words_text(&t, text, len);
    qa_match_t m;
    for (size_t from = 0; rc == DS_OK && from < t.n; from = m.first + 1) {
        int r = qa_find(q, quote, &t, text, from, &m);
        if (r <= 0) {
            rc = r < 0 ? DS_ERR_NOMEM : DS_OK;
            break;
        }
        rc = vf_places_add(vs, hit, q, &t, text, &m);
        qa_match_release(&m);
    }
    qa_words_release(&t);
    return rc;
}

/* The closest place in the documents of res (those holding most of the quote's words). */
static ds_status_t closest(const qa_words_t *q, const char *quote, sq_result_t *res,
                           vf_places_t *vs)
{
    qa_closest_t best = {0, 0, NULL, SIZE_MAX};
    size_t besthit = 0;
    qa_words_t bt = QA_WORDS_INIT;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; rc == DS_OK && i < res->nhits; i++) {
        const char *text;
        size_t len;
        qa_words_t t = QA_WORDS_INIT;
        qa_closest_t c;
        rc = doc_text(&res->hits[i], &text, &len);
        if (rc == DS_OK && (rc = qa_words_text(&t, text, len)) == DS_OK &&
            (rc = qa_closest(q, &t, &c)) == DS_OK && c.first <= c.last && c.nd < best.nd) {
            qa_closest_release(&best);
            qa_words_release(&bt);
            best = c, bt = t, besthit = i;
            continue;
        }
        if (rc == DS_OK)
            qa_closest_release(&c);
        qa_words_release(&t);
    }
    if (rc == DS_OK && best.nd <= q->n / 2) { /* else too far to be this quote */
        const char *text;
        size_t len;
        rc = doc_text(&res->hits[besthit], &text, &len);
        if (rc == DS_OK)
            rc = vf_places_closest(vs, &res->hits[besthit], q, quote, &bt, text, &best);
    }
    qa_closest_release(&best);
    qa_words_release(&bt);
    return rc;
}

static int holds(const sq_result_t *res, xap_docid_t id)
{
    for (size_t i = 0; i < res->nhits; i++)
        if (res->hits[i].docid == id)
            return 1;
    return 0;
}

/* Every place: in the documents holding every word, and (as a word hyphenated at a
 * line end is two terms in the index) in the VF_OR_DOCS that best match the words;
 * else the closest place among those. */
static ds_status_t find_all(sq_index_t *ix, const qa_words_t *q, const char *quote, vf_places_t *vs,
                            FILE *err, ds_error_t *e)
{
    sq_result_t all, some;
    ds_status_t rc = candidates(ix, q, XAP_OP_AND, VF_AND_DOCS, &all, e);
    if (rc != DS_OK)
        return rc;
    if (all.nhits == VF_AND_DOCS && all.upper > all.nhits) /* none left out unsaid */
        fprintf(err,
                "searcher: the quote's words stand together in more than %d documents: "
                "places are listed from the %d best-matching only\n",
                VF_AND_DOCS, VF_AND_DOCS);
    for (size_t i = 0; rc == DS_OK && i < all.nhits; i++)
        rc = hit_places(q, quote, &all.hits[i], vs);
    if (rc == DS_OK && (rc = candidates(ix, q, XAP_OP_OR, VF_OR_DOCS, &some, e)) == DS_OK) {
        for (size_t i = 0; rc == DS_OK && i < some.nhits; i++)
            if (!holds(&all, some.hits[i].docid))
                rc = hit_places(q, quote, &some.hits[i], vs);
        if (rc == DS_OK && vs->n == 0)
            rc = closest(q, quote, &some, vs);
        sq_result_release(&some);
    }
    sq_result_release(&all);
    if (rc == DS_OK)
        vf_places_finish(vs);
    return rc;
}

static int fail(const fmt_options_t *fmt, ds_buf_t *out, FILE *err, const char *msg)
{
    if (fmt->query_id)
        fmt_error(out, fmt, msg, 0);
    fprintf(err, "searcher: %s\n", msg);
    return SQ_ERROR;
}

int vf_verify(sq_index_t *ix, const char *quote, size_t len, const fmt_options_t *fmt,
              ds_buf_t *out, FILE *err)
{
    qa_words_t q = QA_WORDS_INIT;
    if (qa_words_quote(&q, quote, len) != DS_OK) {
        qa_words_release(&q);
        return fail(fmt, out, err, "error: out of memory");
    }
    if (q.n < VF_MIN_WORDS) {
        qa_words_release(&q);
        return fail(fmt, out, err,
                    "a quote of fewer than 3 words cannot be verified "
                    "(too likely by chance)");
    }
    vf_places_t vs = VF_PLACES_INIT;
    ds_error_t e = {0};
    ds_status_t rc = find_all(ix, &q, quote, &vs, err, &e);
    int st = SQ_ERROR;
    if (rc == DS_OK) {
        vf_print(out, fmt, &vs);
        st = vs.n && !vs.p[0].d ? SQ_HITS : SQ_NO_HITS;
    } else {
        char msg[DS_ERROR_MESSAGE_SIZE + 16];
        snprintf(msg, sizeof msg, "error: %s", e.message[0] ? e.message : ds_status_str(rc));
        fail(fmt, out, err, msg);
    }
    vf_places_release(&vs);
    qa_words_release(&q);
    return st;
}
