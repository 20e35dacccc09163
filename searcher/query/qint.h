/*
 * qint.h - private to the query modules (query.c, qlex.c, qparse.c, qcompile.c,
 * qdescribe.c, qunits.c): the syntax tree, the lexer's tokens, the arena and error
 * helpers. Nothing outside searcher/q*.c includes it.
 *
 * The tree (sq_node_t) is what sq_parse() builds and every other function walks:
 *   N_AND, N_OR   children in `kids` (>= 2, nested ANDs in AND / ORs in OR flattened)
 *   N_NOT         one child: what is excluded
 *   N_NEAR        children are N_WORD, each standing for its toks[0]; `n` = distance
 *   N_WORD        toks[0] a plain token or a whole form, toks[1..] its parts; a
 *                 possessive ("ICANN's": whole "icann's", part "icann") searches its
 *                 part, except in NEAR (sq_word_toks)
 *   N_PHRASE      toks = the phrase's terms in order (parts and plain tokens, never
 *                 markers, never whole forms except possessives, which stand for
 *                 themselves: "it's not"); `n` = slop (the ~n), `has_n` set when written
 *   N_WILD        `text` = folded head of the pattern (no '*')
 *   N_FIELD       `field` = definition, `name`, `prefix`; one child: for a text field
 *                 any sub-tree (its words take the field's prefix), for a boolean field
 *                 an N_VALUE
 *   N_VALUE       `text` = folded value, `vmode` = exact term, wildcard or symbol head
 *   N_DATE        `span` (open ends are DATE_DAY_MIN / DATE_DAY_MAX)
 * Every node records `off`, the byte offset in the query of what it came from, so
 * sq_compile can report a column. All nodes and strings live in the query's arena
 * (common/arena.h) and are freed at once by sq_query_free.
 */
#ifndef SQ_QINT_H
#define SQ_QINT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "arena.h"
#include "dates.h"
#include "query.h"
#include "schema.h"

/* ---- tree ---------------------------------------------------------------------------- */

typedef enum node_kind {
    N_AND = 0,
    N_OR,
    N_NOT,
    N_NEAR,
    N_WORD,
    N_PHRASE,
    N_WILD,
    N_FIELD,
    N_VALUE,
    N_DATE,
} node_kind_t;

/* Fields are schema.h's table (ds_field_t): kind, prefix, value rule. A free field has
 * sq_free_field: text, its prefix built per name (DS_PREFIX_FIELD + name + ":"). */
extern const ds_field_t sq_free_field;

typedef enum value_mode { VM_TERM = 0, VM_WILDCARD, VM_HEAD } value_mode_t;

/* One analyzer token, copied out of the tokenizer. */
typedef struct sq_tok {
    const char *term; /* folded term (NUL-terminated, arena) */
    size_t len;
    an_kind_t kind;
    unsigned flags; /* enum an_flags */
    uint32_t pos;   /* analyzer position within its word or phrase */
    uint32_t qpos;  /* position of the word in the query (1-based), for ranking order */
} sq_tok_t;

typedef struct sq_node sq_node_t;
struct sq_node {
    node_kind_t kind;
    size_t off;             /* byte offset in the query text */
    sq_node_t *kids, *last; /* children, in order */
    sq_node_t *next;        /* next sibling */
    size_t nkids;
    sq_tok_t *toks; /* N_WORD, N_PHRASE */
    size_t ntoks;
    unsigned n; /* N_NEAR distance, N_PHRASE slop */
    int has_n;
    const char *text; /* N_WILD head, N_VALUE value (arena, NUL-terminated) */
    size_t text_len;
    value_mode_t vmode;       /* N_VALUE */
    const ds_field_t *field;  /* N_FIELD: schema.h's entry, or &sq_free_field */
    const char *name;         /* N_FIELD: lower-cased name */
    const char *prefix;       /* N_FIELD: term prefix */
    date_span_t span;         /* N_DATE */
    int scoped;               /* a filter placed by its group (qscope.c) */
};

/* The tokens an N_WORD searches as a plain word, *k of them: all of them, except that
 * a possessive searches its part only ("ICANN's" -> icann: its stem then matches
 * ICANN, ICANN's and ICANNs, as the part is indexed wherever the whole is). */
static inline const sq_tok_t *sq_word_toks(const sq_node_t *n, size_t *k)
{
    if (n->ntoks > 1 && (n->toks[0].flags & AN_TOK_POSSESSIVE)) {
        *k = n->ntoks - 1;
        return n->toks + 1;
    }
    *k = n->ntoks;
    return n->toks;
}

struct sq_query {
    char *text; /* copy of the query, NUL-terminated */
    size_t len;
    sq_node_t *root;
    ds_arena_t arena; /* every node and string of the tree (a zeroed arena is empty) */
};

/* ---- arena (common/arena.h) and errors (query.c) ------------------------------------ */

/* n zeroed bytes from q's arena, or NULL when memory ran out. */
static inline void *sq_arena_alloc(sq_query_t *q, size_t n)
{
    return ds_arena_alloc(&q->arena, n);
}
/* A NUL-terminated arena copy of s[0..n), or NULL when memory ran out. */
static inline char *sq_arena_strndup(sq_query_t *q, const char *s, size_t n)
{
    return ds_arena_strndup(&q->arena, s, n);
}

