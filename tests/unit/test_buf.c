/* Unit tests for common/buf.c: growth, NUL termination, printf, detach, sticky failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void empty_buffer_is_empty_string(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    assert_string_equal(ds_buf_cstr(&b), "");
    assert_int_equal(b.len, 0);
    assert_true(ds_buf_ok(&b));
    ds_buf_release(&b);
    ds_buf_release(&b); /* release twice is harmless */
}

static void append_grows_and_stays_terminated(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        ds_buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 1000);
    assert_true(b.cap > 1000);
    assert_int_equal(b.data[1000], '\0');
    assert_int_equal(strlen(b.data), 1000);
    assert_int_equal(b.data[27], 'b');
    ds_buf_release(&b);
}

static void binary_data_keeps_nul_bytes(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_append(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 3);
    ds_buf_release(&b);
}

static void printf_appends(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "n=");
    ds_buf_printf(&b, "%d/%s", 42, "x");
    assert_string_equal(ds_buf_cstr(&b), "n=42/x");
    char big[300];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ds_buf_printf(&b, "%s", big);
    assert_int_equal(b.len, 6 + 299);
    ds_buf_release(&b);
}

static void truncate_reset_detach(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "hello world");
    ds_buf_truncate(&b, 5);
    assert_string_equal(ds_buf_cstr(&b), "hello");
    ds_buf_truncate(&b, 50); /* longer than len: no-op */
    assert_int_equal(b.len, 5);
    size_t len = 0;
    char *s = ds_buf_detach(&b, &len);
    assert_string_equal(s, "hello");
    assert_int_equal(len, 5);
    assert_null(b.data);
    free(s);
    s = ds_buf_detach(&b, NULL); /* empty buffer detaches as "" */
    assert_string_equal(s, "");
    free(s);
    ds_buf_puts(&b, "abc");
    ds_buf_reset(&b);
    assert_string_equal(ds_buf_cstr(&b), "");
    ds_buf_release(&b);
}

static void failure_is_sticky(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "keep");
    assert_int_equal(ds_buf_grow(&b, (size_t)-1), -1); /* impossible size */
    assert_false(ds_buf_ok(&b));
    ds_buf_puts(&b, "more"); /* ignored after a failure */
    assert_string_equal(ds_buf_cstr(&b), "keep");
    assert_null(ds_buf_detach(&b, NULL));
    assert_null(b.data);
    ds_buf_puts(&b, "again"); /* detach released: usable again */
    assert_string_equal(ds_buf_cstr(&b), "again");
    ds_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_buffer_is_empty_string),
        cmocka_unit_test(append_grows_and_stays_terminated),
        cmocka_unit_test(binary_data_keeps_nul_bytes),
        cmocka_unit_test(printf_appends),
        cmocka_unit_test(truncate_reset_detach),
        cmocka_unit_test(failure_is_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
