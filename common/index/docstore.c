/*
 * docstore.c - encode/decode the per-document record and its text chunks (docstore.h).
 *
 *   encode ............. dstore_encode, dstore_chunks_encode
 *   decode ............. dstore_decode (fields), dstore_set_source
 *   chunk table ........ parse_chunks (the source's bytes, on the first text read)
 *   text ............... dstore_text_range (inflates the chunks a range overlaps),
 *                        dstore_text
 *   stats .............. dstore_stats_get
 */
#include "docstore.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "varint.h"

#define DSTORE_MAGIC 'D'
#define DSTORE_VERSION 3

enum { CHUNK_Z = 1, CHUNK_DONE = 2 }; /* chunk state bits */

struct dstore_record {
    dstore_field_t *fields;
    size_t nfields;
    char *strings;     /* one allocation holding all keys and values, NUL-separated */
    uint64_t method;   /* DSTORE_STORED or DSTORE_APART, from the header */
    uint64_t text_len; /* from the header */
    char *text;        /* STORED: the text; APART: text_len + 1 bytes, 0 until read */
    int counted;       /* STORED: the text was counted in the stats */
    dstore_source_t src;
    int parsed;                 /* APART: the chunk table below is read */
    const unsigned char *chunk; /* the chunks' bytes (the source's) */
    size_t k, nchunks;
    size_t *coff;          /* nchunks + 1 offsets into chunk */
    unsigned char *cstate; /* CHUNK_* bits of each chunk */
    z_stream zs;           /* one inflater for every chunk, reset in between */
    int zs_open;
};

static _Atomic unsigned long long stat_chunks, stat_bytes;

/* ---- encode -------------------------------------------------------------------- */

ds_status_t dstore_encode(const dstore_field_t *fields, size_t n, const char *text, size_t text_len,
                          dstore_method_t method, ds_buf_t *out)
{
    if (method != DSTORE_STORED && method != DSTORE_APART)
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
    if (method == DSTORE_STORED)
        ds_buf_append(out, text, text_len);
    return ds_buf_ok(out) ? DS_OK : DS_ERR_NOMEM;
}

/* Deflate text[0..len) raw into out (room for deflateBound) and set *clen: 1, or 0
 * when it does not shrink (*clen untouched: the chunk is stored as is). */
static int deflate_chunk(z_stream *zs, const char *text, size_t len, unsigned char *out,
                         size_t room, size_t *clen)
{
    deflateReset(zs);
    zs->next_in = (Bytef *)text;
    zs->avail_in = (uInt)len;
    zs->next_out = out;
    zs->avail_out = (uInt)room;
    if (deflate(zs, Z_FINISH) != Z_STREAM_END || room - zs->avail_out >= len)
        return 0;
    *clen = room - zs->avail_out;
    return 1;
}

/* The chunks of text into data (their bytes) and table (their varints). */
static ds_status_t put_chunks(z_stream *zs, const char *text, size_t len, size_t k, ds_buf_t *table,
                              ds_buf_t *data)
{
    size_t room = deflateBound(zs, (uLong)k);
    for (size_t at = 0; at < len; at += k) {
        size_t n = len - at < k ? len - at : k, clen = n;
        if (ds_buf_grow(data, room) != 0)
            return DS_ERR_NOMEM;
        unsigned char *dst = (unsigned char *)data->data + data->len;
        int z = deflate_chunk(zs, text + at, n, dst, room, &clen);
        if (z)
            data->len += clen;
        else
            ds_buf_append(data, text + at, n);
        ds_varint_put(table, (uint64_t)clen << 1 | (uint64_t)z);
    }
    return ds_buf_ok(table) && ds_buf_ok(data) ? DS_OK : DS_ERR_NOMEM;
}

ds_status_t dstore_chunks_encode(const char *text, size_t len, size_t k, ds_buf_t *out)
{
    if (k == 0 || k > DSTORE_CHUNK_MAX)
        return DS_ERR_INVALID;
    /* A window no larger than a chunk and a smaller hash (memLevel 7): deflateReset
     * clears the hash for every chunk, and a chunk cannot use more history. */
    int wbits = 9;
    while (wbits < 15 && ((size_t)1 << wbits) < k)
        wbits++;
    z_stream zs = {0};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -wbits, 7, Z_DEFAULT_STRATEGY) != Z_OK)
        return DS_ERR_NOMEM;
    ds_buf_t data = DS_BUF_INIT;
    ds_varint_put(out, DSTORE_CHUNKS_FORMAT);
    ds_varint_put(out, k);
    ds_varint_put(out, len);
    ds_status_t rc = put_chunks(&zs, text, len, k, out, &data);
    deflateEnd(&zs);
    if (rc == DS_OK)
        ds_buf_append(out, data.data, data.len);
    ds_buf_release(&data);
    return rc == DS_OK && !ds_buf_ok(out) ? DS_ERR_NOMEM : rc;
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
 * copy is sized to the fields, not to the whole record (which may hold the text too). */
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

