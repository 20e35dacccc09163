/*
 * ixdir.c - index directory management (see ixdir.h and schema.h).
 *
 *   paths and files .... shard_path, mkdir_p, remove_tree, sync_parent, write_file_atomic
 *   lock ............... take_lock
 *   stub ............... read_stub, write_stub
 *   shards ............. create_shards, check_index, remove_strays
 *   public API ......... ixdir_open ... ixdir_close
 */
#include "ixdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dbmeta.h"
#include "hash.h"
#include "schema.h"

#define MAX_SHARDS 64

struct ixdir {
    char *dir;
    int lock_fd;
    size_t nshards;
    unsigned gen[MAX_SHARDS];     /* live generation of each shard (0: none yet) */
    unsigned newgen[MAX_SHARDS];  /* generation being written by a rebuild (0: none) */
    size_t new_nshards;
    char *paths[MAX_SHARDS];      /* paths of the shards this run writes */
    char lang[64];
};

/* ---- paths and files ------------------------------------------------------------ */

static char *shard_path(const ixdir_t *ix, size_t k, unsigned gen)
{
    return ds_strprintf("%s/s%zu.%u", ix->dir, k, gen);
}

static int mkdir_p(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = (mkdir(p, 0777) != 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

/* Remove a shard directory: Xapian's glass databases are flat directories. */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *f = ds_strprintf("%s/%s", path, e->d_name);
            if (f && unlink(f) != 0 && errno == EISDIR)
                remove_tree(f);
            free(f);
        }
        closedir(d);
    }
    rmdir(path);
}

/* fsync the directory holding path, so a rename in it is durable. */
static void sync_parent(const char *path)
{
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash)
        *slash = '\0';
    int fd = dir ? open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Write data to path via a temporary file, fsync and rename: all or nothing. */
static int write_file_atomic(const char *path, const char *data, size_t len)
{
    char *tmp = ds_strprintf("%s.tmp", path);
    int fd = tmp ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666) : -1;
    int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok && tmp)
        unlink(tmp);
    free(tmp);
    if (ok) /* the rename itself must reach the disk before old shards are removed */
        sync_parent(path);
    return ok ? 0 : -1;
}

/* ---- lock ----------------------------------------------------------------------- */

static ds_status_t take_lock(ixdir_t *ix, ds_error_t *e)
{
    char *path = ds_strprintf("%s/%s", ix->dir, DS_LOCK_FILE);
    ix->lock_fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666) : -1;
    free(path);
    if (ix->lock_fd < 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot create the lock file in %s: %s", ix->dir,
                     strerror(errno));
        return DS_ERR_IO;
    }
    if (flock(ix->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(ix->lock_fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        ds_error_set(e, DS_ERR_LOCKED, 0, "index %s is locked by another indexer%s%s%s", ix->dir,
                     pid[0] ? " (pid " : "", pid, pid[0] ? ")" : "");
        return DS_ERR_LOCKED;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(ix->lock_fd, 0) != 0 || pwrite(ix->lock_fd, pid, (size_t)n, 0) != n) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot write the lock file in %s: %s", ix->dir,
                     strerror(errno));
        return DS_ERR_IO;
    }
    return DS_OK;
}

/* ---- stub ----------------------------------------------------------------------- */

/* Read the stub: sets nshards and gen[]. Returns 1 if there is one, 0 if not, -1 on a
 * damaged stub. */
static int read_stub(ixdir_t *ix)
{
    char *path = ds_strprintf("%s/%s", ix->dir, DS_STUB_FILE);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (!f)
        return 0;
    char line[256];
    int rc = 1;
    ix->nshards = 0;
    while (rc == 1 && fgets(line, sizeof line, f)) {
        size_t k;
        unsigned g;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "glass s%zu.%u", &k, &g) != 2 || k != ix->nshards ||
            k >= MAX_SHARDS || g == 0)
            rc = -1;
        else
            ix->gen[ix->nshards++] = g;
    }
    fclose(f);
    return ix->nshards ? rc : -1;
}

