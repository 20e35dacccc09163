/*
 * query.h - the searcher's query language: parse a query string, compile it into a
 * Xapian query through the wrapper (xap.h), describe it, and list its match units for
 * highlighting and concordances.
 *
 * Every word of a query is cut, folded and stemmed by the shared analyzer (analyzer.h)
 * and turned into terms by termgen (tg_token_terms), so a query word yields exactly the
 * terms the indexer wrote for the same word in a document. Term prefixes and value
 * slots come from schema.h only.
 *
 * Contents
 *   1. The query language (the reference: README and `searcher --help-query` copy it)
 *   2. Errors: ds_error_t (status.h) with code point columns, the three-line report
 *   3. Parsing: sq_parse, sq_query_free, sq_describe
 *   4. Compiling: sq_compile, sq_compile_over
 *   5. Match units: sq_units (what snippets and concordances look for)
 *   6. Boolean values: folded by fold_value() (common/fold.h), as the indexer does
 *   7. Checks: what a query that found nothing should be checked for (hints)
 *
 * The language reference (section 1) is written as // comments just below, because its
 * examples contain slash-star sequences (url:https://undocs.org/ followed by '*').
 */
// 1. The query language
// ---------------------
// WORDS
//   protect infrastructure    Every word must match (implicit AND); all words rank
//                             (BM25). A plain word matches its stem: protect finds
//                             protect, protecting, protection. Numbers, identifiers
//                             and URLs match exactly (2021, 10.30, foo_bar).
//   ICT-related  A/RES/75/282  A word the analyzer splits into a whole form and parts
//                             (compounds, UN symbols, URLs) matches the whole form OR
//                             the parts as a phrase: ICT-related finds "ICT-related",
//                             "ictrelated" and "ICT related". The whole form of a
//                             letter compound is stemmed like a word.
//   ICANN's  it's             A possessive or contraction ('s or ’s) as a plain word is
//                             its word, stemmed: ICANN's finds ICANN's and ICANN, and
//                             ICANN finds ICANN’s too (the text's "ICANN’s" is indexed
//                             as "icann's" and as "icann", at one position).
//   Case and accents never matter (Café = cafe). Stop words are never dropped. A word
//   of punctuation only (`-`, `,`) is ignored; a query left with nothing is an error.
//   Punctuation inside a word that splits it into several words (`foo,bar`) means all
//   of them (as if separated by spaces). Probable footnote markers (`mission.2` -> the
//   "2") are not searched, as in phrases.
//
// PHRASES
//   "public core"             The words in this order, adjacent, unstemmed (case and
//                             accents still folded). Quotes may be " or curly “ ”.
//                             A one-word phrase is that exact word, unstemmed.
//   "public core"~5           In order, with up to 5 other words inserted anywhere:
//                             the k words of the phrase lie within a window of k + 5
//                             consecutive positions. ~0 is the plain phrase.
//   Compounds and identifiers inside a phrase stand for their parts, as indexed:
//   "ICT-related issues" is the phrase ict related issues. Possessives and
//   contractions are matched exactly: "it's not" finds "it's not" / "it’s not", never
//   "it not", and "ICANN’s mission" needs the 's. A phrase without the 's also finds
//   the possessive ("ICANN mission" finds "ICANN’s mission"; "it not" finds "it's
//   not"), as the word is indexed at the possessive's position. `*` inside quotes is
//   an error (wildcards are not supported in phrases).
//
// PROXIMITY
//   public NEAR/3 core        Both words, in either order, with at most 3 other words
//                             between them. In general `w1 NEAR/n w2 ... NEAR/n wk`
//                             (k words) matches when all k occur within a window of
//                             n + k consecutive positions. Bare NEAR means NEAR/10.
//   NEAR joins single words only (no phrases, groups, fields or wildcards), matched by
//   their exact unstemmed term (stems have no positions); a compound stands for its
//   whole form, and so does a possessive: ICANN's NEAR/3 mission needs "ICANN's",
//   while ICANN NEAR/3 mission finds both ICANN and ICANN's (so either meaning can be
//   asked for). A chain must use one distance. n is 0..1000.
//
// BOOLEAN OPERATORS (uppercase only; and/or/not/near are ordinary words)
//   a AND b, a b              both (implicit AND)
//   a OR b                    either
//   a NOT b, a -b, a AND NOT b   a but not b
//   NOT b, -b                 alone: every document except those matching b
//   -"a phrase", -(a OR b)    exclude a phrase or a group
//   +word                     required: the same as a plain word
//   ( ... )                   grouping
//   Precedence, tightest first: NEAR, then NOT / - / + (prefix), then AND (explicit
//   or implicit), then OR: `a b OR c -d` is (a AND b) OR (c AND NOT d).
//   `-` and `+` exclude/require only at the start of a term and directly before it
//   (`ICT-related` is a compound, `a - b` is a AND b).
//
// WILDCARDS
//   cyber*                    Any word starting with "cyber" (exact, unstemmed terms).
//                             At least 2 characters before the `*`; `*` only at the end
//                             of a word. A pattern that matches more terms than the
//                             searcher allows is reported when the search runs.
//   Also in fields: title:cyber*, actor:nether*, url:https://undocs.org/*,
//   symbol:A/RES/75/2* (any symbol starting so), symbol:A/AC.290/* (every document
//   of that body: ends with "/*").
//
// FIELDS  name:value, no space around ':'; name is [A-Za-z][A-Za-z0-9_-]*, any case.
//   A term is a field only if it starts with such a name and ':' is followed by a
//   character other than space or '/' (so http://x, A/RES/75/282 and 10:30 are words);
//   `name:` followed by nothing is an error (empty value).
//   Text fields - the value is a word, "phrase", wildcard or (group), analyzed and
//   stemmed like body text:
//     title:  actor:  section:  and any free field of the manifests (committee:oewg)
//     title:(cyber OR security)   every word of the group searches the title
//   A free field the index does not know is an error ("unknown field 'colour'").
//   Boolean fields - the value is matched whole (case and accents folded, punctuation
//   kept, spaces dropped), they filter and do not rank:
//     type:report  lang:en  id:<exact id, not folded>  url:<whole URL>
//     site:un.org (the host or any parent domain)  symbol:A/RES/75/282
//     cites:12 (passages citing footnote 12; a number)
//   Fields do not nest: title:(actor:x) is an error.
//
// DATES  (filter; a document matches when its date span OVERLAPS the range)
//   date:2021  date:2021-03  date:2021-02-19  date:2021-02-19..2021-03-12
//   date:..2020-12-31  date:2021-03..  date:"19 February 2021"
//   Impossible dates (2021-02-30) are errors.
//
// GRAMMAR (EBNF; whitespace separates terms; quote = " or “ ” „)
//   query    = or-expr ;
//   or-expr  = and-expr , { "OR" , and-expr } ;
//   and-expr = unary , { [ "AND" ] , unary } ;
//   unary    = ( "NOT" | "-" | "+" ) , unary | near ;
//   near     = primary , { ( "NEAR" | "NEAR/" , digits ) , primary } ;
//   primary  = word | wildcard | phrase | "(" , or-expr , ")" | field ;
//   phrase   = quote , { char - quote } , quote , [ "~" , digits ] ;
//   wildcard = word-char , { word-char } , "*" , { "*" } ;
//   field    = name , ":" , ( word | wildcard | phrase | "(" , or-expr , ")" ) ;
//   word     = word-char , { word-char } ;
//   word-char = any character but white space, control, invalid UTF-8, "(", ")", quote.
// `-`/`+` are read as operators only when they begin a term and are glued to it; an
// operator word is one whole word; in a field value neither is special.
//
/*
 * 2. Errors
 * ---------
 * A malformed query gives ONE error: a message naming the problem and the 1-based
 * column (in characters: UTF-8 code points, an invalid byte counting as one) of the
 * offending spot (the unclosed '(' or quote, the dangling operator, the field name...).
 * sq_error_format() renders the standard report:
 *     searcher: query error: unbalanced '(' (column 1)
 *       (foo OR bar
 *       ^
 * Every byte sequence gives either a query or an error, never a crash or a silently
 * different query.
 */
