/*
 * kwic.h - concordances: every occurrence of a query's keywords in the stored text of
 * every matching document, and keyword-in-context (KWIC) lines cut around them.
 *
 * Contents
 *   1. Occurrences: kw_each_doc walks ALL matching documents in a fixed order and gives
 *      each one's text and occurrences -- shared by KWIC, collocates and timeline;
 *      kw_each_count counts the same occurrences from position lists, reading no text
 *   2. Contexts: how far a context reaches, in characters or in words
 *   3. Words: the analyzer's words of a text with their byte spans (sort keys L1/R1,
 *      collocate windows)
 *   4. KWIC: kw_run prints the lines (text, TSV, JSON) or only the counts
 *
 * Keywords and occurrences. The keywords of a query are its positive body-text units
 * (query.h, section 5): its words (stemmed: `protect` finds protect, protecting,
 * protection), exact phrases, wildcards and NEAR groups -- not what is under NOT or '-',
 * and not the words of fields (title:, actor:) or filters (type:, date:), which only
 * select documents. An occurrence is one match of a keyword found by mt_find (match.h)
 * in a matching document's stored text: its exact byte span [start, end), from the
 * first to the last token of a phrase or NEAR group. Overlapping occurrences of one
 * phrase ("a a" in "a a a") count separately; when several keywords match at the same
 * start byte (a compound's whole form and its parts, `protect OR protection`), that is
 * ONE occurrence, the longest.
 *
 * Order. Documents come in "document order": by id in natural order, "#p9" before
 * "#p10" (the value of DS_SLOT_ID_KEY, a ds_natkey of the id, so the order is the same
 * whatever the sharding), or by date (DS_SLOT_DATE_START, undated
 * documents first; then by id); occurrences within a document by start.
 */
#ifndef SQ_KWIC_H
#define SQ_KWIC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "docstore.h"
#include "format.h"
#include "match.h"
#include "sindex.h"
#include "status.h"
#include "xap.h"

/* ==== 1. Occurrences ================================================================= */

typedef enum kw_order {
    KW_ORDER_DOC = 0,   /* by id */
    KW_ORDER_DATE,      /* by first day, oldest first (undated first), then id */
    KW_ORDER_DATE_DESC, /* by first day, newest first (undated last), then id */
} kw_order_t;

/* One matching document, as kw_each_doc hands it to its visitor. Everything is
 * borrowed: valid during the call only. kw_each_doc's visitors get the whole text; in
 * kw_run's positions path (kwic.c) text holds only the chunks read (dstore_text_view),
 * and a reader of more of it reads that range first (dstore_text_range on rec). */
typedef struct kw_doc {
    uint64_t ordinal; /* 0-based, in visiting order */
    xap_docid_t docid;
    dstore_record_t *rec; /* fields (dstore_get) and text */
    const char *text;     /* the stored text (kw_each_doc: whole); NULL without a matcher */
    size_t len;
    const mt_occ_t *occ; /* occurrences by start, one per start byte; NULL if none */
    size_t nocc;
    ds_posmap_t *map; /* the record's position map when the occurrences came from the
                         positions (kw_each_doc_pos), else NULL */
} kw_doc_t;

/* A visitor returns DS_OK to go on (setting *stop = 1 ends the walk early, successfully)
 * or an error status, which ends the walk and is returned by kw_each_doc. (The one walk
 * with a visitor: pages of documents are read and freed behind it; sequences elsewhere
 * are read with *_next iterators, status.h.) Threads: with a matcher, the walk reads
 * the records on the caller's thread and finds the occurrences and calls the visitor
 * on a second one (kwpipe.h), one call at a time and in order -- so a visitor must not
 * use the index, which the walk reads meanwhile; what it touches is its own until the
 * walk returns. */
typedef ds_status_t (*kw_visit_fn)(void *ctx, const kw_doc_t *doc, int *stop);

