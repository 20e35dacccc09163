/*
 * kwic.c - occurrences of a query in the stored texts, and KWIC lines (see kwic.h).
 *
 *   1. occurrences ...... set_order, read_doc, visit_page, kw_each_doc
 *   2. contexts ......... prev_cp, next_cp, skip_back, skip_fwd, kw_left, kw_right
 *   3. words ............ kw_words_scan, kw_words_before, kw_words_after
 *   4. lines ............ line_t; put_doc_part (once per document), put_text_line,
 *                         put_tsv_line, put_json_line, make_line
 *   5. streaming ........ doc/date order: each line is written as it is found
 *   6. collecting ....... L1..R9 sorts and word contexts in text: lines kept, sorted,
 *                         then written (widths known)
 *   7. counting ......... --count: occurrences and documents, from position lists
 *                         (kw_each_count, kwcount.c): no text read, no context cut
 *   8. entry point ...... kw_header, kw_parse_sort, kw_flush, kw_run
 *
 * Speed. The walk holds one page of documents at a time. kw_run (and co_run, through
 * kw_each_doc_pos) finds each document's occurrences from the index's position lists
 * (docpos.h, read once per page in docid order and copied per document), so a
 * document without one is not even read; for the others the record and text are read
 * (the contexts need them) and mt_find_mapped (match.h) reads only the tokens at the
 * query terms' positions, each from the record's position map (posmap.h): the
 * checkpoint before it, at most 32 words -- no text is tokenized whole. It is the one
 * way from positions to bytes, shared with the snippets, and it gives mt_find's very
 * array. The text path (mt_find over the whole text) stays for what needs it: a
 * document where positions doubt (a footnote marker among the hits: match.h), a record
 * without a map, the L1..R9 sorts (the words of the whole text, kw_words_scan),
 * kw_each_doc's callers, and DS_KWIC_TEXT (kwic.h). On 323 MB of speeches
 * (bench/.cache/sotu/x30), `--kwic --format tsv '"government"'` (212,280 lines) went
 * from 2.89 s to 0.79 s when lines first came from positions. Then (bench/README.md,
 * "KWIC lines, cheaper"): the writers copy unchanged runs with one memcpy instead of
 * decoding and re-encoding each character (out.c), contexts step over ASCII without
 * decoding, offsets are written without printf, and the page is walked in two threads
 * (kwpipe.h: this one reads the records, the second finds occurrences and writes
 * lines). perf samples of the searcher's own code and libc fell from 3,044 to about
 * 1,700 (of 8,400 and about 7,000 in all); what is left is Xapian inflating whole
 * records (about 68%, on the reading thread), tokenizing from checkpoints (11%),
 * cutting and cleaning contexts (6%), writing TSV (2%), handing documents between the
 * threads (4%). Under shared load the lines took 2.28 s instead of 3.28 s.
 * Streaming output reuses scratch buffers, so no allocation happens per occurrence;
 * --count reads no text at all (kwcount.c). Only the sorted modes keep lines in memory
 * (one arena for all).
 */
#include "kwic.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "docpos.h"
#include "docread.h"
#include "grow.h"
#include "kwpipe.h"
#include "locate.h"
#include "out.h"
#include "schema.h"
#include "utf8.h"

/* ==== 1. occurrences ================================================================ */

/* Documents read per match set: enough to amortise a run of the matcher, few enough
 * that a page of records stays small. */
#define KW_PAGE 1000

static ds_status_t set_order(xap_enquire_t *enq, kw_order_t order)
{
    unsigned slots[2] = {DS_SLOT_DATE_START, DS_SLOT_ID_KEY}; /* natural id order */
    int desc[2] = {order == KW_ORDER_DATE_DESC, 0};
    if (order == KW_ORDER_DOC)
        return xap_enquire_sort_by_keys(enq, &slots[1], NULL, 1, 0);
    return xap_enquire_sort_by_keys(enq, slots, desc, 2, 0);
}

/* Keep one occurrence per start byte: mt_find sorts by start, longest first, and keeps
 * one per (unit, start); several units at one start are one occurrence here. */
static size_t one_per_start(mt_occ_t *occ, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        if (out == 0 || occ[i].start != occ[out - 1].start)
            occ[out++] = occ[i];
    return out;
}

/* The positions of one document of a page (positions path): a copy of its terms'
 * positions (one mt_termpos_t per term, mt_nterms of them, the positions after them in
 * the same block), taken while the page's lists are read in docid order; exact 0 sends
 * it to the text; none: mt_find_positions found no occurrence (nothing to read). */
typedef struct pdoc {
    xap_docid_t docid;
    size_t item; /* its index in the match set */
    mt_termpos_t *tp;
    int exact, none;
} pdoc_t;

/* d's occurrences, one per start byte, from the positions of p through the record's
 * position map (mt_find_mapped: the array mt_find gives, reading only the tokens at the
 * terms' positions). *ok = 0: the text must tell. On success d->map keeps the map (the
 * visitor may read windows of words with it). */
static ds_status_t occ_from_positions(mt_matcher_t *m, kw_doc_t *d, const pdoc_t *p, mt_occ_t **occ,
                                      int *ok)
{
    ds_posmap_t *map = NULL;
    ds_status_t rc = ds_docmap_posmap(d->rec, &map);
    *ok = rc == DS_OK;
    if (rc == DS_ERR_NOT_FOUND || rc == DS_ERR_CORRUPT)
        rc = DS_OK; /* a record of another schema: its text answers */
    size_t n = 0;
    if (rc == DS_OK && *ok)
        rc = mt_find_mapped(m, p->tp, map, d->text, d->len, d->len, occ, &n, ok);
    d->nocc = rc == DS_OK && *ok && *occ ? one_per_start(*occ, n) : 0;
    if (rc == DS_OK && *ok) {
        d->map = map;
        return DS_OK;
    }
    ds_posmap_free(map);
    free(*occ);
    *occ = NULL;
    return rc;
}

/* d's text and occurrences: from positions when p says they are exact (the text then
 * holds only the windows read: need_context reads the contexts), else mt_find over the
 * whole text. */
