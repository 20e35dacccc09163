/*
 * rparse_furniture.c - page furniture: page-number lines and running headers and
 * footers, found at the top and bottom of the pages and dropped from the flow like
 * footnote blocks (role RL_PAGENUM); the page's printed number is kept as its label
 * (rparse.h, section 2, Pages).
 *
 * Map
 *   pagenum_form()   "12", "- 12 -", "Page 12", "Page 12 of 30", "12 / 30", "xii"
 *   same_masked()    two lines equal but for page-counting digit runs and white space
 *   part()           the first or last part of a -layout header set apart by a gap
 *   edge_slots()     the first and last EDGE text lines of each page
 *   section_footer() a footer that shows its section's heading before the page number
 *   rp_furniture()   page numbers, repeated edge lines, section footers, labels
 */
#include <stdlib.h>
#include <string.h>

#include "rparse_int.h"

/* Lines looked at on each edge of a page: a header may sit above a chapter line or a
 * list label the extractor put first, a footer below the page number. */
#define EDGE 3

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_roman(char ch)
{
    return strchr("ivxlcdm", ch) != NULL;
}

/* s[0..n) is a roman numeral in lower case, 1-8 letters ("xii"; upper case is too
 * often a word or an initial). */
static int roman(const char *s, size_t n)
{
    if (n == 0 || n > 8 || (n == 1 && !strchr("ivx", s[0])))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_roman(s[i]))
            return 0;
    return 1;
}

/* s[0..n) is a run of 1-4 digits, or a roman numeral (roman != 0). */
static int number_word(const char *s, size_t n, int allow_roman)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == n && n >= 1 && n <= 4)
        return 1;
    return allow_roman && roman(s, n);
}

/* Bytes of the dash (- – —) s starts (ends) with, or 0. */
static size_t dash_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-')
        return 1;
    return n >= 3 && (memcmp(s, "–", 3) == 0 || memcmp(s, "—", 3) == 0) ? 3 : 0;
}

static size_t dash_end(const char *s, size_t n)
{
    if (n >= 1 && s[n - 1] == '-')
        return 1;
    return n >= 3 && (memcmp(s + n - 3, "–", 3) == 0 || memcmp(s + n - 3, "—", 3) == 0) ? 3 : 0;
}

/*
 * A page-number line: "12", "- 12 -", "–2" (any dash), "Page 12", "Page 12 of 30",
 * "12 / 30", "xii". Returns 1 and the printed number in *lab / *labn.
 */
static int pagenum_form(const char *s, size_t n, const char **lab, size_t *labn)
{
    if (n > 5 && (strncmp(s, "Page ", 5) == 0 || strncmp(s, "page ", 5) == 0)) {
        s += 5;
        n -= 5;
        const char *of = NULL;
        for (size_t i = 0; i + 4 <= n && !of; i++)
            if (memcmp(s + i, " of ", 4) == 0)
                of = s + i;
        if (of && number_word(of + 4, n - (size_t)(of + 4 - s), 0))
            n = (size_t)(of - s);
    } else {
        /* "- 12 -", "–2", "-12-": dashes (and spaces) on either side */
        size_t d;
        while ((d = dash_at(s, n)) > 0) {
            s += d;
            n -= d;
            while (n > 0 && *s == ' ')
                s++, n--;
        }
        while (n > 0 && (s[n - 1] == ' ' || dash_end(s, n) > 0))
            n -= s[n - 1] == ' ' ? 1 : dash_end(s, n);
        const char *sl = memchr(s, '/', n);
        if (sl && sl > s + 1 && sl[-1] == ' ' && sl + 2 < s + n && sl[1] == ' ' &&
            number_word(sl + 2, n - (size_t)(sl + 2 - s), 0))
            n = (size_t)(sl - 1 - s);
    }
    if (!number_word(s, n, 1))
        return 0;
    *lab = s;
    *labn = n;
    return 1;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

static int is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The value of the digit run at s + *i (moved past it), at most 9 digits read. */
static long digit_run(const char *s, size_t n, size_t *i)
{
    long v = 0;
    for (size_t k = 0; *i < n && is_digit(s[*i]); (*i)++, k++)
        if (k < 9)
            v = v * 10 + (s[*i] - '0');
    return v;
}

/* The same furniture line on two pages: equal but for the width of white space (-layout
 * pads a header to the page's width) and for digit runs that count the pages: a run
 * either keeps its value ("Chapter 5", "2021") or changes by as much as the page number
 * ("Page 9 of 12" on page 9, "Page 10 of 12" on page 10). A line whose numbers change
 * otherwise ("3 Ibid." ending pages 4 and 6) is no furniture. */
static int same_masked(const rp_line_t *x, const rp_line_t *y)
{
    long dp = (long)y->page - (long)x->page;
    size_t i = 0, j = 0;
    while (i < x->n && j < y->n) {
        int dx = is_digit(x->s[i]), dy = is_digit(y->s[j]);
        if (dx && dy) {
            long vx = digit_run(x->s, x->n, &i), vy = digit_run(y->s, y->n, &j);
            if (vx != vy && vy - vx != dp)
                return 0;
        } else if (is_space(x->s[i]) && is_space(y->s[j])) {
            while (i < x->n && is_space(x->s[i]))
                i++;
            while (j < y->n && is_space(y->s[j]))
                j++;
        } else if (x->s[i++] != y->s[j++]) {
            return 0;
        }
    }
    return i == x->n && j == y->n;
}

/* s[0..n) holds no letter and at least two digit runs: a date stamp ("1998/06/01") or a
 * revision number at a page's edge, read by its shape (same_shape). */
static int letterless(const char *s, size_t n)
{
    size_t runs = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80 || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
            return 0;
        runs += is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]));
    }
    return runs >= 2;
}

