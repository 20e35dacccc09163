/*
 * match.h - find where a query matches inside a document's stored text.
 *
 * Snippets highlight, and concordances list, the exact bytes a query matched. The index
 * says WHICH documents match; this module says WHERE, by re-tokenizing the stored text
 * with the shared analyzer (so token byte offsets are exact) and matching the query's
 * positive units against the tokens with Xapian's own semantics:
 *   - a slot is a set of exact folded terms: one term; the exact terms of the index
 *     whose stem is the query word's stem (so `protect` finds protect, protecting,
 *     protection: the stem is expanded once per query against the index vocabulary,
 *     and only tokens that termgen would stem count); or the terms a wildcard expands to;
 *   - a TERM unit matches every token whose term is in its slot;
 *   - a PHRASE unit matches slots in order at positions p0 < p1 < ... with
 *     p_last - p0 < window (window == number of slots: adjacent, as OP_PHRASE);
 *   - a NEAR unit matches one token of every slot, any order, within window positions.
 * Several terms may share a position (a compound's whole form and first part, a footnote
 * marker and its word), exactly as they do in the index.
 */
#ifndef SQ_MATCH_H
#define SQ_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "posmap.h"
#include "status.h"
#include "xap.h"

typedef enum mt_slot_kind {
    MT_SLOT_EXACT = 0, /* text is an exact folded term */
    MT_SLOT_STEM,      /* text is a stem (without prefix): every exact term stemming to it */
    MT_SLOT_PREFIX,    /* text is a wildcard head: every exact term starting with it */
} mt_slot_kind_t;

typedef struct mt_slot {
    mt_slot_kind_t kind;
    const char *text;
    size_t len;
} mt_slot_t;

typedef enum mt_kind { MT_TERM = 0, MT_PHRASE, MT_NEAR } mt_kind_t;

typedef struct mt_unit {
    mt_kind_t kind;
    const mt_slot_t *slots; /* TERM: 1 slot */
    size_t nslots;
    uint32_t window; /* PHRASE/NEAR: positions the match may span */
} mt_unit_t;

typedef struct mt_occ {
    size_t start, end; /* byte span in the text, from the first to the last matched token */
    uint32_t pos;      /* position of the first token (0-based within the text) */
    unsigned unit;     /* index of the unit that matched */
} mt_occ_t;

typedef struct mt_matcher mt_matcher_t;

/*
 * Prepare units[0..n) for matching: stems and wildcard heads are expanded against db's
 * vocabulary (at most max_expansion terms per slot; more is DS_ERR_QUERY). The units
 * are copied. On DS_OK *out owns a new matcher (mt_free) and e (if not NULL) is
 * cleared. Otherwise *out is NULL, e (if not NULL) holds the error (column 0) and the
 * status is:
 *   DS_ERR_QUERY   "pattern 'cyber' matches more than 1024 terms" (a wildcard head), or
 *                  "word 'protect' matches more than N terms" (a stem, against runaway
 *                  memory)
 *   DS_ERR_NOMEM   "out of memory" (met while expanding a slot: as below)
 *   other          the wrapper's, reading db's terms: db's message (may be empty)
 */
ds_status_t mt_new(an_analyzer_t *an, xap_db_t *db, const mt_unit_t *units, size_t n,
                   size_t max_expansion, mt_matcher_t **out, ds_error_t *e);

/*
 * Find every occurrence in text[0..len), sorted by start (then longest first), without
 * duplicates (one per unit and start). *occ is a malloc'd array the caller frees
 * (NULL when *n is 0). Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t mt_find(mt_matcher_t *m, const char *text, size_t len, mt_occ_t **occ, size_t *n);

/* ---- occurrences from the index's position lists ----------------------------------
 * The same occurrences as mt_find, found without the text: from the positions of the
 * table's exact terms in one document's body (the unprefixed terms of schema.h, which
 * only the stored text gives: fields are indexed under their prefixes), as the index
 * holds them (termgen.h: base + token position, several terms at one position as the
 * tokenizer puts them). The caller reads the positions (xap_postiter_positions) of each
 * term mt_term() lists. Positions stand for start bytes: within one document a later
 * position always starts later, and the tokens at one position share their start --
 * except a footnote marker ("mission.2": "2" at the position of "mission"), which is
 * why a document where that could make a difference is left to the text.
 */

/* The exact terms the matcher looks for, numbered 0 .. mt_nterms(m) - 1; *len (may be
 * NULL) gets the length. The pointer lives as long as m. */
size_t mt_nterms(const mt_matcher_t *m);
const char *mt_term(const mt_matcher_t *m, size_t i, size_t *len);

/* One term in one document: its positions, ascending and distinct, and its wdf. */
typedef struct mt_termpos {
    const uint32_t *pos; /* NULL when n is 0 */
    size_t n;
    uint32_t wdf;
} mt_termpos_t;

/* An occurrence as positions: first and last position of its tokens (index positions,
 * not 0-based in the text), and the unit that matched. */
typedef struct mt_posocc {
    uint32_t first, last;
    unsigned unit;
} mt_posocc_t;

/*
 * Find the occurrences of the document whose terms have positions tp[0 .. mt_nterms(m))
 * (tp[i] for term i): those mt_find finds in its stored text, as positions, sorted by
 * first (then longest first), one per unit and first -- so one per distinct first is the
 * concordance's one occurrence per start byte. TERM: every position of its slot's terms;
 * PHRASE: slots in order at p0 < p1 < ... with p_last - p0 < window; NEAR: each slot's
 * position nearest the first slot's, not at it, all within window (match.h, top). A
 * stem's slot leaves out terms whose tokens are not stemmed, as mt_find does.
 *
 * *exact = 0 when positions cannot tell the document's occurrences exactly (the caller
 * runs mt_find on the text instead): a term holding only digits shares a position with
 * another term of the query (a footnote marker and its word have two start bytes at one
 * position), a term's wdf exceeds its positions (two tokens of it at one position), or
 * a term cut by an_term_fit() has positions (mt_find compares uncut terms). Then *occ is
 * NULL and *n 0. Otherwise *occ is a malloc'd array the caller frees (NULL when *n is
 * 0). Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t mt_find_positions(mt_matcher_t *m, const mt_termpos_t *tp, mt_posocc_t **occ, size_t *n,
                              int *exact);

/*
 * The occurrences mt_find(m, text, end, ...) finds -- the same array, byte for byte --
 * without tokenizing the text: only the tokens at the positions of the query's terms
 * (tp, as for mt_find_positions) are read, each from the checkpoint of map (the
 * position map of text[0..len), the document's whole stored text) before it. end (<=
 * len) must be len or the offset of a white space byte (' ', '\n', '\t', '\r', '\f'):
 * no token holds one, so the prefix's tokens are the text's tokens starting before end.
 * *exact = 0, with no occurrences, where mt_find_positions doubts the positions or the
 * map does not answer for the text: the caller then runs mt_find. Returns DS_OK or
 * DS_ERR_NOMEM.
 */
ds_status_t mt_find_mapped(mt_matcher_t *m, const mt_termpos_t *tp, const ds_posmap_t *map,
                           const char *text, size_t len, size_t end, mt_occ_t **occ, size_t *n,
                           int *exact);

/* Number of units the matcher looks for. */
size_t mt_units(const mt_matcher_t *m);

void mt_free(mt_matcher_t *m);

#endif
