/*
 * rparse_geom.c - lines, pages, page furniture and footnote blocks from a layout
 * (rp_parse_layout): what rparse_layout.c reads off plain text, read here off the
 * geometry the PDF reader gives -- each line's box and type size. The rules are those
 * of rparse.h, section 2, "Layout input"; the later stages (rparse_notes.c and on) run
 * unchanged on the lines and roles made here.
 *
 * Map
 *   split_lines()     one rp_line_t per layout line, from the text the pages were
 *                     written to (so the lines point into the repaired text)
 *   body_size()       the type size of most characters, of the document and per page
 *   furniture()       edge lines: page numbers, repeated lines (edge_rules), lines in
 *                     furniture's place (slot_rule), lines level with it (edge_mates);
 *                     page labels
 *   margin_notes()    small lines beside the text, out of the flow
 *   page_notes()      one page: runs of small type, the block each may hold
 *   block_start()     where a run's footnotes start (mark, sequence, citation)
 *   next_start()      the next footnote inside a block (line_start: number or symbol)
 *   walk_run()        roles of a block's lines, footnote records (new_note: running
 *                     numbers and numbering runs, as the text path keeps them)
 *   run_on()          a footnote continued at the top of the next page's block
 *   number_symbols()  symbol footnotes numbered after the numbered ones
 *
 * Why geometry first: on a PDF, size and position separate a footnote from a numbered
 * heading or a TOC line ("1 Introduction 1" is body size), which the text rules can only
 * guess at. Where the geometry leaves doubt (small type that starts like a footnote
 * but is not cited), the text stays in the body and a warning says so: a missed
 * footnote costs a stray sentence, a false one a section.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "rparse_int.h"

#define SMALL_RATIO 0.92 /* footnote type is at most this much of the body's (Word: 10/11) */
#define MARGIN_FRAC 0.15 /* headers / footers lie in the outer 15% of the page height */
#define SAME_Y 2.0       /* points: a running header keeps its place from page to page */
#define INDENT_EMS 3.0   /* a footnote's number sits at most this far right of its block */

typedef struct geom {
    rp_ctx_t *c;
    size_t *first;     /* first[p]: index in c->lines of page p's first line; npages + 1 */
    double body;       /* body type size */
    double *pbody;     /* pbody[p]: page p's (body_size) */
    size_t carry;      /* note that ended the previous page (may run on), or RP_NONE */
    size_t carry_line; /* then: its last line */
} geom_t;

static const rp_layout_line_t *gl(const geom_t *g, size_t p, size_t i)
{
    return &g->c->geom[p].lines[i - g->first[p]];
}

/* (No libm: the library links without it.) */
static double dmin(double a, double b)
{
    return a < b ? a : b;
}
static double dmax(double a, double b)
{
    return a > b ? a : b;
}
static double dabs(double a)
{
    return a < 0 ? -a : a;
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v';
}

/* ---- lines ---------------------------------------------------------------------- */

/* The ASCII number forms of a trimmed line, as rparse_layout.c reads them. */
static void plain_numbers(rp_line_t *ln)
{
    unsigned v = 0;
    size_t i = 0;
    while (i < ln->n && i < 5 && ln->s[i] >= '0' && ln->s[i] <= '9')
        v = v * 10 + (unsigned)(ln->s[i++] - '0');
    if (i == ln->n && i <= 4) {
        ln->num = v;
    } else if (i >= 1 && i <= 4 && (ln->s[i] == ' ' || ln->s[i] == '\t')) {
        while (is_ws(ln->s[i]))
            i++;
        ln->inum = v;
        ln->lead = i;
    }
}

/* The text holds each page's lines, each ended by '\n', a '\f' between pages (layout_text
 * in rparse.c; repairing it kept those bytes), so line k of the text is layout line k. */
static int split_lines(geom_t *g)
{
    rp_ctx_t *c = g->c;
    size_t at = 0, lineno = c->first_line ? c->first_line : 1;
    c->has_ff = 1;
    c->npages = c->ngeom;
    for (size_t p = 0; p < c->ngeom; p++) {
        if (p > 0 && at < c->len && c->text[at] == '\f')
            at++;
        g->first[p] = c->nlines;
        int started = 0;
        for (size_t i = 0; i < c->geom[p].nlines; i++) {
            const char *e = memchr(c->text + at, '\n', c->len - at);
            size_t end = e ? (size_t)(e - c->text) : c->len;
            rp_line_t ln;
            memset(&ln, 0, sizeof ln);
            size_t a = at, z = end;
            while (a < z && is_ws(c->text[a]))
                a++;
            while (z > a && is_ws(c->text[z - 1]))
                z--;
            ln.s = c->text + a;
            ln.n = z - a;
            ln.lineno = lineno++;
            ln.page = p + 1;
            ln.role = ln.n ? RL_BODY : RL_BLANK;
            if (ln.n && !started)
                ln.page_start = started = 1;
            if (ln.n)
                plain_numbers(&ln);
            if (rp_vec_push(&c->lines, &c->nlines, &c->caplines, sizeof ln, &ln) < 0)
                return -1;
            at = end < c->len ? end + 1 : c->len;
        }
    }
    g->first[c->ngeom] = c->nlines;
    return 0;
}

