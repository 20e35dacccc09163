/*
 * analyzer.c - the tokenizer, stemming, stop words and term fitting (see analyzer.h).
 *
 * Map
 *   1. Characters    peek(): one character, class and fold, with an ASCII fast path
 *   2. Runs, units   scan_run(): a run of word characters, folded into the term buffer
 *                    scan_unit(): runs joined by connectors -> word, number, acronym,
 *                    compound or identifier; scan_url() (its extent by an_url_at,
 *                    rules.c); scan_super()
 *   3. The iterator  skip_separators() (counts invalid bytes, tracks marker glue),
 *                    emit(), next_part(), an_tokenizer_next()
 *   4. The analyzer  language names (through lang.h), libstemmer
 *   5. Stop words and an_term_fit()
 *
 * How tokens are found. The text is scanned once, left to right. A "unit" is the
 * longest span the word rules join: runs of word characters (letters, digits, marks)
 * linked by connectors (hyphen, apostrophe, identifier punctuation), or a URL. The
 * unit's term is folded into the tokenizer's one buffer while it is scanned. A unit
 * with parts (compound, identifier, URL) is emitted as its WHOLE token first; its
 * parts are found later by scanning the same bytes again, one part per call. A plain
 * unit followed by 's becomes a possessive WHOLE ("icann's"); its one part is the head
 * of the same term ("icann"), emitted next without scanning again. So no token
 * allocates, and no byte is read more than twice (a URL's three times: an_url_at finds
 * its end first) plus a bounded look-ahead.
 *
 * Footnote markers need context from before the unit: skip_separators() remembers in
 * tk->glue whether only "glue" (. ’ ” " ) ]) lies between the previous token and the
 * next unit, and whether that glue held a quote or bracket (an_marker_glue, rules.c).
 * The URL, marker and symbol rules the report parser shares are in rules.c (analyzer.h,
 * section 5).
 */
#include "analyzer.h"

#include <assert.h>
#include <libstemmer.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "hash.h"
#include "lang.h"
#include "schema.h"
#include "utf8.h"

/* ---- 1. Characters --------------------------------------------------------------- */

#define CLS_INVALID FOLD_CLASS_LAST /* pseudo class: an invalid UTF-8 subpart */

typedef struct ch {
    uint32_t cp;
    unsigned len;     /* bytes in the text */
    unsigned cls;     /* fold_class_t, or CLS_INVALID */
    const char *fold; /* folded bytes; NULL: the character itself */
    size_t flen;
} ch_t;

static inline int is_word(unsigned cls)
{
    return cls <= FOLD_MARK;
}

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The non-ASCII character at t[p] (see peek). */
static ch_t peek_multi(const char *t, size_t p, size_t lim)
{
    ch_t c = {0, 1, 0, NULL, 0};
    int n = utf8_decode(t + p, lim - p, &c.cp);
    if (n < 0) {
        c.len = (unsigned)-n;
        c.cls = CLS_INVALID;
        return c;
    }
    c.len = (unsigned)n;
    c.cls = fold_lookup(c.cp, &c.fold, &c.flen);
    return c;
}

/* The character at t[p], p < lim. Invalid bytes: CLS_INVALID, len = bytes to skip.
 * Inline for ASCII: it runs after every run of letters. */
static inline ch_t peek(const char *t, size_t p, size_t lim)
{
    unsigned char b = (unsigned char)t[p];
    if (b >= 0x80)
        return peek_multi(t, p, lim);
    return (ch_t){b, 1, fold_ascii_class[b], NULL, 0};
}

/* Append the fold of character c (whose bytes start at src) to term at tl. */
static size_t put_fold(char *term, size_t tl, const char *src, const ch_t *c)
{
    if (c->cp < 0x80) {
        term[tl] = (char)(c->cp >= 'A' && c->cp <= 'Z' ? c->cp + 32 : c->cp);
        return tl + 1;
    }
    if (c->fold) {
        memcpy(term + tl, c->fold, c->flen);
        return tl + c->flen;
    }
    memcpy(term + tl, src, c->len);
    return tl + c->len;
}

/* ---- 2. Runs and units ------------------------------------------------------------- */

typedef struct run {
    size_t letters, digits; /* marks count as neither */
    int ascii_digits;       /* nothing but ASCII digits (and group commas) so far */
    int ends_letter;        /* the last letter-or-digit was a letter */
} run_t;

