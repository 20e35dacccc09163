/*
 * docstore.c - encode/decode the per-document record described in docstore.h.
 *
 *   encode ............. dstore_encode
 *   decode ............. dstore_decode (fields), dstore_text (lazy inflate)
 */
#include "docstore.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "varint.h"

#define DSTORE_MAGIC 'D'
#define DSTORE_VERSION 2
#define METHOD_ZLIB 1 /* read only (docstore.h) */

struct dstore_record {
    dstore_field_t *fields;
    size_t nfields;
    char *blob; /* copy of the stored text or zlib stream */
    size_t blob_len;
    uint64_t method;   /* DSTORE_STORED or METHOD_ZLIB, from the header */
    uint64_t text_len; /* from the header */
    char *text;        /* inflated text, NULL until asked for */
    char *strings;     /* one allocation holding all keys and values, NUL-separated */
};

/* ---- encode -------------------------------------------------------------------- */

ds_status_t dstore_encode(const dstore_field_t *fields, size_t n, const char *text, size_t text_len,
                          dstore_method_t method, ds_buf_t *out)
{
    if (method != DSTORE_STORED)
        return DS_ERR_INVALID;
    ds_buf_putc(out, DSTORE_MAGIC);
    ds_buf_putc(out, DSTORE_VERSION);
    ds_varint_put(out, n);
    for (size_t i = 0; i < n; i++) {
        size_t klen = strlen(fields[i].key);
        ds_varint_put(out, klen);
        ds_buf_append(out, fields[i].key, klen);
        ds_varint_put(out, fields[i].val_len);
        ds_buf_append(out, fields[i].val, fields[i].val_len);
    }
    ds_varint_put(out, (uint64_t)method);
    ds_varint_put(out, text_len);
    ds_buf_append(out, text, text_len);
    return ds_buf_ok(out) ? DS_OK : DS_ERR_NOMEM;
}

/* ---- decode -------------------------------------------------------------------- */

/* Read one length-prefixed string into *dst (NUL-terminated), advancing both cursors. */
static int get_string(const unsigned char **p, const unsigned char *end, char **dst,
                      const char **str, size_t *slen)
{
    uint64_t len;
    if (ds_varint_get(p, end, &len) != 0 || len > (uint64_t)(end - *p))
        return -1;
    memcpy(*dst, *p, (size_t)len);
    (*dst)[len] = '\0';
    *str = *dst;
    *slen = (size_t)len;
    *dst += len + 1;
    *p += len;
    return 0;
}

/* Bytes the n fields at p take once copied with their NULs, or -1 if malformed: the
 * copy is sized to the fields, not to the whole record (which holds the text too). */
static long fields_size(const unsigned char *p, const unsigned char *end, uint64_t n)
{
    uint64_t bytes = 0;
    for (uint64_t i = 0; i < 2 * n; i++) {
        uint64_t len;
        if (ds_varint_get(&p, end, &len) != 0 || len > (uint64_t)(end - p))
            return -1;
        p += len;
        bytes += len + 1;
    }
    return (long)bytes;
}

static ds_status_t decode_fields(dstore_record_t *rec, const unsigned char **p,
                                 const unsigned char *end, size_t total)
{
    uint64_t n;
    if (ds_varint_get(p, end, &n) != 0 || n > total / 2)
        return DS_ERR_CORRUPT;
    long size = fields_size(*p, end, n);
    if (size < 0)
        return DS_ERR_CORRUPT;
    rec->fields = calloc(n ? n : 1, sizeof *rec->fields);
    rec->strings = malloc((size_t)size + 1);
    if (!rec->fields || !rec->strings)
        return DS_ERR_NOMEM;
    char *dst = rec->strings;
    for (uint64_t i = 0; i < n; i++) {
        dstore_field_t *f = &rec->fields[i];
        size_t klen;
        if (get_string(p, end, &dst, &f->key, &klen) != 0 ||
            get_string(p, end, &dst, &f->val, &f->val_len) != 0)
            return DS_ERR_CORRUPT;
        rec->nfields++;
    }
    return DS_OK;
}

ds_status_t dstore_decode(const char *data, size_t len, dstore_record_t **out)
{
    *out = NULL;
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    if (len < 2 || p[0] != DSTORE_MAGIC || p[1] != DSTORE_VERSION)
        return DS_ERR_CORRUPT;
    p += 2;
    dstore_record_t *rec = calloc(1, sizeof *rec);
    if (!rec)
        return DS_ERR_NOMEM;
    ds_status_t rc = decode_fields(rec, &p, end, len);
    if (rc == DS_OK && (ds_varint_get(&p, end, &rec->method) != 0 || rec->method > METHOD_ZLIB ||
                        ds_varint_get(&p, end, &rec->text_len) != 0))
        rc = DS_ERR_CORRUPT;
    if (rc == DS_OK && rec->method == DSTORE_STORED && rec->text_len != (uint64_t)(end - p))
        rc = DS_ERR_CORRUPT;
    if (rc == DS_OK) {
        rec->blob_len = (size_t)(end - p);
        rec->blob = malloc(rec->blob_len + 1);
        if (!rec->blob)
            rc = DS_ERR_NOMEM;
        else if (rec->blob_len)
            memcpy(rec->blob, p, rec->blob_len);
    }
    if (rc != DS_OK) {
        dstore_record_free(rec);
        return rc;
    }
    *out = rec;
    return DS_OK;
}

size_t dstore_nfields(const dstore_record_t *rec)
{
    return rec->nfields;
}

dstore_field_t dstore_field(const dstore_record_t *rec, size_t i)
{
    return rec->fields[i];
}

const char *dstore_get(const dstore_record_t *rec, const char *key, size_t *len)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        if (strcmp(rec->fields[i].key, key) == 0) {
            if (len)
                *len = rec->fields[i].val_len;
            return rec->fields[i].val;
        }
    }
    return NULL;
}

ds_status_t dstore_text(dstore_record_t *rec, const char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    if (!rec->text && rec->method == DSTORE_STORED) {
        rec->text = rec->blob; /* already the text; the blob has room for the NUL */
        rec->blob = NULL;
        rec->text[rec->text_len] = '\0';
    }
    if (!rec->text) {
        if (rec->text_len > UINT32_MAX)
            return DS_ERR_CORRUPT;
        char *buf = malloc((size_t)rec->text_len + 1);
        if (!buf)
            return DS_ERR_NOMEM;
        uLongf got = (uLongf)rec->text_len;
        int zrc = uncompress((Bytef *)buf, &got, (const Bytef *)rec->blob, (uLong)rec->blob_len);
        if (zrc != Z_OK || got != rec->text_len) {
            free(buf);
            return zrc == Z_MEM_ERROR ? DS_ERR_NOMEM : DS_ERR_CORRUPT;
        }
        buf[got] = '\0';
        rec->text = buf;
    }
    *text = rec->text;
    *len = (size_t)rec->text_len;
    return DS_OK;
}

void dstore_record_free(dstore_record_t *rec)
{
    if (!rec)
        return;
    free(rec->fields);
    free(rec->strings);
    free(rec->blob);
    free(rec->text);
    free(rec);
}
