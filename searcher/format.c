/*
 * format.c - text, TSV and JSON Lines output of hits (see format.h).
 *
 *   fields ............. fmt_parse_fields, field_value
 *   TSV ................ fmt_header, tsv_hit
 *   JSON ............... json_hit
 *   text ............... text_hit, fmt_count_line, fmt_facets
 *   misc ............... fmt_error, fmt_count
 */
#include "format.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "locate.h"
#include "out.h"
#include "schema.h"
#include "utf8.h"

/* The output's own fields (query, rank, score, links, snippet) and the record's
 * (schema.h), in the order --help and errors list them. */
static const char *const known_fields[] = {
    "query", "rank", "score", DS_FIELD_ID, DS_FIELD_TYPE, DS_FIELD_DATE, DS_FIELD_DATE_END,
    DS_FIELD_ACTOR, DS_FIELD_TITLE, DS_FIELD_URL, DS_FIELD_PAGE, DS_FIELD_PAGE_LABEL, DS_FIELD_SECTION,
    DS_FIELD_PATH, "snippet", DS_FIELD_SECTION_KEY, DS_FIELD_LINE, DS_FIELD_ACTOR_FULL,
    DS_FIELD_KIND, DS_FIELD_REPORT, DS_FIELD_SYMBOL, DS_FIELD_FOOTNOTE, DS_FIELD_MARK, DS_FIELD_CITED_BY,
    DS_FIELD_CITES, "links", DS_FIELD_DATE_RULE, DS_FIELD_PAGES, DS_FIELD_SECTIONS,
    DS_FIELD_PASSAGES, DS_FIELD_FOOTNOTES, DS_FIELD_MARKERS_LINKED, DS_FIELD_MARKERS_UNLINKED,
    DS_FIELD_LANG, DS_FIELD_MEETING};

/* The fields output format version 2 added (version 1 does not know them). */
static const char *const v2_fields[] = {"locator"};

static int is_v2_field(const char *f)
{
    for (size_t i = 0; i < sizeof v2_fields / sizeof v2_fields[0]; i++)
        if (strcmp(f, v2_fields[i]) == 0)
            return 1;
    return 0;
}

/* Record fields written as JSON numbers. */
static const char *const number_fields[] = {
    DS_FIELD_PAGE,      DS_FIELD_LINE,     DS_FIELD_FOOTNOTE,       DS_FIELD_PAGES,
    DS_FIELD_SECTIONS,  DS_FIELD_PASSAGES, DS_FIELD_FOOTNOTES,      DS_FIELD_MARKERS_LINKED,
    DS_FIELD_MARKERS_UNLINKED};

static int is_number_field(const char *f)
{
    for (size_t i = 0; i < sizeof number_fields / sizeof number_fields[0]; i++)
        if (strcmp(f, number_fields[i]) == 0)
            return 1;
    return 0;
}

void fmt_field_names(ds_buf_t *out, int version)
{
    for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
        ds_buf_printf(out, "%s%s", i ? ", " : "", known_fields[i]);
    for (size_t i = 0; version >= 2 && i < sizeof v2_fields / sizeof v2_fields[0]; i++)
        ds_buf_printf(out, ", %s", v2_fields[i]);
}

/* ---- fields --------------------------------------------------------------------- */

int fmt_parse_fields(fmt_options_t *o, char *list, char *bad, size_t badsize)
{
    o->nfields = 0;
    for (char *save = NULL, *f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        int ok = 0;
        for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
            ok |= strcmp(f, known_fields[i]) == 0;
        ok |= o->version >= 2 && is_v2_field(f);
        if (!ok || o->nfields == FMT_MAX_FIELDS) {
            snprintf(bad, badsize, "%s", f);
            return -1;
        }
        o->fields[o->nfields++] = f;
    }
    return 0;
}

void fmt_text_prefix(ds_buf_t *out, const fmt_options_t *o)
{
    if (!o->query_id)
        return;
    ds_buf_putc(out, '[');
    out_text(out, o->query_id, strlen(o->query_id), 1);
    ds_buf_puts(out, "] ");
}

/* A record field's value, or NULL. */
static const char *rec(const sq_hit_t *h, const char *key, size_t *len)
{
    return dstore_get(h->rec, key, len);
}

/* The page a hit is on: a passage's own (its record's page), else, for a plain PDF
 * document (a record that counts pages and is not a report: its stored text has a form
 * feed between pages), the page of its first highlight (1 + the form feeds before it).
 * 0 when not known (no text was read, or the document has no pages). */
