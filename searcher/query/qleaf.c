/*
 * qleaf.c - the leaves of a query: words, phrases and wildcards cut by the shared
 * analyzer, and fields with their values (text, boolean, date).
 *
 * Map
 *   1. Tokens: copying the analyzer's tokens into the query
 *   2. Words, phrases, wildcards
 *   3. Fields: the table of built-in fields, text and boolean values, dates
 *
 * Only cutting and folding happen here (no analyzer handle is needed for that); stems are
 * made by sq_compile and sq_units with the index's analyzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "qint.h"
#include "schema.h"
#include "termgen.h"
#include "utf8.h"

/* ==== 1. Tokens ======================================================================= */

static sq_node_t *nomem(parser_t *p)
{
    return sq_p_fail(p, DS_ERR_NOMEM, SIZE_MAX, "out of memory");
}

/* Append a copy of tok (term in the arena) to the scratch array. */
static int push_tok(parser_t *p, const an_token_t *tok, uint32_t qpos)
{
    sq_tok_t t = {.len = tok->term_len,
                  .kind = tok->kind,
                  .flags = tok->flags,
                  .pos = tok->pos,
                  .qpos = qpos};
    t.term = sq_arena_strndup(p->q, tok->term, tok->term_len);
    if (!t.term)
        return -1;
    ds_buf_append(&p->scratch, &t, sizeof t);
    return ds_buf_ok(&p->scratch) ? 0 : -1;
}

/* Move the scratch tokens into node n (arena copy) and empty the scratch. */
static int take_toks(parser_t *p, sq_node_t *n)
{
    n->ntoks = p->scratch.len / sizeof(sq_tok_t);
    n->toks = sq_arena_alloc(p->q, p->scratch.len);
    if (!n->toks)
        return -1;
    memcpy(n->toks, p->scratch.data, p->scratch.len);
    ds_buf_reset(&p->scratch);
    return 0;
}

/* Number of code points in s[0..len). */
static size_t count_chars(const char *s, size_t len)
{
    return sq_column(s, len, len) - 1;
}

/* ==== 2. Words, phrases, wildcards ==================================================== */

/* Close the word being collected (if any) as an N_WORD node added to *group. */
static int end_word(parser_t *p, size_t off, sq_node_t **group, sq_node_t **first)
{
    if (p->scratch.len == 0)
        return 0;
    sq_node_t *w = sq_p_node(p, N_WORD, off);
    if (!w || take_toks(p, w) < 0)
        return -1;
    if (!*first) {
        *first = w;
        return 0;
    }
    if (!*group) {
        if (!(*group = sq_p_node(p, N_AND, (*first)->off)))
            return -1;
        sq_p_add(*group, *first);
    }
    sq_p_add(*group, w);
    return 0;
}

/* The word text[a..b): one N_WORD per plain or whole token (with the whole's parts), all
 * of them under an AND when the analyzer cut several (`foo,bar`); markers are skipped. */
sq_node_t *sq_leaf_word(parser_t *p, size_t a, size_t b)
{
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, p->q->text + a, b - a);
    an_token_t tok;
    sq_node_t *first = NULL, *group = NULL;
    size_t off = a;
    int r, bad = 0;
    ds_buf_reset(&p->scratch);
    while (!bad && (r = an_tokenizer_next(&tk, &tok)) == 1) {
        if (tok.flags & AN_TOK_MARKER)
            continue;
        if (!(tok.flags & AN_TOK_PART)) {
            bad = end_word(p, off, &group, &first) < 0;
            off = a + tok.start;
            p->qpos++;
        }
        bad = bad || push_tok(p, &tok, p->qpos) < 0;
    }
    bad = bad || r < 0 || end_word(p, off, &group, &first) < 0;
    an_tokenizer_release(&tk);
    if (bad)
        return nomem(p);
    return group ? group : first;
}

/* A phrase: every part and plain token in order (whole forms and markers skipped: the
 * parts carry the positions the text was indexed with), except that a possessive stands
 * for its whole form ("it's", not its part "it"): a phrase matches exactly the words
 * written, so "it's not" does not match "it not". */
