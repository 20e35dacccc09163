/*
 * dates.c - calendar days, date expressions, query ranges, dates in free text.
 *
 * Map
 *   1. Calendar and formatting          date_valid_day, date_format_*, overlaps
 *   2. Bytes: UTF-8, spaces, dashes, word boundaries
 *   3. Lexer: numbers, month names, separators
 *   4. Items and lists: the grammar of dates.h section 3
 *   5. Resolution: filling years and months, validating, ordering, the span
 *   6. date_parse and date_parse_query_range (strict: whole string, errors)
 *   7. date_find (prose: boundaries, URLs, dropping unresolvable tails)
 *
 * One parser serves both modes through pctx_t: `strict` records the first error with
 * its byte position (date_parse), `prose` applies the stricter rules of date_find. The
 * parser never reads at or past c->len.
 */
#include "dates.h"

#include <stdarg.h>
#include <stdio.h> /* vsnprintf */
#include <string.h>

#include "utf8.h"

/* --- 1. Calendar and formatting ---------------------------------------------------- */

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

int date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && date_is_leap_year(year))
        return 29;
    return days[month - 1];
}

int32_t date_make_day(int year, int month, int mday)
{
    if (year < 1 || year > 9999 || mday < 1 || mday > date_days_in_month(year, month))
        return 0;
    return (int32_t)(year * 10000 + month * 100 + mday);
}

int date_valid_day(int32_t day)
{
    if (day <= 0)
        return 0;
    int y = (int)(day / 10000), m = (int)(day / 100 % 100), d = (int)(day % 100);
    return date_make_day(y, m, d) == day;
}

/* Write value (>= 0) as n zero-padded digits at out. */
static void put_digits(char *out, int value, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

/* The first and the last day of day's month. */
static int32_t month_first(int32_t day)
{
    return day / 100 * 100 + 1;
}

static int32_t month_last(int32_t day)
{
    return day / 100 * 100 + date_days_in_month((int)(day / 10000), (int)(day / 100 % 100));
}

ds_status_t date_format_span(date_span_t span, char *start, char *end)
{
    if (!start || !end)
        return DS_ERR_INVALID;
    if (date_format_iso(span.start, start) != DS_OK || date_format_iso(span.end, end) != DS_OK ||
        span.start > span.end) {
        start[0] = end[0] = '\0';
        return DS_ERR_INVALID;
    }
    int months = span.start == month_first(span.start) && span.end == month_last(span.end);
    int years = months && span.start % 10000 == 101 && span.end % 10000 == 1231;
    size_t keep = years ? 4 : months ? 7 : DATE_ISO_LEN;
    start[keep] = end[keep] = '\0';
    return DS_OK;
}

ds_status_t date_format_iso(int32_t day, char *out)
{
    if (!out)
        return DS_ERR_INVALID;
    out[0] = '\0';
    if (!date_valid_day(day))
        return DS_ERR_INVALID;
    put_digits(out, (int)(day / 10000), 4);
    out[4] = '-';
    put_digits(out + 5, (int)(day / 100 % 100), 2);
    out[7] = '-';
    put_digits(out + 8, (int)(day % 100), 2);
    out[DATE_ISO_LEN] = '\0';
    return DS_OK;
}

ds_status_t date_format_sortable(int32_t day, char *out)
{
    if (!out)
        return DS_ERR_INVALID;
    out[0] = '\0';
    if (!date_valid_day(day))
        return DS_ERR_INVALID;
    put_digits(out, (int)day, DATE_SORTABLE_LEN);
    out[DATE_SORTABLE_LEN] = '\0';
    return DS_OK;
}

ds_status_t date_from_sortable(const char *s, size_t len, int32_t *day)
{
    if (!day)
        return DS_ERR_INVALID;
    *day = 0;
    if (!s || len != DATE_SORTABLE_LEN)
        return DS_ERR_INVALID;
    int32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return DS_ERR_INVALID;
        v = v * 10 + (s[i] - '0');
    }
    if (!date_valid_day(v))
        return DS_ERR_INVALID;
    *day = v;
    return DS_OK;
}