static long hit_page(const sq_hit_t *h, const char *text, const sn_snippet_t *sn)
{
    const char *v = rec(h, DS_FIELD_PAGE, NULL);
    if (v)
        return strtol(v, NULL, 10);
    const char *type = rec(h, DS_FIELD_TYPE, NULL);
    if (!rec(h, DS_FIELD_PAGES, NULL) || (type && strcmp(type, DS_TYPE_REPORT) == 0) ||
        !text || !*text || !sn)
        return 0;
    size_t at = sn->nhl ? sn->hl[0].start : sn->start;
    long page = 1;
    for (size_t i = 0; i < at && text[i]; i++)
        page += text[i] == '\f';
    return page;
}

/* The hit's locator as a value of kind: the span of its snippet's first match, else
 * its whole text (a filter-only query, or a match in fields only). */
static void hit_locator(ds_buf_t *out, fmt_kind_t kind, const sq_hit_t *h, const sn_snippet_t *sn)
{
    sq_locdoc_t d = SQ_LOCDOC_INIT;
    const char *text;
    size_t start = 0, end = 0;
    ds_status_t rc = sq_locdoc_read(&d, h->rec);
    if (rc == DS_OK && sn && sn->nhl) {
        start = sn->hl[0].start;
        end = sn->hl[0].end;
    } else if (rc == DS_OK) {
        rc = dstore_text(h->rec, &text, &end); /* read already: cached in the record */
    }
    d.has_hash &= rc == DS_OK; /* a damaged record gets no locator */
    sq_loc_value(out, kind, &d, start, end);
    sq_locdoc_release(&d);
}

/* ---- TSV ------------------------------------------------------------------------ */

void fmt_header(ds_buf_t *out, const fmt_options_t *o)
{
    for (size_t i = 0; i < o->nfields; i++)
        ds_buf_printf(out, "%s%s", i ? "\t" : "", o->fields[i]);
    ds_buf_putc(out, '\n');
}

