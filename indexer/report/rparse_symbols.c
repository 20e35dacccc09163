/*
 * rparse_symbols.c - symbol-marked footnotes of the text path (rparse.h, section 2,
 * Symbol footnotes): "∗ Thanks to ..." at the foot of a title page whose body holds
 * "Lars Madsen∗", groff's "*Clita ipsum ..." under "rebum stet clita.*", a UN document's
 * "* The present document was submitted late" under "A/76/135*".
 *
 * A page's symbol footnotes are found before its numbered block (rparse_layout.c), so
 * the numbered rules never read their lines: a region starts at a line (not the page's
 * first) that opens with a mark followed by text, whose mark the body above holds glued
 * to the text; it runs to the page's end or to a line that starts with a number (the
 * numbered block, a page number), and must read as footnotes. Both the mark at the line
 * start and the mark in the body are needed: a '*' bullet list has no mark in the body.
 * On a page of two -layout columns the region is first read by column (columns_page):
 * footnotes side by side on one line are two, each continued in its column.
 */
#include <stdlib.h>
#include <string.h>

#include "rparse_int.h"

#define MAX_NOTE_LINES 8 /* a symbol footnote's lines after its first */
#define MAX_REGION 16    /* symbol footnotes on one page */

/* The footnote symbols: ∗ * † ‡ § ¶ ‖. */
static int is_symbol(uint32_t cp)
{
    return cp == 0x2217 || cp == '*' || cp == 0x2020 || cp == 0x2021 || cp == 0xA7 || cp == 0xB6 ||
           cp == 0x2016;
}

static int is_letter_or_digit(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000);
}

/* Punctuation a mark may follow or precede: . , ; : ! ? ) ] */
static int is_punct(uint32_t cp)
{
    return cp > 0 && cp < 0x80 && strchr(".,;:!?)]", (int)cp);
}

size_t rp_symbol_mark(const char *s, size_t n, size_t i)
{
    size_t cl, k = 0, e = i;
    uint32_t first = rp_next_cp(s, n, i, &cl);
    if (i >= n || !is_symbol(first))
        return 0;
    while (e < n && k < 4 && rp_next_cp(s, n, e, &cl) == first) {
        e += cl;
        k++;
    }
    return k <= 3 ? e - i : 0;
}

int rp_symbol_glued(const char *s, size_t n, size_t i, size_t ml)
{
    size_t cl;
    if (i == 0 || ml == 0)
        return 0;
    uint32_t p = rp_prev_cp(s, i, &cl), m = rp_next_cp(s, n, i, &cl);
    if (p == ' ' || p == '\t' || p == m || rp_is_open_quote(p) || p == '(' || p == '[')
        return 0;
    if (!is_letter_or_digit(p) && !rp_is_close_quote(p) && !is_symbol(p) && !is_punct(p))
        return 0;
    if (i + ml == n)
        return 1;
    uint32_t q = rp_next_cp(s, n, i + ml, &cl);
    return q != m && (q == ' ' || is_punct(q) || rp_is_close_quote(q) || is_symbol(q));
}

/* A line opening with a mark then text (after optional spaces: a letter, digit, opening
 * quote or bracket first -- not a lower-case letter glued to the mark, "*unused" -- and
 * a letter in it: "∗ Thanks", "*Clita", "* A/76/50.", "∗ deceased"): the
 * mark's length, and in *lead where the text starts; 0 if not. */
static size_t start_mark(const rp_line_t *ln, size_t *lead)
{
    size_t ml = rp_symbol_mark(ln->s, ln->n, 0), t = ml, cl;
    if (!ml)
        return 0;
    while (t < ln->n && (ln->s[t] == ' ' || ln->s[t] == '\t'))
        t++;
    if (t == ln->n)
        return 0;
    uint32_t f = rp_next_cp(ln->s, ln->n, t, &cl);
    if (!is_letter_or_digit(f) && !rp_is_open_quote(f) && f != '(' && f != '[')
        return 0;
    if (t == ml && rp_is_lower_start(ln->s + t, ln->n - t))
        return 0; /* "*unused is set to ...": a C pointer ("∗ deceased" is a note) */
    for (size_t i = t; i < ln->n; i += cl)
        if (is_letter_or_digit(rp_next_cp(ln->s, ln->n, i, &cl)) && ln->s[i] > '9') {
            *lead = t;
            return ml;
        }
    return 0;
}

