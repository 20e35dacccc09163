/*
 * Unit tests for common/dates.c: calendar, formatting, overlaps, date_parse (every form
 * and every error with its column), query ranges, and date_find over sentences and
 * footnotes copied from corpus/icann-un-cyber-talks-update-2021-06.txt.
 *
 * Every input is copied into a malloc'd buffer of exactly its length (no NUL), so
 * AddressSanitizer catches any read past len.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dates.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
/* Inputs are UTF-8 as in the corpus; the one invisible character is spelled out. */
#define NBSP "\xc2\xa0"

/* A heap copy of s without its NUL: reading s[len] is an ASan error. */
static char *exact(const char *s, size_t *len)
{
    *len = strlen(s);
    char *p = malloc(*len ? *len : 1);
    assert_non_null(p);
    memcpy(p, s, *len);
    return p;
}

/* --- calendar and formatting ------------------------------------------------------- */

static void calendar(void **state)
{
    (void)state;
    static const struct {
        int y, m, days;
    } months[] = {
        {2020, 2, 29},  {2021, 2, 28}, {1900, 2, 28}, {2000, 2, 29}, {2021, 4, 30},
        {2021, 12, 31}, {2021, 1, 31}, {2021, 0, 0},  {2021, 13, 0},
    };
    for (size_t i = 0; i < N_ELEMS(months); i++)
        assert_int_equal(date_days_in_month(months[i].y, months[i].m), months[i].days);

    static const struct {
        int32_t day;
        int ok;
    } days[] = {
        {20200229, 1},  {20210229, 0},  {20210219, 1},     {20210431, 0},     {20211301, 0},
        {20210100, 0},  {20210001, 0},  {DATE_DAY_MIN, 1}, {DATE_DAY_MAX, 1}, {0, 0},
        {-20210101, 0}, {100000101, 0}, {10000101, 1},
    };
    for (size_t i = 0; i < N_ELEMS(days); i++) {
        if (date_valid_day(days[i].day) != days[i].ok)
            fail_msg("date_valid_day(%d) != %d", (int)days[i].day, days[i].ok);
    }
    assert_int_equal(date_make_day(2021, 2, 19), 20210219);
    assert_int_equal(date_make_day(2021, 2, 29), 0);
    assert_int_equal(date_make_day(2021, 2, 0), 0);
    assert_true(date_is_leap_year(2024));
    assert_false(date_is_leap_year(2100));
}

static void span_precision(void **state)
{
    (void)state;
    static const struct {
        int32_t start, end;
        const char *a, *b;
    } cases[] = {
        {20210601, 20210630, "2021-06", "2021-06"},
        {20210101, 20211231, "2021", "2021"},
        {20200101, 20211231, "2020", "2021"},
        {20210201, 20210331, "2021-02", "2021-03"},
        {20200201, 20200229, "2020-02", "2020-02"}, /* leap year */
        {20210201, 20210228, "2021-02", "2021-02"},
        {20210219, 20210222, "2021-02-19", "2021-02-22"},
        {20210601, 20210601, "2021-06-01", "2021-06-01"}, /* one day, not the month */
        {20210101, 20210131, "2021-01", "2021-01"},
        {20210102, 20211231, "2021-01-02", "2021-12-31"},
        {20210101, 20211230, "2021-01-01", "2021-12-30"},
    };
    char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        date_span_t sp = {cases[i].start, cases[i].end};
        assert_int_equal(date_format_span(sp, a, b), DS_OK);
        if (strcmp(a, cases[i].a) != 0 || strcmp(b, cases[i].b) != 0)
            fail_msg("%d..%d: %s %s, expected %s %s", (int)sp.start, (int)sp.end, a, b,
                     cases[i].a, cases[i].b);
    }
    assert_int_equal(date_format_span((date_span_t){20210230, 20210301}, a, b), DS_ERR_INVALID);
    assert_string_equal(a, "");
    assert_int_equal(date_format_span((date_span_t){20210302, 20210301}, a, b), DS_ERR_INVALID);
    assert_string_equal(b, "");
}

static void formatting(void **state)
{
    (void)state;
    char iso[DATE_ISO_LEN + 1], srt[DATE_SORTABLE_LEN + 1];
    assert_int_equal(date_format_iso(20210219, iso), DS_OK);
    assert_string_equal(iso, "2021-02-19");
    assert_int_equal(date_format_sortable(20210219, srt), DS_OK);
    assert_string_equal(srt, "20210219");
    assert_int_equal(date_format_sortable(DATE_DAY_MIN, srt), DS_OK);
    assert_string_equal(srt, "00010101");
    assert_int_equal(date_format_iso(DATE_DAY_MIN, iso), DS_OK);
    assert_string_equal(iso, "0001-01-01");
    assert_int_equal(date_format_iso(20210230, iso), DS_ERR_INVALID);
    assert_string_equal(iso, "");
    assert_int_equal(date_format_sortable(20211301, srt), DS_ERR_INVALID);
    assert_string_equal(srt, "");
    assert_int_equal(date_format_iso(20210219, NULL), DS_ERR_INVALID);

    /* Sortable strings order as the days do. */
    char a[DATE_SORTABLE_LEN + 1], b[DATE_SORTABLE_LEN + 1];
    date_format_sortable(20201231, a);
    date_format_sortable(20210101, b);
    assert_true(strcmp(a, b) < 0);
    date_format_sortable(DATE_DAY_MIN, a);
    date_format_sortable(10000101, b);
    assert_true(strcmp(a, b) < 0);

    int32_t d = 1;
    assert_int_equal(date_from_sortable("20210219", 8, &d), DS_OK);
    assert_int_equal(d, 20210219);
    assert_int_equal(date_from_sortable("20210230", 8, &d), DS_ERR_INVALID);
    assert_int_equal(d, 0);
    assert_int_equal(date_from_sortable("2021021", 7, &d), DS_ERR_INVALID);
    assert_int_equal(date_from_sortable("2021-2-1", 8, &d), DS_ERR_INVALID);
    assert_int_equal(date_from_sortable("202102190", 8, &d), DS_OK); /* len rules */
    assert_int_equal(d, 20210219);
}

