/*
 * dates.h - calendar days, spans of days, and reading dates out of text.
 *
 * Shared by the indexer (document metadata, the report parser's dated statements and
 * footnotes) and the searcher (date: query ranges), so both sides read dates by the
 * same rules.
 *
 * Contents
 *   1. Days and spans: the representation, constants, validity, formatting
 *   2. The index rule: how a span is stored and how a query range matches it
 *   3. date_parse(): one whole string is one date expression
 *   4. date_parse_query_range(): the searcher's date: syntax
 *   5. date_find(): the first date expression in free text
 *
 * 1. Days and spans
 * -----------------
 * A day is an int32_t YYYYMMDD (20210219 is 19 February 2021) in the proleptic
 * Gregorian calendar; years 1..9999 are representable, so integer order is
 * chronological order. A span (date_span_t) is {start, end}, both days, inclusive,
 * start <= end. A year as a date means its whole span (2021 -> 20210101..20211231), a
 * month its whole month (2020-02 -> 20200201..20200229: leap years are right).
 * DATE_DAY_MIN and DATE_DAY_MAX are valid days used as the open ends of query ranges.
 * Every date READ from text or a query has a year in 1000..9999 (DATE_YEAR_MIN..MAX).
 *
 * 2. The index rule
 * -----------------
 * The index stores a document's span in two value slots as the 8-character sortable
 * strings of date_format_sortable() ("20210219"): fixed width and zero-padded, so
 * byte-wise (lexicographic) order is chronological order and Xapian value ranges work
 * on them directly. A query range [a, b] matches a document span [s, e] when the two
 * overlap:
 *
 *         s <= b  AND  e >= a          (date_span_overlaps)
 *
 * Spans that merely touch (e == a) overlap; an open query end is DATE_DAY_MIN or
 * DATE_DAY_MAX, so it needs no special case ("00010101" / "99991231" as strings).
 *
 * 3. Date expressions (date_parse and date_find)
 * ----------------------------------------------
 * An expression is one ITEM, or several items joined by separators, and means the span
 * from the start of its first item to the end of its last one (a range and a list are
 * the same thing to a span). Items, in English, month names full or abbreviated to 3
 * letters (also "Sept"; an abbreviation may take a '.'), case-insensitive (date_find:
 * capitalized):
 *   19 February 2021     19th February 2021   February 19, 2021   February 19 2021
 *   February 2021 (the whole month)    ISO 2021-02-19, 2021-02 (and 2021, date_parse
 *   only)    and, inside a list, parts that take what they lack from a neighbour:
 *   "19" and "19 February" and "February" take the year of the nearest item after
 *   them that has one; a bare day "19" takes the month of the nearest item after it
 *   that has one, or else (US style "February 19-22, 2021") of the item before it if
 *   that item is written month first.
 * Separators: a dash ('-', U+2010..U+2015, U+2212), "to", "through", "until", ",",
 * "and", ", and", "&", with or without spaces around them. Spaces are any mix of ASCII
 * white space (newlines included: PDF text breaks lines inside dates), U+00A0, U+2000..
 * U+200B, U+202F, U+205F and U+3000. Examples:
 *   19 - 22 February 2021            -> 20210219..20210222
 *   18,19, 22 February 2021          -> 20210218..20210222
 *   19 June and 2 July 2020          -> 20200619..20200702
 *   30 December 2020 - 2 January 2021, 2021-02-19/2021-02-22, 2021-02/2021-03 (ISO
 *   intervals, date_parse only), February - March 2021, 8–12 March 2021.
 * Items must be in chronological order (each starts no earlier than the one before);
 * if an earlier item ends later than the last ("February - 19 February 2021"), the
 * span ends there.
 *
 * Errors (DS_ERR_INVALID) go into the caller's ds_error_t (status.h): e->message says
 * what is wrong, in one line, and e->column is the 1-based byte column in the string as
 * given (before trimming) it is about, 0 when it is about no one place. A caller that
 * shows the column in the text writes it "column N: what is wrong".
 */
