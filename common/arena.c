#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ds_arena_chunk {
    ds_arena_chunk_t *next;
    size_t used, cap; /* bytes of data in use / available */
    alignas(max_align_t) unsigned char data[];
};

#define ALIGN (alignof(max_align_t))

void ds_arena_init(ds_arena_t *a)
{
    if (a)
        memset(a, 0, sizeof *a);
}

/* A new chunk of at least need bytes: the head (when it is the normal next size) or,
 * for an outsized block, a chunk linked behind the head so the head's room stays in use. */
static ds_arena_chunk_t *new_chunk(ds_arena_t *a, size_t need)
{
    size_t cap = a->next_cap ? a->next_cap : DS_ARENA_CHUNK_MIN;
    int own = need > cap;
    if (own)
        cap = need;
    if (cap > SIZE_MAX - sizeof(ds_arena_chunk_t))
        return NULL;
    ds_arena_chunk_t *c = malloc(sizeof *c + cap);
    if (!c)
        return NULL;
    c->used = 0;
    c->cap = cap;
    a->nchunks++;
    if (own && a->head) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = a->head;
        a->head = c;
        if (!own && cap < DS_ARENA_CHUNK_MAX)
            a->next_cap = cap * 2;
    }
    return c;
}

void *ds_arena_alloc(ds_arena_t *a, size_t n)
{
    if (!a || a->failed)
        return NULL;
    if (n > SIZE_MAX / 2) {
        a->failed = 1;
        return NULL;
    }
    size_t need = n ? (n + ALIGN - 1) / ALIGN * ALIGN : ALIGN;
    ds_arena_chunk_t *c = a->head;
    if (!c || c->cap - c->used < need) {
        c = new_chunk(a, need);
        if (!c) {
            a->failed = 1;
            return NULL;
        }
    }
    void *p = c->data + c->used;
    c->used += need;
    memset(p, 0, need);
    return p;
}

void *ds_arena_array(ds_arena_t *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / 2 / size) {
        if (a)
            a->failed = 1;
        return NULL;
    }
    return ds_arena_alloc(a, n * size);
}

char *ds_arena_strndup(ds_arena_t *a, const char *s, size_t n)
{
    if (!s && n) {
        if (a)
            a->failed = 1;
        return NULL;
    }
    char *p = ds_arena_alloc(a, n < SIZE_MAX ? n + 1 : n);
    if (p && n)
        memcpy(p, s, n);
    return p; /* zeroed: p[n] is already '\0' */
}

int ds_arena_ok(const ds_arena_t *a)
{
    return a && !a->failed;
}

void ds_arena_release(ds_arena_t *a)
{
    if (!a)
        return;
    ds_arena_chunk_t *c = a->head;
    while (c) {
        ds_arena_chunk_t *next = c->next;
        free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}
