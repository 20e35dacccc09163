/*
 * rparse_notes.c - footnote records (rp_footnote_t) from the lines rparse_layout.c gave
 * to each footnote: the joined text, its URLs, UN document symbols, title and date
 * (chosen by rparse_cite.c), sorted by number, with warnings for gaps and repeated
 * numbers (rparse.h, section 2, Footnotes). URLs and symbols are read by the rules the
 * text layer shares with the tokenizer (an_url_at, an_symbol_at in analyzer.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "rparse_int.h"

static int is_alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Add s[0..n) to the string list *v (arena), unless already there. */
static int list_add(ds_arena_t *a, char ***v, size_t *nv, const char *s, size_t n)
{
    for (size_t k = 0; k < *nv; k++)
        if (strlen((*v)[k]) == n && memcmp((*v)[k], s, n) == 0)
            return 0;
    char **nw = ds_arena_array(a, *nv + 1, sizeof *nw);
    char *cp = ds_arena_strndup(a, s, n);
    if (!nw || !cp)
        return -1;
    if (*nv)
        memcpy(nw, *v, *nv * sizeof *nw);
    nw[(*nv)++] = cp;
    *v = nw;
    return 0;
}

/* 1 if the token s[0..n) holds a URL; its start in *u. */
static int token_url(const char *s, size_t n, size_t *u)
{
    for (size_t i = 0; i < n; i++)
        if (an_url_start(s + i, n - i, AN_RULE_REPORT) && (i == 0 || !is_alnum(s[i - 1]))) {
            *u = i;
            return 1;
        }
    return 0;
}

/* The offset of the first URL in t[0..n), or n if there is none. */
static size_t first_url(const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && t[i] == ' ')
            i++;
        size_t s = i, u;
        while (i < n && t[i] != ' ')
            i++;
        if (token_url(t + s, i - s, &u))
            return s + u;
    }
    return n;
}

static int scan_tokens(ds_arena_t *a, rp_footnote_t *f)
{
    const char *t = f->text;
    size_t i = 0, n = f->len;
    while (i < n) {
        while (i < n && t[i] == ' ')
            i++;
        size_t s = i;
        while (i < n && t[i] != ' ')
            i++;
        size_t u, ul;
        if (token_url(t + s, i - s, &u)) {
            an_url_at(t + s + u, i - s - u, AN_RULE_REPORT, &ul);
            if (list_add(a, &f->urls, &f->nurls, t + s + u, ul) < 0)
                return -1;
            continue;
        }
        for (size_t j = s; j < i; j++) {
            size_t sl = an_symbol_at(t + s, i - s, j - s);
            if (sl && list_add(a, &f->symbols, &f->nsymbols, t + j, sl) < 0)
                return -1;
            j += sl;
        }
    }
    return 0;
}

/* The first quoted text, nested “ ” counted; straight "..." also. [*qs, *qe) inside. */
static int quoted(const char *t, size_t n, size_t *qs, size_t *qe)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '"') {
            const char *e = memchr(t + i + 1, '"', n - i - 1);
            if (!e)
                return 0;
            *qs = i + 1;
            *qe = (size_t)(e - t);
            return *qe > *qs;
        }
        if (n - i >= 3 && memcmp(t + i, "\xE2\x80\x9C", 3) == 0) {
            int depth = 0;
            for (size_t k = i; k + 3 <= n; k++) {
                if (memcmp(t + k, "\xE2\x80\x9C", 3) == 0)
                    depth++;
                else if (memcmp(t + k, "\xE2\x80\x9D", 3) == 0 && --depth == 0) {
                    *qs = i + 3;
                    *qe = k;
                    return *qe > *qs;
                }
            }
            return 0;
        }
    }
    return 0;
}

