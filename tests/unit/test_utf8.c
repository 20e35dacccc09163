/* Unit tests for common/utf8.c: strict decoding (maximal subparts), encoding, validation,
 * repair and cutting at character boundaries. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_table),
        cmocka_unit_test(encode_round_trips_every_code_point),
        cmocka_unit_test(validation),
        cmocka_unit_test(repair_table),
        cmocka_unit_test(repair_reports_allocation_failure),
        cmocka_unit_test(floor_cuts_at_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
