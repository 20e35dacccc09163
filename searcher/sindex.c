/*
 * sindex.c - open an index for searching (see sindex.h).
 */
#include "sindex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "dbmeta.h"
#include "schema.h"

static ds_status_t check_schema(sq_index_t *ix, ds_error_t *e)
{
    char lang[64];
    ds_status_t rc = ds_index_check(ix->db, ix->dir, lang, sizeof lang, e);
    return rc == DS_OK ? an_analyzer_new(lang, &ix->an, e) : rc;
}

/* Open the shards the stub names. An indexer that compacts or rebuilds swaps the stub
 * and then removes the old shards: a reader that read the old stub just before may find
 * a shard gone, and reading the stub again then names the new ones. */
static ds_status_t open_stub(const char *dir, xap_db_t **db, ds_error_t *e)
{
    ds_status_t rc = DS_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        rc = xap_db_open_read(dir, db, e); /* each attempt's error replaces the last */
        if (rc != DS_ERR_NOT_FOUND && rc != DS_ERR_IO)
            break;
        const struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    return rc;
}

ds_status_t sq_index_open(const char *dir, sq_index_t **out, ds_error_t *e)
{
    *out = NULL;
    ds_error_clear(e);
    sq_index_t *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->dir = strdup(dir))) {
        free(ix);
        return ds_error_fill(e, DS_ERR_NOMEM);
    }
    struct stat st;
    char *stub = ds_strprintf("%s/%s", dir, DS_STUB_FILE);
    ds_status_t rc = DS_OK;
    if (!stub || stat(stub, &st) != 0) {
        ds_error_set(e, DS_ERR_NOT_FOUND, 0,
                     "no index at %s (build one with: indexer -d %s PATH...)", dir, dir);
        rc = DS_ERR_NOT_FOUND;
    }
    free(stub);
    if (rc == DS_OK)
        rc = open_stub(dir, &ix->db, e);
    if (rc == DS_OK)
        rc = check_schema(ix, e);
    if (rc != DS_OK) {
        sq_index_close(ix);
        return ds_error_fill(e, rc);
    }
    *out = ix;
    return DS_OK;
}

ds_status_t sq_index_reopen(sq_index_t *ix) { return xap_db_reopen(ix->db, NULL); }

int sq_index_has_prefix(sq_index_t *ix, const char *prefix)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_db_allterms(ix->db, prefix, strlen(prefix), &it);
    int next = rc == DS_OK ? xap_termiter_next(it) : -(int)rc;
    xap_termiter_free(it);
    return next; /* 1 found, 0 not, a negated status on failure */
}

void sq_index_close(sq_index_t *ix)
{
    if (!ix)
        return;
    xap_db_close(ix->db);
    an_analyzer_free(ix->an);
    free(ix->dir);
    free(ix);
}
