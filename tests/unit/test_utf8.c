/* Unit tests for common/utf8.c: strict decoding (maximal subparts), encoding, validation,
 * repair, cutting at character boundaries and stepping (utf8_next, utf8_prev). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

typedef struct dcase {
    const char *bytes;
    size_t len;
    int ret;     /* utf8_decode's return value */
    uint32_t cp; /* expected code point (U+FFFD when invalid) */
} dcase_t;

static void decode_table(void **state)
{
    (void)state;
    static const dcase_t d[] = {
        {"A", 1, 1, 'A'},
        {"\x7f", 1, 1, 0x7F},
        {"\xc2\x80", 2, 2, 0x80},
        {"\xc3\xa9", 2, 2, 0xE9},
        {"\xdf\xbf", 2, 2, 0x7FF},
        {"\xe0\xa0\x80", 3, 3, 0x800},
        {"\xe2\x80\x99", 3, 3, 0x2019},
        {"\xed\x9f\xbf", 3, 3, 0xD7FF},
        {"\xee\x80\x80", 3, 3, 0xE000},
        {"\xef\xbf\xbd", 3, 3, 0xFFFD},
        {"\xf0\x90\x80\x80", 4, 4, 0x10000},
        {"\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF},
        {"\x80", 1, -1, 0xFFFD}, /* lone continuation */
        {"\xbf\x80", 2, -1, 0xFFFD},
        {"\xc0\xaf", 2, -1, 0xFFFD}, /* overlong '/' */
        {"\xc1\xbf", 2, -1, 0xFFFD},
        {"\xe0\x80\xaf", 3, -1, 0xFFFD},     /* overlong, 3 bytes */
        {"\xf0\x80\x80\xaf", 4, -1, 0xFFFD}, /* overlong, 4 bytes */
        {"\xed\xa0\x80", 3, -1, 0xFFFD},     /* surrogate U+D800 */
        {"\xed\xbf\xbf", 3, -1, 0xFFFD},     /* surrogate U+DFFF */
        {"\xf4\x90\x80\x80", 4, -1, 0xFFFD}, /* U+110000 */
        {"\xf5\x80\x80\x80", 4, -1, 0xFFFD},
        {"\xff", 1, -1, 0xFFFD},
        {"\xe2\x82", 2, -2, 0xFFFD},  /* truncated at the end: one subpart */
        {"\xe2\x82x", 3, -2, 0xFFFD}, /* interrupted */
        {"\xf0\x9f\x98", 3, -3, 0xFFFD},
        {"\xc3", 1, -1, 0xFFFD},
        {"\xe2\x80\x99", 2, -2, 0xFFFD}, /* len cuts a valid sequence */
        {"", 0, 0, 0xFFFD},
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        uint32_t cp = 12345;
        int r = utf8_decode(d[i].bytes, d[i].len, &cp);
        if (r != d[i].ret || cp != d[i].cp)
            fail_msg("case %zu: got %d U+%04X, want %d U+%04X", i, r, cp, d[i].ret, d[i].cp);
    }
}

static void encode_round_trips_every_code_point(void **state)
{
    (void)state;
    char buf[UTF8_MAX_BYTES];
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        size_t n = utf8_encode(cp, buf);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            assert_int_equal(n, 0);
            continue;
        }
        uint32_t back;
        if (n == 0 || utf8_decode(buf, n, &back) != (int)n || back != cp)
            fail_msg("U+%04X does not round-trip", cp);
    }
    assert_int_equal(utf8_encode(0x110000, buf), 0);
    assert_int_equal(utf8_encode(0xFFFFFFFFu, buf), 0);
}

static void validation(void **state)
{
    (void)state;
    const char ok[] = "plain ASCII text that is longer than eight bytes, café ’ 😀";
    assert_true(utf8_is_valid(ok, strlen(ok)));
    assert_int_equal(utf8_valid_prefix(ok, strlen(ok)), strlen(ok));
    assert_true(utf8_is_valid("", 0));
    const char bad[] = "0123456789abcdef\xe2\x80";
    assert_false(utf8_is_valid(bad, strlen(bad)));
    assert_int_equal(utf8_valid_prefix(bad, strlen(bad)), 16);
    assert_int_equal(utf8_valid_prefix("ab\xed\xa0\x80", 5), 2);
    assert_true(utf8_is_valid("a\0b", 3)); /* NUL is valid UTF-8 */
}

typedef struct rcase {
    const char *in;
    size_t len;
    const char *out;
    size_t nrepl;
} rcase_t;

