/*
 * pdf.c - a PDF's text layer through poppler-glib: pages, lines, boxes, font sizes,
 * superscript digits, document info. The only file of the project that sees poppler or
 * GLib; everything it hands out is malloc'd (GLib memory is freed here).
 *
 * Map
 *   file ............. read_file (the bytes, under the cap)
 *   document ......... open_doc (GError -> status), read_info, info_string, info_date
 *   page ............. page_chars (text + rectangles + attributes -> pchar_t[]),
 *                      glue_split_numbers, emit_lines
 *   line ............. line_type (size and bottom), mark_superscripts, make_line
 *   API .............. ix_pdf_read, ix_pdf_read_mem, ix_pdf_release
 *
 * Poppler's text of a page (poppler_page_get_text) has '\n' between lines;
 * poppler_page_get_text_layout gives one rectangle per character of that text ('\n'
 * included) and poppler_page_get_text_attributes the font size per range of character
 * indices (end inclusive). Both are read defensively: a character without a rectangle
 * or a size gets none (zero), never an index out of range.
 */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "utf8.h"

/* poppler-glib does not promise thread safety across documents: one PDF at a time. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

/* The rule's numbers (pdf.h, Lines and Superscripts). */
#define SUP_SIZE 0.85  /* a superscript is at most this fraction of the line's type */
#define SUP_RAISE 0.15 /* ... and its bottom this fraction of the type above the line's */
#define GLUE_GAP 1.0   /* a cut-off number stands at most one type size from its text */
#define SPACE_GAP 0.25 /* a gap of a quarter of the type reads as a space */
#define HANG_GAP 3.0   /* a number of the text's type hangs at most this many ems left of it */
#define SAME_BASE 0.2  /* ... its bottom within this fraction of the type of the text's */

/* One character of a page's text, with what poppler says of it. */
typedef struct pchar {
    uint32_t cp;
    double x0, y0, x1, y1; /* 0 when poppler gave no rectangle */
    double size;           /* 0 when poppler gave no attributes */
    int sup;               /* written as a superscript digit */
} pchar_t;

typedef struct pchars {
    pchar_t *v;
    size_t n;
} pchars_t;

/* ---- file ------------------------------------------------------------------------ */

static ds_status_t read_file(const char *path, ds_buf_t *raw, ds_error_t *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot open: %s", strerror(errno));
        return DS_ERR_IO;
    }
    ds_status_t rc = DS_OK;
    for (;;) {
        if (ds_buf_grow(raw, 1 << 16) != 0) {
            rc = ds_error_fill(e, DS_ERR_NOMEM);
            break;
        }
        ssize_t got = read(fd, raw->data + raw->len, raw->cap - raw->len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ds_error_set(e, DS_ERR_IO, 0, "read failed: %s", strerror(errno));
            rc = DS_ERR_IO;
            break;
        }
        if (got == 0)
            break;
        raw->len += (size_t)got;
        if (raw->len > IX_PDF_MAX_BYTES) {
            ds_error_set(e, DS_ERR_RANGE, 0, "larger than %s; not indexed", "256 MiB");
            rc = DS_ERR_RANGE;
            break;
        }
    }
    close(fd);
    return rc;
}

/* ---- strings --------------------------------------------------------------------- */

static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Append cp to b as UTF-8: controls as a space, what cannot be encoded as U+FFFD. */
static void put_char(ds_buf_t *b, uint32_t cp)
{
    char u[UTF8_MAX_BYTES];
    size_t n = utf8_encode(is_control(cp) ? ' ' : cp, u);
    if (n == 0)
        n = utf8_encode(UTF8_REPLACEMENT, u);
    ds_buf_append(b, u, n);
}

/* A malloc'd copy of s[0..len) as valid UTF-8 without controls, trimmed; NULL when
 * nothing is left (*nomem tells an allocation failure from that). */