/* ---- body type size ------------------------------------------------------------------ */

typedef struct sz {
    double size;
    size_t chars;
} sz_t;

static int cmp_sz(const void *x, const void *y)
{
    double a = ((const sz_t *)x)->size, b = ((const sz_t *)y)->size;
    return a < b ? -1 : (a > b);
}

static double rounded(double size)
{
    return (double)(long)(size * 10 + 0.5) / 10;
}

/* The size most characters of pages [p0, p1) are set in (0 if none), the characters in
 * it (*at) and in all (*total); v is room for their lines. */
static double mode_size(const geom_t *g, size_t p0, size_t p1, sz_t *v, size_t *at, size_t *total)
{
    const rp_ctx_t *c = g->c;
    size_t m = 0, best = 0;
    double size = 0;
    *total = 0;
    for (size_t p = p0; p < p1; p++)
        for (size_t i = g->first[p]; i < g->first[p + 1]; i++)
            if (c->lines[i].n && gl(g, p, i)->size > 0) {
                v[m] = (sz_t){rounded(gl(g, p, i)->size), rp_width(c->lines[i].s, c->lines[i].n)};
                *total += v[m++].chars;
            }
    qsort(v, m, sizeof *v, cmp_sz);
    for (size_t k = 0; k < m;) {
        size_t j = k, w = 0;
        for (; j < m && v[j].size == v[k].size; j++)
            w += v[j].chars;
        if (w > best) {
            best = w;
            size = v[k].size;
        }
        k = j;
    }
    *at = best;
    return size;
}

/* The body size of the document (the size most characters are set in), and of each
 * page: the document's, unless under a quarter of the page's characters are set in it
 * (a part set in another size: the page's own most common size then). */
static int body_size(geom_t *g)
{
    rp_ctx_t *c = g->c;
    sz_t *v = malloc((c->nlines ? c->nlines : 1) * sizeof *v);
    size_t at, total;
    if (!v)
        return -1;
    g->body = mode_size(g, 0, c->ngeom, v, &at, &total);
    for (size_t p = 0; p < c->ngeom; p++) {
        double own = mode_size(g, p, p + 1, v, &at, &total);
        size_t in_body = 0;
        for (size_t i = g->first[p]; i < g->first[p + 1]; i++)
            if (c->lines[i].n && rounded(gl(g, p, i)->size) == g->body)
                in_body += rp_width(c->lines[i].s, c->lines[i].n);
        g->pbody[p] = in_body * 4 >= total || own == 0 ? g->body : own;
    }
    free(v);
    return 0;
}

/* Line i of page p is set in small type: a footnote size, clearly below the body's. */
static int small(const geom_t *g, size_t p, size_t i)
{
    double s = gl(g, p, i)->size, b = g->pbody[p];
    return s > 0 && b > 0 && s <= b * SMALL_RATIO + 0.01;
}

static unsigned lead_number(const rp_line_t *ln, size_t *lead, int *sup);

/* ---- page furniture ------------------------------------------------------------------ */

/* The length of a page-number token at s (digits, or roman numerals), or 0. */
static size_t number_token(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0)
        while (i < n && i < 8 && strchr("ivxlcIVXLC", s[i]))
            i++;
    return i < n && s[i] != ' ' && s[i] != '-' && (unsigned char)s[i] != 0xE2 ? 0 : i;
}

/* Past the spaces and dashes (- – — −) at s + i. */
static size_t skip_dashes(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && (s[i] == '-' || s[i] == ' '))
            i++;
        else if (n - i >= 3 &&
                 (memcmp(s + i, "\xE2\x80\x93", 3) == 0 || memcmp(s + i, "\xE2\x80\x94", 3) == 0 ||
                  memcmp(s + i, "\xE2\x88\x92", 3) == 0))
            i += 3;
        else
            return i;
    }
}

/* The line is only a page number ("12", "- 12 -", "–2", "Page 12", "12 of 40",
 * "xiv"); its number in [*a, *a + *len). */
static int pagenum_line(const rp_line_t *ln, size_t *a, size_t *len)
{
    const char *s = ln->s;
    size_t n = ln->n, i = 0;
    if (n >= 5 && (strncmp(s, "Page ", 5) == 0 || strncmp(s, "page ", 5) == 0))
        i = 5;
    i = skip_dashes(s, n, i);
    size_t t = number_token(s + i, n - i);
    if (t == 0)
        return 0;
    *a = i;
    *len = t;
    i += t;
    if (n - i >= 4 && strncmp(s + i, " of ", 4) == 0 && number_token(s + i + 4, n - i - 4))
        i += 4 + number_token(s + i + 4, n - i - 4);
    return skip_dashes(s, n, i) == n;
}

/* Line i's text with digit runs as '#', ASCII folded, white space runs as one space,
 * into key[0..cap); returns its length. */
