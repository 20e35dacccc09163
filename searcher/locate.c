/*
 * locate.c - locators, pages and lines of hits' and KWIC lines' spans (see locate.h).
 */
#include "locate.h"

#include <stdlib.h>
#include <string.h>

#include "docmap.h"
#include "out.h"
#include "schema.h"

ds_status_t sq_locdoc_read(sq_locdoc_t *d, const dstore_record_t *rec)
{
    free(d->loci);
    d->loci = NULL;
    d->nloci = 0;
    d->id = dstore_get(rec, DS_FIELD_ID, &d->idlen);
    if (!d->id)
        d->idlen = 0;
    uint64_t h = 0;
    ds_status_t rc = ds_docmap_text_hash(rec, &h);
    d->has_hash = rc == DS_OK && d->idlen > 0;
    d->hash = ds_loc_hash(h);
    if (rc == DS_ERR_NOT_FOUND)
        rc = DS_OK;
    ds_status_t lrc = ds_docmap_loci(rec, &d->loci, &d->nloci);
    if (rc == DS_OK && lrc != DS_ERR_NOT_FOUND)
        rc = lrc;
    if (rc != DS_OK) {
        d->has_hash = 0;
        free(d->loci);
        d->loci = NULL;
        d->nloci = 0;
    }
    return rc;
}

void sq_locdoc_release(sq_locdoc_t *d)
{
    free(d->loci);
    ds_buf_release(&d->scratch);
    *d = (sq_locdoc_t)SQ_LOCDOC_INIT;
}

ds_loc_t sq_locdoc_loc(const sq_locdoc_t *d, size_t start, size_t end)
{
    const ds_locus_t *at = ds_locus_find(d->loci, d->nloci, start);
    return (ds_loc_t){d->id, d->idlen, start, end, at ? at->page : 0, at ? at->line : 0, d->hash};
}

void sq_loc_value(ds_buf_t *out, fmt_kind_t kind, sq_locdoc_t *d, size_t start, size_t end)
{
    if (!d->has_hash) {
        ds_buf_puts(out, kind == FMT_JSON ? "null" : "");
        return;
    }
    ds_loc_t loc = sq_locdoc_loc(d, start, end);
    ds_buf_reset(&d->scratch);
    ds_loc_format(&d->scratch, &loc);
    if (kind == FMT_JSON)
        out_json_str(out, ds_buf_cstr(&d->scratch), d->scratch.len);
    else
        out_tsv_field(out, ds_buf_cstr(&d->scratch), d->scratch.len);
}

/* A page or line: the number, else "" (TSV) or null (JSON). */
static void count_value(ds_buf_t *out, fmt_kind_t kind, size_t n)
{
    if (n)
        ds_buf_printf(out, "%zu", n);
    else if (kind == FMT_JSON)
        ds_buf_puts(out, "null");
}

void sq_loc_kwic_fields(ds_buf_t *out, fmt_kind_t kind, sq_locdoc_t *d, size_t start, size_t end)
{
    if (kind != FMT_TSV && kind != FMT_JSON)
        return;
    ds_loc_t loc = sq_locdoc_loc(d, start, end);
    ds_buf_puts(out, kind == FMT_JSON ? ",\"page\":" : "\t");
    count_value(out, kind, loc.page);
    ds_buf_puts(out, kind == FMT_JSON ? ",\"line\":" : "\t");
    count_value(out, kind, loc.line);
    ds_buf_puts(out, kind == FMT_JSON ? ",\"locator\":" : "\t");
    sq_loc_value(out, kind, d, start, end);
}