static void overlaps(void **state)
{
    (void)state;
    static const struct {
        date_span_t a, b;
        int want;
    } t[] = {
        {{20210219, 20210222}, {20210222, 20210301}, 1}, /* touching at the end */
        {{20210219, 20210222}, {20210101, 20210219}, 1}, /* touching at the start */
        {{20210219, 20210222}, {20210223, 20210301}, 0}, /* the day after */
        {{20210219, 20210222}, {20210101, 20210218}, 0}, /* the day before */
        {{20210219, 20210222}, {20210220, 20210220}, 1}, /* inside */
        {{20210220, 20210220}, {20210101, 20211231}, 1}, /* contains */
        {{20210219, 20210219}, {DATE_DAY_MIN, 20201231}, 0},
        {{20210219, 20210219}, {DATE_DAY_MIN, DATE_DAY_MAX}, 1},
    };
    for (size_t i = 0; i < N_ELEMS(t); i++) {
        if (date_span_overlaps(t[i].a, t[i].b) != t[i].want ||
            date_span_overlaps(t[i].b, t[i].a) != t[i].want)
            fail_msg("overlap case %zu: want %d", i, t[i].want);
    }
}

/* --- date_parse -------------------------------------------------------------------- */

typedef struct ok_case {
    const char *in;
    int32_t start, end;
} ok_case_t;

static const ok_case_t parse_ok[] = {
    {"2021", 20210101, 20211231},
    {"2021-03", 20210301, 20210331},
    {"2020-02", 20200201, 20200229},
    {"2021-02", 20210201, 20210228},
    {"2021-03-12", 20210312, 20210312},
    {"2020-02-29", 20200229, 20200229},
    {"  2021-03-12\n", 20210312, 20210312},
    {NBSP "2021-03-12" NBSP, 20210312, 20210312},
    {"2021-02-19/2021-02-22", 20210219, 20210222},
    {"2021-02/2021-03", 20210201, 20210331},
    {"2021/2022-06", 20210101, 20220630},
    {"2021-02-19/2021-03", 20210219, 20210331},
    {"2020 - 2021", 20200101, 20211231},
    {"2020-2021", 20200101, 20211231},
    {"19 February 2021", 20210219, 20210219},
    {"19 FEBRUARY 2021", 20210219, 20210219},
    {"19th February 2021", 20210219, 20210219},
    {"February 19, 2021", 20210219, 20210219},
    {"February 19 2021", 20210219, 20210219},
    {"february 19th, 2021", 20210219, 20210219},
    {"19 Feb 2021", 20210219, 20210219},
    {"19 feb. 2021", 20210219, 20210219},
    {"9 Sept 2021", 20210909, 20210909},
    {"9 Sep 2021", 20210909, 20210909},
    {"9 September 2021", 20210909, 20210909},
    {"February 2021", 20210201, 20210228},
    {"Feb 2020", 20200201, 20200229},
    {"19 - 22 February 2021", 20210219, 20210222},
    {"19-22 February 2021", 20210219, 20210222},
    {"19 – 22 February 2021", 20210219, 20210222}, /* en dash */
    {"8–12 March 2021", 20210308, 20210312},
    {"19—22 February 2021", 20210219, 20210222}, /* em dash */
    {"10 to 12 May 2021", 20210510, 20210512},
    {"18, 19 and 22 February 2021", 20210218, 20210222},
    {"18,19, 22 February 2021", 20210218, 20210222},
    {"18, 19, and 22 February 2021", 20210218, 20210222},
    {"29 September - 1 October 2020", 20200929, 20201001},
    {"19 June and 2 July 2020", 20200619, 20200702},
    {"30 December 2020 - 2 January 2021", 20201230, 20210102},
    {"1 July 2020 and 3 June 2021", 20200701, 20210603},
    {"February - March 2021", 20210201, 20210331},
    {"February - 19 February 2021", 20210201, 20210228}, /* the latest end wins */
    {"February 19-22, 2021", 20210219, 20210222},
    {"February 19, 20 and 22, 2021", 20210219, 20210222},
    {"19 June\n and 2\nJuly 2020", 20200619, 20200702},
    {"29 Feb 2020", 20200229, 20200229},
    {"31 December 9999", 99991231, 99991231},
    {"1 January 1000", 10000101, 10000101},
};

