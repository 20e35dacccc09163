/*
 * locator.c - locators' string form and the line map lookup (see locator.h).
 *
 *   format ............. ds_loc_format
 *   parse .............. ds_loc_parse: hash, then span, from the right
 *   line maps .......... ds_locus_find
 */
#include "locator.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- format --------------------------------------------------------------------- */

/* c, then n in decimal, ending at end: returns where they start. By hand, not printf,
 * and the whole tail in one append: a KWIC line writes a locator, and vsnprintf or a
 * dozen small appends would be a visible part of writing millions of them. */
static char *put_number(char *end, char c, size_t n)
{
    do
        *--end = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    *--end = c;
    return end;
}

void ds_loc_format(ds_buf_t *out, const ds_loc_t *loc)
{
    static const char hex[] = "0123456789abcdef";
    char tail[4 * 22 + DS_LOC_HASH_DIGITS + 8]; /* 4 numbers of up to 20 digits, marks */
    char *p = tail + sizeof tail - (DS_LOC_HASH_DIGITS + 1);
    p[0] = '~';
    for (int i = 0; i < DS_LOC_HASH_DIGITS; i++)
        p[DS_LOC_HASH_DIGITS - i] = hex[(loc->hash >> (4 * i)) & 0xf];
    if (loc->line) { /* written right to left */
        p = put_number(p, 'l', loc->line);
        *--p = loc->page ? '.' : ':';
    }
    if (loc->page) {
        p = put_number(p, 'p', loc->page);
        *--p = ':';
    }
    p = put_number(p, '-', loc->end);
    p = put_number(p, '@', loc->start);
    ds_buf_append(out, loc->id, loc->idlen);
    ds_buf_append(out, p, (size_t)(tail + sizeof tail - p));
}

/* ---- parse ---------------------------------------------------------------------- */

/* The last c in s[0..len), or NULL. */
static const char *last_of(const char *s, size_t len, char c)
{
    for (size_t i = len; i > 0; i--)
        if (s[i - 1] == c)
            return s + i - 1;
    return NULL;
}

typedef struct cursor {
    const char *s;   /* the whole locator, for columns */
    const char *p;   /* next byte */
    const char *end; /* end of the part being read */
    ds_error_t *e;
} cursor_t;

static ds_status_t fail(cursor_t *c, const char *at, const char *what)
{
    ds_error_set(c->e, DS_ERR_INVALID, (size_t)(at - c->s) + 1, "not a locator: %s", what);
    return DS_ERR_INVALID;
}

/* A decimal number of the span (zero allowed: "0") or of a place (zero refused), in
 * the one form: no sign, no leading zero, no more than fits a size_t. */
static ds_status_t number(cursor_t *c, const char *name, int zero_ok, size_t *v)
{
    const char *from = c->p;
    char msg[96];
    size_t n = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
        unsigned d = (unsigned)(*c->p - '0');
        if (n > (SIZE_MAX - d) / 10) {
            snprintf(msg, sizeof msg, "%s is too large", name);
            return fail(c, from, msg);
        }
        n = n * 10 + d;
        c->p++;
    }
    const char *why = c->p == from                      ? "is not a number"
                      : *from == '0' && c->p - from > 1 ? "has a leading zero"
                      : n == 0 && !zero_ok              ? "is 0 (page and line count from 1)"
                                                        : NULL;
    if (why) {
        snprintf(msg, sizeof msg, "%s %s", name, why);
        return fail(c, from, msg);
    }
    *v = n;
    return DS_OK;
}

/* 1 (and step over it) if the next byte is ch. */
static int take(cursor_t *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* ":p<page>[.l<line>]" or ":l<line>", after ':' */
static ds_status_t place(cursor_t *c, ds_loc_t *loc)
{
    ds_status_t rc = DS_OK;
    if (take(c, 'p')) {
        rc = number(c, "the page", 0, &loc->page);
        if (rc == DS_OK && take(c, '.'))
            rc = take(c, 'l') ? number(c, "the line", 0, &loc->line)
                              : fail(c, c->p, "'.' after the page is not followed by 'l'");
    } else if (take(c, 'l')) {
        rc = number(c, "the line", 0, &loc->line);
    } else {
        rc = fail(c, c->p, "':' after the span is not followed by 'p' (page) or 'l' (line)");
    }
    return rc;
}

/* "<start>-<end>[:place]", the whole of [c->p, c->end) */
static ds_status_t span(cursor_t *c, ds_loc_t *loc)
{
    const char *from = c->p;
    ds_status_t rc = number(c, "the span start", 1, &loc->start);
    if (rc == DS_OK && !take(c, '-'))
        rc = fail(c, c->p, "the span start is not followed by '-'");
    if (rc == DS_OK)
        rc = number(c, "the span end", 1, &loc->end);
    if (rc == DS_OK && loc->start > loc->end)
        rc = fail(c, from, "the span start is after its end");
    if (rc == DS_OK && take(c, ':'))
        rc = place(c, loc);
    if (rc == DS_OK && c->p != c->end)
        rc = fail(c, c->p, "unexpected characters between the span and '~'");
    return rc;
}

/* The DS_LOC_HASH_DIGITS lower-case hex digits of [c->p, c->end). */
static ds_status_t hash(cursor_t *c, uint64_t *h)
{
    const char *bad = "the content hash after '~' must be 12 lower-case hex digits";
    if (c->end - c->p != DS_LOC_HASH_DIGITS)
        return fail(c, c->p, bad);
    uint64_t v = 0;
    for (const char *q = c->p; q < c->end; q++) {
        int d = *q >= '0' && *q <= '9' ? *q - '0' : *q >= 'a' && *q <= 'f' ? *q - 'a' + 10 : -1;
        if (d < 0)
            return fail(c, q, bad);
        v = v << 4 | (uint64_t)d;
    }
    *h = v;
    return DS_OK;
}

ds_status_t ds_loc_parse(const char *s, size_t len, ds_loc_t *loc, ds_error_t *e)
{
    ds_error_clear(e);
    memset(loc, 0, sizeof *loc);
    ds_loc_t v = {0};
    cursor_t c = {s, s, s + len, e};
    const char *nul = memchr(s, '\0', len);
    const char *tilde = last_of(s, len, '~');
    const char *at = tilde ? last_of(s, (size_t)(tilde - s), '@') : NULL;
    ds_status_t rc = nul       ? fail(&c, nul, "a NUL byte inside")
                     : !tilde  ? fail(&c, s, "no '~' before the content hash")
                     : !at     ? fail(&c, s, "no '@' between the document id and the span")
                     : at == s ? fail(&c, s, "empty document id")
                               : DS_OK;
    if (rc == DS_OK) {
        c.p = tilde + 1;
        rc = hash(&c, &v.hash);
    }
    if (rc == DS_OK) {
        c.p = at + 1;
        c.end = tilde;
        rc = span(&c, &v);
    }
    if (rc != DS_OK)
        return rc;
    v.id = s;
    v.idlen = (size_t)(at - s);
    *loc = v;
    return DS_OK;
}

/* ---- line maps ------------------------------------------------------------------ */

const ds_locus_t *ds_locus_find(const ds_locus_t *rows, size_t n, size_t offset)
{
    if (!rows || n == 0)
        return NULL;
    size_t lo = 0, hi = n; /* the first row with offset > offset is at lo */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].offset <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &rows[lo ? lo - 1 : 0];
}