static char *clean_string(const char *s, size_t len, int *nomem)
{
    ds_buf_t b = DS_BUF_INIT;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(s + i, len - i, &cp);
        i += (size_t)(k < 0 ? -k : k);
        put_char(&b, cp);
    }
    size_t a = 0, z = b.len;
    while (a < z && b.data[a] == ' ')
        a++;
    while (z > a && b.data[z - 1] == ' ')
        z--;
    char *out = NULL;
    if (!ds_buf_ok(&b))
        *nomem = 1;
    else if (z > a && !(out = strndup(b.data + a, z - a)))
        *nomem = 1;
    ds_buf_release(&b);
    return out;
}

/* ---- document -------------------------------------------------------------------- */

static ds_status_t open_doc(GBytes *bytes, PopplerDocument **doc, ds_error_t *e)
{
    GError *err = NULL;
    *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (*doc)
        return DS_OK;
    ds_status_t rc = DS_ERR_CORRUPT;
    if (err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED) {
        ds_error_set(e, DS_ERR_UNSUPPORTED, 0, "encrypted PDF: needs a password");
        rc = DS_ERR_UNSUPPORTED;
    } else {
        int nomem = 0;
        const char *m = err && err->message ? err->message : "";
        char *why = clean_string(m, strlen(m), &nomem);
        ds_error_set(e, rc, 0, "damaged or not a PDF: %s", why ? why : "poppler cannot open it");
        free(why);
    }
    if (err)
        g_error_free(err);
    return rc;
}

/* A document info string (GLib memory, freed here) as a malloc'd clean one. */
static int info_string(gchar *g, char **out)
{
    int nomem = 0;
    *out = g ? clean_string(g, strlen(g), &nomem) : NULL;
    g_free(g);
    return nomem ? -1 : 0;
}

static int32_t info_date(PopplerDocument *doc)
{
    GDateTime *dt = poppler_document_get_creation_date_time(doc);
    if (!dt)
        return 0;
    int y, m, d;
    g_date_time_get_ymd(dt, &y, &m, &d);
    g_date_time_unref(dt);
    return y >= 1000 && y <= 9999 ? (int32_t)(y * 10000 + m * 100 + d) : 0;
}

static ds_status_t read_info(PopplerDocument *doc, ix_pdf_t *pdf)
{
    int bad = info_string(poppler_document_get_title(doc), &pdf->title);
    bad |= info_string(poppler_document_get_author(doc), &pdf->author);
    bad |= info_string(poppler_document_get_subject(doc), &pdf->subject);
    pdf->created = info_date(doc);
    return bad ? DS_ERR_NOMEM : DS_OK;
}

/* ---- page: characters ------------------------------------------------------------ */

/* The characters of text, with rectangles rect[0..nrect) and the sizes of attrs. */
static ds_status_t page_chars(const char *text, const PopplerRectangle *rect, guint nrect,
                              GList *attrs, pchars_t *pc)
{
    size_t len = strlen(text), n = 0;
    for (size_t i = 0; i < len; n++)
        i = utf8_next(text, len, i);
    pc->v = n ? calloc(n, sizeof *pc->v) : NULL;
    if (n && !pc->v)
        return DS_ERR_NOMEM;
    pc->n = n;
    size_t i = 0;
    for (size_t k = 0; k < n; k++) {
        int step = utf8_decode(text + i, len - i, &pc->v[k].cp);
        i += (size_t)(step < 0 ? -step : step);
        if (k < nrect) { /* poppler's y1 < y2, both from the top */
            pc->v[k].x0 = fmin(rect[k].x1, rect[k].x2);
            pc->v[k].x1 = fmax(rect[k].x1, rect[k].x2);
            pc->v[k].y0 = fmin(rect[k].y1, rect[k].y2);
            pc->v[k].y1 = fmax(rect[k].y1, rect[k].y2);
        }
    }
    for (GList *l = attrs; l; l = l->next) {
        const PopplerTextAttributes *a = l->data;
        if (!a || a->start_index < 0 || !(a->font_size > 0) || !isfinite(a->font_size))
            continue;
        for (size_t k = (size_t)a->start_index; k < n && k <= (size_t)(gsize)a->end_index; k++)
            pc->v[k].size = a->font_size;
    }
    return DS_OK;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || is_control(cp) || cp == 0xa0;
}
static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* ---- line: type and superscripts ------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The line c[0..n)'s type: the size of most of its non-space characters (*size, 0 if
 * none is known) and the median bottom of the characters of that size (*bottom).
 * tmp has room for n doubles. */
