/*
 * analyzer_check.h - the tokenizer's invariants, checked token by token. Shared by
 * tests/unit/test_analyzer.c (which asserts) and fuzz_analyzer.c (which aborts), so
 * the unit tests and the fuzzer hold the analyzer to the same contract:
 *
 *   - a term is non-empty, valid UTF-8, NUL-terminated and holds no NUL;
 *   - 0 <= start < end <= len, and a token spans at most AN_MAX_TOKEN_BYTES;
 *   - starts never go back, except that PART tokens lie inside their WHOLE token;
 *   - positions never go back; a MARKER shares the position of the token before it;
 *   - offsets are exact: folding text[start..end) again gives the term (the word
 *     characters only; for WHOLE tokens the connectors too; a POSSESSIVE whole ends
 *     in an apostrophe + s / S and its term is the fold of the rest + "'s");
 *   - a POSSESSIVE token is a WHOLE one, and the next token is its one PART: the same
 *     position, the whole's start, its term without the "'s";
 *   - an_term_fit() gives at most AN_XAPIAN_TERM_MAX bytes of valid UTF-8.
 *
 * Header-only (static functions) so each test program takes its own copy.
 */
#ifndef DS_ANALYZER_CHECK_H
#define DS_ANALYZER_CHECK_H

#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "fold.h"
#include "utf8.h"

typedef struct an_check {
    int have_prev;
    size_t last_start; /* start of the last non-PART token */
    uint32_t last_pos;
    size_t whole_start, whole_end;
    int poss_pending;   /* the last token was a POSSESSIVE whole: its part comes next */
    ds_buf_t poss_term; /* that part's expected term */
    ds_buf_t scratch;
} an_check_t;

/* Fold text[0..n) as the tokenizer folds a WHOLE token of kind k. */
static void an_check_refold_whole(ds_buf_t *out, const char *s, size_t n, an_kind_t k)
{
    int letters = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int m = utf8_decode(s + i, n - i, &cp);
        if (m <= 0)
            return; /* cannot happen inside a token: the caller's comparison fails */
        const char *f;
        size_t fl;
        fold_class_t c = fold_lookup(cp, &f, &fl);
        letters |= c == FOLD_LETTER;
        if (k != AN_KIND_URL && cp == ',') { /* digit-group comma */
            i += (size_t)m;
            continue;
        }
        if (k != AN_KIND_URL && !fold_is_word(c) && c != FOLD_APOS && c != FOLD_HYPHEN &&
            c != FOLD_CONNECT) {
            i += (size_t)m;
            continue;
        }
        ds_buf_append(out, f ? f : s + i, f ? fl : (size_t)m);
        i += (size_t)m;
    }
    if (k == AN_KIND_COMPOUND && letters) { /* connectors dropped between letters */
        size_t j = 0;
        for (size_t i = 0; i < out->len; i++)
            if (out->data[i] != '-' && out->data[i] != '\'')
                out->data[j++] = out->data[i];
        ds_buf_truncate(out, j);
    }
}

/* Fold the POSSESSIVE whole text[0..n) ("ICANN’s"): the word before the apostrophe,
 * then "'s". Returns -1 if the text does not end in an apostrophe + s. */
static int an_check_refold_possessive(ds_buf_t *out, const char *s, size_t n)
{
    if (n < 2 || (s[n - 1] != 's' && s[n - 1] != 'S'))
        return -1;
    size_t a = utf8_prev(s, n - 1); /* the apostrophe: 1 to 3 bytes before the s */
    uint32_t cp;
    if (utf8_decode(s + a, n - 1 - a, &cp) != (int)(n - 1 - a) || fold_class(cp) != FOLD_APOS)
        return -1;
    fold_word(out, s, a);
    ds_buf_puts(out, "'s");
    return 0;
}

/* Check a possessive's part against the whole before it. */
static const char *an_check_possessive_part(an_check_t *c, const an_token_t *t)
{
    c->poss_pending = 0;
    if (!(t->flags & AN_TOK_PART) || t->pos != c->last_pos || t->start != c->whole_start ||
        t->end + 2 > c->whole_end)
        return "a possessive is not followed by its part at the same position";
    if (c->poss_term.len != t->term_len || memcmp(c->poss_term.data, t->term, t->term_len) != 0)
        return "a possessive's part is not its term without 's";
    return NULL;
}

/* Check one token; returns NULL if it keeps every invariant, else what it breaks. */
static const char *an_check_token(an_check_t *c, const char *text, size_t len, const an_token_t *t)
{
    if (!t->term || t->term_len == 0 || t->term[t->term_len] != '\0' ||
        strlen(t->term) != t->term_len)
        return "term empty, unterminated or holding NUL";
    if (!utf8_is_valid(t->term, t->term_len))
        return "term is not valid UTF-8";
    if (t->start >= t->end || t->end > len || t->end - t->start > AN_MAX_TOKEN_BYTES)
        return "offsets out of bounds";
    if ((t->flags & AN_TOK_POSSESSIVE) && !(t->flags & AN_TOK_WHOLE))
        return "a possessive that is not a whole token";
    const char *perr = c->poss_pending ? an_check_possessive_part(c, t) : NULL;
    if (perr)
        return perr;
    if (t->flags & AN_TOK_PART) {
        if (t->start < c->whole_start || t->end > c->whole_end)
            return "part outside its whole token";
    } else {
        if (c->have_prev && t->start < c->last_start)
            return "start went back";
        c->last_start = t->start;
        if (t->flags & AN_TOK_WHOLE) {
            c->whole_start = t->start;
            c->whole_end = t->end;
        }
    }
    if (c->have_prev && t->pos < c->last_pos)
        return "position went back";
    if ((t->flags & AN_TOK_MARKER) && (!c->have_prev || t->pos != c->last_pos))
        return "marker does not share the previous position";
    c->have_prev = 1;
    c->last_pos = t->pos;
    ds_buf_reset(&c->scratch);
    if (t->flags & AN_TOK_POSSESSIVE) {
        if (an_check_refold_possessive(&c->scratch, text + t->start, t->end - t->start) < 0)
            return "a possessive that does not end in 's";
        ds_buf_reset(&c->poss_term);
        ds_buf_append(&c->poss_term, t->term, t->term_len >= 2 ? t->term_len - 2 : 0);
        c->poss_pending = 1;
    } else if (t->flags & AN_TOK_WHOLE)
        an_check_refold_whole(&c->scratch, text + t->start, t->end - t->start, t->kind);
    else
        fold_word(&c->scratch, text + t->start, t->end - t->start);
    if (c->scratch.len != t->term_len ||
        memcmp(ds_buf_cstr(&c->scratch), t->term, t->term_len) != 0)
        return "text[start..end) does not fold to the term";
    ds_buf_reset(&c->scratch);
    an_term_fit(&c->scratch, "XP", t->term, t->term_len);
    if (c->scratch.len > AN_XAPIAN_TERM_MAX || !utf8_is_valid(c->scratch.data, c->scratch.len))
        return "an_term_fit result too long or invalid";
    return NULL;
}

static void an_check_release(an_check_t *c)
{
    ds_buf_release(&c->scratch);
    ds_buf_release(&c->poss_term);
}

#endif
