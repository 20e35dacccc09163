/*
 * docbuild.c - one source file to one Xapian document (see docbuild.h, schema.h).
 *
 *   metadata ........... merged_meta, parse_dates
 *   terms .............. add_boolean, add_field_text, add_url_terms, add_free_fields
 *   values and record .. add_values, add_record
 *   entry point ........ ixdoc_build
 */
#include "docbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "docstore.h"
#include "fold.h"
#include "schema.h"
#include "termgen.h"

/* Everything known about the document while it is built. */
typedef struct build {
    an_analyzer_t *an;
    const ix_file_t *f;
    ds_diag_t *diag;
    xap_doc_t *doc;
    ix_meta_t meta;     /* front matter, then manifest on top */
    const char *body;   /* text after the front matter */
    size_t body_len;
    date_span_t date;
    int has_date;
    ds_buf_t type;      /* folded type */
    ds_buf_t tmp;
    uint32_t pos;       /* next free position */
    uint64_t pos_body;  /* positions of the body text */
    ixdoc_stats_t *stats;
} build_t;

/* Known keys: everything else is a free field. */
static const char *const known_keys[] = {"id", "path", "title", "date", "date_end", "actor",
                                         "type", "url", "lang", "symbol"};

static int is_known_key(const char *key)
{
    for (size_t i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
        if (strcmp(key, known_keys[i]) == 0)
            return 1;
    return 0;
}

/* ---- metadata ------------------------------------------------------------------- */

static ds_status_t merged_meta(build_t *b, const ix_source_t *src)
{
    size_t body = 0;
    const char *text = ds_buf_cstr(&src->text);
    ds_status_t rc = ix_front_matter(text, src->text.len, b->f->path, b->diag, &b->meta, &body);
    if (rc == DS_OK)
        rc = ix_meta_merge(&b->meta, &b->f->meta);
    b->body = text + body;
    b->body_len = src->text.len - body;
    return rc;
}

/* Parse key's value into *span; warn (file:line of the value) when it does not parse. */
static int parse_date_key(build_t *b, const char *key, date_span_t *span)
{
    const ix_meta_kv_t *kv = ix_meta_find(&b->meta, key);
    if (!kv || !kv->val[0])
        return 0;
    ds_buf_reset(&b->tmp);
    if (date_parse(kv->val, strlen(kv->val), span, &b->tmp) == DS_OK)
        return 1;
    ds_diag_warn(b->diag, kv->file ? kv->file : b->f->path, kv->line,
                 "%s '%s' of %s does not parse (%s); indexed without a date", key, kv->val,
                 b->f->id, ds_buf_cstr(&b->tmp));
    return -1;
}

static void parse_dates(build_t *b)
{
    date_span_t start, end;
    int s = parse_date_key(b, "date", &start);
    int e = parse_date_key(b, "date_end", &end);
    if (s != 1 || e == -1)
        return; /* no date, or a broken one: no date rather than a wrong one */
    b->date = start;
    if (e == 1) {
        if (end.end < start.start) {
            const ix_meta_kv_t *kv = ix_meta_find(&b->meta, "date_end");
            ds_diag_warn(b->diag, kv->file ? kv->file : b->f->path, kv->line,
                         "date_end '%s' of %s is before its date; indexed without a date",
                         kv->val, b->f->id);
            return;
        }
        b->date.end = end.end;
    }
    b->has_date = 1;
}

/* ---- terms ---------------------------------------------------------------------- */

static const char *meta_str(const build_t *b, const char *key)
{
    const char *v = ix_meta_get(&b->meta, key);
    return v ? v : "";
}

static ds_status_t add_boolean(build_t *b, const char *prefix, const char *value, size_t len)
{
    ds_buf_reset(&b->tmp);
    an_term_fit(&b->tmp, prefix, value, len);
    if (!ds_buf_ok(&b->tmp))
        return DS_ERR_NOMEM;
    return xap_doc_add_boolean_term(b->doc, b->tmp.data, b->tmp.len);
}

/* A folded value as one boolean term (type, lang, url, symbol): fold_value(), as the
 * searcher's boolean fields fold their values. */
static ds_status_t add_folded_boolean(build_t *b, const char *prefix, const char *value)
{
    ds_buf_t folded = DS_BUF_INIT;
    fold_value(&folded, value, strlen(value));
    ds_status_t rc = ds_buf_ok(&folded) ? DS_OK : DS_ERR_NOMEM;
    if (rc == DS_OK && folded.len)
        rc = add_boolean(b, prefix, folded.data, folded.len);
    ds_buf_release(&folded);
    return rc;
}

static ds_status_t add_field_text(build_t *b, const char *prefix, const char *value)
{
    if (!value || !value[0])
        return DS_OK;
    tg_stats_t st = {0};
    return tg_index_text(b->an, b->doc, prefix, value, strlen(value), &b->pos, &st);
}

static ds_status_t add_url_terms(build_t *b, const char *url)
{
    if (!url || !url[0])
        return DS_OK;
    ds_status_t rc = add_folded_boolean(b, DS_PREFIX_URL, url);
    ds_buf_t hosts = DS_BUF_INIT;
    size_t n = 0;
    ixdoc_url_hosts(url, &hosts, &n);
    const char *h = ds_buf_cstr(&hosts);
    for (size_t i = 0; i < n && rc == DS_OK; i++, h += strlen(h) + 1)
        rc = add_boolean(b, DS_PREFIX_HOST, h, strlen(h));
    if (rc == DS_OK && !ds_buf_ok(&hosts))
        rc = DS_ERR_NOMEM;
    ds_buf_release(&hosts);
    return rc;
}

/* A UN document symbol: the whole symbol, and each '/'-ended head of it, so that
 * symbol:A/AC.290/ * (without the space) finds every document of that body. */
static ds_status_t add_symbol(build_t *b, const char *sym, size_t len)
{
    ds_buf_t f = DS_BUF_INIT;
    fold_value(&f, sym, len);
    ds_status_t rc = ds_buf_ok(&f) ? DS_OK : DS_ERR_NOMEM;
    if (rc == DS_OK && f.len)
        rc = add_boolean(b, DS_PREFIX_SYMBOL, f.data, f.len);
    for (size_t i = 0; rc == DS_OK && i + 1 < f.len; i++)
        if (f.data[i] == '/')
            rc = add_boolean(b, DS_PREFIX_SYMBOL_HEAD, f.data, i + 1);
    ds_buf_release(&f);
    return rc;
}

/* The symbol field may list several symbols separated by ';', ',' or spaces. */
static ds_status_t add_symbols(build_t *b, const char *list)
{
    ds_status_t rc = DS_OK;
    while (list && *list && rc == DS_OK) {
        size_t skip = strspn(list, "; ,\t");
        list += skip;
        size_t n = strcspn(list, "; ,\t");
        if (n)
            rc = add_symbol(b, list, n);
        list += n;
    }
    return rc;
}

static ds_status_t add_free_fields(build_t *b)
{
    ds_status_t rc = DS_OK;
    char prefix[96];
    for (size_t i = 0; i < b->meta.n && rc == DS_OK; i++) {
        const ix_meta_kv_t *kv = &b->meta.kv[i];
        if (is_known_key(kv->key))
            continue;
        if (strlen(kv->key) > DS_FIELD_NAME_MAX) {
            ds_diag_warn(b->diag, kv->file ? kv->file : b->f->path, kv->line,
                         "field name '%s' is longer than %d bytes: kept with the document "
                         "but not searchable", kv->key, DS_FIELD_NAME_MAX);
            continue;
        }
        snprintf(prefix, sizeof prefix, "%s%s:", DS_PREFIX_FIELD, kv->key);
        rc = add_field_text(b, prefix, kv->val);
    }
    return rc;
}

static ds_status_t add_terms(build_t *b)
{
    ds_status_t rc = add_boolean(b, DS_PREFIX_ID, b->f->id, strlen(b->f->id));
    if (rc == DS_OK)
        rc = add_boolean(b, DS_PREFIX_TYPE, b->type.data, b->type.len);
    if (rc == DS_OK)
        rc = add_folded_boolean(b, DS_PREFIX_LANG, meta_str(b, "lang"));
    if (rc == DS_OK)
        rc = add_url_terms(b, ix_meta_get(&b->meta, "url"));
    if (rc == DS_OK)
        rc = add_symbols(b, ix_meta_get(&b->meta, "symbol"));
    if (rc == DS_OK)
        rc = add_field_text(b, DS_PREFIX_TITLE, ix_meta_get(&b->meta, "title"));
    if (rc == DS_OK)
        rc = add_field_text(b, DS_PREFIX_ACTOR, ix_meta_get(&b->meta, "actor"));
    if (rc == DS_OK)
        rc = add_free_fields(b);
    if (rc == DS_OK) {
        tg_stats_t st = {0};
        rc = tg_index_text(b->an, b->doc, "", b->body, b->body_len, &b->pos, &st);
        b->stats->positions += st.tokens;
        b->pos_body = st.tokens;
        b->stats->invalid_bytes += st.invalid_bytes;
    }
    return rc;
}

/* ---- values and record ---------------------------------------------------------- */

static ds_status_t set_value_str(build_t *b, unsigned slot, const char *s)
{
    if (!s || !s[0])
        return DS_OK;
    return xap_doc_set_value(b->doc, slot, s, strlen(s));
}

static ds_status_t add_values(build_t *b, const char *state)
{
    char sizes[48];
    snprintf(sizes, sizeof sizes, "%lu %zu", (unsigned long)(b->pos_body), b->body_len);
    char start[DATE_SORTABLE_LEN + 1] = "", end[DATE_SORTABLE_LEN + 1] = "", year[8] = "";
    if (b->has_date) {
        date_format_sortable(b->date.start, start);
        date_format_sortable(b->date.end, end);
        snprintf(year, sizeof year, "%d", (int)(b->date.start / 10000));
    }
    ds_status_t rc = set_value_str(b, DS_SLOT_DATE_START, start);
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_DATE_END, end);
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_YEAR, year);
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_ID, b->f->id);
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_SOURCE, state);
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_TYPE, ds_buf_cstr(&b->type));
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_ACTOR, ix_meta_get(&b->meta, "actor"));
    if (rc == DS_OK)
        rc = set_value_str(b, DS_SLOT_SIZES, sizes);
    return rc;
}

