/*
 * rparse_markers.c - footnote markers in the body (rparse.h, section 2, Markers).
 *
 * Body lines are scanned in document order. Each digit run is a candidate when its
 * context looks like a marker (glue before, a boundary after); the sequence then
 * decides: the next expected number, or -- to recover from a lost marker -- a strongly
 * glued number up to 3 ahead whose footnote begins on the same page. Accepted markers
 * are cut out of the line, which gives each body line its cleaned text (line->c). The
 * characters of the rule (superscript digits, what glues a number to the text before it,
 * what ends it) are the text layer's (analyzer.h, section 5, AN_RULE_REPORT).
 */
#include <assert.h>
#include <string.h>

#include "analyzer.h"
#include "rparse_int.h"
#include "utf8.h"

enum glue { GLUE_NONE = 0, GLUE_STRONG, GLUE_WORD, GLUE_SPACED };

typedef struct scan {
    rp_ctx_t *c;
    unsigned last;    /* last marker number */
    unsigned maxnote; /* highest number of a numbered footnote */
    size_t nsym;      /* symbol footnotes */
} scan_t;

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}
static int is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* s[..d) ends with a number of 1-3 digits, or a section number of such numbers joined
 * by dots ("4.9"), standing alone (at the start or after a space or an opening
 * bracket). */
static int short_number_before(const char *s, size_t d)
{
    size_t b = d;
    for (;;) {
        size_t e = b;
        while (b > 0 && is_digit(s[b - 1]))
            b--;
        if (e - b < 1 || e - b > 3)
            return 0;
        if (b >= 2 && s[b - 1] == '.' && is_digit(s[b - 2]))
            b--; /* "4.9" of "4.9.1" */
        else
            return b == 0 || s[b - 1] == ' ' || s[b - 1] == '(';
    }
}

/* The digits s[a..e) stand after a sentence's end and a space, and before the line's
 * end or a space and a capital: a superscript the extractor set apart ("over 2019. 6
 * The", "security. 3"), as pdftotext writes a word processor's markers. Not after a
 * short number ("Section 1. 2 The"), nor a dot leader. */
static int after_sentence(const char *s, size_t n, size_t a, size_t e)
{
    if (a < 3 || s[a - 2] != '.' || s[a - 3] == '.' || s[a - 3] == ' ' ||
        short_number_before(s, a - 2))
        return 0;
    return e == n || (e + 1 < n && s[e] == ' ' && s[e + 1] >= 'A' && s[e + 1] <= 'Z');
}

/* The glue before the digits at s + a (by the marker rule analyzer.h shares with the
 * tokenizer, an_marker_glue, and the word and spaced forms of rparse.h); *rm_start is
 * where removal would start. */
static enum glue glue_before(const char *s, size_t n, size_t a, size_t e, size_t *rm_start)
{
    size_t cl, cl2;
    uint32_t p = rp_prev_cp(s, a, &cl);
    *rm_start = a;
    if (p < 0x80 && is_alpha((char)p)) {
        size_t w = a;
        while (w > 0 && is_alpha(s[w - 1]))
            w--;
        if (a - w < 2 || (w > 0 && (is_digit(s[w - 1]) || strchr("/-_.@", s[w - 1]))))
            return GLUE_NONE;
        return GLUE_WORD;
    }
    switch (an_marker_glue(p, AN_RULE_REPORT)) {
    case AN_GLUE_STOP: /* "2.3 Scope", "4.9.1", "1.5": a section number or a decimal, where
                          "May 2021.26" is a marker after a year */
        if (p == '.' && a >= 2 && (s[a - 2] == '.' || s[a - 2] == ' '))
            return GLUE_NONE; /* a TOC line's page after its dot leaders: "Introduction....2" */
        return p == '.' && short_number_before(s, a - 1) ? GLUE_NONE : GLUE_STRONG;
    case AN_GLUE_CLOSE:
        return GLUE_STRONG;
    case AN_GLUE_COMMA:
        return a >= 2 && is_digit(s[a - 2]) ? GLUE_NONE : GLUE_STRONG;
    case AN_GLUE_QUOTE: /* straight quotes close only after a non-space */
        return a > cl && s[a - cl - 1] != ' ' ? GLUE_STRONG : GLUE_NONE;
    default:
        break;
    }
    if (p == ' ' && e == n && a >= 2) {
        uint32_t q = rp_prev_cp(s, a - 1, &cl2);
        if (rp_is_close_quote(q) && q != '\'') {
            *rm_start = a - 1;
            return GLUE_SPACED;
        }
    }
    if (p == ' ' && after_sentence(s, n, a, e)) {
        *rm_start = a - 1;
        return GLUE_SPACED;
    }
    return GLUE_NONE;
}

