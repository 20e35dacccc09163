/*
 * pdf.h - reading a PDF file's text layer, page by page and line by line, with the
 * geometry the report parser needs (through poppler's GLib API, which no other file
 * sees).
 *
 * What is read. Every physical page, blank ones included (a page without text has no
 * lines). Per page: its size in points, its printed label, and its text lines in
 * poppler's reading order (the order `pdftotext` without -layout uses: a page of two
 * columns is read column by column). Per line: its text, its bounding box and its font
 * size. Per document: title, author, subject and creation date.
 *
 * Lines. A line is one line of poppler's text (poppler cuts the page into blocks and
 * lines), with two exceptions, where poppler cut a footnote's or a paragraph's number
 * off its text. A line that holds only 1-4 digits in a smaller type (at most 0.85 of
 * the size of the line beside it), raised (its bottom at least 0.15 of that size above
 * the other's bottom but below its top) and standing right before (or right after) a
 * line on its left (right), less than one type size from it, is joined to that line.
 * So is a list label ("3", "12.", "(a)", "iv)", "IV.": 1-4 digits, a roman numeral
 * from 1 to 39 in one case, or one letter, closed by '.' or ')' or in parentheses) of
 * the same type (within 10%) and baseline (within 0.2 of the type) as a line on its
 * right, less than three type sizes from it: the number a word processor sets apart
 * by a tab. Joined lines have a space between them when there is a gap of a quarter of
 * the type size; so have two characters of a line with such a gap and no space
 * between them ("12.<tab>The" reads "12. The"). Each line's text is valid UTF-8 (poppler's
 * invalid sequences become U+FFFD), NUL-terminated, and holds no control character (C0,
 * DEL and C1 characters, tabs, '\n' and '\f' included, become spaces); white space at
 * either end is trimmed, and a line that is left empty is dropped.
 *
 * Superscripts. In a line, with S the size of most of its non-space characters (its
 * type) and B the median bottom edge of the characters of that size, each ASCII digit
 * of size at most 0.85 S and with its bottom edge at least 0.15 S above B (raised and
 * smaller than the rest of the line: a footnote marker, also when glued to a number of
 * the line's type, "2021⁵") is written
 * as the Unicode superscript digits ¹²³⁴⁵⁶⁷⁸⁹⁰ (U+00B9, U+00B2, U+00B3, U+2070,
 * U+2074..U+2079). Lowered digits (subscripts, "H₂O" set small) and digits of the
 * line's own size stay as they are.
 *
 * Geometry. Coordinates are in points (1/72 inch), x to the right from the page's
 * left edge, y downwards from its top edge (as poppler gives them). A line's box is the
 * union of the boxes poppler gives its non-space characters (font boxes: ascent to
 * descent, not the ink); its size is the font size (in points, after the text matrix)
 * of most of its characters, 0 when poppler gives none.
 *
 * Threads. The reader may be called from several threads: calls into poppler are
 * serialized by a lock of this module (poppler-glib does not promise that separate
 * documents may be read at once), so PDFs are read one at a time.
 */
#ifndef IX_PDF_H
#define IX_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Caps: a PDF larger than this (file size), with more pages, or whose text is larger
 * (IX_MAX_DOC_BYTES, as for text files) is refused. */
#define IX_PDF_MAX_BYTES ((size_t)256 << 20)
#define IX_PDF_MAX_PAGES 10000
#define IX_PDF_MAX_TEXT ((size_t)512 << 20)

typedef struct ix_pdf_line {
    char *text;            /* malloc'd, NUL-terminated, UTF-8, no control characters */
    size_t len;            /* strlen(text), > 0 */
    double x0, y0, x1, y1; /* bounding box, points, y downwards from the page top */
    double size;           /* font size of most of its characters, points (0: unknown) */
} ix_pdf_line_t;

typedef struct ix_pdf_page {
    double width, height; /* points */
    char *label;          /* printed page label ("iv", "12"); NULL when the PDF gives
                             none, an empty one, or one equal to the physical page
                             number (index + 1), which poppler gives when the PDF has no
                             labels: NULL then says nothing the page's place does not */
    ix_pdf_line_t *lines; /* reading order; NULL when nlines is 0 (a blank page) */
    size_t nlines;
} ix_pdf_page_t;

typedef struct ix_pdf {
    ix_pdf_page_t *pages; /* every physical page, in order */
    size_t npages;        /* >= 1 */
    char *title, *author, *subject; /* document info, UTF-8 without control characters;
                                       NULL when absent or blank */
    int32_t created;      /* creation date as YYYYMMDD (its own time zone), or 0 */
} ix_pdf_t;

#define IX_PDF_INIT {NULL, 0, NULL, NULL, NULL, 0}

/*
 * Read the PDF file path into pdf (overwritten; release it with ix_pdf_release). The
 * file is read into memory whole (up to IX_PDF_MAX_BYTES) and handed to
 * ix_pdf_read_mem. Statuses and messages are ix_pdf_read_mem's, and also:
 *   DS_ERR_IO      "cannot open: <strerror>", "read failed: <strerror>";
 *   DS_ERR_RANGE   "larger than 256 MiB; not indexed".
 */
ds_status_t ix_pdf_read(const char *path, ix_pdf_t *pdf, ds_error_t *e);

/*
 * Read the PDF held in data[0..len) (not kept after the call) into pdf, which is
 * overwritten. On success everything pdf points to is malloc'd memory the caller owns
 * (ix_pdf_release frees it); at least one line of one page has text. On failure pdf is
 * empty (IX_PDF_INIT: nothing to release, though releasing is harmless) and e (if not
 * NULL) gets the status and a one-line reason without the file name, column 0:
 *   DS_ERR_CORRUPT      damaged, or not a PDF: "damaged or not a PDF: <poppler's
 *                       message>" ("PDF document is damaged");
 *   DS_ERR_UNSUPPORTED  "encrypted PDF: needs a password" (a PDF that opens without
 *                       one, with an owner password only, is read);
 *   DS_ERR_INVALID      "no text layer: a scanned PDF needs OCR first" (no page has a
 *                       character of text), "no pages";
 *   DS_ERR_RANGE        "larger than 256 MiB; not indexed", "over 10000 pages; not
 *                       indexed", "text larger than 512 MiB; not indexed";
 *   DS_ERR_NOMEM        "out of memory".
 * Never crashes on any bytes; poppler's own diagnostics about damaged files may be
 * printed on stderr by poppler.
 */
ds_status_t ix_pdf_read_mem(const void *data, size_t len, ix_pdf_t *pdf, ds_error_t *e);

/* Free everything pdf holds and make it empty (IX_PDF_INIT). Accepts NULL. */
void ix_pdf_release(ix_pdf_t *pdf);

#endif