/* The error as one line, "column N: what" where it has a column (as the indexer's
 * warnings show it), into buf. */
static const char *whole(const ds_error_t *e, char *buf, size_t size)
{
    if (e->column)
        snprintf(buf, size, "column %zu: %s", e->column, e->message);
    else
        snprintf(buf, size, "%s", e->message);
    return buf;
}

static void parse_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_ok); i++) {
        size_t len;
        char *in = exact(parse_ok[i].in, &len);
        ds_error_t err;
        date_span_t sp = {1, 1};
        ds_status_t rc = date_parse(in, len, &sp, &err);
        if (rc != DS_OK || sp.start != parse_ok[i].start || sp.end != parse_ok[i].end)
            fail_msg("date_parse(\"%s\") = %d {%d, %d} (%s), want {%d, %d}", parse_ok[i].in, rc,
                     (int)sp.start, (int)sp.end, err.message, (int)parse_ok[i].start,
                     (int)parse_ok[i].end);
        assert_int_equal(err.status, DS_OK);
        assert_string_equal(err.message, "");
        free(in);
    }
}

typedef struct err_case {
    const char *in;
    const char *msg; /* the column and message, "column N: ..." */
} err_case_t;

static const err_case_t parse_err[] = {
    {"", "column 1: expected a date (like 2021-03-12 or 19 February 2021), found nothing"},
    {"   ", "column 4: expected a date (like 2021-03-12 or 19 February 2021), found nothing"},
    {"garbage", "column 1: expected a date (like 2021-03-12 or 19 February 2021), found "
                "'garbage'"},
    {"  next tuesday", "column 3: expected a date (like 2021-03-12 or 19 February 2021), "
                       "found 'next'"},
    {"2021-02-30", "column 9: there is no day 30 in February 2021 (it has 28 days)"},
    {"2021-02-29", "column 9: there is no day 29 in February 2021 (it has 28 days)"},
    {"31 April 2021", "column 1: there is no day 31 in April 2021 (it has 30 days)"},
    {"0 May 2021", "column 1: there is no day 0 in May 2021 (it has 31 days)"},
    {"2021-13", "column 6: month 13 is out of range (01-12)"},
    {"2021-00-10", "column 6: month 00 is out of range (01-12)"},
    {"2021-3-1", "column 6: expected a 2-digit month after '2021-'"},
    {"2021-03-1", "column 9: expected a 2-digit day after '2021-03'"},
    {"2021-02-22/2021-02-19", "column 12: 2021-02-19 is before 2021-02-22: a range or list "
                              "cannot go back in time"},
    {"22 - 19 February 2021", "column 6: 2021-02-19 is before 2021-02-22: a range or list "
                              "cannot go back in time"},
    {"2 January 2021 - 30 December 2020", "column 18: 2020-12-30 is before 2021-01-02: a "
                                          "range or list cannot go back in time"},
    {"0999", "column 1: year 0999 is out of range (1000-9999)"},
    {"0999-01-01", "column 1: year 0999 is out of range (1000-9999)"},
    {"10000-01-01", "column 1: year 10000 is out of range (1000-9999)"},
    {"19 February 999", "column 13: year 999 is out of range (1000-9999)"},
    {"February 12345", "column 10: year 12345 is out of range (1000-9999)"},
    {"2021-03-12x", "column 11: unexpected 'x' after the date"},
    {"2021-03-12 and then", "column 16: expected a date after 'and'"},
    {"19 February 2021 foo", "column 18: unexpected 'foo' after the date"},
    {"19 February 2021 -", "column 19: expected a date after '-'"},
    {"19 February", "column 1: no year given for this date"},
    {"19 - 22", "column 1: day 19 has no month"},
    {"2021-02-19/", "column 12: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) after '/'"},
    {"2021-02-19/19 Feb 2021", "column 12: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) "
                               "after '/', found '19'"},
    {"19x February 2021", "column 1: expected a date (like 2021-03-12 or 19 February 2021), "
                          "found '19x'"},
    {"“2021", "column 1: expected a date (like 2021-03-12 or 19 February 2021), "
              "found '“2021'"},
};

static void parse_invalid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_err); i++) {
        size_t len;
        char *in = exact(parse_err[i].in, &len);
        ds_error_t err;
        char got[DS_ERROR_MESSAGE_SIZE + 32];
        date_span_t sp = {1, 1};
        ds_status_t rc = date_parse(in, len, &sp, &err);
        if (rc != DS_ERR_INVALID || err.status != rc || sp.start != 0 || sp.end != 0 ||
            strcmp(whole(&err, got, sizeof got), parse_err[i].msg) != 0)
            fail_msg("date_parse(\"%s\") = %d, \"%s\"; want \"%s\"", parse_err[i].in, rc, got,
                     parse_err[i].msg);
        free(in);
    }
}