sq_node_t *sq_leaf_phrase(parser_t *p, const qtok_t *t)
{
    const char *s = p->q->text;
    const char *star = memchr(s + t->a, '*', t->b - t->a);
    if (star)
        return sq_p_fail(p, DS_ERR_INVALID, (size_t)(star - s),
                         "wildcards are not supported inside quotes");
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, s + t->a, t->b - t->a);
    an_token_t tok;
    int r, bad = 0, in_possessive = 0;
    ds_buf_reset(&p->scratch);
    while (!bad && (r = an_tokenizer_next(&tk, &tok)) == 1) {
        if (!(tok.flags & AN_TOK_PART))
            in_possessive = (tok.flags & AN_TOK_POSSESSIVE) != 0;
        else if (in_possessive)
            continue; /* the possessive's part: its whole form stands for it */
        if (in_possessive || !(tok.flags & (AN_TOK_WHOLE | AN_TOK_MARKER)))
            bad = push_tok(p, &tok, ++p->qpos) < 0;
    }
    an_tokenizer_release(&tk);
    if (bad || r < 0)
        return nomem(p);
    if (p->scratch.len == 0)
        return NULL;
    sq_node_t *n = sq_p_node(p, N_PHRASE, t->off);
    if (!n || take_toks(p, n) < 0)
        return nomem(p);
    n->n = t->n;
    n->has_n = t->has_n;
    return n;
}

_Static_assert(SQ_WILDCARD_MIN_CHARS == 2, "the messages below say 2 characters");

static sq_node_t *wild_error(parser_t *p, const qtok_t *t, const char *what)
{
    ds_buf_t pat = DS_BUF_INIT;
    sq_put_printable(&pat, p->q->text + t->a, t->b - t->a);
    sq_p_fail(p, DS_ERR_INVALID, t->off, "wildcard '%.100s*' %s", ds_buf_cstr(&pat), what);
    ds_buf_release(&pat);
    return NULL;
}

/* Append the connectors (/ . : ...) that end an identifier or URL pattern: the analyzer
 * drops them from a token, but the pattern "a/ac.290/" + '*' means the terms that start
 * with "a/ac.290/", slash included. */
static void trailing_connectors(ds_buf_t *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        size_t step = (size_t)(n < 0 ? -n : n);
        const char *f;
        size_t flen;
        if (n > 0 && fold_lookup(cp, &f, &flen) == FOLD_CONNECT)
            ds_buf_append(out, f ? f : s + i, f ? flen : (size_t)n);
        i += step;
    }
}

/* The folded head of a text wildcard t: the one word before the '*' as the analyzer
 * folds it (a compound's whole form). Returns 0, or -1 (failure recorded). */
static int wild_head(parser_t *p, const qtok_t *t, ds_buf_t *head)
{
    const char *s = p->q->text + t->a;
    size_t len = t->b - t->a, words = 0;
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, s, len);
    an_token_t tok;
    int r;
    while ((r = an_tokenizer_next(&tk, &tok)) == 1) {
        if (tok.flags & (AN_TOK_PART | AN_TOK_MARKER))
            continue;
        if (words++ == 0) {
            ds_buf_append(head, tok.term, tok.term_len);
            if (tok.kind == AN_KIND_IDENT || tok.kind == AN_KIND_URL)
                trailing_connectors(head, s + tok.end, len - tok.end);
        }
    }
    an_tokenizer_release(&tk);
    if (r < 0 || !ds_buf_ok(head))
        return nomem(p), -1;
    if (words > 1)
        return wild_error(p, t, "must be a single word"), -1;
    return 0;
}

static sq_node_t *wild_node(parser_t *p, const qtok_t *t, const ds_buf_t *head)
{
    if (count_chars(head->data ? head->data : "", head->len) < SQ_WILDCARD_MIN_CHARS)
        return wild_error(p, t, "needs at least 2 characters before '*'");
    sq_node_t *n = sq_p_node(p, N_WILD, t->off);
    if (!n)
        return NULL;
    n->text = sq_arena_strndup(p->q, head->data ? head->data : "", head->len);
    n->text_len = head->len;
    return n->text ? n : nomem(p);
}

