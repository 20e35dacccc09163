/*
 * search.c - enquire, sort, count, facets (see search.h).
 */
#include "search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "docread.h"
#include "grow.h"
#include "links.h"
#include "natsort.h"
#include "schema.h"

static const struct {
    const char *name;
    int slot;
} facet_slots[] = {
    {DS_FIELD_ACTOR, DS_SLOT_ACTOR}, {"year", DS_SLOT_YEAR},
    {DS_FIELD_TYPE, DS_SLOT_TYPE},   {DS_FIELD_SECTION, DS_SLOT_SECTION},
    {DS_FIELD_LANG, DS_SLOT_LANG},
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
    /* Relevance order is Xapian's own (a key sort would stop it skipping documents that
     * cannot reach the page); ties are put in id order afterwards (relevance_page). */
    if (sort == SQ_SORT_RELEVANCE)
        return xap_enquire_sort_by_relevance(enq);
    /* by date, then relevance; ties of equal date and weight go in id order (ranked_page) */
    return xap_enquire_sort_by_value(enq, DS_SLOT_DATE_START, sort == SQ_SORT_DATE_DESC);
}

/* ---- pages with deterministic ties ------------------------------------------------- */

/* One hit of a match set with what orders it: its date key (date orders), its weight,
 * its id. Ties of Xapian's order are broken by docid, which differs between shardings:
 * every page is put in (key, weight, natural id) order here instead. */
typedef struct ranked {
    char key[DATE_SORTABLE_LEN + 1]; /* "" in relevance order (see date_key) */
    double weight;
    char *id;
    size_t item; /* index in the match set */
} ranked_t;

/* Weights this close are a tie. The same document set weighs the same in exact
 * arithmetic however the index is sharded, but Xapian adds a document's term weights in
 * the order of its per-shard postlist tree, so a sum of three or more terms can differ in
 * its last bits between shardings; a relative 1e-9 is far above that noise and far
 * below any difference BM25 makes between documents that really differ. */
#define WEIGHT_TIE 1e-9

static int same_weight(double a, double b)
{
    return a == b || fabs(a - b) <= WEIGHT_TIE * fmax(fabs(a), fabs(b));
}

/* The date slot as a key that sorts as Xapian sorts the slot: oldest first with
 * undated documents first, or (descending) newest first with undated ones last. */
static void date_key(const char *v, size_t len, sq_sort_t sort, char *key)
{
    if (sort == SQ_SORT_RELEVANCE || len != DATE_SORTABLE_LEN) {
        strcpy(key, sort == SQ_SORT_DATE_DESC ? "~" : "");
        return;
    }
    for (size_t i = 0; i < len; i++)
        key[i] = sort == SQ_SORT_DATE_DESC ? (char)('9' - (v[i] - '0')) : v[i];
    key[len] = '\0';
}

static int by_key_weight(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    return ds_natcmp(x->id, strlen(x->id), y->id, strlen(y->id)); /* #p5 before #p10 */
}

static int tied(const ranked_t *x, const ranked_t *y)
{
    return strcmp(x->key, y->key) == 0 && same_weight(x->weight, y->weight);
}

/* Sort r[0..n) by key and weight, then each run of ties (all tied with the run's first
 * item) by id. */
static void sort_ranked(ranked_t *r, size_t n)
{
    qsort(r, n, sizeof *r, by_key_weight);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && tied(&r[j], &r[i]); j++)
            ;
        qsort(r + i, j - i, sizeof *r, by_id);
    }
}

/* Item i of ms: its key, weight and (with_id) id. */
static ds_status_t read_item(xap_mset_t *ms, size_t i, sq_sort_t sort, int with_id, ranked_t *r)
{
    xap_doc_t *doc = NULL;
    const char *v = NULL;
    size_t len = 0;
    r->item = i;
    ds_status_t rc = xap_mset_item(ms, i, NULL, &r->weight, NULL, NULL);
    if (rc == DS_OK && (with_id || sort != SQ_SORT_RELEVANCE))
        rc = xap_mset_get_doc(ms, i, &doc);
    if (rc == DS_OK && sort != SQ_SORT_RELEVANCE)
        rc = xap_doc_get_value(doc, DS_SLOT_DATE_START, &v, &len);
    if (rc == DS_OK)
        date_key(v, len, sort, r->key);
    if (rc == DS_OK && with_id)
        rc = xap_doc_get_value(doc, DS_SLOT_ID, &v, &len);
    if (rc == DS_OK && with_id && !(r->id = strndup(v, len)))
        rc = DS_ERR_NOMEM;
    xap_doc_free(doc);
    return rc;
}

