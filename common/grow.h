/*
 * grow.h - the project's one growable-array step.
 *
 * An array is a typed pointer plus a count and a capacity the caller keeps
 * (`T *v; size_t n, cap;`). Before storing element n:
 *
 *     T *nv = ds_grow(v, &cap, n + 1, sizeof *v);
 *     if (!nv)
 *         return DS_ERR_NOMEM;        (v and cap unchanged and still valid)
 *     v = nv;
 *     v[n++] = item;
 *
 * The capacity doubles (from 8), so appending n elements costs O(n) copies. The new
 * slots are not zeroed.
 */
#ifndef DS_GROW_H
#define DS_GROW_H

#include <stddef.h>

/* v (NULL for an empty array) with room for at least need elements of elem bytes:
 * v itself when *cap already suffices, else the moved array with *cap updated. NULL
 * when memory ran out or need * elem overflows; v and *cap are then unchanged. */
void *ds_grow(void *v, size_t *cap, size_t need, size_t elem);

#endif
