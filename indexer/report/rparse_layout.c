/*
 * rparse_layout.c - lines, pages and footnote blocks: gives every line its role (body,
 * blank, footnote number, footnote text, page number) and creates the footnote records
 * (ctx->notes). The rules are those of rparse.h, section 2 (Pages, Footnote blocks).
 *
 * Map
 *   split_lines()      '\n' lines, physical pages (every form feed ends one) or
 *                      leading-space page starts, trimming, indentation; bare numbers
 *                      ("12") and inline numbers ("12 Text")
 *   cite_line()        marker candidates of a body line; cite_spaced(), year_glued(),
 *                      name_glued(): the weaker forms the extractor leaves ("command 2
 *                      ,", "20002 .", "ld.so.conf5"); cited_apart() superscripts set on
 *                      a line of their own or ending a short line ("Hell 6")
 *   layout_page()      one page: find the block, its pre-text, its trailing numbers
 *   find_block()       where the block starts: the first number whose evidence scores
 *                      BLOCK_SCORE (start_score: sequence, marker, layout, position,
 *                      heading or TOC look, lists); weak evidence warned (warn_weak);
 *                      column_block() a cited block ending at its column's foot
 *   sequence_score()   the sequence's evidence: next, jump, restart, a number skipped
 *   tail_end()         where the footnotes from a start stop reading as footnotes;
 *                      small_type() long footnotes, layout_run_on() -layout spacing
 *   next_start()       the footnote a line starts inside a block, in either form;
 *                      inline_start() and inline_rules() the sequence, date and
 *                      duplicate rules; restart_start() a chapter's numbering that
 *                      restarts in the block, as the body's markers do (restart_line)
 *   walk_block()       roles of the block's lines, footnote records; new_run() a
 *                      numbering restart; fill_gaps() numbers moved from the middle
 *                      or from before a restart (gap_before, shift_runs)
 *   number_column()    a column of numbers before their texts (pdftotext's reading of
 *                      a word processor's footnotes): split_column(), column_start(),
 *                      walk_column(); foot_line() / foot_like() a page's own footer
 *   moved_numbers()    numbers pdftotext wrote after all their texts: moved_texts()
 *                      splits the texts, moved_notes() makes the footnotes;
 *                      number_below_text() a raised number under its long first line
 *   scan_pretext()     walk up from the block over footnote-like lines (and lines in
 *                      small type, wider_than_body())
 *   note_is_open()     does the last footnote run on (no final '.', no final URL)?
 *   column_lines()     a block in the left column of two -layout columns: the other
 *                      column's lines and parts beside it are body (rp_page_column,
 *                      rp_col_at: the column)
 * Page furniture (headers, footers, page-number lines, labels) is rparse_furniture.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "rparse_int.h"

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v';
}

/* Record one line raw[0..rl) (no '\n'). Without form feeds, *pending: a leading-space
 * line started a new page (rparse.h, Pages). With them, c->npages is already the
 * line's page (split_lines) and c->page_open says whether it has text yet. */
static int push_line(rp_ctx_t *c, const char *raw, size_t rl, size_t lineno, int *pending)
{
    rp_line_t ln;
    memset(&ln, 0, sizeof ln);
    if (!c->has_ff && rl >= 2 && raw[0] == ' ' && !is_ws(raw[1]))
        *pending = 1;
    size_t a = 0, e = rl;
    while (a < e && is_ws(raw[a]))
        a++;
    while (e > a && is_ws(raw[e - 1]))
        e--;
    ln.s = raw + a;
    ln.n = e - a;
    ln.lineno = lineno;
    if (ln.n == 0) {
        ln.role = RL_BLANK;
    } else {
        if (c->has_ff ? !c->page_open : (*pending || c->npages == 0)) {
            if (!c->has_ff)
                c->npages++;
            ln.page_start = 1;
            *pending = 0;
            c->page_open = 1;
        }
        ln.indent = rp_width(raw, a);
        ln.role = RL_BODY;
        unsigned v = 0;
        size_t i = 0;
        while (i < ln.n && i < 5 && ln.s[i] >= '0' && ln.s[i] <= '9')
            v = v * 10 + (unsigned)(ln.s[i++] - '0');
        if (i == ln.n && i <= 4) {
            ln.num = v;
        } else if (i >= 1 && i <= 4 && (ln.s[i] == ' ' || ln.s[i] == '\t')) {
            while (is_ws(ln.s[i])) /* the line is trimmed: text follows */
                i++;
            ln.inum = v;
            ln.lead = i;
        }
    }
    ln.page = c->npages ? c->npages : 1;
    return rp_vec_push(&c->lines, &c->nlines, &c->caplines, sizeof ln, &ln);
}

/* Lines and pages. With form feeds every form feed ends a page, a blank one too, and
 * only text after the last one makes a page of its own (pdftotext ends every page with
 * one); without, pages start at leading-space lines (push_line) and are a guess. */
static int split_lines(rp_ctx_t *c)
{
    const char *t = c->text;
    size_t lineno = c->first_line ? c->first_line : 1, start = 0;
    int pending = 0;
    c->has_ff = memchr(t, '\f', c->len) != NULL;
    c->npages = c->has_ff ? 1 : 0;
    for (size_t i = 0; i <= c->len; i++) {
        char ch = i < c->len ? t[i] : '\n';
        if (ch != '\n' && ch != '\f')
            continue;
        if (i == c->len && start == c->len)
            break;
        if (ch == '\n' || i > start)
            if (push_line(c, t + start, i - start, lineno, &pending) < 0)
                return -1;
        if (ch == '\f') {
            c->npages++;
            c->page_open = 0;
        } else {
            lineno++;
        }
        start = i + 1;
    }
    if (c->has_ff && !c->page_open) {
        c->npages--; /* nothing after the last form feed */
        for (size_t k = c->nlines; k-- > 0 && c->lines[k].page > c->npages;)
            c->lines[k].page = c->npages ? c->npages : 1; /* its blank lines */
    }
    return 0;
}

/* The numbering restarts at 1 (a new chapter): later footnotes run on from the highest
 * number so far; markers from line `from` on read the new run's numbers (c->runs): the
 * line after the last footnote's page for a block that starts the run, the line of the
 * body's marker 1 for a restart inside a block (restart_line). */
static int new_run(rp_ctx_t *c, size_t from)
{
    rp_run_t run = {from, c->max_note};
    if (rp_vec_push(&c->runs, &c->nruns, &c->capruns, sizeof run, &run) < 0)
        return -1;
    c->note_base = c->max_note;
    c->last_note = 0;
    return 0;
}

/* A footnote record: running number `number`, printed `printed`. The current run's
 * sequence (c->last_note) is left alone: a number filled into an earlier run (a
 * misplaced one) must not move it. */
static int push_note(rp_ctx_t *c, unsigned number, unsigned printed, size_t start_line)
{
    rp_note_t nt = {number, start_line, c->nnotes, 0, printed, NULL};
    if (rp_vec_push(&c->notes, &c->nnotes, &c->capnotes, sizeof nt, &nt) < 0)
        return -1;
    if (nt.number > c->max_note)
        c->max_note = nt.number;
    return 0;
}

/* A footnote printed `number` in the current run: its record carries the running number
 * (the base of its numbering run + number), c->last_note the printed one the sequence
 * goes on from. */
static int new_note(rp_ctx_t *c, unsigned number, size_t start_line)
{
    if (push_note(c, c->note_base + number, number, start_line) < 0)
        return -1;
    if (number > c->last_note)
        c->last_note = number;
    return 0;
}

/* The next line after i before end that is neither blank nor dropped, or end. */
static size_t next_text(const rp_ctx_t *c, size_t i, size_t end)
{
    for (i++; i < end; i++)
        if (c->lines[i].role != RL_BLANK && c->lines[i].role != RL_PAGENUM)
            return i;
    return end;
}

/* A line that reads like footnote text rather than body: a URL, or a trailing ',' / ';',
 * and not the start of a statement or point. */
static int footnote_like(const rp_ctx_t *c, const rp_line_t *ln)
{
    if (rp_on_date(ln->s, ln->n, c->default_year, NULL, NULL) || rp_is_point(ln->s, ln->n))
        return 0;
    char e = ln->s[ln->n - 1];
    return e == ',' || e == ';' || rp_has_url(ln->s, ln->n);
}

static int note_is_open(const rp_ctx_t *c, size_t last_text_line);

/* Line j is set in smaller type than the body above it on the page (from fc on): more
 * than 11/10 of the width three quarters of the body's lines of 20 code points or more
 * do not pass (at least 5 of them; Word's 10 pt notes under 12 pt text hold a fifth
 * more characters a line). */
static int wider_than_body(const rp_ctx_t *c, size_t fc, size_t j)
{
    size_t w = rp_width(c->lines[j].s, c->lines[j].n), n = 0, below = 0;
    for (size_t i = fc; i < j; i++) {
        const rp_line_t *ln = &c->lines[i];
        size_t lw = ln->role == RL_BODY ? rp_width(ln->s, ln->n) : 0;
        if (lw < 20)
            continue;
        n++;
        below += lw * 11 < w * 10; /* this body line is narrower than w by 11/10 */
    }
    return n >= 5 && below * 4 >= n * 3;
}

/* First line of the pre-text above block line b (b itself if none); never the page's
 * first line fc. force: take at least the line above b (a misplaced number needs text),
 * and climb over lines that continue a sentence: the line's own lower-case start (two
 * lines at most), or an open line above it wider than the body (small type). */