static int write_stub(ixdir_t *ix, size_t n, const unsigned *gen)
{
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "# dossier index: the shards searched as one database\n");
    for (size_t k = 0; k < n; k++)
        ds_buf_printf(&b, "glass s%zu.%u\n", k, gen[k]);
    char *path = ds_strprintf("%s/%s", ix->dir, DS_STUB_FILE);
    int rc = (ds_buf_ok(&b) && path) ? write_file_atomic(path, b.data, b.len) : -1;
    free(path);
    ds_buf_release(&b);
    return rc;
}

/* ---- shards --------------------------------------------------------------------- */

/* Create shard paths[k] (generation gen[k]) with the schema metadata, committed. */
static ds_status_t create_shards(ixdir_t *ix, size_t n, const unsigned *gen, ds_error_t *e)
{
    for (size_t k = 0; k < n; k++) {
        char *path = shard_path(ix, k, gen[k]);
        if (!path)
            return DS_ERR_NOMEM;
        remove_tree(path); /* a leftover of a killed run */
        xap_db_t *db = NULL;
        ds_status_t rc = xap_db_open_write(path, XAP_DB_CREATE_OR_OVERWRITE, &db, e);
        free(path);
        if (rc == DS_OK)
            rc = ds_index_stamp(db, ix->lang, n);
        if (rc == DS_OK)
            rc = xap_db_commit(db);
        if (rc != DS_OK && db)
            ds_error_set(e, rc, 0, "%s", xap_db_error(db));
        xap_db_close(db);
        if (rc != DS_OK)
            return rc;
    }
    return DS_OK;
}

/* Check the live index's schema version and language against what this run wants. */
static ds_status_t check_index(ixdir_t *ix, const char *want_lang, ds_error_t *e)
{
    xap_db_t *db = NULL;
    char lang[sizeof ix->lang];
    ds_status_t rc = ixdir_open_read(ix, &db, e);
    if (rc == DS_OK)
        rc = ds_index_check(db, ix->dir, lang, sizeof lang, e);
    xap_db_close(db);
    if (rc != DS_OK)
        return rc;
    if (want_lang && strcmp(want_lang, lang) != 0) {
        ds_error_set(e, DS_ERR_INVALID, 0,
                     "index %s is stemmed for '%s', not '%s': changing the language "
                     "needs --rebuild",
                     ix->dir, lang, want_lang);
        return DS_ERR_INVALID;
    }
    snprintf(ix->lang, sizeof ix->lang, "%s", lang);
    return DS_OK;
}

/* 1 if name is "s<K>.<G>" of a live or new shard. */
static int is_wanted(const ixdir_t *ix, const char *name)
{
    size_t k;
    unsigned g;
    char tail;
    if (sscanf(name, "s%zu.%u%c", &k, &g, &tail) != 2 || k >= MAX_SHARDS)
        return 1; /* not ours: never touch */
    return (k < ix->nshards && ix->gen[k] == g) || (k < ix->new_nshards && ix->newgen[k] == g);
}

/* Remove shard directories the stub does not name (a killed rebuild or compaction). */
static void remove_strays(ixdir_t *ix)
{
    DIR *d = opendir(ix->dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != 's' || is_wanted(ix, e->d_name))
            continue;
        char *p = ds_strprintf("%s/%s", ix->dir, e->d_name);
        if (p)
            remove_tree(p);
        free(p);
    }
    closedir(d);
}

/* ---- public API ----------------------------------------------------------------- */

