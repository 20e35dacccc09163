/*
 * words.h - the word list of a subcorpus (--words [QUERY]).
 *
 * The subcorpus is the documents the query selects (every document for the empty
 * query; report containers left out by the caller, as for every concordance). Its words
 * are the index's exact body terms (schema.h: no prefix, folded) that hold a letter
 * (an ASCII letter or any non-ASCII character) and no apostrophe: numbers and footnote
 * markers are no words, and a possessive or contraction ("ICANN's") counts as its head
 * ("icann"). A compound counts as its joined whole and as each part ("cat-like":
 * catlike, cat, like), as the index holds it. A word's frequency is the sum of its wdf
 * over the subcorpus (as --collocates' f(w)), its documents the number of documents
 * holding it. Counted from each document's termlist: no text and no position
 * is read. N, the subcorpus size, is the sum of every word's frequency (before the
 * filters), and the relative frequency is freq / N per million words.
 * Rank: frequency descending, then the word bytewise. min_freq and no_stopwords
 * (an_is_stopword) filter the rows; offset and limit cut them.
 */
#ifndef SQ_WORDS_H
#define SQ_WORDS_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "collocates.h"
#include "format.h"
#include "sindex.h"
#include "status.h"
#include "wtable.h"
#include "xap.h"

/* The counts of a subcorpus: each word's frequency (count) and documents (docs), N and
 * the documents counted. Zeroed is empty; release with wd_counts_release. */
typedef struct wd_counts {
    wt_table_t words;
    uint64_t total; /* N: every word's frequency */
    uint64_t ndocs; /* documents counted */
} wd_counts_t;

/* Count the words of the documents xq matches into t (which may hold counts already:
 * they add up). Returns DS_OK, DS_ERR_NOMEM or the database's status (its message on
 * db). */
ds_status_t wd_count(xap_db_t *db, const xap_query_t *xq, wd_counts_t *t);

void wd_counts_release(wd_counts_t *t);

/* The start of row rank of word w[0..len) in fmt: the batch query id, then the rank and
 * the word (text: padded to 20 columns; TSV: its fields; JSON: an object opened with
 * those keys). The caller writes the rest and the line's end. Shared by keywords.c. */
void wd_put_word(ds_buf_t *out, const fmt_options_t *fmt, size_t rank, const char *w, size_t len);

/* The TSV header line (--header), with a first "query" column in batch mode. */
void wd_header(ds_buf_t *out, int with_query);

/*
 * The word list of the documents xq matches, filtered and cut by o (min_freq,
 * no_stopwords, offset, limit; measure and window unused), written to out in fmt (or
 * flushed to stream as it grows, if not NULL). *found gets the number of rows that
 * passed the filters. Returns DS_OK, or DS_ERR_NOMEM / the database's status with e set.
 */
ds_status_t wd_run(sq_index_t *ix, const xap_query_t *xq, const co_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e);

#endif