static ds_status_t find_occ(mt_matcher_t *m, kw_doc_t *d, const pdoc_t *p, mt_occ_t **occ)
{
    int ok = 0, positions = p && p->exact;
    ds_status_t rc = positions ? dstore_text_view(d->rec, &d->text, &d->len)
                               : dstore_text(d->rec, &d->text, &d->len);
    if (rc == DS_OK && positions)
        rc = occ_from_positions(m, d, p, occ, &ok);
    if (rc == DS_OK && positions && !ok)
        rc = dstore_text(d->rec, &d->text, &d->len);
    if (rc == DS_OK && !ok)
        rc = mt_find(m, d->text, d->len, occ, &d->nocc);
    if (rc == DS_OK && !ok)
        d->nocc = *occ ? one_per_start(*occ, d->nocc) : 0;
    return rc;
}

/* Read item i of ms into d (record, and with m its text and occurrences). With p (the
 * positions path), a document whose positions hold no occurrence is not read at all. */
static ds_status_t read_doc(xap_mset_t *ms, size_t i, mt_matcher_t *m, const pdoc_t *p, kw_doc_t *d,
                            mt_occ_t **occ)
{
    xap_doc_t *doc = NULL;
    ds_status_t rc = xap_mset_item(ms, i, &d->docid, NULL, NULL, NULL);
    if (rc == DS_OK && p && p->exact && p->none)
        return DS_OK; /* nothing to print: nocc stays 0 */
    if (rc == DS_OK)
        rc = ds_read_item_record(ms, i, &doc, &d->rec);
    xap_doc_free(doc);
    if (rc == DS_OK && m)
        rc = find_occ(m, d, p, occ);
    d->occ = *occ;
    return rc;
}

typedef struct walk {
    sq_index_t *ix;
    mt_matcher_t *m;
    int positions; /* find occurrences from position lists (kw_run), not kw_each_doc's text */
    kw_visit_fn visit;
    void *ctx;
    uint64_t visited;
    int stop;
} walk_t;

/* The error of a document that could not be read, into e (nothing when the match set
 * has no message: kw_each_doc then finds one). */
static void read_error(xap_mset_t *ms, const kw_doc_t *d, ds_status_t rc, ds_error_t *e)
{
    if (rc == DS_ERR_CORRUPT)
        ds_error_set(e, rc, 0, "document %u: damaged record or text (rebuild the index)", d->docid);
    else if (rc != DS_ERR_NOMEM && xap_mset_error(ms)[0])
        ds_error_set(e, rc, 0, "%s", xap_mset_error(ms));
}

static int pdoc_cmp(const void *a, const void *b)
{
    const pdoc_t *x = a, *y = b;
    return (x->docid > y->docid) - (x->docid < y->docid);
}

static void free_pdocs(pdoc_t *pd, size_t n)
{
    for (size_t i = 0; pd && i < n; i++)
        free(pd[i].tp);
    free(pd);
}

/* A copy of tp (the matcher's nt terms) in one block: the array, then the positions. */
static mt_termpos_t *copy_tp(const mt_termpos_t *tp, size_t nt)
{
    size_t npos = 0;
    for (size_t t = 0; t < nt; t++)
        npos += tp[t].n;
    mt_termpos_t *c = malloc(nt * sizeof *c + npos * sizeof(uint32_t) + 1);
    uint32_t *at = c ? (uint32_t *)(c + nt) : NULL;
    for (size_t t = 0; c && t < nt; t++) {
        c[t] = (mt_termpos_t){tp[t].n ? at : NULL, tp[t].n, tp[t].wdf};
        if (tp[t].n)
            memcpy(at, tp[t].pos, tp[t].n * sizeof *at);
        at += tp[t].n;
    }
    return c;
}

/* The positions of document p->docid from dp, and mt_find_positions' verdict on them. */
static ds_status_t doc_positions(walk_t *w, sq_docpos_t *dp, pdoc_t *p, ds_error_t *e)
{
    const mt_termpos_t *tp = NULL;
    mt_posocc_t *po = NULL;
    size_t npo = 0;
    ds_status_t rc = sq_docpos_load(dp, p->docid, &tp);
    if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(e, rc, 0, "%s", sq_docpos_error(dp));
    if (rc == DS_OK)
        rc = mt_find_positions(w->m, tp, &po, &npo, &p->exact);
    free(po);
    p->none = npo == 0;
    if (rc == DS_OK && p->exact && npo && !(p->tp = copy_tp(tp, mt_nterms(w->m))))
        rc = DS_ERR_NOMEM;
    return rc;
}

/* The positions of every document of ms into *out (malloc'd, n of them, by item): the
 * position lists only move forward, so the page is read in docid order, from new
 * iterators per page (a page is in the walk's order, by id or date). */
static ds_status_t page_positions(walk_t *w, xap_mset_t *ms, pdoc_t **out, ds_error_t *e)
{
    size_t n = xap_mset_size(ms);
    pdoc_t *pd = calloc(n ? n : 1, sizeof *pd), *byitem = calloc(n ? n : 1, sizeof *pd);
    sq_docpos_t *dp = NULL;
    ds_status_t rc = pd && byitem ? DS_OK : DS_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        pd[i].item = i;
        rc = xap_mset_item(ms, i, &pd[i].docid, NULL, NULL, NULL);
    }
    if (rc == DS_OK && n) {
        qsort(pd, n, sizeof *pd, pdoc_cmp);
        rc = sq_docpos_new(w->ix->db, w->m, &dp);
    }
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = doc_positions(w, dp, &pd[i], e);
    sq_docpos_free(dp);
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        byitem[pd[i].item] = pd[i];
    if (rc != DS_OK) {
        free_pdocs(pd, n);
        free(byitem);
        byitem = NULL;
    } else {
        free(pd);
    }
    *out = byitem;
    return rc;
}

/* Visit the documents of one match set alone (until the visitor stops the walk). */
static ds_status_t visit_alone(walk_t *w, xap_mset_t *ms, const pdoc_t *pd, ds_error_t *e)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < xap_mset_size(ms) && rc == DS_OK && !w->stop; i++) {
        kw_doc_t d = {0};
        mt_occ_t *occ = NULL;
        rc = read_doc(ms, i, w->m, pd ? &pd[i] : NULL, &d, &occ);
        if (rc != DS_OK)
            read_error(ms, &d, rc, e);
        if (rc == DS_OK && (d.nocc || !w->m)) {
            d.ordinal = w->visited++;
            rc = w->visit(w->ctx, &d, &w->stop);
        }
        free(occ);
        ds_posmap_free(d.map);
        dstore_record_free(d.rec);
    }
    return rc;
}

