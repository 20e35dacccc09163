/*
 * test_xap.c - unit tests of the Xapian wrapper (common/xap.h).
 *
 * Every test builds its own small databases under one temporary directory that the group
 * setup creates (mkdtemp under $TMPDIR or /tmp) and the group teardown removes. Documents
 * are made by make_doc(): words of a text at positions 1, 2, ..., a unique-id boolean
 * term "Q<uid>", an optional date value in SLOT_DATE and the text as data.
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

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xap.h"

#define SLOT_DATE 0
#define SLOT_CAT 1
#define S(str) (str), strlen(str)

static char root[4096];

/* ---- fixture ---------------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    return tmpdir_make(root, sizeof root, "test_xap");
}

static int group_teardown(void **state)
{
    (void)state;
    return tmpdir_remove(root);
}

/* A fresh path under the temporary root; the returned buffer is reused per slot. */
static const char *dbpath(const char *name)
{
    static char bufs[4][8192];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", root, name);
    return b;
}

/* ---- helpers -------------------------------------------------------------------------- */

static xap_db_t *open_new(const char *name)
{
    xap_db_t *db = NULL;
    ds_error_t err;
    ds_status_t st = xap_db_open_write(dbpath(name), XAP_DB_CREATE_OR_OVERWRITE, &db, &err);
    if (st != DS_OK)
        fail_msg("open %s: %s", name, err.message);
    return db;
}

static xap_db_t *open_reader(const char *name)
{
    xap_db_t *db = NULL;
    ds_error_t err;
    ds_status_t st = xap_db_open_read(dbpath(name), &db, &err);
    if (st != DS_OK)
        fail_msg("open %s: %s", name, err.message);
    return db;
}

static xap_doc_t *make_doc(const char *uid, const char *date, const char *text)
{
    xap_doc_t *doc = NULL;
    char word[256], qterm[64];
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    uint32_t pos = 1;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ");
        if (n > 0) {
            assert_true(n < sizeof word);
            memcpy(word, p, n);
            assert_int_equal(xap_doc_add_posting(doc, word, n, pos++, 1), DS_OK);
        }
        p += n;
        p += strspn(p, " ");
    }
    snprintf(qterm, sizeof qterm, "Q%s", uid);
    assert_int_equal(xap_doc_add_boolean_term(doc, S(qterm)), DS_OK);
    if (date)
        assert_int_equal(xap_doc_set_value(doc, SLOT_DATE, S(date)), DS_OK);
    assert_int_equal(xap_doc_set_data(doc, S(text)), DS_OK);
    return doc;
}

static xap_docid_t add(xap_db_t *db, const char *uid, const char *date, const char *text)
{
    xap_doc_t *doc = make_doc(uid, date, text);
    xap_docid_t id = 0;
    assert_int_equal(xap_db_add_doc(db, doc, &id), DS_OK);
    assert_true(id > 0);
    xap_doc_free(doc);
    return id;
}

static uint64_t doc_count(xap_db_t *db)
{
    uint64_t n = 99;
    assert_int_equal(xap_db_doc_count(db, &n), DS_OK);
    return n;
}

/* The number of documents holding term: its postings, counted. */
static uint64_t termfreq(xap_db_t *db, const char *term)
{
    xap_postiter_t *it = NULL;
    assert_int_equal(xap_db_postings(db, S(term), &it), DS_OK);
    uint64_t n = 0;
    int r;
    while ((r = xap_postiter_next(it)) == 1)
        n++;
    assert_int_equal(r, 0);
    xap_postiter_free(it);
    return n;
}

/* A term query at query position pos (0 = none). */
static xap_query_t *TP(const char *term, uint32_t pos)
{
    xap_query_t *q = NULL;
    assert_int_equal(xap_query_term(S(term), 1, pos, &q), DS_OK);
    return q;
}

static xap_query_t *T(const char *term)
{
    return TP(term, 0);
}

/* Combine a and b with op and free them: also proves that combine copies. */
static xap_query_t *op2(xap_op_t op, xap_query_t *a, xap_query_t *b, unsigned param)
{
    const xap_query_t *subs[2] = {a, b};
    xap_query_t *q = NULL;
    assert_int_equal(xap_query_combine(op, subs, 2, param, &q), DS_OK);
    xap_query_free(a);
    xap_query_free(b);
    return q;
}

static xap_query_t *range(unsigned slot, const char *lo, const char *hi)
{
    xap_query_t *q = NULL;
    assert_int_equal(
        xap_query_value_range(slot, lo, lo ? strlen(lo) : 0, hi, hi ? strlen(hi) : 0, &q), DS_OK);
    return q;
}

static int cmp_docid(const void *a, const void *b)
{
    xap_docid_t x = *(const xap_docid_t *)a, y = *(const xap_docid_t *)b;
    return (x > y) - (x < y);
}

/* Run q over all of db (exact counts), put the hits' ids in ids in result order, free
 * q; returns the number of hits. */
static size_t run_ids(xap_db_t *db, xap_query_t *q, xap_docid_t *ids, size_t max)
{
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    uint64_t total = doc_count(db);
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    ds_status_t st = xap_enquire_mset(enq, 0, max, total, &ms);
    if (st != DS_OK)
        fail_msg("mset: %s", xap_enquire_error(enq));
    size_t n = xap_mset_size(ms);
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(xap_mset_item(ms, i, &ids[i], NULL, NULL, NULL), DS_OK);
    int exact = 0;
    uint64_t lower = 0;
    xap_mset_count(ms, &lower, NULL, NULL, &exact);
    assert_true(exact);
    assert_int_equal(lower, n);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(q);
    return n;
}