/* The body lines [ps, to) hold mark m[0..ml) glued to the text. */
static int body_holds(const rp_ctx_t *c, size_t ps, size_t to, const char *m, size_t ml)
{
    for (size_t li = ps; li < to; li++) {
        const rp_line_t *ln = &c->lines[li];
        if (ln->role != RL_BODY)
            continue;
        for (size_t i = 1; i + ml <= ln->n; i++)
            if (memcmp(ln->s + i, m, ml) == 0 && rp_symbol_mark(ln->s, ln->n, i) == ml &&
                rp_symbol_glued(ln->s, ln->n, i, ml))
                return 1;
    }
    return 0;
}

static int opens_with(const char *s, size_t n, const char *m, size_t ml)
{
    return n > ml && memcmp(s, m, ml) == 0 && rp_symbol_mark(s, n, 0) == ml;
}

/* Lines of page [ps, pe) that open with mark m[0..ml) and a space or text -- and, on a
 * page of two columns (x: the other column, else 0), right parts that do: more than one
 * is a list ("* Make all ...", "* Make both ..."). */
static size_t lines_opening(const rp_ctx_t *c, size_t ps, size_t pe, const char *m, size_t ml,
                            size_t x)
{
    size_t k = 0;
    for (size_t li = ps; li < pe; li++) {
        const rp_line_t *ln = &c->lines[li];
        size_t b = x && ln->indent + 1 < x ? rp_col_at(ln, x) : 0;
        k += opens_with(ln->s, ln->n, m, ml) + (b && opens_with(ln->s + b, ln->n - b, m, ml));
    }
    return k;
}

/* Line (or line part) ln starts a symbol footnote of the region that begins at line
 * `top`: its mark's length and *lead, or 0. */
static size_t region_start(const rp_ctx_t *c, size_t ps, size_t top, const rp_line_t *ln, size_t pe,
                           size_t x, size_t *lead)
{
    size_t ml = ln->role == RL_BODY ? start_mark(ln, lead) : 0;
    if (!ml || !body_holds(c, ps, top, ln->s, ml))
        return 0;
    return lines_opening(c, ps, pe, ln->s, ml, x) == 1 ? ml : 0;
}

typedef struct region {
    size_t start[MAX_REGION], lead[MAX_REGION], mlen[MAX_REGION];
    size_t n, end; /* footnotes; the line after the region */
} region_t;

/* Read the region from line top (a start) to the page's end; 1 if it reads as
 * footnotes (no note over MAX_NOTE_LINES lines, no text after a blank line but a new
 * footnote or a lower-case continuation, marks not repeated), else 0. */
static int read_region(const rp_ctx_t *c, size_t ps, size_t top, size_t pe, region_t *rg)
{
    int blank = 0;
    size_t cont = 0;
    rg->n = 0;
    rg->end = pe;
    for (size_t li = top; li < pe; li++) {
        const rp_line_t *ln = &c->lines[li];
        size_t lead, ml;
        if (ln->role == RL_PAGENUM || ln->role == RL_BLANK) {
            blank |= ln->role == RL_BLANK;
            continue;
        }
        if (ln->role != RL_BODY || ln->num || ln->inum) {
            rg->end = li;
            break;
        }
        if ((ml = region_start(c, ps, top, ln, pe, 0, &lead)) != 0) {
            for (size_t k = 0; k < rg->n; k++)
                if (rg->mlen[k] == ml && memcmp(c->lines[rg->start[k]].s, ln->s, ml) == 0)
                    return 0;
            if (rg->n == MAX_REGION)
                return 0;
            rg->start[rg->n] = li;
            rg->lead[rg->n] = lead;
            rg->mlen[rg->n++] = ml;
            cont = 0;
        } else if ((blank && !rp_is_lower_start(ln->s, ln->n)) || ++cont > MAX_NOTE_LINES) {
            return 0;
        }
        blank = 0;
    }
    while (rg->end > top && c->lines[rg->end - 1].role != RL_BODY)
        rg->end--; /* trailing blanks and page numbers stay as they are */
    return rg->n > 0;
}

