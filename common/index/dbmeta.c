/*
 * dbmeta.c - schema version and language of an index (see dbmeta.h).
 */
#include "dbmeta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

ds_status_t ds_index_stamp(xap_db_t *db, const char *lang, size_t nshards)
{
    char count[24];
    snprintf(count, sizeof count, "%zu", nshards);
    ds_status_t rc =
        xap_db_set_metadata(db, DS_META_SCHEMA, DS_SCHEMA_VERSION, strlen(DS_SCHEMA_VERSION));
    if (rc == DS_OK)
        rc = xap_db_set_metadata(db, DS_META_LANG, lang, strlen(lang));
    if (rc == DS_OK)
        rc = xap_db_set_metadata(db, DS_META_SHARDS, count, strlen(count));
    return rc;
}

/* Metadata key of db into buf (size bytes, "" if unset). */
static ds_status_t read_meta(xap_db_t *db, const char *key, char *buf, size_t size)
{
    char *v = NULL;
    size_t len = 0;
    ds_status_t rc = xap_db_get_metadata(db, key, &v, &len);
    if (rc == DS_OK)
        snprintf(buf, size, "%.*s", (int)len, v ? v : "");
    free(v);
    return rc;
}

ds_status_t ds_index_check(xap_db_t *db, const char *dir, char *lang, size_t lang_size,
                           ds_error_t *e)
{
    char schema[32];
    ds_error_clear(e);
    ds_status_t rc = read_meta(db, DS_META_SCHEMA, schema, sizeof schema);
    if (rc == DS_OK)
        rc = read_meta(db, DS_META_LANG, lang, lang_size);
    if (rc != DS_OK) {
        ds_error_set(e, rc, 0, "%s: %s", dir, xap_db_error(db));
        return rc;
    }
    if (strcmp(schema, DS_SCHEMA_VERSION) != 0) {
        ds_error_set(e, DS_ERR_VERSION, 0,
                     "index %s has schema version '%s', this build uses '%s': "
                     "rebuild needed (indexer --rebuild)",
                     dir, schema, DS_SCHEMA_VERSION);
        return DS_ERR_VERSION;
    }
    if (!lang[0]) /* written before the language was stamped: the default then */
        snprintf(lang, lang_size, "%s", DS_LANG_DEFAULT);
    return DS_OK;
}
