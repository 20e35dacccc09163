/*
 * timeline.h - occurrences and documents of a query per year or month (--timeline),
 * as a table (text with bars, TSV, JSON) and as an SVG bar chart.
 *
 * A document counts in the period (year, or year and month) of the first day of its
 * date (the record's "date" field); a document without one counts in the "undated" row,
 * reported apart and left out of the chart. Per period: the occurrences of the keywords
 * (kwic.h: what --kwic lists) and the documents holding at least one. A query without
 * keywords (only fields and filters) counts its matching documents, with 0 occurrences.
 * Every period between the first and the last is shown, empty ones too, so the axis is
 * continuous.
 *
 * The SVG is a standalone SVG 1.1 document (UTF-8): a title (the query, XML-escaped,
 * control characters as spaces), a y axis of occurrences (of documents for a query
 * without keywords, as the text bars) with round tick values and grid lines, one bar per
 * period with its label on the x axis (every k-th label when they would not fit; months
 * slanted), a <title> tooltip per bar, and a note of the undated ones, if any.
 */
#ifndef SQ_TIMELINE_H
#define SQ_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "match.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

typedef enum tl_by { TL_BY_YEAR = 0, TL_BY_MONTH } tl_by_t;

typedef struct tl_opts {
    tl_by_t by;
    const char *svg;  /* write the chart to this file, or NULL */
    unsigned columns; /* text: width of the terminal (80 when not a terminal) */
} tl_opts_t;

typedef struct tl_row {
    int32_t period; /* YYYY (by year) or YYYYMM (by month) */
    uint64_t occ, docs;
} tl_row_t;

/* The counts. Zeroed (TL_TABLE_INIT with `by` set) it is empty; tl_table_release. */
typedef struct tl_table {
    tl_by_t by;
    tl_row_t *rows; /* by period; continuous after tl_fill */
    size_t n, cap;
    uint64_t undated_occ, undated_docs;
} tl_table_t;

/* Count a document dated date (ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; NULL or anything
 * else: undated) holding occ occurrences. Returns DS_OK or DS_ERR_NOMEM. */
ds_status_t tl_add(tl_table_t *t, const char *date, uint64_t occ);

/* Sort the rows and add the empty periods between the first and the last. Returns
 * DS_OK or DS_ERR_NOMEM (t unchanged). */
ds_status_t tl_fill(tl_table_t *t);

/* "2021" or "2021-03" into buf. */
void tl_label(char buf[16], tl_by_t by, int32_t period);

/* Append the SVG chart of t (after tl_fill) titled title[0..len) (any bytes) to out: bars
 * of occurrences, or of documents when docs_only (a query without keywords). */
void tl_svg(ds_buf_t *out, const tl_table_t *t, int docs_only, const char *title, size_t len);

void tl_table_release(tl_table_t *t);

/* The TSV header line of timeline rows (with_query: a "query" column first). */
void tl_header(ds_buf_t *out, int with_query);

/*
 * Count the documents matching xq and their occurrences of the keywords (matcher m, or
 * NULL: documents only) per period, print the table into out (text: period,
 * occurrences, documents and a bar scaled to o->columns; TSV: [query] period
 * occurrences documents; JSON: {"period", "occurrences", "documents"}; the undated row
 * last, as period "undated", when there is one) and write the SVG chart titled with the
 * query text[0..len) to o->svg if set. *found = the number of documents counted.
 * Returns DS_OK (e, if not NULL, cleared), or with e (if not NULL) filled: DS_ERR_IO
 * "cannot write FILE: <strerror>" (the SVG file), an error of kw_each_doc (its message),
 * or DS_ERR_NOMEM ("out of memory").
 */
ds_status_t tl_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const char *text,
                   size_t len, const tl_opts_t *o, const fmt_options_t *fmt, ds_buf_t *out,
                   FILE *stream, uint64_t *found, ds_error_t *e);

#endif