int date_span_overlaps(date_span_t a, date_span_t b)
{
    return a.start <= b.end && a.end >= b.start;
}

/* --- 2. Bytes ----------------------------------------------------------------------- */

#define NO_POS ((size_t)-1)
#define MAX_ITEMS 32

typedef struct pctx {
    const char *s;
    size_t len;
    int strict;     /* date_parse: record the first error */
    int prose;      /* date_find: no bare years, capitalized months, ISO boundaries */
    int failed;     /* strict only: an error was recorded */
    size_t err_pos; /* byte offset of the first error */
    char msg[200];
} pctx_t;

static void fail(pctx_t *c, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(pctx_t *c, size_t pos, const char *fmt, ...)
{
    if (!c->strict || c->failed)
        return;
    c->failed = 1;
    c->err_pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
}

static int is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_alpha(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static unsigned char lower(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch - 'A' + 'a') : ch;
}

/* The code point at p (p < len), U+FFFD when invalid (utf8_decode). Returns its width in
 * bytes (utf8_next's step). */
static size_t decode(const char *s, size_t len, size_t p, unsigned *cp)
{
    uint32_t v;
    int n = utf8_decode(s + p, len - p, &v);
    *cp = v;
    return (size_t)(n < 0 ? -n : n);
}

/* The code point that ends just before p (p > 0): the character utf8_prev finds, or
 * U+FFFD when it is not a valid one. */
static unsigned cp_before(const char *s, size_t p)
{
    size_t q = utf8_prev(s, p);
    uint32_t v;
    utf8_decode(s + q, p - q, &v); /* exactly s[q..p): valid, or U+FFFD */
    return v;
}

/*
 * The nearest byte at or before p (and at or after lo) that is not a UTF-8 continuation
 * byte; lo if there is none. In valid UTF-8 that is the start of the character holding
 * s[p] (so lead_at(s, lo, p - 1) is utf8_prev(s, p)). In invalid text a run of stray
 * continuation bytes goes with the byte before it, where utf8_prev makes each one a
 * character: the quotes of messages and the start of a run have always been cut so
 * here, and are kept so. Anything else steps with utf8_next / utf8_prev.
 */
static size_t lead_at(const char *s, size_t lo, size_t p)
{
    while (p > lo && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    return p;
}

static int space_cp(unsigned cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int dash_cp(unsigned cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Letters, digits and '_' (ASCII), and every non-ASCII code point except spaces,
 * Latin-1 punctuation and the punctuation blocks: a date cannot be glued to one. */
static int word_cp(unsigned cp)
{
    if (cp < 0x80)
        return is_alpha((unsigned char)cp) || is_digit((unsigned char)cp) || cp == '_';
    if (space_cp(cp) || cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F))
        return 0;
    return 1;
}

/* Width of the space at p, or 0. */
static size_t space_at(const pctx_t *c, size_t p)
{
    if (p >= c->len)
        return 0;
    unsigned cp;
    size_t w = decode(c->s, c->len, p, &cp);
    return space_cp(cp) ? w : 0;
}

static size_t dash_at(const pctx_t *c, size_t p)
{
    if (p >= c->len)
        return 0;
    unsigned cp;
    size_t w = decode(c->s, c->len, p, &cp);
    return dash_cp(cp) ? w : 0;
}

static int word_at(const pctx_t *c, size_t p)
{
    if (p >= c->len)
        return 0;
    unsigned cp;
    decode(c->s, c->len, p, &cp);
    return word_cp(cp);
}

static size_t skip_space(const pctx_t *c, size_t p)
{
    size_t w;
    while ((w = space_at(c, p)) != 0)
        p += w;
    return p;
}

/* Bytes of the text at pos to quote in a message: up to the next space or limit, at
 * most 24 bytes, never cutting a UTF-8 character or including control bytes. */
static int quote_upto(const pctx_t *c, size_t pos, size_t limit)
{
    size_t p = pos;
    while (p < limit && p - pos < 24) {
        unsigned char ch = (unsigned char)c->s[p];
        if (ch <= ' ' || ch == 0x7F || space_at(c, p))
            break;
        p++;
    }
    if (p < c->len)
        p = lead_at(c->s, pos, p);
    return (int)(p - pos);
}

static int quote_len(const pctx_t *c, size_t pos)
{
    return quote_upto(c, pos, c->len);
}

/* --- 3. Lexer ----------------------------------------------------------------------- */

enum tok_kind { TK_NONE, TK_NUM, TK_MONTH, TK_DASH, TK_COMMA, TK_AND, TK_TO };

typedef struct tok {
    int kind;
    int val;      /* TK_NUM: value (first 9 digits); TK_MONTH: 1..12 */
    int ndigits;  /* TK_NUM: number of digits, suffix excluded */
    int ordinal;  /* TK_NUM: had st/nd/rd/th; TK_MONTH: abbreviated */
    size_t start; /* bytes [start, end) */
    size_t end;
} tok_t;

static int ordinal_suffix(const pctx_t *c, size_t p)
{
    if (p + 2 > c->len)
        return 0;
    char a = (char)lower((unsigned char)c->s[p]), b = (char)lower((unsigned char)c->s[p + 1]);
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
           (a == 't' && b == 'h');
}

/* A run of digits, optionally with an ordinal suffix (days only), not glued to a word
 * character after it. */
static int lex_num(const pctx_t *c, size_t pos, tok_t *t)
{
    size_t p = pos;
    int v = 0, nd = 0;
    while (p < c->len && is_digit((unsigned char)c->s[p])) {
        if (nd < 9)
            v = v * 10 + (c->s[p] - '0');
        nd++;
        p++;
    }
    t->ordinal = 0;
    if (nd <= 2 && ordinal_suffix(c, p)) {
        t->ordinal = 1;
        p += 2;
    }
    if (word_at(c, p))
        return TK_NONE;
    t->val = v;
    t->ndigits = nd;
    t->end = p;
    return TK_NUM;
}

/* Does the letter run s[pos..pos+n) name a month? Full names, 3-letter abbreviations and
 * "Sept". Returns 1..12 or 0; *abbrev tells whether it was shortened. */
static int month_of(const char *w, size_t n, int *abbrev)
{
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if (n > full || (n != full && n != 3 && !(m == 8 && n == 4)))
            continue;
        size_t i = 0;
        while (i < n && lower((unsigned char)w[i]) == lower((unsigned char)month_names[m][i]))
            i++;
        if (i == n) {
            *abbrev = n < full;
            return m + 1;
        }
    }
    return 0;
}

static int word_is(const char *w, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)w[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

/* A whole ASCII word: a month name, "and", or a range word. */
static int lex_word(const pctx_t *c, size_t pos, tok_t *t)
{
    size_t p = pos;
    while (p < c->len && is_alpha((unsigned char)c->s[p]))
        p++;
    if (word_at(c, p))
        return TK_NONE;
    const char *w = c->s + pos;
    size_t n = p - pos;
    t->end = p;
    if (word_is(w, n, "and"))
        return TK_AND;
    if (word_is(w, n, "to") || word_is(w, n, "through") || word_is(w, n, "until"))
        return TK_TO;
    t->val = month_of(w, n, &t->ordinal);
    if (!t->val)
        return TK_NONE;
    /* In prose, "may" and "march" are words first: months are capitalized there. */
    if (c->prose && !(w[0] >= 'A' && w[0] <= 'Z'))
        return TK_NONE;
    return TK_MONTH;
}

/* The token starting exactly at pos (no spaces skipped); t->kind is TK_NONE if none. */
static int lex(const pctx_t *c, size_t pos, tok_t *t)
{
    memset(t, 0, sizeof *t);
    t->start = t->end = pos;
    if (pos >= c->len)
        return t->kind = TK_NONE;
    unsigned char ch = (unsigned char)c->s[pos];
    size_t w;
    if (is_digit(ch))
        t->kind = lex_num(c, pos, t);
    else if (is_alpha(ch))
        t->kind = lex_word(c, pos, t);
    else if (ch == ',' || ch == '&') {
        t->kind = ch == ',' ? TK_COMMA : TK_AND;
        t->end = pos + 1;
    } else if ((w = dash_at(c, pos)) != 0) {
        t->kind = TK_DASH;
        t->end = pos + w;
    }
    if (t->kind == TK_NONE)
        t->end = pos;
    return t->kind;
}

/* --- 4. Items and lists ------------------------------------------------------------- */

typedef struct item {
    int year, month, day; /* 0 when not written (filled in by resolution) */
    int has_day;          /* a day was written (it may be 0: an error to report) */
    int month_first;      /* written "February 19": lends its month to a bare day after */
    size_t start, end;    /* bytes of the item as written */
    size_t day_pos;       /* for messages */
} item_t;

static int year_ok(pctx_t *c, const tok_t *y)
{
    if (y->ndigits == 4 && y->val >= DATE_YEAR_MIN)
        return 1;
    int n = y->ndigits < 12 ? y->ndigits : 12;
    fail(c, y->start, "year %.*s%s is out of range (%d-%d)", n, c->s + y->start,
         y->ndigits > 12 ? "..." : "", DATE_YEAR_MIN, DATE_YEAR_MAX);
    return 0;
}

/* An optional year after pos (after a comma too if allow_comma). */
static void year_after(pctx_t *c, size_t pos, item_t *it, int allow_comma)
{
    size_t p = skip_space(c, pos);
    if (allow_comma && p < c->len && c->s[p] == ',')
        p = skip_space(c, p + 1);
    tok_t y;
    if (lex(c, p, &y) != TK_NUM || y.ordinal || y.ndigits < 3)
        return;
    if (!year_ok(c, &y))
        return;
    it->year = y.val;
    it->end = y.end;
}

/* Exactly two digits at p followed by no digit: their value, or -1. */
static int two_digits(const pctx_t *c, size_t p)
{
    if (p + 2 > c->len || !is_digit((unsigned char)c->s[p]) ||
        !is_digit((unsigned char)c->s[p + 1]))
        return -1;
    if (p + 2 < c->len && is_digit((unsigned char)c->s[p + 2]))
        return -1;
    return (c->s[p] - '0') * 10 + (c->s[p + 1] - '0');
}

/* ISO YYYY-MM or YYYY-MM-DD after the year token y (s[y->end] is '-'). */
static int parse_iso(pctx_t *c, const tok_t *y, item_t *it)
{
    if (!year_ok(c, y))
        return 0;
    size_t p = y->end + 1;
    int m = two_digits(c, p);
    if (m < 0) {
        fail(c, p, "expected a 2-digit month after '%.*s-'", 4, c->s + y->start);
        return 0;
    }
    if (m < 1 || m > 12) {
        fail(c, p, "month %02d is out of range (01-12)", m);
        return 0;
    }
    it->year = y->val;
    it->month = m;
    p += 2;
    if (p + 1 < c->len && c->s[p] == '-' && is_digit((unsigned char)c->s[p + 1])) {
        int d = two_digits(c, p + 1);
        if (d < 0) {
            fail(c, p + 1, "expected a 2-digit day after '%.*s'", 7, c->s + y->start);
            return 0;
        }
        it->day = d;
        it->has_day = 1;
        it->day_pos = p + 1;
        p += 3;
    }
    it->end = p;
    /* In prose "2020-03-02-en" or "2021-03-12/x" is part of something else. */
    if (c->prose && p < c->len &&
        (word_at(c, p) || c->s[p] == '/' || (dash_at(c, p) && word_at(c, p + dash_at(c, p)))))
        return 0;
    return 1;
}

/* An item starting with a number of 3+ digits: ISO, or a bare year (not in prose). */
static int parse_numeric(pctx_t *c, const tok_t *t, item_t *it)
{
    size_t p = t->end;
    int iso = p + 1 < c->len && c->s[p] == '-' && is_digit((unsigned char)c->s[p + 1]);
    if (iso) {
        size_t q = p + 1;
        while (q < c->len && is_digit((unsigned char)c->s[q]))
            q++;
        iso = q - (p + 1) != 4; /* "2020-2021" is a range of years */
    }
    if (iso)
        return parse_iso(c, t, it);
    if (c->prose || !year_ok(c, t))
        return 0;
    it->year = t->val;
    it->end = t->end;
    return 1;
}

/* "19", "19 February", "19 February 2021", and a US range end "22, 2021". */
static int parse_day_first(pctx_t *c, const tok_t *t, item_t *it)
{
    it->day = t->val;
    it->has_day = 1;
    it->day_pos = t->start;
    it->end = t->end;
    tok_t m;
    if (lex(c, skip_space(c, t->end), &m) == TK_MONTH) {
        it->month = m.val;
        it->end = m.end;
        size_t p = m.end;
        if (m.ordinal && p < c->len && c->s[p] == '.')
            p++;
        year_after(c, p, it, 0);
    } else {
        year_after(c, t->end, it, 1);
    }
    return 1;
}

/* "February", "February 2021", "February 19", "February 19, 2021". */
static int parse_month_first(pctx_t *c, const tok_t *t, item_t *it)
{
    it->month = t->val;
    it->month_first = 1;
    it->end = t->end;
    size_t p = t->end;
    if (t->ordinal && p < c->len && c->s[p] == '.')
        p++;
    tok_t d;
    if (lex(c, skip_space(c, p), &d) == TK_NUM && (d.ordinal || d.ndigits <= 2)) {
        it->day = d.val;
        it->has_day = 1;
        it->day_pos = d.start;
        it->end = d.end;
        year_after(c, d.end, it, 1);
    } else {
        year_after(c, p, it, 0);
    }
    return 1;
}

/* One item at pos (no spaces skipped). Returns 1, or 0 if there is none. */
static int parse_item(pctx_t *c, size_t pos, item_t *it)
{
    tok_t t;
    memset(it, 0, sizeof *it);
    it->start = pos;
    lex(c, pos, &t);
    if (t.kind == TK_NUM && !t.ordinal && t.ndigits >= 3)
        return parse_numeric(c, &t, it);
    if (t.kind == TK_NUM)
        return parse_day_first(c, &t, it);
    if (t.kind == TK_MONTH)
        return parse_month_first(c, &t, it);
    return 0;
}

/* A separator after pos: returns the position after it, or NO_POS. */
static size_t parse_sep(const pctx_t *c, size_t pos)
{
    tok_t t;
    switch (lex(c, skip_space(c, pos), &t)) {
    case TK_DASH:
    case TK_TO:
    case TK_AND:
        return t.end;
    case TK_COMMA: {
        tok_t a;
        if (lex(c, skip_space(c, t.end), &a) == TK_AND)
            return a.end;
        return t.end;
    }
    default:
        return NO_POS;
    }
}

/* Items joined by separators, from pos. Sets *n (0 if no item at pos) and returns the
 * end of the last item (pos if none). A separator not followed by an item is left
 * unconsumed (an error in strict mode). */
static size_t parse_list(pctx_t *c, size_t pos, item_t *items, size_t *n)
{
    *n = 0;
    if (!parse_item(c, pos, &items[0]))
        return pos;
    size_t end = items[0].end;
    *n = 1;
    for (;;) {
        size_t p = parse_sep(c, end);
        if (p == NO_POS)
            break;
        if (*n == MAX_ITEMS) {
            fail(c, skip_space(c, end), "too many dates in one list (at most %d)", MAX_ITEMS);
            break;
        }
        size_t q = skip_space(c, p);
        if (!parse_item(c, q, &items[*n])) {
            size_t sep = skip_space(c, end);
            fail(c, q, "expected a date after '%.*s'", (int)(p - sep), c->s + sep);
            break;
        }
        end = items[(*n)++].end;
    }
    return end;
}

/* --- 5. Resolution ------------------------------------------------------------------ */

/* A bare day takes the month of the nearest item after it that has one, else of the
 * item before it if that one is written month first ("February 19-22, 2021"). */
static int fill_months(pctx_t *c, item_t *it, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!it[i].has_day || it[i].month)
            continue;
        for (size_t j = i + 1; j < n && !it[i].month; j++)
            it[i].month = it[j].month;
        for (size_t j = i; j > 0 && !it[i].month; j--) {
            if (!it[j - 1].month)
                continue;
            it[i].month = it[j - 1].month_first ? it[j - 1].month : -1;
            it[i].month_first = it[j - 1].month_first; /* "February 19, 20 and 22" */
        }
        if (it[i].month <= 0) {
            fail(c, it[i].day_pos, "day %d has no month", it[i].day);
            return 0;
        }
    }
    return 1;
}

/* Items take the year of the nearest item after them that has one, else dflt (> 0);
 * a month without a day never takes dflt (in prose "May" alone is not a date). */
static int fill_years(pctx_t *c, item_t *it, size_t n, int dflt)
{
    int carry = 0;
    for (size_t i = n; i-- > 0;) {
        if (it[i].year) {
            carry = it[i].year;
            continue;
        }
        it[i].year = carry;
        if (!carry && dflt > 0 && it[i].has_day)
            it[i].year = dflt;
        if (!it[i].year) {
            fail(c, it[i].start, "no year given for this date");
            return 0;
        }
    }
    return 1;
}

static int item_span(pctx_t *c, const item_t *it, date_span_t *sp)
{
    int y = it->year, m = it->month;
    if (!m) {
        sp->start = y * 10000 + 101;
        sp->end = y * 10000 + 1231;
        return 1;
    }
    int dim = date_days_in_month(y, m);
    if (!it->has_day) {
        sp->start = y * 10000 + m * 100 + 1;
        sp->end = y * 10000 + m * 100 + dim;
        return 1;
    }
    if (it->day < 1 || it->day > dim) {
        fail(c, it->day_pos, "there is no day %d in %s %d (it has %d days)", it->day,
             month_names[m - 1], y, dim);
        return 0;
    }
    sp->start = sp->end = y * 10000 + m * 100 + it->day;
    return 1;
}

/* The span of items[0..n): fill, validate, check order. Does not change items. */
static int resolve(pctx_t *c, const item_t *items, size_t n, int dflt, date_span_t *out)
{
    item_t it[MAX_ITEMS];
    date_span_t sp[MAX_ITEMS];
    memcpy(it, items, n * sizeof *it);
    if (!fill_months(c, it, n) || !fill_years(c, it, n, dflt))
        return 0;
    *out = (date_span_t){0, 0};
    for (size_t i = 0; i < n; i++) {
        if (!item_span(c, &it[i], &sp[i]))
            return 0;
        if (i > 0 && sp[i].start < sp[i - 1].start) {
            char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];
            date_format_iso(sp[i].start, a);
            date_format_iso(sp[i - 1].start, b);
            fail(c, it[i].start, "%s is before %s: a range or list cannot go back in time", a, b);
            return 0;
        }
        if (i == 0 || sp[i].end > out->end)
            out->end = sp[i].end;
    }
    out->start = sp[0].start;
    return 1;
}