/* Give the region's lines their roles and create its notes (number 0 for now). */
static int apply_region(rp_ctx_t *c, const region_t *rg)
{
    for (size_t k = 0; k < rg->n; k++) {
        const rp_line_t *sl = &c->lines[rg->start[k]];
        char *mark = ds_arena_strndup(c->arena, sl->s, rg->mlen[k]);
        rp_note_t nt = {0, rg->start[k], c->nnotes, 0, 0, mark};
        if (!mark || rp_vec_push(&c->notes, &c->nnotes, &c->capnotes, sizeof nt, &nt) < 0)
            return -1;
        size_t to = k + 1 < rg->n ? rg->start[k + 1] : rg->end;
        for (size_t li = rg->start[k]; li < to; li++) {
            rp_line_t *ln = &c->lines[li];
            if (ln->role == RL_PAGENUM)
                continue;
            ln->role = li == rg->start[k]     ? RL_NOTE_NUM
                       : ln->role == RL_BLANK ? RL_NOTE_BLANK
                                              : RL_NOTE_TEXT;
            ln->note = c->nnotes - 1;
            ln->sym = 1;
        }
        c->lines[rg->start[k]].lead = rg->lead[k];
    }
    return 0;
}

/* ---- two columns of symbol footnotes (-layout) ------------------------------------- */

/* Line li narrowed to its column col (0 left, 1 right) of a page whose other column
 * starts at display column x, in *out; 0 when the line holds nothing there. *b: where
 * its right part starts (0: the line lies in one column). */
static int column_part(const rp_ctx_t *c, size_t li, size_t x, int col, rp_line_t *out, size_t *b)
{
    const rp_line_t *ln = &c->lines[li];
    int right = ln->indent + 1 >= x;
    *out = *ln;
    *b = right ? 0 : rp_col_at(ln, x);
    if (col == 0 && *b) {
        size_t e = *b;
        while (e > 0 && ln->s[e - 1] == ' ')
            e--;
        out->n = e;
    } else if (col == 1 && *b) {
        out->s += *b;
        out->n -= *b;
        out->indent = x;
    }
    return col == 0 ? !right : right || *b;
}

/* Symbol footnotes in two columns: the notes (their first line, column, mark, lead) and
 * the note of each line's left and right part (asg, from line top on). */
typedef struct cols {
    size_t x, top, end, n;
    size_t li[MAX_REGION], lead[MAX_REGION], mlen[MAX_REGION];
    int col[MAX_REGION];
    const char *mark[MAX_REGION];
    size_t *asg;
    size_t cont[2], last[2]; /* per column: lines of its last note, and that note */
} cols_t;

/* Part pt (column col) of line li opens a symbol footnote, or continues the last one of
 * its column; 0 when the region does not read as footnotes (Symbol footnotes). */
static int column_step(const rp_ctx_t *c, size_t ps, size_t pe, cols_t *cr, size_t li, int col,
                       const rp_line_t *pt, int blank)
{
    size_t lead, ml = region_start(c, ps, cr->top, pt, pe, cr->x, &lead);
    if (ml) {
        for (size_t k = 0; k < cr->n; k++)
            if (cr->mlen[k] == ml && memcmp(cr->mark[k], pt->s, ml) == 0)
                return 0;
        if (cr->n == MAX_REGION)
            return 0;
        cr->li[cr->n] = li;
        cr->lead[cr->n] = lead;
        cr->mlen[cr->n] = ml;
        cr->col[cr->n] = col;
        cr->mark[cr->n] = pt->s;
        cr->last[col] = cr->n++;
        cr->cont[col] = 0;
    } else if (cr->last[col] == (size_t)-1 || (blank && !rp_is_lower_start(pt->s, pt->n)) ||
               ++cr->cont[col] > MAX_NOTE_LINES) {
        return 0;
    }
    cr->asg[(li - cr->top) * 2 + (size_t)col] = cr->last[col];
    return 1;
}

/* Read the region from line cr->top to the page's end as two columns of footnotes, each
 * part of a line opening a footnote or continuing the last one of its column; 1 if it
 * reads as footnotes, some line holds both columns and both columns hold footnotes. */
static int read_columns(const rp_ctx_t *c, size_t ps, size_t pe, cols_t *cr)
{
    int blank = 0, split = 0;
    cr->n = 0;
    cr->end = pe;
    cr->cont[0] = cr->cont[1] = 0;
    cr->last[0] = cr->last[1] = (size_t)-1;
    for (size_t li = cr->top; li < pe; li++) {
        const rp_line_t *ln = &c->lines[li];
        if (ln->role == RL_PAGENUM || ln->role == RL_BLANK) {
            blank |= ln->role == RL_BLANK;
            continue;
        }
        if (ln->role != RL_BODY || ln->num || ln->inum) {
            cr->end = li;
            break;
        }
        for (int col = 0; col < 2; col++) {
            rp_line_t pt;
            size_t b;
            if (!column_part(c, li, cr->x, col, &pt, &b))
                continue;
            split |= b != 0;
            if (!column_step(c, ps, pe, cr, li, col, &pt, blank))
                return 0;
        }
        blank = 0;
    }
    while (cr->end > cr->top && c->lines[cr->end - 1].role != RL_BODY)
        cr->end--;
    return split && cr->last[0] != (size_t)-1 && cr->last[1] != (size_t)-1;
}

