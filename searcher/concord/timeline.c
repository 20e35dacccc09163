/*
 * timeline.c - occurrences per year or month, as a table and an SVG chart (see
 * timeline.h).
 *
 *   table .............. period_of, tl_add, tl_fill, tl_label
 *   SVG ................ put_xml, nice_step, svg_head, svg_axes, svg_bars, tl_svg
 *   text, TSV, JSON .... put_text_rows, put_row, tl_header
 *   entry point ........ count_doc, count_pos (from position lists), write_svg, tl_run
 */
#include "timeline.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "kwic.h"
#include "out.h"
#include "schema.h"

/* ---- table ------------------------------------------------------------------------ */

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The period of an ISO date, or -1 if it has none. */
static int32_t period_of(const char *d, tl_by_t by)
{
    size_t len = d ? strlen(d) : 0;
    if (len < 4 || !digits(d, 4) || (len > 4 && d[4] != '-'))
        return -1;
    int32_t year = (int32_t)strtol(d, NULL, 10);
    if (by == TL_BY_YEAR)
        return year;
    if (len == 4) /* a date of year precision: its first day is in January */
        return year * 100 + 1;
    if (len < 7 || !digits(d + 5, 2))
        return -1;
    int32_t month = (d[5] - '0') * 10 + (d[6] - '0');
    return month >= 1 && month <= 12 ? year * 100 + month : -1;
}

static ds_status_t push_row(tl_table_t *t, int32_t period)
{
    tl_row_t *grown = ds_grow(t->rows, &t->cap, t->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    t->rows = grown;
    t->rows[t->n++] = (tl_row_t){period, 0, 0};
    return DS_OK;
}

ds_status_t tl_add(tl_table_t *t, const char *date, uint64_t occ)
{
    int32_t p = period_of(date, t->by);
    if (p < 0) {
        t->undated_occ += occ;
        t->undated_docs++;
        return DS_OK;
    }
    size_t i = t->n; /* few periods: a linear search is enough */
    while (i > 0 && t->rows[i - 1].period != p)
        i--;
    if (i == 0) {
        if (push_row(t, p) != DS_OK)
            return DS_ERR_NOMEM;
        i = t->n;
    }
    t->rows[i - 1].occ += occ;
    t->rows[i - 1].docs++;
    return DS_OK;
}

/* Periods as consecutive numbers: years as they are, months counted from year 0. */
static int32_t step_of(tl_by_t by, int32_t p)
{
    return by == TL_BY_YEAR ? p : (p / 100) * 12 + (p % 100 - 1);
}

static int32_t period_at(tl_by_t by, int32_t step)
{
    return by == TL_BY_YEAR ? step : (step / 12) * 100 + step % 12 + 1;
}

static int row_cmp(const void *a, const void *b)
{
    const tl_row_t *x = a, *y = b;
    return (x->period > y->period) - (x->period < y->period);
}

ds_status_t tl_fill(tl_table_t *t)
{
    if (t->n == 0)
        return DS_OK;
    qsort(t->rows, t->n, sizeof *t->rows, row_cmp);
    int32_t first = step_of(t->by, t->rows[0].period);
    size_t n = (size_t)(step_of(t->by, t->rows[t->n - 1].period) - first) + 1;
    tl_row_t *v = calloc(n, sizeof *v);
    if (!v)
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        v[i].period = period_at(t->by, first + (int32_t)i);
    for (size_t i = 0; i < t->n; i++)
        v[step_of(t->by, t->rows[i].period) - first] = t->rows[i];
    free(t->rows);
    t->rows = v;
    t->n = t->cap = n;
    return DS_OK;
}

void tl_label(char buf[16], tl_by_t by, int32_t period)
{
    if (by == TL_BY_YEAR)
        snprintf(buf, 16, "%04d", (int)period);
    else
        snprintf(buf, 16, "%04d-%02d", (int)(period / 100), (int)(period % 100));
}

void tl_table_release(tl_table_t *t)
{
    if (!t)
        return;
    free(t->rows);
    t->rows = NULL;
    t->n = t->cap = 0;
}

/* ---- SVG -------------------------------------------------------------------------- */

#define SVG_W 720
#define SVG_H 400
#define SVG_LEFT 70 /* margins around the plot */
#define SVG_RIGHT 20
#define SVG_TOP 50
#define SVG_BOTTOM 80
#define PLOT_W (SVG_W - SVG_LEFT - SVG_RIGHT)
#define PLOT_H (SVG_H - SVG_TOP - SVG_BOTTOM)

/* Text as XML character data or attribute value: made safe for a terminal first (no
 * control character is allowed in XML 1.0), then & < > " ' escaped; the non-characters
 * U+FFFE and U+FFFF, valid UTF-8 but not XML, become U+FFFD. */
static void put_xml(ds_buf_t *out, const char *s, size_t len)
{
    ds_buf_t t = DS_BUF_INIT;
    out_text(&t, s, len, 1);
    for (size_t i = 0; i < t.len; i++) {
        char c = t.data[i];
        if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
            ds_buf_puts(out, c == '&'   ? "&amp;"
                             : c == '<' ? "&lt;"
                             : c == '>' ? "&gt;"
                             : c == '"' ? "&quot;"
                                        : "&apos;");
        } else if (i + 2 < t.len && memcmp(t.data + i, "\xef\xbf", 2) == 0 &&
                   ((unsigned char)t.data[i + 2] & 0xfe) == 0xbe) {
            ds_buf_puts(out, "\xef\xbf\xbd");
            i += 2;
        } else {
            ds_buf_putc(out, c);
        }
    }
    if (!ds_buf_ok(&t))
        out->failed = 1;
    ds_buf_release(&t);
}