#ifndef SQ_QUERY_H
#define SQ_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "buf.h"
#include "schema.h"
#include "status.h"
#include "xap.h"

/* Limits of the language (documented above). */
#define SQ_NEAR_DEFAULT 10            /* bare NEAR */
#define SQ_DISTANCE_MAX 1000          /* largest NEAR/n and "..."~n */
#define SQ_WILDCARD_MIN_CHARS 2       /* characters a wildcard needs before '*' */
#define SQ_MAX_EXPANSION_DEFAULT 1024 /* terms a wildcard may expand to, by default */
#define SQ_MAX_DEPTH 100              /* nesting of groups and prefix operators */
/* Bytes of a field name: termgen takes prefixes of up to 30 bytes, and
 * DS_PREFIX_FIELD + name + ":" must fit. */
#define SQ_FIELD_NAME_MAX DS_FIELD_NAME_MAX /* bytes of a free field name (schema.h) */

/* ==== 2. Errors ======================================================================
 * The functions of this module report into the caller's ds_error_t (status.h; NULL:
 * status only), cleared on entry and filled on failure: e->status is the status
 * returned; e->column the 1-based code point column of the offending spot in the query
 * (an invalid UTF-8 unit counts as one; the length + 1 for "at the end"), 0 when the
 * error is about no spot; e->message one line without the column, valid UTF-8, user
 * text quoted in it made printable. A message is at most SQ_ERROR_MESSAGE_MAX - 1
 * bytes, cut at a UTF-8 boundary: the length the searcher's query reports have always
 * had (sq_answer cuts the other errors of a query to it too).
 */
