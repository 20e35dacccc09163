/*
 * ixdir.h - the index directory: lock, shards, generations, schema check, compaction.
 *
 * Layout (schema.h): XAPIANDB stub listing the shards "s<K>.<G>", dossier.lock. The
 * stub is only ever replaced by rename(), so a reader opening the directory sees either
 * the old or the new set of shards, never a mix, and a killed indexer leaves the last
 * complete state. Shard directories not named by the stub are leftovers of a killed
 * rebuild or compaction and are removed at the next open.
 */
#ifndef IX_IXDIR_H
#define IX_IXDIR_H

#include <stddef.h>

#include "status.h"
#include "xap.h"

typedef struct ixdir ixdir_t;

typedef struct ixdir_options {
    int rebuild;        /* start from empty shards (swapped in by ixdir_finish) */
    int dry_run;        /* read-only: take no lock, create nothing */
    int must_exist;     /* fail with DS_ERR_NOT_FOUND rather than create an index */
    size_t shards;      /* shard count for a new (or rebuilt) index */
    const char *lang;   /* stemming language wanted (NULL: the index's, or english) */
} ixdir_options_t;

/*
 * Open (creating if needed) the index at dir for writing and lock it. With
 * opts->dry_run, a missing index is not created and the result has 0 shards. On DS_OK
 * *out owns the handle (ixdir_close) and e (if not NULL) is cleared. Otherwise *out is
 * NULL, e (if not NULL) holds the error (column 0) and the status is:
 *   DS_ERR_LOCKED     another indexer holds the index: "index DIR is locked by another
 *                     indexer (pid N)"
 *   DS_ERR_NOT_FOUND  opts->must_exist and there is none: "no index at DIR"
 *   DS_ERR_VERSION    another schema version: "index DIR has schema version ...:
 *                     rebuild needed (indexer --rebuild)" (ds_index_check)
 *   DS_ERR_INVALID    opts->lang differs from the index's language: "index DIR is
 *                     stemmed for 'X', not 'Y': changing the language needs --rebuild"
 *   DS_ERR_CORRUPT    "index DIR: damaged XAPIANDB; rebuild needed (--rebuild)"
 *   DS_ERR_IO         the directory, lock file or stub cannot be created or written
 *                     ("cannot create index directory DIR: <strerror>", ...)
 *   DS_ERR_NOMEM      "out of memory"
 *   other             the wrapper's, opening or creating a shard (its message)
 */
ds_status_t ixdir_open(const char *dir, const ixdir_options_t *opts, ixdir_t **out,
                       ds_error_t *e);

/* Number of shards, the language of the index, and the path of shard k (owned by ix). */
size_t ixdir_nshards(const ixdir_t *ix);
const char *ixdir_lang(const ixdir_t *ix);
const char *ixdir_shard_path(const ixdir_t *ix, size_t k);
/* The shard that holds id (stable hash of the id). */
size_t ixdir_route(const ixdir_t *ix, const char *id);

/* Open shard k for writing (the caller closes it). Errors and their messages in e are
 * xap_db_open_write's. */
ds_status_t ixdir_open_shard(ixdir_t *ix, size_t k, xap_db_t **db, ds_error_t *e);

/* Open all shards read-only as one database (the caller closes it). Errors, with e (if
 * not NULL) filled: DS_ERR_NOT_FOUND "no index at DIR yet" (no shard), DS_ERR_NOMEM, or
 * xap_db_open_shards' (its message). */
ds_status_t ixdir_open_read(ixdir_t *ix, xap_db_t **db, ds_error_t *e);

/*
 * Make the run's work live: after a rebuild, swap the stub to the new shards and remove
 * the old ones. Without rebuild there is nothing to swap (shards were committed in
 * place). Returns DS_OK (e cleared), or with e (if not NULL) filled DS_ERR_IO "cannot
 * write DIR/XAPIANDB: <strerror>" or DS_ERR_NOMEM.
 */
ds_status_t ixdir_finish(ixdir_t *ix, ds_error_t *e);

/* Compact every shard into a new generation and swap the stub atomically. Returns
 * DS_OK (e cleared), or with e (if not NULL) filled xap_db_compact's error, or those of
 * ixdir_finish. */
ds_status_t ixdir_compact(ixdir_t *ix, ds_error_t *e);

/* Bytes the live shards take on disk. */
unsigned long long ixdir_disk_bytes(const ixdir_t *ix);

/* Unlock and free; NULL accepted. */
void ixdir_close(ixdir_t *ix);

#endif
