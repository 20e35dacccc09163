/*
 * suggest.h - "did you mean": the closest word the index knows.
 *
 * For a query word no document contains, the suggestion is the indexed exact term
 * within edit distance 2 (1 for words of up to 4 characters) that occurs in the most
 * documents, among the terms sharing its first character. The index's own vocabulary is
 * the dictionary, so a suggestion always has hits.
 */
#ifndef SQ_SUGGEST_H
#define SQ_SUGGEST_H

#include "buf.h"
#include "status.h"
#include "xap.h"

/*
 * Append to out the best correction of the exact folded word[0..len) among the terms
 * prefix + word (prefix "" for the text, DS_PREFIX_ACTOR for actor:, DS_PREFIX_TYPE for
 * type: values...), without the prefix; nothing if there is none (or prefix + word is in
 * the index). Returns DS_OK or the wrapper's status when the vocabulary could not be
 * read (out is then unchanged: a failure is never "no suggestion").
 */
ds_status_t sq_suggest(xap_db_t *db, const char *prefix, const char *word, size_t len,
                       ds_buf_t *out);

#endif
