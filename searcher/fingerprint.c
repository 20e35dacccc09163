/*
 * fingerprint.c - the index fingerprint (see fingerprint.h).
 *
 *   collect ............ doc_entry (one record's id and text hash), collect (every docid)
 *   fingerprint ........ by_id, sq_fingerprint
 *   header ............. sq_fingerprint_header
 */
#include "fingerprint.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "docrec.h"
#include "grow.h"
#include "hash.h"
#include "out.h"
#include "schema.h"

typedef struct entry {
    char *id; /* malloc'd */
    size_t len;
    uint64_t hash; /* the record's whole text hash */
} entry_t;

typedef struct entries {
    entry_t *v;
    size_t n, cap;
} entries_t;

/* The id and text hash of docid's record (its fields only) appended to es. */
static ds_status_t doc_entry(sq_index_t *ix, xap_docid_t docid, entries_t *es, ds_error_t *e)
{
    dstore_record_t *rec = NULL;
    ds_status_t rc = sq_docrec_read(ix, docid, &rec, e);
    size_t len = 0;
    const char *id = rc == DS_OK ? dstore_get(rec, DS_FIELD_ID, &len) : NULL;
    uint64_t h = 0;
    if (rc == DS_OK && (!id || ds_docmap_text_hash(rec, &h) != DS_OK)) {
        rc = DS_ERR_CORRUPT;
        ds_error_set(e, rc, 0, "document %u: no id or text hash (rebuild the index)",
                     (unsigned)docid);
    }
    entry_t *v = rc == DS_OK ? ds_grow(es->v, &es->cap, es->n + 1, sizeof *v) : NULL;
    char *copy = v ? malloc(len + 1) : NULL;
    if (rc == DS_OK && copy) {
        es->v = v;
        memcpy(copy, id, len);
        es->v[es->n++] = (entry_t){copy, len, h};
    } else if (rc == DS_OK) {
        es->v = v ? v : es->v;
        rc = DS_ERR_NOMEM;
    }
    dstore_record_free(rec);
    return ds_error_fill(e, rc);
}

/* Every document of ix (the posting list of the empty term: all of them). */
static ds_status_t collect(sq_index_t *ix, entries_t *es, ds_error_t *e)
{
    xap_postiter_t *it = NULL;
    ds_status_t rc = xap_db_postings(ix->db, "", 0, &it);
    if (rc != DS_OK)
        ds_error_set(e, rc, 0, "%s", xap_db_error(ix->db));
    int r = 0;
    while (rc == DS_OK && (r = xap_postiter_next(it)) == 1)
        rc = doc_entry(ix, xap_postiter_docid(it), es, e);
    if (rc == DS_OK && r < 0)
        ds_error_set(e, rc = (ds_status_t)-r, 0, "%s", xap_postiter_error(it));
    xap_postiter_free(it);
    return ds_error_fill(e, rc);
}

static int by_id(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    int c = memcmp(x->id, y->id, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

ds_status_t sq_fingerprint(sq_index_t *ix, char out[SQ_FP_SIZE], uint64_t *ndocs, ds_error_t *e)
{
    ds_error_clear(e);
    out[0] = '\0';
    entries_t es = {0};
    ds_status_t rc = collect(ix, &es, e);
    if (es.n)
        qsort(es.v, es.n, sizeof *es.v, by_id);
    uint64_t h = DS_HASH64_INIT;
    for (size_t i = 0; i < es.n; i++) {
        char hex[24];
        snprintf(hex, sizeof hex, "%016" PRIx64 "\n", es.v[i].hash);
        h = ds_hash64_update(h, es.v[i].id, es.v[i].len);
        h = ds_hash64_update(h, "", 1); /* the NUL that ends the id */
        h = ds_hash64_update(h, hex, strlen(hex));
        free(es.v[i].id);
    }
    if (rc == DS_OK)
        snprintf(out, SQ_FP_SIZE, "%s:%016" PRIx64, DS_SCHEMA_VERSION, h);
    if (ndocs)
        *ndocs = rc == DS_OK ? es.n : 0;
    free(es.v);
    return rc;
}

/* ---- header --------------------------------------------------------------------- */

void sq_fingerprint_header(ds_buf_t *out, const char *fp, const char *query_id, const char *text,
                           size_t len, const sq_query_t *q)
{
    const char *key[3] = {"query", "fingerprint", "text"};
    const char *val[3] = {query_id, fp, text};
    size_t vlen[3] = {query_id ? strlen(query_id) : 0, strlen(fp), len};
    for (int i = 0; i < 3; i++)
        if (val[i]) { /* the query's id in batch mode only */
            ds_buf_printf(out, "%c\"%s\":", i == 0 || (!query_id && i == 1) ? '{' : ',', key[i]);
            out_json_str(out, val[i], vlen[i]);
        }
    ds_buf_puts(out, ",\"parsed\":");
    if (q) {
        ds_buf_t d = DS_BUF_INIT;
        sq_describe(q, &d);
        out_json_str(out, ds_buf_cstr(&d), d.len);
        ds_buf_release(&d);
    } else {
        ds_buf_puts(out, "null");
    }
    ds_buf_puts(out, "}\n");
}
