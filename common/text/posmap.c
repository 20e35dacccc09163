/*
 * posmap.c - the position map of a stored text (see posmap.h; the byte layout is in
 * schema.h, Position map).
 *
 *   building ........... ds_posmap_builder_*, ds_posmap_encode_text
 *   parsing ............ ds_posmap_parse (varints to two arrays), ds_posmap_free
 *   lookups ............ ds_posmap_seek, ds_posmap_span
 *
 * Checkpoint k (k >= 1) is the restart point that holds position k * K: the last token
 * at or before it that took a new position and is not a part or a marker (a word, or
 * the whole of a compound, identifier, URL or possessive). Usually that token stands at
 * k * K itself; when k * K falls on a later part of a whole, the map keeps the whole's
 * start and how many positions before k * K it stands ("back"). Checkpoint 0 is the
 * text's start and is not stored.
 */
#include "posmap.h"

#include <stdlib.h>
#include <string.h>

#include "varint.h"

struct ds_posmap {
    uint32_t k, base, ntok;
    size_t n;      /* checkpoints 1..n, at [0..n) */
    size_t *off;   /* the restart point's byte offset */
    uint32_t *pos; /* its position (k * K - back) */
    ds_posmap_reader_fn reader; /* ds_posmap_set_reader; NULL: the text is all there */
    void *reader_ctx;
};

/* Bytes read past a window's last restart point: the tokenizer looks a few bytes past
 * a token's end to end it; 256 is far more than any rule needs. */
#define WINDOW_MARGIN 256

/* ---- building ---------------------------------------------------------------------- */

void ds_posmap_builder_init(ds_posmap_builder_t *b, uint32_t k, uint32_t base)
{
    memset(b, 0, sizeof *b);
    b->k = k < 1 ? 1 : k > DS_POSMAP_K_MAX ? DS_POSMAP_K_MAX : k;
    b->base = base;
    b->next = b->k;
}

/* Write the checkpoints up to (not including) position limit, all held by the last
 * restart point. Each is varint(delta << 1 | has_back) [varint(back)]: back is 0 but
 * where a checkpoint falls inside a whole, so that case costs no byte elsewhere. */
static void put_checkpoints(ds_posmap_builder_t *b, uint64_t limit)
{
    while (b->next < limit) {
        uint64_t delta = b->unit_off - b->last_off;
        uint32_t back = (uint32_t)(b->next - b->unit_pos);
        ds_varint_put(&b->chk, delta << 1 | (back != 0));
        if (back)
            ds_varint_put(&b->chk, back);
        b->last_off = b->unit_off;
        b->next += b->k;
    }
}

void ds_posmap_builder_token(ds_posmap_builder_t *b, const an_token_t *tok)
{
    if (tok->pos >= b->ntok)
        b->ntok = tok->pos + 1;
    if (tok->flags & (AN_TOK_PART | AN_TOK_MARKER))
        return; /* not a restart point: it shares or continues a whole's positions */
    put_checkpoints(b, tok->pos); /* those before tok belong to the previous unit */
    b->unit_off = tok->start;
    b->unit_pos = tok->pos;
}

ds_status_t ds_posmap_builder_finish(ds_posmap_builder_t *b, ds_buf_t *out)
{
    put_checkpoints(b, b->ntok);
    ds_varint_put(out, DS_POSMAP_FORMAT);
    ds_varint_put(out, b->k);
    ds_varint_put(out, b->base);
    ds_varint_put(out, b->ntok);
    ds_buf_append(out, b->chk.data, b->chk.len);
    return ds_buf_ok(&b->chk) && ds_buf_ok(out) ? DS_OK : DS_ERR_NOMEM;
}

void ds_posmap_builder_release(ds_posmap_builder_t *b)
{
    if (b)
        ds_buf_release(&b->chk);
}

ds_status_t ds_posmap_encode_text(const char *text, size_t len, uint32_t k, uint32_t base,
                                  ds_buf_t *out)
{
    ds_posmap_builder_t b;
    an_tokenizer_t tk;
    an_token_t tok;
    int r;
    ds_posmap_builder_init(&b, k, base);
    an_tokenizer_init(&tk, text, len);
    while ((r = an_tokenizer_next(&tk, &tok)) == 1)
        ds_posmap_builder_token(&b, &tok);
    ds_status_t rc = r < 0 ? (ds_status_t)-r : ds_posmap_builder_finish(&b, out);
    an_tokenizer_release(&tk);
    ds_posmap_builder_release(&b);
    return rc;
}

/* ---- parsing ----------------------------------------------------------------------- */

/* The header: format, k, base, ntok. 0, or -1 if it is not one this build writes. */
static int parse_header(const unsigned char **p, const unsigned char *end, ds_posmap_t *m)
{
    uint64_t v[4];
    for (int i = 0; i < 4; i++)
        if (ds_varint_get(p, end, &v[i]) != 0)
            return -1;
    if (v[0] != DS_POSMAP_FORMAT || v[1] < 1 || v[1] > DS_POSMAP_K_MAX || v[2] > UINT32_MAX ||
        v[3] > UINT32_MAX - v[2])
        return -1;
    m->k = (uint32_t)v[1];
    m->base = (uint32_t)v[2];
    m->ntok = (uint32_t)v[3];
    m->n = m->ntok ? (m->ntok - 1) / m->k : 0;
    return 0;
}

