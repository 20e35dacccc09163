/*
 * search.c - enquire, sort, count, facets (see search.h).
 */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "schema.h"

static const struct {
    const char *name;
    int slot;
} facet_slots[] = {
    {"actor", DS_SLOT_ACTOR},
    {"year", DS_SLOT_YEAR},
    {"type", DS_SLOT_TYPE},
    {"section", DS_SLOT_SECTION},
};

int sq_facet_slot(const char *name)
{
    for (size_t i = 0; i < sizeof facet_slots / sizeof facet_slots[0]; i++)
        if (strcmp(facet_slots[i].name, name) == 0)
            return facet_slots[i].slot;
    return -1;
}

static ds_status_t set_order(xap_enquire_t *enq, sq_sort_t sort)
{
    if (sort == SQ_SORT_RELEVANCE) {
        unsigned slot = DS_SLOT_ID;
        return xap_enquire_sort_by_keys(enq, &slot, NULL, 1, 1);
    }
    /* by date, then relevance: ties of equal date and weight fall back to docid order */
    return xap_enquire_sort_by_value(enq, DS_SLOT_DATE_START, sort == SQ_SORT_DATE_DESC);
}

static int value_cmp(const void *a, const void *b)
{
    const sq_facet_value_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static ds_status_t read_spy(xap_spy_t *spy, sq_facet_t *f)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_spy_values(spy, &it);
    size_t cap = 0;
    while (rc == DS_OK && xap_termiter_next(it) == 1) {
        if (f->n == cap) {
            cap = cap ? cap * 2 : 16;
            sq_facet_value_t *v = realloc(f->values, cap * sizeof *v);
            if (!v) {
                rc = DS_ERR_NOMEM;
                break;
            }
            f->values = v;
        }
        size_t len;
        const char *val = xap_termiter_term(it, &len);
        sq_facet_value_t *v = &f->values[f->n];
        if (!(v->value = strndup(val, len))) {
            rc = DS_ERR_NOMEM;
            break;
        }
        rc = xap_termiter_termfreq(it, &v->count);
        f->n++;
    }
    xap_termiter_free(it);
    if (rc == DS_OK && f->n)
        qsort(f->values, f->n, sizeof *f->values, value_cmp);
    return rc;
}

static ds_status_t read_links(sq_index_t *ix, sq_hit_t *h)
{
    ds_buf_t ids = DS_BUF_INIT;
    ds_status_t rc = sq_links(ix, h->rec, &ids);
    if (rc == DS_OK && ids.len)
        h->links = ds_buf_detach(&ids, NULL);
    ds_buf_release(&ids);
    return rc == DS_OK && !ds_buf_ok(&ids) ? DS_ERR_NOMEM : rc;
}

static ds_status_t read_hits(sq_index_t *ix, xap_mset_t *ms, int links, sq_result_t *res)
{
    size_t n = xap_mset_size(ms);
    res->hits = calloc(n ? n : 1, sizeof *res->hits);
    if (!res->hits)
        return DS_ERR_NOMEM;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        sq_hit_t *h = &res->hits[i];
        xap_doc_t *doc = NULL;
        const char *data;
        size_t len;
        rc = xap_mset_item(ms, i, &h->docid, &h->score, &h->rank, NULL);
        if (rc == DS_OK)
            rc = xap_mset_get_doc(ms, i, &doc);
        if (rc == DS_OK)
            rc = xap_doc_get_data(doc, &data, &len);
        if (rc == DS_OK)
            rc = dstore_decode(data, len, &h->rec);
        h->rank += 1;
        xap_doc_free(doc);
        if (rc == DS_OK)
            res->nhits++;
        if (rc == DS_OK && links)
            rc = read_links(ix, h);
    }
    return rc;
}

/* One attempt; DS_ERR_MODIFIED is left for the caller to retry. */
static ds_status_t run_once(sq_index_t *ix, const xap_query_t *q, const sq_search_opts_t *o,
                            sq_result_t *res, char **errmsg)
{
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    xap_spy_t *spies[SQ_MAX_FACETS] = {0};
    uint64_t ndocs = 0;
    ds_status_t rc = xap_enquire_new(ix->db, &enq);
    if (rc == DS_OK)
        rc = xap_enquire_set_query(enq, q);
    if (rc == DS_OK)
        rc = set_order(enq, o->sort);
    for (size_t i = 0; i < o->nfacets && rc == DS_OK; i++)
        rc = xap_enquire_add_spy(enq, (unsigned)sq_facet_slot(o->facets[i]), &spies[i]);
    if (rc == DS_OK && (o->exact_count || o->nfacets))
        rc = xap_db_doc_count(ix->db, &ndocs);
    if (rc == DS_OK)
        rc = xap_enquire_mset(enq, o->offset, o->limit, ndocs, &ms);
    if (rc == DS_OK) {
        xap_mset_count(ms, &res->lower, &res->estimate, &res->upper, &res->exact);
        rc = read_hits(ix, ms, o->links, res);
    }
    for (size_t i = 0; i < o->nfacets && rc == DS_OK; i++) {
        res->facets[i].name = o->facets[i];
        res->nfacets = i + 1;
        rc = read_spy(spies[i], &res->facets[i]);
    }
    if (rc != DS_OK && !*errmsg) {
        const char *m = enq ? xap_enquire_error(enq) : xap_db_error(ix->db);
        *errmsg = strdup(m && m[0] ? m : ds_status_str(rc));
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    return rc;
}

ds_status_t sq_search(sq_index_t *ix, const xap_query_t *q, const sq_search_opts_t *o,
                      sq_result_t *res, char **errmsg)
{
    memset(res, 0, sizeof *res);
    *errmsg = NULL;
    ds_status_t rc = run_once(ix, q, o, res, errmsg);
    if (rc == DS_ERR_MODIFIED && sq_index_reopen(ix) == DS_OK) {
        sq_result_release(res);
        free(*errmsg);
        *errmsg = NULL;
        rc = run_once(ix, q, o, res, errmsg);
    }
    if (rc != DS_OK)
        sq_result_release(res);
    return rc;
}

void sq_result_release(sq_result_t *res)
{
    for (size_t i = 0; i < res->nhits; i++) {
        dstore_record_free(res->hits[i].rec);
        free(res->hits[i].links);
    }
    free(res->hits);
    for (size_t f = 0; f < res->nfacets; f++) {
        for (size_t i = 0; i < res->facets[f].n; i++)
            free(res->facets[f].values[i].value);
        free(res->facets[f].values);
    }
    memset(res, 0, sizeof *res);
}