static void parse_arguments(void **state)
{
    (void)state;
    ds_error_t err;
    date_span_t sp;
    assert_int_equal(date_parse(NULL, 3, &sp, &err), DS_ERR_INVALID);
    assert_string_equal(err.message, "date_parse: invalid arguments (NULL string with a length)");
    assert_int_equal(err.column, 0);
    assert_int_equal(date_parse("2021", 4, NULL, NULL), DS_ERR_INVALID);
    assert_int_equal(date_parse(NULL, 0, &sp, NULL), DS_ERR_INVALID); /* empty */
    /* Only len bytes count: "2021-03-12" cut to "2021-03" is a month. */
    assert_int_equal(date_parse("2021-03-12", 7, &sp, NULL), DS_OK);
    assert_int_equal(sp.start, 20210301);
    assert_int_equal(sp.end, 20210331);
    /* The column is apart from the message; a success clears the error. */
    assert_int_equal(date_parse("x", 1, &sp, &err), DS_ERR_INVALID);
    assert_int_equal(err.status, DS_ERR_INVALID);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.message,
                        "expected a date (like 2021-03-12 or 19 February 2021), found 'x'");
    assert_int_equal(date_parse("2021", 4, &sp, &err), DS_OK);
    assert_int_equal(err.status, DS_OK);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.message, "");
}

/* --- date_parse_query_range -------------------------------------------------------- */

static const ok_case_t range_ok[] = {
    {"2021-02-19..2021-03-12", 20210219, 20210312},
    {"2021", 20210101, 20211231},
    {"2021-03", 20210301, 20210331},
    {"..2020-12-31", DATE_DAY_MIN, 20201231},
    {"..2020-12", DATE_DAY_MIN, 20201231},
    {"..2020", DATE_DAY_MIN, 20201231},
    {"2021-03..", 20210301, DATE_DAY_MAX},
    {"2021..", 20210101, DATE_DAY_MAX},
    {"2021-03..2021-04", 20210301, 20210430},
    {"2020..2021-02", 20200101, 20210228},
    {"2021-02-19..2021-02-19", 20210219, 20210219},
    {" 2021-02-19 .. 2021-03-12 ", 20210219, 20210312},
    {"2021-02-19/2021-02-22", 20210219, 20210222},
    {"19 February 2021", 20210219, 20210219},
};

static const err_case_t range_err[] = {
    {"..", "column 1: a date range needs a start, an end or both (e.g. 2021-01..2021-06)"},
    {"2021-03-12..2021-02-01", "column 13: the range ends (2021-02-01) before it starts "
                               "(2021-03-12)"},
    {"2021-02-30..", "column 9: there is no day 30 in February 2021 (it has 28 days)"},
    {"..2021-13", "column 8: month 13 is out of range (01-12)"},
    {"2021..2022..2023", "column 11: a date range has one '..', not two"},
    {"2021...2022", "column 7: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) after "
                    "'..', found '.2022'"},
    {"feb..2021", "column 1: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) before "
                  "'..', found 'feb'"},
    {"2021-02-01..x", "column 13: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) after "
                      "'..', found 'x'"},
    {"2021-02-01x..", "column 11: unexpected 'x' after the date"},
    {"0999..2021", "column 1: year 0999 is out of range (1000-9999)"},
    {"yesterday", "column 1: expected a date (like 2021-03-12 or 19 February 2021), found "
                  "'yesterday'"},
    {"2021-02-29", "column 9: there is no day 29 in February 2021 (it has 28 days)"},
};

static void query_ranges(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(range_ok); i++) {
        size_t len;
        char *in = exact(range_ok[i].in, &len);
        ds_error_t err;
        date_span_t sp = {1, 1};
        ds_status_t rc = date_parse_query_range(in, len, &sp, &err);
        if (rc != DS_OK || sp.start != range_ok[i].start || sp.end != range_ok[i].end)
            fail_msg("range(\"%s\") = %d {%d, %d} (%s)", range_ok[i].in, rc, (int)sp.start,
                     (int)sp.end, err.message);
        free(in);
    }
    for (size_t i = 0; i < N_ELEMS(range_err); i++) {
        size_t len;
        char *in = exact(range_err[i].in, &len);
        ds_error_t err;
        char got[DS_ERROR_MESSAGE_SIZE + 32];
        date_span_t sp = {1, 1};
        ds_status_t rc = date_parse_query_range(in, len, &sp, &err);
        if (rc != DS_ERR_INVALID || err.status != rc || sp.start != 0 || sp.end != 0 ||
            strcmp(whole(&err, got, sizeof got), range_err[i].msg) != 0)
            fail_msg("range(\"%s\") = %d \"%s\", want \"%s\"", range_err[i].in, rc, got,
                     range_err[i].msg);
        free(in);
    }
}

/* A query range against document spans, as the searcher will use them. */
static void query_matches_documents(void **state)
{
    (void)state;
    date_span_t q, doc = {20210219, 20210222}; /* "On 19 - 22 February 2021" */
    assert_int_equal(date_parse_query_range("2021-02-22..2021-03", 19, &q, NULL), DS_OK);
    assert_true(date_span_overlaps(q, doc));
    assert_int_equal(date_parse_query_range("..2021-02-18", 12, &q, NULL), DS_OK);
    assert_false(date_span_overlaps(q, doc));
    assert_int_equal(date_parse_query_range("..2021-02-19", 12, &q, NULL), DS_OK);
    assert_true(date_span_overlaps(q, doc));
    assert_int_equal(date_parse_query_range("2021-02-23..", 12, &q, NULL), DS_OK);
    assert_false(date_span_overlaps(q, doc));
    assert_int_equal(date_parse_query_range("2021", 4, &q, NULL), DS_OK);
    assert_true(date_span_overlaps(q, doc));
}

