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
 *   5. Rules shared with the report parser: URLs, UN document symbols, footnote markers
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
 * Start tokenizing text[0..len) at byte off (<= len; clamped to len), the next word
 * taking position pos. A restart point is the start byte of a token that took a new
 * position (not a part of a whole and not a footnote marker) together with that
 * position: every token from a restart point on is then exactly the token (term, span,
 * position, kind, flags) that tokenizing the whole text from 0 gives, because the
 * tokenizer scans forward only and the glue that makes a number a marker is set anew
 * by each token that takes a position. Elsewhere the tokens may differ (started in the
 * middle of a word, a number that was a marker). posmap.h keeps restart points;
 * invalid_bytes counts from off. Cannot fail.
 */
void an_tokenizer_init_at(an_tokenizer_t *tk, const char *text, size_t len, size_t off,
                          uint32_t pos);

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
 * disables stemming. On success *out owns a new analyzer (free with an_analyzer_free)
 * and e (if not NULL) is cleared. Otherwise *out is NULL, e (if not NULL) holds the
 * error (column 0) and the status is:
 *   DS_ERR_INVALID  an unknown language or one without a stemmer ("zh"): "unknown
 *                   language 'zh' for stemming; use 'none' or one of: arabic ... (ISO
 *                   639 codes such as en, fr, es, ru, ar also work)"
 *   DS_ERR_NOMEM    memory ran out ("out of memory")
 * An analyzer is not thread-safe: use one per thread.
 */
ds_status_t an_analyzer_new(const char *lang, an_analyzer_t **out, ds_error_t *e);
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

/* ---- 5. Rules shared with the report parser ------------------------------------------
 *
 * The report parser (indexer/report/rparse.h) reads URLs, UN document symbols and
 * footnote markers in a report before the tokenizer sees its text: the footnotes' URL
 * and symbol lists become url:, site: and symbol: terms, and markers become cites:
 * terms. Each rule is written once, here (common/text/rules.c), and both use it. Where
 * the parser has always read a rule differently from the tokenizer, the function takes
 * the reader, an_rule_t, and documents both readings; they are kept apart so that
 * neither the index's tokens nor a report's footnotes change.
 */

typedef enum an_rule {
    AN_RULE_TOKEN = 0, /* the tokenizer's reading (section 1, word rules) */
    AN_RULE_REPORT,    /* the report parser's (rparse.h, section 2): footnotes and markers */
    AN_RULE_LAST
} an_rule_t;

/*
 * The one URL-start test. Does s[0..len) start with a URL prefix -- "http://",
 * "https://", "ftp://" or "www." -- that starts a URL?
 *   AN_RULE_TOKEN   the prefix in any case ("HTTPS://"; each byte compared with its
 *                   0x20 bit set, as the tokenizer always has), followed by a word
 *                   character (fold.h; valid UTF-8);
 *   AN_RULE_REPORT  the prefix in lower case, followed by any byte.
 * Returns the prefix's length (4-8), or 0 when no URL starts at s (len 0 included).
 * Reads no further than the character after the prefix.
 */
size_t an_url_start(const char *s, size_t len, an_rule_t rule);

/*
 * Does a URL start at s[0..len), and how long is it? A URL starts where an_url_start()
 * says so and runs to
 *   AN_RULE_TOKEN   white space, a control character, '"', '\'', '<', '>', invalid
 *                   UTF-8 or a non-ASCII character that is not a word character;
 *   AN_RULE_REPORT  the next space (' ': the parser passes one token of its joined
 *                   lines) or len;
 * then its trailing punctuation is trimmed, repeatedly:
 *   AN_RULE_TOKEN   . , ; : ! ? ] } and a ')' while the URL holds more ')' than '('
 *                   ("wiki/Foo_(bar)" keeps its ')'); never into the prefix;
 *   AN_RULE_REPORT  . , ; : " ' ” ’ and a ')' or ']' while the URL holds more of it
 *                   than of its opening bracket.
 * Returns 1 and the trimmed length in *url_len (never 0: "www.." gives "www"), or 0
 * with *url_len 0 when no URL starts at s. url_len must not be NULL.
 */