/* --- 6. date_parse and date_parse_query_range --------------------------------------- */

static void trim(const pctx_t *c, size_t *a, size_t *b)
{
    *a = skip_space(c, *a);
    while (*b > *a) {
        unsigned cp = cp_before(c->s, *b);
        if (!space_cp(cp))
            break;
        *b = utf8_prev(c->s, *b); /* a valid space: its first byte */
    }
}

static const char *const example = "like 2021-03-12 or 19 February 2021";

/* s[a..b) is one ISO date of any precision (a side of an interval or a query range). */
static int parse_iso_side(pctx_t *c, size_t a, size_t b, const char *what, item_t *it)
{
    tok_t t;
    size_t sa = a, sb = b;
    trim(c, &sa, &sb);
    if (sa == sb) {
        fail(c, sa, "expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) %s", what);
        return 0;
    }
    lex(c, sa, &t);
    if (t.kind != TK_NUM || t.ordinal || t.ndigits < 3) {
        fail(c, sa, "expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) %s, found '%.*s'", what,
             quote_upto(c, sa, sb), c->s + sa);
        return 0;
    }
    memset(it, 0, sizeof *it);
    it->start = sa;
    if (!parse_numeric(c, &t, it))
        return 0;
    if (it->end != sb) {
        fail(c, it->end, "unexpected '%.*s' after the date", quote_upto(c, it->end, sb),
             c->s + it->end);
        return 0;
    }
    return 1;
}

