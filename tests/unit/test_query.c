/*
 * test_query.c - unit tests of the query language (searcher/query.h).
 *
 *   1. parse -> describe, one row per construct of the language
 *   2. errors: message fragment and column of every malformed query; the report format
 *   3. compile -> xap_query_describe (terms, prefixes, slots, FILTER, AND_NOT)
 *   4. free fields, match units, fold_value, argument checks
 *   5. end to end: a small Xapian index built with termgen (tg_index_text, exactly the
 *      indexer's terms), compiled queries run through xap_enquire
 *   6. random bytes: parse + compile never crash and always give a query or an error
 *      with a column in range
 *
 * Every query is copied into a malloc'd buffer of exactly its length (no NUL), so
 * AddressSanitizer catches any read past len.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dates.h"
#include "docsink.h"
#include "fold.h"
#include "query.h"
#include "schema.h"
#include "termgen.h"
#include "utf8.h"
#include "xap.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static an_analyzer_t *an;

/* ---- helpers ---------------------------------------------------------------------- */

/* A heap copy of s without its NUL: reading s[len] is an ASan error. */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    memcpy(p, s, len);
    return p;
}

static ds_status_t parse(const char *s, sq_query_t **q, ds_error_t *e)
{
    size_t len = strlen(s);
    char *copy = exact_copy(s, len);
    ds_status_t rc = sq_parse(copy, len, q, e);
    free(copy);
    return rc;
}

/* The free fields our fake index knows: committee (and "broken" fails to check). */
static int fake_field_exists(void *ctx, const char *name)
{
    int *calls = ctx;
    if (calls)
        (*calls)++;
    if (strcmp(name, "broken") == 0)
        return -(int)DS_ERR_IO;
    return strcmp(name, "committee") == 0;
}

static sq_compile_ctx_t ctx_default(void)
{
    return (sq_compile_ctx_t){.an = an, .field_exists = fake_field_exists};
}

/* Parse and compile s; on success returns the query, else fails the test. */
static xap_query_t *compile_ok(const char *s, const sq_compile_ctx_t *ctx)
{
    sq_query_t *q;
    ds_error_t e;
    if (parse(s, &q, &e) != DS_OK)
        fail_msg("parse(%s): %s (column %zu)", s, e.message, e.column);
    xap_query_t *xq;
    if (sq_compile(q, ctx, &xq, &e) != DS_OK)
        fail_msg("compile(%s): %s (column %zu)", s, e.message, e.column);
    sq_query_free(q);
    return xq;
}

/* Number of code points (invalid units counting one) of s[0..len). */
static size_t count_columns(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    uint32_t cp;
    while (i < len) {
        int k = utf8_decode(s + i, len - i, &cp);
        i += (size_t)(k < 0 ? -k : k);
        n++;
    }
    return n;
}

static int setup(void **state)
{
    (void)state;
    return an_analyzer_new("english", &an, NULL) == DS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    an_analyzer_free(an);
    return 0;
}

/* ==== 1. parse -> describe ============================================================= */

