/*
 * run.h - carry out an indexing plan: analyze, build documents and write the shards.
 *
 * One writer thread per shard (or per group of shards when --jobs is smaller than the
 * number of shards). Each thread walks the whole plan in order and does the actions
 * whose id routes to one of its shards, so a document always lands in the same shard
 * and every thread's work is sequential, deterministic and independent: measured on the
 * State of the Union corpus, Xapian's own work (building postings, add_document,
 * commit) dominates, so N writers on N shards scale where one writer fed by N analyzers
 * cannot. Each thread commits its shard in batches, each batch a transaction, bounded
 * by documents and text bytes, so memory stays bounded and a killed run leaves every
 * shard at its last committed batch.
 */
#ifndef IX_RUN_H
#define IX_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ixdir.h"
#include "plan.h"
#include "status.h"
#include "walk.h"

typedef struct ix_run_options {
    size_t jobs;          /* writer threads (clamped to 1..shards) */
    size_t batch_docs;    /* commit after this many documents per shard */
    size_t batch_bytes;   /* ... or when the shards being written hold this many bytes
                             of uncommitted text between them (split among the writer
                             threads): Xapian buffers about 7 bytes per byte of text,
                             so this bounds memory whatever --jobs is */
    int progress;         /* show progress on stderr */
    int verbose;          /* one line per action */
} ix_run_options_t;

typedef struct ix_run_result {
    uint64_t done[IX_ACT_RENAME + 1]; /* actions carried out, by kind */
    uint64_t skipped;        /* files that could not be indexed (errors) */
    uint64_t skipped_by[DS_STATUS_LAST]; /* ... by reason: DS_ERR_INVALID = not text
                                            (a PDF: no text layer), DS_ERR_IO =
                                            unreadable, DS_ERR_RANGE = too big,
                                            DS_ERR_CORRUPT = a damaged PDF,
                                            DS_ERR_UNSUPPORTED = an encrypted PDF */
    uint64_t repaired;       /* invalid UTF-8 sequences replaced */
    uint64_t positions;      /* word positions indexed */
    uint64_t text_bytes;     /* text bytes analyzed and stored */
    uint64_t read_bytes;     /* source bytes read */
    int failed;              /* a shard could not be written: the run stopped */
} ix_run_result_t;

/*
 * Carry out plan (made from walk w) on the index ix. Files that cannot be read, are not
 * text or whose documents cannot be built are reported through diag (file and reason)
 * and counted in res->skipped; the rest goes on. A failure to write the index or to
 * find memory stops the run (every shard keeps its last committed batch) and returns
 * its status (reported through diag).
 */
ds_status_t ix_run(ixdir_t *ix, ix_walk_t *w, const ix_plan_t *plan,
                   const ix_run_options_t *opts, ds_diag_t *diag, ix_run_result_t *res);

#endif
