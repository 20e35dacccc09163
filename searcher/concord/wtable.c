/*
 * wtable.c - the counting table of words (see wtable.h): open addressing, linear
 * probing, kept at most half full.
 */
#include "wtable.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

static wt_entry_t *find(wt_table_t *t, const char *term, size_t len)
{
    size_t i = (size_t)ds_hash64(term, len) & (t->cap - 1);
    for (;; i = (i + 1) & (t->cap - 1)) {
        wt_entry_t *e = &t->v[i];
        if (!e->term || (e->len == len && memcmp(t->arena.data + e->term, term, len) == 0))
            return e;
    }
}

static ds_status_t grow(wt_table_t *t)
{
    size_t cap = t->cap ? 2 * t->cap : 1024;
    wt_entry_t *old = t->v;
    size_t oldcap = t->cap;
    if (!(t->v = calloc(cap, sizeof *t->v))) {
        t->v = old;
        return DS_ERR_NOMEM;
    }
    t->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].term)
            *find(t, t->arena.data + old[i].term, old[i].len) = old[i];
    free(old);
    if (!t->arena.len)
        ds_buf_putc(&t->arena, '\0');
    return ds_buf_ok(&t->arena) ? DS_OK : DS_ERR_NOMEM;
}

ds_status_t wt_add(wt_table_t *t, const char *term, size_t len, uint64_t n, wt_entry_t **out)
{
    if ((t->used + 1) * 2 > t->cap && grow(t) != DS_OK)
        return DS_ERR_NOMEM;
    wt_entry_t *e = find(t, term, len);
    if (!e->term) {
        e->term = t->arena.len;
        e->len = len;
        ds_buf_append(&t->arena, term, len);
        ds_buf_putc(&t->arena, '\0');
        t->used++;
    }
    e->count += n;
    if (out)
        *out = e;
    return ds_buf_ok(&t->arena) ? DS_OK : DS_ERR_NOMEM;
}

const wt_entry_t *wt_get(const wt_table_t *t, const char *term, size_t len)
{
    if (!t->cap)
        return NULL;
    const wt_entry_t *e = find((wt_table_t *)t, term, len);
    return e->term ? e : NULL;
}

const char *wt_word(const wt_table_t *t, const wt_entry_t *e)
{
    return t->arena.data + e->term;
}

void wt_release(wt_table_t *t)
{
    free(t->v);
    ds_buf_release(&t->arena);
    memset(t, 0, sizeof *t);
}
