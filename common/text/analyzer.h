/*
 * analyzer.h - the one text analyzer of the project.
 *
 * The indexer, the query parser and the concordance all cut text with these functions,
 * so a word in a query is split, folded and stemmed exactly as it was in the document.
 * Nothing else in the project may tokenize text for the index.
 *
 * Contents
 *   1. Tokens: what a token is, its kinds and flags, and the word rules
 *   2. The tokenizer: an iterator over a UTF-8 buffer (no allocation per token)
 *   3. The analyzer: language + stemmer (one per thread)
 *   4. Terms: fitting a (prefixed) term into Xapian's key limit
 *
 * 1. Tokens
 * ---------
 * A token is a maximal run of word characters (Unicode letters, digits, combining marks)
 * possibly joined into a larger unit by connectors. Every token carries:
 *   - term:   the folded form used as an index term: lower-cased (full Unicode case
 *             folding for Latin, Greek, Cyrillic), diacritics removed (café -> cafe,
 *             ё -> е; й is kept), ligatures split (ﬁ -> fi, æ -> ae, ß -> ss),
 *             fullwidth forms made ASCII, decimal digits of any script made ASCII
 *             ("٢٠٢١" -> "2021"); the details are in fold.h;
 *   - start, end: byte offsets into the ORIGINAL buffer, so text[start..end) are the
 *             exact bytes the term came from (a concordance cuts them verbatim);
 *   - pos:    the word position, counting from 0 for each tokenizer; parts of a
 *             compound take consecutive positions, and the compound's whole form
 *             shares the position of its first part (a possessive's whole form and
 *             its one part share one position).
 *
 * Word rules (the analyzer's contract; tests/unit/test_analyzer.c holds the table):
 *   - Curly quotes, typographic apostrophes (U+2019, U+02BC) and dashes (U+2010..U+2015,
 *     U+2212) behave as their ASCII forms. Em dash and horizontal bar separate words.
 *     Soft hyphen, ZWJ and ZWNJ join (they fold to nothing); other invisible format
 *     characters (ZWSP, bidi marks, BOM) are white space.
 *   - Possessives and contractions: a word, number or acronym followed by 's / ’s (an
 *     apostrophe, then s or S, then no word character) gives an AN_TOK_WHOLE token
 *     flagged AN_TOK_POSSESSIVE whose term is the folded word + "'s" with an ASCII
 *     apostrophe ("ICANN’s" -> "icann's", "it's" -> "it's", "U.N.’s" -> "un's"),
 *     spanning the whole "ICANN’s", then ONE AN_TOK_PART token, the word itself
 *     ("icann", spanning "ICANN"; same kind as the whole), both at the SAME position.
 *     So the exact phrase "it's not" is told from "it not", while "ICANN" still finds
 *     "ICANN’s" through the part. The 's takes no position of its own. After a
 *     compound, identifier or URL, and after a footnote marker, the 's is dropped
 *     ("ICT-related’s" indexes as "ICT-related"). A trailing apostrophe ("States’")
 *     is dropped.
 *   - Compounds: word characters joined by '-' or an apostrophe ("ICT-related",
 *     "d’Ivoire") give one AN_TOK_WHOLE token (parts concatenated: "ictrelated", so
 *     "cyber-security" also matches "cybersecurity"; all-digit parts keep the hyphen:
 *     "2021-03-12") followed by one AN_TOK_PART token per part ("ict", "related").
 *   - Identifiers: runs joined by '/', '.', '_', ':', '@', '#', '+', '=', '&', '?', '%',
 *     '~' between word characters (UN symbols "A/RES/75/282", "A/AC.290/2021/CRP.2",
 *     "10.30") and URLs (from "http://", "https://", "ftp://" or "www." to the next
 *     white space, quote, apostrophe, '<', '>', control or non-ASCII non-letter) give an
 *     AN_TOK_WHOLE token with the connectors kept ("a/ac.290/2021/crp.2"; a URL is
 *     only lower-cased) and then AN_TOK_PART tokens for every alphanumeric part.
 *     Trailing sentence punctuation (. , ; : ! ? ) ] } and quotes) is never part of
 *     one, except a ')' that closes a '(' of the URL ("wiki/Foo_(bar)").
 *   - Acronyms: single letters joined by dots ("U.N.", "e.g.") give one token "un";
 *     its span includes the final dot.
 *   - Numbers stay tokens ("2021", "13f"); digit groups "1,000,000" give "1000000".
 *   - Footnote markers: a number of 1-3 ASCII digits glued to the previous token, with
 *     no space, by '.' alone after a word ending in a letter ("mission.2" -- but
 *     "2021.26" and "v1.2" stay identifiers), or by punctuation holding a closing
 *     quote, apostrophe, '"' or closing bracket after any token ("rights.”5",
 *     "13(g).”6", "A/69/723).”25", "purposes.''30"), and superscript digits right
 *     after a token ("mission²", any length) give the word as usual and the digits as
 *     a separate AN_TOK_MARKER token (kind NUMBER) that SHARES the previous token's
 *     position (after a compound: its last part's), so phrases across the marker still
 *     match ("mission monitoring") and the word stays findable. An opening quote or any
 *     space breaks the glue. Superscripts not glued are plain numbers. Callers that
 *     know better (the report parser) strip markers before analysis.
 *   - Invalid UTF-8 bytes, control characters and U+FFFD separate tokens and are
 *     counted (an_tokenizer_t.invalid_bytes). No token ever holds invalid UTF-8.
 *   - A token whose term would be empty (only combining marks) is skipped: it takes
 *     no position. Terms are never empty.
 *   - A token longer than AN_MAX_TOKEN_BYTES of source is cut there (the rest is a new
 *     token); terms are later fitted to Xapian's limit by an_term_fit().
 */
