/*
 * keywords.h - the keywords of a subcorpus against a reference (--keywords QUERY
 * [--reference QUERY]).
 *
 * Both corpora are counted as words.h counts a word list (the documents' term lists).
 * For a word with frequency a in the subcorpus of C1 words and b in the reference of
 * C2 words (Rayson and Garside's keyness):
 *   E1 = C1 (a + b) / (C1 + C2),  E2 = C2 (a + b) / (C1 + C2)
 *   G2 = 2 (a ln(a / E1) + b ln(b / E2))      (a term with a zero count adds nothing)
 *   log ratio = log2((a / C1) / (b / C2)), a zero a or b taken as 0.5 (so a word
 *               missing on one side has a finite ratio).
 * Positive keywords are the words relatively more frequent in the subcorpus
 * (a C2 > b C1), negative ones (on request) those relatively rarer (a C2 < b C1), words
 * of the reference absent from the subcorpus included. Ranked by G2 (or by the log
 * ratio: descending for positive keywords, ascending for negative), then the word
 * bytewise. min_freq and min_ref_freq are the least a and b shown.
 */
#ifndef SQ_KEYWORDS_H
#define SQ_KEYWORDS_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

typedef struct kk_opts {
    int by_ratio;           /* rank by log ratio instead of G2 */
    int negative;           /* the unusually rare words instead */
    int no_stopwords;       /* leave stop words out */
    uint64_t min_freq;      /* least a */
    uint64_t min_ref_freq;  /* least b */
    uint64_t offset, limit; /* rows to skip / to show */
} kk_opts_t;

/* G2 and the log ratio of a word as above (c1, c2 > 0). */
double kk_g2(uint64_t a, uint64_t b, uint64_t c1, uint64_t c2);
double kk_log_ratio(uint64_t a, uint64_t b, uint64_t c1, uint64_t c2);

/* The TSV header line (--header), with a first "query" column in batch mode. */
void kk_header(ds_buf_t *out, int with_query);

/*
 * The keywords of the documents sub matches against those ref matches, filtered, ranked
 * and cut by o, written to out in fmt (flushed to stream as it grows, if not NULL).
 * *found gets the number of rows that passed the filters. Returns DS_OK, or DS_ERR_NOMEM
 * / the database's status with e set.
 */
ds_status_t kk_run(sq_index_t *ix, const xap_query_t *sub, const xap_query_t *ref,
                   const kk_opts_t *o, const fmt_options_t *fmt, ds_buf_t *out, FILE *stream,
                   uint64_t *found, ds_error_t *e);

#endif
