/*
 * answer.c - one query from text to output (see answer.h).
 *
 *   errors ............. report
 *   units .............. to_match_units (query units -> matcher units, body text only)
 *   prepared query ..... sq_prepare, sq_prepare_units, sq_prepare_matcher
 *   output ............. hit_snippet (from positions, or the text), print_hits,
 *                        no_hits (the hints of a query that found nothing)
 *   search ............. run (ranked hits or --count)
 *   concordances ....... concordance (--kwic, --collocates, --timeline, --breakdown)
 *   entry point ........ sq_answer
 */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#include "count.h"
#include "docmap.h"
#include "docpos.h"
#include "fingerprint.h"
#include "hints.h"
#include "match.h"
#include "out.h"
#include "query.h"
#include "schema.h"

/* ---- errors --------------------------------------------------------------------- */

/* The caret report on err; in batch mode the error also goes in-band to out. */
static int report(const char *text, size_t len, const ds_error_t *e, const sq_answer_opts_t *o,
                  ds_buf_t *out, FILE *err)
{
    ds_buf_t r = DS_BUF_INIT;
    fmt_text_prefix(&r, &o->fmt);
    sq_error_format(text, len, e, &r);
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    if (o->fmt.query_id)
        fmt_error(out, &o->fmt, e->message, e->column);
    return SQ_ERROR;
}

/* A failure rc of running the query, told by what (its status' text when it says
 * nothing), cut to SQ_ERROR_MESSAGE_MAX - 1 bytes as every message of a query is. */
static int report_status(const char *text, size_t len, ds_status_t rc, const ds_error_t *what,
                         const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    char msg[SQ_ERROR_MESSAGE_MAX];
    if (snprintf(msg, sizeof msg, "%s", what->message[0] ? what->message : ds_status_str(rc)) < 0)
        msg[0] = '\0';
    ds_error_t e;
    ds_error_set(&e, rc, 0, "%s", msg);
    if (rc == DS_ERR_INVALID || rc == DS_ERR_QUERY || rc == DS_ERR_RANGE)
        return report(text, len, &e, o, out, err);
    /* the index, the disk or memory failed, not the query: not called a query error */
    ds_buf_t r = DS_BUF_INIT;
    fmt_text_prefix(&r, &o->fmt);
    ds_buf_puts(&r, "searcher: error: ");
    out_text(&r, e.message, strlen(e.message), 0);
    ds_buf_putc(&r, '\n');
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    if (o->fmt.query_id)
        fmt_error(out, &o->fmt, e.message, 0);
    return SQ_ERROR;
}

/* ---- units ---------------------------------------------------------------------- */

typedef struct units {
    mt_unit_t *u;
    mt_slot_t *slots;
    size_t n;
} units_t;

/* Body-text units of the query as matcher units (slots point into the sq units). */
static ds_status_t to_match_units(const sq_unit_t *su, size_t n, units_t *mu)
{
    size_t nslots = 0;
    for (size_t i = 0; i < n; i++)
        nslots += su[i].nterms ? su[i].nterms : 1;
    mu->u = calloc(n ? n : 1, sizeof *mu->u);
    mu->slots = calloc(nslots ? nslots : 1, sizeof *mu->slots);
    if (!mu->u || !mu->slots)
        return DS_ERR_NOMEM;
    mt_slot_t *s = mu->slots;
    for (size_t i = 0; i < n; i++) {
        const sq_unit_t *q = &su[i];
        if (q->field)
            continue;
        mt_unit_t *m = &mu->u[mu->n++];
        m->slots = s;
        if (q->kind == SQ_UNIT_PHRASE || q->kind == SQ_UNIT_NEAR) {
            m->kind = q->kind == SQ_UNIT_PHRASE ? MT_PHRASE : MT_NEAR;
            m->window = q->window;
            for (size_t t = 0; t < q->nterms; t++)
                *s++ = (mt_slot_t){MT_SLOT_EXACT, q->terms[t], strlen(q->terms[t])};
            m->nslots = q->nterms;
        } else {
            m->kind = MT_TERM;
            m->nslots = 1;
            if (q->kind == SQ_UNIT_WILDCARD)
                *s++ = (mt_slot_t){MT_SLOT_PREFIX, q->term, strlen(q->term)};
            else if (q->stem)
                *s++ = (mt_slot_t){MT_SLOT_STEM, q->stem, strlen(q->stem)};
            else
                *s++ = (mt_slot_t){MT_SLOT_EXACT, q->term, strlen(q->term)};
        }
    }
    return DS_OK;
}

