/* Unit tests for common/docstore.c: round trip, empty text, binary values, corruption;
 * the text apart in chunks: ranges inflate only their chunks, damaged chunks are
 * DS_ERR_CORRUPT. */
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

static void round_trip(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    const char *text =
        "On 19 February 2021, the Republic of Slovenia: \xe2\x80\x9cWe would\xe2\x80\x9d";
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

static void header_corruption_is_detected(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    const char *text = "some text that stands in the record";
    encode_as(&b, text, strlen(text), DSTORE_STORED);
    dstore_record_t *rec = NULL;
    /* every truncation is rejected, never read past the end */
    for (size_t cut = 0; cut < b.len; cut++) {
        assert_int_equal(dstore_decode(b.data, cut, &rec), DS_ERR_CORRUPT);
        assert_null(rec);
    }
    b.data[0] = 'X';
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_ERR_CORRUPT);
    b.data[0] = 'D';
    b.data[1] = 2; /* a record of schema 6 */
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_ERR_CORRUPT);
    ds_buf_release(&b);
}

/* ---- the text apart ---------------------------------------------------------------- */

typedef struct chunks {
    ds_buf_t value; /* what DS_SLOT_TEXT would hold */
    int fetched, released;
} chunks_t;

static ds_status_t fetch(void *ctx, const char **data, size_t *len)
{
    chunks_t *c = ctx;
    c->fetched++;
    *data = c->value.data;
    *len = c->value.len;
    return DS_OK;
}

static void release(void *ctx)
{
    ((chunks_t *)ctx)->released++;
}

/* A record of text apart, its chunks of size k in c. */
static dstore_record_t *apart(const char *text, size_t len, size_t k, chunks_t *c)
{
    ds_buf_t b = DS_BUF_INIT;
    encode_as(&b, text, len, DSTORE_APART);
    memset(c, 0, sizeof *c);
    assert_int_equal(dstore_chunks_encode(text, len, k, &c->value), DS_OK);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    ds_buf_release(&b);
    dstore_set_source(rec, (dstore_source_t){fetch, release, c});
    return rec;
}

static char *words(size_t n)
{
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        text[i] = "public core of the internet "[i % 28];
    text[n] = '\0';
    return text;
}

static void apart_reads_only_the_chunks_of_a_range(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = words(n);
    chunks_t c;
    dstore_record_t *rec = apart(text, n, 1000, &c);
    assert_true(c.value.len < n / 10); /* deflated */
    assert_int_equal(dstore_text_len(rec), n);
    assert_int_equal(c.fetched, 0); /* fields and length need no text */
    assert_string_equal(dstore_get(rec, "actor", NULL), "Netherlands");
    dstore_stats_t s0, s1;
    dstore_stats_get(&s0);
    const char *p, *q;
    size_t got;
    assert_int_equal(dstore_text_range(rec, 2500, 3500, &p, &got), DS_OK); /* chunks 2, 3 */
    assert_int_equal(got, 1000);
    assert_memory_equal(p, text + 2500, 1000);
    assert_int_equal(dstore_text_range(rec, 3100, 3200, &q, &got), DS_OK); /* chunk 3 again */
    assert_ptr_equal(q - 3100, p - 2500);                                  /* one buffer */
    assert_memory_equal(q, text + 3100, 100);
    dstore_stats_get(&s1);
    assert_int_equal(s1.chunks - s0.chunks, 2);
    assert_int_equal(s1.bytes - s0.bytes, 2000);
    assert_int_equal((p - 2500)[0], 0);                                       /* chunk 0 not read */
    assert_int_equal(dstore_text_range(rec, n - 5, n + 99, &p, &got), DS_OK); /* clipped */
    assert_int_equal(got, 5);
    assert_int_equal(dstore_text_range(rec, n + 7, n + 9, &p, &got), DS_OK);
    assert_int_equal(got, 0);
    assert_int_equal(c.fetched, 1);
    dstore_record_free(rec);
    assert_int_equal(c.released, 1);
    ds_buf_release(&c.value);
    free(text);
}

/* dstore_text_own: the source is fetched and released at once, and the record reads
 * its text afterwards from its own copy (the source's bytes may be gone by then). */
static void apart_owned_needs_no_source(void **state)
{
    (void)state;
    size_t n = 30000;
    char *text = words(n);
    chunks_t c;
    dstore_record_t *rec = apart(text, n, 1000, &c);
    assert_int_equal(dstore_text_own(rec), DS_OK);
    assert_int_equal(c.fetched, 1);
    assert_int_equal(c.released, 1);
    memset(c.value.data, 0xff, c.value.len);       /* what the source held is no more */
    assert_int_equal(dstore_text_own(rec), DS_OK); /* owned already: nothing to do */
    const char *p;
    size_t got;
    assert_int_equal(dstore_text_range(rec, 12345, 14000, &p, &got), DS_OK);
    assert_int_equal(got, 14000 - 12345);
    assert_memory_equal(p, text + 12345, got);
    assert_int_equal(dstore_text_own(rec), DS_OK);
    dstore_record_free(rec);
    assert_int_equal(c.fetched, 1);
    assert_int_equal(c.released, 1);
    /* after a read the chunk table points into the source: too late to own it */
    ds_buf_release(&c.value);
    rec = apart(text, n, 1000, &c);
    assert_int_equal(dstore_text_range(rec, 0, 10, &p, &got), DS_OK);
    assert_int_equal(dstore_text_own(rec), DS_ERR_INVALID);
    dstore_record_free(rec);
    assert_int_equal(c.released, 1);
    ds_buf_release(&c.value);
    free(text);
}

