/*
 * test_docmap.c - unit tests of common/index/docmap.c (a record's position map, text
 * hash and line map) and of the schema check that makes an index of an older schema
 * ask for a rebuild (dbmeta.c, ds_index_check).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbmeta.h"
#include "docmap.h"
#include "hash.h"
#include "schema.h"
#include "xap.h"

#define S(str) (str), strlen(str)

/* A record of text with the given map and hash fields (NULL: left out). */
static dstore_record_t *record(const char *text, const char *map, size_t map_len, const char *hash,
                               const char *loci, size_t loci_len)
{
    dstore_field_t f[4] = {{DS_FIELD_ID, "d1", 2}};
    size_t n = 1;
    if (map)
        f[n++] = (dstore_field_t){DS_FIELD_POSMAP, map, map_len};
    if (hash)
        f[n++] = (dstore_field_t){DS_FIELD_TEXT_HASH, hash, strlen(hash)};
    if (loci)
        f[n++] = (dstore_field_t){DS_FIELD_LOCI, loci, loci_len};
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(dstore_encode(f, n, text, strlen(text), DSTORE_STORED, &b), DS_OK);
    dstore_record_t *rec = NULL;
    assert_int_equal(dstore_decode(b.data, b.len, &rec), DS_OK);
    ds_buf_release(&b);
    return rec;
}

static void posmap_and_hash_from_a_record(void **state)
{
    (void)state;
    const char *text = "The ICT-related mission.2 of ICANN’s staff, see https://un.org/a/b.";
    ds_buf_t map = DS_BUF_INIT;
    assert_int_equal(ds_posmap_encode_text(text, strlen(text), 2, 42, &map), DS_OK);
    char hash[DS_TEXT_HASH_LEN + 1];
    ds_text_hash_format(text, strlen(text), hash);
    assert_int_equal(strlen(hash), DS_TEXT_HASH_LEN);
    dstore_record_t *rec = record(text, map.data, map.len, hash, NULL, 0);
    ds_posmap_t *m = NULL;
    assert_int_equal(ds_docmap_posmap(rec, &m), DS_OK);
    assert_int_equal(ds_posmap_base(m), 42);
    size_t s, e;
    assert_int_equal(ds_posmap_span(m, text, strlen(text), 1, &s, &e), DS_OK);
    assert_int_equal(e - s, strlen("ICT-related"));
    assert_memory_equal(text + s, "ICT-related", e - s);
    ds_posmap_free(m);
    uint64_t h = 1;
    assert_int_equal(ds_docmap_text_hash(rec, &h), DS_OK);
    assert_true(h == ds_hash64(text, strlen(text)));
    ds_locus_t *rows = (ds_locus_t *)&h;
    size_t n = 1;
    assert_int_equal(ds_docmap_loci(rec, &rows, &n), DS_ERR_NOT_FOUND);
    assert_true(rows == NULL && n == 0);
    dstore_record_free(rec);
    ds_buf_release(&map);
}

static void missing_and_bad_fields(void **state)
{
    (void)state;
    dstore_record_t *rec = record("text", NULL, 0, NULL, NULL, 0);
    ds_posmap_t *m = (ds_posmap_t *)&rec;
    uint64_t h = 1;
    assert_int_equal(ds_docmap_posmap(rec, &m), DS_ERR_NOT_FOUND);
    assert_null(m);
    assert_int_equal(ds_docmap_text_hash(rec, &h), DS_ERR_NOT_FOUND);
    assert_true(h == 0);
    dstore_record_free(rec);
    rec = record("text", "\x01\x00", 2, "0123456789abcdeg", "\x05", 1);
    assert_int_equal(ds_docmap_posmap(rec, &m), DS_ERR_CORRUPT);
    assert_int_equal(ds_docmap_text_hash(rec, &h), DS_ERR_CORRUPT); /* 'g' */
    ds_locus_t *rows;
    size_t n;
    assert_int_equal(ds_docmap_loci(rec, &rows, &n), DS_ERR_CORRUPT);
    dstore_record_free(rec);
    rec = record("text", NULL, 0, "0123456789abcdef0", NULL, 0); /* 17 digits */
    assert_int_equal(ds_docmap_text_hash(rec, &h), DS_ERR_CORRUPT);
    dstore_record_free(rec);
}

