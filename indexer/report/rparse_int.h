/*
 * rparse_int.h - internals shared by the report parser's files (not a public API).
 *
 * Map of the parser (one stage per file, run in this order by rp_parse in rparse.c):
 *   rparse_text.c      vectors, UTF-8 widths, small word/URL predicates, the line joiner
 *   rparse_layout.c    lines and pages; page numbers; footnote blocks (line roles)
 *   rparse_symbols.c   symbol-marked footnotes of a page (before its numbered block)
 *   rparse_furniture.c page-number lines, running headers and footers, page labels
 *   rparse_geom.c      the same from a layout (rp_parse_layout): body type size, page
 *                      furniture and footnote blocks found by size and position
 *   rparse_notes.c     footnote records: joined text, URLs, symbols, title, date, order
 *   rparse_cite.c      a footnote's citation date: the document's, the meeting's
 *   rparse_markers.c   footnote markers in body lines (cleaned line texts)
 *   rparse_headings.c  typical line width, headings
 *   rparse_passages.c  sections, passages, dates, the body and its offset maps
 *   rparse_actor.c     "On <date>, <actor>" leads and actor short forms
 *
 * The text the stages read holds no NUL byte (rp_parse maps them to spaces) and is
 * valid UTF-8, so strchr(set, ch) tests and UTF-8 stepping are safe on it.
 *
 * Everything the report returns lives in one arena (ds_arena_t, common/arena.h) freed at
 * once; working arrays of the context are malloc'd and freed by rp_ctx_release().
 */
#ifndef IX_RPARSE_INT_H
#define IX_RPARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "dates.h"
#include "rparse.h"

/* ---- vectors ---------------------------------------------------------------------- */

/* Append el (size elsize) to the malloc'd vector *v of *n elements, capacity *cap.
 * Returns 0, or -1 when memory runs out (vector unchanged). */
int rp_vec_push(void *v, size_t *n, size_t *cap, size_t elsize, const void *el);

/* ---- lines -------------------------------------------------------------------------- */

enum rp_role {
    RL_BODY = 0,   /* body text */
    RL_BLANK,      /* empty or white space only (in the body: a paragraph break) */
    RL_NOTE_NUM,   /* the number line of a footnote (with its first text when lead > 0) */
    RL_NOTE_TEXT,  /* footnote text (note says which) */
    RL_NOTE_BLANK, /* blank line inside a footnote block */
    RL_PAGENUM     /* a dropped page number */
};

typedef struct rp_line {
    const char *s; /* trimmed text (points into the context's text) */
    size_t n;
    size_t lineno;  /* 1-based line of the original */
    size_t page;    /* 1-based page */
    int page_start; /* first non-blank line of its page */
    size_t indent;  /* code points of white space before the text (-layout indents) */
    unsigned num;   /* value when the line is a bare number (1-4 digits), else 0 */
    unsigned inum;  /* value when the line starts "12 text" (1-4 digits, white space, text) */
    size_t lead;    /* then: bytes of the number and its white space, where the text starts */
    int role;       /* enum rp_role */
    size_t note;    /* RL_NOTE_*: index into ctx->notes */
    /* body lines, after marker removal (rparse_markers.c) */
    char *c;      /* cleaned text (arena), NUL-terminated */
    size_t cn;    /* its length */
    size_t width; /* code points of the cleaned text */
    int heading;  /* 1: first line of a heading; 2: a further line of one */
    int sym;      /* a line of a symbol footnote (rparse_symbols.c): numbered walks skip it */
    /* a -layout line holding two columns (s/n its left part, or its body part): ns[0..nn)
     * is the other column's text, of footnote nnote; else nn 0. A body line's is the
     * footnote beside it (rparse_layout.c), a symbol footnote line's the footnote that
     * stands beside it in the right column (rparse_symbols.c). */
    const char *ns;
    size_t nn, nnote;
} rp_line_t;

typedef struct rp_note {
    unsigned number;
    size_t start_line; /* index of the line where the footnote begins */
    size_t order;      /* creation order (tie-break when sorting) */
    size_t nmarkers;
    unsigned printed; /* the number as printed (number runs on over restarts); 0: symbol */
    const char *mark; /* a symbol footnote's mark (arena), NULL for a numbered one */
} rp_note_t;

/* A numbering run that restarts at 1 (footnotes per chapter): body lines from line
 * index `from` on number their markers from base + 1. */
typedef struct rp_run {
    size_t from;
    unsigned base;
} rp_run_t;

typedef struct rp_mark {
    unsigned number;
    size_t li;          /* line index */
    size_t off;         /* offset in the line's cleaned text */
    size_t body_offset; /* passage- or heading-relative until the body is built */
    size_t passage;     /* passage index, or RP_NONE in a heading */
    size_t section;     /* section index */
} rp_mark_t;

