/*
 * out.c - safe writers for JSON, TSV and terminal text (see out.h).
 */
#include "out.h"

#include <stdint.h>
#include <stdio.h>

#include "utf8.h"

/* C0, DEL and C1 controls. */
static int is_control(uint32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp < 0xa0); }

/* Bidi embedding/override/isolate controls: they reorder what follows on a terminal. */
static int is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xa0 || cp == 0x2028 || cp == 0x2029;
}

/* Decode the next code point of s[i..len): returns its byte length (>= 1) and sets *cp,
 * U+FFFD for an invalid subpart. */
static size_t next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    int n = utf8_decode(s + i, len - i, cp);
    if (n < 0) {
        *cp = UTF8_REPLACEMENT;
        return (size_t)-n;
    }
    return n > 0 ? (size_t)n : 1;
}

static void put_cp(ds_buf_t *out, uint32_t cp)
{
    char tmp[UTF8_MAX_BYTES];
    ds_buf_append(out, tmp, utf8_encode(cp, tmp));
}

void out_json_str(ds_buf_t *out, const char *s, size_t len)
{
    ds_buf_putc(out, '"');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        switch (cp) {
        case '"': ds_buf_puts(out, "\\\""); break;
        case '\\': ds_buf_puts(out, "\\\\"); break;
        case '\n': ds_buf_puts(out, "\\n"); break;
        case '\t': ds_buf_puts(out, "\\t"); break;
        case '\r': ds_buf_puts(out, "\\r"); break;
        default:
            if (is_control(cp) || cp == 0x2028 || cp == 0x2029)
                ds_buf_printf(out, "\\u%04x", (unsigned)cp);
            else
                put_cp(out, cp);
        }
    }
    ds_buf_putc(out, '"');
}

void out_tsv_field(ds_buf_t *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        switch (cp) {
        case '\\': ds_buf_puts(out, "\\\\"); break;
        case '\t': ds_buf_puts(out, "\\t"); break;
        case '\n': ds_buf_puts(out, "\\n"); break;
        case '\r': ds_buf_puts(out, "\\r"); break;
        default:
            if (is_control(cp) || is_bidi_control(cp))
                ds_buf_putc(out, ' ');
            else
                put_cp(out, cp);
        }
    }
}

void out_text(ds_buf_t *out, const char *s, size_t len, int collapse)
{
    int last_space = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        int space = is_space(cp) || is_control(cp) || is_bidi_control(cp);
        if (space && collapse && last_space)
            continue;
        if (space)
            ds_buf_putc(out, ' ');
        else
            put_cp(out, cp);
        last_space = space;
    }
}

/* East Asian Wide/Fullwidth ranges that take two terminal columns. */
static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
           (cp >= 0x20000 && cp <= 0x3fffd);
}

static int is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
           (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
           (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200c || cp == 0x200d;
}

size_t out_text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        w += is_combining(cp) ? 0 : is_wide(cp) ? 2 : 1;
    }
    return w;
}
