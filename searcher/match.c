/*
 * match.c - query units to byte spans in stored text (see match.h).
 *
 *   term table ......... a hash from exact term to the (unit, slot) pairs it serves
 *   expansion .......... add_slot: exact, stem and wildcard slots against the index
 *   scanning ........... mt_token_hits: look a token up, keep its hits; collect_hits
 *   units .............. match_term, match_phrase, match_near
 *   results ............ sort and dedupe: mt_occs_of_hits, mt_find
 */
#include "match.h"
#include "match_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
#include "hash.h"
#include "termgen.h"
#include "utf8.h"

/* ---- term table ----------------------------------------------------------------- */

static entry_t *lookup(const mt_matcher_t *m, const char *term, size_t len)
{
    size_t i = (size_t)ds_hash64(term, len) & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        entry_t *e = &m->table[i];
        if (e->first_ref < 0 || (e->len == len && memcmp(e->term, term, len) == 0))
            return e;
    }
}

static ds_status_t grow_table(mt_matcher_t *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    entry_t *old = m->table;
    size_t oldcap = m->cap;
    m->table = malloc(cap * sizeof *m->table);
    if (!m->table) {
        m->table = old;
        return DS_ERR_NOMEM;
    }
    for (size_t i = 0; i < cap; i++)
        m->table[i].first_ref = -1;
    m->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].first_ref >= 0)
            *lookup(m, old[i].term, old[i].len) = old[i];
    free(old);
    return DS_OK;
}

/* A term's place in the dense list (match_int.h) is made before its entry, so that a
 * failure leaves no entry without one. */