/* The checkpoints, in order: offsets never go back, a restart point's position neither
 * (it may be the previous checkpoint's, inside one long whole). 0, or -1. */
static int parse_checkpoints(const unsigned char **p, const unsigned char *end, ds_posmap_t *m)
{
    size_t off = 0;
    uint32_t pos = 0;
    for (size_t i = 0; i < m->n; i++) {
        uint64_t v, back = 0;
        uint64_t at = (uint64_t)(i + 1) * m->k;
        if (ds_varint_get(p, end, &v) != 0 || ((v & 1) && ds_varint_get(p, end, &back) != 0))
            return -1;
        if ((v & 1) && back == 0)
            return -1; /* the flag says a back follows: never 0 */
        if (v >> 1 > SIZE_MAX - off || back > at || at - back < pos)
            return -1;
        off += (size_t)(v >> 1);
        pos = (uint32_t)(at - back);
        m->off[i] = off;
        m->pos[i] = pos;
    }
    return *p == end ? 0 : -1;
}

ds_status_t ds_posmap_parse(const char *data, size_t len, ds_posmap_t **out)
{
    *out = NULL;
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    ds_posmap_t *m = calloc(1, sizeof *m);
    if (!m)
        return DS_ERR_NOMEM;
    if (!data || parse_header(&p, end, m) != 0 || m->n > len) { /* >= 1 byte each */
        ds_posmap_free(m);
        return DS_ERR_CORRUPT;
    }
    m->off = malloc((m->n ? m->n : 1) * sizeof *m->off);
    m->pos = malloc((m->n ? m->n : 1) * sizeof *m->pos);
    if (!m->off || !m->pos) {
        ds_posmap_free(m);
        return DS_ERR_NOMEM;
    }
    if (parse_checkpoints(&p, end, m) != 0) {
        ds_posmap_free(m);
        return DS_ERR_CORRUPT;
    }
    *out = m;
    return DS_OK;
}

void ds_posmap_free(ds_posmap_t *m)
{
    if (!m)
        return;
    free(m->off);
    free(m->pos);
    free(m);
}

uint32_t ds_posmap_base(const ds_posmap_t *m)
{
    return m->base;
}
uint32_t ds_posmap_ntok(const ds_posmap_t *m)
{
    return m->ntok;
}
uint32_t ds_posmap_k(const ds_posmap_t *m)
{
    return m->k;
}

/* ---- lookups ----------------------------------------------------------------------- */

void ds_posmap_set_reader(ds_posmap_t *m, ds_posmap_reader_fn fn, void *ctx)
{
    m->reader = fn;
    m->reader_ctx = ctx;
}

/* The restart point after every token at positions up to last + 1: the first checkpoint
 * from first's on whose restart position is past last + 1 (the tokens before it end
 * before it: a restart point is where a word or a whole begins), or len. */
static size_t window_end(const ds_posmap_t *m, size_t len, size_t k, uint32_t last)
{
    for (size_t j = k; j < m->n; j++)
        if (m->pos[j] > (uint64_t)last + 1)
            return m->off[j] + WINDOW_MARGIN < len ? m->off[j] + WINDOW_MARGIN : len;
    return len;
}

ds_status_t ds_posmap_need(const ds_posmap_t *m, size_t len, uint32_t first, uint32_t last)
{
    if (!m->reader || first >= m->ntok)
        return DS_OK; /* the seek itself tells a position out of range */
    size_t k = first / m->k;
    size_t lo = k ? m->off[k - 1] : 0;
    if (lo > len)
        return DS_OK; /* the seek tells: DS_ERR_CORRUPT */
    last = last < first ? first : last;
    return m->reader(m->reader_ctx, lo, window_end(m, len, last / m->k, last));
}

ds_status_t ds_posmap_seek(const ds_posmap_t *m, const char *text, size_t len, uint32_t pos,
                           an_tokenizer_t *tk)
{
    an_tokenizer_init(tk, text, 0);
    if (pos >= m->ntok)
        return DS_ERR_RANGE;
    size_t k = pos / m->k;
    size_t off = k ? m->off[k - 1] : 0;
    if (off > len)
        return DS_ERR_CORRUPT;
    an_tokenizer_init_at(tk, text, len, off, k ? m->pos[k - 1] : 0);
    return DS_OK;
}

ds_status_t ds_posmap_span(const ds_posmap_t *m, const char *text, size_t len, uint32_t pos,
                           size_t *start, size_t *end)
{
    an_tokenizer_t tk;
    an_token_t tok;
    int r = 0;
    *start = *end = 0;
    ds_status_t rc = ds_posmap_need(m, len, pos, pos);
    if (rc != DS_OK)
        return rc;
    rc = ds_posmap_seek(m, text, len, pos, &tk);
    while (rc == DS_OK && (r = an_tokenizer_next(&tk, &tok)) == 1) {
        if (tok.pos >= pos)
            break; /* positions never decrease along the text */
    }
    if (rc == DS_OK && r < 0)
        rc = (ds_status_t)-r;
    else if (rc == DS_OK && (r == 0 || tok.pos != pos))
        rc = DS_ERR_CORRUPT; /* the text ended, or skipped pos: not the map's text */
    if (rc == DS_OK) {
        *start = tok.start;
        *end = tok.end;
    }
    an_tokenizer_release(&tk);
    return rc;
}
