/*
 * qparse.c - the query grammar (query.h, section 1): recursive descent over the lexer's
 * tokens, building the tree of qint.h. Leaves (words, phrases, wildcards, fields, dates)
 * are built by qleaf.c.
 *
 * Map
 *   1. Parser plumbing: lookahead, failures, nodes
 *   2. Grammar: or-expr, and-expr, unary, near, primary, group
 *   3. sq_parse
 *
 * Recursion is bounded by SQ_MAX_DEPTH (groups and prefix operators), so no input can
 * exhaust the stack; every loop consumes a token, so every input terminates.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qint.h"

/* ==== 1. Plumbing ===================================================================== */

const qtok_t *sq_p_peek(parser_t *p)
{
    if (p->status != DS_OK)
        return NULL;
    if (!p->have) {
        if (sq_lex_next(&p->lx, p->mode, &p->tok, p->err) < 0) {
            p->status = DS_ERR_INVALID;
            return NULL;
        }
        p->have = 1;
        p->mode = LX_NORMAL;
    }
    return &p->tok;
}

void sq_p_consume(parser_t *p)
{
    p->have = 0;
}

sq_node_t *sq_p_fail(parser_t *p, ds_status_t status, size_t off, const char *fmt, ...)
{
    if (p->status != DS_OK)
        return NULL;
    p->status = status;
    va_list ap;
    va_start(ap, fmt);
    sq_vfail(p->err, status, p->q->text, p->q->len, off, fmt, ap);
    va_end(ap);
    return NULL;
}

static sq_node_t *nomem(parser_t *p)
{
    return sq_p_fail(p, DS_ERR_NOMEM, SIZE_MAX, "out of memory");
}

sq_node_t *sq_p_node(parser_t *p, node_kind_t kind, size_t off)
{
    sq_node_t *n = sq_arena_alloc(p->q, sizeof *n);
    if (!n)
        return nomem(p);
    n->kind = kind;
    n->off = off;
    return n;
}

void sq_p_add(sq_node_t *parent, sq_node_t *kid)
{
    if ((parent->kind == N_AND || parent->kind == N_OR) && kid->kind == parent->kind) {
        for (sq_node_t *k = kid->kids, *next; k; k = next) {
            next = k->next;
            k->next = NULL;
            sq_p_add(parent, k);
        }
        return;
    }
    if (parent->last)
        parent->last->next = kid;
    else
        parent->kids = kid;
    parent->last = kid;
    parent->nkids++;
}

/* Join left and right under op (left becomes an op node if it is not one already). */
static sq_node_t *join(parser_t *p, node_kind_t op, sq_node_t *left, sq_node_t *right)
{
    if (left->kind != op || left->nkids < 2) {
        sq_node_t *n = sq_p_node(p, op, left->off);
        if (!n)
            return NULL;
        sq_p_add(n, left);
        left = n;
    }
    sq_p_add(left, right);
    return left;
}

static int starts_operand(const qtok_t *t)
{
    switch (t->kind) {
    case T_WORD:
    case T_WILD:
    case T_PHRASE:
    case T_LPAREN:
    case T_FIELD:
    case T_NOT:
    case T_MINUS:
    case T_PLUS:
        return 1;
    default:
        return 0;
    }
}

static const char *op_name(const qtok_t *t)
{
    switch (t->kind) {
    case T_AND:
        return "AND";
    case T_OR:
        return "OR";
    case T_NOT:
        return "NOT";
    case T_MINUS:
        return "-";
    case T_PLUS:
        return "+";
    default:
        return "NEAR";
    }
}

/* ==== 2. Grammar ====================================================================== */

static sq_node_t *parse_or(parser_t *p);
static sq_node_t *parse_unary(parser_t *p);

