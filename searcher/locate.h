/*
 * locate.h - the locators (common/locator.h) of hits and KWIC lines, and the page and
 * line of a span: what output format version 2 adds (format.h).
 *
 * A record gives what a locator needs once per document (sq_locdoc_read): its id, its
 * text hash and its line map (reports and passages have one); each span then costs a
 * binary search of the line map and a few bytes of output. A record without a text
 * hash (none in a schema 6 index) gets no locator: "" in TSV, null in JSON. Page and
 * line come from the line map only: a record without one (a citation, a plain document
 * or PDF) has neither, though a citation's record fields and a plain PDF's form feeds
 * tell its hit's page (format.h, page).
 */
#ifndef SQ_LOCATE_H
#define SQ_LOCATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "docstore.h"
#include "format.h"
#include "locator.h"
#include "status.h"

typedef struct sq_locdoc {
    const char *id; /* the record's id (borrowed from the record) */
    size_t idlen;
    int has_hash;     /* the record has a text hash: its spans get locators */
    uint64_t hash;    /* ds_loc_hash of the record's text hash */
    ds_locus_t *loci; /* the line map (malloc'd), NULL when the record has none */
    size_t nloci;
    ds_buf_t scratch; /* a locator being written */
} sq_locdoc_t;

#define SQ_LOCDOC_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, 0, NULL, 0, DS_BUF_INIT                                                        \
    }

/* Make d describe rec (which must outlive that use; d's memory is kept from one record
 * to the next). Returns DS_OK (a missing hash or line map is no error: has_hash 0, no
 * loci), DS_ERR_CORRUPT (a hash or line map that does not parse) or DS_ERR_NOMEM; d
 * then describes a record with neither. */
ds_status_t sq_locdoc_read(sq_locdoc_t *d, const dstore_record_t *rec);

void sq_locdoc_release(sq_locdoc_t *d);

/* The locator of d's text span [start, end), page and line from the line map at start. */
ds_loc_t sq_locdoc_loc(const sq_locdoc_t *d, size_t start, size_t end);

/* The locator of [start, end) as a value of kind (TSV: escaped, "" without a hash;
 * JSON: a string, null without a hash; text as TSV). */
void sq_loc_value(ds_buf_t *out, fmt_kind_t kind, sq_locdoc_t *d, size_t start, size_t end);

/* What version 2 adds to a KWIC line of the span [start, end), after its "right":
 * TSV "\tPAGE\tLINE\tLOCATOR" ("" where not known), JSON ,"page":N,"line":N,"locator":".."
 * (null where not known); nothing in text. */
void sq_loc_kwic_fields(ds_buf_t *out, fmt_kind_t kind, sq_locdoc_t *d, size_t start, size_t end);

#endif