/* The pipe's side (kwpipe.h): the walk, the page's positions, and what failed there. */
typedef struct piped {
    walk_t *w;
    const pdoc_t *pd;
    int read_failed; /* the failure was reading the text: read_error tells it */
    xap_docid_t failed;
} piped_t;

/* On the pipe's thread: a document's occurrences (find_occ), then its visit. */
static ds_status_t pipe_doc(void *ctx, kw_doc_t *d, size_t item, int run, int *stop)
{
    piped_t *pp = ctx;
    walk_t *w = pp->w;
    mt_occ_t *occ = NULL;
    ds_status_t rc = run ? find_occ(w->m, d, pp->pd ? &pp->pd[item] : NULL, &occ) : DS_OK;
    d->occ = occ;
    if (rc != DS_OK) {
        pp->read_failed = 1;
        pp->failed = d->docid;
    } else if (run && d->nocc) {
        d->ordinal = w->visited++;
        rc = w->visit(w->ctx, d, stop);
    }
    free(occ);
    ds_posmap_free(d->map);
    dstore_record_free(d->rec);
    return rc;
}

/* The page in two threads: this one reads the records (the index is used by one thread
 * at a time), the pipe's finds and visits them in order. What stops or fails first in
 * document order wins, as when one thread does both. */
static ds_status_t visit_piped(walk_t *w, xap_mset_t *ms, const pdoc_t *pd, ds_error_t *e)
{
    piped_t pp = {w, pd, 0, 0};
    kw_pipe_t *pipe = NULL;
    if (kw_pipe_start(pipe_doc, &pp, &pipe) != DS_OK)
        return visit_alone(w, ms, pd, e);
    ds_status_t rc = DS_OK;
    kw_doc_t bad = {0};
    for (size_t i = 0; i < xap_mset_size(ms) && rc == DS_OK; i++) {
        kw_doc_t d = {0};
        mt_occ_t *occ = NULL;
        rc = read_doc(ms, i, NULL, pd ? &pd[i] : NULL, &d, &occ); /* the record only */
        if (rc == DS_OK && d.rec) /* the other thread must not reach into the index */
            rc = dstore_text_own(d.rec);
        bad.docid = d.docid;
        if (rc == DS_OK && (!d.rec || kw_pipe_put(pipe, &d, i)))
            continue;
        dstore_record_free(d.rec);
        if (rc == DS_OK)
            break; /* the pipe stopped or failed */
    }
    size_t item;
    int stopped;
    ds_status_t prc = kw_pipe_finish(pipe, &item, &stopped);
    w->stop |= stopped;
    if (stopped || prc != DS_OK) { /* at a document before any this thread failed at */
        bad.docid = pp.failed;
        rc = prc;
    }
    if (rc != DS_OK && (prc == DS_OK || pp.read_failed))
        read_error(ms, &bad, rc, e);
    return rc;
}

/* Visit the documents of one match set (until the visitor stops the walk). */
static ds_status_t visit_page(walk_t *w, xap_mset_t *ms, ds_error_t *e)
{
    pdoc_t *pd = NULL;
    ds_status_t rc = w->positions && w->m ? page_positions(w, ms, &pd, e) : DS_OK;
    if (rc == DS_OK && w->m && xap_mset_size(ms) > 1)
        rc = visit_piped(w, ms, pd, e);
    else if (rc == DS_OK)
        rc = visit_alone(w, ms, pd, e);
    free_pdocs(pd, xap_mset_size(ms));
    return rc;
}

static ds_status_t next_page(sq_index_t *ix, xap_enquire_t *enq, uint64_t off, int retry,
                             xap_mset_t **ms)
{
    ds_status_t rc = xap_enquire_mset(enq, off, KW_PAGE, 0, ms);
    if (rc == DS_ERR_MODIFIED && retry && sq_index_reopen(ix) == DS_OK)
        rc = xap_enquire_mset(enq, off, KW_PAGE, 0, ms);
    return rc;
}

/* kw_each_doc, with the occurrences from position lists when positions is set. */
static ds_status_t each_doc(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m,
                            kw_order_t order, int positions, kw_visit_fn visit, void *ctx,
                            ds_error_t *e)
{
    ds_error_clear(e);
    walk_t w = {ix, m, positions, visit, ctx, 0, 0};
    xap_enquire_t *enq = NULL;
    ds_status_t rc = xap_enquire_new(ix->db, &enq);
    if (rc == DS_OK)
        rc = xap_enquire_set_query(enq, xq);
    if (rc == DS_OK)
        rc = set_order(enq, order);
    for (uint64_t off = 0, n = KW_PAGE; rc == DS_OK && n == KW_PAGE && !w.stop; off += n) {
        xap_mset_t *ms = NULL;
        rc = next_page(ix, enq, off, w.visited == 0, &ms);
        n = xap_mset_size(ms);
        if (rc == DS_OK)
            rc = visit_page(&w, ms, e);
        xap_mset_free(ms);
    }
    if (rc != DS_OK && e && e->status == DS_OK) { /* no document's message */
        const char *msg = enq ? xap_enquire_error(enq) : xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", msg && msg[0] ? msg : ds_status_str(rc));
    }
    xap_enquire_free(enq);
    return rc;
}

ds_status_t kw_each_doc(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, kw_order_t order,
                        kw_visit_fn visit, void *ctx, ds_error_t *e)
{
    return each_doc(ix, xq, m, order, 0, visit, ctx, e);
}

ds_status_t kw_each_doc_pos(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m,
                            kw_order_t order, kw_visit_fn visit, void *ctx, ds_error_t *e)
{
    return each_doc(ix, xq, m, order, m != NULL, visit, ctx, e);
}

/* ==== 2. contexts =================================================================== */