/* A round tick step (1, 2 or 5 times a power of ten) giving at most 5 ticks above 0. */
static uint64_t nice_step(uint64_t max)
{
    uint64_t raw = (max + 4) / 5;
    for (uint64_t mag = 1;; mag *= 10) {
        if (mag >= raw)
            return mag;
        if (2 * mag >= raw)
            return 2 * mag;
        if (5 * mag >= raw)
            return 5 * mag;
    }
}

static void svg_head(ds_buf_t *out, const char *title, size_t len)
{
    ds_buf_printf(out,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                  "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                  "font-family=\"sans-serif\" font-size=\"12\">\n<title>",
                  SVG_W, SVG_H, SVG_W, SVG_H);
    put_xml(out, title, len);
    ds_buf_printf(out,
                  "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n"
                  "<text x=\"%d\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" "
                  "font-weight=\"bold\">",
                  SVG_W, SVG_H, SVG_W / 2);
    put_xml(out, title, len);
    ds_buf_puts(out, "</text>\n");
}

/* The y axis (ticks 0..top by step, grid lines), the x axis and the axis titles. */
static void svg_axes(ds_buf_t *out, uint64_t top, uint64_t step, tl_by_t by, const char *what)
{
    int x0 = SVG_LEFT, y0 = SVG_TOP + PLOT_H;
    for (uint64_t v = 0; v <= top; v += step) {
        double y = y0 - (double)v * PLOT_H / (double)top;
        ds_buf_printf(out,
                      "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                      "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
                      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%" PRIu64 "</text>\n",
                      x0, y, x0 + PLOT_W, y, x0 - 5, y, x0, y, x0 - 8, y + 4, v);
    }
    ds_buf_printf(out,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                  x0, SVG_TOP, x0, y0, x0, y0, x0 + PLOT_W, y0);
    ds_buf_printf(out,
                  "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                  "transform=\"rotate(-90 18 %d)\">%s</text>\n"
                  "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                  SVG_TOP + PLOT_H / 2, SVG_TOP + PLOT_H / 2, what, x0 + PLOT_W / 2, SVG_H - 12,
                  by == TL_BY_YEAR ? "year" : "month");
}

static void svg_label(ds_buf_t *out, const char *label, double x, tl_by_t by)
{
    int y = SVG_TOP + PLOT_H + 16;
    if (by == TL_BY_YEAR)
        ds_buf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y,
                      label);
    else
        ds_buf_printf(out,
                      "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" "
                      "transform=\"rotate(-45 %.1f %d)\">%s</text>\n",
                      x, y, x, y, label);
}