static size_t scan_pretext(const rp_ctx_t *c, size_t fc, size_t b, int force)
{
    size_t i = b;
    while (i - 1 > fc && c->lines[i - 1].role == RL_BODY && footnote_like(c, &c->lines[i - 1]))
        i--;
    if (!force)
        return i;
    if (i == b && b - 1 > fc && c->lines[b - 1].role == RL_BODY)
        i = b - 1;
    for (int k = 0; i < b && i - 1 > fc && c->lines[i - 1].role == RL_BODY;) {
        int lower = k < 2 && rp_is_lower_start(c->lines[i].s, c->lines[i].n);
        if (!lower && !(note_is_open(c, i - 1) && wider_than_body(c, fc, i - 1)))
            break;
        k += lower;
        i--;
    }
    return i;
}

/* The last footnote runs on into the next page: its last text line ends neither with
 * . ! ? nor with a URL or path, but with a letter, ',' or '-'. */
static int note_is_open(const rp_ctx_t *c, size_t last_text_line)
{
    if (last_text_line == (size_t)-1)
        return 0;
    const rp_line_t *ln = &c->lines[last_text_line];
    const char *s = ln->nn ? ln->ns : ln->s; /* a footnote's column of a body line */
    size_t n = ln->nn ? ln->nn : ln->n, ts = n;
    while (ts > 0 && s[ts - 1] != ' ')
        ts--;
    if (rp_has_url(s + ts, n - ts) || memchr(s + ts, '/', n - ts))
        return 0;
    size_t cl;
    uint32_t e = rp_prev_cp(s, n, &cl);
    if (e >= 0x80) /* a letter of another script, not a closing quote */
        return !rp_is_close_quote(e) && e != 0x201C;
    return (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || e == ',' || e == '-';
}

static void set_note_lines(rp_ctx_t *c, size_t from, size_t to, size_t note)
{
    for (size_t i = from; i < to; i++) {
        c->lines[i].role = c->lines[i].role == RL_BLANK ? RL_NOTE_BLANK : RL_NOTE_TEXT;
        c->lines[i].note = note;
    }
}

/* ---- citations: the numbers a page's body holds as marker candidates ------------------ */

#define CITE_MAX 10000u /* numbers of 1-4 digits */

typedef struct cites {
    unsigned char bit[CITE_MAX / 8];
} cites_t;

static int cited(const cites_t *ct, unsigned v)
{
    return v < CITE_MAX && (ct->bit[v / 8] >> (v % 8) & 1);
}

/* Add the numbers body line ln cites: its marker candidates ("text.5", "AHC5", ".” 5",
 * "text⁵"; rparse_markers.c). */
static void cite_line(const rp_line_t *ln, cites_t *ct)
{
    size_t i = 0;
    unsigned v;
    while (ln->role == RL_BODY && rp_marker_next(ln->s, ln->n, &i, &v))
        if (v < CITE_MAX)
            ct->bit[v / 8] |= (unsigned char)(1u << (v % 8));
}

/* Add the numbers body line ln cites in the spaced forms of a superscript the extractor
 * set apart: after a letter and a space, 1-3 digits then a space and , . ; : ) or a
 * lower-case word ("the dh command 2 , the", "as simple as 3 :", "the repository 1 of");
 * after . , ; : ) or a closing quote and a space, 1-3 digits at the line end or before
 * a space ("amicable to Debian. 3", "set to unstable. 4 If"); glued to a token and
 * followed by " ." ("hypertex/1 . It", glued_before_stop); glued to a year (year_glued). Weaker
 * evidence than cite_line's ("chapter 5 of" reads the same): only for blocks. */
/* The digits ending at s + e end a token and stand before " ." (or , ; :) and a space or the
 * line end: "hypertex/1 . It extends". */
static int glued_before_stop(const char *s, size_t n, size_t e)
{
    return e + 1 < n && s[e] == ' ' && strchr(".,;:", s[e + 1]) && (e + 2 == n || s[e + 2] == ' ');
}

static void year_glued(const char *s, size_t n, size_t i, cites_t *ct)
{
    unsigned v = rp_year_marker(s, n, i);
    if (v > 0)
        ct->bit[v / 8] |= (unsigned char)(1u << (v % 8));
}

/* The 1-3 digits s[i..e) end a name or path at a word of two letters or more after
 * '/', '-', '_', '.' or '@' ("/etc/ld.so.conf5 must", "package-name3"): the marker rule
 * reads no marker there ("python-gtk2", "libfoo.so6" are names), a block may. */
static int name_glued(const char *s, size_t n, size_t i, size_t e)
{
    size_t w = i;
    while (w > 0 && ((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z'))
        w--;
    return e > i && e - i <= 3 && i - w >= 2 && w > 0 && strchr("/-_.@", s[w - 1]) &&
           an_marker_end(s, n, e, AN_RULE_REPORT);
}

static void cite_spaced(const rp_line_t *ln, cites_t *ct)
{
    const char *s = ln->s;
    for (size_t i = 2; ln->role == RL_BODY && i < ln->n; i++) {
        size_t e = i, cl;
        unsigned v = 0;
        while (e < ln->n && e - i < 4 && s[e] >= '0' && s[e] <= '9')
            v = v * 10 + (unsigned)(s[e++] - '0');
        if ((e > i && e - i <= 3 && s[i - 1] != ' ' && !(s[i - 1] >= '0' && s[i - 1] <= '9') &&
             glued_before_stop(s, ln->n, e)) ||
            name_glued(s, ln->n, i, e))
            ct->bit[v / 8] |= (unsigned char)(1u << (v % 8));
        if (e == i || e - i > 3 || s[i - 1] != ' ' || (e < ln->n && s[e] != ' ')) {
            year_glued(s, ln->n, i, ct);
            i = e > i ? e : i;
            continue;
        }
        uint32_t p = rp_prev_cp(s, i - 1, &cl);
        int letter = (p | 0x20) >= 'a' && (p | 0x20) <= 'z';
        int stop = (p < 0x80 && strchr(".,;:)", (int)p)) || rp_is_close_quote(p);
        int after_letter =
            e + 1 < ln->n && ((strchr(",.;:)", s[e + 1]) && (e + 2 == ln->n || s[e + 2] == ' ')) ||
                              (s[e + 1] >= 'a' && s[e + 1] <= 'z'));
        if ((letter && after_letter) || (stop && p != 0 && s[i - 2] != ' '))
            ct->bit[v / 8] |= (unsigned char)(1u << (v % 8));
        i = e;
    }
}

/* Some body line of [ps, end) cites v (cite_line). */
static int page_cites(const rp_ctx_t *c, size_t ps, size_t end, unsigned v)
{
    cites_t ct;
    memset(&ct, 0, sizeof ct);
    for (size_t i = ps; i < end; i++)
        cite_line(&c->lines[i], &ct);
    return cited(&ct, v);
}

/* ---- footnote blocks ------------------------------------------------------------------ */

/* Body lines narrower than WIDTH_MIN (headings, code) say nothing of the type size;
 * widths are counted up to WIDTH_MAX. */
#define WIDTH_MIN 20
#define WIDTH_MAX 255

/* A number ending a body line after a word and a space ("Escaping the Dependency Hell
 * 6"), and the line's width. More than ENDS_MAX such lines above a block are a table's
 * or a TOC's column, no markers. */
#define ENDS_MAX 2
typedef struct line_end {
    unsigned v;
    size_t width;
} line_end_t;

/* A footnote block on page [ps, pe) starting at line top: the body above it, [ps, top),
 * is what inline numbers are checked against. */
#define COLUMN_MAX 16 /* numbers of a column of footnote numbers (number_column) */

typedef struct block {
    size_t ps, pe, top;
    int checkable;                        /* the body holds text (not only footnote-like lines) */
    cites_t cites;                        /* the numbers the body cites */
    cites_t spaced;                       /* ... in the spaced form (cite_spaced) */
    size_t nbody, indent;                 /* its text lines, and their least indentation */
    unsigned short widths[WIDTH_MAX + 1]; /* its lines of WIDTH_MIN+ code points, by width */
    size_t nwidths;
    cites_t alone;             /* bare numbers in it: raised markers set on a line */
    line_end_t ends[ENDS_MAX]; /* lines ending with a number after a word */
    size_t nends;
    size_t ncol;                 /* > 0: the block is a column of ncol numbers (below) */
    size_t col_text[COLUMN_MAX]; /* ... and the first text line of each footnote */
    size_t col_foot;             /* the page's own footer after them, or pe */
} block_t;

static void block_begin(block_t *bk, size_t ps, size_t pe)
{
    memset(bk, 0, sizeof *bk);
    bk->ps = bk->top = ps;
    bk->pe = pe;
}

/* Line ln ends with 1-3 digits after a letter and a space, and holds two words before
 * them ("Debian Library Packaging guide 7", not "Chapter 7"): *v the number. */
static int line_end_number(const rp_line_t *ln, unsigned *v)
{
    const char *s = ln->s;
    size_t e = ln->n, a = e, words = 0;
    while (a > 0 && e - a < 4 && s[a - 1] >= '0' && s[a - 1] <= '9')
        a--;
    if (a == e || e - a > 3 || a < 2 || s[a - 1] != ' ' ||
        !((s[a - 2] | 0x20) >= 'a' && (s[a - 2] | 0x20) <= 'z'))
        return 0;
    for (size_t i = 0; i + 1 < a; i++)
        words += s[i] != ' ' && s[i + 1] == ' ';
    *v = 0;
    for (size_t i = a; i < e; i++)
        *v = *v * 10 + (unsigned)(s[i] - '0');
    return words >= 2 && *v > 0;
}

/* Move the block's start down to top, adding the lines passed to its body. */
static void block_extend(const rp_ctx_t *c, block_t *bk, size_t top)
{
    for (; bk->top < top; bk->top++) {
        const rp_line_t *ln = &c->lines[bk->top];
        cite_line(ln, &bk->cites);
        cite_spaced(ln, &bk->spaced);
        if (ln->role == RL_BODY && !ln->num && !footnote_like(c, ln))
            bk->checkable = 1;
        if (ln->role == RL_BODY && ln->num && !ln->page_start)
            bk->alone.bit[ln->num / 8] |= (unsigned char)(1u << (ln->num % 8));
        unsigned v;
        if (ln->role == RL_BODY && line_end_number(ln, &v) && bk->nends++ < ENDS_MAX)
            bk->ends[bk->nends - 1] = (line_end_t){v, rp_width(ln->s, ln->n)};
        if (ln->role == RL_BODY && !ln->num) {
            bk->indent = bk->nbody == 0 || ln->indent < bk->indent ? ln->indent : bk->indent;
            bk->nbody++;
            size_t w = rp_width(ln->s, ln->n);
            if (w >= WIDTH_MIN && bk->nwidths < 0xFFFF) {
                bk->widths[w < WIDTH_MAX ? w : WIDTH_MAX]++;
                bk->nwidths++;
            }
        }
    }
}

/* Line i is a bare number followed, before end, by a text line: the number of a
 * footnote written on a line of its own. */
static int bare_start(const rp_ctx_t *c, size_t i, size_t end)
{
    size_t nx = next_text(c, i, end);
    return c->lines[i].num && nx < end && c->lines[nx].role == RL_BODY && c->lines[nx].num == 0;
}

/* The rules an inline start "12 Text" at line i of block bk must pass whatever the
 * evidence: the line does not start with a date ("4 May 2021, https://..." continues a
 * footnote), and no later line before the next number of the sequence starts 12 again
 * (the earlier line is then text that begins with a number: "4 delegations of the
 * region"). */
static int inline_rules(const rp_ctx_t *c, const block_t *bk, size_t i)
{
    const rp_line_t *ln = &c->lines[i];
    unsigned v = ln->inum;
    date_span_t sp;
    size_t at = 1;
    if (date_find(ln->s, ln->n, 0, &sp, &at, NULL, c->default_year) == DS_OK && at == 0)
        return 0;
    for (size_t j = i + 1; j < bk->pe; j++) {
        const rp_line_t *lj = &c->lines[j];
        unsigned w = lj->inum;
        if (!w && lj->role != RL_PAGENUM && bare_start(c, j, bk->pe))
            w = lj->num;
        if (w == v)
            return 0;
        if (w > v && w <= v + 3)
            break;
    }
    return 1;
}

/* Inside block bk, line i ("12 Text") starts footnote 12 after footnote `after`: 12 is
 * after + 1 or, cited in the block's body, after + 2..3; and inline_rules. */
static int inline_start(const rp_ctx_t *c, const block_t *bk, size_t i, unsigned after)
{
    unsigned v = c->lines[i].inum;
    if (v <= after || v > after + 3 || (v != after + 1 && !cited(&bk->cites, v)))
        return 0;
    return inline_rules(c, bk, i);
}

/* The line of [from, top) where the body's markers restart after footnote p: its first
 * marker candidate 1 after its first candidate p (a chapter cites its last footnote,
 * then the next chapter its first: "practice.3", heading, "session.1"); or (size_t)-1.
 * The body says the numbering restarts, not the footnote's text. */
static size_t restart_line(const rp_ctx_t *c, size_t from, size_t top, unsigned p)
{
    int seen = 0;
    for (size_t i = from; i < top; i++) {
        const rp_line_t *ln = &c->lines[i];
        size_t at = 0;
        unsigned w;
        while (ln->role == RL_BODY && rp_marker_next(ln->s, ln->n, &at, &w)) {
            if (seen && w == 1)
                return i;
            seen |= w == p;
        }
    }
    return (size_t)-1;
}

/* Inside block bk, line i starts footnote 1 of a new chapter after footnote cur: with
 * footnotes: per-chapter, a bare "1" or an inline "1 Text" (inline_rules), when the
 * body's markers from *from on restart after cur (restart_line); *from is then that
 * marker's line, where the new run's markers start (and a later restart is looked for).
 * Without the metadata, or without the body's restart, "1" is a footnote's text. */
static int restart_start(const rp_ctx_t *c, const block_t *bk, size_t i, unsigned cur, size_t *from)
{
    const rp_line_t *ln = &c->lines[i];
    if (c->footnotes != RP_FOOTNOTES_PER_CHAPTER || cur == 0 ||
        !((ln->num == 1 && bare_start(c, i, bk->pe)) || (ln->inum == 1 && inline_rules(c, bk, i))))
        return 0;
    size_t at = restart_line(c, *from, bk->top, cur);
    if (at == (size_t)-1)
        return 0;
    *from = at;
    return 1;
}

/* The number of the footnote line i starts inside block bk after footnote cur, or 0; 1
 * after cur >= 1 is a restart (restart_start, *from as there). */
static unsigned next_start(const rp_ctx_t *c, const block_t *bk, size_t i, unsigned cur,
                           size_t *from)
{
    const rp_line_t *ln = &c->lines[i];
    if (ln->num > cur && ln->num <= cur + 3 && bare_start(c, i, bk->pe))
        return ln->num;
    if (ln->inum && inline_start(c, bk, i, cur))
        return ln->inum;
    return restart_start(c, bk, i, cur, from) ? 1 : 0;
}

/* A line of one or two characters that is no number: a glyph the extractor set apart
 * (the lowered "E" of a LaTeX logo, "The L" / "AT X format ..." / "E"), looked through
 * as page numbers are when the rest of a page is read as footnotes. */
static int glyph_line(const rp_line_t *ln)
{
    return !ln->num && !ln->inum && rp_width(ln->s, ln->n) <= 2;
}

/* A footnote of more lines than this is no footnote, unless the next start closes it
 * (closes_long); one set in small type (small_type) may have twice as many. */
#define NOTE_LINES_MAX 8

/* Body lines above the block, of WIDTH_MIN code points or more, needed to tell its
 * width. */
#define WIDTH_LINES 5

/* The width three quarters of the body's lines above the block do not pass (long
 * lines the extractor joined aside), or 0 when too few lines tell. */
static size_t body_width(const block_t *bk)
{
    if (bk->nwidths < WIDTH_LINES)
        return 0;
    size_t k = 0, want = (bk->nwidths * 3 + 3) / 4;
    for (size_t w = 0; w <= WIDTH_MAX; w++)
        if ((k += bk->widths[w]) >= want)
            return w;
    return WIDTH_MAX;
}

/* Line ln is set in smaller type than the body above the block: it holds more than
 * 9/8 of the body's width in characters (a footnote's wrapped lines are wider than the
 * body's in extracted text, -layout or not). */
static int small_type(const block_t *bk, const rp_line_t *ln)
{
    size_t bw = body_width(bk);
    return bw && rp_width(ln->s, ln->n) * 8 > bw * 9;
}

/* The body above the block holds v set apart as a superscript the extractor took out of
 * the line: a bare number on a line of its own (not the page's first: a page number),
 * or a number ending a line shorter than 3/4 of the body's width, the text ending with
 * it ("Escaping the Dependency Hell 6"; "... grown hugely. Debian 9" wraps a full line),
 * on a page with at most ENDS_MAX such lines. */
static int cited_apart(const block_t *bk, unsigned v)
{
    if (cited(&bk->alone, v))
        return 1;
    size_t bw = body_width(bk);
    for (size_t k = 0; bw && bk->nends <= ENDS_MAX && k < bk->nends; k++)
        if (bk->ends[k].v == v && bk->ends[k].width * 4 < bw * 3)
            return 1;
    return 0;
}

/* -layout spaces a footnote's first line from the rest, which starts left of it: line
 * ln, after a blank, goes on with the open sentence of line prev ("9 A shlibs file
 * represents ... the actual", blank, "SONAME. If the ..."). A column's footnote in plain
 * text is not indented and ends its sentence. */
static int layout_run_on(const rp_ctx_t *c, size_t prev, const rp_line_t *ln)
{
    return ln->indent < c->lines[prev].indent && note_is_open(c, prev);
}

/* A footnote over NOTE_LINES_MAX lines is one when the start of footnote v after it
 * closes it: the next number (cur + 1) cited in the body above, or a restart (its
 * evidence is the body's, restart_start). Body text after a false start is not closed
 * so: it runs to the real block, whose first number repeats cur or is no next one. */
static int closes_long(const block_t *bk, unsigned v, unsigned cur)
{
    return v <= cur || (v == cur + 1 && cited(&bk->cites, v));
}

#define FOOT_LINE_MAX 40 /* bytes of a page's own footer line below its footnotes */
#define FOOT_INDENT 20   /* ... set at least this many columns right of the block */

/* Line i is page furniture below the footnotes that only this page has (a first page's
 * job number "21-10417 (E)"): the page's last text line, after a blank line, short, and
 * set far right of the block's first line (centred or right-aligned: -layout text).
 * Furniture that repeats is found before (rparse_furniture.c). */
static int foot_line(const rp_ctx_t *c, const block_t *bk, size_t i)
{
    const rp_line_t *ln = &c->lines[i];
    if (ln->role != RL_BODY || ln->n > FOOT_LINE_MAX || i <= bk->top ||
        (c->lines[i - 1].role != RL_BLANK && c->lines[i - 1].role != RL_NOTE_BLANK) ||
        ln->indent < c->lines[bk->top].indent + FOOT_INDENT)
        return 0;
    for (size_t j = i + 1; j < bk->pe; j++)
        if (c->lines[j].role == RL_BODY)
            return 0;
    return 1;
}

/* Line ln reads as a footer's job number or code, not as a footnote's text: short
 * (FOOT_LINE_MAX), holding a digit, not ending with punctuation ("21-10417 (E)",
 * "GE.21-08123"). */
static int foot_like(const rp_line_t *ln)
{
    int digit = 0;
    for (size_t i = 0; i < ln->n && !digit; i++)
        digit = ln->s[i] >= '0' && ln->s[i] <= '9';
    return digit && ln->n > 0 && ln->n <= FOOT_LINE_MAX && !strchr(".,;:", ln->s[ln->n - 1]);
}

/* Where the footnotes from the start bk->top end: bk->pe when the rest of the page reads
 * as footnotes (below); the blank line before a new paragraph when only that breaks it
 * (pdftotext writes a column's footnotes at the column's foot: the next column goes on
 * after them); bk->top when the lines are no footnotes. They read as footnotes: none
 * longer than NOTE_LINES_MAX lines unless closed (closes_long; no number repeating its
 * own before that), no statement or point start, and after a blank line only a footnote
 * start, the rest of a URL broken before it or a line in lower case (-layout spaces a
 * footnote's lines; a capital is a new paragraph). Bare numbers (page numbers) pass. */
static size_t tail_end(const rp_ctx_t *c, const block_t *bk)
{
    unsigned cur = c->lines[bk->top].inum ? c->lines[bk->top].inum : c->lines[bk->top].num;
    size_t lines = 1, prev = bk->top, blank = 0, from = c->last_page_end;
    int small = small_type(bk, &c->lines[bk->top]); /* the footnote's lines so far */
    for (size_t i = bk->top + 1; i < bk->pe; i++) {
        const rp_line_t *ln = &c->lines[i];
        if (ln->role == RL_PAGENUM || foot_line(c, bk, i))
            continue;
        if (ln->role == RL_BLANK) {
            blank = blank ? blank : i;
            continue;
        }
        int over = lines > NOTE_LINES_MAX * (small ? 2 : 1);
        unsigned v = next_start(c, bk, i, cur, &from);
        if (v && over && !closes_long(bk, v, cur))
            return bk->top;
        if (v) {
            cur = v;
            lines = 1;
            small = small_type(bk, ln);
        } else if (over && (ln->inum == cur || (ln->num == cur && bare_start(c, i, bk->pe)))) {
            return bk->top; /* the real footnote cur: what came before was body */
        } else if (ln->num || glyph_line(ln)) {
            continue;
        } else {
            const rp_line_t *pl = &c->lines[prev];
            if (pl->num) /* "1", blank, its text: pdftotext's bare form */
                blank = 0;
            if (blank && !rp_url_continues(pl->s, pl->n, ln->s, ln->n) &&
                !rp_is_lower_start(ln->s, ln->n) && !layout_run_on(c, prev, ln))
                return over ? bk->top : blank; /* a new paragraph: the block ends its column */
            small |= small_type(bk, ln);
            if (rp_is_point(ln->s, ln->n) || rp_on_date(ln->s, ln->n, c->default_year, NULL, NULL))
                return bk->top;
            lines++;
        }
        blank = 0;
        prev = i;
    }
    return lines > NOTE_LINES_MAX * (small ? 2 : 1) ? bk->top : bk->pe;
}

static int inline_tail_ok(const rp_ctx_t *c, const block_t *bk)
{
    return tail_end(c, bk) == bk->pe;
}

/* Walk block bk, from its first footnote line to the page end; lines already marked as
 * page numbers are left alone. *last_text: the last line holding footnote text. Returns
 * the index of the block's last footnote (the one that may run on), or -1 on nomem. */
static long walk_block(rp_ctx_t *c, const block_t *bk, size_t *last_text)
{
    size_t b = bk->top, from = c->last_page_end;
    unsigned curnum = c->lines[b].num ? c->lines[b].num : c->lines[b].inum;
    if (new_note(c, curnum, b) < 0)
        return -1;
    size_t cur = c->nnotes - 1;
    c->lines[b].role = RL_NOTE_NUM;
    c->lines[b].note = cur;
    if (c->lines[b].lead)
        *last_text = b;
    for (size_t i = b + 1; i < bk->pe; i++) {
        rp_line_t *ln = &c->lines[i];
        if (ln->role == RL_PAGENUM || ln->sym)
            continue;
        if (foot_line(c, bk, i)) {
            ln->role = RL_PAGENUM; /* out of the flow, like a page number */
            continue;
        }
        if (ln->role == RL_BLANK) {
            ln->role = RL_NOTE_BLANK;
            ln->note = cur;
            continue;
        }
        unsigned v = next_start(c, bk, i, curnum, &from);
        if (v) {
            if ((v <= curnum && new_run(c, from) < 0) || new_note(c, v, i) < 0)
                return -1; /* v <= curnum: a restart */
            cur = c->nnotes - 1;
            curnum = v;
            ln->role = RL_NOTE_NUM;
            if (ln->lead)
                *last_text = i;
        } else {
            ln->role = RL_NOTE_TEXT;
            *last_text = i;
        }
        ln->note = cur;
    }
    return (long)cur;
}

/* ---- a block in one column of a two-column -layout page --------------------------- */

#define COL_MAX 512  /* display columns looked at */
#define COL_GAP 2    /* spaces that set a column apart */
#define COL_LINES 5  /* body lines that must start text at the column */
#define COL_MIN 20   /* the other column starts right of this */
#define COL_INDENT 4 /* a paragraph's first-line indent in a column */

/* Add to hist the display columns at which line ln starts text: its indent, and after
 * every gap of COL_GAP spaces or more. */
static void col_starts(const rp_line_t *ln, unsigned *hist)
{
    size_t col = ln->indent, run = 0, cl;
    if (col < COL_MAX)
        hist[col]++;
    for (size_t i = 0; i < ln->n && col < COL_MAX; i += cl, col++) {
        rp_next_cp(ln->s, ln->n, i, &cl);
        if (ln->s[i] != ' ' && run >= COL_GAP)
            hist[col]++;
        run = ln->s[i] == ' ' ? run + 1 : 0;
    }
}

/* The page's other column (rparse_int.h). */
size_t rp_page_column(const rp_ctx_t *c, size_t ps, size_t top)
{
    unsigned hist[COL_MAX];
    memset(hist, 0, sizeof hist);
    size_t n = 0, x = 0;
    for (size_t i = ps; i < top; i++)
        if (c->lines[i].role == RL_BODY) {
            col_starts(&c->lines[i], hist);
            n++;
        }
    for (size_t k = COL_MIN; k < COL_MAX; k++)
        x = hist[k] > (x ? hist[x] : 0) ? k : x;
    return x && hist[x] >= COL_LINES && hist[x] * 3 >= n ? x : 0;
}

/* Where text starts at column x (rparse_int.h). */
size_t rp_col_at(const rp_line_t *ln, size_t x)
{
    size_t col = ln->indent, run = 0, cl;
    for (size_t i = 0; i < ln->n; i += cl, col++) {
        rp_next_cp(ln->s, ln->n, i, &cl);
        if (ln->s[i] != ' ' && run >= COL_GAP && col + 1 >= x && col <= x + COL_INDENT)
            return i;
        run = ln->s[i] == ' ' ? run + 1 : 0;
    }
    return 0;
}

/* Block bk set in the left column of a two-column -layout page: pdftotext -layout writes
 * the other column's lines beside and between the footnote's. A footnote text line that
 * starts in the other column (at the column the body above starts text at) is body; one
 * holding both columns gives its right part to the body and keeps its left part as the
 * footnote's (ns). *last_text is moved to the last line still holding footnote text. */
static void column_lines(rp_ctx_t *c, const block_t *bk, size_t *last_text)
{
    size_t x = rp_page_column(c, bk->ps, bk->top);
    const rp_line_t *tl = &c->lines[bk->top];
    if (!x || tl->indent + COL_MIN > x || rp_col_at(tl, x))
        return;
    for (size_t i = bk->top + 1; i < bk->pe; i++) {
        rp_line_t *ln = &c->lines[i];
        size_t b = ln->role == RL_NOTE_TEXT && ln->indent + 1 < x ? rp_col_at(ln, x) : 0;
        if (ln->role != RL_NOTE_TEXT || (ln->indent + 1 < x && !b))
            continue;
        ln->role = RL_BODY;
        ln->num = ln->inum = 0;
        ln->lead = 0;
        if (b) {
            size_t e = b;
            while (e > 0 && ln->s[e - 1] == ' ')
                e--;
            ln->ns = ln->s;
            ln->nn = e;
            ln->nnote = ln->note;
            ln->s += b;
            ln->n -= b;
            ln->indent = x;
        }
    }
    while (*last_text != (size_t)-1 && *last_text > bk->top &&
           ((c->lines[*last_text].role == RL_BODY && !c->lines[*last_text].nn) ||
            c->lines[*last_text].role == RL_NOTE_BLANK))
        --*last_text;
}

/* Mark the bare numbers ending the page (at most two, after line `after`) as page
 * numbers; return the one that can be the block's misplaced first number (F < N <
 * first), or pe if none. */
static size_t trailing_numbers(rp_ctx_t *c, size_t after, size_t pe, unsigned first)
{
    size_t tr[2] = {0, 0}, ntr = 0, mis = pe;
    for (size_t i = pe; i-- > after + 1 && ntr < 2;) {
        if (c->lines[i].role == RL_BLANK || c->lines[i].role == RL_PAGENUM)
            continue;
        if (!c->lines[i].num)
            break;
        tr[ntr++] = i;
    }
    for (size_t k = ntr; k-- > 0;) { /* earlier line first: the footer comes last */
        unsigned v = c->lines[tr[k]].num;
        if (mis == pe && first && v > c->last_note && v < first)
            mis = tr[k];
        else
            c->lines[tr[k]].role = RL_PAGENUM;
    }
    return mis;
}

/* The block's first number b, bare, stands below the first line of its footnote: -layout
 * writes a raised number under the line it is raised above when the line is long (" Letter
 * dated ... addressed to the", "14", blank, "Chair of ..."). The line above is body, open
 * and set in small type (wider_than_body), and is not the page's first; a blank line
 * follows the number (plain pdftotext writes "1", "Resolution ..." with none). */
static int number_below_text(const rp_ctx_t *c, size_t ps, size_t b)
{
    if (!c->lines[b].num || b < ps + 2 || b + 1 >= c->nlines || c->lines[b - 1].role != RL_BODY ||
        c->lines[b - 1].num ||
        (c->lines[b + 1].role != RL_BLANK && c->lines[b + 1].role != RL_NOTE_BLANK))
        return 0;
    return note_is_open(c, b - 1) && wider_than_body(c, ps, b - 1);
}

/* ---- numbers moved after their texts ------------------------------------------------ */

#define MOVED_MAX 4

/* Bare numbers at the end of the page (after `after`, before pe; below them only blank
 * or dropped lines, the page's own footer, foot_like, and maybe its page number) that
 * read F+1, F+2, ... in order, at least two, all below `first` (the block's first
 * number; 0 when the page has no block): pdftotext wrote the numbers of the page's
 * first footnotes after all their texts. Returns how many; num[] their lines in order,
 * *foot the footer line or pe, *pnum the page number's line or pe. */
static size_t moved_numbers(const rp_ctx_t *c, size_t after, size_t pe, unsigned first, size_t *num,
                            size_t *foot, size_t *pnum)
{
    size_t k = 0, rev[MOVED_MAX + 1];
    *foot = *pnum = pe;
    for (size_t i = pe; i-- > after + 1;) {
        const rp_line_t *ln = &c->lines[i];
        if (ln->role == RL_BLANK || ln->role == RL_PAGENUM)
            continue;
        if (ln->role != RL_BODY || (!ln->num && (k || *foot < pe || !foot_like(ln))))
            break;
        if (!ln->num)
            *foot = i;
        else if (k <= MOVED_MAX)
            rev[k++] = i;
        else
            return 0;
    }
    unsigned f = c->last_note;
    if (k > 0 && c->lines[rev[0]].num != f + k) { /* the lowest one: the page's number */
        *pnum = rev[0];
        memmove(rev, rev + 1, --k * sizeof *rev);
    }
    if (k < 2 || k > MOVED_MAX || (first && f + k >= first))
        return 0;
    for (size_t m = 0; m < k; m++) {
        num[m] = rev[k - 1 - m];
        if (c->lines[num[m]].num != f + 1 + m)
            return 0;
    }
    return k;
}

/* The k texts above line end, walking up: a text ends at a closed line (the "open"
 * rule); a line above continues the text below it when that one starts in lower case
 * or the line is open and set in small type (wider_than_body). top[] gets each text's
 * first line, in order. 1 when exactly k texts were found, their first one cited by a
 * marker above them. */
static int moved_texts(const rp_ctx_t *c, size_t ps, size_t end, size_t k, size_t *top)
{
    size_t i = end, got = 0;
    while (i - 1 > ps && c->lines[i - 1].role == RL_BODY && !c->lines[i - 1].num) {
        size_t j = i - 1;
        if (got == 0 || !note_is_open(c, j)) { /* j ends a text */
            if (got == k)
                break;
            got++;
        } else if (!rp_is_lower_start(c->lines[i].s, c->lines[i].n) && !wider_than_body(c, ps, j)) {
            break;
        }
        top[k - got] = j;
        i = j;
    }
    return got == k && page_cites(c, ps, top[0], c->last_note + 1);
}

/* Give the k moved numbers (num[]) their texts (from top[], up to end) as footnotes
 * printed f+1.., numbered in the run `base`. 0 or -1. */
static int moved_notes(rp_ctx_t *c, unsigned f, size_t k, const size_t *num, const size_t *top,
                       size_t end, unsigned base)
{
    for (size_t m = 0; m < k; m++) {
        if (push_note(c, base + f + 1 + (unsigned)m, f + 1 + (unsigned)m, top[m]) < 0)
            return -1;
        set_note_lines(c, top[m], m + 1 < k ? top[m + 1] : end, c->nnotes - 1);
        c->lines[num[m]].role = RL_NOTE_NUM;
        c->lines[num[m]].note = c->nnotes - 1;
    }
    if (f + k > c->last_note)
        c->last_note = f + (unsigned)k;
    return 0;
}

/* A page without a block start: page numbers; a single footnote whose number came after
 * its text (when the page cites that number); or the run-on of an open footnote. */
static int layout_plain_page(rp_ctx_t *c, size_t ps, size_t pe, size_t *open_note,
                             size_t *last_text)
{
    size_t mv[MOVED_MAX], top[MOVED_MAX], foot, pnum;
    size_t k =
        c->footnotes == RP_FOOTNOTES_NONE ? 0 : moved_numbers(c, ps, pe, 0, mv, &foot, &pnum);
    if (k && moved_texts(c, ps, mv[0], k, top)) {
        if (moved_notes(c, c->last_note, k, mv, top, mv[0], c->note_base) < 0)
            return -1;
        c->lines[foot < pe ? foot : mv[0]].role = foot < pe ? RL_PAGENUM : RL_NOTE_NUM;
        if (pnum < pe)
            c->lines[pnum].role = RL_PAGENUM;
        *open_note = c->nnotes - 1;
        *last_text = mv[0] - 1;
        return 0;
    }
    size_t mis = trailing_numbers(c, ps, pe, c->last_note + 2);
    if (mis < pe && c->footnotes == RP_FOOTNOTES_NONE) {
        c->lines[mis].role = RL_PAGENUM;
        return 0;
    }
    if (mis < pe) {
        size_t pre = scan_pretext(c, ps, mis, 1);
        /* a footnote's text ends a sentence or a URL, not with "like this:" */
        const rp_line_t *end = &c->lines[mis - 1];
        if (pre < mis && page_cites(c, ps, pre, c->lines[mis].num) && end->n &&
            end->s[end->n - 1] != ':' && !note_is_open(c, mis - 1)) {
            if (new_note(c, c->lines[mis].num, pre) < 0)
                return -1;
            set_note_lines(c, pre, mis, c->nnotes - 1);
            c->lines[mis].role = RL_NOTE_NUM;
            c->lines[mis].note = c->nnotes - 1;
            *open_note = c->nnotes - 1;
            *last_text = mis - 1;
            return 0;
        }
        c->lines[mis].role = RL_PAGENUM;
    }
    size_t end = pe;
    while (end > ps + 1 && c->lines[end - 1].role != RL_BODY)
        end--;
    if (note_is_open(c, *last_text) && end > ps + 1) {
        size_t pre = scan_pretext(c, ps, end, 0);
        int url = 0;
        for (size_t i = pre; i < end; i++)
            url |= rp_has_url(c->lines[i].s, c->lines[i].n);
        if (pre < end && url) {
            set_note_lines(c, pre, end, *open_note);
            *last_text = end - 1;
        }
    }
    return 0;
}

/* ---- the evidence for a block start ---------------------------------------------- */

/* Text with dot leaders (". . ." or "....": a table of contents). */
static int dot_leaders(const rp_line_t *ln)
{
    for (size_t i = 0; i + 4 < ln->n; i++)
        if ((ln->s[i] == '.' && ln->s[i + 1] == ' ' && ln->s[i + 2] == '.' && ln->s[i + 3] == ' ' &&
             ln->s[i + 4] == '.') ||
            memcmp(ln->s + i, "....", 4) == 0)
            return 1;
    return 0;
}

/* s[0..n) reads as a heading, not as a footnote's first line: at most 60 characters,
 * a capital first, no final . , ; : ! ? or closing quote or bracket, no URL, no '/'
 * and no run of 3 digits (a symbol, a year: "See A/75/816" cites), and
 * Title-Case (at least 75% of the words that are no small words capitalized) or at
 * most 5 such words ("Writing classes and packages"). A final number of 1-3 digits (a
 * TOC entry's page, "Overview 1") is looked through. */
/* s[0..n) has a heading's shape, whatever its words' case: at most 60 characters, a
 * capital first, no final punctuation or closing quote, no URL, no '/', no run of 3
 * digits (a year or a symbol's number: a citation); a final page number looked
 * through. *len: the length without that number. */
static int heading_shape(const char *s, size_t n, size_t *len)
{
    size_t e = n;
    while (e > 0 && s[e - 1] >= '0' && s[e - 1] <= '9')
        e--;
    if (e > 0 && e < n && n - e <= 3 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        n = e;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || rp_width(s, n) > 60 || !rp_is_upper_start(s, n) || rp_has_url(s, n) ||
        strchr(".,;:!?)]\"'", s[n - 1]) || memchr(s, '/', n))
        return 0;
    for (size_t i = 0, run = 0; i < n; i++) /* a year or a symbol's number: a citation */
        if ((run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0) >= 3)
            return 0;
    size_t cl;
    *len = n;
    return !rp_is_close_quote(rp_prev_cp(s, n, &cl));
}

static int heading_like(const char *s, size_t n)
{
    if (!heading_shape(s, n, &n))
        return 0;
    size_t words = 0, caps = 0, longest = 0; /* "The L" of a broken logo is no heading */
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i == a || rp_is_small_word(s + a, i - a))
            continue;
        words++;
        caps += !rp_is_lower_start(s + a, i - a);
        longest = i - a > longest ? i - a : longest;
    }
    return longest >= 3 && (caps * 4 >= words * 3 || words <= 5);
}

/* s[0..n) holds two letters in a row (a footnote's text is no "= X 2" of a formula), or
 * starts with a document symbol or a URL. */
static int has_letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 2; i++)
        k = ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (unsigned char)s[i] >= 0xC0 ? k + 1
                                                                                          : 0;
    if (k >= 2)
        return 1;
    /* a footnote may be a document symbol or a URL alone ("A/76/150.") */
    return an_symbol_at(s, n, 0) > 0 || an_url_start(s, n, AN_RULE_REPORT) > 0;
}

