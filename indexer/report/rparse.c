/*
 * rparse.c - the report parser's entry points: rp_parse() runs the stages listed in
 * rparse_int.h over a repaired copy of the input, then reports what did not link up;
 * rp_report_free() and the small accessors.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "rparse_int.h"
#include "utf8.h"

void rp_ctx_release(rp_ctx_t *c)
{
    free(c->lines);
    free(c->notes);
    free(c->marks);
    free(c->runs);
    c->runs = NULL;
    c->lines = NULL;
    c->notes = NULL;
    c->marks = NULL;
}

void rp_report_free(rp_report_t *r)
{
    if (!r)
        return;
    if (r->priv) {
        ds_arena_release(r->priv);
        free(r->priv);
    }
    free(r);
}

const rp_footnote_t *rp_footnote_get(const rp_report_t *r, unsigned number)
{
    size_t lo = 0, hi = r ? r->nfootnotes : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned v = r->footnotes[mid].number;
        if (v == number)
            return &r->footnotes[mid];
        if (v < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *rp_passage_kind_str(rp_passage_kind_t kind)
{
    static const char *const names[] = {"paragraph", "statement", "point"};
    return (unsigned)kind < RP_PASSAGE_KIND_LAST ? names[kind] : "?";
}

const char *rp_date_rule_str(rp_date_rule_t rule)
{
    static const char *const names[] = {"none", "own", "section", "report"};
    return (unsigned)rule < RP_DATE_RULE_LAST ? names[rule] : "?";
}

const char *rp_cite_date_rule_str(rp_cite_date_rule_t rule)
{
    static const char *const names[] = {"none", "document", "meeting"};
    return (unsigned)rule < RP_CITE_DATE_RULE_LAST ? names[rule] : "?";
}

/* Footnotes no marker refers to, markers without a footnote. */
static void warn_links(rp_ctx_t *c)
{
    rp_report_t *r = c->r;
    for (size_t k = 0; k < r->nfootnotes; k++)
        if (r->footnotes[k].nmarkers == 0) {
            r->footnotes_unmarked++;
            if (c->diag)
                ds_diag_warn(c->diag, c->file, r->footnotes[k].line,
                             "footnote %u: no marker found in the body", r->footnotes[k].number);
        }
    for (size_t i = 0; i < r->nmarkers && c->diag; i++)
        if (!r->markers[i].linked)
            ds_diag_warn(c->diag, c->file, r->markers[i].line, "marker %u: no footnote %u",
                         r->markers[i].number, r->markers[i].number);
}

/* Repair the input into *b: valid UTF-8, NUL bytes as spaces. */
static int repair(ds_buf_t *b, const char *text, size_t len)
{
    if (len > 0 && utf8_repair(b, text, len, NULL) != DS_OK)
        return -1;
    ds_buf_puts(b, "");
    if (!ds_buf_ok(b))
        return -1;
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] == '\0')
            b->data[i] = ' ';
    return 0;
}

#ifndef NDEBUG
/* ---- invariants (assert() only: what rparse.h, section 3, says of a report) --------- */

/* s is a NUL-terminated valid UTF-8 string of n bytes. */
static int str_ok(const char *s, size_t n)
{
    return s && s[n] == '\0' && utf8_is_valid(s, n);
}

static int cstr_ok(const char *s)
{
    return s && str_ok(s, strlen(s));
}

/* A YYYYMMDD span, or {0, 0} when none is allowed (none) and given. */
static int span_ok(int32_t start, int32_t end, int none)
{
    if (start == 0 && end == 0)
        return none;
    return date_valid_day(start) && date_valid_day(end) && start <= end;
}

/* An offset map of a text of n bytes: offsets ascending (equal rows allowed), within it. */
static int loci_ok(const rp_locus_t *loci, size_t nloci, size_t n)
{
    for (size_t k = 0; k < nloci; k++)
        if (loci[k].offset > n || (k > 0 && loci[k].offset < loci[k - 1].offset))
            return 0;
    return 1;
}

static int passage_ok(const rp_report_t *r, const rp_passage_t *p)
{
    if ((unsigned)p->kind >= RP_PASSAGE_KIND_LAST || p->section >= r->nsections ||
        (unsigned)p->date_rule >= RP_DATE_RULE_LAST || !str_ok(p->text, p->len))
        return 0;
    if (p->body_offset > r->body_len || p->len > r->body_len - p->body_offset ||
        memcmp(r->body + p->body_offset, p->text, p->len) != 0) /* verbatim in the body */
        return 0;
    if (p->nloci < 1 || p->loci[0].offset != 0 || !loci_ok(p->loci, p->nloci, p->len))
        return 0;
    if (!span_ok(p->date_start, p->date_end, p->date_rule == RP_DATE_NONE) ||
        (p->date_rule == RP_DATE_NONE && p->date_start != 0))
        return 0;
    if (!p->actor != !p->actor_full || (p->kind == RP_STATEMENT && !p->actor) ||
        (p->kind == RP_POINT && p->actor))
        return 0;
    return !p->actor || (cstr_ok(p->actor) && cstr_ok(p->actor_full));
}

