/*
 * docrec.h - one document's record, found by its id or read by its docid: what --show
 * (show.h) and --fingerprint (fingerprint.h) read.
 *
 * They read a record's fields and its text through these functions only. The record
 * comes from docread.h (the fields; the text apart in chunks is read only when asked
 * for, docstore.h), so --fingerprint, which needs the text hashes, inflates no text.
 */
#ifndef SQ_DOCREC_H
#define SQ_DOCREC_H

#include <stddef.h>

#include "docstore.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

/*
 * The docid of the document whose id is id[0..len), through its unique id term (the
 * term the indexer replaces and deletes by, schema.h: Q). Returns DS_OK, DS_ERR_NOT_FOUND
 * (no such document), DS_ERR_NOMEM or the wrapper's status with e (if not NULL) holding
 * the database's message; *docid is 0 on an error.
 */
ds_status_t sq_docrec_find(sq_index_t *ix, const char *id, size_t len, xap_docid_t *docid,
                           ds_error_t *e);

/*
 * The record of docid: its fields (dstore_get), its text through sq_docrec_text. On DS_OK
 * *rec owns a new record (dstore_record_free). Otherwise *rec is NULL, e (if not NULL)
 * holds the message and the status is DS_ERR_CORRUPT ("document N: damaged record"),
 * DS_ERR_NOMEM or the wrapper's.
 */
ds_status_t sq_docrec_read(sq_index_t *ix, xap_docid_t docid, dstore_record_t **rec, ds_error_t *e);

/* rec's stored text (owned by rec, NUL-terminated; trust *len). Returns DS_OK,
 * DS_ERR_CORRUPT or DS_ERR_NOMEM (dstore_text). */
ds_status_t sq_docrec_text(dstore_record_t *rec, const char **text, size_t *len);

#endif
