/*
 * docbuild.c - building documents (see docbuild.h and schema.h).
 *
 *   builder ............ ixdoc_begin, ixdoc_id / type / parent / date / text / words /
 *                        value / boolean / url / symbols / loci, ixdoc_finish (the
 *                        body, its position map and hash), ixdoc_abort
 *   document sets ...... ixdoc_set_add, ixdoc_set_release
 *   one file ........... metadata (front matter + manifest), dates, free fields,
 *                        ixdoc_build_file (reports go to docreport.c)
 */
#include "docbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "docreport.h"
#include "docsink.h"
#include "docsizes.h"
#include "docstore.h"
#include "grow.h"
#include "natsort.h"
#include "schema.h"
#include "termgen.h"

/* ---- builder -------------------------------------------------------------------- */

void ixdoc_begin(ixdoc_t *d, an_analyzer_t *an, ds_diag_t *diag)
{
    memset(d, 0, sizeof *d);
    d->an = an;
    d->diag = diag;
    d->pos = 1;
    d->rc = xap_doc_new(&d->doc);
}

static void keep(ixdoc_t *d, ds_status_t rc)
{
    if (d->rc == DS_OK)
        d->rc = rc;
}

static void field(ixdoc_t *d, const char *key, const char *value)
{
    if (d->rc == DS_OK && value && value[0])
        keep(d, ix_meta_set(&d->fields, key, value, strlen(value)));
}

static void term(ixdoc_t *d, const char *prefix, const char *t, size_t len)
{
    if (d->rc != DS_OK)
        return;
    ds_buf_reset(&d->tmp);
    an_term_fit(&d->tmp, prefix, t, len);
    keep(d, ds_buf_ok(&d->tmp) ? xap_doc_add_boolean_term(d->doc, d->tmp.data, d->tmp.len)
                               : DS_ERR_NOMEM);
}

void ixdoc_value(ixdoc_t *d, unsigned slot, const char *value)
{
    if (d->rc == DS_OK && value && value[0])
        keep(d, xap_doc_set_value(d->doc, slot, value, strlen(value)));
}

void ixdoc_id(ixdoc_t *d, const char *id)
{
    term(d, DS_PREFIX_ID, id, strlen(id));
    ixdoc_value(d, DS_SLOT_ID, id);
    field(d, DS_FIELD_ID, id);
    if (d->rc != DS_OK)
        return;
    ds_buf_reset(&d->tmp);
    ds_natkey(id, strlen(id), &d->tmp);
    keep(d, ds_buf_ok(&d->tmp) ? xap_doc_set_value(d->doc, DS_SLOT_ID_KEY, d->tmp.data, d->tmp.len)
                               : DS_ERR_NOMEM);
}

/* out = s[0..len) by rule as its term holds it (tg_value, the searcher's rule too).
 * Returns 1 when that is not empty, 0 when it is or on a failure (recorded). */
static int value_of(ixdoc_t *d, ds_value_rule_t rule, const char *s, size_t len, ds_buf_t *out)
{
    ds_buf_reset(out);
    if (d->rc != DS_OK || !s)
        return 0;
    keep(d, tg_value(rule, s, len, 0, out));
    return d->rc == DS_OK && out->len > 0;
}

void ixdoc_lang(ixdoc_t *d, const char *lang)
{
    ds_buf_t code = DS_BUF_INIT;
    if (lang && value_of(d, DS_VR_LANG, lang, strlen(lang), &code)) {
        field(d, DS_FIELD_LANG, ds_buf_cstr(&code));
        term(d, DS_PREFIX_LANG, code.data, code.len);
        ixdoc_value(d, DS_SLOT_LANG, ds_buf_cstr(&code));
    }
    ds_buf_release(&code);
}

void ixdoc_boolean(ixdoc_t *d, const char *name, const char *value)
{
    const ds_field_t *f = ds_field_find(name, strlen(name));
    ds_buf_t v = DS_BUF_INIT;
    if (!f || f->kind != DS_FK_BOOL)
        keep(d, DS_ERR_INVALID); /* a caller's bug: not a boolean field of schema.h */
    else if (value && value_of(d, f->rule, value, strlen(value), &v))
        term(d, f->prefix, v.data, v.len);
    ds_buf_release(&v);
}