/* s[0..n) starts in lower case, and not with a URL nor with an abbreviation (a first
 * word ending in '.': "cf.", "e.g.", "ibid.", "op. cit.", in any language): a sentence
 * going on. */
static int lower_text(const char *s, size_t n)
{
    size_t w = 0;
    while (w < n && s[w] != ' ')
        w++;
    if (w > 1 && s[w - 1] == '.')
        return 0;
    return rp_is_lower_start(s, n) && !an_url_start(s, n, AN_RULE_REPORT);
}

/* s[0..n) reads as a table's row: at least 4 words, half of them or more numbers
 * (digits, with , . % and the like, no letter: "1 concord.c:create 149,518 0 0"). */
static int table_row(const char *s, size_t n)
{
    size_t words = 0, nums = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        int digit = 0, letter = 0;
        for (; i < n && s[i] != ' '; i++) {
            digit |= s[i] >= '0' && s[i] <= '9';
            letter |= ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (unsigned char)s[i] >= 0x80;
        }
        words += i > a;
        nums += digit && !letter;
    }
    return words >= 4 && nums * 2 >= words;
}

/* Among the TABLE_LOOK text lines after line i (before pe, the page's last one aside:
 * its number), at least TABLE_NUMBERS hold digits and no letter, and are no bare number
 * (a footnote's, in pdftotext's bare form): "2,649,248", "2 1,344,810 7,326", a table's
 * cells that pdftotext reads column by column, not footnotes. */
