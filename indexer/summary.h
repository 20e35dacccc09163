/*
 * summary.h - what the indexer tells the user: the plan (--dry-run), the closing
 * summary, and index statistics (--stats).
 */
#ifndef IX_SUMMARY_H
#define IX_SUMMARY_H

#include <stdio.h>

#include "ixdir.h"
#include "plan.h"
#include "run.h"
#include "walk.h"

/* One TSV line per change ("add<TAB>ID", "rename<TAB>OLD<TAB>NEW", ...) and per skipped
 * entry ("skip<TAB>PATH<TAB>REASON"), then the counts. */
void ix_summary_plan(FILE *out, const ix_walk_t *w, const ix_plan_t *plan);

/* The one-line summary printed at the end of every run. */
void ix_summary_line(FILE *out, const ix_walk_t *w, const ix_plan_t *plan,
                       const ix_run_result_t *res, unsigned long warnings, double seconds);

/* Index statistics: documents, terms, positions, sizes, date span, peak memory.
 * Returns DS_OK (e, if not NULL, cleared), or the status of ixdir_open_read (its
 * message in e) or of the wrapper reading the index (e's message: the database's). */
ds_status_t ix_summary_stats(FILE *out, ixdir_t *ix, ds_error_t *e);

#endif
