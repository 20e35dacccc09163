/*
 * verify.h - searcher --verify: does a quote occur in the corpus, exactly or with only
 * the differences a reader tolerates, and where (every place, earliest date first);
 * where it does not, the closest place and the words that differ. The word rules are
 * qalign.h's; the output (text, TSV, JSON) and exit status are README's (--verify).
 */
#ifndef SQ_VERIFY_H
#define SQ_VERIFY_H

#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "sindex.h"

/* Quotes of fewer words cannot be told from chance and are refused. */
#define VF_MIN_WORDS 3

/*
 * Verify quote[0..len) over ix, appending its answer to out (every line carries
 * fmt->query_id in batch mode). Returns SQ_HITS (answer.h) when it occurs (exact or
 * equivalent), SQ_NO_HITS when it is different or not found, SQ_ERROR on a refused
 * quote or a failure (the message also on err).
 */
int vf_verify(sq_index_t *ix, const char *quote, size_t len, const fmt_options_t *fmt,
              ds_buf_t *out, FILE *err);

#endif