sq_node_t *sq_leaf_wild(parser_t *p, const qtok_t *t)
{
    ds_buf_t head = DS_BUF_INIT;
    sq_node_t *n = wild_head(p, t, &head) < 0 ? NULL : wild_node(p, t, &head);
    ds_buf_release(&head);
    return n;
}

/* ==== 3. Fields ======================================================================= */

/* A free field: words of a manifest column, indexed under DS_PREFIX_FIELD name ":". */
const ds_field_t sq_free_field = {NULL, DS_FK_TEXT, NULL, DS_VR_FOLD, 0};

/* The query field called name (schema.h), else a free field. */
static const ds_field_t *field_lookup(const char *name)
{
    const ds_field_t *f = ds_field_find(name, strlen(name));
    return f && f->kind != DS_FK_NONE ? f : &sq_free_field;
}

/* A text field's value: a word, wildcard, phrase or group, whose words take the prefix. */
static sq_node_t *text_value(parser_t *p, sq_node_t *f, const qtok_t *v)
{
    const sq_node_t *saved = p->field;
    sq_node_t *kid = NULL;
    p->field = f; /* a field met inside the group is an error (no nesting) */
    switch (v->kind) {
    case T_WORD:
        kid = sq_leaf_word(p, v->a, v->b);
        break;
    case T_WILD:
        kid = sq_leaf_wild(p, v);
        break;
    case T_PHRASE:
        kid = sq_leaf_phrase(p, v);
        break;
    case T_LPAREN:
        kid = sq_p_group(p, v->off);
        break;
    default:
        break;
    }
    p->field = saved;
    if (!kid)
        return sq_p_fail(p, DS_ERR_INVALID, f->off, "empty value for field '%s'", f->name);
    sq_p_add(f, kid);
    return f;
}

/* The value node of boolean field f from token v (a word, wildcard or phrase). */
static sq_node_t *value_node(parser_t *p, const sq_node_t *f, const qtok_t *v, ds_buf_t *val)
{
    const char *s = p->q->text + v->a;
    size_t len = v->b - v->a;
    ds_value_rule_t rule = f->field->rule;
    ds_status_t rc = rule == DS_VR_NUMBER && v->kind == T_WILD
                         ? DS_ERR_INVALID
                         : tg_value(rule, s, len, v->kind == T_WILD, val); /* as indexed */
    if (rc == DS_ERR_INVALID)
        return sq_p_fail(p, DS_ERR_INVALID, v->off,
                         "field '%s' takes a footnote number (like %s:12)", f->name, f->name);
    if (rc != DS_OK)
        return nomem(p);
    value_mode_t mode = v->kind == T_WILD ? VM_WILDCARD : VM_TERM;
    if (mode == VM_WILDCARD && rule == DS_VR_SYMBOL && val->len &&
        val->data[val->len - 1] == '/')
        mode = VM_HEAD; /* "symbol:A/AC.290/" + '*': the body's head term */
    else if (mode == VM_WILDCARD && count_chars(val->data, val->len) < SQ_WILDCARD_MIN_CHARS)
        return wild_error(p, v, "needs at least 2 characters before '*'");
    if (val->len == 0)
        return sq_p_fail(p, DS_ERR_INVALID, f->off, "empty value for field '%s'", f->name);
    sq_node_t *n = sq_p_node(p, N_VALUE, v->off);
    if (!n)
        return NULL;
    n->vmode = mode;
    n->text = sq_arena_strndup(p->q, val->data, val->len);
    n->text_len = val->len;
    return n->text ? n : nomem(p);
}