void ixdoc_type(ixdoc_t *d, const char *type)
{
    ds_buf_t f = DS_BUF_INIT;
    const char *t =
        value_of(d, DS_VR_FOLD, type, strlen(type), &f) ? ds_buf_cstr(&f) : DS_TYPE_DEFAULT;
    term(d, DS_PREFIX_TYPE, t, strlen(t));
    ixdoc_value(d, DS_SLOT_TYPE, t);
    field(d, DS_FIELD_TYPE, t);
    ds_buf_release(&f);
}

void ixdoc_parent(ixdoc_t *d, const char *file_id)
{
    term(d, DS_PREFIX_PARENT, file_id, strlen(file_id));
    field(d, DS_FIELD_REPORT, file_id);
}

void ixdoc_date(ixdoc_t *d, date_span_t span)
{
    char start[DATE_SORTABLE_LEN + 1], end[DATE_SORTABLE_LEN + 1], year[8];
    char iso_start[DATE_ISO_LEN + 1], iso_end[DATE_ISO_LEN + 1];
    if (d->rc != DS_OK || !span.start || date_format_sortable(span.start, start) != DS_OK ||
        date_format_sortable(span.end, end) != DS_OK ||
        date_format_span(span, iso_start, iso_end) != DS_OK) /* 2021-06 stays 2021-06 */
        return;
    snprintf(year, sizeof year, "%d", (int)(span.start / 10000));
    ixdoc_value(d, DS_SLOT_DATE_START, start);
    ixdoc_value(d, DS_SLOT_DATE_END, end);
    ixdoc_value(d, DS_SLOT_YEAR, year);
    field(d, DS_FIELD_DATE, iso_start);
    field(d, DS_FIELD_DATE_END, iso_end);
}

void ixdoc_words(ixdoc_t *d, const char *prefix, const char *value)
{
    if (d->rc != DS_OK || !value || !value[0])
        return;
    tg_sink_t sink = ds_doc_sink(d->doc);
    keep(d, tg_index_text(d->an, &sink, prefix, value, strlen(value), &d->pos, NULL));
}

void ixdoc_text(ixdoc_t *d, const char *key, const char *prefix, const char *value)
{
    field(d, key, value);
    if (prefix)
        ixdoc_words(d, prefix, value);
}

static const ix_actor_t *resolve(const ix_actors_t *t, const char *name)
{
    return t && name ? ix_actors_resolve(t, name, strlen(name)) : NULL;
}

/* The actor's words under A, unless they are name's (already indexed). */
static void other_form(ixdoc_t *d, const char *form, const char *name)
{
    if (form && strcmp(form, name) != 0)
        ixdoc_words(d, DS_PREFIX_ACTOR, form);
}

void ixdoc_actor(ixdoc_t *d, const ix_actors_t *t, const char *written, const char *shortf)
{
    if ((!written || !written[0]) && (!shortf || !shortf[0]))
        return;
    const ix_actor_t *a = resolve(t, shortf);
    if (!a)
        a = resolve(t, written);
    const char *name = a ? ix_actors_name(a) : shortf && shortf[0] ? shortf : written;
    ixdoc_text(d, DS_FIELD_ACTOR, DS_PREFIX_ACTOR, name);
    ixdoc_value(d, DS_SLOT_ACTOR, name);
    other_form(d, written, name);
    if (shortf && written && strcmp(shortf, written) != 0)
        other_form(d, shortf, name);
    for (size_t i = 1; a && i < ix_actors_nalias(a); i++) /* alias 0 is the name */
        other_form(d, ix_actors_alias(a, i), name);
}

void ixdoc_url(ixdoc_t *d, const char *url)
{
    if (d->rc != DS_OK || !url || !url[0])
        return;
    ds_buf_t key = DS_BUF_INIT;
    if (value_of(d, DS_VR_URL, url, strlen(url), &key))
        term(d, DS_PREFIX_URL, key.data, key.len);
    ds_buf_release(&key);
    ds_buf_t hosts = DS_BUF_INIT;
    size_t n = 0;
    ixdoc_url_hosts(url, &hosts, &n);
    const char *h = ds_buf_cstr(&hosts);
    for (size_t i = 0; i < n; i++, h += strlen(h) + 1)
        term(d, DS_PREFIX_HOST, h, strlen(h));
    if (!ds_buf_ok(&hosts))
        keep(d, DS_ERR_NOMEM);
    ds_buf_release(&hosts);
}