/* Two letterless lines of the same shape: equal but for the values of their digit runs
 * (of the same lengths) and the width of white space. A margin note's date that changes
 * from page to page ("1998/06/01", "2019/07/10") repeats so, as a running footer's text
 * does; a line without a word loses no word when it is dropped. */
static int same_shape(const rp_line_t *x, const rp_line_t *y)
{
    if (x->num || y->num || x->inum || y->inum || !letterless(x->s, x->n) ||
        !letterless(y->s, y->n))
        return 0;
    size_t i = 0, j = 0;
    while (i < x->n && j < y->n) {
        if (is_space(x->s[i]) && is_space(y->s[j])) {
            while (i < x->n && is_space(x->s[i]))
                i++;
            while (j < y->n && is_space(y->s[j]))
                j++;
        } else if (is_digit(x->s[i]) != is_digit(y->s[j]) ||
                   (!is_digit(x->s[i]) && x->s[i] != y->s[j])) {
            return 0;
        } else {
            i++, j++;
        }
    }
    return i == x->n && j == y->n;
}

/* slot[(p * 2 + side) * EDGE + k]: page p's k-th text line from its top (side 0) or
 * bottom (side 1), or (size_t)-1. Pages are [st[p], st[p + 1]). */
static void edge_slots(const rp_ctx_t *c, const size_t *st, size_t np, size_t *slot)
{
    for (size_t p = 0; p < np; p++)
        for (size_t side = 0; side < 2; side++) {
            size_t *sl = slot + (p * 2 + side) * EDGE, k = 0, ps = st[p], pe = st[p + 1];
            for (size_t q = 0; q < EDGE; q++)
                sl[q] = (size_t)-1;
            for (size_t m = 0; m < pe - ps && k < EDGE; m++) {
                size_t i = side == 0 ? ps + m : pe - 1 - m;
                if (c->lines[i].role == RL_BODY)
                    sl[k++] = i;
            }
        }
}

static void set_label(rp_ctx_t *c, size_t page, const char *s, size_t n)
{
    if (page >= 1 && page <= c->npages && c->labels && !c->labels[page - 1][0]) {
        char *l = ds_arena_strndup(c->arena, s, n);
        if (l)
            c->labels[page - 1] = l;
    }
}

/* The printed number a running header or footer holds at its start or end ("50
 * Chapter 5. Managing Packages", "5.2. Using dpkg 51"): a digit run or roman numeral
 * set off by white space, the one at the end first ("5 PACKAGE OPTIONS 10": a section
 * number opens it). */
static void header_label(rp_ctx_t *c, const rp_line_t *ln)
{
    size_t a = 0;
    while (a < ln->n && ln->s[a] != ' ' && ln->s[a] != '\t')
        a++;
    size_t b = ln->n;
    while (b > 0 && ln->s[b - 1] != ' ' && ln->s[b - 1] != '\t')
        b--;
    if (b > 0 && number_word(ln->s + b, ln->n - b, 1)) /* "5 PACKAGE OPTIONS 10": 10 */
        set_label(c, ln->page, ln->s + b, ln->n - b);
    else if (a < ln->n && number_word(ln->s, a, 1))
        set_label(c, ln->page, ln->s, a);
}

