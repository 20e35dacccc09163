/*
 * rules.c - the text rules the tokenizer shares with the report parser (analyzer.h,
 * section 5): where a URL starts and ends, UN document symbols, and the characters of
 * the footnote-marker rules.
 *
 * Map
 *   1. URLs      an_url_start (the one URL-start test), url_end, url_trim (the one
 *                trim of trailing punctuation and brackets), an_url_at
 *   2. Symbols   an_symbol_at
 *   3. Markers   an_marker_digit, an_marker_glue, an_marker_end
 *
 * Each function has one body per reading where the tokenizer's and the parser's
 * readings differ (an_rule_t), so the difference is written down once, here.
 */
#include <assert.h>
#include <string.h>

#include "analyzer.h"
#include "fold.h"
#include "utf8.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
}

/* Is the character at s[i] (i < len) a word character (fold.h)? Invalid UTF-8 is not. */
static int word_at(const char *s, size_t len, size_t i)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80)
        return fold_is_word((fold_class_t)fold_ascii_class[b]);
    uint32_t cp;
    return utf8_decode(s + i, len - i, &cp) > 0 && fold_is_word(fold_class(cp));
}

/* ---- 1. URLs ------------------------------------------------------------------------ */

static const char *const url_prefixes[] = {"http://", "https://", "ftp://", "www."};

size_t an_url_start(const char *s, size_t len, an_rule_t rule)
{
    assert(rule < AN_RULE_LAST);
    if (len == 0)
        return 0;
    unsigned char b = (unsigned char)(s[0] | 0x20);
    if (b != 'h' && b != 'f' && b != 'w')
        return 0;
    for (size_t i = 0; i < sizeof url_prefixes / sizeof url_prefixes[0]; i++) {
        const char *x = url_prefixes[i];
        size_t n = strlen(x), k = 0;
        if (rule == AN_RULE_REPORT) { /* as written, and something after it */
            if (len > n && strncmp(s, x, n) == 0)
                return n;
            continue;
        }
        while (k < n && k < len && (s[k] | 0x20) == x[k]) /* any case */
            k++;
        if (k == n && n < len && word_at(s, len, n))
            return n;
    }
    return 0;
}

/* Where the URL that starts at s ends, before trimming. The tokenizer's scan starts at
 * s itself: its any-case prefix test lets "http\x1a//" pass (0x1A | 0x20 is ':'), and
 * the control byte ends the URL inside its prefix. */
static size_t url_end(const char *s, size_t len, an_rule_t rule)
{
    size_t p = 0;
    if (rule == AN_RULE_REPORT) { /* the token: up to the next space */
        const char *sp = memchr(s, ' ', len);
        return sp ? (size_t)(sp - s) : len;
    }
    while (p < len) { /* up to white space, a control, " ' < > or a non-word character */
        unsigned char b = (unsigned char)s[p];
        if (b < 0x80) {
            unsigned cls = fold_ascii_class[b];
            if (cls == FOLD_SPACE || cls == FOLD_CONTROL || b == '"' || b == '\'' || b == '<' ||
                b == '>')
                break;
            p++;
            continue;
        }
        if (!word_at(s, len, p))
            break;
        p = utf8_next(s, len, p);
    }
    return p;
}

/*
 * The length of the URL u[0..n) without its trailing punctuation (the rule's set) and
 * without closing brackets that close nothing: a trailing ')' (and, in the parser's
 * reading, ']') is trimmed only while the URL holds more of them than of '(' ('[').
 * The tokenizer never trims into the prefix (lo = its length; a word character
 * follows it, so only a URL that ended inside its prefix, above, can reach it).
 */
static size_t url_trim(const char *u, size_t n, size_t lo, an_rule_t rule)
{
    const char *punct = rule == AN_RULE_REPORT ? ".,;:\"'" : ".,;:!?]}";
    const char *balanced = rule == AN_RULE_REPORT ? ")]" : ")";
    long bal[2] = {0, 0}; /* count of '(' minus ')', of '[' minus ']' */
    for (size_t i = 0; i < n; i++) {
        bal[0] += u[i] == '(' ? 1 : u[i] == ')' ? -1 : 0;
        bal[1] += u[i] == '[' ? 1 : u[i] == ']' ? -1 : 0;
    }
    while (n > lo) {
        char c = u[n - 1];
        if (c && strchr(punct, c)) {
            n--;
            continue;
        }
        if (c && strchr(balanced, c) && bal[c == ']'] < 0) {
            bal[c == ']']++;
            n--;
            continue;
        }
        size_t k = utf8_prev(u, n);
        uint32_t cp;
        if (rule == AN_RULE_REPORT && utf8_decode(u + k, n - k, &cp) == (int)(n - k) &&
            (cp == 0x201D || cp == 0x2019)) { /* ” ’ */
            n = k;
            continue;
        }
        break;
    }
    return n;
}

