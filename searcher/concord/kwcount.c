/*
 * kwcount.c - occurrences counted from the index's position lists, without reading
 * any document's text (kw_each_count, see kwic.h).
 *
 *   matches ........... every matching document id, ascending (one match set)
 *   lists ............. the matcher's terms' position lists (docpos.h), walked
 *                       along the sorted ids with skip_to
 *   documents ......... mt_find_positions, or the text (mt_find) where it doubts
 *   entry point ....... kw_each_count
 *
 * Speed. Counting walks each term's posting list once, in document order, reading the
 * position lists only of matching documents; no record is fetched and no text
 * inflated, except for a document where positions cannot tell its occurrences (a
 * footnote marker among the hits: match.h), which is counted from its text as before.
 */
#include <stdlib.h>
#include <string.h>

#include "count.h"
#include "docpos.h"
#include "docread.h"
#include "kwic.h"

typedef struct counter {
    sq_index_t *ix;
    mt_matcher_t *m;
    sq_docpos_t *pos; /* the terms' position lists, walked in docid order */
    ds_error_t *e;
} counter_t;

/* ---- matches -------------------------------------------------------------------- */

static int docid_cmp(const void *a, const void *b)
{
    xap_docid_t x = *(const xap_docid_t *)a, y = *(const xap_docid_t *)b;
    return (x > y) - (x < y);
}

/* Every document matching xq, ascending, into a malloc'd *ids (NULL when *n is 0). The
 * order of a concordance does not matter to a count: one match set of all of them,
 * under Boolean weights (count.h: no statistics nor scores to compute). */
static ds_status_t match_ids(sq_index_t *ix, const xap_query_t *xq, xap_docid_t **ids, size_t *n,
                             ds_error_t *e)
{
    *ids = NULL;
    *n = 0;
    uint64_t total = 0;
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    ds_status_t rc = sq_count_enquire(ix, xq, &enq, &total, e);
    if (rc != DS_OK)
        return rc;
    rc = xap_enquire_mset(enq, 0, total ? total : 1, 0, &ms);
    if (rc == DS_ERR_MODIFIED && sq_index_reopen(ix) == DS_OK)
        rc = xap_enquire_mset(enq, 0, total ? total : 1, 0, &ms);
    size_t size = xap_mset_size(ms);
    if (rc == DS_OK && size && !(*ids = malloc(size * sizeof **ids)))
        rc = DS_ERR_NOMEM;
    for (size_t i = 0; rc == DS_OK && i < size; i++)
        rc = xap_mset_item(ms, i, &(*ids)[i], NULL, NULL, NULL);
    if (rc == DS_OK && size)
        qsort(*ids, size, sizeof **ids, docid_cmp);
    if (rc == DS_OK) {
        *n = size;
    } else {
        free(*ids);
        *ids = NULL;
    }
    const char *msg = ms ? xap_mset_error(ms) : xap_enquire_error(enq);
    if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(e, rc, 0, "%s", msg[0] ? msg : ds_status_str(rc));
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

/* ---- lists ---------------------------------------------------------------------- */

static ds_status_t open_lists(counter_t *c)
{
    return sq_docpos_new(c->ix->db, c->m, &c->pos);
}

/* The terms' positions in document d (docids asked in ascending order). */
static ds_status_t load_doc(counter_t *c, xap_docid_t d, const mt_termpos_t **tp)
{
    ds_status_t rc = sq_docpos_load(c->pos, d, tp);
    if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(c->e, rc, 0, "%s", sq_docpos_error(c->pos));
    return rc;
}

/* ---- documents ------------------------------------------------------------------ */

/* The count of d from its stored text, as kw_each_doc counts: one per start byte. */
static ds_status_t count_text(counter_t *c, xap_docid_t d, uint64_t *n)
{
    xap_doc_t *doc = NULL;
    dstore_record_t *rec = NULL;
    mt_occ_t *occ = NULL;
    const char *text;
    size_t tlen, nocc = 0;
    ds_status_t rc = ds_read_record(c->ix->db, d, &doc, &rec);
    if (rc == DS_OK)
        rc = dstore_text(rec, &text, &tlen);
    if (rc == DS_OK)
        rc = mt_find(c->m, text, tlen, &occ, &nocc);
    for (size_t i = 0; rc == DS_OK && i < nocc; i++)
        *n += i == 0 || occ[i].start != occ[i - 1].start;
    if (rc == DS_ERR_CORRUPT)
        ds_error_set(c->e, rc, 0, "document %u: damaged record or text (rebuild the index)", d);
    else if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(c->e, rc, 0, "%s", doc ? xap_doc_error(doc) : xap_db_error(c->ix->db));
    free(occ);
    dstore_record_free(rec);
    xap_doc_free(doc);
    return rc;
}

/* The positions' occurrences of document d (mt_find_positions: *po malloc'd, *exact 0
 * when the text must tell). Documents come in ascending docid order: the lists only
 * move forward. */
static ds_status_t find_positions(counter_t *c, xap_docid_t d, mt_posocc_t **po, size_t *n,
                                  int *exact)
{
    *po = NULL;
    *n = 0;
    *exact = 1;
    const mt_termpos_t *tp = NULL;
    ds_status_t rc = load_doc(c, d, &tp);
    return rc == DS_OK ? mt_find_positions(c->m, tp, po, n, exact) : rc;
}

/* The occurrences of document d: from its positions, else from its text. */
static ds_status_t count_doc(counter_t *c, xap_docid_t d, uint64_t *n)
{
    *n = 0;
    mt_posocc_t *po = NULL;
    size_t npo = 0;
    int exact = 1;
    ds_status_t rc = find_positions(c, d, &po, &npo, &exact);
    for (size_t i = 0; rc == DS_OK && i < npo; i++)
        *n += i == 0 || po[i].first != po[i - 1].first; /* one per start */
    free(po);
    if (rc == DS_OK && !exact)
        rc = count_text(c, d, n);
    return rc;
}

/* ---- entry point ---------------------------------------------------------------- */

ds_status_t kw_each_count(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, kw_count_fn visit,
                          void *ctx, ds_error_t *e)
{
    ds_error_clear(e);
    counter_t c = {ix, m, NULL, e};
    xap_docid_t *ids = NULL;
    size_t n = 0;
    ds_status_t rc = match_ids(ix, xq, &ids, &n, e);
    if (rc == DS_OK && n)
        rc = open_lists(&c);
    int stop = 0;
    for (size_t i = 0; i < n && rc == DS_OK && !stop; i++) {
        uint64_t nocc = 0;
        rc = count_doc(&c, ids[i], &nocc);
        if (rc == DS_OK && nocc)
            rc = visit(ctx, ids[i], nocc, &stop);
    }
    sq_docpos_free(c.pos);
    free(ids);
    return ds_error_fill(e, rc);
}