static size_t mask(const rp_line_t *ln, char *key, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < ln->n && k + 1 < cap; i++) {
        char ch = ln->s[i];
        if (ch >= '0' && ch <= '9') {
            while (i + 1 < ln->n && ln->s[i + 1] >= '0' && ln->s[i + 1] <= '9')
                i++;
            ch = '#';
        } else if (is_ws(ch)) {
            while (i + 1 < ln->n && is_ws(ln->s[i + 1]))
                i++;
            ch = ' ';
        } else if (ch >= 'A' && ch <= 'Z') {
            ch = (char)(ch - 'A' + 'a');
        }
        key[k++] = ch;
    }
    key[k] = '\0';
    return k;
}

/* The edge lines of a page: top (the lines level with the topmost, when it lies in
 * the top margin) or bottom (likewise), with their masked texts. */
#define EDGE_MAX 8
#define KEY_MAX 96

typedef struct edge {
    size_t idx[EDGE_MAX];
    char key[EDGE_MAX][KEY_MAX];
    long folio[EDGE_MAX];              /* a number first or last on the line minus the page index */
    size_t fa[EDGE_MAX], fl[EDGE_MAX]; /* where that number is */
    size_t n;
} edge_t;

#define NO_FOLIO (-100000L)

/* A 1-4 digit number that is the first or last word of line ln ("50 Chapter 5.
 * Managing Packages", "Overview 7"): its value minus page index p, or NO_FOLIO. */
static long folio_of(const rp_line_t *ln, size_t p, size_t *fa, size_t *fl)
{
    size_t i = 0, e = ln->n;
    while (i < ln->n && i < 5 && ln->s[i] >= '0' && ln->s[i] <= '9')
        i++;
    if (i >= 1 && i <= 4 && i < ln->n && is_ws(ln->s[i])) {
        *fa = 0;
    } else {
        i = e;
        while (i > 0 && e - i < 5 && ln->s[i - 1] >= '0' && ln->s[i - 1] <= '9')
            i--;
        if (e - i < 1 || e - i > 4 || i == 0 || !is_ws(ln->s[i - 1]))
            return NO_FOLIO;
        *fa = i;
        i = e - i;
    }
    *fl = i;
    long v = 0;
    for (size_t k = *fa; k < *fa + *fl; k++)
        v = v * 10 + (ln->s[k] - '0');
    return v - (long)p;
}

static void edge_lines(const geom_t *g, size_t p, int side, edge_t *ed)
{
    const rp_ctx_t *c = g->c;
    double h = c->geom[p].height, lim = 0;
    size_t ext = RP_NONE;
    ed->n = 0;
    for (size_t i = g->first[p]; i < g->first[p + 1]; i++) {
        const rp_layout_line_t *l = gl(g, p, i);
        if (!c->lines[i].n)
            continue;
        if (ext == RP_NONE || (side == 0 ? l->y0 < lim : l->y1 > lim)) {
            ext = i;
            lim = side == 0 ? l->y0 : l->y1;
        }
    }
    if (ext == RP_NONE)
        return;
    const rp_layout_line_t *x = gl(g, p, ext);
    if (h > 0 && (side == 0 ? x->y1 > h * MARGIN_FRAC : x->y0 < h * (1 - MARGIN_FRAC)))
        return;
    for (size_t i = g->first[p]; i < g->first[p + 1] && ed->n < EDGE_MAX; i++) {
        const rp_layout_line_t *l = gl(g, p, i);
        if (c->lines[i].n && l->y0 < x->y1 && l->y1 > x->y0) { /* level with it */
            mask(&c->lines[i], ed->key[ed->n], KEY_MAX);
            ed->folio[ed->n] = folio_of(&c->lines[i], p, &ed->fa[ed->n], &ed->fl[ed->n]);
            ed->idx[ed->n++] = i;
        }
    }
}

/* Pages whose same edge (edges[2q + side]) holds a line like entry k of page p's:
 * the same masked text at the same place. */
static size_t repeats(const geom_t *g, const edge_t *edges, size_t p, int side, size_t k)
{
    const edge_t *me = &edges[2 * p + side];
    double y = gl(g, p, me->idx[k])->y0;
    size_t count = 0;
    for (size_t q = 0; q < g->c->ngeom; q++) {
        const edge_t *ed = &edges[2 * q + side];
        for (size_t j = 0; j < ed->n; j++)
            if (strcmp(me->key[k], ed->key[j]) == 0 &&
                dabs(gl(g, q, ed->idx[j])->y0 - y) <= SAME_Y) {
                count++;
                break;
            }
    }
    return count;
}

/* Pages whose same edge holds a line numbered like entry k of page p's: a first or last
 * number that runs on with the pages (page q's is q - p more). */
static size_t folios(const geom_t *g, const edge_t *edges, size_t p, int side, size_t k)
{
    long f = edges[2 * p + side].folio[k];
    size_t count = 0;
    for (size_t q = 0; q < g->c->ngeom && f != NO_FOLIO; q++) {
        const edge_t *ed = &edges[2 * q + side];
        for (size_t j = 0; j < ed->n; j++)
            if (ed->folio[j] == f) {
                count++;
                break;
            }
    }
    return count;
}

/* The lines level with furniture in an edge are furniture too (a header set in two
 * parts: "CHAPTER 2. OVERVIEW" left, "2.3. SOCIAL DYNAMICS" right), but for a small
 * line that starts like a footnote. */
