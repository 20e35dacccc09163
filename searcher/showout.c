/*
 * showout.c - printing what --show found (show.h, Output): text, TSV, JSON.
 *
 *   values ............. cites_cell (one cell of a "cites" line), record field values
 *   text ............... text_citation, text_span, text_show
 *   TSV ................ tsv_show
 *   JSON ............... json_show
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "schema.h"
#include "show_int.h"

/* The TSV and JSON columns, in order. */
static const char *const columns[] = {"locator", "id",     "title",        "date", "actor",
                                      "page",    "line",   "url",          "left", "match",
                                      "right",   "status", "current_hash", "now",  "occurrences"};

/* ---- values --------------------------------------------------------------------- */

/* Cell c (0 number, 1 url, 2 title, 3 date) of a "cites" line line[0..n) (schema.h,
 * DS_FIELD_CITES: "N<TAB>url<TAB>title<TAB>date"): its bytes and length. */
static const char *cites_cell(const char *line, size_t n, int c, size_t *len)
{
    const char *p = line, *end = line + n;
    for (int i = 0; i < c && p; i++) {
        p = memchr(p, '\t', (size_t)(end - p));
        p = p ? p + 1 : NULL;
    }
    if (!p) {
        *len = 0;
        return "";
    }
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    *len = (size_t)((tab ? tab : end) - p);
    return p;
}

/* The next line of a "cites" field at *p (advanced past it): its length, or -1 at the
 * end. */
static long next_cite(const char **p, const char **line)
{
    if (!*p || !**p)
        return -1;
    *line = *p;
    size_t n = strcspn(*p, "\n");
    *p += n + ((*p)[n] == '\n');
    return (long)n;
}

/* The number, title and url of a "cites" line line[0..n) into c and l. */
static void footnote(const char *line, size_t n, const char *c[3], size_t l[3])
{
    c[0] = cites_cell(line, n, 0, &l[0]);
    c[1] = cites_cell(line, n, 2, &l[1]);
    c[2] = cites_cell(line, n, 1, &l[2]);
}

static const char *field(const sq_shown_t *s, const char *key, size_t *len)
{
    const char *v = dstore_get(s->rec, key, len);
    if (!v)
        *len = 0;
    return v;
}

/* ---- text ----------------------------------------------------------------------- */

/* One "label: value" line of the citation block, when the value is known. */
static void text_line(ds_buf_t *out, const char *label, const char *v, size_t len)
{
    if (!v || !len)
        return;
    ds_buf_printf(out, "  %-10s", label);
    out_text(out, v, len, 1);
    ds_buf_putc(out, '\n');
}

static void text_citation(ds_buf_t *out, const sq_shown_t *s)
{
    static const char *const keys[] = {DS_FIELD_TITLE, DS_FIELD_DATE, DS_FIELD_ACTOR};
    size_t len;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = field(s, keys[i], &len);
        text_line(out, keys[i], v, len);
    }
    if (s->page && s->line)
        ds_buf_printf(out, "  %-10s%zu, line %zu\n", "page", s->page, s->line);
    else if (s->page)
        ds_buf_printf(out, "  %-10s%zu\n", "page", s->page);
    const char *v = field(s, DS_FIELD_URL, &len);
    text_line(out, "url", v, len);
    const char *p = field(s, DS_FIELD_CITES, &len), *line;
    for (long n; (n = next_cite(&p, &line)) >= 0;) {
        size_t l[3];
        const char *c[3];
        footnote(line, (size_t)n, c, l);
        ds_buf_printf(out, "  %-10s", "footnote");
        for (int i = 0; i < 3; i++) {
            if (i && l[i])
                ds_buf_puts(out, i == 1 ? "  " : " <");
            out_text(out, c[i], l[i], 1);
        }
        ds_buf_puts(out, l[2] ? ">\n" : "\n");
    }
}

static void text_span(ds_buf_t *out, const sq_show_opts_t *o, const sq_shown_t *s)
{
    ds_buf_puts(out, "\n  ");
    out_text(out, s->text + s->ls, s->start - s->ls, 1);
    ds_buf_puts(out, o->color ? "\033[1m" : "[[");
    out_text(out, s->text + s->start, s->end - s->start, 1);
    ds_buf_puts(out, o->color ? "\033[0m" : "]]");
    out_text(out, s->text + s->end, s->re - s->end, 1);
    ds_buf_putc(out, '\n');
}

static void text_show(ds_buf_t *out, const sq_show_opts_t *o, const sq_shown_t *s)
{
    out_text(out, s->locator, s->loclen, 0);
    ds_buf_putc(out, '\n');
    if (s->changed)
        ds_buf_printf(out,
                      "  CHANGED   the document changed since this locator was made "
                      "(its text hash is now %012" PRIx64 "): its span is not shown\n",
                      s->now_hash);
    if (s->changed && s->occurrences == 1) {
        ds_buf_puts(out, "  now at    ");
        out_text(out, ds_buf_cstr(&s->now), s->now.len, 0);
        ds_buf_puts(out, " (the quoted words, found once)\n");
    } else if (s->changed && s->occurrences >= 0)
        ds_buf_printf(out, "  quote     the quoted words occur %ld times in the current text\n",
                      s->occurrences);
    text_citation(out, s);
    if (s->has_span)
        text_span(out, o, s);
}

/* ---- TSV ------------------------------------------------------------------------ */