#ifndef DS_ANALYZER_H
#define DS_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

/* ---- 1. Tokens ------------------------------------------------------------------ */

typedef enum an_kind {
    AN_KIND_WORD = 0, /* letters (possibly with digits): stemmed for free text */
    AN_KIND_NUMBER,   /* digits only (after removing group commas) */
    AN_KIND_COMPOUND, /* hyphen/apostrophe compound (whole token) */
    AN_KIND_IDENT,    /* identifier such as a UN document symbol (whole token) */
    AN_KIND_URL,      /* URL (whole token) */
} an_kind_t;

enum an_flags {
    AN_TOK_WHOLE = 1u << 0,      /* whole form of a compound/identifier/URL/possessive;
                                    parts follow */
    AN_TOK_PART = 1u << 1,       /* one part of the preceding whole token */
    AN_TOK_MARKER = 1u << 2,     /* probable footnote marker glued to the previous word */
    AN_TOK_POSSESSIVE = 1u << 3, /* with WHOLE: a word + 's ("icann's"); its one part
                                    (the word) follows at the same position */
};

/* Source bytes beyond which a single token is cut (URLs can be long, but not this). */
#define AN_MAX_TOKEN_BYTES 2048

typedef struct an_token {
    const char *term; /* folded term, NUL-terminated; owned by the tokenizer and valid
                         until the next an_tokenizer_next() or release */
    size_t term_len;
    size_t start, end; /* byte span [start, end) in the original text */
    uint32_t pos;      /* word position (see above) */
    an_kind_t kind;    /* for PART tokens: WORD or NUMBER of the part itself; a
                          possessive's whole has its word's kind (WORD or NUMBER) */
    unsigned flags;    /* enum an_flags */
} an_token_t;

/* ---- 2. The tokenizer ------------------------------------------------------------ */

/*
 * A tokenizer walks one buffer. It does not copy the text: the buffer must outlive it.
 * Fields are private except the counters, which the caller may read at any time.
 */
