/*
 * walk.h - find the source files under the PATHs given to the indexer.
 *
 * Each PATH is a file or a directory (recursed; entries in name order so every run
 * sees files in the same order; hidden entries and symlinked directories are not
 * followed). A file's id is its path relative to the PATH given (for a file PATH, its
 * name), unless metadata gives an id. Directories may hold a manifest.tsv whose rows
 * describe files below them; a row naming a file that does not exist is a warning with
 * the manifest's file and line. Files whose format is not supported are listed as
 * skipped (reported, counted), never dropped silently.
 *
 * The walk also gathers the actor aliases (actors.h): the built-in table plus an
 * actors.tsv at the top of each directory PATH (for a file PATH, in its directory).
 * Their fingerprint is part of every document's metadata fingerprint (plan.h), so
 * editing actors.tsv rebuilds the documents on the next run.
 */
#ifndef IX_WALK_H
#define IX_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "actors.h"
#include "diag.h"
#include "meta.h"
#include "source.h"
#include "status.h"

#define IX_MANIFEST_NAME "manifest.tsv"
#define IX_ACTORS_FILE "actors.tsv" /* user actor aliases (actors.h), at a PATH's top */

typedef struct ix_file {
    char *path;         /* path to open (as given + relative part) */
    char *id;           /* document id: relative path, or the metadata's id */
    size_t root;        /* index into ix_walk_t.roots */
    uint64_t size;      /* bytes on disk */
    int64_t mtime_ns;   /* modification time, nanoseconds since the epoch */
    ix_format_t fmt;
    ix_meta_t meta;     /* from manifest rows (front matter is read with the text) */
} ix_file_t;

/* Why the walk left an entry out. The first kinds are errors (exit status 1). */
typedef enum ix_skip_kind {
    IX_SKIP_UNREADABLE = 0, /* cannot be read or listed (error) */
    IX_SKIP_BAD_ID,         /* its id is refused (error) */
    IX_SKIP_UNSUPPORTED,    /* not .txt, .text, .gz or .pdf */
    IX_SKIP_NOT_FILE,       /* a device, FIFO, socket or link to a directory */
    IX_SKIP_DUPLICATE,      /* another file has its id */
    IX_SKIP_KIND_LAST
} ix_skip_kind_t;

typedef struct ix_skipped {
    char *path;
    char *reason;
    ix_skip_kind_t kind;
} ix_skipped_t;

typedef struct ix_walk {
    char **roots;       /* canonical (realpath) form of each PATH, for deletions */
    int *incomplete;    /* per root: 1 if part of it could not be read (its documents
                           must then not be taken for deleted files) */
    size_t nroots;
    ix_file_t *files;   /* sorted by id */
    size_t nfiles, capfiles;
    ix_skipped_t *skipped; /* unsupported or unreadable entries */
    size_t nskipped, capskipped;
    size_t errors;      /* skipped entries that are errors (unreadable), not just ignored */
    size_t manifest_errors; /* manifests (and actors.tsv) that could not be read */
    ix_actors_t *actors;    /* built-in actor aliases + the actors.tsv files */
    uint64_t actors_fingerprint; /* ix_actors_fingerprint(actors) */
} ix_walk_t;

/*
 * Walk paths[0..n). Fills w (zeroed first). Problems with single entries are reported
 * through diag and recorded in w->skipped; a PATH that does not exist is an error
 * (reported, counted in w->errors) and the rest goes on. Files given twice (same id)
 * are kept once with a warning. Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t ix_walk(const char *const *paths, size_t n, ds_diag_t *diag, ix_walk_t *w);

void ix_walk_release(ix_walk_t *w);

#endif