/*
 * Visit the documents matching xq in order, reading them from ix in pages (no more than
 * a page of documents is held at a time). With a matcher m, each document's text is
 * inflated and searched whole (mt_find) and only documents with at least one occurrence are
 * visited; with m NULL every matching document is visited, without its text.
 * Returns DS_OK (e, if not NULL, cleared) or, with e (if not NULL) filled (column 0):
 *   DS_ERR_CORRUPT  a damaged record: "document N: damaged record or text (rebuild the
 *                   index)"
 *   the visitor's error, DS_ERR_NOMEM, DS_ERR_QUERY or another wrapper error: the match
 *                   set's message, else the enquire's (or the database's), else the
 *                   status' own text
 * A DS_ERR_MODIFIED before the first visit is retried once after reopening.
 */
ds_status_t kw_each_doc(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, kw_order_t order,
                        kw_visit_fn visit, void *ctx, ds_error_t *e);

/*
 * The same walk, the same documents and occurrences (m not NULL), found from the
 * index's position lists of m's terms instead of the whole text: a document whose
 * positions hold no occurrence is not even read; in the others only the tokens at the
 * terms' positions are read, each from the record's position map (mt_find_mapped), and
 * the map is handed to the visitor (kw_doc_t.map) for windows of words
 * (kw_words_window). A document where positions cannot tell (mt_find_positions' doubts)
 * or whose record has no map is matched from its whole text as kw_each_doc does (map
 * NULL). Returns as kw_each_doc does; an error reading the position lists is the
 * wrapper's status with the list's message.
 */
ds_status_t kw_each_doc_pos(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m,
                            kw_order_t order, kw_visit_fn visit, void *ctx, ds_error_t *e);

/*
 * The same walk for counting only, from the index's position lists (kwcount.c): every
 * document matching xq that holds occurrences of m's keywords is visited with its id
 * and its number of occurrences -- the number of occ kw_each_doc would give it, one per
 * start byte -- in ascending docid order (a count needs no other), without reading its
 * record or text; only a document where positions cannot tell its occurrences
 * (mt_find_positions' doubts: a footnote marker among the hits) is counted from its
 * text. The visitor returns as kw_each_doc's does (*stop = 1 ends the walk). Returns
 * DS_OK (e cleared) or, with e (if not NULL) filled: DS_ERR_CORRUPT for a damaged
 * record of a document counted from its text (message as kw_each_doc's), the
 * visitor's error, DS_ERR_NOMEM, DS_ERR_QUERY or another wrapper error with the
 * message of the database, enquire or iterator that failed. A DS_ERR_MODIFIED of the
 * match is retried once after reopening.
 */
typedef ds_status_t (*kw_count_fn)(void *ctx, xap_docid_t docid, uint64_t nocc, int *stop);
ds_status_t kw_each_count(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, kw_count_fn visit,
                          void *ctx, ds_error_t *e);

/* ==== 2. Contexts ===================================================================
 * A context never cuts a UTF-8 sequence. It is shown with every run of white space
 * (line breaks, tabs, control characters included) as one space -- which is how
 * characters are counted too: a run of white space is one character. Words for
 * contexts are runs of non-white-space characters; characters glued to the match
 * ("(public core)": the parentheses) belong to the context without counting as a word.
 * Leading (left) and trailing (right) white space is not part of a context.
 */

/* Start of the context of n characters (or, with words != 0, n words) that ends at byte
 * `start` of text. */
size_t kw_left(const char *text, size_t start, size_t n, int words);

/* End of the context of n characters (or words) that starts at byte `end` of
 * text[0..len). */
size_t kw_right(const char *text, size_t len, size_t end, size_t n, int words);

/* ==== 3. Words ======================================================================
 * The words of a text for sort keys and collocates: the analyzer's tokens (analyzer.h)
 * except the parts of compounds and identifiers (the whole form stands for them:
 * "ICT-related" is the one word "ictrelated") and footnote markers; each with its folded
 * term. A possessive or contraction is its word: "ICANN’s" is "icann", "it's" is the
 * stop word "it" (its part, spanning "ICANN" / "it"). Punctuation is not a word.
 */