/* In -layout a running header sets its parts apart by wide gaps, one of them often
 * changing from page to page ("CHAPTER 2. PREREQUISITES      2.5. DEBIAN DOCUMENTATION").
 * *out: line ln reduced to its first (which 1) or last (which 2) part, when it has a gap
 * of GAP spaces or more and that part at least 3 letters; which 0: the whole line.
 * Returns 0 when there is no such part. */
#define GAP 3
static int part(const rp_line_t *ln, int which, rp_line_t *out)
{
    *out = *ln;
    if (which == 0)
        return 1;
    size_t a = 0, e = ln->n, run = 0, first_gap = ln->n, last_gap = 0;
    for (size_t i = 0; i < ln->n; i++) {
        run = ln->s[i] == ' ' ? run + 1 : 0;
        if (run == GAP) {
            first_gap = first_gap < i ? first_gap : i + 1 - GAP;
            last_gap = i + 1;
        }
    }
    if (first_gap == ln->n)
        return 0;
    if (which == 1) {
        e = first_gap;
    } else {
        a = last_gap;
        while (a < ln->n && ln->s[a] == ' ')
            a++;
    }
    size_t letters = 0;
    for (size_t i = a; i < e; i++)
        letters += (ln->s[i] | 0x20) >= 'a' && (ln->s[i] | 0x20) <= 'z';
    out->s = ln->s + a;
    out->n = e - a;
    return letters >= 3;
}

/* Lines i and j match as furniture by their part `which` (part()). */
static int match(const rp_ctx_t *c, size_t i, size_t j, int which)
{
    rp_line_t x, y;
    return part(&c->lines[i], which, &x) && part(&c->lines[j], which, &y) && same_masked(&x, &y);
}

/* Drop the edge line i, and every edge line like it (by part `which`), when it repeats:
 * on at least 3 pages and on at least a third of the pages from its first to its last
 * occurrence (a chapter's running header repeats within the chapter; odd and even
 * pages alternate two forms, each on every other page). */
static void repeated(rp_ctx_t *c, const size_t *slot, size_t np, size_t side, size_t i, int which)
{
    size_t count = 0, first = np, last = 0;
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < EDGE; k++) {
            size_t j = slot[(p * 2 + side) * EDGE + k];
            if (j != (size_t)-1 && match(c, i, j, which)) {
                count++;
                first = p < first ? p : first;
                last = p;
                break;
            }
        }
    if (count < 3 || count * 3 < last - first + 1)
        return;
    for (size_t p = first; p <= last; p++)
        for (size_t k = 0; k < EDGE; k++) {
            size_t j = slot[(p * 2 + side) * EDGE + k];
            if (j != (size_t)-1 && j != i && c->lines[j].role == RL_BODY && match(c, i, j, which)) {
                c->lines[j].role = RL_PAGENUM;
                header_label(c, &c->lines[j]);
            }
        }
    c->lines[i].role = RL_PAGENUM;
    header_label(c, &c->lines[i]);
}

/* Length of the section number s opens with ("8.2", "8.2.", "12"; digits joined by
 * dots, one dot after it allowed), with the spaces after it; 0 if none or no text
 * follows. */
static size_t section_number(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_digit(s[i]) || (s[i] == '.' && i > 0 && is_digit(s[i - 1]))))
        i++;
    if (i == 0 || i >= n || !is_space(s[i]))
        return 0;
    while (i < n && is_space(s[i]))
        i++;
    return i < n ? i : 0;
}

/* x and y hold the same section title: the same numbers ("8.2." and "8.2"), then the
 * same text but for case and the width of white space. */
static int same_title(const char *x, size_t xn, const char *y, size_t yn)
{
    size_t a = section_number(x, xn), b = section_number(y, yn);
    size_t ax = a, by = b;
    while (ax > 0 && (is_space(x[ax - 1]) || x[ax - 1] == '.'))
        ax--;
    while (by > 0 && (is_space(y[by - 1]) || y[by - 1] == '.'))
        by--;
    if (!a || !b || ax != by || memcmp(x, y, ax) != 0)
        return 0;
    while (a < xn && b < yn) {
        if (is_space(x[a]) && is_space(y[b])) {
            while (a < xn && is_space(x[a]))
                a++;
            while (b < yn && is_space(y[b]))
                b++;
        } else if (x[a] == y[b] || (is_alpha(x[a]) && (x[a] | 0x20) == (y[b] | 0x20))) {
            a++, b++;
        } else {
            return 0;
        }
    }
    return a == xn && b == yn;
}