/*
 * May the ',' at t[p] join digit groups ("1,000,000")? Only inside a run of ASCII
 * digits whose first group has 1-3 digits and later groups 3, when ",ddd" follows and
 * then no word character -- so "18,19" stays two numbers.
 */
static int group_comma(const char *t, size_t p, size_t lim, const run_t *r, size_t group,
                       int grouped)
{
    if (!r->ascii_digits || group == 0 || group > 3 || (grouped && group != 3))
        return 0;
    if (lim - p < 4 || !is_digit(t[p + 1]) || !is_digit(t[p + 2]) || !is_digit(t[p + 3]))
        return 0;
    return p + 4 == lim || !is_word(peek(t, p + 4, lim).cls);
}

/*
 * Scan the run of word characters starting at p (group commas included), appending
 * its fold to term at *tl. Returns the end of the run.
 */
static size_t scan_run(const char *t, size_t p, size_t lim, char *term, size_t *tl, run_t *r)
{
    size_t n = *tl, group = 0;
    int grouped = 0;
    *r = (run_t){0, 0, 1, 0};
    while (p < lim) {
        unsigned char b = (unsigned char)t[p];
        if (b < 0x80) { /* fast path: most text is ASCII */
            unsigned cls = fold_ascii_class[b];
            if (cls == FOLD_LETTER) {
                term[n++] = (char)(b | 0x20);
                r->letters++;
                r->ascii_digits = 0;
                r->ends_letter = 1;
            } else if (cls == FOLD_DIGIT) {
                term[n++] = (char)b;
                r->digits++;
                group++;
                r->ends_letter = 0;
            } else if (b == ',' && group_comma(t, p, lim, r, group, grouped)) {
                grouped = 1;
                group = 0;
            } else {
                break;
            }
            p++;
            continue;
        }
        ch_t c = peek(t, p, lim);
        if (!is_word(c.cls))
            break;
        n = put_fold(term, n, t + p, &c);
        if (c.cls != FOLD_MARK) {
            r->letters += c.cls == FOLD_LETTER;
            r->digits += c.cls == FOLD_DIGIT;
            r->ends_letter = c.cls == FOLD_LETTER;
        }
        r->ascii_digits = 0;
        p += c.len;
    }
    *tl = n;
    return p;
}

typedef struct unit {
    size_t start, end; /* the token's span */
    size_t next;       /* where scanning resumes (after a possessive 's) */
    size_t term_len;   /* 0: nothing to index, skip the unit */
    an_kind_t kind;
    unsigned flags;  /* AN_TOK_WHOLE when parts follow (+ AN_TOK_POSSESSIVE) */
    int super;       /* superscript digits */
    int dot_split;   /* ended before ".<digits>", a footnote marker */
    int possessive;  /* a plain unit followed by 's: emit() makes it a possessive
                        whole unless it is a footnote marker */
    size_t word_end; /* possessive: end of the word before the 's (its part's span) */
    size_t word_len; /* possessive: the word's term length (its part's term) */
} unit_t;

typedef struct joins { /* what scan_unit learnt about its runs and connectors */
    size_t filled;     /* runs whose fold is not empty */
    size_t conns;
    int ident;   /* an identifier connector joined */
    int letters; /* some run holds a letter */
    int acronym; /* every run a single letter, every connector '.' */
} joins_t;

enum { JOIN_STOP, JOIN_COMPOUND, JOIN_IDENT, JOIN_DOT_SPLIT };

/* Possessive: the apostrophe before t[q] starts "'s" followed by no word character. */
static int possessive(const char *t, size_t q, size_t lim)
{
    if (q >= lim || (t[q] != 's' && t[q] != 'S'))
        return 0;
    return q + 1 >= lim || !is_word(peek(t, q + 1, lim).cls);
}

/*
 * Does t[q..] hold 1-3 ASCII digits that end the unit (a footnote marker after
 * "mission.")? Not if a word character, a joining connector or a digit group follows.
 */
static int dot_marker_ahead(const char *t, size_t q, size_t lim)
{
    size_t e = q;
    while (e < lim && e - q < 4 && is_digit(t[e]))
        e++;
    if (e == q || e - q > 3)
        return 0;
    return an_marker_end(t, lim, e, AN_RULE_TOKEN);
}

