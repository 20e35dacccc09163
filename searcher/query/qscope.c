/*
 * qscope.c - where a filter applies (query.h, section 1, FILTERS).
 *
 * A filter (a boolean field, a date, a free manifest field, a negated one, or a group
 * of only those) written beside words filters the whole group it stands in: the query,
 * or the parentheses around it. `date:2021-03 Netherlands OR Germany` is
 * FILTER(netherlands OR germany, date), as in Xapian's QueryParser and Recoll, not
 * (date AND netherlands) OR germany, which the precedence of AND over OR would give.
 * A branch of an OR that is only filters (`type:report OR type:passage`) is an
 * alternative like any other and stays where it is. Several values of one single-valued
 * field (DS_FF_SINGLE in schema.h: type, lang, id, date) are alternatives, OR-ed, as
 * Xapian ORs boolean terms of one exclusive prefix; values of other fields must all
 * match.
 *
 * sq_scope() runs when a group has been parsed, innermost first. It marks every filter
 * it has placed (`scoped`), so that an outer group leaves it where its own parentheses
 * put it: in `(Netherlands date:2021-03) OR Germany` the date filters Netherlands only.
 */
#include <string.h>

#include "qint.h"

int sq_is_filter(const sq_node_t *n)
{
    switch (n->kind) {
    case N_DATE:
        return 1;
    case N_FIELD:
        return n->field->kind != DS_FK_TEXT || n->field == &sq_free_field;
    case N_NOT:
        return sq_is_filter(n->kids);
    case N_AND:
    case N_OR:
        for (const sq_node_t *k = n->kids; k; k = k->next)
            if (!sq_is_filter(k))
                return 0;
        return 1;
    default:
        return 0;
    }
}

/* ---- child lists ------------------------------------------------------------------ */

static void clear_kids(sq_node_t *n)
{
    n->kids = n->last = NULL;
    n->nkids = 0;
}

/* Append k to n's children, keeping it whole (no flattening of AND into AND). */
static void append(sq_node_t *n, sq_node_t *k)
{
    k->next = NULL;
    if (n->last)
        n->last->next = k;
    else
        n->kids = k;
    n->last = k;
    n->nkids++;
}

static int has_ranked_kid(const sq_node_t *n)
{
    for (const sq_node_t *k = n->kids; k; k = k->next)
        if (!sq_is_filter(k))
            return 1;
    return 0;
}

/* ---- alternatives: values of one single-valued field ------------------------------ */

/* The field a positive filter of a single-valued field (schema.h, DS_FF_SINGLE)
 * filters by, or NULL. */
static const char *exclusive_field(const sq_node_t *n)
{
    if (n->kind == N_DATE)
        return DS_FIELD_DATE;
    if (n->kind != N_FIELD || !(n->field->flags & DS_FF_SINGLE))
        return NULL;
    return n->field->name;
}

/* OR together, in place of the first of them, the children of AND node n that filter
 * by the same single-valued field. Returns 0, or -1 when out of memory. */
static int alternatives(parser_t *p, sq_node_t *n)
{
    size_t k = n->nkids, i = 0;
    sq_node_t **v = sq_arena_alloc(p->q, (k ? k : 1) * sizeof *v);
    if (!v)
        return -1;
    for (sq_node_t *c = n->kids; c; c = c->next)
        v[i++] = c;
    clear_kids(n);
    for (i = 0; i < k; i++) {
        const char *f = v[i] ? exclusive_field(v[i]) : NULL;
        sq_node_t *alt = NULL;
        for (size_t j = i + 1; f && j < k; j++) {
            const char *g = v[j] ? exclusive_field(v[j]) : NULL;
            if (!g || strcmp(f, g) != 0)
                continue;
            if (!alt && !(alt = sq_p_node(p, N_OR, v[i]->off)))
                return -1;
            if (alt->nkids == 0)
                append(alt, v[i]);
            append(alt, v[j]);
            v[j] = NULL;
        }
        if (v[i])
            append(n, alt ? alt : v[i]);
    }
    return 0;
}

/* ---- scope ------------------------------------------------------------------------- */

/* Mark every filter of group g as placed (nested groups marked theirs already). */
static void mark(sq_node_t *g)
{
    if (sq_is_filter(g)) {
        g->scoped = 1;
        return;
    }
    for (sq_node_t *k = g->kids; k; k = k->next)
        mark(k);
}

/* Move the unplaced filters among the children of AND node b to the list *lifted. */
static void lift(sq_node_t *b, sq_node_t *lifted)
{
    sq_node_t *kids = b->kids;
    clear_kids(b);
    for (sq_node_t *k = kids, *next; k; k = next) {
        next = k->next;
        append(sq_is_filter(k) && !k->scoped ? lifted : b, k);
    }
}

/* The OR group g with the filters of its AND branches moved in front of it: NULL when
 * there are none, g's branches rebuilt either way. */
static sq_node_t *lift_from_branches(parser_t *p, sq_node_t *g)
{
    sq_node_t *lifted = sq_p_node(p, N_AND, g->off);
    if (!lifted)
        return NULL;
    sq_node_t *branches = g->kids;
    clear_kids(g);
    for (sq_node_t *b = branches, *next; b; b = next) {
        next = b->next;
        if (b->kind == N_AND && has_ranked_kid(b))
            lift(b, lifted);
        append(g, b);
    }
    return lifted->nkids ? lifted : NULL;
}

/* An AND left with one child is that child. */
static sq_node_t *unwrap(sq_node_t *n)
{
    return n->kind == N_AND && n->nkids == 1 ? n->kids : n;
}

/* Alternatives inside each AND branch of OR group g (`type:a type:b OR x`). */
static int scope_branches(parser_t *p, sq_node_t *g)
{
    sq_node_t *branches = g->kids;
    clear_kids(g);
    for (sq_node_t *b = branches, *next; b; b = next) {
        next = b->next;
        if (b->kind == N_AND && alternatives(p, b) < 0)
            return -1;
        append(g, unwrap(b));
    }
    return 0;
}

sq_node_t *sq_scope(parser_t *p, sq_node_t *g)
{
    if (!g || p->status != DS_OK)
        return g;
    sq_node_t *res = g;
    if (g->kind == N_OR) {
        sq_node_t *lifted = lift_from_branches(p, g);
        if (p->status != DS_OK || scope_branches(p, g) < 0)
            return sq_p_fail(p, DS_ERR_NOMEM, SIZE_MAX, "out of memory");
        if (lifted) {
            append(lifted, g);
            res = lifted;
        }
    }
    if (res->kind == N_AND && alternatives(p, res) < 0)
        return sq_p_fail(p, DS_ERR_NOMEM, SIZE_MAX, "out of memory");
    res = unwrap(res);
    mark(res);
    return res;
}
