/*
 * matchpos.c - mt_find_positions: the occurrences mt_find would find, from the index's
 * position lists instead of the text (see match.h).
 *
 *   terms .............. mt_term_flags, mt_nterms, mt_term
 *   hits ............... collect: (position, unit, slot) of every usable term position;
 *                        doubts: when positions cannot stand for start bytes
 *   units .............. term_unit, phrase_unit, near_unit on per-slot position lists
 *   results ............ sort and dedupe exactly as mt_find's dedupe does
 *
 * The text path matches tokens; here a token is its position. That is exact because
 * within a document the start bytes of tokens grow with their positions, and tokens at
 * one position share their start (a compound's whole and first part, a possessive and
 * its word) -- all but a footnote marker, the one token that takes the position of the
 * token before it. So a hit is a (position, unit, slot), duplicates merged, and each
 * rule of match.c is read over positions: PHRASE's greedy "first hit of the next slot
 * after the previous position, within the window", NEAR's "nearest hit of each slot,
 * the earlier on a tie, never at the first slot's position".
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "match.h"
#include "match_int.h"
#include "termgen.h"

/* A slot's hits: ph[at .. at + n), positions ascending and distinct. */
typedef struct pspan {
    size_t at, n;
} pspan_t;

typedef struct posoccs {
    mt_posocc_t *v;
    size_t n, cap;
} posoccs_t;

/* ---- terms ---------------------------------------------------------------------- */

