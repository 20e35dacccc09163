/*
 * vfout.c - the places of searcher --verify and their output (see vfout.h).
 *
 *   places .......... vf_places_add, vf_places_closest (copied from the record)
 *   order ........... vf_places_finish (report places a passage has; date, id)
 *   output .......... vf_print: text, TSV, JSON (README, --verify)
 */
#include "vfout.h"

#include <stdlib.h>
#include <string.h>

#include "locate.h"
#include "natsort.h"
#include "out.h"
#include "schema.h"

static char *field(sq_hit_t *hit, const char *key)
{
    size_t len = 0;
    const char *v = dstore_get(hit->rec, key, &len);
    char *s = malloc(len + 1);
    if (s) {
        if (len)
            memcpy(s, v, len);
        s[len] = '\0';
    }
    return s;
}

/* The footnote numbers of a "cites" field ("N<TAB>url<TAB>title<TAB>date" lines). */
static char *footnotes(sq_hit_t *hit)
{
    char *cites = field(hit, DS_FIELD_CITES);
    ds_buf_t b = DS_BUF_INIT;
    for (const char *line = cites; line && *line;) {
        ds_buf_printf(&b, "%s%ld", b.len ? "," : "", strtol(line, NULL, 10));
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(cites);
    ds_buf_putc(&b, '\0');
    return ds_buf_detach(&b, NULL);
}

static char *copy(const char *s, size_t len)
{
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

/* A new place of hit at text bytes [start, end), fields copied. */
static vf_place_t *new_place(vf_places_t *vs, sq_hit_t *hit, size_t start, size_t end)
{
    vf_place_t *p = realloc(vs->p, (vs->n + 1) * sizeof *p);
    if (!p)
        return NULL;
    vs->p = p;
    p = &vs->p[vs->n++];
    memset(p, 0, sizeof *p);
    p->id = field(hit, DS_FIELD_ID), p->type = field(hit, DS_FIELD_TYPE);
    p->report = field(hit, DS_FIELD_REPORT), p->title = field(hit, DS_FIELD_TITLE);
    p->date = field(hit, DS_FIELD_DATE), p->actor = field(hit, DS_FIELD_ACTOR);
    p->url = field(hit, DS_FIELD_URL), p->footnotes = footnotes(hit);
    sq_locdoc_t d = SQ_LOCDOC_INIT;
    ds_buf_t loc = DS_BUF_INIT;
    if (sq_locdoc_read(&d, hit->rec) == DS_OK && d.has_hash) {
        ds_loc_t l = sq_locdoc_loc(&d, start, end), e = sq_locdoc_loc(&d, end - 1, end);
        ds_loc_format(&loc, &l);
        p->page = l.page, p->line = l.line;
        p->notes |= e.page != l.page ? QA_PAGEBREAK : 0;
    }
    ds_buf_putc(&loc, '\0');
    p->locator = ds_buf_detach(&loc, NULL);
    sq_locdoc_release(&d);
    return p;
}

static int complete(const vf_place_t *p)
{
    return p->id && p->type && p->report && p->title && p->date && p->actor && p->url &&
           p->footnotes && p->locator;
}

ds_status_t vf_places_add(vf_places_t *vs, sq_hit_t *hit, const qa_words_t *q, const qa_words_t *t,
                          const char *text, const qa_match_t *m)
{
    vf_place_t *p = new_place(vs, hit, t->w[m->first].start, t->w[m->last].end);
    if (!p)
        return DS_ERR_NOMEM;
    p->notes |= m->notes;
    ds_buf_t om = DS_BUF_INIT;
    for (size_t j = 1; j < q->n; j++)
        if (q->w[j].gap == QA_GAP_ELLIPSIS && m->omit_from[j] < m->omit_to[j]) {
            size_t a = t->w[m->omit_from[j]].start, b = t->w[m->omit_to[j] - 1].end;
            ds_buf_append(&om, text + a, b - a);
            ds_buf_putc(&om, '\n');
        }
    ds_buf_putc(&om, '\0');
    p->omitted = ds_buf_detach(&om, NULL);
    return p->omitted && complete(p) ? DS_OK : DS_ERR_NOMEM;
}

ds_status_t vf_places_closest(vf_places_t *vs, sq_hit_t *hit, const qa_words_t *q,
                              const char *quote, const qa_words_t *t, const char *text,
                              const qa_closest_t *c)
{
    vf_place_t *p = new_place(vs, hit, t->w[c->first].start, t->w[c->last].end);
    if (!p)
        return DS_ERR_NOMEM;
    p->omitted = copy("", 0);
    p->d = calloc(c->nd ? c->nd : 1, sizeof *p->d);
    if (!p->d || !p->omitted || !complete(p))
        return DS_ERR_NOMEM;
    p->nd = c->nd;
    for (size_t i = 0; i < c->nd; i++) {
        const qa_diff_t *d = &c->d[i];
        const qa_word_t *qw = d->q != SIZE_MAX ? &q->w[d->q] : NULL;
        const qa_word_t *tw = d->t != SIZE_MAX ? &t->w[d->t] : NULL;
        p->d[i].quote = qw ? copy(quote + qw->start, qw->end - qw->start) : NULL;
        p->d[i].source = tw ? copy(text + tw->start, tw->end - tw->start) : NULL;
        if ((qw && !p->d[i].quote) || (tw && !p->d[i].source))
            return DS_ERR_NOMEM;
    }
    return DS_OK;
}

/* Is report place r also a place of one of its passages (same page and line)? */
static int in_passage(const vf_places_t *vs, const vf_place_t *r)
{
    if (strcmp(r->type, "report") != 0 || !r->page)
        return 0;
    for (size_t i = 0; i < vs->n; i++) {
        const vf_place_t *p = &vs->p[i];
        if (p != r && strcmp(p->report, r->id) == 0 && p->page == r->page && p->line == r->line)
            return 1;
    }
    return 0;
}

static void place_release(vf_place_t *p)
{
    char **s[] = {&p->id,    &p->type, &p->report,    &p->title,   &p->date,
                  &p->actor, &p->url,  &p->footnotes, &p->locator, &p->omitted};
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        free(*s[i]);
    for (size_t i = 0; i < p->nd; i++)
        free(p->d[i].source), free(p->d[i].quote);
    free(p->d);
}

static int by_date(const void *a, const void *b)
{
    const vf_place_t *x = a, *y = b;
    if (!*x->date != !*y->date)
        return *x->date ? -1 : 1; /* undated last */
    int c = strcmp(x->date, y->date);
    if (!c)
        c = ds_natcmp(x->id, strlen(x->id), y->id, strlen(y->id));
    return c ? c : strcmp(x->locator, y->locator);
}

void vf_places_finish(vf_places_t *vs)
{
    char *drop = calloc(vs->n ? vs->n : 1, 1);
    for (size_t i = 0; drop && i < vs->n; i++)
        drop[i] = (char)in_passage(vs, &vs->p[i]);
    size_t k = 0;
    for (size_t i = 0; drop && i < vs->n; i++)
        if (drop[i])
            place_release(&vs->p[i]);
        else
            vs->p[k++] = vs->p[i];
    if (drop)
        vs->n = k;
    free(drop);
    if (vs->n > 1)
        qsort(vs->p, vs->n, sizeof *vs->p, by_date);
}

void vf_places_release(vf_places_t *vs)
{
    for (size_t i = 0; i < vs->n; i++)
        place_release(&vs->p[i]);
    free(vs->p);
    *vs = (vf_places_t)VF_PLACES_INIT;
}

/* ---- output --------------------------------------------------------------------- */

static const char *verdict(const vf_place_t *p)
{
    if (!p)
        return "not_found";
    return p->d ? "different" : p->notes ? "equivalent" : "exact";
}

/* The normalizations, comma-separated (TSV, text) or as a JSON list. */
static void notes_value(ds_buf_t *out, unsigned notes, int json)
{
    ds_buf_puts(out, json ? "[" : "");
    int n = 0;
    for (unsigned bit = 1; bit < QA_NOTE_LAST; bit <<= 1)
        if (notes & bit) {
            ds_buf_puts(out, n++ ? (json ? "," : ", ") : "");
            ds_buf_printf(out, json ? "\"%s\"" : "%s", qa_note_name(bit));
        }
    ds_buf_puts(out, json ? "]" : "");
}

/* One difference as people read it: source has "x", quote has "y". */
static void diff_text(ds_buf_t *out, const vf_diff_t *d)
{
    if (d->source && d->quote)
        ds_buf_printf(out, "source has \"%s\", quote has \"%s\"", d->source, d->quote);
    else if (d->quote)
        ds_buf_printf(out, "quote adds \"%s\"", d->quote);
    else
        ds_buf_printf(out, "quote omits \"%s\"", d->source);
}

/* A page or line as a TSV field: "" when not known. */
static void count_field(ds_buf_t *out, size_t n)
{
    ds_buf_putc(out, '\t');
    if (n)
        ds_buf_printf(out, "%zu", n);
}

static void tsv_str(ds_buf_t *out, const char *s)
{
    ds_buf_putc(out, '\t');
    out_tsv_field(out, s, strlen(s));
}

/* A list's items (each ending in '\n', or diffs) joined by " | " into a TSV field. */
static void tsv_place(ds_buf_t *out, const vf_place_t *p)
{
    ds_buf_puts(out, verdict(p));
    const char *f[] = {p->locator, p->id, p->title, p->date, p->actor};
    for (size_t i = 0; i < 5; i++)
        tsv_str(out, f[i]);
    count_field(out, p->page);
    count_field(out, p->line);
    tsv_str(out, p->url);
    tsv_str(out, p->footnotes);
    ds_buf_t b = DS_BUF_INIT;
    notes_value(&b, p->notes, 0);
    tsv_str(out, ds_buf_cstr(&b));
    ds_buf_reset(&b);
    for (const char *s = p->omitted, *e; (e = strchr(s, '\n')); s = e + 1) {
        ds_buf_puts(&b, s == p->omitted ? "" : " | ");
        ds_buf_append(&b, s, (size_t)(e - s));
    }
    tsv_str(out, ds_buf_cstr(&b));
    ds_buf_reset(&b);
    for (size_t i = 0; i < p->nd; i++) {
        ds_buf_puts(&b, i ? " | " : "");
        diff_text(&b, &p->d[i]);
    }
    tsv_str(out, ds_buf_cstr(&b));
    ds_buf_release(&b);
}

static void json_str(ds_buf_t *out, const char *key, const char *s)
{
    ds_buf_printf(out, ",\"%s\":", key);
    if (s && *s)
        out_json_str(out, s, strlen(s));
    else
        ds_buf_puts(out, "null");
}

/* A word of a difference, null when that side has none. */
static void json_word(ds_buf_t *out, const char *w)
{
    if (w)
        out_json_str(out, w, strlen(w));
    else
        ds_buf_puts(out, "null");
}

static void json_lists(ds_buf_t *out, const vf_place_t *p)
{
    ds_buf_printf(out, ",\"footnotes\":[%s],\"normalized\":", p->footnotes);
    notes_value(out, p->notes, 1);
    ds_buf_puts(out, ",\"omitted\":[");
    for (const char *s = p->omitted, *e; (e = strchr(s, '\n')); s = e + 1) {
        ds_buf_puts(out, s == p->omitted ? "" : ",");
        out_json_str(out, s, (size_t)(e - s));
    }
    ds_buf_puts(out, "],\"differences\":[");
    for (size_t i = 0; i < p->nd; i++) {
        ds_buf_puts(out, i ? ",{\"source\":" : "{\"source\":");
        json_word(out, p->d[i].source);
        ds_buf_puts(out, ",\"quote\":");
        json_word(out, p->d[i].quote);
        ds_buf_putc(out, '}');
    }
    ds_buf_putc(out, ']');
}

static void json_count(ds_buf_t *out, const char *key, size_t n)
{
    if (n)
        ds_buf_printf(out, ",\"%s\":%zu", key, n);
    else
        ds_buf_printf(out, ",\"%s\":null", key);
}

static void json_place(ds_buf_t *out, const fmt_options_t *o, const vf_place_t *p)
{
    ds_buf_puts(out, "{\"query\":");
    if (o->query_id)
        out_json_str(out, o->query_id, strlen(o->query_id));
    else
        ds_buf_puts(out, "null");
    ds_buf_printf(out, ",\"verdict\":\"%s\"", verdict(p));
    if (p) {
        json_str(out, "locator", p->locator);
        json_str(out, "id", p->id);
        json_str(out, "title", p->title);
        json_str(out, "date", p->date);
        json_str(out, "actor", p->actor);
        json_count(out, "page", p->page);
        json_count(out, "line", p->line);
        json_str(out, "url", p->url);
        json_lists(out, p);
    }
    ds_buf_puts(out, "}\n");
}

static void text_str(ds_buf_t *out, const char *pre, const char *s)
{
    if (*s) {
        ds_buf_puts(out, pre);
        out_text(out, s, strlen(s), 1);
    }
}

static void text_place(ds_buf_t *out, const fmt_options_t *o, const vf_place_t *p)
{
    fmt_text_prefix(out, o);
    ds_buf_puts(out, p ? verdict(p) : "not found");
    if (!p) {
        ds_buf_putc(out, '\n');
        return;
    }
    text_str(out, p->d ? " (closest) " : " ", p->locator[0] ? p->locator : p->id);
    ds_buf_putc(out, '\n');
    fmt_text_prefix(out, o);
    ds_buf_puts(out, "   ");
    text_str(out, " ", p->date);
    text_str(out, " ", p->actor[0] ? p->actor : p->title);
    if (p->page && p->line)
        ds_buf_printf(out, " (p. %zu, l. %zu)", p->page, p->line);
    else if (p->page)
        ds_buf_printf(out, " (p. %zu)", p->page);
    text_str(out, " footnotes ", p->footnotes);
    ds_buf_putc(out, '\n');
    if (p->notes) {
        fmt_text_prefix(out, o);
        ds_buf_puts(out, "    normalized: ");
        notes_value(out, p->notes, 0);
        ds_buf_putc(out, '\n');
    }
    for (const char *s = p->omitted, *e; (e = strchr(s, '\n')); s = e + 1) {
        fmt_text_prefix(out, o);
        ds_buf_puts(out, "    omitted: ");
        out_text(out, s, (size_t)(e - s), 1);
        ds_buf_putc(out, '\n');
    }
    for (size_t i = 0; i < p->nd; i++) {
        fmt_text_prefix(out, o);
        ds_buf_puts(out, "    ");
        diff_text(out, &p->d[i]);
        ds_buf_putc(out, '\n');
    }
}

static void one(ds_buf_t *out, const fmt_options_t *o, const vf_place_t *p)
{
    if (o->kind == FMT_JSON) {
        json_place(out, o, p);
    } else if (o->kind == FMT_TSV) {
        if (o->query_id) {
            out_tsv_field(out, o->query_id, strlen(o->query_id));
            ds_buf_putc(out, '\t');
        }
        if (p)
            tsv_place(out, p);
        else
            ds_buf_puts(out, "not_found\t\t\t\t\t\t\t\t\t\t\t\t");
        ds_buf_putc(out, '\n');
    } else {
        text_place(out, o, p);
    }
}

void vf_print(ds_buf_t *out, const fmt_options_t *o, const vf_places_t *vs)
{
    if (vs->n == 0)
        one(out, o, NULL);
    for (size_t i = 0; i < vs->n; i++)
        one(out, o, &vs->p[i]);
}
