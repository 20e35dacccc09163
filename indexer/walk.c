/*
 * walk.c - recurse PATHs, collect supported files, apply manifest rows (see walk.h).
 *
 *   lists .............. push_file, push_skipped
 *   manifests .......... load_manifest, apply_manifests, report_unused
 *   recursion .......... walk_dir, walk_entry
 *   entry point ........ ix_walk, then sort by id and drop duplicate ids
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "grow.h"
#include "schema.h"

#define MAX_DEPTH 64
#define MAX_MANIFESTS MAX_DEPTH

typedef struct mstack {
    char *prefix[MAX_MANIFESTS]; /* directory of the manifest, relative to the root, "" or "a/b/" */
    char *fsdir[MAX_MANIFESTS];  /* the same directory on disk */
    ix_manifest_t mf[MAX_MANIFESTS];
    size_t n;
} mstack_t;

typedef struct walker {
    ix_walk_t *w;
    ds_diag_t *diag;
    mstack_t ms;
    size_t root;
} walker_t;

/* ---- lists ---------------------------------------------------------------------- */

static char *join(const char *a, const char *b)
{
    ds_buf_t p = DS_BUF_INIT;
    ds_buf_puts(&p, a);
    if (a[0] && p.data[p.len - 1] != '/' && b[0])
        ds_buf_putc(&p, '/');
    ds_buf_puts(&p, b);
    return ds_buf_detach(&p, NULL);
}

static ds_status_t push_skipped(walker_t *k, const char *path, const char *reason,
                                ix_skip_kind_t kind)
{
    int error = kind == IX_SKIP_UNREADABLE || kind == IX_SKIP_BAD_ID;
    ix_walk_t *w = k->w;
    ix_skipped_t *grown = ds_grow(w->skipped, &w->capskipped, w->nskipped + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    w->skipped = grown;
    ix_skipped_t *s = &w->skipped[w->nskipped];
    s->kind = kind;
    s->path = strdup(path);
    s->reason = strdup(reason);
    if (!s->path || !s->reason) {
        free(s->path);
        free(s->reason);
        return DS_ERR_NOMEM;
    }
    w->nskipped++;
    if (error) {
        w->errors++;
        if (k->root < w->nroots)
            w->incomplete[k->root] = 1;
        ds_diag_error(k->diag, path, 0, "%s", reason);
    }
    return DS_OK;
}

static ds_status_t push_file(walker_t *k, ix_file_t *f)
{
    ix_walk_t *w = k->w;
    ix_file_t *fs = ds_grow(w->files, &w->capfiles, w->nfiles + 1, sizeof *fs);
    if (!fs)
        return DS_ERR_NOMEM;
    w->files = fs;
    w->files[w->nfiles++] = *f;
    return DS_OK;
}

static void file_release(ix_file_t *f)
{
    free(f->path);
    free(f->id);
    ix_meta_release(&f->meta);
}

/* ---- manifests ------------------------------------------------------------------ */

/* If fsdir holds a manifest, parse it and push it for the files below. */
static ds_status_t load_manifest(walker_t *k, const char *fsdir, const char *prefix)
{
    char *path = join(fsdir, IX_MANIFEST_NAME);
    if (!path)
        return DS_ERR_NOMEM;
    ix_source_t src = IX_SOURCE_INIT;
    ds_error_t why;
    ds_status_t rc = DS_OK;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || k->ms.n == MAX_MANIFESTS)
        goto out;
    rc = ix_source_read(path, IX_FMT_TEXT, &src, &why);
    if (rc != DS_OK) {
        ds_diag_error(k->diag, path, 0, "manifest not read: %s; files below are indexed "
                      "without its metadata", why.message);
        k->w->manifest_errors++;
        rc = rc == DS_ERR_NOMEM ? rc : DS_OK;
        goto out;
    }
    size_t i = k->ms.n;
    rc = ix_manifest_parse(ds_buf_cstr(&src.text), src.text.len, path, k->diag, &k->ms.mf[i]);
    if (rc == DS_ERR_INVALID) { /* reported by the parser; files go on without it */
        k->w->manifest_errors++;
        rc = DS_OK;
        goto out;
    }
    if (rc == DS_OK) {
        k->ms.prefix[i] = strdup(prefix);
        k->ms.fsdir[i] = strdup(fsdir);
        k->ms.n++;
        if (!k->ms.prefix[i] || !k->ms.fsdir[i])
            rc = DS_ERR_NOMEM;
    }
out:
    free(path);
    ix_source_release(&src);
    return rc;
}