/* The footnote numbers of a "cites" field ("N<TAB>url<TAB>title<TAB>date" lines). */
static void tsv_cites(ds_buf_t *out, const char *cites)
{
    for (const char *line = cites; line && *line;) {
        ds_buf_printf(out, "%s%ld", line == cites ? "" : ",", strtol(line, NULL, 10));
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
}

/* Linked ids, comma-separated. */
static void tsv_links(ds_buf_t *out, const char *links)
{
    for (const char *p = links; p && *p; p++)
        if (*p == '\n')
            ds_buf_putc(out, ',');
        else
            out_tsv_field(out, p, 1);
}

static void tsv_field(ds_buf_t *out, const fmt_options_t *o, const char *f, const sq_hit_t *h,
                      const char *text, const sn_snippet_t *sn)
{
    size_t len = 0;
    const char *v;
    if (strcmp(f, "query") == 0)
        out_tsv_field(out, o->query_id ? o->query_id : "", o->query_id ? strlen(o->query_id) : 0);
    else if (strcmp(f, "rank") == 0)
        ds_buf_printf(out, "%" PRIu64, h->rank);
    else if (strcmp(f, "score") == 0)
        ds_buf_printf(out, "%.4f", h->score);
    else if (strcmp(f, DS_FIELD_PAGE) == 0) {
        long page = hit_page(h, text, sn);
        if (page > 0)
            ds_buf_printf(out, "%ld", page);
    } else if (strcmp(f, DS_FIELD_CITES) == 0)
        tsv_cites(out, rec(h, f, &len));
    else if (strcmp(f, "links") == 0)
        tsv_links(out, h->links);
    else if (strcmp(f, "locator") == 0)
        hit_locator(out, FMT_TSV, h, sn);
    else if (strcmp(f, "snippet") == 0) {
        ds_buf_t s = DS_BUF_INIT;
        sn_render(&s, text, sn, "", "", NULL, NULL);
        out_tsv_field(out, s.data ? s.data : "", s.len);
        ds_buf_release(&s);
    } else if ((v = rec(h, f, &len)))
        out_tsv_field(out, v, len);
}

static void tsv_hit(ds_buf_t *out, const fmt_options_t *o, const sq_hit_t *h, const char *text,
                    const sn_snippet_t *sn)
{
    for (size_t i = 0; i < o->nfields; i++) {
        if (i)
            ds_buf_putc(out, '\t');
        tsv_field(out, o, o->fields[i], h, text, sn);
    }
    ds_buf_putc(out, '\n');
}

/* ---- JSON ----------------------------------------------------------------------- */

static void json_snippet(ds_buf_t *out, const char *text, const sn_snippet_t *sn)
{
    ds_buf_t s = DS_BUF_INIT;
    size_t *hl = NULL, nhl = 0;
    sn_render(&s, text, sn, "", "", &hl, &nhl);
    ds_buf_puts(out, "\"snippet\":");
    out_json_str(out, s.data ? s.data : "", s.len);
    ds_buf_puts(out, ",\"highlights\":[");
    for (size_t i = 0; i < nhl; i++)
        ds_buf_printf(out, "%s[%zu,%zu]", i ? "," : "", hl[2 * i], hl[2 * i + 1]);
    ds_buf_putc(out, ']');
    free(hl);
    ds_buf_release(&s);
}

/* One value of a "cites" line, as a JSON string (null when empty). */
static void json_cell(ds_buf_t *out, const char *s, size_t len)
{
    if (len)
        out_json_str(out, s, len);
    else
        ds_buf_puts(out, "null");
}

/* "cites" lines "N<TAB>url<TAB>title<TAB>date" as a JSON list of objects. */
static void json_cites(ds_buf_t *out, const char *cites)
{
    ds_buf_putc(out, '[');
    for (const char *line = cites; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *cell[4] = {line, "", "", ""};
        size_t len[4] = {n, 0, 0, 0};
        for (int c = 1; c < 4; c++) {
            const char *tab = memchr(cell[c - 1], '\t', len[c - 1]);
            if (!tab)
                break;
            cell[c] = tab + 1;
            len[c] = (size_t)(line + n - cell[c]);
            len[c - 1] = (size_t)(tab - cell[c - 1]);
        }
        ds_buf_printf(out, "%s{\"footnote\":%ld,\"url\":", line == cites ? "" : ",",
                      strtol(line, NULL, 10));
        json_cell(out, cell[1], len[1]);
        ds_buf_puts(out, ",\"title\":");
        json_cell(out, cell[2], len[2]);
        ds_buf_puts(out, ",\"date\":");
        json_cell(out, cell[3], len[3]);
        ds_buf_putc(out, '}');
        line = end ? end + 1 : NULL;
    }
    ds_buf_putc(out, ']');
}

/* Linked ids as a JSON list of strings. */
static void json_links(ds_buf_t *out, const char *links)
{
    ds_buf_putc(out, '[');
    for (const char *p = links; p && *p;) {
        size_t n = strcspn(p, "\n");
        if (p != links)
            ds_buf_putc(out, ',');
        out_json_str(out, p, n);
        p += n + (p[n] == '\n');
    }
    ds_buf_putc(out, ']');
}

static void json_field(ds_buf_t *out, const fmt_options_t *o, const char *f, const sq_hit_t *h,
                       const char *text, const sn_snippet_t *sn)
{
    size_t len = 0;
    const char *v;
    if (strcmp(f, "snippet") == 0) {
        json_snippet(out, text, sn);
        return;
    }
    out_json_str(out, f, strlen(f));
    ds_buf_putc(out, ':');
    if (strcmp(f, "query") == 0 && o->query_id)
        out_json_str(out, o->query_id, strlen(o->query_id));
    else if (strcmp(f, "rank") == 0)
        ds_buf_printf(out, "%" PRIu64, h->rank);
    else if (strcmp(f, "score") == 0)
        ds_buf_printf(out, "%.6g", h->score);
    else if (strcmp(f, DS_FIELD_PAGE) == 0 && hit_page(h, text, sn) > 0)
        ds_buf_printf(out, "%ld", hit_page(h, text, sn));
    else if (strcmp(f, DS_FIELD_PAGE) == 0)
        ds_buf_puts(out, "null");
    else if (is_number_field(f) && (v = rec(h, f, &len)))
        ds_buf_printf(out, "%ld", strtol(v, NULL, 10));
    else if (strcmp(f, DS_FIELD_CITES) == 0)
        json_cites(out, rec(h, f, &len));
    else if (strcmp(f, "links") == 0)
        json_links(out, h->links);
    else if (strcmp(f, "locator") == 0)
        hit_locator(out, FMT_JSON, h, sn);
    else if ((v = rec(h, f, &len)))
        out_json_str(out, v, len);
    else
        ds_buf_puts(out, "null");
}

static void json_hit(ds_buf_t *out, const fmt_options_t *o, const sq_hit_t *h, const char *text,
                     const sn_snippet_t *sn)
{
    ds_buf_putc(out, '{');
    int first = 1;
    if (o->query_id) {
        json_field(out, o, "query", h, text, sn);
        first = 0;
    }
    for (size_t i = 0; i < o->nfields; i++) {
        if (strcmp(o->fields[i], "query") == 0 && o->query_id)
            continue;
        if (!first)
            ds_buf_putc(out, ',');
        json_field(out, o, o->fields[i], h, text, sn);
        first = 0;
    }
    ds_buf_puts(out, "}\n");
}

/* ---- text ----------------------------------------------------------------------- */

/* Append s padded (or cut with "…") to exactly width terminal columns. */
static void padded(ds_buf_t *out, const char *s, size_t len, size_t width)
{
    ds_buf_t t = DS_BUF_INIT;
    out_text(&t, s ? s : "", s ? len : 0, 1);
    size_t w = out_text_width(ds_buf_cstr(&t), t.len);
    if (w > width) { /* keep the characters that fit beside a "…" */
        size_t keep = 0, kept_w = 0;
        while (keep < t.len) {
            size_t next = utf8_next(t.data, t.len, keep); /* t is valid UTF-8 (out_text) */
            size_t cw = out_text_width(t.data + keep, next - keep);
            if (kept_w + cw + 1 > width)
                break;
            kept_w += cw;
            keep = next;
        }
        ds_buf_truncate(&t, keep);
        ds_buf_puts(&t, "\xe2\x80\xa6");
        w = kept_w + 1;
    }
    ds_buf_append(out, ds_buf_cstr(&t), t.len);
    for (; w < width; w++)
        ds_buf_putc(out, ' ');
    ds_buf_release(&t);
}

/* " (p. 12)", or " (p. 12, printed xii)" when the page shows another number; nothing
 * when the page is not known. The label is document text: written safe (out_text). */
static void text_page(ds_buf_t *out, const sq_hit_t *h, long page)
{
    if (page <= 0)
        return;
    size_t len = 0;
    const char *label = rec(h, DS_FIELD_PAGE_LABEL, &len);
    char num[24];
    snprintf(num, sizeof num, "%ld", page);
    ds_buf_printf(out, " (p. %ld", page);
    if (label && len && (len != strlen(num) || memcmp(label, num, len) != 0)) {
        ds_buf_puts(out, ", printed ");
        out_text(out, label, len, 1);
    }
    ds_buf_putc(out, ')');
}

static void text_hit(ds_buf_t *out, const fmt_options_t *o, const sq_hit_t *h, const char *text,
                     const sn_snippet_t *sn)
{
    size_t len = 0;
    const char *who = rec(h, DS_FIELD_ACTOR, &len);
    if (!who)
        who = rec(h, DS_FIELD_TITLE, &len);
    const char *date = rec(h, DS_FIELD_DATE, NULL);
    const char *id = rec(h, DS_FIELD_ID, NULL);
    fmt_text_prefix(out, o);
    ds_buf_printf(out, "%4" PRIu64 ". %-10s  ", h->rank, date ? date : "-");
    padded(out, who, len, 24);
    ds_buf_puts(out, "  ");
    out_text(out, id ? id : "", id ? strlen(id) : 0, 1);
    text_page(out, h, hit_page(h, text, sn));
    ds_buf_puts(out, "\n      ");
    sn_render(out, text, sn, o->color ? "\033[1m" : "", o->color ? "\033[0m" : "", NULL, NULL);
    ds_buf_putc(out, '\n');
}

int fmt_wants_snippet(const fmt_options_t *o)
{
    if (o->kind == FMT_TEXT)
        return 1;
    for (size_t i = 0; i < o->nfields; i++) /* a plain PDF's page, a locator's span */
        if (strcmp(o->fields[i], "snippet") == 0 || strcmp(o->fields[i], DS_FIELD_PAGE) == 0 ||
            strcmp(o->fields[i], "locator") == 0)
            return 1;
    return 0;
}

void fmt_hit(ds_buf_t *out, const fmt_options_t *o, const sq_hit_t *hit, const char *text,
             const sn_snippet_t *sn)
{
    if (o->kind == FMT_TSV)
        tsv_hit(out, o, hit, text, sn);
    else if (o->kind == FMT_JSON)
        json_hit(out, o, hit, text, sn);
    else
        text_hit(out, o, hit, text, sn);
}

void fmt_count_line(ds_buf_t *out, const fmt_options_t *o, const sq_result_t *res)
{
    if (o->kind != FMT_TEXT)
        return;
    fmt_text_prefix(out, o);
    ds_buf_printf(out, "%s%" PRIu64 " document%s match\n", res->exact ? "" : "about ",
                  res->estimate, res->estimate == 1 ? "" : "s");
}

void fmt_facets(ds_buf_t *out, const fmt_options_t *o, const sq_result_t *res)
{
    for (size_t f = 0; f < res->nfacets; f++) {
        const sq_facet_t *fc = &res->facets[f];
        for (size_t i = 0; i < fc->n; i++) {
            const char *v = fc->values[i].value;
            uint64_t c = fc->values[i].count;
            if (o->kind == FMT_JSON) {
                ds_buf_puts(out, "{");
                if (o->query_id) {
                    ds_buf_puts(out, "\"query\":");
                    out_json_str(out, o->query_id, strlen(o->query_id));
                    ds_buf_putc(out, ',');
                }
                ds_buf_printf(out, "\"facet\":\"%s\",\"value\":", fc->name);
                out_json_str(out, v, strlen(v));
                ds_buf_printf(out, ",\"count\":%" PRIu64 "}\n", c);
            } else if (o->kind == FMT_TSV) {
                if (o->query_id) {
                    out_tsv_field(out, o->query_id, strlen(o->query_id));
                    ds_buf_putc(out, '\t');
                }
                ds_buf_printf(out, "#facet\t%s\t", fc->name);
                out_tsv_field(out, v, strlen(v));
                ds_buf_printf(out, "\t%" PRIu64 "\n", c);
            } else {
                fmt_text_prefix(out, o);
                ds_buf_printf(out, "  %-8s %6" PRIu64 "  ", fc->name, c);
                out_text(out, v, strlen(v), 1);
                ds_buf_putc(out, '\n');
            }
        }
    }
}

/* ---- misc ----------------------------------------------------------------------- */

void fmt_error(ds_buf_t *out, const fmt_options_t *o, const char *message, size_t column)
{
    const char *id = o->query_id ? o->query_id : "";
    if (o->kind == FMT_JSON) {
        ds_buf_puts(out, "{\"query\":");
        out_json_str(out, id, strlen(id));
        ds_buf_puts(out, ",\"error\":");
        out_json_str(out, message, strlen(message));
        ds_buf_printf(out, ",\"column\":%zu}\n", column);
    } else if (o->kind == FMT_TSV) {
        out_tsv_field(out, id, strlen(id));
        ds_buf_puts(out, "\t#error\t");
        out_tsv_field(out, message, strlen(message));
        ds_buf_printf(out, "\t%zu\n", column);
    } else {
        ds_buf_putc(out, '[');
        out_text(out, id, strlen(id), 1);
        ds_buf_puts(out, "] error: ");
        out_text(out, message, strlen(message), 1);
        ds_buf_putc(out, '\n');
    }
}

void fmt_no_hits(ds_buf_t *out, const fmt_options_t *o, char *const *hints, size_t nhints,
                 char *const *from, char *const *to, size_t nfix)
{
    const char *id = o->query_id ? o->query_id : "";
    if (o->kind == FMT_JSON) {
        ds_buf_puts(out, "{\"query\":");
        out_json_str(out, id, strlen(id));
        ds_buf_puts(out, ",\"hits\":0,\"suggestions\":{");
        for (size_t i = 0; i < nfix; i++) {
            if (i)
                ds_buf_putc(out, ',');
            out_json_str(out, from[i], strlen(from[i]));
            ds_buf_putc(out, ':');
            out_json_str(out, to[i], strlen(to[i]));
        }
        ds_buf_puts(out, "},\"hints\":[");
        for (size_t i = 0; i < nhints; i++) {
            if (i)
                ds_buf_putc(out, ',');
            out_json_str(out, hints[i], strlen(hints[i]));
        }
        ds_buf_puts(out, "]}\n");
    } else if (o->kind == FMT_TSV) {
        out_tsv_field(out, id, strlen(id));
        ds_buf_puts(out, "\t#hits\t0\n");
    } else {
        fmt_text_prefix(out, o);
        ds_buf_puts(out, "0 hits\n");
    }
}

void fmt_count(ds_buf_t *out, const fmt_options_t *o, uint64_t count)
{
    if (o->kind == FMT_JSON) {
        ds_buf_putc(out, '{');
        if (o->query_id) {
            ds_buf_puts(out, "\"query\":");
            out_json_str(out, o->query_id, strlen(o->query_id));
            ds_buf_putc(out, ',');
        }
        ds_buf_printf(out, "\"count\":%" PRIu64 "}\n", count);
    } else if (o->query_id) {
        out_tsv_field(out, o->query_id, strlen(o->query_id));
        ds_buf_printf(out, "\t%" PRIu64 "\n", count);
    } else {
        ds_buf_printf(out, "%" PRIu64 "\n", count);
    }
}
