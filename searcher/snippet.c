/*
 * snippet.c - snippet window and rendering (see snippet.h).
 */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "utf8.h"

#define MAX_ANCHORS 256

/* Make text[lo - before, at + after) readable when rec holds only the ranges read
 * (snippet.h, sn_positions_t); nothing to do without rec (the text is whole). */
static ds_status_t need(dstore_record_t *rec, size_t at, size_t before, size_t after)
{
    const char *p;
    size_t n;
    return rec ? dstore_text_range(rec, at > before ? at - before : 0, at + after, &p, &n) : DS_OK;
}

/* Code points in s[0..len) (the text is valid UTF-8 once rendered). */
static size_t count_cps(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i = utf8_next(s, len, i))
        n++;
    return n;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* Move left from off to the start of a word (after white space), at most max bytes. */
static size_t word_start(const char *text, size_t off, size_t max)
{
    size_t lo = off > max ? off - max : 0;
    for (size_t i = off; i > lo; i--)
        if (is_space_byte(text[i - 1]))
            return i;
    return utf8_floor(text, off, lo); /* no space near: cut at a character boundary */
}

/* Move right from off to the end of a word (before white space), at most max bytes. */
static size_t word_end(const char *text, size_t len, size_t off, size_t max)
{
    size_t hi = off + max < len ? off + max : len;
    for (size_t i = off; i < hi; i++)
        if (is_space_byte(text[i]))
            return i;
    return utf8_floor(text, len, hi);
}

/* The offset n characters (code points; the stored text is valid UTF-8) after off, or
 * len. */
static size_t ahead_chars(const char *text, size_t len, size_t off, size_t n)
{
    for (; off < len && n; n--)
        off = utf8_next(text, len, off);
    return off;
}

/* The offset n characters before off, or 0. */
static size_t back_chars(const char *text, size_t off, size_t n)
{
    for (; off > 0 && n; n--)
        off = utf8_prev(text, off);
    return off;
}

/* Number of distinct units among occurrences inside [lo, hi). */
static size_t units_in(const mt_occ_t *occ, size_t nocc, size_t lo, size_t hi)
{
    size_t distinct = 0;
    for (size_t i = 0; i < nocc; i++) {
        if (occ[i].start < lo || occ[i].end > hi)
            continue;
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = occ[k].unit == occ[i].unit && occ[k].start >= lo && occ[k].end <= hi;
        distinct += !seen;
    }
    return distinct;
}

/* The distinct units among occ[0..nocc), or SIZE_MAX when one is past the 64 counted. */
static size_t distinct_units(const mt_occ_t *occ, size_t nocc)
{
    unsigned char mark[64] = {0};
    size_t n = 0;
    for (size_t i = 0; i < nocc; i++) {
        if (occ[i].unit >= 64)
            return SIZE_MAX;
        n += !mark[occ[i].unit];
        mark[occ[i].unit] = 1;
    }
    return n;
}

static ds_status_t collect_highlights(const mt_occ_t *occ, size_t nocc, sn_snippet_t *out)
{
    out->hl = calloc(nocc ? nocc : 1, sizeof *out->hl);
    if (!out->hl)
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < nocc; i++) {
        if (occ[i].start < out->start || occ[i].end > out->end)
            continue;
        sn_span_t *last = out->nhl ? &out->hl[out->nhl - 1] : NULL;
        if (last && occ[i].start <= last->end) { /* overlapping or touching: merge */
            last->end = occ[i].end > last->end ? occ[i].end : last->end;
            continue;
        }
        out->hl[out->nhl++] = (sn_span_t){occ[i].start, occ[i].end};
    }
    return DS_OK;
}

/* The start of the window that covers the most distinct units, earliest first (every
 * range read first: reach bytes hold width characters and a word's end). A window
 * holding every unit of occ cannot be beaten (a later one must hold more): the anchors
 * after it are not looked at, nor their text read. */
static ds_status_t best_start(dstore_record_t *rec, const char *text, size_t len,
                              const mt_occ_t *occ, size_t nocc, size_t width, size_t *start)
{
    size_t best_lo = 0, best_n = 0, reach = 4 * width + 32;
    size_t most = distinct_units(occ, nocc); /* no window holds more units */
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < nocc && i < MAX_ANCHORS && rc == DS_OK && best_n < most; i++) {
        if ((rc = need(rec, occ[i].start, width + 8, reach)) != DS_OK)
            break;
        size_t lo = back_chars(text, occ[i].start, width / 4);
        size_t n = units_in(occ, nocc, lo, ahead_chars(text, len, lo, width));
        if (n > best_n) {
            best_n = n;
            best_lo = lo;
        }
    }
    if (rc == DS_OK)
        rc = need(rec, best_lo, 32, reach);
    /* a window that would run past the end starts earlier: show as much as fits */
    if (rc == DS_OK && ahead_chars(text, len, best_lo, width) == len) {
        rc = need(rec, len, reach, 0);
        best_lo = back_chars(text, len, width);
        if (rc == DS_OK)
            rc = need(rec, best_lo, 32, 0);
    }
    *start = best_lo;
    return rc;
}