/* One bar per period (a tooltip each) and every k-th period's label. */
static void svg_bars(ds_buf_t *out, const tl_table_t *t, uint64_t top, int docs_only)
{
    double slot = (double)PLOT_W / (double)t->n;
    size_t every = (size_t)ceil((t->by == TL_BY_YEAR ? 40.0 : 16.0) / slot);
    for (size_t i = 0; i < t->n; i++) {
        const tl_row_t *r = &t->rows[i];
        char label[16];
        tl_label(label, t->by, r->period);
        double v = (double)(docs_only ? r->docs : r->occ);
        double h = v * PLOT_H / (double)top, x = SVG_LEFT + slot * (double)i;
        ds_buf_printf(out,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                      "fill=\"#4a7ab5\"><title>%s: occurrences %" PRIu64 ", documents %" PRIu64
                      "</title></rect>\n",
                      x + slot * 0.1, SVG_TOP + PLOT_H - h, slot * 0.8, h, label, r->occ, r->docs);
        if (i % (every ? every : 1) == 0)
            svg_label(out, label, x + slot / 2, t->by);
    }
}

void tl_svg(ds_buf_t *out, const tl_table_t *t, int docs_only, const char *title, size_t len)
{
    const char *what = docs_only ? "documents" : "occurrences";
    uint64_t max = 0, undated = docs_only ? t->undated_docs : t->undated_occ;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t v = docs_only ? t->rows[i].docs : t->rows[i].occ;
        max = v > max ? v : max;
    }
    uint64_t step = nice_step(max ? max : 1);
    uint64_t top = ((max ? max : 1) + step - 1) / step * step;
    svg_head(out, title, len);
    svg_axes(out, top, step, t->by, what);
    if (t->n)
        svg_bars(out, t, top, docs_only);
    else
        ds_buf_printf(out,
                      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no dated "
                      "%s</text>\n",
                      SVG_LEFT + PLOT_W / 2, SVG_TOP + PLOT_H / 2, what);
    if (undated)
        ds_buf_printf(out,
                      "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">"
                      "%" PRIu64 " undated %s not shown</text>\n",
                      SVG_W - SVG_RIGHT, SVG_H - 12, undated, what);
    ds_buf_puts(out, "</svg>\n");
}

/* ---- text, TSV, JSON -------------------------------------------------------------- */

void tl_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "period\toccurrences\tdocuments\n");
}

/* Columns before a text bar: "[id] ", the period (8), the two counts. */
#define TEXT_PREFIX 33

static void put_text_row(ds_buf_t *out, const fmt_options_t *fmt, const char *label, uint64_t occ,
                         uint64_t docs, size_t bar)
{
    fmt_text_prefix(out, fmt);
    ds_buf_printf(out, "%-8s %11" PRIu64 " %10" PRIu64 "%s", label, occ, docs, bar ? "  " : "");
    for (size_t i = 0; i < bar; i++)
        ds_buf_putc(out, '#');
    ds_buf_putc(out, '\n');
}

static void put_row(ds_buf_t *out, const fmt_options_t *fmt, const char *label, uint64_t occ,
                    uint64_t docs)
{
    const char *qid = fmt->query_id;
    if (fmt->kind == FMT_TSV) {
        if (qid) {
            out_tsv_field(out, qid, strlen(qid));
            ds_buf_putc(out, '\t');
        }
        ds_buf_printf(out, "%s\t%" PRIu64 "\t%" PRIu64 "\n", label, occ, docs);
        return;
    }
    ds_buf_putc(out, '{');
    if (qid) {
        ds_buf_puts(out, "\"query\":");
        out_json_str(out, qid, strlen(qid));
        ds_buf_putc(out, ',');
    }
    ds_buf_printf(out, "\"period\":\"%s\",\"occurrences\":%" PRIu64 ",\"documents\":%" PRIu64 "}\n",
                  label, occ, docs);
}

/* Text: a header, then per period the counts and a bar of what is counted (occurrences,
 * or documents when there are no keywords) scaled to the terminal. */
static void put_text(ds_buf_t *out, const fmt_options_t *fmt, const tl_table_t *t, unsigned columns,
                     int docs_only)
{
    size_t room = TEXT_PREFIX + (fmt->query_id ? strlen(fmt->query_id) + 3 : 0);
    size_t width = columns > room + 10 ? columns - room : 10;
    uint64_t max = 1;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t v = docs_only ? t->rows[i].docs : t->rows[i].occ;
        max = v > max ? v : max;
    }
    fmt_text_prefix(out, fmt);
    ds_buf_puts(out, "period   occurrences  documents\n");
    for (size_t i = 0; i < t->n; i++) {
        char label[16];
        tl_label(label, t->by, t->rows[i].period);
        uint64_t v = docs_only ? t->rows[i].docs : t->rows[i].occ;
        size_t bar = (size_t)((v * width + max / 2) / max);
        put_text_row(out, fmt, label, t->rows[i].occ, t->rows[i].docs, v && !bar ? 1 : bar);
    }
    if (t->undated_docs)
        put_text_row(out, fmt, "undated", t->undated_occ, t->undated_docs, 0);
}

