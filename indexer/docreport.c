/*
 * docreport.c - report, passages and citations as documents (see docreport.h).
 *
 *   ids and numbers .... derived_id, put_number, put_loci (line maps)
 *   report ............. report_doc, report_info
 *   passages ........... passage_cites, passage_doc
 *   citations .......... citation_doc
 *   entry point ........ ixreport_build
 */
#include "docreport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out.h"
#include "rparse.h"
#include "schema.h"

/* ---- ids and numbers ------------------------------------------------------------ */

/* "<file id>#<tag><n>" into buf. */
static const char *derived_id(ds_buf_t *buf, const char *file_id, const char *tag, size_t n)
{
    ds_buf_reset(buf);
    ds_buf_printf(buf, "%s#%s%zu", file_id, tag, n);
    return ds_buf_cstr(buf);
}

static void put_number(ixdoc_t *d, const char *key, size_t n)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", n);
    ixdoc_text(d, key, NULL, num);
}

static date_span_t span_of(int32_t start, int32_t end)
{
    return (date_span_t){start, end ? end : start};
}

/* The parser's offset map of a text as the record's line map (docmap.h): its rows are
 * the map's rows (rp_locus_t is ds_locus_t). */
static void put_loci(ixdoc_t *d, const rp_locus_t *loci, size_t n)
{
    if (n)
        ixdoc_loci(d, loci, n);
}

/* ---- report --------------------------------------------------------------------- */

static ds_status_t report_doc(an_analyzer_t *an, const ixdoc_file_t *file, const rp_report_t *r,
                              const char *state, ds_diag_t *diag, ixdoc_set_t *set,
                              ixdoc_stats_t *stats)
{
    ixdoc_t d;
    ixdoc_begin(&d, an, diag);
    ixdoc_id(&d, file->f->id);
    ixdoc_type(&d, DS_TYPE_REPORT);
    ixdoc_date(&d, file->date);
    ixdoc_meta(&d, file);
    ixdoc_value(&d, DS_SLOT_SOURCE, state);
    put_number(&d, DS_FIELD_PAGES, r->npages);
    put_number(&d, DS_FIELD_SECTIONS, r->nsections);
    put_number(&d, DS_FIELD_PASSAGES, r->npassages);
    put_number(&d, DS_FIELD_FOOTNOTES, r->nfootnotes);
    put_number(&d, DS_FIELD_MARKERS_LINKED, r->markers_linked);
    put_number(&d, DS_FIELD_MARKERS_UNLINKED, r->markers_unlinked);
    put_loci(&d, r->loci, r->nloci);
    return ixdoc_finish(&d, r->body, r->body_len, set, stats);
}

static void report_info(ds_buf_t *info, const ixdoc_file_t *file, const rp_report_t *r)
{
    size_t kinds[RP_PASSAGE_KIND_LAST] = {0};
    for (size_t i = 0; i < r->npassages; i++)
        kinds[r->passages[i].kind]++;
    ds_buf_puts(info, "report ");
    out_text(info, file->f->id, strlen(file->f->id), 0); /* a manifest's: untrusted */
    ds_buf_printf(info,
                  ": %zu pages%s, %zu sections, %zu passages (%zu statements, "
                  "%zu points, %zu paragraphs), %zu footnotes, %zu markers linked, %zu not "
                  "linked, %zu footnotes without a marker\n",
                  r->npages, r->pages_guessed ? " (guessed: the text has no form feeds)" : "",
                  r->nsections, r->npassages, kinds[RP_STATEMENT], kinds[RP_POINT],
                  kinds[RP_PARAGRAPH], r->nfootnotes, r->markers_linked, r->markers_unlinked,
                  r->footnotes_unmarked);
}

/* ---- passages ------------------------------------------------------------------- */

