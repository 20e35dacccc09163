/*
 * test_posmap.c - unit tests of common/text/posmap.c: the position map of a stored text.
 *
 * The oracle is the analyzer itself: each text is tokenized whole, and for every
 * position, with K from 1 (every position a checkpoint) to 64, the map must give
 *   - ds_posmap_span: the span of the first token at that position;
 *   - ds_posmap_seek: a tokenizer whose tokens at that position are exactly the whole
 *     tokenization's (term, span, kind, flags), starting at the restart point that
 *     holds the checkpoint (the design's invariant, posmap.c);
 * and through termgen, every body posting lies at base + a position whose tokens give
 * its term. Then malformed maps and maps used on another text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posmap.h"
#include "schema.h"
#include "termgen.h"
#include "varint.h"

/* ---- the oracle: the whole text's tokens ------------------------------------------ */

typedef struct tokv {
    an_token_t *v; /* terms copied (the tokenizer's buffer is reused) */
    size_t n, cap;
    uint32_t ntok;
    size_t *restart; /* [p]: index in v of the last token at or before position p that
                        is no part and no marker: where a restart for p must begin */
} tokv_t;

static void tokv_push(tokv_t *t, const an_token_t *tok)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        t->restart = realloc(t->restart, t->cap * sizeof *t->restart);
        assert_true(t->v && t->restart);
    }
    an_token_t c = *tok;
    char *term = malloc(tok->term_len + 1);
    assert_non_null(term);
    memcpy(term, tok->term, tok->term_len + 1);
    c.term = term;
    /* positions never decrease and never skip one: every position has a token */
    assert_true(t->n ? tok->pos == t->ntok - 1 || tok->pos == t->ntok : tok->pos == 0);
    if (tok->pos == t->ntok) /* a new position: a part, or a new restart point */
        t->restart[tok->pos] = (tok->flags & AN_TOK_PART) ? t->restart[tok->pos - 1] : t->n;
    t->v[t->n++] = c;
    if (tok->pos + 1 > t->ntok)
        t->ntok = tok->pos + 1;
}

static void tokv_free(tokv_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free((char *)t->v[i].term);
    free(t->v);
    free(t->restart);
}

static tokv_t tokenize_all(const char *text, size_t len)
{
    tokv_t t = {0};
    an_tokenizer_t tk;
    an_token_t tok;
    int r;
    an_tokenizer_init(&tk, text, len);
    while ((r = an_tokenizer_next(&tk, &tok)) == 1)
        tokv_push(&t, &tok);
    assert_int_equal(r, 0);
    an_tokenizer_release(&tk);
    return t;
}

static void assert_same_token(const an_token_t *a, const an_token_t *b)
{
    assert_int_equal(a->pos, b->pos);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->end, b->end);
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->flags, b->flags);
    assert_int_equal(a->term_len, b->term_len);
    assert_memory_equal(a->term, b->term, a->term_len);
}

/* The token the map must restart from for position p (index into t->v). */
static size_t restart_index(const tokv_t *t, uint32_t p, uint32_t k)
{
    return t->restart[p / k * k];
}

/* ---- the check: every position of text, with spacing k ------------------------------ */

/* The tokens at position p through the map, compared with the whole tokenization's,
 * from first (the first of them in t). */
static void check_seek(const ds_posmap_t *m, const char *text, size_t len, const tokv_t *t,
                       size_t first, uint32_t k)
{
    uint32_t p = t->v[first].pos;
    an_tokenizer_t tk;
    an_token_t tok;
    assert_int_equal(ds_posmap_seek(m, text, len, p, &tk), DS_OK);
    assert_int_equal(an_tokenizer_next(&tk, &tok), 1);
    assert_same_token(&tok, &t->v[restart_index(t, p, k)]);
    while (tok.pos < p)
        assert_int_equal(an_tokenizer_next(&tk, &tok), 1);
    size_t i = first;
    for (; i < t->n && t->v[i].pos == p; i++) {
        assert_same_token(&tok, &t->v[i]);
        int r = an_tokenizer_next(&tk, &tok);
        assert_true(r >= 0);
        if (r == 0)
            tok.pos = UINT32_MAX; /* the text's end: no more tokens at p */
    }
    assert_true(i == t->n || tok.pos > p);
    an_tokenizer_release(&tk);
}