/* --- date_find --------------------------------------------------------------------- */

typedef struct find_case {
    const char *text;
    int default_year;
    int32_t start, end;
    const char *match; /* the exact bytes of the expression */
} find_case_t;

static const find_case_t find_ok[] = {
    /* The dated OEWG statements of the seed, one line each as in the file. */
    {"On 2 July 2020, the Republic of Finland: “We also wish to lend our strong "
     "support to the",
     0, 20200702, 20200702, "2 July 2020"},
    {"On 19 November 2020, the Islamic Republic of Iran: “These [unilateral] "
     "digital sanctions",
     0, 20201119, 20201119, "19 November 2020"},
    {"On 19 January 2021, the Kingdom of the Netherlands: “’State and "
     "non-state actors should",
     0, 20210119, 20210119, "19 January 2021"},
    {"On 19 February 2021, the Republic of Slovenia: “We would also like to "
     "support the calls",
     0, 20210219, 20210219, "19 February 2021"},
    {"On 19 February 2021, the Federal Republic of Germany: “Suggestion to include "
     "a reference",
     0, 20210219, 20210219, "19 February 2021"},
    {"On 19 - 22 February 2021, the Kingdom of the Netherlands: “Over the years, "
     "cyberoperations against",
     0, 20210219, 20210222, "19 - 22 February 2021"},
    {"On 23 February 2021 the United Kingdom: “We extend our thanks to the "
     "Netherlands for",
     0, 20210223, 20210223, "23 February 2021"},
    {"On 25 February 2021, the Kingdom of the Netherlands: “In line with the text "
     "on the protection",
     0, 20210225, 20210225, "25 February 2021"},
    {"On 3 March 2021, the Global Commission on the Stability in Cyberspace (GCSC): "
     "“While the",
     0, 20210303, 20210303, "3 March 2021"},
    {"On 8 March 2021, the Islamic Republic of Iran: “Platforms and transnational "
     "corporations like",
     0, 20210308, 20210308, "8 March 2021"},
    {"On 8 March 2021, the Cybersecurity Tech Accord: “The recent SolarWinds hack "
     "has",
     0, 20210308, 20210308, "8 March 2021"},
    {"On 9 March 2021, the Federal Republic of Germany supported the new compromised", 0, 20210309,
     20210309, "9 March 2021"},
    {"On 9 March 2021, a coalition of nine civil society organizations recommended that the", 0,
     20210309, 20210309, "9 March 2021"},
    {"On 10 March 2021, the People’s Republic of China: “States should "
     "participate in the",
     0, 20210310, 20210310, "10 March 2021"},
    {" On 12 March 2021, the GCSC expressed its “regret that the term public core "
     "was not",
     0, 20210312, 20210312, "12 March 2021"},
    {"On 28 May 2021, the consensus report of the GGE was adopted.23 Several points in the", 0,
     20210528, 20210528, "28 May 2021"},
    {"On 26 May 2021, at its 71st plenary meeting, the U.N. General Assembly adopted, "
     "without a",
     0, 20210526, 20210526, "26 May 2021"},
    /* Footnotes: the cited document's date is the first date. */
    {"“Statements by the Republic of Finland” Open-Ended Working Group on "
     "Developments in the Field\nof Information and Telecommunications in the Context of "
     "International Security, Virtual Informal\nConsultations, 19 June and 2 July 2020, "
     "https://front.un-arm.org/wp-content/uploads/2020/09/oewginformal-virtual-meetings-"
     "statement-by-finland-19-june-and-2-july-2020.pdf",
     0, 20200619, 20200702, "19 June and 2 July 2020"},
    {"Statement by H.E. Nathalie Jaarsma, Kingdom of the Netherlands to the United Nations, "
     "(18,19, 22\nFebruary 2021), https://front.un-arm.org/wp-content/uploads/2021/02/"
     "Netherlands-OEWG-informalsintervention-Feb-2021.pdf",
     0, 20210218, 20210222, "18,19, 22\nFebruary 2021"},
    {"Open-ended Working Group on developments in the field of information and "
     "telecommunications in\nthe context of international security, Informal virtual meeting "
     "(18, 19 and 22 February 2021) Slovenia,\nStatement, 19 February 2021, "
     "https://front.un-arm.org/wp-content/uploads/2021/02/Slovenia-19February-2021-FINAL.pdf",
     0, 20210218, 20210222, "18, 19 and 22 February 2021"},
    {"“ICANN Operating and Financial Plans,” p. 47, ICANN organization, "
     "December 2020,\nhttps://www.icann.org/en/system/files/files/draft-op-financial-plan-"
     "fy21-25-opplan-fy21-20dec19-en.pdf",
     0, 20201201, 20201231, "December 2020"},
    {"See previous reports by GE here: https://www.icann.org/resources/pages/government-"
     "engagementpublications-2020-03-02-en This and all other URLs in footnotes and "
     "appendices were retrieved on 3\nJune 2021.",
     0, 20210603, 20210603, "3\nJune 2021"},
    {"“Non-paper listing specific language proposals under agenda item "
     "“Rules, norms and principles”\nfrom written submissions by "
     "delegations”, Version as of 18 January 2021, https://front.un-arm.org/wp"
     "content/uploads/2021/01/OEWG-Non-paper-rules-norms-and-principles-19-01-2021.pdf",
     0, 20210118, 20210118, "18 January 2021"},
    {"1st meeting - Open-ended Working Group on Developments in the Field of Information "
     "and\nTelecommunications in the Context of International Security, Third Substantive "
     "session (8-12 March\n2021), UN Web TV, 8 March 2021, (starts at 1:29:40)",
     0, 20210308, 20210312, "8-12 March\n2021"},
    {"in the Context of International Security, Third substantive session, 8–12 "
     "March 2021, OEWG Chair’s",
     0, 20210308, 20210312, "8–12 March 2021"},
    {"Resolution adopted by the General Assembly on 26 May 2021, “75/282. "
     "Countering the use",
     0, 20210526, 20210526, "26 May 2021"},
    {"Annex to the letter dated 9 January 2015 from the Permanent Representatives of China,", 0,
     20150109, 20150109, "9 January 2015"},
    {"31\n1 June, 1st meeting: https://media.un.org/en/asset/k1o/k1oa2ngbsc", 2021, 20210601,
     20210601, "1 June"},
    /* Running text of the seed. */
    {"Ad Hoc Committee of Experts (AHC1) between 1 July 2020 and 3 June 2021.", 0, 20200701,
     20210603, "1 July 2020 and 3 June 2021"},
    {"Since ICANN org’s publication on cyber-related discussions at the U.N. in "
     "July 2020, the",
     0, 20200701, 20200731, "July 2020"},
    {"OEWG had three more rounds of informal consultations that year (29 September - 1\n"
     "October, 17 - 19 November, and 1 - 3 December). During these consultations",
     2020, 20200929, 20201203, "29 September - 1\nOctober, 17 - 19 November, and 1 - 3 December"},
    {"pandemic, its first organizational session took place from 10 - 12 May 2021.26 Since", 0,
     20210510, 20210512, "10 - 12 May 2021"},
    {"The organizational session of the Ad Hoc Committee was held in New York, on 10-12 May "
     "2021,",
     0, 20210510, 20210512, "10-12 May 2021"},
    {"Netherlands on 19 January.19", 2021, 20210119, 20210119, "19 January"},
    {"OEWG. Video footage of the third substantive meeting, 8-12 March 2021\n8 March 2021\n"
     "Day 1: 1st meeting",
     0, 20210308, 20210312, "8-12 March 2021"},
    {"10 March 2021, 13 Vice-Chairs", 0, 20210310, 20210310, "10 March 2021"},
    /* Other forms. */
    {"the meeting (30 December 2020 – 2 January 2021) was", 0, 20201230, 20210102,
     "30 December 2020 – 2 January 2021"},
    {"“19" NBSP "February" NBSP "2021”", 0, 20210219, 20210219, "19" NBSP "February" NBSP "2021"},
    {"published on February 19, 2021 by", 0, 20210219, 20210219, "February 19, 2021"},
    {"as of 2021-03-12, the", 0, 20210312, 20210312, "2021-03-12"},
    {"revised (2021-03) text", 0, 20210301, 20210331, "2021-03"},
    {"held 19 Sept. 2021.", 0, 20210919, 20210919, "19 Sept. 2021"},
    {"on 19th February, 2021 ... 1 March 2021", 0, 20210301, 20210301, "1 March 2021"},
    {"on 1 MARCH 2021.", 0, 20210301, 20210301, "1 MARCH 2021"},
    {"the meeting—19 May 2021—was", 0, 20210519, 20210519, "19 May 2021"},
    {"on February 19-22 in Geneva", 2021, 20210219, 20210222, "February 19-22"},
    {"the COVID–19 May 2021 wave", 0, 20210501, 20210531, "May 2021"},
    {"from 3 March 2021 and 8 March", 0, 20210303, 20210303, "3 March 2021"},
    {"from 3 March 2021 and 8 March", 2021, 20210303, 20210308, "3 March 2021 and 8 March"},
};

