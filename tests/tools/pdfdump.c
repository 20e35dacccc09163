/*
 * pdfdump FILE.pdf - print what the PDF reader (pdf.h) reads: a line per page ("page
 * N<TAB>label<TAB>width x height<TAB>lines"), then a line per text line: x0 y0 x1 y1
 * size<TAB>text. For looking at real PDFs while writing layout rules and tests.
 */
#include <stdio.h>

#include "pdf.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pdfdump FILE.pdf\n");
        return 2;
    }
    ix_pdf_t pdf;
    ds_error_t e;
    if (ix_pdf_read(argv[1], &pdf, &e) != DS_OK) {
        fprintf(stderr, "pdfdump: %s: %s\n", argv[1], e.message);
        return 1;
    }
    printf("title\t%s\nauthor\t%s\nsubject\t%s\ncreated\t%d\n", pdf.title ? pdf.title : "",
           pdf.author ? pdf.author : "", pdf.subject ? pdf.subject : "", (int)pdf.created);
    for (size_t p = 0; p < pdf.npages; p++) {
        const ix_pdf_page_t *pg = &pdf.pages[p];
        printf("page %zu\t%s\t%.1f x %.1f\t%zu lines\n", p + 1, pg->label ? pg->label : "-",
               pg->width, pg->height, pg->nlines);
        for (size_t i = 0; i < pg->nlines; i++) {
            const ix_pdf_line_t *l = &pg->lines[i];
            printf("%6.1f %6.1f %6.1f %6.1f %5.2f\t%s\n", l->x0, l->y0, l->x1, l->y1, l->size,
                   l->text);
        }
    }
    ix_pdf_release(&pdf);
    return 0;
}