static void check_text_k(const char *text, size_t len, const tokv_t *t, uint32_t k)
{
    ds_buf_t b = DS_BUF_INIT;
    ds_posmap_t *m = NULL;
    assert_int_equal(ds_posmap_encode_text(text, len, k, 7, &b), DS_OK);
    assert_int_equal(ds_posmap_parse(b.data, b.len, &m), DS_OK);
    assert_int_equal(ds_posmap_ntok(m), t->ntok);
    assert_int_equal(ds_posmap_base(m), 7);
    assert_int_equal(ds_posmap_k(m), k);
    for (size_t i = 0; i < t->n; i++) {
        if (i > 0 && t->v[i].pos == t->v[i - 1].pos)
            continue; /* not the first token at its position */
        size_t s = 1, e = 1;
        assert_int_equal(ds_posmap_span(m, text, len, t->v[i].pos, &s, &e), DS_OK);
        assert_int_equal(s, t->v[i].start);
        assert_int_equal(e, t->v[i].end);
        check_seek(m, text, len, t, i, k);
    }
    size_t s = 1, e = 1;
    assert_int_equal(ds_posmap_span(m, text, len, t->ntok, &s, &e), DS_ERR_RANGE);
    assert_true(s == 0 && e == 0);
    ds_posmap_free(m);
    ds_buf_release(&b);
}

static const uint32_t ks[] = {1, 2, 3, 5, 16, 32, 64, DS_POSMAP_K};

static void check_text(const char *text, size_t len)
{
    tokv_t t = tokenize_all(text, len);
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++)
        check_text_k(text, len, &t, ks[i]);
    tokv_free(&t);
}

static void check_str(const char *s)
{
    check_text(s, strlen(s));
}