#define SQ_ERROR_MESSAGE_MAX 256

/*
 * Append to out the report of error e about the query text[0..len):
 *     searcher: query error: <message> (column <N>)\n
 *       <the query, control characters as spaces, invalid UTF-8 as U+FFFD>\n
 *       <column - 1 spaces>^\n
 * With e->column 0 only the first line is written, without "(column N)". Allocation
 * failure is recorded in out (ds_buf_ok).
 */
void sq_error_format(const char *text, size_t len, const ds_error_t *e, ds_buf_t *out);

/* ==== 3. Parsing ===================================================================== */

typedef struct sq_query sq_query_t;

/*
 * Parse text[0..len) (any bytes; need not be NUL-terminated; copied) into a query.
 * Parsing needs no index and no analyzer language: words are cut and folded here,
 * stemmed by sq_compile.
 *
 * On DS_OK *out owns a new query (free with sq_query_free()) and err (if not NULL) has
 * status DS_OK. Otherwise *out is NULL, err is filled and the status is:
 *   DS_ERR_INVALID  a malformed query (message + column; see section 1), also text NULL
 *                   with len > 0 or out NULL (column 0)
 *   DS_ERR_NOMEM    out of memory (column 0)
 */
ds_status_t sq_parse(const char *text, size_t len, sq_query_t **out, ds_error_t *err);

/* Free q; NULL is accepted. */
void sq_query_free(sq_query_t *q);

/* 1 if the query asks for field `name` (lower case: "type", "date", a free field)
 * outside any NOT / '-': a query that only excludes by it does not count. 0 otherwise
 * or for a NULL q. */
int sq_uses_field(const sq_query_t *q, const char *name);

/*
 * Append a readable, deterministic rendering of q to out (for --explain and tests):
 *   AND(..., ...)  OR(..., ...)  NOT(...)     operators (nested ANDs/ORs flattened)
 *   word:protect                              a word, folded (stemmed at compile time)
 *   word:ictrelated|"ict related"             a whole form or its parts as a phrase
 *   word:icann                                ICANN's: a possessive word is its part
 *   phrase:"public core"  phrase~5:"a b"      phrases ("it's not": possessives whole)
 *   NEAR/3(public, core)                      proximity, exact terms (icann's: whole)
 *   wildcard:cyber*                           prefix wildcard (folded head)
 *   field:actor(word:netherlands)             text field, any sub-query inside
 *   field:type(value:report)  field:symbol(head:a/ac.290/)  field:url(wildcard:http*)
 *   date:2021-02-01..2021-03-31  date:..2020-12-31  date:2021-03-01..
 * A NULL q appends nothing. Allocation failure is recorded in out.
 */
