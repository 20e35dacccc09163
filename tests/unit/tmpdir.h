/*
 * tmpdir.h - a scratch directory for unit tests that build real indexes.
 *
 * tmpdir_make() creates "$TMPDIR/<name>.XXXXXX" (or under /tmp) into buf; tmpdir_remove()
 * deletes a directory tree (Xapian databases are flat, but be general). Header-only so
 * each test executable stays one .c file.
 */
#ifndef DS_TEST_TMPDIR_H
#define DS_TEST_TMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Create a fresh directory named after name into buf (size bytes). 0, or -1. */
static inline int tmpdir_make(char *buf, size_t size, const char *name)
{
    const char *t = getenv("TMPDIR");
    snprintf(buf, size, "%s/%s.XXXXXX", t && *t ? t : "/tmp", name);
    return mkdtemp(buf) ? 0 : -1;
}

/* Remove path and everything below it (symbolic links are removed, not followed). */
static inline int tmpdir_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[4096];
        int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (n > 0 && (size_t)n < sizeof sub)
            tmpdir_remove(sub);
    }
    closedir(dir);
    return rmdir(path);
}

#endif
