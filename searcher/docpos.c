/*
 * docpos.c - a matcher's term positions in one document at a time (see docpos.h).
 *
 * Cost (x30, --kwic --count of a frequent word or phrase, where this is nearly all
 * the work): Xapian's glass position table is keyed by document, then term, and each
 * (document, term) list costs a B-tree lookup that reads its branch and leaf blocks
 * again (two preads of 8 KB from the page cache: 34,000 for "government", some 40% of
 * the time; reading a document's terms in key order saves none). What is ours to
 * save: an iterator is never reopened going forward, and each list's positions come
 * in one wrapper call, not one per position.
 */
#include "docpos.h"

#include <stdio.h>
#include <stdlib.h>

#include "grow.h"

typedef struct list {
    xap_postiter_t *it; /* NULL until first needed, or after a failure */
    int state;          /* skip_to's last answer: 1 at a document, 0 at the end */
    xap_docid_t asked;  /* the last document asked for (0: none yet) */
    uint32_t *buf;      /* positions in the current document */
    size_t cap;
} list_t;

struct sq_docpos {
    xap_db_t *db;
    const mt_matcher_t *m;
    size_t nterms;
    list_t *lists;
    mt_termpos_t *tp;
    char err[256]; /* the message of the last failure (a term's iterator's, or db's) */
};

ds_status_t sq_docpos_new(xap_db_t *db, const mt_matcher_t *m, sq_docpos_t **out)
{
    sq_docpos_t *d = calloc(1, sizeof *d);
    size_t n = mt_nterms(m);
    if (d) {
        d->lists = calloc(n ? n : 1, sizeof *d->lists);
        d->tp = calloc(n ? n : 1, sizeof *d->tp);
    }
    if (!d || !d->lists || !d->tp) {
        sq_docpos_free(d);
        *out = NULL;
        return DS_ERR_NOMEM;
    }
    d->db = db;
    d->m = m;
    d->nterms = n;
    *out = d;
    return DS_OK;
}

/* The positions of l's current document into its buffer, in one call (the wdf bounds
 * their number, so a buffer grown to it holds them). */
static ds_status_t read_positions(list_t *l, mt_termpos_t *tp)
{
    ds_status_t rc = xap_postiter_wdf(l->it, &tp->wdf);
    uint32_t *grown = rc == DS_OK ? ds_grow(l->buf, &l->cap, tp->wdf + 1, sizeof *grown) : NULL;
    if (rc == DS_OK && !grown)
        return DS_ERR_NOMEM;
    if (rc == DS_OK) {
        l->buf = grown;
        rc = xap_postiter_read_positions(l->it, l->buf, l->cap, &tp->n);
    }
    if (tp->n > l->cap) /* a set of positions is never larger than its wdf */
        tp->n = l->cap;
    tp->pos = tp->n ? l->buf : NULL;
    return rc;
}

/* Term t's list at document id or past it. An iterator moves forward only: it is
 * opened anew only when id comes before the last document asked for (hits in rank
 * order), or after a failure. Standing past id after the last ask is no reason: the
 * term is just not in id -- reopening then cost a B-tree descent per document and
 * term, most of --kwic --count of a stem whose rarer forms are in few documents (x30
 * "government": 283 ms of CPU before, 56 ms after). */
static ds_status_t move_to(sq_docpos_t *d, size_t t, xap_docid_t id)
{
    list_t *l = &d->lists[t];
    int backwards = id < l->asked;
    l->asked = id;
    if (l->it && (backwards || l->state < 0)) {
        xap_postiter_free(l->it);
        l->it = NULL;
    }
    if (!l->it) {
        size_t len;
        const char *term = mt_term(d->m, t, &len);
        ds_status_t rc = xap_db_postings(d->db, term, len, &l->it);
        if (rc != DS_OK)
            return rc;
        l->state = 1;
    }
    if (l->state == 1 && xap_postiter_docid(l->it) < id)
        l->state = xap_postiter_skip_to(l->it, id);
    return l->state < 0 ? (ds_status_t)-l->state : DS_OK;
}

ds_status_t sq_docpos_load(sq_docpos_t *d, xap_docid_t id, const mt_termpos_t **tp)
{
    ds_status_t rc = DS_OK;
    for (size_t t = 0; t < d->nterms && rc == DS_OK; t++) {
        d->tp[t] = (mt_termpos_t){NULL, 0, 0};
        rc = move_to(d, t, id);
        list_t *l = &d->lists[t];
        if (rc == DS_OK && l->state == 1 && xap_postiter_docid(l->it) == id)
            rc = read_positions(l, &d->tp[t]);
        if (rc != DS_OK && rc != DS_ERR_NOMEM) {
            const char *msg = l->it ? xap_postiter_error(l->it) : xap_db_error(d->db);
            snprintf(d->err, sizeof d->err, "%s", msg && msg[0] ? msg : ds_status_str(rc));
        }
    }
    *tp = d->tp;
    return rc;
}

const char *sq_docpos_error(const sq_docpos_t *d)
{
    return d->err;
}

void sq_docpos_free(sq_docpos_t *d)
{
    if (!d)
        return;
    for (size_t t = 0; d->lists && t < d->nterms; t++) {
        xap_postiter_free(d->lists[t].it);
        free(d->lists[t].buf);
    }
    free(d->lists);
    free(d->tp);
    free(d);
}
