/* Unit tests for common/arena.c: zeroing, alignment, growth, outsized blocks, strndup,
 * sticky failure, NULL arguments, release. */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

static void alloc_is_zeroed_and_aligned(void **state)
{
    (void)state;
    ds_arena_t a = DS_ARENA_INIT;
    assert_true(ds_arena_ok(&a));
    for (size_t n = 0; n < 200; n++) {
        unsigned char *p = ds_arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, n); /* must not overlap the next block (ASan would tell) */
    }
    void *x = ds_arena_alloc(&a, 0), *y = ds_arena_alloc(&a, 0);
    assert_non_null(x);
    assert_ptr_not_equal(x, y);
    assert_true(ds_arena_ok(&a));
    ds_arena_release(&a);
    assert_null(a.head);
    ds_arena_release(&a); /* release twice is harmless */
}

static void chunks_grow_and_big_blocks_stand_alone(void **state)
{
    (void)state;
    ds_arena_t a;
    ds_arena_init(&a);
    char *first = ds_arena_alloc(&a, 16);
    assert_int_equal(a.nchunks, 1);
    /* an outsized block gets its own chunk behind the head: the head keeps filling */
    char *big = ds_arena_alloc(&a, 5 * DS_ARENA_CHUNK_MAX);
    assert_non_null(big);
    memset(big, 1, 5 * DS_ARENA_CHUNK_MAX);
    assert_int_equal(a.nchunks, 2);
    char *second = ds_arena_alloc(&a, 16);
    assert_true(second > first && second < first + DS_ARENA_CHUNK_MIN);
    /* many small blocks: chunks double, so few mallocs for 8 MB */
    size_t total = 0;
    while (total < ((size_t)8 << 20)) {
        char *p = ds_arena_alloc(&a, 1000);
        assert_non_null(p);
        p[999] = 'z';
        total += 1000;
    }
    assert_true(a.nchunks < 20);
    assert_true(a.next_cap <= DS_ARENA_CHUNK_MAX);
    ds_arena_release(&a);
    assert_int_equal(a.nchunks, 0);
}

static void strndup_and_array(void **state)
{
    (void)state;
    ds_arena_t a = DS_ARENA_INIT;
    char *s = ds_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    char *e = ds_arena_strndup(&a, NULL, 0);
    assert_string_equal(e, "");
    int *v = ds_arena_array(&a, 100, sizeof *v);
    assert_non_null(v);
    for (int k = 0; k < 100; k++)
        assert_int_equal(v[k], 0);
    assert_string_equal(s, "hello"); /* earlier blocks are untouched */
    assert_true(ds_arena_ok(&a));
    ds_arena_release(&a);
}

static void failure_is_sticky(void **state)
{
    (void)state;
    ds_arena_t a = DS_ARENA_INIT;
    char *keep = ds_arena_strndup(&a, "keep", 4);
    assert_null(ds_arena_alloc(&a, SIZE_MAX)); /* impossible size */
    assert_false(ds_arena_ok(&a));
    assert_null(ds_arena_alloc(&a, 8)); /* ignored after a failure */
    assert_null(ds_arena_strndup(&a, "x", 1));
    assert_string_equal(keep, "keep"); /* what was allocated stays valid */
    ds_arena_release(&a);              /* release clears the failure: usable again */
    assert_true(ds_arena_ok(&a));
    assert_non_null(ds_arena_alloc(&a, 8));
    assert_null(ds_arena_array(&a, SIZE_MAX / 2, 4)); /* overflow */
    assert_false(ds_arena_ok(&a));
    ds_arena_release(&a);
    assert_null(ds_arena_strndup(&a, NULL, 3)); /* no text to copy */
    assert_false(ds_arena_ok(&a));
    ds_arena_release(&a);
    assert_null(ds_arena_strndup(&a, "x", SIZE_MAX));
    ds_arena_release(&a);
}

static void null_arena(void **state)
{
    (void)state;
    assert_null(ds_arena_alloc(NULL, 8));
    assert_null(ds_arena_array(NULL, 2, 8));
    assert_null(ds_arena_array(NULL, SIZE_MAX, 8));
    assert_null(ds_arena_strndup(NULL, "x", 1));
    assert_null(ds_arena_strndup(NULL, NULL, 1));
    assert_false(ds_arena_ok(NULL));
    ds_arena_init(NULL);
    ds_arena_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_is_zeroed_and_aligned),
        cmocka_unit_test(chunks_grow_and_big_blocks_stand_alone),
        cmocka_unit_test(strndup_and_array),
        cmocka_unit_test(failure_is_sticky),
        cmocka_unit_test(null_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
