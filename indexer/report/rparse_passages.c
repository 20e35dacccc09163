/*
 * rparse_passages.c - sections and passages from the cleaned body lines, their dates,
 * actors (rparse_actor.c) and citations, then the report body with its offset maps (rparse.h,
 * section 2, Headings, Passages, Dates, Offsets).
 *
 * Map
 *   line_lead()     does a line start a statement ("On <date>") or a point?
 *   para_break()    does the paragraph end between two lines?
 *   add_line()      join a line to the passage being built, record its locus and marks
 *   finish()        turn the built passage into an rp_passage_t
 *   add_heading()   open a section from heading lines
 *   build_body()    r->body, body offsets, r->loci, r->markers, cited_by
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "fold.h"
#include "rparse_int.h"

enum lead { LEAD_NONE = 0, LEAD_ON, LEAD_POINT };

typedef struct sec_extra {
    rp_locus_t loci[3]; /* the heading's lines */
    size_t nloci;
} sec_extra_t;

typedef struct pstate {
    rp_ctx_t *c;
    rp_passage_t *pass;
    size_t npass, cappass;
    rp_section_t *secs;
    size_t nsecs, capsecs;
    sec_extra_t *sx;
    size_t nsx, capsx;
    /* the passage being built */
    int open;
    enum lead lead;
    ds_buf_t text;
    rp_locus_t *loci;
    size_t nloci, caploci;
    size_t first_li, last_li;
    /* dates: the last own date in the current section */
    int has_own;
    date_span_t own;
    size_t mi;        /* next mark */
    size_t mark_from; /* first mark of the passage being built */
    ds_buf_t tmp;
} pstate_t;

/* ---- leads and breaks --------------------------------------------------------------- */

static size_t next_body(const rp_ctx_t *c, size_t li)
{
    for (size_t i = li + 1; i < c->nlines; i++)
        if (c->lines[i].role == RL_BODY || c->lines[i].role == RL_BLANK)
            return c->lines[i].role == RL_BODY ? i : c->nlines;
    return c->nlines;
}

static enum lead line_lead(pstate_t *st, size_t li)
{
    const rp_line_t *ln = &st->c->lines[li];
    if (rp_is_point(ln->c, ln->cn))
        return LEAD_POINT;
    if (ln->cn < 4 || strncmp(ln->c, "On ", 3) != 0)
        return LEAD_NONE;
    /* the date may run on to the next line: "On 29 September - 1" / "October 2020," */
    ds_buf_reset(&st->tmp);
    ds_buf_append(&st->tmp, ln->c, ln->cn);
    size_t nx = next_body(st->c, li);
    if (nx < st->c->nlines && !st->c->lines[nx].heading) {
        ds_buf_putc(&st->tmp, ' ');
        ds_buf_append(&st->tmp, st->c->lines[nx].c, st->c->lines[nx].cn);
    }
    if (!ds_buf_ok(&st->tmp))
        return LEAD_NONE;
    return rp_on_date(st->tmp.data, st->tmp.len, st->c->default_year, NULL, NULL) ? LEAD_ON
                                                                                  : LEAD_NONE;
}

static int ends_with_url(const rp_line_t *ln)
{
    size_t a = ln->cn;
    while (a > 0 && ln->c[a - 1] != ' ')
        a--;
    return an_url_start(ln->c + a, ln->cn - a, AN_RULE_REPORT) != 0;
}

static int para_break(const pstate_t *st, size_t p, size_t li)
{
    const rp_ctx_t *c = st->c;
    const rp_line_t *P = &c->lines[p], *L = &c->lines[li];
    size_t cl;
    uint32_t e = rp_prev_cp(P->c, P->cn, &cl);
    int ends = rp_ends_sentence(P->c, P->cn, 1, 0) || e == 0x201D || e == '"';
    int brk = (ends && P->width * 10 < c->width * 8) || ends_with_url(P);
    if (!brk || !rp_starts_block(L->c, L->cn))
        return 0;
    uint32_t f = rp_next_cp(L->c, L->cn, 0, &cl);
    if (st->lead != LEAD_NONE && (f == 0x201C || f == '"'))
        return 0; /* the speaker's next quoted paragraph */
    return 1;
}

/* ---- building passages -------------------------------------------------------------- */

