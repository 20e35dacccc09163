/*
 * kwsample.c - the line numbers of a reproducible sample of KWIC lines (--sample N
 * --seed S; kwic.h, section 4): splitmix64 as the generator, Floyd's algorithm to
 * choose N distinct numbers of [0, total) with N draws, whatever the total.
 *
 * Why not rand(): its sequence differs between C libraries, and a sample must be the
 * same wherever the same index is asked the same question. splitmix64 (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", 2014; the seeding generator
 * of xoshiro) is fully specified in six lines and passes BigCrush.
 */
#include "kwic.h"

#include <stdlib.h>

uint64_t kw_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A uniform number of [0, bound) (bound > 0): draws below 2^64 mod bound are
 * rejected so that every value is equally likely. */
static uint64_t below(uint64_t *state, uint64_t bound)
{
    uint64_t threshold = (0 - bound) % bound, x;
    while ((x = kw_splitmix64(state)) < threshold)
        ;
    return x % bound;
}

/* An open-addressing set of the numbers chosen so far (cap a power of two, > 2n). */
typedef struct pick_set {
    uint64_t *v; /* value + 1; 0 is empty */
    size_t cap;
} pick_set_t;

/* Add x; returns 0 if it was there already. */
static int set_add(pick_set_t *s, uint64_t x)
{
    uint64_t h = x;
    size_t i = (size_t)(kw_splitmix64(&h) & (s->cap - 1));
    for (; s->v[i]; i = (i + 1) & (s->cap - 1))
        if (s->v[i] == x + 1)
            return 0;
    s->v[i] = x + 1;
    return 1;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

ds_status_t kw_sample_pick(uint64_t total, uint64_t n, uint64_t seed, uint64_t **pick,
                           size_t *npick)
{
    *pick = NULL;
    *npick = 0;
    if (n > total)
        n = total;
    if (n == 0)
        return DS_OK;
    pick_set_t s = {NULL, 16};
    while (s.cap <= 2 * n)
        s.cap *= 2;
    uint64_t *v = malloc((size_t)n * sizeof *v);
    s.v = calloc(s.cap, sizeof *s.v);
    if (!v || !s.v) {
        free(v);
        free(s.v);
        return DS_ERR_NOMEM;
    }
    uint64_t state = seed;
    size_t k = 0;
    for (uint64_t j = total - n; j < total; j++) { /* Floyd: one draw per number */
        uint64_t t = below(&state, j + 1);
        if (!set_add(&s, t)) { /* chosen before: j, which no earlier draw could reach */
            t = j;
            set_add(&s, t);
        }
        v[k++] = t;
    }
    free(s.v);
    qsort(v, k, sizeof *v, u64_cmp);
    *pick = v;
    *npick = k;
    return DS_OK;
}