static void edge_mates(geom_t *g, const edge_t *ed, size_t p)
{
    rp_ctx_t *c = g->c;
    int any = 0;
    for (size_t k = 0; k < ed->n; k++)
        any |= c->lines[ed->idx[k]].role == RL_PAGENUM;
    for (size_t k = 0; k < ed->n && any; k++) {
        rp_line_t *ln = &c->lines[ed->idx[k]];
        size_t lead;
        int sup;
        if (ln->role == RL_BODY && !(small(g, p, ed->idx[k]) && lead_number(ln, &lead, &sup)))
            ln->role = RL_PAGENUM;
    }
}

/* The page's label: the reader's, else the number of a page-number line. */
static int set_label(geom_t *g, size_t p, const rp_line_t *num, size_t a, size_t len)
{
    rp_ctx_t *c = g->c;
    if (c->labels[p])
        return 0;
    const char *rl = c->geom[p].label;
    c->labels[p] = rl && rl[0] ? ds_arena_strndup(c->arena, rl, strlen(rl))
                   : num       ? ds_arena_strndup(c->arena, num->s + a, len)
                               : NULL;
    return (rl && rl[0]) || num ? (c->labels[p] ? 0 : -1) : 0;
}

/* Line i of page p, a bare number in small type, numbers the text that follows it on
 * its level (a footnote's number set apart from its text), rather than the page. */
static int numbers_next(const geom_t *g, size_t p, size_t i)
{
    if (!small(g, p, i) || i + 1 >= g->first[p + 1] || !g->c->lines[i + 1].n)
        return 0;
    const rp_layout_line_t *a = gl(g, p, i), *b = gl(g, p, i + 1);
    return b->y0 < a->y1 && b->y1 > a->y0 && b->x0 >= a->x1 - 1 &&
           b->x0 - a->x1 < INDENT_EMS * (a->size > 0 ? a->size : g->body);
}

/* The text rules of page p's edge: page-number lines, lines repeated at the same place,
 * lines with a running page number. */
static int edge_rules(geom_t *g, const edge_t *edges, size_t p, int side, size_t nonblank)
{
    rp_ctx_t *c = g->c;
    const edge_t *ed = &edges[2 * p + side];
    int rc = 0;
    for (size_t k = 0; k < ed->n && rc == 0; k++) {
        rp_line_t *ln = &c->lines[ed->idx[k]];
        size_t a, len, r;
        if (pagenum_line(ln, &a, &len) && !numbers_next(g, p, ed->idx[k])) {
            ln->role = RL_PAGENUM;
            rc = set_label(g, p, ln, a, len);
        } else if (ln->role == RL_BODY && (r = repeats(g, edges, p, side, k)) >= 2 &&
                   (r >= 3 || nonblank <= 4)) {
            ln->role = RL_PAGENUM;
        } else if (ln->role == RL_BODY && folios(g, edges, p, side, k) >= 3) {
            ln->role = RL_PAGENUM; /* "50 Chapter 5. Managing Packages" */
            rc = set_label(g, p, ln, ed->fa[k], ed->fl[k]);
        }
    }
    return rc;
}

/* An edge line set where furniture stands on at least 3 other pages (same edge, top and
 * left within SAME_Y, same size) is furniture too: a running header whose text changes
 * ("PREFACE", "CHAPTER 1. OVERVIEW"). */
static void slot_rule(geom_t *g, const edge_t *edges, size_t p, int side)
{
    rp_ctx_t *c = g->c;
    const edge_t *ed = &edges[2 * p + side];
    for (size_t k = 0; k < ed->n; k++) {
        const rp_layout_line_t *l = gl(g, p, ed->idx[k]);
        size_t count = 0;
        if (c->lines[ed->idx[k]].role != RL_BODY)
            continue;
        for (size_t q = 0; q < c->ngeom && count < 3; q++) {
            const edge_t *eq = &edges[2 * q + side];
            for (size_t j = 0; j < eq->n && q != p; j++) {
                const rp_layout_line_t *m = gl(g, q, eq->idx[j]);
                if (c->lines[eq->idx[j]].role == RL_PAGENUM && dabs(m->y0 - l->y0) <= SAME_Y &&
                    dabs(m->x0 - l->x0) <= SAME_Y && dabs(m->size - l->size) < 0.1) {
                    count++;
                    break;
                }
            }
        }
        if (count >= 3)
            c->lines[ed->idx[k]].role = RL_PAGENUM;
    }
}

/* Mark page furniture RL_PAGENUM: in the top or bottom margin, a page-number line, a
 * line repeated at the same place on at least 3 pages (2 of a document of at most 4
 * nonblank pages), a line with a running page number; then lines where furniture
 * stands on other pages, and lines level with furniture. Sets the labels. */