static sq_node_t *bool_value(parser_t *p, sq_node_t *f, const qtok_t *v)
{
    if (v->kind == T_LPAREN)
        return sq_p_fail(p, DS_ERR_INVALID, v->off, "field '%s' takes one value, not a group",
                         f->name);
    if (v->kind == T_PHRASE && v->has_n)
        return sq_p_fail(p, DS_ERR_INVALID, v->off,
                         "'~' applies to phrases of text, not to field '%s'", f->name);
    ds_buf_t val = DS_BUF_INIT;
    sq_node_t *n = value_node(p, f, v, &val);
    ds_buf_release(&val);
    if (!n)
        return NULL;
    sq_p_add(f, n);
    return f;
}

/* Report a date_parse_query_range() error at its byte column in v (at the start of v
 * when it has none, or one outside v). */
static sq_node_t *date_error(parser_t *p, const qtok_t *v, const ds_error_t *e)
{
    size_t off = v->a;
    if (e->column >= 1 && e->column - 1 <= v->b - v->a)
        off = v->a + (e->column - 1);
    ds_buf_t clean = DS_BUF_INIT;
    sq_put_printable(&clean, e->message, strlen(e->message));
    sq_p_fail(p, DS_ERR_INVALID, off, "invalid date: %s", ds_buf_cstr(&clean));
    ds_buf_release(&clean);
    return NULL;
}

static sq_node_t *date_value(parser_t *p, const sq_node_t *f, const qtok_t *v)
{
    if (v->kind == T_LPAREN || v->kind == T_WILD || (v->kind == T_PHRASE && v->has_n))
        return sq_p_fail(p, DS_ERR_INVALID, v->off,
                         "field 'date' takes a date or a range "
                         "(like date:2021-02..2021-03)");
    date_span_t span;
    ds_error_t e;
    sq_node_t *n = NULL;
    if (date_parse_query_range(p->q->text + v->a, v->b - v->a, &span, &e) != DS_OK)
        date_error(p, v, &e);
    else if ((n = sq_p_node(p, N_DATE, f->off)))
        n->span = span;
    return n;
}

/* The lower-cased name and the term prefix of field token t into f. */
static int name_field(parser_t *p, sq_node_t *f, const qtok_t *t)
{
    size_t len = t->b - t->a;
    char *name = sq_arena_strndup(p->q, p->q->text + t->a, len);
    if (!name)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (name[i] >= 'A' && name[i] <= 'Z')
            name[i] = (char)(name[i] - 'A' + 'a');
    f->name = name;
    f->field = field_lookup(name);
    f->prefix = f->field->prefix;
    if (!f->prefix) {
        size_t plen = strlen(DS_PREFIX_FIELD) + len + 1;
        char *prefix = sq_arena_alloc(p->q, plen + 1);
        if (!prefix)
            return -1;
        memcpy(prefix, DS_PREFIX_FIELD, strlen(DS_PREFIX_FIELD));
        memcpy(prefix + strlen(DS_PREFIX_FIELD), name, len);
        prefix[plen - 1] = ':';
        f->prefix = prefix;
    }
    return 0;
}

sq_node_t *sq_leaf_field(parser_t *p, const qtok_t *t)
{
    if (t->b - t->a > SQ_FIELD_NAME_MAX)
        return sq_p_fail(p, DS_ERR_INVALID, t->off, "field name too long (at most %d characters)",
                         SQ_FIELD_NAME_MAX);
    sq_node_t *f = sq_p_node(p, N_FIELD, t->off);
    if (!f || name_field(p, f, t) < 0)
        return nomem(p);
    if (p->field)
        return sq_p_fail(p, DS_ERR_INVALID, t->off,
                         "fields cannot be nested: '%s:' inside '%s:(...)'", f->name,
                         p->field->name);
    p->mode = LX_VALUE;
    const qtok_t *pv = sq_p_peek(p);
    if (!pv)
        return NULL;
    qtok_t v = *pv;
    sq_p_consume(p);
    if (f->field->kind == DS_FK_DATE)
        return date_value(p, f, &v);
    return f->field->kind == DS_FK_BOOL ? bool_value(p, f, &v) : text_value(p, f, &v);
}