static char *make_title(ds_arena_t *a, const char *t, size_t n)
{
    size_t s = 0, e = n;
    if (!quoted(t, n, &s, &e)) {
        s = 0;
        const char *comma = memchr(t, ',', n);
        e = comma ? (size_t)(comma - t) : n;
        for (size_t i = 0; i < e; i++)
            if (an_url_start(t + i, n - i, AN_RULE_REPORT)) {
                e = i;
                break;
            }
    }
    while (s < e && t[s] == ' ')
        s++;
    while (e > s && strchr(",;: -", t[e - 1]))
        e--;
    return ds_arena_strndup(a, t + s, e - s);
}

static int fill(rp_ctx_t *c, rp_footnote_t *f, const rp_note_t *nt, const ds_buf_t *text)
{
    ds_arena_t *a = c->arena;
    const rp_line_t *ln = &c->lines[nt->start_line];
    f->number = nt->number;
    f->printed = nt->printed;
    if (nt->mark) {
        f->mark = ds_arena_strndup(a, nt->mark, strlen(nt->mark));
    } else {
        char num[16];
        int k = snprintf(num, sizeof num, "%u", nt->printed);
        f->mark = ds_arena_strndup(a, num, (size_t)k);
    }
    if (!f->mark)
        return -1;
    f->len = text->len;
    f->text = ds_arena_strndup(a, text->len ? text->data : "", text->len);
    f->page = ln->page;
    f->line = ln->lineno;
    if (!f->text)
        return -1;
    f->title = make_title(a, f->text, f->len);
    rp_cite_dates_t cd;
    rp_cite_dates(f->text, first_url(f->text, f->len), c->default_year, &cd);
    f->date_start = cd.date.start;
    f->date_end = cd.date.end;
    f->date_rule = cd.rule;
    f->meeting_start = cd.meeting.start;
    f->meeting_end = cd.meeting.end;
    if (!f->title || scan_tokens(a, f) < 0)
        return -1;
    return 0;
}

static int cmp_note(const void *x, const void *y)
{
    const rp_note_t *a = x, *b = y;
    if (a->number != b->number)
        return a->number < b->number ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

static void warn_numbering(rp_ctx_t *c)
{
    rp_report_t *r = c->r;
    unsigned prev = 0;
    if (!c->diag)
        return;
    for (size_t k = 0; k < r->nfootnotes; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        if (k > 0 && f->number == prev)
            ds_diag_warn(c->diag, c->file, f->line, "footnote %u: number repeated", f->number);
        else if (f->number != prev + 1)
            ds_diag_warn(c->diag, c->file, f->line, "footnote numbers jump from %u to %u", prev,
                         f->number);
        prev = f->number;
    }
}

int rp_notes(rp_ctx_t *c)
{
    size_t n = c->nnotes;
    int rc = -1;
    ds_buf_t *bufs = calloc(n ? n : 1, sizeof *bufs);
    if (!bufs)
        return -1;
    for (size_t i = 0; i < c->nlines; i++) {
        const rp_line_t *ln = &c->lines[i];
        size_t skip = ln->role == RL_NOTE_NUM ? ln->lead : 0; /* "12 Text": the text */
        if (ln->role == RL_NOTE_TEXT || skip)
            rp_join(&bufs[ln->note], ln->s + skip, ln->n - skip, 0);
        if (ln->nn) /* the other column's footnote text on this line */
            rp_join(&bufs[ln->nnote], ln->ns, ln->nn, 0);
    }
    for (size_t k = 0; k < n; k++)
        if (!ds_buf_ok(&bufs[k]))
            goto out;
    /* sort the notes; each keeps its buffer's index in order */
    if (n > 1)
        qsort(c->notes, n, sizeof *c->notes, cmp_note);
    c->r->footnotes = ds_arena_array(c->arena, n, sizeof *c->r->footnotes);
    if (!c->r->footnotes)
        goto out;
    c->r->nfootnotes = n;
    for (size_t k = 0; k < n; k++)
        if (fill(c, &c->r->footnotes[k], &c->notes[k], &bufs[c->notes[k].order]) < 0)
            goto out;
    warn_numbering(c);
    rc = 0;
out:
    for (size_t k = 0; k < n; k++)
        ds_buf_release(&bufs[k]);
    free(bufs);
    return rc;
}
