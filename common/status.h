/*
 * status.h - the status codes every fallible function of the project returns.
 *
 * Convention (as in SQLite's rc): 0 is success, anything else an error. A function
 * returning ds_status_t sets its out-parameters to NULL/0 on failure; where there is
 * more to say, the message goes where the module's header says: on the handle (the
 * Xapian wrapper's *_error() accessors), through a `char **errmsg` (opening things),
 * or into a ds_buf_t (dates) or an sq_error_t (queries). Codes
 * are stable: tests and exit-status mapping rely on them, so only append before
 * DS_STATUS_LAST.
 *
 * Iterators. Every function that steps through a sequence (the Xapian wrapper's
 * xap_*_next, an_tokenizer_next, rp_marker_next, the file-static next_* helpers) is
 * named *_next and answers in one way:
 *
 *     int x_next(x_t *it, ...)
 *         1   an item: the iterator (or the out-parameters) hold it until the next call
 *         0   the end; later calls return 0 again
 *        <0   a failure, the negated ds_status_t (-DS_ERR_NOMEM, -DS_ERR_IO, ...); the
 *             iterator is failed: later calls return the same number, and the message,
 *             where the module keeps one, stays readable (xap_termiter_error(), ...)
 *
 * A sequence that cannot fail only returns 1 and 0. A new iterator stands before its
 * first item. The loop is always written so that only 0 is the end and a negative
 * answer becomes the loop's status -- never `== 1` alone, which reads a failure as the
 * end of the list (facets that come back short, a "no such word" that is not true):
 *
 *     int r = 0;
 *     while (rc == DS_OK && (r = x_next(it, ...)) == 1)
 *         rc = use(it);
 *     if (rc == DS_OK && r < 0)
 *         rc = (ds_status_t)-r;
 *
 * A walk that hands items to a visitor instead (kw_each_doc in kwic.h, where pages of
 * documents are read and released behind the caller's back) returns a ds_status_t: its
 * own failure or the first error the visitor returned.
 */
#ifndef DS_STATUS_H
#define DS_STATUS_H

typedef enum ds_status {
    DS_OK = 0,
    DS_ERR_NOMEM,      /* allocation failed */
    DS_ERR_INVALID,    /* bad argument or input (message says which) */
    DS_ERR_IO,         /* file or database I/O failed */
    DS_ERR_NOT_FOUND,  /* no such database, document, term or value */
    DS_ERR_LOCKED,     /* another writer holds the index lock */
    DS_ERR_CORRUPT,    /* the index is damaged */
    DS_ERR_VERSION,    /* index format or schema version we cannot read: rebuild */
    DS_ERR_MODIFIED,   /* index changed under a reader: reopen and retry */
    DS_ERR_QUERY,      /* query cannot be run (e.g. wildcard expands too widely) */
    DS_ERR_RANGE,      /* a number, date or size out of the supported range */
    DS_ERR_UNSUPPORTED,/* feature not available with this backend or build */
    DS_ERR_INTERNAL,   /* unexpected failure inside a library: a bug to report */
    DS_STATUS_LAST
} ds_status_t;

/* A short constant English description of status ("locked", ...). Never NULL. */
const char *ds_status_str(ds_status_t status);

#endif
