/*
 * format.h - printing hits for people (text) and for programs (TSV, JSON Lines).
 *
 * Output format version (--format-version, as notmuch does): FMT_VERSION. Scripts may
 * ask for it and rely on the fields below not changing meaning within a version.
 *   1  the fields below but locator; KWIC lines end at right (kwic.h).
 *   2  adds locator (last of the default fields) and KWIC lines' page, line and locator;
 *      text output as in 1. fmt_options_t.version 1 writes version 1 byte for byte
 *      (tests/e2e/golden/v1 holds what it wrote before version 2 existed).
 *
 * Fields (--fields chooses and orders them for TSV and JSON; default FMT_DEFAULT_FIELDS):
 *   query     the batch query's id (batch mode only)
 *   rank      1-based rank           score   BM25 weight (0 for filter-only queries)
 *   id        document id            type    document type
 *   date      first day              date_end  last day: ISO at the span's precision
 *                                    (2021-06 for a report dated June 2021)
 *   actor     who speaks or wrote    title   title
 *   url       URL                    page    page where the passage starts (reports)
 *   section   report section         path    source file
 *   section_key  short section key ("oewg")   line  line of the original where it starts
 *   actor_full   the actor as written  kind  statement, point or paragraph (passages)
 *   report    the report a passage or citation comes from
 *   symbol    UN document symbol(s)  footnote  a citation's footnote number (unique in
 *             its report)
 *   mark      a citation's footnote mark as printed: its number in its chapter in decimal
 *             ("1" again where the numbering restarts), or its symbol ("∗", "†"); a
 *             JSON string
 *   page_label  the number printed on a passage's or citation's page ("xii"), if any
 *   cited_by  a citation's passages (ids, space-separated)
 *   date_rule where a passage's date came from: own, section, report; a citation's:
 *             document, meeting, none
 *   meeting   a citation's meeting (the session its footnote names), ISO interval
 *   lang      language code (ISO 639-1, else 639-3: "fr" for fr, fra, French)
 *   pages, sections, passages, footnotes, markers_linked, markers_unlinked
 *             what the report parser found (report documents; JSON numbers)
 *   cites     the footnotes a passage cites: JSON a list of {"footnote": N, "url": ..,
 *             "title": .., "date": ..}; TSV the numbers, comma-separated
 *   links     a citation's cited documents (type cited) with its URL or symbol, or a
 *             cited document's citations: JSON a list of ids, TSV comma-separated
 *   snippet   the best window of text, whitespace collapsed, with the matches
 *             highlighted: in JSON also "highlights": [[start, end], ...] as code point
 *             offsets into "snippet"
 *   locator   (version 2) the hit's stable locator (common/locator.h):
             "<id>@<start>-<end>[:p<page>[.l<line>]|:l<line>]~<hash>", the byte span of
             the first match of its snippet (the whole stored text, 0 to its length,
             when the snippet shows no match: a filter-only query, a match in a field
             only), page and line of the original where the record has a line map
             (reports, passages), and the first 12 hex digits of the text hash
 * Missing values are "" in TSV and null in JSON. TSV escapes backslash, tab, newline and
 * carriage return as \\ \t \n \r; JSON is always valid UTF-8 and valid JSON.
 */
#ifndef SQ_FORMAT_H
#define SQ_FORMAT_H

#include <stdio.h>

#include "buf.h"
#include "search.h"
#include "snippet.h"

#define FMT_VERSION 2
/* Version 1's default fields; version 2 adds the locator last, so a script that cuts
 * columns by number reads the same columns in both */
#define FMT_DEFAULT_FIELDS_V1                                                                      \
    "rank,score,id,type,date,date_end,actor,title,url,page,section,cites,links,snippet"
#define FMT_DEFAULT_FIELDS FMT_DEFAULT_FIELDS_V1 ",locator"
#define FMT_MAX_FIELDS 48

typedef enum fmt_kind { FMT_TEXT = 0, FMT_TSV, FMT_JSON } fmt_kind_t;

typedef struct fmt_options {
    fmt_kind_t kind;
    const char *fields[FMT_MAX_FIELDS]; /* TSV/JSON columns */
    size_t nfields;
    int header;       /* TSV: print a header line first */
    int color;        /* text: bold highlights (a terminal without NO_COLOR) */
    const char *query_id; /* batch: the id each line carries, else NULL */
    int version;          /* output format version: FMT_VERSION, or 1 (0 reads as 1) */
} fmt_options_t;

/* Text format in batch mode: the "[id] " that starts each line, the query id made safe
 * for a terminal (out_text); nothing outside batch mode. */
void fmt_text_prefix(ds_buf_t *out, const fmt_options_t *o);

/* Append the names of every field of output format version, comma-separated (for
 * messages). */
void fmt_field_names(ds_buf_t *out, int version);

/* Parse a comma-separated field list into o->fields (pointers into list, which must
 * outlive o). Returns 0, or -1 with the unknown field name copied to bad (locator is
 * unknown to version 1: set o->version first). */
int fmt_parse_fields(fmt_options_t *o, char *list, char *bad, size_t badsize);

/* The TSV header line (the chosen fields, tab-separated). */
void fmt_header(ds_buf_t *out, const fmt_options_t *o);

/* 1 if the output needs the hit's text: snippets (text format, or a "snippet" field),
 * a "page" field (a plain PDF's page is counted in its text) or a "locator" (the span of
 * its snippet's first match). */
int fmt_wants_snippet(const fmt_options_t *o);

/* Append one hit (with its snippet of text) in the chosen format, ending in '\n'. */
void fmt_hit(ds_buf_t *out, const fmt_options_t *o, const sq_hit_t *hit, const char *text,
             const sn_snippet_t *sn);

/* Text format: the count line ("3 documents match" / "about 120 documents match"). */
void fmt_count_line(ds_buf_t *out, const fmt_options_t *o, const sq_result_t *res);

/* The facet counts in the chosen format. */
void fmt_facets(ds_buf_t *out, const fmt_options_t *o, const sq_result_t *res);

/* An error in-band (batch mode): JSON {"query":..,"error":..,"column":..}, TSV
 * "id<TAB>#error<TAB>message<TAB>column", text "[id] error: message". */
void fmt_error(ds_buf_t *out, const fmt_options_t *o, const char *message, size_t column);

/* Batch mode: the answer line of a query that found nothing, so every query gets one:
 * JSON {"query":..,"hits":0,"suggestions":{"from":"to",..},"hints":[..]}, TSV
 * "id<TAB>#hits<TAB>0", text "[id] 0 hits". hints[0..nhints) are the hint lines (the
 * text form prints them on stderr only), from/to[0..nfix) the corrections. */
void fmt_no_hits(ds_buf_t *out, const fmt_options_t *o, char *const *hints, size_t nhints,
                 char *const *from, char *const *to, size_t nfix);

/* --count output for one query: the number (with the query id in batch mode). */
void fmt_count(ds_buf_t *out, const fmt_options_t *o, uint64_t count);

#endif