static void expect_docs(xap_db_t *db, xap_query_t *q, const xap_docid_t *want, size_t nwant)
{
    xap_docid_t got[64] = {0};
    size_t n = run_ids(db, q, got, 64);
    qsort(got, n, sizeof got[0], cmp_docid);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

#define EXPECT_DOCS(db, q, ...)                                                                    \
    expect_docs((db), (q), (const xap_docid_t[]){__VA_ARGS__},                                     \
                sizeof((xap_docid_t[]){__VA_ARGS__}) / sizeof(xap_docid_t))
#define EXPECT_NONE(db, q) expect_docs((db), (q), NULL, 0)

/* ---- tests ---------------------------------------------------------------------------- */

static void test_roundtrip_and_stats(void **state)
{
    (void)state;
    xap_db_t *db = open_new("roundtrip");
    assert_int_equal(add(db, "1", "20210219", "climate policy reform"), 1);
    assert_int_equal(add(db, "2", NULL, "policy on climate"), 2);
    assert_int_equal(add(db, "3", NULL, "tax reform now"), 3);
    assert_int_equal(xap_db_commit(db), DS_OK);

    assert_int_equal(doc_count(db), 3);
    assert_int_equal(termfreq(db, "policy"), 2);
    assert_int_equal(termfreq(db, "absent"), 0);
    uint64_t cf = 0;
    assert_int_equal(xap_db_collection_freq(db, S("reform"), &cf), DS_OK);
    assert_int_equal(cf, 2);
    int exists = -1;
    assert_int_equal(xap_db_term_exists(db, S("climate"), &exists), DS_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(xap_db_term_exists(db, S("absent"), &exists), DS_OK);
    assert_int_equal(exists, 0);

    xap_doc_t *doc = NULL;
    const char *p = NULL;
    size_t n = 0;
    assert_int_equal(xap_db_get_doc(db, 1, &doc), DS_OK);
    assert_int_equal(xap_doc_get_data(doc, &p, &n), DS_OK);
    assert_int_equal(n, strlen("climate policy reform"));
    assert_string_equal(p, "climate policy reform");
    const char *date = NULL;
    assert_int_equal(xap_doc_get_value(doc, SLOT_DATE, &date, &n), DS_OK);
    assert_int_equal(n, 8);
    assert_string_equal(date, "20210219");
    /* Both pointers stay valid while the document is unchanged. */
    const char *none = NULL;
    assert_int_equal(xap_doc_get_value(doc, 7, &none, &n), DS_OK);
    assert_int_equal(n, 0);
    assert_string_equal(none, "");
    assert_string_equal(date, "20210219");
    assert_string_equal(p, "climate policy reform");
    xap_doc_free(doc);
    xap_db_close(db);
}

static void test_doc_terms_and_binary(void **state)
{
    (void)state;
    xap_db_t *db = open_new("docterms");
    add(db, "1", NULL, "climate policy climate");
    xap_doc_t *doc = make_doc("2", NULL, "policy on climate");
    static const char bin[] = {'a', '\0', 'b'};
    static const char binval[] = {'\0', '\1'};
    assert_int_equal(xap_doc_set_data(doc, bin, sizeof bin), DS_OK);
    assert_int_equal(xap_doc_set_value(doc, 3, binval, sizeof binval), DS_OK);
    assert_int_equal(xap_doc_add_term(doc, S("unpositioned"), 2), DS_OK);
    assert_int_equal(xap_doc_add_term(doc, "", 0, 1), DS_ERR_INVALID);
    assert_non_null(strstr(xap_doc_error(doc), "term"));

    xap_docid_t id = 0;
    assert_int_equal(xap_db_add_doc(db, doc, &id), DS_OK);
    xap_doc_free(doc);
    doc = NULL;
    /* The terms as the database counts them: documents, and wdf summed. */
    assert_int_equal(termfreq(db, "policy"), 2);
    uint64_t cf = 0;
    assert_int_equal(xap_db_collection_freq(db, S("unpositioned"), &cf), DS_OK);
    assert_int_equal(cf, 2);
    assert_int_equal(xap_db_collection_freq(db, S("Q2"), &cf), DS_OK);
    assert_int_equal(cf, 0); /* boolean: wdf 0 */

    /* Read back: binary data and value survive. */
    const char *p = NULL;
    size_t n = 0;
    assert_int_equal(xap_db_get_doc(db, id, &doc), DS_OK);
    assert_int_equal(xap_doc_get_data(doc, &p, &n), DS_OK);
    assert_int_equal(n, sizeof bin);
    assert_memory_equal(p, bin, sizeof bin);
    assert_int_equal(xap_doc_get_value(doc, 3, &p, &n), DS_OK);
    assert_int_equal(n, sizeof binval);
    assert_memory_equal(p, binval, sizeof binval);
    /* Changing the document, then reading the data again, gives the new data. */
    assert_int_equal(xap_doc_set_data(doc, S("changed")), DS_OK);
    assert_int_equal(xap_doc_get_data(doc, &p, NULL), DS_OK);
    assert_string_equal(p, "changed");
    xap_doc_free(doc);
    xap_db_close(db);
}

static void test_phrase_and_near(void **state)
{
    (void)state;
    xap_db_t *db = open_new("phrase");
    add(db, "1", NULL, "climate policy reform");
    add(db, "2", NULL, "policy on climate");
    add(db, "3", NULL, "climate a b c d e f policy");

    EXPECT_DOCS(db, op2(XAP_OP_AND, T("policy"), T("climate"), 0), 1, 2, 3);
    /* In order and adjacent only. */
    EXPECT_DOCS(db, op2(XAP_OP_PHRASE, T("climate"), T("policy"), 0), 1);
    /* Reversed words are not the phrase. */
    EXPECT_NONE(db, op2(XAP_OP_PHRASE, T("policy"), T("climate"), 0));
    /* A wider phrase window allows a word in between, still in order. */
    EXPECT_DOCS(db, op2(XAP_OP_PHRASE, T("policy"), T("climate"), 3), 2);
    /* NEAR ignores order; the window is the span in positions. */
    EXPECT_DOCS(db, op2(XAP_OP_NEAR, T("policy"), T("climate"), 2), 1);
    EXPECT_DOCS(db, op2(XAP_OP_NEAR, T("policy"), T("climate"), 3), 1, 2);
    EXPECT_DOCS(db, op2(XAP_OP_NEAR, T("climate"), T("policy"), 3), 1, 2);
    EXPECT_DOCS(db, op2(XAP_OP_NEAR, T("policy"), T("climate"), 8), 1, 2, 3);
    xap_db_close(db);
}

static void test_boolean_operators(void **state)
{
    (void)state;
    xap_db_t *db = open_new("ops");
    add(db, "1", NULL, "alpha beta");
    add(db, "2", NULL, "alpha");
    add(db, "3", NULL, "beta gamma");
    EXPECT_DOCS(db, op2(XAP_OP_OR, T("alpha"), T("gamma"), 0), 1, 2, 3);
    EXPECT_DOCS(db, op2(XAP_OP_AND_NOT, T("alpha"), T("beta"), 0), 2);
    EXPECT_DOCS(db, op2(XAP_OP_XOR, T("alpha"), T("beta"), 0), 2, 3);
    EXPECT_DOCS(db, op2(XAP_OP_AND_MAYBE, T("alpha"), T("gamma"), 0), 1, 2);
    EXPECT_DOCS(db, op2(XAP_OP_FILTER, T("beta"), T("alpha"), 0), 1);
    EXPECT_DOCS(db, op2(XAP_OP_SYNONYM, T("alpha"), T("gamma"), 0), 1, 2, 3);
    EXPECT_DOCS(db, op2(XAP_OP_ELITE_SET, T("alpha"), T("gamma"), 1), 3);

    xap_query_t *q = NULL;
    assert_int_equal(xap_query_match_all(&q), DS_OK);
    EXPECT_DOCS(db, q, 1, 2, 3);
    assert_int_equal(xap_query_match_nothing(&q), DS_OK);
    EXPECT_NONE(db, q);
    assert_int_equal(xap_query_combine(XAP_OP_OR, NULL, 0, 0, &q), DS_OK);
    EXPECT_NONE(db, q);
    /* Scaled to 0 the query still filters but gives no weight. */
    xap_query_t *a = T("alpha");
    assert_int_equal(xap_query_scale(a, 0.0, &q), DS_OK);
    xap_query_free(a);
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    double w = -1;
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 3, &ms), DS_OK);
    assert_int_equal(xap_mset_size(ms), 2);
    assert_int_equal(xap_mset_item(ms, 0, NULL, &w, NULL, NULL), DS_OK);
    assert_true(w == 0.0);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_db_close(db);
}

static void test_value_range(void **state)
{
    (void)state;
    xap_db_t *db = open_new("range");
    add(db, "1", "20200101", "report");
    add(db, "2", "20210219", "report");
    add(db, "3", "20221231", "report");
    add(db, "4", NULL, "report");
    EXPECT_DOCS(db, range(SLOT_DATE, "20210101", "20211231"), 2);
    EXPECT_DOCS(db, range(SLOT_DATE, "20210219", "20210219"), 2);
    EXPECT_DOCS(db, range(SLOT_DATE, NULL, "20210630"), 1, 2);
    EXPECT_DOCS(db, range(SLOT_DATE, "20210101", NULL), 2, 3);
    EXPECT_DOCS(db, range(SLOT_DATE, "", "20210630"), 1, 2);
    EXPECT_DOCS(db, range(SLOT_DATE, NULL, NULL), 1, 2, 3);
    EXPECT_NONE(db, range(SLOT_DATE, "20230101", "20200101"));
    EXPECT_DOCS(db, op2(XAP_OP_FILTER, T("report"), range(SLOT_DATE, "2021", NULL), 0), 2, 3);
    xap_db_close(db);
}

