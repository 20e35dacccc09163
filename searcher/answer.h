/*
 * answer.h - answer one query from start to end: parse, compile, search, find matches
 * in the stored text of each hit, print. Shared by single-query and batch mode, so a
 * query gives the same output either way.
 */
#ifndef SQ_ANSWER_H
#define SQ_ANSWER_H

#include <stdio.h>

#include "format.h"
#include "search.h"
#include "sindex.h"

typedef struct sq_answer_opts {
    sq_search_opts_t search;
    fmt_options_t fmt;
    int count_only;     /* --count */
    int explain;        /* --explain: print the parsed query on stderr */
    size_t snippet_width;
    uint32_t max_expansion;
    int suggest;        /* "did you mean" when nothing matches */
} sq_answer_opts_t;

/* Exit-status-like outcome of one query. */
enum { SQ_HITS = 0, SQ_NO_HITS = 1, SQ_ERROR = 2 };

/*
 * Answer the query text[0..len) on ix, appending the output to out (flushed by the
 * caller). Errors are written in-band by the formatter when in batch mode
 * (o->fmt.query_id set) and always on err (stderr) with the caret report. Returns
 * SQ_HITS, SQ_NO_HITS or SQ_ERROR.
 */
int sq_answer(sq_index_t *ix, const char *text, size_t len, const sq_answer_opts_t *o,
              ds_buf_t *out, FILE *err);

#endif
