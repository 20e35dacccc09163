/*
 * utf8.c - strict UTF-8 (see utf8.h). The decoder follows the table of well-formed
 * byte sequences (Unicode Table 3-7): the second byte's range depends on the lead byte
 * (E0: A0..BF, ED: 80..9F, F0: 90..BF, F4: 80..8F), which rejects overlongs,
 * surrogates and values above U+10FFFF without decoding them first.
 */
#include "utf8.h"

#include <string.h>

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    *cp = UTF8_REPLACEMENT;
    if (len == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return -1; /* continuation byte, C0, C1 or F5..FF */
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi)
            return -(int)i; /* the maximal subpart ends before byte i */
        v = (v << 6) | (s[i] & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = v;
    return (int)need + 1;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the run of ASCII bytes at s (up to len), eight bytes at a time. */
static size_t ascii_run(const char *s, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        i += ascii_run(s + i, len - i);
        if (i >= len)
            break;
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

int utf8_is_valid(const char *s, size_t len)
{
    return utf8_valid_prefix(s, len) == len;
}

ds_status_t utf8_repair(ds_buf_t *out, const char *s, size_t len, size_t *nrepl)
{
    static const char repl[] = "\xEF\xBF\xBD";
    size_t count = 0, i = 0;
    if (nrepl)
        *nrepl = 0;
    while (i < len) {
        size_t good = utf8_valid_prefix(s + i, len - i);
        ds_buf_append(out, s + i, good); /* valid stretches are copied in one go */
        i += good;
        if (i >= len)
            break;
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        i += (size_t)-n;
        ds_buf_append(out, repl, 3);
        count++;
    }
    if (!ds_buf_ok(out))
        return DS_ERR_NOMEM;
    if (nrepl)
        *nrepl = count;
    return DS_OK;
}

/* A continuation byte 10xxxxxx: the only place that tests for one. */
static inline int is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

size_t utf8_floor(const char *s, size_t len, size_t max)
{
    if (max >= len)
        return len;
    /* Step back over at most 3 continuation bytes to the lead byte at max. */
    size_t n = max;
    while (n > 0 && max - n < 3 && is_cont((unsigned char)s[n]))
        n--;
    return is_cont((unsigned char)s[n]) ? max : n;
}

size_t utf8_next(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if ((unsigned char)s[i] < 0x80)
        return i + 1;
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    return i + (size_t)(n < 0 ? -n : n);
}

size_t utf8_prev(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    if ((unsigned char)s[i - 1] < 0x80)
        return i - 1;
    /* The lead byte: back over at most 3 continuation bytes. s[k..i) is the last
     * character when utf8_decode reads exactly it from there (valid, or a maximal
     * subpart cut at i); otherwise s[i-1] is a byte utf8_decode skips on its own. */
    size_t k = i - 1;
    while (k > 0 && i - k < UTF8_MAX_BYTES && is_cont((unsigned char)s[k]))
        k--;
    uint32_t cp;
    int n = utf8_decode(s + k, i - k, &cp);
    return (size_t)(n < 0 ? -n : n) == i - k ? k : i - 1;
}
