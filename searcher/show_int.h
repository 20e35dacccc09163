/*
 * show_int.h - what show.c (finding the span) hands showout.c (printing it): one
 * located span of one record. Private to the two.
 */
#ifndef SQ_SHOW_INT_H
#define SQ_SHOW_INT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "docstore.h"
#include "locate.h"
#include "show.h"

typedef struct sq_shown {
    const char *locator; /* the locator as given */
    size_t loclen;
    dstore_record_t *rec;
    const char *text; /* rec's stored text */
    size_t len;
    int changed;       /* the text hash differs (or the span is past the end) */
    uint64_t now_hash; /* ds_loc_hash of the current text hash */
    int has_span;      /* start, end, ls, re hold a span of the current text */
    size_t start, end; /* the span shown */
    size_t ls, re;     /* its context: text[ls..start) and text[end..re) */
    size_t page, line; /* of start, 0 when not known */
    long occurrences;  /* of --quote in the current text; -1 without --quote */
    ds_buf_t now;      /* the quoted words' locator when they occur once (changed) */
} sq_shown_t;

/* Append s in o's format to out (show.h, Output). */
void sq_show_print(ds_buf_t *out, const sq_show_opts_t *o, const sq_shown_t *s);

#endif
