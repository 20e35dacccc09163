/*
 * kwlists.h - the position lists of a matcher's terms, walked document by document in
 * ascending docid order (kwcount.c): what --kwic --count counts from, and what the
 * printing walk (kwic.c) finds its occurrences' positions with. Private to concord/.
 */
#ifndef SQ_KWLISTS_H
#define SQ_KWLISTS_H

#include "match.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

typedef struct kw_lists kw_lists_t;

/* One posting iterator per exact term of m (mt_term), over ix. On DS_OK *out owns the
 * lists (kw_lists_close); otherwise *out is NULL, e (if not NULL) filled with the
 * database's message, the status DS_ERR_NOMEM or the wrapper's. */
ds_status_t kw_lists_open(sq_index_t *ix, mt_matcher_t *m, kw_lists_t **out, ds_error_t *e);

/* The occurrences of document d as positions (mt_find_positions: *po malloc'd, *exact
 * 0 when the text must tell). Documents must be asked for in ascending docid order:
 * the iterators only move forward. Returns DS_OK or an error (e filled as for open). */
ds_status_t kw_lists_find(kw_lists_t *l, xap_docid_t d, mt_posocc_t **po, size_t *n, int *exact);

/* Free l (NULL accepted). */
void kw_lists_close(kw_lists_t *l);

#endif
