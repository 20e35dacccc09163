/*
 * plan.h - what an indexer run will change: the incremental plan.
 *
 * Every document carries a source fingerprint (DS_SLOT_SOURCE; its format is
 * schema.h's, DS_SOURCE_VERSION). The plan joins the walked files with the fingerprints in the index, by id:
 *   - same size, mtime and metadata: UNCHANGED (the file is not even read);
 *   - size or mtime differ: the file is read and hashed; same content and metadata:
 *     TOUCH (only the fingerprint is rewritten), else UPDATE (re-analyzed, replaced);
 *   - a file with no document: ADD; a document with no file: DELETE, but only for
 *     documents that came from one of this run's PATHs (the root), so indexing
 *     another directory never deletes what came from this one;
 *   - an ADD whose content hash and metadata equal a DELETE's is a RENAME: the old id
 *     is deleted and the new one added.
 * --dry-run prints exactly this plan; a real run carries it out.
 */
#ifndef IX_PLAN_H
#define IX_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "status.h"
#include "walk.h"
#include "xap.h"

typedef enum ix_act {
    IX_ACT_UNCHANGED = 0,
    IX_ACT_ADD,
    IX_ACT_UPDATE,
    IX_ACT_TOUCH,
    IX_ACT_DELETE,
    IX_ACT_RENAME, /* file is the new name, old_id the document it replaces */
} ix_act_t;

typedef struct ix_action {
    ix_act_t act;
    size_t file;   /* index into the walk's files; (size_t)-1 for DELETE */
    char *old_id;  /* DELETE and RENAME: the id to remove */
    uint64_t hash; /* content hash: read by the plan, or the stored one (UNCHANGED); 0
                      when unknown */
} ix_action_t;

typedef struct ix_plan {
    ix_action_t *acts; /* in id order of the files, deletions after */
    size_t n, cap;
    size_t count[IX_ACT_RENAME + 1];
} ix_plan_t;

/* One line of fingerprint, for file f with content hash (root from the walk). */
void ix_state_format(ds_buf_t *out, const ix_walk_t *w, const ix_file_t *f, uint64_t hash);

/*
 * Make the plan for walk w against the live index db (NULL: an empty or rebuilt
 * index: everything is an ADD). A file that cannot be read while hashing stays in the
 * plan as an UPDATE (hash 0): the writer then reports it and skips it, and its old
 * document stays. Returns DS_OK, DS_ERR_NOMEM, or a wrapper status (message through
 * diag).
 */
ds_status_t ix_plan_make(xap_db_t *db, ix_walk_t *w, ds_diag_t *diag, ix_plan_t *plan);

/* The name of an action ("add", "update", ...). */
const char *ix_act_name(ix_act_t act);

void ix_plan_release(ix_plan_t *plan);

#endif
