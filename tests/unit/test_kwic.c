/*
 * test_kwic.c - unit tests of concordances (searcher/kwic.h), with collocates and
 * timeline run over the same small index.
 *
 *   1. contexts: characters and words, white space runs, UTF-8, glued punctuation
 *   2. words: analyzer words, compound parts and markers left out, before/after
 *   3. --sort values, kw_flush on a full device
 *   4. a small index built here exactly as the indexer builds one (termgen, docstore,
 *      value slots, schema metadata, stub file), then kw_run: counts, document and date
 *      order, --offset/--limit, L1/R1 sorts, exact match bytes, TSV/JSON, failing visitor
 *   5. co_run and tl_run over a second index whose numbers are worked out by hand
 *
 * Texts given to kw_left / kw_right are heap copies without a NUL, so AddressSanitizer
 * catches any read outside them.
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

#include "answer.h"
#include "collocates.h"
#include "docsink.h"
#include "docstore.h"
#include "kwic.h"
#include "natsort.h"
#include "schema.h"
#include "termgen.h"
#include "timeline.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ---------------------------------------------------------------------- */

static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    memcpy(p, s, len);
    return p;
}

/* The left and right contexts of the first "MATCH" in s, as strings. */
static void contexts(const char *s, size_t n, int words, char *left, char *right)
{
    size_t len = strlen(s);
    const char *m = strstr(s, "MATCH");
    assert_non_null(m);
    char *t = exact_copy(s, len);
    size_t start = (size_t)(m - s), end = start + 5;
    size_t ls = kw_left(t, start, n, words), re = kw_right(t, len, end, n, words);
    assert_true(ls <= start && re >= end && re <= len);
    memcpy(left, t + ls, start - ls);
    left[start - ls] = '\0';
    memcpy(right, t + end, re - end);
    right[re - end] = '\0';
    free(t);
}

/* ==== 1. contexts ===================================================================== */

static void test_context_chars(void **state)
{
    (void)state;
    char l[128], r[128];
    contexts("one  two\n\tthree MATCH four   five six", 6, 0, l, r);
    assert_string_equal(l, "three ");
    assert_string_equal(r, " four");
    /* a white space run is one character; a context never starts or ends with one */
    contexts("one  two\n\tthree MATCH four   five six", 7, 0, l, r);
    assert_string_equal(l, "three ");
    assert_string_equal(r, " four   f");
    contexts("one  two\n\tthree MATCH four   five six", 8, 0, l, r);
    assert_string_equal(l, "o\n\tthree ");
    /* the whole text when it is shorter; nothing when n is 0 */
    contexts("a MATCH b", 100, 0, l, r);
    assert_string_equal(l, "a ");
    assert_string_equal(r, " b");
    contexts("a MATCH b", 0, 0, l, r);
    assert_string_equal(l, "");
    assert_string_equal(r, "");
    contexts("MATCH", 5, 0, l, r);
    assert_string_equal(l, "");
    assert_string_equal(r, "");
}

static void test_context_utf8(void **state)
{
    (void)state;
    char l[128], r[128];
    /* characters, not bytes: "é" is 2 bytes, "€" 3, an emoji 4 */
    contexts("\xc3\xa9\xc3\xa9\xe2\x82\xacMATCH\xf0\x9f\x98\x80\xc3\xa9x", 2, 0, l, r);
    assert_string_equal(l, "\xc3\xa9\xe2\x82\xac");
    assert_string_equal(r, "\xf0\x9f\x98\x80\xc3\xa9");
    /* an invalid byte is one character of its own, never joined to its neighbours */
    contexts("ab\xff\x80MATCH\xe2\x82", 2, 0, l, r);
    assert_string_equal(l, "\xff\x80");
    assert_string_equal(r, "\xe2\x82");
}

static void test_context_words(void **state)
{
    (void)state;
    char l[128], r[128];
    contexts("zero one two (three MATCH) four, five six", 2, 1, l, r);
    assert_string_equal(l, "two (three ");
    assert_string_equal(r, ") four, five");
    /* characters glued to the match are context but no word */
    contexts("a b (MATCH) c d", 1, 1, l, r);
    assert_string_equal(l, "b (");
    assert_string_equal(r, ") c");
    contexts("x\n\n  y MATCH\n z\n", 5, 1, l, r);
    assert_string_equal(l, "x\n\n  y ");
    assert_string_equal(r, "\n z");
}

