/*
 * source.h - reading one source file into memory as text the index can trust.
 *
 * Plain text (.txt, .text) is read as is; gzip files (.gz) are inflated through zlib
 * in a streaming loop. A file holding a NUL byte, or one where control characters or
 * invalid UTF-8 dominate, is not text: it is refused with a reason, never indexed as
 * garbage. Otherwise invalid UTF-8 sequences are replaced by U+FFFD and counted, so
 * every later stage sees valid UTF-8 and byte offsets agree between the stored text and
 * the analyzer.
 */
#ifndef IX_SOURCE_H
#define IX_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

/* Largest document we read (after decompression): bigger ones are refused. */
#define IX_MAX_DOC_BYTES ((size_t)512 << 20)

typedef enum ix_format {
    IX_FMT_UNSUPPORTED = 0,
    IX_FMT_TEXT,
    IX_FMT_GZIP,
} ix_format_t;

/* The format a file name says it has (by extension, case-insensitive). */
ix_format_t ix_source_format(const char *path);

typedef struct ix_source {
    ds_buf_t text;      /* valid UTF-8 text */
    uint64_t hash;      /* ds_hash64 of the bytes as read (before repair) */
    size_t raw_bytes;   /* size of the text as read (after gunzip, before repair) */
    size_t repaired;    /* invalid UTF-8 sequences replaced by U+FFFD */
} ix_source_t;

#define IX_SOURCE_INIT {DS_BUF_INIT, 0, 0, 0}

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
 */
ds_status_t ix_source_read(const char *path, ix_format_t fmt, ix_source_t *src, ds_error_t *e);

void ix_source_release(ix_source_t *src);

#endif