/* A UN document symbol: the whole symbol, and each '/'-ended head of it, so that
 * "symbol:A/AC.290/" + "*" finds every document of that body. */
static void add_symbol(ixdoc_t *d, const char *sym, size_t len)
{
    ds_buf_t f = DS_BUF_INIT;
    if (value_of(d, DS_VR_SYMBOL, sym, len, &f))
        term(d, DS_PREFIX_SYMBOL, f.data, f.len);
    for (size_t i = 0; i + 1 < f.len; i++)
        if (f.data[i] == '/')
            term(d, DS_PREFIX_SYMBOL_HEAD, f.data, i + 1);
    ds_buf_release(&f);
}

void ixdoc_symbols(ixdoc_t *d, const char *list)
{
    while (list && *list && d->rc == DS_OK) {
        list += strspn(list, "; ,\t");
        size_t n = strcspn(list, "; ,\t");
        if (n)
            add_symbol(d, list, n);
        list += n;
    }
}

void ixdoc_loci(ixdoc_t *d, const ds_locus_t *rows, size_t n)
{
    ds_buf_reset(&d->loci);
    if (d->rc == DS_OK)
        keep(d, ds_loci_encode(rows, n, &d->loci));
}

/* The chunk size of the text: DS_TEXT_CHUNK, or DS_TEXT_CHUNK_SIZE from the environment
 * (a benchmark hook: bench/README.md measures the trade-off with it). */
static size_t chunk_size(void)
{
    const char *v = getenv("DS_TEXT_CHUNK_SIZE");
    long k = v && v[0] ? strtol(v, NULL, 10) : 0;
    return k > 0 && k <= (long)DSTORE_CHUNK_MAX ? (size_t)k : DS_TEXT_CHUNK;
}

/* The text apart from the record: its chunks in DS_SLOT_TEXT (docstore.h). */
static void store_text(ixdoc_t *d, const char *body, size_t len)
{
    ds_buf_reset(&d->tmp);
    keep(d, dstore_chunks_encode(body, len, chunk_size(), &d->tmp));
    if (d->rc == DS_OK)
        keep(d, xap_doc_set_value(d->doc, DS_SLOT_TEXT, d->tmp.data, d->tmp.len));
}

/* The record: every field, the text's maps (schema.h, Document data: the position map
 * map[0..map_len), its hash, the line map if any) and the text's length; the text
 * apart (store_text). */
static void store_record(ixdoc_t *d, const char *body, size_t len, const char *map, size_t map_len)
{
    char hash[DS_TEXT_HASH_LEN + 1];
    dstore_field_t *fs = calloc(d->fields.n + 3, sizeof *fs);
    if (!fs) {
        keep(d, DS_ERR_NOMEM);
        return;
    }
    size_t n = 0;
    for (; n < d->fields.n; n++)
        fs[n] =
            (dstore_field_t){d->fields.kv[n].key, d->fields.kv[n].val, strlen(d->fields.kv[n].val)};
    ds_text_hash_format(body, len, hash);
    fs[n++] = (dstore_field_t){DS_FIELD_POSMAP, map, map_len};
    fs[n++] = (dstore_field_t){DS_FIELD_TEXT_HASH, hash, DS_TEXT_HASH_LEN};
    if (d->loci.len)
        fs[n++] = (dstore_field_t){DS_FIELD_LOCI, d->loci.data, d->loci.len};
    ds_buf_reset(&d->tmp);
    keep(d, dstore_encode(fs, n, body, len, DSTORE_APART, &d->tmp));
    free(fs);
    if (d->rc == DS_OK)
        keep(d, xap_doc_set_data(d->doc, d->tmp.data, d->tmp.len));
    if (d->rc == DS_OK)
        store_text(d, body, len);
}

/* Index the body as the document's text (after every field: its positions start where
 * d->pos stands) and encode its position map into *map. */