/* Decide and create the shards this run writes (new index, or a rebuild's next gen). */
static ds_status_t start_new(ixdir_t *ix, const ixdir_options_t *opts, int live, ds_error_t *e)
{
    snprintf(ix->lang, sizeof ix->lang, "%s", opts->lang ? opts->lang : DS_LANG_DEFAULT);
    size_t n = opts->shards < 1 ? 1 : opts->shards > MAX_SHARDS ? MAX_SHARDS : opts->shards;
    unsigned top = 0;
    for (size_t k = 0; live && k < ix->nshards; k++)
        top = ix->gen[k] > top ? ix->gen[k] : top;
    for (size_t k = 0; k < n; k++)
        ix->newgen[k] = top + 1;
    ix->new_nshards = n;
    if (live) /* a rebuild: leftovers of earlier runs go before we write next to them */
        remove_strays(ix);
    ds_status_t rc = create_shards(ix, n, ix->newgen, e);
    if (rc != DS_OK || live)
        return rc;
    /* a brand-new index goes live at once (empty), so readers can open it */
    if (write_stub(ix, n, ix->newgen) != 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot write %s/%s: %s", ix->dir, DS_STUB_FILE,
                     strerror(errno));
        return DS_ERR_IO;
    }
    memcpy(ix->gen, ix->newgen, sizeof ix->gen);
    ix->nshards = n;
    ix->new_nshards = 0;
    return DS_OK;
}

static ds_status_t set_paths(ixdir_t *ix)
{
    int rebuilding = ix->new_nshards > 0;
    size_t n = rebuilding ? ix->new_nshards : ix->nshards;
    for (size_t k = 0; k < n; k++) {
        free(ix->paths[k]);
        ix->paths[k] = shard_path(ix, k, rebuilding ? ix->newgen[k] : ix->gen[k]);
        if (!ix->paths[k])
            return DS_ERR_NOMEM;
    }
    return DS_OK;
}

ds_status_t ixdir_open(const char *dir, const ixdir_options_t *opts, ixdir_t **out,
                       ds_error_t *e)
{
    *out = NULL;
    ds_error_clear(e);
    ixdir_t *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->dir = strdup(dir))) {
        free(ix);
        return ds_error_fill(e, DS_ERR_NOMEM);
    }
    ix->lock_fd = -1;
    ds_status_t rc = DS_OK;
    char *stubpath = opts->must_exist ? ds_strprintf("%s/%s", dir, DS_STUB_FILE) : NULL;
    struct stat st;
    if (opts->must_exist && (!stubpath || stat(stubpath, &st) != 0)) {
        ds_error_set(e, DS_ERR_NOT_FOUND, 0, "no index at %s", dir);
        rc = DS_ERR_NOT_FOUND;
    }
    free(stubpath);
    if (rc == DS_OK && !opts->dry_run && mkdir_p(dir) != 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot create index directory %s: %s", dir,
                     strerror(errno));
        rc = DS_ERR_IO;
    }
    if (rc == DS_OK && !opts->dry_run)
        rc = take_lock(ix, e);
    int stub = rc == DS_OK ? read_stub(ix) : 0;
    if (rc == DS_OK && stub < 0 && !opts->rebuild) {
        ds_error_set(e, DS_ERR_CORRUPT, 0, "index %s: damaged %s; rebuild needed (--rebuild)",
                     dir, DS_STUB_FILE);
        rc = DS_ERR_CORRUPT;
    }
    if (stub < 0)
        ix->nshards = 0;
    if (rc == DS_OK && stub == 1 && !opts->rebuild)
        rc = check_index(ix, opts->lang, e);
    else if (rc == DS_OK && opts->dry_run)
        snprintf(ix->lang, sizeof ix->lang, "%s", opts->lang ? opts->lang : DS_LANG_DEFAULT);
    else if (rc == DS_OK)
        rc = start_new(ix, opts, stub == 1, e);
    if (rc == DS_OK && !opts->dry_run)
        remove_strays(ix);
    if (rc == DS_OK)
        rc = set_paths(ix);
    if (rc != DS_OK) {
        ixdir_close(ix);
        return ds_error_fill(e, rc);
    }
    *out = ix;
    return DS_OK;
}

size_t ixdir_nshards(const ixdir_t *ix) { return ix->new_nshards ? ix->new_nshards : ix->nshards; }

const char *ixdir_lang(const ixdir_t *ix) { return ix->lang; }

const char *ixdir_shard_path(const ixdir_t *ix, size_t k) { return ix->paths[k]; }

size_t ixdir_route(const ixdir_t *ix, const char *id)
{
    return (size_t)(ds_hash64(id, strlen(id)) % ixdir_nshards(ix));
}

