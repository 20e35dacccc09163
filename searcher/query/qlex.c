/*
 * qlex.c - the query lexer: bytes to tokens (qint.h), with byte offsets for columns.
 *
 * Map
 *   1. Characters: separators, parentheses, quotes
 *   2. Terms: phrases, bare words (field names, operators, wildcards)
 *   3. Significance: does a word or phrase hold anything to search for?
 *   4. sq_lex_next: signs, skipping empty terms
 *
 * A term is delimited by white space (ASCII or Unicode, also control characters and
 * invalid UTF-8, which the analyzer treats as separators too), parentheses and quotes.
 * The lexer never reads at or past len and always advances, so any input terminates.
 */
#include <string.h>

#include "fold.h"
#include "qint.h"
#include "utf8.h"

/* ==== 1. Characters ================================================================== */

typedef enum cclass { C_OTHER = 0, C_SPACE, C_LPAREN, C_RPAREN, C_QUOTE } cclass_t;

/* Class of the character at s[i] (i < len) and its length in bytes. */
static cclass_t class_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    if (k < 0) {
        *n = (size_t)-k;
        return C_SPACE;
    }
    *n = (size_t)k;
    if (cp == '(')
        return C_LPAREN;
    if (cp == ')')
        return C_RPAREN;
    /* " and the curly quotes people paste from documents: “ ” „ */
    if (cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E)
        return C_QUOTE;
    fold_class_t fc = fold_class(cp);
    return fc == FOLD_SPACE || fc == FOLD_CONTROL ? C_SPACE : C_OTHER;
}

static int is_closing_quote(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    return utf8_decode(s + i, len - i, &cp) > 0 && (cp == '"' || cp == 0x201C || cp == 0x201D);
}

static size_t skip_space(const lexer_t *lx, size_t p)
{
    size_t n;
    while (p < lx->len && class_at(lx->s, lx->len, p, &n) == C_SPACE)
        p += n;
    return p;
}

/* End of the bare word starting at p: the first separator, parenthesis or quote. */
static size_t word_end(const lexer_t *lx, size_t p)
{
    size_t n;
    while (p < lx->len && class_at(lx->s, lx->len, p, &n) == C_OTHER)
        p += n;
    return p;
}

static int is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c)
{
    return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* ==== 2. Terms ======================================================================== */

_Static_assert(SQ_DISTANCE_MAX == 1000, "the messages below say 1000");

static int fail_at(const lexer_t *lx, ds_error_t *err, size_t off, const char *msg)
{
    sq_fail(err, DS_ERR_INVALID, lx->s, lx->len, off, "%s", msg);
    return -1;
}

/* Read digits at *p into *n (at most SQ_DISTANCE_MAX). Returns 1, 0 if there are no
 * digits, -1 if the number is too large. */
static int read_number(const lexer_t *lx, size_t *p, unsigned *n)
{
    size_t i = *p;
    unsigned long v = 0;
    while (i < lx->len && lx->s[i] >= '0' && lx->s[i] <= '9') {
        if (v <= SQ_DISTANCE_MAX)
            v = v * 10 + (unsigned long)(lx->s[i] - '0');
        i++;
    }
    if (i == *p)
        return 0;
    *p = i;
    *n = (unsigned)(v > SQ_DISTANCE_MAX ? SQ_DISTANCE_MAX + 1 : v);
    return v > SQ_DISTANCE_MAX ? -1 : 1;
}

/* A quoted phrase opening at p (quote of qn bytes), with an optional ~n after it. */
static int scan_phrase(const lexer_t *lx, size_t p, size_t qn, qtok_t *t, ds_error_t *err)
{
    size_t i = p + qn, n;
    while (i < lx->len && !is_closing_quote(lx->s, lx->len, i)) {
        class_at(lx->s, lx->len, i, &n);
        i += n;
    }
    if (i >= lx->len)
        return fail_at(lx, err, p, "unbalanced quote: no closing '\"'");
    *t = (qtok_t){.kind = T_PHRASE, .off = p, .a = p + qn, .b = i};
    class_at(lx->s, lx->len, i, &n);
    i += n;
    if (i < lx->len && lx->s[i] == '~') {
        size_t tilde = i++;
        int r = read_number(lx, &i, &t->n);
        if (r == 0)
            return fail_at(lx, err, tilde, "'~' after a phrase must be followed by a number");
        if (r < 0)
            return fail_at(lx, err, tilde, "the distance after '~' is too large (at most 1000)");
        t->has_n = 1;
    }
    t->end = i;
    return 0;
}

/* "name:" at p? Sets *colon to the ':' offset. Only a name glued to a ':' that is
 * followed by a character of a value is a field: not by space, the end, ')' (text
 * pasted from a document, "Netherlands: Over the years", "Chair's Summary:", is words)
 * or '/' (http://x); 10:30 and A/RES/75/282 are not names, so they stay words too. */
static int field_at(const lexer_t *lx, size_t p, size_t *colon)
{
    if (!is_ascii_alpha(lx->s[p]))
        return 0;
    size_t i = p + 1, n;
    while (i < lx->len && is_name_char(lx->s[i]))
        i++;
    if (i + 1 >= lx->len || lx->s[i] != ':' || lx->s[i + 1] == '/')
        return 0;
    *colon = i;
    cclass_t c = class_at(lx->s, lx->len, i + 1, &n);
    return c != C_SPACE && c != C_RPAREN;
}

/* An operator word [p, e) in NORMAL mode: AND, OR, NOT, NEAR, NEAR/n. Returns 1 and
 * fills t, 0 if not an operator, -1 on a malformed NEAR/. */
static int scan_operator(const lexer_t *lx, size_t p, size_t e, qtok_t *t, ds_error_t *err)
{
    static const struct {
        const char *word;
        tok_kind_t kind;
    } ops[] = {{"AND", T_AND}, {"OR", T_OR}, {"NOT", T_NOT}, {"NEAR", T_NEAR}};
    const char *w = lx->s + p;
    size_t len = e - p;
    *t = (qtok_t){.off = p, .end = e, .a = p, .b = e, .n = SQ_NEAR_DEFAULT};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (len == strlen(ops[i].word) && memcmp(w, ops[i].word, len) == 0) {
            t->kind = ops[i].kind;
            return 1;
        }
    }
    if (len < 5 || memcmp(w, "NEAR/", 5) != 0)
        return 0;
    size_t i = p + 5;
    lexer_t sub = {lx->s, e, 0};
    int r = read_number(&sub, &i, &t->n);
    if (r == 0 || i != e)
        return fail_at(lx, err, p, "'NEAR/' must be followed by a number (the distance)");
    if (r < 0)
        return fail_at(lx, err, p, "the distance of NEAR/ is too large (at most 1000)");
    t->kind = T_NEAR;
    return 1;
}