static ds_status_t add_ref(mt_matcher_t *m, const char *term, size_t len, unsigned unit,
                           unsigned slot, int stemmed_only)
{
    if ((m->used + 1) * 2 > m->cap && grow_table(m) != DS_OK)
        return DS_ERR_NOMEM;
    ref_t *grown = ds_grow(m->refs, &m->caprefs, m->nrefs + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    m->refs = grown;
    mt_term_t *terms = ds_grow(m->terms, &m->capterms, m->used + 1, sizeof *terms);
    if (!terms)
        return DS_ERR_NOMEM;
    m->terms = terms;
    entry_t *e = lookup(m, term, len);
    if (e->first_ref < 0) {
        if (!(e->term = malloc(len + 1)))
            return DS_ERR_NOMEM;
        memcpy(e->term, term, len);
        e->term[len] = '\0';
        e->len = len;
        e->id = m->used++;
        m->terms[e->id] = (mt_term_t){e->term, len, -1, mt_term_flags(e->term, len)};
        unsigned char b = (unsigned char)term[0];
        m->first_byte[b >> 6] |= UINT64_C(1) << (b & 63);
        m->lengths |= UINT64_C(1) << (len & 63);
    }
    m->refs[m->nrefs] = (ref_t){unit, slot, stemmed_only, e->first_ref};
    e->first_ref = (int)m->nrefs++;
    m->terms[e->id].first_ref = e->first_ref;
    return DS_OK;
}

/* ---- expansion ------------------------------------------------------------------ */

#define STEM_FORMS_MAX 100000

/* The head of a stem that every word stemming to it starts with. Suffix-stripping
 * stemmers rewrite only a word's end, at most its last letter of the stem (Porter2:
 * happy -> happi), so words share the stem's first len - 1 characters; three of them
 * narrow the candidates enough (a few exceptions, such as dying -> die, are missed). */
static size_t stem_head(const mt_slot_t *s)
{
    size_t first = (size_t)utf8_decode(s->text, s->len, &(uint32_t){0});
    if (first == 0 || first > s->len)
        return 0;
    size_t want = s->len > 1 ? s->len - 1 : s->len;
    size_t head = utf8_floor(s->text, s->len, want < 3 ? want : 3);
    return head > first ? head : first;
}

/* Add every exact term of db starting with head (and, for a stem slot, stemming to the
 * slot's text). */
static ds_status_t expand(mt_matcher_t *m, xap_db_t *db, const mt_slot_t *s, unsigned unit,
                          unsigned slot, size_t max, ds_error_t *e)
{
    int is_stem = s->kind == MT_SLOT_STEM;
    size_t head = is_stem ? stem_head(s) : s->len;
    if (head == 0)
        return DS_OK;
    xap_termiter_t *it = NULL;
    ds_status_t rc = xap_db_allterms(db, s->text, head, &it);
    size_t added = 0;
    int more;
    while (rc == DS_OK && (more = xap_termiter_next(it)) == 1) {
        size_t len;
        const char *t = xap_termiter_term(it, &len);
        if (is_stem) {
            const char *st;
            size_t stlen;
            rc = an_stem(m->an, t, len, &st, &stlen);
            if (rc != DS_OK || stlen != s->len || memcmp(st, s->text, stlen) != 0)
                continue;
        }
        /* the limit is the user's for wildcards; a stem has as many forms as the
         * language gives it, capped only against runaway memory */
        if (++added > (is_stem ? STEM_FORMS_MAX : max)) {
            ds_error_set(e, DS_ERR_QUERY, 0, "%s '%.*s' matches more than %zu terms",
                         is_stem ? "word" : "pattern", (int)s->len, s->text,
                         (size_t)(is_stem ? STEM_FORMS_MAX : max));
            rc = DS_ERR_QUERY;
            break;
        }
        rc = add_ref(m, t, len, unit, slot, is_stem);
    }
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    if (rc != DS_OK && rc != DS_ERR_QUERY)
        ds_error_set(e, rc, 0, "%s", xap_db_error(db));
    xap_termiter_free(it);
    return rc;
}

static ds_status_t add_slot(mt_matcher_t *m, xap_db_t *db, const mt_slot_t *s, unsigned unit,
                            unsigned slot, size_t max, ds_error_t *e)
{
    if (s->kind == MT_SLOT_EXACT)
        return add_ref(m, s->text, s->len, unit, slot, 0);
    return expand(m, db, s, unit, slot, max, e);
}

/* Deep-copy the units: the caller's slots may be gone when mt_find runs. */
static ds_status_t copy_units(mt_matcher_t *m, const mt_unit_t *units, size_t n)
{
    m->units = calloc(n ? n : 1, sizeof *m->units);
    if (!m->units)
        return DS_ERR_NOMEM;
    m->nunits = n;
    for (size_t u = 0; u < n; u++) {
        m->units[u] = units[u];
        mt_slot_t *slots = calloc(units[u].nslots ? units[u].nslots : 1, sizeof *slots);
        m->units[u].slots = slots;
        if (!slots)
            return DS_ERR_NOMEM;
        for (size_t s = 0; s < units[u].nslots; s++) {
            slots[s] = units[u].slots[s];
            char *t = malloc(slots[s].len + 1);
            slots[s].text = t; /* never leave the caller's pointer for mt_free */
            if (!t)
                return DS_ERR_NOMEM;
            memcpy(t, units[u].slots[s].text, slots[s].len);
            t[slots[s].len] = '\0';
            slots[s].text = t;
        }
    }
    return DS_OK;
}

ds_status_t mt_new(an_analyzer_t *an, xap_db_t *db, const mt_unit_t *units, size_t n,
                   size_t max_expansion, mt_matcher_t **out, ds_error_t *e)
{
    *out = NULL;
    ds_error_clear(e);
    mt_matcher_t *m = calloc(1, sizeof *m);
    if (!m)
        return ds_error_fill(e, DS_ERR_NOMEM);
    m->an = an;
    ds_status_t rc = grow_table(m);
    if (rc == DS_OK)
        rc = copy_units(m, units, n);
    for (size_t u = 0; u < n && rc == DS_OK; u++)
        for (size_t s = 0; s < units[u].nslots && rc == DS_OK; s++)
            rc = add_slot(m, db, &units[u].slots[s], (unsigned)u, (unsigned)s, max_expansion, e);
    if (rc != DS_OK) {
        mt_free(m);
        return ds_error_fill(e, rc);
    }
    *out = m;
    return DS_OK;
}

size_t mt_units(const mt_matcher_t *m)
{
    return m->nunits;
}

void mt_free(mt_matcher_t *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        if (m->table[i].first_ref >= 0)
            free(m->table[i].term);
    free(m->table);
    free(m->refs);
    free(m->terms);
    free(m->ph);
    free(m->spans);
    free(m->sterms);
    free(m->pbuf);
    for (size_t u = 0; m->units && u < m->nunits; u++) {
        for (size_t s = 0; m->units[u].slots && s < m->units[u].nslots; s++)
            free((char *)m->units[u].slots[s].text);
        free((mt_slot_t *)m->units[u].slots);
    }
    free(m->units);
    free(m);
}

/* ---- scanning ------------------------------------------------------------------- */

static ds_status_t push_hit(hits_t *h, const an_token_t *tok, unsigned unit, unsigned slot)
{
    hit_t *grown = ds_grow(h->v, &h->cap, h->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    h->v = grown;
    h->v[h->n++] = (hit_t){tok->pos, tok->start, tok->end, unit, slot};
    return DS_OK;
}

/* 0 if no term of the table can be term[0..len) (see first_byte, lengths). */
static int may_hold(const mt_matcher_t *m, const char *term, size_t len)
{
    unsigned char b = len ? (unsigned char)term[0] : 0;
    return (m->first_byte[b >> 6] >> (b & 63) & 1) && (m->lengths >> (len & 63) & 1);
}

ds_status_t mt_token_hits(const mt_matcher_t *m, const an_token_t *tok, hits_t *h)
{
    if (!may_hold(m, tok->term, tok->term_len))
        return DS_OK;
    entry_t *e = lookup(m, tok->term, tok->term_len);
    ds_status_t rc = DS_OK;
    for (int r = e->first_ref; r >= 0 && rc == DS_OK; r = m->refs[r].next) {
        const ref_t *ref = &m->refs[r];
        if (ref->stemmed_only && !tg_token_is_stemmed(tok))
            continue;
        rc = push_hit(h, tok, ref->unit, ref->slot);
    }
    return rc;
}

/* Tokenize text and keep every token that serves some (unit, slot). */
static ds_status_t collect_hits(mt_matcher_t *m, const char *text, size_t len, hits_t *h)
{
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, text, len);
    an_token_t tok;
    ds_status_t rc = DS_OK;
    int more;
    while (rc == DS_OK && (more = an_tokenizer_next(&tk, &tok)) == 1)
        rc = mt_token_hits(m, &tok, h);
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    an_tokenizer_release(&tk);
    return rc;
}

/* ---- units ---------------------------------------------------------------------- */

typedef struct occs {
    mt_occ_t *v;
    size_t n, cap;
} occs_t;

static ds_status_t push_occ(occs_t *o, size_t start, size_t end, uint32_t pos, unsigned unit)
{
    mt_occ_t *grown = ds_grow(o->v, &o->cap, o->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    o->v = grown;
    o->v[o->n++] = (mt_occ_t){start, end, pos, unit};
    return DS_OK;
}

/* The first hit of (unit, slot) after index from with position in (lo, hi]; -1 if none.
 * Hits are in token order, so positions never decrease. */
static long find_hit(const hits_t *h, size_t from, unsigned unit, unsigned slot, uint32_t lo,
                     uint32_t hi, int strict_lo)
{
    for (size_t i = from; i < h->n; i++) {
        const hit_t *x = &h->v[i];
        if (x->pos > hi)
            break;
        if (x->unit == unit && x->slot == slot && (strict_lo ? x->pos > lo : x->pos >= lo))
            return (long)i;
    }
    return -1;
}

/* Slots in order, each after the previous, all within the window from the first. */
static ds_status_t match_phrase(const hits_t *h, const mt_unit_t *u, unsigned ui, occs_t *o)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < h->n && rc == DS_OK; i++) {
        const hit_t *first = &h->v[i];
        if (first->unit != ui || first->slot != 0)
            continue;
        uint32_t last_allowed = first->pos + (u->window ? u->window : (uint32_t)u->nslots) - 1;
        size_t at = i;
        uint32_t prev = first->pos;
        long j = (long)i;
        for (unsigned s = 1; s < u->nslots && j >= 0; s++) {
            j = find_hit(h, at, ui, s, prev, last_allowed, 1);
            if (j >= 0) {
                prev = h->v[j].pos;
                at = (size_t)j;
            }
        }
        if (j >= 0)
            rc = push_occ(o, first->start, h->v[j].end, first->pos, ui);
    }
    return rc;
}

