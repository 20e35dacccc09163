/*
 * Unit tests for indexer/sources/pdf.c, the PDF reader.
 *
 * The PDFs are made at test time in a scratch directory: the .ms files of tests/data/pdf/ through
 * `groff -ms -Tpdf` (a superscript marker and its .FS footnote, a blank page, document
 * info; two columns), encrypted copies through ghostscript (user password: refused;
 * owner password only: read), and minimal PDFs written here (a page with no text
 * operators; page labels; a number set small and raised). groff and gs are test
 * dependencies (scripts/deps.sh); a missing one fails the tests, it does not skip them.
 *
 *   footnotes_*   the groff report page: lines, superscripts, the footnote line, the
 *                 blank page, document info
 *   two_columns   poppler's reading order reads the left column first
 *   labels / raised_digits / word_processor_lines  hand-written PDFs with exact
 *                 geometry
 *   err_*         encrypted, no text layer, not a PDF, empty, missing file
 *   mutate_*      truncated and byte-flipped PDFs: a status and a message, never a crash
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "pdf.h"
#include "utf8.h"

static char dir[256];
static char footnotes[300], twocol[300], enc[300], owner[300];

/* ---- making PDFs ------------------------------------------------------------------ */

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    if (rc != 0)
        fprintf(stderr, "test_pdf: failed (%d): %s\n", rc, cmd);
    return rc;
}

/* A minimal PDF: pages given by their content streams (Helvetica as /F1), optional
 * extra catalog entries. xref offsets are computed, so poppler reads it as written. */
