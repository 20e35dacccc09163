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
 * Speed. The walk holds one page of documents at a time. kw_run finds each document's
 * occurrences from the index's position lists (kwlists.h, read once per page in docid
 * order), so a document without one is not even read; for the others the record and
 * text are read (the contexts need them) and each occurrence's bytes come from the
 * record's position map (posmap.h): the tokenizer restarts at the checkpoint before the
 * occurrence and reads only its window (mt_find_span) -- no text is tokenized whole.
 * The text path (mt_find over the whole text) stays for what needs it: a document
 * where positions doubt (a footnote marker among the hits: match.h), a record without
 * a map, the L1..R9 sorts (the words of the whole text, kw_words_scan), kw_each_doc's
 * other callers (collocates), and DS_KWIC_TEXT (kwic.h). On 323 MB of speeches
 * (bench/.cache/sotu/x30), `--kwic --format tsv '"government"'` (212,280 lines) went
 * from 2.89 s to 0.79 s; what remains is about a third cutting and cleaning contexts,
 * a quarter writing TSV, a fifth the windows' tokenizing, an eighth reading records.
 * Streaming output reuses scratch buffers, so no allocation happens per occurrence;
 * --count reads no text at all (kwcount.c). Only the sorted modes keep lines in memory
 * (one arena for all).
 */
#include "kwic.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "docread.h"
#include "grow.h"
#include "kwlists.h"
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

/* The positions of one document of a page (positions path): its occurrences as
 * mt_find_positions gives them; exact 0 sends it to the text. */
typedef struct pdoc {
    xap_docid_t docid;
    size_t item; /* its index in the match set */
    mt_posocc_t *po;
    size_t npo;
    int exact;
} pdoc_t;

/* The byte span of po in d's text, from a window of tokens around it (the map's restart
 * point before po->first, or before NEAR's window, up to po->last or the window): *ok =
 * 0 if the map cannot tell (a map that does not answer for the text). */
static ds_status_t span_of(mt_matcher_t *m, const ds_posmap_t *map, const kw_doc_t *d,
                           const mt_posocc_t *po, mt_occ_t *oc, int *ok)
{
    uint32_t base = ds_posmap_base(map);
    if (po->first < base || po->last < po->first) {
        *ok = 0;
        return DS_OK;
    }
    uint32_t lo = po->first - base, hi = po->last - base;
    an_tokenizer_t tk;
    int found = 0;
    uint32_t from = mt_span_from(m, po->unit, lo);
    ds_status_t rc = ds_posmap_need(map, d->len, from, hi);
    if (rc != DS_OK)
        return rc; /* the text's chunks are damaged */
    rc = ds_posmap_seek(map, d->text, d->len, from, &tk);
    if (rc == DS_OK)
        rc = mt_find_span(m, &tk, po->unit, lo, hi, &oc->start, &oc->end, &found);
    an_tokenizer_release(&tk);
    oc->pos = lo;
    oc->unit = po->unit;
    if (rc == DS_ERR_RANGE || rc == DS_ERR_CORRUPT || rc == DS_ERR_INVALID)
        rc = DS_OK; /* the text path answers */
    *ok = rc == DS_OK && found;
    return rc;
}

/* d's occurrences, one per start byte, from the positions of p: those mt_find and
 * one_per_start give, without tokenizing the whole text. *ok = 0: the text must tell. */
static ds_status_t occ_from_positions(mt_matcher_t *m, kw_doc_t *d, const pdoc_t *p, mt_occ_t **occ,
                                      int *ok)
{
    ds_posmap_t *map = NULL;
    ds_status_t rc = ds_docmap_posmap(d->rec, &map);
    *ok = rc == DS_OK;
    if (rc == DS_ERR_NOT_FOUND || rc == DS_ERR_CORRUPT)
        rc = DS_OK; /* a record of another schema: its text answers */
    if (rc == DS_OK && *ok && !(*occ = malloc(p->npo * sizeof **occ)))
        rc = DS_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < p->npo && rc == DS_OK && *ok; i++) {
        mt_occ_t oc;
        rc = span_of(m, map, d, &p->po[i], &oc, ok);
        if (rc == DS_OK && *ok && n && oc.start == (*occ)[n - 1].start) {
            if (oc.end > (*occ)[n - 1].end) /* one per start: the longest, as one_per_start */
                (*occ)[n - 1] = oc;
        } else if (rc == DS_OK && *ok) {
            (*occ)[n++] = oc;
        }
    }
    ds_posmap_free(map);
    d->nocc = rc == DS_OK && *ok ? n : 0;
    if (!d->nocc) {
        free(*occ);
        *occ = NULL;
    }
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
    if (rc == DS_OK && p && p->exact && p->npo == 0)
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
        free(pd[i].po);
    free(pd);
}

/* The positions of every document of ms into *out (malloc'd, n of them, by item): the
 * position lists only move forward, so the page is read in docid order, from new
 * iterators per page (a page is in the walk's order, by id or date). */
static ds_status_t page_positions(walk_t *w, xap_mset_t *ms, pdoc_t **out, ds_error_t *e)
{
    size_t n = xap_mset_size(ms);
    pdoc_t *pd = calloc(n ? n : 1, sizeof *pd), *byitem = calloc(n ? n : 1, sizeof *pd);
    kw_lists_t *l = NULL;
    ds_status_t rc = pd && byitem ? DS_OK : DS_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        pd[i].item = i;
        rc = xap_mset_item(ms, i, &pd[i].docid, NULL, NULL, NULL);
    }
    if (rc == DS_OK && n) {
        qsort(pd, n, sizeof *pd, pdoc_cmp);
        rc = kw_lists_open(w->ix, w->m, &l, e);
    }
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = kw_lists_find(l, pd[i].docid, &pd[i].po, &pd[i].npo, &pd[i].exact);
    kw_lists_close(l);
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