static void put_table(ds_buf_t *out, const fmt_options_t *fmt, const tl_table_t *t,
                      unsigned columns, int docs_only)
{
    if (fmt->kind == FMT_TEXT) {
        put_text(out, fmt, t, columns, docs_only);
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        char label[16];
        tl_label(label, t->by, t->rows[i].period);
        put_row(out, fmt, label, t->rows[i].occ, t->rows[i].docs);
    }
    if (t->undated_docs)
        put_row(out, fmt, "undated", t->undated_occ, t->undated_docs);
}

/* ---- entry point ------------------------------------------------------------------ */

static ds_status_t count_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    (void)stop;
    return tl_add(ctx, dstore_get(d->rec, DS_FIELD_DATE, NULL), d->nocc);
}

/* Counting from position lists (kw_each_count): the date comes from the document's
 * DS_SLOT_DATE_START value, its first day -- the period of the record's date, which is
 * that day at its precision (docbuild.c writes both from one span) -- read without the
 * record. */
typedef struct by_pos {
    tl_table_t *t;
    xap_db_t *db;
    ds_error_t *e;
} by_pos_t;

static ds_status_t count_pos(void *ctx, xap_docid_t docid, uint64_t nocc, int *stop)
{
    by_pos_t *b = ctx;
    (void)stop;
    xap_doc_t *doc = NULL;
    const char *v = NULL;
    size_t len = 0;
    ds_status_t rc = xap_db_get_doc(b->db, docid, &doc);
    if (rc == DS_OK)
        rc = xap_doc_get_value(doc, DS_SLOT_DATE_START, &v, &len);
    char iso[11] = ""; /* "YYYYMMDD" as "YYYY-MM-DD"; anything else is undated */
    if (rc == DS_OK && len == 8 && digits(v, 8))
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    if (rc == DS_OK)
        rc = tl_add(b->t, iso[0] ? iso : NULL, nocc);
    else if (rc != DS_ERR_NOMEM)
        ds_error_set(b->e, rc, 0, "%s", doc ? xap_doc_error(doc) : xap_db_error(b->db));
    xap_doc_free(doc);
    return rc;
}

static ds_status_t write_svg(const char *path, const tl_table_t *t, int docs_only,
                             const char *title, size_t len, ds_error_t *e)
{
    ds_buf_t svg = DS_BUF_INIT;
    tl_svg(&svg, t, docs_only, title, len);
    if (!ds_buf_ok(&svg)) {
        ds_buf_release(&svg);
        return DS_ERR_NOMEM;
    }
    FILE *f = fopen(path, "w");
    int ok = f && fwrite(svg.data, 1, svg.len, f) == svg.len;
    if (f && fclose(f) != 0)
        ok = 0;
    ds_buf_release(&svg);
    if (ok)
        return DS_OK;
    ds_error_set(e, DS_ERR_IO, 0, "cannot write %s: %s", path, strerror(errno));
    return DS_ERR_IO;
}

ds_status_t tl_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const char *text,
                   size_t len, const tl_opts_t *o, const fmt_options_t *fmt, ds_buf_t *out,
                   FILE *stream, uint64_t *found, ds_error_t *e)
{
    tl_table_t t = {.by = o->by};
    *found = 0;
    by_pos_t b = {&t, ix->db, e};
    /* with keywords the position lists count (no text read); without, every matching
     * document is one, read as kw_each_doc walks them */
    ds_status_t rc = m ? kw_each_count(ix, xq, m, count_pos, &b, e)
                       : kw_each_doc(ix, xq, m, KW_ORDER_DOC, count_doc, &t, e);
    if (rc == DS_OK)
        rc = tl_fill(&t);
    if (rc == DS_OK)
        put_table(out, fmt, &t, o->columns, m == NULL);
    if (rc == DS_OK)
        rc = kw_flush(out, stream);
    if (rc == DS_OK && o->svg)
        rc = write_svg(o->svg, &t, m == NULL, text, len, e);
    ds_error_fill(e, rc);
    for (size_t i = 0; i < t.n; i++)
        *found += t.rows[i].docs;
    *found += t.undated_docs;
    tl_table_release(&t);
    return rc;
}