/* How the character c at t[p], after a run, joins the unit (JOIN_*). */
static int join_kind(const char *t, size_t p, size_t lim, const ch_t *c, const joins_t *j,
                     const run_t *r)
{
    size_t q = p + c->len;
    if (c->cls != FOLD_APOS && c->cls != FOLD_HYPHEN && c->cls != FOLD_CONNECT)
        return JOIN_STOP;
    if (q >= lim || !is_word(peek(t, q, lim).cls))
        return JOIN_STOP;
    if (c->cls == FOLD_APOS)
        return possessive(t, q, lim) ? JOIN_STOP : JOIN_COMPOUND;
    if (c->cls == FOLD_HYPHEN)
        return JOIN_COMPOUND;
    if (c->cp == '.' && !j->ident && r->ends_letter && dot_marker_ahead(t, q, lim))
        return JOIN_DOT_SPLIT;
    return JOIN_IDENT;
}

/* Remove every byte found in chars from term[0..n); returns the new length. */
static size_t strip_bytes(char *term, size_t n, const char *chars)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr(chars, term[i]))
            term[k++] = term[i];
    return k;
}

/* After a unit ending at end: skip a possessive "'s". Returns where scanning resumes. */
static size_t skip_possessive(const char *t, size_t end, size_t lim)
{
    if (end >= lim)
        return end;
    ch_t c = peek(t, end, lim);
    if (c.cls == FOLD_APOS && possessive(t, end + c.len, lim))
        return end + c.len + 1;
    return end;
}

/* A plain unit (word, number, acronym) followed by 's: make it the possessive whole
 * "icann's" spanning "ICANN’s"; its part is the word (see next_part). */
static void make_possessive(unit_t *u, char *term)
{
    u->word_end = u->end;
    u->word_len = u->term_len;
    term[u->term_len++] = '\'';
    term[u->term_len++] = 's'; /* the 's lies before lim: the term buffer has room */
    u->end = u->next;
    u->flags = AN_TOK_WHOLE | AN_TOK_POSSESSIVE;
}

/* Decide the kind of a scanned unit and finish its term (see the word rules). */
static void finish_unit(const char *t, size_t lim, unit_t *u, const joins_t *j, char *term,
                        size_t tl)
{
    if (j->conns == 0) {
        u->kind = j->letters ? AN_KIND_WORD : AN_KIND_NUMBER;
    } else if (j->acronym) { /* "U.N." -> "un", the final dot in the span */
        u->kind = AN_KIND_WORD;
        tl = strip_bytes(term, tl, ".");
        if (u->end < lim && t[u->end] == '.')
            u->end++;
    } else if (j->ident) {
        u->kind = AN_KIND_IDENT;
        u->flags = AN_TOK_WHOLE;
    } else {
        u->kind = AN_KIND_COMPOUND;
        u->flags = AN_TOK_WHOLE;
        if (j->letters) /* "ICT-related" -> "ictrelated"; "2021-03-12" keeps '-' */
            tl = strip_bytes(term, tl, "-'");
    }
    u->term_len = j->filled ? tl : 0;
    u->next = skip_possessive(t, u->end, lim);
    u->possessive = u->next > u->end && u->term_len && !u->flags;
}

/* Scan the unit of word characters and connectors at s (a word character). */
static void scan_unit(const char *t, size_t s, size_t lim, char *term, unit_t *u)
{
    joins_t j = {0, 0, 0, 0, 1};
    size_t p = s, tl = 0;
    for (;;) {
        run_t r;
        size_t before = tl;
        p = scan_run(t, p, lim, term, &tl, &r);
        j.filled += tl > before;
        j.letters |= r.letters > 0;
        j.acronym &= r.letters == 1 && r.digits == 0;
        if (p >= lim)
            break;
        ch_t c = peek(t, p, lim);
        int how = join_kind(t, p, lim, &c, &j, &r);
        u->dot_split = how == JOIN_DOT_SPLIT;
        if (how == JOIN_STOP || how == JOIN_DOT_SPLIT)
            break;
        j.ident |= how == JOIN_IDENT;
        j.acronym &= c.cp == '.';
        j.conns++;
        tl = put_fold(term, tl, t + p, &c);
        p += c.len;
    }
    u->end = p;
    finish_unit(t, lim, u, &j, term, tl);
}

/* Scan the URL at s, whose end (trimmed) an_url_at() found at s + len: its term is its
 * bytes, ASCII lower-cased and word characters folded. */
