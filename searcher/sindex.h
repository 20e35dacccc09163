/*
 * sindex.h - opening an index for searching.
 *
 * Opens the index directory (all shards as one database through its XAPIANDB stub),
 * checks its schema version, and creates the analyzer for the language the index was
 * stemmed with, so queries are cut, folded and stemmed exactly as the documents were.
 */
#ifndef SQ_SINDEX_H
#define SQ_SINDEX_H

#include "analyzer.h"
#include "status.h"
#include "xap.h"

typedef struct sq_index {
    xap_db_t *db;
    an_analyzer_t *an;
    char *dir;
} sq_index_t;

/*
 * Open the index at dir. On DS_OK *out owns a new sq_index_t (sq_index_close) and e (if
 * not NULL) is cleared. Otherwise *out is NULL, e (if not NULL) holds the error (column
 * 0) and the status is:
 *   DS_ERR_NOT_FOUND  no index there: "no index at DIR (build one with: indexer -d DIR
 *                     PATH...)"; or a shard is missing (the wrapper's message)
 *   DS_ERR_VERSION    another schema version: "index DIR has schema version ...: rebuild
 *                     needed (indexer --rebuild)" (ds_index_check)
 *   DS_ERR_INVALID    the index's language has no stemmer (an_analyzer_new's message)
 *   DS_ERR_NOMEM      "out of memory"
 *   other             the wrapper's, opening the shards or reading their metadata
 */
ds_status_t sq_index_open(const char *dir, sq_index_t **out, ds_error_t *e);

/* Reopen after DS_ERR_MODIFIED (an indexer committed meanwhile). */
ds_status_t sq_index_reopen(sq_index_t *ix);

/* 1 if any document has a term starting with prefix (used for "is this a field?"), 0
 * if none, or the negated ds_status_t when the index could not be read. */
int sq_index_has_prefix(sq_index_t *ix, const char *prefix);

void sq_index_close(sq_index_t *ix);

#endif