/* White space as out_text(collapse) sees it: one run is shown as one space. */
static int is_blank(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The code point that ends at byte i > 0: sets *cp, returns where it starts. An invalid
 * byte is one (non-blank) character of its own. */
static size_t prev_cp(const char *s, size_t i, uint32_t *cp)
{
    if ((unsigned char)s[i - 1] < 0x80) { /* ASCII is a character of its own: no decoding */
        *cp = (unsigned char)s[i - 1];
        return i - 1;
    }
    size_t j = utf8_prev(s, i);
    if (utf8_decode(s + j, i - j, cp) == (int)(i - j))
        return j;
    *cp = UTF8_REPLACEMENT;
    return i - 1;
}

/* The code point at byte i < len: sets *cp, returns its length. */
static size_t next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    int n = utf8_decode(s + i, len - i, cp);
    if (n > 0)
        return (size_t)n;
    *cp = UTF8_REPLACEMENT;
    return n < 0 ? (size_t)-n : 1;
}

/* Move left from i over characters that are (blank) or are not (!blank) white space. */
static size_t skip_back(const char *s, size_t i, int blank)
{
    uint32_t cp;
    for (size_t j; i > 0; i = j) {
        j = prev_cp(s, i, &cp);
        if (is_blank(cp) != blank)
            break;
    }
    return i;
}

static size_t skip_fwd(const char *s, size_t len, size_t i, int blank)
{
    uint32_t cp;
    for (size_t n; i < len; i += n) {
        n = next_cp(s, len, i, &cp);
        if (is_blank(cp) != blank)
            break;
    }
    return i;
}

size_t kw_left(const char *text, size_t start, size_t n, int words)
{
    size_t i = start;
    if (words) {
        i = skip_back(text, i, 0); /* glued to the match: not a word of its own */
        for (size_t k = 0; k < n && i > 0; k++)
            i = skip_back(text, skip_back(text, i, 1), 0);
    } else {
        for (size_t k = 0; k < n && i > 0; k++) {
            uint32_t cp;
            i = prev_cp(text, i, &cp);
            if (is_blank(cp))
                i = skip_back(text, i, 1);
        }
    }
    return skip_fwd(text, start, i, 1);
}

size_t kw_right(const char *text, size_t len, size_t end, size_t n, int words)
{
    size_t i = end;
    if (words) {
        i = skip_fwd(text, len, i, 0);
        for (size_t k = 0; k < n && i < len; k++)
            i = skip_fwd(text, len, skip_fwd(text, len, i, 1), 0);
    } else {
        for (size_t k = 0; k < n && i < len; k++) {
            uint32_t cp;
            i += next_cp(text, len, i, &cp);
            if (is_blank(cp))
                i = skip_fwd(text, len, i, 1);
        }
    }
    while (i > end) { /* trailing white space is not context */
        uint32_t cp;
        size_t j = prev_cp(text, i, &cp);
        if (!is_blank(cp) || j < end)
            break;
        i = j;
    }
    return i;
}

/* ==== 3. words ====================================================================== */

static ds_status_t push_word(kw_words_t *w, const an_token_t *t)
{
    kw_word_t *v = ds_grow(w->v, &w->cap, w->n + 1, sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    w->v = v;
    w->v[w->n++] = (kw_word_t){t->start, t->end, w->terms.len, t->term_len};
    ds_buf_append(&w->terms, t->term, t->term_len);
    ds_buf_putc(&w->terms, '\0');
    return ds_buf_ok(&w->terms) ? DS_OK : DS_ERR_NOMEM;
}

/* Read tk's tokens into w's words (after those it holds) until `after` words starting
 * at or past byte end are in (SIZE_MAX: all of them) or the tokens end. *possessive
 * carries over from token to token: a possessive's word is its part ("it's" is "it"). */
static ds_status_t scan_words(kw_words_t *w, an_tokenizer_t *tk, size_t end, size_t after,
                              uint32_t *last)
{
    an_token_t tok;
    ds_status_t rc = DS_OK;
    int more, possessive = 0;
    size_t past = 0;
    while (rc == DS_OK && past < after && (more = an_tokenizer_next(tk, &tok)) == 1) {
        w->tokens++;
        *last = tok.pos;
        if (!(tok.flags & AN_TOK_PART))
            possessive = (tok.flags & AN_TOK_POSSESSIVE) != 0;
        if (possessive ? (tok.flags & AN_TOK_PART) == 0
                       : (tok.flags & (AN_TOK_PART | AN_TOK_MARKER)) != 0)
            continue;
        rc = push_word(w, &tok);
        past += tok.start >= end;
    }
    if (rc == DS_OK && past < after && more < 0)
        rc = (ds_status_t)-more;
    return rc;
}

static void words_clear(kw_words_t *w)
{
    w->n = 0;
    ds_buf_reset(&w->terms);
}

ds_status_t kw_words_scan(kw_words_t *w, const char *text, size_t len)
{
    words_clear(w);
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, text, len);
    ds_status_t rc = scan_words(w, &tk, SIZE_MAX, SIZE_MAX, &(uint32_t){0});
    an_tokenizer_release(&tk);
    if (rc != DS_OK)
        words_clear(w);
    return rc;
}

/* A restart point is the start of a whole token (posmap.h), so the words read from one
 * are the text's own words from there on, and the possessive rule starts afresh. The
 * n words left of oc stand at positions up to oc->pos, at least one each: reading from
 * oc->pos - n finds them unless compounds take more positions; then from further back. */
/* Tokens at positions from..ahead of a text read in windows (posmap.h's reader) are
 * readable once asked for; past them the buffer may hold bytes not read yet. A scan
 * that read a token beyond ahead, or ended before its n words right of the
 * occurrence without ahead reaching the text's end, has to be done again further. */
static int scan_read_all(const ds_posmap_t *map, const kw_words_t *w, const mt_occ_t *oc, size_t n,
                         uint32_t ahead, uint32_t last)
{
    if (last > ahead)
        return 0;
    return (uint64_t)ahead + 1 >= ds_posmap_ntok(map) || kw_words_after(w, oc->end) + n <= w->n;
}