/* ---- prepared query ------------------------------------------------------------ */

static int field_exists(void *ctx, const char *name)
{
    char prefix[SQ_FIELD_NAME_MAX + 8];
    snprintf(prefix, sizeof prefix, "%s%s:", DS_PREFIX_FIELD, name);
    return sq_index_has_prefix(ctx, prefix);
}

ds_status_t sq_prepare(sq_index_t *ix, const char *text, size_t len, uint32_t max_expansion,
                       sq_prepared_t *p, ds_error_t *err)
{
    ds_status_t rc = sq_parse(text, len, &p->q, err);
    if (rc != DS_OK)
        return rc;
    sq_compile_ctx_t ctx = {ix->an, field_exists, ix, max_expansion};
    rc = sq_compile_over(p->q, &ctx, ix->db, &p->xq, err);
    if (rc != DS_OK)
        sq_prepared_release(p);
    return rc;
}

ds_status_t sq_prepare_units(sq_index_t *ix, sq_prepared_t *p)
{
    if (p->units || p->mu)
        return DS_OK;
    ds_status_t rc = sq_units(p->q, ix->an, &p->units, &p->nunits);
    units_t mu = {0};
    if (rc == DS_OK)
        rc = to_match_units(p->units, p->nunits, &mu);
    p->mu = mu.u;
    p->slots = mu.slots;
    p->nmu = mu.n;
    return rc;
}

ds_status_t sq_prepare_matcher(sq_index_t *ix, sq_prepared_t *p, uint32_t max_expansion,
                               ds_error_t *e)
{
    ds_error_clear(e);
    ds_status_t rc = sq_prepare_units(ix, p);
    if (rc == DS_OK && !p->m)
        rc = mt_new(ix->an, ix->db, p->mu, p->nmu, max_expansion, &p->m, e);
    return ds_error_fill(e, rc);
}

void sq_prepared_release(sq_prepared_t *p)
{
    if (!p)
        return;
    mt_free(p->m);
    free(p->mu);
    free(p->slots);
    sq_units_free(p->units, p->nunits);
    xap_query_free(p->xq);
    sq_query_free(p->q);
    memset(p, 0, sizeof *p);
}

/* ---- output --------------------------------------------------------------------- */

/* Whether snippets take their occurrences from the index's positions. DS_SNIPPET_TEXT
 * (set, not empty) is a test hook: every snippet then comes from its text, the way the
 * end-to-end tests compare both paths byte for byte (tests/e2e/test_snippet_positions.py). */
static int positions_wanted(void)
{
    const char *v = getenv("DS_SNIPPET_TEXT");
    return !(v && v[0]);
}

/* The snippet of hit h and its text (*text): from the positions of the query's terms
 * in it when the record has a position map and the lists can be read -- then only the
 * ranges the snippet reads are read, *text holding just those -- else from the whole
 * text. A plain PDF's page (format.c, hit_page) counts the form feeds before the
 * snippet: that prefix is read too. */
static ds_status_t hit_snippet(sq_docpos_t *dp, mt_matcher_t *m, const sq_hit_t *h,
                               const char **text, size_t *len, size_t width, sn_snippet_t *sn)
{
    ds_posmap_t *map = NULL;
    const mt_termpos_t *tp = NULL;
    ds_status_t rc = dp ? ds_docmap_posmap(h->rec, &map) : DS_ERR_NOT_FOUND;
    if (rc == DS_OK)
        rc = sq_docpos_load(dp, h->docid, &tp);
    if (rc == DS_ERR_NOMEM) {
        ds_posmap_free(map);
        return rc;
    }
    sn_positions_t ps = {tp, map, h->rec};
    int mapped = rc == DS_OK;
    rc = mapped ? dstore_text_view(h->rec, text, len) : dstore_text(h->rec, text, len);
    if (rc == DS_OK)
        rc = sn_find_mapped(m, mapped ? &ps : NULL, *text, *len, width, sn);
    const char *p;
    size_t n;
    if (rc == DS_OK && mapped && dstore_get(h->rec, DS_FIELD_PAGES, NULL))
        rc = dstore_text_range(h->rec, 0, sn->end + 1, &p, &n);
    ds_posmap_free(map);
    return rc;
}