int an_url_at(const char *s, size_t len, an_rule_t rule, size_t *url_len);

/*
 * Does a UN document symbol start at s[at] of s[0..len)? A symbol starts at s[0], or
 * after a character other than an ASCII letter, digit, '/' or '.'; it is 1-6 capital
 * letters A-Z, then at least two '/' segments of ASCII letters, digits and dots, at
 * least one digit among them: "A/RES/75/282", "A/AC.290/2021/CRP.2", "A/69/723". The
 * dots that end a segment are not part of it and end the symbol ("A/75/816." gives
 * "A/75/816"). Returns the symbol's length, or 0 when none starts at s[at]. at <= len;
 * reads s[at-1..len). Only the report parser reads symbols: the tokenizer has no rule of
 * its own for them (a symbol is an identifier, AN_KIND_IDENT, by the word rules).
 */
size_t an_symbol_at(const char *s, size_t len, size_t at);

/*
 * Footnote markers: the characters of the rule. The tokenizer (section 1) decides alone,
 * from the separators between two tokens; the parser (rparse.h, Markers) reads
 * candidates around a number and lets the footnote numbering decide. Both read these.
 *
 * an_marker_digit: the value 0-9 of a superscript digit (¹ ² ³ ⁰ ⁴-⁹: fold.h's
 * FOLD_SUPER class, the class the tokenizer reads), or -1 for any other code point.
 */
int an_marker_digit(uint32_t cp);

typedef enum an_glue {
    AN_GLUE_NONE = 0, /* breaks the glue: space, opening quote, letter, other punctuation */
    AN_GLUE_STOP,     /* sentence punctuation: glues after a word ("mission.2") */
    AN_GLUE_COMMA,    /* ',' ';' ':' (parser): glues unless a digit precedes ("1,000") */
    AN_GLUE_QUOTE,    /* '"' '\'' (parser): glues after a non-space ("purposes.''30") */
    AN_GLUE_CLOSE,    /* a closing quote, apostrophe or bracket: glues after any token
                         ("rights.”5", "13(g).”6") */
    AN_GLUE_LAST
} an_glue_t;

/*
 * How the code point cp, right before a number, glues the number to the text before it
 * as a footnote marker:
 *   AN_RULE_TOKEN   '.' is AN_GLUE_STOP (a marker after a word ending in a letter and
 *                   one '.', and no break in a run of glue); every apostrophe, quote,
 *                   closing quote and closing bracket by fold class (' " ’ ʼ ” » › ) ] }
 *                   」 and the like) is AN_GLUE_CLOSE; anything else AN_GLUE_NONE;
 *   AN_RULE_REPORT  . ! ? are AN_GLUE_STOP, , ; : AN_GLUE_COMMA, " ' AN_GLUE_QUOTE,
 *                   ) ] ” ’ » › AN_GLUE_CLOSE, anything else AN_GLUE_NONE (a letter
 *                   before the number is the parser's word glue, "AHC1").
 * What else the glue needs (the word before, the space before a quote) the caller sees.
 */
an_glue_t an_marker_glue(uint32_t cp, an_rule_t rule);

/*
 * Do the digits of a marker candidate that end at s[e] (e <= len) end there, so that
 * the number is not part of a longer word, number or identifier? 1 at len, else:
 *   AN_RULE_TOKEN   not before a word character, nor before an apostrophe, hyphen or
 *                   identifier connector that joins a word character ("2-3", "2.5"),
 *                   nor before a digit group (",000");
 *   AN_RULE_REPORT  not before an ASCII letter or digit, / - _ @ %, a non-ASCII word
 *                   character, nor . , : before a digit ("2.5", "1,000").
 * Returns 1 or 0.
 */
int an_marker_end(const char *s, size_t len, size_t e, an_rule_t rule);

#endif