static void test_sort_and_rank(void **state)
{
    (void)state;
    xap_db_t *db = open_new("sort");
    add(db, "1", "20210219", "x");
    add(db, "2", "20191231", "x");
    add(db, "3", "20220101", "x");
    xap_enquire_t *enq = NULL;
    xap_query_t *q = T("x");
    xap_mset_t *ms = NULL;
    xap_docid_t id = 0;
    uint64_t rank = 0;
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);

    static const xap_docid_t asc[] = {2, 1, 3}, desc[] = {3, 1, 2};
    assert_int_equal(xap_enquire_sort_by_value(enq, SLOT_DATE, 0), DS_OK);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms), DS_OK);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(xap_mset_item(ms, i, &id, NULL, &rank, NULL), DS_OK);
        assert_int_equal(id, asc[i]);
        assert_int_equal(rank, i);
    }
    assert_int_equal(xap_mset_item(ms, 3, &id, NULL, NULL, NULL), DS_ERR_INVALID);
    assert_int_equal(id, 0);
    assert_true(strlen(xap_mset_error(ms)) > 0);
    xap_mset_free(ms);

    assert_int_equal(xap_enquire_sort_by_value(enq, SLOT_DATE, 1), DS_OK);
    assert_int_equal(xap_enquire_mset(enq, 1, 10, 0, &ms), DS_OK);
    assert_int_equal(xap_mset_size(ms), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(xap_mset_item(ms, i, &id, NULL, &rank, NULL), DS_OK);
        assert_int_equal(id, desc[i + 1]);
        assert_int_equal(rank, i + 1);
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_db_close(db);
}

static double weight_of_first(xap_enquire_t *enq, xap_docid_t want)
{
    xap_mset_t *ms = NULL;
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms), DS_OK);
    double w = -1;
    for (size_t i = 0; i < xap_mset_size(ms); i++) {
        xap_docid_t id = 0;
        double wi = 0;
        int pct = -1;
        assert_int_equal(xap_mset_item(ms, i, &id, &wi, NULL, &pct), DS_OK);
        assert_true(pct >= 1 && pct <= 100);
        if (id == want)
            w = wi;
    }
    xap_mset_free(ms);
    return w;
}

static void test_bm25(void **state)
{
    (void)state;
    xap_db_t *db = open_new("bm25");
    add(db, "1", NULL, "tax");
    add(db, "2", NULL, "tax a b c d e f g h i j");
    add(db, "3", NULL, "other");
    xap_enquire_t *enq = NULL;
    xap_query_t *q = T("tax");
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_set_bm25(enq, -1.0, 0.5), DS_ERR_INVALID);
    assert_non_null(strstr(xap_enquire_error(enq), "k1"));
    assert_int_equal(xap_enquire_set_bm25(enq, 1.0, 1.5), DS_ERR_INVALID);
    assert_int_equal(xap_enquire_set_bm25(enq, 1.0, NAN), DS_ERR_INVALID);
    /* b = 0: length does not matter, both documents weigh the same. */
    assert_int_equal(xap_enquire_set_bm25(enq, 1.2, 0.0), DS_OK);
    double s0 = weight_of_first(enq, 1), l0 = weight_of_first(enq, 2);
    assert_true(s0 > 0 && fabs(s0 - l0) < 1e-9);
    /* b = 1: the short document wins. */
    assert_int_equal(xap_enquire_set_bm25(enq, 1.2, 1.0), DS_OK);
    assert_true(weight_of_first(enq, 1) > weight_of_first(enq, 2));
    xap_enquire_free(enq);
    xap_db_close(db);
}

static void test_replace_and_delete_by_uid(void **state)
{
    (void)state;
    xap_db_t *db = open_new("replace");
    add(db, "a", NULL, "first version");
    xap_docid_t b = add(db, "b", NULL, "second text");
    add(db, "c", NULL, "third text");
    assert_int_equal(xap_db_commit(db), DS_OK);

    xap_doc_t *doc = make_doc("b", NULL, "rewritten content");
    xap_docid_t id = 0;
    assert_int_equal(xap_db_replace_by_term(db, S("Qb"), doc, &id), DS_OK);
    xap_doc_free(doc);
    assert_int_equal(id, b);
    assert_int_equal(doc_count(db), 3);
    assert_int_equal(termfreq(db, "rewritten"), 1);
    assert_int_equal(termfreq(db, "second"), 0);
    assert_int_equal(termfreq(db, "text"), 1);
    EXPECT_DOCS(db, T("rewritten"), 2);

    /* An unknown uid adds. */
    doc = make_doc("d", NULL, "fourth");
    assert_int_equal(xap_db_replace_by_term(db, S("Qd"), doc, &id), DS_OK);
    xap_doc_free(doc);
    assert_int_equal(id, 4);
    assert_int_equal(doc_count(db), 4);

    uint64_t ndel = 99;
    assert_int_equal(xap_db_delete_by_term(db, S("Qa"), &ndel), DS_OK);
    assert_int_equal(ndel, 1);
    assert_int_equal(doc_count(db), 3);
    assert_int_equal(termfreq(db, "first"), 0);
    assert_int_equal(xap_db_delete_by_term(db, S("Qnobody"), &ndel), DS_OK);
    assert_int_equal(ndel, 0);
    assert_int_equal(doc_count(db), 3);
    assert_int_equal(xap_db_delete_by_term(db, "", 0, NULL), DS_ERR_INVALID);
    assert_true(strlen(xap_db_error(db)) > 0);
    assert_int_equal(xap_db_commit(db), DS_OK);
    xap_db_close(db);

    xap_db_t *r = open_reader("replace");
    assert_int_equal(doc_count(r), 3);
    EXPECT_DOCS(r, T("rewritten"), 2);
    xap_db_close(r);
}

