/*
 * Unit tests for common/locator.c: locators written and read back for ids of every kind
 * ('@', '#', '~', ':', '/', spaces, UTF-8, a string that looks like a locator), the
 * pinned string form, every malformed form refused with DS_ERR_INVALID and a message
 * naming the part, and the line map lookup.
 *
 * Every string parsed is an exact-size malloc copy, so under AddressSanitizer a read
 * past len is caught: the parser relies on no NUL terminator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "locator.h"

/* Parse s from an exact-size copy; the copy is left in *copy (caller frees). */
static ds_status_t parse(const char *s, ds_loc_t *loc, ds_error_t *e, char **copy)
{
    size_t n = strlen(s);
    *copy = malloc(n ? n : 1);
    assert_non_null(*copy);
    memcpy(*copy, s, n);
    return ds_loc_parse(*copy, n, loc, e);
}

static void round_trip(const char *id, size_t start, size_t end, size_t page, size_t line,
                       uint64_t hash)
{
    ds_loc_t a = {id, strlen(id), start, end, page, line, hash}, b;
    ds_buf_t s = DS_BUF_INIT;
    ds_loc_format(&s, &a);
    assert_true(ds_buf_ok(&s));
    char *copy;
    ds_error_t e;
    assert_int_equal(parse(ds_buf_cstr(&s), &b, &e, &copy), DS_OK);
    assert_int_equal(e.status, DS_OK);
    assert_int_equal(b.idlen, a.idlen);
    assert_memory_equal(b.id, id, a.idlen);
    assert_ptr_equal(b.id, copy); /* the id points into the string */
    assert_int_equal(b.start, start);
    assert_int_equal(b.end, end);
    assert_int_equal(b.page, page);
    assert_int_equal(b.line, line);
    assert_int_equal(b.hash, hash);
    free(copy);
    ds_buf_release(&s);
}

static void test_round_trip_any_id(void **state)
{
    (void)state;
    static const char *const ids[] = {"report.txt#p5",
                                      "c07/1861-Lincoln.txt",
                                      "a@b",
                                      "a@1-2~0123456789ab",
                                      "x~y~z",
                                      "@",
                                      "~",
                                      "@0-0~000000000000",
                                      "key:value",
                                      "with spaces  and\ttab",
                                      "a:p3.l4",
                                      "Résumé/Überblick — ‘quoted’ 東京",
                                      "#fn12",
                                      "-",
                                      "0",
                                      "a@1-2:p3"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        round_trip(ids[i], 0, 0, 0, 0, 0);
        round_trip(ids[i], 179, 190, 3, 41, UINT64_C(0x8a0c51d2e4f7));
        round_trip(ids[i], 5, 9, 12, 0, UINT64_C(0xffffffffffff));
        round_trip(ids[i], 5, 9, 0, 7, 1);
        round_trip(ids[i], SIZE_MAX - 1, SIZE_MAX, 1, SIZE_MAX, 0x123);
    }
}