typedef struct kw_word {
    size_t start, end; /* byte span in the text */
    size_t term;       /* offset of the folded term in kw_words_t.terms */
    size_t term_len;
} kw_word_t;

typedef struct kw_words {
    kw_word_t *v;
    size_t n, cap;
    ds_buf_t terms;  /* the folded terms, back to back */
    uint64_t tokens; /* the analyzer's tokens read, over every scan (never reset) */
} kw_words_t;

#define KW_WORDS_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, DS_BUF_INIT, 0                                                                 \
    }

/* Replace w's contents with the words of text[0..len). Memory is kept from one text to
 * the next. Returns DS_OK or DS_ERR_NOMEM (w is then empty but may be scanned again). */
ds_status_t kw_words_scan(kw_words_t *w, const char *text, size_t len);

/*
 * Replace w's contents with the words around occurrence oc of text[0..len), tokenized
 * from map's checkpoints (map: the text's position map; oc->pos a 0-based text
 * position): a run of the text's words (kw_words_scan's words, in order) that holds at
 * least the n words left of oc (kw_words_before(w, oc->start) >= n) or reaches back to
 * the text's first word, and at least n words right of it (from kw_words_after(w,
 * oc->end)) or reaches the text's last. Only those words (and the tokens before the
 * first, back to its checkpoint) are read. Returns DS_OK, DS_ERR_NOMEM, or
 * DS_ERR_RANGE / DS_ERR_CORRUPT when the map does not answer for the text (w is then
 * empty).
 */
ds_status_t kw_words_window(kw_words_t *w, const ds_posmap_t *map, const char *text, size_t len,
                            const mt_occ_t *oc, size_t n);

/* The words left of byte off are [0, kw_words_before(w, off)): those that end at or
 * before off (a compound that holds off is on neither side). The words right of off are
 * [kw_words_after(w, off), w->n): those that start at or after off. */
size_t kw_words_before(const kw_words_t *w, size_t off);
size_t kw_words_after(const kw_words_t *w, size_t off);

/* The folded term of word i. */
static inline const char *kw_words_term(const kw_words_t *w, size_t i)
{
    return w->terms.data + w->v[i].term;
}

void kw_words_release(kw_words_t *w);

/* ==== 4. KWIC ======================================================================= */

typedef enum kw_sort {
    KW_SORT_DOC = 0,   /* document order, then offset (the default) */
    KW_SORT_DATE,      /* by date, then document order, then offset */
    KW_SORT_DATE_DESC, /* newest first, then document order, then offset */
    KW_SORT_LEFT,      /* by the sort_k-th word left of the match (L1 = the nearest) */
    KW_SORT_RIGHT,     /* by the sort_k-th word right of the match (R1 = the nearest) */
} kw_sort_t;

#define KW_SORT_K_MAX 9
#define KW_CONTEXT_DEFAULT 40 /* characters each side */
#define KW_ALL UINT64_MAX     /* limit: every line */

typedef struct kw_opts {
    kw_sort_t sort;
    unsigned sort_k;        /* KW_SORT_LEFT/RIGHT: 1..KW_SORT_K_MAX */
    size_t context;         /* characters (or words) each side */
    int context_words;      /* context counts words, not characters */
    uint64_t offset, limit; /* lines to skip / to print (KW_ALL: all) */
    int count_only;         /* print only the numbers of occurrences and documents */
    uint64_t sample;        /* print only a sample of this many lines (0: every line) */
    uint64_t seed;          /* the sample's seed (KW_SEED_DEFAULT unless given) */
} kw_opts_t;

#define KW_SEED_DEFAULT 1

/*
 * The sample of --sample N --seed S (kwsample.c): min(n, total) distinct line numbers
 * of [0, total), chosen with Floyd's algorithm from the splitmix64 sequence seeded
 * with seed, in ascending order in *pick (malloc'd, NULL when *npick is 0). The same
 * total, n and seed give the same numbers on every platform. Returns DS_OK or
 * DS_ERR_NOMEM.
 */
ds_status_t kw_sample_pick(uint64_t total, uint64_t n, uint64_t seed, uint64_t **pick,
                           size_t *npick);