/* Append one record field; NULL or empty values are left out. */
static size_t put_field(dstore_field_t *fs, size_t n, const char *key, const char *val)
{
    if (!val || !val[0])
        return n;
    fs[n].key = key;
    fs[n].val = val;
    fs[n].val_len = strlen(val);
    return n + 1;
}

static ds_status_t add_record(build_t *b)
{
    char iso_start[DATE_ISO_LEN + 1] = "", iso_end[DATE_ISO_LEN + 1] = "";
    if (b->has_date) {
        date_format_iso(b->date.start, iso_start);
        date_format_iso(b->date.end, iso_end);
    }
    dstore_field_t *fs = calloc(b->meta.n + 16, sizeof *fs);
    if (!fs)
        return DS_ERR_NOMEM;
    size_t n = 0;
    n = put_field(fs, n, DS_FIELD_ID, b->f->id);
    n = put_field(fs, n, DS_FIELD_PATH, b->f->path);
    n = put_field(fs, n, DS_FIELD_TYPE, ds_buf_cstr(&b->type));
    n = put_field(fs, n, DS_FIELD_DATE, iso_start);
    n = put_field(fs, n, DS_FIELD_DATE_END, iso_end);
    static const char *const shown[] = {"title", "actor", "url", "lang", "symbol"};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        n = put_field(fs, n, shown[i], ix_meta_get(&b->meta, shown[i]));
    for (size_t i = 0; i < b->meta.n; i++)
        if (!is_known_key(b->meta.kv[i].key))
            n = put_field(fs, n, b->meta.kv[i].key, b->meta.kv[i].val);
    ds_buf_reset(&b->tmp);
    ds_status_t rc = dstore_encode(fs, n, b->body, b->body_len, &b->tmp);
    free(fs);
    if (rc == DS_OK)
        rc = xap_doc_set_data(b->doc, b->tmp.data, b->tmp.len);
    b->stats->text_bytes += b->body_len;
    return rc;
}

