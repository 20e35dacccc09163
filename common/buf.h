/*
 * buf.h - a growable byte buffer (after git's strbuf and Redis' sds).
 *
 * Invariants: b->data is NULL or points to b->cap bytes; b->len < b->cap whenever
 * data != NULL, and data[len] == '\0', so the contents are always a C string too
 * (they may also hold NUL bytes; trust len). A zeroed ds_buf_t (DS_BUF_INIT) is an
 * empty buffer. Allocation failure is sticky: the buffer keeps its old contents,
 * sets b->failed and every later append is a no-op, so a caller may append many
 * times and check once (ds_buf_ok) -- the same trick as sds' and SQLite's str.
 */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ds_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} ds_buf_t;

#define DS_BUF_INIT {NULL, 0, 0, 0}

/* Ensure room for extra more bytes plus the NUL. Returns 0, or -1 (and sets failed). */
int ds_buf_grow(ds_buf_t *b, size_t extra);
void ds_buf_append(ds_buf_t *b, const void *data, size_t len);
void ds_buf_puts(ds_buf_t *b, const char *s);
void ds_buf_putc(ds_buf_t *b, char c);
void ds_buf_printf(ds_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ds_buf_vprintf(ds_buf_t *b, const char *fmt, va_list ap);
/* Drop the contents but keep the memory (and clear failed). */
void ds_buf_reset(ds_buf_t *b);
/* Shorten to len bytes (len <= b->len). */
void ds_buf_truncate(ds_buf_t *b, size_t len);
/* 1 if no allocation has failed since init/reset. */
int ds_buf_ok(const ds_buf_t *b);
/* The contents as a C string: "" for an empty buffer, never NULL. Valid until the next
 * change to b. */
const char *ds_buf_cstr(const ds_buf_t *b);
/* Hand the malloc'd string to the caller (who frees it) and reset b to empty. Returns
 * NULL if an allocation failed earlier. An empty buffer gives a malloc'd "". */
char *ds_buf_detach(ds_buf_t *b, size_t *len);
/* A new malloc'd string formatted as printf would (the caller frees it), or NULL if
 * memory ran out: for paths and names built on the fly. (A failure's message goes in a
 * ds_error_t, status.h, which needs no allocation.) */
char *ds_strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Free the memory; b becomes an empty buffer. */
void ds_buf_release(ds_buf_t *b);

#endif
