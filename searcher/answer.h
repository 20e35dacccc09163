/*
 * answer.h - answer one query from start to end: parse, compile, search, find matches
 * in the stored text of each hit, print -- or, in a concordance mode, hand the prepared
 * query to kwic, collocates, timeline, words or keywords. Shared by single-query and batch mode, so a
 * query gives the same output either way.
 */
#ifndef SQ_ANSWER_H
#define SQ_ANSWER_H

#include <stdio.h>

#include "breakdown.h"
#include "collocates.h"
#include "format.h"
#include "keywords.h"
#include "kwic.h"
#include "match.h"
#include "query.h"
#include "search.h"
#include "sindex.h"
#include "timeline.h"
#include "words.h"

/* What a query is answered with: ranked hits, or one of the concordance views. */
typedef enum sq_mode {
    SQ_MODE_SEARCH = 0, /* ranked documents with snippets (or --count) */
    SQ_MODE_KWIC,       /* --kwic: one line per occurrence (kwic.h) */
    SQ_MODE_COLLOCATES, /* --collocates: words around the occurrences (collocates.h) */
    SQ_MODE_TIMELINE,   /* --timeline: occurrences per year or month (timeline.h) */
    SQ_MODE_BREAKDOWN,  /* --breakdown: the forms each keyword matched (breakdown.h) */
    SQ_MODE_WORDS,      /* --words: the word list of the documents (words.h) */
    SQ_MODE_KEYWORDS,   /* --keywords: keyness against a reference (keywords.h) */
} sq_mode_t;

typedef struct sq_answer_opts {
    sq_search_opts_t search;
    fmt_options_t fmt;
    int count_only;     /* --count */
    int explain;        /* --explain: print the parsed query on stderr */
    size_t snippet_width;
    uint32_t max_expansion;
    int suggest;        /* "did you mean" when nothing matches */
    sq_mode_t mode;
    kw_opts_t kwic;     /* SQ_MODE_KWIC */
    co_opts_t coll;     /* SQ_MODE_COLLOCATES */
    co_opts_t words;    /* SQ_MODE_WORDS: min_freq, no_stopwords, offset, limit */
    kk_opts_t keywords; /* SQ_MODE_KEYWORDS */
    const char *reference; /* --reference QUERY of SQ_MODE_KEYWORDS; NULL: the rest */
    tl_opts_t timeline; /* SQ_MODE_TIMELINE */
    FILE *stream;       /* if not NULL, long outputs (concordances) are written there in
                           pieces as they are made; out then holds only the rest */
    const char *fingerprint; /* --with-fingerprint (JSON): each answer starts with the
                                header line of fingerprint.h; else NULL */
} sq_answer_opts_t;

/* Exit-status-like outcome of one query. */
enum { SQ_HITS = 0, SQ_NO_HITS = 1, SQ_ERROR = 2 };

/*
 * A query made ready to run: parsed, compiled over the index and, on demand, its
 * body-text match units and matcher (see match.h). sq_answer and every concordance view
 * go through these, so a query finds the same documents and the same spans in all modes.
 * A zeroed sq_prepared_t (SQ_PREPARED_INIT) is empty; release with sq_prepared_release.
 */
typedef struct sq_prepared {
    sq_query_t *q;
    xap_query_t *xq;       /* the compiled query (wildcards expanded over the index) */
    sq_unit_t *units;      /* every positive unit, fields included (sq_units) */
    size_t nunits;
    mt_unit_t *mu;         /* the body-text units, as matcher units (slots point into */
    mt_slot_t *slots;      /*   units); the keywords of a concordance */
    size_t nmu;
    mt_matcher_t *m;       /* NULL until sq_prepare_matcher */
} sq_prepared_t;

#define SQ_PREPARED_INIT {0}

/*
 * Parse text[0..len) and compile it over ix (wildcards expand to at most max_expansion
 * terms). On DS_OK p holds q and xq (err, if not NULL, cleared). Otherwise err (if not
 * NULL) holds the error -- status, message and code point column, as sq_parse /
 * sq_compile_over give them (query.h, section 2) -- and p is left empty. p must be
 * empty on entry.
 */
ds_status_t sq_prepare(sq_index_t *ix, const char *text, size_t len, uint32_t max_expansion,
                       sq_prepared_t *p, ds_error_t *err);

/* Fill p->units and p->mu from p->q (a no-op the second time). Returns DS_OK or
 * DS_ERR_NOMEM. */
ds_status_t sq_prepare_units(sq_index_t *ix, sq_prepared_t *p);

/*
 * Fill the units (as sq_prepare_units) and build p->m, expanding stems and wildcards
 * against the index. Returns DS_OK (e, if not NULL, cleared), or with e (if not NULL)
 * filled as mt_new says: DS_ERR_NOMEM, DS_ERR_QUERY (too many expansions) or a wrapper
 * error.
 */
ds_status_t sq_prepare_matcher(sq_index_t *ix, sq_prepared_t *p, uint32_t max_expansion,
                               ds_error_t *e);

/* Free everything p holds and leave it empty; NULL is accepted. */
void sq_prepared_release(sq_prepared_t *p);

/* The TSV header line of the mode's output, if o asks for one (fmt.header, TSV, not
 * --count); batch: with a "query" column first. */
void sq_answer_header(ds_buf_t *out, const sq_answer_opts_t *o, int batch);

/*
 * Answer the query text[0..len) on ix, appending the output to out (flushed by the
 * caller), after its fingerprint header line when o->fingerprint is set. Errors are written in-band by the formatter when in batch mode
 * (o->fmt.query_id set) and always on err (stderr): a query error with the caret
 * report, a failure of the index, disk or memory as "searcher: error: ...". Returns
 * SQ_HITS, SQ_NO_HITS or SQ_ERROR.
 */
int sq_answer(sq_index_t *ix, const char *text, size_t len, const sq_answer_opts_t *o,
              ds_buf_t *out, FILE *err);

#endif