/* The method, the length and (STORED) the text after the fields. */
static ds_status_t decode_text(dstore_record_t *rec, const unsigned char *p,
                               const unsigned char *end)
{
    if (ds_varint_get(&p, end, &rec->method) != 0 || ds_varint_get(&p, end, &rec->text_len) != 0)
        return DS_ERR_CORRUPT;
    size_t rest = (size_t)(end - p);
    if (rec->method == DSTORE_APART)
        return rest == 0 && rec->text_len < SIZE_MAX ? DS_OK : DS_ERR_CORRUPT;
    if (rec->method != DSTORE_STORED || rec->text_len != (uint64_t)rest)
        return DS_ERR_CORRUPT;
    rec->text = malloc(rest + 1);
    if (!rec->text)
        return DS_ERR_NOMEM;
    if (rest)
        memcpy(rec->text, p, rest);
    rec->text[rest] = '\0';
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
    if (rc == DS_OK)
        rc = decode_text(rec, p, end);
    if (rc != DS_OK) {
        dstore_record_free(rec);
        return rc;
    }
    *out = rec;
    return DS_OK;
}

void dstore_set_source(dstore_record_t *rec, dstore_source_t src)
{
    if (rec->src.release)
        rec->src.release(rec->src.ctx);
    rec->src = src;
}

/* A source over bytes the record owns (dstore_text_own): a copy of the chunks. */
typedef struct owned_chunks {
    size_t len;
    char data[];
} owned_chunks_t;

static ds_status_t owned_fetch(void *ctx, const char **data, size_t *len)
{
    const owned_chunks_t *o = ctx;
    *data = o->data;
    *len = o->len;
    return DS_OK;
}

