/*
 * fold.h - per code point character classes and folded forms for the analyzer.
 *
 * Every code point has one class (what it does between words) and one folded form
 * (what it becomes inside an index term). The data is generated from Unicode by
 * scripts/gen_fold_table.py into fold_table.c; this module only looks it up.
 *
 * Folding (for Latin, Greek, Cyrillic and the punctuation/compatibility blocks around
 * them: U+0000-052F, U+1AB0-1FFF, U+2000-218F, U+2C60-2C7F, U+2DE0-2E7F,
 * U+3000-303F, U+A640-A7FF, U+AB30-AB6F, U+FB00-FB06, U+FE10-FE6F, U+FF00-FF60):
 *   full case folding (ß -> ss, ς -> σ), then NFKD with combining marks removed
 *   (café -> cafe, Ö -> o, ё -> е, ﬁ -> fi, fullwidth Ａ -> a), then explicit maps for
 *   letters without a decomposition (ø -> o, đ ð -> d, ł -> l, ħ -> h, ı -> i,
 *   þ -> th, æ -> ae, œ -> oe, ŧ -> t). Kept as letters of their own: й, ї, ў.
 *   Outside those blocks letters fold to themselves (marks included: they spell the
 *   word in Devanagari, Thai, ...), except that every decimal digit (Nd) folds to its
 *   ASCII digit.
 *
 * Invariants (checked by the generator and tests/unit/test_analyzer.c): a fold is
 * valid UTF-8 made of letters and ASCII digits only, folding a fold changes nothing,
 * and a fold is at most FOLD_MAX_GROWTH times as long as the code point's UTF-8.
 */
#ifndef DS_FOLD_H
#define DS_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Character classes. The word classes come first: fold_is_word(c) is c <= FOLD_MARK. */
typedef enum fold_class {
    FOLD_LETTER = 0,    /* letter (and, outside the folding blocks, marks, Nl, No) */
    FOLD_DIGIT,         /* decimal digit of any script; folds to ASCII 0-9 */
    FOLD_MARK,          /* combining mark or joiner (U+00AD, ZWNJ, ZWJ): folds to "" */
    FOLD_SUPER,         /* superscript digit ¹ ² ³ ⁰ ⁴-⁹: footnote markers */
    FOLD_APOS,          /* apostrophe ' ’ ʼ ＇ (folds to ') */
    FOLD_HYPHEN,        /* hyphen/en dash/minus joining words: - ‐ ‑ ‒ – − (folds to -) */
    FOLD_CONNECT,       /* identifier connector / . _ : @ # + = & ? % ~ (folds to ASCII) */
    FOLD_QUOTE_OPEN,    /* “ ‘ „ ‚ « ‹ 「 ... */
    FOLD_QUOTE_CLOSE,   /* ” » › 」 ... (’ is FOLD_APOS, which also closes quotes) */
    FOLD_QUOTE,         /* " (either side) */
    FOLD_BRACKET_CLOSE, /* ) ] } and other closing punctuation */
    FOLD_DASH,          /* em dash, horizontal bar: separate words */
    FOLD_SEP,           /* any other punctuation or symbol (also emoji, private use) */
    FOLD_SPACE,         /* white space and invisible format characters */
    FOLD_CONTROL,       /* control character or U+FFFD: a separator counted as invalid */
    FOLD_CLASS_LAST
} fold_class_t;

/* A fold is at most this many times the UTF-8 length of the code point folded. */
#define FOLD_MAX_GROWTH 2

/* Unicode version the tables were generated from ("14.0.0"). */
extern const char fold_unicode_version[];

/* Class of each ASCII code point (the tokenizer's fast path). */
extern const unsigned char fold_ascii_class[128];

static inline int fold_is_word(fold_class_t c)
{
    return c <= FOLD_MARK;
}

/*
 * Class of code point cp (any value; beyond U+10FFFF or a surrogate: FOLD_CONTROL).
 */
fold_class_t fold_class(uint32_t cp);

/*
 * Look up cp: returns its class and sets *fold / *fold_len to its folded UTF-8 (not
 * NUL-terminated, static storage), or *fold = NULL and *fold_len = 0 meaning "cp folds
 * to its own UTF-8 bytes". Marks give "" (length 0), hyphens "-", apostrophes "'",
 * ASCII its lower case. Folds are defined for every class but only meaningful for word
 * characters, superscript digits and connectors. Beyond U+10FFFF or a surrogate:
 * FOLD_CONTROL and NULL.
 */
fold_class_t fold_lookup(uint32_t cp, const char **fold, size_t *fold_len);

/*
 * Append to out the folded form of the word characters and superscript digits of the
 * UTF-8 text s[0..len) -- everything else (punctuation, space, invalid bytes) is
 * skipped. Folding a token's source span this way gives its term (for words, numbers,
 * acronyms, parts and markers). Allocation failure is recorded in out->failed.
 */
void fold_word(ds_buf_t *out, const char *s, size_t len);

/*
 * Append to out the folded form of a whole metadata value s[0..len) used as ONE exact
 * term (type, lang, url, host, UN symbol): the indexer writes these terms and the
 * searcher's boolean fields (type:, lang:, url:, site:, symbol:) look them up, both
 * through this function, so the two always agree:
 *   - word characters are folded as fold_word() folds them (lower case, no accents);
 *   - connectors / . _ : @ # + = & ? % ~, hyphens and apostrophes are kept (folded to
 *     their ASCII form), as is any other punctuation or symbol;
 *   - white space, control characters and invalid UTF-8 are dropped.
 * "https://UNdocs.org/A/RES/75/282" -> "https://undocs.org/a/res/75/282",
 * "Working Paper" -> "workingpaper". Allocation failure is recorded in out->failed.
 */
void fold_value(ds_buf_t *out, const char *s, size_t len);

/*
 * Append to out the key of URL s[0..len): fold_value() of it without a leading
 * "http://" or "https://" and, unless keep_slash, without trailing '/'s, so the same
 * page written http or https, with or without its final slash, is one key:
 * "https://UNdocs.org/A/RES/75/282/" -> "undocs.org/a/res/75/282". The indexer's url
 * terms, the searcher's url: values and the links between citations and cited
 * documents all go through it. keep_slash is for wildcard heads: "url:https://x.org/"
 * + '*' must not match "x.org.evil". Allocation failure is recorded in out->failed.
 */
void fold_url(ds_buf_t *out, const char *s, size_t len, int keep_slash);

#endif