typedef struct an_tokenizer {
    const char *text;
    size_t len;
    size_t off;           /* next byte to scan */
    uint32_t next_pos;    /* position the next word will take */
    size_t invalid_bytes; /* invalid input met so far (all treated as separators): the
                             bytes of invalid UTF-8, plus one per control character
                             or U+FFFD (so in text repaired by utf8_repair each
                             replacement counts once) */
    /* private: parts of the last WHOLE token still to emit, [part_off, part_end);
       after a possessive whole, poss_len > 0 is its one part's term length (the head
       of the whole's term) and poss_kind its kind */
    size_t part_off, part_end;
    size_t poss_len;
    an_kind_t poss_kind;
    /* private: footnote-marker context -- end of the previous token (after a
       possessive 's) and what was skipped since (GLUE_* bits in analyzer.c) */
    size_t prev_end;
    unsigned glue;
    ds_buf_t term; /* private: the current token's term */
} an_tokenizer_t;

/* Start tokenizing text[0..len). text need not be NUL-terminated. Cannot fail. */
void an_tokenizer_init(an_tokenizer_t *tk, const char *text, size_t len);

/*
 * Produce the next token into *tok, as status.h's iterators do: returns 1 if a token
 * was produced, 0 at the end of the text (and again after it), or -DS_ERR_NOMEM (-1) if
 * memory ran out; tok is then untouched, and every later call fails the same way (the
 * tokenizer may still be released).
 */
int an_tokenizer_next(an_tokenizer_t *tk, an_token_t *tok);

/* Free the tokenizer's memory. tk may be re-initialized afterwards. */
void an_tokenizer_release(an_tokenizer_t *tk);

/* ---- 3. The analyzer: language and stemming --------------------------------------- */

typedef struct an_analyzer an_analyzer_t;

/*
 * Create an analyzer for language lang: a libstemmer name in any case ("english",
 * "french", ...), or any ISO 639 code, English name or tag that lang_normalize() in
 * lang.h recognizes for a language libstemmer stems ("en", "fre", "Castilian",
 * "pt-BR"; "nb", "nn" and "no" all give "norwegian"). NULL means "english"; "none"
 * disables stemming. On success *out owns a new analyzer (free with an_analyzer_free).
 * Returns DS_ERR_INVALID with a malloc'd message in *errmsg (caller frees; errmsg may
 * be NULL) for an unknown language or one without a stemmer ("zh"), DS_ERR_NOMEM if
 * memory ran out. An analyzer is not thread-safe: use one per thread.
 */
ds_status_t an_analyzer_new(const char *lang, an_analyzer_t **out, char **errmsg);
void an_analyzer_free(an_analyzer_t *an);

/* The canonical libstemmer name of the language ("english", or "none"). */
const char *an_analyzer_lang(const an_analyzer_t *an);

/* 1 if the analyzer stems (its language is not "none"). */
int an_analyzer_stems(const an_analyzer_t *an);

/*
 * Stem a folded term (as produced by the tokenizer). Sets *stem / *stem_len to the stem,
 * which lives in the analyzer until the next call. With stemming disabled, or for
 * tokens that are not AN_KIND_WORD, callers should not stem. Returns DS_OK or
 * DS_ERR_NOMEM.
 */
ds_status_t an_stem(an_analyzer_t *an, const char *term, size_t len, const char **stem,
                    size_t *stem_len);

/* 1 if the folded term is an English stop word (for ranking and collocates only: the
 * index never drops stop words). */
int an_is_stopword(const char *term, size_t len);

/* ---- 4. Terms -------------------------------------------------------------------- */

/* Xapian's limit on a term, in bytes (glass backend). Our terms never hold NUL. */
#define AN_XAPIAN_TERM_MAX 245

/*
 * Append prefix + term to out, fitted to Xapian's limit: a term that would exceed
 * AN_XAPIAN_TERM_MAX bytes is cut at a UTF-8 boundary and ends with '#' and 16 hex
 * digits of a 64-bit hash of the WHOLE term, so two long terms that share a head
 * stay distinct, and the same long word maps to the same term at index and query
 * time. Never fails except by out-of-memory (out->failed set).
 */
void an_term_fit(ds_buf_t *out, const char *prefix, const char *term, size_t len);

#endif
