/*
 * vfout.h - the places of searcher --verify (verify.h) and their output: each place
 * copies what it prints from its record (the records go with their search), so places
 * of several searches can be sorted together.
 */
#ifndef SQ_VFOUT_H
#define SQ_VFOUT_H

#include "buf.h"
#include "format.h"
#include "qalign.h"
#include "search.h"

typedef struct vf_diff {
    char *source, *quote; /* the differing words as written; NULL: none on that side */
} vf_diff_t;

typedef struct vf_place {
    char *id, *type, *report, *title, *date, *actor, *url;
    char *footnotes; /* the cited footnote numbers, comma-separated ("" none) */
    char *locator;   /* "" when the record has no text hash */
    size_t page, line;
    unsigned notes; /* enum qa_note */
    char *omitted;  /* the omitted spans, each ending in '\n' */
    vf_diff_t *d;   /* the differences of a closest place */
    size_t nd;
} vf_place_t;

typedef struct vf_places {
    vf_place_t *p;
    size_t n;
} vf_places_t;

#define VF_PLACES_INIT                                                                             \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

/* Add the place m of quote q in hit (text words t of text). DS_OK or DS_ERR_NOMEM. */
ds_status_t vf_places_add(vf_places_t *vs, sq_hit_t *hit, const qa_words_t *q, const qa_words_t *t,
                          const char *text, const qa_match_t *m);

/* Add the closest place c of quote q (of quote) in hit. DS_OK or DS_ERR_NOMEM. */
ds_status_t vf_places_closest(vf_places_t *vs, sq_hit_t *hit, const qa_words_t *q,
                              const char *quote, const qa_words_t *t, const char *text,
                              const qa_closest_t *c);

/* Leave out the report places that a passage of the same report has too (one place
 * each, the passage's), and sort: date (undated last), then id, then offset. */
void vf_places_finish(vf_places_t *vs);

/* Print the answer: every place with its verdict (exact, equivalent, different), or a
 * not_found line when there is none. */
void vf_print(ds_buf_t *out, const fmt_options_t *o, const vf_places_t *vs);

void vf_places_release(vf_places_t *vs);

#endif
