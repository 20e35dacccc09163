/*
 * docreport.h - a report file (type "report") to its documents.
 *
 * The report parser (rparse.h) turns PDF-extracted text into sections, passages and
 * footnotes; this module writes them as documents (schema.h):
 *   - the report itself (type "report"): its cleaned body (footnote blocks and markers
 *     out of the flow), its metadata, and what the parser found (pages, passages,
 *     footnotes, markers linked and not linked) as record fields;
 *   - one document per passage (type "passage", id "<file id>#p<N>"): its text, the
 *     report's title, its section (XS words, section slot for facets), its date or span
 *     and where that came from, its actor (short and full forms, A words), its kind
 *     (statement, point, paragraph: searchable as kind:), page and line of the original,
 *     and the footnotes it cites: XC<n> terms (cites:12), the cited URLs' U/H terms
 *     and symbols' XY/XYP terms (site:undocs.org finds the statements citing it), and a
 *     "cites" record field listing number, URL, title and date of each;
 *   - one document per footnote (type "citation", id "<file id>#fn<N>"): its text,
 *     title, date (the cited document's), URLs, symbols, and the passages citing it.
 * All carry DS_PREFIX_PARENT + the file's id, so a changed or deleted report takes its
 * passages and citations with it.
 */
#ifndef IX_DOCREPORT_H
#define IX_DOCREPORT_H

#include "docbuild.h"

/*
 * Parse file's body as a report and add its documents to set (the report first, with
 * the source fingerprint state). Parser warnings go through diag. If stats->info is not
 * NULL, a one-line summary of what the parser found is appended to it. Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_RANGE (report too large) or a wrapper status.
 */
ds_status_t ixreport_build(an_analyzer_t *an, const ixdoc_file_t *file, const char *state,
                           ds_diag_t *diag, ixdoc_set_t *set, ixdoc_stats_t *stats);

#endif
