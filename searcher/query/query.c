/*
 * query.c - what every query module shares: the query's lifetime (its arena is
 * common/arena.h), error columns and the three-line error report.
 *
 * Map
 *   1. Lifetime: the query and its arena, freed at once
 *   2. Errors: columns in code points, sq_fail, sq_error_format
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "qint.h"
#include "utf8.h"

/* ==== 1. Lifetime ===================================================================== */

/* A parsed query is many small nodes and strings that all die together: they live in
 * q->arena (common/arena.h), which makes every error path of the parser leak-free by
 * construction. */
void sq_query_free(sq_query_t *q)
{
    if (!q)
        return;
    ds_arena_release(&q->arena);
    free(q->text);
    free(q);
}

/* ==== 2. Errors ======================================================================= */

size_t sq_column(const char *text, size_t len, size_t off)
{
    size_t col = 1, i = 0;
    if (off > len)
        off = len;
    while (i < off) {
        uint32_t cp;
        int n = utf8_decode(text + i, len - i, &cp);
        i += (size_t)(n < 0 ? -n : n); /* an invalid unit counts as one column */
        col++;
    }
    return col;
}

void sq_vfail(ds_error_t *err, ds_status_t status, const char *text, size_t len, size_t off,
              const char *fmt, va_list ap)
{
    if (!err)
        return;
    /* vsnprintf may cut a message inside a UTF-8 sequence: drop the broken tail
     * (messages quote user text only through sq_put_printable, so the rest is valid) */
    char msg[SQ_ERROR_MESSAGE_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[utf8_valid_prefix(msg, strlen(msg))] = '\0';
    ds_error_set(err, status, off == SIZE_MAX ? 0 : sq_column(text, len, off), "%s", msg);
}

void sq_fail(ds_error_t *err, ds_status_t status, const char *text, size_t len, size_t off,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sq_vfail(err, status, text, len, off, fmt, ap);
    va_end(ap);
}

/* Characters that would break the one-line display: C0/C1 controls, DEL, line and
 * paragraph separators and the bidirectional overrides that reorder what follows. */
static int unprintable(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Append text with each code point (or invalid unit) as one printable character:
 * unprintable ones become `ctl`, invalid units `bad`. */
static void put_line(ds_buf_t *out, const char *s, size_t len, const char *ctl, const char *bad)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            ds_buf_puts(out, bad);
            i += (size_t)-n;
            continue;
        }
        if (unprintable(cp))
            ds_buf_puts(out, ctl);
        else
            ds_buf_append(out, s + i, (size_t)n);
        i += (size_t)n;
    }
}

void sq_put_printable(ds_buf_t *out, const char *s, size_t len)
{
    put_line(out, s, len, "?", "?");
}

void sq_error_format(const char *text, size_t len, const ds_error_t *e, ds_buf_t *out)
{
    if (!e || !out)
        return;
    if (!text)
        len = 0;
    ds_buf_puts(out, "searcher: query error: ");
    out_text(out, e->message, strnlen(e->message, sizeof e->message), 1); /* quotes user text */
    if (e->column == 0) {
        ds_buf_putc(out, '\n');
        return;
    }
    ds_buf_printf(out, " (column %zu)\n  ", e->column);
    put_line(out, text, len, " ", "\xEF\xBF\xBD"); /* U+FFFD: one column, like the count */
    ds_buf_puts(out, "\n  ");
    for (size_t i = 1; i < e->column; i++)
        ds_buf_putc(out, ' ');
    ds_buf_puts(out, "^\n");
}