static int ensure_section(pstate_t *st)
{
    if (st->nsecs > 0)
        return 0;
    rp_section_t s;
    sec_extra_t x;
    memset(&s, 0, sizeof s);
    memset(&x, 0, sizeof x);
    const rp_line_t *ln = &st->c->lines[st->first_li];
    s.title = ds_arena_strndup(st->c->arena, "", 0);
    s.key = ds_arena_strndup(st->c->arena, "front", 5);
    s.page = ln->page;
    s.line = ln->lineno;
    if (!s.title || !s.key || rp_vec_push(&st->secs, &st->nsecs, &st->capsecs, sizeof s, &s) < 0 ||
        rp_vec_push(&st->sx, &st->nsx, &st->capsx, sizeof x, &x) < 0)
        return -1;
    return 0;
}

/* Join line li to buffer b; its locus goes to *loci; its marks get offsets. */
static int add_line(pstate_t *st, ds_buf_t *b, rp_locus_t **loci, size_t *n, size_t *cap, size_t li,
                    size_t passage)
{
    rp_ctx_t *c = st->c;
    const rp_line_t *ln = &c->lines[li];
    rp_join(b, ln->c, ln->cn, ln->page_start);
    size_t off = b->len - ln->cn;
    rp_locus_t lc = {off, ln->lineno, ln->page};
    if (rp_vec_push(loci, n, cap, sizeof lc, &lc) < 0)
        return -1;
    for (; st->mi < c->nmarks && c->marks[st->mi].li <= li; st->mi++) {
        rp_mark_t *m = &c->marks[st->mi];
        m->passage = passage;
        m->section = st->nsecs ? st->nsecs - 1 : 0;
        m->body_offset = off + (m->off < ln->cn ? m->off : ln->cn);
    }
    return 0;
}

static int own_date(pstate_t *st, rp_passage_t *p, size_t *lead_end)
{
    date_span_t sp;
    if (!rp_on_date(p->text, p->len, st->c->default_year, &sp, lead_end))
        return 0;
    p->date_start = sp.start;
    p->date_end = sp.end;
    p->date_rule = RP_DATE_OWN;
    st->has_own = 1;
    st->own = sp;
    return 1;
}

static void inherited_date(const pstate_t *st, rp_passage_t *p)
{
    if (st->has_own) {
        p->date_start = st->own.start;
        p->date_end = st->own.end;
        p->date_rule = RP_DATE_SECTION;
    } else if (st->c->report_day) {
        p->date_start = p->date_end = st->c->report_day;
        p->date_rule = RP_DATE_REPORT;
    }
}

/* The passage's marks are the run [mark_from, mi) of c->marks (headings have none in
 * between: a heading ends the passage). */
static int set_cites(pstate_t *st, rp_passage_t *p)
{
    size_t k = st->mi - st->mark_from;
    p->cites = ds_arena_array(st->c->arena, k, sizeof *p->cites);
    if (!p->cites)
        return -1;
    for (size_t i = st->mark_from; i < st->mi; i++)
        p->cites[p->ncites++] = st->c->marks[i].number;
    return 0;
}

static int finish(pstate_t *st)
{
    if (!st->open)
        return 0;
    st->open = 0;
    rp_ctx_t *c = st->c;
    rp_passage_t p;
    memset(&p, 0, sizeof p);
    if (!ds_buf_ok(&st->text))
        return -1;
    p.section = st->nsecs - 1;
    p.len = st->text.len;
    p.text = ds_arena_strndup(c->arena, st->text.data ? st->text.data : "", p.len);
    p.loci = ds_arena_array(c->arena, st->nloci, sizeof *p.loci);
    if (!p.text || !p.loci)
        return -1;
    memcpy(p.loci, st->loci, st->nloci * sizeof *p.loci);
    p.nloci = st->nloci;
    p.page = c->lines[st->first_li].page;
    p.line = c->lines[st->first_li].lineno;
    p.last_line = c->lines[st->last_li].lineno;
    p.kind = st->lead == LEAD_POINT ? RP_POINT : RP_PARAGRAPH;
    size_t lead_end = 0;
    if (st->lead == LEAD_ON && own_date(st, &p, &lead_end)) {
        int a = rp_actor(c->arena, p.text, p.len, lead_end, &p.actor_full, &p.actor);
        if (a < 0)
            return -1;
        if (a > 0)
            p.kind = RP_STATEMENT;
    } else {
        inherited_date(st, &p);
        /* "The delegation of X, ..., noted": an actor, the kind stays paragraph */
        if (st->lead == LEAD_NONE &&
            rp_office_actor(c->arena, p.text, p.len, &p.actor_full, &p.actor) < 0)
            return -1;
    }
    if (set_cites(st, &p) < 0)
        return -1;
    st->secs[st->nsecs - 1].npassages++;
    return rp_vec_push(&st->pass, &st->npass, &st->cappass, sizeof p, &p);
}

