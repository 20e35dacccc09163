/* Unit tests for common/status.c: status names and the error object (ds_error_t). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"
#include "utf8.h"

static void every_status_has_a_name(void **state)
{
    (void)state;
    for (int s = 0; s < DS_STATUS_LAST; s++) {
        assert_non_null(ds_status_str((ds_status_t)s));
        assert_true(ds_status_str((ds_status_t)s)[0] != '\0');
    }
    assert_string_equal(ds_status_str(DS_ERR_NOMEM), "out of memory");
    assert_string_equal(ds_status_str(DS_STATUS_LAST), "unknown status");
}

static void set_records_status_column_and_message(void **state)
{
    (void)state;
    ds_error_t e = DS_ERROR_INIT;
    assert_int_equal(e.status, DS_OK);
    assert_string_equal(e.message, "");
    ds_error_set(&e, DS_ERR_INVALID, 7, "unexpected '%s' after %d", ")", 3);
    assert_int_equal(e.status, DS_ERR_INVALID);
    assert_int_equal(e.column, 7);
    assert_string_equal(e.message, "unexpected ')' after 3");
    ds_error_set(&e, DS_ERR_IO, 0, "cannot write %s", "x.svg"); /* replaces */
    assert_int_equal(e.status, DS_ERR_IO);
    assert_int_equal(e.column, 0);
    assert_string_equal(e.message, "cannot write x.svg");
    ds_error_clear(&e);
    assert_int_equal(e.status, DS_OK);
    assert_int_equal(e.column, 0);
    assert_string_equal(e.message, "");
}

static void null_error_is_accepted(void **state)
{
    (void)state;
    ds_error_set(NULL, DS_ERR_IO, 1, "%s", "nothing happens");
    ds_error_clear(NULL);
    assert_int_equal(ds_error_fill(NULL, DS_ERR_IO), DS_ERR_IO);
    assert_int_equal(ds_error_fill(NULL, DS_OK), DS_OK);
}

static void fill_keeps_the_first_message(void **state)
{
    (void)state;
    ds_error_t e = DS_ERROR_INIT;
    assert_int_equal(ds_error_fill(&e, DS_OK), DS_OK);
    assert_int_equal(e.status, DS_OK);
    assert_int_equal(ds_error_fill(&e, DS_ERR_NOMEM), DS_ERR_NOMEM);
    assert_int_equal(e.status, DS_ERR_NOMEM);
    assert_string_equal(e.message, "out of memory");
    ds_error_set(&e, DS_ERR_LOCKED, 0, "index x is locked by another indexer");
    assert_int_equal(ds_error_fill(&e, DS_ERR_IO), DS_ERR_IO);
    assert_int_equal(e.status, DS_ERR_LOCKED);
    assert_string_equal(e.message, "index x is locked by another indexer");
}

/* A message of exactly n bytes: n - k ASCII letters then tail (k bytes). */
static void fill_to(char *buf, size_t n, const char *tail)
{
    size_t k = strlen(tail);
    memset(buf, 'a', n - k);
    memcpy(buf + n - k, tail, k);
    buf[n] = '\0';
}

static void long_message_is_cut_at_a_utf8_boundary(void **state)
{
    (void)state;
    enum { MAX = DS_ERROR_MESSAGE_SIZE - 1 };
    static char text[DS_ERROR_MESSAGE_SIZE + 8];
    ds_error_t e;

    fill_to(text, MAX, "\xC3\xA9"); /* fits exactly */
    ds_error_set(&e, DS_ERR_INVALID, 0, "%s", text);
    assert_int_equal(strlen(e.message), MAX);
    assert_string_equal(e.message, text);

    /* "é" (2 bytes), "€" (3), "😀" (4) across the limit: the character goes whole */
    static const char *const seqs[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (size_t s = 0; s < 3; s++) {
        size_t k = strlen(seqs[s]);
        for (size_t over = 1; over < k; over++) {
            fill_to(text, MAX + over, seqs[s]);
            ds_error_set(&e, DS_ERR_INVALID, 3, "%s", text);
            assert_int_equal(e.status, DS_ERR_INVALID);
            assert_int_equal(e.column, 3);
            assert_int_equal(strlen(e.message), MAX + over - k);
            assert_true(utf8_is_valid(e.message, strlen(e.message)));
            assert_memory_equal(e.message, text, MAX + over - k);
        }
        fill_to(text, MAX + k, seqs[s]); /* cut just before it: nothing to drop */
        ds_error_set(&e, DS_ERR_INVALID, 0, "%s", text);
        assert_int_equal(strlen(e.message), MAX);
        assert_true(utf8_is_valid(e.message, MAX));
    }
}

static void short_message_keeps_its_bytes(void **state)
{
    (void)state;
    ds_error_t e;
    ds_error_set(&e, DS_ERR_NOT_FOUND, 0, "no index at %s", "/tmp/\xFF");
    assert_string_equal(e.message, "no index at /tmp/\xFF");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_has_a_name),
        cmocka_unit_test(set_records_status_column_and_message),
        cmocka_unit_test(null_error_is_accepted),
        cmocka_unit_test(fill_keeps_the_first_message),
        cmocka_unit_test(long_message_is_cut_at_a_utf8_boundary),
        cmocka_unit_test(short_message_keeps_its_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
