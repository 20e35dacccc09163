/*
 * show.h - searcher --show LOCATOR: the span a locator (common/locator.h) names, with
 * words of context, and its citation: title, date, actor, page and line, url, and the
 * footnotes of its passage.
 *
 * What a locator can promise. It holds the document's id, a byte span and the first 12
 * hex digits of the text hash (schema.h, Text hash), not the words: so when the
 * document's text hash differs from the locator's, the text was edited and reindexed,
 * and what stands at the span now may be other words. --show then says plainly that it
 * changed (both hashes) and shows no text as the locator's. Given the words the locator
 * was made for (--quote WORDS: a KWIC line's match, the quoted sentence), it finds them
 * in the current text -- the analyzer's words, folded as the index folds them (case,
 * accents, punctuation ignored) -- and, when they occur exactly once, shows them there
 * with their new locator; it says how often they occur otherwise. Without --quote it
 * cannot tell where the words went, and does not guess. A span past the end of the
 * current text is a change too (the hash cannot be the same).
 *
 * Context: o->context analyzer words (kwic.h, Words: a compound is one word, punctuation
 * and footnote markers none) on each side of the span; the left context starts at the
 * first of its words, the right one ends at the last of its, punctuation between them
 * and the span kept. The whole text is tokenized for them (one document).
 *
 * Page and line: from the record's line map at the span's start (reports, passages, as
 * in locators); a citation's are its record's (where its footnote starts); a plain PDF's
 * page is 1 + the form feeds before the span; else none.
 *
 * Output (o->kind):
 *   text  the locator, then the citation block (title; date, actor, page and line; url;
 *         the footnotes, one a line: number, title, url), then the span in its context,
 *         the span between [[ and ]] (bold instead, on a terminal: o->color); when
 *         changed, a CHANGED line instead and, with --quote, where the words are now.
 *         Document text goes through out_text: no control character reaches the terminal.
 *   tsv   one line: locator id title date actor page line url left match right status
 *         current_hash now occurrences (o->header: their names first), then one line
 *         per footnote: #footnote<TAB>number<TAB>title<TAB>url
 *   json  one object: {"locator","id","title","date","actor","page","line","url",
 *         "footnotes":[{"number","title","url"}],"left","match","right","status",
 *         "current_hash","now","occurrences"}; missing values null.
 * status is "ok" or "changed"; current_hash the current text hash's first 12 digits (as
 * a locator writes them); now the locator of the quoted words in the current text when
 * they occur once (changed only), occurrences how often they occur (with --quote only).
 * left, match and right are null (TSV "") when no span is shown.
 */
#ifndef SQ_SHOW_H
#define SQ_SHOW_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "format.h"
#include "sindex.h"

#define SQ_SHOW_CONTEXT_DEFAULT 12 /* words each side */

typedef struct sq_show_opts {
    const char *locator; /* as given (a C string) */
    const char *quote;   /* --quote WORDS, or NULL */
    size_t context;      /* words each side */
    fmt_kind_t kind;
    int header; /* TSV: a header line first */
    int color;  /* text: bold instead of [[ ]] */
} sq_show_opts_t;

/*
 * Show o->locator from ix, appending the output to out; messages go to err:
 *   "searcher: malformed locator: MESSAGE (column N)" with the locator and a caret;
 *   "searcher: no document 'ID' in the index" (an unknown id);
 *   "searcher: ID changed since this locator was made (hash X, now Y)" (then the output);
 *   "searcher: --quote has no words"; "searcher: error: ..." (the index, memory).
 * Returns 0 (the span is the locator's: the text is unchanged), 1 (changed) or 2 (an
 * error: nothing is appended to out).
 */
int sq_show(sq_index_t *ix, const sq_show_opts_t *o, ds_buf_t *out, FILE *err);

#endif