static void test_commit_and_reopen(void **state)
{
    (void)state;
    xap_db_t *w = open_new("reopen");
    add(w, "1", NULL, "one");
    assert_int_equal(xap_db_commit(w), DS_OK);
    xap_db_t *r1 = open_reader("reopen");
    assert_int_equal(doc_count(r1), 1);

    add(w, "2", NULL, "two");
    /* Not committed: no reader sees it; the writer does. */
    xap_db_t *r2 = open_reader("reopen");
    assert_int_equal(doc_count(r2), 1);
    assert_int_equal(doc_count(w), 2);
    assert_int_equal(xap_db_commit(w), DS_OK);

    /* Committed: the old reader still reads its revision until reopened. */
    assert_int_equal(doc_count(r1), 1);
    assert_int_equal(termfreq(r1, "two"), 0);
    int changed = -1;
    assert_int_equal(xap_db_reopen(r1, &changed), DS_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(doc_count(r1), 2);
    assert_int_equal(termfreq(r1, "two"), 1);
    xap_db_t *r3 = open_reader("reopen");
    assert_int_equal(doc_count(r3), 2);
    assert_int_equal(xap_db_reopen(r3, NULL), DS_OK);
    assert_int_equal(xap_db_reopen(w, &changed), DS_OK);
    assert_int_equal(changed, 0);
    xap_db_close(r1);
    xap_db_close(r2);
    xap_db_close(r3);
    xap_db_close(w);
}

static void test_transactions_and_close(void **state)
{
    (void)state;
    xap_db_t *w = open_new("txn");
    add(w, "1", NULL, "kept");
    assert_int_equal(xap_db_begin_transaction(w, 1), DS_OK);
    assert_int_equal(xap_db_begin_transaction(w, 1), DS_ERR_INVALID);
    add(w, "2", NULL, "discarded");
    assert_int_equal(xap_db_commit(w), DS_ERR_INVALID);
    assert_int_equal(xap_db_cancel_transaction(w), DS_OK);
    assert_int_equal(doc_count(w), 1);
    assert_int_equal(termfreq(w, "discarded"), 0);
    assert_int_equal(xap_db_cancel_transaction(w), DS_ERR_INVALID);
    assert_int_equal(xap_db_commit_transaction(w), DS_ERR_INVALID);
    assert_non_null(strstr(xap_db_error(w), "transaction"));

    assert_int_equal(xap_db_begin_transaction(w, 0), DS_OK);
    add(w, "3", NULL, "landed");
    assert_int_equal(xap_db_commit_transaction(w), DS_OK);
    assert_int_equal(xap_db_commit(w), DS_OK);
    xap_db_t *r = open_reader("txn");
    assert_int_equal(doc_count(r), 2);
    assert_int_equal(termfreq(r, "landed"), 1);

    /* Close outside a transaction commits ... */
    add(w, "4", NULL, "closecommits");
    xap_db_close(w);
    assert_int_equal(xap_db_reopen(r, NULL), DS_OK);
    assert_int_equal(termfreq(r, "closecommits"), 1);
    /* ... close inside one cancels it. */
    xap_db_t *w2 = NULL;
    assert_int_equal(xap_db_open_write(dbpath("txn"), XAP_DB_OPEN, &w2, NULL), DS_OK);
    assert_int_equal(xap_db_begin_transaction(w2, 1), DS_OK);
    add(w2, "5", NULL, "closecancels");
    xap_db_close(w2);
    assert_int_equal(xap_db_reopen(r, NULL), DS_OK);
    assert_int_equal(termfreq(r, "closecancels"), 0);
    assert_int_equal(doc_count(r), 3);
    xap_db_close(r);
}

static void make_shard(const char *name, const char *tag, int ndocs)
{
    xap_db_t *w = open_new(name);
    for (int i = 0; i < ndocs; i++) {
        char uid[32], text[64];
        snprintf(uid, sizeof uid, "%s%d", tag, i);
        snprintf(text, sizeof text, "shared only%s", tag);
        add(w, uid, NULL, text);
    }
    assert_int_equal(xap_db_commit(w), DS_OK);
    xap_db_close(w);
}

static void test_shards(void **state)
{
    (void)state;
    make_shard("shardA", "a", 2);
    make_shard("shardB", "b", 3);
    const char *paths[2] = {dbpath("shardA"), dbpath("shardB")};
    xap_db_t *u = NULL;
    assert_int_equal(xap_db_open_shards(paths, 2, &u, NULL), DS_OK);
    assert_int_equal(doc_count(u), 5);
    assert_int_equal(termfreq(u, "shared"), 5);
    assert_int_equal(termfreq(u, "onlya"), 2);
    /* Interleaved ids: shard B's first document is union docid 2. */
    EXPECT_DOCS(u, T("onlyb"), 2, 4, 6);
    EXPECT_DOCS(u, T("onlya"), 1, 3);
    xap_doc_t *doc = NULL;
    const char *data = NULL;
    assert_int_equal(xap_db_get_doc(u, 6, &doc), DS_OK);
    assert_int_equal(xap_doc_get_data(doc, &data, NULL), DS_OK);
    assert_string_equal(data, "shared onlyb");
    xap_doc_free(doc);
    /* A union is read-only. */
    assert_int_equal(xap_db_add_doc(u, NULL, NULL), DS_ERR_INVALID);
    xap_db_close(u);

    const char *bad[2] = {dbpath("shardA"), dbpath("no-such-shard")};
    ds_error_t err;
    assert_int_equal(xap_db_open_shards(bad, 2, &u, &err), DS_ERR_NOT_FOUND);
    assert_null(u);
    assert_int_equal(err.status, DS_ERR_NOT_FOUND);
    assert_int_equal(strncmp(err.message, "cannot open database '", 22), 0);
    assert_non_null(strstr(err.message, "no-such-shard"));
    assert_int_equal(xap_db_open_shards(paths, 0, &u, &err), DS_ERR_INVALID);
    assert_int_equal(err.status, DS_ERR_INVALID);
    assert_string_equal(err.message, "no database path given");
}

static void add_cat(xap_db_t *db, const char *uid, const char *cat, const char *text)
{
    xap_doc_t *doc = make_doc(uid, NULL, text);
    if (cat)
        assert_int_equal(xap_doc_set_value(doc, SLOT_CAT, S(cat)), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    xap_doc_free(doc);
}

static void expect_spy(xap_spy_t *spy, const char *const *vals, const uint64_t *freqs, size_t n)
{
    xap_termiter_t *it = NULL;
    assert_int_equal(xap_spy_values(spy, &it), DS_OK);
    for (size_t i = 0; i < n; i++) {
        uint64_t f = 0;
        assert_int_equal(xap_termiter_next(it), 1);
        assert_string_equal(xap_termiter_term(it, NULL), vals[i]);
        assert_int_equal(xap_termiter_termfreq(it, &f), DS_OK);
        assert_int_equal(f, freqs[i]);
    }
    assert_int_equal(xap_termiter_next(it), 0);
    xap_termiter_free(it);
}

static void test_spy_facets(void **state)
{
    (void)state;
    xap_db_t *db = open_new("spy");
    static const char *const cats[] = {"a", "a", "b", "c", "a", "b", NULL};
    for (int i = 0; i < 7; i++) {
        char uid[16];
        snprintf(uid, sizeof uid, "%d", i);
        add_cat(db, uid, cats[i], i < 3 ? "x early" : "x");
    }
    xap_enquire_t *enq = NULL;
    xap_spy_t *spy = NULL;
    xap_mset_t *ms = NULL;
    xap_query_t *q = T("x");
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_add_spy(enq, SLOT_CAT, &spy), DS_OK);
    /* One result shown, but every match examined: counts cover all 7. */
    assert_int_equal(xap_enquire_mset(enq, 0, 1, doc_count(db), &ms), DS_OK);
    assert_int_equal(xap_mset_size(ms), 1);
    uint64_t lower = 0, est = 0, upper = 0;
    int exact = 0;
    xap_mset_count(ms, &lower, &est, &upper, &exact);
    assert_true(exact);
    assert_int_equal(lower, 7);
    assert_int_equal(upper, 7);
    xap_mset_free(ms);
    static const char *const by_value[] = {"a", "b", "c"};
    static const uint64_t f_by_value[] = {3, 2, 1};
    expect_spy(spy, by_value, f_by_value, 3);

    /* A second run restarts the counts rather than adding to them. */
    q = T("early");
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, doc_count(db), &ms), DS_OK);
    static const char *const early[] = {"a", "b"};
    static const uint64_t f_early[] = {2, 1};
    expect_spy(spy, early, f_early, 2);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_db_close(db);
}

static void test_mset_exact_counts(void **state)
{
    (void)state;
    xap_db_t *db = open_new("counts");
    assert_int_equal(xap_db_begin_transaction(db, 1), DS_OK);
    for (int i = 1; i <= 600; i++) {
        xap_doc_t *doc = NULL;
        assert_int_equal(xap_doc_new(&doc), DS_OK);
        if (i % 2 == 0)
            assert_int_equal(xap_doc_add_term(doc, S("even"), 1), DS_OK);
        if (i % 3 == 0)
            assert_int_equal(xap_doc_add_term(doc, S("three"), 1), DS_OK);
        assert_int_equal(xap_doc_add_term(doc, S("all"), 1), DS_OK);
        assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
        xap_doc_free(doc);
    }
    assert_int_equal(xap_db_commit_transaction(db), DS_OK);
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    xap_query_t *q = op2(XAP_OP_AND, T("even"), T("three"), 0);
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    uint64_t lower, est, upper;
    int exact = -1;
    /* Stopping after one match leaves Xapian guessing. */
    assert_int_equal(xap_enquire_mset(enq, 0, 1, 0, &ms), DS_OK);
    xap_mset_count(ms, &lower, &est, &upper, &exact);
    assert_int_equal(exact, 0);
    assert_true(lower < upper);
    assert_true(lower <= est && est <= upper);
    assert_true(lower <= 100 && 100 <= upper);
    xap_mset_free(ms);
    /* check_at_least = doc count: exact. */
    assert_int_equal(xap_enquire_mset(enq, 0, 1, doc_count(db), &ms), DS_OK);
    xap_mset_count(ms, &lower, &est, &upper, &exact);
    assert_int_equal(exact, 1);
    assert_int_equal(lower, 100);
    assert_int_equal(est, 100);
    assert_int_equal(upper, 100);
    xap_mset_free(ms);
    /* Boolean weights and no page, as --count runs: the same exact count, weight 0. */
    assert_int_equal(xap_enquire_set_boolean(NULL), DS_ERR_INVALID);
    assert_int_equal(xap_enquire_set_boolean(enq), DS_OK);
    assert_int_equal(xap_enquire_mset(enq, 0, 0, doc_count(db), &ms), DS_OK);
    xap_mset_count(ms, &lower, &est, &upper, &exact);
    assert_int_equal(exact, 1);
    assert_int_equal(lower, 100);
    assert_int_equal(upper, 100);
    assert_int_equal(xap_mset_size(ms), 0);
    xap_mset_free(ms);
    assert_int_equal(xap_enquire_mset(enq, 0, 1, doc_count(db), &ms), DS_OK);
    double w = -1;
    assert_int_equal(xap_mset_item(ms, 0, NULL, &w, NULL, NULL), DS_OK);
    assert_true(w == 0.0);
    xap_mset_free(ms);
    xap_mset_count(NULL, &lower, NULL, NULL, &exact);
    assert_int_equal(lower, 0);
    xap_enquire_free(enq);
    xap_db_close(db);
}