/* The 1-based code point column of byte offset off in text[0..len). */
size_t sq_column(const char *text, size_t len, size_t off);

/* Fill err (if not NULL): status, the code point column of byte offset off in
 * text[0..len) (SIZE_MAX: no column) and the formatted message (cut to
 * SQ_ERROR_MESSAGE_MAX - 1 bytes at a UTF-8 boundary, query.h section 2). */
void sq_fail(ds_error_t *err, ds_status_t status, const char *text, size_t len, size_t off,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void sq_vfail(ds_error_t *err, ds_status_t status, const char *text, size_t len, size_t off,
              const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Append s[0..len) to out with control characters and invalid UTF-8 shown as '?', so user
 * text quoted in a message or description is one printable line. */
void sq_put_printable(ds_buf_t *out, const char *s, size_t len);

/* ---- lexer (qlex.c) ----------------------------------------------------------------- */

typedef enum tok_kind {
    T_EOF = 0,
    T_WORD,   /* [a, b) a bare word */
    T_WILD,   /* [a, b) the word before its trailing '*'s */
    T_PHRASE, /* [a, b) the text between the quotes; n/has_n: "~n" */
    T_LPAREN,
    T_RPAREN,
    T_AND,
    T_OR,
    T_NOT,
    T_NEAR, /* n: the distance */
    T_MINUS,
    T_PLUS,
    T_FIELD, /* [a, b) the name (a value follows the ':') */
} tok_kind_t;

/* What the lexer recognises: everything (NORMAL), no operators or signs (TERM: right
 * after a '-'/'+'), not even fields (VALUE: right after "name:"). */
typedef enum lex_mode { LX_NORMAL = 0, LX_TERM, LX_VALUE } lex_mode_t;

typedef struct qtok {
    tok_kind_t kind;
    size_t off, end; /* the token's bytes */
    size_t a, b;     /* its content (see tok_kind_t) */
    unsigned n;
    int has_n;
} qtok_t;

typedef struct lexer {
    const char *s;
    size_t len;
    size_t off; /* next byte to read */
} lexer_t;

/* Read the next token in mode, as every next function does (status.h): 1 with a token,
 * 0 at the end (*t is then the T_EOF token, which the grammar reads like any other), or
 * -DS_ERR_INVALID with err filled (bad quote, NEAR/x, ~x, '*'). Words and phrases that
 * hold nothing to search for (pure punctuation), with any sign before them, are skipped
 * in NORMAL and TERM mode. */
int sq_lex_next(lexer_t *lx, lex_mode_t mode, qtok_t *t, ds_error_t *err);

/* ---- parser (qparse.c: grammar; qleaf.c: words, phrases, wildcards, fields) ---------- */

typedef struct parser {
    sq_query_t *q;
    lexer_t lx;
    qtok_t tok; /* the lookahead token, when `have` */
    int have;
    lex_mode_t mode; /* mode for reading the next lookahead (reset to NORMAL) */
    ds_error_t *err;
    ds_status_t status;     /* DS_OK until the first failure */
    unsigned depth;         /* nesting of groups and prefix operators */
    const sq_node_t *field; /* the text field whose group is being parsed, or NULL */
    uint32_t qpos;          /* query position of the last word */
    ds_buf_t scratch;       /* sq_tok_t being collected */
} parser_t;

/* The lookahead token (read in p->mode), or NULL after a failure. */
const qtok_t *sq_p_peek(parser_t *p);
void sq_p_consume(parser_t *p);
/* Record the first failure (a column at byte off; SIZE_MAX: none) and return NULL. */
sq_node_t *sq_p_fail(parser_t *p, ds_status_t status, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A new node, or NULL (out of memory recorded). */
sq_node_t *sq_p_node(parser_t *p, node_kind_t kind, size_t off);
/* Append kid to parent's children, splicing in the children of a kid of the same
 * kind for AND and OR (associativity), so the tree stays flat. */
void sq_p_add(sq_node_t *parent, sq_node_t *kid);
/* The group after a '(' at byte off (consumed): its contents up to the ')'. */
sq_node_t *sq_p_group(parser_t *p, size_t off);

/* Filters (qscope.c): 1 if n only filters (boolean field, date, free field, their
 * negations and groups of them). sq_scope places the filters of group g, just parsed,
 * so they filter the whole group, and returns the group's new root (g itself, or an
 * AND of the filters and g); NULL after a failure. */
int sq_is_filter(const sq_node_t *n);
sq_node_t *sq_scope(parser_t *p, sq_node_t *g);

/* Leaves. Each returns the node, or NULL: on failure (p->status set) or, for a word or
 * phrase, when the text holds nothing to search for. */
sq_node_t *sq_leaf_word(parser_t *p, size_t a, size_t b);
sq_node_t *sq_leaf_phrase(parser_t *p, const qtok_t *t);
sq_node_t *sq_leaf_wild(parser_t *p, const qtok_t *t);
sq_node_t *sq_leaf_field(parser_t *p, const qtok_t *t);

#endif