/* ==== 2. words ======================================================================== */

static void test_words(void **state)
{
    (void)state;
    const char *s = "ICT-related work, e.g. the mission.2 Done";
    kw_words_t w = KW_WORDS_INIT;
    assert_int_equal(kw_words_scan(&w, s, strlen(s)), DS_OK);
    const char *want[] = {"ictrelated", "work", "eg", "the", "mission", "done"};
    assert_int_equal(w.n, N_ELEMS(want));
    for (size_t i = 0; i < w.n; i++)
        assert_string_equal(kw_words_term(&w, i), want[i]);
    size_t related = (size_t)(strstr(s, "related") - s), work = (size_t)(strstr(s, "work") - s);
    /* inside a compound: the compound is on neither side */
    assert_int_equal(kw_words_before(&w, related), 0);
    assert_int_equal(kw_words_after(&w, related), 1);
    assert_int_equal(kw_words_before(&w, work), 1);
    assert_int_equal(kw_words_after(&w, work + 4), 2);
    assert_int_equal(kw_words_after(&w, strlen(s)), w.n);
    /* memory is kept from one text to the next */
    assert_int_equal(kw_words_scan(&w, "", 0), DS_OK);
    assert_int_equal(w.n, 0);
    assert_int_equal(kw_words_before(&w, 0), 0);
    kw_words_release(&w);
    kw_words_release(NULL);
}

/* ==== 3. sort values, flush =========================================================== */

static void test_parse_sort(void **state)
{
    (void)state;
    kw_opts_t o = {0};
    assert_int_equal(kw_parse_sort(&o, "doc"), 0);
    assert_int_equal(o.sort, KW_SORT_DOC);
    assert_int_equal(kw_parse_sort(&o, "-date"), 0);
    assert_int_equal(o.sort, KW_SORT_DATE_DESC);
    assert_int_equal(kw_parse_sort(&o, "date"), 0);
    assert_int_equal(o.sort, KW_SORT_DATE);
    assert_int_equal(kw_parse_sort(&o, "L3"), 0);
    assert_int_equal(o.sort, KW_SORT_LEFT);
    assert_int_equal(o.sort_k, 3);
    assert_int_equal(kw_parse_sort(&o, "r9"), 0);
    assert_int_equal(o.sort, KW_SORT_RIGHT);
    assert_int_equal(o.sort_k, 9);
    const char *bad[] = {"", "L", "L0", "R10", "X1", "relevance", "-doc", "L1 ", "dates"};
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        assert_int_equal(kw_parse_sort(&o, bad[i]), -1);
}

static void test_flush(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "small");
    assert_int_equal(kw_flush(&b, NULL), DS_OK);
    assert_int_equal(kw_flush(&b, stdout), DS_OK); /* below the threshold: kept */
    assert_int_equal(b.len, 5);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        for (int i = 0; i < KW_FLUSH_BYTES; i++)
            ds_buf_putc(&b, 'x');
        assert_int_equal(kw_flush(&b, full), DS_ERR_IO);
        assert_int_equal(b.len, 0);
        fclose(full);
    }
    b.failed = 1;
    assert_int_equal(kw_flush(&b, NULL), DS_ERR_NOMEM);
    ds_buf_release(&b);
}

/* ==== 4. an index, and kw_run ========================================================= */

typedef struct doc_spec {
    const char *id, *date, *actor, *text;
} doc_spec_t;

static char tmpdir[256];