static const uint32_t tax_pos[] = {3, 7, 12};

/* Document 1: "tax" at tax_pos, "taxation" without positions, date 20210219; document
 * 2: "other"; document 3: "tax" at 1, date 20220101. */
static xap_db_t *make_iter_db(const char *name)
{
    xap_db_t *db = open_new(name);
    xap_doc_t *doc = NULL;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(xap_doc_add_posting(doc, S("tax"), tax_pos[i], 1), DS_OK);
    assert_int_equal(xap_doc_add_term(doc, S("taxation"), 1), DS_OK);
    assert_int_equal(xap_doc_set_value(doc, SLOT_DATE, S("20210219")), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    xap_doc_free(doc);
    add(db, "2", NULL, "other");
    add(db, "3", "20220101", "tax");
    return db;
}

static void test_postings_and_values(void **state)
{
    (void)state;
    xap_db_t *db = make_iter_db("postings");
    xap_postiter_t *post = NULL;
    assert_int_equal(xap_db_postings(db, S("tax"), &post), DS_OK);
    assert_int_equal(xap_postiter_next(post), 1);
    assert_int_equal(xap_postiter_docid(post), 1);
    assert_int_equal(xap_postiter_next(post), 1);
    assert_int_equal(xap_postiter_docid(post), 3);
    assert_int_equal(xap_postiter_next(post), 0);
    assert_int_equal(xap_postiter_docid(post), 0);
    xap_postiter_free(post);

    xap_valueiter_t *vit = NULL;
    size_t len = 0;
    assert_int_equal(xap_db_values(db, SLOT_DATE, &vit), DS_OK);
    assert_int_equal(xap_valueiter_next(vit), 1);
    assert_int_equal(xap_valueiter_docid(vit), 1);
    assert_string_equal(xap_valueiter_value(vit, &len), "20210219");
    assert_int_equal(len, 8);
    assert_int_equal(xap_valueiter_next(vit), 1);
    assert_int_equal(xap_valueiter_docid(vit), 3);
    assert_string_equal(xap_valueiter_value(vit, NULL), "20220101");
    assert_int_equal(xap_valueiter_next(vit), 0);
    assert_string_equal(xap_valueiter_value(vit, &len), "");
    assert_int_equal(len, 0);
    xap_valueiter_free(vit);
    xap_db_close(db);
}

/* Read the positions of the iterator's current document into v (at most max); returns
 * how many, failing the test on an error. */
static size_t read_positions(xap_postiter_t *post, uint32_t *v, size_t max)
{
    xap_positer_t *pit = NULL;
    assert_int_equal(xap_postiter_positions(post, &pit), DS_OK);
    assert_int_equal(xap_positer_pos(pit), 0); /* before the first */
    size_t n = 0;
    int r;
    while ((r = xap_positer_next(pit)) == 1) {
        assert_true(n < max);
        v[n++] = xap_positer_pos(pit);
    }
    assert_int_equal(r, 0);
    assert_int_equal(xap_positer_next(pit), 0); /* the end stays the end */
    assert_int_equal(xap_positer_pos(pit), 0);
    xap_positer_free(pit);
    return n;
}

/* Positions and wdf of a term per document, walking its postings with skip_to as the
 * concordance counts do. */
static void test_posting_positions(void **state)
{
    (void)state;
    xap_db_t *db = make_iter_db("positions");
    xap_postiter_t *post = NULL;
    uint32_t v[8], wdf = 99;
    assert_int_equal(xap_db_postings(db, S("tax"), &post), DS_OK);
    /* before the first item: no document, no positions */
    xap_positer_t *pit = (xap_positer_t *)1;
    assert_int_equal(xap_postiter_positions(post, &pit), DS_ERR_INVALID);
    assert_null(pit);
    assert_int_equal(xap_postiter_wdf(post, &wdf), DS_ERR_INVALID);
    assert_int_equal(wdf, 0);
    assert_true(strlen(xap_postiter_error(post)) > 0);
    assert_int_equal(xap_postiter_skip_to(post, 1), 1);
    assert_int_equal(xap_postiter_docid(post), 1);
    assert_int_equal(xap_postiter_wdf(post, &wdf), DS_OK);
    assert_int_equal(wdf, 3);
    assert_int_equal(read_positions(post, v, 8), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(v[i], tax_pos[i]);
    assert_int_equal(xap_postiter_skip_to(post, 1), 1); /* not backwards */
    assert_int_equal(xap_postiter_docid(post), 1);
    assert_int_equal(xap_postiter_skip_to(post, 2), 1); /* 2 has no "tax": 3 */
    assert_int_equal(xap_postiter_docid(post), 3);
    assert_int_equal(read_positions(post, v, 8), 1);
    assert_int_equal(v[0], 1);
    assert_int_equal(xap_postiter_skip_to(post, 4), 0);
    assert_int_equal(xap_postiter_docid(post), 0);
    assert_int_equal(xap_postiter_next(post), 0);
    assert_int_equal(xap_postiter_skip_to(post, 1), 0); /* the end is for good */
    xap_postiter_free(post);

    /* A term without positions has an empty list; skip_to then next goes on. */
    assert_int_equal(xap_db_postings(db, S("taxation"), &post), DS_OK);
    assert_int_equal(xap_postiter_skip_to(post, 1), 1);
    assert_int_equal(read_positions(post, v, 8), 0);
    assert_int_equal(xap_postiter_next(post), 0);
    xap_postiter_free(post);
    xap_db_close(db);
}

/* xap_postiter_read_positions: the same positions as the iterator, in one call; a short
 * buffer gets the first ones and the whole count. */
static void test_read_positions_at_once(void **state)
{
    (void)state;
    xap_db_t *db = make_iter_db("positions_at_once");
    xap_postiter_t *post = NULL;
    uint32_t v[8] = {0}, w[8] = {0};
    size_t n = 99;
    assert_int_equal(xap_db_postings(db, S("tax"), &post), DS_OK);
    assert_int_equal(xap_postiter_read_positions(post, v, 8, &n), DS_ERR_INVALID);
    assert_int_equal(n, 0); /* before the first item */
    assert_int_equal(xap_postiter_read_positions(post, NULL, 8, &n), DS_ERR_INVALID);
    assert_int_equal(xap_postiter_read_positions(post, v, 8, NULL), DS_ERR_INVALID);
    assert_int_equal(xap_postiter_skip_to(post, 1), 1);
    assert_int_equal(xap_postiter_read_positions(post, v, 8, &n), DS_OK);
    assert_int_equal(n, 3);
    assert_int_equal(read_positions(post, w, 8), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(v[i], tax_pos[i]);
        assert_int_equal(w[i], v[i]);
    }
    v[1] = 77;
    assert_int_equal(xap_postiter_read_positions(post, v, 1, &n), DS_OK);
    assert_int_equal(n, 3); /* the whole count; only v[0] written */
    assert_int_equal(v[0], tax_pos[0]);
    assert_int_equal(v[1], 77);
    assert_int_equal(xap_postiter_read_positions(post, NULL, 0, &n), DS_OK);
    assert_int_equal(n, 3);
    assert_int_equal(xap_postiter_skip_to(post, 2), 1); /* on to 3 */
    assert_int_equal(xap_postiter_read_positions(post, v, 8, &n), DS_OK);
    assert_int_equal(n, 1);
    assert_int_equal(v[0], 1);
    xap_postiter_free(post);
    /* a term without positions: none */
    assert_int_equal(xap_db_postings(db, S("taxation"), &post), DS_OK);
    assert_int_equal(xap_postiter_skip_to(post, 1), 1);
    assert_int_equal(xap_postiter_read_positions(post, v, 8, &n), DS_OK);
    assert_int_equal(n, 0);
    xap_postiter_free(post);
    xap_db_close(db);
}

/* Two postings at one position are one position and wdf 2: the concordance tells such a
 * document apart by the difference. */
static void test_positions_one_per_position(void **state)
{
    (void)state;
    xap_db_t *db = open_new("samepos");
    xap_doc_t *doc = NULL;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    assert_int_equal(xap_doc_add_posting(doc, S("2"), 5, 1), DS_OK);
    assert_int_equal(xap_doc_add_posting(doc, S("2"), 5, 1), DS_OK);
    assert_int_equal(xap_doc_add_posting(doc, S("2"), 0, 1), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    xap_doc_free(doc);
    xap_postiter_t *post = NULL;
    uint32_t v[8], wdf = 0;
    assert_int_equal(xap_db_postings(db, S("2"), &post), DS_OK);
    assert_int_equal(xap_postiter_next(post), 1);
    assert_int_equal(xap_postiter_wdf(post, &wdf), DS_OK);
    assert_int_equal(wdf, 3);
    assert_int_equal(read_positions(post, v, 8), 2);
    assert_int_equal(v[0], 0);
    assert_int_equal(v[1], 5);
    xap_postiter_free(post);
    xap_db_close(db);
}

/* Fault injection: a damaged position table must read as a failure, never as a
 * document without positions. */
static void test_positions_failure(void **state)
{
    (void)state;
    xap_db_t *w = open_new("postrunc");
    assert_int_equal(xap_db_begin_transaction(w, 1), DS_OK);
    for (int i = 0; i < 3000; i++) {
        xap_doc_t *doc = NULL;
        assert_int_equal(xap_doc_new(&doc), DS_OK);
        for (uint32_t p = 1; p <= 20; p++)
            assert_int_equal(xap_doc_add_posting(doc, S("common"), p * 3, 1), DS_OK);
        assert_int_equal(xap_db_add_doc(w, doc, NULL), DS_OK);
        xap_doc_free(doc);
    }
    assert_int_equal(xap_db_commit_transaction(w), DS_OK);
    xap_db_close(w);
    xap_db_t *r = open_reader("postrunc");
    xap_postiter_t *post = NULL;
    assert_int_equal(xap_db_postings(r, S("common"), &post), DS_OK);
    assert_int_equal(truncate(dbpath("postrunc/position.glass"), 0), 0);
    ds_status_t rc = DS_OK;
    int more = 0;
    while (rc == DS_OK && (more = xap_postiter_next(post)) == 1) {
        xap_positer_t *pit = NULL;
        rc = xap_postiter_positions(post, &pit);
        int pr = 0;
        while (rc == DS_OK && (pr = xap_positer_next(pit)) == 1)
            ;
        if (rc == DS_OK && pr < 0) {
            rc = (ds_status_t)-pr;
            assert_int_equal(xap_positer_next(pit), pr); /* failed for good */
            assert_true(strlen(xap_positer_error(pit)) > 0);
        }
        if (rc != DS_OK && !pit)
            assert_true(strlen(xap_postiter_error(post)) > 0);
        xap_positer_free(pit);
    }
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    assert_true(rc == DS_ERR_IO || rc == DS_ERR_CORRUPT);
    xap_postiter_free(post);
    xap_db_close(r);
}

static void test_allterms(void **state)
{
    (void)state;
    xap_db_t *db = make_iter_db("allterms");
    size_t len = 0;
    /* All terms with a prefix, with their frequencies. */
    xap_termiter_t *it = NULL;
    uint64_t tf = 0;
    assert_int_equal(xap_db_allterms(db, S("tax"), &it), DS_OK);
    assert_string_equal(xap_termiter_term(it, NULL), "");
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, &len), "tax");
    assert_int_equal(len, 3);
    assert_int_equal(xap_termiter_termfreq(it, &tf), DS_OK);
    assert_int_equal(tf, 2);
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, NULL), "taxation");
    assert_int_equal(xap_termiter_termfreq(it, &tf), DS_OK);
    assert_int_equal(tf, 1);
    assert_int_equal(xap_termiter_next(it), 0);
    xap_termiter_free(it);
    xap_db_close(db);
}