/* ---- texts ------------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return s;
}

static void seed_report(void **state)
{
    (void)state;
    size_t len;
    char *s = read_file(DS_SOURCE_DIR "/corpus/icann-un-cyber-talks-update-2021-06.txt", &len);
    check_text(s, len);
    free(s);
}

static void compounds_and_possessives(void **state)
{
    (void)state;
    check_str("ICT-related cyber-security issues; Côte d’Ivoire's ICANN’s it's not "
              "States’ U.N.’s e.g. 2021-03-12 ICT-related’s A/RES/75/282 A/AC.290/2021/CRP.2 "
              "1,000,000 and 18,19 and 10.30 13f x-y-z-w-v-u-t-s-r-q-p-o-n-m-l-k-j-i-h-g-f-e");
}

static void footnote_markers(void **state)
{
    (void)state;
    check_str("the mission.2 and rights.”5 then 13(g).”6 and A/69/723).”25 or purposes.''30 "
              "mission² monitoring, ICT-related.3 word ² alone, 2021.26 v1.2 and "
              "over 2019. 6 The ICANN’s.4 end.7");
}

static void urls(void **state)
{
    (void)state;
    check_str("See https://www.un.org/disarmament/ict-security/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/"
              "q/r/s/t/u/v/w/x/y/z/1/2/3/4/5/6/7/8/9/0?x=1&y=2#frag, "
              "(http://en.wikipedia.org/wiki/Foo_(bar)) and www.icann.org. HTTPS://X.ORG/A "
              "ftp://ftp.example.com/pub/file.txt; done");
}

static void scripts_and_invalid_bytes(void **state)
{
    (void)state;
    check_str("国際連合 サイバー 안보 العربية кибер-безопасность Ελληνικά café naïve "
              "ﬁnance Straße 😀 emoji 👍🏽 ZWJ👨‍👩‍👧 zero\xe2\x80\x8bwidth "
              "soft\xc2\xadhyphen "
              "٢٠٢١ ２０２１ ＡＢＣ e\xcc\x81 \xcc\x81\xcc\x81 only-marks");
    check_str("bad \xff\xfe bytes \xc3 cut \xe2\x82 and \x01\x02 controls \xef\xbf\xbd "
              "\xed\xa0\x80 surrogate \xf4\x90\x80\x80 beyond");
}

static void empty_and_blank_texts(void **state)
{
    (void)state;
    check_str("");
    check_str("   \n\f\t  ... ;;; — ");
    check_str("one");
    ds_buf_t b = DS_BUF_INIT;
    ds_posmap_t *m = NULL;
    assert_int_equal(ds_posmap_encode_text("", 0, 32, 1, &b), DS_OK);
    assert_int_equal(ds_posmap_parse(b.data, b.len, &m), DS_OK);
    assert_int_equal(ds_posmap_ntok(m), 0);
    size_t s, e;
    assert_int_equal(ds_posmap_span(m, "", 0, 0, &s, &e), DS_ERR_RANGE);
    ds_posmap_free(m);
    ds_buf_release(&b);
}

/* A long text of every construct above, and tokens longer than AN_MAX_TOKEN_BYTES. */
static void long_texts(void **state)
{
    (void)state;
    static const char *const pieces[] = {"protect ",
                                         "ICT-related ",
                                         "ICANN’s ",
                                         "mission.2 ",
                                         "https://un.org/a/b/c ",
                                         "A/RES/75/282 ",
                                         "国際 ",
                                         "U.N. ",
                                         "rights.”5 ",
                                         "x-y-z-w-v ",
                                         "\xff ",
                                         "mission² ",
                                         "\n\n",
                                         "1,000 ",
                                         "it's ",
                                         "😀 "};
    ds_buf_t b = DS_BUF_INIT;
    unsigned seed = 12345;
    for (int i = 0; i < 60000; i++) {
        seed = seed * 1103515245u + 12345u;
        ds_buf_puts(&b, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
    }
    for (int i = 0; i < 5000; i++) /* one 5000-letter word: cut into three tokens */
        ds_buf_putc(&b, 'a');
    ds_buf_puts(&b, " http://x.org/");
    for (int i = 0; i < 3000; i++)
        ds_buf_puts(&b, "a/");
    ds_buf_puts(&b, " end");
    assert_true(ds_buf_ok(&b));
    check_text(b.data, b.len);
    ds_buf_release(&b);
}

/* ---- termgen: the map's positions are the postings' --------------------------------- */

typedef struct posting {
    char *term;
    uint32_t pos;
} posting_t;

typedef struct sink_log {
    posting_t *v;
    size_t n, cap;
} sink_log_t;

static ds_status_t log_posting(void *ctx, const char *term, size_t len, uint32_t pos)
{
    sink_log_t *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n].term = strndup(term, len);
    l->v[l->n++].pos = pos;
    return DS_OK;
}

static ds_status_t log_term(void *ctx, const char *term, size_t len)
{
    (void)ctx, (void)term, (void)len;
    return DS_OK;
}

/* Does a token at text position p give term (as termgen's exact term)? */
static int term_at(an_analyzer_t *an, const ds_posmap_t *m, const char *text, size_t len,
                   uint32_t p, const char *term)
{
    an_tokenizer_t tk;
    an_token_t tok;
    ds_buf_t exact = DS_BUF_INIT, stem = DS_BUF_INIT;
    int found = 0;
    assert_int_equal(ds_posmap_seek(m, text, len, p, &tk), DS_OK);
    while (!found && an_tokenizer_next(&tk, &tok) == 1 && tok.pos <= p) {
        if (tok.pos < p)
            continue;
        assert_int_equal(tg_token_terms(an, &tok, "", &exact, &stem), DS_OK);
        found = strcmp(ds_buf_cstr(&exact), term) == 0;
    }
    an_tokenizer_release(&tk);
    ds_buf_release(&exact);
    ds_buf_release(&stem);
    return found;
}