/* The record, terms and values of d, as indexer/docbuild.c writes them. */
static void add_doc(xap_db_t *db, an_analyzer_t *an, const doc_spec_t *d)
{
    xap_doc_t *doc;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    uint32_t pos = 1;
    tg_stats_t st = {0};
    tg_sink_t sink = ds_doc_sink(doc);
    assert_int_equal(tg_index_text(an, &sink, "", d->text, strlen(d->text), &pos, &st), DS_OK);
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_ID, d->id, strlen(d->id)), DS_OK);
    ds_buf_t key = DS_BUF_INIT; /* as ixdoc_id: the natural sort key of the id */
    ds_natkey(d->id, strlen(d->id), &key);
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_ID_KEY, key.data, key.len), DS_OK);
    ds_buf_release(&key);
    char sizes[48], day[9];
    snprintf(sizes, sizeof sizes, "%llu %zu", (unsigned long long)st.tokens, strlen(d->text));
    assert_int_equal(xap_doc_set_value(doc, DS_SLOT_SIZES, sizes, strlen(sizes)), DS_OK);
    dstore_field_t f[3] = {{DS_FIELD_ID, d->id, strlen(d->id)}};
    size_t nf = 1;
    if (d->date) {
        snprintf(day, sizeof day, "%.4s%.2s%.2s", d->date, d->date + 5, d->date + 8);
        assert_int_equal(xap_doc_set_value(doc, DS_SLOT_DATE_START, day, 8), DS_OK);
        f[nf++] = (dstore_field_t){DS_FIELD_DATE, d->date, strlen(d->date)};
    }
    if (d->actor)
        f[nf++] = (dstore_field_t){DS_FIELD_ACTOR, d->actor, strlen(d->actor)};
    ds_buf_t rec = DS_BUF_INIT;
    assert_int_equal(dstore_encode(f, nf, d->text, strlen(d->text), DSTORE_STORED, &rec), DS_OK);
    assert_int_equal(xap_doc_set_data(doc, rec.data, rec.len), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    ds_buf_release(&rec);
    xap_doc_free(doc);
}

/* An index directory dir (one shard and its stub) holding docs. */
static void build_index(const char *dir, const doc_spec_t *docs, size_t n)
{
    char path[512];
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/s0.1", dir);
    xap_db_t *db;
    an_analyzer_t *an;
    assert_int_equal(xap_db_open_write(path, XAP_DB_CREATE, &db, NULL), DS_OK);
    assert_int_equal(an_analyzer_new("english", &an, NULL), DS_OK);
    for (size_t i = 0; i < n; i++)
        add_doc(db, an, &docs[i]);
    assert_int_equal(xap_db_set_metadata(db, DS_META_SCHEMA, DS_SCHEMA_VERSION, 1), DS_OK);
    assert_int_equal(xap_db_set_metadata(db, DS_META_LANG, "english", 7), DS_OK);
    assert_int_equal(xap_db_commit(db), DS_OK);
    xap_db_close(db);
    an_analyzer_free(an);
    snprintf(path, sizeof path, "%s/%s", dir, DS_STUB_FILE);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("glass s0.1\n", f);
    fclose(f);
}

/* "public core": 2 in b (one across a line break, "cores" is no match), 1 in a, 2 in c;
 * c has no date. Ids are not in date order, so document and date order differ. */
static const doc_spec_t kdocs[] = {
    {"b", "2021-03-01", "Beta",
     "The public core of the internet. The Public\nCore again; "
     "public cores are not."},
    {"a", "2020-05-10", NULL, "Nothing here about public matters. public core!"},
    {"c", NULL, "Gamma", "public core public core"},
    {"d", "2019-01-01", NULL, "no match here at all"},
};

static sq_index_t *kix;