static void find_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(find_ok); i++) {
        const find_case_t *t = &find_ok[i];
        size_t len, ms = 0, me = 0;
        char *in = exact(t->text, &len);
        date_span_t sp;
        ds_status_t rc = date_find(in, len, 0, &sp, &ms, &me, t->default_year);
        if (rc != DS_OK || sp.start != t->start || sp.end != t->end)
            fail_msg("case %zu: date_find(\"%s\") = %d {%d, %d}, want {%d, %d}", i, t->text, rc,
                     (int)sp.start, (int)sp.end, (int)t->start, (int)t->end);
        if (me - ms != strlen(t->match) || memcmp(in + ms, t->match, me - ms) != 0)
            fail_msg("case %zu: matched \"%.*s\", want \"%s\"", i, (int)(me - ms), in + ms,
                     t->match);
        free(in);
    }
}

/* Texts with no date in them (for the given default year). */
static const struct {
    const char *text;
    int default_year;
} find_none[] = {
    {"recommendation 13(f) and therefore", 2021},
    {"as also mentioned in para 50 of the Zero Draft", 2021},
    {"“ICANN Operating and Financial Plans,” p. 47, ICANN organization", 2021},
    {"the text of the resolution A/RES/75/282 “Countering the use", 2021},
    {"guidance for implementation of UN GGE, 2015 recommendation", 2021},
    {"Day 2: 3rd meeting", 2021},
    {"https://www.icann.org/resources/pages/government-engagementpublications-2020-03-02-en", 2021},
    {"publications-2020-03-02-en", 2021},
    {"see 2020-03-02-en", 2021},
    {"https://front.un-arm.org/wp-content/uploads/2020/09/oewginformal-virtual-meetings-"
     "statement-by-finland-19-june-and-2-july-2020.pdf",
     2021},
    {"finland-19-june-and-2-july-2020.pdf", 2021},
    {"OEWG-Non-paper-rules-norms-and-principles-19-01-2021.pdf", 2021},
    {"in 2015", 2021},
    {"from 2021 to 2025", 2021},
    {"the 2021 OEWG final report", 2021},
    {"in the Open-ended Ad Hoc Committee of Experts (AHC1) between", 2021},
    {"concluded that the COVID-,19 pandemic has accentuated; COVID-19 pandemic", 2021},
    {"in points 18 and 26, as follows", 2021},
    {"Point 44: “As noted in norm 13 (g), States", 2021},
    {"the AHC elected the Chair of the Committee, its Rapporteur, and 13 Vice-Chairs", 2021},
    {"(starts at 1:29:40) https://media.un.org/en/asset/k1o/k1obxycc3u", 2021},
    {"Day 4: 7th and 8th meetings did not take place.", 2021},
    {"ICANN’s mission.2\nMonitoring such activities", 2021},
    {"UN General Assembly resolution 70/237.”21", 2021},
    {"States may also; it may 2 be; march 1 on", 2021},
    {"29 September - 1\nOctober, 17 - 19 November, and 1 - 3 December", 0},
    {"Netherlands on 19 January.19", 0},
    {"on February 19-22 in Geneva", 0},
    {"2021-02-19/2021-02-22", 2021},
    {"mailto:someone@example.org?d=19-June-2021", 2021},
    {"www.example.org/19-June-2021", 2021},
    {"19February 2021, Feb-2021, 2021-02-19T10:00", 2021},
    {"Mayor 19, Junes 2021", 2021},
    {"", 2021},
};

