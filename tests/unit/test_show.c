/*
 * test_show.c - unit tests of searcher --show (show.h) and the index fingerprint
 * (fingerprint.h) over small indexes built here: a record (id, text, text hash) and the
 * unique id term per document, which is all either reads.
 *
 *   1. the fingerprint: the same documents in another order (another docid order) give
 *      the same one; one edited text changes it; its value, worked out by hand
 *   2. --show: an unchanged span with its words of context (exit 0), a changed text
 *      (exit 1) with and without --quote, a span past the end, a malformed locator and
 *      an unknown id (exit 2, the messages)
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tmpdir.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "docmap.h"
#include "docstore.h"
#include "fingerprint.h"
#include "hash.h"
#include "schema.h"
#include "show.h"

typedef struct doc {
    const char *id, *text;
} doc_t;

static char tmpdir[256];

/* A record with the id and text hash, and the id term, as the indexer writes them. */
static void put_doc(xap_db_t *db, const doc_t *d)
{
    xap_doc_t *doc;
    char hash[DS_TEXT_HASH_LEN + 1];
    ds_text_hash_format(d->text, strlen(d->text), hash);
    dstore_field_t f[2] = {{DS_FIELD_ID, d->id, strlen(d->id)},
                           {DS_FIELD_TEXT_HASH, hash, DS_TEXT_HASH_LEN}};
    ds_buf_t rec = DS_BUF_INIT, term = DS_BUF_INIT;
    assert_int_equal(dstore_encode(f, 2, d->text, strlen(d->text), DSTORE_STORED, &rec), DS_OK);
    an_term_fit(&term, DS_PREFIX_ID, d->id, strlen(d->id));
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    assert_int_equal(xap_doc_add_boolean_term(doc, term.data, term.len), DS_OK);
    assert_int_equal(xap_doc_set_data(doc, rec.data, rec.len), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    xap_doc_free(doc);
    ds_buf_release(&rec);
    ds_buf_release(&term);
}

/* The index tmpdir/name (one shard and its stub) of docs[order[i]], opened. */
static sq_index_t *make_index(const char *name, const doc_t *docs, const int *order, size_t n)
{
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/s0.1", dir);
    xap_db_t *db;
    assert_int_equal(xap_db_open_write(path, XAP_DB_CREATE, &db, NULL), DS_OK);
    for (size_t i = 0; i < n; i++)
        put_doc(db, &docs[order[i]]);
    assert_int_equal(xap_db_set_metadata(db, DS_META_SCHEMA, DS_SCHEMA_VERSION, 1), DS_OK);
    assert_int_equal(xap_db_commit(db), DS_OK);
    xap_db_close(db);
    snprintf(path, sizeof path, "%s/%s", dir, DS_STUB_FILE);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("glass s0.1\n", f);
    fclose(f);
    sq_index_t *ix;
    assert_int_equal(sq_index_open(dir, &ix, NULL), DS_OK);
    return ix;
}

static const doc_t docs[] = {
    {"b10", "Ten: the public core of the internet, here."},
    {"b9", "Nine says the Public core matters; later words follow."},
    {"a", "Alpha."},
};

/* ==== 1. the fingerprint ============================================================== */

static void fingerprint_of(sq_index_t *ix, char fp[SQ_FP_SIZE])
{
    uint64_t n = 0;
    ds_error_t e;
    assert_int_equal(sq_fingerprint(ix, fp, &n, &e), DS_OK);
    assert_int_equal(n, 3);
}

static void test_fingerprint(void **state)
{
    (void)state;
    char f1[SQ_FP_SIZE], f2[SQ_FP_SIZE], f3[SQ_FP_SIZE];
    sq_index_t *one = make_index("fp1", docs, (const int[]){0, 1, 2}, 3);
    sq_index_t *two = make_index("fp2", docs, (const int[]){2, 1, 0}, 3);
    doc_t edited[3] = {docs[0], {"b9", "Nine, edited."}, docs[2]};
    sq_index_t *three = make_index("fp3", edited, (const int[]){0, 1, 2}, 3);
    fingerprint_of(one, f1);
    fingerprint_of(two, f2);
    fingerprint_of(three, f3);
    assert_string_equal(f1, f2);
    assert_string_not_equal(f1, f3);
    /* by hand: "a", "b10", "b9" in byte order, each id NUL hash '\n' */
    uint64_t h = DS_HASH64_INIT;
    for (int k = 0; k < 3; k++) {
        int i = (int[]){2, 0, 1}[k];
        char line[32];
        snprintf(line, sizeof line, "%016" PRIx64 "\n",
                 ds_hash64(docs[i].text, strlen(docs[i].text)));
        h = ds_hash64_update(h, docs[i].id, strlen(docs[i].id) + 1);
        h = ds_hash64_update(h, line, strlen(line));
    }
    char want[SQ_FP_SIZE];
    snprintf(want, sizeof want, "%s:%016" PRIx64, DS_SCHEMA_VERSION, h);
    assert_string_equal(f1, want);
    sq_index_close(one);
    sq_index_close(two);
    sq_index_close(three);
}

/* ==== 2. --show ======================================================================== */

static sq_index_t *six;

/* A locator of docs[i]'s [start, end), with its true hash (or another, when wrong). */
static void locator(char *out, size_t size, int i, size_t start, size_t end, int wrong)
{
    uint64_t h = ds_hash64(docs[i].text, strlen(docs[i].text)) >> 16;
    snprintf(out, size, "%s@%zu-%zu~%012" PRIx64, docs[i].id, start, end, wrong ? h ^ 1 : h);
}

/* Show loc (quote, context words, JSON); the output and the messages into out and err. */
static int show(const char *loc, const char *quote, size_t context, char **out, char **err)
{
    sq_show_opts_t o = {loc, quote, context, FMT_JSON, 0, 0};
    ds_buf_t b = DS_BUF_INIT;
    size_t n;
    FILE *f = open_memstream(err, &n);
    assert_non_null(f);
    int st = sq_show(six, &o, &b, f);
    fclose(f);
    *out = strdup(ds_buf_cstr(&b));
    ds_buf_release(&b);
    return st;
}

static void test_show_ok(void **state)
{
    (void)state;
    char loc[128], *out, *err;
    const char *t = docs[0].text, *at = strstr(t, "public core");
    size_t start = (size_t)(at - t);
    locator(loc, sizeof loc, 0, start, start + 11, 0);
    assert_int_equal(show(loc, NULL, 2, &out, &err), 0);
    assert_non_null(
        strstr(out, "\"left\":\"Ten: the \",\"match\":\"public core\",\"right\":\" of the\""));
    assert_non_null(strstr(out, "\"status\":\"ok\""));
    assert_non_null(strstr(out, "\"occurrences\":null"));
    assert_string_equal(err, "");
    free(out);
    free(err);
    assert_int_equal(show(loc, "PUBLIC, core", 0, &out, &err), 0); /* counted only */
    assert_non_null(strstr(out, "\"left\":\"\",\"match\":\"public core\",\"right\":\"\""));
    assert_non_null(strstr(out, "\"occurrences\":1"));
    free(out);
    free(err);
}

static void test_show_changed(void **state)
{
    (void)state;
    char loc[128], *out, *err;
    locator(loc, sizeof loc, 1, 2, 5, 1);
    assert_int_equal(show(loc, NULL, 3, &out, &err), 1);
    assert_non_null(strstr(out, "\"match\":null"));
    assert_non_null(strstr(out, "\"status\":\"changed\""));
    assert_non_null(strstr(err, "b9 changed since this locator was made"));
    free(out);
    free(err);
    assert_int_equal(show(loc, "the public core", 1, &out, &err), 1);
    assert_non_null(strstr(out, "\"left\":\"says \",\"match\":\"the Public core\""));
    assert_non_null(strstr(out, "\"now\":\"b9@10-25~"));
    free(out);
    free(err);
    assert_int_equal(show(loc, "words", 1, &out, &err), 1);
    assert_non_null(strstr(out, "\"match\":\"words\",\"right\":\" follow\""));
    assert_non_null(strstr(out, "\"occurrences\":1}"));
    free(out);
    free(err);
    locator(loc, sizeof loc, 2, 0, 7, 0); /* "Alpha." is 6 bytes: past the end */
    assert_int_equal(show(loc, NULL, 1, &out, &err), 1);
    assert_non_null(strstr(out, "\"status\":\"changed\""));
    free(out);
    free(err);
}

static void test_show_errors(void **state)
{
    (void)state;
    char *out, *err;
    assert_int_equal(show("b9@1-x~0123456789ab", NULL, 1, &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "malformed locator: "));
    assert_non_null(strstr(err, "(column 6)\n  b9@1-x~0123456789ab\n       ^\n"));
    free(out);
    free(err);
    assert_int_equal(show("b11@1-2~0123456789ab", NULL, 1, &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "no document in the index has the locator's id: b11\n"));
    free(out);
    free(err);
    assert_int_equal(show("b9@1-2~0123456789ab", " ... ", 1, &out, &err), 2);
    assert_non_null(strstr(err, "--quote has no words"));
    free(out);
    free(err);
}

static int setup(void **state)
{
    (void)state;
    if (tmpdir_make(tmpdir, sizeof tmpdir, "test_show") != 0)
        return -1;
    six = make_index("show", docs, (const int[]){0, 1, 2}, 3);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sq_index_close(six);
    tmpdir_remove(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_show_ok),
        cmocka_unit_test(test_show_changed),
        cmocka_unit_test(test_show_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