static void scan_url(const char *t, size_t s, size_t lim, size_t len, char *term, unit_t *u)
{
    size_t p = s, tl = 0;
    while (p < s + len) {
        unsigned char b = (unsigned char)t[p];
        if (b < 0x80) {
            term[tl++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            p++;
            continue;
        }
        ch_t c = peek(t, p, lim);
        tl = put_fold(term, tl, t + p, &c);
        p += c.len;
    }
    u->term_len = tl;
    u->end = p;
    u->kind = AN_KIND_URL;
    u->flags = AN_TOK_WHOLE;
    u->next = skip_possessive(t, p, lim);
}

/* Scan a run of superscript digits at s. */
static void scan_super(const char *t, size_t s, size_t lim, char *term, unit_t *u)
{
    size_t p = s, tl = 0;
    while (p < lim) {
        ch_t c = peek(t, p, lim);
        if (c.cls != FOLD_SUPER)
            break;
        tl = put_fold(term, tl, t + p, &c);
        p += c.len;
    }
    u->end = u->next = p;
    u->term_len = tl;
    u->kind = AN_KIND_NUMBER;
    u->super = 1;
}

/* ---- 3. The iterator ----------------------------------------------------------------- */

/* tk->glue bits: what lies between the previous token and the current offset. */
enum {
    GLUE_PREV = 1u << 0,   /* a token precedes and only glue characters follow it */
    GLUE_STRONG = 1u << 1, /* the glue holds a quote, apostrophe or closing bracket */
    GLUE_DOT = 1u << 2,    /* the previous unit was cut before ".<digits>" */
};

void an_tokenizer_init(an_tokenizer_t *tk, const char *text, size_t len)
{
    memset(tk, 0, sizeof *tk);
    tk->text = text;
    tk->len = text ? len : 0;
}

void an_tokenizer_init_at(an_tokenizer_t *tk, const char *text, size_t len, size_t off,
                          uint32_t pos)
{
    an_tokenizer_init(tk, text, len);
    tk->off = off < tk->len ? off : tk->len;
    tk->prev_end = tk->off;
    tk->next_pos = pos; /* glue stays 0: nothing before off to glue a marker to */
}

void an_tokenizer_release(an_tokenizer_t *tk)
{
    if (!tk)
        return;
    ds_buf_release(&tk->term);
    tk->part_off = tk->part_end = tk->poss_len = 0;
}

/* The glue state after skipping the separator cp (U+FFFD: invalid), by the marker rule
 * the tokenizer shares with the report parser (an_marker_glue). */
static unsigned update_glue(unsigned glue, uint32_t cp)
{
    switch (an_marker_glue(cp, AN_RULE_TOKEN)) {
    case AN_GLUE_CLOSE:
        return glue | GLUE_STRONG;
    case AN_GLUE_STOP:
        return glue;
    default:
        return 0;
    }
}

/* Advance tk->off to the next word character or superscript, counting invalid input. */
static void skip_separators(an_tokenizer_t *tk)
{
    const char *t = tk->text;
    size_t p = tk->off;
    unsigned glue = tk->glue;
    while (p < tk->len) {
        unsigned char b = (unsigned char)t[p];
        unsigned cls, n = 1;
        uint32_t cp = b;
        if (b < 0x80) {
            cls = fold_ascii_class[b];
        } else {
            ch_t c = peek(t, p, tk->len);
            cls = c.cls;
            n = c.len;
            cp = c.cp;
        }
        if (is_word(cls) || cls == FOLD_SUPER)
            break;
        if (cls == CLS_INVALID)
            tk->invalid_bytes += n;
        else if (cls == FOLD_CONTROL)
            tk->invalid_bytes++; /* one per control character or U+FFFD */
        if (glue)
            glue = update_glue(glue, cp);
        p += n;
    }
    tk->off = p;
    tk->glue = glue;
}

/* Is the unit a footnote marker glued to the previous token? */
static int is_marker(const an_tokenizer_t *tk, const unit_t *u)
{
    if (!(tk->glue & GLUE_PREV) || tk->next_pos == 0)
        return 0;
    if (u->super)
        return 1;
    if (u->kind != AN_KIND_NUMBER || u->flags || u->end - u->start > 3)
        return 0;
    for (size_t i = u->start; i < u->end; i++)
        if (!is_digit(tk->text[i]))
            return 0;
    if (tk->glue & GLUE_STRONG)
        return 1;
    return (tk->glue & GLUE_DOT) && u->start == tk->prev_end + 1;
}

/* Fill *tok from the scanned unit and update positions and glue. A footnote marker
 * followed by 's stays a marker (the 's dropped); any other plain unit followed by 's
 * becomes a possessive whole here. */
static void emit(an_tokenizer_t *tk, unit_t *u, an_token_t *tok)
{
    int marker = is_marker(tk, u);
    if (!marker && u->possessive)
        make_possessive(u, tk->term.data);
    tk->term.len = u->term_len;
    tk->term.data[u->term_len] = '\0';
    tok->term = tk->term.data;
    tok->term_len = u->term_len;
    tok->start = u->start;
    tok->end = u->end;
    tok->kind = u->kind;
    tok->flags = u->flags;
    if (marker) {
        tok->flags = AN_TOK_MARKER;
        tok->pos = tk->next_pos - 1; /* shares the position of the word it follows */
    } else if (u->flags & AN_TOK_POSSESSIVE) {
        tok->pos = tk->next_pos; /* its one part takes the same position */
        tk->part_off = u->start;
        tk->part_end = u->word_end;
        tk->poss_len = u->word_len;
        tk->poss_kind = u->kind;
    } else if (u->flags & AN_TOK_WHOLE) {
        tok->pos = tk->next_pos; /* the first part takes the same position */
        tk->part_off = u->start;
        tk->part_end = u->end;
    } else {
        tok->pos = tk->next_pos++;
    }
    tk->prev_end = u->next;
    tk->glue = GLUE_PREV | (u->dot_split ? GLUE_DOT : 0);
}

/* Emit the next part of the last whole token; 0 when none is left. A possessive's one
 * part is its word, whose term is the head of the whole's term still in the buffer
 * (an acronym "U.N." stays one part "un"). */
static int next_part(an_tokenizer_t *tk, an_token_t *tok)
{
    if (tk->poss_len) {
        size_t tl = tk->poss_len;
        tk->term.len = tl;
        tk->term.data[tl] = '\0';
        *tok = (an_token_t){.term = tk->term.data,
                            .term_len = tl,
                            .start = tk->part_off,
                            .end = tk->part_end,
                            .pos = tk->next_pos++,
                            .flags = AN_TOK_PART,
                            .kind = tk->poss_kind};
        tk->part_off = tk->part_end;
        tk->poss_len = 0;
        return 1;
    }
    while (tk->part_off < tk->part_end) {
        size_t p = tk->part_off, tl = 0;
        ch_t c = peek(tk->text, p, tk->part_end);
        if (!is_word(c.cls)) {
            tk->part_off += c.len;
            continue;
        }
        run_t r;
        tk->part_off = scan_run(tk->text, p, tk->part_end, tk->term.data, &tl, &r);
        if (tl == 0)
            continue; /* only marks: nothing to index */
        tk->term.len = tl;
        tk->term.data[tl] = '\0';
        *tok = (an_token_t){.term = tk->term.data,
                            .term_len = tl,
                            .start = p,
                            .end = tk->part_off,
                            .pos = tk->next_pos++,
                            .flags = AN_TOK_PART,
                            .kind = r.letters ? AN_KIND_WORD : AN_KIND_NUMBER};
        return 1;
    }
    return 0;
}

/* Scan the unit at s into *u, whatever its type. */
static void scan_any(an_tokenizer_t *tk, size_t s, size_t lim, unit_t *u)
{
    const char *t = tk->text;
    size_t ulen;
    *u = (unit_t){.start = s, .end = s, .next = s, .kind = AN_KIND_WORD};
    if ((unsigned char)t[s] >= 0x80 && peek(t, s, lim).cls == FOLD_SUPER)
        scan_super(t, s, lim, tk->term.data, u);
    else if (an_url_at(t + s, lim - s, AN_RULE_TOKEN, &ulen))
        scan_url(t, s, lim, ulen, tk->term.data, u);
    else
        scan_unit(t, s, lim, tk->term.data, u);
}

/* The next token, as an_tokenizer_next() returns it. */
static int tokenizer_next(an_tokenizer_t *tk, an_token_t *tok)
{
    if (!ds_buf_ok(&tk->term))
        return -(int)DS_ERR_NOMEM; /* failed for good */
    if (tk->part_off < tk->part_end && next_part(tk, tok))
        return 1;
    tk->part_off = tk->part_end = tk->poss_len = 0;
    for (;;) {
        skip_separators(tk);
        if (tk->off >= tk->len)
            return 0;
        size_t room = tk->len - tk->off;
        size_t lim = tk->off + (room > AN_MAX_TOKEN_BYTES ? AN_MAX_TOKEN_BYTES : room);
        tk->term.len = 0;
        if (ds_buf_grow(&tk->term, (lim - tk->off) * FOLD_MAX_GROWTH) != 0)
            return -(int)DS_ERR_NOMEM;
        unit_t u;
        scan_any(tk, tk->off, lim, &u);
        tk->off = u.next;
        if (u.term_len == 0) {
            tk->glue = 0; /* only marks: no token, and nothing to glue a marker to */
            continue;
        }
        emit(tk, &u, tok);
        return 1;
    }
}

#ifndef NDEBUG
/* What analyzer.h says of every token (assert() only): a non-empty NUL-terminated term
 * of valid UTF-8, a span of at most AN_MAX_TOKEN_BYTES of valid UTF-8 inside the text,
 * the kinds and flags of section 1, and positions: a whole shares its first part's, a
 * marker the previous token's, any other token takes the next one. */
static int token_ok(const an_tokenizer_t *tk, const an_token_t *tok)
{
    unsigned f = tok->flags;
    if (tok->term != tk->term.data || tok->term_len == 0 || tok->term[tok->term_len] != '\0' ||
        !utf8_is_valid(tok->term, tok->term_len))
        return 0;
    if (tok->start >= tok->end || tok->end > tk->len ||
        tok->end - tok->start > AN_MAX_TOKEN_BYTES ||
        !utf8_is_valid(tk->text + tok->start, tok->end - tok->start))
        return 0;
    int word_or_number = tok->kind == AN_KIND_WORD || tok->kind == AN_KIND_NUMBER;
    if (f != 0 && f != AN_TOK_WHOLE && f != (AN_TOK_WHOLE | AN_TOK_POSSESSIVE) &&
        f != AN_TOK_PART && f != AN_TOK_MARKER)
        return 0;
    if (((f & (AN_TOK_PART | AN_TOK_POSSESSIVE)) && !word_or_number) ||
        (f == AN_TOK_MARKER && tok->kind != AN_KIND_NUMBER))
        return 0;
    return (f & AN_TOK_WHOLE) ? tok->pos == tk->next_pos : tok->pos + 1 == tk->next_pos;
}
#endif

int an_tokenizer_next(an_tokenizer_t *tk, an_token_t *tok)
{
    int r = tokenizer_next(tk, tok);
    assert(r != 1 || token_ok(tk, tok));
    return r;
}

/* ---- 4. The analyzer: language and stemming ------------------------------------------- */

/* A direct-mapped cache of recent stems: text repeats its words (Zipf), and
 * libstemmer costs more than the rest of the analysis (measured on the State of the
 * Union corpus: a few percent of indexing time, almost all saved by 4096 slots). Words
 * longer than STEM_CACHE_WORD bytes are stemmed every time. */
#define STEM_CACHE_SLOTS 4096
#define STEM_CACHE_WORD 24

typedef struct stem_slot {
    unsigned char len, stem_len; /* len 0: empty slot */
    char word[STEM_CACHE_WORD];
    char stem[STEM_CACHE_WORD + 1]; /* NUL-terminated, as libstemmer's own result */
} stem_slot_t;

struct an_analyzer {
    struct sb_stemmer *stemmer; /* NULL: stemming disabled */
    const char *lang;           /* canonical name (from sb_stemmer_list) or "none" */
    stem_slot_t *cache;         /* STEM_CACHE_SLOTS slots, or NULL */
};

/* The languages libstemmer stems, by canonical code (lang.h): every other code and
 * English name of the language reaches its stemmer through lang_normalize. One
 * Norwegian stemmer serves Bokmål (nb), Nynorsk (nn) and Norwegian (no). */
static const struct stem_lang {
    const char *code, *name;
} stem_langs[] = {
    {"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},     {"de", "german"},
    {"el", "greek"},      {"en", "english"},   {"es", "spanish"},    {"eu", "basque"},
    {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"}, {"it", "italian"},
    {"lt", "lithuanian"}, {"nb", "norwegian"}, {"ne", "nepali"},     {"nl", "dutch"},
    {"nn", "norwegian"},  {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},    {"sr", "serbian"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},    {"yi", "yiddish"},
};

/* libstemmer's own spelling of the stemmer called name (lower case), or NULL. */
static const char *listed_stemmer(const char *name)
{
    for (const char **l = sb_stemmer_list(); *l; l++)
        if (strcmp(*l, name) == 0)
            return *l;
    return NULL;
}

/*
 * The canonical libstemmer name for lang, "none", or NULL. lang is a libstemmer name
 * or "none" in any case, or a code or English name lang_normalize() recognizes
 * ("fr", "fre", "French", "fr-CA"). b is scratch space (empty); on return
 * !ds_buf_ok(b) means memory ran out.
 */
static const char *stemmer_name(const char *lang, ds_buf_t *b)
{
    int known = lang_normalize(lang, strlen(lang), b);
    if (known < 0 || !ds_buf_ok(b))
        return NULL;
    if (known == 0) /* b holds lang lower-cased: "none", "porter" */
        return strcmp(b->data, "none") == 0 ? "none" : listed_stemmer(b->data);
    for (size_t i = 0; i < sizeof stem_langs / sizeof stem_langs[0]; i++)
        if (strcmp(stem_langs[i].code, b->data) == 0)
            return listed_stemmer(stem_langs[i].name); /* only if this build has it */
    return NULL;
}

/* The "unknown language" error: it lists what libstemmer offers. */
static ds_status_t unknown_language(const char *lang, ds_error_t *e)
{
    char names[1024]; /* libstemmer's names take some 250 bytes */
    size_t n = 0;
    names[0] = '\0';
    for (const char **l = sb_stemmer_list(); *l; l++) {
        int k = snprintf(names + n, sizeof names - n, " %s", *l);
        if (k < 0 || (size_t)k >= sizeof names - n) {
            names[n] = '\0';
            break;
        }
        n += (size_t)k;
    }
    ds_error_set(e, DS_ERR_INVALID, 0,
                 "unknown language '%s' for stemming; use 'none' or one of:%s (ISO 639 codes "
                 "such as en, fr, es, ru, ar also work)",
                 lang, names);
    return DS_ERR_INVALID;
}

ds_status_t an_analyzer_new(const char *lang, an_analyzer_t **out, ds_error_t *e)
{
    ds_buf_t scratch = DS_BUF_INIT;
    assert(out);
    *out = NULL;
    ds_error_clear(e);
    if (!lang)
        lang = DS_LANG_DEFAULT;
    const char *name = stemmer_name(lang, &scratch);
    int nomem = !ds_buf_ok(&scratch);
    ds_buf_release(&scratch);
    if (nomem)
        return ds_error_fill(e, DS_ERR_NOMEM);
    if (!name)
        return unknown_language(lang, e);
    an_analyzer_t *an = calloc(1, sizeof *an);
    if (!an)
        return ds_error_fill(e, DS_ERR_NOMEM);
    an->lang = name;
    if (strcmp(name, "none") != 0 && (!(an->stemmer = sb_stemmer_new(name, "UTF_8")) ||
                                      !(an->cache = calloc(STEM_CACHE_SLOTS, sizeof *an->cache)))) {
        an_analyzer_free(an); /* the name is known, so only memory can have failed */
        return ds_error_fill(e, DS_ERR_NOMEM);
    }
    *out = an;
    return DS_OK;
}

void an_analyzer_free(an_analyzer_t *an)
{
    if (!an)
        return;
    if (an->stemmer)
        sb_stemmer_delete(an->stemmer);
    free(an->cache);
    free(an);
}

const char *an_analyzer_lang(const an_analyzer_t *an)
{
    return an->lang;
}

int an_analyzer_stems(const an_analyzer_t *an)
{
    return an->stemmer != NULL;
}

/* The cache slot for word, or NULL when the word is too long to cache. */
static stem_slot_t *stem_slot(an_analyzer_t *an, const char *term, size_t len)
{
    if (!an->cache || len == 0 || len > STEM_CACHE_WORD)
        return NULL;
    return &an->cache[ds_hash64(term, len) & (STEM_CACHE_SLOTS - 1)];
}

ds_status_t an_stem(an_analyzer_t *an, const char *term, size_t len, const char **stem,
                    size_t *stem_len)
{
    if (!an->stemmer || len > INT_MAX) {
        *stem = term;
        *stem_len = len;
        return DS_OK;
    }
    stem_slot_t *slot = stem_slot(an, term, len);
    if (slot && slot->len == len && memcmp(slot->word, term, len) == 0) {
        *stem = slot->stem;
        *stem_len = slot->stem_len;
        return DS_OK;
    }
    const sb_symbol *s = sb_stemmer_stem(an->stemmer, (const sb_symbol *)term, (int)len);
    if (!s) {
        *stem = NULL;
        *stem_len = 0;
        return DS_ERR_NOMEM;
    }
    *stem = (const char *)s;
    *stem_len = (size_t)sb_stemmer_length(an->stemmer);
    if (slot && *stem_len <= STEM_CACHE_WORD) {
        slot->len = (unsigned char)len;
        slot->stem_len = (unsigned char)*stem_len;
        memcpy(slot->word, term, len);
        memcpy(slot->stem, *stem, *stem_len);
        slot->stem[*stem_len] = '\0';
    }
    return DS_OK;
}

/* ---- 5. Stop words and terms ------------------------------------------------------------ */

/* English stop words (NLTK's list, contractions as our tokenizer splits them: "don't"
 * gives "don" and "t"; plus also, may, might, must, shall, upon, yet). Sorted (C
 * locale) for binary search. */
static const char *const stopwords[] = {
    "a",       "about",    "above",      "after",  "again",     "against", "ain",    "all",
    "also",    "am",       "an",         "and",    "any",       "are",     "aren",   "as",
    "at",      "be",       "because",    "been",   "before",    "being",   "below",  "between",
    "both",    "but",      "by",         "can",    "could",     "couldn",  "d",      "did",
    "didn",    "do",       "does",       "doesn",  "doing",     "don",     "down",   "during",
    "each",    "few",      "for",        "from",   "further",   "had",     "hadn",   "has",
    "hasn",    "have",     "haven",      "having", "he",        "her",     "here",   "hers",
    "herself", "him",      "himself",    "his",    "how",       "i",       "if",     "in",
    "into",    "is",       "isn",        "it",     "its",       "itself",  "just",   "ll",
    "m",       "ma",       "may",        "me",     "might",     "mightn",  "more",   "most",
    "must",    "mustn",    "my",         "myself", "needn",     "no",      "nor",    "not",
    "now",     "o",        "of",         "off",    "on",        "once",    "only",   "or",
    "other",   "ought",    "our",        "ours",   "ourselves", "out",     "over",   "own",
    "re",      "s",        "same",       "shall",  "shan",      "she",     "should", "shouldn",
    "so",      "some",     "such",       "t",      "than",      "that",    "the",    "their",
    "theirs",  "them",     "themselves", "then",   "there",     "these",   "they",   "this",
    "those",   "through",  "to",         "too",    "under",     "until",   "up",     "upon",
    "ve",      "very",     "was",        "wasn",   "we",        "were",    "weren",  "what",
    "when",    "where",    "which",      "while",  "who",       "whom",    "why",    "will",
    "with",    "won",      "would",      "wouldn", "y",         "yet",     "you",    "your",
    "yours",   "yourself", "yourselves",
};

/* Compare term[0..len) with the C string w, as strcmp would. */
static int cmp_term(const char *term, size_t len, const char *w)
{
    size_t wl = strlen(w);
    int c = memcmp(term, w, len < wl ? len : wl);
    if (c)
        return c;
    return len < wl ? -1 : len > wl;
}

int an_is_stopword(const char *term, size_t len)
{
    size_t lo = 0, hi = sizeof stopwords / sizeof stopwords[0];
    if (len == 0 || len > 10) /* the longest stop word has 10 bytes */
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_term(term, len, stopwords[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

void an_term_fit(ds_buf_t *out, const char *prefix, const char *term, size_t len)
{
    size_t base = out->len;
    if (prefix)
        ds_buf_puts(out, prefix);
    ds_buf_append(out, term, len);
    if (!ds_buf_ok(out) || out->len - base <= AN_XAPIAN_TERM_MAX)
        return;
    /* Keep a head that leaves room for "#" + 16 hex digits, cut at a character. */
    uint64_t h = ds_hash64(out->data + base, out->len - base); /* FNV-1a, stable */
    size_t keep = utf8_floor(out->data + base, out->len - base, AN_XAPIAN_TERM_MAX - 17);
    ds_buf_truncate(out, base + keep);
    ds_buf_printf(out, "#%016llx", (unsigned long long)h);
    assert(!ds_buf_ok(out) || out->len - base <= AN_XAPIAN_TERM_MAX);
}
