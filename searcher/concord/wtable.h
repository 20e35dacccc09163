/*
 * wtable.h - a counting table of words: a hash from a folded term to its counts, the
 * terms kept in one arena. Shared by collocates.c (observed counts) and words.c
 * (frequencies and documents).
 */
#ifndef SQ_WTABLE_H
#define SQ_WTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

typedef struct wt_entry {
    size_t term; /* offset in the arena; 0 = empty slot (the arena starts with a NUL) */
    size_t len;
    uint64_t count; /* the sum of what wt_add added */
    uint64_t docs;  /* the caller's second counter (wt_add leaves it alone) */
} wt_entry_t;

/* A zeroed table is empty; release with wt_release. Iterate v[0 .. cap) skipping the
 * entries whose term is 0. */
typedef struct wt_table {
    wt_entry_t *v;
    size_t cap, used; /* slots, entries in use */
    ds_buf_t arena;
} wt_table_t;

/* Add n to term[0..len)'s count (the entry made at 0 if new); *e (may be NULL) gets the
 * entry, valid until the next wt_add. Returns DS_OK or DS_ERR_NOMEM (the table unchanged
 * but usable). */
ds_status_t wt_add(wt_table_t *t, const char *term, size_t len, uint64_t n, wt_entry_t **e);

/* The entry of term[0..len), or NULL when the table has none. */
const wt_entry_t *wt_get(const wt_table_t *t, const char *term, size_t len);

/* The NUL-terminated term of an entry in use. */
const char *wt_word(const wt_table_t *t, const wt_entry_t *e);

void wt_release(wt_table_t *t);

#endif
