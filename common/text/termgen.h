/*
 * termgen.h - turn text into index terms: the analyzer's tokens, given to a sink (the
 * indexer's writes them into a Xapian document: docsink.h), following the schema
 * (schema.h). No Xapian here: the text layer only decides what the terms are.
 *
 * This is the one place that decides which terms a token yields, so the query parser
 * can ask the same module what to search for (tg_token_terms) and the two can never
 * drift apart. For each token of the text:
 *   - its exact folded term, prefixed with the field prefix, at position base + pos
 *     (phrases, NEAR, concordances);
 *   - for words and letter compounds (not numbers, identifiers, URLs, markers or the
 *     whole form of a possessive, "icann's", whose part "icann" gives the stem): the
 *     stem, prefixed with "Z" + field prefix, without position (ranked free text).
 * Every term goes through an_term_fit(), so over-long tokens become the same hashed
 * term at index and at query time.
 */
#ifndef DS_TERMGEN_H
#define DS_TERMGEN_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "buf.h"
#include "posmap.h"
#include "schema.h"
#include "status.h"

typedef struct tg_stats {
    uint64_t tokens;        /* positions used */
    uint64_t invalid_bytes; /* invalid UTF-8 bytes the analyzer met */
} tg_stats_t;

/* Where tg_index_text puts the terms: posting() a term at a position, term() one without
 * (stems). Each returns DS_OK or a status that stops the indexing and is returned. */
typedef struct tg_sink {
    ds_status_t (*posting)(void *ctx, const char *term, size_t len, uint32_t pos);
    ds_status_t (*term)(void *ctx, const char *term, size_t len);
    void *ctx;
} tg_sink_t;

/*
 * Index text[0..len) into sink under field prefix (the empty string for body text).
 * *pos is the first position to use on entry (positions start at 1) and the next free
 * position on return (plus DS_FIELD_GAP when anything was indexed). stats, if not NULL,
 * is added to. Returns DS_OK, DS_ERR_NOMEM, or the first failure of the sink.
 */
ds_status_t tg_index_text(an_analyzer_t *an, const tg_sink_t *sink, const char *prefix,
                          const char *text, size_t len, uint32_t *pos, tg_stats_t *stats);

/*
 * tg_index_text, also feeding every token of the text to map (if not NULL; started by
 * the caller with ds_posmap_builder_init, base = *pos on entry), so that the map's
 * positions are exactly those of the postings (posmap.h). The indexer does this for a
 * document's stored text. Statuses as tg_index_text; the map's own failure is
 * ds_posmap_builder_finish's.
 */
ds_status_t tg_index_text_map(an_analyzer_t *an, const tg_sink_t *sink, const char *prefix,
                              const char *text, size_t len, uint32_t *pos, tg_stats_t *stats,
                              ds_posmap_builder_t *map);

/*
 * The terms one token yields: *exact gets prefix + folded term, *stem gets "Z" + prefix
 * + stem, or is left empty (len 0) when the token is not stemmed. Both buffers are reset
 * first. Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t tg_token_terms(an_analyzer_t *an, const an_token_t *tok, const char *prefix,
                           ds_buf_t *exact, ds_buf_t *stem);

/* 1 if the token yields a stemmed term (words and letter compounds, not a possessive's
 * whole form). */
int tg_token_is_stemmed(const an_token_t *tok);

/*
 * The same answer from a folded term alone, for readers of the index that have no
 * token (a concordance counting from position lists): 1 if the tokens that yield
 * term[0..len) are stemmed. Every token of one term agrees: a word or letter compound
 * has a letter and no ASCII punctuation but '-'; what is not stemmed has no letter
 * (numbers, footnote markers, "2021-03-12") or keeps punctuation in its term (a
 * possessive's "icann's", identifiers, URLs). Not meant for terms an_term_fit() cut
 * (they end in '#' and a hash: 0 here whatever their token was).
 */
int tg_term_is_stemmed(const char *term, size_t len);

/*
 * Append to out a boolean field's value s[0..len) as its term holds it, by rule
 * (schema.h, ds_value_rule_t). The indexer writes prefix + this, the searcher's
 * field:value looks it up, and citations find their cited documents by it, all through
 * this function, so they always agree. head != 0: the value is a wildcard's head
 * ("url:https://x.org/" + '*'): a URL keeps its trailing '/', a language is only folded.
 * Returns DS_OK, DS_ERR_INVALID (DS_VR_NUMBER and s is not 1 to 9 digits; nothing
 * appended) or DS_ERR_NOMEM.
 */
ds_status_t tg_value(ds_value_rule_t rule, const char *s, size_t len, int head, ds_buf_t *out);

/* *term = prefix + tg_value(rule, s, len, 0), fitted as every term is (an_term_fit); an
 * empty value gives an empty *term. Statuses as tg_value. */
ds_status_t tg_value_term(ds_value_rule_t rule, const char *prefix, const char *s, size_t len,
                          ds_buf_t *term);

#endif