/* Give text line li of the region its roles: its left part (or all of it) to note l,
 * its right part (ns) to note r; a part that opens its note loses the mark (lead). */
static void column_line(rp_ctx_t *c, const cols_t *cr, size_t li, size_t base)
{
    rp_line_t *ln = &c->lines[li], lp, rt;
    size_t l = cr->asg[(li - cr->top) * 2], r = cr->asg[(li - cr->top) * 2 + 1], b;
    int both = l != (size_t)-1 && r != (size_t)-1;
    size_t k = l != (size_t)-1 ? l : r;
    int col = l != (size_t)-1 ? 0 : 1;
    column_part(c, li, cr->x, 0, &lp, &b);
    column_part(c, li, cr->x, 1, &rt, &b);
    if (both) {
        int opens = cr->li[r] == li && cr->col[r] == 1;
        ln->ns = rt.s + (opens ? cr->lead[r] : 0);
        ln->nn = rt.n - (opens ? cr->lead[r] : 0);
        ln->nnote = base + r;
        ln->n = lp.n;
    }
    int opens = cr->li[k] == li && cr->col[k] == col;
    ln->role = opens ? RL_NOTE_NUM : RL_NOTE_TEXT;
    ln->lead = opens ? cr->lead[k] : 0;
    ln->note = base + k;
    ln->sym = 1;
}

/* Create the notes of cr (number 0 for now) and give the region's lines their roles. */
static int apply_columns(rp_ctx_t *c, const cols_t *cr)
{
    size_t base = c->nnotes, prev = base;
    for (size_t k = 0; k < cr->n; k++) {
        char *mark = ds_arena_strndup(c->arena, cr->mark[k], cr->mlen[k]);
        rp_note_t nt = {0, cr->li[k], c->nnotes, 0, 0, mark};
        if (!mark || rp_vec_push(&c->notes, &c->nnotes, &c->capnotes, sizeof nt, &nt) < 0)
            return -1;
    }
    for (size_t li = cr->top; li < cr->end; li++) {
        rp_line_t *ln = &c->lines[li];
        if (ln->role == RL_BLANK) {
            ln->role = RL_NOTE_BLANK;
            ln->note = prev;
            ln->sym = 1;
        } else if (ln->role == RL_BODY) {
            column_line(c, cr, li, base);
            prev = ln->note;
        }
    }
    return 0;
}

/* The symbol footnotes from line top of a page set in two -layout columns, footnotes
 * side by side ("†Sadipscing ...      ‡Takimata ..."): 1 if found (roles and notes
 * given), 0 if not (the page is read in one column), -1 on nomem. */
static int columns_page(rp_ctx_t *c, size_t ps, size_t top, size_t pe)
{
    cols_t cr;
    cr.x = rp_page_column(c, ps, top);
    cr.top = top;
    if (!cr.x)
        return 0;
    cr.asg = malloc((pe - top) * 2 * sizeof *cr.asg);
    if (!cr.asg)
        return -1;
    for (size_t k = 0; k < (pe - top) * 2; k++)
        cr.asg[k] = (size_t)-1;
    int rc = read_columns(c, ps, pe, &cr) ? (apply_columns(c, &cr) < 0 ? -1 : 1) : 0;
    free(cr.asg);
    return rc;
}

int rp_symbol_page(rp_ctx_t *c, size_t ps, size_t pe)
{
    region_t rg;
    size_t lead;
    if (c->footnotes == RP_FOOTNOTES_NONE)
        return 0;
    for (size_t top = ps + 1; top < pe; top++) {
        if (!region_start(c, ps, top, &c->lines[top], pe, 0, &lead))
            continue;
        int cols = columns_page(c, ps, top, pe);
        if (cols != 0)
            return cols < 0 ? -1 : 0;
        if (read_region(c, ps, top, pe, &rg))
            return apply_region(c, &rg);
    }
    return 0;
}

void rp_symbol_numbers(rp_ctx_t *c)
{
    for (size_t k = 0; k < c->nnotes; k++)
        if (c->notes[k].mark)
            c->notes[k].number = ++c->max_note;
}
