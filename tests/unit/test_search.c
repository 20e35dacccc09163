/*
 * test_search.c - unit tests of the search engine's loops over index iterators
 * (searcher/search.c facets, suggest.c, hints.c): a failing iterator is an error, never
 * the end of the list.
 *
 *   1. a failing iterator, on demand: the test is linked with -Wl,--wrap= for the
 *      wrapper functions that make and step term iterators (see tests/CMakeLists.txt),
 *      so one chosen iterator fails after k items as a real one does (sticky, negated
 *      status); the wrapper itself is untouched
 *   2. a small index built here as the indexer builds one (terms, type term and slot,
 *      record, schema metadata, stub file)
 *   3. facets (read_spy), suggestions (sq_suggest), filter value lists (hints)
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "answer.h"
#include "docsink.h"
#include "docstore.h"
#include "hints.h"
#include "natsort.h"
#include "schema.h"
#include "search.h"
#include "suggest.h"
#include "termgen.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ==== 1. a failing iterator on demand ================================================ */

ds_status_t __real_xap_db_allterms(xap_db_t *db, const char *prefix, size_t len,
                                   xap_termiter_t **it);
ds_status_t __wrap_xap_db_allterms(xap_db_t *db, const char *prefix, size_t len,
                                   xap_termiter_t **it);
ds_status_t __real_xap_spy_values(xap_spy_t *spy, xap_termiter_t **it);
ds_status_t __wrap_xap_spy_values(xap_spy_t *spy, xap_termiter_t **it);
int __real_xap_termiter_next(xap_termiter_t *it);
int __wrap_xap_termiter_next(xap_termiter_t *it);
void __real_xap_termiter_free(xap_termiter_t *it);
void __wrap_xap_termiter_free(xap_termiter_t *it);

/* What to doom: the next spy iterator, or the next all-terms iterator over exactly this
 * prefix; it gives `items` items and then fails with DS_ERR_IO, for good. */
static struct {
    int spy;
    const char *prefix;
    size_t prefix_len;
    int items;
    xap_termiter_t *it; /* the doomed iterator, once made */
    int failures;       /* failures it reported */
} doom;

static void doom_spy(int items)
{
    memset(&doom, 0, sizeof doom);
    doom.spy = 1;
    doom.items = items;
}

static void doom_allterms(const char *prefix, size_t len, int items)
{
    memset(&doom, 0, sizeof doom);
    doom.prefix = prefix;
    doom.prefix_len = len;
    doom.items = items;
}

static void doom_nothing(void)
{
    memset(&doom, 0, sizeof doom);
}

ds_status_t __wrap_xap_db_allterms(xap_db_t *db, const char *prefix, size_t len,
                                   xap_termiter_t **it)
{
    ds_status_t rc = __real_xap_db_allterms(db, prefix, len, it);
    if (rc == DS_OK && doom.prefix && !doom.it && len == doom.prefix_len &&
        memcmp(prefix, doom.prefix, len) == 0)
        doom.it = *it;
    return rc;
}

ds_status_t __wrap_xap_spy_values(xap_spy_t *spy, xap_termiter_t **it)
{
    ds_status_t rc = __real_xap_spy_values(spy, it);
    if (rc == DS_OK && doom.spy && !doom.it)
        doom.it = *it;
    return rc;
}

int __wrap_xap_termiter_next(xap_termiter_t *it)
{
    if (it && it == doom.it) {
        if (doom.items == 0) {
            doom.failures++;
            return -(int)DS_ERR_IO;
        }
        doom.items--;
    }
    return __real_xap_termiter_next(it);
}

void __wrap_xap_termiter_free(xap_termiter_t *it)
{
    if (it && it == doom.it)
        doom.it = (xap_termiter_t *)&doom; /* freed: never matches a new one */
    __real_xap_termiter_free(it);
}

/* ==== 2. an index ===================================================================== */

typedef struct doc_spec {
    const char *id, *type, *text;
} doc_spec_t;

/* Three types; "protect" in two documents, "protest" in one, so "protekt" has a best
 * correction; the type values are listed in a hint (fewer than SQ_HINT_MAX_VALUES). */
static const doc_spec_t docs[] = {
    {"r", DS_TYPE_REPORT, "Public core protection: we protect the public core."},
    {"r#p1", DS_TYPE_PASSAGE, "States protect the public core."},
    {"r#p2", DS_TYPE_PASSAGE, "A protest against the core."},
    {"r#p3", DS_TYPE_PASSAGE, "Nothing public here."},
    {"r#fn1", DS_TYPE_CITATION, "Statement on the public core, 2021."},
};