static int footnote_ok(const rp_report_t *r, size_t k)
{
    const rp_footnote_t *f = &r->footnotes[k];
    if ((k > 0 && f->number < r->footnotes[k - 1].number) || !str_ok(f->text, f->len) ||
        !cstr_ok(f->title) || (unsigned)f->date_rule >= RP_CITE_DATE_RULE_LAST)
        return 0;
    if (!span_ok(f->date_start, f->date_end, f->date_rule == RP_CITE_DATE_NONE) ||
        (f->date_rule == RP_CITE_DATE_NONE && f->date_start != 0) ||
        !span_ok(f->meeting_start, f->meeting_end, 1))
        return 0;
    for (size_t u = 0; u < f->nurls; u++)
        if (!cstr_ok(f->urls[u]) || !f->urls[u][0])
            return 0;
    for (size_t y = 0; y < f->nsymbols; y++)
        if (!cstr_ok(f->symbols[y]) || !f->symbols[y][0])
            return 0;
    for (size_t q = 0; q < f->ncited_by; q++) /* ascending, once each */
        if (f->cited_by[q] >= r->npassages || (q > 0 && f->cited_by[q] <= f->cited_by[q - 1]))
            return 0;
    return 1;
}

/* Everything rparse.h promises of a parsed report. */
static int report_ok(const rp_report_t *r)
{
    if (!str_ok(r->body, r->body_len) || !loci_ok(r->loci, r->nloci, r->body_len) ||
        !r->page_labels)
        return 0;
    for (size_t p = 0; p < r->npages; p++)
        if (!cstr_ok(r->page_labels[p]))
            return 0;
    for (size_t i = 0; i < r->nsections; i++) {
        const rp_section_t *s = &r->sections[i];
        if (!cstr_ok(s->title) || !cstr_ok(s->key) || s->body_offset > r->body_len ||
            s->first_passage + s->npassages > r->npassages)
            return 0;
    }
    for (size_t i = 0; i < r->npassages; i++)
        if (!passage_ok(r, &r->passages[i]))
            return 0;
    for (size_t k = 0; k < r->nfootnotes; k++)
        if (!footnote_ok(r, k))
            return 0;
    size_t linked = 0, unmarked = 0;
    for (size_t i = 0; i < r->nmarkers; i++) { /* in body order */
        const rp_marker_t *m = &r->markers[i];
        if (m->body_offset > r->body_len ||
            (i > 0 && m->body_offset < r->markers[i - 1].body_offset) ||
            (m->passage != RP_NONE && m->passage >= r->npassages) ||
            m->linked != (rp_footnote_get(r, m->number) != NULL))
            return 0;
        linked += m->linked != 0;
    }
    for (size_t k = 0; k < r->nfootnotes; k++)
        unmarked += r->footnotes[k].nmarkers == 0;
    return linked == r->markers_linked && r->nmarkers - linked == r->markers_unlinked &&
           unmarked == r->footnotes_unmarked;
}
#endif

ds_status_t rp_parse(const char *text, size_t len, const char *file, int32_t report_day,
                     ds_diag_t *diag, rp_report_t **out)
{
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = file;
    opt.report_day = report_day;
    return rp_parse_text(text, len, &opt, diag, out);
}

/* Pages without a label get "" (the text path reads none); c->labels has npages
 * entries, at least one. */
static int fill_labels(rp_ctx_t *c)
{
    char **l = ds_arena_array(c->arena, c->npages ? c->npages : 1, sizeof *l);
    if (!l)
        return -1;
    for (size_t p = 0; p < (c->npages ? c->npages : 1); p++) {
        l[p] = c->labels && p < c->npages && c->labels[p] ? c->labels[p] : (char *)"";
        if (!l[p][0] && !(l[p] = ds_arena_strndup(c->arena, "", 0)))
            return -1;
    }
    c->labels = l;
    return 0;
}

static int options_ok(const rp_options_t *o)
{
    return (o->report_day == 0 || date_valid_day(o->report_day)) &&
           (unsigned)o->footnotes < RP_FOOTNOTE_MODE_LAST;
}

/* Parse text[0..len) by the options; with geom (the pages it was written from, by
 * layout_text), the lines and their roles come from the geometry (rparse_geom.c). */