void sq_describe(const sq_query_t *q, ds_buf_t *out);

/* ==== 4. Compiling =================================================================== */

typedef struct sq_compile_ctx {
    an_analyzer_t *an; /* the index's analyzer (language of DS_META_LANG); required */
    /* Does the index know the free field `name` (lower-case ASCII)? The searcher checks
     * for any term with prefix DS_PREFIX_FIELD + name + ":". Return 1 yes, 0 no, or a
     * negated ds_status_t if the check failed. NULL: no free field is known. */
    int (*field_exists)(void *ctx, const char *name);
    void *field_ctx;        /* passed to field_exists */
    uint32_t max_expansion; /* terms a wildcard may expand to; 0 = the default (1024) */
} sq_compile_ctx_t;

/*
 * Build the Xapian query for q: words as stemmed or exact terms with query positions
 * (for xap_enquire_matching_terms), phrases and NEAR as PHRASE/NEAR over exact terms,
 * wildcards as the OP_OR of their expansions (at most max_expansion), boolean fields
 * and dates as FILTER (no weight); exclusions as AND_NOT (pure exclusions from
 * match-all). A query that only filters is scaled to weight 0.
 *
 * sq_compile leaves wildcards to expand when the query runs (xap_query_wildcard): a
 * pattern matching too many terms then fails xap_enquire_mset() with DS_ERR_QUERY.
 * sq_compile_over expands them now over db, all its shards together (xap_db_wildcard:
 * every expansion weighted with whole-index statistics, which a sharded index needs),
 * and reports a pattern matching too many terms itself, with its column.
 *
 * On DS_OK *out owns a new query (xap_query_free()). Otherwise *out is NULL, err (if
 * not NULL) is filled and the status is:
 *   DS_ERR_INVALID  an unknown field (message + column), a wildcard too long for a
 *                   term; also NULL q, ctx, ctx->an or out (column 0)
 *   DS_ERR_QUERY    (sq_compile_over) a wildcard matches more than max_expansion terms:
 *                   "wildcard 'cyber*' matches too many terms (more than 1024)" + column
 *   DS_ERR_NOMEM    out of memory
 *   other           field_exists failed (its status, with the field's column), or the
 *                   wrapper or db failed (DS_ERR_MODIFIED, DS_ERR_IO...; column 0)
 */
ds_status_t sq_compile(const sq_query_t *q, const sq_compile_ctx_t *ctx, xap_query_t **out,
                       ds_error_t *err);
ds_status_t sq_compile_over(const sq_query_t *q, const sq_compile_ctx_t *ctx, xap_db_t *db,
                            xap_query_t **out, ds_error_t *err);

/* ==== 5. Match units ================================================================= */

/*
 * A match unit is one positive thing the query looks for in a document - one that is
 * not under NOT or '-'. Snippets and concordances find its positions in the text:
 *   SQ_UNIT_WORD      one word: `term` is its exact term; if the word is stemmed,
 *                     `stem` is its bare stem (compare with an_stem() of a document's
 *                     exact terms) and `stem_term` the index term ("Z" + prefix + stem).
 *                     A word with a whole form and parts gives a WORD unit for the
 *                     whole form followed by a PHRASE unit for the parts; a possessive
 *                     word ("ICANN's") gives the WORD unit of its part ("icann").
 *   SQ_UNIT_PHRASE    terms[0..nterms) in order within `window` positions (a match at
 *                     positions p0 < ... < pk-1 has pk-1 - p0 < window). A possessive
 *                     is one term, its whole form ("it's"), as in the compiled query;
 *                     the text's whole token "it’s" sits at that position. So is it in
 *                     a NEAR unit.
 *   SQ_UNIT_NEAR      terms[0..nterms) in any order within `window` positions.
 *   SQ_UNIT_WILDCARD  every exact term starting with `term` (the folded head).
 * Every term includes the field prefix (`prefix`, "" for body text: then the terms are
 * the bare folded words); units of text fields have `field` = 1 so that callers who
 * look in the body text skip them. Boolean fields and dates give no units.
 */
