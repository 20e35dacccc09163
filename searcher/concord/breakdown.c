/*
 * breakdown.c - the forms each keyword matched (see breakdown.h).
 *
 *   counting ........... count_line, count_doc: each KWIC line's form, from the words
 *                        of its match (only the match's bytes are read)
 *   output ............. bd_unit_label, put_unit, put_form, bd_header
 *   entry point ........ bd_run
 */
#include "breakdown.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "docstore.h"
#include "grow.h"
#include "kwic.h"
#include "out.h"

/* One form of one unit. The name is at names.data + name. */
typedef struct form {
    unsigned unit;
    size_t name, len;
    uint64_t occ, docs;
    uint64_t last_doc; /* ordinal + 1 of the last document counted in docs */
} form_t;

typedef struct run {
    form_t *v;
    size_t n, cap;
    ds_buf_t names; /* the forms, back to back */
    ds_buf_t form;  /* the current line's form */
    kw_words_t words;
    uint64_t lines;
    uint64_t *udocs, *ulast; /* per unit: documents, ordinal + 1 of the last counted */
} run_t;

/* ---- counting ------------------------------------------------------------------- */

/* The form of the match text[0..len): its words, folded, one space between. A form is
 * looked up among its unit's forms one by one: a unit has few (at most the expansion
 * limit). */
static ds_status_t line_form(run_t *r, const char *text, size_t len)
{
    ds_status_t rc = kw_words_scan(&r->words, text, len);
    ds_buf_reset(&r->form);
    for (size_t i = 0; rc == DS_OK && i < r->words.n; i++) {
        if (i)
            ds_buf_putc(&r->form, ' ');
        ds_buf_append(&r->form, kw_words_term(&r->words, i), r->words.v[i].term_len);
    }
    return rc == DS_OK && !ds_buf_ok(&r->form) ? DS_ERR_NOMEM : rc;
}

static form_t *find_form(run_t *r, unsigned unit)
{
    for (size_t i = 0; i < r->n; i++) {
        form_t *f = &r->v[i];
        if (f->unit == unit && f->len == r->form.len &&
            memcmp(r->names.data + f->name, r->form.data, f->len) == 0)
            return f;
    }
    form_t *v = ds_grow(r->v, &r->cap, r->n + 1, sizeof *v);
    if (!v)
        return NULL;
    r->v = v;
    form_t *f = &v[r->n++];
    *f = (form_t){unit, r->names.len, r->form.len, 0, 0, 0};
    ds_buf_append(&r->names, r->form.data, r->form.len);
    return ds_buf_ok(&r->names) ? f : NULL;
}

static ds_status_t count_line(run_t *r, const kw_doc_t *d, const mt_occ_t *oc)
{
    const char *p;
    size_t got;
    /* a text apart holds only the chunks read: make the match's bytes readable */
    ds_status_t rc = dstore_text_range(d->rec, oc->start, oc->end, &p, &got);
    if (rc == DS_OK)
        rc = line_form(r, p, got);
    if (rc != DS_OK)
        return rc;
    form_t *f = find_form(r, oc->unit);
    if (!f)
        return DS_ERR_NOMEM;
    f->occ++;
    if (f->last_doc != d->ordinal + 1) {
        f->docs++;
        f->last_doc = d->ordinal + 1;
    }
    if (r->ulast[oc->unit] != d->ordinal + 1) {
        r->udocs[oc->unit]++;
        r->ulast[oc->unit] = d->ordinal + 1;
    }
    r->lines++;
    return DS_OK;
}

static ds_status_t count_doc(void *ctx, const kw_doc_t *d, int *stop)
{
    (void)stop;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < d->nocc && rc == DS_OK; i++)
        rc = count_line(ctx, d, &d->occ[i]);
    return rc;
}

/* ---- output --------------------------------------------------------------------- */

static const char *unit_kind(const mt_unit_t *u)
{
    if (u->kind == MT_PHRASE)
        return "phrase";
    if (u->kind == MT_NEAR)
        return "near";
    return u->slots[0].kind == MT_SLOT_STEM     ? "stem"
           : u->slots[0].kind == MT_SLOT_PREFIX ? "wildcard"
                                                : "word";
}

void bd_unit_label(ds_buf_t *out, const mt_unit_t *u)
{
    ds_buf_puts(out, u->kind == MT_PHRASE ? "\"" : "");
    for (size_t i = 0; i < u->nslots; i++) {
        if (i)
            ds_buf_printf(out, u->kind == MT_NEAR ? " NEAR/%u " : " ", (unsigned)u->window);
        ds_buf_append(out, u->slots[i].text, u->slots[i].len);
    }
    if (u->kind == MT_TERM && u->slots[0].kind == MT_SLOT_PREFIX)
        ds_buf_putc(out, '*');
    if (u->kind == MT_PHRASE)
        ds_buf_putc(out, '"');
    if (u->kind == MT_PHRASE && u->window > u->nslots)
        ds_buf_printf(out, "~%u", (unsigned)(u->window - u->nslots));
}

/* Forms by unit, then occurrences (descending), then bytes. qsort has no context
 * argument: the names are reached through sort_names, set by put_all just before. */
