/*
 * meta.h - document metadata: an ordered key/value list, and the two places it comes
 * from: a manifest.tsv in a directory and a front-matter block at the top of a file.
 *
 * Keys are lower-case ASCII names. The known ones (id, title, date, date_end, actor,
 * type, url, lang, symbol) are interpreted by the indexer; any other key is a free field
 * kept with the document and searchable as a field. Values are UTF-8 text. The id is
 * taken from the manifest only: the walk needs it before any file is read.
 *
 * Precedence: the file's own front matter first, then its manifest row, which wins
 * for keys given in both (the manifest is the curated, corpus-wide source).
 */
#ifndef IX_META_H
#define IX_META_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

typedef struct ix_meta_kv {
    char *key;
    char *val;
    char *file;         /* where the value was read (manifest or the document), or NULL */
    unsigned long line; /* and on which line (0 if unknown) */
} ix_meta_kv_t;

typedef struct ix_meta {
    ix_meta_kv_t *kv;
    size_t n, cap;
} ix_meta_t;

#define IX_META_INIT {NULL, 0, 0}

/* Set key to val[0..len) (replacing an earlier value). DS_OK or DS_ERR_NOMEM. */
ds_status_t ix_meta_set(ix_meta_t *m, const char *key, const char *val, size_t len);
/* The same, remembering that the value came from file:line (for diagnostics). */
ds_status_t ix_meta_set_at(ix_meta_t *m, const char *key, const char *val, size_t len,
                           const char *file, unsigned long line);
/* The value of key, or NULL. Owned by m, valid until m changes. */
const char *ix_meta_get(const ix_meta_t *m, const char *key);
/* The pair for key (with its origin), or NULL. Owned by m, valid until m changes. */
const ix_meta_kv_t *ix_meta_find(const ix_meta_t *m, const char *key);
/* Copy every pair of src into dst, overriding dst's values. DS_OK or DS_ERR_NOMEM. */
ds_status_t ix_meta_merge(ix_meta_t *dst, const ix_meta_t *src);
void ix_meta_release(ix_meta_t *m);

/*
 * Parse a front-matter block at the start of text: a line "---", lines "key: value",
 * and a closing "---" line (a UTF-8 BOM before the first line is allowed). Pairs go
 * into m. *body is set to the offset of the first byte after the block (0 when there
 * is none). Lines that are not "key: value" are warned about (file:line) and ignored.
 * A block with no closing line within its first 200 lines is not front matter: a
 * warning, *body = 0, nothing set. Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t ix_front_matter(const char *text, size_t len, const char *file, ds_diag_t *diag,
                            ix_meta_t *m, size_t *body);

/* One manifest row: the path it names (relative to the manifest's directory) and the
 * pairs of the other columns, with the line it came from. */
typedef struct ix_manifest_row {
    char *path;
    unsigned long line;
    ix_meta_t meta;
    int used; /* set by the walker when a file matched the row */
} ix_manifest_row_t;

typedef struct ix_manifest {
    char *file; /* the manifest's own path, for diagnostics */
    ix_manifest_row_t *rows;
    size_t n, cap;
} ix_manifest_t;

/*
 * Parse the manifest text (a TSV file: a header row naming the columns, one of which
 * must be "path"; then one row per document; blank lines and lines starting with '#'
 * are ignored; "\t", "\n" and "\\" inside values are escapes). Rows with the wrong
 * number of columns or no path are warned about with their line and left out. A
 * manifest without a path column is an error (DS_ERR_INVALID, reported through diag).
 * On success *mf holds the rows (release with ix_manifest_release).
 */
ds_status_t ix_manifest_parse(const char *text, size_t len, const char *file,
                              ds_diag_t *diag, ix_manifest_t *mf);
/* The row for path (relative to the manifest's directory), or NULL. */
ix_manifest_row_t *ix_manifest_find(ix_manifest_t *mf, const char *path);
void ix_manifest_release(ix_manifest_t *mf);

#endif
