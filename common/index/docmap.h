/*
 * docmap.h - where things stand in a document record's text: its position map
 * (posmap.h), its text hash and, for reports and passages, its line map (the page and
 * line of the original each byte offset came from). schema.h gives the keys and byte
 * layouts (Document data); the indexer writes them (docbuild.c, docreport.c), readers
 * get them here.
 *
 * From a position to a page and line: the position's span (ds_posmap_span, a text
 * position: an index position minus ds_posmap_base), then ds_locus_find on its start.
 */
#ifndef DS_DOCMAP_H
#define DS_DOCMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "docstore.h"
#include "locator.h" /* ds_locus_t, the rows of a line map; ds_locus_find */
#include "posmap.h"
#include "status.h"

/* Hex digits of DS_FIELD_TEXT_HASH. */
#define DS_TEXT_HASH_LEN 16

/* The text hash of text[0..len) as the record stores it: 16 lower-case hex digits and
 * a NUL into out. Cannot fail. */
void ds_text_hash_format(const char *text, size_t len, char out[DS_TEXT_HASH_LEN + 1]);

/*
 * The position map of rec's text, reading the text's windows from rec (its reader,
 * posmap.h: a lookup inflates only the chunks it reads; rec must outlive the map's
 * lookups). On DS_OK *map owns a new map (ds_posmap_free).
 * Otherwise *map is NULL and the status is DS_ERR_NOT_FOUND (the record has none: not
 * written by this schema), DS_ERR_CORRUPT or DS_ERR_NOMEM (ds_posmap_parse).
 */
ds_status_t ds_docmap_posmap(dstore_record_t *rec, ds_posmap_t **map);

/* rec's text hash into *hash. Returns DS_OK, DS_ERR_NOT_FOUND (none) or DS_ERR_CORRUPT
 * (not DS_TEXT_HASH_LEN hex digits); *hash is 0 on an error. */
ds_status_t ds_docmap_text_hash(const dstore_record_t *rec, uint64_t *hash);

/* Append the line map of rows[0..n) (n >= 1, offsets never decreasing; the parser's
 * first row is at offset 0) to out. Returns DS_OK, DS_ERR_INVALID (rows break that
 * rule; nothing appended) or DS_ERR_NOMEM. */
ds_status_t ds_loci_encode(const ds_locus_t *rows, size_t n, ds_buf_t *out);

/* Parse a line map data[0..len). On DS_OK *rows is a malloc'd array of *n rows (the
 * caller frees it). Otherwise *rows is NULL, *n 0 and the status DS_ERR_CORRUPT or
 * DS_ERR_NOMEM. */
ds_status_t ds_loci_parse(const char *data, size_t len, ds_locus_t **rows, size_t *n);

/* rec's line map, as ds_loci_parse; DS_ERR_NOT_FOUND when it has none (a citation, a
 * plain document). */
ds_status_t ds_docmap_loci(const dstore_record_t *rec, ds_locus_t **rows, size_t *n);

#endif