static void test_matching_and_query_terms(void **state)
{
    (void)state;
    xap_db_t *db = open_new("matching");
    add(db, "1", NULL, "climate policy reform");
    add(db, "2", NULL, "tax");
    xap_query_t *q = op2(XAP_OP_OR, op2(XAP_OP_OR, TP("reform", 1), TP("tax", 2), 0),
                         op2(XAP_OP_OR, TP("climate", 3), TP("reform", 4), 0), 0);

    xap_termiter_t *it = NULL;
    char *desc = NULL;
    assert_int_equal(xap_query_describe(q, &desc), DS_OK);
    assert_non_null(strstr(desc, "climate"));
    assert_non_null(strstr(desc, "OR"));
    free(desc);

    /* Terms of the query in document 1, in query-position order, each once. */
    xap_enquire_t *enq = NULL;
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_matching_terms(enq, 1, &it), DS_OK);
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, NULL), "reform");
    uint64_t tf = 5;
    assert_int_equal(xap_termiter_termfreq(it, &tf), DS_ERR_INVALID);
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, NULL), "climate");
    assert_int_equal(xap_termiter_next(it), 0);
    xap_termiter_free(it);
    /* Without query positions: byte order. */
    q = op2(XAP_OP_OR, T("reform"), T("climate"), 0);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_matching_terms(enq, 1, &it), DS_OK);
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, NULL), "climate");
    assert_int_equal(xap_termiter_next(it), 1);
    assert_string_equal(xap_termiter_term(it, NULL), "reform");
    assert_int_equal(xap_termiter_next(it), 0);
    xap_termiter_free(it);
    assert_int_equal(xap_enquire_matching_terms(enq, 99, &it), DS_ERR_NOT_FOUND);
    assert_null(it);
    assert_true(strlen(xap_enquire_error(enq)) > 0);
    xap_enquire_free(enq);
    xap_db_close(db);
}