static void find_nothing(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(find_none); i++) {
        size_t len, ms = 7, me = 7;
        char *in = exact(find_none[i].text, &len);
        date_span_t sp = {1, 1};
        ds_status_t rc = date_find(in, len, 0, &sp, &ms, &me, find_none[i].default_year);
        if (rc != DS_ERR_NOT_FOUND)
            fail_msg("case %zu: found {%d, %d} \"%.*s\" in \"%s\"", i, (int)sp.start, (int)sp.end,
                     (int)(me - ms), in + ms, find_none[i].text);
        assert_int_equal(sp.start, 0);
        assert_int_equal(ms, 7); /* offsets untouched */
        free(in);
    }
}

/* Walking a passage with from = match_end gives every date in order. */
static void find_iterates(void **state)
{
    (void)state;
    static const char text[] =
        "OEWG. Video footage of the third substantive meeting, 8-12 March 2021\n"
        "8 March 2021\nDay 1: 1st meeting\nhttps://media.un.org/en/asset/k1o/k1obxycc3u\n"
        "Day 1: 2nd meeting\nhttps://media.un.org/en/asset/k18/k1893g1q0h\n9 March 2021\n"
        "Day 2: 3rd meeting\nhttps://media.un.org/en/asset/k13/k13uzdidth\n"
        "Day 2: 4th meeting\n10 March 2021\nDay 3: 5th meeting\n11 March 2021\n"
        "Day 4: 7th and 8th meetings did not take place.\n12 March 2021\nDay 5: 9th meeting\n";
    static const date_span_t want[] = {
        {20210308, 20210312}, {20210308, 20210308}, {20210309, 20210309},
        {20210310, 20210310}, {20210311, 20210311}, {20210312, 20210312},
    };
    size_t len, from = 0, ms, me, n = 0;
    char *in = exact(text, &len);
    date_span_t sp;
    while (date_find(in, len, from, &sp, &ms, &me, 2021) == DS_OK) {
        assert_true(n < N_ELEMS(want));
        assert_true(ms >= from);
        assert_int_equal(sp.start, want[n].start);
        assert_int_equal(sp.end, want[n].end);
        from = me;
        n++;
    }
    assert_int_equal(n, N_ELEMS(want));
    free(in);
}

