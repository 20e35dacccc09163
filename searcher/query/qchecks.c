/*
 * qchecks.c - sq_checks: what a query that found nothing should be checked for
 * (query.h, section 7). The terms are those sq_compile searches (tg_token_terms), so a
 * check looks up exactly what the search looked for.
 *
 *   list ............... push, set_str
 *   words .............. word_checks, tok_check (text, phrases, NEAR, text fields)
 *   filters ............ value_check
 *   operators .......... operator_checks ("a or b")
 *   spaced fields ...... spaced_checks ("type: report")
 */
#include <stdlib.h>
#include <string.h>

#include "qint.h"
#include "grow.h"
#include "termgen.h"

typedef struct clist {
    sq_check_t *v;
    size_t n, cap;
    an_analyzer_t *an;
    ds_buf_t exact, stem; /* scratch for tg_token_terms */
} clist_t;

/* ---- list ------------------------------------------------------------------------- */

static char *dup_or_null(const char *s, size_t len)
{
    return s ? strndup(s, len) : NULL;
}

/* A new check at the end of l with copies of field and prefix, or NULL. */
static sq_check_t *push(clist_t *l, sq_check_kind_t kind, const char *field, const char *prefix)
{
    sq_check_t *grown = ds_grow(l->v, &l->cap, l->n + 1, sizeof *grown);
    if (!grown)
        return NULL;
    l->v = grown;
    sq_check_t *c = &l->v[l->n++];
    *c = (sq_check_t){.kind = kind};
    c->field = dup_or_null(field, field ? strlen(field) : 0);
    c->prefix = strdup(prefix ? prefix : "");
    if ((field && !c->field) || !c->prefix)
        return NULL;
    return c;
}

/* ---- words ------------------------------------------------------------------------ */

/* A WORD check for token t (stem too when stemmed is set and termgen stems it). */
static ds_status_t tok_check(clist_t *l, const sq_tok_t *t, const char *field,
                             const char *prefix, int stemmed)
{
    an_token_t tok = {
        .term = t->term, .term_len = t->len, .pos = t->pos, .kind = t->kind, .flags = t->flags};
    ds_status_t rc = tg_token_terms(l->an, &tok, prefix, &l->exact, &l->stem);
    sq_check_t *c = rc == DS_OK ? push(l, SQ_CHECK_WORD, field, prefix) : NULL;
    if (rc != DS_OK)
        return rc;
    if (!c || !(c->word = strndup(t->term, t->len)) ||
        !(c->term = strndup(l->exact.data, l->exact.len)))
        return DS_ERR_NOMEM;
    if (stemmed && l->stem.len && !(c->stem_term = strndup(l->stem.data, l->stem.len)))
        return DS_ERR_NOMEM;
    return DS_OK;
}

/* A plain word is checked whole (stem included); a compound by its parts, which its
 * phrase needs ("ICT-relatd": "relatd"). */
static ds_status_t word_checks(clist_t *l, const sq_node_t *n, const char *field,
                               const char *prefix)
{
    size_t k;
    const sq_tok_t *toks = sq_word_toks(n, &k);
    if (k == 1)
        return tok_check(l, &toks[0], field, prefix, 1);
    ds_status_t rc = DS_OK;
    for (size_t i = 1; i < k && rc == DS_OK; i++)
        rc = tok_check(l, &toks[i], field, prefix, 0);
    return rc;
}

/* ---- filters ---------------------------------------------------------------------- */

/* The exact term a boolean field's value searches (as compile_value builds it). */
static ds_status_t value_check(clist_t *l, const sq_node_t *f)
{
    const sq_node_t *v = f->kids;
    if (!v || v->kind != N_VALUE || v->vmode == VM_WILDCARD)
        return DS_OK; /* a wildcard value: its expansion tells the story */
    sq_check_t *c = push(l, SQ_CHECK_VALUE, f->name, f->prefix);
    if (!c || !(c->word = strndup(v->text, v->text_len)))
        return DS_ERR_NOMEM;
    ds_buf_reset(&l->exact);
    an_term_fit(&l->exact, v->vmode == VM_HEAD ? DS_PREFIX_SYMBOL_HEAD : f->prefix, v->text,
                v->text_len);
    if (!ds_buf_ok(&l->exact) || !(c->term = strndup(l->exact.data, l->exact.len)))
        return DS_ERR_NOMEM;
    return DS_OK;
}

