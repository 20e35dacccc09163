/*
 * collocates.h - the words that keep company with a query's keywords (--collocates).
 *
 * Counting. For every occurrence of the keywords (kwic.h: the same occurrences --kwic
 * lists) the words within `window` words left and right of it are counted -- words as
 * kwic.h section 3 defines them (the analyzer's tokens, folded; compound parts and
 * footnote markers excluded; punctuation is no word), the occurrence's own words never.
 * O(w), the observed count of word type w (its folded exact term), is the number of
 * times w stands in those windows over all occurrences: a word in the windows of two
 * occurrences counts twice, as in AntConc. A window stops at the edge of its document.
 *
 * Association. With
 *   f(k)  the number of occurrences of the keywords (what --kwic --count reports),
 *   f(w)  the corpus frequency of w: Xapian's collection frequency of its exact term,
 *         i.e. its occurrences in the body texts of every document of the index
 *         (occurrences as a part of a compound included),
 *   N     the corpus size: the body word positions of every document of the index,
 *         summed (the first number of the DS_SLOT_SIZES value, as indexer --stats),
 *   S     the span, 2 * window,
 * the expected count is E = f(k) * f(w) * S / N, and the measures are
 *   mi   mutual information       MI = log2(O / E)
 *   t    t-score                  t  = (O - E) / sqrt(O)
 *   ll   log-likelihood, Dunning's G2 over the 2x2 contingency table
 *            O11 = O             O12 = f(k) S - O
 *            O21 = f(w) - O      O22 = N - f(k) S - f(w) + O
 *        with E_ij = R_i C_j / N (R_i, C_j the row and column totals; E11 = E):
 *            G2 = 2 * sum O_ij ln(O_ij / E_ij)   (cells <= 0 add nothing),
 *        given a minus sign when O < E (a word that avoids the keyword).
 * The filters of the query (date:, type:, actor: ...) choose the occurrences; f(w) and
 * N always describe the whole index, the reference corpus. Words seen fewer than
 * min_freq times (O) are left out, and stop words (an_is_stopword) on request. Rank:
 * score descending, then O descending, then the word bytewise.
 *
 * Reading. The occurrences come from the position lists (kw_each_doc_pos) and each
 * window's words from the record's position map (kw_words_window): the tokens from the
 * checkpoint before the window's first word to its last, never a whole text -- except
 * in the documents kw_each_doc_pos matches from their text. Test hooks (kw_test_hook):
 * DS_COLLOC_TEXT takes the text path everywhere (kw_each_doc, kw_words_scan);
 * DS_COLLOC_TOKENS prints "collocates: N tokens read for words" on stderr.
 */
#ifndef SQ_COLLOCATES_H
#define SQ_COLLOCATES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "match.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

typedef enum co_measure { CO_LL = 0, CO_MI, CO_T } co_measure_t;

#define CO_WINDOW_DEFAULT 5
#define CO_WINDOW_MAX 50
#define CO_MIN_FREQ_DEFAULT 3

typedef struct co_opts {
    co_measure_t measure;
    unsigned window;        /* words each side, 1..CO_WINDOW_MAX */
    uint64_t min_freq;      /* least O shown */
    int no_stopwords;       /* leave stop words out */
    uint64_t offset, limit; /* rows to skip / to show (UINT64_MAX: all) */
} co_opts_t;

/* Parse "mi", "t" or "ll" into *m; returns 0, or -1 for anything else. */
int co_parse_measure(co_measure_t *m, const char *s);

/* "mi", "t", "ll". */
const char *co_measure_name(co_measure_t m);

/* E = f(k) f(w) 2 window / N (0 when n is 0). */
double co_expected(uint64_t fk, uint64_t fw, unsigned window, uint64_t n);

/* The score of a word seen o times (o >= 1) by measure m, as described above. */
double co_score(co_measure_t m, uint64_t o, uint64_t fk, uint64_t fw, unsigned window, uint64_t n);

/* The TSV header line of collocate rows (with_query: a "query" column first). */
void co_header(ds_buf_t *out, int with_query);


/*
 * Count the collocates of the keywords (matcher m, not NULL) of the documents matching
 * xq, and print the ranked rows into out: rank, word, observed, expected, score,
 * freq (= f(w)). Text: a line describing the run (occurrences, window, measure, N),
 * a header and aligned rows; TSV: [query] rank word observed expected score freq; JSON:
 * one object per row with those keys. If stream is not NULL, out is written there when
 * it grows large. *found = the number of rows that pass the filters. Returns DS_OK (e, if
 * not NULL, cleared), or with e (if not NULL) filled an error of kw_each_doc (its
 * message), or DS_ERR_NOMEM or a wrapper error after the walk (the database's message,
 * else the status' own text).
 */
ds_status_t co_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const co_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e);

#endif