static int furniture(geom_t *g)
{
    rp_ctx_t *c = g->c;
    size_t nonblank = 0;
    edge_t *edges = malloc((2 * c->ngeom + 1) * sizeof *edges);
    if (!edges)
        return -1;
    for (size_t p = 0; p < c->ngeom; p++) {
        nonblank += g->first[p + 1] > g->first[p];
        edge_lines(g, p, 0, &edges[2 * p]);
        edge_lines(g, p, 1, &edges[2 * p + 1]);
    }
    int rc = 0;
    for (size_t p = 0; p < c->ngeom && rc == 0; p++)
        for (int side = 0; side < 2 && rc == 0; side++)
            rc = edge_rules(g, edges, p, side, nonblank);
    for (size_t p = 0; p < c->ngeom && rc == 0; p++) {
        for (int side = 0; side < 2; side++) {
            slot_rule(g, edges, p, side);
            edge_mates(g, &edges[2 * p + side], p);
        }
        rc = set_label(g, p, NULL, 0, 0);
    }
    free(edges);
    return rc;
}

/* ---- footnote blocks ------------------------------------------------------------------ */

/* A footnote number at the start of line ln: superscript digits (glued or spaced), or
 * 1-4 digits then white space, ". " or ") ", or the whole line. Returns the number (0:
 * none), with *lead the bytes before the text and *sup 1 for superscripts. */
static unsigned lead_number(const rp_line_t *ln, size_t *lead, int *sup)
{
    size_t i = 0, cl;
    unsigned v = 0;
    int d;
    *sup = 0;
    while (i < ln->n && i < 12 && (d = an_marker_digit(rp_next_cp(ln->s, ln->n, i, &cl))) >= 0) {
        v = v * 10 + (unsigned)d;
        i += cl;
        *sup = 1;
    }
    if (!*sup) {
        while (i < ln->n && i < 5 && ln->s[i] >= '0' && ln->s[i] <= '9')
            v = v * 10 + (unsigned)(ln->s[i++] - '0');
        if (i == 0 || i > 4)
            return 0;
        if (i < ln->n && (ln->s[i] == '.' || ln->s[i] == ')') && i + 1 < ln->n &&
            ln->s[i + 1] == ' ')
            i++;
        else if (i < ln->n && !is_ws(ln->s[i]))
            return 0;
    }
    while (i < ln->n && is_ws(ln->s[i]))
        i++;
    *lead = i;
    return v;
}

/* A run of small-type lines of page p in reading order, [a, b) (blank lines inside). */
typedef struct run {
    size_t p, a, b;
} run_t;

/* Lines [k, b) of the run lie below every body-size line of the page that shares
 * their columns: the bottom of the page, under the body. */
static int below_body(const geom_t *g, const run_t *rn, size_t k)
{
    const rp_ctx_t *c = g->c;
    double top = 1e18, x0 = 1e18, x1 = -1e18;
    for (size_t i = k; i < rn->b; i++) {
        const rp_layout_line_t *l = gl(g, rn->p, i);
        if (!c->lines[i].n)
            continue;
        top = dmin(top, l->y0);
        x0 = dmin(x0, l->x0);
        x1 = dmax(x1, l->x1);
    }
    for (size_t i = g->first[rn->p]; i < g->first[rn->p + 1]; i++) {
        const rp_layout_line_t *l = gl(g, rn->p, i);
        if (c->lines[i].role != RL_BODY || small(g, rn->p, i) || l->x1 <= x0 || l->x0 >= x1)
            continue;
        if (l->y1 > top + 1.0)
            return 0;
    }
    return 1;
}

/* Some body line of page p or of the page before it (outside the run) cites v: holds v
 * as a marker candidate (rp_marker_next); sup: as superscript digits (the candidate
 * ends in a byte of a multi-byte character, which ASCII digits never do). */
static int cited(const geom_t *g, const run_t *rn, unsigned v, int sup)
{
    const rp_ctx_t *c = g->c;
    size_t from = g->first[rn->p > 0 ? rn->p - 1 : 0];
    for (size_t i = from; i < g->first[rn->p + 1]; i++) {
        const rp_line_t *ln = &c->lines[i];
        size_t at = 0;
        unsigned w;
        if (ln->role != RL_BODY || (i >= rn->a && i < rn->b))
            continue;
        if (ln->num == v && small(g, ln->page - 1, i))
            return 1; /* a small number on a line of its own: a marker the reader cut off */
        while (rp_marker_next(ln->s, ln->n, &at, &w))
            if (w == v && (!sup || (unsigned char)ln->s[at - 1] >= 0x80))
                return 1;
    }
    return 0;
}

static void warn_line(const geom_t *g, size_t i, const char *what, unsigned v)
{
    if (g->c->diag)
        ds_diag_warn(g->c->diag, g->c->file, g->c->lines[i].lineno,
                     "small type at the foot of page %zu starts like footnote %u but %s: "
                     "left in the body",
                     g->c->lines[i].page, v, what);
}

/* What a line of a run starts: a numbered footnote (num), a symbol footnote (sym: the
 * bytes of its mark, "*", "†", "‡‡"), or neither (both 0); lead: where its text starts;
 * sup: the number is in superscript digits. */
typedef struct start {
    unsigned num;
    size_t sym, lead;
    int sup;
} start_t;

static const char *const symbols[] = {"*",
                                      "\xE2\x88\x97" /* ∗ */,
                                      "\xE2\x80\xA0" /* † */,
                                      "\xE2\x80\xA1" /* ‡ */,
                                      "\xC2\xA7" /* § */,
                                      "\xC2\xB6" /* ¶ */,
                                      "\xE2\x80\x96" /* ‖ */};

