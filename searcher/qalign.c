/*
 * qalign.c - a quote's words against a text's words (see qalign.h).
 *
 *   words ......... qa_words_text, qa_words_quote (ellipses and insertions as gaps)
 *   places ........ qa_find (backtracking over the gaps), what each word tolerated
 *   closest ....... qa_closest (edit distance over words, free text ends)
 */
#include "qalign.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"

const char *qa_note_name(unsigned bit)
{
    switch (bit) {
    case QA_CASE:
        return "case";
    case QA_LIGATURE:
        return "ligature";
    case QA_QUOTES:
        return "quote style";
    case QA_HYPHEN:
        return "hyphenation";
    case QA_MARKER:
        return "footnote marker";
    case QA_PAGEBREAK:
        return "page break";
    case QA_ELLIPSIS:
        return "ellipsis";
    case QA_INSERTION:
        return "insertion";
    default:
        return "";
    }
}

/* ---- words ---------------------------------------------------------------------- */

static ds_status_t push(qa_words_t *ws, const char *term, size_t tlen, size_t start, size_t end,
                        int gap)
{
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 64;
        qa_word_t *w = realloc(ws->w, cap * sizeof *w);
        if (!w)
            return DS_ERR_NOMEM;
        ws->w = w;
        ws->cap = cap;
    }
    char *t = malloc(tlen + 1);
    if (!t)
        return DS_ERR_NOMEM;
    memcpy(t, term, tlen);
    t[tlen] = '\0';
    ws->w[ws->n++] = (qa_word_t){t, start, end, gap, 0};
    return DS_OK;
}

/* A hyphen right after the word and a line break before the next: a word broken at
 * a line end, which the next token continues. */
static int line_end_hyphen(const char *text, size_t end, size_t next)
{
    if (end >= next || text[end] != '-')
        return 0;
    for (size_t i = end + 1; i < next; i++)
        if (text[i] == '\n' || text[i] == '\f')
            return 1;
        else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return 0;
    return 0;
}

/* Join the new last word to the one before it (a word broken at a line end). */
static ds_status_t join_last(qa_words_t *ws)
{
    qa_word_t *a = &ws->w[ws->n - 2], *b = &ws->w[ws->n - 1];
    size_t la = strlen(a->term), lb = strlen(b->term);
    char *t = realloc(a->term, la + lb + 1);
    if (!t)
        return DS_ERR_NOMEM;
    memcpy(t + la, b->term, lb + 1);
    a->term = t;
    a->end = b->end;
    a->notes |= QA_HYPHEN | b->notes;
    free(b->term);
    ws->n--;
    return DS_OK;
}

/* The words of text[0..len), offsets shifted by base, the first one's gap set. */
static ds_status_t cut(qa_words_t *ws, const char *text, size_t len, size_t base, int gap,
                       const char *whole)
{
    an_tokenizer_t tk;
    an_token_t tok;
    an_tokenizer_init(&tk, text, len);
    size_t first = ws->n;
    ds_status_t rc = DS_OK;
    int r;
    while (rc == DS_OK && (r = an_tokenizer_next(&tk, &tok)) > 0) {
        if (tok.flags & AN_TOK_PART)
            continue;
        if (tok.flags & AN_TOK_MARKER) {
            if (ws->n > first)
                ws->w[ws->n - 1].notes |= QA_MARKER;
            continue;
        }
        rc = push(ws, tok.term, tok.term_len, base + tok.start, base + tok.end,
                  ws->n == first ? gap : QA_GAP_NONE);
        if (rc == DS_OK && ws->n > first + 1 &&
            line_end_hyphen(whole, ws->w[ws->n - 2].end, ws->w[ws->n - 1].start))
            rc = join_last(ws);
    }
    if (rc == DS_OK && r < 0)
        rc = DS_ERR_NOMEM;
    an_tokenizer_release(&tk);
    return rc;
}

ds_status_t qa_words_text(qa_words_t *ws, const char *text, size_t len)
{
    return cut(ws, text, len, 0, QA_GAP_NONE, text);
}

/* Length of an ellipsis at s[0..len) ("…", "...", "[...]", "[…]"), else 0. */
static size_t ellipsis_at(const char *s, size_t len)
{
    static const char *const forms[] = {"[...]", "[\xe2\x80\xa6]", "\xe2\x80\xa6", "..."};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t n = strlen(forms[i]);
        if (n <= len && memcmp(s, forms[i], n) == 0)
            return n;
    }
    return 0;
}

/* The number of words of text[0..len). */
static size_t count_words(const char *text, size_t len)
{
    qa_words_t tmp = QA_WORDS_INIT;
    size_t n = cut(&tmp, text, len, 0, QA_GAP_NONE, text) == DS_OK ? tmp.n : 0;
    qa_words_release(&tmp);
    return n;
}