/* Match set of the first `want` hits and every hit tied with the last of them, so
 * that sorting ties by id gives the same page whatever the sharding. A query whose best
 * hit weighs 0 (only filters) ties everywhere: *weightless is set and the caller sorts
 * by id in Xapian instead of fetching every match. */
static ds_status_t fetch_with_ties(xap_enquire_t *enq, uint64_t want, uint64_t check,
                                   sq_sort_t sort, xap_mset_t **ms, int *weightless)
{
    *weightless = 0;
    for (uint64_t extra = 8;; extra *= 4) {
        ds_status_t rc = xap_enquire_mset(enq, 0, want + extra, check, ms);
        size_t n = xap_mset_size(*ms);
        if (rc == DS_OK && n == want + extra && xap_mset_max_possible(*ms) == 0) {
            *weightless = 1;
            return rc;
        }
        if (rc != DS_OK || want == 0 || n < want + extra)
            return rc;
        ranked_t cut, last;
        rc = read_item(*ms, (size_t)want - 1, sort, 0, &cut);
        if (rc == DS_OK)
            rc = read_item(*ms, n - 1, sort, 0, &last);
        if (rc != DS_OK || !tied(&cut, &last))
            return rc;
        xap_mset_free(*ms);
        *ms = NULL;
    }
}

/* The match set's items in (key, weight, id) order. */
static ds_status_t rank_items(xap_mset_t *ms, sq_sort_t sort, ranked_t **out)
{
    size_t n = xap_mset_size(ms);
    ranked_t *r = calloc(n ? n : 1, sizeof *r);
    ds_status_t rc = r ? DS_OK : DS_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = read_item(ms, i, sort, 1, &r[i]);
    if (rc == DS_OK && n)
        sort_ranked(r, n);
    *out = r;
    return rc;
}

static void free_ranked(ranked_t *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].id);
    free(r);
}

static int value_cmp(const void *a, const void *b)
{
    const sq_facet_value_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return ds_natcmp(x->value, strlen(x->value), y->value, strlen(y->value));
}

/* The facet counts of spy into f. A failure of the iterator is returned, with its
 * message in e when it has one -- never read as the end of the values, which would
 * give short counts. */