/* splitmix64: advance *state and return its next number (the sample's generator). */
uint64_t kw_splitmix64(uint64_t *state);

/* The TSV header line of KWIC lines (with_query: a "query" column first, for batch mode)
 * of output format version (2: page, line and locator last). */
void kw_header(ds_buf_t *out, int with_query, int version);

/*
 * Parse a --sort value for KWIC: doc, date, -date, L1..L9 or R1..R9 (L/R in either case).
 * Returns 0 and sets o->sort / o->sort_k, or -1 for anything else.
 */
int kw_parse_sort(kw_opts_t *o, const char *s);

/*
 * Print the concordance of xq's keywords (matcher m, not NULL) over ix into out, in
 * fmt's format (kind, color, header, query_id). Lines (fields id, date, actor, title,
 * offset, left, match, right):
 *   text  the left context right-aligned in a column so the keywords line up, the match
 *         (bold with fmt->color), the right context, then date, actor (else title), and
 *         id:offset;
 *   tsv   [query] id date actor title offset left match right (a header line first
 *         with fmt->header);
 *   json  {"query"?, "id", "date", "actor", "title", "offset", "left", "match",
 *         "right"}, missing values null.
 * Format version 2 (fmt->version) adds page, line and locator after right (TSV columns,
 * JSON keys; locate.h: the match's span, page and line from the record's line map,
 * "" / null where not known); text lines stay as they are.
 * offset is the byte offset of the match in the document's stored text; match is the
 * exact bytes (in text format with white space collapsed), left and right the contexts
 * (section 2). With o->count_only, only "N occurrences in M documents" (tsv: N<TAB>M;
 * json: {"occurrences":N,"documents":M}). If stream is not NULL, out is written to it
 * whenever it grows large (and left with the rest). *found = the number of occurrences
 * (all of them, whatever the limit, when counting or sorting; else those visited).
 * With o->sample, only the lines numbered kw_sample_pick(T, o->sample, o->seed) are
 * printed, T the lines' number counted first as o->count_only counts (no offset or
 * limit then: the caller refuses them).
 * Returns DS_OK (e, if not NULL, cleared), or an error of kw_each_doc (those of writing
 * the lines too: DS_ERR_IO writing to stream, DS_ERR_NOMEM) with e filled as it says.
 *
 * The lines are those of kw_each_doc's occurrences, but found from the position lists
 * and each record's position map (kwic.c, Speed), never tokenizing a whole text; the
 * L1..R9 sorts, and documents whose positions cannot tell (kw_each_count's doubts) or
 * whose record has no map, take the text path (mt_find). Test hook: with the
 * environment variable DS_KWIC_TEXT set (not empty, not "0") every document takes the
 * text path -- tests compare the two byte for byte (test_kwic_positions.py).
 */
ds_status_t kw_run(sq_index_t *ix, const xap_query_t *xq, mt_matcher_t *m, const kw_opts_t *o,
                   const fmt_options_t *fmt, ds_buf_t *out, FILE *stream, uint64_t *found,
                   ds_error_t *e);

/* The start of a row of the concordance tables (collocates, breakdown) in batch mode
 * (fmt->query_id set): text "[id] ", TSV the id and a tab, JSON `"query":ID,` (after the
 * row's '{'); nothing outside batch mode. */
void kw_row_prefix(ds_buf_t *out, const fmt_options_t *fmt);

/* Whether the test hook `name` (an environment variable: DS_KWIC_TEXT, DS_COLLOC_TEXT,
 * DS_COLLOC_TOKENS) is on: set, not empty, not "0". */
int kw_test_hook(const char *name);

/* Write out to stream and empty it once it holds at least KW_FLUSH_BYTES (streaming
 * output; a NULL stream keeps everything in out). Returns DS_OK, DS_ERR_NOMEM (out
 * failed earlier) or DS_ERR_IO (the write failed). */
#define KW_FLUSH_BYTES 65536
ds_status_t kw_flush(ds_buf_t *out, FILE *stream);

#endif