/* A value for the "cites" lines: tabs and newlines would break the line format. */
static void put_clean(ds_buf_t *b, const char *s)
{
    for (; s && *s; s++)
        ds_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* Terms and the "cites" field for the footnotes passage p cites. */
static void passage_cites(ixdoc_t *d, const rp_report_t *r, const rp_passage_t *p)
{
    ds_buf_t cites = DS_BUF_INIT;
    for (size_t i = 0; i < p->ncites; i++) {
        char num[16];
        snprintf(num, sizeof num, "%u", p->cites[i]);
        ixdoc_boolean(d, DS_FIELD_CITES, num);
        const rp_footnote_t *fn = rp_footnote_get(r, p->cites[i]);
        char iso[DATE_ISO_LEN + 1] = "", last[DATE_ISO_LEN + 1];
        if (fn && fn->date_start)
            date_format_span(span_of(fn->date_start, fn->date_end), iso, last);
        ds_buf_printf(&cites, "%s%u\t", i ? "\n" : "", p->cites[i]);
        put_clean(&cites, fn && fn->nurls ? fn->urls[0] : "");
        ds_buf_putc(&cites, '\t');
        put_clean(&cites, fn ? fn->title : "");
        ds_buf_printf(&cites, "\t%s", iso);
        for (size_t u = 0; fn && u < fn->nurls; u++)
            ixdoc_url(d, fn->urls[u]);
        for (size_t s = 0; fn && s < fn->nsymbols; s++)
            ixdoc_symbols(d, fn->symbols[s]);
    }
    if (!ds_buf_ok(&cites) && d->rc == DS_OK)
        d->rc = DS_ERR_NOMEM;
    ixdoc_text(d, DS_FIELD_CITES, NULL, ds_buf_cstr(&cites));
    ds_buf_release(&cites);
}

/* The page's printed label beside its physical number, when it has one. */
static void page_label(ixdoc_t *d, const rp_report_t *r, size_t page)
{
    if (r->page_labels && page >= 1 && page <= r->npages && r->page_labels[page - 1][0])
        ixdoc_text(d, DS_FIELD_PAGE_LABEL, NULL, r->page_labels[page - 1]);
}

static ds_status_t passage_doc(an_analyzer_t *an, const ixdoc_file_t *file, const rp_report_t *r,
                               size_t i, ds_diag_t *diag, ixdoc_set_t *set, ixdoc_stats_t *stats)
{
    const rp_passage_t *p = &r->passages[i];
    const rp_section_t *sec = &r->sections[p->section];
    ds_buf_t id = DS_BUF_INIT;
    ixdoc_t d;
    ixdoc_begin(&d, an, diag);
    ixdoc_id(&d, derived_id(&id, file->f->id, "p", i + 1));
    ixdoc_type(&d, DS_TYPE_PASSAGE);
    ixdoc_parent(&d, file->f->id);
    ixdoc_date(&d,
               p->date_rule == RP_DATE_REPORT ? file->date : span_of(p->date_start, p->date_end));
    ixdoc_text(&d, DS_FIELD_DATE_RULE, NULL, rp_date_rule_str(p->date_rule));
    ixdoc_text(&d, DS_FIELD_TITLE, DS_PREFIX_TITLE, ix_meta_get(&file->meta, DS_FIELD_TITLE));
    ixdoc_lang(&d, ix_meta_get(&file->meta, DS_FIELD_LANG));
    ixdoc_actor(&d, file->actors, p->actor_full, p->actor);
    ixdoc_text(&d, DS_FIELD_ACTOR_FULL, NULL, p->actor_full);
    ixdoc_text(&d, DS_FIELD_SECTION, DS_PREFIX_SECTION, sec->title);
    ixdoc_text(&d, DS_FIELD_SECTION_KEY, NULL, sec->key);
    ixdoc_words(&d, DS_PREFIX_SECTION, sec->key);
    ixdoc_value(&d, DS_SLOT_SECTION, sec->key);
    ixdoc_text(&d, DS_FIELD_KIND, DS_PREFIX_KIND, rp_passage_kind_str(p->kind));
    put_number(&d, DS_FIELD_PAGE, p->page);
    page_label(&d, r, p->page);
    put_number(&d, DS_FIELD_LINE, p->line);
    ixdoc_text(&d, DS_FIELD_PATH, NULL, file->f->path);
    passage_cites(&d, r, p);
    put_loci(&d, p->loci, p->nloci);
    ds_buf_release(&id);
    return ixdoc_finish(&d, p->text, p->len, set, stats);
}

/* ---- citations ------------------------------------------------------------------ */

static void cited_by(ixdoc_t *d, const ixdoc_file_t *file, const rp_footnote_t *fn)
{
    ds_buf_t list = DS_BUF_INIT, id = DS_BUF_INIT;
    for (size_t i = 0; i < fn->ncited_by; i++)
        ds_buf_printf(&list, "%s%s", i ? " " : "",
                      derived_id(&id, file->f->id, "p", fn->cited_by[i] + 1));
    ixdoc_text(d, DS_FIELD_CITED_BY, NULL, ds_buf_cstr(&list));
    ds_buf_release(&list);
    ds_buf_release(&id);
}

/* "2021-02-18/2021-02-22" (or one date when the meeting lasted a day). */
static void meeting(ixdoc_t *d, const rp_footnote_t *fn)
{
    char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1], both[2 * DATE_ISO_LEN + 2];
    if (!fn->meeting_start ||
        date_format_span(span_of(fn->meeting_start, fn->meeting_end), a, b) != DS_OK)
        return;
    snprintf(both, sizeof both, "%s%s%s", a, strcmp(a, b) ? "/" : "", strcmp(a, b) ? b : "");
    ixdoc_text(d, DS_FIELD_MEETING, NULL, both);
}