static int parse_interval(pctx_t *c, size_t a, size_t slash, size_t b, date_span_t *out)
{
    item_t it[2];
    if (!parse_iso_side(c, a, slash, "before '/'", &it[0]) ||
        !parse_iso_side(c, slash + 1, b, "after '/'", &it[1]))
        return 0;
    return resolve(c, it, 2, 0, out);
}

/* The whole of s[a..b) (already trimmed) as one expression. */
static int parse_whole(pctx_t *c, size_t a, size_t b, date_span_t *out)
{
    item_t items[MAX_ITEMS];
    size_t n;
    if (a == b) {
        fail(c, a, "expected a date (%s), found nothing", example);
        return 0;
    }
    const char *slash = memchr(c->s + a, '/', b - a);
    if (slash)
        return parse_interval(c, a, (size_t)(slash - c->s), b, out);
    size_t end = parse_list(c, a, items, &n);
    if (n == 0) {
        fail(c, a, "expected a date (%s), found '%.*s'", example, quote_len(c, a), c->s + a);
        return 0;
    }
    end = skip_space(c, end);
    if (end < b)
        fail(c, end, "unexpected '%.*s' after the date", quote_len(c, end), c->s + end);
    if (c->failed)
        return 0;
    return resolve(c, items, n, 0, out);
}