static const struct {
    const char *query, *describe;
} parse_cases[] = {
    /* words */
    {"protect", "word:protect"},
    {"protect infrastructure", "AND(word:protect, word:infrastructure)"},
    {"protect AND infrastructure", "AND(word:protect, word:infrastructure)"},
    {"Café", "word:cafe"},
    {"2021", "word:2021"},
    {"the", "word:the"}, /* stop words are never dropped */
    {"and or not near", "AND(word:and, word:or, word:not, word:near)"},
    {"ICT-related", "word:ictrelated|\"ict related\""},
    {"A/RES/75/282", "word:a/res/75/282|\"a res 75 282\""},
    {"cyber-security", "word:cybersecurity|\"cyber security\""},
    {"http://x.org/a", "word:http://x.org/a|\"http x org a\""},
    {"10:30", "word:10:30|\"10 30\""},
    {"foo,bar", "AND(word:foo, word:bar)"},
    {"a - b", "AND(word:a, word:b)"},
    {"a , b", "AND(word:a, word:b)"},
    {"mission.2", "word:mission"},
    {"ICANN's", "word:icann"}, /* a possessive searches its part (its stem) */
    {"it\xe2\x80\x99s", "word:it"},
    /* phrases */
    {"\"public core\"", "phrase:\"public core\""},
    {"\xe2\x80\x9cpublic core\xe2\x80\x9d", "phrase:\"public core\""},
    {"\"Public  CORE\"~5", "phrase~5:\"public core\""},
    {"\"public core\"~0", "phrase~0:\"public core\""},
    {"\"ICT-related issues\"", "phrase:\"ict related issues\""},
    {"\"the\"", "phrase:\"the\""},
    {"\"it's not\"", "phrase:\"it's not\""}, /* a possessive stands for itself */
    {"\"ICANN\xe2\x80\x99s mission\"", "phrase:\"icann's mission\""},
    {"\"ICANN mission\"", "phrase:\"icann mission\""},
    {"\"ICT-related\xe2\x80\x99s issues\"", "phrase:\"ict related issues\""},
    {"\"a b\"c", "AND(phrase:\"a b\", word:c)"},
    {"\"\" a", "word:a"},
    /* proximity */
    {"public NEAR/3 core", "NEAR/3(public, core)"},
    {"public NEAR core", "NEAR/10(public, core)"},
    {"a NEAR/2 b NEAR/2 c", "NEAR/2(a, b, c)"},
    {"x a NEAR/2 b", "AND(word:x, NEAR/2(a, b))"},
    {"ICT-related NEAR/2 norms", "NEAR/2(ictrelated, norms)"},
    {"ICANN's NEAR/2 mission", "NEAR/2(icann's, mission)"},
    {"-a NEAR b", "NOT(NEAR/10(a, b))"},
    /* boolean */
    {"a OR b", "OR(word:a, word:b)"},
    {"a OR b c", "OR(word:a, AND(word:b, word:c))"},
    {"a b OR c -d", "OR(AND(word:a, word:b), AND(word:c, NOT(word:d)))"},
    {"a NOT b c", "AND(word:a, NOT(word:b), word:c)"},
    {"a AND NOT b", "AND(word:a, NOT(word:b))"},
    {"a OR -b", "OR(word:a, NOT(word:b))"},
    {"NOT a", "NOT(word:a)"},
    {"-a", "NOT(word:a)"},
    {"-\"a b\"", "NOT(phrase:\"a b\")"},
    {"-(a OR b) c", "AND(NOT(OR(word:a, word:b)), word:c)"},
    {"+a b", "AND(word:a, word:b)"},
    {"-AND", "NOT(word:and)"},
    {"-, foo", "word:foo"},
    {"(a OR b) (c OR d)", "AND(OR(word:a, word:b), OR(word:c, word:d))"},
    {"((a))", "word:a"},
    {"(a OR b) OR c", "OR(word:a, word:b, word:c)"},
    {"a (b c)", "AND(word:a, word:b, word:c)"},
    {"NOT NOT a", "NOT(NOT(word:a))"},
    /* wildcards */
    {"cyber*", "wildcard:cyber*"},
    {"cyber**", "wildcard:cyber*"},
    {"Cyber-Sec*", "wildcard:cybersec*"},
    {"A/AC.290/*", "wildcard:a/ac.290/*"},
    {"-cyber*", "NOT(wildcard:cyber*)"},
    /* text fields */
    {"title:Cyber", "field:title(word:cyber)"},
    {"TITLE:\"public core\"", "field:title(phrase:\"public core\")"},
    {"title:cyber*", "field:title(wildcard:cyber*)"},
    {"actor:(netherlands OR france)", "field:actor(OR(word:netherlands, word:france))"},
    {"actor:nether*", "field:actor(wildcard:nether*)"},
    {"section:norms", "field:section(word:norms)"},
    {"committee:oewg", "field:committee(word:oewg)"},
    {"title:(a -b)", "field:title(AND(word:a, NOT(word:b)))"},
    {"-title:x y", "AND(NOT(field:title(word:x)), word:y)"},
    /* boolean fields */
    {"type:Report", "field:type(value:report)"},
    {"type:\"Working Paper\"", "field:type(value:workingpaper)"},
    {"lang:EN", "field:lang(value:en)"},
    {"id:Doc-1", "field:id(value:Doc-1)"},
    {"url:https://UNdocs.org/A/RES/75/282", "field:url(value:undocs.org/a/res/75/282)"},
    {"url:http://undocs.org/A/RES/75/282/", "field:url(value:undocs.org/a/res/75/282)"},
    {"url:https://undocs.org/*", "field:url(wildcard:undocs.org/*)"},
    {"site:un.org", "field:site(value:un.org)"},
    {"symbol:A/RES/75/282", "field:symbol(value:a/res/75/282)"},
    {"symbol:A/AC.290/*", "field:symbol(head:a/ac.290/)"},
    {"symbol:A/RES/75/2*", "field:symbol(wildcard:a/res/75/2*)"},
    {"cites:012", "field:cites(value:12)"},
    /* dates */
    {"date:2021-02-19..2021-03-12", "date:2021-02-19..2021-03-12"},
    {"date:2021", "date:2021-01-01..2021-12-31"},
    {"date:2021-02", "date:2021-02-01..2021-02-28"},
    {"date:..2020-12-31", "date:..2020-12-31"},
    {"date:2021-03..", "date:2021-03-01.."},
    {"date:\"19 February 2021\"", "date:2021-02-19..2021-02-19"},
    {"foo date:2021 type:report",
     "AND(word:foo, date:2021-01-01..2021-12-31, field:type(value:report))"},
    /* filters filter their whole group (qscope.c) */
    {"date:2021-03 Netherlands OR Germany",
     "AND(date:2021-03-01..2021-03-31, OR(word:netherlands, word:germany))"},
    {"Netherlands OR Germany date:2021-03",
     "AND(date:2021-03-01..2021-03-31, OR(word:netherlands, word:germany))"},
    {"type:report a OR b", "AND(field:type(value:report), OR(word:a, word:b))"},
    {"a OR b -type:report", "AND(NOT(field:type(value:report)), OR(word:a, word:b))"},
    {"committee:oewg a OR b", "AND(field:committee(word:oewg), OR(word:a, word:b))"},
    {"(Netherlands date:2021-03) OR Germany",
     "OR(AND(word:netherlands, date:2021-03-01..2021-03-31), word:germany)"},
    {"(date:2021 a OR b) c OR d",
     "OR(AND(date:2021-01-01..2021-12-31, OR(word:a, word:b), word:c), word:d)"},
    {"x (type:report a OR b)", "AND(word:x, field:type(value:report), OR(word:a, word:b))"},
    {"type:report OR type:passage", "OR(field:type(value:report), field:type(value:passage))"},
    {"type:report OR a", "OR(field:type(value:report), word:a)"},
    {"title:x a OR b", "OR(AND(field:title(word:x), word:a), word:b)"}, /* text, not filter */
    {"a -b OR c", "OR(AND(word:a, NOT(word:b)), word:c)"}, /* a word stays in its branch */
    /* several values of one single-valued field are alternatives */
    {"type:report type:passage a",
     "AND(OR(field:type(value:report), field:type(value:passage)), word:a)"},
    {"a type:report OR b type:passage",
     "AND(OR(field:type(value:report), field:type(value:passage)), OR(word:a, word:b))"},
    {"lang:en a lang:fr", "AND(OR(field:lang(value:en), field:lang(value:fr)), word:a)"},
    {"date:2020 date:2021 a",
     "AND(OR(date:2020-01-01..2020-12-31, date:2021-01-01..2021-12-31), word:a)"},
    {"symbol:A/1 symbol:B/2 a",
     "AND(field:symbol(value:a/1), field:symbol(value:b/2), word:a)"}, /* multi-valued */
    {"-type:report -type:passage a",
     "AND(NOT(field:type(value:report)), NOT(field:type(value:passage)), word:a)"},
    /* not fields */
    {"a:/b", "AND(word:a, word:b)"}, /* not a field: ':' is followed by '/' */
    {"Netherlands: Over the years", "AND(word:netherlands, word:over, word:the, word:years)"},
    {"Chair\xe2\x80\x99s Summary:", "AND(word:chair, word:summary)"},
    {"(Summary:) x", "AND(word:summary, word:x)"},
    {"title:", "word:title"}, /* a name and ':' with nothing after it is a word */
    {"x title: y", "AND(word:x, word:title, word:y)"},
    {"(title:)", "word:title"},
};

static void test_parse_describe(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_cases); i++) {
        sq_query_t *q;
        ds_error_t e;
        if (parse(parse_cases[i].query, &q, &e) != DS_OK)
            fail_msg("parse(%s): %s (column %zu)", parse_cases[i].query, e.message, e.column);
        assert_int_equal(e.status, DS_OK);
        ds_buf_t d = DS_BUF_INIT;
        sq_describe(q, &d);
        if (strcmp(ds_buf_cstr(&d), parse_cases[i].describe) != 0)
            fail_msg("describe(%s) = %s, expected %s", parse_cases[i].query, ds_buf_cstr(&d),
                     parse_cases[i].describe);
        ds_buf_release(&d);
        sq_query_free(q);
    }
}

/* ==== 2. errors ======================================================================== */