static void line_map_round_trip(void **state)
{
    (void)state;
    /* lines growing, a page break, a row at the offset of the one before, a big jump */
    const ds_locus_t in[] = {{0, 12, 1},   {80, 13, 1},  {80, 14, 1},
                             {150, 40, 2}, {400, 41, 2}, {100000, 5000, 300}};
    const size_t nin = sizeof in / sizeof in[0];
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(ds_loci_encode(in, nin, &b), DS_OK);
    ds_locus_t *rows = NULL;
    size_t n = 0;
    assert_int_equal(ds_loci_parse(b.data, b.len, &rows, &n), DS_OK);
    assert_int_equal(n, nin);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rows[i].offset, in[i].offset);
        assert_int_equal(rows[i].line, in[i].line);
        assert_int_equal(rows[i].page, in[i].page);
    }
    assert_int_equal(ds_locus_find(rows, n, 0)->line, 12);
    assert_int_equal(ds_locus_find(rows, n, 79)->line, 12);
    assert_int_equal(ds_locus_find(rows, n, 80)->line, 14); /* the last row at 80 */
    assert_int_equal(ds_locus_find(rows, n, 149)->page, 1);
    assert_int_equal(ds_locus_find(rows, n, 150)->page, 2);
    assert_int_equal(ds_locus_find(rows, n, 999999)->line, 5000);
    assert_null(ds_locus_find(rows, 0, 5));
    /* in a record */
    dstore_record_t *rec = record("x", NULL, 0, NULL, b.data, b.len);
    free(rows);
    assert_int_equal(ds_docmap_loci(rec, &rows, &n), DS_OK);
    assert_int_equal(n, nin);
    free(rows);
    dstore_record_free(rec);
    /* malformed: truncated, trailing bytes, no rows */
    for (size_t cut = 0; cut < b.len; cut++)
        assert_int_equal(ds_loci_parse(b.data, cut, &rows, &n), DS_ERR_CORRUPT);
    ds_buf_putc(&b, 0);
    assert_int_equal(ds_loci_parse(b.data, b.len, &rows, &n), DS_ERR_CORRUPT);
    assert_true(rows == NULL && n == 0);
    assert_int_equal(ds_loci_parse("\x00", 1, &rows, &n), DS_ERR_CORRUPT);
    /* a line before 0 */
    assert_int_equal(ds_loci_parse("\x01\x00\x02", 3, &rows, &n), DS_ERR_CORRUPT);
    ds_buf_release(&b);
}

static void line_map_rules(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    const ds_locus_t back[] = {{0, 1, 1}, {10, 2, 1}, {5, 3, 1}};
    assert_int_equal(ds_loci_encode(back, 3, &b), DS_ERR_INVALID);
    assert_int_equal(ds_loci_encode(back, 0, &b), DS_ERR_INVALID);
    assert_int_equal(b.len, 0);
    ds_buf_release(&b);
}

/* ---- the schema check ---------------------------------------------------------------- */

static void old_schema_asks_for_a_rebuild(void **state)
{
    (void)state;
    char root[4096], path[4200];
    assert_int_equal(tmpdir_make(root, sizeof root, "test_docmap"), 0);
    snprintf(path, sizeof path, "%s/s0.1", root);
    xap_db_t *db = NULL;
    assert_int_equal(xap_db_open_write(path, XAP_DB_CREATE, &db, NULL), DS_OK);
    assert_int_equal(ds_index_stamp(db, "english", 1), DS_OK);
    char lang[64];
    ds_error_t e;
    assert_int_equal(ds_index_check(db, root, lang, sizeof lang, &e), DS_OK);
    assert_string_equal(lang, "english");
    /* the schema before the text apart (its records hold the text) */
    assert_string_equal(DS_SCHEMA_VERSION, "7");
    assert_int_equal(xap_db_set_metadata(db, DS_META_SCHEMA, S("6")), DS_OK);
    assert_int_equal(ds_index_check(db, root, lang, sizeof lang, &e), DS_ERR_VERSION);
    char want[4400];
    snprintf(want, sizeof want,
             "index %s has schema version '6', this build uses '7': rebuild needed "
             "(indexer --rebuild)",
             root);
    assert_string_equal(e.message, want);
    xap_db_close(db);
    assert_int_equal(tmpdir_remove(root), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(posmap_and_hash_from_a_record), cmocka_unit_test(missing_and_bad_fields),
        cmocka_unit_test(line_map_round_trip),           cmocka_unit_test(line_map_rules),
        cmocka_unit_test(old_schema_asks_for_a_rebuild),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