static ds_status_t print_hits(sq_index_t *ix, const sq_result_t *res, mt_matcher_t *m,
                              const sq_answer_opts_t *o, ds_buf_t *out)
{
    int snippets = fmt_wants_snippet(&o->fmt); /* else no text is read nor tokenized */
    sq_docpos_t *dp = NULL;
    ds_status_t rc = DS_OK;
    if (snippets && m && positions_wanted())
        rc = sq_docpos_new(ix->db, m, &dp);
    for (size_t i = 0; i < res->nhits && rc == DS_OK; i++) {
        const char *text = "";
        size_t len = 0;
        sn_snippet_t sn = {0};
        if (snippets)
            rc = hit_snippet(dp, m, &res->hits[i], &text, &len, o->snippet_width, &sn);
        if (rc == DS_OK)
            fmt_hit(out, &o->fmt, &res->hits[i], text, &sn);
        sn_release(&sn);
    }
    sq_docpos_free(dp);
    return rc;
}

/* A query that found nothing: the hints on err (hints.h) and, in batch mode when inband,
 * the answer line that says so (a pipeline sees every query answered). */
static int no_hits(sq_index_t *ix, const sq_prepared_t *p, const sq_answer_opts_t *o, int inband,
                   ds_buf_t *out, FILE *err)
{
    sq_hints_t h = SQ_HINTS_INIT;
    if (o->suggest)
        (void)sq_hints_find(ix, p->q, &h); /* best effort: what was found is shown */
    ds_buf_t line = DS_BUF_INIT;
    for (size_t i = 0; i < h.n; i++) {
        ds_buf_reset(&line);
        fmt_text_prefix(&line, &o->fmt);
        ds_buf_puts(&line, "searcher: ");
        out_text(&line, h.text[i], strlen(h.text[i]), 1);
        ds_buf_putc(&line, '\n');
        fputs(ds_buf_cstr(&line), err);
    }
    ds_buf_release(&line);
    if (inband && o->fmt.query_id)
        fmt_no_hits(out, &o->fmt, h.text, h.n, h.from, h.to, h.nfix);
    sq_hints_release(&h);
    return SQ_NO_HITS;
}

/* ---- search ------------------------------------------------------------------- */

static void explain(const sq_prepared_t *p, FILE *err)
{
    ds_buf_t d = DS_BUF_INIT;
    sq_describe(p->q, &d);
    fprintf(err, "parsed: %s\n", ds_buf_cstr(&d));
    char *x = NULL;
    if (xap_query_describe(p->xq, &x) == DS_OK)
        fprintf(err, "xapian: %s\n", x);
    free(x);
    ds_buf_release(&d);
}

/* --count: the exact number of matching documents. */
static int count_docs(sq_index_t *ix, const sq_prepared_t *p, const char *text, size_t len,
                      const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    uint64_t n = 0;
    ds_error_t e;
    ds_status_t rc = sq_count(ix, p->xq, &n, &e);
    int st = n ? SQ_HITS : SQ_NO_HITS;
    if (rc != DS_OK)
        st = report_status(text, len, rc, &e, o, out, err);
    else
        fmt_count(out, &o->fmt, n);
    if (st == SQ_NO_HITS)
        no_hits(ix, p, o, 0, out, err); /* the count line is the answer */
    return st;
}

/* Search and print the page of hits with their snippets. */
static int run(sq_index_t *ix, sq_prepared_t *p, const char *text, size_t len,
               const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    if (o->count_only)
        return count_docs(ix, p, text, len, o, out, err);
    sq_result_t res;
    ds_error_t e;
    ds_status_t rc = sq_search(ix, p->xq, &o->search, &res, &e);
    if (rc != DS_OK)
        return report_status(text, len, rc, &e, o, out, err);
    if (!res.estimate) { /* in batch mode the zero line replaces the count line */
        if (!o->fmt.query_id)
            fmt_count_line(out, &o->fmt, &res);
        sq_result_release(&res);
        return no_hits(ix, p, o, 1, out, err);
    }
    int matches = res.nhits && fmt_wants_snippet(&o->fmt); /* a matcher costs a lookup */
    rc = matches ? sq_prepare_matcher(ix, p, o->max_expansion, &e) : sq_prepare_units(ix, p);
    fmt_count_line(out, &o->fmt, &res);
    if (rc == DS_OK)
        rc = print_hits(ix, &res, p->m, o, out);
    if (rc == DS_OK)
        fmt_facets(out, &o->fmt, &res);
    int st = rc != DS_OK ? report_status(text, len, rc, &e, o, out, err) : SQ_HITS;
    sq_result_release(&res);
    return st;
}