/* Merge the rows of every manifest above rel (outermost first: inner ones win). */
static ds_status_t apply_manifests(walker_t *k, const char *rel, ix_meta_t *meta)
{
    for (size_t i = 0; i < k->ms.n; i++) {
        size_t plen = strlen(k->ms.prefix[i]);
        if (strncmp(rel, k->ms.prefix[i], plen) != 0)
            continue;
        ix_manifest_row_t *row = ix_manifest_find(&k->ms.mf[i], rel + plen);
        if (!row)
            continue;
        row->used = 1;
        ds_status_t rc = ix_meta_merge(meta, &row->meta);
        if (rc != DS_OK)
            return rc;
    }
    return DS_OK;
}

/* Pop the top manifest, warning about rows whose file does not exist. */
static void pop_manifest(walker_t *k)
{
    size_t i = --k->ms.n;
    ix_manifest_t *mf = &k->ms.mf[i];
    for (size_t r = 0; r < mf->n; r++) {
        if (mf->rows[r].used)
            continue;
        char *p = join(k->ms.fsdir[i], mf->rows[r].path);
        struct stat st;
        if (p && stat(p, &st) != 0)
            ds_diag_warn(k->diag, mf->file, mf->rows[r].line, "file '%s' not found; row ignored",
                         mf->rows[r].path);
        free(p);
    }
    ix_manifest_release(mf);
    free(k->ms.prefix[i]);
    free(k->ms.fsdir[i]);
}

/* ---- recursion ------------------------------------------------------------------ */

/* Why id cannot be a document id, or NULL if it can: control characters would break
 * the line formats ids are printed in, and "#p<N>" / "#fn<N>" endings are the ids of a
 * report's passages and citations (docreport.h). */
static const char *bad_id(const char *id)
{
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "its id holds control characters; not indexed";
    const char *hash = strrchr(id, '#');
    if (hash) {
        const char *n = hash[1] == 'p' ? hash + 2 : strncmp(hash + 1, "fn", 2) == 0 ? hash + 3 : NULL;
        if (n && *n && strspn(n, "0123456789") == strlen(n))
            return "its id ends like a passage or citation id (#pN, #fnN); not indexed";
    }
    return NULL;
}

static ds_status_t add_file(walker_t *k, const char *path, const char *rel, const struct stat *st)
{
    ix_format_t fmt = ix_source_format(rel);
    if (fmt == IX_FMT_UNSUPPORTED)
        return push_skipped(k, path, "unsupported format (not .txt, .text, .gz or .pdf)", IX_SKIP_UNSUPPORTED);
    ix_file_t f = {0};
    f.fmt = fmt;
    f.root = k->root;
    f.size = (uint64_t)st->st_size;
    f.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    f.path = strdup(path);
    ds_status_t rc = f.path ? apply_manifests(k, rel, &f.meta) : DS_ERR_NOMEM;
    const char *why = NULL;
    if (rc == DS_OK) {
        const char *id = ix_meta_get(&f.meta, DS_FIELD_ID);
        f.id = strdup(id && id[0] ? id : rel);
        rc = f.id ? DS_OK : DS_ERR_NOMEM;
    }
    if (rc == DS_OK && (why = bad_id(f.id)) != NULL)
        rc = push_skipped(k, path, why, IX_SKIP_BAD_ID);
    else if (rc == DS_OK && push_file(k, &f) == DS_OK)
        return DS_OK; /* the walk owns f now */
    else if (rc == DS_OK)
        rc = DS_ERR_NOMEM;
    file_release(&f);
    return rc;
}

static ds_status_t walk_dir(walker_t *k, const char *fsdir, const char *rel, int depth);

