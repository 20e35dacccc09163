/*
 * suggest.h - "did you mean": the closest word the index knows.
 *
 * For a query word no document contains, the suggestion is the indexed exact term
 * within edit distance 2 (1 for words of up to 4 characters) that occurs in the most
 * documents, among the terms sharing its first character. The index's own vocabulary is
 * the dictionary, so a suggestion always has hits.
 *
 * Why not Xapian's spelling dictionary (add_spelling at index time). Measured on corpus/
 * plus 401 distinct /usr/share/doc copyright files (485 documents, 22k words), 2318
 * misspellings of frequent, rare and 4-letter words (one substitution, deletion,
 * insertion or transposition, or two edits), right correction found:
 *                               this     Xapian, 1 shard   Xapian, 2 shards
 *     all                       83.6%    89.1%             85.2%
 *     first letter kept (2103)  92.2%    89.3%             85.3%
 *     first letter wrong (215)   0.5%    87.4%             83.7%
 * at a cost to the index: +27-40% indexing time, +22% peak memory, +9-12% index size
 * (compacted), a dictionary to keep right when documents are replaced or deleted, and
 * none for field values (actor:, type:). So this one stays, and the wrapper has no
 * spelling calls; its weak spot is a wrong first letter.
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