/* ---- concordances ------------------------------------------------------------- */

/* --kwic, --collocates, --timeline. The keywords are the query's positive body-text
 * units; a query without any (only filters or fields) can still have a timeline of its
 * documents, but nothing to cut contexts or count collocates around. */
/* A report document's text is the union of its passages' (and headings'): without a
 * type: filter, a concordance reads the passages only, so every occurrence is counted
 * once. With type:report in the query the user asked for the reports themselves. */
static ds_status_t skip_report_containers(sq_prepared_t *p)
{
    if (p->q && sq_uses_field(p->q, DS_FIELD_TYPE))
        return DS_OK;
    const char *t = DS_PREFIX_TYPE DS_TYPE_REPORT;
    xap_query_t *report = NULL, *rest = NULL;
    ds_status_t rc = xap_query_term(t, strlen(t), 1, 0, &report);
    const xap_query_t *pair[2] = {p->xq, report};
    if (rc == DS_OK)
        rc = xap_query_combine(XAP_OP_AND_NOT, pair, 2, 0, &rest);
    if (rc == DS_OK) {
        xap_query_free(p->xq);
        p->xq = rest;
    }
    xap_query_free(report);
    return rc;
}

/* --words: no keywords needed, the query only selects the documents. */
static int word_list(sq_index_t *ix, sq_prepared_t *p, const char *text, size_t len,
                     const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    ds_error_t e = DS_ERROR_INIT;
    uint64_t found = 0;
    ds_status_t rc = wd_run(ix, p->xq, &o->words, &o->fmt, out, o->stream, &found, &e);
    if (rc != DS_OK)
        return report_status(text, len, rc, &e, o, out, err);
    if (!found && p->q) /* the empty query has no words to hint at */
        no_hits(ix, p, o, 1, out, err);
    return found ? SQ_HITS : SQ_NO_HITS;
}

/* The reference of --keywords: --reference's documents, else every document the
 * subcorpus p leaves out (report containers left out of both, as for concordances). */
static ds_status_t reference(sq_index_t *ix, const sq_prepared_t *p, const sq_answer_opts_t *o,
                             sq_prepared_t *ref, ds_error_t *e)
{
    const char *t = o->reference;
    ds_status_t rc = t ? sq_prepare(ix, t, strlen(t), o->max_expansion, ref, e)
                       : ds_error_fill(e, xap_query_match_all(&ref->xq));
    if (rc == DS_OK)
        rc = ds_error_fill(e, skip_report_containers(ref));
    xap_query_t *rest = NULL;
    const xap_query_t *pair[2] = {ref->xq, p->xq};
    if (rc == DS_OK && !t && (rc = xap_query_combine(XAP_OP_AND_NOT, pair, 2, 0, &rest)) == DS_OK) {
        xap_query_free(ref->xq);
        ref->xq = rest;
    }
    return ds_error_fill(e, rc);
}

static int keyword_list(sq_index_t *ix, sq_prepared_t *p, const char *text, size_t len,
                        const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    ds_error_t e = DS_ERROR_INIT;
    sq_prepared_t ref = SQ_PREPARED_INIT;
    uint64_t found = 0;
    ds_status_t rc = reference(ix, p, o, &ref, &e);
    if (rc != DS_OK) {
        int st = o->reference ? report(o->reference, strlen(o->reference), &e, o, out, err)
                              : report_status(text, len, rc, &e, o, out, err);
        sq_prepared_release(&ref);
        return st;
    }
    rc = kk_run(ix, p->xq, ref.xq, &o->keywords, &o->fmt, out, o->stream, &found, &e);
    sq_prepared_release(&ref);
    if (rc != DS_OK)
        return report_status(text, len, rc, &e, o, out, err);
    return found ? SQ_HITS : SQ_NO_HITS;
}