static char tmpdir[256];
static sq_index_t *ix;

/* The record, terms and values of d, as indexer/docbuild.c writes them. */
static void add_doc(xap_db_t *db, an_analyzer_t *an, const doc_spec_t *d)
{
    xap_doc_t *doc;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    uint32_t pos = 1;
    tg_stats_t st = {0};
    tg_sink_t sink = ds_doc_sink(doc);
    assert_int_equal(tg_index_text(an, &sink, "", d->text, strlen(d->text), &pos, &st), DS_OK);
    char term[64];
    snprintf(term, sizeof term, "%s%s", DS_PREFIX_TYPE, d->type);
    assert_int_equal(xap_doc_add_boolean_term(doc, term, strlen(term)), DS_OK);
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_TYPE, d->type, strlen(d->type)), DS_OK);
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_ID, d->id, strlen(d->id)), DS_OK);
    ds_buf_t key = DS_BUF_INIT;
    ds_natkey(d->id, strlen(d->id), &key);
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_ID_KEY, key.data, key.len), DS_OK);
    ds_buf_release(&key);
    dstore_field_t f[2] = {{DS_FIELD_ID, d->id, strlen(d->id)},
                           {DS_FIELD_TYPE, d->type, strlen(d->type)}};
    ds_buf_t rec = DS_BUF_INIT;
    assert_int_equal(dstore_encode(f, 2, d->text, strlen(d->text), DSTORE_STORED, &rec), DS_OK);
    assert_int_equal(xap_doc_set_data(doc, rec.data, rec.len), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    ds_buf_release(&rec);
    xap_doc_free(doc);
}

