/*
 * rparse.c - the report parser's entry points: rp_parse() runs the stages listed in
 * rparse_int.h over a repaired copy of the input, then reports what did not link up;
 * rp_report_free() and the small accessors.
 */
#include <stdlib.h>
#include <string.h>

#include "rparse_int.h"
#include "utf8.h"

void rp_ctx_release(rp_ctx_t *c)
{
    free(c->lines);
    free(c->notes);
    free(c->marks);
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

const rp_locus_t *rp_locate(const rp_locus_t *loci, size_t n, size_t offset)
{
    if (!loci || n == 0)
        return NULL;
    size_t lo = 0, hi = n; /* first row with offset > the offset */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (loci[mid].offset <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return &loci[lo ? lo - 1 : 0];
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

ds_status_t rp_parse(const char *text, size_t len, const char *file, int32_t report_day,
                     ds_diag_t *diag, rp_report_t **out)
{
    return rp_parse_at(text, len, file, 1, report_day, diag, out);
}

ds_status_t rp_parse_at(const char *text, size_t len, const char *file, size_t first_line,
                        int32_t report_day, ds_diag_t *diag, rp_report_t **out)
{
    if (!out)
        return DS_ERR_INVALID;
    *out = NULL;
    if ((!text && len > 0) || (report_day != 0 && !date_valid_day(report_day)))
        return DS_ERR_INVALID;
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
    c.diag = diag;
    c.report_day = report_day;
    c.default_year = report_day ? report_day / 10000 : 0;
    c.arena = a;
    c.r = r;
    if (repair(&rep, text, len) < 0)
        goto nomem;
    c.text = rep.data;
    c.len = rep.len;
    if (rp_layout(&c) < 0 || rp_notes(&c) < 0 || rp_markers(&c) < 0)
        goto nomem;
    rp_headings(&c);
    if (rp_passages(&c) < 0 || !ds_arena_ok(a))
        goto nomem;
    r->npages = c.npages;
    r->nlines = c.nlines ? c.lines[c.nlines - 1].lineno : 0;
    warn_links(&c);
    rp_ctx_release(&c);
    ds_buf_release(&rep);
    *out = r;
    return DS_OK;
nomem:
    rp_ctx_release(&c);
    ds_buf_release(&rep);
    rp_report_free(r);
    return DS_ERR_NOMEM;
}