static void index_body(ixdoc_t *d, const char *body, size_t len, tg_stats_t *st, ds_buf_t *map)
{
    ds_posmap_builder_t pm;
    ds_posmap_builder_init(&pm, DS_POSMAP_K, d->pos);
    tg_sink_t sink = ds_doc_sink(d->doc);
    if (d->rc == DS_OK)
        keep(d, tg_index_text_map(d->an, &sink, "", body, len, &d->pos, st, &pm));
    if (d->rc == DS_OK)
        keep(d, ds_posmap_builder_finish(&pm, map));
    ds_posmap_builder_release(&pm);
}

ds_status_t ixdoc_finish(ixdoc_t *d, const char *body, size_t len, ixdoc_set_t *set,
                         ixdoc_stats_t *stats)
{
    tg_stats_t st = {0};
    ds_buf_t map = DS_BUF_INIT;
    index_body(d, body, len, &st, &map);
    char sizes[DS_SIZES_MAX];
    ds_sizes_format(sizes, st.tokens, len);
    ixdoc_value(d, DS_SLOT_SIZES, sizes);
    store_record(d, body, len, map.data, map.len);
    ds_buf_release(&map);
    const char *id = ix_meta_get(&d->fields, DS_FIELD_ID);
    if (d->rc == DS_OK && !id)
        d->rc = DS_ERR_INVALID; /* ixdoc_id was never called: a bug of the caller */
    if (d->rc == DS_OK) {
        d->rc = ixdoc_set_add(set, d->doc, id); /* set takes the document, even on failure */
        d->doc = NULL;
    }
    if (d->rc == DS_OK && stats) {
        stats->positions += st.tokens;
        stats->text_bytes += len;
        stats->invalid_bytes += st.invalid_bytes;
    }
    ds_status_t rc = d->rc;
    ixdoc_abort(d);
    return rc;
}

void ixdoc_abort(ixdoc_t *d)
{
    xap_doc_free(d->doc);
    d->doc = NULL;
    ix_meta_release(&d->fields);
    ds_buf_release(&d->tmp);
    ds_buf_release(&d->loci);
}

/* ---- document sets -------------------------------------------------------------- */

ds_status_t ixdoc_set_add(ixdoc_set_t *set, xap_doc_t *doc, const char *id)
{
    ixdoc_out_t *v = ds_grow(set->v, &set->cap, set->n + 1, sizeof *v);
    if (!v) {
        xap_doc_free(doc);
        return DS_ERR_NOMEM;
    }
    set->v = v;
    ds_buf_t uid = DS_BUF_INIT;
    an_term_fit(&uid, DS_PREFIX_ID, id, strlen(id));
    char *u = ds_buf_detach(&uid, NULL);
    if (!u) {
        xap_doc_free(doc);
        return DS_ERR_NOMEM;
    }
    set->v[set->n++] = (ixdoc_out_t){doc, u};
    return DS_OK;
}

void ixdoc_set_release(ixdoc_set_t *set)
{
    for (size_t i = 0; i < set->n; i++) {
        xap_doc_free(set->v[i].doc);
        free(set->v[i].uid);
    }
    free(set->v);
    memset(set, 0, sizeof *set);
}

/* ---- one file ------------------------------------------------------------------- */

/* Keys the schema interprets, and the report parser's instruction DS_META_FOOTNOTES
 * (read by docreport.c); every other key is a free field. */
static int is_known_key(const char *key)
{
    const ds_field_t *f = ds_field_find(key, strlen(key));
    return (f && (f->flags & DS_FF_META)) || strcmp(key, DS_META_FOOTNOTES) == 0;
}

static void free_fields(ixdoc_t *d, const ixdoc_file_t *file)
{
    char prefix[sizeof DS_PREFIX_FIELD + DS_FIELD_NAME_MAX + 2];
    for (size_t i = 0; i < file->meta.n && d->rc == DS_OK; i++) {
        const ix_meta_kv_t *kv = &file->meta.kv[i];
        if (is_known_key(kv->key))
            continue;
        if (strlen(kv->key) > DS_FIELD_NAME_MAX) {
            ds_diag_warn(d->diag, kv->file ? kv->file : file->f->path, kv->line,
                         "field name '%s' is longer than %d bytes: stored with the document "
                         "but not searchable",
                         kv->key, DS_FIELD_NAME_MAX);
            ixdoc_text(d, kv->key, NULL, kv->val);
            continue;
        }
        snprintf(prefix, sizeof prefix, "%s%s:", DS_PREFIX_FIELD, kv->key);
        ixdoc_text(d, kv->key, prefix, kv->val);
    }
}

