/*
 * dbmeta.h - the metadata every shard of an index carries (schema.h: DS_META_*): the
 * schema version it was written with, the stemming language, the number of shards.
 * The indexer stamps new shards and checks an index before writing to it; the searcher
 * checks it before reading; both through these two functions, so they agree on what an
 * index of another version or without a language means.
 */
#ifndef DS_DBMETA_H
#define DS_DBMETA_H

#include <stddef.h>

#include "status.h"
#include "xap.h"

/* Stamp db (a new, writable shard) with this build's schema version, lang and the
 * shard count nshards. Returns DS_OK or the wrapper's status (message on db). */
ds_status_t ds_index_stamp(xap_db_t *db, const char *lang, size_t nshards);

/*
 * Check that db (the index at dir, for messages) has this build's schema version and
 * copy its stemming language into lang (lang_size bytes; DS_LANG_DEFAULT when the index
 * names none). Returns DS_OK (e, if not NULL, cleared), or fills e (if not NULL) and
 * returns:
 *   DS_ERR_VERSION  "index DIR has schema version 'X', this build uses 'Y': rebuild
 *                   needed (indexer --rebuild)"
 *   other           the wrapper's status reading the metadata: "DIR: " and db's message
 */
ds_status_t ds_index_check(xap_db_t *db, const char *dir, char *lang, size_t lang_size,
                           ds_error_t *e);

#endif
