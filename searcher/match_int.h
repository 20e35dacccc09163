/*
 * match_int.h - the matcher's insides, shared by match.c (expansion, and matching
 * tokens of a text) and matchpos.c (matching the position lists of the index). Not for
 * other modules: they use match.h.
 *
 * The matcher holds its units (deep copies) and a hash table from each exact term to the
 * (unit, slot) pairs it serves ("refs", a chain per term). Every term of the table also
 * has a dense number, 0 .. used - 1 in the order the terms were added: mt_term() lists
 * them so, and position lists are handed to mt_find_positions() in that order.
 */
#ifndef SQ_MATCH_INT_H
#define SQ_MATCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "match.h"

typedef struct ref {
    unsigned unit, slot;
    int stemmed_only; /* the slot came from a stem: only tokens termgen stems count */
    int next;         /* next ref of the same term, -1 at the end */
} ref_t;

typedef struct entry {
    char *term;
    size_t len;
    int first_ref; /* -1: empty bucket */
    size_t id;     /* its number in mt_matcher.terms */
} entry_t;

/* What a term's form says about the tokens it comes from (mt_term_flags). */
enum mt_term_flag {
    MT_TERM_STEMMED = 1u << 0, /* its tokens are stemmed (tg_term_is_stemmed) */
    MT_TERM_DIGITS = 1u << 1,  /* only ASCII digits: maybe a footnote marker, which shares
                                  its word's position but not its start byte */
    MT_TERM_FITTED = 1u << 2,  /* shaped as an_term_fit() cuts long terms: the text path
                                  compares tokens' uncut terms and never sees it */
};

typedef struct mt_term {
    const char *term; /* the entry's copy */
    size_t len;
    int first_ref;
    unsigned flags; /* enum mt_term_flag */
} mt_term_t;

/* A position of a term, for the footnote-marker check of the position path. */
typedef struct phit {
    uint32_t pos;
    size_t term;
} phit_t;

struct mt_matcher {
    an_analyzer_t *an;
    mt_unit_t *units;
    size_t nunits;
    entry_t *table;
    size_t cap, used;
    /* Cheap first test before hashing a token: the first bytes and the lengths (mod 64)
     * of the terms in the table. Most tokens of a text fail it (a concordance of one
     * word hashed every token, a fifth of its time). */
    uint64_t first_byte[4];
    uint64_t lengths;
    ref_t *refs;
    size_t nrefs, caprefs;
    mt_term_t *terms; /* used of them, by dense number */
    size_t capterms;
    /* mt_find_positions' state (matchpos.c), made at its first call: per (unit, slot)
     * a span, the terms serving it (sterms) and its positions; scratch kept from one
     * document to the next (pbuf: unions of several terms' positions; ph: the check
     * of footnote-marker collisions) */
    struct pspan *spans;
    size_t nspans;
    size_t *sterms;
    uint32_t *pbuf;
    size_t cappbuf;
    phit_t *ph;
    size_t capph;
};

/* A token that serves a (unit, slot): its position and bytes. The text path collects
 * them by tokenizing the whole text; the mapped path (matchmap.c) only the tokens at the
 * positions the index gives, so both hand the same hits to mt_occs_of_hits. */
typedef struct hit {
    uint32_t pos;
    size_t start, end;
    unsigned unit, slot;
} hit_t;

typedef struct hits {
    hit_t *v;
    size_t n, cap;
} hits_t;

/* Append the hits of tok (one per (unit, slot) its term serves; none for most tokens).
 * DS_OK or DS_ERR_NOMEM. */
ds_status_t mt_token_hits(const mt_matcher_t *m, const an_token_t *tok, hits_t *h);

/* The occurrences of hits h (in token order) as mt_find returns them. DS_OK or
 * DS_ERR_NOMEM. */
ds_status_t mt_occs_of_hits(const mt_matcher_t *m, const hits_t *h, mt_occ_t **occ, size_t *n);

/* The enum mt_term_flag bits of term[0..len). */
unsigned mt_term_flags(const char *term, size_t len);

#endif