static int setup_index(void **state)
{
    (void)state;
    if (tmpdir_make(tmpdir, sizeof tmpdir, "test_search") != 0)
        return -1;
    char path[512];
    snprintf(path, sizeof path, "%s/s0.1", tmpdir);
    xap_db_t *db;
    an_analyzer_t *an;
    if (xap_db_open_write(path, XAP_DB_CREATE, &db, NULL) != DS_OK)
        return -1;
    if (an_analyzer_new("english", &an, NULL) != DS_OK)
        return -1;
    for (size_t i = 0; i < N_ELEMS(docs); i++)
        add_doc(db, an, &docs[i]);
    xap_db_set_metadata(db, DS_META_SCHEMA, DS_SCHEMA_VERSION, 1);
    xap_db_set_metadata(db, DS_META_LANG, "english", 7);
    ds_status_t rc = xap_db_commit(db);
    xap_db_close(db);
    an_analyzer_free(an);
    snprintf(path, sizeof path, "%s/%s", tmpdir, DS_STUB_FILE);
    FILE *f = fopen(path, "w");
    if (rc != DS_OK || !f)
        return -1;
    fputs("glass s0.1\n", f);
    fclose(f);
    ds_error_t err;
    if (sq_index_open(tmpdir, &ix, &err) != DS_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown_index(void **state)
{
    (void)state;
    sq_index_close(ix);
    tmpdir_remove(tmpdir);
    return 0;
}

/* ==== 3. the loops ==================================================================== */

/* Run query with the type facet; err gets the error. */
static ds_status_t search_types(const char *query, sq_result_t *res, ds_error_t *err)
{
    sq_prepared_t p = SQ_PREPARED_INIT;
    ds_error_t e;
    assert_int_equal(sq_prepare(ix, query, strlen(query), 0, &p, &e), DS_OK);
    sq_search_opts_t o = {.limit = 10, .exact_count = 1, .facets = {"type"}, .nfacets = 1};
    ds_status_t rc = sq_search(ix, p.xq, &o, res, err);
    sq_prepared_release(&p);
    return rc;
}

static void test_facets(void **state)
{
    (void)state;
    sq_result_t res;
    ds_error_t e;
    doom_nothing();
    assert_int_equal(search_types("core", &res, &e), DS_OK);
    assert_int_equal(e.status, DS_OK);
    assert_string_equal(e.message, "");
    assert_int_equal(res.nfacets, 1);
    assert_int_equal(res.facets[0].n, 3);
    assert_string_equal(res.facets[0].values[0].value, DS_TYPE_PASSAGE);
    assert_int_equal(res.facets[0].values[0].count, 2);
    sq_result_release(&res);
}

/* The spy's iterator fails after one value: the search fails (the counts would be
 * short), with a message; it does not give one facet value of three. */
static void test_facets_iterator_failure(void **state)
{
    (void)state;
    sq_result_t res;
    ds_error_t e;
    doom_spy(1);
    ds_status_t rc = search_types("core", &res, &e);
    int failures = doom.failures;
    doom_nothing();
    assert_true(failures > 0);
    assert_int_equal(rc, DS_ERR_IO);
    assert_int_equal(e.status, DS_ERR_IO);
    assert_true(e.message[0] != '\0');
    assert_int_equal(res.nfacets, 0); /* released */
    assert_int_equal(res.nhits, 0);
}

static void test_suggest(void **state)
{
    (void)state;
    ds_buf_t out = DS_BUF_INIT;
    doom_nothing();
    assert_int_equal(sq_suggest(ix->db, "", "protekt", 7, &out), DS_OK);
    assert_string_equal(ds_buf_cstr(&out), "protect");
    ds_buf_reset(&out);
    assert_int_equal(sq_suggest(ix->db, DS_PREFIX_TYPE, "pasage", 6, &out), DS_OK);
    assert_string_equal(ds_buf_cstr(&out), DS_TYPE_PASSAGE);
    ds_buf_release(&out);
}

/* The vocabulary cannot be read (at once, or after some terms): an error, not "no
 * suggestion". */
static void test_suggest_iterator_failure(void **state)
{
    (void)state;
    for (int items = 0; items < 3; items++) {
        ds_buf_t out = DS_BUF_INIT;
        doom_allterms("p", 1, items);
        ds_status_t rc = sq_suggest(ix->db, "", "protekt", 7, &out);
        int failures = doom.failures;
        doom_nothing();
        assert_true(failures > 0);
        assert_int_equal(rc, DS_ERR_IO);
        assert_int_equal(out.len, 0);
        ds_buf_release(&out);
    }
}

/* Hints for query; the status of sq_hints_find, the hints joined by '\n' in buf. */
static ds_status_t hints(const char *query, char *buf, size_t size)
{
    sq_prepared_t p = SQ_PREPARED_INIT;
    ds_error_t e;
    assert_int_equal(sq_prepare(ix, query, strlen(query), 0, &p, &e), DS_OK);
    sq_hints_t h = SQ_HINTS_INIT;
    ds_status_t rc = sq_hints_find(ix, p.q, &h);
    buf[0] = '\0';
    for (size_t i = 0; i < h.n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "\n" : "", h.text[i]);
    sq_hints_release(&h);
    sq_prepared_release(&p);
    return rc;
}

static void test_hints(void **state)
{
    (void)state;
    char buf[512];
    doom_nothing();
    assert_int_equal(hints("protekt", buf, sizeof buf), DS_OK);
    assert_string_equal(buf, "did you mean 'protect' (for 'protekt')?");
    assert_int_equal(hints("type:foo", buf, sizeof buf), DS_OK);
    assert_string_equal(buf, "no document has type:foo (type: citation, passage, report)");
}

/* A word's suggestion or a field's values that cannot be read: the hints fail, and no
 * false hint ("no document has the word", "no document has a type: value") is made. */
static void test_hints_iterator_failure(void **state)
{
    (void)state;
    char buf[512];
    doom_allterms("p", 1, 0);
    ds_status_t rc = hints("protekt", buf, sizeof buf);
    doom_nothing();
    assert_int_equal(rc, DS_ERR_IO);
    assert_string_equal(buf, "");
    for (int items = 0; items < 3; items++) {
        doom_allterms(DS_PREFIX_TYPE, strlen(DS_PREFIX_TYPE), items);
        rc = hints("type:foo", buf, sizeof buf);
        int failures = doom.failures;
        doom_nothing();
        assert_true(failures > 0);
        assert_int_equal(rc, DS_ERR_IO);
        assert_string_equal(buf, "");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facets),  cmocka_unit_test(test_facets_iterator_failure),
        cmocka_unit_test(test_suggest), cmocka_unit_test(test_suggest_iterator_failure),
        cmocka_unit_test(test_hints),   cmocka_unit_test(test_hints_iterator_failure),
    };
    return cmocka_run_group_tests(tests, setup_index, teardown_index);
}