/* A symbol footnote: printed 0, its mark a symbol (rparse_symbols.c). */
static int is_symbol_note(const rp_footnote_t *f)
{
    return f->printed == 0 && (f->mark[0] < '0' || f->mark[0] > '9');
}

static int accept(scan_t *sc, const rp_line_t *ln, unsigned v, enum glue g)
{
    unsigned expect = sc->last + 1;
    const rp_footnote_t *f = rp_footnote_get(sc->c->r, v);
    int same_page = f && !is_symbol_note(f) && f->page == ln->page;
    if (v == expect && v <= sc->maxnote)
        return g == GLUE_STRONG || same_page;
    return g == GLUE_STRONG && v > expect && v <= expect + 3 && same_page;
}

/* Record marker v at offset off of the cleaned line li. */
static int record(scan_t *sc, size_t li, size_t off, unsigned v)
{
    rp_mark_t m = {v, li, off, 0, RP_NONE, 0};
    sc->last = v;
    return rp_vec_push(&sc->c->marks, &sc->c->nmarks, &sc->c->capmarks, sizeof m, &m);
}

unsigned rp_year_marker(const char *s, size_t n, size_t i)
{
    size_t e = i;
    while (e < n && is_digit(s[e]))
        e++;
    if (e - i < 5 || e - i > 6 || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(') ||
        (e < n && s[e] != ' ' && s[e] != ',' && s[e] != '.') ||
        !((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')))
        return 0;
    unsigned v = 0;
    for (size_t k = i + 4; k < e; k++)
        v = v * 10 + (unsigned)(s[k] - '0');
    return v;
}

/* A marker candidate of a line: the number v at [a, e), its glue, and where its removal
 * would start (rm: the space of the spaced form goes too). */
typedef struct cand {
    size_t a, e, rm;
    unsigned v;
    enum glue g;
} cand_t;

/* The next candidate of s[0..n) at or after *i, skipping URL tokens and numbers without
 * glue; 1 and *i moved past it, or 0 at the end. */
static int next_candidate(const char *s, size_t n, size_t *i, cand_t *cd)
{
    while (*i < n) {
        size_t a = *i, e = a, rm = a;
        if ((a == 0 || s[a - 1] == ' ') && an_url_start(s + a, n - a, AN_RULE_REPORT)) {
            while (*i < n && s[*i] != ' ')
                (*i)++;
            continue;
        }
        unsigned v = 0;
        enum glue g = GLUE_NONE;
        if (is_digit(s[a])) {
            for (; e < n && is_digit(s[e]); e++)
                if (e - a < 4)
                    v = v * 10 + (unsigned)(s[e] - '0');
            if (e - a <= 3 && a > 0 && an_marker_end(s, n, e, AN_RULE_REPORT)) {
                g = glue_before(s, n, a, e, &rm);
            } else if ((v = rp_year_marker(s, n, a)) > 0) {
                /* as weak as a word's glue: "20215" may be a number of its own */
                a = rm = a + 4;
                g = GLUE_WORD;
            }
        } else {
            size_t cl;
            int d;
            while (e < n && (d = an_marker_digit(rp_next_cp(s, n, e, &cl))) >= 0) {
                v = v * 10 + (unsigned)d;
                e += cl;
            }
            g = e > a && e - a <= 9 ? GLUE_STRONG : GLUE_NONE;
        }
        *i = e > a ? e : a + 1;
        if (g != GLUE_NONE) {
            *cd = (cand_t){a, e, rm, v, g};
            return 1;
        }
    }
    return 0;
}

int rp_marker_next(const char *s, size_t n, size_t *i, unsigned *v)
{
    cand_t cd;
    if (!next_candidate(s, n, i, &cd))
        return 0;
    *v = cd.v;
    return 1;
}

/* The base of the footnote numbering run line li is in (rp_run_t): 0 unless the
 * numbering restarted before it. */
static unsigned run_base(const rp_ctx_t *c, size_t li)
{
    unsigned base = 0;
    for (size_t k = 0; k < c->nruns && c->runs[k].from <= li; k++)
        base = c->runs[k].base;
    return base;
}

/* The symbol footnote of page `page` marked m[0..ml), or NULL. */
static const rp_footnote_t *symbol_note(const rp_report_t *r, size_t page, const char *m, size_t ml)
{
    for (size_t k = 0; k < r->nfootnotes; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        if (f->page == page && is_symbol_note(f) && strlen(f->mark) == ml &&
            memcmp(f->mark, m, ml) == 0)
            return f;
    }
    return NULL;
}

/* Append s[from..to) of line li to out, its symbol marks glued to the text (Symbol
 * footnotes) cut out and recorded when the page has their footnote. The numbered
 * sequence (sc->last) is left as it is. */
static int append_symbols(scan_t *sc, size_t li, ds_buf_t *out, size_t from, size_t to)
{
    const rp_line_t *ln = &sc->c->lines[li];
    if (!sc->nsym) {
        ds_buf_append(out, ln->s + from, to - from);
        return 0;
    }
    for (size_t i = from; i < to;) {
        size_t ml = rp_symbol_mark(ln->s, ln->n, i);
        const rp_footnote_t *f = NULL;
        if (ml && i + ml <= to && rp_symbol_glued(ln->s, ln->n, i, ml))
            f = symbol_note(sc->c->r, ln->page, ln->s + i, ml);
        if (!f) {
            ds_buf_append(out, ln->s + i, 1);
            i++;
            continue;
        }
        rp_mark_t m = {f->number, li, out->len, 0, RP_NONE, 0};
        if (rp_vec_push(&sc->c->marks, &sc->c->nmarks, &sc->c->capmarks, sizeof m, &m) < 0)
            return -1;
        i += ml;
    }
    return 0;
}

/* Clean one body line: copy it to out without its markers. */
static int scan_line(scan_t *sc, size_t li, ds_buf_t *out)
{
    const rp_line_t *ln = &sc->c->lines[li];
    size_t i = 0, from = 0;
    unsigned base = run_base(sc->c, li);
    cand_t cd;
    while (next_candidate(ln->s, ln->n, &i, &cd)) {
        cd.v += base; /* the running number of a printed one */
        if (!accept(sc, ln, cd.v, cd.g))
            continue;
        if (append_symbols(sc, li, out, from, cd.rm) < 0 || record(sc, li, out->len, cd.v) < 0)
            return -1;
        from = cd.e;
    }
    return append_symbols(sc, li, out, from, ln->n);
}

int rp_markers(rp_ctx_t *c)
{
    scan_t sc = {c, 0, 0, 0};
    ds_buf_t out = DS_BUF_INIT;
    for (size_t k = 0; k < c->r->nfootnotes; k++) {
        const rp_footnote_t *f = &c->r->footnotes[k];
        if (is_symbol_note(f))
            sc.nsym++;
        else if (f->number > sc.maxnote)
            sc.maxnote = f->number;
    }
    for (size_t li = 0; li < c->nlines; li++) {
        rp_line_t *ln = &c->lines[li];
        if (ln->role != RL_BODY)
            continue;
        ds_buf_reset(&out);
        if (scan_line(&sc, li, &out) < 0 || !ds_buf_ok(&out))
            goto nomem;
        /* removal may leave a space at the end ("well.” 11" -> "well.”") */
        while (out.len > 0 && out.data[out.len - 1] == ' ')
            ds_buf_truncate(&out, out.len - 1);
        ln->c = ds_arena_strndup(c->arena, out.len ? out.data : "", out.len);
        if (!ln->c)
            goto nomem;
        ln->cn = out.len;
        assert(utf8_is_valid(ln->c, ln->cn)); /* markers leave whole characters */
        ln->width = rp_width(ln->c, ln->cn);
    }
    ds_buf_release(&out);
    return 0;
nomem:
    ds_buf_release(&out);
    return -1;
}
