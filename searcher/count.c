/*
 * count.c - the exact number of matching documents (see count.h).
 */
#include "count.h"

/* e gets the message of the failure rc on enq (else on ix's database). */
static ds_status_t failed(sq_index_t *ix, xap_enquire_t *enq, ds_status_t rc, ds_error_t *e)
{
    if (rc != DS_OK && rc != DS_ERR_NOMEM) {
        const char *m = enq ? xap_enquire_error(enq) : xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", m && m[0] ? m : ds_status_str(rc));
    }
    return rc;
}

ds_status_t sq_count_enquire(sq_index_t *ix, const xap_query_t *q, xap_enquire_t **enq,
                             uint64_t *ndocs, ds_error_t *e)
{
    uint64_t total = 0;
    *enq = NULL;
    ds_status_t rc = xap_db_doc_count(ix->db, &total);
    if (rc == DS_OK)
        rc = xap_enquire_new(ix->db, enq);
    if (rc == DS_OK)
        rc = xap_enquire_set_query(*enq, q);
    if (rc == DS_OK)
        rc = xap_enquire_set_boolean(*enq);
    if (rc != DS_OK) {
        failed(ix, *enq, rc, e);
        xap_enquire_free(*enq);
        *enq = NULL;
    }
    if (ndocs)
        *ndocs = total;
    return rc;
}

/* One attempt; DS_ERR_MODIFIED is left for the caller to retry. */
static ds_status_t count_once(sq_index_t *ix, const xap_query_t *q, uint64_t *n, ds_error_t *e)
{
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    uint64_t ndocs = 0;
    ds_status_t rc = sq_count_enquire(ix, q, &enq, &ndocs, e);
    if (rc != DS_OK)
        return rc;
    rc = xap_enquire_mset(enq, 0, 0, ndocs, &ms); /* every match examined: exact */
    if (rc == DS_OK)
        xap_mset_count(ms, n, NULL, NULL, NULL);
    failed(ix, enq, rc, e);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

ds_status_t sq_count(sq_index_t *ix, const xap_query_t *q, uint64_t *n, ds_error_t *e)
{
    *n = 0;
    ds_error_clear(e);
    ds_status_t rc = count_once(ix, q, n, e);
    if (rc == DS_ERR_MODIFIED && sq_index_reopen(ix) == DS_OK) {
        ds_error_clear(e);
        rc = count_once(ix, q, n, e);
    }
    return ds_error_fill(e, rc);
}
