/*
 * docpos.h - the positions of a matcher's terms in one document at a time, read from
 * the index's position lists (a posting iterator per term, moved with skip_to), for
 * the snippets of a page of hits (snippet.h, sn_find_mapped).
 *
 * Hits come in rank order, not docid order: a term's iterator only moves forward, so
 * it is opened anew when a document is asked for before the last one asked (a page is
 * a few hits). A concordance asks in ascending docid order (kwcount.c), and then each
 * list is walked once: an iterator standing past the asked document just means the
 * term is not in it.
 */
#ifndef SQ_DOCPOS_H
#define SQ_DOCPOS_H

#include "match.h"
#include "status.h"
#include "xap.h"

typedef struct sq_docpos sq_docpos_t;

/* A reader of m's terms (mt_term) in db; iterators are opened at the first load. The
 * matcher and db must outlive it. DS_OK or DS_ERR_NOMEM. */
ds_status_t sq_docpos_new(xap_db_t *db, const mt_matcher_t *m, sq_docpos_t **out);

/*
 * The positions of every term of the matcher in document id: *tp[t] for term t (n 0
 * when the term is not in it), valid until the next load or free. Returns DS_OK,
 * DS_ERR_NOMEM, or the wrapper's status reading the lists (the caller may then take
 * the text path).
 */
ds_status_t sq_docpos_load(sq_docpos_t *d, xap_docid_t id, const mt_termpos_t **tp);

/* The message of the last failed load ("" if none), owned by d, valid until the next
 * load or free. */
const char *sq_docpos_error(const sq_docpos_t *d);

void sq_docpos_free(sq_docpos_t *d);

#endif