static ds_status_t report(const pctx_t *c, ds_error_t *e)
{
    if (c->failed)
        ds_error_set(e, DS_ERR_INVALID, c->err_pos + 1, "%s", c->msg);
    else
        ds_error_set(e, DS_ERR_INVALID, 0, "not a date");
    return DS_ERR_INVALID;
}

static int bad_args(const char *s, size_t len, date_span_t *out, ds_error_t *e, const char *fn)
{
    ds_error_clear(e);
    if (out)
        *out = (date_span_t){0, 0};
    if (out && (s || len == 0))
        return 0;
    ds_error_set(e, DS_ERR_INVALID, 0, "%s: invalid arguments (%s)", fn,
                 out ? "NULL string with a length" : "NULL result pointer");
    return 1;
}

ds_status_t date_parse(const char *s, size_t len, date_span_t *out, ds_error_t *e)
{
    if (bad_args(s, len, out, e, "date_parse"))
        return DS_ERR_INVALID;
    pctx_t c = {.s = s, .len = len, .strict = 1};
    size_t a = 0, b = len;
    trim(&c, &a, &b);
    if (parse_whole(&c, a, b, out))
        return DS_OK;
    *out = (date_span_t){0, 0};
    return report(&c, e);
}

/* Position of the first ".." in s[a..b), or NO_POS. */
static size_t find_dots(const pctx_t *c, size_t a, size_t b)
{
    for (size_t p = a; p + 1 < b; p++)
        if (c->s[p] == '.' && c->s[p + 1] == '.')
            return p;
    return NO_POS;
}