static int begin(pstate_t *st, size_t li, enum lead lead)
{
    st->open = 1;
    st->lead = lead;
    st->first_li = li;
    st->mark_from = st->mi;
    st->nloci = 0;
    ds_buf_reset(&st->text);
    return ensure_section(st);
}

/* Open a section from the heading starting at line li; *last: its last line. */
static int add_heading(pstate_t *st, size_t li, size_t *last)
{
    rp_ctx_t *c = st->c;
    rp_section_t s;
    sec_extra_t x;
    memset(&s, 0, sizeof s);
    memset(&x, 0, sizeof x);
    s.page = c->lines[li].page;
    s.line = c->lines[li].lineno;
    s.first_passage = st->npass;
    if (rp_vec_push(&st->secs, &st->nsecs, &st->capsecs, sizeof s, &s) < 0)
        return -1;
    ds_buf_t b = DS_BUF_INIT;
    rp_locus_t *loci = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;
    *last = li;
    for (size_t i = li; i < c->nlines; i++) {
        int role = c->lines[i].role;
        if (role != RL_BODY)
            continue;
        if (i > li && c->lines[i].heading != 2)
            break;
        if (add_line(st, &b, &loci, &n, &cap, i, RP_NONE) < 0)
            goto out;
        *last = i;
    }
    x.nloci = n < 3 ? n : 3;
    if (x.nloci)
        memcpy(x.loci, loci, x.nloci * sizeof *loci);
    st->secs[st->nsecs - 1].title = ds_arena_strndup(c->arena, b.data ? b.data : "", b.len);
    if (ds_buf_ok(&b) && st->secs[st->nsecs - 1].title &&
        rp_vec_push(&st->sx, &st->nsx, &st->capsx, sizeof x, &x) == 0)
        rc = 0;
    st->has_own = 0;
out:
    ds_buf_release(&b);
    free(loci);
    return rc;
}

/* A blank body line breaks a paragraph only between body lines of one page, with
 * nothing else between: blank lines before a footnote block or a page break, or after
 * the running header a page starts with, are layout, not structure (a sentence read on
 * over "header, blank line" was cut there: a phrase over the page break matched the
 * report but no passage). */
static int blank_breaks(const rp_ctx_t *c, size_t li)
{
    size_t j = li, k = li + 1;
    while (j > 0 && (c->lines[j - 1].role == RL_BLANK || c->lines[j - 1].role == RL_NOTE_BLANK))
        j--;
    while (k < c->nlines && (c->lines[k].role == RL_BLANK || c->lines[k].role == RL_NOTE_BLANK))
        k++;
    if (j == 0 || k >= c->nlines)
        return 0;
    const rp_line_t *p = &c->lines[j - 1], *n = &c->lines[k];
    return p->role == RL_BODY && n->role == RL_BODY && p->page == n->page;
}

static int cut_passages(pstate_t *st)
{
    rp_ctx_t *c = st->c;
    for (size_t li = 0; li < c->nlines; li++) {
        const rp_line_t *ln = &c->lines[li];
        if (ln->role == RL_BLANK) {
            if (blank_breaks(c, li) && finish(st) < 0)
                return -1;
            continue;
        }
        if (ln->role != RL_BODY || ln->heading == 2)
            continue;
        if (ln->heading == 1) {
            if (finish(st) < 0 || add_heading(st, li, &li) < 0)
                return -1;
            continue;
        }
        enum lead lead = line_lead(st, li);
        if (st->open && (lead != LEAD_NONE || para_break(st, st->last_li, li)))
            if (finish(st) < 0)
                return -1;
        if (!st->open && begin(st, li, lead) < 0)
            return -1;
        if (add_line(st, &st->text, &st->loci, &st->nloci, &st->caploci, li, st->npass) < 0)
            return -1;
        st->last_li = li;
    }
    return finish(st);
}

