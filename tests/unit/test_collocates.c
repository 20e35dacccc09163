/*
 * test_collocates.c - unit tests of the association measures (searcher/collocates.h):
 * every number worked out by hand from the formulas in collocates.h. co_run itself is
 * tested over a small index in test_kwic.c and end to end in test_concordance.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "collocates.h"

static void near(double got, double want)
{
    if (fabs(got - want) > 1e-6 * (1 + fabs(want)))
        fail_msg("got %.9f, want %.9f", got, want);
}

static void test_expected(void **state)
{
    (void)state;
    near(co_expected(2, 2, 1, 8), 1.0);      /* 2 * 2 * 2 / 8 */
    near(co_expected(10, 30, 5, 1000), 3.0); /* 10 * 30 * 10 / 1000 */
    near(co_expected(10, 30, 5, 0), 0.0);    /* no corpus: nothing expected */
}

static void test_mi_t(void **state)
{
    (void)state;
    near(co_score(CO_MI, 2, 2, 2, 1, 8), 1.0);               /* log2(2 / 1) */
    near(co_score(CO_MI, 12, 10, 30, 5, 1000), 2.0);         /* log2(12 / 3) */
    near(co_score(CO_MI, 3, 10, 30, 5, 1000), 0.0);          /* O = E */
    near(co_score(CO_T, 12, 10, 30, 5, 1000), 9 / sqrt(12)); /* (12 - 3) / sqrt(12) */
    near(co_score(CO_T, 1, 10, 30, 5, 1000), -2.0);          /* (1 - 3) / 1 */
    near(co_score(CO_MI, 0, 10, 30, 5, 1000), 0.0);          /* never seen: no score */
    near(co_score(CO_T, 3, 10, 30, 5, 0), 0.0);
}

static void test_ll(void **state)
{
    (void)state;
    /* O = 2, f(k) = 2, f(w) = 2, window 1, N = 8: R1 = 4, C1 = 2;
     * O = (2, 2 / 0, 4), E = (1, 3 / 1, 3) */
    double g2 = 2 * (2 * log(2.0) + 2 * log(2 / 3.0) + 4 * log(4 / 3.0));
    near(co_score(CO_LL, 2, 2, 2, 1, 8), g2);
    near(g2, 3.452185);
    /* O = 12, f(k) = 10, f(w) = 30, window 5, N = 1000: R1 = 100, C1 = 30;
     * O = (12, 88 / 18, 882), E = (3, 97 / 27, 873) */
    g2 = 2 *
         (12 * log(12 / 3.0) + 88 * log(88 / 97.0) + 18 * log(18 / 27.0) + 882 * log(882 / 873.0));
    near(co_score(CO_LL, 12, 10, 30, 5, 1000), g2);
    /* a word seen less than expected gets a negative score:
     * O = (1, 99 / 29, 871), E = (3, 97 / 27, 873) */
    g2 =
        2 * (1 * log(1 / 3.0) + 99 * log(99 / 97.0) + 29 * log(29 / 27.0) + 871 * log(871 / 873.0));
    near(co_score(CO_LL, 1, 10, 30, 5, 1000), -g2);
    /* overlapping windows can see a word more often than the corpus holds it: the
     * impossible cell O21 < 0 adds nothing */
    double score = co_score(CO_LL, 3, 2, 2, 1, 8);
    assert_true(isfinite(score) && score > 0);
}

static void test_names(void **state)
{
    (void)state;
    co_measure_t m;
    assert_int_equal(co_parse_measure(&m, "mi"), 0);
    assert_int_equal(m, CO_MI);
    assert_int_equal(co_parse_measure(&m, "t"), 0);
    assert_int_equal(m, CO_T);
    assert_int_equal(co_parse_measure(&m, "ll"), 0);
    assert_int_equal(m, CO_LL);
    assert_int_equal(co_parse_measure(&m, "MI"), -1);
    assert_int_equal(co_parse_measure(&m, ""), -1);
    assert_int_equal(co_parse_measure(&m, "dice"), -1);
    assert_string_equal(co_measure_name(CO_MI), "mi");
    assert_string_equal(co_measure_name(CO_T), "t");
    assert_string_equal(co_measure_name(CO_LL), "ll");
}

static void test_header(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    co_header(&b, 0);
    assert_string_equal(ds_buf_cstr(&b), "rank\tword\tobserved\texpected\tscore\tfreq\n");
    ds_buf_reset(&b);
    co_header(&b, 1);
    assert_string_equal(ds_buf_cstr(&b), "query\trank\tword\tobserved\texpected\tscore\tfreq\n");
    ds_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expected), cmocka_unit_test(test_mi_t),   cmocka_unit_test(test_ll),
        cmocka_unit_test(test_names),    cmocka_unit_test(test_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