static int setup_index(void **state)
{
    (void)state;
    if (tmpdir_make(tmpdir, sizeof tmpdir, "test_kwic") != 0)
        return -1;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/k", tmpdir);
    build_index(dir, kdocs, N_ELEMS(kdocs));
    ds_error_t err;
    if (sq_index_open(dir, &kix, &err) != DS_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown_index(void **state)
{
    (void)state;
    sq_index_close(kix);
    tmpdir_remove(tmpdir);
    return 0;
}

/* The output format version kwic() asks for (0: version 1, as every test but one). */
static int kwic_version;

/* Run kw_run for query on ix with o in format kind; the output in *out (caller frees). */
static ds_status_t kwic(sq_index_t *ix, const char *query, const kw_opts_t *o, fmt_kind_t kind,
                        char **out, uint64_t *found)
{
    sq_prepared_t p = SQ_PREPARED_INIT;
    ds_error_t e;
    assert_int_equal(sq_prepare(ix, query, strlen(query), 0, &p, &e), DS_OK);
    assert_int_equal(sq_prepare_matcher(ix, &p, 1024, &e), DS_OK);
    fmt_options_t fmt = {.kind = kind, .version = kwic_version};
    ds_buf_t b = DS_BUF_INIT;
    ds_status_t rc = kw_run(ix, p.xq, p.m, o, &fmt, &b, NULL, found, &e);
    assert_int_equal(e.status, rc);
    assert_true(rc == DS_OK ? e.message[0] == '\0' : e.message[0] != '\0');
    *out = ds_buf_detach(&b, NULL);
    sq_prepared_release(&p);
    return rc;
}

static kw_opts_t opts(kw_sort_t sort)
{
    return (kw_opts_t){.sort = sort, .context = 10, .limit = KW_ALL};
}

static void test_kwic_count(void **state)
{
    (void)state;
    kw_opts_t o = opts(KW_SORT_DOC);
    o.count_only = 1;
    char *out;
    uint64_t found;
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TEXT, &out, &found), DS_OK);
    assert_string_equal(out, "5 occurrences in 3 documents\n");
    assert_int_equal(found, 5);
    free(out);
    assert_int_equal(kwic(kix, "\"public core\" -\"at all\"", &o, FMT_JSON, &out, &found), DS_OK);
    assert_string_equal(out, "{\"occurrences\":5,\"documents\":3}\n");
    free(out);
    assert_int_equal(kwic(kix, "\"internet\"", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "1\t1\n");
    free(out);
    assert_int_equal(kwic(kix, "\"no such words\"", &o, FMT_TEXT, &out, &found), DS_OK);
    assert_string_equal(out, "0 occurrences in 0 documents\n");
    assert_int_equal(found, 0);
    free(out);
}

/* The "id:offset" of every TSV line of out (fields id date actor title offset ...),
 * space-separated, into ids. */
static void tsv_ids(const char *out, char *ids, size_t size)
{
    ids[0] = '\0';
    for (const char *line = out; *line;) {
        const char *nl = strchr(line, '\n'), *f = line;
        assert_non_null(nl);
        for (int i = 0; i < 4; i++) {
            f = strchr(f, '\t');
            assert_non_null(f);
            f++;
        }
        size_t len = strlen(ids);
        snprintf(ids + len, size - len, "%s%.*s:%lu", len ? " " : "", (int)strcspn(line, "\t"),
                 line, strtoul(f, NULL, 10));
        line = nl + 1;
    }
}

static void test_kwic_orders(void **state)
{
    (void)state;
    static const struct {
        const char *sort, *want;
    } cases[] = {
        {"doc", "a:35 b:4 b:37 c:0 c:12"},
        {"date", "c:0 c:12 a:35 b:4 b:37"}, /* undated first */
        {"-date", "b:4 b:37 a:35 c:0 c:12"},
        /* L1 keys: "matters" "the" "the" "" "core"; ties in document order */
        {"L1", "c:0 c:12 a:35 b:4 b:37"},
        /* R1 keys: "" (a "!" is no word) "of" "again" "public" "" */
        {"R1", "a:35 c:12 b:37 b:4 c:0"},
        /* L2 keys: "public" "" "internet" "" "public" */
        {"l2", "b:4 c:0 b:37 a:35 c:12"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        kw_opts_t o = opts(KW_SORT_DOC);
        assert_int_equal(kw_parse_sort(&o, cases[i].sort), 0);
        char *out, ids[256];
        uint64_t found;
        assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TSV, &out, &found), DS_OK);
        tsv_ids(out, ids, sizeof ids);
        if (strcmp(ids, cases[i].want) != 0)
            fail_msg("--sort %s: got '%s', want '%s'", cases[i].sort, ids, cases[i].want);
        assert_int_equal(found, 5);
        free(out);
    }
}

