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

static void text_collapse(ds_buf_t *b, const char *s, size_t n)
{
    out_text(b, s, n, 1);
}
static void text_keep(ds_buf_t *b, const char *s, size_t n)
{
    out_text(b, s, n, 0);
}

static void json_escapes(void **state)
{
    (void)state;
    check(out_json_str, "plain", 5, "\"plain\"");
    check(out_json_str, "a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    check(out_json_str, "l1\nl2\tx\r", 8, "\"l1\\nl2\\tx\\r\"");
    check(out_json_str, "\x1b[31mred\x07", 9, "\"\\u001b[31mred\\u0007\"");
    check(out_json_str, "nul\0x", 5, "\"nul\\u0000x\"");
    check(out_json_str,
          "\xc2\x85"
          "c1",
          4, "\"\\u0085c1\"");                             /* C1 NEL */
    check(out_json_str, "\xe2\x80\xa8", 3, "\"\\u2028\""); /* line separator */
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
    check(out_json_str,
          "a\xc0\x80"
          "b\xed\xa0\x80",
          7,
          "\"a\xef\xbf\xbd\xef\xbf\xbd"
          "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
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
    check(text_collapse,
          "x\xc2\x9b"
          "31m",
          6, "x 31m"); /* C1 CSI */
    check(text_collapse,
          "rtl\xe2\x81\xa6"
          "q",
          7, "rtl q");
}

static void widths(void **state)
{
    (void)state;
    assert_int_equal(out_text_width("abc", 3), 3);
    assert_int_equal(out_text_width("caf\xc3\xa9", 5), 4);
    assert_int_equal(out_text_width("cafe\xcc\x81", 6), 4);             /* combining acute */
    assert_int_equal(out_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4); /* 日本 */
}

/* ---- the writers against the character-by-character writers they replaced --------
 * out.c copies unchanged runs in one memcpy (out.c, Writing in runs); these are the
 * writers as they were, decoding and re-encoding every character. Both must write the
 * same bytes for any input: random bytes drawn from a set rich in what is escaped,
 * replaced or collapsed (controls, white space, bidi controls, U+2028, invalid and
 * truncated sequences, multi-byte characters). */

static int ref_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}
static int ref_bidi(uint32_t cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}
static int ref_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xa0 || cp == 0x2028 || cp == 0x2029;
}

static size_t ref_next(const char *s, size_t len, size_t i, uint32_t *cp)
{
    int n = utf8_decode(s + i, len - i, cp);
    if (n < 0) {
        *cp = UTF8_REPLACEMENT;
        return (size_t)-n;
    }
    return n > 0 ? (size_t)n : 1;
}

static void ref_cp(ds_buf_t *out, uint32_t cp)
{
    char tmp[UTF8_MAX_BYTES];
    ds_buf_append(out, tmp, utf8_encode(cp, tmp));
}

static void ref_json(ds_buf_t *out, const char *s, size_t len)
{
    ds_buf_putc(out, '"');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ref_next(s, len, i, &cp);
        if (cp == '"' || cp == '\\')
            ds_buf_printf(out, "\\%c", (char)cp);
        else if (cp == '\n' || cp == '\t' || cp == '\r')
            ds_buf_printf(out, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
        else if (ref_control(cp) || cp == 0x2028 || cp == 0x2029)
            ds_buf_printf(out, "\\u%04x", (unsigned)cp);
        else
            ref_cp(out, cp);
    }
    ds_buf_putc(out, '"');
}

static void ref_tsv(ds_buf_t *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ref_next(s, len, i, &cp);
        if (cp == '\\' || cp == '\t' || cp == '\n' || cp == '\r')
            ds_buf_printf(out, "\\%c",
                          cp == '\\'   ? '\\'
                          : cp == '\t' ? 't'
                          : cp == '\n' ? 'n'
                                       : 'r');
        else if (ref_control(cp) || ref_bidi(cp))
            ds_buf_putc(out, ' ');
        else
            ref_cp(out, cp);
    }
}

static void ref_text(ds_buf_t *out, const char *s, size_t len, int collapse)
{
    int last_space = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ref_next(s, len, i, &cp);
        int space = ref_space(cp) || ref_control(cp) || ref_bidi(cp);
        if (space && collapse && last_space)
            continue;
        if (space)
            ds_buf_putc(out, ' ');
        else
            ref_cp(out, cp);
        last_space = space;
    }
}

static void ref_collapse(ds_buf_t *b, const char *s, size_t n)
{
    ref_text(b, s, n, 1);
}
static void ref_keep(ds_buf_t *b, const char *s, size_t n)
{
    ref_text(b, s, n, 0);
}

static void same_as(writer_fn fn, writer_fn ref, const char *s, size_t len)
{
    ds_buf_t got = DS_BUF_INIT, want = DS_BUF_INIT;
    ds_buf_puts(&got, "x"); /* appending, not writing from the start */
    ds_buf_puts(&want, "x");
    fn(&got, s, len);
    ref(&want, s, len);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, want.len);
    ds_buf_release(&got);
    ds_buf_release(&want);
}

static void runs_write_what_characters_did(void **state)
{
    (void)state;
    static const char *const parts[] = {"a",
                                        "Z",
                                        " ",
                                        "  ",
                                        "\\",
                                        "\"",
                                        "\t",
                                        "\n",
                                        "\r",
                                        "\f",
                                        "\v",
                                        "\x1b",
                                        "\x7f",
                                        "\0",
                                        "\xc2\x85",
                                        "\xc2\xa0",
                                        "\xc3\xa9",
                                        "\xe2\x80\xa8",
                                        "\xe2\x80\xa9",
                                        "\xe2\x80\xae",
                                        "\xe2\x81\xa6",
                                        "\xef\xbf\xbd",
                                        "\xf0\x9f\x98\x80",
                                        "\xe4\xb8\xad",
                                        "\xcc\x81",
                                        "\x80",
                                        "\xc3",
                                        "\xe2\x82",
                                        "\xf0\x9f",
                                        "\xff",
                                        "\xed\xa0\x80",
                                        "\xc0\xaf",
                                        "word",
                                        "(x)."};
    size_t nparts = sizeof parts / sizeof parts[0];
    uint32_t seed = 12345;
    char s[256];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        for (int k = (int)(seed % 12); k >= 0 && len < sizeof s - 8; k--) {
            seed = seed * 1103515245u + 12345u;
            size_t p = (seed >> 16) % nparts;
            size_t plen = parts[p][0] ? strlen(parts[p]) : 1; /* "\0" is one NUL byte */
            memcpy(s + len, parts[p], plen);
            len += plen;
        }
        same_as(out_json_str, ref_json, s, len);
        same_as(out_tsv_field, ref_tsv, s, len);
        same_as(text_collapse, ref_collapse, s, len);
        same_as(text_keep, ref_keep, s, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escapes), cmocka_unit_test(invalid_utf8_replaced),
        cmocka_unit_test(tsv_escapes),  cmocka_unit_test(text_for_terminals),
        cmocka_unit_test(widths),       cmocka_unit_test(runs_write_what_characters_did),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