static const ds_buf_t *sort_names;

static int form_cmp(const void *a, const void *b)
{
    const form_t *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->occ != y->occ)
        return x->occ > y->occ ? -1 : 1;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(sort_names->data + x->name, sort_names->data + y->name, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Text: the unit's line, with its occurrences (those of its forms v[from..to)) and
 * its documents (counted apart: a document holding two forms is one document). */
static void put_unit(ds_buf_t *out, const fmt_options_t *fmt, const mt_unit_t *u, const form_t *v,
                     size_t from, size_t to, uint64_t docs)
{
    uint64_t occ = 0;
    for (size_t i = from; i < to; i++)
        occ += v[i].occ;
    ds_buf_t label = DS_BUF_INIT;
    bd_unit_label(&label, u);
    kw_row_prefix(out, fmt);
    out_text(out, label.data, label.len, 1);
    ds_buf_printf(out, " (%s): %" PRIu64 " occurrence%s in %" PRIu64 " document%s\n", unit_kind(u),
                  occ, occ == 1 ? "" : "s", docs, docs == 1 ? "" : "s");
    ds_buf_release(&label);
}

static void put_form(ds_buf_t *out, const fmt_options_t *fmt, const mt_unit_t *u, const run_t *r,
                     const form_t *f)
{
    const char *name = r->names.data + f->name;
    ds_buf_puts(out, fmt->kind == FMT_JSON ? "{" : "");
    kw_row_prefix(out, fmt);
    if (fmt->kind == FMT_TEXT) {
        size_t at = out->len;
        ds_buf_puts(out, "  ");
        out_text(out, name, f->len, 1);
        for (size_t col = out_text_width(out->data + at, out->len - at); col < 24; col++)
            ds_buf_putc(out, ' ');
        ds_buf_printf(out, "  %9" PRIu64 "  %9" PRIu64 "\n", f->occ, f->docs);
        return;
    }
    ds_buf_t label = DS_BUF_INIT;
    bd_unit_label(&label, u);
    if (fmt->kind == FMT_TSV) {
        out_tsv_field(out, label.data, label.len);
        ds_buf_printf(out, "\t%s\t", unit_kind(u));
        out_tsv_field(out, name, f->len);
        ds_buf_printf(out, "\t%" PRIu64 "\t%" PRIu64 "\n", f->occ, f->docs);
    } else {
        ds_buf_puts(out, "\"unit\":");
        out_json_str(out, label.data, label.len);
        ds_buf_printf(out, ",\"kind\":\"%s\",\"form\":", unit_kind(u));
        out_json_str(out, name, f->len);
        ds_buf_printf(out, ",\"occurrences\":%" PRIu64 ",\"documents\":%" PRIu64 "}\n", f->occ,
                      f->docs);
    }
    ds_buf_release(&label);
}

void bd_header(ds_buf_t *out, int with_query)
{
    ds_buf_puts(out, with_query ? "query\t" : "");
    ds_buf_puts(out, "unit\tkind\tform\toccurrences\tdocuments\n");
}

/* ---- entry point ---------------------------------------------------------------- */

/* Every unit in query order (text: a line each, rows or not), its forms under it. */
static ds_status_t put_all(run_t *r, const mt_unit_t *units, size_t nunits,
                           const fmt_options_t *fmt, ds_buf_t *out, FILE *stream)
{
    sort_names = &r->names;
    if (r->n) /* qsort wants an array, even of none */
        qsort(r->v, r->n, sizeof *r->v, form_cmp);
    ds_status_t rc = DS_OK;
    size_t i = 0;
    for (unsigned u = 0; u < nunits && rc == DS_OK; u++) {
        size_t j = i;
        while (j < r->n && r->v[j].unit == u)
            j++;
        if (fmt->kind == FMT_TEXT)
            put_unit(out, fmt, &units[u], r->v, i, j, r->udocs[u]);
        for (; i < j && rc == DS_OK; i++) {
            put_form(out, fmt, &units[u], r, &r->v[i]);
            rc = kw_flush(out, stream);
        }
    }
    return rc;
}

ds_status_t bd_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const mt_unit_t *units,
                   size_t nunits, const fmt_options_t *fmt, ds_buf_t *out, FILE *stream,
                   uint64_t *found, ds_error_t *e)
{
    run_t r = {0};
    r.words = (kw_words_t)KW_WORDS_INIT;
    *found = 0;
    ds_status_t rc = DS_OK;
    r.udocs = calloc(nunits ? nunits : 1, sizeof *r.udocs);
    r.ulast = calloc(nunits ? nunits : 1, sizeof *r.ulast);
    if (!r.udocs || !r.ulast)
        rc = DS_ERR_NOMEM;
    if (rc == DS_OK)
        rc = kw_each_doc_pos(ix, xq, m, KW_ORDER_DOC, count_doc, &r, e);
    if (rc == DS_OK)
        rc = put_all(&r, units, nunits, fmt, out, stream);
    *found = r.lines;
    free(r.v);
    free(r.udocs);
    free(r.ulast);
    ds_buf_release(&r.names);
    ds_buf_release(&r.form);
    kw_words_release(&r.words);
    return ds_error_fill(e, rc);
}