/* Bytes of the footnote symbols (up to three) at the start of s[0..n), 0 if none. */
static size_t symbol_mark(const char *s, size_t n)
{
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        size_t j = 0, l = 0;
        for (; j < sizeof symbols / sizeof *symbols; j++)
            if ((l = strlen(symbols[j])) <= n - i && memcmp(s + i, symbols[j], l) == 0)
                break;
        if (j == sizeof symbols / sizeof *symbols)
            break;
        i += l;
    }
    return i;
}

static void line_start(const rp_line_t *ln, start_t *st)
{
    memset(st, 0, sizeof *st);
    if (!ln->n)
        return;
    st->num = lead_number(ln, &st->lead, &st->sup);
    if (st->num)
        return;
    size_t m = symbol_mark(ln->s, ln->n), i = m;
    while (i < ln->n && is_ws(ln->s[i]))
        i++;
    if (m && i < ln->n) { /* a mark with text after it */
        st->sym = m;
        st->lead = i;
    }
}

/* Some body line of page p outside the run holds the mark s[0..n) glued to the word
 * before it ("Documentation∗", "ipsum*"). */
static int sym_cited(const geom_t *g, const run_t *rn, const char *s, size_t n)
{
    const rp_ctx_t *c = g->c;
    for (size_t i = g->first[rn->p]; i < g->first[rn->p + 1]; i++) {
        const rp_line_t *ln = &c->lines[i];
        if (ln->role != RL_BODY || (i >= rn->a && i < rn->b))
            continue;
        for (size_t j = 1; j + n <= ln->n; j++)
            if (memcmp(ln->s + j, s, n) == 0 && !is_ws(ln->s[j - 1]))
                return 1;
    }
    return 0;
}

/* From line i on, the run holds at least two starts in superscript digits in sequence
 * (v, v + 1, ...): the reader's raised numbers, evidence enough where the body's
 * markers were not read as raised. */
static int raised_sequence(const geom_t *g, const run_t *rn, size_t i, unsigned v)
{
    size_t seen = 0;
    for (; i < rn->b; i++) {
        start_t st;
        line_start(&g->c->lines[i], &st);
        if (st.num == v + seen && st.sup)
            seen++;
    }
    return seen >= 2;
}

/* The line of run rn where its footnotes start: a number that continues the sequence
 * (F+1..F+3, or 1: a restart) or a symbol mark, cited in the body -- or any number raised
 * both there and in the body -- on a line of which the rest of the run lies below the
 * body. rn->b if none (a warning when one only looked
 * like it). */
static size_t block_start(const geom_t *g, const run_t *rn)
{
    const rp_ctx_t *c = g->c;
    unsigned f = c->last_note;
    for (size_t i = rn->a; i < rn->b; i++) {
        start_t st;
        line_start(&c->lines[i], &st);
        unsigned v = st.num;
        if (st.sym && below_body(g, rn, i) && sym_cited(g, rn, c->lines[i].s, st.sym))
            return i;
        if (!v || !below_body(g, rn, i))
            continue;
        if (!((v > f && v <= f + 3) || (v == 1 && f > 0))) { /* out of sequence */
            if (st.sup && cited(g, rn, v, 1))
                return i; /* but raised on both ends: the body's marker, the note's number */
            continue;
        }
        /* the next number, cited; a jump or a restart, cited by a raised marker */
        if (!cited(g, rn, v, v != f + 1) && !(st.sup && raised_sequence(g, rn, i, v))) {
            warn_line(g, i,
                      v == f + 1 ? "the body cites no such number"
                                 : "the body cites no such number in a raised marker",
                      v);
            return rn->b;
        }
        return i;
    }
    return rn->b;
}

/* Where markers of a numbering that restarts with a footnote on page p start to read
 * the new numbers (rp_run_t): after the body line of page p that cites the old
 * numbering's last footnote (a restart within the page), else after the last page
 * that had a footnote. */
static size_t run_from(const geom_t *g, size_t p)
{
    const rp_ctx_t *c = g->c;
    size_t from = c->last_page_end;
    for (size_t i = g->first[p]; i < g->first[p + 1]; i++) {
        const rp_line_t *ln = &c->lines[i];
        size_t at = 0;
        unsigned w;
        while (ln->role == RL_BODY && rp_marker_next(ln->s, ln->n, &at, &w))
            if (w == c->last_note)
                from = i + 1;
    }
    return from;
}

/* A new footnote printed `number` (0: a symbol footnote marked `mark`, numbered after the others
 * once the document is read, rp_geom; the sequence does not move). Its record carries the running
 * number: a printed 1 after others opens a new numbering run (c->runs). */
static int new_note(geom_t *g, size_t p, unsigned number, size_t start_line, const char *mark)
{
    rp_ctx_t *c = g->c;
    if (number == 1 && c->last_note > 0) {
        rp_run_t run = {run_from(g, p), c->max_note};
        if (rp_vec_push(&c->runs, &c->nruns, &c->capruns, sizeof run, &run) < 0)
            return -1;
        c->note_base = c->max_note;
        c->last_note = 0;
    }
    rp_note_t nt = {.number = number ? c->note_base + number : 0,
                    .start_line = start_line,
                    .order = c->nnotes,
                    .printed = number,
                    .mark = mark};
    if (rp_vec_push(&c->notes, &c->nnotes, &c->capnotes, sizeof nt, &nt) < 0)
        return -1;
    if (number) {
        c->last_note = number;
        c->max_note = nt.number > c->max_note ? nt.number : c->max_note;
        c->last_page_end = g->first[p + 1];
    }
    return 0;
}

