/*
 * matchmap.c - mt_find_mapped: mt_find's occurrences in a prefix of a stored text, from
 * the tokens at the positions the index gives (see match.h).
 *
 *   targets ............ the text positions of the query's terms in the document,
 *                        ascending and distinct
 *   walking ............ one tokenizer, started at a checkpoint (ds_posmap_seek) and
 *                        moved on while the next target is near, else restarted;
 *                        each target's window of the text read first (ds_posmap_need)
 *   entry point ........ mt_find_mapped
 *
 * Why it is exact. mt_find keeps only the tokens whose term serves a (unit, slot)
 * (mt_token_hits), and every such token stands in the index at base + its position
 * (termgen indexes every body token's term at its position). So reading every token
 * at those positions -- all of them, whole forms, parts and markers alike -- gives the
 * very hits mt_find collects, in the same (token) order, and mt_occs_of_hits turns them
 * into the same occurrences. A prefix text[0..end) ending at white space has exactly
 * the text's tokens that start before end: no token holds white space, and the
 * tokenizer looks at no byte after a white space to decide a token before it.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "match.h"
#include "match_int.h"

typedef struct walker {
    const ds_posmap_t *map;
    const char *text;
    size_t len, end;
    an_tokenizer_t tk;
    int open;       /* tk holds a tokenizer (to release) */
    int have;       /* tok was read and not yet used: the first past the last target */
    int stop;       /* a token at or after end, or the text's end: nothing more to read */
    an_token_t tok; /* its term is valid until the next an_tokenizer_next */
} walker_t;

/* ---- targets -------------------------------------------------------------------- */

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The distinct text positions of every term in tp into a malloc'd *out (*n of them);
 * *inside = 0 if one lies outside the map's text (the record and index disagree). */
static ds_status_t targets(const mt_matcher_t *m, const mt_termpos_t *tp, const ds_posmap_t *map,
                           uint32_t **out, size_t *n, int *inside)
{
    size_t need = 0;
    for (size_t t = 0; t < mt_nterms(m); t++)
        need += tp[t].n;
    uint32_t *v = malloc((need ? need : 1) * sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    uint32_t base = ds_posmap_base(map), ntok = ds_posmap_ntok(map);
    size_t k = 0;
    for (size_t t = 0; t < mt_nterms(m); t++)
        for (size_t i = 0; i < tp[t].n; i++) {
            uint32_t p = tp[t].pos[i];
            *inside &= p >= base && p - base < ntok;
            v[k++] = p - base;
        }
    if (k)
        qsort(v, k, sizeof *v, u32_cmp);
    size_t d = 0;
    for (size_t i = 0; i < k; i++)
        if (d == 0 || v[d - 1] != v[i])
            v[d++] = v[i];
    *out = v;
    *n = d;
    return DS_OK;
}

/* ---- walking -------------------------------------------------------------------- */

/* Restart the tokenizer at p's checkpoint. DS_ERR_RANGE or DS_ERR_CORRUPT when the map
 * does not answer for this text. */
static ds_status_t reseek(walker_t *w, uint32_t p)
{
    if (w->open)
        an_tokenizer_release(&w->tk);
    w->open = 1;
    w->have = 0;
    return ds_posmap_seek(w->map, w->text, w->len, p, &w->tk);
}

/* Whether reaching p from where the tokenizer stands costs more than restarting at p's
 * checkpoint (at most K - 1 positions before p). */
static int far(const walker_t *w, uint32_t p, uint32_t at)
{
    return !w->open || p - at >= ds_posmap_k(w->map);
}

/* The hits of every token at text position p, tokens before it passed over. */
static ds_status_t visit(const mt_matcher_t *m, walker_t *w, uint32_t p, hits_t *h)
{
    ds_status_t rc = DS_OK;
    while (rc == DS_OK && !w->stop) {
        if (!w->have) {
            int r = an_tokenizer_next(&w->tk, &w->tok);
            if (r < 0)
                return (ds_status_t)-r;
            w->stop = r == 0;
            w->have = r == 1;
            continue;
        }
        if (w->tok.pos > p)
            break; /* kept for the next target */
        w->have = 0;
        if (w->tok.pos < p)
            continue;
        if (w->tok.start >= w->end)
            w->stop = 1; /* the prefix ends before it: mt_find never sees it */
        else
            rc = mt_token_hits(m, &w->tok, h);
    }
    return rc;
}

/* Every hit at the targets v[0..n) that starts before w->end, in token order. */
static ds_status_t walk(const mt_matcher_t *m, walker_t *w, const uint32_t *v, size_t n, hits_t *h)
{
    ds_status_t rc = DS_OK;
    uint32_t at = 0;
    for (size_t i = 0; i < n && rc == DS_OK && !w->stop; i++) {
        if (w->have && w->tok.pos > v[i])
            continue; /* no token at v[i] */
        rc = ds_posmap_need(w->map, w->len, v[i], v[i]); /* its window of the text */
        if (rc == DS_OK && far(w, v[i], w->have ? w->tok.pos : at))
            rc = reseek(w, v[i]);
        if (rc == DS_OK)
            rc = visit(m, w, v[i], h);
        at = v[i];
    }
    if (w->open)
        an_tokenizer_release(&w->tk);
    return rc;
}

/* ---- entry point ---------------------------------------------------------------- */

/* mt_find_positions' verdict: whether the positions may stand for the tokens. */
static ds_status_t trusted(mt_matcher_t *m, const mt_termpos_t *tp, int *exact)
{
    mt_posocc_t *po = NULL;
    size_t npo = 0;
    ds_status_t rc = mt_find_positions(m, tp, &po, &npo, exact);
    free(po);
    return rc;
}

ds_status_t mt_find_mapped(mt_matcher_t *m, const mt_termpos_t *tp, const ds_posmap_t *map,
                           const char *text, size_t len, size_t end, mt_occ_t **occ, size_t *n,
                           int *exact)
{
    *occ = NULL;
    *n = 0;
    uint32_t *v = NULL;
    size_t nv = 0;
    ds_status_t rc = trusted(m, tp, exact);
    if (rc == DS_OK && *exact)
        rc = targets(m, tp, map, &v, &nv, exact);
    if (rc != DS_OK || !*exact) {
        free(v);
        return rc;
    }
    walker_t w = {.map = map, .text = text, .len = len, .end = end < len ? end : len};
    hits_t h = {0};
    rc = walk(m, &w, v, nv, &h);
    if (rc == DS_ERR_RANGE || rc == DS_ERR_CORRUPT) {
        *exact = 0; /* the map is not this text's: the text will tell */
        rc = DS_OK;
    } else if (rc == DS_OK) {
        rc = mt_occs_of_hits(m, &h, occ, n);
    }
    free(h.v);
    free(v);
    return rc;
}