#ifndef DS_DATES_H
#define DS_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define DATE_DAY_MIN 10101    /* 0001-01-01: open lower end of a query range */
#define DATE_DAY_MAX 99991231 /* 9999-12-31: open upper end of a query range */
#define DATE_YEAR_MIN 1000    /* dates read from text or queries: years 1000..9999 */
#define DATE_YEAR_MAX 9999
#define DATE_ISO_LEN 10     /* "2021-02-19" */
#define DATE_SORTABLE_LEN 8 /* "20210219" */

typedef struct date_span {
    int32_t start; /* first day, YYYYMMDD */
    int32_t end;   /* last day, YYYYMMDD, inclusive; start <= end */
} date_span_t;

/* --- 1. Days and spans ------------------------------------------------------------ */

/* 1 if year (any integer) is a Gregorian leap year, else 0. */
int date_is_leap_year(int year);

/* The number of days of month (1..12) in year: 28..31, or 0 if month is out of range. */
int date_days_in_month(int year, int month);

/*
 * 1 if day is a real calendar day YYYYMMDD with year 1..9999 (so DATE_DAY_MIN and
 * DATE_DAY_MAX are valid; 20200229 is, 20210229 and 20211301 are not), else 0.
 */
int date_valid_day(int32_t day);

/* The day year-month-mday as YYYYMMDD, or 0 if that is not a valid day. */
int32_t date_make_day(int year, int month, int mday);

/*
 * Write day as ISO 8601 "YYYY-MM-DD" into out, which must have room for
 * DATE_ISO_LEN + 1 bytes (NUL-terminated). Returns DS_OK, or DS_ERR_INVALID if day is
 * not valid (date_valid_day) or out is NULL; out (if not NULL) is then "".
 */
ds_status_t date_format_iso(int32_t day, char *out);

/*
 * Write span as people wrote it, at its precision: a span of whole years as years
 * ("2021", or "2020" .. "2021"), of whole months as months ("2021-06"), else as days
 * ("2021-02-19"). start and end (each with room for DATE_ISO_LEN + 1 bytes) get its first
 * and last day at that one precision, so a report dated 2021-06 prints 2021-06 for both,
 * and "19 - 22 February 2021" 2021-02-19 and 2021-02-22. The precision is read off the
 * span, not remembered: "1 - 30 June 2021" is June 2021 too. Returns DS_OK, or
 * DS_ERR_INVALID (both "") when a day is not valid or start > end.
 */
ds_status_t date_format_span(date_span_t span, char *start, char *end);

/*
 * Write day as the 8-digit sortable string "YYYYMMDD" stored in the index (section 2)
 * into out, which must have room for DATE_SORTABLE_LEN + 1 bytes. Returns DS_OK, or
 * DS_ERR_INVALID (out "") as date_format_iso.
 */
ds_status_t date_format_sortable(int32_t day, char *out);

/*
 * Read back a sortable string: s[0..len) must be exactly 8 digits forming a valid day.
 * On success *day is set; on failure *day is 0 and DS_ERR_INVALID is returned (a value
 * slot that is not a date: the caller decides whether that means corruption).
 */
ds_status_t date_from_sortable(const char *s, size_t len, int32_t *day);

/*
 * 1 if spans a and b share at least one day (a.start <= b.end && a.end >= b.start),
 * else 0. Symmetric: pass the query range and the document span in either order.
 */
int date_span_overlaps(date_span_t a, date_span_t b);

/* --- 3. date_parse ---------------------------------------------------------------- */

/*
 * Parse the whole of s[0..len), ignoring leading and trailing spaces, as one date
 * expression (section 3) or an ISO interval "A/B" (A and B each YYYY, YYYY-MM or
 * YYYY-MM-DD, any mix). s need not be NUL-terminated; no byte at or after s + len is
 * read. Day-month forms without any year are refused (there is no default year here).
 *
 * On success *out holds the span, DS_OK is returned and e (if not NULL) is cleared.
 * Otherwise *out is {0, 0} and the status is:
 *   DS_ERR_INVALID  empty input, garbage, an impossible day or month (2021-02-30,
 *                   31 April 2021, 2021-13), a year outside 1000..9999, items out of
 *                   order or an end before its start, text after the date: e (if not
 *                   NULL) gets the message ("expected a date (like ...), found 'x'") and
 *                   the byte column of the offending spot; also s NULL with len > 0, or
 *                   out NULL: "date_parse: invalid arguments (...)", column 0.
 */