int an_url_at(const char *s, size_t len, an_rule_t rule, size_t *url_len)
{
    assert(url_len && rule < AN_RULE_LAST);
    *url_len = 0;
    size_t plen = an_url_start(s, len, rule);
    if (plen == 0)
        return 0;
    *url_len = url_trim(s, url_end(s, len, rule), rule == AN_RULE_TOKEN ? plen : 0, rule);
    return 1;
}

/* ---- 2. Symbols ----------------------------------------------------------------------- */

size_t an_symbol_at(const char *s, size_t len, size_t at)
{
    assert(at <= len);
    if (at > 0 && (is_alnum(s[at - 1]) || s[at - 1] == '/' || s[at - 1] == '.'))
        return 0;
    size_t k = at;
    while (k < len && s[k] >= 'A' && s[k] <= 'Z')
        k++;
    if (k == at || k - at > 6)
        return 0;
    size_t m = k, segs = 0, end = k;
    int digit = 0;
    while (m < len && s[m] == '/') {
        size_t st = ++m;
        while (m < len && (is_alnum(s[m]) || s[m] == '.')) {
            digit |= is_digit(s[m]);
            m++;
        }
        while (m > st && s[m - 1] == '.')
            m--;
        if (m == st)
            break;
        segs++;
        end = m;
    }
    return segs >= 2 && digit ? end - at : 0;
}

/* ---- 3. Markers ----------------------------------------------------------------------- */

int an_marker_digit(uint32_t cp)
{
    const char *f;
    size_t fl;
    if (fold_lookup(cp, &f, &fl) != FOLD_SUPER || fl != 1)
        return -1;
    return f[0] - '0';
}

an_glue_t an_marker_glue(uint32_t cp, an_rule_t rule)
{
    assert(rule < AN_RULE_LAST);
    if (rule == AN_RULE_REPORT) {
        switch (cp) {
        case '.':
        case '!':
        case '?':
            return AN_GLUE_STOP;
        case ',':
        case ';':
        case ':':
            return AN_GLUE_COMMA;
        case '"':
        case '\'':
            return AN_GLUE_QUOTE;
        case ')':
        case ']':
        case 0x201D: /* ” */
        case 0x2019: /* ’ */
        case 0xBB:   /* » */
        case 0x203A: /* › */
            return AN_GLUE_CLOSE;
        default:
            return AN_GLUE_NONE;
        }
    }
    if (cp == '.')
        return AN_GLUE_STOP;
    switch (fold_class(cp)) {
    case FOLD_APOS:
    case FOLD_QUOTE:
    case FOLD_QUOTE_CLOSE:
    case FOLD_BRACKET_CLOSE:
        return AN_GLUE_CLOSE;
    default:
        return AN_GLUE_NONE;
    }
}

int an_marker_end(const char *s, size_t len, size_t e, an_rule_t rule)
{
    assert(e <= len && rule < AN_RULE_LAST);
    if (e >= len)
        return 1;
    char ch = s[e];
    if (rule == AN_RULE_REPORT) {
        if (is_alnum(ch) || strchr("/-_@%", ch))
            return 0;
        if (strchr(".,:", ch) && e + 1 < len && is_digit(s[e + 1]))
            return 0; /* a decimal or a digit group: "2.5", "1,000", "10:30" */
        return (unsigned char)ch < 0x80 || !word_at(s, len, e);
    }
    if (word_at(s, len, e))
        return 0;
    uint32_t cp;
    int n = utf8_decode(s + e, len - e, &cp);
    fold_class_t cls = n > 0 ? fold_class(cp) : FOLD_CONTROL;
    if (cls == FOLD_APOS || cls == FOLD_HYPHEN || cls == FOLD_CONNECT) { /* "2-", "2'" */
        size_t q = e + (size_t)n;
        return q >= len || !word_at(s, len, q);
    }
    return !(ch == ',' && len - e >= 4 && is_digit(s[e + 1]) && is_digit(s[e + 2]) &&
             is_digit(s[e + 3]));
}