ds_status_t kw_words_window(kw_words_t *w, const ds_posmap_t *map, const char *text, size_t len,
                            const mt_occ_t *oc, size_t n)
{
    uint32_t from = oc->pos > n ? oc->pos - (uint32_t)n : 0, k = ds_posmap_k(map);
    uint32_t ahead = oc->pos + 4 * (uint32_t)n + 64; /* a guess: words may take positions */
    ds_status_t rc;
    for (;;) {
        words_clear(w);
        an_tokenizer_t tk;
        uint32_t last = 0;
        rc = ds_posmap_need(map, len, from, ahead);
        if (rc != DS_OK)
            break; /* the text's chunks are damaged */
        rc = ds_posmap_seek(map, text, len, from, &tk);
        if (rc == DS_OK)
            rc = scan_words(w, &tk, oc->end, n, &last);
        an_tokenizer_release(&tk);
        if (rc == DS_OK && !scan_read_all(map, w, oc, n, ahead, last)) {
            ahead = ahead > UINT32_MAX / 4 ? UINT32_MAX : ahead * 4;
            continue;
        }
        if (rc != DS_OK || from == 0 || kw_words_before(w, oc->start) >= n)
            break;
        from = from > k ? from - k : 0;
    }
    if (rc != DS_OK)
        words_clear(w);
    return rc;
}