static int parse_range(pctx_t *c, size_t a, size_t dots, size_t b, date_span_t *out)
{
    item_t it;
    date_span_t lo = {DATE_DAY_MIN, DATE_DAY_MIN}, hi = {DATE_DAY_MAX, DATE_DAY_MAX};
    size_t la = a, lb = dots, ra = dots + 2, rb = b;
    trim(c, &la, &lb);
    trim(c, &ra, &rb);
    if (find_dots(c, ra, rb) != NO_POS) {
        fail(c, find_dots(c, ra, rb), "a date range has one '..', not two");
        return 0;
    }
    if (la == lb && ra == rb) {
        fail(c, dots, "a date range needs a start, an end or both (e.g. 2021-01..2021-06)");
        return 0;
    }
    if (la < lb && (!parse_iso_side(c, la, lb, "before '..'", &it) || !item_span(c, &it, &lo)))
        return 0;
    if (ra < rb && (!parse_iso_side(c, ra, rb, "after '..'", &it) || !item_span(c, &it, &hi)))
        return 0;
    if (hi.end < lo.start) {
        char x[DATE_ISO_LEN + 1], y[DATE_ISO_LEN + 1];
        date_format_iso(hi.end, x);
        date_format_iso(lo.start, y);
        fail(c, ra, "the range ends (%s) before it starts (%s)", x, y);
        return 0;
    }
    *out = (date_span_t){lo.start, hi.end};
    return 1;
}