#define TABLE_LOOK 8
#define TABLE_NUMBERS 3
static int among_numbers(const rp_ctx_t *c, size_t i, size_t pe)
{
    size_t seen = 0, nums = 0;
    for (size_t j = next_text(c, i, pe); j < pe && seen < TABLE_LOOK; j = next_text(c, j, pe)) {
        if (next_text(c, j, pe) >= pe)
            break;
        const rp_line_t *ln = &c->lines[j];
        int digit = 0, letter = 0;
        for (size_t k = 0; k < ln->n; k++) {
            digit |= ln->s[k] >= '0' && ln->s[k] <= '9';
            letter |= ((ln->s[k] | 0x20) >= 'a' && (ln->s[k] | 0x20) <= 'z') ||
                      (unsigned char)ln->s[k] >= 0x80;
        }
        nums += digit && !letter && !ln->num; /* a bare number may be a footnote's */
        seen++;
    }
    return nums >= TABLE_NUMBERS;
}

/* s[0..n) opens with a list bullet (• ◦ ▪ ‣ ⁃): a list item, never a footnote's text. */
static int bullet_text(const char *s, size_t n)
{
    static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA",
                                          "\xE2\x80\xA3", "\xE2\x81\x83"};
    for (size_t k = 0; k < sizeof bullets / sizeof *bullets; k++)
        if (n >= 3 && memcmp(s, bullets[k], 3) == 0)
            return 1;
    return 0;
}