ds_status_t ixdir_open_shard(ixdir_t *ix, size_t k, xap_db_t **db, ds_error_t *e)
{
    return xap_db_open_write(ix->paths[k], XAP_DB_OPEN, db, e);
}

ds_status_t ixdir_open_read(ixdir_t *ix, xap_db_t **db, ds_error_t *e)
{
    *db = NULL;
    ds_error_clear(e);
    if (ix->nshards == 0) {
        ds_error_set(e, DS_ERR_NOT_FOUND, 0, "no index at %s yet", ix->dir);
        return DS_ERR_NOT_FOUND;
    }
    const char *paths[MAX_SHARDS];
    char *owned[MAX_SHARDS] = {0};
    ds_status_t rc = DS_OK;
    for (size_t k = 0; k < ix->nshards && rc == DS_OK; k++) {
        paths[k] = owned[k] = shard_path(ix, k, ix->gen[k]);
        rc = owned[k] ? DS_OK : DS_ERR_NOMEM;
    }
    if (rc == DS_OK)
        rc = xap_db_open_shards(paths, ix->nshards, db, e);
    for (size_t k = 0; k < ix->nshards; k++)
        free(owned[k]);
    return ds_error_fill(e, rc);
}

/* Point the stub at generation gen[] of n shards, then drop the old generation. */
static ds_status_t swap_to(ixdir_t *ix, size_t n, const unsigned *gen, ds_error_t *e)
{
    if (write_stub(ix, n, gen) != 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot write %s/%s: %s", ix->dir, DS_STUB_FILE,
                     strerror(errno));
        return DS_ERR_IO;
    }
    memcpy(ix->gen, gen, sizeof ix->gen);
    ix->nshards = n;
    ix->new_nshards = 0;
    remove_strays(ix); /* old readers keep their open files; the space comes back after */
    return set_paths(ix);
}

ds_status_t ixdir_finish(ixdir_t *ix, ds_error_t *e)
{
    ds_error_clear(e);
    if (!ix->new_nshards)
        return DS_OK;
    unsigned gen[MAX_SHARDS];
    memcpy(gen, ix->newgen, sizeof gen);
    return ds_error_fill(e, swap_to(ix, ix->new_nshards, gen, e));
}

ds_status_t ixdir_compact(ixdir_t *ix, ds_error_t *e)
{
    ds_error_clear(e);
    unsigned gen[MAX_SHARDS] = {0};
    ds_status_t rc = DS_OK;
    for (size_t k = 0; k < ix->nshards && rc == DS_OK; k++) {
        gen[k] = ix->gen[k] + 1;
        char *src = shard_path(ix, k, ix->gen[k]);
        char *dst = shard_path(ix, k, gen[k]);
        const char *srcs[1] = {src};
        rc = (src && dst) ? DS_OK : DS_ERR_NOMEM;
        if (rc == DS_OK) {
            remove_tree(dst);
            rc = xap_db_compact(srcs, 1, dst, 0, e);
        }
        free(src);
        free(dst);
    }
    if (rc == DS_OK)
        rc = swap_to(ix, ix->nshards, gen, e);
    return ds_error_fill(e, rc);
}

unsigned long long ixdir_disk_bytes(const ixdir_t *ix)
{
    unsigned long long total = 0;
    for (size_t k = 0; k < ix->nshards; k++) {
        char *p = shard_path(ix, k, ix->gen[k]);
        DIR *d = p ? opendir(p) : NULL;
        struct dirent *e;
        while (d && (e = readdir(d))) {
            char *f = ds_strprintf("%s/%s", p, e->d_name);
            struct stat st;
            if (f && stat(f, &st) == 0 && S_ISREG(st.st_mode))
                total += (unsigned long long)st.st_size;
            free(f);
        }
        if (d)
            closedir(d);
        free(p);
    }
    return total;
}

void ixdir_close(ixdir_t *ix)
{
    if (!ix)
        return;
    if (ix->lock_fd >= 0)
        close(ix->lock_fd); /* releases the flock */
    for (size_t k = 0; k < MAX_SHARDS; k++)
        free(ix->paths[k]);
    free(ix->dir);
    free(ix);
}