static void apart_whole_text_at_every_chunk_size(void **state)
{
    (void)state;
    size_t n = 5000, ks[] = {1, 7, 999, 1000, 4096, 5000, 65536};
    char *text = words(n);
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        chunks_t c;
        dstore_record_t *rec = apart(text, n, ks[i], &c);
        const char *t;
        size_t len;
        assert_int_equal(dstore_text_range(rec, 10, 20, &t, &len), DS_OK);
        assert_int_equal(dstore_text(rec, &t, &len), DS_OK);
        assert_int_equal(len, n);
        assert_memory_equal(t, text, n);
        assert_int_equal(t[n], '\0');
        dstore_record_free(rec);
        ds_buf_release(&c.value);
    }
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(dstore_chunks_encode(text, n, 0, &b), DS_ERR_INVALID);
    assert_int_equal(dstore_chunks_encode(text, n, DSTORE_CHUNK_MAX + 1, &b), DS_ERR_INVALID);
    ds_buf_release(&b);
    free(text);
}

static void apart_empty_and_incompressible(void **state)
{
    (void)state;
    chunks_t c;
    dstore_record_t *rec = apart("", 0, 4096, &c);
    const char *t;
    size_t len = 9;
    assert_int_equal(dstore_text(rec, &t, &len), DS_OK);
    assert_int_equal(len, 0);
    assert_string_equal(t, "");
    dstore_record_free(rec);
    ds_buf_release(&c.value);
    char noise[3000]; /* does not deflate: stored as is */
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (char)((x = x * 1103515245u + 12345u) >> 24);
    rec = apart(noise, sizeof noise, 1024, &c);
    assert_true(c.value.len < sizeof noise + 16);
    assert_int_equal(dstore_text_range(rec, 1500, 2500, &t, &len), DS_OK);
    assert_memory_equal(t, noise + 1500, 1000);
    dstore_record_free(rec);
    ds_buf_release(&c.value);
    /* no source: the text cannot be found; a record without text apart asks none */
    ds_buf_t b = DS_BUF_INIT;
    encode_as(&b, "abc", 3, DSTORE_APART);
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    assert_int_equal(dstore_text(rec, &t, &len), DS_ERR_NOT_FOUND);
    dstore_record_free(rec);
    ds_buf_release(&b);
}

/* The whole text of a record over chunks value[0..len), read in ranges of 700 bytes:
 * DS_OK or DS_ERR_CORRUPT (ASan tells if it ever reads out of bounds). */
static ds_status_t read_damaged(const char *text, size_t n, const char *value, size_t len)
{
    chunks_t d = {0};
    ds_buf_append(&d.value, value, len);
    ds_buf_t b = DS_BUF_INIT;
    encode_as(&b, text, n, DSTORE_APART);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    dstore_set_source(rec, (dstore_source_t){fetch, NULL, &d});
    const char *p = NULL;
    size_t got;
    ds_status_t rc = DS_OK;
    for (size_t at = 0; at < n && rc == DS_OK; at += 700)
        rc = dstore_text_range(rec, at, at + 700, &p, &got);
    dstore_record_free(rec);
    ds_buf_release(&b);
    ds_buf_release(&d.value);
    return rc;
}

static void apart_damage_is_corrupt_never_a_crash(void **state)
{
    (void)state;
    size_t n = 3000;
    char *text = words(n);
    chunks_t c;
    dstore_record_free(apart(text, n, 512, &c));
    for (size_t cut = 0; cut < c.value.len; cut++) /* every truncation */
        assert_int_equal(read_damaged(text, n, c.value.data, cut), DS_ERR_CORRUPT);
    assert_int_equal(read_damaged(text, n, c.value.data, c.value.len), DS_OK);
    for (size_t i = 0; i < c.value.len; i++) { /* every byte flipped */
        c.value.data[i] ^= (char)(1 + i % 255);
        ds_status_t rc = read_damaged(text, n, c.value.data, c.value.len);
        assert_true(rc == DS_ERR_CORRUPT || rc == DS_OK);
        if (i < 3) /* format, K: always told */
            assert_int_equal(rc, DS_ERR_CORRUPT);
        c.value.data[i] ^= (char)(1 + i % 255);
    }
    ds_buf_release(&c.value);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(stored_text_is_checked),
        cmocka_unit_test(empty_text_and_no_fields),
        cmocka_unit_test(header_corruption_is_detected),
        cmocka_unit_test(apart_reads_only_the_chunks_of_a_range),
        cmocka_unit_test(apart_owned_needs_no_source),
        cmocka_unit_test(apart_whole_text_at_every_chunk_size),
        cmocka_unit_test(apart_empty_and_incompressible),
        cmocka_unit_test(apart_damage_is_corrupt_never_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