static ds_status_t read_spy(xap_spy_t *spy, sq_facet_t *f, ds_error_t *e)
{
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_spy_values(spy, &it);
    size_t cap = 0;
    int r = 0;
    while (rc == DS_OK && (r = xap_termiter_next(it)) == 1) {
        sq_facet_value_t *grown = ds_grow(f->values, &cap, f->n + 1, sizeof *grown);
        if (!grown) {
            rc = DS_ERR_NOMEM;
            break;
        }
        f->values = grown;
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
    if (rc == DS_OK && r < 0) {
        rc = (ds_status_t)-r;
        const char *msg = xap_termiter_error(it);
        if (msg[0])
            ds_error_set(e, rc, 0, "%s", msg);
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

/* Read hits from match set items items[0..n) (NULL: items 0..n-1), ranked from
 * first_rank on. */
static ds_status_t read_hits(sq_index_t *ix, xap_mset_t *ms, const ranked_t *items, size_t n,
                             uint64_t first_rank, int links, sq_result_t *res)
{
    res->hits = calloc(n ? n : 1, sizeof *res->hits);
    if (!res->hits)
        return DS_ERR_NOMEM;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        sq_hit_t *h = &res->hits[i];
        xap_doc_t *doc = NULL;
        size_t item = items ? items[i].item : i;
        rc = xap_mset_item(ms, item, &h->docid, &h->score, NULL, NULL);
        if (rc == DS_OK)
            rc = ds_read_item_record(ms, item, &doc, &h->rec);
        h->rank = first_rank + i;
        xap_doc_free(doc);
        if (rc == DS_OK)
            res->nhits++;
        if (rc == DS_OK && links)
            rc = read_links(ix, h);
    }
    return rc;
}

/* Every hit weighs 0: (date and) natural id order straight from Xapian (DS_SLOT_ID_KEY),
 * the order sort_ranked would give, without reading every match. */
static ds_status_t weightless_page(sq_index_t *ix, xap_enquire_t *enq, const sq_search_opts_t *o,
                                   uint64_t check, sq_result_t *res)
{
    unsigned slots[2] = {DS_SLOT_DATE_START, DS_SLOT_ID_KEY};
    int desc[2] = {o->sort == SQ_SORT_DATE_DESC, 0};
    int by_date = o->sort != SQ_SORT_RELEVANCE;
    xap_mset_t *ms = NULL;
    ds_status_t rc =
        xap_enquire_sort_by_keys(enq, slots + !by_date, desc + !by_date, by_date ? 2 : 1, 0);
    if (rc == DS_OK)
        rc = xap_enquire_mset(enq, o->offset, o->limit, check, &ms);
    if (rc == DS_OK) {
        xap_mset_count(ms, &res->lower, &res->estimate, &res->upper, &res->exact);
        rc = read_hits(ix, ms, NULL, xap_mset_size(ms), o->offset + 1, o->links, res);
    }
    xap_mset_free(ms);
    return rc;
}

/* A page in the order asked for, ties by id. */
static ds_status_t ranked_page(sq_index_t *ix, xap_enquire_t *enq, const sq_search_opts_t *o,
                               uint64_t check, sq_result_t *res)
{
    xap_mset_t *ms = NULL;
    ranked_t *r = NULL;
    uint64_t want = o->offset + o->limit;
    int weightless;
    ds_status_t rc = fetch_with_ties(enq, want, check, o->sort, &ms, &weightless);
    if (rc == DS_OK && weightless) {
        xap_mset_free(ms);
        return weightless_page(ix, enq, o, check, res);
    }
    size_t n = xap_mset_size(ms);
    if (rc == DS_OK)
        rc = rank_items(ms, o->sort, &r);
    if (rc == DS_OK) {
        xap_mset_count(ms, &res->lower, &res->estimate, &res->upper, &res->exact);
        size_t first = o->offset < n ? (size_t)o->offset : n;
        size_t count = n - first < o->limit ? n - first : (size_t)o->limit;
        rc = read_hits(ix, ms, r + first, count, first + 1, o->links, res);
    }
    free_ranked(r, n);
    xap_mset_free(ms);
    return rc;
}

/* One attempt; DS_ERR_MODIFIED is left for the caller to retry. */
static ds_status_t run_once(sq_index_t *ix, const xap_query_t *q, const sq_search_opts_t *o,
                            sq_result_t *res, ds_error_t *e)
{
    xap_enquire_t *enq = NULL;
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
        rc = ranked_page(ix, enq, o, ndocs, res);
    for (size_t i = 0; i < o->nfacets && rc == DS_OK; i++) {
        res->facets[i].name = o->facets[i];
        res->nfacets = i + 1;
        rc = read_spy(spies[i], &res->facets[i], e);
    }
    if (rc != DS_OK && e && e->status == DS_OK) { /* no message from the spy */
        const char *m = enq ? xap_enquire_error(enq) : xap_db_error(ix->db);
        ds_error_set(e, rc, 0, "%s", m && m[0] ? m : ds_status_str(rc));
    }
    xap_enquire_free(enq);
    return rc;
}

ds_status_t sq_search(sq_index_t *ix, const xap_query_t *q, const sq_search_opts_t *o,
                      sq_result_t *res, ds_error_t *e)
{
    memset(res, 0, sizeof *res);
    ds_error_clear(e);
    ds_status_t rc = run_once(ix, q, o, res, e);
    if (rc == DS_ERR_MODIFIED && sq_index_reopen(ix) == DS_OK) {
        sq_result_release(res);
        ds_error_clear(e);
        rc = run_once(ix, q, o, res, e);
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