static ds_status_t citation_doc(an_analyzer_t *an, const ixdoc_file_t *file, const rp_report_t *r,
                                const rp_footnote_t *fn, ds_diag_t *diag, ixdoc_set_t *set,
                                ixdoc_stats_t *stats)
{
    ds_buf_t id = DS_BUF_INIT;
    ixdoc_t d;
    ixdoc_begin(&d, an, diag);
    ixdoc_id(&d, derived_id(&id, file->f->id, "fn", fn->number));
    ixdoc_type(&d, DS_TYPE_CITATION);
    ixdoc_parent(&d, file->f->id);
    if (fn->date_start)
        ixdoc_date(&d, span_of(fn->date_start, fn->date_end));
    ixdoc_text(&d, DS_FIELD_DATE_RULE, NULL, rp_cite_date_rule_str(fn->date_rule));
    meeting(&d, fn);
    ixdoc_text(&d, DS_FIELD_TITLE, DS_PREFIX_TITLE, fn->title);
    ixdoc_lang(&d, ix_meta_get(&file->meta, DS_FIELD_LANG)); /* the report's language */
    put_number(&d, DS_FIELD_FOOTNOTE, fn->number);
    ixdoc_text(&d, DS_FIELD_MARK, NULL, fn->mark);
    ixdoc_text(&d, DS_FIELD_URL, NULL, fn->nurls ? fn->urls[0] : NULL);
    for (size_t u = 0; u < fn->nurls; u++)
        ixdoc_url(&d, fn->urls[u]);
    ds_buf_t syms = DS_BUF_INIT;
    for (size_t s = 0; s < fn->nsymbols; s++) {
        ixdoc_symbols(&d, fn->symbols[s]);
        ds_buf_printf(&syms, "%s%s", s ? "; " : "", fn->symbols[s]);
    }
    ixdoc_text(&d, DS_FIELD_SYMBOL, NULL, ds_buf_cstr(&syms));
    ds_buf_release(&syms);
    put_number(&d, DS_FIELD_PAGE, fn->page);
    page_label(&d, r, fn->page);
    put_number(&d, DS_FIELD_LINE, fn->line);
    ixdoc_text(&d, DS_FIELD_PATH, NULL, file->f->path);
    cited_by(&d, file, fn);
    ds_buf_release(&id);
    return ixdoc_finish(&d, fn->text, fn->len, set, stats);
}

/* ---- entry point ---------------------------------------------------------------- */

