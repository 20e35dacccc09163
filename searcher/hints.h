/*
 * hints.h - why a query found nothing, told on stderr (and in-band in batch JSON), so a
 * zero is never silent:
 *   - a word no document has, with the closest word the index knows, in the text, a
 *     phrase or a field ("did you mean 'public' (for 'publc')?", "did you mean
 *     'actor:netherlands' (for 'actor:netherlnds')?");
 *   - an exact filter value no document has (type:foo), with the closest value and,
 *     when they are few, the values that exist;
 *   - a lower-case operator between words ("a or b": did you mean OR?);
 *   - a built-in field name written with a space after its ':' ("type: report").
 * The checks come from the query (sq_checks, query.h section 7); this module looks them
 * up in the index.
 */
#ifndef SQ_HINTS_H
#define SQ_HINTS_H

#include <stddef.h>

#include "query.h"
#include "sindex.h"

typedef struct sq_hints {
    char **text; /* one line each, no "searcher: " and no newline; valid UTF-8 */
    size_t n;
    char **from, **to; /* corrections: the word as the query wrote it ("actor:netherlnds")
                          and the suggestion ("actor:netherlands") */
    size_t nfix;
} sq_hints_t;

#define SQ_HINTS_INIT {0}

/* Values of a field listed in a hint when it has at most this many. */
#define SQ_HINT_MAX_VALUES 12

/*
 * Fill h (empty on entry) with the hints for q, which found nothing on ix. Returns DS_OK,
 * DS_ERR_NOMEM or the wrapper's status when the index could not be read (h then holds
 * what was found before). Release h with sq_hints_release either way.
 */
ds_status_t sq_hints_find(sq_index_t *ix, const sq_query_t *q, sq_hints_t *h);

/* Free what h holds and leave it empty; NULL is accepted. */
void sq_hints_release(sq_hints_t *h);

#endif