/* s[0..n) reads as a citation or a sentence: longer than a heading (60), a URL in it,
 * a document symbol first, or a final '.' ("A/76/150.", "Statement by Kenya, 12 March
 * 2021."). */
static int citation_like(const char *s, size_t n)
{
    return rp_width(s, n) > 60 || rp_has_url(s, n) || an_symbol_at(s, n, 0) > 0 ||
           (n > 0 && s[n - 1] == '.');
}

/* "4       LaTeX 2.09 documents", "1          #include <stdlib.h>": -layout sets a
 * heading's or a listing's number apart by a wide gap, a LaTeX footnote's by one space
 * (or a tab); a word processor sets its footnotes' numbers apart by a tab too, which
 * -layout writes as a wide gap, but before a citation or a sentence ("1    A/76/150."). */
static int wide_gap(const rp_line_t *ln)
{
    return ln->lead >= 3 && ln->s[ln->lead - 1] == ' ' && ln->s[ln->lead - 2] == ' ' &&
           memchr(ln->s, '\t', ln->lead) == NULL &&
           !citation_like(ln->s + ln->lead, ln->n - ln->lead);
}

/* The number line ln starts with, after an optional '[' or '(' ("[7 ReadOnly]"), or 0. */
static unsigned leading_number(const rp_line_t *ln)
{
    size_t i = ln->n > 0 && (ln->s[0] == '[' || ln->s[0] == '(');
    unsigned v = 0;
    size_t a = i;
    while (i < ln->n && i - a < 4 && ln->s[i] >= '0' && ln->s[i] <= '9')
        v = v * 10 + (unsigned)(ln->s[i++] - '0');
    return i > a && (i == ln->n || ln->s[i] == ' ' || ln->s[i] == '\t' || ln->s[i] == ']' ||
                     ln->s[i] == ')')
               ? v
               : 0;
}