static void line_type(const pchar_t *c, size_t n, double *tmp, double *size, double *bottom)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_space(c[i].cp) && c[i].size > 0)
            tmp[m++] = c[i].size;
    *size = *bottom = 0;
    if (!m)
        return;
    qsort(tmp, m, sizeof *tmp, cmp_double);
    size_t best = 0, run = 0;
    for (size_t i = 0; i < m; i++) {
        run = i > 0 && fabs(tmp[i] - tmp[i - 1]) < 0.05 ? run + 1 : 1;
        if (run > best) { /* ties: the larger size, sorted last */
            best = run;
            *size = tmp[i];
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_space(c[i].cp) && fabs(c[i].size - *size) < 0.05)
            tmp[k++] = c[i].y1;
    qsort(tmp, k, sizeof *tmp, cmp_double);
    *bottom = k ? tmp[k / 2] : 0;
}

/* Mark the superscript digit runs of line c[0..n) (pdf.h, Superscripts). */
static void mark_superscripts(pchar_t *c, size_t n, double size, double bottom)
{
    for (size_t i = 0; i < n;) {
        if (!is_digit(c[i].cp)) {
            i++;
            continue;
        }
        /* digit by digit: a marker may be glued to a number of the line's own type
         * ("2021⁵", the year then the marker) */
        c[i].sup = size > 0 && c[i].size > 0 && c[i].size <= SUP_SIZE * size &&
                   c[i].y1 <= bottom - SUP_RAISE * size;
        i++;
    }
}