typedef struct rp_ctx {
    const char *file;
    size_t first_line; /* number of the text's first line in its file (front matter) */
    rp_footnote_mode_t footnotes; /* what the metadata says of footnotes (rp_options_t) */
    ds_diag_t *diag;
    int32_t report_day;
    int default_year; /* report_day's year, or 0 */
    ds_arena_t *arena;
    const char *text; /* repaired input */
    size_t len;
    int has_ff; /* the text holds a form feed */
    int page_open; /* splitting: the current page has a non-blank line */
    rp_line_t *lines;
    size_t nlines, caplines;
    size_t npages;
    char **labels; /* npages printed page labels (arena), "" when none */
    rp_note_t *notes;
    size_t nnotes, capnotes;
    unsigned last_note; /* highest printed footnote number of the current run (layout) */
    unsigned note_base, max_note; /* the run's base; the highest running number */
    size_t last_page_end;         /* line index after the last page with a footnote */
    rp_run_t *runs;               /* restarts, in line order */
    size_t nruns, capruns;
    rp_mark_t *marks;
    size_t nmarks, capmarks;
    size_t width; /* typical body line width in code points */
    int nomem;
    rp_report_t *r;
    /* the layout input (rp_parse_layout): the pages text was written from, or NULL */
    const rp_layout_page_t *geom;
    size_t ngeom;
} rp_ctx_t;

void rp_ctx_release(rp_ctx_t *c);

/* ---- stages ------------------------------------------------------------------------- */

int rp_layout(rp_ctx_t *c);    /* lines, pages, roles, notes; 0 or -1 (nomem) */
/* Page furniture of the text pages [st[p], st[p + 1]), p < np (rparse_furniture.c):
 * page-number lines and repeated headers and footers become RL_PAGENUM, their numbers
 * c->labels. 0 or -1 (nomem). */
int rp_furniture(rp_ctx_t *c, const size_t *st, size_t np);
/* Labels from the bare page numbers the layout dropped, where a page has none yet. */
void rp_page_labels(rp_ctx_t *c);
/* The same from the geometry of c->geom (rparse_geom.c), instead of rp_layout: also
 * c->labels. 0 or -1 (nomem). */
int rp_geom(rp_ctx_t *c);
int rp_notes(rp_ctx_t *c);     /* r->footnotes; 0 or -1 */
int rp_markers(rp_ctx_t *c);   /* cleaned lines, c->marks; 0 or -1 */
void rp_headings(rp_ctx_t *c); /* c->width, lines[].heading */
int rp_passages(rp_ctx_t *c);  /* sections, passages, body, markers; 0 or -1 */

/* The marker candidates of body line s[0..n), in order: the numbers the Markers rule
 * (rparse.h) reads as glued, spaced or superscript markers, before the sequence decides
 * (rparse_markers.c). An iterator as status.h's, that cannot fail: start with *i = 0;
 * each call returns 1 with the next number in *v, or 0 at the end. */
int rp_marker_next(const char *s, size_t n, size_t *i, unsigned *v);

/* "at tug 19991 and", "28 May 20215 and", "in 20002 .": the digit run at s[i] of
 * s[0..n) is a year (1900-2099) with a superscript marker glued after its four digits
 * (1-2 more), standing alone: before it the line start, a space or '('; after it the
 * line end, a space, ',' or '.'. Returns the marker's number (> 0), 0 if not. */
unsigned rp_year_marker(const char *s, size_t n, size_t i);

/* ---- two columns of -layout text (rparse_layout.c) -------------------------------- */

/* The page's other column, from its body lines [ps, top): the display column (right of
 * column 20) where most of them start text, at their indent or after a gap of 2 or more
 * spaces, at least 5 lines and a third of them; 0 if none (one column, or text mode,
 * where pdftotext sets no gaps). */
size_t rp_page_column(const rp_ctx_t *c, size_t ps, size_t top);
/* The byte offset in line ln of text that starts after a gap at display column x (one
 * column left for pdftotext's rounding, 4 right for a paragraph's first-line indent);
 * 0 if none. */
size_t rp_col_at(const rp_line_t *ln, size_t x);

/* ---- symbol footnotes (rparse_symbols.c) ------------------------------------------- */

/* The symbol footnotes of page [ps, pe) (rparse.h, Symbol footnotes): their lines get
 * roles RL_NOTE_NUM / RL_NOTE_TEXT / RL_NOTE_BLANK and sym = 1, their notes number 0
 * (numbered by rp_symbol_numbers). Run before the page's numbered layout. 0 or -1. */
