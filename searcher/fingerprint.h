/*
 * fingerprint.h - the index fingerprint (searcher --fingerprint, --with-fingerprint):
 * one string that says which documents, with which texts, an output was made from, so a
 * concordance saved today can be re-run later and told apart from one of another index.
 *
 *     fingerprint = schema ":" 16 lower-case hex digits
 *     6:3f9a0c51d2e4f7b8
 *
 * schema is DS_SCHEMA_VERSION; the digits are FNV-1a 64 (hash.h) over the documents
 * sorted by id (bytewise; ids are unique), each written as its id's bytes, a NUL byte,
 * its text hash (DS_FIELD_TEXT_HASH: 16 hex digits) and a '\n'. Sorting makes it
 * independent of docids, of the number of shards and of the order the indexer wrote in:
 * the same files give the same fingerprint with --jobs 1 or 8; editing, adding, removing
 * or renaming a document changes it. Metadata alone (a title in the manifest) does not:
 * the fingerprint says which texts were searched, as locators do.
 *
 * Cost: every record is read once for its id and text hash (sq_docrec_read: the fields;
 * while records still hold their texts, Xapian reads those too). Measured on the seed
 * (84 documents, 25.6 kB): a whole --fingerprint run 2.3 ms against 2.2 ms for a --count
 * of a missing word (the start-up); not cached in the index's metadata, which every
 * writer of every shard would have to keep right for that tenth of a millisecond.
 */
#ifndef SQ_FINGERPRINT_H
#define SQ_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "query.h"
#include "sindex.h"
#include "status.h"

/* Room for a fingerprint and its NUL. */
#define SQ_FP_SIZE 40

/*
 * The fingerprint of ix into out (NUL-terminated) and the number of documents into
 * *ndocs (may be NULL). Returns DS_OK (e cleared), or with e (if not NULL) filled:
 * DS_ERR_CORRUPT (a damaged record, or one without a text hash: "document N: no text
 * hash (rebuild the index)"), DS_ERR_NOMEM or the wrapper's status; out is then "".
 */
ds_status_t sq_fingerprint(sq_index_t *ix, char out[SQ_FP_SIZE], uint64_t *ndocs, ds_error_t *e);

/*
 * --with-fingerprint: the JSON line that starts an answer (answer.h), so that a saved
 * output says what it answered and over which index:
 *     {"query":ID,"fingerprint":FP,"text":QUERY,"parsed":DESCRIPTION}
 * "query" (the batch query's id, as on every answer line of a batch) only when query_id
 * is not NULL; text the query as given; parsed sq_describe(q) (query.h, the form
 * --explain prints), null when the query did not parse (q NULL).
 */
void sq_fingerprint_header(ds_buf_t *out, const char *fp, const char *query_id, const char *text,
                           size_t len, const sq_query_t *q);

#endif