static int concordance(sq_index_t *ix, sq_prepared_t *p, const char *text, size_t len,
                       const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    ds_error_t e = DS_ERROR_INIT;
    uint64_t found = 0;
    ds_status_t rc = skip_report_containers(p);
    if (rc == DS_OK && o->mode == SQ_MODE_WORDS)
        return word_list(ix, p, text, len, o, out, err);
    if (rc == DS_OK && o->mode == SQ_MODE_KEYWORDS)
        return keyword_list(ix, p, text, len, o, out, err);
    if (rc == DS_OK)
        rc = sq_prepare_matcher(ix, p, o->max_expansion, &e);
    mt_matcher_t *m = p->nmu ? p->m : NULL;
    if (rc == DS_OK && !m && o->mode != SQ_MODE_TIMELINE) {
        rc = DS_ERR_INVALID;
        ds_error_set(&e, rc, 0,
                     "the query has no word, phrase, wildcard or NEAR to look for in the text "
                     "(fields and filters only select documents)");
    }
    if (rc == DS_OK && o->mode == SQ_MODE_KWIC)
        rc = kw_run(ix, p->xq, m, &o->kwic, &o->fmt, out, o->stream, &found, &e);
    else if (rc == DS_OK && o->mode == SQ_MODE_COLLOCATES)
        rc = co_run(ix, p->xq, m, &o->coll, &o->fmt, out, o->stream, &found, &e);
    else if (rc == DS_OK && o->mode == SQ_MODE_BREAKDOWN)
        rc = bd_run(ix, p->xq, m, p->mu, p->nmu, &o->fmt, out, o->stream, &found, &e);
    else if (rc == DS_OK)
        rc = tl_run(ix, p->xq, m, text, len, &o->timeline, &o->fmt, out, o->stream, &found, &e);
    int st = found ? SQ_HITS : SQ_NO_HITS;
    if (rc != DS_OK)
        st = report_status(text, len, rc, &e, o, out, err);
    else if (!found) /* kwic --count printed its zero line already */
        no_hits(ix, p, o, !(o->mode == SQ_MODE_KWIC && o->kwic.count_only), out, err);
    return st;
}

/* ---- entry point ---------------------------------------------------------------- */

void sq_answer_header(ds_buf_t *out, const sq_answer_opts_t *o, int batch)
{
    if (!o->fmt.header || o->fmt.kind != FMT_TSV || o->count_only)
        return;
    if (o->mode == SQ_MODE_KWIC)
        kw_header(out, batch, o->fmt.version);
    else if (o->mode == SQ_MODE_COLLOCATES)
        co_header(out, batch);
    else if (o->mode == SQ_MODE_TIMELINE)
        tl_header(out, batch);
    else if (o->mode == SQ_MODE_BREAKDOWN)
        bd_header(out, batch);
    else if (o->mode == SQ_MODE_WORDS)
        wd_header(out, batch);
    else if (o->mode == SQ_MODE_KEYWORDS)
        kk_header(out, batch);
    else
        fmt_header(out, &o->fmt);
}

/* The empty query of --words selects every document: p gets no parsed query, and
 * xq matches all. */
static int is_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return 0;
    return 1;
}

int sq_answer(sq_index_t *ix, const char *text, size_t len, const sq_answer_opts_t *o,
              ds_buf_t *out, FILE *err)
{
    sq_prepared_t p = SQ_PREPARED_INIT;
    ds_error_t e = DS_ERROR_INIT;
    ds_status_t rc = o->mode == SQ_MODE_WORDS && is_blank(text, len)
                         ? ds_error_fill(&e, xap_query_match_all(&p.xq))
                         : sq_prepare(ix, text, len, o->max_expansion, &p, &e);
    if (o->fingerprint) /* a malformed query gets its header too: parsed null */
        sq_fingerprint_header(out, o->fingerprint, o->fmt.query_id, text, len, p.q);
    if (rc != DS_OK)
        return report(text, len, &e, o, out, err);
    if (o->explain && p.q)
        explain(&p, err);
    int st = o->mode == SQ_MODE_SEARCH ? run(ix, &p, text, len, o, out, err)
                                       : concordance(ix, &p, text, len, o, out, err);
    sq_prepared_release(&p);
    return st;
}
