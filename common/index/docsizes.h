/*
 * docsizes.h - the per-document sizes kept in value slot DS_SLOT_SIZES (schema.h):
 * "<positions> <text bytes>" of the document's body. The indexer writes them; indexer
 * --stats and the collocate statistics (the corpus size N) sum them. The format lives
 * here only.
 */
#ifndef DS_DOCSIZES_H
#define DS_DOCSIZES_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "xap.h"

/* Longest value ds_sizes_format writes, NUL included. */
#define DS_SIZES_MAX 48

/* The slot value for a body of positions words and bytes bytes, into out. */
void ds_sizes_format(char out[DS_SIZES_MAX], uint64_t positions, uint64_t bytes);

/*
 * Sum the sizes of every document of db into *positions and *bytes (either may be NULL).
 * Values that do not parse are skipped. Returns DS_OK or the wrapper's status (a failed
 * iteration included).
 */
ds_status_t ds_sizes_sum(xap_db_t *db, uint64_t *positions, uint64_t *bytes);

#endif
