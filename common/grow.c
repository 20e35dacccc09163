/*
 * grow.c - growable arrays (see grow.h).
 */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *ds_grow(void *v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap && v)
        return v;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return NULL;
        c *= 2;
    }
    if (elem && c > SIZE_MAX / elem)
        return NULL;
    size_t bytes = c * elem;
    void *nv = realloc(v, bytes ? bytes : 1);
    if (nv)
        *cap = c;
    return nv;
}
