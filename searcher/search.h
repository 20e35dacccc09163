/*
 * search.h - run one compiled query: ranked page of hits, exact or estimated counts,
 * facet counts.
 */
#ifndef SQ_SEARCH_H
#define SQ_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "docstore.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

typedef enum sq_sort {
    SQ_SORT_RELEVANCE = 0, /* BM25, ties by id: the same order whatever the sharding */
    SQ_SORT_DATE,          /* oldest first, then relevance, then id */
    SQ_SORT_DATE_DESC,     /* newest first, then relevance, then id */
} sq_sort_t;

#define SQ_MAX_FACETS 8

typedef struct sq_search_opts {
    uint64_t offset, limit;
    sq_sort_t sort;
    int exact_count;        /* count every match (needed by --count and facets) */
    const char *facets[SQ_MAX_FACETS]; /* facet names (see sq_facet_slot) */
    size_t nfacets;
    int links;              /* fill sq_hit_t.links (citation <-> cited, links.h) */
} sq_search_opts_t;

typedef struct sq_hit {
    xap_docid_t docid;
    double score;
    uint64_t rank;          /* 1-based, counting from the first match (offset included) */
    dstore_record_t *rec;   /* the document record: fields and (lazily) text */
    char *links;            /* linked ids, '\n'-separated, or NULL (links.h) */
} sq_hit_t;

typedef struct sq_facet_value {
    char *value;
    uint64_t count;
} sq_facet_value_t;

typedef struct sq_facet {
    const char *name;
    sq_facet_value_t *values; /* by count, descending, then value */
    size_t n;
} sq_facet_t;

typedef struct sq_result {
    sq_hit_t *hits;
    size_t nhits;
    uint64_t lower, estimate, upper; /* matches: bounds and estimate */
    int exact;                       /* lower == upper: the count is exact */
    sq_facet_t facets[SQ_MAX_FACETS];
    size_t nfacets;
} sq_result_t;

/* The value slot behind a facet name (actor, year, type), or -1 if there is none. */
int sq_facet_slot(const char *name);

/*
 * Run q on ix. On DS_OK *res holds the page of hits (release with sq_result_release)
 * and e (if not NULL) is cleared. Otherwise *res is empty, e (if not NULL) holds the
 * error (column 0: the message is the enquire's, a facet iterator's or the database's,
 * else the status' own text) and the status is DS_ERR_QUERY (e.g. a wildcard that
 * matches too many terms), DS_ERR_MODIFIED (retried once after reopening),
 * DS_ERR_CORRUPT (a damaged record), DS_ERR_NOMEM or another of the wrapper's.
 */
ds_status_t sq_search(sq_index_t *ix, const xap_query_t *q, const sq_search_opts_t *o,
                      sq_result_t *res, ds_error_t *e);

void sq_result_release(sq_result_t *res);

#endif
