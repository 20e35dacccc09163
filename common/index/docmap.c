/*
 * docmap.c - a record's position map, text hash and line map (see docmap.h; layouts in
 * schema.h, Document data).
 */
#include "docmap.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "hash.h"
#include "schema.h"
#include "varint.h"

void ds_text_hash_format(const char *text, size_t len, char out[DS_TEXT_HASH_LEN + 1])
{
    snprintf(out, DS_TEXT_HASH_LEN + 1, "%016" PRIx64, ds_hash64(text, len));
}

/* The map's reader (posmap.h): the record's text range, inflating its chunks. */
static ds_status_t read_range(void *ctx, size_t start, size_t end)
{
    const char *p;
    size_t n;
    return dstore_text_range(ctx, start, end, &p, &n);
}

ds_status_t ds_docmap_posmap(dstore_record_t *rec, ds_posmap_t **map)
{
    size_t len;
    const char *v = dstore_get(rec, DS_FIELD_POSMAP, &len);
    *map = NULL;
    ds_status_t rc = v ? ds_posmap_parse(v, len, map) : DS_ERR_NOT_FOUND;
    if (rc == DS_OK)
        ds_posmap_set_reader(*map, read_range, rec);
    return rc;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

ds_status_t ds_docmap_text_hash(const dstore_record_t *rec, uint64_t *hash)
{
    size_t len;
    const char *v = dstore_get(rec, DS_FIELD_TEXT_HASH, &len);
    uint64_t h = 0;
    *hash = 0;
    if (!v)
        return DS_ERR_NOT_FOUND;
    if (len != DS_TEXT_HASH_LEN)
        return DS_ERR_CORRUPT;
    for (size_t i = 0; i < len; i++) {
        int d = hex_digit(v[i]);
        if (d < 0)
            return DS_ERR_CORRUPT;
        h = h << 4 | (uint64_t)d;
    }
    *hash = h;
    return DS_OK;
}

/* ---- line maps ------------------------------------------------------------------- */

ds_status_t ds_loci_encode(const ds_locus_t *rows, size_t n, ds_buf_t *out)
{
    if (n == 0)
        return DS_ERR_INVALID;
    for (size_t i = 1; i < n; i++)
        if (rows[i].offset < rows[i - 1].offset)
            return DS_ERR_INVALID;
    ds_locus_t prev = {0, 0, 0};
    ds_varint_put(out, n);
    for (size_t i = 0; i < n; i++) {
        /* lines and pages only grow along a text, but a signed delta costs nothing */
        int64_t dl = (int64_t)rows[i].line - (int64_t)prev.line;
        int64_t dp = (int64_t)rows[i].page - (int64_t)prev.page;
        ds_varint_put(out, rows[i].offset - prev.offset);
        ds_varint_put(out, ds_zigzag(dl) << 1 | (dp != 0));
        if (dp)
            ds_varint_put(out, ds_zigzag(dp));
        prev = rows[i];
    }
    return ds_buf_ok(out) ? DS_OK : DS_ERR_NOMEM;
}

/* Row i from the varints at *p, after row prev. 0, or -1 if malformed. */
static int parse_row(const unsigned char **p, const unsigned char *end, const ds_locus_t *prev,
                     ds_locus_t *row)
{
    uint64_t doff, lc, dp = 0;
    if (ds_varint_get(p, end, &doff) != 0 || ds_varint_get(p, end, &lc) != 0 ||
        ((lc & 1) && ds_varint_get(p, end, &dp) != 0))
        return -1;
    int64_t line = (int64_t)prev->line + ds_unzigzag(lc >> 1);
    int64_t page = (int64_t)prev->page + ds_unzigzag(dp);
    if (doff > SIZE_MAX - prev->offset || line < 0 || page < 0)
        return -1;
    *row = (ds_locus_t){prev->offset + (size_t)doff, (size_t)line, (size_t)page};
    return 0;
}

ds_status_t ds_loci_parse(const char *data, size_t len, ds_locus_t **rows, size_t *n)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    uint64_t count;
    *rows = NULL;
    *n = 0;
    if (!data || ds_varint_get(&p, end, &count) != 0 || count == 0 ||
        count > (uint64_t)(end - p) / 2) /* two bytes at least per row */
        return DS_ERR_CORRUPT;
    ds_locus_t *v = malloc((size_t)count * sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    ds_locus_t prev = {0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        if (parse_row(&p, end, &prev, &v[i]) != 0) {
            free(v);
            return DS_ERR_CORRUPT;
        }
        prev = v[i];
    }
    if (p != end) {
        free(v);
        return DS_ERR_CORRUPT;
    }
    *rows = v;
    *n = (size_t)count;
    return DS_OK;
}

ds_status_t ds_docmap_loci(const dstore_record_t *rec, ds_locus_t **rows, size_t *n)
{
    size_t len;
    const char *v = dstore_get(rec, DS_FIELD_LOCI, &len);
    *rows = NULL;
    *n = 0;
    return v ? ds_loci_parse(v, len, rows, n) : DS_ERR_NOT_FOUND;
}

