/*
 * kwpipe.h - a second thread for the concordance walk (kwic.c): the walk's thread reads
 * the records of a page from the index and hands them over; the pipe's thread finds
 * their occurrences and visits them, one at a time and in the order handed, so the
 * output is the one a single thread writes. Reading (Xapian, which a database handle
 * allows one thread at a time) and the rest (text, tokens, lines) then overlap on two
 * cores. Private to concord/.
 *
 * Threads. Only the walk's thread uses the index while a pipe runs; everything the
 * pipe's function touches (records handed over, the matcher, the visitor's state, the
 * output stream) is the pipe thread's until kw_pipe_finish returns.
 */
#ifndef SQ_KWPIPE_H
#define SQ_KWPIPE_H

#include <stddef.h>

#include "kwic.h"
#include "status.h"

typedef struct kw_pipe kw_pipe_t;

/* Runs on the pipe's thread for every document handed over, in order: with run, find
 * and visit it (setting *stop = 1 ends the walk, as a visitor does) and return DS_OK or
 * the failure; without (after a stop or a failure), only release it. Either way it
 * frees what d holds. */
typedef ds_status_t (*kw_pipe_fn)(void *ctx, kw_doc_t *d, size_t item, int run, int *stop);

/* Start a pipe calling fn(ctx, ...). DS_OK, or DS_ERR_NOMEM when no thread could be
 * made (the caller then works alone). */
ds_status_t kw_pipe_start(kw_pipe_fn fn, void *ctx, kw_pipe_t **out);

/* Hand d (item: its index in the page) to the pipe, waiting while it holds
 * KW_PIPE_DEPTH documents. Returns 1, or 0 when the pipe has stopped or failed: d is
 * then still the caller's, and nothing more should be handed. */
#define KW_PIPE_DEPTH 8
int kw_pipe_put(kw_pipe_t *p, const kw_doc_t *d, size_t item);

/* Wait until every document handed over is done, end the thread and free p. Returns
 * DS_OK or fn's first failure (*item: that document's; *stopped: whether fn stopped
 * the walk). */
ds_status_t kw_pipe_finish(kw_pipe_t *p, size_t *item, int *stopped);

#endif
