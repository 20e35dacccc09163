/*
 * rparse_headings.c - the typical line width of the body and the headings in it
 * (rparse.h, section 2, Headings). Works on the cleaned body lines (markers removed).
 */
#include <stdlib.h>
#include <string.h>

#include "rparse_int.h"

#define MAX_HEADING_LINES 3
#define MAX_HEADING_WORDS 14

static const char *const known_headings[] = {
    "introduction",    "conclusion",        "conclusions",
    "summary",         "executive summary", "background",
    "overview",        "appendix",          "appendices",
    "annex",           "annexes",           "references",
    "recommendations", "abstract",          "acknowledgements",
    "acknowledgments", "contents",          "table of contents",
    "foreword",        "preface",           "bibliography",
    "glossary",        "next steps",        "key findings",
    "findings",        "methodology",       "discussion",
    "outlook"};

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : (a > b);
}

/* 90th percentile of the widths of body lines of 20+ characters (80 if too few). */
static size_t typical_width(const rp_ctx_t *c)
{
    size_t m = 0, w = 80;
    size_t *v = malloc((c->nlines ? c->nlines : 1) * sizeof *v);
    if (!v)
        return w;
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].role == RL_BODY && c->lines[i].width >= 20)
            v[m++] = c->lines[i].width;
    if (m >= 5) {
        qsort(v, m, sizeof *v, cmp_size);
        w = v[(m - 1) * 9 / 10];
    }
    free(v);
    return w;
}

/* Length of a numbering prefix ("2. ", "3.1 ", "IV. ", "B. ") with its spaces, or 0. */
static size_t numbering(const char *s, size_t n)
{
    size_t i = 0;
    if (n > 0 && s[0] >= '0' && s[0] <= '9') {
        while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
            i++;
        if (i < n && s[i] == ')')
            i++;
        if (!memchr(s, '.', i) && s[i - 1] != ')') /* "12 March 2021" is a date */
            return 0;
    } else {
        while (i < n && i < 5 && strchr("IVX", s[i]))
            i++;
        if (i == 0 && n > 0 && s[0] >= 'A' && s[0] <= 'Z')
            i = 1;
        if (i == 0 || i >= n || s[i] != '.')
            return 0;
        i++;
    }
    if (i >= n || s[i] != ' ')
        return 0;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

static int is_known(const char *s, size_t n)
{
    char w[32] = {0};
    size_t k = 0;
    for (; k < n && k < sizeof w - 1; k++)
        w[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] - 'A' + 'a') : s[k];
    if (k == n) {
        w[k] = '\0';
        for (size_t j = 0; j < sizeof known_headings / sizeof *known_headings; j++) {
            size_t l = strlen(known_headings[j]);
            /* the word alone, or followed by a short label: "Appendix A", "Annex II" */
            if (strncmp(w, known_headings[j], l) == 0 &&
                (w[l] == '\0' || (w[l] == ' ' && n - l - 1 <= 4 && !strchr(w + l + 1, ' '))))
                return 1;
        }
    }
    return 0;
}

/* ". Capital" inside the line after a word that is no abbreviation (U.N., J., Mr.). */
static int has_sentence_break(const char *s, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++) {
        if (!strchr(".!?", s[i]) || s[i + 1] != ' ' || !rp_is_upper_start(s + i + 2, n - i - 2))
            continue;
        size_t w = i;
        while (w > 0 && s[w - 1] != ' ')
            w--;
        if (memchr(s + w, '.', i - w) || i - w < 2 || (i - w == 2 && s[w + 1] >= 'a'))
            continue;
        return 1;
    }
    return 0;
}

/* Title-Case: >= 75% of the words that start with a letter, small words aside, start
 * with a capital. */
static int title_case(const char *s, size_t n)
{
    size_t i = 0, caps = 0, total = 0, words = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == a)
            break;
        words++;
        size_t k = a, cl;
        for (; k < i; k += cl) {
            uint32_t cp = rp_next_cp(s, i, k, &cl);
            if (cp != '(' && cp != '[' && cp != '\'' && !rp_is_open_quote(cp))
                break;
        }
        if (k >= i || rp_is_small_word(s + k, i - k))
            continue;
        if (rp_is_upper_start(s + k, i - k))
            caps++, total++;
        else if (rp_is_lower_start(s + k, i - k))
            total++;
    }
    return words <= MAX_HEADING_WORDS && total > 0 && caps * 4 >= total * 3;
}

static int last_word_small(const char *s, size_t n)
{
    size_t a = n;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    return rp_is_small_word(s + a, n - a);
}

/* The shape of a heading line (standing alone is checked by the caller). */
static int head_shape(const rp_ctx_t *c, const rp_line_t *ln)
{
    const char *s = ln->c;
    size_t n = ln->cn, cl;
    if (n < 3 || ln->width * 10 > c->width * 7 || ln->width > 120)
        return 0;
    if (rp_has_url(s, n) || rp_on_date(s, n, c->default_year, NULL, NULL) || rp_is_point(s, n))
        return 0;
    size_t p = numbering(s, n);
    if (is_known(s + p, n - p))
        return 1;
    if (rp_is_open_quote(rp_next_cp(s, n, 0, &cl)))
        return 0;
    if (!rp_is_upper_start(s + p, n - p) && s[p] != '(')
        return 0;
    if (rp_ends_sentence(s, n, 1, 1) || s[n - 1] == ',' || last_word_small(s, n))
        return 0;
    return !has_sentence_break(s, n) && title_case(s + p, n - p);
}

/* The body line next to i in direction dir (+1/-1), skipping footnote and page-number
 * lines; c->nlines if none. */
static size_t neighbour(const rp_ctx_t *c, size_t i, int dir)
{
    for (;;) {
        if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= c->nlines))
            return c->nlines;
        i = dir > 0 ? i + 1 : i - 1;
        int role = c->lines[i].role;
        if (role == RL_BODY || role == RL_BLANK)
            return i;
    }
}

static int ends_block(const rp_line_t *ln)
{
    size_t cl;
    uint32_t e = rp_prev_cp(ln->c, ln->cn, &cl);
    return ln->heading || rp_ends_sentence(ln->c, ln->cn, 1, 1) || rp_is_close_quote(e) ||
           e == ')' || e == ']';
}

void rp_headings(rp_ctx_t *c)
{
    c->width = typical_width(c);
    for (size_t i = 0; i < c->nlines; i++) {
        rp_line_t *ln = &c->lines[i];
        if (ln->role != RL_BODY || !head_shape(c, ln))
            continue;
        size_t p = neighbour(c, i, -1);
        if (p < c->nlines && c->lines[p].role == RL_BODY && !ends_block(&c->lines[p]))
            continue;
        size_t last = i, k;
        for (int m = 1; m < MAX_HEADING_LINES; m++) {
            k = neighbour(c, last, +1);
            if (k >= c->nlines || c->lines[k].role != RL_BODY || !head_shape(c, &c->lines[k]))
                break;
            last = k;
        }
        k = neighbour(c, last, +1);
        if (k < c->nlines && c->lines[k].role == RL_BODY &&
            !rp_starts_block(c->lines[k].c, c->lines[k].cn))
            continue;
        ln->heading = 1;
        for (k = neighbour(c, i, +1); k <= last && k < c->nlines; k = neighbour(c, k, +1))
            c->lines[k].heading = 2;
        i = last;
    }
}