/* ln opens with a number alone in brackets, "[1]" or "(1)": a reference list's label. */
static int label_form(const rp_line_t *ln)
{
    size_t i = 1;
    if (ln->n < 3 || (ln->s[0] != '[' && ln->s[0] != '('))
        return 0;
    while (i < ln->n && i < 5 && ln->s[i] >= '0' && ln->s[i] <= '9')
        i++;
    return i > 1 && i < ln->n && ln->s[i] == (ln->s[0] == '[' ? ']' : ')');
}

/* One of the LIST_LOOK body lines above line i (on the page from ps) starts with
 * v - 3..v - 1, or is v alone: the numbers are a list's ("7 ReadOnly" then "8 Locked")
 * or a formula's or table's ("2", "2", "2"), not footnotes. */
#define LIST_LOOK 3
static int list_goes_on(const rp_ctx_t *c, size_t ps, size_t i, unsigned v)
{
    for (size_t j = i, k = 0; j-- > ps && k < LIST_LOOK;) {
        const rp_line_t *lj = &c->lines[j];
        if (lj->role != RL_BODY)
            continue;
        k++;
        if (label_form(lj))
            continue; /* "[1] Frank Mittelbach ...": its list goes on as "[2]", not "3 The" */
        unsigned w = leading_number(lj);
        if (w && (w < v || (w == v && lj->num)) && w + 3 >= v)
            return 1;
    }
    return 0;
}

/* Lines with dot leaders that make a page a table of contents. */
#define TOC_LINES 3

/* Score at which a block starts; one less is weak evidence: warned, left in the body. */
#define BLOCK_SCORE 3

/* Footnote v of the current numbering run exists (its running number is the run's
 * base + v). */
static int run_has(const rp_ctx_t *c, unsigned v)
{
    for (size_t k = 0; k < c->nnotes; k++) /* symbol notes are numbered at the end: 0 */
        if (c->notes[k].number > c->note_base && c->notes[k].printed == v)
            return 1;
    return 0;
}

/* The sequence's part of start_score for number v after footnote f = c->last_note:
 * f + 1 gives 2, f + 2..3 gives 1, a restart at 1 gives 1 (2 with per-chapter
 * numbering; *restart = 1), a number below f that the run skipped gives 1 (*late = 1:
 * a footnote set later than the next ones, as Sphinx numbers them in source order:
 * "1", "4", then "2"); else 0. */
static int sequence_score(const rp_ctx_t *c, unsigned v, int *restart, int *late)
{
    unsigned f = c->last_note;
    *restart = 0;
    if (c->footnotes == RP_FOOTNOTES_NONE)
        return 0;
    if (v > f && v <= f + 3)
        return v == f + 1 ? 2 : 1;
    if (v == 1 && f > 0) {
        *restart = 1;
        return c->footnotes == RP_FOOTNOTES_PER_CHAPTER ? 2 : 1;
    }
    *late = v >= 1 && v < f && !run_has(c, v);
    return *late;
}

/*
 * How strongly line i (number v) starts a footnote block of bk after footnote f: the
 * scored decision of rparse.h (section 2, Footnote blocks). Sequence: v = f + 1 gives 2,
 * f + 2..3 gives 1, a restart at 1 gives 1 (2 when the metadata says per-chapter; then
 * *restart = 1); else 0. A marker candidate for v in the body above adds 2 and decides.
 * Else each of these adds 1: a spaced candidate ("command 2 ,") above, or, but for a
 * restart, one on the previous page or a body with nothing to check and v = f + 1 (the
 * marker evidence); -layout
 * indentation deeper than the body's; the rest of the page reading as footnotes (*tail).
 * A first text that reads as a heading or TOC entry, or set apart from its number by a
 * wide gap (-layout headings), takes 3; one in lower case 2. A first text without two
 * letters ("2" of a formula) gives 0.
 * Without marker evidence, or indentation and tail together, the score stays below
 * BLOCK_SCORE. Dot leaders, or one of the 3 body lines above starting with v - 3..v - 1
 * or being v alone (a numbered list goes on, a column of numbers): 0.
 */
