/*
 * fuzz_locator.c - libFuzzer harness for the locator parser (common/locator.h).
 *
 * Invariants checked on every input (abort() on violation):
 *   - ds_loc_parse never reads outside the input (ASan) and answers DS_OK or
 *     DS_ERR_INVALID, the latter with a message and a column inside the input (+1);
 *   - a parsed locator obeys the grammar's rules (an id, start <= end, a hash of 48
 *     bits) and is canonical: formatting it gives back the input, byte for byte, which
 *     is what makes the string form one form per locator.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "locator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1); /* exact size: a read past the end is caught */
    if (!s)
        return 0;
    memcpy(s, data, size);
    ds_loc_t loc;
    ds_error_t e;
    ds_status_t rc = ds_loc_parse(s, size, &loc, &e);
    if (rc != DS_OK) {
        if (rc != DS_ERR_INVALID || e.status != rc || !e.message[0] || e.column < 1 ||
            e.column > size + 1 || loc.id || loc.idlen)
            abort();
        free(s);
        return 0;
    }
    if (loc.id != s || loc.idlen == 0 || loc.start > loc.end || loc.hash >> 48)
        abort();
    ds_buf_t out = DS_BUF_INIT;
    ds_loc_format(&out, &loc);
    if (!ds_buf_ok(&out) || out.len != size || memcmp(out.data, s, size) != 0)
        abort();
    ds_buf_release(&out);
    free(s);
    return 0;
}