/* ---- operators -------------------------------------------------------------------- */

static int is_operator_word(const sq_node_t *n)
{
    static const char *const ops[] = {"or", "and", "not", "near"};
    if (n->kind != N_WORD || n->ntoks != 1)
        return 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(n->toks[0].term, ops[i]) == 0)
            return 1;
    return 0;
}

/* "a or b": an operator word between two other terms of an AND of the text. */
static ds_status_t operator_checks(clist_t *l, const sq_node_t *and)
{
    for (const sq_node_t *k = and->kids; k; k = k->next) {
        if (k == and->kids || !k->next || !is_operator_word(k))
            continue;
        sq_check_t *c = push(l, SQ_CHECK_OPERATOR, NULL, "");
        if (!c || !(c->word = strdup(k->toks[0].term)))
            return DS_ERR_NOMEM;
    }
    return DS_OK;
}

/* ---- the walk --------------------------------------------------------------------- */

static ds_status_t walk(clist_t *l, const sq_node_t *n, const char *field, const char *prefix)
{
    ds_status_t rc = DS_OK;
    switch (n->kind) {
    case N_AND:
        if (!field)
            rc = operator_checks(l, n);
        /* fall through */
    case N_OR:
        for (const sq_node_t *k = n->kids; k && rc == DS_OK; k = k->next)
            rc = walk(l, k, field, prefix);
        return rc;
    case N_FIELD:
        if (n->field->kind == DS_FK_TEXT)
            return walk(l, n->kids, n->name, n->prefix);
        return n->field->kind == DS_FK_BOOL ? value_check(l, n) : DS_OK;
    case N_WORD:
        return word_checks(l, n, field, prefix);
    case N_PHRASE:
        for (size_t i = 0; i < n->ntoks && rc == DS_OK; i++)
            rc = tok_check(l, &n->toks[i], field, prefix, 0);
        return rc;
    case N_NEAR:
        for (const sq_node_t *w = n->kids; w && rc == DS_OK; w = w->next)
            rc = tok_check(l, &w->toks[0], field, prefix, 0);
        return rc;
    default: /* N_NOT: not why nothing matched; N_WILD, N_VALUE, N_DATE */
        return DS_OK;
    }
}

/* ---- spaced fields ---------------------------------------------------------------- */

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "type: report": a built-in field name starting a word, ':' and then a space or the
 * end (the lexer read it as the word "type"). */
static ds_status_t spaced_checks(clist_t *l, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_alpha(s[i]) || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '('))
            continue;
        size_t e = i;
        char name[16];
        while (e < len && is_alpha(s[e]) && e - i < sizeof name - 1) {
            name[e - i] = (char)(s[e] | 0x20);
            e++;
        }
        name[e - i] = '\0';
        if (e >= len || s[e] != ':' || (e + 1 < len && s[e + 1] != ' ') ||
            !ds_field_find(name, e - i))
            continue;
        if (!push(l, SQ_CHECK_SPACED, name, ""))
            return DS_ERR_NOMEM;
        i = e;
    }
    return DS_OK;
}

ds_status_t sq_checks(const sq_query_t *q, an_analyzer_t *an, sq_check_t **checks, size_t *n)
{
    if (checks)
        *checks = NULL;
    if (n)
        *n = 0;
    if (!q || !q->root || !an || !checks || !n)
        return DS_ERR_INVALID;
    clist_t l = {.an = an};
    ds_status_t rc = walk(&l, q->root, NULL, "");
    if (rc == DS_OK)
        rc = spaced_checks(&l, q->text, q->len);
    ds_buf_release(&l.exact);
    ds_buf_release(&l.stem);
    if (rc != DS_OK) {
        sq_checks_free(l.v, l.n);
        return rc;
    }
    if (l.n == 0) {
        free(l.v);
        l.v = NULL;
    }
    *checks = l.v;
    *n = l.n;
    return DS_OK;
}

void sq_checks_free(sq_check_t *checks, size_t n)
{
    for (size_t i = 0; checks && i < n; i++) {
        free(checks[i].field);
        free(checks[i].prefix);
        free(checks[i].word);
        free(checks[i].term);
        free(checks[i].stem_term);
    }
    free(checks);
}
