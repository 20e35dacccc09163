/*
 * docread.h - a document's record (docstore.h) out of the index: the one way readers
 * (search hits, concordances, the indexer's summary, the docmap check) turn a Xapian
 * document into a dstore_record_t, so how a record is laid over the document (its data,
 * its values) is decided here and nowhere else.
 *
 * Both calls leave *doc to the caller when they fail, for its message
 * (xap_doc_error), and NULL when they succeed: the record then owns what it needs of
 * the document. *doc is NULL when the document itself could not be read (the message is
 * then on db or ms). The caller frees *doc with xap_doc_free (NULL is fine) and the
 * record with dstore_record_free.
 */
#ifndef DS_DOCREAD_H
#define DS_DOCREAD_H

#include "docstore.h"
#include "status.h"
#include "xap.h"

/* The record of document docid of db. Returns DS_OK, DS_ERR_CORRUPT (not a record),
 * or the status of xap_db_get_doc / xap_doc_get_data. */
ds_status_t ds_read_record(xap_db_t *db, xap_docid_t docid, xap_doc_t **doc, dstore_record_t **rec);

/* The record of item i of ms; as ds_read_record. */
ds_status_t ds_read_item_record(xap_mset_t *ms, size_t i, xap_doc_t **doc, dstore_record_t **rec);

#endif
