#include "status.h"

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