size_t kw_words_before(const kw_words_t *w, size_t off)
{
    size_t lo = 0, hi = w->n; /* words do not overlap: their ends are sorted too */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->v[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t kw_words_after(const kw_words_t *w, size_t off)
{
    size_t lo = 0, hi = w->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->v[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void kw_words_release(kw_words_t *w)
{
    if (!w)
        return;
    free(w->v);
    ds_buf_release(&w->terms);
    memset(w, 0, sizeof *w);
}

/* ==== 4. lines ====================================================================== */

/* One KWIC line, ready to format: the document's part (put_doc_part), the contexts
 * already clean (out_text, collapsed), the match the exact bytes of the text. */
typedef struct line {
    const char *doc;
    size_t dlen;
    size_t offset;
    const char *left, *match, *right;
    size_t llen, mlen, rlen;
    const char *more; /* version 2: page, line and locator, as TSV or JSON (locate.h) */
    size_t morelen;
} line_t;

/* Scratch and state of one kw_run. */
typedef struct run {
    const kw_opts_t *o;
    const fmt_options_t *fmt;
    ds_buf_t *out;
    FILE *stream;
    size_t lwidth, rwidth; /* text: columns of the contexts */
    ds_buf_t doc, left, right, tmp;
    sq_locdoc_t loc; /* version 2: the document's locators (more: a line's fields) */
    ds_buf_t more;
    uint64_t occ, docs;   /* occurrences and documents visited */
    uint64_t seen, lines; /* streaming: lines passed (--offset) and written */
    uint64_t *pick;       /* --sample: the numbers of the lines to print, ascending */
    size_t npick, next;   /*   (pick NULL: every line); the next to print */
    /* collecting (section 6) */
    kw_words_t words;
    struct kept *kept;
    size_t nkept, capkept;
    ds_buf_t arena;
} run_t;

/* Append s (any bytes) to out as text of exactly width columns: cut with "…" or padded
 * with spaces, on the left when right_align (a right-aligned text is never cut). */
static void put_padded(run_t *r, ds_buf_t *out, const char *s, size_t len, size_t width,
                       int right_align)
{
    ds_buf_reset(&r->tmp);
    out_text(&r->tmp, s, len, 1);
    size_t w = out_text_width(ds_buf_cstr(&r->tmp), r->tmp.len);
    if (w > width && !right_align) {
        size_t cut = r->tmp.len;
        while (cut && w > width - 1) {
            cut = utf8_floor(r->tmp.data, r->tmp.len, cut - 1);
            w = out_text_width(r->tmp.data, cut);
        }
        ds_buf_truncate(&r->tmp, cut);
        ds_buf_puts(&r->tmp, "\xe2\x80\xa6");
        w++;
    }
    for (size_t i = w; right_align && i < width; i++)
        ds_buf_putc(out, ' ');
    ds_buf_append(out, ds_buf_cstr(&r->tmp), r->tmp.len);
    for (size_t i = w; !right_align && i < width; i++)
        ds_buf_putc(out, ' ');
}

/* n in decimal: what "%zu" prints, without formatting twice (ds_buf_printf). */
static void put_size(ds_buf_t *out, size_t n)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do
        tmp[--i] = (char)('0' + n % 10);
    while (n /= 10);
    ds_buf_append(out, tmp + i, sizeof tmp - i);
}

static void tsv_str(ds_buf_t *out, const char *s)
{
    out_tsv_field(out, s ? s : "", s ? strlen(s) : 0);
    ds_buf_putc(out, '\t');
}

static void json_key(ds_buf_t *out, const char *key, const char *s, size_t len)
{
    ds_buf_printf(out, ",\"%s\":", key);
    if (s)
        out_json_str(out, s, len);
    else
        ds_buf_puts(out, "null");
}

/* The part of a line that depends on the document only, rendered once per document:
 * text "  DATE  ACTOR-OR-TITLE  ID" (":offset" follows), TSV "[query\t]id\tdate\tactor\t
 * title\t", JSON "{["query":..,]"id":..,"date":..,"actor":..,"title":..". */
static void put_doc_part(run_t *r, ds_buf_t *out, const dstore_record_t *rec)
{
    const char *id = dstore_get(rec, DS_FIELD_ID, NULL),
               *date = dstore_get(rec, DS_FIELD_DATE, NULL);
    const char *actor = dstore_get(rec, DS_FIELD_ACTOR, NULL);
    const char *title = dstore_get(rec, DS_FIELD_TITLE, NULL), *qid = r->fmt->query_id;
    if (r->fmt->kind == FMT_TSV) {
        if (qid)
            tsv_str(out, qid);
        tsv_str(out, id);
        tsv_str(out, date);
        tsv_str(out, actor);
        tsv_str(out, title);
    } else if (r->fmt->kind == FMT_JSON) {
        ds_buf_puts(out, "{");
        if (qid) {
            ds_buf_puts(out, "\"query\":");
            out_json_str(out, qid, strlen(qid));
            ds_buf_putc(out, ',');
        }
        ds_buf_puts(out, "\"id\":");
        out_json_str(out, id ? id : "", id ? strlen(id) : 0);
        json_key(out, DS_FIELD_DATE, date, date ? strlen(date) : 0);
        json_key(out, DS_FIELD_ACTOR, actor, actor ? strlen(actor) : 0);
        json_key(out, DS_FIELD_TITLE, title, title ? strlen(title) : 0);
    } else {
        const char *who = actor ? actor : title ? title : "-";
        ds_buf_puts(out, "  ");
        put_padded(r, out, date ? date : "-", date ? strlen(date) : 1, 10, 0);
        ds_buf_puts(out, "  ");
        put_padded(r, out, who, strlen(who), 20, 0);
        ds_buf_puts(out, "  ");
        out_text(out, id ? id : "", id ? strlen(id) : 0, 1);
    }
}

static void put_text_line(run_t *r, const line_t *l)
{
    ds_buf_t *out = r->out;
    fmt_text_prefix(out, r->fmt);
    put_padded(r, out, l->left, l->llen, r->lwidth, 1);
    ds_buf_puts(out, r->fmt->color ? "\033[1m" : "");
    out_text(out, l->match, l->mlen, 1);
    ds_buf_puts(out, r->fmt->color ? "\033[0m" : "");
    put_padded(r, out, l->right, l->rlen, r->rwidth, 0);
    ds_buf_append(out, l->doc, l->dlen);
    ds_buf_putc(out, ':');
    put_size(out, l->offset);
    ds_buf_putc(out, '\n');
}

static void put_tsv_line(run_t *r, const line_t *l)
{
    ds_buf_t *out = r->out;
    ds_buf_append(out, l->doc, l->dlen);
    put_size(out, l->offset);
    ds_buf_putc(out, '\t');
    out_tsv_field(out, l->left, l->llen);
    ds_buf_putc(out, '\t');
    out_tsv_field(out, l->match, l->mlen);
    ds_buf_putc(out, '\t');
    out_tsv_field(out, l->right, l->rlen);
    ds_buf_append(out, l->more, l->morelen);
    ds_buf_putc(out, '\n');
}

static void put_json_line(run_t *r, const line_t *l)
{
    ds_buf_t *out = r->out;
    ds_buf_append(out, l->doc, l->dlen);
    ds_buf_puts(out, ",\"offset\":");
    put_size(out, l->offset);
    json_key(out, "left", l->left, l->llen);
    json_key(out, "match", l->match, l->mlen);
    json_key(out, "right", l->right, l->rlen);
    ds_buf_append(out, l->more, l->morelen);
    ds_buf_puts(out, "}\n");
}

static void put_line(run_t *r, const line_t *l)
{
    if (r->fmt->kind == FMT_TSV)
        put_tsv_line(r, l);
    else if (r->fmt->kind == FMT_JSON)
        put_json_line(r, l);
    else
        put_text_line(r, l);
}

/* Make the bytes of oc's contexts readable (a text apart holds only the chunks read,
 * docstore.h): a guess of the bytes each side, grown until both contexts end well
 * inside it (they read a few bytes past their ends at most). */
static ds_status_t need_context(const run_t *r, const kw_doc_t *d, const mt_occ_t *oc)
{
    size_t n = r->o->context;
    int words = r->o->context_words;
    for (size_t b = (words ? 8 : 1) * n + 64;; b *= 4) {
        size_t lo = oc->start > b ? oc->start - b : 0, hi = oc->end + b, got;
        const char *p;
        ds_status_t rc = dstore_text_range(d->rec, lo, hi, &p, &got);
        if (rc != DS_OK)
            return rc;
        size_t ls = kw_left(d->text, oc->start, n, words);
        size_t re = kw_right(d->text, d->len, oc->end, n, words);
        if ((lo == 0 || ls >= lo + 16) && (hi >= d->len || re + 16 <= hi))
            return DS_OK;
    }
}

/* The line of occurrence oc of d: contexts rendered into r->left / r->right, the
 * document's part from r->doc. */
static line_t make_line(run_t *r, const kw_doc_t *d, const mt_occ_t *oc)
{
    size_t ls = kw_left(d->text, oc->start, r->o->context, r->o->context_words);
    size_t re = kw_right(d->text, d->len, oc->end, r->o->context, r->o->context_words);
    ds_buf_reset(&r->left);
    ds_buf_reset(&r->right);
    out_text(&r->left, d->text + ls, oc->start - ls, 1);
    out_text(&r->right, d->text + oc->end, re - oc->end, 1);
    ds_buf_reset(&r->more);
    if (r->fmt->version >= 2)
        sq_loc_kwic_fields(&r->more, r->fmt->kind, &r->loc, oc->start, oc->end);
    return (line_t){ds_buf_cstr(&r->doc),  r->doc.len,          oc->start,
                    ds_buf_cstr(&r->left), d->text + oc->start, ds_buf_cstr(&r->right),
                    r->left.len,           oc->end - oc->start, r->right.len,
                    ds_buf_cstr(&r->more), r->more.len};
}

/* Version 2: what d's lines need for their locators (nothing to read in version 1, nor
 * for text lines, which show none). */
static ds_status_t read_loc(run_t *r, const kw_doc_t *d)
{
    int wanted = r->fmt->version >= 2 && r->fmt->kind != FMT_TEXT;
    return wanted ? sq_locdoc_read(&r->loc, d->rec) : DS_OK;
}

/* ==== 5. streaming ================================================================== */

/* Whether line number i (in printing order, asked in ascending order) is printed:
 * every line, or with --sample the next of the sample. */
static int picked(run_t *r, uint64_t i)
{
    if (!r->pick)
        return 1;
    if (r->next == r->npick || r->pick[r->next] != i)
        return 0;
    r->next++;
    return 1;
}

static ds_status_t stream_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    run_t *r = ctx;
    const kw_opts_t *o = r->o;
    ds_status_t rc = DS_OK;
    ds_buf_reset(&r->doc);
    put_doc_part(r, &r->doc, d->rec);
    rc = read_loc(r, d);
    for (size_t i = 0; i < d->nocc && rc == DS_OK && r->lines < o->limit; i++) {
        if (r->seen++ < o->offset || !picked(r, r->seen - 1))
            continue;
        if ((rc = need_context(r, d, &d->occ[i])) != DS_OK)
            break;
        line_t l = make_line(r, d, &d->occ[i]);
        put_line(r, &l);
        r->lines++;
        rc = kw_flush(r->out, r->stream);
    }
    r->occ += d->nocc;
    /* the rest is not needed */
    *stop = r->lines >= o->limit || (r->pick && r->next == r->npick);
    return ds_buf_ok(&r->doc) ? rc : DS_ERR_NOMEM;
}

/* ==== 6. collecting ================================================================= */

/* A kept line: offsets into the arena. */
typedef struct kept {
    size_t doc, dlen;   /* the document's part of the line */
    size_t offset;      /* of the match in the text */
    size_t key, keylen; /* sort key: a folded word, maybe empty */
    size_t left, llen, match, mlen, right, rlen;
    size_t more, morelen;
} kept_t;

#define NONE SIZE_MAX

static size_t arena_put(run_t *r, const char *s, size_t len)
{
    size_t at = r->arena.len;
    ds_buf_append(&r->arena, s, len);
    ds_buf_putc(&r->arena, '\0');
    return at;
}

/* The sort key of oc: the k-th word left or right of it, or "" if there is none. */
static void sort_key(run_t *r, const mt_occ_t *oc, kept_t *k)
{
    const kw_words_t *w = &r->words;
    size_t n = r->o->sort_k, i = NONE;
    if (r->o->sort == KW_SORT_LEFT) {
        size_t before = kw_words_before(w, oc->start);
        i = before >= n ? before - n : NONE;
    } else if (r->o->sort == KW_SORT_RIGHT) {
        size_t after = kw_words_after(w, oc->end);
        i = after + n - 1 < w->n ? after + n - 1 : NONE;
    }
    k->key = i == NONE ? arena_put(r, "", 0) : arena_put(r, kw_words_term(w, i), w->v[i].term_len);
    k->keylen = i == NONE ? 0 : w->v[i].term_len;
}

static ds_status_t keep(run_t *r, const kw_doc_t *d, const mt_occ_t *oc, size_t doc, size_t dlen)
{
    kept_t *v = ds_grow(r->kept, &r->capkept, r->nkept + 1, sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    r->kept = v;
    ds_status_t rc = need_context(r, d, oc);
    if (rc != DS_OK)
        return rc;
    line_t l = make_line(r, d, oc);
    kept_t *k = &r->kept[r->nkept++];
    k->doc = doc;
    k->dlen = dlen;
    k->offset = oc->start;
    sort_key(r, oc, k);
    k->left = arena_put(r, l.left, k->llen = l.llen);
    k->match = arena_put(r, l.match, k->mlen = l.mlen);
    k->right = arena_put(r, l.right, k->rlen = l.rlen);
    k->more = arena_put(r, l.more, k->morelen = l.morelen);
    return ds_buf_ok(&r->arena) ? DS_OK : DS_ERR_NOMEM;
}

static ds_status_t collect_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    run_t *r = ctx;
    (void)stop;
    size_t doc = r->arena.len;
    put_doc_part(r, &r->arena, d->rec);
    size_t dlen = r->arena.len - doc;
    ds_status_t rc = ds_buf_ok(&r->arena) ? DS_OK : DS_ERR_NOMEM;
    if (rc == DS_OK)
        rc = read_loc(r, d);
    if (rc == DS_OK && (r->o->sort == KW_SORT_LEFT || r->o->sort == KW_SORT_RIGHT))
        rc = kw_words_scan(&r->words, d->text, d->len);
    for (size_t i = 0; i < d->nocc && rc == DS_OK; i++)
        rc = keep(r, d, &d->occ[i], doc, dlen);
    r->occ += d->nocc;
    return rc;
}

static int key_cmp(const run_t *r, const kept_t *a, const kept_t *b)
{
    size_t n = a->keylen < b->keylen ? a->keylen : b->keylen;
    int c = memcmp(r->arena.data + a->key, r->arena.data + b->key, n);
    return c ? c : (a->keylen > b->keylen) - (a->keylen < b->keylen);
}

/* Stable merge sort of v[0..n) by key (tmp has room for n): equal keys keep the order
 * they were found in, document order then offset. */
static void sort_kept(const run_t *r, kept_t *v, kept_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_kept(r, v, tmp, h);
    sort_kept(r, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = key_cmp(r, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    memcpy(v, tmp, k * sizeof *v); /* v[j..n) is already in place */
}

static line_t kept_line(const run_t *r, const kept_t *k)
{
    const char *a = r->arena.data;
    return (line_t){a + k->doc, k->dlen, k->offset, a + k->left, a + k->match, a + k->right,
                    k->llen,    k->mlen, k->rlen,   a + k->more, k->morelen};
}

/* Text with word contexts: the columns are as wide as the widest context shown. */
static void measure(run_t *r, size_t from, size_t to)
{
    if (r->fmt->kind != FMT_TEXT || !r->o->context_words)
        return;
    r->lwidth = r->rwidth = 0;
    for (size_t i = from; i < to; i++) {
        size_t lw = out_text_width(r->arena.data + r->kept[i].left, r->kept[i].llen);
        size_t rw = out_text_width(r->arena.data + r->kept[i].right, r->kept[i].rlen);
        r->lwidth = lw > r->lwidth ? lw : r->lwidth;
        r->rwidth = rw > r->rwidth ? rw : r->rwidth;
    }
}

static ds_status_t print_kept(run_t *r)
{
    if (r->nkept > 1 && (r->o->sort == KW_SORT_LEFT || r->o->sort == KW_SORT_RIGHT)) {
        kept_t *tmp = malloc(r->nkept * sizeof *tmp);
        if (!tmp)
            return DS_ERR_NOMEM;
        sort_kept(r, r->kept, tmp, r->nkept);
        free(tmp);
    }
    size_t from = r->o->offset < r->nkept ? (size_t)r->o->offset : r->nkept;
    size_t to = r->nkept - from > r->o->limit ? from + (size_t)r->o->limit : r->nkept;
    measure(r, from, to);
    ds_status_t rc = DS_OK;
    for (size_t i = from; i < to && rc == DS_OK; i++) {
        if (!picked(r, i))
            continue;
        line_t l = kept_line(r, &r->kept[i]);
        put_line(r, &l);
        rc = kw_flush(r->out, r->stream);
    }
    return rc;
}

/* ==== 7. counting =================================================================== */

/* kw_each_count's visitor: occurrences and the documents holding them. */
static ds_status_t count_pos(void *ctx, xap_docid_t docid, uint64_t nocc, int *stop)
{
    run_t *r = ctx;
    (void)docid;
    (void)stop;
    r->occ += nocc;
    r->docs++;
    return DS_OK;
}

static void put_count(run_t *r)
{
    ds_buf_t *out = r->out;
    const char *qid = r->fmt->query_id;
    if (r->fmt->kind == FMT_JSON) {
        ds_buf_putc(out, '{');
        if (qid) {
            ds_buf_puts(out, "\"query\":");
            out_json_str(out, qid, strlen(qid));
            ds_buf_putc(out, ',');
        }
        ds_buf_printf(out, "\"occurrences\":%" PRIu64 ",\"documents\":%" PRIu64 "}\n", r->occ,
                      r->docs);
    } else if (r->fmt->kind == FMT_TSV) {
        if (qid)
            tsv_str(out, qid);
        ds_buf_printf(out, "%" PRIu64 "\t%" PRIu64 "\n", r->occ, r->docs);
    } else {
        fmt_text_prefix(out, r->fmt);
        ds_buf_printf(out, "%" PRIu64 " occurrence%s in %" PRIu64 " document%s\n", r->occ,
                      r->occ == 1 ? "" : "s", r->docs, r->docs == 1 ? "" : "s");
    }
}

/* ==== 8. entry point ================================================================ */

void kw_header(ds_buf_t *out, int with_query, int version)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "id\tdate\tactor\ttitle\toffset\tleft\tmatch\tright");
    ds_buf_puts(out, version >= 2 ? "\tpage\tline\tlocator\n" : "\n");
}

int kw_parse_sort(kw_opts_t *o, const char *s)
{
    if (strcmp(s, "doc") == 0 || strcmp(s, "date") == 0 || strcmp(s, "-date") == 0) {
        o->sort = s[0] == 'd' && s[1] == 'o' ? KW_SORT_DOC
                  : s[0] == '-'              ? KW_SORT_DATE_DESC
                                             : KW_SORT_DATE;
        return 0;
    }
    if ((s[0] != 'L' && s[0] != 'l' && s[0] != 'R' && s[0] != 'r') || s[1] < '1' ||
        s[1] > '0' + KW_SORT_K_MAX || s[2])
        return -1;
    o->sort = s[0] == 'L' || s[0] == 'l' ? KW_SORT_LEFT : KW_SORT_RIGHT;
    o->sort_k = (unsigned)(s[1] - '0');
    return 0;
}

void kw_row_prefix(ds_buf_t *out, const fmt_options_t *fmt)
{
    const char *qid = fmt->query_id;
    if (!qid)
        return;
    if (fmt->kind == FMT_TEXT) {
        fmt_text_prefix(out, fmt);
    } else if (fmt->kind == FMT_TSV) {
        out_tsv_field(out, qid, strlen(qid));
        ds_buf_putc(out, '\t');
    } else {
        ds_buf_puts(out, "\"query\":");
        out_json_str(out, qid, strlen(qid));
        ds_buf_putc(out, ',');
    }
}

int kw_test_hook(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] && strcmp(v, "0") != 0;
}

ds_status_t kw_flush(ds_buf_t *out, FILE *stream)
{
    if (!ds_buf_ok(out))
        return DS_ERR_NOMEM;
    if (!stream || out->len < KW_FLUSH_BYTES)
        return DS_OK;
    size_t n = fwrite(out->data, 1, out->len, stream);
    int ok = n == out->len;
    ds_buf_reset(out);
    return ok ? DS_OK : DS_ERR_IO;
}

static void run_release(run_t *r)
{
    ds_buf_release(&r->doc);
    ds_buf_release(&r->left);
    ds_buf_release(&r->right);
    ds_buf_release(&r->tmp);
    ds_buf_release(&r->more);
    sq_locdoc_release(&r->loc);
    ds_buf_release(&r->arena);
    kw_words_release(&r->words);
    free(r->kept);
    free(r->pick);
}

/* --sample: the lines to print, chosen from the number of lines (counted from the
 * position lists, as --count: no text is read for it). */
static ds_status_t choose_sample(run_t *r, sq_index_t *ix, const xap_query_t *xq,
                                 mt_matcher_t *m, ds_error_t *e)
{
    ds_status_t rc = kw_each_count(ix, xq, m, count_pos, r, e);
    uint64_t total = r->occ;
    r->occ = r->docs = 0;
    if (rc == DS_OK)
        rc = kw_sample_pick(total, r->o->sample, r->o->seed, &r->pick, &r->npick);
    return rc;
}

ds_status_t kw_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const kw_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e)
{
    run_t r = {.o = o, .fmt = fmt, .out = out, .stream = stream};
    r.lwidth = r.rwidth = o->context;
    kw_order_t order = o->sort == KW_SORT_DATE        ? KW_ORDER_DATE
                       : o->sort == KW_SORT_DATE_DESC ? KW_ORDER_DATE_DESC
                                                      : KW_ORDER_DOC;
    int collect = o->sort == KW_SORT_LEFT || o->sort == KW_SORT_RIGHT ||
                  (fmt->kind == FMT_TEXT && o->context_words);
    kw_visit_fn visit = collect ? collect_doc : stream_doc;
    /* L1..R9 need the words of the whole text (kw_words_scan): the text path finds
     * their occurrences in the same pass; DS_KWIC_TEXT is the tests' switch (kwic.h) */
    int positions =
        o->sort != KW_SORT_LEFT && o->sort != KW_SORT_RIGHT && !kw_test_hook("DS_KWIC_TEXT");
    ds_status_t rc = DS_OK;
    if (o->sample && !o->count_only)
        rc = choose_sample(&r, ix, xq, m, e);
    /* counting needs no text: the position lists answer (kwcount.c) */
    if (rc == DS_OK && o->count_only)
        rc = kw_each_count(ix, xq, m, count_pos, &r, e);
    else if (rc == DS_OK && (!o->sample || r.npick))
        rc = each_doc(ix, xq, m, order, positions, visit, &r, e);
    if (rc == DS_OK && o->count_only)
        put_count(&r);
    else if (rc == DS_OK && collect)
        rc = print_kept(&r);
    if (rc == DS_OK && !ds_buf_ok(out))
        rc = DS_ERR_NOMEM;
    ds_error_fill(e, rc);
    *found = r.occ;
    run_release(&r);
    return rc;
}
