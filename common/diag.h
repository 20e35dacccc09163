/*
 * diag.h - diagnostics for users: "file:line: warning: message" on stderr, counted.
 *
 * Tools never print a problem with a document as a bare string: it names the file and,
 * where known, the line (and column), as compilers do, so editors can jump there. A
 * ds_diag_t counts what it printed so the closing summary and the exit status can say
 * how many warnings and errors there were. Safe to use from several threads.
 */
#ifndef DS_DIAG_H
#define DS_DIAG_H

#include <pthread.h>
#include <stdio.h>

typedef struct ds_diag {
    FILE *out;           /* where messages go (stderr by default) */
    const char *program; /* prefix for messages without a file ("indexer") */
    int quiet;           /* 1: count warnings but do not print them */
    unsigned long warnings;
    unsigned long errors;
    pthread_mutex_t lock;
} ds_diag_t;

/* Set up d for program, printing to out (NULL = stderr). */
void ds_diag_init(ds_diag_t *d, const char *program, FILE *out);
void ds_diag_release(ds_diag_t *d);

/*
 * Print "file:line: warning: ..." (or "program: warning: ..." when file is NULL; the
 * ":line" part is left out when line is 0) and count it. Messages are sanitized as
 * out_text (out.h) does: control characters (C0, DEL, C1), escape sequences and bidi
 * controls in file names or quoted text become spaces and invalid UTF-8 U+FFFD, so
 * untrusted names never reach a terminal raw.
 */
void ds_diag_warn(ds_diag_t *d, const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same as an error (printed even when quiet). */
void ds_diag_error(ds_diag_t *d, const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
