/*
 * links.c - citation <-> cited document links through shared terms (see links.h).
 */
#include "links.h"

#include <string.h>

#include "analyzer.h"
#include "schema.h"
#include "termgen.h"

#define MAX_LINK_TERMS 16

typedef struct terms {
    xap_query_t *q[MAX_LINK_TERMS];
    size_t n;
} terms_t;

/* The term of boolean field name's value, as the indexer wrote it (tg_value_term). */
static ds_status_t add_term(terms_t *t, const char *name, const char *value, size_t len)
{
    if (!len || t->n == MAX_LINK_TERMS)
        return DS_OK;
    const ds_field_t *f = ds_field_find(name, strlen(name));
    ds_buf_t term = DS_BUF_INIT;
    ds_status_t rc = f ? tg_value_term(f->rule, f->prefix, value, len, &term) : DS_ERR_INVALID;
    if (rc == DS_OK && term.len)
        rc = xap_query_term(term.data, term.len, 1, 0, &t->q[t->n]);
    if (rc == DS_OK && term.len)
        t->n++;
    ds_buf_release(&term);
    return rc;
}

/* URL and every symbol of the record (symbols separated by ';', ',' or spaces). */
static ds_status_t record_terms(const dstore_record_t *rec, terms_t *t)
{
    size_t len = 0;
    const char *url = dstore_get(rec, DS_FIELD_URL, &len);
    ds_status_t rc = url ? add_term(t, DS_FIELD_URL, url, len) : DS_OK;
    const char *sym = dstore_get(rec, DS_FIELD_SYMBOL, NULL);
    while (rc == DS_OK && sym && *sym) {
        sym += strspn(sym, "; ,\t");
        size_t n = strcspn(sym, "; ,\t");
        rc = add_term(t, DS_FIELD_SYMBOL, sym, n);
        sym += n;
    }
    return rc;
}

/* (t1 OR t2 ...) FILTER type:want */
static ds_status_t link_query(terms_t *t, const char *want, xap_query_t **q)
{
    ds_buf_t k = DS_BUF_INIT;
    ds_buf_puts(&k, DS_PREFIX_TYPE);
    ds_buf_puts(&k, want);
    xap_query_t *any = NULL, *type = NULL;
    ds_status_t rc = ds_buf_ok(&k) ? DS_OK : DS_ERR_NOMEM;
    if (rc == DS_OK)
        rc = xap_query_combine(XAP_OP_OR, (const xap_query_t *const *)t->q, t->n, 0, &any);
    if (rc == DS_OK)
        rc = xap_query_term(k.data, k.len, 1, 0, &type);
    const xap_query_t *both[2] = {any, type};
    if (rc == DS_OK)
        rc = xap_query_combine(XAP_OP_FILTER, both, 2, 0, q);
    xap_query_free(any);
    xap_query_free(type);
    ds_buf_release(&k);
    return rc;
}

static ds_status_t collect_ids(sq_index_t *ix, const xap_query_t *q, ds_buf_t *out)
{
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    unsigned slot = DS_SLOT_ID_KEY; /* natural id order: #p5 before #p10 */
    ds_status_t rc = xap_enquire_new(ix->db, &enq);
    if (rc == DS_OK)
        rc = xap_enquire_set_query(enq, q);
    if (rc == DS_OK)
        rc = xap_enquire_sort_by_keys(enq, &slot, NULL, 1, 0);
    if (rc == DS_OK)
        rc = xap_enquire_mset(enq, 0, 100, 0, &ms);
    for (size_t i = 0; rc == DS_OK && i < xap_mset_size(ms); i++) {
        xap_doc_t *doc = NULL;
        const char *id;
        size_t len;
        rc = xap_mset_get_doc(ms, i, &doc);
        if (rc == DS_OK)
            rc = xap_doc_get_value(doc, DS_SLOT_ID, &id, &len);
        if (rc == DS_OK) {
            if (out->len)
                ds_buf_putc(out, '\n');
            ds_buf_append(out, id, len);
        }
        xap_doc_free(doc);
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

ds_status_t sq_links(sq_index_t *ix, const dstore_record_t *rec, ds_buf_t *out)
{
    const char *type = dstore_get(rec, DS_FIELD_TYPE, NULL);
    const char *want = NULL;
    if (type && strcmp(type, DS_TYPE_CITATION) == 0)
        want = DS_TYPE_CITED;
    else if (type && strcmp(type, DS_TYPE_CITED) == 0)
        want = DS_TYPE_CITATION;
    if (!want)
        return DS_OK;
    terms_t t = {0};
    xap_query_t *q = NULL;
    ds_status_t rc = record_terms(rec, &t);
    if (rc == DS_OK && t.n)
        rc = link_query(&t, want, &q);
    if (rc == DS_OK && q)
        rc = collect_ids(ix, q, out);
    xap_query_free(q);
    for (size_t i = 0; i < t.n; i++)
        xap_query_free(t.q[i]);
    return rc;
}
