/*
 * fold.c - lookups in the generated tables of fold_table.c (see fold.h).
 *
 * ASCII is answered from two small arrays; anything else costs one binary search in
 * the class runs and, for letters and connectors, one in the fold map.
 */
#include "fold.h"

#include <string.h>

#include "utf8.h"

/* Tables generated into fold_table.c (format described there). */
extern const uint32_t fold_runs[];
extern const size_t fold_nruns;
extern const uint32_t fold_map_cp[];
extern const uint32_t fold_map_val[];
extern const size_t fold_map_len;
extern const char fold_pool[];

/* ASCII folds: one byte each, this table indexed by the byte itself. */
static const char ascii_fold[129] =
    "\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017"
    "\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037"
    " !\"#$%&'()*+,-./0123456789:;<=>?"
    "@abcdefghijklmnopqrstuvwxyz[\\]^_"
    "`abcdefghijklmnopqrstuvwxyz{|}~\177";

static const char digits[] = "0123456789";

/* Index of the run holding cp (cp >= 0x80; the first run starts at U+0080). */
static size_t find_run(uint32_t cp)
{
    size_t lo = 0, hi = fold_nruns - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if ((fold_runs[mid] >> 8) <= cp)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

fold_class_t fold_class(uint32_t cp)
{
    if (cp < 0x80)
        return (fold_class_t)fold_ascii_class[cp];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return FOLD_CONTROL;
    return (fold_class_t)(fold_runs[find_run(cp)] & 0xFF);
}

/* The fold of cp from the fold map, or NULL if it has none (folds to itself). */
static const char *map_fold(uint32_t cp, size_t *len)
{
    size_t lo = 0, hi = fold_map_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fold_map_cp[mid] < cp) {
            lo = mid + 1;
        } else if (fold_map_cp[mid] > cp) {
            hi = mid;
        } else {
            *len = fold_map_val[mid] & 0xFF;
            return fold_pool + (fold_map_val[mid] >> 8);
        }
    }
    *len = 0;
    return NULL;
}

fold_class_t fold_lookup(uint32_t cp, const char **fold, size_t *fold_len)
{
    if (cp < 0x80) {
        *fold = &ascii_fold[cp];
        *fold_len = 1;
        return (fold_class_t)fold_ascii_class[cp];
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *fold = NULL;
        *fold_len = 0;
        return FOLD_CONTROL;
    }
    size_t r = find_run(cp);
    fold_class_t cls = (fold_class_t)(fold_runs[r] & 0xFF);
    *fold_len = 1;
    switch (cls) {
    case FOLD_MARK:
        *fold = "";
        *fold_len = 0;
        break;
    case FOLD_DIGIT: /* runs of digits start at a zero (checked by the generator) */
        *fold = &digits[(cp - (fold_runs[r] >> 8)) % 10];
        break;
    case FOLD_HYPHEN:
        *fold = "-";
        break;
    case FOLD_APOS:
        *fold = "'";
        break;
    default:
        *fold = map_fold(cp, fold_len);
        break;
    }
    return cls;
}

void fold_word(ds_buf_t *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            i += (size_t)-n;
            continue;
        }
        i += (size_t)n;
        const char *f;
        size_t flen;
        fold_class_t cls = fold_lookup(cp, &f, &flen);
        if (!fold_is_word(cls) && cls != FOLD_SUPER)
            continue;
        if (f)
            ds_buf_append(out, f, flen);
        else
            ds_buf_append(out, s + i - (size_t)n, (size_t)n);
    }
}

void fold_value(ds_buf_t *out, const char *s, size_t len)
{
    size_t i = 0;
    while (s && i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            i += (size_t)-n;
            continue;
        }
        const char *f;
        size_t flen;
        fold_class_t cls = fold_lookup(cp, &f, &flen);
        int keep_fold = fold_is_word(cls) || cls == FOLD_SUPER || cls == FOLD_CONNECT ||
                        cls == FOLD_HYPHEN || cls == FOLD_APOS;
        if (cls == FOLD_SPACE || cls == FOLD_CONTROL)
            ; /* dropped, like the spaces fold_word() drops */
        else if (keep_fold && f)
            ds_buf_append(out, f, flen);
        else
            ds_buf_append(out, s + i, (size_t)n);
        i += (size_t)n;
    }
}

void fold_url(ds_buf_t *out, const char *s, size_t len, int keep_slash)
{
    static const char *const schemes[] = {"http://", "https://"};
    ds_buf_t f = DS_BUF_INIT;
    fold_value(&f, s, len);
    const char *k = ds_buf_cstr(&f);
    size_t n = f.len;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t sl = strlen(schemes[i]);
        if (n > sl && memcmp(k, schemes[i], sl) == 0) {
            k += sl;
            n -= sl;
            break;
        }
    }
    while (!keep_slash && n > 1 && k[n - 1] == '/')
        n--;
    ds_buf_append(out, k, n);
    if (!ds_buf_ok(&f))
        out->failed = 1;
    ds_buf_release(&f);
}