/* an_term_fit()'s cut: a head, '#' and 16 hex digits, the whole near the limit. */
static int is_fitted(const char *t, size_t len)
{
    if (len < AN_XAPIAN_TERM_MAX - 17 - 3 || len > AN_XAPIAN_TERM_MAX || t[len - 17] != '#')
        return 0;
    for (size_t i = len - 16; i < len; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
            return 0;
    return 1;
}

unsigned mt_term_flags(const char *term, size_t len)
{
    unsigned f = tg_term_is_stemmed(term, len) ? MT_TERM_STEMMED : 0;
    size_t digits = 0;
    while (digits < len && term[digits] >= '0' && term[digits] <= '9')
        digits++;
    if (len && digits == len)
        f |= MT_TERM_DIGITS;
    return f | (is_fitted(term, len) ? MT_TERM_FITTED : 0);
}

size_t mt_nterms(const mt_matcher_t *m)
{
    return m->used;
}

const char *mt_term(const mt_matcher_t *m, size_t i, size_t *len)
{
    if (len)
        *len = i < m->used ? m->terms[i].len : 0;
    return i < m->used ? m->terms[i].term : "";
}

/* ---- hits ----------------------------------------------------------------------- */

static ds_status_t reserve_hits(mt_matcher_t *m, const mt_termpos_t *tp, size_t *need)
{
    *need = 0;
    for (size_t t = 0; t < m->used; t++)
        for (int r = m->terms[t].first_ref; r >= 0; r = m->refs[r].next)
            *need += tp[t].n;
    phit_t *grown = ds_grow(m->ph, &m->capph, *need ? *need : 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    m->ph = grown;
    return DS_OK;
}

/* Whether term t's positions in this document can stand for its tokens. */
static int term_doubtful(const mt_term_t *t, const mt_termpos_t *tp)
{
    return tp->n && ((t->flags & MT_TERM_FITTED) || tp->wdf > tp->n);
}

/* Every position of every term, once per ref that counts it, into m->ph; *n hits.
 * *digits: some digits-only term has a hit (collisions must then be looked for). */
static int collect(mt_matcher_t *m, const mt_termpos_t *tp, size_t *n, int *digits)
{
    *n = 0;
    *digits = 0;
    for (size_t t = 0; t < m->used; t++) {
        const mt_term_t *term = &m->terms[t];
        if (term_doubtful(term, &tp[t]))
            return 0;
        for (int r = term->first_ref; r >= 0; r = m->refs[r].next) {
            const ref_t *ref = &m->refs[r];
            if (ref->stemmed_only && !(term->flags & MT_TERM_STEMMED))
                continue; /* mt_find keeps only stemmed tokens for a stem's slot */
            for (size_t i = 0; i < tp[t].n; i++)
                m->ph[(*n)++] = (phit_t){tp[t].pos[i], ref->unit, ref->slot, t};
            *digits |= tp[t].n && (term->flags & MT_TERM_DIGITS);
        }
    }
    return 1;
}

static int by_pos_term(const void *a, const void *b)
{
    const phit_t *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return (x->term > y->term) - (x->term < y->term);
}

/* 1 if a digits-only term shares a position with another term of the query. */
static int digits_collide(const mt_matcher_t *m, phit_t *ph, size_t n)
{
    qsort(ph, n, sizeof *ph, by_pos_term);
    for (size_t i = 1; i < n; i++)
        if (ph[i].pos == ph[i - 1].pos && ph[i].term != ph[i - 1].term &&
            ((m->terms[ph[i].term].flags | m->terms[ph[i - 1].term].flags) & MT_TERM_DIGITS))
            return 1;
    return 0;
}

static int by_unit_slot_pos(const void *a, const void *b)
{
    const phit_t *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Sort the hits by (unit, slot, position), merge equal ones, and point each (unit,
 * slot) span at its own (spans are numbered unit by unit, slot by slot). */
static void make_spans(mt_matcher_t *m, size_t *n)
{
    qsort(m->ph, *n, sizeof *m->ph, by_unit_slot_pos);
    size_t out = 0;
    for (size_t i = 0; i < *n; i++)
        if (out == 0 || by_unit_slot_pos(&m->ph[out - 1], &m->ph[i]) != 0)
            m->ph[out++] = m->ph[i];
    *n = out;
    memset(m->spans, 0, m->nspans * sizeof *m->spans);
    size_t base = 0, i = 0;
    for (size_t u = 0; u < m->nunits; base += m->units[u++].nslots)
        for (size_t s = 0; s < m->units[u].nslots; s++) {
            pspan_t *sp = &m->spans[base + s];
            sp->at = i;
            while (i < out && m->ph[i].unit == u && m->ph[i].slot == s)
                i++;
            sp->n = i - sp->at;
        }
}

static ds_status_t need_spans(mt_matcher_t *m)
{
    if (m->spans)
        return DS_OK;
    size_t total = 0;
    for (size_t u = 0; u < m->nunits; u++)
        total += m->units[u].nslots;
    m->spans = calloc(total ? total : 1, sizeof *m->spans);
    m->nspans = total;
    return m->spans ? DS_OK : DS_ERR_NOMEM;
}

/* ---- units ---------------------------------------------------------------------- */

static ds_status_t push(posoccs_t *o, uint32_t first, uint32_t last, unsigned unit)
{
    mt_posocc_t *grown = ds_grow(o->v, &o->cap, o->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    o->v = grown;
    o->v[o->n++] = (mt_posocc_t){first, last, unit};
    return DS_OK;
}

/* The first index of span sp whose position is > p (strict) or >= p. */
static size_t bound(const phit_t *ph, const pspan_t *sp, uint32_t p, int strict)
{
    size_t lo = 0, hi = sp->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t q = ph[sp->at + mid].pos;
        if (strict ? q <= p : q < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* match.c's match_phrase: each next slot at its first position after the previous
 * one, all within window positions of the first. */
static ds_status_t phrase_unit(const mt_matcher_t *m, const pspan_t *sp, const mt_unit_t *u,
                               unsigned ui, posoccs_t *o)
{
    ds_status_t rc = DS_OK;
    uint64_t window = u->window ? u->window : (uint32_t)u->nslots;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++) {
        uint32_t p0 = m->ph[sp[0].at + i].pos, prev = p0;
        uint64_t last_allowed = (uint64_t)p0 + window - 1;
        int ok = 1;
        for (size_t s = 1; s < u->nslots && ok; s++) {
            size_t j = bound(m->ph, &sp[s], prev, 1);
            ok = j < sp[s].n && m->ph[sp[s].at + j].pos <= last_allowed;
            if (ok)
                prev = m->ph[sp[s].at + j].pos;
        }
        if (ok)
            rc = push(o, p0, prev, ui);
    }
    return rc;
}

/* match.c's nearest_hit: the position of span sp closest to p, the lower on a tie;
 * 0 if the span is empty. */
static int nearest(const phit_t *ph, const pspan_t *sp, uint32_t p, uint32_t *at)
{
    size_t j = bound(ph, sp, p, 0);
    if (sp->n == 0)
        return 0;
    if (j == sp->n || (j > 0 && p - ph[sp->at + j - 1].pos <= ph[sp->at + j].pos - p))
        j--; /* below p, and no farther than the one at or above it */
    *at = ph[sp->at + j].pos;
    return 1;
}

/* match.c's match_near: every other slot's nearest position, not the first's own, and
 * all of them within the window. */
static ds_status_t near_unit(const mt_matcher_t *m, const pspan_t *sp, const mt_unit_t *u,
                             unsigned ui, posoccs_t *o)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++) {
        uint32_t p0 = m->ph[sp[0].at + i].pos, lo = p0, hi = p0, q = 0;
        int ok = 1;
        for (size_t s = 1; s < u->nslots && ok; s++) {
            ok = nearest(m->ph, &sp[s], p0, &q) && q != p0;
            lo = ok && q < lo ? q : lo;
            hi = ok && q > hi ? q : hi;
        }
        if (ok && hi - lo < u->window)
            rc = push(o, lo, hi, ui);
    }
    return rc;
}

static ds_status_t match_unit(const mt_matcher_t *m, const pspan_t *sp, unsigned ui, posoccs_t *o)
{
    const mt_unit_t *u = &m->units[ui];
    if (u->nslots == 0)
        return DS_OK;
    if (u->kind == MT_PHRASE && u->nslots > 1)
        return phrase_unit(m, sp, u, ui, o);
    if (u->kind == MT_NEAR && u->nslots > 1)
        return near_unit(m, sp, u, ui, o);
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++)
        rc = push(o, m->ph[sp[0].at + i].pos, m->ph[sp[0].at + i].pos, ui);
    return rc;
}

/* ---- results -------------------------------------------------------------------- */

static int posocc_cmp(const void *a, const void *b)
{
    const mt_posocc_t *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->last != y->last)
        return x->last > y->last ? -1 : 1; /* longest first */
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* One per (unit, first): the longest, as match.c's dedupe keeps one per (unit, start). */
static void dedupe(posoccs_t *o)
{
    if (o->n)
        qsort(o->v, o->n, sizeof *o->v, posocc_cmp);
    size_t out = 0;
    for (size_t i = 0; i < o->n; i++) {
        int dup = 0;
        for (size_t k = out; k-- > 0 && o->v[k].first == o->v[i].first;)
            dup |= o->v[k].unit == o->v[i].unit;
        if (!dup)
            o->v[out++] = o->v[i];
    }
    o->n = out;
}

/* Hits into spans; 0 in *exact when the positions cannot be trusted (see match.h). */
static ds_status_t prepare(mt_matcher_t *m, const mt_termpos_t *tp, int *exact)
{
    size_t n;
    int digits;
    ds_status_t rc = need_spans(m);
    if (rc == DS_OK)
        rc = reserve_hits(m, tp, &n);
    if (rc != DS_OK)
        return rc;
    *exact = collect(m, tp, &n, &digits) && !(digits && digits_collide(m, m->ph, n));
    if (*exact)
        make_spans(m, &n);
    return DS_OK;
}

ds_status_t mt_find_positions(mt_matcher_t *m, const mt_termpos_t *tp, mt_posocc_t **occ, size_t *n,
                              int *exact)
{
    *occ = NULL;
    *n = 0;
    *exact = 1;
    posoccs_t o = {0};
    ds_status_t rc = prepare(m, tp, exact);
    if (rc != DS_OK || !*exact)
        return rc;
    for (size_t u = 0, base = 0; u < m->nunits && rc == DS_OK; base += m->units[u++].nslots)
        rc = match_unit(m, &m->spans[base], (unsigned)u, &o);
    if (rc != DS_OK) {
        free(o.v);
        return rc;
    }
    dedupe(&o);
    *occ = o.n ? o.v : NULL;
    *n = o.n;
    if (!o.n)
        free(o.v);
    return DS_OK;
}