static const struct {
    const char *query, *fragment;
    size_t column;
} error_cases[] = {
    {"\"foo bar", "unbalanced quote", 1},
    {"a \"foo", "unbalanced quote", 3},
    {"(foo OR bar", "unbalanced '('", 1},
    {"a (b (c)", "unbalanced '('", 3},
    {"foo)", "unbalanced ')'", 4},
    {"(a))", "unbalanced ')'", 4},
    {"AND a", "'AND' has no term before it", 1},
    {"a AND", "'AND' has no term after it", 3},
    {"a AND OR b", "'AND' has no term after it", 3},
    {"a OR", "'OR' has no term after it", 3},
    {"OR a", "'OR' has no term before it", 1},
    {"a OR OR b", "'OR' has no term after it", 3},
    {"(a OR) b", "'OR' has no term after it", 4},
    {"NOT", "'NOT' has no term after it", 1},
    {"a NOT", "'NOT' has no term after it", 3},
    {"a NOT OR b", "'NOT' has no term after it", 3},
    {"a NEAR", "'NEAR' has no word after it", 3},
    {"NEAR a", "'NEAR' has no word before it", 1},
    {"a NEAR/x b", "'NEAR/' must be followed by a number", 3},
    {"a NEAR/ b", "'NEAR/' must be followed by a number", 3},
    {"a NEAR/3x b", "'NEAR/' must be followed by a number", 3},
    {"a NEAR/5000 b", "too large", 3},
    {"\"a b\" NEAR c", "NEAR joins single words", 1},
    {"a NEAR \"b c\"", "NEAR joins single words", 8},
    {"a NEAR -b", "NEAR joins single words", 8},
    {"a NEAR bb* c", "NEAR joins single words", 8},
    {"a NEAR/2 b NEAR/3 c", "one distance", 12},
    {"title:\"\"", "empty value for field 'title'", 1},
    {"title:,", "empty value for field 'title'", 1},
    {"type:\" \"", "empty value for field 'type'", 1},
    {"", "empty query", 1},
    {"   \t ", "empty query", 1},
    {", ; -", "empty query", 1},
    {"*", "needs at least 2 characters before '*'", 1},
    {"c*", "needs at least 2 characters before '*'", 1},
    {"x \xc3\xa9*", "needs at least 2 characters before '*'", 3},
    {"-*", "needs at least 2 characters before '*'", 2},
    {"symbol:*", "needs at least 2 characters before '*'", 8},
    {"url:h*", "needs at least 2 characters before '*'", 5},
    {"foo,ba*", "must be a single word", 1},
    {"cy*ber", "only allowed at the end", 3},
    {"\"cyber* x\"", "not supported inside quotes", 7},
    {"()", "empty parentheses", 1},
    {"a ( , )", "empty parentheses", 3},
    {"\"a b\"~", "must be followed by a number", 6},
    {"\"a b\"~x", "must be followed by a number", 6},
    {"\"a b\"~1001", "too large", 6},
    {"date:2021-02-30", "invalid date", 14},
    {"date:2021-13", "invalid date", 11},
    {"date:garbage", "invalid date", 6},
    {"date:..", "invalid date", 6},
    {"date:2021-03..2021-01", "invalid date", 15},
    {"date:(2021)", "takes a date or a range", 6},
    {"date:2021*", "takes a date or a range", 6},
    {"type:(a OR b)", "takes one value", 6},
    {"type:\"a\"~2", "'~' applies to phrases of text", 6},
    {"cites:x", "footnote number", 7},
    {"cites:1*", "footnote number", 7},
    {"title:(actor:x)", "cannot be nested", 8},
    {"title:(date:2021)", "cannot be nested", 8},
    {"abcdefghijklmnopqrstuvwxyzabcdefgh:x", "field name too long", 1},
    {"caf\xc3\xa9 (x", "unbalanced '('", 6}, /* columns count code points */
    {"x\xff\xfe (", "unbalanced '('", 5},    /* an invalid byte is one column */
};

static void check_error(const char *query, size_t len, const char *fragment, size_t column)
{
    char *copy = exact_copy(query, len);
    sq_query_t *q = (sq_query_t *)1;
    ds_error_t e;
    ds_status_t rc = sq_parse(copy, len, &q, &e);
    free(copy);
    if (rc == DS_OK)
        fail_msg("parse(%s) succeeded, expected '%s'", query, fragment);
    assert_int_equal(rc, DS_ERR_INVALID);
    assert_int_equal(e.status, DS_ERR_INVALID);
    assert_null(q);
    if (!strstr(e.message, fragment))
        fail_msg("parse(%s): message '%s' lacks '%s'", query, e.message, fragment);
    if (e.column != column)
        fail_msg("parse(%s): '%s' at column %zu, expected %zu", query, e.message, e.column, column);
}

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(error_cases); i++)
        check_error(error_cases[i].query, strlen(error_cases[i].query), error_cases[i].fragment,
                    error_cases[i].column);
}

/* Nesting deeper than SQ_MAX_DEPTH is an error at the first level too deep, not a
 * stack overflow. */
static void test_error_depth(void **state)
{
    (void)state;
    char buf[4096];
    static const char *const heads[] = {"(", "NOT ", "-"};
    for (size_t h = 0; h < N_ELEMS(heads); h++) {
        size_t len = 0, step = strlen(heads[h]);
        for (int i = 0; i < 1000; i++, len += step)
            memcpy(buf + len, heads[h], step);
        buf[len++] = 'a';
        check_error(buf, len, "nested too deeply", SQ_MAX_DEPTH * step + 1);
    }
    /* SQ_MAX_DEPTH levels are fine */
    size_t len = 0;
    for (int i = 0; i < SQ_MAX_DEPTH; i++)
        buf[len++] = '(';
    buf[len++] = 'a';
    for (int i = 0; i < SQ_MAX_DEPTH; i++)
        buf[len++] = ')';
    sq_query_t *q;
    assert_int_equal(sq_parse(buf, len, &q, NULL), DS_OK);
    sq_query_free(q);
}

/* A NUL byte is a separator, like any control character. */
static void test_error_nul(void **state)
{
    (void)state;
    check_error("a\0(b", 4, "unbalanced '('", 3);
    sq_query_t *q;
    assert_int_equal(sq_parse("a\0b", 3, &q, NULL), DS_OK);
    ds_buf_t d = DS_BUF_INIT;
    sq_describe(q, &d);
    assert_string_equal(ds_buf_cstr(&d), "AND(word:a, word:b)");
    ds_buf_release(&d);
    sq_query_free(q);
}