static void test_query_arguments(void **state)
{
    (void)state;
    xap_query_t *q = (xap_query_t *)1, *a = T("a");
    const xap_query_t *subs[2] = {a, NULL};
    assert_int_equal(xap_query_term("", 0, 1, 0, &q), DS_ERR_INVALID);
    assert_null(q);
    assert_int_equal(xap_query_term(NULL, 3, 1, 0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_term(S("a"), 1, 0, NULL), DS_ERR_INVALID);
    assert_int_equal(xap_query_combine((xap_op_t)99, subs, 1, 0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_combine(XAP_OP_AND, subs, 2, 0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_combine(XAP_OP_AND, NULL, 2, 0, &q), DS_ERR_INVALID);
    assert_null(q);
    assert_int_equal(xap_query_scale(a, -1.0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_scale(a, NAN, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_scale(NULL, 1.0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_wildcard("", 0, 10, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_value_range(0, NULL, 5, NULL, 0, &q), DS_ERR_INVALID);
    assert_int_equal(xap_query_describe(NULL, NULL), DS_ERR_INVALID);
    assert_null(q);
    xap_query_free(a);
}

static void test_metadata(void **state)
{
    (void)state;
    xap_db_t *w = open_new("meta");
    static const char bin[] = {'v', '\0', '3'};
    assert_int_equal(xap_db_set_metadata(w, "schema_version", S("3")), DS_OK);
    assert_int_equal(xap_db_set_metadata(w, "binary", bin, sizeof bin), DS_OK);
    assert_int_equal(xap_db_set_metadata(w, "doomed", S("x")), DS_OK);
    assert_int_equal(xap_db_set_metadata(w, "doomed", NULL, 0), DS_OK);
    assert_int_equal(xap_db_set_metadata(w, "", S("x")), DS_ERR_INVALID);
    assert_int_equal(xap_db_commit(w), DS_OK);
    xap_db_close(w);

    xap_db_t *r = open_reader("meta");
    char *v = NULL;
    size_t len = 0;
    assert_int_equal(xap_db_get_metadata(r, "schema_version", &v, &len), DS_OK);
    assert_int_equal(len, 1);
    assert_string_equal(v, "3");
    free(v);
    assert_int_equal(xap_db_get_metadata(r, "binary", &v, &len), DS_OK);
    assert_int_equal(len, sizeof bin);
    assert_memory_equal(v, bin, sizeof bin);
    free(v);
    v = (char *)1;
    assert_int_equal(xap_db_get_metadata(r, "doomed", &v, &len), DS_OK);
    assert_null(v);
    assert_int_equal(len, 0);
    assert_int_equal(xap_db_get_metadata(r, "never-set", &v, &len), DS_OK);
    assert_null(v);
    assert_int_equal(xap_db_set_metadata(r, "schema_version", S("4")), DS_ERR_INVALID);
    assert_non_null(strstr(xap_db_error(r), "read-only"));
    xap_db_close(r);
}

/* The 9 one-line documents of the crash report: "common word1" .. "common word8" and
 * "common wordx wordy wordz", in one database or split over shards (document i goes to
 * shard i % nshards). Returns the union (or the single database) opened for reading. */
static xap_db_t *word_corpus(const char *name, int nshards)
{
    const char *paths[4];
    char names[4][32], bufs[4][8192]; /* dbpath() reuses its buffers: keep copies */
    for (int s = 0; s < nshards; s++) {
        snprintf(names[s], sizeof names[s], "%s%d", name, s);
        xap_db_t *w = open_new(names[s]);
        for (int i = s; i < 9; i += nshards) {
            char uid[8], text[64];
            snprintf(uid, sizeof uid, "%d", i);
            if (i < 8)
                snprintf(text, sizeof text, "common word%d", i + 1);
            else
                snprintf(text, sizeof text, "common wordx wordy wordz");
            add(w, uid, NULL, text);
        }
        assert_int_equal(xap_db_commit(w), DS_OK);
        xap_db_close(w);
        snprintf(bufs[s], sizeof bufs[s], "%s", dbpath(names[s]));
        paths[s] = bufs[s];
    }
    xap_db_t *u = NULL;
    assert_int_equal(xap_db_open_shards(paths, (size_t)nshards, &u, NULL), DS_OK);
    return u;
}

/* The weights of the top `limit` hits of "word*" expanded over db, sorted (docids differ
 * between shardings, weights must not). */
static size_t wildcard_weights(xap_db_t *db, uint64_t limit, double *w)
{
    xap_query_t *q = NULL;
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    assert_int_equal(xap_db_wildcard(db, S("word"), 100, &q), DS_OK);
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    assert_int_equal(xap_enquire_mset(enq, 0, limit, 9, &ms), DS_OK);
    size_t n = xap_mset_size(ms);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(xap_mset_item(ms, i, NULL, &w[i], NULL, NULL), DS_OK);
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(q);
    return n;
}

/* A wildcard over several shards with a page smaller than its matches: OP_MAX made
 * Xapian 1.4.22 call through a NULL pointer here. The expansion must rank the same
 * however the index is sharded. */
static void test_wildcard_over_shards(void **state)
{
    (void)state;
    xap_db_t *one = word_corpus("wone", 1);
    double ref[9], got[9];
    assert_int_equal(wildcard_weights(one, 9, ref), 9);
    for (int shards = 2; shards <= 4; shards++) {
        char name[16];
        snprintf(name, sizeof name, "w%d_", shards);
        xap_db_t *u = word_corpus(name, shards);
        for (uint64_t limit = 1; limit <= 9; limit++) {
            assert_int_equal(wildcard_weights(u, limit, got), limit);
            for (size_t i = 0; i < limit; i++)
                if (!(fabs(got[i] - ref[i]) <= 1e-9 * ref[i]))
                    fail_msg("%d shards, page of %d, hit %d: weight %g, unsharded %g", shards,
                             (int)limit, (int)i + 1, got[i], ref[i]);
        }
        xap_db_close(u);
    }
    xap_db_close(one);
}

static void test_wildcard(void **state)
{
    (void)state;
    xap_db_t *db = open_new("wild");
    add(db, "1", NULL, "tax");
    add(db, "2", NULL, "taxation");
    add(db, "3", NULL, "taxes");
    add(db, "4", NULL, "tariff");
    xap_query_t *q = NULL;
    assert_int_equal(xap_query_wildcard(S("tax"), 3, &q), DS_OK);
    EXPECT_DOCS(db, q, 1, 2, 3);
    assert_int_equal(xap_query_wildcard(S("ta"), 0, &q), DS_OK);
    EXPECT_DOCS(db, q, 1, 2, 3, 4);

    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = (xap_mset_t *)1;
    assert_int_equal(xap_query_wildcard(S("tax"), 2, &q), DS_OK);
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_query_free(q);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms), DS_ERR_QUERY);
    assert_null(ms);
    assert_non_null(strstr(xap_enquire_error(enq), "tax*"));
    assert_non_null(strstr(xap_enquire_error(enq), "expands"));
    xap_enquire_free(enq);
    xap_db_close(db);
}

static void test_compact(void **state)
{
    (void)state;
    xap_db_t *w = open_new("tocompact");
    for (int i = 0; i < 5; i++) {
        char uid[16];
        snprintf(uid, sizeof uid, "%d", i);
        add(w, uid, NULL, "compact me");
    }
    assert_int_equal(xap_db_delete_by_term(w, S("Q2"), NULL), DS_OK);
    assert_int_equal(xap_db_commit(w), DS_OK);

    /* The writer may stay open: its last commit is copied. */
    const char *src[1] = {dbpath("tocompact")};
    ds_error_t err = {DS_ERR_IO, 0, "stale"};
    assert_int_equal(xap_db_compact(src, 1, dbpath("compacted"), 0, &err), DS_OK);
    assert_int_equal(err.status, DS_OK); /* cleared */
    assert_string_equal(err.message, "");
    xap_db_close(w);
    xap_db_t *r = open_reader("compacted");
    assert_int_equal(doc_count(r), 4);
    assert_int_equal(termfreq(r, "compact"), 4);
    assert_int_equal(termfreq(r, "Q2"), 0);
    xap_db_close(r);

    make_shard("cshardA", "a", 2);
    make_shard("cshardB", "b", 3);
    const char *shards[2] = {dbpath("cshardA"), dbpath("cshardB")};
    assert_int_equal(xap_db_compact(shards, 2, dbpath("cmerged"), XAP_COMPACT_MULTIPASS, NULL),
                     DS_OK);
    r = open_reader("cmerged");
    assert_int_equal(doc_count(r), 5);
    assert_int_equal(termfreq(r, "onlyb"), 3);
    xap_db_close(r);

    assert_int_equal(xap_db_compact(src, 1, dbpath("c2"), 1u << 7, &err), DS_ERR_INVALID);
    assert_int_equal(err.status, DS_ERR_INVALID);
    assert_string_equal(err.message, "unknown compaction flag");
    const char *missing[1] = {dbpath("no-such-db")};
    assert_int_equal(xap_db_compact(missing, 1, dbpath("c3"), 0, &err), DS_ERR_NOT_FOUND);
    assert_int_equal(err.status, DS_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "no-such-db"));
}

static void test_open_errors(void **state)
{
    (void)state;
    xap_db_t *db = (xap_db_t *)1;
    ds_error_t err;
    const char *missing = dbpath("does-not-exist");
    assert_int_equal(xap_db_open_read(missing, &db, &err), DS_ERR_NOT_FOUND);
    assert_null(db);
    assert_int_equal(err.status, DS_ERR_NOT_FOUND);
    assert_int_equal(err.column, 0);
    assert_non_null(strstr(err.message, missing));
    assert_int_equal(xap_db_open_read(missing, &db, NULL), DS_ERR_NOT_FOUND);
    assert_int_equal(xap_db_open_write(missing, XAP_DB_OPEN, &db, &err), DS_ERR_NOT_FOUND);
    assert_null(db);
    assert_int_equal(strncmp(err.message, "cannot open database for writing '", 34), 0);
    assert_non_null(strstr(err.message, "does-not-exist"));
    assert_int_equal(xap_db_open_read(NULL, &db, NULL), DS_ERR_INVALID);
    assert_int_equal(xap_db_open_write(missing, (xap_db_mode_t)9, &db, &err), DS_ERR_INVALID);
    assert_string_equal(err.message, "unknown database open mode");

    /* One writer at a time. */
    xap_db_t *w = open_new("locked");
    xap_db_t *w2 = (xap_db_t *)1;
    assert_int_equal(xap_db_open_write(dbpath("locked"), XAP_DB_CREATE_OR_OPEN, &w2, &err),
                     DS_ERR_LOCKED);
    assert_null(w2);
    assert_int_equal(err.status, DS_ERR_LOCKED);
    assert_non_null(strstr(err.message, "locked"));
    xap_db_close(w);
    /* Lock released by close; XAP_DB_CREATE refuses an existing database. */
    assert_int_equal(xap_db_open_write(dbpath("locked"), XAP_DB_CREATE, &w2, &err), DS_ERR_IO);
    assert_null(w2);
    assert_int_equal(err.status, DS_ERR_IO);
    assert_non_null(strstr(err.message, "exists"));
    assert_int_equal(xap_db_open_write(dbpath("locked"), XAP_DB_OPEN, &w2, NULL), DS_OK);
    xap_db_close(w2);
}

static void test_lookup_errors(void **state)
{
    (void)state;
    xap_db_t *db = open_new("lookups");
    add(db, "1", NULL, "only");
    xap_doc_t *doc = (xap_doc_t *)1;
    assert_int_equal(xap_db_get_doc(db, 42, &doc), DS_ERR_NOT_FOUND);
    assert_null(doc);
    assert_non_null(strstr(xap_db_error(db), "42"));
    assert_int_equal(xap_db_get_doc(db, 0, &doc), DS_ERR_INVALID);
    uint64_t len = 7;
    assert_int_equal(xap_db_doc_count(NULL, &len), DS_ERR_INVALID);
    assert_int_equal(xap_db_doc_count(db, NULL), DS_ERR_INVALID);
    assert_int_equal(xap_db_add_doc(db, NULL, NULL), DS_ERR_INVALID);
    assert_int_equal(xap_db_replace_by_term(db, "", 0, NULL, NULL), DS_ERR_INVALID);

    /* Match sets outlive their enquire; derived handles fail after close, free fine. */
    xap_enquire_t *enq = NULL;
    xap_mset_t *ms = NULL;
    xap_query_t *q = T("only");
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms), DS_OK);
    xap_enquire_free(enq);
    assert_int_equal(xap_mset_get_doc(ms, 0, &doc), DS_OK);
    const char *data = NULL;
    assert_int_equal(xap_doc_get_data(doc, &data, NULL), DS_OK);
    assert_string_equal(data, "only");
    xap_doc_free(doc);
    assert_int_equal(xap_mset_get_doc(ms, 1, &doc), DS_ERR_INVALID);
    assert_null(doc);

    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, q), DS_OK);
    xap_postiter_t *post = NULL;
    assert_int_equal(xap_db_postings(db, S("only"), &post), DS_OK);
    xap_db_close(db);
    xap_mset_t *ms2 = (xap_mset_t *)1;
    assert_int_equal(xap_enquire_mset(enq, 0, 10, 0, &ms2), DS_ERR_INVALID);
    assert_null(ms2);
    assert_non_null(strstr(xap_enquire_error(enq), "close"));
    xap_postiter_free(post); /* freeing after close is fine (data may even be cached) */
    xap_enquire_free(enq);
    xap_mset_free(ms);
    xap_query_free(q);
}

