#include "status.h"

#include <stdint.h>
#include <stdio.h>

#include "utf8.h"

const char *ds_status_str(ds_status_t status)
{
    static const char *const names[DS_STATUS_LAST] = {
        [DS_OK] = "success",
        [DS_ERR_NOMEM] = "out of memory",
        [DS_ERR_INVALID] = "invalid argument",
        [DS_ERR_IO] = "I/O error",
        [DS_ERR_NOT_FOUND] = "not found",
        [DS_ERR_LOCKED] = "index is locked by another writer",
        [DS_ERR_CORRUPT] = "index is corrupt",
        [DS_ERR_VERSION] = "index version not supported (rebuild needed)",
        [DS_ERR_MODIFIED] = "index was modified during the read; reopen",
        [DS_ERR_QUERY] = "query cannot be run",
        [DS_ERR_RANGE] = "value out of range",
        [DS_ERR_UNSUPPORTED] = "not supported",
        [DS_ERR_INTERNAL] = "internal error",
    };
    if ((unsigned)status >= DS_STATUS_LAST)
        return "unknown status";
    return names[status];
}

void ds_error_vset(ds_error_t *e, ds_status_t status, size_t column, const char *fmt, va_list ap)
{
    if (!e)
        return;
    e->status = status;
    e->column = column;
    int n = vsnprintf(e->message, sizeof e->message, fmt, ap);
    if (n < 0) {
        e->message[0] = '\0';
        return;
    }
    size_t len = (size_t)n;
    if (len < sizeof e->message)
        return;
    /* Cut: drop the last character if the cut left it incomplete. */
    len = sizeof e->message - 1;
    size_t last = utf8_prev(e->message, len);
    uint32_t cp;
    if (utf8_decode(e->message + last, len - last, &cp) < 0)
        e->message[last] = '\0';
}

void ds_error_set(ds_error_t *e, ds_status_t status, size_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_error_vset(e, status, column, fmt, ap);
    va_end(ap);
}

void ds_error_clear(ds_error_t *e)
{
    if (!e)
        return;
    e->status = DS_OK;
    e->column = 0;
    e->message[0] = '\0';
}

ds_status_t ds_error_fill(ds_error_t *e, ds_status_t status)
{
    if (status != DS_OK && e && e->status == DS_OK)
        ds_error_set(e, status, 0, "%s", ds_status_str(status));
    return status;
}
