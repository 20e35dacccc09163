/*
 * out.c - safe writers for JSON, TSV and terminal text (see out.h).
 */
#include "out.h"

#include <stdint.h>
#include <stdio.h>

#include "utf8.h"

/* U+FFFD, what an invalid sequence is written as. */
#define REPLACEMENT "\xef\xbf\xbd"

/* C0, DEL and C1 controls. */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

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

/*
 * Writing in runs. A writer copies what it leaves unchanged straight from the input, a
 * run of it with one memcpy, and writes only what it changes (an escape, a space, U+FFFD
 * for an invalid sequence) on its own: a valid sequence's own bytes are what encoding its
 * code point gives, so this is what decoding and re-encoding every character would
 * write. Printable ASCII, nearly all of a document's text, is passed over without
 * decoding at all. The output is reserved once (a field is usually as long as its input).
 */

/* The character at s[i..len) (i < len): its length; *cp (U+FFFD when invalid) and
 * *valid. */
static size_t char_at(const char *s, size_t len, size_t i, uint32_t *cp, int *valid)
{
    int n = utf8_decode(s + i, len - i, cp);
    *valid = n > 0;
    return n > 0 ? (size_t)n : (size_t)-n;
}

/* Write the unchanged run s[from..to). */
static void put_run(ds_buf_t *out, const char *s, size_t from, size_t to)
{
    if (to > from)
        ds_buf_append(out, s + from, to - from);
}

/* JSON: what stands for cp (NULL: cp itself) into tmp. */
static const char *json_rep(uint32_t cp, char tmp[8])
{
    switch (cp) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    default:
        if (!is_control(cp) && cp != 0x2028 && cp != 0x2029)
            return NULL;
        snprintf(tmp, 8, "\\u%04x", (unsigned)cp);
        return tmp;
    }
}

/* What stands for a valid cp in a format (NULL: cp itself), maybe written into tmp. */
typedef const char *(*rep_fn)(uint32_t cp, char tmp[8]);

/* s[0..len) with rep's replacements and U+FFFD for invalid sequences. Printable ASCII
 * other than '\\' and quote (the format's own specials) is passed over undecoded. */
static void put_escaped(ds_buf_t *out, const char *s, size_t len, char quote, rep_fn rep)
{
    ds_buf_grow(out, len);
    size_t from = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != quote) {
            i++;
            continue;
        }
        uint32_t cp;
        int valid;
        size_t n = char_at(s, len, i, &cp, &valid);
        char tmp[8];
        const char *r = valid ? rep(cp, tmp) : REPLACEMENT;
        if (r) {
            put_run(out, s, from, i);
            ds_buf_puts(out, r);
            from = i + n;
        }
        i += n;
    }
    put_run(out, s, from, len);
}

void out_json_str(ds_buf_t *out, const char *s, size_t len)
{
    ds_buf_putc(out, '"');
    put_escaped(out, s, len, '"', json_rep);
    ds_buf_putc(out, '"');
}

/* TSV: what stands for cp (NULL: cp itself). */
static const char *tsv_rep(uint32_t cp, char tmp[8])
{
    (void)tmp;
    switch (cp) {
    case '\\':
        return "\\\\";
    case '\t':
        return "\\t";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    default:
        return is_control(cp) || is_bidi_control(cp) ? " " : NULL;
    }
}

void out_tsv_field(ds_buf_t *out, const char *s, size_t len)
{
    put_escaped(out, s, len, '\\', tsv_rep);
}

/* Text: every white space, control and bidi control is a space (a run of them one with
 * collapse); a plain ' ' that stays is part of the run. */
void out_text(ds_buf_t *out, const char *s, size_t len, int collapse)
{
    ds_buf_grow(out, len);
    int last_space = 0;
    size_t from = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x7f) {
            i++;
            last_space = 0;
            continue;
        }
        uint32_t cp = c;
        int valid = 1;
        size_t n = c < 0x80 ? 1 : char_at(s, len, i, &cp, &valid);
        int space = is_space(cp) || is_control(cp) || is_bidi_control(cp);
        int drop = space && collapse && last_space;
        if (drop || (space && cp != ' ') || !valid) {
            put_run(out, s, from, i);
            if (!drop)
                ds_buf_puts(out, space ? " " : REPLACEMENT);
            from = i + n;
        }
        last_space = space;
        i += n;
    }
    put_run(out, s, from, len);
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
        int valid;
        if ((unsigned char)s[i] < 0x80) { /* ASCII: one column */
            i++;
            w++;
            continue;
        }
        i += char_at(s, len, i, &cp, &valid);
        w += is_combining(cp) ? 0 : is_wide(cp) ? 2 : 1;
    }
    return w;
}
