/*
 * rparse_text.c - small helpers of the report parser: vectors, UTF-8 stepping, word and
 * URL predicates (a URL by the rule analyzer.h shares with the parser), and the line
 * joiner (how two extracted lines become one text: one space, or nothing inside a broken
 * URL or after a line-end hyphen). The arena that holds a report is common/arena.h.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "fold.h"
#include "grow.h"
#include "rparse_int.h"
#include "utf8.h"

/* ---- vectors ---------------------------------------------------------------------- */

int rp_vec_push(void *v, size_t *n, size_t *cap, size_t elsize, const void *el)
{
    char **arr = v;
    char *p = ds_grow(*arr, cap, *n + 1, elsize);
    if (!p)
        return -1;
    *arr = p;
    memcpy(*arr + *n * elsize, el, elsize);
    (*n)++;
    return 0;
}

/* ---- UTF-8 ------------------------------------------------------------------------ */

size_t rp_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i = utf8_next(s, n, i))
        w++;
    return w;
}

uint32_t rp_prev_cp(const char *s, size_t i, size_t *clen)
{
    uint32_t cp = 0;
    *clen = 0;
    if (i == 0)
        return 0;
    size_t k = utf8_prev(s, i);
    if (utf8_decode(s + k, i - k, &cp) != (int)(i - k)) { /* not a valid character */
        assert(!"rp_prev_cp: not at a character boundary of valid text");
        *clen = 1;
        return (unsigned char)s[i - 1];
    }
    *clen = i - k;
    return cp;
}

uint32_t rp_next_cp(const char *s, size_t n, size_t i, size_t *clen)
{
    uint32_t cp = 0;
    if (i >= n) {
        *clen = 0;
        return 0;
    }
    *clen = utf8_next(s, n, i) - i;
    utf8_decode(s + i, *clen, &cp); /* U+FFFD when invalid */
    return cp;
}

/* Upper-case letters of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: enough for
 * Title-Case tests on names such as "Côte d’Ivoire" or "Österreich". */
static int cp_is_upper(uint32_t cp)
{
    if (cp < 128)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F) {
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return cp % 2 == 1;
        return cp % 2 == 0 && cp != 0x138;
    }
    if (cp >= 0x391 && cp <= 0x3A9)
        return 1;
    return cp >= 0x400 && cp <= 0x42F;
}

int rp_is_upper_start(const char *s, size_t n)
{
    size_t cl;
    return n > 0 && cp_is_upper(rp_next_cp(s, n, 0, &cl));
}

int rp_is_lower_start(const char *s, size_t n)
{
    size_t cl;
    if (n == 0)
        return 0;
    uint32_t cp = rp_next_cp(s, n, 0, &cl);
    if (cp < 128)
        return cp >= 'a' && cp <= 'z';
    return fold_class(cp) == FOLD_LETTER && !cp_is_upper(cp);
}

int rp_is_close_quote(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\'' || cp == 0xBB || cp == 0x203A;
}

int rp_is_open_quote(uint32_t cp)
{
    return cp == 0x201C || cp == 0x2018 || cp == '"' || cp == 0x201E || cp == 0xAB;
}

/* ---- words and URLs ----------------------------------------------------------------- */

int rp_has_url(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] == 'h' || s[i] == 'f' || s[i] == 'w') &&
            an_url_start(s + i, n - i, AN_RULE_REPORT))
            return 1;
    return 0;
}

static const char *const small_words[] = {
    "a",  "an",   "the",  "of", "and",  "or",  "in",  "on",  "for", "to",   "at",
    "by", "with", "from", "as", "into", "per", "via", "vs",  "de",  "la",   "le",
    "du", "des",  "del",  "da", "di",   "et",  "its", "nor", "but", "than", "upon"};

