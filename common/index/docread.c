/*
 * docread.c - a document's record out of the index (see docread.h).
 */
#include "docread.h"

#include <stddef.h>

#include "schema.h"

/* The record's text source (docstore.h): the document's DS_SLOT_TEXT, which Xapian
 * reads without the data, and the data without it. */
static ds_status_t fetch_text(void *ctx, const char **data, size_t *len)
{
    ds_status_t rc = xap_doc_get_value(ctx, DS_SLOT_TEXT, data, len);
    return rc == DS_OK && *len == 0 ? DS_ERR_CORRUPT : rc; /* a record apart has chunks */
}

static void release_doc(void *ctx)
{
    xap_doc_free(ctx);
}

/* The record of *doc (read), *doc then the record's (its text source) and NULL. */
static ds_status_t record_of(xap_doc_t **doc, dstore_record_t **rec)
{
    const char *data;
    size_t len;
    ds_status_t rc = xap_doc_get_data(*doc, &data, &len);
    if (rc == DS_OK)
        rc = dstore_decode(data, len, rec);
    if (rc == DS_OK) {
        dstore_set_source(*rec, (dstore_source_t){fetch_text, release_doc, *doc});
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