int rp_symbol_page(rp_ctx_t *c, size_t ps, size_t pe);
/* Number the symbol notes after the highest numbered one, in order of appearance. */
void rp_symbol_numbers(rp_ctx_t *c);
/* The length of the footnote mark at s[i..n): a run of one symbol (∗ * † ‡ § ¶ ‖), at
 * most 3 long; 0 if none. */
size_t rp_symbol_mark(const char *s, size_t n, size_t i);
/* 1 if the mark s[i..i+ml) is glued in body text: not at the line's start, after a
 * letter, digit, closing quote, bracket or punctuation, and followed by the end, a space
 * or punctuation (not by a letter or digit, not by more of the symbol). */
int rp_symbol_glued(const char *s, size_t n, size_t i, size_t ml);

/* ---- text helpers (rparse_text.c) ----------------------------------------------------- */

/* Code points in s[0..n) (characters as utf8_next steps them). */
size_t rp_width(const char *s, size_t n);
/* The code point before s + i (0 if i == 0), with its length in *clen (utf8_prev). i is
 * a character boundary of the parser's valid text, so a valid character ends there (were
 * it not, the result would be the last byte's value, length 1). */
uint32_t rp_prev_cp(const char *s, size_t i, size_t *clen);
/* The code point at s + i (0 at the end), with its length in *clen (utf8_next; U+FFFD for
 * an invalid subpart). */
uint32_t rp_next_cp(const char *s, size_t n, size_t i, size_t *clen);
int rp_is_upper_start(const char *s, size_t n); /* first code point an upper-case letter */
int rp_is_lower_start(const char *s, size_t n);
int rp_is_close_quote(uint32_t cp); /* ” ’ " ' » › */
int rp_is_open_quote(uint32_t cp);  /* “ ‘ " „ « */
/* 1 if s[0..n) contains a URL start ("http://", "https://", "ftp://", "www.": an_url_start
 * with AN_RULE_REPORT, analyzer.h, which also tells whether a token is a URL). */
int rp_has_url(const char *s, size_t n);
/* 1 if the word (ASCII, any case) is a small word: of, the, and, in, ... */
int rp_is_small_word(const char *s, size_t n);
/* s[0..n) ends a sentence: its last character, looking through spaces, closing quotes
 * and brackets, is . ! ? (or ':' with colon != 0, ';' with semi != 0). */
int rp_ends_sentence(const char *s, size_t n, int colon, int semi);
/* "On <date>" lead: 1 and *span / *date_end (offset after the date) when s starts with
 * "On " and a date. s may span lines. */
int rp_on_date(const char *s, size_t n, int default_year, date_span_t *span, size_t *date_end);
/* "Point <N>:" at the start of s. */
int rp_is_point(const char *s, size_t n);
/* s starts like a new sentence or block: a capital, digit, opening quote or bracket. */
int rp_starts_block(const char *s, size_t n);
/*
 * Append line s[0..n) to b with the joiner rule: nothing between when b ends inside a
 * URL that s continues, or with a hyphen after a letter; else one space. no_url: never
 * continue a URL (the line starts a page). The first line is appended as is.
 */
void rp_join(ds_buf_t *b, const char *s, size_t n, int no_url);
/* 1 if the next line s continues the URL at the end of b[0..blen). */
int rp_url_continues(const char *b, size_t blen, const char *s, size_t n);

/* ---- citation dates (rparse_cite.c) ---------------------------------------------------- */

typedef struct rp_cite_dates {
    date_span_t date;           /* the citation's date; {0, 0} when rule is NONE */
    date_span_t meeting;        /* the meeting's span; {0, 0} if none */
    rp_cite_date_rule_t rule;
} rp_cite_dates_t;

/*
 * The citation dates of footnote text t[0..n) by the rule of rparse.h (section 2,
 * Citation dates): the caller passes n = the offset of the first URL (or the whole
 * length). default_year as date_find's. Never fails: no date gives rule NONE.
 */
void rp_cite_dates(const char *t, size_t n, int default_year, rp_cite_dates_t *out);

/* ---- actors (rparse_actor.c) ---------------------------------------------------------- */

/*
 * The actor of a statement t[0..n) whose lead date ends at from: *full (as written) and
 * *shortf (short form), both arena strings. Returns 1 if found, 0 if not (both NULL),
 * -1 if memory ran out.
 */
int rp_actor(ds_arena_t *a, const char *t, size_t n, size_t from, char **full, char **shortf);

/*
 * The actor of a paragraph t[0..n) that opens with an office phrase and a reporting
 * verb ("The delegation of the Netherlands, in its comments on ..., noted that"; rparse.h,
 * section 2, Actors): as rp_actor, 1 / 0 / -1 with *full and *shortf.
 */
int rp_office_actor(ds_arena_t *a, const char *t, size_t n, char **full, char **shortf);

#endif
