/*
 * rgeom_dump - run the report parser's layout path (rp_parse_layout) over a layout
 * written by tests/tools/pdf_layout_tsv.py and print what it found, to measure the
 * geometry rules on real PDFs before the PDF reader (indexer/sources/pdf.c) is there.
 *
 *     rgeom_dump FILE.tsv [body]   prints "footnote <page> <number> <text>" lines, then
 *                                  "pages N footnotes N markers N linked N" (with
 *                                  "body": the report's body after them); warnings on
 *                                  stderr
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rparse.h"

typedef struct vec {
    void *v;
    size_t n, cap;
} vec_t;

static void *grow(vec_t *x, size_t el)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 16;
        x->v = realloc(x->v, x->cap * el);
        if (!x->v) {
            perror("rgeom_dump");
            exit(2);
        }
    }
    return (char *)x->v + el * x->n++;
}

static char *dup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        exit(2);
    return d;
}

/* One TSV record into the pages; lines keep their page's index in lv. */
static void record(char *ln, vec_t *pages, vec_t *lines, vec_t *owner)
{
    ln[strcspn(ln, "\n")] = '\0';
    char *f[8] = {0};
    size_t nf = 0;
    for (char *p = ln; nf < 8; nf++) {
        f[nf] = p;
        char *t = strchr(p, '\t');
        if (!t || nf == 6) {
            nf++;
            break;
        }
        *t = '\0';
        p = t + 1;
    }
    if (f[0][0] == 'P' && nf >= 3) {
        rp_layout_page_t *pg = grow(pages, sizeof *pg);
        memset(pg, 0, sizeof *pg);
        pg->width = atof(f[1]);
        pg->height = atof(f[2]);
        pg->label = nf > 3 && f[3][0] ? dup(f[3]) : NULL;
    } else if (f[0][0] == 'L' && nf == 7 && pages->n > 0) {
        rp_layout_line_t *l = grow(lines, sizeof *l);
        *(size_t *)grow(owner, sizeof(size_t)) = pages->n - 1;
        l->text = dup(f[6]);
        l->len = strlen(f[6]);
        l->x0 = atof(f[1]), l->y0 = atof(f[2]), l->x1 = atof(f[3]), l->y1 = atof(f[4]);
        l->size = atof(f[5]);
    }
}

int main(int argc, char **argv)
{
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    vec_t pages = {0}, lines = {0}, owner = {0};
    char buf[65536];
    while (fgets(buf, sizeof buf, in))
        record(buf, &pages, &lines, &owner);
    rp_layout_page_t *pg = pages.v;
    rp_layout_line_t *ln = lines.v;
    size_t *own = owner.v;
    for (size_t i = 0; i < lines.n; i++) { /* lines are grouped by page, in order */
        if (!pg[own[i]].lines)
            pg[own[i]].lines = &ln[i];
        pg[own[i]].nlines++;
    }
    ds_diag_t diag;
    ds_diag_init(&diag, "rgeom_dump", stderr);
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = argc > 1 ? argv[1] : "-";
    rp_report_t *r = NULL;
    ds_status_t rc = rp_parse_layout(pg, pages.n, &opt, &diag, &r);
    if (rc != DS_OK) {
        fprintf(stderr, "rgeom_dump: %s\n", ds_status_str(rc));
        return 1;
    }
    for (size_t k = 0; k < r->nfootnotes; k++)
        printf("footnote %zu %u %s\n", r->footnotes[k].page, r->footnotes[k].number,
               r->footnotes[k].text);
    printf("pages %zu footnotes %zu markers %zu linked %zu\n", r->npages, r->nfootnotes,
           r->nmarkers, r->markers_linked);
    if (argc > 2 && strcmp(argv[2], "body") == 0)
        printf("%s\n", r->body);
    rp_report_free(r);
    ds_diag_release(&diag);
    return 0;
}