static ds_status_t walk_entry(walker_t *k, const char *fsdir, const char *rel,
                              const char *name, int depth)
{
    if (name[0] == '.' || strcmp(name, IX_MANIFEST_NAME) == 0 ||
        (depth == 0 && strcmp(name, IX_ACTORS_FILE) == 0))
        return DS_OK; /* hidden entries, manifests and actor aliases are not documents */
    char *path = join(fsdir, name);
    char *sub = join(rel, name);
    ds_status_t rc = (path && sub) ? DS_OK : DS_ERR_NOMEM;
    struct stat st;
    int link = 0;
    if (rc == DS_OK && lstat(path, &st) != 0)
        rc = push_skipped(k, path, strerror(errno), IX_SKIP_UNREADABLE);
    else if (rc == DS_OK && (link = S_ISLNK(st.st_mode)) && stat(path, &st) != 0)
        rc = push_skipped(k, path, "broken symbolic link", IX_SKIP_UNREADABLE);
    else if (rc == DS_OK && link && S_ISDIR(st.st_mode)) /* a link to "." would recurse */
        rc = push_skipped(k, path, "symbolic link to a directory: not followed",
                          IX_SKIP_NOT_FILE);
    else if (rc == DS_OK && S_ISDIR(st.st_mode))
        rc = walk_dir(k, path, sub, depth + 1);
    else if (rc == DS_OK && S_ISREG(st.st_mode))
        rc = add_file(k, path, sub, &st);
    else if (rc == DS_OK)
        rc = push_skipped(k, path, "not a regular file", IX_SKIP_NOT_FILE);
    free(path);
    free(sub);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in fsdir, sorted (malloc'd array of malloc'd strings), or NULL + errno. */
static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The names in fsdir, sorted (malloc'd array of malloc'd strings), or NULL with errno
 * set: a listing cut short (a readdir error, no memory) is a failure, never a shorter
 * directory, or the plan would take the files it missed for deleted ones. */
static char **list_dir(const char *fsdir, size_t *n)
{
    DIR *d = opendir(fsdir);
    if (!d)
        return NULL;
    char **names = calloc(1, sizeof *names);
    size_t cap = 1;
    struct dirent *e;
    *n = 0;
    errno = 0;
    while (names && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char **nn = ds_grow(names, &cap, *n + 1, sizeof *nn);
        if (!nn || !(nn[*n] = strdup(e->d_name))) {
            free_names(nn ? nn : names, *n);
            names = NULL;
            errno = ENOMEM;
            break;
        }
        names = nn;
        (*n)++;
    }
    int err = errno;
    closedir(d);
    if (names && err) { /* readdir failed */
        free_names(names, *n);
        names = NULL;
    }
    if (names && *n)
        qsort(names, *n, sizeof *names, name_cmp);
    errno = err;
    return names;
}

static ds_status_t walk_dir(walker_t *k, const char *fsdir, const char *rel, int depth)
{
    if (depth > MAX_DEPTH)
        return push_skipped(k, fsdir, "directory nested too deeply; not read", IX_SKIP_UNREADABLE);
    size_t n = 0;
    char **names = list_dir(fsdir, &n);
    if (!names)
        return push_skipped(k, fsdir, strerror(errno), IX_SKIP_UNREADABLE);
    size_t before = k->ms.n;
    ds_buf_t pb = DS_BUF_INIT;
    ds_buf_puts(&pb, rel);
    if (rel[0])
        ds_buf_putc(&pb, '/');
    char *prefix = ds_buf_detach(&pb, NULL);
    ds_status_t rc;
    rc = prefix ? load_manifest(k, fsdir, prefix) : DS_ERR_NOMEM;
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = walk_entry(k, fsdir, rel, names[i], depth);
    while (k->ms.n > before)
        pop_manifest(k);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(prefix);
    return rc;
}

/* ---- entry point ---------------------------------------------------------------- */

static int file_cmp(const void *a, const void *b)
{
    const ix_file_t *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c == 0)
        c = (x->root > y->root) - (x->root < y->root);
    return c ? c : strcmp(x->path, y->path); /* which duplicate is kept never varies */
}

