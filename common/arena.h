/*
 * arena.h - a bump allocator for many small objects that all die together (a region, as
 * in Hanson's "Fast allocation and deallocation of memory based on object lifetimes",
 * APR's pools and GNU obstack): a parsed query, a parsed report.
 *
 * Invariants: a zeroed ds_arena_t (DS_ARENA_INIT) is an empty arena. Memory comes from
 * a list of malloc'd chunks, newest first; a chunk is at least DS_ARENA_CHUNK_MIN bytes
 * and each new one at least twice the previous (up to DS_ARENA_CHUNK_MAX), so a small
 * arena stays small and a large one makes few mallocs. An allocation larger than the
 * chunk in use gets a chunk of its own. Every block handed out is zeroed, aligned for
 * any type (max_align_t) and lives until ds_arena_release; blocks are never freed one
 * by one. Failure is sticky: once an allocation fails (out of memory, or a size that
 * overflows), a->failed is set and every later allocation returns NULL, so a caller may
 * allocate many times and check once (ds_arena_ok) -- the same trick as ds_buf_t.
 */
#ifndef DS_ARENA_H
#define DS_ARENA_H

#include <stddef.h>

typedef struct ds_arena_chunk ds_arena_chunk_t;

typedef struct ds_arena {
    ds_arena_chunk_t *head; /* chunk being filled, then older ones; NULL when empty */
    size_t next_cap;        /* capacity of the next chunk (0: DS_ARENA_CHUNK_MIN) */
    size_t nchunks;         /* chunks in the list (statistics, tests) */
    int failed;             /* sticky: an allocation failed */
} ds_arena_t;

#define DS_ARENA_INIT {NULL, 0, 0, 0}

#define DS_ARENA_CHUNK_MIN ((size_t)4096)
#define DS_ARENA_CHUNK_MAX ((size_t)1 << 20)

/* Make a an empty arena (the same as DS_ARENA_INIT). */
void ds_arena_init(ds_arena_t *a);
/* n zeroed bytes aligned for any type, or NULL (and a->failed set) when memory runs out
 * or n is absurd (> SIZE_MAX / 2). n == 0 gives a valid, distinct pointer. NULL if a is
 * NULL or has failed before. */
void *ds_arena_alloc(ds_arena_t *a, size_t n);
/* A zeroed array of n elements of size bytes each; NULL on failure or when n * size
 * overflows (failed set). */
void *ds_arena_array(ds_arena_t *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..n) (s may be NULL when n == 0: gives ""), or NULL. */
char *ds_arena_strndup(ds_arena_t *a, const char *s, size_t n);
/* 1 if no allocation has failed since init/release; 0 for NULL. */
int ds_arena_ok(const ds_arena_t *a);
/* Free every block at once; a becomes an empty arena (failed cleared). Accepts NULL. */
void ds_arena_release(ds_arena_t *a);

#endif