void ixdoc_meta(ixdoc_t *d, const ixdoc_file_t *file)
{
    const ix_meta_t *m = &file->meta;
    ixdoc_text(d, DS_FIELD_PATH, NULL, file->f->path);
    ixdoc_text(d, DS_FIELD_TITLE, DS_PREFIX_TITLE, ix_meta_get(m, DS_FIELD_TITLE));
    ixdoc_actor(d, file->actors, ix_meta_get(m, DS_FIELD_ACTOR), NULL);
    ixdoc_text(d, DS_FIELD_ACTOR_FULL, NULL, ix_meta_get(m, DS_FIELD_ACTOR)); /* as written */
    ixdoc_text(d, DS_FIELD_URL, NULL, ix_meta_get(m, DS_FIELD_URL));
    ixdoc_url(d, ix_meta_get(m, DS_FIELD_URL));
    ixdoc_lang(d, ix_meta_get(m, DS_FIELD_LANG));
    ixdoc_text(d, DS_FIELD_SYMBOL, NULL, ix_meta_get(m, DS_FIELD_SYMBOL));
    ixdoc_symbols(d, ix_meta_get(m, DS_FIELD_SYMBOL));
    free_fields(d, file);
}

/* Parse key's value into *span; warn (file:line of the value) when it does not parse.
 * Returns 1 parsed, 0 absent, -1 broken. */
static int parse_date_key(ixdoc_file_t *file, ds_diag_t *diag, const char *key, date_span_t *span)
{
    const ix_meta_kv_t *kv = ix_meta_find(&file->meta, key);
    if (!kv || !kv->val[0])
        return 0;
    ds_error_t err;
    if (date_parse(kv->val, strlen(kv->val), span, &err) == DS_OK)
        return 1;
    char column[32] = ""; /* "column N: " where the message is about one spot */
    if (err.column)
        snprintf(column, sizeof column, "column %zu: ", err.column);
    ds_diag_warn(diag, kv->file ? kv->file : file->f->path, kv->line,
                 "%s '%s' of %s does not parse (%s%s); indexed without a date", key, kv->val,
                 file->f->id, column, err.message);
    return -1;
}

static void parse_dates(ixdoc_file_t *file, ds_diag_t *diag)
{
    date_span_t start, end;
    int s = parse_date_key(file, diag, DS_FIELD_DATE, &start);
    int e = parse_date_key(file, diag, DS_FIELD_DATE_END, &end);
    if (s != 1 || e == -1)
        return; /* no date, or a broken one: no date rather than a wrong one */
    if (e == 1 && end.end < start.start) {
        const ix_meta_kv_t *kv = ix_meta_find(&file->meta, DS_FIELD_DATE_END);
        ds_diag_warn(diag, kv->file ? kv->file : file->f->path, kv->line,
                     "date_end '%s' of %s is before its date; indexed without a date", kv->val,
                     file->f->id);
        return;
    }
    file->date = start;
    if (e == 1)
        file->date.end = end.end;
}

/* A PDF: no front matter; the manifest's values, then its document info where the
 * manifest leaves a key empty (docbuild.h). */
static ds_status_t read_pdf_meta(ixdoc_file_t *file, const ix_source_t *src, ds_diag_t *diag)
{
    const ix_pdf_t *pdf = &src->pdf;
    ds_status_t rc = ix_meta_merge(&file->meta, &file->f->meta);
    char day[16] = "";
    if (pdf->created)
        snprintf(day, sizeof day, "%04d-%02d-%02d", (int)(pdf->created / 10000),
                 (int)(pdf->created / 100 % 100), (int)(pdf->created % 100));
    const struct {
        const char *key, *val;
    } info[] = {{DS_FIELD_TITLE, pdf->title},
                {"author", pdf->author},
                {"subject", pdf->subject},
                {DS_FIELD_DATE, pdf->created ? day : NULL}};
    for (size_t i = 0; rc == DS_OK && i < sizeof info / sizeof info[0]; i++) {
        const char *have = ix_meta_get(&file->meta, info[i].key);
        if (info[i].val && (!have || !*have))
            rc = ix_meta_set(&file->meta, info[i].key, info[i].val, strlen(info[i].val));
    }
    file->pdf = pdf;
    file->body = ds_buf_cstr(&src->text);
    file->body_len = src->text.len;
    file->body_line = 1;
    if (rc == DS_OK)
        parse_dates(file, diag);
    return rc;
}

