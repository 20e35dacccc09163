/*
 * termgen.c - analyzer tokens to index terms (see termgen.h).
 */
#include "termgen.h"

#include <stdio.h>
#include <string.h>

#include "fold.h"
#include "lang.h"
#include "utf8.h"

/* 1 if term holds a letter (or anything but digits and the hyphens of "2021-03-12"). */
static int has_letter(const char *term, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((term[i] < '0' || term[i] > '9') && term[i] != '-')
            return 1;
    return 0;
}

int tg_token_is_stemmed(const an_token_t *tok)
{
    /* A possessive's whole ("icann's") is not stemmed: its part ("icann") gives the
     * stem, and stemming both would count the word twice in BM25. */
    if (tok->flags & (AN_TOK_MARKER | AN_TOK_POSSESSIVE))
        return 0;
    if (tok->kind == AN_KIND_COMPOUND) /* letter compounds only: not 2021-03-12 */
        return has_letter(tok->term, tok->term_len);
    return tok->kind == AN_KIND_WORD;
}

int tg_term_is_stemmed(const char *term, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)term[i];
        if (c < 0x80 && c != '-' && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z'))
            return 0; /* punctuation (or a capital, which no folded word has) */
    }
    return has_letter(term, len);
}

ds_status_t tg_token_terms(an_analyzer_t *an, const an_token_t *tok, const char *prefix,
                           ds_buf_t *exact, ds_buf_t *stem)
{
    ds_buf_reset(exact);
    ds_buf_reset(stem);
    an_term_fit(exact, prefix, tok->term, tok->term_len);
    if (tg_token_is_stemmed(tok) && an_analyzer_stems(an)) {
        const char *s;
        size_t slen;
        ds_status_t rc = an_stem(an, tok->term, tok->term_len, &s, &slen);
        if (rc != DS_OK)
            return rc;
        char pfx[32]; /* prefixes are a few capital letters (schema.h) */
        if (strlen(prefix) + sizeof DS_PREFIX_STEM > sizeof pfx)
            return DS_ERR_INVALID;
        memcpy(pfx, DS_PREFIX_STEM, sizeof DS_PREFIX_STEM - 1);
        strcpy(pfx + sizeof DS_PREFIX_STEM - 1, prefix);
        an_term_fit(stem, pfx, s, slen);
    }
    return ds_buf_ok(exact) && ds_buf_ok(stem) ? DS_OK : DS_ERR_NOMEM;
}

ds_status_t tg_index_text(an_analyzer_t *an, const tg_sink_t *sink, const char *prefix,
                          const char *text, size_t len, uint32_t *pos, tg_stats_t *stats)
{
    return tg_index_text_map(an, sink, prefix, text, len, pos, stats, NULL);
}

ds_status_t tg_index_text_map(an_analyzer_t *an, const tg_sink_t *sink, const char *prefix,
                              const char *text, size_t len, uint32_t *pos, tg_stats_t *stats,
                              ds_posmap_builder_t *map)
{
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, text, len);
    ds_buf_t exact = DS_BUF_INIT, stem = DS_BUF_INIT;
    ds_status_t rc = DS_OK;
    an_token_t tok;
    uint32_t base = *pos, used = 0;
    int more;
    while (rc == DS_OK && (more = an_tokenizer_next(&tk, &tok)) == 1) {
        rc = tg_token_terms(an, &tok, prefix, &exact, &stem);
        if (rc == DS_OK)
            rc = sink->posting(sink->ctx, exact.data, exact.len, base + tok.pos);
        if (rc == DS_OK && stem.len)
            rc = sink->term(sink->ctx, stem.data, stem.len);
        if (tok.pos + 1 > used)
            used = tok.pos + 1;
        if (map)
            ds_posmap_builder_token(map, &tok);
    }
    if (rc == DS_OK && more < 0)
        rc = (ds_status_t)-more;
    if (stats) {
        stats->tokens += used;
        stats->invalid_bytes += tk.invalid_bytes;
    }
    if (used)
        *pos = base + used + DS_FIELD_GAP;
    an_tokenizer_release(&tk);
    ds_buf_release(&exact);
    ds_buf_release(&stem);
    return rc;
}

/* ---- boolean values ------------------------------------------------------------- */

/* A footnote number, written as the indexer writes it: decimal, no zeros ahead. */
static ds_status_t number_value(const char *s, size_t len, ds_buf_t *out)
{
    unsigned long v = 0;
    if (len == 0 || len > 9)
        return DS_ERR_INVALID;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return DS_ERR_INVALID;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    ds_buf_printf(out, "%lu", v);
    return DS_OK;
}

/* An id: as written (ids are not folded), without control characters or invalid UTF-8
 * and without the spaces around it. */
static void raw_value(const char *s, size_t len, ds_buf_t *out)
{
    while (len && (*s == ' '))
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n > 0 && fold_class(cp) != FOLD_CONTROL)
            ds_buf_append(out, s + i, (size_t)n);
        i += (size_t)(n < 0 ? -n : n);
    }
}

/* A language: its code (lang_normalize), folded as a value. */
static void lang_value(const char *s, size_t len, ds_buf_t *out)
{
    ds_buf_t code = DS_BUF_INIT;
    lang_normalize(s, len, &code);
    fold_value(out, code.data ? code.data : "", code.len);
    if (!ds_buf_ok(&code))
        out->failed = 1;
    ds_buf_release(&code);
}

ds_status_t tg_value(ds_value_rule_t rule, const char *s, size_t len, int head, ds_buf_t *out)
{
    ds_status_t rc = DS_OK;
    switch (rule) {
    case DS_VR_NUMBER:
        rc = number_value(s, len, out);
        break;
    case DS_VR_RAW:
        raw_value(s, len, out);
        break;
    case DS_VR_URL:
        fold_url(out, s, len, head);
        break;
    case DS_VR_LANG: /* a language wildcard's head is only folded */
        if (head)
            fold_value(out, s, len);
        else
            lang_value(s, len, out);
        break;
    case DS_VR_FOLD:
    case DS_VR_SYMBOL:
        fold_value(out, s, len);
        break;
    }
    return rc == DS_OK && !ds_buf_ok(out) ? DS_ERR_NOMEM : rc;
}

ds_status_t tg_value_term(ds_value_rule_t rule, const char *prefix, const char *s, size_t len,
                          ds_buf_t *term)
{
    ds_buf_t v = DS_BUF_INIT;
    ds_buf_reset(term);
    ds_status_t rc = tg_value(rule, s, len, 0, &v);
    if (rc == DS_OK && v.len)
        an_term_fit(term, prefix, v.data, v.len);
    if (rc == DS_OK && !ds_buf_ok(term))
        rc = DS_ERR_NOMEM;
    ds_buf_release(&v);
    return rc;
}
