/*
 * lang.c - language codes and names to canonical codes (see lang.h).
 *
 * Every lookup is a binary search in a table of lang_table.c: codes in lang_codes,
 * English names in lang_names by their match key. A key is made from the input by
 * name_key() below and from the iso-codes names by scripts/gen_lang_table.py; the two
 * must agree, which tests/unit/test_lang.c checks for every row's first name.
 */
#include "lang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lang_table.h"
#include "utf8.h"

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static const char *canonical(const lang_row_t *r)
{
    return r->code1[0] ? r->code1 : r->code3[0] ? r->code3 : r->code2t;
}

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, ((const lang_code_t *)elem)->code);
}

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, ((const lang_name_t *)elem)->key);
}

/* The row whose code is exactly the C string code, or NULL. */
static const lang_row_t *row_of_code(const char *code)
{
    const lang_code_t *c = bsearch(code, lang_codes, lang_ncodes, sizeof *c, cmp_code);
    return c ? &lang_rows[c->row] : NULL;
}

/* The row whose code s[0..len) is, in any case: 2 or 3 ASCII letters. */
static const lang_row_t *find_code(const char *s, size_t len)
{
    char code[4];
    if (len < 2 || len > 3)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (!is_alpha(s[i]))
            return NULL;
        code[i] = lower(s[i]);
    }
    code[len] = '\0';
    return row_of_code(code);
}

/*
 * Make the match key of s[0..len) in key (LANG_KEY_CAP bytes), as the generator made
 * the names' keys: each character as fold_lookup() folds it (letters lower-cased
 * and without accents, marks dropped, ’ -> ', other punctuation as it is), each run
 * of white space one ' ', none at either end. Returns the key's length, or 0 when
 * s cannot be a name: invalid UTF-8, a control character, or a key too long for
 * any name.
 */
static size_t name_key(const char *s, size_t len, char *key)
{
    size_t n = 0, p = 0;
    int space = 0; /* white space seen since the last character kept */
    while (p < len) {
        uint32_t cp;
        int w = utf8_decode(s + p, len - p, &cp);
        if (w <= 0)
            return 0;
        const char *f;
        size_t flen;
        fold_class_t cls = fold_lookup(cp, &f, &flen);
        if (cls == FOLD_CONTROL)
            return 0;
        if (!f) { /* folds to its own bytes */
            f = s + p;
            flen = (size_t)w;
        }
        p += (size_t)w;
        if (cls == FOLD_SPACE) {
            space = n > 0;
            continue;
        }
        if (n + (size_t)space + flen >= LANG_KEY_CAP)
            return 0;
        if (space)
            key[n++] = ' ';
        space = 0;
        memcpy(key + n, f, flen);
        n += flen;
    }
    key[n] = '\0';
    return n;
}

/* The row one of whose English names s[0..len) is, or NULL. */
static const lang_row_t *find_name(const char *s, size_t len)
{
    char key[LANG_KEY_CAP];
    if (name_key(s, len, key) == 0)
        return NULL;
    const lang_name_t *nm = bsearch(key, lang_names, lang_nnames, sizeof *nm, cmp_name);
    return nm ? &lang_rows[nm->row] : NULL;
}

/*
 * The row of the language of a tag s[0..len): a code (see find_code), then subtags
 * of 1-8 ASCII letters or digits, each after '-' or '_' ("en-GB", "zh-Hant-TW").
 */
static const lang_row_t *find_tag(const char *s, size_t len)
{
    size_t lang_len = 0, sub = 0;
    while (lang_len < len && s[lang_len] != '-' && s[lang_len] != '_')
        lang_len++;
    if (lang_len == len)
        return NULL;
    for (size_t i = lang_len + 1; i <= len; i++) {
        if (i == len || s[i] == '-' || s[i] == '_') {
            if (sub == 0)
                return NULL; /* "en-", "en--GB" */
            sub = 0;
        } else if (!is_alnum(s[i]) || ++sub > 8) {
            return NULL;
        }
    }
    return find_code(s, lang_len);
}

int lang_normalize(const char *s, size_t len, ds_buf_t *out)
{
    while (len > 0 && is_space(s[0])) {
        s++;
        len--;
    }
    while (len > 0 && is_space(s[len - 1]))
        len--;
    if (len == 0)
        return -1;
    const lang_row_t *r = find_code(s, len);
    if (!r)
        r = find_name(s, len);
    if (!r)
        r = find_tag(s, len);
    if (r) {
        ds_buf_puts(out, canonical(r));
        return 1;
    }
    size_t base = out->len;
    ds_buf_append(out, s, len); /* a no-op if out has failed: then nothing to lower */
    for (size_t i = base; i < out->len; i++)
        out->data[i] = lower(out->data[i]);
    return 0;
}

const char *lang_english_name(const char *code)
{
    if (!code || strlen(code) > 3)
        return NULL;
    const lang_row_t *r = row_of_code(code);
    return r ? r->name : NULL;
}