static sq_node_t *parse_primary(parser_t *p)
{
    const qtok_t *t = sq_p_peek(p);
    if (!t)
        return NULL;
    qtok_t tok = *t;
    sq_p_consume(p);
    switch (tok.kind) {
    case T_WORD:
        return sq_leaf_word(p, tok.a, tok.b);
    case T_WILD:
        return sq_leaf_wild(p, &tok);
    case T_PHRASE:
        return sq_leaf_phrase(p, &tok);
    case T_LPAREN:
        return sq_p_group(p, tok.off);
    case T_FIELD:
        return sq_leaf_field(p, &tok);
    default: /* callers check starts_operand() first */
        return sq_p_fail(p, DS_ERR_INVALID, tok.off, "unexpected '%s'", op_name(&tok));
    }
}

sq_node_t *sq_p_group(parser_t *p, size_t off)
{
    if (++p->depth > SQ_MAX_DEPTH)
        return sq_p_fail(p, DS_ERR_INVALID, off, "the query is nested too deeply");
    sq_node_t *inner = parse_or(p);
    p->depth--;
    const qtok_t *t = sq_p_peek(p);
    if (!t)
        return NULL;
    if (t->kind != T_RPAREN) /* parse_or stops at ')' or the end */
        return sq_p_fail(p, DS_ERR_INVALID, off, "unbalanced '('");
    sq_p_consume(p);
    if (!inner)
        return sq_p_fail(p, DS_ERR_INVALID, off, "empty parentheses: nothing to search for");
    return sq_scope(p, inner);
}

/* One NEAR operand: a primary that is a single word. */
static sq_node_t *near_operand(parser_t *p, const qtok_t *op)
{
    const qtok_t *t = sq_p_peek(p);
    if (!t)
        return NULL;
    if (!starts_operand(t))
        return sq_p_fail(p, DS_ERR_INVALID, op->off, "'NEAR' has no word after it");
    size_t off = t->off;
    int primary = t->kind != T_NOT && t->kind != T_MINUS && t->kind != T_PLUS;
    sq_node_t *n = primary ? parse_primary(p) : NULL;
    if (p->status == DS_OK && (!n || n->kind != N_WORD))
        return sq_p_fail(p, DS_ERR_INVALID, off,
                         "NEAR joins single words (not phrases, groups, fields or wildcards)");
    return n;
}

static sq_node_t *parse_near(parser_t *p)
{
    size_t off = p->have ? p->tok.off : p->lx.off;
    sq_node_t *left = parse_primary(p);
    const qtok_t *t = sq_p_peek(p);
    if (!left || !t || t->kind != T_NEAR)
        return left;
    if (left->kind != N_WORD)
        return sq_p_fail(p, DS_ERR_INVALID, off,
                         "NEAR joins single words (not phrases, groups, fields or wildcards)");
    sq_node_t *near = sq_p_node(p, N_NEAR, left->off);
    if (!near)
        return NULL;
    near->n = t->n;
    sq_p_add(near, left);
    while ((t = sq_p_peek(p)) && t->kind == T_NEAR) {
        qtok_t op = *t;
        if (op.n != near->n)
            return sq_p_fail(p, DS_ERR_INVALID, op.off, "a chain of NEAR must use one distance");
        sq_p_consume(p);
        sq_node_t *right = near_operand(p, &op);
        if (!right)
            return NULL;
        sq_p_add(near, right);
    }
    return p->status == DS_OK ? near : NULL;
}

/* unary = ( "NOT" | "-" | "+" ) unary | near. After a sign the next term is read in TERM
 * mode: `-AND` excludes the word "and". */
static sq_node_t *parse_unary(parser_t *p)
{
    const qtok_t *t = sq_p_peek(p);
    if (!t)
        return NULL;
    if (t->kind != T_NOT && t->kind != T_MINUS && t->kind != T_PLUS)
        return parse_near(p);
    qtok_t op = *t;
    sq_p_consume(p);
    if (++p->depth > SQ_MAX_DEPTH)
        return sq_p_fail(p, DS_ERR_INVALID, op.off, "the query is nested too deeply");
    if (op.kind != T_NOT)
        p->mode = LX_TERM;
    t = sq_p_peek(p);
    if (t && !starts_operand(t))
        return sq_p_fail(p, DS_ERR_INVALID, op.off, "'%s' has no term after it", op_name(&op));
    sq_node_t *kid = parse_unary(p);
    p->depth--;
    if (!kid || op.kind == T_PLUS)
        return kid;
    sq_node_t *n = sq_p_node(p, N_NOT, op.off);
    if (n)
        sq_p_add(n, kid);
    return n;
}