/* The superscript form of an ASCII digit. */
static uint32_t superscript(uint32_t d)
{
    static const uint32_t sup[10] = {0x2070, 0xb9,   0xb2,   0xb3,   0x2074,
                                     0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
    return sup[d - '0'];
}

/* Between the characters p and c of a line of type size, a gap poppler wrote no space
 * for, though it is one (a tab: "1.<tab>The", "I.<tab>Introduction"). */
static int gap_is_space(const pchar_t *p, const pchar_t *c, double size)
{
    if (is_space(p->cp) || is_space(c->cp) || !(size > 0) || !(p->x1 > p->x0) || !(c->x1 > c->x0))
        return 0;
    return c->x0 - p->x1 >= SPACE_GAP * size;
}

/* Build the line of c[0..n) into ln: text, box, size. Returns 1 if it has text, 0 if
 * it is blank (ln untouched), -1 when memory ran out. */
static int make_line(pchar_t *c, size_t n, double *tmp, ix_pdf_line_t *ln)
{
    size_t a = 0, z = n;
    while (a < z && is_space(c[a].cp))
        a++;
    while (z > a && is_space(c[z - 1].cp))
        z--;
    if (a == z)
        return 0;
    double size, bottom;
    line_type(c + a, z - a, tmp, &size, &bottom);
    mark_superscripts(c + a, z - a, size, bottom);
    ds_buf_t b = DS_BUF_INIT;
    int boxed = 0;
    ix_pdf_line_t l = {NULL, 0, 0, 0, 0, 0, size};
    for (size_t i = a; i < z; i++) {
        if (i > a && gap_is_space(&c[i - 1], &c[i], size))
            put_char(&b, ' ');
        put_char(&b, c[i].sup ? superscript(c[i].cp) : c[i].cp);
        if (is_space(c[i].cp) || !(c[i].x1 > c[i].x0 || c[i].y1 > c[i].y0))
            continue;
        l.x0 = boxed ? fmin(l.x0, c[i].x0) : c[i].x0;
        l.y0 = boxed ? fmin(l.y0, c[i].y0) : c[i].y0;
        l.x1 = boxed ? fmax(l.x1, c[i].x1) : c[i].x1;
        l.y1 = boxed ? fmax(l.y1, c[i].y1) : c[i].y1;
        boxed = 1;
    }
    if (!ds_buf_ok(&b)) {
        ds_buf_release(&b);
        return -1;
    }
    l.text = ds_buf_detach(&b, &l.len);
    *ln = l;
    return l.text ? 1 : -1;
}

/* ---- page: lines ----------------------------------------------------------------- */

/* A line of the page's characters, c[a..z), with its box and type, and the cut-off
 * footnote numbers joined to it (span indexes, -1: none). */
typedef struct span {
    size_t a, z;
    double x0, y0, x1, y1, size;
    int number;     /* only 1-4 digits (and spaces) */
    int label;      /* a list label: "12.", "(a)", "iv)", "IV." (pdf.h, Lines) */
    long pre, post; /* the number joined before / after it */
    int joined;     /* this number is written with another line */
} span_t;

static int is_letter(uint32_t cp)
{
    return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

/* w[0..n) (lower case) is a roman numeral from 1 to 39: x{0,3} then ix, iv or v?i{0,3}
 * ("did." and "mix." are words, not numbers). */
static int is_roman(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && w[i] == 'x')
        i++;
    if (n - i == 2 && w[i] == 'i' && (w[i + 1] == 'x' || w[i + 1] == 'v'))
        return 1;
    i += i < n && w[i] == 'v';
    size_t ones = 0;
    while (i < n && w[i] == 'i' && ones < 3)
        i++, ones++;
    return i == n && n > 0;
}

/* c[0..n) is a list label, spaces around it aside: 1-4 digits, a roman numeral (one
 * case) or one letter, closed by '.' or ')' or between parentheses ("12.", "(a)",
 * "iv)", "IV."); 1-4 digits alone too. */
static int is_label(const pchar_t *c, size_t n)
{
    size_t a = 0, z = n;
    while (a < z && is_space(c[a].cp))
        a++;
    while (z > a && is_space(c[z - 1].cp))
        z--;
    int open = a < z && c[a].cp == '(';
    char w[8];
    size_t i = a + (size_t)open, l = 0, d = 0, up = 0;
    for (; i < z && l < sizeof w - 1 && (is_digit(c[i].cp) || is_letter(c[i].cp)); i++) {
        d += is_digit(c[i].cp);
        up += c[i].cp < 'a' && !is_digit(c[i].cp);
        w[l++] = (char)(is_digit(c[i].cp) ? c[i].cp : c[i].cp | 0x20);
    }
    int digits = d == l && d >= 1 && d <= 4;
    if (digits && i == z && !open)
        return 1; /* "12" */
    int name = digits || (d == 0 && (up == 0 || up == l) && (l == 1 || is_roman(w, l)));
    if (!name || i + 1 != z)
        return 0;
    return c[i].cp == ')' || (!open && c[i].cp == '.');
}

static void measure_span(const pchars_t *pc, span_t *s, double *tmp)
{
    const pchar_t *c = pc->v + s->a;
    size_t n = s->z - s->a, digits = 0, other = 0;
    double bottom;
    line_type(c, n, tmp, &s->size, &bottom);
    int boxed = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_space(c[i].cp))
            continue;
        digits += is_digit(c[i].cp);
        other += !is_digit(c[i].cp);
        s->x0 = boxed ? fmin(s->x0, c[i].x0) : c[i].x0;
        s->y0 = boxed ? fmin(s->y0, c[i].y0) : c[i].y0;
        s->x1 = boxed ? fmax(s->x1, c[i].x1) : c[i].x1;
        s->y1 = boxed ? fmax(s->y1, c[i].y1) : c[i].y1;
        boxed = 1;
    }
    s->number = !other && digits >= 1 && digits <= 4 && boxed && s->size > 0;
    s->label = s->number || (boxed && s->size > 0 && is_label(c, n));
    s->pre = s->post = -1;
}