static char *make_pdf(const char **contents, size_t npages, const char *catalog_extra, size_t *len)
{
    ds_buf_t b = DS_BUF_INIT;
    size_t off[64], nobj = 3 + 2 * npages;
    ds_buf_puts(&b, "%PDF-1.4\n");
    off[1] = b.len;
    ds_buf_printf(&b, "1 0 obj << /Type /Catalog /Pages 2 0 R %s >> endobj\n",
                  catalog_extra ? catalog_extra : "");
    off[2] = b.len;
    ds_buf_puts(&b, "2 0 obj << /Type /Pages /Kids [");
    for (size_t p = 0; p < npages; p++)
        ds_buf_printf(&b, " %zu 0 R", 4 + 2 * p);
    ds_buf_printf(&b, " ] /Count %zu >> endobj\n", npages);
    off[3] = b.len;
    ds_buf_puts(&b, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
    for (size_t p = 0; p < npages; p++) {
        off[4 + 2 * p] = b.len;
        ds_buf_printf(&b,
                      "%zu 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                      "/Resources << /Font << /F1 3 0 R >> >> /Contents %zu 0 R >> endobj\n",
                      4 + 2 * p, 5 + 2 * p);
        off[5 + 2 * p] = b.len;
        ds_buf_printf(&b, "%zu 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n", 5 + 2 * p,
                      strlen(contents[p]), contents[p]);
    }
    size_t xref = b.len;
    ds_buf_printf(&b, "xref\n0 %zu\n0000000000 65535 f \n", nobj);
    for (size_t i = 1; i < nobj; i++)
        ds_buf_printf(&b, "%010zu 00000 n \n", off[i]);
    ds_buf_printf(&b, "trailer << /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj, xref);
    assert_true(ds_buf_ok(&b));
    return ds_buf_detach(&b, len);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    ds_buf_t b = DS_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ds_buf_append(&b, chunk, n);
    fclose(f);
    return ds_buf_detach(&b, len);
}

static int group_setup(void **state)
{
    (void)state;
    const char *src = getenv("DS_SOURCE_DIR") ? getenv("DS_SOURCE_DIR") : DS_SOURCE_DIR;
    snprintf(dir, sizeof dir, "/tmp/test_pdf.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(footnotes, sizeof footnotes, "%s/footnotes.pdf", dir);
    snprintf(twocol, sizeof twocol, "%s/twocol.pdf", dir);
    snprintf(enc, sizeof enc, "%s/enc.pdf", dir);
    snprintf(owner, sizeof owner, "%s/owner.pdf", dir);
    if (run("groff -ms -Tpdf '%s/tests/data/pdf/footnotes.ms' > '%s'", src, footnotes) ||
        run("groff -ms -Tpdf '%s/tests/data/pdf/twocol.ms' > '%s'", src, twocol) ||
        run("gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=o -sUserPassword=u "
            "-o '%s' '%s'",
            enc, footnotes) ||
        run("gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=o -o '%s' '%s'", owner,
            footnotes))
        return -1;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    run("rm -rf '%s'", dir);
    return 0;
}

/* ---- checks ----------------------------------------------------------------------- */

/* Every line: valid UTF-8, no controls, trimmed, a sane box on its page. */
static void check_clean(const ix_pdf_t *pdf)
{
    assert_true(pdf->npages >= 1);
    for (size_t p = 0; p < pdf->npages; p++) {
        const ix_pdf_page_t *pg = &pdf->pages[p];
        assert_true(pg->nlines == 0 || pg->lines != NULL);
        for (size_t i = 0; i < pg->nlines; i++) {
            const ix_pdf_line_t *l = &pg->lines[i];
            assert_true(l->len > 0);
            assert_int_equal(strlen(l->text), l->len);
            assert_true(utf8_is_valid(l->text, l->len));
            for (size_t k = 0; k < l->len; k++)
                assert_false((unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f);
            assert_true(l->text[0] != ' ' && l->text[l->len - 1] != ' ');
            assert_true(l->x0 <= l->x1 && l->y0 <= l->y1);
        }
    }
}

static const ix_pdf_line_t *find_line(const ix_pdf_page_t *pg, const char *needle)
{
    for (size_t i = 0; i < pg->nlines; i++)
        if (strstr(pg->lines[i].text, needle))
            return &pg->lines[i];
    return NULL;
}

/* ---- groff PDFs ------------------------------------------------------------------- */

static void footnotes_lines(void **state)
{
    (void)state;
    ix_pdf_t pdf;
    ds_error_t e;
    assert_int_equal(ix_pdf_read(footnotes, &pdf, &e), DS_OK);
    assert_string_equal(e.message, "");
    check_clean(&pdf);
    assert_int_equal(pdf.npages, 3);
    const ix_pdf_page_t *p1 = &pdf.pages[0];
    const ix_pdf_line_t *body = find_line(p1, "behaviour.¹ The delegates");
    assert_non_null(body);
    assert_true(body->size > 9.5 && body->size < 10.5);
    assert_non_null(find_line(p1, "follows here.²"));
    /* the footnotes: their numbers (a column of their own in poppler's order) are
     * joined to their text, as superscripts, in the footnote's smaller type */
    const ix_pdf_line_t *fn1 = find_line(p1, "Statement by Finland");
    assert_non_null(fn1);
    assert_string_equal(fn1->text, "¹ Statement by Finland, 19 June 2020, "
                                   "https://example.org/finland.pdf");
    assert_true(fn1->size < body->size);
    assert_true(fn1->y0 > p1->height / 2);
    const ix_pdf_line_t *fn2 = find_line(p1, "Governmental Experts");
    assert_non_null(fn2);
    assert_true(strncmp(fn2->text, "² Report of", strlen("² Report of")) == 0);
    assert_true(fn2 > fn1 && fn2->y0 > fn1->y0);
    for (size_t i = 0; i < p1->nlines; i++) /* no line is a bare number any more */
        assert_false(strcmp(p1->lines[i].text, "1") == 0 || strcmp(p1->lines[i].text, "2") == 0);
    /* the blank page is a page, with no lines; the third follows it */
    assert_int_equal(pdf.pages[1].nlines, 0);
    assert_null(pdf.pages[1].lines);
    assert_true(pdf.pages[1].width > 500 && pdf.pages[1].height > 800);
    assert_non_null(find_line(&pdf.pages[2], "confidence building measures"));
    for (size_t p = 0; p < 3; p++) /* no /PageLabels: poppler's 1, 2, 3 say nothing */
        assert_null(pdf.pages[p].label);
    ix_pdf_release(&pdf);
    assert_null(pdf.pages);
    ix_pdf_release(&pdf); /* harmless twice */
    ix_pdf_release(NULL);
}

static void footnotes_info(void **state)
{
    (void)state;
    ix_pdf_t pdf;
    assert_int_equal(ix_pdf_read(footnotes, &pdf, NULL), DS_OK);
    assert_string_equal(pdf.title, "Cyber Norms Progress Report");
    assert_string_equal(pdf.author, "Jane Doe");
    assert_string_equal(pdf.subject, "Footnotes and blank pages");
    assert_true(pdf.created >= 20240101 && pdf.created <= 99991231); /* made today */
    ix_pdf_release(&pdf);
}

static void two_columns(void **state)
{
    (void)state;
    ix_pdf_t pdf;
    assert_int_equal(ix_pdf_read(twocol, &pdf, NULL), DS_OK);
    check_clean(&pdf);
    const ix_pdf_page_t *pg = &pdf.pages[0];
    int right = 0, last = 0, seen_right = 0;
    for (size_t i = 0; i < pg->nlines; i++) {
        const ix_pdf_line_t *l = &pg->lines[i];
        right = l->x0 > pg->width / 2;
        assert_false(seen_right && !right); /* left column all read first */
        seen_right |= right;
        const char *s = l->text;
        while ((s = strstr(s, " s")) != NULL) { /* sentence numbers rise in reading order */
            int k = atoi(s + 2);
            if (k > 0) {
                assert_true(k > last);
                last = k;
            }
            s += 2;
        }
    }
    assert_true(seen_right);
    assert_true(last >= 85);
    ix_pdf_release(&pdf);
}

/* ---- hand-written PDFs ------------------------------------------------------------ */

static void labels(void **state)
{
    (void)state;
    const char *c[3] = {"BT /F1 12 Tf 72 700 Td (Preface) Tj ET",
                        "BT /F1 12 Tf 72 700 Td (Contents) Tj ET",
                        "BT /F1 12 Tf 72 700 Td (Chapter one) Tj ET"};
    size_t len;
    char *data = make_pdf(c, 3, "/PageLabels << /Nums [0 << /S /r >> 2 << /S /D >>] >>", &len);
    ix_pdf_t pdf;
    assert_int_equal(ix_pdf_read_mem(data, len, &pdf, NULL), DS_OK);
    assert_int_equal(pdf.npages, 3);
    assert_string_equal(pdf.pages[0].label, "i");
    assert_string_equal(pdf.pages[1].label, "ii");
    assert_string_equal(pdf.pages[2].label, "1");
    assert_string_equal(pdf.pages[2].lines[0].text, "Chapter one");
    assert_null(pdf.title);
    assert_int_equal(pdf.created, 0);
    assert_true(pdf.pages[0].width > 611 && pdf.pages[0].width < 613);
    ix_pdf_release(&pdf);
    free(data);
}

static void raised_digits(void **state)
{
    (void)state;
    /* 10 pt text; "12" at 6 pt raised 4 pt (a marker); "2" at 6 pt lowered 2 pt (a
     * subscript); "2021" in the text's own size; "7" raised but not smaller */
    const char *c[1] = {"BT /F1 10 Tf 72 700 Td (Norms and rules) Tj /F1 6 Tf 4 Ts (12) Tj "
                        "/F1 10 Tf 0 Ts ( of H) Tj /F1 6 Tf -2 Ts (2) Tj /F1 10 Tf 0 Ts "
                        "(O in 2021 and x) Tj 4 Ts (7) Tj 0 Ts ( end.) Tj ET"};
    size_t len;
    char *data = make_pdf(c, 1, NULL, &len);
    ix_pdf_t pdf;
    ds_error_t e;
    assert_int_equal(ix_pdf_read_mem(data, len, &pdf, &e), DS_OK);
    check_clean(&pdf);
    assert_int_equal(pdf.pages[0].nlines, 1);
    const ix_pdf_line_t *l = &pdf.pages[0].lines[0];
    assert_non_null(strstr(l->text, "rules¹²"));
    assert_non_null(strstr(l->text, "H2O in 2021"));
    assert_non_null(strstr(l->text, "x7"));
    assert_true(l->size > 9.9 && l->size < 10.1);
    assert_true(l->x0 > 71 && l->x0 < 73 && l->y1 > 792 - 700 - 1 && l->y0 < 792 - 700);
    ix_pdf_release(&pdf);
    free(data);
}

static void word_processor_lines(void **state)
{
    (void)state;
    /* as LibreOffice and Word write them: a marker raised after a year ("2021" then
     * "5"), a paragraph number set apart by a tab (no space character between), a
     * footnote's number of the note's own type hanging 1.5 ems left of its text, a
     * chapter's roman number */
    const char *c[1] = {"BT /F1 10 Tf 72 700 Td (adopted in May 2021) Tj /F1 6 Tf 4 Ts (5) Tj "
                        "/F1 10 Tf 0 Ts ( and on the way) Tj ET "
                        "BT /F1 10 Tf 72 650 Td (12.) Tj 28 0 Td (The Group recommends) Tj ET "
                        "BT /F1 10 Tf 72 600 Td (IV.) Tj 28 0 Td (Institutional dialogue) Tj ET "
                        "BT /F1 9 Tf 72 100 Td (3) Tj ET "
                        "BT /F1 9 Tf 86 100 Td (Statement by the delegation.) Tj ET"};
    size_t len;
    char *data = make_pdf(c, 1, NULL, &len);
    ix_pdf_t pdf;
    assert_int_equal(ix_pdf_read_mem(data, len, &pdf, NULL), DS_OK);
    check_clean(&pdf);
    assert_int_equal(pdf.pages[0].nlines, 4);
    assert_non_null(strstr(pdf.pages[0].lines[0].text, "May 2021⁵ and"));
    assert_string_equal(pdf.pages[0].lines[1].text, "12. The Group recommends");
    assert_string_equal(pdf.pages[0].lines[2].text, "IV. Institutional dialogue");
    assert_string_equal(pdf.pages[0].lines[3].text, "3 Statement by the delegation.");
    ix_pdf_release(&pdf);
    free(data);
}

/* ---- errors ----------------------------------------------------------------------- */

static void err_encrypted(void **state)
{
    (void)state;
    ix_pdf_t pdf;
    ds_error_t e;
    assert_int_equal(ix_pdf_read(enc, &pdf, &e), DS_ERR_UNSUPPORTED);
    assert_string_equal(e.message, "encrypted PDF: needs a password");
    assert_int_equal(e.status, DS_ERR_UNSUPPORTED);
    assert_null(pdf.pages);
    assert_int_equal(pdf.npages, 0);
    /* an owner password alone does not keep anyone from reading it */
    assert_int_equal(ix_pdf_read(owner, &pdf, &e), DS_OK);
    assert_non_null(find_line(&pdf.pages[0], "responsible state behaviour"));
    ix_pdf_release(&pdf);
}

static void err_no_text(void **state)
{
    (void)state;
    const char *c[2] = {"0 0 1 rg 72 72 300 300 re f", "q 1 0 0 1 0 0 cm Q"};
    size_t len;
    char *data = make_pdf(c, 2, NULL, &len);
    ix_pdf_t pdf;
    ds_error_t e;
    assert_int_equal(ix_pdf_read_mem(data, len, &pdf, &e), DS_ERR_INVALID);
    assert_string_equal(e.message, "no text layer: a scanned PDF needs OCR first");
    assert_null(pdf.pages);
    free(data);
}

static void err_not_pdf(void **state)
{
    (void)state;
    ix_pdf_t pdf;
    ds_error_t e;
    const char *text = "This is a plain text file, not a PDF.\n";
    assert_int_equal(ix_pdf_read_mem(text, strlen(text), &pdf, &e), DS_ERR_CORRUPT);
    assert_true(strncmp(e.message, "damaged or not a PDF: ", 22) == 0);
    assert_true(strlen(e.message) > 22);
    assert_null(strchr(e.message, '\n'));
    assert_int_equal(ix_pdf_read_mem("", 0, &pdf, &e), DS_ERR_CORRUPT);
    assert_string_equal(e.message, "damaged or not a PDF: empty file");
    char missing[400];
    snprintf(missing, sizeof missing, "%s/no-such.pdf", dir);
    assert_int_equal(ix_pdf_read(missing, &pdf, &e), DS_ERR_IO);
    assert_string_equal(e.message, "cannot open: No such file or directory");
    assert_int_equal(ix_pdf_read_mem(text, IX_PDF_MAX_BYTES + 1, &pdf, &e), DS_ERR_RANGE);
    assert_string_equal(e.message, "larger than 256 MiB; not indexed");
}

/* ---- mutations -------------------------------------------------------------------- */

/* One damaged variant: any listed status, a one-line message on failure, a clean
 * result on success. */
static void check_variant(const char *data, size_t len)
{
    ix_pdf_t pdf;
    ds_error_t e;
    ds_status_t rc = ix_pdf_read_mem(data, len, &pdf, &e);
    if (rc == DS_OK) {
        check_clean(&pdf);
        ix_pdf_release(&pdf);
        return;
    }
    assert_true(rc == DS_ERR_CORRUPT || rc == DS_ERR_INVALID || rc == DS_ERR_UNSUPPORTED);
    assert_int_equal(e.status, rc);
    assert_true(e.message[0] != '\0' && !strchr(e.message, '\n'));
    assert_null(pdf.pages);
}

static void mutate_truncated(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp(footnotes, &len);
    for (size_t i = 0; i < 60; i++)
        check_variant(data, len * i / 60);
    check_variant(data, len - 1);
    free(data);
}

static void mutate_flipped(void **state)
{
    (void)state;
    size_t len;
    char *orig = slurp(footnotes, &len);
    char *data = malloc(len);
    assert_non_null(data);
    uint32_t x = 12345;
    for (int round = 0; round < 300; round++) {
        memcpy(data, orig, len);
        int flips = 1 + round % 8;
        for (int k = 0; k < flips; k++) {
            x = x * 1103515245u + 12345u;
            size_t at = (x >> 8) % len;
            data[at] = (char)(data[at] ^ (1 << (x & 7)));
        }
        check_variant(data, len);
    }
    free(data);
    free(orig);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(footnotes_lines), cmocka_unit_test(footnotes_info),
        cmocka_unit_test(two_columns),     cmocka_unit_test(labels),
        cmocka_unit_test(raised_digits),   cmocka_unit_test(word_processor_lines),
        cmocka_unit_test(err_encrypted),   cmocka_unit_test(err_no_text),
        cmocka_unit_test(err_not_pdf),     cmocka_unit_test(mutate_truncated),
        cmocka_unit_test(mutate_flipped),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
