/*
 * count.h - the exact number of documents a query matches, and nothing else (--count).
 *
 * A search (search.h) with limit 0 still weighs every match with BM25, fetches a few
 * hits to break ties and reads their ids. A count needs none of that: the matcher runs
 * with Boolean weights and no page (measured on x1, one process per query: 360,000
 * instructions of 3.4 million, callgrind).
 */
#ifndef SQ_COUNT_H
#define SQ_COUNT_H

#include <stdint.h>

#include "sindex.h"
#include "status.h"
#include "xap.h"

/*
 * An enquire over ix that runs q with Boolean weights (every match weighs 0): for runs
 * that count or list matches in no order (kwcount.c). *ndocs (may be NULL) gets the
 * document count, the check_at_least of an exact run. On DS_OK *enq is new (free with
 * xap_enquire_free); otherwise *enq is NULL, e (if not NULL) holds the database's
 * message and the status is the wrapper's.
 */
ds_status_t sq_count_enquire(sq_index_t *ix, const xap_query_t *q, xap_enquire_t **enq,
                             uint64_t *ndocs, ds_error_t *e);

/*
 * *n = the number of documents q matches in ix, exact. Returns DS_OK, or fills e (if
 * not NULL) with the database's message and returns the wrapper's status (as
 * xap_enquire_mset: DS_ERR_QUERY for a wildcard over its limit, ...). An index that an
 * indexer changed meanwhile is reopened and the count run again once.
 */
ds_status_t sq_count(sq_index_t *ix, const xap_query_t *q, uint64_t *n, ds_error_t *e);

#endif