ds_status_t qa_words_quote(qa_words_t *ws, const char *quote, size_t len)
{
    size_t piece = 0, i = 0;
    int gap = QA_GAP_NONE;
    ds_status_t rc = DS_OK;
    while (rc == DS_OK && i <= len) {
        size_t e = i < len ? ellipsis_at(quote + i, len - i) : 0;
        const char *close =
            i < len && quote[i] == '[' && !e ? memchr(quote + i, ']', len - i) : NULL;
        if (i < len && !e && !close) {
            i++;
            continue;
        }
        size_t before = ws->n;
        rc = cut(ws, quote + piece, i - piece, piece, gap, quote);
        if (ws->n > before)
            gap = QA_GAP_NONE; /* the gap went to the piece's first word */
        if (i == len)
            break;
        size_t skip = e ? e : (size_t)(close - (quote + i)) + 1;
        size_t k = e ? 0 : count_words(quote + i + 1, skip - 2);
        ws->notes |= e ? QA_ELLIPSIS : k ? QA_INSERTION : 0;
        /* marks in a row add up; an ellipsis among them is still an ellipsis */
        if (e || gap == QA_GAP_ELLIPSIS)
            gap = QA_GAP_ELLIPSIS;
        else
            gap += (int)k;
        i += skip;
        piece = i;
    }
    return rc;
}

void qa_words_release(qa_words_t *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i].term);
    free(ws->w);
    *ws = (qa_words_t)QA_WORDS_INIT;
}

/* ---- places --------------------------------------------------------------------- */

/* Bytes a..b with apostrophes, quote marks and dashes made ASCII, into out (cap
 * bytes); returns the length. */
static size_t plain(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            if (d >= 0x98 && d <= 0x9b) { /* ‘ ’ ‚ ‛ */
                out[n++] = '\'';
                i += 2;
                continue;
            }
            if (d >= 0x90 && d <= 0x95) { /* ‐ ‑ ‒ – — ― */
                out[n++] = '-';
                i += 2;
                continue;
            }
        }
        out[n++] = (char)c;
    }
    return n;
}