static void find_from_and_arguments(void **state)
{
    (void)state;
    static const char text[] = "On 19 February 2021, and later on 3 March 2021.";
    size_t len = strlen(text), ms, me;
    date_span_t sp;
    /* from inside the first date: never mid-number ("9 February"), but the rest of the
     * expression is an expression of its own. */
    assert_int_equal(date_find(text, len, 4, &sp, &ms, &me, 0), DS_OK);
    assert_int_equal(sp.start, 20210201);
    assert_int_equal(sp.end, 20210228);
    assert_int_equal(ms, 6);
    assert_int_equal(me, 19);
    assert_int_equal(date_find(text, len, me, &sp, &ms, &me, 0), DS_OK);
    assert_int_equal(sp.start, 20210303);
    assert_int_equal(ms, 34);
    assert_int_equal(me, 46);
    assert_int_equal(date_find(text, len, 3, &sp, NULL, NULL, 0), DS_OK);
    assert_int_equal(sp.start, 20210219);
    assert_int_equal(date_find(text, len, len, &sp, &ms, &me, 0), DS_ERR_NOT_FOUND);
    assert_int_equal(date_find(text, len, len + 5, &sp, &ms, &me, 0), DS_ERR_NOT_FOUND);
    /* len shorter than the text: the year is cut off, so there is no date. */
    assert_int_equal(date_find(text, 18, 0, &sp, &ms, &me, 0), DS_ERR_NOT_FOUND);
    assert_int_equal(date_find(NULL, 3, 0, &sp, &ms, &me, 0), DS_ERR_INVALID);
    assert_int_equal(date_find(text, len, 0, NULL, &ms, &me, 0), DS_ERR_INVALID);
    assert_int_equal(date_find(text, len, 0, &sp, &ms, &me, 999), DS_ERR_INVALID);
    assert_int_equal(date_find(text, len, 0, &sp, &ms, &me, 10000), DS_ERR_INVALID);
    assert_int_equal(date_find(NULL, 0, 0, &sp, &ms, &me, 0), DS_ERR_NOT_FOUND);
}

/* Invalid UTF-8 around dates: where dates.c steps back over bytes, which a change of
 * stepping could move (each input in an exact-size buffer). */
static void invalid_utf8_stepping(void **state)
{
    (void)state;
    size_t len, ms, me;
    date_span_t sp;
    /* A truncated sequence before "5" is one invalid character (U+FFFD, a word
     * character): "5" does not start a date, "May 2021" does. */
    char *t = exact("\xe2\x82"
                    "5 May 2021",
                    &len);
    assert_int_equal(date_find(t, len, 0, &sp, &ms, &me, 0), DS_OK);
    assert_int_equal(sp.start, 20210501);
    assert_int_equal(sp.end, 20210531);
    assert_int_equal(ms, 4);
    free(t);
    /* From inside a run: the run starts after a space, but a stray continuation byte
     * right after a space goes with it, so this run starts at the text's start, holds
     * '/' and is skipped ("5 May" in it is not a date); "May 2021" after it is. */
    t = exact("a/b" NBSP "\x80(5 May 2021", &len);
    assert_int_equal(date_find(t, len, 6, &sp, &ms, &me, 0), DS_OK);
    assert_int_equal(sp.start, 20210501);
    assert_int_equal(ms, 9);
    assert_int_equal(me, 17);
    free(t);
    /* A message quotes at most 24 bytes and never ends inside a sequence: stray
     * continuation bytes at the cut go with the byte that leads them. */
    t = exact("aaaaaaaaaaaaaaaaaaaaaa\xe0\x80\x80", &len);
    ds_error_t err;
    assert_int_equal(date_parse(t, len, &sp, &err), DS_ERR_INVALID);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.message, "expected a date (like 2021-03-12 or 19 "
                                     "February 2021), found 'aaaaaaaaaaaaaaaaaaaaaa'");
    free(t);
    /* Trailing spaces of several bytes are trimmed whole. */
    t = exact("2021-03-12" NBSP "\xe2\x80\x83" NBSP, &len);
    assert_int_equal(date_parse(t, len, &sp, NULL), DS_OK);
    assert_int_equal(sp.start, 20210312);
    free(t);
}

/* Random bytes and cut-off inputs: no crash, no read past len (under ASan), and any
 * success is a valid span. */
static void robustness(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789 -,/.:aAndtoFebMayJuneSeptember–\xc2";
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(round % 40);
        char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        date_span_t sp;
        ds_error_t err;
        if (date_parse(buf, len, &sp, &err) == DS_OK)
            assert_true(date_valid_day(sp.start) && date_valid_day(sp.end) && sp.start <= sp.end);
        else
            assert_true(err.column >= 1 && err.column <= len + 1 && err.message[0]);
        if (date_parse_query_range(buf, len, &sp, NULL) == DS_OK)
            assert_true(sp.start <= sp.end);
        size_t from = 0, ms, me;
        while (date_find(buf, len, from, &sp, &ms, &me, round % 2 ? 2021 : 0) == DS_OK) {
            assert_true(ms >= from && me > ms && me <= len);
            assert_true(date_valid_day(sp.start) && date_valid_day(sp.end));
            from = me;
        }
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar),      cmocka_unit_test(formatting),
        cmocka_unit_test(span_precision),
        cmocka_unit_test(overlaps),      cmocka_unit_test(parse_valid),
        cmocka_unit_test(parse_invalid), cmocka_unit_test(parse_arguments),
        cmocka_unit_test(query_ranges),  cmocka_unit_test(query_matches_documents),
        cmocka_unit_test(find_valid),    cmocka_unit_test(find_nothing),
        cmocka_unit_test(find_iterates), cmocka_unit_test(find_from_and_arguments),
        cmocka_unit_test(invalid_utf8_stepping), cmocka_unit_test(robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
