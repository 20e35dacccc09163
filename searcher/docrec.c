/*
 * docrec.c - a document's record by id or docid (see docrec.h).
 */
#include "docrec.h"

#include "analyzer.h"
#include "docread.h"
#include "schema.h"

ds_status_t sq_docrec_find(sq_index_t *ix, const char *id, size_t len, xap_docid_t *docid,
                           ds_error_t *e)
{
    *docid = 0;
    ds_error_clear(e);
    ds_buf_t term = DS_BUF_INIT;
    an_term_fit(&term, DS_PREFIX_ID, id, len); /* as the indexer writes it (docbuild.c) */
    xap_postiter_t *it = NULL;
    ds_status_t rc =
        ds_buf_ok(&term) ? xap_db_postings(ix->db, term.data, term.len, &it) : DS_ERR_NOMEM;
    if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(e, rc, 0, "%s", xap_db_error(ix->db));
    int r = rc == DS_OK ? xap_postiter_next(it) : 0;
    if (r == 1)
        *docid = xap_postiter_docid(it);
    else if (r < 0)
        ds_error_set(e, rc = (ds_status_t)-r, 0, "%s", xap_postiter_error(it));
    else if (rc == DS_OK)
        rc = DS_ERR_NOT_FOUND;
    xap_postiter_free(it);
    ds_buf_release(&term);
    return ds_error_fill(e, rc);
}

ds_status_t sq_docrec_read(sq_index_t *ix, xap_docid_t docid, dstore_record_t **rec, ds_error_t *e)
{
    ds_error_clear(e);
    xap_doc_t *doc = NULL;
    ds_status_t rc = ds_read_record(ix->db, docid, &doc, rec);
    if (rc == DS_ERR_CORRUPT)
        ds_error_set(e, rc, 0, "document %u: damaged record (rebuild the index)", (unsigned)docid);
    else if (rc != DS_OK && rc != DS_ERR_NOMEM)
        ds_error_set(e, rc, 0, "%s", doc ? xap_doc_error(doc) : xap_db_error(ix->db));
    xap_doc_free(doc);
    return ds_error_fill(e, rc);
}

ds_status_t sq_docrec_text(dstore_record_t *rec, const char **text, size_t *len)
{
    return dstore_text(rec, text, len);
}
