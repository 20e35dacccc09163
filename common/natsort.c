/*
 * natsort.c - natural order of ids and its sort keys; the order and the key format are
 * specified in natsort.h, which is the reference: ds_natcmp and ds_natkey are two
 * implementations of it that tests/unit/test_natsort.c checks against each other.
 */
#include "natsort.h"

#include <stdint.h>
#include <string.h>

/* UINT(v) of natsort.h: one byte UINT_BASE + v below UINT_SMALL, else a length byte. */
#define UINT_BASE 0x30
#define UINT_SMALL 192
/* LEN(L): one byte '0' + L up to LEN_SMALL, else '9' and UINT(L - LEN_SMALL - 1). */
#define LEN_SMALL 8

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* A maximal digit run: its leading zeros, then the significant digits sig[0..nsig). */
typedef struct {
    size_t zeros;
    const unsigned char *sig;
    size_t nsig;
} run_t;

/* Read the digit run starting at s[i] (a digit); returns the index just past it. */
static size_t read_run(const unsigned char *s, size_t len, size_t i, run_t *r)
{
    size_t start = i;
    while (i < len && s[i] == '0')
        i++;
    r->zeros = i - start;
    r->sig = s + i;
    while (i < len && is_digit(s[i]))
        i++;
    r->nsig = (size_t)(s + i - r->sig);
    return i;
}

static int cmp_size(size_t x, size_t y)
{
    return (x > y) - (x < y);
}

/* Numeric value first (digit count, then digits), then fewer leading zeros first. */
static int cmp_run(const run_t *x, const run_t *y)
{
    int c = cmp_size(x->nsig, y->nsig);
    if (c == 0 && x->nsig > 0)
        c = memcmp(x->sig, y->sig, x->nsig);
    if (c == 0)
        c = cmp_size(x->zeros, y->zeros);
    return c;
}

int ds_natcmp(const char *a, size_t alen, const char *b, size_t blen)
{
    const unsigned char *ua = (const unsigned char *)a, *ub = (const unsigned char *)b;
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        if (is_digit(ua[i]) && is_digit(ub[j])) {
            run_t ra, rb;
            i = read_run(ua, alen, i, &ra);
            j = read_run(ub, blen, j, &rb);
            int c = cmp_run(&ra, &rb);
            if (c != 0)
                return c;
            continue;
        }
        /* At least one side is a BYTE token. Against a digit run this is bytewise too:
         * the run's first digit stands for it, as its key's first byte ('0'..'9') does. */
        if (ua[i] != ub[j])
            return ua[i] < ub[j] ? -1 : 1;
        i++;
        j++;
    }
    /* One token sequence is a prefix of the other (or they are equal). */
    return cmp_size(alen - i, blen - j);
}

/* UINT(v): order-preserving, self-delimiting (see natsort.h). */
static void put_uint(ds_buf_t *out, uint64_t v)
{
    if (v < UINT_SMALL) {
        ds_buf_putc(out, (char)(UINT_BASE + v));
        return;
    }
    uint64_t w = v - UINT_SMALL;
    unsigned char be[8];
    int k = 0;
    do { /* the fewest bytes that hold w: longer means larger, as memcmp needs */
        be[7 - k++] = (unsigned char)(w & 0xFF);
        w >>= 8;
    } while (w != 0);
    ds_buf_putc(out, (char)(0xEF + k));
    ds_buf_append(out, be + 8 - k, (size_t)k);
}

/* The code of one NUMBER token: LEN(L) d1..dL UINT(z). */
static void put_run(ds_buf_t *out, const run_t *r)
{
    if (r->nsig <= LEN_SMALL) {
        ds_buf_putc(out, (char)('0' + r->nsig));
    } else {
        ds_buf_putc(out, '9');
        put_uint(out, (uint64_t)(r->nsig - LEN_SMALL - 1));
    }
    ds_buf_append(out, r->sig, r->nsig);
    put_uint(out, (uint64_t)r->zeros);
}

void ds_natkey(const char *s, size_t len, ds_buf_t *out)
{
    if (!ds_buf_ok(out))
        return;
    const unsigned char *us = (const unsigned char *)s;
    size_t start_len = out->len;
    size_t i = 0;
    while (i < len) {
        /* BYTE tokens are their own code: copy the whole stretch up to the next digit. */
        size_t j = i;
        while (j < len && !is_digit(us[j]))
            j++;
        ds_buf_append(out, us + i, j - i);
        if (j == len)
            break;
        run_t r;
        i = read_run(us, len, j, &r);
        put_run(out, &r);
    }
    /* Sticky failure left a partial key: drop it, so out is as the caller had it. */
    if (!ds_buf_ok(out))
        ds_buf_truncate(out, start_len);
}
