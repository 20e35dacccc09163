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