static int start_score(const rp_ctx_t *c, const block_t *bk, size_t i, unsigned v,
                       const cites_t *prev, int *restart)
{
    unsigned f = c->last_note;
    int late = 0, sc = sequence_score(c, v, restart, &late);
    if (sc == 0)
        return 0;
    const rp_line_t *ln = &c->lines[i];
    size_t nx = ln->lead ? i : next_text(c, i, bk->pe);
    size_t off = ln->lead ? ln->lead : 0;
    if (nx >= bk->pe || dot_leaders(ln) || dot_leaders(&c->lines[nx]) ||
        !has_letters(c->lines[nx].s + off, c->lines[nx].n - off) ||
        bullet_text(c->lines[nx].s + off, c->lines[nx].n - off) ||
        table_row(c->lines[nx].s + off, c->lines[nx].n - off) || among_numbers(c, i, bk->pe))
        return 0;
    if (list_goes_on(c, bk->ps, i, v))
        return 0; /* "8 Locked" under "[7 ReadOnly]": a numbered list */
    int tail = inline_tail_ok(c, bk);
    if (late && !(tail && (cited(&bk->cites, v) || cited(&bk->spaced, v))))
        return 0; /* a late number needs its marker on the page and the page's foot */
    int heading = heading_like(c->lines[nx].s + off, c->lines[nx].n - off) || wide_gap(ln);
    int lower = lower_text(c->lines[nx].s + off, c->lines[nx].n - off);
    if (lower && v != f + 1)
        return 0; /* a jump to a line going on in lower case: "memory ... the", "3 stacktraces" */
    if (cited(&bk->cites, v) && v == f + 1 && !*restart) /* the next number, cited */
        return tail && !heading && !lower ? sc + 2 : BLOCK_SCORE - 1;
    int marker = cited(&bk->cites, v)
                     ? 2
                     : cited(&bk->spaced, v) || cited_apart(bk, v) ||
                           (!*restart && (cited(prev, v) || (!bk->checkable && v == f + 1)));
    int indent = bk->nbody >= 3 && ln->indent > bk->indent;
    sc += marker + indent + tail;
    if (heading)
        sc -= 3;
    else if (lower)
        sc -= 2; /* "7 delegations took the floor": a sentence; footnotes start in capitals */
    if (!marker && !(indent && tail) && sc >= BLOCK_SCORE)
        sc = BLOCK_SCORE - 1;
    return sc;
}

/* The next footnote number v, cited in the body above, whose footnotes end at a new
 * paragraph rather than at the page's end (tail_end): a column's foot in pdftotext's
 * reading order. The block is cut there (bk->pe); what follows stays body. */
static int column_block(const rp_ctx_t *c, block_t *bk, size_t i, unsigned v)
{
    const rp_line_t *ln = &c->lines[i];
    size_t nx = ln->lead ? i : next_text(c, i, bk->pe), off = ln->lead;
    if (v != c->last_note + 1 || !cited(&bk->cites, v) || nx >= bk->pe ||
        heading_like(c->lines[nx].s + off, c->lines[nx].n - off) || wide_gap(ln) ||
        lower_text(c->lines[nx].s + off, c->lines[nx].n - off))
        return 0;
    size_t e = tail_end(c, bk);
    if (e <= nx || e >= bk->pe)
        return 0;
    bk->pe = e;
    return 1;
}

static void warn_weak(const rp_ctx_t *c, size_t i, unsigned v)
{
    const rp_line_t *ln = &c->lines[i];
    if (c->diag)
        ds_diag_warn(c->diag, c->file, ln->lineno,
                     "possible footnote %u (no marker for it) left in the body: %.*s", v,
                     (int)(ln->n > 60 ? 60 : ln->n), ln->s);
}

/* Find the block of page [ps, pe) into *bk: the first line (not the page's first)
 * holding a bare number followed by text, or an inline "N Text" start from which the
 * rest of the page reads as footnotes (inline_rules, inline_tail_ok), that scores
 * BLOCK_SCORE (start_score). prev: what the previous page cites. Returns 1 if the page
 * has a block (*restart: its numbering restarts at 1), 0 if not. */
/* ---- a column of numbers --------------------------------------------------------------- */

/* Lines from i: bare numbers v, v + 1, ... (blank lines between), at least two, then
 * text: pdftotext reads the numbers of a page's footnotes as a block of their own,
 * before the block of their texts, when a word processor sets them apart by a tab.
 * Returns how many numbers (0 if none); *text: the first text line. */
static size_t number_column(const rp_ctx_t *c, size_t i, size_t pe, size_t *text)
{
    size_t k = 0, j = i;
    unsigned v = c->lines[i].num;
    while (j < pe && k < COLUMN_MAX && c->lines[j].role == RL_BODY && c->lines[j].num == v + k &&
           c->lines[j].n <= 4) {
        k++;
        j = next_text(c, j, pe);
    }
    if (k < 2 || j >= pe || c->lines[j].num)
        return 0;
    *text = j;
    return k;
}

/* The text lines from t to the page's end split into the k footnotes of a column: one
 * ends at a closed line (note_is_open) before a line that does not start in lower case.
 * They must split into exactly k -- or k + 1 when the last piece is the page's last
 * line, short (FOOT_LINE_MAX): the page's own footer ("21-10417 (E)"), bk->col_foot.
 * Any other count is no column: which text is whose is not known. */
static int split_column(const rp_ctx_t *c, block_t *bk, size_t t, size_t k)
{
    size_t n = 0, prev = t, last = t;
    bk->col_text[n++] = t;
    bk->col_foot = bk->pe;
    for (size_t j = next_text(c, t, bk->pe); j < bk->pe; j = next_text(c, j, bk->pe)) {
        const rp_line_t *ln = &c->lines[j];
        if (ln->num || rp_is_point(ln->s, ln->n))
            return 0;
        if (!note_is_open(c, prev) && !rp_is_lower_start(ln->s, ln->n)) {
            if (n == k + 1)
                return 0;
            if (n < COLUMN_MAX)
                bk->col_text[n] = j;
            n++;
        }
        prev = last = j;
    }
    if (n == k + 1 && bk->col_text[k] == last && foot_like(&c->lines[last])) {
        bk->col_foot = last;
        n--;
    }
    return n == k;
}

/* Line i opens a column of numbers that starts the page's footnotes: the first number
 * goes on the sequence (F + 1; or 1, restarting, with footnotes: per-chapter) and is
 * cited by a marker in the body above, and the texts split into as many footnotes as
 * there are numbers. Else, when it only looked like one, a warning. */
static int column_start(const rp_ctx_t *c, block_t *bk, size_t i, int *restart)
{
    size_t t, k = number_column(c, i, bk->pe, &t);
    unsigned v = c->lines[i].num, f = c->last_note;
    if (!k || c->footnotes == RP_FOOTNOTES_NONE)
        return 0;
    *restart = v == 1 && f > 0;
    if (!(v == f + 1 || (*restart && c->footnotes == RP_FOOTNOTES_PER_CHAPTER)) ||
        !cited(&bk->cites, v))
        return 0;
    if (split_column(c, bk, t, k)) {
        bk->ncol = k;
        bk->top = i;
        return 1;
    }
    if (c->diag)
        ds_diag_warn(c->diag, c->file, c->lines[i].lineno,
                     "%zu footnote numbers from %u in a column, but their texts do not "
                     "split into as many: left in the body",
                     k, v);
    return 0;
}

/* Walk a column block: each number line starts its footnote, whose text lines are
 * those from its piece's first (col_text) to the next's. */
static long walk_column(rp_ctx_t *c, const block_t *bk, size_t *last_text)
{
    size_t first = c->nnotes, i = bk->top;
    for (size_t m = 0; m < bk->ncol; m++, i = next_text(c, i, bk->pe)) {
        if (new_note(c, c->lines[i].num, i) < 0)
            return -1;
        c->lines[i].role = RL_NOTE_NUM;
        c->lines[i].note = first + m;
    }
    for (size_t m = 0; m < bk->ncol; m++) {
        size_t to = m + 1 < bk->ncol ? bk->col_text[m + 1] : bk->col_foot;
        set_note_lines(c, bk->col_text[m], to, first + m);
        for (size_t j = bk->col_text[m]; j < to; j++)
            *last_text = c->lines[j].role == RL_NOTE_TEXT ? j : *last_text;
    }
    if (bk->col_foot < bk->pe)
        c->lines[bk->col_foot].role = RL_PAGENUM; /* out of the flow, like a page number */
    return (long)(c->nnotes - 1);
}

static int find_block(const rp_ctx_t *c, size_t ps, size_t pe, block_t *bk, const cites_t *prev,
                      int *restart)
{
    block_begin(bk, ps, pe);
    size_t leaders = 0, from = ps + 1;
    for (size_t i = ps; i < pe; i++)
        if (c->lines[i].role == RL_BODY && dot_leaders(&c->lines[i]) && ++leaders >= TOC_LINES)
            from = i + 1;
    /* a table of contents: its numbers are sections and pages; but a page may hold
     * both the contents and, below them, body text and footnotes (a report's first page) */
    for (size_t i = from; i < pe; i++) {
        const rp_line_t *ln = &c->lines[i];
        int bare = ln->num && ln->role == RL_BODY && bare_start(c, i, pe);
        unsigned v = bare ? ln->num : ln->role == RL_BODY ? ln->inum : 0;
        if (ln->num && ln->role == RL_BODY && !bare) {
            block_extend(c, bk, i);
            if (column_start(c, bk, i, restart))
                return 1;
        }
        if (!v)
            continue;
        block_extend(c, bk, i);
        int sc = start_score(c, bk, i, v, prev, restart);
        if (sc < BLOCK_SCORE - 1 || (!bare && !inline_rules(c, bk, i)))
            continue;
        if (sc < BLOCK_SCORE && column_block(c, bk, i, v))
            return 1;
        if (!bare && !inline_tail_ok(c, bk)) /* an inline block must end the page */
            continue;
        if (sc < BLOCK_SCORE) {
            warn_weak(c, i, v);
            continue;
        }
        size_t e = bare ? tail_end(c, bk) : bk->pe;
        if (e > bk->top && e < bk->pe)
            bk->pe = e; /* notes under a table, or a column's foot: the body goes on */
        return 1;
    }
    return 0;
}