/* What the metadata says of the report's footnotes (DS_META_FOOTNOTES): none,
 * per-chapter, auto (any case, '-', '_' or ' ' between the words); absent: auto. An
 * unknown value is a warning naming the file and the value, and reads as auto. */
static rp_footnote_mode_t footnote_mode(const ixdoc_file_t *file, ds_diag_t *diag)
{
    static const struct {
        const char *name;
        rp_footnote_mode_t mode;
    } modes[] = {{"none", RP_FOOTNOTES_NONE},
                 {"per-chapter", RP_FOOTNOTES_PER_CHAPTER},
                 {"per_chapter", RP_FOOTNOTES_PER_CHAPTER},
                 {"per chapter", RP_FOOTNOTES_PER_CHAPTER},
                 {"auto", RP_FOOTNOTES_AUTO}};
    const ix_meta_kv_t *kv = ix_meta_find(&file->meta, DS_META_FOOTNOTES);
    if (!kv || !kv->val[0])
        return RP_FOOTNOTES_AUTO;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (strcasecmp(kv->val, modes[i].name) == 0)
            return modes[i].mode;
    ds_diag_warn(diag, kv->file ? kv->file : file->f->path, kv->line,
                 "%s: unknown value '%s' of %s (none, per-chapter or auto); footnotes are "
                 "found as if it were auto",
                 DS_META_FOOTNOTES, kv->val, file->f->path);
    return RP_FOOTNOTES_AUTO;
}

/* A PDF report: its pages, as the PDF reader read them, to the parser's layout input
 * (the same fields, lent for the call). */
static ds_status_t parse_pdf(const ix_pdf_t *pdf, const rp_options_t *opt, ds_diag_t *diag,
                             rp_report_t **r)
{
    size_t nlines = 0;
    for (size_t p = 0; p < pdf->npages; p++)
        nlines += pdf->pages[p].nlines;
    rp_layout_page_t *pages = calloc(pdf->npages ? pdf->npages : 1, sizeof *pages);
    rp_layout_line_t *lines = calloc(nlines ? nlines : 1, sizeof *lines);
    if (!pages || !lines) {
        free(pages);
        free(lines);
        return DS_ERR_NOMEM;
    }
    rp_layout_line_t *l = lines;
    for (size_t p = 0; p < pdf->npages; p++) {
        const ix_pdf_page_t *pg = &pdf->pages[p];
        pages[p] = (rp_layout_page_t){pg->width, pg->height, pg->label, l, pg->nlines};
        for (size_t i = 0; i < pg->nlines; i++, l++) {
            const ix_pdf_line_t *x = &pg->lines[i];
            *l = (rp_layout_line_t){x->text, x->len, x->x0, x->y0, x->x1, x->y1, x->size};
        }
    }
    ds_status_t rc = rp_parse_layout(pages, pdf->npages, opt, diag, r);
    free(pages);
    free(lines);
    return rc;
}

ds_status_t ixreport_build(an_analyzer_t *an, const ixdoc_file_t *file, const char *state,
                           ds_diag_t *diag, ixdoc_set_t *set, ixdoc_stats_t *stats)
{
    rp_report_t *r = NULL;
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = file->f->path;
    opt.first_line = file->body_line;
    opt.report_day = file->date.start;
    opt.footnotes = footnote_mode(file, diag);
    ds_status_t rc = file->pdf ? parse_pdf(file->pdf, &opt, diag, &r)
                               : rp_parse_text(file->body, file->body_len, &opt, diag, &r);
    if (rc == DS_OK)
        rc = report_doc(an, file, r, state, diag, set, stats);
    for (size_t i = 0; rc == DS_OK && i < r->npassages; i++)
        rc = passage_doc(an, file, r, i, diag, set, stats);
    for (size_t i = 0; rc == DS_OK && i < r->nfootnotes; i++)
        rc = citation_doc(an, file, r, &r->footnotes[i], diag, set, stats);
    if (rc == DS_OK && stats && stats->info)
        report_info(stats->info, file, r);
    rp_report_free(r);
    return rc;
}