/* Fault injection: cut the posting table under an open reader. The iterator must report
 * the failure, and keep reporting it, rather than pretend to have reached the end. */
static void test_iterator_failure_is_sticky(void **state)
{
    (void)state;
    enum { NDOCS = 6000 };
    xap_db_t *w = open_new("truncated");
    assert_int_equal(xap_db_begin_transaction(w, 1), DS_OK);
    for (int i = 0; i < NDOCS; i++) {
        xap_doc_t *doc = NULL;
        assert_int_equal(xap_doc_new(&doc), DS_OK);
        assert_int_equal(xap_doc_add_term(doc, S("common"), 1), DS_OK);
        assert_int_equal(xap_db_add_doc(w, doc, NULL), DS_OK);
        xap_doc_free(doc);
    }
    assert_int_equal(xap_db_commit_transaction(w), DS_OK);
    xap_db_close(w);

    xap_db_t *r = open_reader("truncated");
    xap_postiter_t *post = NULL;
    assert_int_equal(xap_db_postings(r, S("common"), &post), DS_OK);
    assert_int_equal(xap_postiter_next(post), 1);
    assert_int_equal(truncate(dbpath("truncated/postlist.glass"), 0), 0);
    int rc, n = 1;
    while ((rc = xap_postiter_next(post)) == 1)
        n++;
    assert_true(rc < 0);
    assert_true(n < NDOCS);
    assert_true(rc == -(int)DS_ERR_IO || rc == -(int)DS_ERR_CORRUPT);
    assert_int_equal(xap_postiter_next(post), rc);
    assert_int_equal(xap_postiter_docid(post), 0);
    assert_true(strlen(xap_postiter_error(post)) > 0);
    xap_postiter_free(post);
    xap_db_close(r);
}

static void test_free_null(void **state)
{
    (void)state;
    xap_db_close(NULL);
    xap_doc_free(NULL);
    xap_query_free(NULL);
    xap_enquire_free(NULL);
    xap_mset_free(NULL);
    xap_termiter_free(NULL);
    xap_postiter_free(NULL);
    xap_valueiter_free(NULL);
    xap_positer_free(NULL);
    assert_string_equal(xap_db_error(NULL), "");
    assert_string_equal(xap_doc_error(NULL), "");
    assert_string_equal(xap_enquire_error(NULL), "");
    assert_string_equal(xap_mset_error(NULL), "");
    assert_string_equal(xap_spy_error(NULL), "");
    assert_string_equal(xap_termiter_error(NULL), "");
    assert_string_equal(xap_postiter_error(NULL), "");
    assert_string_equal(xap_valueiter_error(NULL), "");
    assert_int_equal(xap_mset_size(NULL), 0);
    assert_int_equal(xap_termiter_next(NULL), -(int)DS_ERR_INVALID);
    assert_int_equal(xap_postiter_next(NULL), -(int)DS_ERR_INVALID);
    assert_int_equal(xap_valueiter_next(NULL), -(int)DS_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_and_stats),
        cmocka_unit_test(test_doc_terms_and_binary),
        cmocka_unit_test(test_phrase_and_near),
        cmocka_unit_test(test_boolean_operators),
        cmocka_unit_test(test_value_range),
        cmocka_unit_test(test_sort_and_rank),
        cmocka_unit_test(test_bm25),
        cmocka_unit_test(test_replace_and_delete_by_uid),
        cmocka_unit_test(test_commit_and_reopen),
        cmocka_unit_test(test_transactions_and_close),
        cmocka_unit_test(test_shards),
        cmocka_unit_test(test_spy_facets),
        cmocka_unit_test(test_mset_exact_counts),
        cmocka_unit_test(test_postings_and_values),
        cmocka_unit_test(test_posting_positions),
        cmocka_unit_test(test_positions_one_per_position),
        cmocka_unit_test(test_positions_failure),
        cmocka_unit_test(test_allterms),
        cmocka_unit_test(test_matching_and_query_terms),
        cmocka_unit_test(test_query_arguments),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_wildcard),
        cmocka_unit_test(test_wildcard_over_shards),
        cmocka_unit_test(test_read_positions_at_once),
        cmocka_unit_test(test_compact),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_lookup_errors),
        cmocka_unit_test(test_iterator_failure_is_sticky),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