static ds_status_t parse(const char *text, size_t len, const rp_options_t *opt,
                         const rp_layout_page_t *geom, size_t ngeom, ds_diag_t *diag,
                         rp_report_t **out)
{
    static const rp_options_t none = RP_OPTIONS_INIT;
    if (!out)
        return DS_ERR_INVALID;
    *out = NULL;
    if (!opt)
        opt = &none;
    if ((!text && len > 0) || !options_ok(opt))
        return DS_ERR_INVALID;
    const char *file = opt->file;
    size_t first_line = opt->first_line ? opt->first_line : 1;
    int32_t report_day = opt->report_day;
    if (len > RP_MAX_INPUT)
        return DS_ERR_RANGE;
    rp_ctx_t c;
    memset(&c, 0, sizeof c);
    ds_buf_t rep = DS_BUF_INIT;
    rp_report_t *r = calloc(1, sizeof *r);
    ds_arena_t *a = calloc(1, sizeof *a);
    if (!r || !a) {
        free(r);
        free(a);
        return DS_ERR_NOMEM;
    }
    r->priv = a;
    r->report_day = report_day;
    c.file = file;
    c.first_line = first_line;
    c.footnotes = opt->footnotes;
    c.diag = diag;
    c.report_day = report_day;
    c.default_year = report_day ? report_day / 10000 : 0;
    c.arena = a;
    c.r = r;
    c.geom = geom;
    c.ngeom = ngeom;
    if (repair(&rep, text, len) < 0)
        goto nomem;
    c.text = rep.data;
    c.len = rep.len;
    /* what the stages may rely on (rparse_int.h) */
    assert(utf8_is_valid(c.text, c.len) && !memchr(c.text, '\0', c.len));
    if ((geom || ngeom ? rp_geom(&c) : rp_layout(&c)) < 0 || rp_notes(&c) < 0 ||
        rp_markers(&c) < 0 || fill_labels(&c) < 0)
        goto nomem;
    rp_headings(&c);
    if (rp_passages(&c) < 0 || !ds_arena_ok(a))
        goto nomem;
    r->npages = c.npages;
    r->page_labels = c.labels;
    r->pages_guessed = !c.has_ff;
    r->nlines = c.nlines ? c.lines[c.nlines - 1].lineno : 0;
    warn_links(&c);
    rp_ctx_release(&c);
    ds_buf_release(&rep);
    assert(report_ok(r));
    *out = r;
    return DS_OK;
nomem:
    rp_ctx_release(&c);
    ds_buf_release(&rep);
    rp_report_free(r);
    return DS_ERR_NOMEM;
}

ds_status_t rp_parse_text(const char *text, size_t len, const rp_options_t *opt, ds_diag_t *diag,
                          rp_report_t **out)
{
    return parse(text, len, opt, NULL, 0, diag, out);
}

/* ---- layout input ---------------------------------------------------------------- */

/* Write pages out as the PDF reader's text: lines '\n', pages '\f' -- after each page,
 * as pdftotext does, so that a blank last page counts too (rparse.h, Pages). */
static ds_status_t layout_text(const rp_layout_page_t *pages, size_t npages, ds_buf_t *b)
{
    for (size_t p = 0; p < npages; p++) {
        if (p > 0)
            ds_buf_putc(b, '\f');
        for (size_t i = 0; i < pages[p].nlines; i++) {
            const rp_layout_line_t *ln = &pages[p].lines[i];
            if (!ln->text && ln->len > 0)
                return DS_ERR_INVALID;
            for (size_t k = 0; k < ln->len; k++) /* one line stays one line */
                ds_buf_putc(b, ln->text[k] == '\n' || ln->text[k] == '\f' ? ' ' : ln->text[k]);
            ds_buf_putc(b, '\n');
            if (b->len > RP_MAX_INPUT)
                return DS_ERR_RANGE;
        }
    }
    if (npages > 0)
        ds_buf_putc(b, '\f');
    return ds_buf_ok(b) ? DS_OK : DS_ERR_NOMEM;
}

/* The layout's text, its lines given their roles by the geometry (rparse_geom.c). */
ds_status_t rp_parse_layout(const rp_layout_page_t *pages, size_t npages, const rp_options_t *opt,
                            ds_diag_t *diag, rp_report_t **out)
{
    if (!out)
        return DS_ERR_INVALID;
    *out = NULL;
    if (!pages && npages > 0)
        return DS_ERR_INVALID;
    ds_buf_t b = DS_BUF_INIT;
    ds_status_t rc = layout_text(pages, npages, &b);
    if (rc == DS_OK)
        rc = parse(b.data, b.len, opt, pages, npages, diag, out);
    ds_buf_release(&b);
    return rc;
}
