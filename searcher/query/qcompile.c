/*
 * qcompile.c - a parsed query to a Xapian query (through xap.h), with the terms termgen
 * gives the indexer (tg_token_terms), so query and index always agree.
 *
 * Map
 *   1. Plumbing: failures, term queries, combining
 *   2. Leaves: words, phrases, NEAR, wildcards, field values, dates
 *   3. Operators: AND (with FILTER and AND_NOT), OR, NOT; fields
 *   4. sq_compile, sq_compile_over
 *
 * Every compile function returns a status and gives its query through *out (NULL on
 * failure) together with *filter: 1 when the query only filters (boolean fields, dates,
 * pure exclusions) and must add no weight, 0 when it ranks.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qint.h"
#include "schema.h"
#include "termgen.h"

typedef struct comp {
    const sq_compile_ctx_t *ctx;
    xap_db_t *db; /* expand wildcards over it now, or NULL: when the query runs */
    const sq_query_t *q;
    ds_error_t *err;
    uint32_t max_expansion;
    ds_buf_t exact, stem, term; /* scratch */
} comp_t;

static ds_status_t compile(comp_t *c, const sq_node_t *n, const char *prefix, xap_query_t **out,
                           int *filter);

/* ==== 1. Plumbing ===================================================================== */

static ds_status_t fail(comp_t *c, ds_status_t status, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ds_status_t fail(comp_t *c, ds_status_t status, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sq_vfail(c->err, status, c->q->text, c->q->len, off, fmt, ap);
    va_end(ap);
    return status;
}

/* A wrapper failure: query constructors fail only for lack of memory or a bug. */
static ds_status_t check(comp_t *c, ds_status_t rc)
{
    if (rc == DS_OK)
        return rc;
    return fail(c, rc, SIZE_MAX, "cannot build the query: %s", ds_status_str(rc));
}

static ds_status_t term_query(comp_t *c, const ds_buf_t *term, uint32_t qpos, xap_query_t **q)
{
    if (!ds_buf_ok(term))
        return check(c, DS_ERR_NOMEM);
    return check(c, xap_query_term(term->data, term->len, 1, qpos, q));
}

/* The exact term (into c->exact) and the stem term (into c->stem, empty when the token
 * is not stemmed) of token t under prefix. */
static ds_status_t tok_terms(comp_t *c, const sq_tok_t *t, const char *prefix)
{
    an_token_t tok = {
        .term = t->term, .term_len = t->len, .pos = t->pos, .kind = t->kind, .flags = t->flags};
    return check(c, tg_token_terms(c->ctx->an, &tok, prefix, &c->exact, &c->stem));
}

/* Combine subs[0..n) with op, then free them (whatever the outcome). */
static ds_status_t combine(comp_t *c, xap_op_t op, xap_query_t **subs, size_t n, unsigned param,
                           xap_query_t **out)
{
    ds_status_t rc = xap_query_combine(op, (const xap_query_t *const *)subs, n, param, out);
    for (size_t i = 0; i < n; i++)
        xap_query_free(subs[i]);
    return check(c, rc);
}

/* Two queries a and b (consumed) under op. */
static ds_status_t combine2(comp_t *c, xap_op_t op, xap_query_t *a, xap_query_t *b,
                            xap_query_t **out)
{
    xap_query_t *subs[2] = {a, b};
    return combine(c, op, subs, 2, 0, out);
}

static ds_status_t nomem(comp_t *c)
{
    return fail(c, DS_ERR_NOMEM, SIZE_MAX, "out of memory");
}

/* ==== 2. Leaves ======================================================================= */

/* PHRASE or NEAR (op) of the exact terms of toks[0..k) within window positions; one
 * token is just its term. */
static ds_status_t positional(comp_t *c, const sq_tok_t *const *toks, size_t k, xap_op_t op,
                              unsigned window, const char *prefix, xap_query_t **out)
{
    if (k == 0) /* never made by the parser */
        return check(c, xap_query_match_nothing(out));
    xap_query_t **subs = calloc(k, sizeof *subs);
    if (!subs)
        return nomem(c);
    ds_status_t rc = DS_OK;
    size_t i;
    for (i = 0; i < k && rc == DS_OK; i++) {
        rc = tok_terms(c, toks[i], prefix);
        if (rc == DS_OK)
            rc = term_query(c, &c->exact, toks[i]->qpos, &subs[i]);
    }
    if (rc == DS_OK && k == 1) {
        *out = subs[0];
        subs[0] = NULL;
    } else if (rc == DS_OK) {
        rc = combine(c, op, subs, k, window, out);
        i = 0; /* combine freed them */
    }
    while (i-- > 0)
        xap_query_free(subs[i]);
    free(subs);
    return rc;
}

/* Pointers to toks[0..k), for positional(). NULL when out of memory. */
static const sq_tok_t **tok_ptrs(const sq_tok_t *toks, size_t k)
{
    const sq_tok_t **v = calloc(k ? k : 1, sizeof *v);
    for (size_t i = 0; v && i < k; i++)
        v[i] = &toks[i];
    return v;
}

static ds_status_t phrase_of(comp_t *c, const sq_tok_t *toks, size_t k, unsigned window,
                             const char *prefix, xap_query_t **out)
{
    const sq_tok_t **v = tok_ptrs(toks, k);
    if (!v)
        return nomem(c);
    ds_status_t rc = positional(c, v, k, XAP_OP_PHRASE, window, prefix, out);
    free(v);
    return rc;
}

/* A word: its stem term if termgen stems it, else its exact term; a whole form also
 * matches its parts as a phrase: OR(whole, PHRASE(parts)). A possessive is its part
 * (sq_word_toks): "ICANN's" is Zicann, as ICANN's part is indexed wherever it is. */
static ds_status_t compile_word(comp_t *c, const sq_node_t *n, const char *prefix,
                                xap_query_t **out)
{
    size_t k;
    const sq_tok_t *toks = sq_word_toks(n, &k);
    ds_status_t rc = tok_terms(c, &toks[0], prefix);
    xap_query_t *whole = NULL, *parts = NULL;
    if (rc == DS_OK)
        rc = term_query(c, c->stem.len ? &c->stem : &c->exact, toks[0].qpos, &whole);
    if (rc != DS_OK || k == 1) {
        *out = whole;
        return rc;
    }
    rc = phrase_of(c, toks + 1, k - 1, (unsigned)(k - 1), prefix, &parts);
    if (rc != DS_OK) {
        xap_query_free(whole);
        return rc;
    }
    return combine2(c, XAP_OP_OR, whole, parts, out);
}

static ds_status_t compile_near(comp_t *c, const sq_node_t *n, const char *prefix,
                                xap_query_t **out)
{
    const sq_tok_t **v = calloc(n->nkids ? n->nkids : 1, sizeof *v);
    if (!v)
        return nomem(c);
    size_t k = 0;
    for (const sq_node_t *w = n->kids; w; w = w->next)
        v[k++] = &w->toks[0]; /* a compound or possessive stands for its whole form */
    ds_status_t rc = positional(c, v, k, XAP_OP_NEAR, n->n + (unsigned)k, prefix, out);
    free(v);
    return rc;
}

/* The terms starting with prefix + head (a term prefix: never fitted or hashed),
 * expanded over c->db now if there is one, else when the query runs. */
static ds_status_t wildcard(comp_t *c, const char *prefix, const char *head, size_t off,
                            xap_query_t **out)
{
    ds_buf_reset(&c->term);
    ds_buf_puts(&c->term, prefix);
    ds_buf_puts(&c->term, head);
    if (!ds_buf_ok(&c->term))
        return nomem(c);
    if (c->term.len > AN_XAPIAN_TERM_MAX)
        return fail(c, DS_ERR_INVALID, off, "wildcard pattern too long (at most %d bytes)",
                    AN_XAPIAN_TERM_MAX - (int)strlen(prefix));
    xap_db_t *db = c->db;
    if (!db)
        return check(c, xap_query_wildcard(c->term.data, c->term.len, c->max_expansion, out));
    ds_status_t rc = xap_db_wildcard(db, c->term.data, c->term.len, c->max_expansion, out);
    if (rc == DS_ERR_QUERY) {
        ds_buf_t pat = DS_BUF_INIT;
        sq_put_printable(&pat, head, strlen(head));
        fail(c, rc, off, "wildcard '%.100s*' matches too many terms (more than %lu)",
             ds_buf_cstr(&pat), (unsigned long)c->max_expansion);
        ds_buf_release(&pat);
    } else if (rc != DS_OK) {
        fail(c, rc, SIZE_MAX, "cannot expand wildcard '%.100s*': %s", head, xap_db_error(db));
    }
    return rc;
}

/* A boolean field's value under prefix: exact term, symbol head term or wildcard. */
static ds_status_t compile_value(comp_t *c, const sq_node_t *v, const char *prefix,
                                 xap_query_t **out)
{
    if (v->vmode == VM_WILDCARD)
        return wildcard(c, prefix, v->text, v->off, out);
    ds_buf_reset(&c->term);
    an_term_fit(&c->term, v->vmode == VM_HEAD ? DS_PREFIX_SYMBOL_HEAD : prefix, v->text,
                v->text_len);
    return term_query(c, &c->term, 0, out);
}

/* Overlap of the document's span with the range: START <= hi AND END >= lo, an open end
 * leaving its side out (dates.h, section 2). */
static ds_status_t compile_date(comp_t *c, const sq_node_t *n, xap_query_t **out)
{
    char lo[DATE_SORTABLE_LEN + 1], hi[DATE_SORTABLE_LEN + 1];
    date_format_sortable(n->span.start, lo);
    date_format_sortable(n->span.end, hi);
    int open_lo = n->span.start == DATE_DAY_MIN, open_hi = n->span.end == DATE_DAY_MAX;
    xap_query_t *le = NULL, *ge = NULL;
    ds_status_t rc = DS_OK;
    if (open_lo && open_hi) /* every dated document */
        return check(c, xap_query_value_range(DS_SLOT_DATE_START, NULL, 0, NULL, 0, out));
    if (!open_hi)
        rc = check(c, xap_query_value_range(DS_SLOT_DATE_START, NULL, 0, hi, strlen(hi), &le));
    if (rc == DS_OK && !open_lo)
        rc = check(c, xap_query_value_range(DS_SLOT_DATE_END, lo, strlen(lo), NULL, 0, &ge));
    if (rc != DS_OK || !le || !ge) {
        *out = rc == DS_OK ? (le ? le : ge) : NULL;
        if (rc != DS_OK) {
            xap_query_free(le);
            xap_query_free(ge);
        }
        return rc;
    }
    return combine2(c, XAP_OP_AND, le, ge, out);
}

/* ==== 3. Operators and fields ========================================================= */

/* subs[0..n) (consumed) joined with op; one query is passed through. */
static ds_status_t join_all(comp_t *c, xap_op_t op, xap_query_t **subs, size_t n, xap_query_t **out)
{
    if (n == 1) {
        *out = subs[0];
        return DS_OK;
    }
    return combine(c, op, subs, n, 0, out);
}

/* The AND of ranked queries w, filters f and exclusions x (all consumed):
 * AND_NOT(FILTER(AND(w), AND(f)), OR(x)), leaving out what is empty; with no w and no f,
 * the exclusions apply to every document. */
static ds_status_t assemble(comp_t *c, xap_query_t **w, size_t nw, xap_query_t **f, size_t nf,
                            xap_query_t **x, size_t nx, xap_query_t **out, int *filter)
{
    xap_query_t *pos = NULL, *flt = NULL, *neg = NULL;
    ds_status_t r1 = nw ? join_all(c, XAP_OP_AND, w, nw, &pos) : DS_OK;
    ds_status_t r2 = nf ? join_all(c, XAP_OP_AND, f, nf, &flt) : DS_OK;
    ds_status_t r3 = nx ? join_all(c, XAP_OP_OR, x, nx, &neg) : DS_OK;
    ds_status_t rc = r1 != DS_OK ? r1 : r2 != DS_OK ? r2 : r3;
    *filter = pos == NULL;
    if (rc == DS_OK && pos && flt)
        rc = combine2(c, XAP_OP_FILTER, pos, flt, &pos);
    else if (rc == DS_OK && !pos)
        pos = flt;
    else
        xap_query_free(flt);
    if (rc == DS_OK && !pos)
        rc = check(c, xap_query_match_all(&pos));
    if (rc == DS_OK && neg)
        return combine2(c, XAP_OP_AND_NOT, pos, neg, out);
    if (rc != DS_OK) {
        xap_query_free(pos);
        pos = NULL;
    }
    xap_query_free(neg);
    *out = pos;
    return rc;
}

static ds_status_t compile_and(comp_t *c, const sq_node_t *n, const char *prefix, xap_query_t **out,
                               int *filter)
{
    size_t k = n->nkids, nw = 0, nf = 0, nx = 0;
    xap_query_t **all = calloc(3 * k + 1, sizeof *all);
    if (!all)
        return nomem(c);
    xap_query_t **w = all, **f = all + k, **x = all + 2 * k;
    ds_status_t rc = DS_OK;
    for (const sq_node_t *kid = n->kids; kid && rc == DS_OK; kid = kid->next) {
        xap_query_t *q = NULL;
        int flt;
        if (kid->kind == N_NOT) {
            rc = compile(c, kid->kids, prefix, &q, &flt);
            x[nx++] = q;
        } else {
            rc = compile(c, kid, prefix, &q, &flt);
            if (flt)
                f[nf++] = q;
            else
                w[nw++] = q;
        }
    }
    if (rc == DS_OK)
        rc = assemble(c, w, nw, f, nf, x, nx, out, filter);
    else
        for (size_t i = 0; i < 3 * k; i++)
            xap_query_free(all[i]);
    free(all);
    return rc;
}

/* OR ranks by its ranked branches: filter branches are scaled to weight 0 unless every
 * branch filters. */
static ds_status_t compile_or(comp_t *c, const sq_node_t *n, const char *prefix, xap_query_t **out,
                              int *filter)
{
    size_t k = n->nkids, i = 0;
    xap_query_t **subs = calloc(k ? k : 1, sizeof *subs);
    int *flt = calloc(k ? k : 1, sizeof *flt);
    if (!subs || !flt) {
        free(subs);
        free(flt);
        return nomem(c);
    }
    ds_status_t rc = DS_OK;
    int all_filter = 1;
    for (const sq_node_t *kid = n->kids; kid && rc == DS_OK; kid = kid->next, i++) {
        rc = compile(c, kid, prefix, &subs[i], &flt[i]);
        all_filter = all_filter && flt[i];
    }
    for (i = 0; i < k && rc == DS_OK && !all_filter; i++) {
        xap_query_t *s = NULL;
        if (!flt[i])
            continue;
        rc = check(c, xap_query_scale(subs[i], 0, &s));
        xap_query_free(subs[i]);
        subs[i] = s;
    }
    if (rc == DS_OK) {
        *filter = all_filter;
        rc = combine(c, XAP_OP_OR, subs, k, 0, out);
    } else {
        for (i = 0; i < k; i++)
            xap_query_free(subs[i]);
    }
    free(subs);
    free(flt);
    return rc;
}

/* NOT alone (not directly under an AND): every document but those. */
static ds_status_t compile_not(comp_t *c, const sq_node_t *n, const char *prefix, xap_query_t **out)
{
    xap_query_t *all = NULL, *q = NULL;
    int flt;
    ds_status_t rc = compile(c, n->kids, prefix, &q, &flt);
    if (rc == DS_OK)
        rc = check(c, xap_query_match_all(&all));
    if (rc != DS_OK) {
        xap_query_free(q);
        return rc;
    }
    return combine2(c, XAP_OP_AND_NOT, all, q, out);
}

static ds_status_t compile_field(comp_t *c, const sq_node_t *n, xap_query_t **out, int *filter)
{
    if (n->field->kind == DS_FK_BOOL) {
        *filter = 1;
        return compile_value(c, n->kids, n->prefix, out);
    }
    if (!n->field->name) { /* a free field: only if some manifest had it */
        int r = c->ctx->field_exists ? c->ctx->field_exists(c->ctx->field_ctx, n->name) : 0;
        if (r < 0)
            return fail(c, (ds_status_t)-r, n->off, "cannot check field '%s': %s", n->name,
                        ds_status_str((ds_status_t)-r));
        if (r == 0)
            return fail(c, DS_ERR_INVALID, n->off, "unknown field '%s'", n->name);
        /* manifest metadata: it chooses documents like type: and adds no weight */
        ds_status_t rc = compile(c, n->kids, n->prefix, out, filter);
        *filter = 1;
        return rc;
    }
    return compile(c, n->kids, n->prefix, out, filter);
}

static ds_status_t compile(comp_t *c, const sq_node_t *n, const char *prefix, xap_query_t **out,
                           int *filter)
{
    *out = NULL;
    *filter = 0;
    switch (n->kind) {
    case N_AND:
        return compile_and(c, n, prefix, out, filter);
    case N_OR:
        return compile_or(c, n, prefix, out, filter);
    case N_NOT:
        *filter = 1;
        return compile_not(c, n, prefix, out);
    case N_NEAR:
        return compile_near(c, n, prefix, out);
    case N_WORD:
        return compile_word(c, n, prefix, out);
    case N_PHRASE:
        return phrase_of(c, n->toks, n->ntoks, (unsigned)n->ntoks + n->n, prefix, out);
    case N_WILD:
        return wildcard(c, prefix, n->text, n->off, out);
    case N_FIELD:
        return compile_field(c, n, out, filter);
    case N_VALUE:
        *filter = 1;
        return compile_value(c, n, prefix, out);
    case N_DATE:
        *filter = 1;
        return compile_date(c, n, out);
    }
    return fail(c, DS_ERR_INTERNAL, SIZE_MAX, "unknown query node %d", (int)n->kind);
}

/* ==== 4. sq_compile =================================================================== */

ds_status_t sq_compile(const sq_query_t *q, const sq_compile_ctx_t *ctx, xap_query_t **out,
                       ds_error_t *err)
{
    return sq_compile_over(q, ctx, NULL, out, err);
}

ds_status_t sq_compile_over(const sq_query_t *q, const sq_compile_ctx_t *ctx, xap_db_t *db,
                            xap_query_t **out, ds_error_t *err)
{
    ds_error_clear(err);
    if (out)
        *out = NULL;
    if (!q || !q->root || !ctx || !ctx->an || !out) {
        sq_fail(err, DS_ERR_INVALID, "", 0, SIZE_MAX, "sq_compile: invalid arguments");
        return DS_ERR_INVALID;
    }
    comp_t c = {.ctx = ctx, .db = db, .q = q, .err = err, .max_expansion = ctx->max_expansion};
    if (c.max_expansion == 0)
        c.max_expansion = SQ_MAX_EXPANSION_DEFAULT;
    xap_query_t *res = NULL;
    int filter;
    ds_status_t rc = compile(&c, q->root, "", &res, &filter);
    if (rc == DS_OK && filter) { /* only filters: every match weighs the same (0) */
        xap_query_t *scaled = NULL;
        rc = check(&c, xap_query_scale(res, 0, &scaled));
        xap_query_free(res);
        res = scaled;
    }
    ds_buf_release(&c.exact);
    ds_buf_release(&c.stem);
    ds_buf_release(&c.term);
    if (rc == DS_OK)
        *out = res;
    return rc;
}