typedef enum sq_unit_kind {
    SQ_UNIT_WORD = 0,
    SQ_UNIT_PHRASE,
    SQ_UNIT_NEAR,
    SQ_UNIT_WILDCARD,
} sq_unit_kind_t;

typedef struct sq_unit {
    sq_unit_kind_t kind;
    int field;       /* 1: a unit of a text field (title:, actor:, free field) */
    char *prefix;    /* the field's term prefix, "" for body text */
    char *term;      /* WORD: exact term; WILDCARD: prefix + head; else NULL */
    char *stem;      /* WORD: bare stem, or NULL if the word is not stemmed */
    char *stem_term; /* WORD: "Z" + prefix + stem, or NULL */
    char **terms;    /* PHRASE, NEAR: exact terms in query order; else NULL */
    size_t nterms;
    uint32_t window; /* PHRASE, NEAR: positions a match may span; else 0 */
    uint32_t qpos;   /* query position of the (first) word, 1-based */
} sq_unit_t;

/*
 * List the match units of q in query order, stemming with an (the analyzer given to
 * sq_compile). On DS_OK *units is a malloc'd array of *n units (NULL when *n is 0),
 * released with sq_units_free(). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL
 * argument); on failure *units is NULL and *n 0.
 */
ds_status_t sq_units(const sq_query_t *q, an_analyzer_t *an, sq_unit_t **units, size_t *n);

/* Free units[0..n) and the array; NULL is accepted. */
void sq_units_free(sq_unit_t *units, size_t n);

/* ==== 6. Boolean values ==============================================================
 * Boolean-field values are folded with fold_value() (common/fold.h), the function the
 * indexer uses for the same terms. */

/* ==== 7. Checks ======================================================================
 * When a query finds nothing, the searcher tells why it may have (hints.h). The query
 * side of that is here, as only the parser knows what the user wrote: sq_checks lists
 * the positive words (of the text, of phrases, of text fields), the exact filter values,
 * the lower-case operator words between words ("a or b") and the built-in field names
 * written with a space after their ':' ("type: report"), each with the terms to look up.
 * Words under NOT or '-' are never listed: they cannot be why nothing matched. */

typedef enum sq_check_kind {
    SQ_CHECK_WORD = 0, /* a word: `term` exact, `stem_term` its stem term (or NULL) */
    SQ_CHECK_VALUE,    /* an exact filter value: `term` is the term the filter needs */
    SQ_CHECK_OPERATOR, /* `word` ("or", "and", "not", "near") was written in lower case */
    SQ_CHECK_SPACED,   /* `field` was written "name: value", which searches two words */
} sq_check_kind_t;

typedef struct sq_check {
    sq_check_kind_t kind;
    char *field;     /* query name of the field ("actor", "type", a free field); NULL:
                        the document text */
    char *prefix;    /* the field's term prefix, "" for the text */
    char *word;      /* the folded word or value, as the user may recognize it */
    char *term;      /* WORD, VALUE: prefix + folded word or value; else NULL */
    char *stem_term; /* WORD: the stem term when the word is stemmed, else NULL */
} sq_check_t;

/*
 * List the checks of q (section 7), stemming with an as sq_compile does. On DS_OK
 * *checks is a malloc'd array of *n checks (NULL when *n is 0), released with
 * sq_checks_free(). Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (NULL argument); on
 * failure *checks is NULL and *n 0.
 */
ds_status_t sq_checks(const sq_query_t *q, an_analyzer_t *an, sq_check_t **checks, size_t *n);

/* Free checks[0..n) and the array; NULL is accepted. */
void sq_checks_free(sq_check_t *checks, size_t n);

#endif