static void test_error_format(void **state)
{
    (void)state;
    static const struct {
        const char *query, *report;
    } cases[] = {
        {"(foo OR bar", "searcher: query error: unbalanced '(' (column 1)\n"
                        "  (foo OR bar\n"
                        "  ^\n"},
        {"foo OR bar)", "searcher: query error: unbalanced ')' (column 11)\n"
                        "  foo OR bar)\n"
                        "            ^\n"},
        /* a tab shows as a space; an invalid byte as U+FFFD, one column each */
        {"a\tb\xff (", "searcher: query error: unbalanced '(' (column 6)\n"
                       "  a b\xef\xbf\xbd (\n"
                       "       ^\n"},
        {"a OR", "searcher: query error: 'OR' has no term after it (column 3)\n"
                 "  a OR\n"
                 "    ^\n"},
        {"", "searcher: query error: empty query: nothing to search for (column 1)\n"
             "  \n"
             "  ^\n"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        sq_query_t *q;
        ds_error_t e;
        size_t len = strlen(cases[i].query);
        assert_int_equal(parse(cases[i].query, &q, &e), DS_ERR_INVALID);
        ds_buf_t r = DS_BUF_INIT;
        sq_error_format(cases[i].query, len, &e, &r);
        assert_string_equal(ds_buf_cstr(&r), cases[i].report);
        ds_buf_release(&r);
    }
    /* no column: one line */
    ds_error_t e = {DS_ERR_QUERY, 0, "pattern 'cyber*' matches too many terms"};
    ds_buf_t r = DS_BUF_INIT;
    sq_error_format("cyber*", 6, &e, &r);
    assert_string_equal(ds_buf_cstr(&r),
                        "searcher: query error: pattern 'cyber*' matches too many terms\n");
    ds_buf_release(&r);
}

/* Messages quote user text printable: no control character reaches a terminal. */
static void test_error_message_printable(void **state)
{
    (void)state;
    sq_query_t *q;
    ds_error_t e;
    assert_int_equal(sq_parse("date:\"\x1b[31m\"", 12, &q, &e), DS_ERR_INVALID);
    for (const char *m = e.message; *m; m++)
        assert_false((unsigned char)*m < 0x20);
    assert_int_equal(sq_parse("\"foo\x1b*\"", 7, &q, &e), DS_ERR_INVALID);
    for (const char *m = e.message; *m; m++)
        assert_false((unsigned char)*m < 0x20);
}

/* ==== 3. compile -> xap_query_describe ================================================= */

static void check_compiled(const char *query, const char *expected)
{
    sq_compile_ctx_t ctx = ctx_default();
    xap_query_t *xq = compile_ok(query, &ctx);
    char *d = NULL;
    assert_int_equal(xap_query_describe(xq, &d), DS_OK);
    if (strcmp(d, expected) != 0)
        fail_msg("compile(%s) = %s, expected %s", query, d, expected);
    free(d);
    xap_query_free(xq);
}

static void test_compile(void **state)
{
    (void)state;
    static const struct {
        const char *query, *describe;
    } cases[] = {
        {"protect", "Query(Zprotect@1)"},
        {"protect infrastructure", "Query((Zprotect@1 AND Zinfrastructur@2))"},
        {"the", "Query(Zthe@1)"},
        {"2021", "Query(2021@1)"},
        {"ICT-related", "Query((Zictrel@1 OR (ict@1 PHRASE 2 related@1)))"},
        {"A/RES/75/282", "Query((a/res/75/282@1 OR (a@1 PHRASE 4 res@1 PHRASE 4 75@1 PHRASE 4 "
                         "282@1)))"},
        {"\"public core\"", "Query((public@1 PHRASE 2 core@2))"},
        {"\"public core\"~5", "Query((public@1 PHRASE 7 core@2))"},
        {"\"Protection\"", "Query(protection@1)"},
        {"ICANN's", "Query(Zicann@1)"},
        {"\"it's not\"", "Query((it's@1 PHRASE 2 not@2))"},
        {"\"it\xe2\x80\x99s\"", "Query(it's@1)"},
        {"ICANN's NEAR/3 mission", "Query((icann's@1 NEAR 5 mission@2))"},
        {"public NEAR/3 core", "Query((public@1 NEAR 5 core@2))"},
        {"a NEAR b NEAR c", "Query((a@1 NEAR 13 b@2 NEAR 13 c@3))"},
        {"a OR b", "Query((Za@1 OR Zb@2))"},
        {"a NOT b", "Query((Za@1 AND_NOT Zb@2))"},
        {"a -b -c", "Query((Za@1 AND_NOT (Zb@2 OR Zc@3)))"},
        {"-foo", "Query(0 * (<alldocuments> AND_NOT Zfoo@1))"},
        {"a OR -b", "Query((Za@1 OR 0 * (<alldocuments> AND_NOT Zb@2)))"},
        {"cyber*", "Query(WILDCARD OR cyber)"},
        {"title:protect", "Query(ZSprotect@1)"},
        {"title:\"public core\"", "Query((Spublic@1 PHRASE 2 Score@2))"},
        {"actor:nether*", "Query(WILDCARD OR Anether)"},
        {"section:norms", "Query(ZXSnorm@1)"},
        {"committee:oewg", "Query(0 * ZXFcommittee:oewg@1)"}, /* a filter: no weight */
        {"type:report", "Query(0 * Kreport)"},
        {"protect type:report", "Query((Zprotect@1 FILTER Kreport))"},
        {"protect OR type:report", "Query((Zprotect@1 OR 0 * Kreport))"},
        {"protect type:report -lang:fr", "Query(((Zprotect@1 FILTER Kreport) AND_NOT Lfr))"},
        {"id:Doc-1", "Query(0 * QDoc-1)"},
        {"site:un.org", "Query(0 * Hun.org)"},
        {"url:https://undocs.org/*", "Query(0 * WILDCARD OR Uundocs.org/)"},
        {"symbol:A/RES/75/282", "Query(0 * XYa/res/75/282)"},
        {"symbol:A/AC.290/*", "Query(0 * XYPa/ac.290/)"},
        {"symbol:A/RES/75/2*", "Query(0 * WILDCARD OR XYa/res/75/2)"},
        {"cites:12", "Query(0 * XC12)"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++)
        check_compiled(cases[i].query, cases[i].describe);
}

/* Dates: overlap of the document span with the range, slots from schema.h; an open end
 * leaves its side out. */
static void test_compile_dates(void **state)
{
    (void)state;
    char want[256];
    snprintf(want, sizeof want,
             "Query(0 * (VALUE_RANGE %d \\x00 20210312 AND VALUE_GE %d 20210219))",
             DS_SLOT_DATE_START, DS_SLOT_DATE_END);
    check_compiled("date:2021-02-19..2021-03-12", want);
    snprintf(want, sizeof want,
             "Query(0 * (VALUE_RANGE %d \\x00 20211231 AND VALUE_GE %d 20210101))",
             DS_SLOT_DATE_START, DS_SLOT_DATE_END);
    check_compiled("date:2021", want);
    /* a single value range carries no weight: Xapian drops the 0 * */
    snprintf(want, sizeof want, "Query(VALUE_RANGE %d \\x00 20201231)", DS_SLOT_DATE_START);
    check_compiled("date:..2020-12-31", want);
    snprintf(want, sizeof want, "Query((Zprotect@1 FILTER VALUE_GE %d 20210301))",
             DS_SLOT_DATE_END);
    check_compiled("protect date:2021-03..", want);
}

/* ==== 4. free fields, units, folding, arguments ======================================= */

static ds_status_t compile_status(const char *query, const sq_compile_ctx_t *ctx, ds_error_t *e)
{
    sq_query_t *q;
    assert_int_equal(parse(query, &q, e), DS_OK);
    xap_query_t *xq = (xap_query_t *)1;
    ds_status_t rc = sq_compile(q, ctx, &xq, e);
    if (rc != DS_OK)
        assert_null(xq);
    xap_query_free(xq);
    sq_query_free(q);
    return rc;
}

static void test_free_fields(void **state)
{
    (void)state;
    int calls = 0;
    sq_compile_ctx_t ctx = {.an = an, .field_exists = fake_field_exists, .field_ctx = &calls};
    ds_error_t e;
    assert_int_equal(compile_status("committee:oewg", &ctx, &e), DS_OK);
    assert_int_equal(calls, 1);
    assert_int_equal(compile_status("Committee:(a OR b)", &ctx, &e), DS_OK);
    /* built-in fields never ask */
    calls = 0;
    assert_int_equal(compile_status("title:x actor:y type:z", &ctx, &e), DS_OK);
    assert_int_equal(calls, 0);
    /* unknown: an error naming the field, at its column */
    assert_int_equal(compile_status("protect colour:red", &ctx, &e), DS_ERR_INVALID);
    assert_string_equal(e.message, "unknown field 'colour'");
    assert_int_equal(e.column, 9);
    /* even under NOT */
    assert_int_equal(compile_status("a -colour:red", &ctx, &e), DS_ERR_INVALID);
    assert_int_equal(e.column, 4);
    /* the check itself failed */
    assert_int_equal(compile_status("broken:x", &ctx, &e), DS_ERR_IO);
    assert_non_null(strstr(e.message, "cannot check field 'broken'"));
    /* no callback: no free field exists */
    ctx.field_exists = NULL;
    assert_int_equal(compile_status("committee:oewg", &ctx, &e), DS_ERR_INVALID);
    assert_string_equal(e.message, "unknown field 'committee'");
}

/* Find the unit of kind whose term (or first term) is t. */
static const sq_unit_t *find_unit(const sq_unit_t *u, size_t n, sq_unit_kind_t kind, const char *t)
{
    for (size_t i = 0; i < n; i++) {
        const char *first = u[i].terms ? u[i].terms[0] : u[i].term;
        if (u[i].kind == kind && first && strcmp(first, t) == 0)
            return &u[i];
    }
    return NULL;
}

static void test_units(void **state)
{
    (void)state;
    sq_query_t *q;
    assert_int_equal(parse("protect \"public core\"~1 -excluded a NEAR/2 b cyber* title:x "
                           "ICT-related 2021 type:report date:2021 -(not these) OR other",
                           &q, NULL),
                     DS_OK);
    sq_unit_t *u;
    size_t n;
    assert_int_equal(sq_units(q, an, &u, &n), DS_OK);
    assert_int_equal(n, 9);
    const sq_unit_t *w = find_unit(u, n, SQ_UNIT_WORD, "protect");
    assert_non_null(w);
    assert_string_equal(w->stem, "protect");
    assert_string_equal(w->stem_term, "Zprotect");
    assert_string_equal(w->prefix, "");
    assert_int_equal(w->field, 0);
    assert_int_equal(w->qpos, 1);
    const sq_unit_t *p = find_unit(u, n, SQ_UNIT_PHRASE, "public");
    assert_non_null(p);
    assert_int_equal(p->nterms, 2);
    assert_string_equal(p->terms[1], "core");
    assert_int_equal(p->window, 3);
    const sq_unit_t *near = find_unit(u, n, SQ_UNIT_NEAR, "a");
    assert_non_null(near);
    assert_int_equal(near->window, 4);
    assert_string_equal(near->terms[1], "b");
    assert_non_null(find_unit(u, n, SQ_UNIT_WILDCARD, "cyber"));
    const sq_unit_t *t = find_unit(u, n, SQ_UNIT_WORD, "Sx");
    assert_non_null(t);
    assert_int_equal(t->field, 1);
    assert_string_equal(t->prefix, "S");
    assert_string_equal(t->stem, "x");
    assert_string_equal(t->stem_term, "ZSx");
    const sq_unit_t *c = find_unit(u, n, SQ_UNIT_WORD, "ictrelated");
    assert_non_null(c);
    assert_string_equal(c->stem, "ictrel");
    assert_non_null(find_unit(u, n, SQ_UNIT_PHRASE, "ict"));
    const sq_unit_t *num = find_unit(u, n, SQ_UNIT_WORD, "2021");
    assert_non_null(num);
    assert_null(num->stem);
    assert_null(num->stem_term);
    assert_non_null(find_unit(u, n, SQ_UNIT_WORD, "other"));
    /* excluded words, boolean fields and dates give no unit */
    assert_null(find_unit(u, n, SQ_UNIT_WORD, "excluded"));
    assert_null(find_unit(u, n, SQ_UNIT_WORD, "not"));
    sq_units_free(u, n);
    sq_query_free(q);

    /* only exclusions: no unit at all */
    assert_int_equal(parse("-foo", &q, NULL), DS_OK);
    assert_int_equal(sq_units(q, an, &u, &n), DS_OK);
    assert_int_equal(n, 0);
    assert_null(u);
    sq_query_free(q);
    sq_units_free(NULL, 0);
}

/* Possessives: a phrase unit holds the whole form "it's" as one slot, a word the part
 * with its stem, NEAR the whole form -- the terms the compiled query searches. termgen
 * gives the whole its exact term and no stem (the part has one). */
/* termgen stems words and letter compounds, never digit compounds (dates, ranges). */
static void test_stemmed_tokens(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int stemmed; /* of the first (whole) token */
    } cases[] = {{"ICT-related", 1}, {"2021-03-12", 0}, {"19-22", 0}, {"13f", 1},
                 {"protecting", 1}, {"2021", 0}, {"A/RES/75/282", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        an_tokenizer_t tk;
        an_token_t tok;
        an_tokenizer_init(&tk, cases[i].text, strlen(cases[i].text));
        assert_int_equal(an_tokenizer_next(&tk, &tok), 1);
        assert_int_equal(tg_token_is_stemmed(&tok), cases[i].stemmed);
        an_tokenizer_release(&tk);
    }
}

static void test_units_possessive(void **state)
{
    (void)state;
    sq_query_t *q;
    assert_int_equal(parse("\"it's not\" ICANN\xe2\x80\x99s ICANN's NEAR/2 mission", &q, NULL),
                     DS_OK);
    sq_unit_t *u;
    size_t n;
    assert_int_equal(sq_units(q, an, &u, &n), DS_OK);
    assert_int_equal(n, 3);
    const sq_unit_t *p = find_unit(u, n, SQ_UNIT_PHRASE, "it's");
    assert_non_null(p);
    assert_int_equal(p->nterms, 2);
    assert_string_equal(p->terms[1], "not");
    assert_int_equal(p->window, 2);
    const sq_unit_t *w = find_unit(u, n, SQ_UNIT_WORD, "icann");
    assert_non_null(w);
    assert_string_equal(w->stem, "icann");
    assert_string_equal(w->stem_term, "Zicann");
    const sq_unit_t *near = find_unit(u, n, SQ_UNIT_NEAR, "icann's");
    assert_non_null(near);
    assert_string_equal(near->terms[1], "mission");
    sq_units_free(u, n);
    sq_query_free(q);

    an_tokenizer_t tk;
    an_token_t tok;
    ds_buf_t exact = DS_BUF_INIT, stem = DS_BUF_INIT;
    an_tokenizer_init(&tk, "ICANN's", 7);
    assert_int_equal(an_tokenizer_next(&tk, &tok), 1); /* the whole: exact term only */
    assert_true(tok.flags & AN_TOK_POSSESSIVE);
    assert_false(tg_token_is_stemmed(&tok));
    assert_int_equal(tg_token_terms(an, &tok, "S", &exact, &stem), DS_OK);
    assert_string_equal(ds_buf_cstr(&exact), "Sicann's");
    assert_int_equal(stem.len, 0);
    assert_int_equal(an_tokenizer_next(&tk, &tok), 1); /* the part: exact and stem */
    assert_int_equal(tok.flags, AN_TOK_PART);
    assert_int_equal(tg_token_terms(an, &tok, "S", &exact, &stem), DS_OK);
    assert_string_equal(ds_buf_cstr(&exact), "Sicann");
    assert_string_equal(ds_buf_cstr(&stem), "ZSicann");
    assert_int_equal(an_tokenizer_next(&tk, &tok), 0);
    an_tokenizer_release(&tk);
    ds_buf_release(&exact);
    ds_buf_release(&stem);
}

static void test_fold_value(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"https://UNdocs.org/A/RES/75/282", "https://undocs.org/a/res/75/282"},
        {"Working Paper", "workingpaper"},
        {"A/AC.290/2021/CRP.2", "a/ac.290/2021/crp.2"},
        {"C\xc3\xb4te d\xe2\x80\x99Ivoire", "coted'ivoire"}, /* Côte d’Ivoire */
        {"docs.UN.org", "docs.un.org"},
        {"a\tb\x01"
         "c\xff",
         "abc"},
        {"", ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        ds_buf_t b = DS_BUF_INIT;
        fold_value(&b, cases[i].in, strlen(cases[i].in));
        assert_string_equal(ds_buf_cstr(&b), cases[i].out);
        ds_buf_release(&b);
    }
    static const struct {
        const char *in, *out;
        int keep_slash;
    } urls[] = {
        {"https://UNdocs.org/A/RES/75/282", "undocs.org/a/res/75/282", 0},
        {"http://undocs.org/A/RES/75/282/", "undocs.org/a/res/75/282", 0},
        {"undocs.org/a/res/75/282//", "undocs.org/a/res/75/282", 0},
        {"https://undocs.org/", "undocs.org/", 1}, /* a wildcard head keeps its '/' */
        {"https://undocs.org/", "undocs.org", 0},
        {"ftp://x.org/a/", "ftp://x.org/a", 0}, /* other schemes are other places */
        {"https://", "https:", 0}, /* nothing after the scheme: only slashes go */
        {"/", "/", 0},
    };
    for (size_t i = 0; i < N_ELEMS(urls); i++) {
        ds_buf_t b = DS_BUF_INIT;
        fold_url(&b, urls[i].in, strlen(urls[i].in), urls[i].keep_slash);
        if (strcmp(ds_buf_cstr(&b), urls[i].out) != 0)
            fail_msg("fold_url(%s) = %s, expected %s", urls[i].in, ds_buf_cstr(&b), urls[i].out);
        ds_buf_release(&b);
    }
}

static void test_arguments(void **state)
{
    (void)state;
    sq_query_t *q = (sq_query_t *)1;
    ds_error_t e;
    assert_int_equal(sq_parse(NULL, 3, &q, &e), DS_ERR_INVALID);
    assert_null(q);
    assert_int_equal(e.status, DS_ERR_INVALID);
    assert_int_equal(e.column, 0);
    assert_string_equal(e.message, "sq_parse: invalid arguments");
    assert_int_equal(sq_parse("a", 1, NULL, &e), DS_ERR_INVALID);
    assert_int_equal(sq_parse(NULL, 0, &q, NULL), DS_ERR_INVALID); /* empty query */
    assert_int_equal(sq_parse("a", 1, &q, &e), DS_OK);
    assert_int_equal(e.status, DS_OK); /* a success clears the error */
    assert_int_equal(e.column, 0);
    assert_string_equal(e.message, "");
    xap_query_t *xq = (xap_query_t *)1;
    sq_compile_ctx_t ctx = {0};
    assert_int_equal(sq_compile(q, &ctx, &xq, &e), DS_ERR_INVALID);
    assert_null(xq);
    assert_int_equal(sq_compile(NULL, &ctx, &xq, &e), DS_ERR_INVALID);
    ctx.an = an;
    assert_int_equal(sq_compile(q, &ctx, NULL, &e), DS_ERR_INVALID);
    sq_unit_t *u;
    size_t n;
    assert_int_equal(sq_units(q, NULL, &u, &n), DS_ERR_INVALID);
    assert_int_equal(sq_units(NULL, an, &u, &n), DS_ERR_INVALID);
    ds_buf_t d = DS_BUF_INIT;
    sq_describe(NULL, &d);
    assert_int_equal(d.len, 0);
    sq_query_free(q);
    sq_query_free(NULL);
}

/* ==== 5. end to end ==================================================================== */

/* A document as the indexer writes it (indexer/docbuild.c): text fields through
 * tg_index_text, boolean values folded with fold_value, the date span in two slots. */
typedef struct tdoc {
    const char *body, *title, *actor, *type, *url, *symbol, *committee;
    const char *start, *end; /* "YYYYMMDD" or NULL */
    int cites;
} tdoc_t;

static const tdoc_t docs[] = {
    {.body = "We protect critical infrastructure. ICT-related threats grow.",
     .title = "Protection report",
     .actor = "Kingdom of the Netherlands",
     .type = "Report",
     .url = "https://undocs.org/A/RES/75/282",
     .symbol = "A/RES/75/282",
     .committee = "OEWG",
     .start = "20210219",
     .end = "20210222"},
    {.body = "The protection of the public core of the internet. ICT related issues.",
     .actor = "France",
     .type = "text",
     .symbol = "A/AC.290/2021/CRP.2",
     .cites = 12,
     .start = "20210301",
     .end = "20210301"},
    {.body = "Cybersecurity and cyber-attacks; public and core values are distinct.",
     .type = "report"},
    {.body = "Nothing relevant here at all. Public something something core.",
     .type = "text",
     .start = "20201201",
     .end = "20201231"},
    {.body = "ICANN's mission: it\xe2\x80\x99s not over.", .type = "text"},
    {.body = "ICANN mission, it not over.", .type = "text"},
};

static char tmpdir[256];
static xap_db_t *db;

static void add_boolean(xap_doc_t *doc, const char *prefix, const char *value, size_t len)
{
    ds_buf_t t = DS_BUF_INIT;
    an_term_fit(&t, prefix, value, len);
    assert_int_equal(xap_doc_add_boolean_term(doc, t.data, t.len), DS_OK);
    ds_buf_release(&t);
}

static void add_folded(xap_doc_t *doc, const char *prefix, const char *value)
{
    ds_buf_t v = DS_BUF_INIT;
    fold_value(&v, value, strlen(value));
    add_boolean(doc, prefix, v.data, v.len);
    ds_buf_release(&v);
}

/* The symbol term and one head term per '/' ("XYPa/", "XYPa/ac.290/", ...). */
static void add_symbol(xap_doc_t *doc, const char *symbol)
{
    ds_buf_t v = DS_BUF_INIT;
    fold_value(&v, symbol, strlen(symbol));
    add_boolean(doc, DS_PREFIX_SYMBOL, v.data, v.len);
    for (size_t i = 0; i < v.len; i++)
        if (v.data[i] == '/')
            add_boolean(doc, DS_PREFIX_SYMBOL_HEAD, v.data, i + 1);
    ds_buf_release(&v);
}

static void add_text(xap_doc_t *doc, const char *prefix, const char *text, uint32_t *pos)
{
    tg_sink_t sink = ds_doc_sink(doc);
    if (text)
        assert_int_equal(tg_index_text(an, &sink, prefix, text, strlen(text), pos, NULL), DS_OK);
}

static void add_doc(const tdoc_t *d)
{
    xap_doc_t *doc;
    uint32_t pos = 1;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    add_text(doc, DS_PREFIX_TITLE, d->title, &pos);
    add_text(doc, DS_PREFIX_ACTOR, d->actor, &pos);
    add_text(doc, DS_PREFIX_FIELD "committee:", d->committee, &pos);
    add_text(doc, "", d->body, &pos);
    add_folded(doc, DS_PREFIX_TYPE, d->type);
    if (d->url) { /* as ixdoc_url keys it */
        ds_buf_t v = DS_BUF_INIT;
        fold_url(&v, d->url, strlen(d->url), 0);
        add_boolean(doc, DS_PREFIX_URL, v.data, v.len);
        ds_buf_release(&v);
    }
    if (d->symbol)
        add_symbol(doc, d->symbol);
    if (d->cites) {
        char n[16];
        snprintf(n, sizeof n, "%d", d->cites);
        add_boolean(doc, DS_PREFIX_CITES, n, strlen(n));
    }
    if (d->start) {
        assert_int_equal(xap_doc_set_value(doc, DS_SLOT_DATE_START, d->start, 8), DS_OK);
        assert_int_equal(xap_doc_set_value(doc, DS_SLOT_DATE_END, d->end, 8), DS_OK);
    }
    assert_int_equal(xap_db_add_doc(db, doc, NULL), DS_OK);
    xap_doc_free(doc);
}

static int setup_index(void **state)
{
    (void)state;
    if (tmpdir_make(tmpdir, sizeof tmpdir, "test_query") != 0)
        return -1;
    char path[300];
    snprintf(path, sizeof path, "%s/db", tmpdir);
    if (xap_db_open_write(path, XAP_DB_CREATE, &db, NULL) != DS_OK)
        return -1;
    for (size_t i = 0; i < N_ELEMS(docs); i++)
        add_doc(&docs[i]);
    return xap_db_commit(db) == DS_OK ? 0 : -1;
}

static int teardown_index(void **state)
{
    (void)state;
    xap_db_close(db);
    db = NULL;
    tmpdir_remove(tmpdir);
    return 0;
}

/* Run query (wildcards expanded over expand_db if not NULL); *out gets the matching documents as
 * "d1 d3" (in docid order, whatever the ranking). */
static ds_status_t run(const char *query, uint32_t max_expansion, xap_db_t *expand_db, char *out,
                       size_t size)
{
    sq_compile_ctx_t ctx = ctx_default();
    ctx.max_expansion = max_expansion;
    sq_query_t *q;
    ds_error_t e;
    assert_int_equal(parse(query, &q, &e), DS_OK);
    xap_query_t *xq;
    if (sq_compile_over(q, &ctx, expand_db, &xq, &e) != DS_OK)
        fail_msg("compile(%s): %s (column %zu)", query, e.message, e.column);
    sq_query_free(q);
    xap_enquire_t *enq;
    xap_mset_t *ms = NULL;
    assert_int_equal(xap_enquire_new(db, &enq), DS_OK);
    assert_int_equal(xap_enquire_set_query(enq, xq), DS_OK);
    ds_status_t rc = xap_enquire_mset(enq, 0, 100, 100, &ms);
    int hit[N_ELEMS(docs) + 1] = {0};
    for (size_t i = 0; rc == DS_OK && i < xap_mset_size(ms); i++) {
        xap_docid_t id;
        assert_int_equal(xap_mset_item(ms, i, &id, NULL, NULL, NULL), DS_OK);
        assert_true(id >= 1 && id <= N_ELEMS(docs));
        hit[id] = 1;
    }
    out[0] = '\0';
    for (size_t id = 1; id <= N_ELEMS(docs); id++) {
        size_t len = strlen(out);
        if (hit[id])
            snprintf(out + len, size - len, "%sd%zu", len ? " " : "", id);
    }
    xap_mset_free(ms);
    xap_enquire_free(enq);
    xap_query_free(xq);
    return rc;
}

static const struct {
    const char *query, *docs;
} e2e_cases[] = {
    /* stemming, stop words */
    {"protect", "d1 d2"},
    {"protection", "d1 d2"},
    {"\"protect\"", "d1"},
    {"the", "d2"},
    /* compounds: joined and split spellings */
    {"ICT-related", "d1 d2"},
    {"\"ICT-related\"", "d1 d2"},
    {"ictrelated", "d1"},
    {"cyber-security", "d3"},
    /* phrases and proximity */
    {"\"public core\"", "d2"},
    {"\"PUBLIC core\"~1", "d2 d3"},
    {"\"public core\"~2", "d2 d3 d4"},
    {"\"core public\"~5", ""},
    {"public NEAR/0 core", "d2"},
    {"public NEAR/1 core", "d2 d3"},
    {"core NEAR/2 public", "d2 d3 d4"},
    /* possessives and contractions: exact in phrases and NEAR; a word is its part */
    {"\"it's not\"", "d5"},
    {"\"it\xe2\x80\x99s\"", "d5"},
    {"\"it not\"", "d5 d6"}, /* the part "it" shares the possessive's position */
    {"ICANN", "d5 d6"},
    {"ICANN's", "d5 d6"},
    {"\"ICANN\xe2\x80\x99s mission\"", "d5"},
    {"\"ICANN mission\"", "d5 d6"},
    {"ICANN's NEAR/1 mission", "d5"},
    {"ICANN NEAR/1 mission", "d5 d6"},
    /* boolean */
    {"public NOT internet", "d3 d4"},
    {"public -internet", "d3 d4"},
    {"-public", "d1 d5 d6"},
    {"NOT public", "d1 d5 d6"},
    {"protect OR cybersecurity", "d1 d2 d3"},
    {"(protect OR cyber*) -type:text", "d1 d3"},
    {"cyber* OR \"public core\"", "d2 d3"},
    /* wildcards */
    {"cyber*", "d3"},
    {"infra*", "d1"},
    /* dates: overlap */
    {"date:2021-02", "d1"},
    {"date:2021-02-22..2021-03-01", "d1 d2"},
    {"date:2021-03..", "d2"},
    {"date:..2021-02-19", "d1 d4"},
    {"date:2020", "d4"},
    {"date:2019", ""},
    {"public date:2020..2021", "d2 d4"},
    /* fields */
    {"actor:netherlands", "d1"},
    {"actor:nether*", "d1"},
    {"actor:(france OR kingdom)", "d1 d2"},
    {"title:protect", "d1"},
    {"title:\"protection report\"", "d1"},
    {"type:report", "d1 d3"},
    {"type:REPORT protect", "d1"},
    {"symbol:A/AC.290/*", "d2"},
    {"symbol:A/*", "d1 d2"},
    {"symbol:A/RES/75/282", "d1"},
    {"symbol:a/res/75/2*", "d1"},
    {"url:https://undocs.org/*", "d1"},
    {"url:https://UNdocs.org/A/RES/75/282", "d1"},
    {"url:http://undocs.org/A/RES/75/282/", "d1"}, /* any scheme, a trailing '/' */
    {"url:undocs.org/A/RES/75/282", "d1"},
    {"committee:oewg", "d1"},
    {"cites:12", "d2"},
};

static void test_end_to_end(void **state)
{
    (void)state;
    char got[256];
    for (size_t i = 0; i < 2 * N_ELEMS(e2e_cases); i++) {
        size_t k = i % N_ELEMS(e2e_cases);
        xap_db_t *expand = i < N_ELEMS(e2e_cases) ? NULL : db; /* lazy, then eager wildcards */
        ds_status_t rc = run(e2e_cases[k].query, 0, expand, got, sizeof got);
        if (rc != DS_OK)
            fail_msg("run(%s): %s", e2e_cases[k].query, ds_status_str(rc));
        if (strcmp(got, e2e_cases[k].docs) != 0)
            fail_msg("run(%s)%s = [%s], expected [%s]", e2e_cases[k].query,
                     expand ? " (expanded)" : "", got, e2e_cases[k].docs);
    }
}

/* A wildcard that expands too widely is an error, never silently cut: when it runs
 * (sq_compile), or at once with its column (sq_compile_over). */
static void test_wildcard_limit(void **state)
{
    (void)state;
    char got[256];
    /* cyber, cyberattacks, cybersecurity */
    assert_int_equal(run("cyber*", 3, NULL, got, sizeof got), DS_OK);
    assert_string_equal(got, "d3");
    /* (over the limit, a lazy wildcard fails xap_enquire_mset with DS_ERR_QUERY: that is
     * the wrapper's behaviour, tested in test_xap; Xapian 1.4 leaks its weight object
     * when it throws there, which LeakSanitizer would report against this test) */
    assert_int_equal(run("cyber*", 3, db, got, sizeof got), DS_OK);
    assert_string_equal(got, "d3");

    /* expanded over the index at compile time: the error has the wildcard's column */
    sq_compile_ctx_t ctx = ctx_default();
    ctx.max_expansion = 2;
    sq_query_t *q;
    ds_error_t e;
    assert_int_equal(parse("public OR Cyber*", &q, &e), DS_OK);
    xap_query_t *xq = (xap_query_t *)1;
    assert_int_equal(sq_compile_over(q, &ctx, db, &xq, &e), DS_ERR_QUERY);
    assert_null(xq);
    assert_string_equal(e.message, "wildcard 'cyber*' matches too many terms (more than 2)");
    assert_int_equal(e.column, 11);
    sq_query_free(q);
    /* a wildcard that matches nothing is not an error: it matches no document */
    assert_int_equal(run("zzz*", 2, db, got, sizeof got), DS_OK);
    assert_string_equal(got, "");
}

/* ==== 6. random bytes ================================================================== */

/* Pieces of the language and raw bytes, glued at random: every input must give a query
 * (which compiles, describes and lists units) or an error with a column in range. */
static void test_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a",          "b",     "AND",    "OR",        "NOT",       "NEAR",        "NEAR/3",
        "(",          ")",     "\"",     "-",         "+",         "*",           "~2",
        "title:",     "type:", "date:",  "2021",      "..",        "symbol:",     "colour:",
        "committee:", "url:",  "cites:", "http://x/", "A/RES/75/", "ICT-related", "\xe2\x80\x9c",
        "\xc3\xa9",   ":",     "/",      ",",         " ",         " ",           " ",
        "\t",
    };
    uint32_t seed = 12345;
    sq_compile_ctx_t ctx = ctx_default();
    for (int it = 0; it < 5000; it++) {
        char buf[128];
        size_t len = 0;
        int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int k = 0; k < n; k++) {
            uint32_t r = (seed = seed * 1103515245u + 12345u) >> 8;
            const char *p = pieces[r % N_ELEMS(pieces)];
            char byte = (char)(r >> 8);
            if (r % 3 == 0)
                p = NULL; /* a raw byte, NUL and invalid UTF-8 included */
            size_t plen = p ? strlen(p) : 1;
            if (len + plen > sizeof buf)
                break;
            memcpy(buf + len, p ? p : &byte, plen);
            len += plen;
        }
        char *copy = exact_copy(buf, len);
        size_t ncols = count_columns(copy, len);
        sq_query_t *q;
        ds_error_t e;
        ds_status_t rc = sq_parse(copy, len, &q, &e);
        if (rc != DS_OK) {
            assert_int_equal(rc, DS_ERR_INVALID);
            assert_true(e.column >= 1 && e.column <= ncols + 1);
            assert_true(e.message[0] != '\0');
            ds_buf_t r = DS_BUF_INIT;
            sq_error_format(copy, len, &e, &r);
            assert_true(ds_buf_ok(&r));
            ds_buf_release(&r);
        } else {
            ds_buf_t d = DS_BUF_INIT;
            sq_describe(q, &d);
            assert_true(d.len > 0);
            ds_buf_release(&d);
            xap_query_t *xq = NULL;
            rc = sq_compile(q, &ctx, &xq, &e);
            if (rc != DS_OK) /* only unknown fields fail */
                assert_true(e.column >= 1 && e.column <= ncols + 1);
            xap_query_free(xq);
            sq_unit_t *u;
            size_t nu;
            assert_int_equal(sq_units(q, an, &u, &nu), DS_OK);
            sq_units_free(u, nu);
            sq_query_free(q);
        }
        free(copy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_describe),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_depth),
        cmocka_unit_test(test_error_nul),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_error_message_printable),
        cmocka_unit_test(test_compile),
        cmocka_unit_test(test_compile_dates),
        cmocka_unit_test(test_free_fields),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_units_possessive),
        cmocka_unit_test(test_stemmed_tokens),
        cmocka_unit_test(test_fold_value),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test_setup_teardown(test_end_to_end, setup_index, teardown_index),
        cmocka_unit_test_setup_teardown(test_wildcard_limit, setup_index, teardown_index),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