/* Label line n (a number, "12.", "(a)") hangs before text line t: the same type and
 * baseline, on its left, at most HANG_GAP ems from it (a footnote's or a paragraph's
 * number set apart by a tab, as word processors do). */
static int hanging(const span_t *n, const span_t *t)
{
    double gap = t->x0 - n->x1;
    return fabs(n->size - t->size) <= 0.1 * t->size && fabs(n->y1 - t->y1) <= SAME_BASE * t->size &&
           gap > -1.0 && gap < HANG_GAP * t->size;
}

/* The gap from number line n to text line t if n is a footnote's number cut off t
 * (pdf.h, Lines): smaller, raised against t, and beside it -- on its left when before
 * is set; else -1. */
static double cut_off(const span_t *n, const span_t *t, int before)
{
    if (!n->label || t->number || !(t->size > 0))
        return -1;
    if (before && hanging(n, t))
        return t->x0 - n->x1;
    if (!n->number || n->size > SUP_SIZE * t->size)
        return -1;
    if (!(n->y1 <= t->y1 - SUP_RAISE * t->size && n->y1 > t->y0))
        return -1;
    double gap = before ? t->x0 - n->x1 : n->x0 - t->x1;
    return gap > -1.0 && gap < GLUE_GAP * t->size ? fmax(gap, 0) : -1;
}

/* Join each cut-off number to the nearest text line it belongs to. Poppler may read
 * such numbers anywhere on the page (a column of footnote numbers before the column of
 * their texts), so every line is looked at. */
static void join_numbers(span_t *s, size_t ns)
{
    for (size_t i = 0; i < ns; i++) {
        if (!s[i].label)
            continue;
        long best = -1;
        int side = 0;
        double gap = 0;
        for (size_t j = 0; j < ns; j++) {
            for (int before = 1; before >= 0; before--) {
                long taken = before ? s[j].pre : s[j].post;
                double g = j == i || taken >= 0 ? -1 : cut_off(&s[i], &s[j], before);
                if (g >= 0 && (best < 0 || g < gap)) {
                    best = (long)j;
                    side = before;
                    gap = g;
                }
            }
        }
        if (best < 0)
            continue;
        *(side ? &s[best].pre : &s[best].post) = (long)i;
        s[i].joined = 1;
    }
}

/* Cut the page's characters into spans at '\n'. *out is malloc'd. */
static ds_status_t split_lines(const pchars_t *pc, double *tmp, span_t **out, size_t *ns)
{
    size_t n = 1;
    for (size_t k = 0; k < pc->n; k++)
        n += pc->v[k].cp == '\n';
    span_t *s = calloc(n, sizeof *s);
    if (!s)
        return DS_ERR_NOMEM;
    size_t j = 0, a = 0;
    for (size_t k = 0; k <= pc->n; k++) {
        if (k < pc->n && pc->v[k].cp != '\n')
            continue;
        s[j].a = a;
        s[j].z = k;
        measure_span(pc, &s[j++], tmp);
        a = k + 1;
    }
    *out = s;
    *ns = j;
    return DS_OK;
}

/* Append span s's characters to line[*n], a space first when gap says so. */
static void put_span(const pchars_t *pc, const span_t *s, int space, pchar_t *line, size_t *n)
{
    if (space)
        line[(*n)++] = (pchar_t){' ', 0, 0, 0, 0, 0, 0};
    memcpy(line + *n, pc->v + s->a, (s->z - s->a) * sizeof *line);
    *n += s->z - s->a;
}