/* The hit of (unit, slot) closest in position to p; -1 if none. */
static long nearest_hit(const hits_t *h, unsigned unit, unsigned slot, uint32_t p)
{
    long best = -1;
    uint32_t bestd = UINT32_MAX;
    for (size_t i = 0; i < h->n; i++) {
        const hit_t *x = &h->v[i];
        if (x->unit != unit || x->slot != slot)
            continue;
        uint32_t d = x->pos > p ? x->pos - p : p - x->pos;
        if (d < bestd) {
            bestd = d;
            best = (long)i;
        }
    }
    return best;
}

/* Every slot near the first slot's hit, any order, all within the window. */
static ds_status_t match_near(const hits_t *h, const mt_unit_t *u, unsigned ui, occs_t *o)
{
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < h->n && rc == DS_OK; i++) {
        const hit_t *first = &h->v[i];
        if (first->unit != ui || first->slot != 0)
            continue;
        uint32_t lo = first->pos, hi = first->pos;
        size_t start = first->start, end = first->end;
        int ok = 1;
        for (unsigned s = 1; s < u->nslots && ok; s++) {
            long j = nearest_hit(h, ui, s, first->pos);
            ok = j >= 0 && h->v[j].pos != first->pos;
            if (!ok)
                break;
            const hit_t *x = &h->v[j];
            lo = x->pos < lo ? x->pos : lo;
            hi = x->pos > hi ? x->pos : hi;
            start = x->start < start ? x->start : start;
            end = x->end > end ? x->end : end;
        }
        if (ok && hi - lo < u->window)
            rc = push_occ(o, start, end, lo, ui);
    }
    return rc;
}