static void repair_table(void **state)
{
    (void)state;
    static const rcase_t r[] = {
        {"clean café", 11, "clean café", 0},
        {"a\x80"
         "b",
         3,
         "a\xef\xbf\xbd"
         "b",
         1},
        {"\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd", 2},
        {"\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3},
        {"end\xe2\x82", 5, "end\xef\xbf\xbd", 1},
        {"\xf0\x9f\x98x", 4, "\xef\xbf\xbdx", 1},
        {"", 0, "", 0},
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        ds_buf_t b = DS_BUF_INIT;
        size_t n = 99;
        assert_int_equal(utf8_repair(&b, r[i].in, r[i].len, &n), DS_OK);
        assert_string_equal(ds_buf_cstr(&b), r[i].out);
        assert_int_equal(n, r[i].nrepl);
        assert_true(utf8_is_valid(b.data ? b.data : "", b.len));
        ds_buf_release(&b);
    }
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "x");
    assert_int_equal(utf8_repair(&b, "\xff", 1, NULL), DS_OK); /* appends; nrepl optional */
    assert_string_equal(ds_buf_cstr(&b), "x\xef\xbf\xbd");
    ds_buf_release(&b);
}

static void repair_reports_allocation_failure(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    b.failed = 1; /* a buffer whose earlier allocation failed */
    size_t n = 7;
    assert_int_equal(utf8_repair(&b, "a\x80", 2, &n), DS_ERR_NOMEM);
    assert_int_equal(n, 0);
    ds_buf_release(&b);
}

static void floor_cuts_at_boundaries(void **state)
{
    (void)state;
    const char *s = "a\xce\xb1\xe2\x80\x99\xf0\x9f\x98\x80z"; /* a α ’ 😀 z */
    size_t len = strlen(s);
    size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11};
    for (size_t max = 0; max <= len; max++)
        assert_int_equal(utf8_floor(s, len, max), want[max]);
    assert_int_equal(utf8_floor(s, len, 100), len);
}

/* A copy of s[0..len) in a malloc'd buffer of exactly len bytes (one byte for ""), so
 * AddressSanitizer reports any read past the end or before the start. */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    if (len)
        memcpy(p, s, len);
    return p;
}

typedef struct scase {
    const char *bytes;
    size_t len;
    size_t starts[12]; /* character starts, then len; ends at the first len */
} scase_t;

static void step_table(void **state)
{
    (void)state;
    static const scase_t t[] = {
        {"", 0, {0}},
        {"a", 1, {0, 1}},
        {"ab", 2, {0, 1, 2}},
        {"\xc3\xa9", 2, {0, 2}},         /* é */
        {"\xe2\x80\x99", 3, {0, 3}},     /* ’ */
        {"\xf0\x9f\x98\x80", 4, {0, 4}}, /* 😀 */
        {"a\xce\xb1\xe2\x80\x99\xf0\x9f\x98\x80z", 11, {0, 1, 3, 6, 10, 11}},
        {"\x80", 1, {0, 1}},                                         /* stray continuation */
        {"\x80\xbf\x80", 3, {0, 1, 2, 3}},                           /* each one character */
        {"\xc3\xa9\x80", 3, {0, 2, 3}},                              /* é + stray */
        {"\xf0\x9f\x98\x80\x80\x80\x80\x80", 8, {0, 4, 5, 6, 7, 8}}, /* 😀 + 4 strays */
        {"\xe2\x82", 2, {0, 2}},                                     /* truncated at the end */
        {"\xf0\x9f\x98", 3, {0, 3}},                                 /* truncated at the end */
        {"x\xe2\x82", 3, {0, 1, 3}},
        {"\xe2\x82x", 3, {0, 2, 3}}, /* interrupted */
        {"\xc3", 1, {0, 1}},
        {"\xc0\xaf", 2, {0, 1, 2}},               /* overlong: 2 bytes */
        {"\xe0\x80\xaf", 3, {0, 1, 2, 3}},        /* overlong, E0 80 */
        {"\xed\xa0\x80", 3, {0, 1, 2, 3}},        /* surrogate */
        {"\xf4\x90\x80\x80", 4, {0, 1, 2, 3, 4}}, /* U+110000 */
        {"\xff\xfe", 2, {0, 1, 2}},
        {"\xe2\x82\xe2\x82\xac", 5, {0, 2, 5}}, /* subpart, then € */
    };
    for (size_t c = 0; c < sizeof t / sizeof t[0]; c++) {
        size_t len = t[c].len;
        char *s = exact_copy(t[c].bytes, len);
        size_t n = 0; /* index of len in starts */
        while (t[c].starts[n] != len)
            n++;
        for (size_t k = 0; k < n; k++)
            if (utf8_next(s, len, t[c].starts[k]) != t[c].starts[k + 1])
                fail_msg("case %zu: utf8_next(%zu) = %zu, want %zu", c, t[c].starts[k],
                         utf8_next(s, len, t[c].starts[k]), t[c].starts[k + 1]);
        for (size_t k = n; k > 0; k--)
            if (utf8_prev(s, t[c].starts[k]) != t[c].starts[k - 1])
                fail_msg("case %zu: utf8_prev(%zu) = %zu, want %zu", c, t[c].starts[k],
                         utf8_prev(s, t[c].starts[k]), t[c].starts[k - 1]);
        assert_int_equal(utf8_next(s, len, len), len); /* never past len */
        assert_int_equal(utf8_next(s, len, len + 3), len);
        assert_int_equal(utf8_prev(s, 0), 0); /* never before s */
        free(s);
    }
}

