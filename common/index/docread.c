/*
 * docread.c - a document's record out of the index (see docread.h).
 */
#include "docread.h"

#include <stddef.h>

/* The record of *doc (read), *doc freed and NULL on success. */
static ds_status_t record_of(xap_doc_t **doc, dstore_record_t **rec)
{
    const char *data;
    size_t len;
    ds_status_t rc = xap_doc_get_data(*doc, &data, &len);
    if (rc == DS_OK)
        rc = dstore_decode(data, len, rec);
    if (rc == DS_OK) {
        xap_doc_free(*doc);
        *doc = NULL;
    }
    return rc;
}

ds_status_t ds_read_record(xap_db_t *db, xap_docid_t docid, xap_doc_t **doc, dstore_record_t **rec)
{
    *rec = NULL;
    ds_status_t rc = xap_db_get_doc(db, docid, doc);
    return rc == DS_OK ? record_of(doc, rec) : rc;
}

ds_status_t ds_read_item_record(xap_mset_t *ms, size_t i, xap_doc_t **doc, dstore_record_t **rec)
{
    *rec = NULL;
    ds_status_t rc = xap_mset_get_doc(ms, i, doc);
    return rc == DS_OK ? record_of(doc, rec) : rc;
}