static void postings_match_the_map(void **state)
{
    (void)state;
    size_t len;
    char *text = read_file(DS_SOURCE_DIR "/corpus/icann-un-cyber-talks-update-2021-06.txt", &len);
    an_analyzer_t *an = NULL;
    assert_int_equal(an_analyzer_new("english", &an, NULL), DS_OK);
    sink_log_t log = {0};
    tg_sink_t sink = {log_posting, log_term, &log};
    uint32_t pos = 1;
    const char *title = "Update on U.N. cybersecurity discussions";
    assert_int_equal(tg_index_text(an, &sink, DS_PREFIX_TITLE, title, strlen(title), &pos, NULL),
                     DS_OK);
    assert_int_equal(pos, 1 + 5 + DS_FIELD_GAP); /* the title's words, then the gap */
    size_t body_first = log.n;
    uint32_t base = pos;
    ds_posmap_builder_t pb;
    ds_posmap_builder_init(&pb, 32, base);
    tg_stats_t st = {0};
    assert_int_equal(tg_index_text_map(an, &sink, "", text, len, &pos, &st, &pb), DS_OK);
    ds_buf_t enc = DS_BUF_INIT;
    assert_int_equal(ds_posmap_builder_finish(&pb, &enc), DS_OK);
    ds_posmap_builder_release(&pb);
    ds_posmap_t *m = NULL;
    assert_int_equal(ds_posmap_parse(enc.data, enc.len, &m), DS_OK);
    assert_int_equal(ds_posmap_base(m), base);
    assert_int_equal(ds_posmap_ntok(m), st.tokens);
    assert_int_equal(pos, base + st.tokens + DS_FIELD_GAP);
    for (size_t i = body_first; i < log.n; i++) {
        uint32_t p = log.v[i].pos;
        assert_true(p >= base && p < base + ds_posmap_ntok(m));
        assert_true(term_at(an, m, text, len, p - base, log.v[i].term));
    }
    for (size_t i = 0; i < log.n; i++)
        free(log.v[i].term);
    free(log.v);
    ds_posmap_free(m);
    ds_buf_release(&enc);
    an_analyzer_free(an);
    free(text);
}

/* ---- malformed maps, and a map used on another text --------------------------------- */

static ds_status_t parse_bytes(const unsigned char *b, size_t n)
{
    ds_posmap_t *m = (ds_posmap_t *)&n; /* must come back NULL on failure */
    ds_status_t rc = ds_posmap_parse((const char *)b, n, &m);
    if (rc != DS_OK)
        assert_null(m);
    ds_posmap_free(m);
    return rc;
}