static ds_status_t match_unit(const hits_t *h, const mt_unit_t *u, unsigned ui, occs_t *o)
{
    if (u->kind == MT_PHRASE && u->nslots > 1)
        return match_phrase(h, u, ui, o);
    if (u->kind == MT_NEAR && u->nslots > 1)
        return match_near(h, u, ui, o);
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < h->n && rc == DS_OK; i++)
        if (h->v[i].unit == ui && h->v[i].slot == 0)
            rc = push_occ(o, h->v[i].start, h->v[i].end, h->v[i].pos, ui);
    return rc;
}

/* ---- results -------------------------------------------------------------------- */

static int occ_cmp(const void *a, const void *b)
{
    const mt_occ_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* longest first */
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* Keep one occurrence per (unit, start): the longest. */
static void dedupe(occs_t *o)
{
    if (o->n)
        qsort(o->v, o->n, sizeof *o->v, occ_cmp);
    size_t out = 0;
    for (size_t i = 0; i < o->n; i++) {
        int dup = 0;
        for (size_t k = out; k-- > 0 && o->v[k].start == o->v[i].start;)
            dup |= o->v[k].unit == o->v[i].unit;
        if (!dup)
            o->v[out++] = o->v[i];
    }
    o->n = out;
}

ds_status_t mt_occs_of_hits(const mt_matcher_t *m, const hits_t *h, mt_occ_t **occ, size_t *n)
{
    *occ = NULL;
    *n = 0;
    occs_t o = {0};
    ds_status_t rc = DS_OK;
    for (size_t u = 0; u < m->nunits && rc == DS_OK; u++)
        rc = match_unit(h, &m->units[u], (unsigned)u, &o);
    if (rc != DS_OK) {
        free(o.v);
        return rc;
    }
    dedupe(&o);
    *occ = o.v;
    *n = o.n;
    if (!o.n) {
        free(o.v);
        *occ = NULL;
    }
    return DS_OK;
}

ds_status_t mt_find(mt_matcher_t *m, const char *text, size_t len, mt_occ_t **occ, size_t *n)
{
    *occ = NULL;
    *n = 0;
    hits_t h = {0};
    ds_status_t rc = m->used ? collect_hits(m, text, len, &h) : DS_OK;
    if (rc == DS_OK)
        rc = mt_occs_of_hits(m, &h, occ, n);
    free(h.v);
    return rc;
}
