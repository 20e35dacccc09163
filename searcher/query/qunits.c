/*
 * qunits.c - sq_units: the positive match units of a query (query.h, section 5), with
 * the same terms sq_compile searches (tg_token_terms), for snippets and concordances.
 */
#include <stdlib.h>
#include <string.h>

#include "qint.h"
#include "grow.h"
#include "schema.h"
#include "termgen.h"

typedef struct ulist {
    sq_unit_t *v;
    size_t n, cap;
    an_analyzer_t *an;
    ds_buf_t exact, stem; /* scratch for tg_token_terms */
} ulist_t;

/* A new zeroed unit of kind at the end of l (with a copy of prefix), or NULL. */
static sq_unit_t *push(ulist_t *l, sq_unit_kind_t kind, const char *prefix, int field)
{
    sq_unit_t *grown = ds_grow(l->v, &l->cap, l->n + 1, sizeof *grown);
    if (!grown)
        return NULL;
    l->v = grown;
    char *p = strdup(prefix);
    if (!p)
        return NULL;
    sq_unit_t *u = &l->v[l->n++];
    *u = (sq_unit_t){.kind = kind, .field = field, .prefix = p};
    return u;
}

static ds_status_t terms_of(ulist_t *l, const sq_tok_t *t, const char *prefix)
{
    an_token_t tok = {
        .term = t->term, .term_len = t->len, .pos = t->pos, .kind = t->kind, .flags = t->flags};
    return tg_token_terms(l->an, &tok, prefix, &l->exact, &l->stem);
}

/* A PHRASE or NEAR unit over the exact terms of *toks[0..k). */
static ds_status_t terms_unit(ulist_t *l, sq_unit_kind_t kind, const sq_tok_t *const *toks,
                              size_t k, uint32_t window, const char *prefix, int field)
{
    if (k == 0) /* never made by the parser; no unit rather than a crash */
        return DS_OK;
    sq_unit_t *u = push(l, kind, prefix, field);
    if (!u || !(u->terms = calloc(k ? k : 1, sizeof *u->terms)))
        return DS_ERR_NOMEM;
    u->window = window;
    u->qpos = toks[0]->qpos;
    for (size_t i = 0; i < k; i++) {
        ds_status_t rc = terms_of(l, toks[i], prefix);
        if (rc != DS_OK)
            return rc;
        if (!(u->terms[i] = strndup(l->exact.data, l->exact.len)))
            return DS_ERR_NOMEM;
        u->nterms++;
    }
    return DS_OK;
}

static ds_status_t toks_unit(ulist_t *l, sq_unit_kind_t kind, const sq_tok_t *toks, size_t k,
                             uint32_t window, const char *prefix, int field)
{
    const sq_tok_t **v = calloc(k ? k : 1, sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < k; i++)
        v[i] = &toks[i];
    ds_status_t rc = terms_unit(l, kind, v, k, window, prefix, field);
    free(v);
    return rc;
}

/* A word: its exact term and stem; a whole form's parts follow as a phrase unit. A
 * possessive is its part, as compiled (sq_word_toks). */
static ds_status_t word_units(ulist_t *l, const sq_node_t *n, const char *prefix, int field)
{
    size_t k;
    const sq_tok_t *toks = sq_word_toks(n, &k);
    ds_status_t rc = terms_of(l, &toks[0], prefix);
    sq_unit_t *u = rc == DS_OK ? push(l, SQ_UNIT_WORD, prefix, field) : NULL;
    if (rc != DS_OK || !u)
        return rc != DS_OK ? rc : DS_ERR_NOMEM;
    u->qpos = toks[0].qpos;
    if (!(u->term = strndup(l->exact.data, l->exact.len)))
        return DS_ERR_NOMEM;
    if (l->stem.len) {
        size_t skip = strlen(DS_PREFIX_STEM) + strlen(prefix);
        u->stem_term = strndup(l->stem.data, l->stem.len);
        u->stem = l->stem.len >= skip ? strndup(l->stem.data + skip, l->stem.len - skip) : NULL;
        if (!u->stem_term || !u->stem)
            return DS_ERR_NOMEM;
    }
    if (k == 1)
        return DS_OK;
    return toks_unit(l, SQ_UNIT_PHRASE, toks + 1, k - 1, (uint32_t)(k - 1), prefix, field);
}

static ds_status_t near_unit(ulist_t *l, const sq_node_t *n, const char *prefix, int field)
{
    const sq_tok_t **v = calloc(n->nkids ? n->nkids : 1, sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    size_t k = 0;
    for (const sq_node_t *w = n->kids; w; w = w->next)
        v[k++] = &w->toks[0];
    ds_status_t rc = terms_unit(l, SQ_UNIT_NEAR, v, k, n->n + (uint32_t)k, prefix, field);
    free(v);
    return rc;
}

static ds_status_t wild_unit(ulist_t *l, const sq_node_t *n, const char *prefix, int field)
{
    sq_unit_t *u = push(l, SQ_UNIT_WILDCARD, prefix, field);
    if (!u || !(u->term = malloc(strlen(prefix) + n->text_len + 1)))
        return DS_ERR_NOMEM;
    strcpy(u->term, prefix);
    strcat(u->term, n->text);
    return DS_OK;
}

static ds_status_t walk(ulist_t *l, const sq_node_t *n, const char *prefix, int field)
{
    ds_status_t rc = DS_OK;
    switch (n->kind) {
    case N_AND:
    case N_OR:
        for (const sq_node_t *k = n->kids; k && rc == DS_OK; k = k->next)
            rc = walk(l, k, prefix, field);
        return rc;
    case N_FIELD:
        return n->field->kind == DS_FK_TEXT ? walk(l, n->kids, n->prefix, 1) : DS_OK;
    case N_WORD:
        return word_units(l, n, prefix, field);
    case N_PHRASE:
        return toks_unit(l, SQ_UNIT_PHRASE, n->toks, n->ntoks, (uint32_t)n->ntoks + n->n, prefix,
                         field);
    case N_NEAR:
        return near_unit(l, n, prefix, field);
    case N_WILD:
        return wild_unit(l, n, prefix, field);
    default: /* N_NOT (excluded: nothing to show), N_VALUE, N_DATE */
        return DS_OK;
    }
}

ds_status_t sq_units(const sq_query_t *q, an_analyzer_t *an, sq_unit_t **units, size_t *n)
{
    if (units)
        *units = NULL;
    if (n)
        *n = 0;
    if (!q || !q->root || !an || !units || !n)
        return DS_ERR_INVALID;
    ulist_t l = {.an = an};
    ds_status_t rc = walk(&l, q->root, "", 0);
    ds_buf_release(&l.exact);
    ds_buf_release(&l.stem);
    if (rc != DS_OK) {
        sq_units_free(l.v, l.n);
        return rc;
    }
    if (l.n == 0) {
        free(l.v);
        l.v = NULL;
    }
    *units = l.v;
    *n = l.n;
    return DS_OK;
}

void sq_units_free(sq_unit_t *units, size_t n)
{
    if (!units)
        return;
    for (size_t i = 0; i < n; i++) {
        sq_unit_t *u = &units[i];
        free(u->prefix);
        free(u->term);
        free(u->stem);
        free(u->stem_term);
        for (size_t j = 0; j < u->nterms; j++)
            free(u->terms[j]);
        free(u->terms);
    }
    free(units);
}
