/*
 * docsizes.c - the DS_SLOT_SIZES value (see docsizes.h).
 */
#include "docsizes.h"

#include <inttypes.h>
#include <stdio.h>

#include "schema.h"

void ds_sizes_format(char out[DS_SIZES_MAX], uint64_t positions, uint64_t bytes)
{
    snprintf(out, DS_SIZES_MAX, "%" PRIu64 " %" PRIu64, positions, bytes);
}

ds_status_t ds_sizes_sum(xap_db_t *db, uint64_t *positions, uint64_t *bytes)
{
    uint64_t p = 0, b = 0;
    xap_valueiter_t *it = NULL;
    ds_status_t rc = xap_db_values(db, DS_SLOT_SIZES, &it);
    int more = 0;
    while (rc == DS_OK && (more = xap_valueiter_next(it)) == 1) {
        uint64_t np, nb;
        if (sscanf(xap_valueiter_value(it, NULL), "%" SCNu64 " %" SCNu64, &np, &nb) == 2) {
            p += np;
            b += nb;
        }
    }
    xap_valueiter_free(it);
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    if (positions)
        *positions = p;
    if (bytes)
        *bytes = b;
    return rc;
}