int rp_is_small_word(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return 0;
    char w[5];
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        w[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    w[n] = '\0';
    for (size_t k = 0; k < sizeof small_words / sizeof *small_words; k++)
        if (strcmp(w, small_words[k]) == 0)
            return 1;
    return 0;
}

int rp_ends_sentence(const char *s, size_t n, int colon, int semi)
{
    size_t i = n, cl;
    while (i > 0) {
        uint32_t cp = rp_prev_cp(s, i, &cl);
        if (cp == ' ' || cp == '\t' || cp == ')' || cp == ']' || rp_is_close_quote(cp))
            i -= cl;
        else
            break;
    }
    if (i == 0)
        return 0;
    char ch = s[i - 1];
    return ch == '.' || ch == '!' || ch == '?' || (colon && ch == ':') || (semi && ch == ';');
}

int rp_on_date(const char *s, size_t n, int default_year, date_span_t *span, size_t *date_end)
{
    if (n < 4 || s[0] != 'O' || s[1] != 'n' || (s[2] != ' ' && s[2] != '\n'))
        return 0;
    size_t p = 2;
    while (p < n && (s[p] == ' ' || s[p] == '\n'))
        p++;
    size_t ms, me;
    date_span_t sp;
    if (date_find(s, n, p, &sp, &ms, &me, default_year) != DS_OK || ms != p)
        return 0;
    if (span)
        *span = sp;
    if (date_end)
        *date_end = me;
    return 1;
}

int rp_is_point(const char *s, size_t n)
{
    if (n < 8 || strncmp(s, "Point ", 6) != 0)
        return 0;
    size_t i = 6;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 6 || i - 6 > 4)
        return 0;
    if (i < n && s[i] >= 'a' && s[i] <= 'z')
        i++;
    return i < n && s[i] == ':';
}

int rp_starts_block(const char *s, size_t n)
{
    size_t cl;
    uint32_t f = rp_next_cp(s, n, 0, &cl);
    return rp_is_upper_start(s, n) || (f >= '0' && f <= '9') || f == '(' || f == '[' ||
           rp_is_open_quote(f);
}

/* ---- the joiner --------------------------------------------------------------------- */

static int url_char(unsigned char ch)
{
    if (ch <= ' ' || ch >= 0x7F)
        return 0;
    return !strchr("\"<>\\^`{|}", ch);
}

static int ends_with_ext(const char *t, size_t n)
{
    static const char *const ext[] = {".pdf", ".htm",  ".html", ".aspx", ".asp", ".php",
                                      ".doc", ".docx", ".xlsx", ".pptx", ".zip"};
    while (n > 0 && strchr(".,;:)", t[n - 1]))
        n--;
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        size_t l = strlen(ext[k]);
        if (n > l && strncmp(t + n - l, ext[k], l) == 0)
            return 1;
    }
    return 0;
}

int rp_url_continues(const char *b, size_t blen, const char *s, size_t n)
{
    size_t ts = blen;
    while (ts > 0 && b[ts - 1] != ' ' && b[ts - 1] != '\n')
        ts--;
    size_t u = ts; /* the URL may follow a bracket or quote inside the token */
    while (u < blen && !an_url_start(b + u, blen - u, AN_RULE_REPORT))
        u++;
    if (u >= blen || blen - u < 8)
        return 0;
    size_t tl = 0;
    while (tl < n && s[tl] != ' ' && s[tl] != '\t')
        tl++;
    if (tl == 0 || strchr("([{'", s[0]) || an_url_start(s, tl, AN_RULE_REPORT))
        return 0;
    int digits = 1;
    for (size_t i = 0; i < tl; i++) {
        if (!url_char((unsigned char)s[i]))
            return 0;
        if (s[i] < '0' || s[i] > '9')
            digits = 0;
    }
    if (digits)
        return 0;
    char e = b[blen - 1];
    if (strchr("-/_=?&#%~+", e))
        return 1;
    if (e == '.')
        return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9');
    if (!((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')))
        return 0;
    for (size_t i = 0; i < tl; i++)
        if (strchr("/?=%&#", s[i]))
            return 1;
    return ends_with_ext(s, tl);
}

void rp_join(ds_buf_t *b, const char *s, size_t n, int no_url)
{
    if (b->len > 0) {
        char e = b->data[b->len - 1];
        int glue = 0;
        if (!no_url && rp_url_continues(b->data, b->len, s, n))
            glue = 1;
        else if (e == '-' && b->len >= 2) {
            unsigned char p = (unsigned char)b->data[b->len - 2];
            glue = (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z') || p >= 0x80;
        }
        if (!glue && e != ' ' && e != '\n')
            ds_buf_putc(b, ' ');
    }
    ds_buf_append(b, s, n);
}
