/*
 * breakdown.h - what each keyword of a query actually matched (--breakdown): per unit
 * (word, stem, wildcard, phrase, NEAR group, in query order) every form it matched,
 * with its occurrences and the documents holding them.
 *
 * The occurrences are the KWIC lines (kwic.h): one per start byte, the longest match
 * there, in the documents of the query (report containers left out by the caller, as
 * for every concordance). A line counts for the unit that matched it (kwic.h: when two
 * units start at one byte, the longest wins), so the units' occurrences add up to what
 * `--kwic --count` prints. A line's form is its match as the analyzer's words, folded,
 * separated by one space (kw_words_scan over the match's bytes: `norms`, `ictrelated`
 * for a whole compound, `public and core` for a NEAR group's span): the form of every
 * line printed by `--kwic` folds that way, so for each form the count equals the
 * number of `--kwic` lines whose match folds to it. Forms a stem or wildcard expanded
 * to but that no line matched are not listed (the index's vocabulary, not the
 * subcorpus); a unit without lines has no rows.
 */
#ifndef SQ_BREAKDOWN_H
#define SQ_BREAKDOWN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "match.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

/* The TSV header line of breakdown rows (with_query: a "query" column first). */
void bd_header(ds_buf_t *out, int with_query);

/* The name of unit u for the output: `word`, `protect` (a stem: its stem), `norm*`,
 * `"public core"` (`~W` when the window is wider than the words), `a NEAR/W b`. */
void bd_unit_label(ds_buf_t *out, const mt_unit_t *u);

/*
 * Count the KWIC lines of xq (matcher m over units[0..nunits), the units m was made
 * from) per unit and form, and print them into out: per unit in query order, its forms
 * by occurrences (descending), then bytewise. Formats:
 *   text  a line per unit with lines: "LABEL (KIND): N occurrences in M documents",
 *         then one line per form: "  form  occurrences  documents";
 *   tsv   [query] unit kind form occurrences documents;
 *   json  {"query"?, "unit", "kind", "form", "occurrences", "documents"}.
 * KIND is word, stem, wildcard, phrase or near. If stream is not NULL, out is written
 * to it when it grows large. *found = the lines counted. Returns DS_OK (e cleared) or
 * an error of kw_each_doc_pos with e filled as it says (DS_ERR_NOMEM: "out of memory").
 */
ds_status_t bd_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const mt_unit_t *units,
                   size_t nunits, const fmt_options_t *fmt, ds_buf_t *out, FILE *stream,
                   uint64_t *found, ds_error_t *e);

#endif
