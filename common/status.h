/*
 * status.h - the status codes every fallible function of the project returns, and the
 * one way it says what went wrong: on its handle, or in a ds_error_t.
 *
 * The rule. A function that can fail returns a ds_status_t: 0 (DS_OK) is success,
 * anything else an error (as SQLite's rc), and its out-parameters are set to NULL/0 on
 * failure. What it has to say about a failure goes to one place:
 *   - on its handle, when the handle keeps messages (the Xapian wrapper's handles:
 *     xap_db_error(), xap_enquire_error(), ...);
 *   - else into a ds_error_t *e the caller passes (the last parameter); NULL is
 *     accepted: the caller then gets the status only.
 * Never in a global, never as a malloc'd string. A function that takes e clears it on
 * entry and fills it when it fails: e->status is the status it returns, e->message
 * says what went wrong in one line (the caller adds where it came from: "indexer: ",
 * a file name), and e->column, where the function's header says so, is the 1-based
 * column of the input the message is about, in the unit the header names (bytes for
 * dates, code points for queries). Each header says, notmuch style, what the message
 * is for which status. A ds_error_t holds its message in place: filling one never
 * allocates, so a failure can be told also when memory ran out.
 *
 * Not to be confused with diag.h's ds_diag_t: the indexer's stream of "file:line:
 * warning: ..." messages about individual documents (a date that does not parse, a
 * file skipped), printed and counted as they come, which never make a call fail. A
 * ds_error_t is the one failure of one call, handed back to its caller, who decides
 * whether and how to print it (the indexer prints some of them as diagnostics).
 *
 * Codes are stable: tests and exit-status mapping rely on them, so only append before
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

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

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

/* ---- the error object ------------------------------------------------------------ */

#define DS_ERROR_MESSAGE_SIZE 4096 /* room for a message that quotes two long paths */

typedef struct ds_error {
    ds_status_t status; /* DS_OK while there is no error */
    size_t column;      /* 1-based column in the input the message is about (bytes or code
                           points: the function's header says which); 0: none */
    char message[DS_ERROR_MESSAGE_SIZE]; /* one line, no trailing newline; "" while
                                            status is DS_OK */
} ds_error_t;

#define DS_ERROR_INIT {DS_OK, 0, ""}

/*
 * Record a failure in e: status (not DS_OK), column (0: none) and the message, formatted
 * as printf would. A message longer than DS_ERROR_MESSAGE_SIZE - 1 bytes is cut at a
 * UTF-8 character boundary; otherwise its bytes are kept as given (valid UTF-8 when what
 * is formatted into it is: a path of other bytes stays as it was, for the writer that
 * prints it to make safe). The arguments must not point into e->message. Replaces what
 * e held. e may be NULL: nothing happens.
 */
void ds_error_set(ds_error_t *e, ds_status_t status, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ds_error_vset(ds_error_t *e, ds_status_t status, size_t column, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Make e empty: DS_OK, column 0, message "". e may be NULL. */
void ds_error_clear(ds_error_t *e);

/*
 * Make sure a failure is told: if status is not DS_OK and e (not NULL) holds no error
 * yet, record status with ds_status_str(status) as its message. An error e holds
 * already (the more precise message of a callee) is kept. Returns status, so a
 * function can end with `return ds_error_fill(e, rc);`.
 */
ds_status_t ds_error_fill(ds_error_t *e, ds_status_t status);

#ifdef __cplusplus
}
#endif

#endif
