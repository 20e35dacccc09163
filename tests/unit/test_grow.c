/* Unit tests for common/grow.c: growth by doubling, the array kept on failure, overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grow.h"

static void appends_keep_every_element(void **state)
{
    (void)state;
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 10000; i++) {
        int *nv = ds_grow(v, &cap, n + 1, sizeof *v);
        assert_non_null(nv);
        v = nv;
        v[n++] = i;
        assert_true(cap >= n);
    }
    for (int i = 0; i < 10000; i++)
        assert_int_equal(v[i], i);
    assert_int_equal(cap, 16384); /* doubling from 8 */
    free(v);
}

static void enough_room_returns_the_same_array(void **state)
{
    (void)state;
    size_t cap = 0;
    char *v = ds_grow(NULL, &cap, 3, 1);
    assert_non_null(v);
    assert_int_equal(cap, 8);
    assert_ptr_equal(ds_grow(v, &cap, 8, 1), v);
    assert_int_equal(cap, 8);
    free(v);
}

static void overflow_fails_and_keeps_the_array(void **state)
{
    (void)state;
    size_t cap = 0;
    double *v = ds_grow(NULL, &cap, 4, sizeof *v);
    assert_non_null(v);
    v[0] = 1.5;
    assert_null(ds_grow(v, &cap, SIZE_MAX / 2, sizeof *v));
    assert_null(ds_grow(v, &cap, SIZE_MAX, 1));
    assert_int_equal(cap, 8);
    assert_true(v[0] == 1.5); /* still ours, still valid */
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_keep_every_element),
        cmocka_unit_test(enough_room_returns_the_same_array),
        cmocka_unit_test(overflow_fails_and_keeps_the_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