/* sn_make, reading through rec (need) when it is not NULL. */
static ds_status_t make(dstore_record_t *rec, const char *text, size_t len, const mt_occ_t *occ,
                        size_t nocc, size_t width, sn_snippet_t *out)
{
    memset(out, 0, sizeof *out);
    size_t best_lo, reach = 4 * width + 32;
    ds_status_t rc = best_start(rec, text, len, occ, nocc, width, &best_lo);
    if (rc != DS_OK)
        return rc;
    out->start = best_lo ? word_start(text, best_lo, 24) : 0;
    size_t ready = best_lo + reach; /* read up to here (best_start) */
    while (out->start < len && is_space_byte(text[out->start])) {
        if (++out->start < ready)
            continue;
        if ((rc = need(rec, out->start, 0, reach)) != DS_OK)
            return rc;
        ready = out->start + reach;
    }
    if ((rc = need(rec, out->start, 0, reach)) != DS_OK)
        return rc;
    out->end = word_end(text, len, ahead_chars(text, len, out->start, width), 24);
    if (out->end < out->start)
        out->end = out->start;
    out->cut_left = out->start > 0;
    out->cut_right = out->end < len;
    return collect_highlights(occ, nocc, out);
}

ds_status_t sn_make(const char *text, size_t len, const mt_occ_t *occ, size_t nocc, size_t width,
                    sn_snippet_t *out)
{
    return make(NULL, text, len, occ, nocc, width, out);
}

/* 1 if occurrences of every unit 0..nunits-1 are among occ. */
static int all_units(const mt_occ_t *occ, size_t nocc, size_t nunits)
{
    size_t seen = 0;
    unsigned char mark[64] = {0};
    for (size_t i = 0; i < nocc; i++)
        if (occ[i].unit < 64 && !mark[occ[i].unit]++)
            seen++;
    return seen >= (nunits < 64 ? nunits : 64);
}

/* A prefix end at a white space byte (so no token is cut), or len. */
static size_t prefix_end(const char *text, size_t len, size_t want)
{
    if (want >= len)
        return len;
    for (size_t i = want; i < len && i < want + 256; i++)
        if (is_space_byte(text[i]))
            return i;
    return utf8_floor(text, len, want);
}

/* mt_find's occurrences in text[0..end): from the positions when ps is given and they
 * can tell (mt_find_mapped needs a prefix that ends at white space), else from the text. */
static ds_status_t find_prefix(mt_matcher_t *m, const sn_positions_t *ps, const char *text,
                               size_t len, size_t end, mt_occ_t **occ, size_t *nocc)
{
    int exact = 0;
    if (ps && (end == len || is_space_byte(text[end]))) {
        ds_status_t rc = mt_find_mapped(m, ps->tp, ps->map, text, len, end, occ, nocc, &exact);
        if (rc != DS_OK || exact)
            return rc;
    }
    ds_status_t rc = need(ps ? ps->rec : NULL, 0, 0, end); /* the prefix, whole */
    return rc == DS_OK ? mt_find(m, text, end, occ, nocc) : rc;
}

ds_status_t sn_find_mapped(mt_matcher_t *m, const sn_positions_t *ps, const char *text, size_t len,
                           size_t width, sn_snippet_t *out)
{
    mt_occ_t *occ = NULL;
    size_t nocc = 0, end = 0;
    ds_status_t rc = DS_OK;
    dstore_record_t *rec = ps ? ps->rec : NULL;
    for (size_t want = 16384; m && rc == DS_OK && end < len; want *= 4) {
        free(occ);
        occ = NULL;
        if ((rc = need(rec, want, 0, 260)) != DS_OK) /* prefix_end looks that far */
            break;
        end = prefix_end(text, len, want);
        rc = find_prefix(m, ps, text, len, end, &occ, &nocc);
        if (rc == DS_OK && all_units(occ, nocc, mt_units(m)))
            break;
    }
    if (rc == DS_OK)
        rc = make(rec, text, len, occ, nocc, width, out);
    free(occ);
    return rc;
}

ds_status_t sn_find(mt_matcher_t *m, const char *text, size_t len, size_t width, sn_snippet_t *out)
{
    return sn_find_mapped(m, NULL, text, len, width, out);
}

void sn_render(ds_buf_t *out, const char *text, const sn_snippet_t *sn, const char *on,
               const char *off, size_t **hl_chars, size_t *nhl_chars)
{
    size_t *offs = hl_chars ? calloc(2 * sn->nhl + 1, sizeof *offs) : NULL;
    size_t base = out->len, at = sn->start;
    if (sn->cut_left)
        ds_buf_puts(out, "\xe2\x80\xa6"); /* … */
    for (size_t i = 0; i < sn->nhl; i++) {
        out_text(out, text + at, sn->hl[i].start - at, 1);
        ds_buf_puts(out, on);
        if (offs)
            offs[2 * i] = count_cps(out->data + base, out->len - base);
        out_text(out, text + sn->hl[i].start, sn->hl[i].end - sn->hl[i].start, 1);
        if (offs)
            offs[2 * i + 1] = count_cps(out->data + base, out->len - base);
        ds_buf_puts(out, off);
        at = sn->hl[i].end;
    }
    out_text(out, text + at, sn->end - at, 1);
    if (sn->cut_right)
        ds_buf_puts(out, "\xe2\x80\xa6");
    if (hl_chars) {
        *hl_chars = offs;
        *nhl_chars = offs ? sn->nhl : 0;
    }
}

void sn_release(sn_snippet_t *sn)
{
    free(sn->hl);
    memset(sn, 0, sizeof *sn);
}
