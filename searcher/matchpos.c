/*
 * matchpos.c - mt_find_positions: the occurrences mt_find would find, from the index's
 * position lists instead of the text (see match.h).
 *
 *   terms .............. mt_term_flags, mt_nterms, mt_term
 *   spans .............. per (unit, slot): the terms serving it (once per matcher) and
 *                        their positions in the document (one list as it is, or a union)
 *   doubts ............. when positions cannot stand for start bytes
 *   units .............. phrase_unit, near_unit, match_unit on the spans
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

/* A (unit, slot): the terms that serve it (m->sterms[tfirst .. tfirst + tcount)), and
 * in the current document its positions, ascending and distinct: a term's own list
 * when only one of them is there (no copy, no sort), else their union in m->pbuf. */
typedef struct pspan {
    size_t tfirst, tcount;
    const uint32_t *pos;
    size_t n;
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

/* ---- spans: the terms of each (unit, slot) ------------------------------------- */

/* Whether ref counts term's tokens: mt_find keeps only stemmed tokens for a stem. */
static int counts(const mt_term_t *term, const ref_t *ref)
{
    return !ref->stemmed_only || (term->flags & MT_TERM_STEMMED);
}

/* The first span of each unit is unit_base(u): spans go unit by unit, slot by slot. */
static size_t unit_base(const mt_matcher_t *m, unsigned unit)
{
    size_t base = 0;
    for (unsigned u = 0; u < unit; u++)
        base += m->units[u].nslots;
    return base;
}

/* Fill span k's term list from the refs (twice: count == 0 counts, else fills). */
static void span_terms(mt_matcher_t *m, int fill)
{
    for (size_t t = 0; t < m->used; t++)
        for (int r = m->terms[t].first_ref; r >= 0; r = m->refs[r].next) {
            const ref_t *ref = &m->refs[r];
            if (!counts(&m->terms[t], ref))
                continue;
            pspan_t *sp = &m->spans[unit_base(m, ref->unit) + ref->slot];
            if (fill)
                m->sterms[sp->tfirst + sp->tcount] = t;
            sp->tcount++;
        }
}

/* Build the spans and their term lists once per matcher. */
static ds_status_t need_spans(mt_matcher_t *m)
{
    if (m->spans)
        return DS_OK;
    m->nspans = unit_base(m, (unsigned)m->nunits);
    m->spans = calloc(m->nspans ? m->nspans : 1, sizeof *m->spans);
    m->sterms = calloc(m->nrefs ? m->nrefs : 1, sizeof *m->sterms);
    if (!m->spans || !m->sterms) {
        free(m->spans); /* so that the next call tries again */
        m->spans = NULL;
        return DS_ERR_NOMEM;
    }
    span_terms(m, 0);
    for (size_t k = 0, at = 0; k < m->nspans; k++) {
        m->spans[k].tfirst = at;
        at += m->spans[k].tcount;
        m->spans[k].tcount = 0; /* counted again as the second pass fills */
    }
    span_terms(m, 1);
    return DS_OK;
}

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Lists a union merges (a stem's forms, a few); more (a wildcard's) are sorted. */
#define MERGE_MAX 8

/* The ascending union of the k ascending lists l into out, each position once (the
 * tokens at one position are one hit); returns how many. A merge, not a sort of the
 * concatenation: sorting was 12% of --kwic --count of a frequent stem (x30). */
static size_t merge_lists(const mt_termpos_t *const *l, size_t k, uint32_t *out)
{
    size_t at[MERGE_MAX] = {0}, n = 0;
    for (;;) {
        size_t best = k;
        for (size_t i = 0; i < k; i++)
            if (at[i] < l[i]->n && (best == k || l[i]->pos[at[i]] < l[best]->pos[at[best]]))
                best = i;
        if (best == k)
            return n;
        uint32_t p = l[best]->pos[at[best]++];
        if (n == 0 || out[n - 1] != p)
            out[n++] = p;
    }
}

/* The union of many lists: concatenated, sorted, each position once. */
static size_t sort_lists(const pspan_t *sp, const mt_matcher_t *m, const mt_termpos_t *tp,
                         uint32_t *room)
{
    size_t n = 0, out = 0;
    for (size_t i = 0; i < sp->tcount; i++) {
        const mt_termpos_t *x = &tp[m->sterms[sp->tfirst + i]];
        if (x->n) /* pos is NULL for none */
            memcpy(room + n, x->pos, x->n * sizeof *room);
        n += x->n;
    }
    qsort(room, n, sizeof *room, u32_cmp);
    for (size_t i = 0; i < n; i++)
        if (out == 0 || room[out - 1] != room[i])
            room[out++] = room[i];
    return out;
}

/* Point span sp at its positions in this document; room: where a union may go (the
 * sum of the lists' lengths, which this returns when it used room). */
static size_t fill_span(mt_matcher_t *m, pspan_t *sp, const mt_termpos_t *tp, uint32_t *room)
{
    const mt_termpos_t *lists[MERGE_MAX];
    size_t present = 0, n = 0, last = 0;
    for (size_t i = 0; i < sp->tcount; i++) {
        const mt_termpos_t *x = &tp[m->sterms[sp->tfirst + i]];
        if (x->n && present < MERGE_MAX)
            lists[present] = x;
        if (x->n)
            present++, last = m->sterms[sp->tfirst + i], n += x->n;
    }
    sp->pos = present == 1 ? tp[last].pos : room;
    sp->n = present == 1 ? tp[last].n : 0;
    if (present < 2)
        return 0;
    sp->n = present <= MERGE_MAX ? merge_lists(lists, present, room) : sort_lists(sp, m, tp, room);
    return n;
}

/* The positions of every span for this document. */
static ds_status_t make_spans(mt_matcher_t *m, const mt_termpos_t *tp)
{
    size_t need = 0;
    for (size_t k = 0; k < m->nspans; k++)
        for (size_t i = 0; m->spans[k].tcount > 1 && i < m->spans[k].tcount; i++)
            need += tp[m->sterms[m->spans[k].tfirst + i]].n;
    uint32_t *grown = ds_grow(m->pbuf, &m->cappbuf, need ? need : 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    m->pbuf = grown;
    for (size_t k = 0, at = 0; k < m->nspans; k++)
        at += fill_span(m, &m->spans[k], tp, m->pbuf + at);
    return DS_OK;
}

/* ---- doubts: when positions cannot stand for start bytes ------------------------ */

/* Whether term t's positions in this document can stand for its tokens. */
static int term_doubtful(const mt_term_t *t, const mt_termpos_t *tp)
{
    return tp->n && ((t->flags & MT_TERM_FITTED) || tp->wdf > tp->n);
}

static int by_pos_term(const void *a, const void *b)
{
    const phit_t *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return (x->term > y->term) - (x->term < y->term);
}

/* 1 if a digits-only term shares a position with another term of the query (rare:
 * only then are all positions gathered and sorted). */
static int digits_collide(mt_matcher_t *m, const mt_termpos_t *tp, ds_status_t *rc)
{
    size_t need = 0;
    int digits = 0;
    for (size_t t = 0; t < m->used; t++) {
        need += tp[t].n;
        digits |= tp[t].n && (m->terms[t].flags & MT_TERM_DIGITS);
    }
    if (!digits)
        return 0;
    phit_t *ph = ds_grow(m->ph, &m->capph, need, sizeof *ph);
    if (!ph) {
        *rc = DS_ERR_NOMEM;
        return 0;
    }
    m->ph = ph;
    size_t n = 0;
    for (size_t t = 0; t < m->used; t++)
        for (size_t i = 0; i < tp[t].n; i++)
            ph[n++] = (phit_t){tp[t].pos[i], t};
    qsort(ph, n, sizeof *ph, by_pos_term);
    for (size_t i = 1; i < n; i++)
        if (ph[i].pos == ph[i - 1].pos && ph[i].term != ph[i - 1].term &&
            ((m->terms[ph[i].term].flags | m->terms[ph[i - 1].term].flags) & MT_TERM_DIGITS))
            return 1;
    return 0;
}

/* 1 if some term's positions cannot be trusted in this document (match.h). */
static int doubtful(mt_matcher_t *m, const mt_termpos_t *tp, ds_status_t *rc)
{
    for (size_t t = 0; t < m->used; t++)
        if (term_doubtful(&m->terms[t], &tp[t]))
            return 1;
    return digits_collide(m, tp, rc);
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
static size_t bound(const pspan_t *sp, uint32_t p, int strict)
{
    size_t lo = 0, hi = sp->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t q = sp->pos[mid];
        if (strict ? q <= p : q < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* match.c's match_phrase: each next slot at its first position after the previous
 * one, all within window positions of the first. */
static ds_status_t phrase_unit(const pspan_t *sp, const mt_unit_t *u, unsigned ui, posoccs_t *o)
{
    ds_status_t rc = DS_OK;
    uint64_t window = u->window ? u->window : (uint32_t)u->nslots;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++) {
        uint32_t p0 = sp[0].pos[i], prev = p0;
        uint64_t last_allowed = (uint64_t)p0 + window - 1;
        int ok = 1;
        for (size_t s = 1; s < u->nslots && ok; s++) {
            size_t j = bound(&sp[s], prev, 1);
            ok = j < sp[s].n && sp[s].pos[j] <= last_allowed;
            if (ok)
                prev = sp[s].pos[j];
        }
        if (ok)
            rc = push(o, p0, prev, ui);
    }
    return rc;
}

/* match.c's nearest_hit: the position of span sp closest to p, the lower on a tie;
 * 0 if the span is empty. */
static int nearest(const pspan_t *sp, uint32_t p, uint32_t *at)
{
    size_t j = bound(sp, p, 0);
    if (sp->n == 0)
        return 0;
    if (j == sp->n || (j > 0 && p - sp->pos[j - 1] <= sp->pos[j] - p))
        j--; /* below p, and no farther than the one at or above it */
    *at = sp->pos[j];
    return 1;
}

/* match.c's match_near: every other slot's nearest position, not the first's own, and
 * all of them within the window. */
static ds_status_t near_unit(const pspan_t *sp, const mt_unit_t *u, unsigned ui, posoccs_t *o)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++) {
        uint32_t p0 = sp[0].pos[i], lo = p0, hi = p0, q = 0;
        int ok = 1;
        for (size_t s = 1; s < u->nslots && ok; s++) {
            ok = nearest(&sp[s], p0, &q) && q != p0;
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
        return phrase_unit(sp, u, ui, o);
    if (u->kind == MT_NEAR && u->nslots > 1)
        return near_unit(sp, u, ui, o);
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < sp[0].n && rc == DS_OK; i++)
        rc = push(o, sp[0].pos[i], sp[0].pos[i], ui);
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
    size_t sorted = 1; /* one unit's occurrences come in order: no sort then */
    while (sorted < o->n && posocc_cmp(&o->v[sorted - 1], &o->v[sorted]) <= 0)
        sorted++;
    if (sorted < o->n) /* equal items are identical: skipping the sort changes nothing */
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

/* Positions into spans; 0 in *exact when they cannot be trusted (see match.h). */
static ds_status_t prepare(mt_matcher_t *m, const mt_termpos_t *tp, int *exact)
{
    ds_status_t rc = need_spans(m);
    if (rc == DS_OK)
        *exact = !doubtful(m, tp, &rc);
    if (rc == DS_OK && *exact)
        rc = make_spans(m, tp);
    return rc;
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
