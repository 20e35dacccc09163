/*
 * test_timeline.c - unit tests of the timeline table and its SVG (searcher/timeline.h):
 * periods of dates, undated documents, the continuous axis (across a new year too), and
 * an SVG whose title is hostile text. tl_run is tested over a small index in
 * test_kwic.c and end to end (the SVG parsed as XML) in test_concordance.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "timeline.h"

static void test_add_fill_months(void **state)
{
    (void)state;
    tl_table_t t = {.by = TL_BY_MONTH};
    assert_int_equal(tl_add(&t, "2021-02-14", 3), DS_OK);
    assert_int_equal(tl_add(&t, "2020-11-03", 1), DS_OK);
    assert_int_equal(tl_add(&t, "2021-02-01", 2), DS_OK);
    assert_int_equal(tl_add(&t, NULL, 5), DS_OK);
    assert_int_equal(tl_add(&t, "2021", 7), DS_OK); /* a year's first day is in January */
    assert_int_equal(tl_add(&t, "2021-13-01", 1), DS_OK); /* nor is month 13 */
    assert_int_equal(tl_add(&t, "garbage", 1), DS_OK);
    assert_int_equal(tl_fill(&t), DS_OK);
    static const struct {
        int32_t period;
        uint64_t occ, docs;
    } want[] = {{202011, 1, 1}, {202012, 0, 0}, {202101, 7, 1}, {202102, 5, 2}};
    assert_int_equal(t.n, 4);
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(t.rows[i].period, want[i].period);
        assert_int_equal(t.rows[i].occ, want[i].occ);
        assert_int_equal(t.rows[i].docs, want[i].docs);
    }
    assert_int_equal(t.undated_occ, 7);
    assert_int_equal(t.undated_docs, 3);
    char label[16];
    tl_label(label, TL_BY_MONTH, t.rows[1].period);
    assert_string_equal(label, "2020-12");
    tl_table_release(&t);
    tl_table_release(&t);
    tl_table_release(NULL);
}

static void test_add_fill_years(void **state)
{
    (void)state;
    tl_table_t t = {.by = TL_BY_YEAR};
    assert_int_equal(tl_fill(&t), DS_OK); /* empty stays empty */
    assert_int_equal(t.n, 0);
    assert_int_equal(tl_add(&t, "2015-01-09", 1), DS_OK);
    assert_int_equal(tl_add(&t, "2018", 2), DS_OK);
    assert_int_equal(tl_add(&t, "2015-12", 4), DS_OK);
    assert_int_equal(tl_fill(&t), DS_OK);
    assert_int_equal(t.n, 4);
    assert_int_equal(t.rows[0].period, 2015);
    assert_int_equal(t.rows[0].occ, 5);
    assert_int_equal(t.rows[0].docs, 2);
    assert_int_equal(t.rows[2].period, 2017);
    assert_int_equal(t.rows[2].docs, 0);
    assert_int_equal(t.rows[3].occ, 2);
    char label[16];
    tl_label(label, TL_BY_YEAR, 2017);
    assert_string_equal(label, "2017");
    tl_table_release(&t);
}

static void test_svg(void **state)
{
    (void)state;
    tl_table_t t = {.by = TL_BY_YEAR};
    assert_int_equal(tl_add(&t, "2020-01-01", 7), DS_OK);
    assert_int_equal(tl_add(&t, "2022-01-01", 3), DS_OK);
    assert_int_equal(tl_add(&t, NULL, 2), DS_OK);
    assert_int_equal(tl_fill(&t), DS_OK);
    ds_buf_t b = DS_BUF_INIT;
    const char title[] = "\"a\" <b> & 'c'\x1b[31m\n\xef\xbf\xbf\xff";
    tl_svg(&b, &t, 0, title, sizeof title - 1);
    const char *s = ds_buf_cstr(&b);
    assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"", 36) == 0);
    assert_non_null(strstr(s, "<title>&quot;a&quot; &lt;b&gt; &amp; &apos;c&apos; [31m "
                              "\xef\xbf\xbd\xef\xbf\xbd</title>"));
    assert_null(strchr(s, '\x1b'));
    assert_null(strstr(s, "\xef\xbf\xbf"));
    assert_non_null(strstr(s, ">2021</text>")); /* the empty year has its label */
    assert_non_null(strstr(s, "<title>2020: occurrences 7, documents 1</title>"));
    assert_non_null(strstr(s, "2 undated occurrences not shown"));
    assert_non_null(strstr(s, ">8</text>")); /* ticks 0, 2, ..., 8 */
    size_t len = strlen(s);
    assert_true(len > 7 && strcmp(s + len - 7, "</svg>\n") == 0);
    ds_buf_reset(&b);
    tl_table_t empty = {.by = TL_BY_MONTH};
    tl_svg(&b, &empty, 0, "", 0);
    assert_non_null(strstr(ds_buf_cstr(&b), "no dated occurrences"));
    ds_buf_release(&b);
    tl_table_release(&t);
}

/* A query without keywords counts documents: so does its chart (it drew empty bars). */
static void test_svg_of_documents(void **state)
{
    (void)state;
    tl_table_t t = {.by = TL_BY_YEAR};
    assert_int_equal(tl_add(&t, "2020-01-01", 0), DS_OK);
    assert_int_equal(tl_add(&t, "2020-05-01", 0), DS_OK);
    assert_int_equal(tl_add(&t, "2021-01-01", 0), DS_OK);
    assert_int_equal(tl_add(&t, NULL, 0), DS_OK);
    assert_int_equal(tl_fill(&t), DS_OK);
    ds_buf_t b = DS_BUF_INIT;
    tl_svg(&b, &t, 1, "type:report", 11);
    const char *s = ds_buf_cstr(&b);
    assert_non_null(strstr(s, ">documents</text>"));
    assert_null(strstr(s, "height=\"0.0\"")); /* every year has a bar */
    assert_non_null(strstr(s, "height=\"270.0\"")); /* 2020: 2 of 2, the full plot */
    assert_non_null(strstr(s, "1 undated documents not shown"));
    ds_buf_release(&b);
    tl_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_fill_months),
        cmocka_unit_test(test_add_fill_years),
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_svg_of_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
