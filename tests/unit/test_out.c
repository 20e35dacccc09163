/* Unit tests for common/out.c: JSON, TSV and terminal text from untrusted bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "out.h"
#include "utf8.h"

typedef void (*writer_fn)(ds_buf_t *, const char *, size_t);

static void check(writer_fn fn, const char *in, size_t len, const char *want)
{
    ds_buf_t b = DS_BUF_INIT;
    fn(&b, in, len);
    assert_true(ds_buf_ok(&b));
    assert_string_equal(ds_buf_cstr(&b), want);
    assert_true(utf8_is_valid(b.data, b.len));
    ds_buf_release(&b);
}

static void text_collapse(ds_buf_t *b, const char *s, size_t n) { out_text(b, s, n, 1); }
static void text_keep(ds_buf_t *b, const char *s, size_t n) { out_text(b, s, n, 0); }

static void json_escapes(void **state)
{
    (void)state;
    check(out_json_str, "plain", 5, "\"plain\"");
    check(out_json_str, "a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    check(out_json_str, "l1\nl2\tx\r", 8, "\"l1\\nl2\\tx\\r\"");
    check(out_json_str, "\x1b[31mred\x07", 9, "\"\\u001b[31mred\\u0007\"");
    check(out_json_str, "nul\0x", 5, "\"nul\\u0000x\"");
    check(out_json_str, "\xc2\x85" "c1", 4, "\"\\u0085c1\"");   /* C1 NEL */
    check(out_json_str, "\xe2\x80\xa8", 3, "\"\\u2028\"");      /* line separator */
    check(out_json_str, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", 13,
          "\"caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d\"");
}

static void invalid_utf8_replaced(void **state)
{
    (void)state;
    const char *fffd = "\xef\xbf\xbd";
    char want[64];
    snprintf(want, sizeof want, "\"a%sb%s\"", fffd, fffd);
    check(out_json_str, "a\xffz", 3, "\"a\xef\xbf\xbdz\"");
    check(out_json_str, "a\xc0\x80" "b\xed\xa0\x80", 7,
          "\"a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    check(out_tsv_field, "x\xe2\x82", 3, "x\xef\xbf\xbd"); /* truncated at the end */
    (void)want;
}

static void tsv_escapes(void **state)
{
    (void)state;
    check(out_tsv_field, "a\tb\nc\\d\re", 9, "a\\tb\\nc\\\\d\\re");
    check(out_tsv_field, "esc\x1b[2Jx", 8, "esc [2Jx");
    check(out_tsv_field, "bidi\xe2\x80\xaeX", 8, "bidi X");
}

static void text_for_terminals(void **state)
{
    (void)state;
    check(text_collapse, "a \n\n  b\tc", 9, "a b c");
    check(text_keep, "a\n\nb", 4, "a  b");
    check(text_collapse, "\x1b]0;title\x07x", 11, " ]0;title x");
    check(text_collapse, "x\xc2\x9b" "31m", 6, "x 31m"); /* C1 CSI */
    check(text_collapse, "rtl\xe2\x81\xa6" "q", 7, "rtl q");
}

static void widths(void **state)
{
    (void)state;
    assert_int_equal(out_text_width("abc", 3), 3);
    assert_int_equal(out_text_width("caf\xc3\xa9", 5), 4);
    assert_int_equal(out_text_width("cafe\xcc\x81", 6), 4);     /* combining acute */
    assert_int_equal(out_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4); /* 日本 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escapes),
        cmocka_unit_test(invalid_utf8_replaced),
        cmocka_unit_test(tsv_escapes),
        cmocka_unit_test(text_for_terminals),
        cmocka_unit_test(widths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