static void test_kwic_lines(void **state)
{
    (void)state;
    kw_opts_t o = opts(KW_SORT_DOC);
    o.offset = 2;
    o.limit = 2;
    char *out;
    uint64_t found;
    /* the match column is the exact bytes, the contexts collapsed */
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "b\t2021-03-01\tBeta\t\t37\trnet. The \tPublic\\nCore\t again; pu\n"
                             "c\t\tGamma\t\t0\t\tpublic core\t public co\n");
    free(out);
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_JSON, &out, &found), DS_OK);
    assert_string_equal(out,
                        "{\"id\":\"b\",\"date\":\"2021-03-01\",\"actor\":\"Beta\",\"title\":null,"
                        "\"offset\":37,\"left\":\"rnet. The \",\"match\":\"Public\\nCore\","
                        "\"right\":\" again; pu\"}\n"
                        "{\"id\":\"c\",\"date\":null,\"actor\":\"Gamma\",\"title\":null,"
                        "\"offset\":0,\"left\":\"\",\"match\":\"public core\","
                        "\"right\":\" public co\"}\n");
    free(out);
    /* version 2 adds page, line and locator: here none, as these records have no line
     * map and no text hash (an index of schema 6 always has the hash) */
    kwic_version = 2;
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "b\t2021-03-01\tBeta\t\t37\trnet. The \tPublic\\nCore\t again; pu"
                             "\t\t\t\nc\t\tGamma\t\t0\t\tpublic core\t public co\t\t\t\n");
    free(out);
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_JSON, &out, &found), DS_OK);
    assert_non_null(strstr(out, "\"right\":\" public co\",\"page\":null,\"line\":null,"
                                "\"locator\":null}\n"));
    free(out);
    kwic_version = 0;
    /* text: the left context right-aligned, so the keywords line up */
    o.offset = 1;
    o.limit = 1;
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TEXT, &out, &found), DS_OK);
    assert_string_equal(out,
                        "      The public core of the in  2021-03-01  Beta                  b:4\n");
    free(out);
    /* words, collected: the column is as wide as the widest left context shown */
    o = opts(KW_SORT_DOC);
    o.context = 1;
    o.context_words = 1;
    o.limit = 2;
    assert_int_equal(kwic(kix, "\"public core\"", &o, FMT_TEXT, &out, &found), DS_OK);
    assert_string_equal(out, "matters. public core!    2020-05-10  -                     a:35\n"
                             "     The public core of  2021-03-01  Beta                  b:4\n");
    free(out);
}