ds_status_t date_parse_query_range(const char *s, size_t len, date_span_t *out, ds_error_t *e)
{
    if (bad_args(s, len, out, e, "date_parse_query_range"))
        return DS_ERR_INVALID;
    pctx_t c = {.s = s, .len = len, .strict = 1};
    size_t a = 0, b = len;
    trim(&c, &a, &b);
    size_t dots = find_dots(&c, a, b);
    if (dots == NO_POS)
        return date_parse(s, len, out, e);
    if (parse_range(&c, a, dots, b, out))
        return DS_OK;
    *out = (date_span_t){0, 0};
    return report(&c, e);
}

/* --- 7. date_find ------------------------------------------------------------------- */

/* May a date expression start at p? Only after a space, an opening bracket or quote,
 * ',', ';', ':', an em dash or bar -- not after a word character, a hyphen or en dash
 * ("COVID-19"), '/', '.', '@', ... */
static int starts_word(const pctx_t *c, size_t p)
{
    if (p == 0)
        return 1;
    unsigned cp = cp_before(c->s, p);
    if (cp < 0x80)
        return space_cp(cp) || (cp != 0 && strchr("([{<\"',;:*", (int)cp) != NULL);
    return !word_cp(cp) && (!dash_cp(cp) || cp == 0x2014 || cp == 0x2015);
}