/* Front matter first, the manifest's values on top. */
static ds_status_t read_meta(ixdoc_file_t *file, const ix_source_t *src, ds_diag_t *diag)
{
    if (src->pdf.npages)
        return read_pdf_meta(file, src, diag);
    size_t body = 0;
    const char *text = ds_buf_cstr(&src->text);
    ds_status_t rc = ix_front_matter(text, src->text.len, file->f->path, diag, &file->meta, &body);
    const ix_meta_kv_t *id = ix_meta_find(&file->meta, DS_FIELD_ID);
    if (rc == DS_OK && id && !ix_meta_get(&file->f->meta, DS_FIELD_ID) &&
        strcmp(id->val, file->f->id))
        ds_diag_warn(diag, id->file ? id->file : file->f->path, id->line,
                     "front-matter id '%s' ignored: ids come from manifest.tsv or the path "
                     "(indexed as '%s')",
                     id->val, file->f->id);
    if (rc == DS_OK)
        rc = ix_meta_merge(&file->meta, &file->f->meta);
    file->body = text + body;
    file->body_len = src->text.len - body;
    file->body_line = 1;
    for (size_t i = 0; i < body; i++)
        file->body_line += text[i] == '\n';
    if (rc == DS_OK)
        parse_dates(file, diag);
    return rc;
}

static int is_report(const ixdoc_file_t *file)
{
    const char *t = ix_meta_get(&file->meta, DS_FIELD_TYPE);
    ds_buf_t f = DS_BUF_INIT;
    if (t)
        tg_value(DS_VR_FOLD, t, strlen(t), 0, &f); /* as type: terms are */
    int yes = strcmp(ds_buf_cstr(&f), DS_TYPE_REPORT) == 0;
    ds_buf_release(&f);
    return yes;
}

static ds_status_t build_plain(an_analyzer_t *an, const ixdoc_file_t *file, const char *state,
                               ds_diag_t *diag, ixdoc_set_t *set, ixdoc_stats_t *stats)
{
    ixdoc_t d;
    ixdoc_begin(&d, an, diag);
    const char *type = ix_meta_get(&file->meta, DS_FIELD_TYPE);
    ixdoc_id(&d, file->f->id);
    ixdoc_type(&d, type ? type : DS_TYPE_DEFAULT);
    ixdoc_date(&d, file->date);
    ixdoc_meta(&d, file);
    ixdoc_value(&d, DS_SLOT_SOURCE, state);
    if (file->pdf) { /* its text holds the pages, '\f' between them */
        char num[32];
        snprintf(num, sizeof num, "%zu", file->pdf->npages);
        ixdoc_text(&d, DS_FIELD_PAGES, NULL, num);
    }
    return ixdoc_finish(&d, file->body, file->body_len, set, stats);
}

ds_status_t ixdoc_build_file(an_analyzer_t *an, const ix_actors_t *actors, const ix_file_t *f,
                             const ix_source_t *src, const char *state, ds_diag_t *diag,
                             ixdoc_set_t *set, ixdoc_stats_t *stats)
{
    ixdoc_file_t file = {.f = f, .actors = actors};
    ds_status_t rc = read_meta(&file, src, diag);
    if (rc == DS_OK && is_report(&file))
        rc = ixreport_build(an, &file, state, diag, set, stats);
    else if (rc == DS_OK)
        rc = build_plain(an, &file, state, diag, set, stats);
    if (rc != DS_OK)
        ds_diag_error(diag, f->path, 0, "skipped: %s",
                      rc == DS_ERR_RANGE ? "too large to read as a report (256 MiB at most)"
                                         : ds_status_str(rc));
    ix_meta_release(&file.meta);
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
    tg_value(DS_VR_FOLD, p, len, 0, &host); /* site: values (schema.h) */
    const char *h = ds_buf_cstr(&host);
    while (strchr(h, '.')) { /* the host, then each parent that still has a dot */
        ds_buf_append(out, h, strlen(h) + 1);
        (*n)++;
        h = strchr(h, '.') + 1;
    }
    ds_buf_release(&host);
}