/* The block's note (index in [first, end)) printed v, or (size_t)-1. */
static size_t block_note(const rp_ctx_t *c, size_t first, size_t end, unsigned v)
{
    for (size_t k = first; k < end; k++)
        if (c->notes[k].printed == v)
            return k;
    return (size_t)-1;
}

/* The note after which footnote n is missing in the block (notes from `first` on): the
 * note printed n - 1, when the block holds n + 1 and no n, or when the note after it
 * restarts the numbering (printed 1: n was its chapter's last) and no n comes before
 * that. *b: the note n + 1 or the restart. (size_t)-1 if none. */
static size_t gap_before(const rp_ctx_t *c, size_t first, unsigned n, size_t *b)
{
    size_t a = n < 2 ? (size_t)-1 : block_note(c, first, c->nnotes, n - 1);
    if (a == (size_t)-1)
        return (size_t)-1;
    *b = block_note(c, first, c->nnotes, n + 1);
    if (*b != (size_t)-1 && block_note(c, first, c->nnotes, n) == (size_t)-1)
        return a;
    *b = a + 1;
    if (*b < c->nnotes && c->notes[*b].printed == 1 && block_note(c, first, *b, n) == (size_t)-1)
        return a;
    return (size_t)-1;
}

/* Footnote n filled in after note a, before the restart b: a's run ends one later than
 * the walk counted, so the runs opened after it and their notes (from b on) move up by
 * one, keeping running numbers unique and in reading order. */
static void shift_runs(rp_ctx_t *c, size_t a, size_t b)
{
    unsigned top = c->notes[a].number;
    for (size_t k = b; k < c->nnotes; k++)
        c->notes[k].number++;
    for (size_t k = 0; k < c->nruns; k++)
        if (c->runs[k].base >= top)
            c->runs[k].base++;
    c->note_base++;
    c->max_note++;
}

/* Line t, a bare number N at the page's end, is the number of a footnote pdftotext moved
 * after its block from the middle of it: the block (notes from `first` on) holds N-1
 * and then N+1 or a restart, but not N (gap_before), and N is cited above. Footnote N
 * is then the text of N-1 from its first line that follows a closed line (note_is_open:
 * a sentence or URL ended) and starts a block, up to N+1 ("1", "Statement ...,
 * https://.../s1.pdf", "Statement ..., https://.../s2.pdf", "3", ..., "2"). Returns 1 if
 * so, 0 if not, -1 on nomem. */
static int fill_gap(rp_ctx_t *c, const block_t *bk, size_t first, size_t t)
{
    unsigned n = c->lines[t].num;
    size_t b, a = gap_before(c, first, n, &b);
    if (a == (size_t)-1 || !(cited(&bk->cites, n) || cited(&bk->spaced, n)))
        return 0;
    size_t last = (size_t)-1;
    for (size_t j = c->notes[a].start_line + 1; j < c->notes[b].start_line; j++) {
        rp_line_t *ln = &c->lines[j];
        if (ln->role != RL_NOTE_TEXT || ln->note != a)
            continue;
        if (last != (size_t)-1 && !note_is_open(c, last) && rp_starts_block(ln->s, ln->n)) {
            if (c->notes[b].printed == 1)
                shift_runs(c, a, b);
            if (push_note(c, c->notes[a].number + 1, n, j) < 0)
                return -1;
            for (size_t q = j; q < c->notes[b].start_line; q++)
                if (c->lines[q].note == a && c->lines[q].role != RL_NOTE_NUM)
                    c->lines[q].note = c->nnotes - 1;
            c->lines[t].role = RL_NOTE_NUM;
            c->lines[t].note = c->nnotes - 1;
            return 1;
        }
        last = j;
    }
    return 0;
}

/* The bare page-end numbers after the block that fill a gap in it (fill_gap). */
static int fill_gaps(rp_ctx_t *c, const block_t *bk, size_t first, size_t pe)
{
    for (size_t i = pe, k = 0; i-- > bk->top + 1 && k < 2;) {
        if (c->lines[i].role == RL_BLANK || c->lines[i].role == RL_NOTE_BLANK)
            continue;
        if (c->lines[i].role != RL_PAGENUM || !c->lines[i].num)
            break;
        k++;
        if (fill_gap(c, bk, first, i) < 0)
            return -1;
    }
    return 0;
}

/* Lay out page [ps, pe) whose first line is ps. *open_note / *last_text: the footnote
 * that may run on into the next page and its last text line. */
static int layout_page(rp_ctx_t *c, size_t ps, size_t pe, size_t *open_note, size_t *last_text,
                       const cites_t *prev)
{
    block_t bk;
    int restart = 0;
    int has = find_block(c, ps, pe, &bk, prev, &restart);
    int open = note_is_open(c, *last_text);
    if (c->lines[ps].num && next_text(c, ps, pe) < pe)
        c->lines[ps].role = RL_PAGENUM; /* a page number at the top */
    if (!has)
        return layout_plain_page(c, ps, pe, open_note, last_text);
    size_t b = bk.top;
    size_t mv[MOVED_MAX], top[MOVED_MAX], foot, pnum, k = 0;
    unsigned f = c->last_note, bn = c->lines[b].num ? c->lines[b].num : c->lines[b].inum;
    if (!bk.ncol && !restart && (k = moved_numbers(c, b, pe, bn, mv, &foot, &pnum)) &&
        !moved_texts(c, ps, b, k, top))
        k = 0;
    for (size_t m = 0; m < k; m++) /* kept out of the walk */
        c->lines[mv[m]].role = RL_PAGENUM;
    if (k && foot < pe)
        c->lines[foot].role = RL_PAGENUM;
    if (k && pnum < pe)
        c->lines[pnum].role = RL_PAGENUM;
    /* only a bare first number can have been moved after the block */
    size_t mis = k ? pe : trailing_numbers(c, b, pe, c->lines[b].num);
    size_t pre = (mis < pe || open) && !k ? scan_pretext(c, ps, b, mis < pe) : b;
    size_t lt = (size_t)-1;
    if (mis < pe)
        c->lines[mis].role = RL_PAGENUM; /* kept out of the walk */
    if (restart && new_run(c, c->last_page_end) < 0)
        return -1;
    size_t first = c->nnotes;
    long cur = bk.ncol ? walk_column(c, &bk, &lt) : walk_block(c, &bk, &lt);
    if (cur < 0 || fill_gaps(c, &bk, first, pe) < 0)
        return -1;
    column_lines(c, &bk, &lt);
    if (!k && mis == pe && !open && number_below_text(c, ps, b))
        set_note_lines(c, b - 1, b, first); /* its first line, above the raised number */
    if (k && moved_notes(c, f, k, mv, top, b, c->notes[first].number - c->notes[first].printed) < 0)
        return -1;
    if (mis < pe && pre < b) {
        /* in the run of the block's first note (a restart in the block moved the base) */
        unsigned base = c->notes[first].number - c->notes[first].printed;
        if (push_note(c, base + c->lines[mis].num, c->lines[mis].num, pre) < 0)
            return -1;
        set_note_lines(c, pre, b, c->nnotes - 1);
        c->lines[mis].role = RL_NOTE_NUM;
        c->lines[mis].note = c->nnotes - 1;
    } else if (pre < b && open) {
        set_note_lines(c, pre, b, *open_note);
    }
    *open_note = (size_t)cur;
    *last_text = lt;
    return 0;
}

/* Page p's lines are [starts[p], starts[p + 1]); starts has npages + 1 entries. */
static size_t *page_starts(const rp_ctx_t *c, size_t *npages)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nlines; i++)
        n += c->lines[i].page_start;
    size_t *st = malloc((n + 1) * sizeof *st);
    if (!st)
        return NULL;
    n = 0;
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].page_start)
            st[n++] = i;
    st[n] = c->nlines;
    *npages = n;
    return st;
}

int rp_layout(rp_ctx_t *c)
{
    if (split_lines(c) < 0)
        return -1;
    c->labels = ds_arena_array(c->arena, c->npages ? c->npages : 1, sizeof *c->labels);
    char *none = ds_arena_strndup(c->arena, "", 0);
    if (!c->labels || !none)
        return -1;
    for (size_t p = 0; p < c->npages; p++)
        c->labels[p] = none;
    size_t np = 0, open_note = 0, last_text = (size_t)-1;
    size_t *st = page_starts(c, &np);
    if (!st || rp_furniture(c, st, np) < 0) {
        free(st);
        return -1;
    }
    int rc = 0;
    cites_t *prev = calloc(1, sizeof *prev);
    if (!prev) {
        free(st);
        return -1;
    }
    for (size_t p = 0; p < np && rc == 0; p++) {
        rc = rp_symbol_page(c, st[p], st[p + 1]);
        size_t before = c->nnotes; /* numbered footnotes decide a run's start */
        if (rc == 0)
            rc = layout_page(c, st[p], st[p + 1], &open_note, &last_text, prev);
        memset(prev, 0, sizeof *prev);
        for (size_t i = st[p]; i < st[p + 1]; i++) {
            cite_line(&c->lines[i], prev);
            cite_spaced(&c->lines[i], prev);
        }
        if (c->nnotes > before)
            c->last_page_end = st[p + 1];
    }
    free(prev);
    free(st);
    rp_symbol_numbers(c);
    rp_page_labels(c);
    return rc;
}