static void test_kwic_units(void **state)
{
    (void)state;
    kw_opts_t o = opts(KW_SORT_DOC);
    o.count_only = 1;
    char *out;
    uint64_t found;
    /* a stemmed word: public, and the two keywords of an OR are both keywords */
    assert_int_equal(kwic(kix, "public", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "7\t3\n");
    free(out);
    assert_int_equal(kwic(kix, "core OR cores", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "6\t3\n"); /* core is stemmed: cores is one of its forms */
    free(out);
    /* one occurrence per start: the phrase and the word starting there are one */
    assert_int_equal(kwic(kix, "\"public core\" OR public", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "7\t3\n");
    free(out);
    /* NEAR: the span from the first to the last word */
    o.count_only = 0;
    assert_int_equal(kwic(kix, "internet NEAR/2 core", &o, FMT_TSV, &out, &found), DS_OK);
    assert_non_null(strstr(out, "\t11\the public \tcore of the internet\t. The Publ\n"));
    free(out);
}

/* Possessives and contractions: a phrase holding one matches it exactly ("it's not" is
 * not "it not"), a word finds its part, NEAR its whole form; the match bytes span the
 * whole "it’s". The words of a text take a possessive's part ("it's" is "it"). */
static const doc_spec_t pdocs[] = {
    {"p1", NULL, NULL, "ICANN\xe2\x80\x99s mission: it\xe2\x80\x99s not over. It's not."},
    {"p2", NULL, NULL, "ICANN mission, it not over."},
};

static void test_kwic_possessives(void **state)
{
    (void)state;
    static const struct {
        const char *query, *want;
    } cases[] = {
        {"\"it's not\"", "2\t1\n"},
        {"\"it\xe2\x80\x99s not over\"", "1\t1\n"},
        {"\"it not\"", "3\t2\n"}, /* the part is at the possessive's position */
        {"ICANN", "2\t2\n"},
        {"ICANN's", "2\t2\n"},
        {"\"ICANN's mission\"", "1\t1\n"},
        {"\"ICANN mission\"", "2\t2\n"},
        {"ICANN's NEAR/1 mission", "1\t1\n"},
        {"ICANN NEAR/1 mission", "2\t2\n"},
    };
    char dir[300];
    snprintf(dir, sizeof dir, "%s/p", tmpdir);
    build_index(dir, pdocs, N_ELEMS(pdocs));
    sq_index_t *ix;
    char *out;
    uint64_t found;
    assert_int_equal(sq_index_open(dir, &ix, NULL), DS_OK);
    kw_opts_t o = opts(KW_SORT_DOC);
    o.count_only = 1;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        assert_int_equal(kwic(ix, cases[i].query, &o, FMT_TSV, &out, &found), DS_OK);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("%s: got '%s', want '%s'", cases[i].query, out, cases[i].want);
        free(out);
    }
    o.count_only = 0;
    o.context = 4;
    assert_int_equal(kwic(ix, "\"it's not\"", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "p1\t\t\t\t19\ton: \tit\xe2\x80\x99s not\t ove\n"
                             "p1\t\t\t\t36\ter. \tIt's not\t.\n");
    free(out);
    sq_index_close(ix);
    kw_words_t w = KW_WORDS_INIT;
    const char *text = pdocs[0].text;
    assert_int_equal(kw_words_scan(&w, text, strlen(text)), DS_OK);
    const char *want[] = {"icann", "mission", "it", "not", "over", "it", "not"};
    assert_int_equal(w.n, N_ELEMS(want));
    for (size_t i = 0; i < w.n; i++)
        assert_string_equal(kw_words_term(&w, i), want[i]);
    assert_int_equal(w.v[0].end, 5); /* "ICANN", the part */
    kw_words_release(&w);
}

/* --count reads position lists, never a record: a document whose record is damaged is
 * counted all the same, while printing its lines finds the damage. A document where a
 * footnote marker shares its word's position is counted from its text. */
static void test_kwic_count_reads_no_text(void **state)
{
    (void)state;
    static const doc_spec_t docs[] = {
        {"m1", NULL, NULL, "the mission.2 of public core"},
        {"m2", NULL, NULL, "public core, public\ncore and the mission 2"},
    };
    char dir[300], shard[320];
    snprintf(dir, sizeof dir, "%s/r", tmpdir);
    build_index(dir, docs, N_ELEMS(docs));
    sq_index_t *ix;
    char *out;
    uint64_t found;
    kw_opts_t o = opts(KW_SORT_DOC);
    o.count_only = 1;
    /* "mission 2": in m1 the marker "2" has the position of "mission" but a byte of its
     * own, two occurrences the positions cannot tell apart: the text counts them */
    assert_int_equal(sq_index_open(dir, &ix, NULL), DS_OK);
    assert_int_equal(kwic(ix, "mission 2", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "4\t2\n");
    free(out);
    sq_index_close(ix);

    snprintf(shard, sizeof shard, "%s/s0.1", dir);
    xap_db_t *db;
    xap_doc_t *doc;
    assert_int_equal(xap_db_open_write(shard, XAP_DB_OPEN, &db, NULL), DS_OK);
    assert_int_equal(xap_db_get_doc(db, 1, &doc), DS_OK);
    assert_int_equal(xap_doc_set_data(doc,
                                      "\x7f"
                                      "damaged",
                                      8),
                     DS_OK);
    assert_int_equal(xap_db_replace_by_term(db, "Qnone", 5, doc, NULL), DS_OK); /* a copy */
    assert_int_equal(xap_db_commit(db), DS_OK);
    xap_doc_free(doc);
    xap_db_close(db);
    assert_int_equal(sq_index_open(dir, &ix, NULL), DS_OK);
    assert_int_equal(kwic(ix, "\"public core\"", &o, FMT_TSV, &out, &found), DS_OK);
    assert_string_equal(out, "4\t3\n"); /* the damaged copy of m1 too */
    free(out);
    /* the copy's marker needs its text: the damage is told, not hidden */
    assert_int_equal(kwic(ix, "mission 2", &o, FMT_TSV, &out, &found), DS_ERR_CORRUPT);
    free(out);
    o.count_only = 0;
    assert_int_equal(kwic(ix, "\"public core\"", &o, FMT_TSV, &out, &found), DS_ERR_CORRUPT);
    free(out);
    sq_index_close(ix);
}

/* A visitor that fails on the second document, or stops after the first. */
static ds_status_t visit(void *ctx, const kw_doc_t *d, int *stop)
{
    int *mode = ctx;
    assert_non_null(d->text);
    assert_true(d->nocc > 0);
    if (*mode == 1) {
        *stop = 1;
        return DS_OK;
    }
    return d->ordinal == 1 ? DS_ERR_IO : DS_OK;
}

static void test_each_doc(void **state)
{
    (void)state;
    sq_prepared_t p = SQ_PREPARED_INIT;
    ds_error_t e;
    assert_int_equal(sq_prepare(kix, "public", 6, 0, &p, &e), DS_OK);
    assert_int_equal(sq_prepare_matcher(kix, &p, 1024, &e), DS_OK);
    int mode = 0;
    assert_int_equal(kw_each_doc(kix, p.xq, p.m, KW_ORDER_DOC, visit, &mode, &e), DS_ERR_IO);
    assert_int_equal(e.status, DS_ERR_IO); /* the visitor's: nothing more to say */
    assert_string_equal(e.message, ds_status_str(DS_ERR_IO));
    mode = 1;
    assert_int_equal(kw_each_doc(kix, p.xq, p.m, KW_ORDER_DATE, visit, &mode, &e), DS_OK);
    assert_int_equal(e.status, DS_OK);
    assert_string_equal(e.message, "");
    /* from positions (in two threads): the same failure and stop */
    mode = 0;
    assert_int_equal(kw_each_doc_pos(kix, p.xq, p.m, KW_ORDER_DOC, visit, &mode, &e), DS_ERR_IO);
    assert_int_equal(e.status, DS_ERR_IO);
    mode = 1;
    assert_int_equal(kw_each_doc_pos(kix, p.xq, p.m, KW_ORDER_DATE, visit, &mode, &e), DS_OK);
    assert_int_equal(e.status, DS_OK);
    sq_prepared_release(&p);
    sq_prepared_release(&p); /* twice is harmless */
}

/* ==== 5. collocates and timeline by hand ============================================== */

/* k's windows of 1 word: "a" twice (left in d1, right in d2), "b" once. f(k) = 2,
 * N = 5 + 3 = 8 positions, f(a) = 2, f(b) = 1, f(x) = 2, f(c) = 1. */
static const doc_spec_t cdocs[] = {
    {"d1", "2020-11-03", NULL, "x a k b x"},
    {"d2", "2021-02-14", NULL, "k a c"},
    {"d3", NULL, NULL, "c k"},
};

static void test_collocates_run(void **state)
{
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/c", tmpdir);
    build_index(dir, cdocs, N_ELEMS(cdocs) - 1);
    sq_index_t *ix;
    ds_error_t e;
    assert_int_equal(sq_index_open(dir, &ix, &e), DS_OK);
    sq_prepared_t p = SQ_PREPARED_INIT;
    assert_int_equal(sq_prepare(ix, "\"k\"", 3, 0, &p, &e), DS_OK);
    assert_int_equal(sq_prepare_matcher(ix, &p, 1024, &e), DS_OK);
    co_opts_t o = {CO_MI, 1, 1, 0, 0, UINT64_MAX};
    fmt_options_t fmt = {.kind = FMT_TSV};
    ds_buf_t b = DS_BUF_INIT;
    uint64_t found;
    assert_int_equal(co_run(ix, p.xq, p.m, &o, &fmt, &b, NULL, &found, &e), DS_OK);
    /* E(a) = 2*2*2/8 = 1, MI = log2(2/1) = 1; E(b) = 2*1*2/8 = 0.5, MI = log2(1/0.5) = 1;
     * equal scores: the larger O first */
    assert_string_equal(ds_buf_cstr(&b),
                        "1\ta\t2\t1.0000\t1.0000\t2\n2\tb\t1\t0.5000\t1.0000\t1\n");
    assert_int_equal(found, 2);
    ds_buf_reset(&b);
    o.measure = CO_LL;
    o.min_freq = 2;
    fmt.kind = FMT_JSON;
    assert_int_equal(co_run(ix, p.xq, p.m, &o, &fmt, &b, NULL, &found, &e), DS_OK);
    /* G2(a) = 2 (2 ln 2 + 2 ln(2/3) + 0 + 4 ln(4/3)) = 3.45218 */
    assert_string_equal(ds_buf_cstr(&b), "{\"rank\":1,\"word\":\"a\",\"observed\":2,\"expected\":1,"
                                         "\"score\":3.45218,\"freq\":2}\n");
    ds_buf_release(&b);
    sq_prepared_release(&p);
    sq_index_close(ix);
}

static void test_timeline_run(void **state)
{
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/t", tmpdir);
    build_index(dir, cdocs, N_ELEMS(cdocs));
    sq_index_t *ix;
    ds_error_t e;
    assert_int_equal(sq_index_open(dir, &ix, &e), DS_OK);
    sq_prepared_t p = SQ_PREPARED_INIT;
    assert_int_equal(sq_prepare(ix, "k OR x", 6, 0, &p, &e), DS_OK);
    assert_int_equal(sq_prepare_matcher(ix, &p, 1024, &e), DS_OK);
    char svg[400];
    snprintf(svg, sizeof svg, "%s/chart.svg", tmpdir);
    tl_opts_t o = {TL_BY_MONTH, svg, 80};
    fmt_options_t fmt = {.kind = FMT_TSV};
    ds_buf_t b = DS_BUF_INIT;
    uint64_t found;
    assert_int_equal(tl_run(ix, p.xq, p.m, "k OR x", 6, &o, &fmt, &b, NULL, &found, &e), DS_OK);
    assert_string_equal(ds_buf_cstr(&b), "2020-11\t3\t1\n2020-12\t0\t0\n2021-01\t0\t0\n"
                                         "2021-02\t1\t1\nundated\t1\t1\n");
    assert_int_equal(found, 3);
    struct stat st;
    assert_int_equal(stat(svg, &st), 0);
    /* without keywords: documents only; an unwritable SVG path is an error */
    ds_buf_reset(&b);
    o.by = TL_BY_YEAR;
    o.svg = "/nonexistent-dir/x.svg";
    fmt.kind = FMT_JSON;
    assert_int_equal(tl_run(ix, p.xq, NULL, "", 0, &o, &fmt, &b, NULL, &found, &e), DS_ERR_IO);
    assert_int_equal(e.status, DS_ERR_IO);
    assert_string_equal(e.message,
                        "cannot write /nonexistent-dir/x.svg: No such file or directory");
    assert_string_equal(ds_buf_cstr(&b),
                        "{\"period\":\"2020\",\"occurrences\":0,\"documents\":1}\n"
                        "{\"period\":\"2021\",\"occurrences\":0,\"documents\":1}\n"
                        "{\"period\":\"undated\",\"occurrences\":0,\"documents\":1}\n");
    ds_buf_release(&b);
    sq_prepared_release(&p);
    sq_index_close(ix);
}

/* --sample's generator is splitmix64 as published (the reference's outputs for seed 0)
 * and its choice N distinct line numbers, ascending, the same for the same seed. */
static void test_sample_pick(void **state)
{
    (void)state;
    uint64_t st = 0;
    assert_true(kw_splitmix64(&st) == 0xe220a8397b1dcdafULL);
    assert_true(kw_splitmix64(&st) == 0x6e789e6aa1b965f4ULL);
    assert_true(kw_splitmix64(&st) == 0x06c45d188009454fULL);
    uint64_t *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(kw_sample_pick(100, 7, 3, &a, &na), DS_OK);
    assert_int_equal(kw_sample_pick(100, 7, 3, &b, &nb), DS_OK);
    assert_int_equal(na, 7);
    assert_memory_equal(a, b, 7 * sizeof *a);
    for (size_t i = 0; i < na; i++)
        assert_true(a[i] < 100 && (i == 0 || a[i - 1] < a[i]));
    free(b);
    assert_int_equal(kw_sample_pick(100, 7, 4, &b, &nb), DS_OK);
    assert_memory_not_equal(a, b, 7 * sizeof *a);
    free(a);
    free(b);
    assert_int_equal(kw_sample_pick(5, 9, 1, &a, &na), DS_OK); /* more than there are */
    assert_int_equal(na, 5);
    for (size_t i = 0; i < na; i++)
        assert_int_equal(a[i], i);
    free(a);
    assert_int_equal(kw_sample_pick(0, 3, 1, &a, &na), DS_OK);
    assert_null(a);
    assert_int_equal(na, 0);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_context_chars), cmocka_unit_test(test_context_utf8),
        cmocka_unit_test(test_context_words), cmocka_unit_test(test_words),
        cmocka_unit_test(test_parse_sort),    cmocka_unit_test(test_flush),
        cmocka_unit_test(test_sample_pick),
    };
    const struct CMUnitTest indexed[] = {
        cmocka_unit_test(test_kwic_count),       cmocka_unit_test(test_kwic_orders),
        cmocka_unit_test(test_kwic_lines),       cmocka_unit_test(test_kwic_units),
        cmocka_unit_test(test_kwic_possessives), cmocka_unit_test(test_kwic_count_reads_no_text),
        cmocka_unit_test(test_each_doc),         cmocka_unit_test(test_collocates_run),
        cmocka_unit_test(test_timeline_run),
    };
    int failed = cmocka_run_group_tests(pure, NULL, NULL);
    return failed + cmocka_run_group_tests(indexed, setup_index, teardown_index);
}