/* A body line of pages page - SECTION_PAGES .. page before line i holds the title ln
 * (same_title): the section's heading the running footer repeats. */
#define SECTION_PAGES 3
static int repeats_heading(const rp_ctx_t *c, size_t i, const rp_line_t *ln)
{
    for (size_t j = i; j-- > 0 && c->lines[j].page + SECTION_PAGES >= ln->page;) {
        const rp_line_t *lj = &c->lines[j];
        if (lj->role == RL_BODY && same_title(lj->s, lj->n, ln->s, ln->n))
            return 1;
    }
    return 0;
}

/* The next text line after line i, before pe, is a page number (a page-number line or
 * a bare number). */
static int next_is_pagenum(const rp_ctx_t *c, size_t pe, size_t i)
{
    for (size_t j = i + 1; j < pe; j++)
        if (c->lines[j].role != RL_BLANK)
            return c->lines[j].num || c->lines[j].role == RL_PAGENUM;
    return 0;
}

/* Footer line i of a page ending before pe shows the current section (LaTeX's \rightmark, a
 * Sphinx footer: "8.2. Shared library support files" then "69", or with the number
 * across a gap in -layout): it opens with a section number, the page's number follows
 * it (on the next text line, or as the line's last part), and it repeats a heading of
 * the last SECTION_PAGES pages. A section of one or two pages shows it too rarely for
 * the repeat rule. */
static int section_footer(const rp_ctx_t *c, size_t pe, size_t i)
{
    rp_line_t first, last;
    const char *lab;
    size_t labn;
    const rp_line_t *ln = &c->lines[i];
    if (part(ln, 1, &first)) { /* "8.2. Shared library support files      69" */
        part(ln, 2, &last);
        if (!pagenum_form(last.s, last.n, &lab, &labn))
            return 0;
        ln = &first;
    } else if (!next_is_pagenum(c, pe, i)) {
        return 0;
    }
    return section_number(ln->s, ln->n) && repeats_heading(c, i, ln);
}

/* The line of page [ps, pe) on edge `side` that may be a stamp of its furniture: the
 * outermost body line, when it is letterless (a number is not: the layout decides bare
 * numbers) and the next text line inward is furniture already dropped; else (size_t)-1.
 * Lines between it and the edge are furniture or blank. */
static size_t stamp_at(const rp_ctx_t *c, size_t ps, size_t pe, size_t side)
{
    size_t cand = (size_t)-1;
    for (size_t m = 0; m < pe - ps; m++) {
        const rp_line_t *ln = &c->lines[side == 0 ? ps + m : pe - 1 - m];
        if (ln->role == RL_BLANK || (ln->role == RL_PAGENUM && cand == (size_t)-1))
            continue;
        if (cand != (size_t)-1)
            return ln->role == RL_PAGENUM && !ln->num ? cand : (size_t)-1;
        if (ln->role != RL_BODY || ln->num || ln->inum || !letterless(ln->s, ln->n))
            return (size_t)-1;
        cand = side == 0 ? ps + m : pe - 1 - m;
    }
    return (size_t)-1;
}

/* Stamps: a letterless line (a date, "1998/06/01") that sits outside a running header or
 * footer, between it and the page's edge, is part of that furniture when a line of the
 * same shape (same_shape) stands so on the same edge of at least 3 pages and of a third
 * of the pages from its first to its last occurrence -- the date of a margin note
 * "New description" that pdftotext writes after the page's footer. */
