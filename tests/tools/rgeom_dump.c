/*
 * rgeom_dump - run the report parser's layout path (rp_parse_layout) over a PDF read by
 * the PDF reader (pdf.h) and print what it found, to measure the geometry rules on real
 * PDFs (as docreport.c does for a `type: report` PDF, without an index).
 *
 *     rgeom_dump FILE.pdf [body]   prints "footnote <page> <printed number> <text>", then
 *                                  "pages N footnotes N markers N linked N" (with
 *                                  "body": the report's body after them); warnings on
 *                                  stderr
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "rparse.h"

/* The reader's pages as the parser's layout input (the same fields); NULL on nomem. */
static rp_layout_page_t *layout_of(const ix_pdf_t *pdf)
{
    rp_layout_page_t *pg = calloc(pdf->npages, sizeof *pg);
    for (size_t p = 0; pg && p < pdf->npages; p++) {
        const ix_pdf_page_t *s = &pdf->pages[p];
        rp_layout_line_t *l = calloc(s->nlines ? s->nlines : 1, sizeof *l);
        if (!l)
            return NULL; /* a tool: the process ends */
        for (size_t i = 0; i < s->nlines; i++) {
            const ix_pdf_line_t *x = &s->lines[i];
            l[i] = (rp_layout_line_t){x->text, x->len, x->x0, x->y0, x->x1, x->y1, x->size};
        }
        pg[p] = (rp_layout_page_t){s->width, s->height, s->label, l, s->nlines};
    }
    return pg;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: rgeom_dump FILE.pdf [body]\n");
        return 2;
    }
    ix_pdf_t pdf;
    ds_error_t e;
    if (ix_pdf_read(argv[1], &pdf, &e) != DS_OK) {
        fprintf(stderr, "rgeom_dump: %s: %s\n", argv[1], e.message);
        return 1;
    }
    rp_layout_page_t *pg = layout_of(&pdf);
    if (!pg) {
        fprintf(stderr, "rgeom_dump: out of memory\n");
        return 1;
    }
    ds_diag_t diag;
    ds_diag_init(&diag, "rgeom_dump", stderr);
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = argv[1];
    rp_report_t *r = NULL;
    ds_status_t rc = rp_parse_layout(pg, pdf.npages, &opt, &diag, &r);
    if (rc != DS_OK) {
        fprintf(stderr, "rgeom_dump: %s: %s\n", argv[1], ds_status_str(rc));
        return 1;
    }
    for (size_t k = 0; k < r->nfootnotes; k++)
        printf("footnote %zu %u %s\n", r->footnotes[k].page, r->footnotes[k].printed,
               r->footnotes[k].text);
    printf("pages %zu footnotes %zu markers %zu linked %zu\n", r->npages, r->nfootnotes,
           r->nmarkers, r->markers_linked);
    if (argc > 2 && strcmp(argv[2], "body") == 0)
        printf("%s\n", r->body);
    rp_report_free(r);
    ds_diag_release(&diag);
    for (size_t p = 0; p < pdf.npages; p++)
        free((void *)pg[p].lines);
    free(pg);
    ix_pdf_release(&pdf);
    return 0;
}