/* Sort by id; keep the first of files that share an id, warning about the others. */
static void drop_duplicate_ids(walker_t *k)
{
    ix_walk_t *w = k->w;
    if (w->nfiles)
        qsort(w->files, w->nfiles, sizeof *w->files, file_cmp);
    size_t out = 0;
    for (size_t i = 0; i < w->nfiles; i++) {
        if (out && strcmp(w->files[out - 1].id, w->files[i].id) == 0) {
            ds_diag_warn(k->diag, w->files[i].path, 0, "same id '%s' as %s; not indexed",
                         w->files[i].id, w->files[out - 1].path);
            push_skipped(k, w->files[i].path, "duplicate id", IX_SKIP_DUPLICATE);
            file_release(&w->files[i]);
            continue;
        }
        w->files[out++] = w->files[i];
    }
    w->nfiles = out;
}

/* The actors.tsv of directory dir, if there is one, into the walk's table. */
static ds_status_t load_actors(walker_t *k, const char *dir)
{
    char *path = join(dir, IX_ACTORS_FILE);
    if (!path)
        return DS_ERR_NOMEM;
    ds_status_t rc = ix_actors_load(k->w->actors, path, k->diag);
    free(path);
    if (rc == DS_ERR_NOT_FOUND)
        return DS_OK;
    if (rc == DS_ERR_IO || rc == DS_ERR_INVALID || rc == DS_ERR_RANGE) {
        k->w->manifest_errors++; /* reported by ix_actors_load; the run goes on */
        return DS_OK;
    }
    return rc;
}

/* A file given by name: its directory's manifest applies to it. */
static ds_status_t walk_single_file(walker_t *k, const char *path, const struct stat *st)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return DS_ERR_NOMEM;
    ds_status_t rc = load_actors(k, dir);
    if (rc == DS_OK)
        rc = load_manifest(k, dir, "");
    if (rc == DS_OK)
        rc = add_file(k, path, name, st);
    while (k->ms.n)
        pop_manifest(k);
    free(dir);
    return rc;
}

static ds_status_t walk_root(walker_t *k, const char *path)
{
    struct stat st;
    k->root = (size_t)-1; /* a PATH that is not there marks no root incomplete */
    if (stat(path, &st) != 0)
        return push_skipped(k, path, strerror(errno), IX_SKIP_UNREADABLE);
    char *canon = realpath(path, NULL);
    ix_walk_t *w = k->w;
    char **roots = canon ? realloc(w->roots, (w->nroots + 1) * sizeof *roots) : NULL;
    if (roots)
        w->roots = roots;
    int *inc = roots ? realloc(w->incomplete, (w->nroots + 1) * sizeof *inc) : NULL;
    if (!inc) {
        free(canon);
        return DS_ERR_NOMEM;
    }
    w->incomplete = inc;
    inc[w->nroots] = 0;
    k->root = w->nroots;
    w->roots[w->nroots++] = canon;
    if (S_ISDIR(st.st_mode)) {
        ds_status_t rc = load_actors(k, path);
        return rc == DS_OK ? walk_dir(k, path, "", 0) : rc;
    }
    if (S_ISREG(st.st_mode))
        return walk_single_file(k, path, &st);
    return push_skipped(k, path, "not a regular file or directory", IX_SKIP_NOT_FILE);
}

ds_status_t ix_walk(const char *const *paths, size_t n, ds_diag_t *diag, ix_walk_t *w)
{
    memset(w, 0, sizeof *w);
    walker_t k = {.w = w, .diag = diag};
    ds_status_t rc = ix_actors_create(&w->actors);
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        rc = walk_root(&k, paths[i]);
    if (rc == DS_OK)
        drop_duplicate_ids(&k);
    if (rc == DS_OK)
        w->actors_fingerprint = ix_actors_fingerprint(w->actors);
    return rc;
}

void ix_walk_release(ix_walk_t *w)
{
    for (size_t i = 0; i < w->nroots; i++)
        free(w->roots[i]);
    free(w->roots);
    free(w->incomplete);
    for (size_t i = 0; i < w->nfiles; i++)
        file_release(&w->files[i]);
    free(w->files);
    for (size_t i = 0; i < w->nskipped; i++) {
        free(w->skipped[i].path);
        free(w->skipped[i].reason);
    }
    free(w->skipped);
    ix_actors_free(w->actors);
    memset(w, 0, sizeof *w);
}