static void test_string_form_pinned(void **state)
{
    (void)state;
    struct {
        ds_loc_t loc;
        const char *want;
    } cases[] = {
        {{"report.txt#p5", 13, 179, 190, 3, 41, UINT64_C(0x8a0c51d2e4f7)},
         "report.txt#p5@179-190:p3.l41~8a0c51d2e4f7"},
        {{"c07/1861-Lincoln.txt", 20, 5120, 5133, 0, 0, UINT64_C(0x3fa9c2e1b07d)},
         "c07/1861-Lincoln.txt@5120-5133~3fa9c2e1b07d"},
        {{"a", 1, 0, 0, 2, 0, 0}, "a@0-0:p2~000000000000"},
        {{"a", 1, 0, 10, 0, 9, 0xabc}, "a@0-10:l9~000000000abc"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ds_buf_t s = DS_BUF_INIT;
        ds_loc_format(&s, &cases[i].loc);
        assert_string_equal(ds_buf_cstr(&s), cases[i].want);
        ds_buf_release(&s);
    }
    /* the short hash is the text hash's first 12 hex digits */
    assert_int_equal(ds_loc_hash(UINT64_C(0x8a0c51d2e4f71234)), UINT64_C(0x8a0c51d2e4f7));
}

/* s is refused with DS_ERR_INVALID, a zeroed loc, a message holding what and the
 * column col. */
static void refused(const char *s, const char *what, size_t col)
{
    ds_loc_t loc = {"x", 1, 1, 2, 3, 4, 5};
    ds_error_t e;
    char *copy;
    ds_status_t rc = parse(s, &loc, &e, &copy);
    free(copy);
    if (rc != DS_ERR_INVALID || !strstr(e.message, what) || e.column != col)
        fail_msg("'%s': rc %d, message '%s', column %zu (want '%s' at %zu)", s, (int)rc, e.message,
                 e.column, what, col);
    assert_int_equal(e.status, DS_ERR_INVALID);
    assert_null(loc.id);
    assert_int_equal(loc.idlen + loc.start + loc.end + loc.page + loc.line + loc.hash, 0);
}

static void test_malformed_refused(void **state)
{
    (void)state;
    const char *hash12 = "12 lower-case hex";
    refused("", "no '~'", 1);
    refused("doc@1-2", "no '~'", 1);
    refused("doc@1-2~", hash12, 9);
    refused("doc@1-2~0123456789a", hash12, 9);   /* 11 digits */
    refused("doc@1-2~0123456789abc", hash12, 9); /* 13 */
    refused("doc@1-2~0123456789aB", hash12, 20); /* upper case */
    refused("doc@1-2~01234567g9ab", hash12, 17); /* not hex */
    refused("doc@1-2~0x23456789ab", hash12, 10);
    refused("doc1-2~0123456789ab", "no '@'", 1);
    refused("@1-2~0123456789ab", "empty document id", 1);
    refused("doc@~0123456789ab", "the span start is not a number", 5);
    refused("doc@-2~0123456789ab", "the span start is not a number", 5);
    refused("doc@1~0123456789ab", "not followed by '-'", 6);
    refused("doc@1-~0123456789ab", "the span end is not a number", 7);
    refused("doc@a-2~0123456789ab", "the span start is not a number", 5);
    refused("doc@1-b~0123456789ab", "the span end is not a number", 7);
    refused("doc@+1-2~0123456789ab", "the span start is not a number", 5);
    refused("doc@1--2~0123456789ab", "the span end is not a number", 7);
    refused("doc@ 1-2~0123456789ab", "the span start is not a number", 5);
    refused("doc@1-2 ~0123456789ab", "unexpected characters", 8);
    refused("doc@01-2~0123456789ab", "the span start has a leading zero", 5);
    refused("doc@1-02~0123456789ab", "the span end has a leading zero", 7);
    refused("doc@3-2~0123456789ab", "the span start is after its end", 5);
    refused("doc@1-18446744073709551616~0123456789ab", "the span end is too large", 7);
    refused("doc@99999999999999999999-1~0123456789ab", "the span start is too large", 5);
    refused("doc@1-2:~0123456789ab", "':' after the span", 9);
    refused("doc@1-2:x3~0123456789ab", "':' after the span", 9);
    refused("doc@1-2:p~0123456789ab", "the page is not a number", 10);
    refused("doc@1-2:p0~0123456789ab", "the page is 0", 10);
    refused("doc@1-2:p03~0123456789ab", "the page has a leading zero", 10);
    refused("doc@1-2:p3.~0123456789ab", "'.' after the page", 12);
    refused("doc@1-2:p3.x4~0123456789ab", "'.' after the page", 12);
    refused("doc@1-2:p3.l~0123456789ab", "the line is not a number", 13);
    refused("doc@1-2:p3.l0~0123456789ab", "the line is 0", 13);
    refused("doc@1-2:l0~0123456789ab", "the line is 0", 10);
    refused("doc@1-2:p3.l4.l5~0123456789ab", "unexpected characters", 14);
    refused("doc@1-2:l4:p3~0123456789ab", "unexpected characters", 11);
    refused("doc@1-2:p3:l4~0123456789ab", "unexpected characters", 11);
    refused("doc@1-2:p99999999999999999999~0123456789ab", "the page is too large", 10);
    /* the span is after the last '@': an id-like tail there is not a span */
    refused("doc@1-2@x~0123456789ab", "the span start is not a number", 9);
    /* the hash is after the last '~' */
    refused("doc@1-2~0123456789ab~", hash12, 22);
}

static void test_nul_refused(void **state)
{
    (void)state;
    static const char s[] = "do\0c@1-2~0123456789ab";
    char *copy = malloc(sizeof s - 1);
    assert_non_null(copy);
    memcpy(copy, s, sizeof s - 1);
    ds_loc_t loc;
    ds_error_t e;
    assert_int_equal(ds_loc_parse(copy, sizeof s - 1, &loc, &e), DS_ERR_INVALID);
    assert_non_null(strstr(e.message, "NUL"));
    assert_int_equal(e.column, 3);
    assert_int_equal(ds_loc_parse(copy, sizeof s - 1, &loc, NULL), DS_ERR_INVALID);
    free(copy);
}

static void test_locus_find(void **state)
{
    (void)state;
    const ds_locus_t rows[] = {{0, 3, 1}, {10, 4, 1}, {10, 5, 1}, {25, 1, 2}};
    assert_null(ds_locus_find(rows, 0, 0));
    assert_null(ds_locus_find(NULL, 4, 0));
    assert_int_equal(ds_locus_find(rows, 4, 0)->line, 3);
    assert_int_equal(ds_locus_find(rows, 4, 9)->line, 3);
    assert_int_equal(ds_locus_find(rows, 4, 10)->line, 5); /* the last row at 10 */
    assert_int_equal(ds_locus_find(rows, 4, 24)->line, 5);
    assert_int_equal(ds_locus_find(rows, 4, 25)->page, 2);
    assert_int_equal(ds_locus_find(rows, 4, SIZE_MAX)->page, 2);
    const ds_locus_t late[] = {{5, 7, 1}};
    assert_int_equal(ds_locus_find(late, 1, 2)->line, 7); /* before the first row */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_any_id), cmocka_unit_test(test_string_form_pinned),
        cmocka_unit_test(test_malformed_refused), cmocka_unit_test(test_nul_refused),
        cmocka_unit_test(test_locus_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
