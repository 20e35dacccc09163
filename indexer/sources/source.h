/*
 * source.h - reading one source file into memory as text the index can trust.
 *
 * Plain text (.txt, .text) is read as is; gzip files (.gz) are inflated through zlib
 * in a streaming loop. A file holding a NUL byte, or one where control characters or
 * invalid UTF-8 dominate, is not text: it is refused with a reason, never indexed as
 * garbage. Otherwise invalid UTF-8 sequences are replaced by U+FFFD and counted, so
 * every later stage sees valid UTF-8 and byte offsets agree between the stored text and
 * the analyzer.
 *
 * PDF files (.pdf) are read through the PDF reader (pdf.h): the source keeps the pages
 * with their layout (for the report parser) and holds as text the pages written out one
 * text line per line, '\n' after each line and '\f' between pages (a blank page adds
 * one more '\f'), which is what a plain PDF document stores and what rp_parse_layout
 * counts lines in. Its hash is of the file's bytes.
 */
#ifndef IX_SOURCE_H
#define IX_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "pdf.h"
#include "status.h"

/* Largest document we read (after decompression): bigger ones are refused. */
#define IX_MAX_DOC_BYTES ((size_t)512 << 20)

typedef enum ix_format {
    IX_FMT_UNSUPPORTED = 0,
    IX_FMT_TEXT,
    IX_FMT_GZIP,
    IX_FMT_PDF,
} ix_format_t;

/* The format a file name says it has (by extension, case-insensitive). */
ix_format_t ix_source_format(const char *path);

typedef struct ix_source {
    ds_buf_t text;      /* valid UTF-8 text */
    uint64_t hash;      /* ds_hash64 of the bytes as read (before repair; a PDF's file) */
    size_t raw_bytes;   /* size of the text as read (after gunzip, before repair; a
                           PDF's file size) */
    size_t repaired;    /* invalid UTF-8 sequences replaced by U+FFFD */
    ix_pdf_t pdf;       /* a PDF's pages and info (npages 0 for other formats); owned */
} ix_source_t;

#define IX_SOURCE_INIT {DS_BUF_INIT, 0, 0, 0, IX_PDF_INIT}

/*
 * Read path (of format fmt) into src (which is reset first). On error e (if not NULL)
 * gets the status and the reason, one line without the path (the caller prefixes it),
 * column 0. Returns:
 *   DS_OK             src holds the text; e is cleared;
 *   DS_ERR_IO         the file could not be read ("cannot open: <strerror>", "read
 *                     failed: ..."), or a .gz stream is damaged ("damaged gzip stream:
 *                     <zlib's message>");
 *   DS_ERR_INVALID    the file is not text: "not text: NUL byte at offset N (binary
 *                     file?)", "not text: over 5% of its bytes are control characters",
 *                     "not text: over 10% of it is not valid UTF-8";
 *   DS_ERR_RANGE      larger than IX_MAX_DOC_BYTES: "larger than 512 MiB; not indexed";
 *   DS_ERR_NOMEM      "out of memory".
 * and for a PDF, ix_pdf_read_mem's (pdf.h): DS_ERR_CORRUPT "damaged or not a PDF: ...",
 * DS_ERR_UNSUPPORTED "encrypted PDF: needs a password", DS_ERR_INVALID "no text layer:
 * a scanned PDF needs OCR first", DS_ERR_RANGE "larger than 256 MiB; not indexed" (and
 * the page and text caps).
 */
ds_status_t ix_source_read(const char *path, ix_format_t fmt, ix_source_t *src, ds_error_t *e);

/*
 * The hash ix_source_read would give src->hash, into *hash, reading no more than it
 * must: a PDF's bytes are hashed without parsing it. Statuses as ix_source_read's (a
 * PDF: DS_ERR_IO, DS_ERR_RANGE, DS_ERR_NOMEM only); *hash is 0 on failure.
 */
ds_status_t ix_source_hash(const char *path, ix_format_t fmt, uint64_t *hash, ds_error_t *e);

/* Free what src holds (the text, a PDF's pages). Accepts a released source. */
void ix_source_release(ix_source_t *src);

#endif