static void prev_inside_a_sequence(void **state)
{
    (void)state;
    /* the bytes of a sequence before i are one (truncated) character */
    char *s = exact_copy("a\xe2\x82\xac", 4); /* a € */
    assert_int_equal(utf8_prev(s, 4), 1);
    assert_int_equal(utf8_prev(s, 3), 1);
    assert_int_equal(utf8_prev(s, 2), 1);
    assert_int_equal(utf8_prev(s, 1), 0);
    free(s);
    s = exact_copy("\xf0\x9f\x98\x80", 4);
    assert_int_equal(utf8_prev(s, 3), 0);
    assert_int_equal(utf8_prev(s, 1), 0);
    free(s);
    /* continuation bytes at the very start: each one, and nothing before s is read */
    s = exact_copy("\x80\x80\x80", 3);
    assert_int_equal(utf8_prev(s, 3), 2);
    assert_int_equal(utf8_prev(s, 1), 0);
    free(s);
}

/* The characters of s[0..i) as utf8_decode splits it from the start: the last one's
 * start (the reference for utf8_prev). */
static size_t last_start(const char *s, size_t i)
{
    size_t p = 0, last = 0;
    while (p < i) {
        uint32_t cp;
        int n = utf8_decode(s + p, i - p, &cp);
        last = p;
        p += (size_t)(n < 0 ? -n : n);
    }
    return last;
}

/* Every string of up to 5 bytes over bytes that start, continue, break and end
 * sequences: utf8_next is utf8_decode's length and utf8_prev the start of the last
 * character of s[0..i), for every i. */
static void step_exhaustive(void **state)
{
    (void)state;
    static const unsigned char alpha[] = {'a',  0x80, 0x8f, 0x9f, 0xa0, 0xbf, 0xc0,
                                          0xc3, 0xe0, 0xe2, 0xed, 0xf0, 0xf4, 0xff};
    enum { NA = sizeof alpha, MAXLEN = 5 };
    for (size_t len = 0; len <= MAXLEN; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++)
            total *= NA;
        for (size_t code = 0; code < total; code++) {
            char buf[MAXLEN];
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= NA)
                buf[k] = (char)alpha[c % NA];
            char *s = exact_copy(buf, len);
            for (size_t i = 0; i <= len; i++) {
                uint32_t cp;
                int n = i < len ? utf8_decode(s + i, len - i, &cp) : 0;
                size_t want_next = i + (size_t)(n < 0 ? -n : n);
                if (utf8_next(s, len, i) != want_next)
                    fail_msg("len %zu code %zu: utf8_next(%zu)", len, code, i);
                if (utf8_prev(s, i) != last_start(s, i))
                    fail_msg("len %zu code %zu: utf8_prev(%zu) = %zu, want %zu", len, code, i,
                             utf8_prev(s, i), last_start(s, i));
            }
            for (size_t j = 0; j < len; j = utf8_next(s, len, j)) /* round trip */
                assert_int_equal(utf8_prev(s, utf8_next(s, len, j)), j);
            free(s);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_table),
        cmocka_unit_test(encode_round_trips_every_code_point),
        cmocka_unit_test(validation),
        cmocka_unit_test(repair_table),
        cmocka_unit_test(repair_reports_allocation_failure),
        cmocka_unit_test(floor_cuts_at_boundaries),
        cmocka_unit_test(step_table),
        cmocka_unit_test(prev_inside_a_sequence),
        cmocka_unit_test(step_exhaustive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