/* Visit the documents of one match set (until the visitor stops the walk). */
static ds_status_t visit_page(walk_t *w, xap_mset_t *ms, ds_error_t *e)
{
    pdoc_t *pd = NULL;
    ds_status_t rc = w->positions && w->m ? page_positions(w, ms, &pd, e) : DS_OK;
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
        dstore_record_free(d.rec);
    }
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
    size_t j = utf8_prev(s, i);
    if (utf8_decode(s + j, i - j, cp) == (int)(i - j))
        return j;
    *cp = UTF8_REPLACEMENT;
    return i - 1;
}

/* The code point at byte i < len: sets *cp, returns its length. */
static size_t next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
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

ds_status_t kw_words_scan(kw_words_t *w, const char *text, size_t len)
{
    w->n = 0;
    ds_buf_reset(&w->terms);
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, text, len);
    an_token_t tok;
    ds_status_t rc = DS_OK;
    int more, possessive = 0;
    while (rc == DS_OK && (more = an_tokenizer_next(&tk, &tok)) == 1) {
        if (!(tok.flags & AN_TOK_PART))
            possessive = (tok.flags & AN_TOK_POSSESSIVE) != 0;
        if (possessive ? (tok.flags & AN_TOK_PART) != 0
                       : !(tok.flags & (AN_TOK_PART | AN_TOK_MARKER)))
            rc = push_word(w, &tok); /* a possessive's word is its part: "it's" is "it" */
    }
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    an_tokenizer_release(&tk);
    if (rc != DS_OK) {
        w->n = 0;
        ds_buf_reset(&w->terms);
    }
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
} line_t;

/* Scratch and state of one kw_run. */
typedef struct run {
    const kw_opts_t *o;
    const fmt_options_t *fmt;
    ds_buf_t *out;
    FILE *stream;
    size_t lwidth, rwidth; /* text: columns of the contexts */
    ds_buf_t doc, left, right, tmp;
    uint64_t occ, docs;   /* occurrences and documents visited */
    uint64_t seen, lines; /* streaming: lines passed (--offset) and written */
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
    ds_buf_printf(out, ":%zu\n", l->offset);
}

static void put_tsv_line(run_t *r, const line_t *l)
{
    ds_buf_t *out = r->out;
    ds_buf_append(out, l->doc, l->dlen);
    ds_buf_printf(out, "%zu\t", l->offset);
    out_tsv_field(out, l->left, l->llen);
    ds_buf_putc(out, '\t');
    out_tsv_field(out, l->match, l->mlen);
    ds_buf_putc(out, '\t');
    out_tsv_field(out, l->right, l->rlen);
    ds_buf_putc(out, '\n');
}

static void put_json_line(run_t *r, const line_t *l)
{
    ds_buf_t *out = r->out;
    ds_buf_append(out, l->doc, l->dlen);
    ds_buf_printf(out, ",\"offset\":%zu", l->offset);
    json_key(out, "left", l->left, l->llen);
    json_key(out, "match", l->match, l->mlen);
    json_key(out, "right", l->right, l->rlen);
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
    return (line_t){ds_buf_cstr(&r->doc),  r->doc.len,          oc->start,
                    ds_buf_cstr(&r->left), d->text + oc->start, ds_buf_cstr(&r->right),
                    r->left.len,           oc->end - oc->start, r->right.len};
}

/* ==== 5. streaming ================================================================== */

static ds_status_t stream_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    run_t *r = ctx;
    const kw_opts_t *o = r->o;
    ds_status_t rc = DS_OK;
    ds_buf_reset(&r->doc);
    put_doc_part(r, &r->doc, d->rec);
    for (size_t i = 0; i < d->nocc && rc == DS_OK && r->lines < o->limit; i++) {
        if (r->seen++ < o->offset)
            continue;
        if ((rc = need_context(r, d, &d->occ[i])) != DS_OK)
            break;
        line_t l = make_line(r, d, &d->occ[i]);
        put_line(r, &l);
        r->lines++;
        rc = kw_flush(r->out, r->stream);
    }
    r->occ += d->nocc;
    *stop = r->lines >= o->limit; /* the rest is not needed */
    return ds_buf_ok(&r->doc) ? rc : DS_ERR_NOMEM;
}

/* ==== 6. collecting ================================================================= */

/* A kept line: offsets into the arena. */
typedef struct kept {
    size_t doc, dlen;   /* the document's part of the line */
    size_t offset;      /* of the match in the text */
    size_t key, keylen; /* sort key: a folded word, maybe empty */
    size_t left, llen, match, mlen, right, rlen;
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
    return (line_t){a + k->doc,   k->dlen, k->offset, a + k->left, a + k->match,
                    a + k->right, k->llen, k->mlen,   k->rlen};
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

void kw_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "id\tdate\tactor\ttitle\toffset\tleft\tmatch\tright\n");
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
    ds_buf_release(&r->arena);
    kw_words_release(&r->words);
    free(r->kept);
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
    const char *force = getenv("DS_KWIC_TEXT");
    int positions = o->sort != KW_SORT_LEFT && o->sort != KW_SORT_RIGHT &&
                    !(force && force[0] && strcmp(force, "0") != 0);
    /* counting needs no text: the position lists answer (kwcount.c) */
    ds_status_t rc = o->count_only ? kw_each_count(ix, xq, m, count_pos, &r, e)
                                   : each_doc(ix, xq, m, order, positions, visit, &r, e);
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