/* The characters of span i with the numbers joined to it, into line (room for pc->n + 2). */
static size_t gather(const pchars_t *pc, const span_t *s, size_t i, pchar_t *line)
{
    size_t n = 0;
    const span_t *t = &s[i];
    if (t->pre >= 0) {
        put_span(pc, &s[t->pre], 0, line, &n);
        put_span(pc, t, t->x0 - s[t->pre].x1 >= SPACE_GAP * t->size, line, &n);
    } else {
        put_span(pc, t, 0, line, &n);
    }
    if (t->post >= 0)
        put_span(pc, &s[t->post], s[t->post].x0 - t->x1 >= SPACE_GAP * t->size, line, &n);
    return n;
}

/* The page's lines from its characters, into page->lines. */
static ds_status_t emit_lines(pchars_t *pc, ix_pdf_page_t *page, size_t *text_bytes)
{
    double *tmp = malloc((pc->n + 2) * sizeof *tmp);
    pchar_t *line = malloc((pc->n + 2) * sizeof *line);
    span_t *s = NULL;
    size_t ns = 0;
    ds_status_t rc = tmp && line ? split_lines(pc, tmp, &s, &ns) : DS_ERR_NOMEM;
    if (rc == DS_OK)
        join_numbers(s, ns);
    if (rc == DS_OK && !(page->lines = calloc(ns ? ns : 1, sizeof *page->lines)))
        rc = DS_ERR_NOMEM;
    for (size_t i = 0; rc == DS_OK && i < ns; i++) {
        if (s[i].joined)
            continue;
        size_t n = gather(pc, s, i, line);
        int r = make_line(line, n, tmp, &page->lines[page->nlines]);
        if (r < 0)
            rc = DS_ERR_NOMEM;
        else if (r > 0)
            *text_bytes += page->lines[page->nlines++].len + 1;
    }
    if (rc == DS_OK && page->nlines == 0) {
        free(page->lines);
        page->lines = NULL;
    }
    free(s);
    free(line);
    free(tmp);
    return rc;
}

/* ---- page ------------------------------------------------------------------------ */

/* The label, unless it says nothing the page's place does not (pdf.h). */
static ds_status_t read_label(PopplerPage *pg, size_t index, char **out)
{
    int nomem = 0;
    gchar *g = poppler_page_get_label(pg);
    char *label = g ? clean_string(g, strlen(g), &nomem) : NULL;
    g_free(g);
    char own[32];
    snprintf(own, sizeof own, "%zu", index + 1);
    if (label && strcmp(label, own) == 0) {
        free(label);
        label = NULL;
    }
    *out = label;
    return nomem ? DS_ERR_NOMEM : DS_OK;
}

static ds_status_t read_page(PopplerDocument *doc, size_t index, ix_pdf_page_t *page,
                             size_t *text_bytes)
{
    PopplerPage *pg = poppler_document_get_page(doc, (int)index);
    if (!pg) /* a page poppler cannot give: kept as a blank one, the count stays true */
        return DS_OK;
    poppler_page_get_size(pg, &page->width, &page->height);
    ds_status_t rc = read_label(pg, index, &page->label);
    gchar *text = poppler_page_get_text(pg);
    PopplerRectangle *rect = NULL;
    guint nrect = 0;
    GList *attrs = NULL;
    pchars_t pc = {NULL, 0};
    if (rc == DS_OK && text && *text) {
        if (!poppler_page_get_text_layout(pg, &rect, &nrect))
            nrect = 0;
        attrs = poppler_page_get_text_attributes(pg);
        rc = page_chars(text, rect, nrect, attrs, &pc);
        if (rc == DS_OK)
            rc = emit_lines(&pc, page, text_bytes);
    }
    free(pc.v);
    poppler_page_free_text_attributes(attrs);
    g_free(rect);
    g_free(text);
    g_object_unref(pg);
    return rc;
}

/* ---- API ------------------------------------------------------------------------- */

