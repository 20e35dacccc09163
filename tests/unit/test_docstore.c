/* Unit tests for common/docstore.c: round trip, empty text, binary values, corruption.
 * Records whose text is a zlib stream (method 1, which only dstore_decode still handles)
 * are made here by hand, as the format in docstore.h spells them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "docstore.h"

static void encode_as(ds_buf_t *out, const char *text, size_t len, dstore_method_t method)
{
    dstore_field_t f[] = {
        {"title", "Report", 6},
        {"actor", "Netherlands", 11},
        {"bin", "a\0b\tc", 5},
    };
    assert_int_equal(dstore_encode(f, 3, text, len, method, out), DS_OK);
}

static void put_varint(ds_buf_t *out, uint64_t v)
{
    do {
        ds_buf_putc(out, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
        v >>= 7;
    } while (v);
}

/* The record encode_as gives, but with the text as method 1: a zlib stream. */
static void encode(ds_buf_t *out, const char *text, size_t len)
{
    ds_buf_t head = DS_BUF_INIT;
    encode_as(&head, "", 0, DSTORE_STORED); /* fields, then method 0 and text_len 0 */
    ds_buf_append(out, head.data, head.len - 2);
    ds_buf_release(&head);
    put_varint(out, 1);
    put_varint(out, len);
    uLongf zlen = compressBound((uLong)len);
    assert_int_equal(ds_buf_grow(out, zlen), 0);
    assert_int_equal(compress2((Bytef *)out->data + out->len, &zlen, (const Bytef *)text,
                               (uLong)len, Z_DEFAULT_COMPRESSION),
                     Z_OK);
    out->len += zlen;
}

static void round_trip_as(int zlib)
{
    ds_buf_t b = DS_BUF_INIT;
    const char *text = "On 19 February 2021, the Republic of Slovenia: \xe2\x80\x9cWe would\xe2\x80\x9d";
    if (zlib)
        encode(&b, text, strlen(text));
    else
        encode_as(&b, text, strlen(text), DSTORE_STORED);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    assert_int_equal(dstore_nfields(rec), 3);
    size_t len = 0;
    assert_string_equal(dstore_get(rec, "actor", &len), "Netherlands");
    assert_int_equal(len, 11);
    assert_memory_equal(dstore_get(rec, "bin", &len), "a\0b\tc", 5);
    assert_int_equal(len, 5);
    assert_null(dstore_get(rec, "missing", NULL));
    assert_string_equal(dstore_field(rec, 0).key, "title");
    const char *t = NULL;
    assert_int_equal(dstore_text(rec, &t, &len), DS_OK);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(t, text, len);
    const char *again = NULL;
    assert_int_equal(dstore_text(rec, &again, &len), DS_OK);
    assert_ptr_equal(again, t); /* cached */
    dstore_record_free(rec);
    ds_buf_release(&b);
}

static void round_trip(void **state)
{
    (void)state;
    round_trip_as(0);
    round_trip_as(1); /* a method-1 record reads the same */
}

static void stored_text_is_checked(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    encode_as(&b, "plain text", 10, DSTORE_STORED);
    assert_memory_equal(b.data + b.len - 10, "plain text", 10); /* kept as is */
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len - 1, &rec), DS_ERR_CORRUPT); /* short */
    assert_null(rec);
    assert_int_equal(dstore_encode(NULL, 0, "x", 1, (dstore_method_t)7, &b), DS_ERR_INVALID);
    assert_int_equal(dstore_encode(NULL, 0, "x", 1, (dstore_method_t)1, &b), DS_ERR_INVALID);
    ds_buf_release(&b);
}

static void reads_long_zlib_text(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i++)
        text[i] = "public core of the internet "[i % 28];
    ds_buf_t b = DS_BUF_INIT;
    encode(&b, text, n);
    assert_true(b.len < n / 20);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    const char *t;
    size_t len;
    assert_int_equal(dstore_text(rec, &t, &len), DS_OK);
    assert_int_equal(len, n);
    assert_memory_equal(t, text, n);
    dstore_record_free(rec);
    ds_buf_release(&b);
    free(text);
}

static void empty_text_and_no_fields(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(dstore_encode(NULL, 0, "", 0, DSTORE_STORED, &b), DS_OK);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    assert_int_equal(dstore_nfields(rec), 0);
    const char *t;
    size_t len = 99;
    assert_int_equal(dstore_text(rec, &t, &len), DS_OK);
    assert_int_equal(len, 0);
    assert_string_equal(t, "");
    dstore_record_free(rec);
    ds_buf_release(&b);
}

static void corruption_is_detected(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    const char *text = "some text that will be damaged in the compressed stream";
    encode(&b, text, strlen(text));
    dstore_record_t *rec = NULL;
    /* every truncation of the header or fields is rejected, never read past the end */
    for (size_t cut = 0; cut < 30; cut++) {
        ds_status_t rc = dstore_decode(b.data, cut, &rec);
        if (rc == DS_OK) {
            const char *t;
            size_t len;
            assert_int_equal(dstore_text(rec, &t, &len), DS_ERR_CORRUPT);
            dstore_record_free(rec);
        } else {
            assert_int_equal(rc, DS_ERR_CORRUPT);
            assert_null(rec);
        }
    }
    b.data[0] = 'X';
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_ERR_CORRUPT);
    b.data[0] = 'D';
    b.data[b.len - 3] ^= 0x55; /* damage the deflate stream / checksum */
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    const char *t;
    size_t len;
    assert_int_equal(dstore_text(rec, &t, &len), DS_ERR_CORRUPT);
    assert_null(t);
    dstore_record_free(rec);
    dstore_record_free(NULL);
    ds_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(stored_text_is_checked),
        cmocka_unit_test(reads_long_zlib_text),
        cmocka_unit_test(empty_text_and_no_fields),
        cmocka_unit_test(corruption_is_detected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