/* Column i's value of s as TSV ("" when not known). */
static void tsv_value(ds_buf_t *out, const sq_shown_t *s, size_t i)
{
    static const char *const rec_keys[] = {
        NULL, DS_FIELD_ID, DS_FIELD_TITLE, DS_FIELD_DATE, DS_FIELD_ACTOR, NULL, NULL, DS_FIELD_URL};
    size_t len;
    const char *v;
    if (i == 0)
        out_tsv_field(out, s->locator, s->loclen);
    else if (i < 8 && rec_keys[i] && (v = field(s, rec_keys[i], &len)))
        out_tsv_field(out, v, len);
    else if ((i == 5 && s->page) || (i == 6 && s->line))
        ds_buf_printf(out, "%zu", i == 5 ? s->page : s->line);
    else if (i >= 8 && i <= 10 && s->has_span) {
        size_t from = i == 8 ? s->ls : i == 9 ? s->start : s->end;
        size_t to = i == 8 ? s->start : i == 9 ? s->end : s->re;
        out_tsv_field(out, s->text + from, to - from);
    } else if (i == 11)
        ds_buf_puts(out, s->changed ? "changed" : "ok");
    else if (i == 12)
        ds_buf_printf(out, "%012" PRIx64, s->now_hash);
    else if (i == 13)
        out_tsv_field(out, ds_buf_cstr(&s->now), s->now.len);
    else if (i == 14 && s->occurrences >= 0)
        ds_buf_printf(out, "%ld", s->occurrences);
}

static void tsv_show(ds_buf_t *out, const sq_show_opts_t *o, const sq_shown_t *s)
{
    size_t n = sizeof columns / sizeof columns[0];
    for (size_t i = 0; o->header && i < n; i++)
        ds_buf_printf(out, "%s%s", i ? "\t" : "", columns[i]);
    if (o->header)
        ds_buf_putc(out, '\n');
    for (size_t i = 0; i < n; i++) {
        if (i)
            ds_buf_putc(out, '\t');
        tsv_value(out, s, i);
    }
    ds_buf_putc(out, '\n');
    size_t len;
    const char *p = field(s, DS_FIELD_CITES, &len), *line;
    for (long k; (k = next_cite(&p, &line)) >= 0;) {
        size_t l[3];
        const char *c[3];
        footnote(line, (size_t)k, c, l);
        ds_buf_puts(out, "#footnote");
        for (int i = 0; i < 3; i++) {
            ds_buf_putc(out, '\t');
            out_tsv_field(out, c[i], l[i]);
        }
        ds_buf_putc(out, '\n');
    }
}

/* ---- JSON ----------------------------------------------------------------------- */

static void json_str(ds_buf_t *out, const char *s, size_t len, int known)
{
    if (known)
        out_json_str(out, s, len);
    else
        ds_buf_puts(out, "null");
}

static void json_footnotes(ds_buf_t *out, const sq_shown_t *s)
{
    size_t len;
    const char *p = field(s, DS_FIELD_CITES, &len), *line;
    ds_buf_puts(out, ",\"footnotes\":[");
    for (long k, i = 0; (k = next_cite(&p, &line)) >= 0; i++) {
        size_t l[3];
        const char *c[3];
        footnote(line, (size_t)k, c, l);
        ds_buf_printf(out, "%s{\"number\":%ld,\"title\":", i ? "," : "", strtol(line, NULL, 10));
        json_str(out, c[1], l[1], l[1] > 0);
        ds_buf_puts(out, ",\"url\":");
        json_str(out, c[2], l[2], l[2] > 0);
        ds_buf_putc(out, '}');
    }
    ds_buf_putc(out, ']');
}

/* Column i's value of s as JSON (null when not known). */
static void json_value(ds_buf_t *out, const sq_shown_t *s, size_t i)
{
    ds_buf_t tsv = DS_BUF_INIT; /* the TSV value says what is known; JSON writes it again */
    tsv_value(&tsv, s, i);
    size_t len = 0;
    const char *v = NULL;
    if (i >= 1 && i <= 7 && i != 5 && i != 6)
        v = field(s, columns[i], &len);
    if ((i == 5 || i == 6 || i == 14) && tsv.len)
        ds_buf_append(out, tsv.data, tsv.len);
    else if (i == 5 || i == 6 || i == 14)
        ds_buf_puts(out, "null");
    else if (i == 0)
        out_json_str(out, s->locator, s->loclen);
    else if (v || (i >= 1 && i <= 7))
        json_str(out, v, len, v != NULL);
    else if (i >= 8 && i <= 10) {
        size_t from = i == 8 ? s->ls : i == 9 ? s->start : s->end;
        size_t to = i == 8 ? s->start : i == 9 ? s->end : s->re;
        json_str(out, s->text + from, to - from, s->has_span);
    } else if (i == 13)
        json_str(out, ds_buf_cstr(&s->now), s->now.len, s->now.len > 0);
    else
        out_json_str(out, ds_buf_cstr(&tsv), tsv.len); /* status, current_hash */
    ds_buf_release(&tsv);
}

static void json_show(ds_buf_t *out, const sq_shown_t *s)
{
    ds_buf_putc(out, '{');
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
        ds_buf_printf(out, "%s\"%s\":", i ? "," : "", columns[i]);
        json_value(out, s, i);
        if (i == 7)
            json_footnotes(out, s);
    }
    ds_buf_puts(out, "}\n");
}

void sq_show_print(ds_buf_t *out, const sq_show_opts_t *o, const sq_shown_t *s)
{
    if (o->kind == FMT_JSON)
        json_show(out, s);
    else if (o->kind == FMT_TSV)
        tsv_show(out, o, s);
    else
        text_show(out, o, s);
}