/* A bare word [p, e): a word, or a wildcard when it ends with '*'. */
static int scan_word(const lexer_t *lx, size_t p, size_t e, qtok_t *t, ds_error_t *err)
{
    *t = (qtok_t){.kind = T_WORD, .off = p, .end = e, .a = p, .b = e};
    const char *star = memchr(lx->s + p, '*', e - p);
    if (!star)
        return 0;
    size_t s = (size_t)(star - lx->s);
    for (size_t i = s; i < e; i++)
        if (lx->s[i] != '*')
            return fail_at(lx, err, s, "'*' is only allowed at the end of a word (wildcard)");
    t->kind = T_WILD;
    t->b = s;
    return 0;
}

/* The term at p (not a separator) in mode: phrase, parenthesis, field, operator, word. */
static int scan_term(const lexer_t *lx, size_t p, lex_mode_t mode, qtok_t *t, ds_error_t *err)
{
    size_t n, colon;
    cclass_t c = class_at(lx->s, lx->len, p, &n);
    if (c == C_QUOTE)
        return scan_phrase(lx, p, n, t, err);
    if (c == C_LPAREN || c == C_RPAREN) {
        *t = (qtok_t){.kind = c == C_LPAREN ? T_LPAREN : T_RPAREN, .off = p, .end = p + 1};
        return 0;
    }
    if (mode != LX_VALUE && field_at(lx, p, &colon)) {
        size_t v = colon + 1;
        *t = (qtok_t){.kind = T_FIELD, .off = p, .end = v, .a = p, .b = colon};
        return 0;
    }
    size_t e = word_end(lx, p);
    if (mode == LX_NORMAL) {
        int r = scan_operator(lx, p, e, t, err);
        if (r != 0)
            return r < 0 ? -1 : 0;
    }
    return scan_word(lx, p, e, t, err);
}

/* ==== 3. Significance ================================================================= */

/* Does text hold a token to search for? Words count whole forms and plain tokens, phrases
 * parts and plain tokens; footnote markers never count. Out of memory counts as yes, so
 * that the parser meets (and reports) it. */
static int holds_tokens(const char *s, size_t len, int phrase)
{
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, s, len);
    an_token_t tok;
    int r, found = 0;
    unsigned skip = AN_TOK_MARKER | (phrase ? AN_TOK_WHOLE : AN_TOK_PART);
    while (!found && (r = an_tokenizer_next(&tk, &tok)) == 1)
        found = !(tok.flags & skip);
    if (!found && r < 0)
        found = 1;
    an_tokenizer_release(&tk);
    return found;
}

static int significant(const lexer_t *lx, const qtok_t *t)
{
    if (t->kind == T_WORD)
        return holds_tokens(lx->s + t->a, t->b - t->a, 0);
    if (t->kind == T_PHRASE) /* '*' in a phrase is an error the parser must see */
        return memchr(lx->s + t->a, '*', t->b - t->a) != NULL ||
               holds_tokens(lx->s + t->a, t->b - t->a, 1);
    return 1;
}

/* ==== 4. sq_lex_next ================================================================== */

/* A '-' or '+' at p that begins a term glued to it. */
static int is_sign(const lexer_t *lx, size_t p)
{
    size_t n;
    if (lx->s[p] != '-' && lx->s[p] != '+')
        return 0;
    if (p + 1 >= lx->len)
        return 0;
    cclass_t c = class_at(lx->s, lx->len, p + 1, &n);
    return c != C_SPACE && c != C_RPAREN;
}

int sq_lex_next(lexer_t *lx, lex_mode_t mode, qtok_t *t, ds_error_t *err)
{
    for (;;) {
        size_t p = skip_space(lx, lx->off);
        if (p >= lx->len) {
            *t = (qtok_t){.kind = T_EOF, .off = lx->len, .end = lx->len};
            lx->off = lx->len;
            return 0;
        }
        if (mode != LX_VALUE && is_sign(lx, p)) {
            qtok_t next;
            if (scan_term(lx, p + 1, LX_TERM, &next, err) < 0)
                return -DS_ERR_INVALID;
            lx->off = next.end > p + 1 ? next.end : p + 1;
            if (!significant(lx, &next))
                continue; /* "-," or -"" : punctuation, ignored with its sign */
            *t = (qtok_t){.kind = lx->s[p] == '-' ? T_MINUS : T_PLUS, .off = p, .end = p + 1};
            lx->off = p + 1;
            return 1;
        }
        if (scan_term(lx, p, mode, t, err) < 0)
            return -DS_ERR_INVALID;
        lx->off = t->end;
        if (mode == LX_VALUE || significant(lx, t))
            return 1;
    }
}
