/*
 * qalign.h - a quote's words against a text's words, for searcher --verify (verify.h):
 * the words of both cut by the one analyzer, every place the quote occurs, and, where
 * it occurs nowhere, the closest place with the words that differ.
 *
 * Words. A word is a token that takes a position of its own (not a part of a compound
 * and not a footnote marker), compared by its folded term (analyzer.h): so case,
 * ligatures, accents, apostrophe and dash styles never make a difference; punctuation
 * and white space between words are not compared at all. A word hyphenated at a line
 * end ("protec-" + newline + "tion") is one word, in a text and in a quote alike.
 *
 * A quote's editorial marks:
 *   - an ellipsis ("…", "...", "[...]", "[…]") stands for omitted words: any number
 *     (0 included) of the text's words may stand there, and the span is reported;
 *   - a square-bracketed insertion ("[would be]") need not occur: its k words are
 *     dropped, and at most k words of the text may stand in their place (the words
 *     the editor replaced, or the same words when the text has them, as the seed's
 *     "These [unilateral] digital sanctions" does).
 */
#ifndef SQ_QALIGN_H
#define SQ_QALIGN_H

#include <stddef.h>

#include "status.h"

/* What made a word or a place "equivalent" rather than exact (bits). */
enum qa_note {
    QA_CASE = 1u << 0,      /* letters differ only in case */
    QA_LIGATURE = 1u << 1,  /* ligatures, accents or other folding */
    QA_QUOTES = 1u << 2,    /* apostrophe, quote mark or dash styles inside a word */
    QA_HYPHEN = 1u << 3,    /* a word hyphenated at a line end */
    QA_MARKER = 1u << 4,    /* a footnote marker glued to a word */
    QA_PAGEBREAK = 1u << 5, /* the place runs over a page break (footnotes between) */
    QA_ELLIPSIS = 1u << 6,  /* an ellipsis stood for omitted words */
    QA_INSERTION = 1u << 7, /* a bracketed insertion was dropped */
    QA_NOTE_LAST = 1u << 8
};

/* The name of one note bit ("case", "ligature", "quote style", "hyphenation",
 * "footnote marker", "page break", "ellipsis", "insertion"). */
const char *qa_note_name(unsigned bit);

/* Gap before a quote word: none, an ellipsis, or an insertion of k words (k > 0). */
#define QA_GAP_NONE 0
#define QA_GAP_ELLIPSIS (-1)

typedef struct qa_word {
    char *term;        /* folded term (malloc'd) */
    size_t start, end; /* bytes in the text it was cut from */
    int gap;           /* quotes: QA_GAP_* or the insertion's word count before it */
    unsigned notes;    /* QA_HYPHEN, QA_MARKER met on this word */
} qa_word_t;

typedef struct qa_words {
    qa_word_t *w;
    size_t n, cap;
    unsigned notes; /* what the quote's marks needed: QA_ELLIPSIS, QA_INSERTION */
} qa_words_t;

#define QA_WORDS_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

/* Append the words of text[0..len) to ws (a text: no editorial marks). DS_OK or
 * DS_ERR_NOMEM. */
ds_status_t qa_words_text(qa_words_t *ws, const char *text, size_t len);

/* The words of a quote, its ellipses and insertions read as gaps (above). DS_OK or
 * DS_ERR_NOMEM. */
ds_status_t qa_words_quote(qa_words_t *ws, const char *quote, size_t len);

void qa_words_release(qa_words_t *ws);

/* One place the quote occurs: text words [first, last]; quote word j is text word
 * omit_to[j], and the text words [omit_from[j], omit_to[j]) stand in its gap (the
 * omitted words when j follows an ellipsis; the words an insertion replaced). */
typedef struct qa_match {
    size_t first, last;
    size_t *omit_from, *omit_to; /* q->n each, malloc'd by qa_find */
    unsigned notes;              /* what was tolerated (enum qa_note) */
} qa_match_t;

/*
 * The first place at or after text word `from` where quote q occurs in text t (words
 * of qtext and ttext). Returns 1 and fills m (release with qa_match_release), 0 when
 * there is none, -DS_ERR_NOMEM.
 */
int qa_find(const qa_words_t *q, const char *qtext, const qa_words_t *t, const char *ttext,
            size_t from, qa_match_t *m);

void qa_match_release(qa_match_t *m);

/* One difference of the closest place: quote word q against text word t; SIZE_MAX for
 * the side that has no word (quote adds / quote omits). */
typedef struct qa_diff {
    size_t q, t;
} qa_diff_t;

typedef struct qa_closest {
    size_t first, last; /* text words of the place (last < first: none) */
    qa_diff_t *d;
    size_t nd; /* the edit distance */
} qa_closest_t;

/*
 * The place of t closest to q: the least word edits (a changed, added or missing
 * word costs 1; the words an ellipsis or insertion stands for cost nothing), found
 * with a word-level edit distance that leaves the text's ends free. A text whose
 * table (quote words + 1 times text words + 1) would pass QA_MAX_CELLS has none
 * (c->first > c->last). DS_OK or DS_ERR_NOMEM; release with qa_closest_release.
 */
#define QA_MAX_CELLS ((size_t)64 << 20)
ds_status_t qa_closest(const qa_words_t *q, const qa_words_t *t, qa_closest_t *c);

void qa_closest_release(qa_closest_t *c);

#endif