/* The left edge of the block's lines [k, i) in line i's column (their x ranges
 * overlap), or line i's own left if there are none. */
static double left_edge(const geom_t *g, const run_t *rn, size_t k, size_t i)
{
    const rp_layout_line_t *l = gl(g, rn->p, i);
    double x0 = l->x0;
    for (size_t j = k; j < i; j++) {
        const rp_layout_line_t *q = gl(g, rn->p, j);
        if (g->c->lines[j].n && q->x0 < l->x1 && q->x1 > l->x0)
            x0 = dmin(x0, q->x0);
    }
    return x0;
}

/* Line i of the run opens a new column of it: it stands right of the line before and
 * higher up (footnotes set in two columns under the body). */
static int new_column(const geom_t *g, const run_t *rn, size_t i)
{
    size_t j = i;
    while (j > rn->a && !g->c->lines[j - 1].n)
        j--;
    if (j == rn->a)
        return 0;
    const rp_layout_line_t *l = gl(g, rn->p, i), *q = gl(g, rn->p, j - 1);
    return l->x0 >= q->x1 - 1 && l->y0 < q->y1;
}

/* Line i of a block starts the footnote after cur (*st): cur + 1 (or + 2, + 3 when
 * cited), a restart at 1 cited by a raised marker (any marker with footnotes: per
 * chapter), or a cited symbol mark; its mark not far right of x0, the left edge of the
 * block above it in its column (or opening a new column of the block). */
static int next_start(const geom_t *g, const run_t *rn, size_t i, unsigned cur, double x0,
                      start_t *st)
{
    const rp_ctx_t *c = g->c;
    line_start(&c->lines[i], st);
    const rp_layout_line_t *l = gl(g, rn->p, i);
    double em = l->size > 0 ? l->size : g->body;
    unsigned v = st->num;
    if ((!v && !st->sym) || (l->x0 > x0 + INDENT_EMS * em && !new_column(g, rn, i)))
        return 0; /* indented: text that begins with a number, a list item */
    if (st->sym)
        return sym_cited(g, rn, c->lines[i].s, st->sym);
    if (v == 1 && cur >= 1)
        return c->footnotes == RP_FOOTNOTES_PER_CHAPTER ? cited(g, rn, 1, 0)
                                                        : st->sup && cited(g, rn, 1, 1);
    return v > cur && v <= cur + 3 && (v == cur + 1 || cited(g, rn, v, 0));
}

static void set_role(rp_ctx_t *c, size_t i, int role, size_t note)
{
    c->lines[i].role = c->lines[i].n ? role : RL_NOTE_BLANK;
    c->lines[i].note = note;
}

/* Give the lines [k, rn->b) their footnote roles: a start line RL_NOTE_NUM (lead: where
 * its text starts), the rest RL_NOTE_TEXT of the footnote above. A start's mark must
 * stand near the left edge of the block's lines above it in its column. */
static int walk_run(geom_t *g, const run_t *rn, size_t k)
{
    rp_ctx_t *c = g->c;
    start_t st;
    unsigned cur = c->last_note;
    for (size_t i = k; i < rn->b; i++) {
        int is = i == k ? (line_start(&c->lines[i], &st), 1)
                        : next_start(g, rn, i, cur, left_edge(g, rn, k, i), &st);
        if (is) {
            /* a symbol footnote keeps its mark as printed: the body's glued marks are
             * matched to it by mark and page (rparse_markers.c), as on the text path */
            const char *mark = st.sym ? ds_arena_strndup(c->arena, c->lines[i].s, st.sym) : NULL;
            if ((st.sym && !mark) || new_note(g, rn->p, st.num, i, mark) < 0)
                return -1;
            cur = st.num ? st.num : cur;
            set_role(c, i, RL_NOTE_NUM, c->nnotes - 1);
            c->lines[i].lead = st.lead < c->lines[i].n ? st.lead : 0;
        } else {
            set_role(c, i, RL_NOTE_TEXT, c->nnotes - 1);
        }
    }
    return 0;
}

/* Lines [rn->a, k) at the top of the page's first footnote run continue the footnote
 * that ended the previous page, when they lie below the body and that footnote was not
 * closed (or a numbered footnote follows them). Else they stay body, with a warning if
 * they could have been one. */
static void run_on(geom_t *g, const run_t *rn, size_t k)
{
    rp_ctx_t *c = g->c;
    if (g->carry == RP_NONE || k == rn->a || !below_body(g, rn, rn->a))
        return;
    const rp_line_t *end = &c->lines[g->carry_line];
    if (k == rn->b && rp_ends_sentence(end->s, end->n, 0, 0)) { /* nothing says it runs on */
        if (c->diag)
            ds_diag_warn(c->diag, c->file, c->lines[rn->a].lineno,
                         "small type at the foot of page %zu may continue the footnote "
                         "that ends page %zu: left in the body",
                         c->lines[rn->a].page, c->lines[g->carry_line].page);
        return;
    }
    for (size_t i = rn->a; i < k; i++)
        set_role(c, i, RL_NOTE_TEXT, g->carry);
}