/* A run of non-space text holding '/', '@' or "www." is a URL, a path or a UN symbol. */
static int urlish(const pctx_t *c, size_t a, size_t b)
{
    for (size_t p = a; p < b; p++) {
        char ch = c->s[p];
        if (ch == '/' || ch == '@')
            return 1;
        if (p + 4 <= b && lower((unsigned char)ch) == 'w' && word_is(c->s + p, 3, "www") &&
            c->s[p + 3] == '.')
            return 1;
    }
    return 0;
}

static size_t run_start(const pctx_t *c, size_t p)
{
    while (p > 0 && !space_cp(cp_before(c->s, p)))
        p = lead_at(c->s, 0, p - 1);
    return p;
}

/* Try an expression at p; on success fill the results and return 1. */
static int try_at(pctx_t *c, size_t p, int dflt, date_span_t *out, size_t *ms, size_t *me)
{
    unsigned char ch = (unsigned char)c->s[p];
    if ((!is_digit(ch) && !is_alpha(ch)) || !starts_word(c, p))
        return 0;
    item_t items[MAX_ITEMS];
    size_t n;
    parse_list(c, p, items, &n);
    for (size_t k = n; k > 0; k--) {
        /* The last item has nothing on its right to take a year from: it needs its
         * own, or a day and a default. A cheap test that spares most resolutions of
         * long runs of numbers ("1, 2, 3, ..."). */
        const item_t *last = &items[k - 1];
        if (!last->year && !(dflt > 0 && last->has_day))
            continue;
        if (resolve(c, items, k, dflt, out)) {
            if (ms)
                *ms = items[0].start;
            if (me)
                *me = items[k - 1].end;
            return 1;
        }
    }
    return 0;
}

ds_status_t date_find(const char *text, size_t len, size_t from, date_span_t *out,
                      size_t *match_start, size_t *match_end, int default_year)
{
    if (out)
        *out = (date_span_t){0, 0};
    if (!out || (!text && len) ||
        (default_year > 0 && (default_year < DATE_YEAR_MIN || default_year > DATE_YEAR_MAX)))
        return DS_ERR_INVALID;
    pctx_t c = {.s = text, .len = len, .prose = 1};
    size_t pos = from;
    while (pos < len) {
        size_t w = space_at(&c, pos);
        if (w) {
            pos += w;
            continue;
        }
        size_t end = pos;
        while (end < len && !space_at(&c, end))
            end++;
        if (!urlish(&c, run_start(&c, pos), end)) {
            for (size_t p = pos; p < end; p++)
                if (try_at(&c, p, default_year, out, match_start, match_end))
                    return DS_OK;
        }
        pos = end;
    }
    *out = (date_span_t){0, 0};
    return DS_ERR_NOT_FOUND;
}