static void malformed_maps_are_corrupt(void **state)
{
    (void)state;
    const unsigned char ok[] = {1, 2, 1, 5, 4, 2}; /* k 2, 5 tokens: checkpoints 2, 4 */
    assert_int_equal(parse_bytes(ok, sizeof ok), DS_OK);
    assert_int_equal(parse_bytes(ok, sizeof ok - 1), DS_ERR_CORRUPT); /* truncated */
    const unsigned char trailing[] = {1, 2, 1, 5, 4, 2, 0};
    assert_int_equal(parse_bytes(trailing, sizeof trailing), DS_ERR_CORRUPT);
    const unsigned char version[] = {2, 2, 1, 5, 4, 2};
    assert_int_equal(parse_bytes(version, sizeof version), DS_ERR_CORRUPT);
    const unsigned char k0[] = {1, 0, 1, 0};
    assert_int_equal(parse_bytes(k0, sizeof k0), DS_ERR_CORRUPT);
    const unsigned char kbig[] = {1, 0x81, 0x40, 1, 0}; /* k 8193 */
    assert_int_equal(parse_bytes(kbig, sizeof kbig), DS_ERR_CORRUPT);
    const unsigned char back0[] = {1, 2, 1, 3, 5, 0}; /* back flag with back 0 */
    assert_int_equal(parse_bytes(back0, sizeof back0), DS_ERR_CORRUPT);
    const unsigned char backfar[] = {1, 2, 1, 3, 5, 3}; /* restart before position 0 */
    assert_int_equal(parse_bytes(backfar, sizeof backfar), DS_ERR_CORRUPT);
    const unsigned char backward[] = {1, 2, 1, 5, 4, 1, 3}; /* 2nd restart before the 1st */
    assert_int_equal(parse_bytes(backward, sizeof backward), DS_ERR_CORRUPT);
    const unsigned char huge[] = {1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f}; /* base + ntok */
    assert_int_equal(parse_bytes(huge, sizeof huge), DS_ERR_CORRUPT);
    const unsigned char many[] = {1, 1, 1, 0xe8, 0x07}; /* 999 checkpoints in no bytes */
    assert_int_equal(parse_bytes(many, sizeof many), DS_ERR_CORRUPT);
    const unsigned char empty[] = {1, 32, 1, 0};
    assert_int_equal(parse_bytes(empty, sizeof empty), DS_OK);
    assert_int_equal(parse_bytes(empty, 0), DS_ERR_CORRUPT);
}

static void another_text_is_caught(void **state)
{
    (void)state;
    const char *text = "one two three four five six seven eight nine ten";
    ds_buf_t b = DS_BUF_INIT;
    ds_posmap_t *m = NULL;
    assert_int_equal(ds_posmap_encode_text(text, strlen(text), 2, 1, &b), DS_OK);
    assert_int_equal(ds_posmap_parse(b.data, b.len, &m), DS_OK);
    size_t s = 1, e = 1;
    /* a shorter text: checkpoint 4 ("nine", offset 40) lies beyond it */
    assert_int_equal(ds_posmap_span(m, text, 10, 8, &s, &e), DS_ERR_CORRUPT);
    assert_true(s == 0 && e == 0);
    an_tokenizer_t tk;
    assert_int_equal(ds_posmap_seek(m, text, 10, 8, &tk), DS_ERR_CORRUPT);
    an_tokenizer_release(&tk);
    /* a text that ends before the position: the tokens run out after "nine" */
    const char *shorter = "one two three four five six seven eight nine";
    assert_int_equal(ds_posmap_span(m, shorter, strlen(shorter), 9, &s, &e), DS_ERR_CORRUPT);
    assert_int_equal(ds_posmap_span(m, shorter, strlen(shorter), 8, &s, &e), DS_OK);
    assert_true(s == 40 && e == 44);
    assert_int_equal(ds_posmap_seek(m, text, strlen(text), 10, &tk), DS_ERR_RANGE);
    an_tokenizer_release(&tk);
    ds_posmap_free(m);
    ds_buf_release(&b);
}

/* K out of range is clamped, so a map never asks a reader to tokenize without bound. */
static void k_is_clamped(void **state)
{
    (void)state;
    ds_posmap_builder_t pb;
    ds_posmap_builder_init(&pb, 0, 1);
    assert_int_equal(pb.k, 1);
    ds_posmap_builder_release(&pb);
    ds_posmap_builder_init(&pb, 1u << 30, 1);
    assert_int_equal(pb.k, DS_POSMAP_K_MAX);
    ds_posmap_builder_release(&pb);
    ds_posmap_builder_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_report),
        cmocka_unit_test(compounds_and_possessives),
        cmocka_unit_test(footnote_markers),
        cmocka_unit_test(urls),
        cmocka_unit_test(scripts_and_invalid_bytes),
        cmocka_unit_test(empty_and_blank_texts),
        cmocka_unit_test(long_texts),
        cmocka_unit_test(postings_match_the_map),
        cmocka_unit_test(malformed_maps_are_corrupt),
        cmocka_unit_test(another_text_is_caught),
        cmocka_unit_test(k_is_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