/* ---- keys --------------------------------------------------------------------------- */

static void key_for(ds_buf_t *k, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '(')
            continue;
        size_t j = i + 1, up = 0;
        while (j < n && ((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= '0' && t[j] <= '9') ||
                         t[j] == '&' || t[j] == '-'))
            up += t[j++] >= 'A' && t[j - 1] <= 'Z';
        if (j < n && t[j] == ')' && up >= 2 && j - i - 1 <= 12) {
            for (size_t q = i + 1; q < j; q++)
                ds_buf_putc(k, (t[q] >= 'A' && t[q] <= 'Z') ? (char)(t[q] - 'A' + 'a') : t[q]);
            return;
        }
    }
    for (size_t i = 0; i < n;) {
        while (i < n && t[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && t[i] != ' ')
            i++;
        if (i > a && !rp_is_small_word(t + a, i - a)) {
            fold_word(k, t + a, i - a);
            size_t m = 0; /* a number alone ("1.") is no key */
            while (m < k->len && k->data[m] >= '0' && k->data[m] <= '9')
                m++;
            if (k->len > 0 && m < k->len)
                return;
            ds_buf_reset(k);
        }
    }
    ds_buf_puts(k, "section");
}

static int set_keys(pstate_t *st)
{
    ds_buf_t k = DS_BUF_INIT;
    for (size_t s = 0; s < st->nsecs; s++) {
        rp_section_t *sec = &st->secs[s];
        if (sec->key)
            continue;
        ds_buf_reset(&k);
        key_for(&k, sec->title, strlen(sec->title));
        size_t base = k.len;
        for (unsigned dup = 2;; dup++) {
            size_t q = 0;
            while (q < s && strcmp(st->secs[q].key, ds_buf_cstr(&k)) != 0)
                q++;
            if (q == s || !ds_buf_ok(&k))
                break;
            ds_buf_truncate(&k, base);
            ds_buf_printf(&k, "-%u", dup);
        }
        sec->key = ds_arena_strndup(st->c->arena, ds_buf_cstr(&k), k.len);
        if (!ds_buf_ok(&k) || !sec->key) {
            ds_buf_release(&k);
            return -1;
        }
    }
    ds_buf_release(&k);
    return 0;
}

/* ---- the body ----------------------------------------------------------------------- */

typedef struct body {
    ds_buf_t b;
    rp_locus_t *loci;
    size_t n, cap;
} body_t;

static int add_block(body_t *bd, const char *t, size_t len, const rp_locus_t *lc, size_t nl,
                     size_t *at)
{
    if (bd->b.len > 0)
        ds_buf_append(&bd->b, "\n\n", 2);
    *at = bd->b.len;
    for (size_t k = 0; k < nl; k++) {
        rp_locus_t x = {lc[k].offset + *at, lc[k].line, lc[k].page};
        if (rp_vec_push(&bd->loci, &bd->n, &bd->cap, sizeof x, &x) < 0)
            return -1;
    }
    ds_buf_append(&bd->b, t, len);
    return ds_buf_ok(&bd->b) ? 0 : -1;
}

static int build_body(pstate_t *st, body_t *bd)
{
    for (size_t s = 0; s < st->nsecs; s++) {
        rp_section_t *sec = &st->secs[s];
        sec->body_offset = bd->b.len + (bd->b.len > 0 ? 2 : 0);
        if (sec->title[0] && add_block(bd, sec->title, strlen(sec->title), st->sx[s].loci,
                                       st->sx[s].nloci, &sec->body_offset) < 0)
            return -1;
        for (size_t p = sec->first_passage; p < sec->first_passage + sec->npassages; p++) {
            rp_passage_t *ps = &st->pass[p];
            if (add_block(bd, ps->text, ps->len, ps->loci, ps->nloci, &ps->body_offset) < 0)
                return -1;
        }
    }
    if (bd->b.len == 0)
        ds_buf_puts(&bd->b, "");
    return ds_buf_ok(&bd->b) ? 0 : -1;
}