ds_status_t ix_pdf_read(const char *path, ix_pdf_t *pdf, ds_error_t *e)
{
    ds_error_clear(e);
    *pdf = (ix_pdf_t)IX_PDF_INIT;
    ds_buf_t raw = DS_BUF_INIT;
    ds_status_t rc = read_file(path, &raw, e);
    if (rc == DS_OK)
        rc = ix_pdf_read_mem(raw.data ? raw.data : "", raw.len, pdf, e);
    ds_buf_release(&raw);
    return rc;
}

static ds_status_t read_pages(PopplerDocument *doc, ix_pdf_t *pdf, ds_error_t *e)
{
    int n = poppler_document_get_n_pages(doc);
    if (n <= 0) {
        ds_error_set(e, DS_ERR_INVALID, 0, "no pages");
        return DS_ERR_INVALID;
    }
    if (n > IX_PDF_MAX_PAGES) {
        ds_error_set(e, DS_ERR_RANGE, 0, "over %d pages; not indexed", IX_PDF_MAX_PAGES);
        return DS_ERR_RANGE;
    }
    if (!(pdf->pages = calloc((size_t)n, sizeof *pdf->pages)))
        return ds_error_fill(e, DS_ERR_NOMEM);
    pdf->npages = (size_t)n;
    size_t text_bytes = 0, lines = 0;
    for (size_t p = 0; p < pdf->npages; p++) {
        if (read_page(doc, p, &pdf->pages[p], &text_bytes) != DS_OK)
            return ds_error_fill(e, DS_ERR_NOMEM);
        lines += pdf->pages[p].nlines;
        if (text_bytes > IX_PDF_MAX_TEXT) {
            ds_error_set(e, DS_ERR_RANGE, 0, "text larger than %s; not indexed", "512 MiB");
            return DS_ERR_RANGE;
        }
    }
    if (!lines) {
        ds_error_set(e, DS_ERR_INVALID, 0, "no text layer: a scanned PDF needs OCR first");
        return DS_ERR_INVALID;
    }
    return DS_OK;
}

ds_status_t ix_pdf_read_mem(const void *data, size_t len, ix_pdf_t *pdf, ds_error_t *e)
{
    ds_error_clear(e);
    *pdf = (ix_pdf_t)IX_PDF_INIT;
    if (len > IX_PDF_MAX_BYTES) {
        ds_error_set(e, DS_ERR_RANGE, 0, "larger than %s; not indexed", "256 MiB");
        return DS_ERR_RANGE;
    }
    if (len == 0) { /* GLib refuses a NULL/empty buffer less politely */
        ds_error_set(e, DS_ERR_CORRUPT, 0, "damaged or not a PDF: %s", "empty file");
        return DS_ERR_CORRUPT;
    }
    pthread_mutex_lock(&poppler_lock);
    GBytes *bytes = g_bytes_new_static(data, len); /* data outlives the document */
    PopplerDocument *doc = NULL;
    ds_status_t rc = open_doc(bytes, &doc, e);
    if (rc == DS_OK && read_info(doc, pdf) != DS_OK)
        rc = ds_error_fill(e, DS_ERR_NOMEM);
    if (rc == DS_OK)
        rc = read_pages(doc, pdf, e);
    if (doc)
        g_object_unref(doc);
    g_bytes_unref(bytes);
    pthread_mutex_unlock(&poppler_lock);
    if (rc != DS_OK)
        ix_pdf_release(pdf);
    return rc;
}

void ix_pdf_release(ix_pdf_t *pdf)
{
    if (!pdf)
        return;
    for (size_t p = 0; p < pdf->npages; p++) {
        for (size_t i = 0; i < pdf->pages[p].nlines; i++)
            free(pdf->pages[p].lines[i].text);
        free(pdf->pages[p].lines);
        free(pdf->pages[p].label);
    }
    free(pdf->pages);
    free(pdf->title);
    free(pdf->author);
    free(pdf->subject);
    *pdf = (ix_pdf_t)IX_PDF_INIT;
}