/* ---- entry point ---------------------------------------------------------------- */

static void fold_type(build_t *b)
{
    const char *t = ix_meta_get(&b->meta, "type");
    if (t && t[0])
        fold_value(&b->type, t, strlen(t));
    if (b->type.len == 0) {
        ds_buf_reset(&b->type);
        ds_buf_puts(&b->type, DS_TYPE_DEFAULT);
    }
}

ds_status_t ixdoc_build(an_analyzer_t *an, const ix_file_t *f, const ix_source_t *src,
                        const char *state, ds_diag_t *diag, xap_doc_t **doc,
                        ixdoc_stats_t *stats)
{
    *doc = NULL;
    build_t b = {.an = an, .f = f, .diag = diag, .pos = 1, .stats = stats};
    ds_status_t rc = xap_doc_new(&b.doc);
    if (rc == DS_OK)
        rc = merged_meta(&b, src);
    if (rc == DS_OK) {
        parse_dates(&b);
        fold_type(&b);
        rc = add_terms(&b);
    }
    if (rc == DS_OK)
        rc = add_values(&b, state);
    if (rc == DS_OK)
        rc = add_record(&b);
    if (rc == DS_OK && (!ds_buf_ok(&b.type) || !ds_buf_ok(&b.tmp)))
        rc = DS_ERR_NOMEM;
    if (rc != DS_OK && b.doc)
        ds_diag_error(diag, f->path, 0, "cannot build the document: %s",
                      rc == DS_ERR_NOMEM ? "out of memory" : xap_doc_error(b.doc));
    if (rc == DS_OK)
        *doc = b.doc;
    else
        xap_doc_free(b.doc);
    ix_meta_release(&b.meta);
    ds_buf_release(&b.type);
    ds_buf_release(&b.tmp);
    return rc;
}

/* ---- URL hosts ------------------------------------------------------------------ */

void ixdoc_url_hosts(const char *url, ds_buf_t *out, size_t *n)
{
    *n = 0;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t len = strcspn(p, "/:?#");
    const char *at = memchr(p, '@', len); /* user@host */
    if (at) {
        len -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    ds_buf_t host = DS_BUF_INIT;
    fold_value(&host, p, len);
    const char *h = ds_buf_cstr(&host);
    while (h && strchr(h, '.')) { /* the host, then each parent that still has a dot */
        ds_buf_append(out, h, strlen(h) + 1);
        (*n)++;
        h = strchr(h, '.') + 1;
    }
    ds_buf_release(&host);
}