static int link_markers(pstate_t *st)
{
    rp_ctx_t *c = st->c;
    rp_report_t *r = c->r;
    r->markers = ds_arena_array(c->arena, c->nmarks, sizeof *r->markers);
    if (!r->markers)
        return -1;
    for (size_t i = 0; i < c->nmarks; i++) {
        const rp_mark_t *m = &c->marks[i];
        rp_marker_t *o = &r->markers[r->nmarkers++];
        o->number = m->number;
        o->passage = m->passage;
        o->body_offset =
            m->body_offset + (m->passage != RP_NONE ? st->pass[m->passage].body_offset
                                                    : st->secs[m->section].body_offset);
        o->line = c->lines[m->li].lineno;
        o->page = c->lines[m->li].page;
        rp_footnote_t *f = (rp_footnote_t *)rp_footnote_get(r, m->number);
        o->linked = f != NULL;
        if (f)
            f->nmarkers++;
        r->markers_linked += o->linked;
        r->markers_unlinked += !o->linked;
    }
    return 0;
}

/* Each footnote's citing passages, ascending and once each (two passes: count, fill). */
static int cited_by(pstate_t *st)
{
    rp_report_t *r = st->c->r;
    size_t *lastp = malloc((r->nfootnotes ? r->nfootnotes : 1) * sizeof *lastp);
    if (!lastp)
        return -1;
    for (int fill = 0; fill < 2; fill++) {
        for (size_t k = 0; k < r->nfootnotes; k++) {
            rp_footnote_t *f = &r->footnotes[k];
            lastp[k] = RP_NONE;
            if (fill) {
                f->cited_by = ds_arena_array(st->c->arena, f->ncited_by, sizeof(size_t));
                f->ncited_by = 0;
                if (!f->cited_by) {
                    free(lastp);
                    return -1;
                }
            }
        }
        for (size_t p = 0; p < st->npass; p++)
            for (size_t q = 0; q < st->pass[p].ncites; q++) {
                rp_footnote_t *f = (rp_footnote_t *)rp_footnote_get(r, st->pass[p].cites[q]);
                if (!f || lastp[f - r->footnotes] == p)
                    continue;
                lastp[f - r->footnotes] = p;
                if (fill)
                    f->cited_by[f->ncited_by] = p;
                f->ncited_by++;
            }
    }
    free(lastp);
    return 0;
}

static int publish(pstate_t *st, body_t *bd)
{
    rp_ctx_t *c = st->c;
    rp_report_t *r = c->r;
    r->passages = ds_arena_array(c->arena, st->npass, sizeof *r->passages);
    r->sections = ds_arena_array(c->arena, st->nsecs, sizeof *r->sections);
    r->loci = ds_arena_array(c->arena, bd->n, sizeof *r->loci);
    r->body = ds_arena_strndup(c->arena, bd->b.data ? bd->b.data : "", bd->b.len);
    if (!r->passages || !r->sections || !r->loci || !r->body)
        return -1;
    if (st->npass)
        memcpy(r->passages, st->pass, st->npass * sizeof *st->pass);
    if (st->nsecs)
        memcpy(r->sections, st->secs, st->nsecs * sizeof *st->secs);
    if (bd->n)
        memcpy(r->loci, bd->loci, bd->n * sizeof *bd->loci);
    r->npassages = st->npass;
    r->nsections = st->nsecs;
    r->nloci = bd->n;
    r->body_len = bd->b.len;
    return 0;
}

int rp_passages(rp_ctx_t *c)
{
    pstate_t st;
    body_t bd;
    memset(&st, 0, sizeof st);
    memset(&bd, 0, sizeof bd);
    st.c = c;
    int rc = -1;
    if (cut_passages(&st) < 0 || set_keys(&st) < 0 || build_body(&st, &bd) < 0 ||
        link_markers(&st) < 0 || cited_by(&st) < 0 || publish(&st, &bd) < 0)
        goto out;
    rc = 0;
out:
    free(st.pass);
    free(st.secs);
    free(st.sx);
    free(st.loci);
    ds_buf_release(&st.text);
    ds_buf_release(&st.tmp);
    ds_buf_release(&bd.b);
    free(bd.loci);
    return rc;
}