ds_status_t date_parse(const char *s, size_t len, date_span_t *out, ds_error_t *e);

/* --- 4. date_parse_query_range ---------------------------------------------------- */

/*
 * Parse the searcher's date: argument s[0..len) (spaces around it or around ".." are
 * ignored):
 *   A..B     both ends ISO (YYYY, YYYY-MM or YYYY-MM-DD, any mix): from the first day of
 *            A to the last day of B ("2021-03..2021-04" is 20210301..20210430);
 *   ..B      open start: {DATE_DAY_MIN, last day of B};
 *   A..      open end:   {first day of A, DATE_DAY_MAX};
 *   A        no "..": anything date_parse() accepts ("2021", "2021-03",
 *            "2021-02-19/2021-02-22", even "19 February 2021"), its span.
 * The result is meant for date_span_overlaps() against document spans (section 2).
 * Returns DS_OK with *out set (e, if not NULL, cleared), or DS_ERR_INVALID with *out
 * {0, 0} and e (if not NULL) holding the message and its byte column in s, as
 * date_parse gives them: a bad side, both ends open (".."), an end before the start, a
 * second ".."; or the NULL arguments of date_parse ("date_parse_query_range: invalid
 * arguments (...)", column 0).
 */
ds_status_t date_parse_query_range(const char *s, size_t len, date_span_t *out, ds_error_t *e);

/* --- 5. date_find ----------------------------------------------------------------- */

/*
 * Find the first date expression (section 3) that starts at or after byte from in the
 * UTF-8 text[0..len); text need not be NUL-terminated and nothing at or after
 * text + len is read. Used for "On 19 - 22 February 2021, the Kingdom of ..." (the
 * statement's date) and footnotes (the report parser picks the cited document's date
 * among a footnote's dates). Differences from date_parse, all to avoid false dates in prose:
 *   - a bare year ("in 2015", "2015 recommendation") and ISO YYYY are NOT dates; a
 *     month with its year ("in July 2020") and ISO YYYY-MM(-DD) are;
 *   - month names must be capitalized ("May", "MAY"): "may" and "march" are verbs;
 *   - an expression starts on a word boundary: not directly after a letter, digit,
 *     '_', '-', U+2010..U+2013, '/', '.' or '@' ("AHC1", "COVID-19", "mission.2");
 *     after a space, bracket, quote, ',', ';', ':', em dash is fine;
 *   - a number glued to a word character after it ("13f", "19February") is not a day
 *     or year, and an ISO date followed by '-' and a word character ("2020-03-02-en")
 *     is not a date; "13(f)", "para 50", "Day 2: 3rd meeting" are bare numbers without
 *     a month, so nothing either;
 *   - a run of non-space text holding '/', "www." or '@' (URLs, "A/RES/75/282") is
 *     skipped whole, dates inside it included;
 *   - when the expression as written cannot be resolved, items are dropped from its
 *     end until it can ("10 March 2021, 13 States" -> 10 March 2021 only); a failed
 *     start is not reported, scanning goes on from the next word;
 *   - day-month forms with no year anywhere after them in the expression
 *     ("29 September - 1 October", "February 19") take default_year when it is > 0,
 *     and are skipped otherwise; a month without a day ("May") never takes it.
 *     default_year is the caller's guess (the year of the surrounding text), used
 *     as is: no year is inferred across a new year.
 * Lists that continue across commas are one expression: "(29 September - 1 October,
 * 17 - 19 November, and 1 - 3 December)" with default_year 2020 gives
 * 20200929..20201203.
 *
 * On success *out is the span, *match_start and *match_end (each may be NULL) the
 * byte range [start, end) of the expression in text, and DS_OK is returned; the next
 * search can start at *match_end. Otherwise *out is {0, 0}, the offsets are not
 * written, and the status is DS_ERR_NOT_FOUND (no date at or after from; also when
 * from >= len) or DS_ERR_INVALID (text NULL with len > 0, out NULL, or default_year
 * > 0 but outside 1000..9999).
 */
ds_status_t date_find(const char *text, size_t len, size_t from, date_span_t *out,
                      size_t *match_start, size_t *match_end, int default_year);

#endif