ds_status_t dstore_text_own(dstore_record_t *rec)
{
    const char *data;
    size_t len;
    if (rec->method == DSTORE_STORED) {
        dstore_set_source(rec, (dstore_source_t){0}); /* the text is in the record */
        return DS_OK;
    }
    if (!rec->src.fetch || rec->src.fetch == owned_fetch)
        return DS_OK; /* no source, or owned already */
    if (rec->parsed)
        return DS_ERR_INVALID; /* the chunk table points into the source's bytes */
    ds_status_t rc = rec->src.fetch(rec->src.ctx, &data, &len);
    if (rc != DS_OK)
        return rc;
    owned_chunks_t *o = malloc(sizeof *o + (len ? len : 1));
    if (!o)
        return DS_ERR_NOMEM;
    o->len = len;
    memcpy(o->data, data, len);
    dstore_set_source(rec, (dstore_source_t){owned_fetch, free, o});
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

size_t dstore_text_len(const dstore_record_t *rec)
{
    return (size_t)rec->text_len;
}

/* ---- chunk table ---------------------------------------------------------------- */

/* The chunk sizes at *p: offsets into the bytes that follow, which they must fill. */
static ds_status_t parse_table(dstore_record_t *rec, const unsigned char *p,
                               const unsigned char *end)
{
    rec->coff = malloc((rec->nchunks + 1) * sizeof *rec->coff);
    rec->cstate = calloc(rec->nchunks ? rec->nchunks : 1, 1);
    if (!rec->coff || !rec->cstate)
        return DS_ERR_NOMEM;
    uint64_t total = 0;
    for (size_t i = 0; i < rec->nchunks; i++) {
        uint64_t v;
        size_t n = i + 1 < rec->nchunks ? rec->k : (size_t)rec->text_len - i * rec->k;
        if (ds_varint_get(&p, end, &v) != 0 || (!(v & 1) && (v >> 1) != n))
            return DS_ERR_CORRUPT;
        rec->coff[i] = (size_t)total;
        rec->cstate[i] = (unsigned char)(v & 1);
        total += v >> 1;
        if (total > (uint64_t)(end - p))
            return DS_ERR_CORRUPT;
    }
    rec->coff[rec->nchunks] = (size_t)total;
    if (total != (uint64_t)(end - p))
        return DS_ERR_CORRUPT; /* trailing or missing bytes */
    rec->chunk = p;
    return DS_OK;
}

/* Fetch the chunks from the source and read their table, once. */
static ds_status_t parse_chunks(dstore_record_t *rec)
{
    const char *data;
    size_t len;
    uint64_t format, k, tlen;
    if (!rec->src.fetch)
        return DS_ERR_NOT_FOUND;
    ds_status_t rc = rec->src.fetch(rec->src.ctx, &data, &len);
    if (rc != DS_OK)
        return rc;
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    if (ds_varint_get(&p, end, &format) != 0 || format != DSTORE_CHUNKS_FORMAT ||
        ds_varint_get(&p, end, &k) != 0 || k == 0 || k > DSTORE_CHUNK_MAX ||
        ds_varint_get(&p, end, &tlen) != 0 || tlen != rec->text_len)
        return DS_ERR_CORRUPT;
    rec->k = (size_t)k;
    rec->nchunks = (size_t)((tlen + k - 1) / k);
    if (rec->nchunks > len) /* every chunk takes a byte of the table at least */
        return DS_ERR_CORRUPT;
    rc = parse_table(rec, p, end);
    if (rc == DS_OK && !(rec->text = calloc((size_t)tlen + 1, 1)))
        rc = DS_ERR_NOMEM;
    rec->parsed = rc == DS_OK;
    return rc;
}

/* ---- text ----------------------------------------------------------------------- */

static ds_status_t inflate_into(dstore_record_t *rec, const unsigned char *src, size_t slen,
                                char *dst, size_t n)
{
    if (!rec->zs_open) {
        if (inflateInit2(&rec->zs, -15) != Z_OK)
            return DS_ERR_NOMEM;
        rec->zs_open = 1;
    } else if (inflateReset(&rec->zs) != Z_OK) {
        return DS_ERR_CORRUPT;
    }
    rec->zs.next_in = (Bytef *)src;
    rec->zs.avail_in = (uInt)slen;
    rec->zs.next_out = (Bytef *)dst;
    rec->zs.avail_out = (uInt)n;
    int zrc = inflate(&rec->zs, Z_FINISH);
    if (zrc == Z_MEM_ERROR)
        return DS_ERR_NOMEM;
    return zrc == Z_STREAM_END && rec->zs.avail_out == 0 && rec->zs.avail_in == 0 ? DS_OK
                                                                                  : DS_ERR_CORRUPT;
}

/* Make chunk i's bytes the text's in rec->text. */
static ds_status_t load_chunk(dstore_record_t *rec, size_t i)
{
    if (rec->cstate[i] & CHUNK_DONE)
        return DS_OK;
    size_t at = i * rec->k,
           n = (size_t)rec->text_len - at < rec->k ? (size_t)rec->text_len - at : rec->k;
    const unsigned char *src = rec->chunk + rec->coff[i];
    size_t slen = rec->coff[i + 1] - rec->coff[i];
    ds_status_t rc = DS_OK;
    if (rec->cstate[i] & CHUNK_Z)
        rc = inflate_into(rec, src, slen, rec->text + at, n);
    else
        memcpy(rec->text + at, src, n);
    if (rc != DS_OK) {
        memset(rec->text + at, 0, n); /* what was inflated before the damage is not kept */
        return rc;
    }
    rec->cstate[i] |= CHUNK_DONE;
    atomic_fetch_add(&stat_chunks, 1);
    atomic_fetch_add(&stat_bytes, n);
    return DS_OK;
}

ds_status_t dstore_text_range(dstore_record_t *rec, size_t start, size_t end, const char **p,
                              size_t *n)
{
    size_t len = (size_t)rec->text_len;
    end = end < len ? end : len;
    start = start < end ? start : end;
    *p = NULL;
    *n = 0;
    ds_status_t rc = DS_OK;
    if (rec->method == DSTORE_STORED && !rec->counted) {
        rec->counted = 1;
        atomic_fetch_add(&stat_bytes, len);
    }
    if (rec->method == DSTORE_APART && !rec->parsed)
        rc = parse_chunks(rec);
    if (rc == DS_OK && rec->method == DSTORE_APART && start < end)
        for (size_t i = start / rec->k; rc == DS_OK && i <= (end - 1) / rec->k; i++)
            rc = load_chunk(rec, i);
    if (rc != DS_OK)
        return rc;
    *p = rec->text + start;
    *n = end - start;
    return DS_OK;
}

ds_status_t dstore_text_view(dstore_record_t *rec, const char **text, size_t *len)
{
    size_t n;
    ds_status_t rc = dstore_text_range(rec, 0, 0, text, &n);
    *len = rc == DS_OK ? (size_t)rec->text_len : 0;
    if (rc != DS_OK)
        *text = NULL;
    return rc;
}

ds_status_t dstore_text(dstore_record_t *rec, const char **text, size_t *len)
{
    ds_status_t rc = dstore_text_range(rec, 0, (size_t)rec->text_len, text, len);
    if (rc != DS_OK)
        *text = NULL;
    return rc;
}

void dstore_record_free(dstore_record_t *rec)
{
    if (!rec)
        return;
    if (rec->zs_open)
        inflateEnd(&rec->zs);
    if (rec->src.release)
        rec->src.release(rec->src.ctx);
    free(rec->fields);
    free(rec->strings);
    free(rec->text);
    free(rec->coff);
    free(rec->cstate);
    free(rec);
}

/* ---- stats ---------------------------------------------------------------------- */

void dstore_stats_get(dstore_stats_t *s)
{
    s->chunks = atomic_load(&stat_chunks);
    s->bytes = atomic_load(&stat_bytes);
}
