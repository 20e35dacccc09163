/*
 * qdescribe.c - sq_describe: the parsed query as one readable, deterministic line (the
 * format is listed in query.h). Terms are shown folded, as they will be searched; user
 * text never reaches the output unfiltered (sq_put_printable). Also sq_uses_field, the
 * other question callers ask about a parsed query's shape.
 */
#include <string.h>

#include "qint.h"

static void describe(ds_buf_t *out, const sq_node_t *n);

static void put_term(ds_buf_t *out, const char *s, size_t len)
{
    sq_put_printable(out, s, len);
}

/* toks[0..k) separated by sep. */
static void put_toks(ds_buf_t *out, const sq_tok_t *toks, size_t k, const char *sep)
{
    for (size_t i = 0; i < k; i++) {
        if (i)
            ds_buf_puts(out, sep);
        put_term(out, toks[i].term, toks[i].len);
    }
}

static void put_kids(ds_buf_t *out, const char *name, const sq_node_t *n)
{
    ds_buf_puts(out, name);
    ds_buf_putc(out, '(');
    for (const sq_node_t *k = n->kids; k; k = k->next) {
        if (k != n->kids)
            ds_buf_puts(out, ", ");
        describe(out, k);
    }
    ds_buf_putc(out, ')');
}

static void put_near(ds_buf_t *out, const sq_node_t *n)
{
    ds_buf_printf(out, "NEAR/%u(", n->n);
    for (const sq_node_t *k = n->kids; k; k = k->next) {
        if (k != n->kids)
            ds_buf_puts(out, ", ");
        put_term(out, k->toks[0].term, k->toks[0].len);
    }
    ds_buf_putc(out, ')');
}

/* A word as it searches (a possessive: its part); NEAR shows toks[0] (put_near). */
static void put_word(ds_buf_t *out, const sq_node_t *n)
{
    size_t k;
    const sq_tok_t *toks = sq_word_toks(n, &k);
    ds_buf_puts(out, "word:");
    put_term(out, toks[0].term, toks[0].len);
    if (k > 1) {
        ds_buf_puts(out, "|\"");
        put_toks(out, toks + 1, k - 1, " ");
        ds_buf_putc(out, '"');
    }
}

static void put_value(ds_buf_t *out, const sq_node_t *n)
{
    static const char *const mode[] = {"value:", "wildcard:", "head:"};
    ds_buf_puts(out, mode[n->vmode]);
    put_term(out, n->text, n->text_len);
    if (n->vmode == VM_WILDCARD)
        ds_buf_putc(out, '*');
}

/* date:A..B with an open end left blank. */
static void put_date(ds_buf_t *out, const sq_node_t *n)
{
    char lo[DATE_ISO_LEN + 1], hi[DATE_ISO_LEN + 1];
    date_format_iso(n->span.start, lo);
    date_format_iso(n->span.end, hi);
    ds_buf_printf(out, "date:%s..%s", n->span.start == DATE_DAY_MIN ? "" : lo,
                  n->span.end == DATE_DAY_MAX ? "" : hi);
}

static void describe(ds_buf_t *out, const sq_node_t *n)
{
    switch (n->kind) {
    case N_AND:
        put_kids(out, "AND", n);
        break;
    case N_OR:
        put_kids(out, "OR", n);
        break;
    case N_NOT:
        put_kids(out, "NOT", n);
        break;
    case N_NEAR:
        put_near(out, n);
        break;
    case N_WORD:
        put_word(out, n);
        break;
    case N_PHRASE:
        ds_buf_puts(out, "phrase");
        if (n->has_n)
            ds_buf_printf(out, "~%u", n->n);
        ds_buf_puts(out, ":\"");
        put_toks(out, n->toks, n->ntoks, " ");
        ds_buf_putc(out, '"');
        break;
    case N_WILD:
        ds_buf_puts(out, "wildcard:");
        put_term(out, n->text, n->text_len);
        ds_buf_putc(out, '*');
        break;
    case N_FIELD:
        ds_buf_printf(out, "field:%s(", n->name);
        describe(out, n->kids);
        ds_buf_putc(out, ')');
        break;
    case N_VALUE:
        put_value(out, n);
        break;
    case N_DATE:
        put_date(out, n);
        break;
    }
}

void sq_describe(const sq_query_t *q, ds_buf_t *out)
{
    if (q && q->root && out)
        describe(out, q->root);
}

/* ---- fields used ------------------------------------------------------------------ */

static int node_uses_field(const sq_node_t *n, const char *name)
{
    for (; n; n = n->next) {
        if (n->kind == N_NOT)
            continue; /* -type:citation restricts nothing to a type */
        if (n->kind == N_FIELD && n->name && strcmp(n->name, name) == 0)
            return 1;
        if (n->kind == N_DATE && strcmp(name, DS_FIELD_DATE) == 0)
            return 1;
        if (node_uses_field(n->kids, name))
            return 1;
    }
    return 0;
}

int sq_uses_field(const sq_query_t *q, const char *name)
{
    return q && name && node_uses_field(q->root, name);
}