static void stamps(rp_ctx_t *c, const size_t *st, size_t np, size_t *cand)
{
    for (size_t side = 0; side < 2; side++) {
        for (size_t p = 0; p < np; p++)
            cand[p] = stamp_at(c, st[p], st[p + 1], side);
        for (size_t p = 0; p < np; p++) {
            if (cand[p] == (size_t)-1 || c->lines[cand[p]].role != RL_BODY)
                continue;
            size_t count = 0, last = p;
            for (size_t q = p; q < np; q++)
                if (cand[q] != (size_t)-1 && same_shape(&c->lines[cand[p]], &c->lines[cand[q]]))
                    count++, last = q;
            if (count < 3 || count * 3 < last - p + 1)
                continue;
            for (size_t q = last + 1; q-- > p;)
                if (cand[q] != (size_t)-1 && same_shape(&c->lines[cand[p]], &c->lines[cand[q]]))
                    c->lines[cand[q]].role = RL_PAGENUM;
        }
    }
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Bare numbers among the top EDGE text lines (slots side 0, furniture already dropped)
 * that run with the pages: the number less the physical page is the same on at least 3
 * pages ("15", "GNU FREE DOCUMENTATION LICENSE", "59" on page 59, "60" on page 60: the
 * chapter number that opens each page does not run). A page number a chapter line sits
 * above is thus found where the first-line rule misses it. The foot is left to the
 * layout's rules: a bare number there may be a footnote's misplaced number. */
static int running_numbers(rp_ctx_t *c, const size_t *slot, size_t np)
{
    long *off = malloc((np * EDGE + 1) * sizeof *off);
    if (!off)
        return -1;
    size_t n = 0;
    for (size_t q = 0; q < np * EDGE; q++) {
        size_t i = slot[(q / EDGE) * 2 * EDGE + q % EDGE];
        if (i != (size_t)-1 && c->lines[i].num)
            off[n++] = (long)c->lines[i].num - (long)c->lines[i].page;
    }
    qsort(off, n, sizeof *off, cmp_long);
    for (size_t q = 0; q < np * EDGE; q++) {
        size_t i = slot[(q / EDGE) * 2 * EDGE + q % EDGE];
        if (i == (size_t)-1 || !c->lines[i].num)
            continue;
        long v = (long)c->lines[i].num - (long)c->lines[i].page;
        long *hit = bsearch(&v, off, n, sizeof *off, cmp_long);
        size_t a = (size_t)(hit - off), b = a;
        while (a > 0 && off[a - 1] == v)
            a--;
        while (b < n && off[b] == v)
            b++;
        if (b - a >= 3) {
            c->lines[i].role = RL_PAGENUM;
            set_label(c, c->lines[i].page, c->lines[i].s, c->lines[i].n);
        }
    }
    free(off);
    return 0;
}

int rp_furniture(rp_ctx_t *c, const size_t *st, size_t np)
{
    size_t *slot = malloc((np * 2 * EDGE + 1) * sizeof *slot);
    if (!slot)
        return -1;
    edge_slots(c, st, np, slot);
    /* page-number lines first: they are no header, and give the label */
    for (size_t q = 0; q < np * 2 * EDGE; q++) {
        size_t i = slot[q];
        const char *lab;
        size_t labn;
        if (i == (size_t)-1 || c->lines[i].num || c->lines[i].role != RL_BODY ||
            !pagenum_form(c->lines[i].s, c->lines[i].n, &lab, &labn))
            continue;
        c->lines[i].role = RL_PAGENUM;
        set_label(c, c->lines[i].page, lab, labn);
    }
    for (size_t p = 0; p < np; p++)
        for (size_t side = 0; side < 2; side++)
            for (size_t k = 0; k < EDGE; k++) {
                size_t i = slot[(p * 2 + side) * EDGE + k];
                for (int which = 0; which < 3; which++)
                    if (i != (size_t)-1 && c->lines[i].role == RL_BODY && !c->lines[i].num)
                        repeated(c, slot, np, side, i, which);
            }
    for (size_t p = 0; p < np; p++) /* the footers the repeat rule left */
        for (size_t k = 0; k < EDGE; k++) {
            size_t i = slot[(p * 2 + 1) * EDGE + k];
            if (i != (size_t)-1 && c->lines[i].role == RL_BODY && !c->lines[i].num &&
                section_footer(c, st[p + 1], i)) {
                c->lines[i].role = RL_PAGENUM;
                header_label(c, &c->lines[i]);
            }
        }
    stamps(c, st, np, slot);     /* slot has room for np entries */
    edge_slots(c, st, np, slot); /* the edges without the furniture just dropped */
    int rc = running_numbers(c, slot, np);
    free(slot);
    return rc;
}

void rp_page_labels(rp_ctx_t *c)
{
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].role == RL_PAGENUM && c->lines[i].num)
            set_label(c, c->lines[i].page, c->lines[i].s, c->lines[i].n);
}