/* Margin notes of page p: small lines wholly beside the text (left of every body-size
 * line, or right of every one) on a page of at least 5 body-size lines ("New
 * description 1998/06/01" beside a paragraph). They are left out of the flow like
 * furniture, so that the paragraph they stand beside reads on; returns how many. */
static size_t margin_notes(geom_t *g, size_t p)
{
    rp_ctx_t *c = g->c;
    double lo = 1e18, hi = -1e18;
    size_t nbody = 0, n = 0;
    for (size_t i = g->first[p]; i < g->first[p + 1]; i++)
        if (c->lines[i].role == RL_BODY && !small(g, p, i)) {
            lo = dmin(lo, gl(g, p, i)->x0);
            hi = dmax(hi, gl(g, p, i)->x1);
            nbody++;
        }
    for (size_t i = g->first[p]; i < g->first[p + 1] && nbody >= 5; i++) {
        const rp_layout_line_t *l = gl(g, p, i);
        if (c->lines[i].role == RL_BODY && small(g, p, i) && (l->x0 >= hi + 1 || l->x1 <= lo - 1)) {
            c->lines[i].role = RL_PAGENUM;
            n++;
        }
    }
    return n;
}

/* The footnote blocks of page p: each run of small type in reading order is looked at;
 * after it, g->carry is the footnote that ends the page, if one does. */
static int page_notes(geom_t *g, size_t p)
{
    rp_ctx_t *c = g->c;
    size_t last = RP_NONE, last_line = 0, i = g->first[p], end = g->first[p + 1];
    int first_run = 1;
    while (i < end) {
        if (c->lines[i].role != RL_BODY || !small(g, p, i)) {
            if (c->lines[i].role == RL_BODY)
                last = RP_NONE;
            i++;
            continue;
        }
        run_t rn = {p, i, i};
        while (rn.b < end && (c->lines[rn.b].role == RL_BLANK ||
                              (c->lines[rn.b].role == RL_BODY && small(g, p, rn.b))))
            rn.b++;
        while (rn.b > rn.a && c->lines[rn.b - 1].role == RL_BLANK)
            rn.b--;
        size_t k = c->footnotes == RP_FOOTNOTES_NONE ? rn.b : block_start(g, &rn);
        if (first_run && c->footnotes != RP_FOOTNOTES_NONE)
            run_on(g, &rn, k);
        if (k < rn.b && walk_run(g, &rn, k) < 0)
            return -1;
        last = c->lines[rn.b - 1].role == RL_BODY ? RP_NONE : c->lines[rn.b - 1].note;
        last_line = rn.b - 1;
        if (k < rn.b || below_body(g, &rn, rn.a)) /* the foot's first run was this one */
            first_run = 0;
        i = rn.b;
    }
    if (end > g->first[p]) {
        g->carry = last;
        g->carry_line = last_line;
    }
    return 0;
}

/* Symbol footnotes (number 0) take the numbers after the highest one, in order: a
 * unique number of their own; their printed number stays 0 and their mark the symbol,
 * so that no numeric marker of the body cites them. */
static void number_symbols(rp_ctx_t *c)
{
    unsigned max = 0;
    for (size_t k = 0; k < c->nnotes; k++)
        max = c->notes[k].number > max ? c->notes[k].number : max;
    for (size_t k = 0; k < c->nnotes; k++)
        if (c->notes[k].number == 0)
            c->notes[k].number = ++max;
}

int rp_geom(rp_ctx_t *c)
{
    geom_t g = {c,       malloc((c->ngeom + 1) * sizeof *g.first),
                0,       malloc((c->ngeom + 1) * sizeof *g.pbody),
                RP_NONE, 0};
    int rc = -1;
    c->labels = ds_arena_array(c->arena, c->ngeom ? c->ngeom : 1, sizeof *c->labels);
    if (!g.first || !g.pbody || !c->labels)
        goto out;
    memset(c->labels, 0, (c->ngeom ? c->ngeom : 1) * sizeof *c->labels);
    if (split_lines(&g) < 0 || body_size(&g) < 0 || furniture(&g) < 0)
        goto out;
    rc = 0;
    size_t margin = 0, first_margin = 0;
    for (size_t p = 0; p < c->ngeom && rc == 0; p++) {
        size_t m = margin_notes(&g, p);
        first_margin = margin == 0 && m ? p + 1 : first_margin;
        margin += m;
        rc = page_notes(&g, p);
    }
    if (margin && c->diag) /* not silently: the flow reads on without them */
        ds_diag_warn(c->diag, c->file, c->lines[g.first[first_margin - 1]].lineno,
                     "%zu line(s) of margin notes left out of the text (first on page %zu)", margin,
                     first_margin);
    number_symbols(c);
out:
    free(g.first);
    free(g.pbody);
    return rc;
}
