/*
 * answer.c - one query from text to output (see answer.h).
 *
 *   errors ............. report
 *   units .............. to_match_units (query units -> matcher units, body text only)
 *   output ............. print_hits, suggest_words
 *   entry point ........ sq_answer
 */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "query.h"
#include "schema.h"
#include "suggest.h"

/* ---- errors --------------------------------------------------------------------- */

/* The caret report on err; in batch mode the error also goes in-band to out. */
static int report(const char *text, size_t len, const sq_error_t *e, const sq_answer_opts_t *o,
                  ds_buf_t *out, FILE *err)
{
    ds_buf_t r = DS_BUF_INIT;
    if (o->fmt.query_id)
        ds_buf_printf(&r, "[%s] ", o->fmt.query_id);
    sq_error_format(text, len, e, &r);
    fputs(ds_buf_cstr(&r), err);
    ds_buf_release(&r);
    if (o->fmt.query_id)
        fmt_error(out, &o->fmt, e->message, e->column);
    return SQ_ERROR;
}

static int report_status(const char *text, size_t len, ds_status_t rc, const char *msg,
                         const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    sq_error_t e = {rc, 0, ""};
    snprintf(e.message, sizeof e.message, "%s", msg && msg[0] ? msg : ds_status_str(rc));
    return report(text, len, &e, o, out, err);
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

/* ---- output --------------------------------------------------------------------- */

static ds_status_t print_hits(const sq_result_t *res, mt_matcher_t *m,
                              const sq_answer_opts_t *o, ds_buf_t *out)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < res->nhits && rc == DS_OK; i++) {
        const char *text = "";
        size_t len = 0;
        mt_occ_t *occ = NULL;
        size_t nocc = 0;
        sn_snippet_t sn;
        rc = dstore_text(res->hits[i].rec, &text, &len);
        if (rc == DS_OK && m)
            rc = mt_find(m, text, len, &occ, &nocc);
        if (rc == DS_OK)
            rc = sn_make(text, len, occ, nocc, o->snippet_width, &sn);
        if (rc == DS_OK)
            fmt_hit(out, &o->fmt, &res->hits[i], text, &sn);
        sn_release(&sn);
        free(occ);
    }
    return rc;
}

/* "did you mean" for every body word no document contains (on err). */
static void suggest_words(sq_index_t *ix, const sq_unit_t *su, size_t n,
                          const sq_answer_opts_t *o, FILE *err)
{
    ds_buf_t s = DS_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (su[i].field || su[i].kind != SQ_UNIT_WORD)
            continue;
        ds_buf_reset(&s);
        if (sq_suggest(ix->db, su[i].term, strlen(su[i].term), &s) == DS_OK && s.len)
            fprintf(err, "%s%s%ssearcher: did you mean '%s' (for '%s')?\n",
                    o->fmt.query_id ? "[" : "", o->fmt.query_id ? o->fmt.query_id : "",
                    o->fmt.query_id ? "] " : "", s.data, su[i].term);
    }
    ds_buf_release(&s);
}

/* ---- entry point ---------------------------------------------------------------- */

static int field_exists(void *ctx, const char *name)
{
    char prefix[SQ_FIELD_NAME_MAX + 8];
    snprintf(prefix, sizeof prefix, "%s%s:", DS_PREFIX_FIELD, name);
    return sq_index_has_prefix(ctx, prefix);
}

static void explain(const sq_query_t *q, const xap_query_t *xq, FILE *err)
{
    ds_buf_t d = DS_BUF_INIT;
    sq_describe(q, &d);
    fprintf(err, "parsed: %s\n", ds_buf_cstr(&d));
    char *x = NULL;
    if (xap_query_describe(xq, &x) == DS_OK)
        fprintf(err, "xapian: %s\n", x);
    free(x);
    ds_buf_release(&d);
}

/* Search and print; the query is already compiled. */
static int run(sq_index_t *ix, const sq_query_t *q, const xap_query_t *xq, const char *text,
               size_t len, const sq_answer_opts_t *o, ds_buf_t *out, FILE *err)
{
    sq_search_opts_t so = o->search;
    if (o->count_only) {
        so.limit = 0;
        so.exact_count = 1;
    }
    sq_result_t res;
    char *msg = NULL;
    ds_status_t rc = sq_search(ix, xq, &so, &res, &msg);
    if (rc != DS_OK) {
        int st = report_status(text, len, rc, msg, o, out, err);
        free(msg);
        return st;
    }
    if (o->count_only) {
        fmt_count(out, &o->fmt, res.lower);
        int st = res.lower ? SQ_HITS : SQ_NO_HITS;
        sq_result_release(&res);
        return st;
    }
    sq_unit_t *su = NULL;
    size_t nsu = 0;
    units_t mu = {0};
    mt_matcher_t *m = NULL;
    rc = sq_units(q, ix->an, &su, &nsu);
    if (rc == DS_OK)
        rc = to_match_units(su, nsu, &mu);
    if (rc == DS_OK && res.nhits)
        rc = mt_new(ix->an, ix->db, mu.u, mu.n, o->max_expansion, &m, &msg);
    fmt_count_line(out, &o->fmt, &res);
    if (rc == DS_OK)
        rc = print_hits(&res, m, o, out);
    if (rc == DS_OK)
        fmt_facets(out, &o->fmt, &res);
    int st = res.estimate ? SQ_HITS : SQ_NO_HITS;
    if (rc != DS_OK)
        st = report_status(text, len, rc, msg, o, out, err);
    else if (st == SQ_NO_HITS && o->suggest)
        suggest_words(ix, su, nsu, o, err);
    mt_free(m);
    free(mu.u);
    free(mu.slots);
    sq_units_free(su, nsu);
    sq_result_release(&res);
    free(msg);
    return st;
}

int sq_answer(sq_index_t *ix, const char *text, size_t len, const sq_answer_opts_t *o,
              ds_buf_t *out, FILE *err)
{
    sq_query_t *q = NULL;
    xap_query_t *xq = NULL;
    sq_error_t e;
    if (sq_parse(text, len, &q, &e) != DS_OK)
        return report(text, len, &e, o, out, err);
    sq_compile_ctx_t ctx = {ix->an, field_exists, ix, o->max_expansion};
    int st;
    if (sq_compile_over(q, &ctx, ix->db, &xq, &e) != DS_OK) {
        st = report(text, len, &e, o, out, err);
    } else {
        if (o->explain)
            explain(q, xq, err);
        st = run(ix, q, xq, text, len, o, out, err);
    }
    xap_query_free(xq);
    sq_query_free(q);
    return st;
}