static int same_ascii_fold(const char *a, size_t la, const char *b, size_t lb)
{
    if (la != lb)
        return 0;
    for (size_t i = 0; i < la; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

/* What made the quote's word qw (of qtext) equal the text's tw (of ttext). */
static unsigned word_notes(const qa_word_t *qw, const char *qtext, const qa_word_t *tw,
                           const char *ttext)
{
    unsigned notes = qw->notes | tw->notes;
    const char *a = qtext + qw->start, *b = ttext + tw->start;
    size_t la = qw->end - qw->start, lb = tw->end - tw->start;
    if ((notes & QA_HYPHEN) || (la == lb && memcmp(a, b, la) == 0))
        return notes;
    char pa[256], pb[256];
    size_t na = plain(a, la, pa, sizeof pa), nb = plain(b, lb, pb, sizeof pb);
    if (na == nb && memcmp(pa, pb, na) == 0)
        return notes | QA_QUOTES;
    if (same_ascii_fold(pa, na, pb, nb))
        return notes | QA_CASE;
    return notes | QA_LIGATURE;
}

typedef struct finder {
    const qa_words_t *q, *t;
    size_t *from, *to; /* omitted spans, per quote word */
} finder_t;

/* Does quote word j on match text word p on, the gaps taken as qalign.h says? Sets
 * *last to the text word of the quote's last, and per quote word the text words of its
 * gap [from, to) and its own word (to). Backtracks over the gaps. */
static int match_from(const finder_t *f, size_t j, size_t p, size_t *last)
{
    const qa_words_t *q = f->q, *t = f->t;
    if (j == q->n) {
        *last = p - 1;
        return 1;
    }
    int gap = j ? q->w[j].gap : QA_GAP_NONE;
    size_t most = gap == QA_GAP_ELLIPSIS ? t->n : (size_t)gap;
    for (size_t skip = 0; skip <= most && p + skip < t->n; skip++) {
        if (strcmp(q->w[j].term, t->w[p + skip].term) != 0)
            continue;
        if (match_from(f, j + 1, p + skip + 1, last)) {
            f->from[j] = p;
            f->to[j] = p + skip;
            return 1;
        }
    }
    return 0;
}

int qa_find(const qa_words_t *q, const char *qtext, const qa_words_t *t, const char *ttext,
            size_t from, qa_match_t *m)
{
    memset(m, 0, sizeof *m);
    if (q->n == 0)
        return 0;
    m->omit_from = calloc(q->n, sizeof *m->omit_from);
    m->omit_to = calloc(q->n, sizeof *m->omit_to);
    if (!m->omit_from || !m->omit_to) {
        qa_match_release(m);
        return -DS_ERR_NOMEM;
    }
    finder_t f = {q, t, m->omit_from, m->omit_to};
    for (size_t i = from; i < t->n; i++) {
        if (!match_from(&f, 0, i, &m->last))
            continue;
        m->first = i;
        m->notes = q->notes;
        for (size_t j = 0; j < q->n; j++)
            m->notes |= word_notes(&q->w[j], qtext, &t->w[m->omit_to[j]], ttext);
        return 1;
    }
    qa_match_release(m);
    return 0;
}

void qa_match_release(qa_match_t *m)
{
    free(m->omit_from);
    free(m->omit_to);
    m->omit_from = m->omit_to = NULL;
}

/* ---- closest -------------------------------------------------------------------- */

/* Text words may be skipped for nothing in row j: the quote's gap before word j. */
static int free_row(const qa_words_t *q, size_t j)
{
    return j > 0 && j < q->n && q->w[j].gap != QA_GAP_NONE;
}

/* D[j][i]: the least edits that make q's first j words end at text word i, the text
 * before the place free. */
static void fill(const qa_words_t *q, const qa_words_t *t, uint32_t *D)
{
    size_t w = t->n + 1;
    for (size_t i = 0; i <= t->n; i++)
        D[i] = 0;
    for (size_t j = 1; j <= q->n; j++) {
        D[j * w] = (uint32_t)j;
        for (size_t i = 1; i <= t->n; i++) {
            uint32_t same = strcmp(q->w[j - 1].term, t->w[i - 1].term) == 0 ? 0 : 1;
            uint32_t best = D[(j - 1) * w + i - 1] + same;
            uint32_t up = D[(j - 1) * w + i] + 1, left = D[j * w + i - 1] + !free_row(q, j);
            best = up < best ? up : best;
            D[j * w + i] = left < best ? left : best;
        }
    }
}

static ds_status_t add_diff(qa_closest_t *c, size_t q, size_t t)
{
    qa_diff_t *d = realloc(c->d, (c->nd + 1) * sizeof *d);
    if (!d)
        return DS_ERR_NOMEM;
    c->d = d;
    c->d[c->nd++] = (qa_diff_t){q, t};
    return DS_OK;
}

/* Walk back from D[m][end], writing the differences (last first, then reversed). */
static ds_status_t trace(const qa_words_t *q, const qa_words_t *t, const uint32_t *D, size_t end,
                         qa_closest_t *c)
{
    size_t w = t->n + 1, j = q->n, i = end;
    ds_status_t rc = DS_OK;
    c->last = end - 1;
    while (j > 0 && rc == DS_OK) {
        uint32_t here = D[j * w + i];
        int same = i > 0 && strcmp(q->w[j - 1].term, t->w[i - 1].term) == 0;
        /* a match, a free skip, then (a changed word being as cheap as an omitted
         * and a mismatched one) omitted and added words before changed ones, so
         * "These digital" against "These unilateral digital" omits "unilateral" */
        if (same && D[(j - 1) * w + i - 1] == here) {
            j--, i--;
        } else if (i > 0 && free_row(q, j) && D[j * w + i - 1] == here) {
            i--;
        } else if (i > 0 && D[j * w + i - 1] + 1 == here) {
            rc = add_diff(c, SIZE_MAX, i - 1);
            i--;
        } else if (D[(j - 1) * w + i] + 1 == here) {
            rc = add_diff(c, j - 1, SIZE_MAX);
            j--;
        } else {
            rc = add_diff(c, j - 1, i - 1);
            j--, i--;
        }
    }
    c->first = i;
    for (size_t a = 0, b = c->nd; rc == DS_OK && a + 1 < b; a++, b--) {
        qa_diff_t x = c->d[a];
        c->d[a] = c->d[b - 1];
        c->d[b - 1] = x;
    }
    return rc;
}

ds_status_t qa_closest(const qa_words_t *q, const qa_words_t *t, qa_closest_t *c)
{
    memset(c, 0, sizeof *c);
    c->first = 1; /* none */
    if (q->n == 0 || t->n == 0)
        return DS_OK;
    size_t w = t->n + 1;
    if (w > QA_MAX_CELLS / (q->n + 1))
        return DS_OK; /* too long a text to align: no closest place in it */
    uint32_t *D = malloc((q->n + 1) * w * sizeof *D);
    if (!D)
        return DS_ERR_NOMEM;
    fill(q, t, D);
    size_t end = 1;
    /* the least cost; of equal costs in a row the last, so that a changed last word
     * is one change, not an added word after the place */
    for (size_t i = 2; i <= t->n; i++)
        if (D[q->n * w + i] < D[q->n * w + end] ||
            (D[q->n * w + i] == D[q->n * w + end] && i == end + 1))
            end = i;
    ds_status_t rc = trace(q, t, D, end, c);
    free(D);
    if (rc != DS_OK)
        qa_closest_release(c);
    return rc;
}

void qa_closest_release(qa_closest_t *c)
{
    free(c->d);
    c->d = NULL;
    c->nd = 0;
}