/* and-expr = unary { [ "AND" ] unary }. NULL without failure when it is empty. */
static sq_node_t *parse_and(parser_t *p)
{
    sq_node_t *all = NULL;
    const qtok_t *t;
    while ((t = sq_p_peek(p)) && t->kind != T_EOF && t->kind != T_RPAREN && t->kind != T_OR) {
        if (t->kind == T_AND || t->kind == T_NEAR) {
            qtok_t op = *t;
            if (!all)
                return sq_p_fail(p, DS_ERR_INVALID, op.off, "'%s' has no %s before it",
                                 op_name(&op), op.kind == T_AND ? "term" : "word");
            if (op.kind == T_NEAR) /* after a term that is not a word: parse_near took it */
                return sq_p_fail(p, DS_ERR_INVALID, op.off, "NEAR joins single words");
            sq_p_consume(p);
            if ((t = sq_p_peek(p)) && !starts_operand(t))
                return sq_p_fail(p, DS_ERR_INVALID, op.off, "'AND' has no term after it");
            continue;
        }
        size_t off = t->off;
        sq_node_t *kid = parse_unary(p);
        if (!kid) /* the lexer skips empty terms, so this is a failure: never drop a term */
            return sq_p_fail(p, DS_ERR_INVALID, off, "nothing to search for here");
        all = all ? join(p, N_AND, all, kid) : kid;
    }
    return p->status == DS_OK ? all : NULL;
}

static sq_node_t *parse_or(parser_t *p)
{
    sq_node_t *left = parse_and(p);
    const qtok_t *t;
    while ((t = sq_p_peek(p)) && t->kind == T_OR) {
        size_t off = t->off;
        sq_p_consume(p);
        if (!left)
            return sq_p_fail(p, DS_ERR_INVALID, off, "'OR' has no term before it");
        sq_node_t *right = parse_and(p);
        if (!right)
            return sq_p_fail(p, DS_ERR_INVALID, off, "'OR' has no term after it");
        left = join(p, N_OR, left, right);
    }
    return p->status == DS_OK ? left : NULL;
}

/* ==== 3. sq_parse ===================================================================== */

static sq_node_t *parse_query(parser_t *p)
{
    const qtok_t *t = sq_p_peek(p);
    if (t && t->kind == T_EOF)
        return sq_p_fail(p, DS_ERR_INVALID, 0, "empty query: nothing to search for");
    sq_node_t *root = parse_or(p);
    t = sq_p_peek(p);
    if (t && t->kind == T_RPAREN)
        return sq_p_fail(p, DS_ERR_INVALID, t->off, "unbalanced ')'");
    if (p->status == DS_OK && !root) /* cannot happen: kept as a guard, never a crash */
        return sq_p_fail(p, DS_ERR_INVALID, 0, "empty query: nothing to search for");
    return sq_scope(p, root);
}

ds_status_t sq_parse(const char *text, size_t len, sq_query_t **out, ds_error_t *err)
{
    ds_error_clear(err);
    if (out)
        *out = NULL;
    if (!out || (!text && len)) {
        sq_fail(err, DS_ERR_INVALID, "", 0, SIZE_MAX, "sq_parse: invalid arguments");
        return DS_ERR_INVALID;
    }
    sq_query_t *q = calloc(1, sizeof *q);
    char *copy = malloc(len + 1);
    if (!q || !copy) {
        free(q);
        free(copy);
        sq_fail(err, DS_ERR_NOMEM, "", 0, SIZE_MAX, "out of memory");
        return DS_ERR_NOMEM;
    }
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    q->text = copy;
    q->len = len;
    parser_t p = {.q = q, .lx = {copy, len, 0}, .err = err};
    q->root = parse_query(&p);
    ds_buf_release(&p.scratch);
    if (p.status != DS_OK) {
        sq_query_free(q);
        return p.status;
    }
    *out = q;
    return DS_OK;
}
