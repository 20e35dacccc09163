/*
 * Unit tests for searcher/snippet.c: the window is measured in characters (code points),
 * not bytes, starts and ends on word boundaries or at least on character boundaries,
 * and the rendered highlights are counted in code points. The texts are multi-byte
 * (Greek, curly quotes, accents) so that counting bytes, or cutting inside a character,
 * would show; each is copied into a buffer of exactly its length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "snippet.h"
#include "utf8.h"

static char *exact(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    memcpy(p, s, len);
    return p;
}

/* Code points of s[0..len). */
static size_t cps(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        int k = utf8_decode(s + i, len - i, &cp);
        assert_true(k > 0);
        i += (size_t)k;
    }
    return n;
}

/* 40 words "αβγ<k>" (6 bytes of Greek, one ASCII digit): word k starts at byte 8 * k. */
static void window_counts_characters(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    for (int k = 0; k < 40; k++)
        ds_buf_printf(&b, "%s\xce\xb1\xce\xb2\xce\xb3%d", k ? " " : "", k % 10);
    char *t = exact(b.data, b.len);
    size_t len = b.len;
    mt_occ_t occ = {8 * 20, 8 * 20 + 7, 20, 0}; /* word 20 */
    sn_snippet_t sn;
    assert_int_equal(sn_make(t, len, &occ, 1, 24, &sn), DS_OK);
    /* width 24 characters: the window starts 24 / 4 = 6 characters before the word (the
     * space before word 19: 9 bytes back), moved back to the start of the word before
     * it (18), and runs 24 characters on (4 words of 5 and 4 more, 39 bytes), to the end
     * of the word it ends in. */
    assert_int_equal(sn.start, 8 * 18);
    assert_int_equal(sn.end, 8 * 22 + 7);
    assert_true(sn.cut_left && sn.cut_right);
    assert_int_equal(sn.nhl, 1);
    assert_int_equal(sn.hl[0].start, occ.start);
    ds_buf_t out = DS_BUF_INIT;
    size_t *hl = NULL, nhl = 0;
    sn_render(&out, t, &sn, "", "", &hl, &nhl);
    assert_string_equal(ds_buf_cstr(&out), "\xe2\x80\xa6\xce\xb1\xce\xb2\xce\xb3"
                                           "8 \xce\xb1\xce\xb2\xce\xb3"
                                           "9 \xce\xb1\xce\xb2\xce\xb3"
                                           "0 \xce\xb1\xce\xb2\xce\xb3"
                                           "1 \xce\xb1\xce\xb2\xce\xb3"
                                           "2\xe2\x80\xa6");
    assert_int_equal(nhl, 1);
    assert_int_equal(hl[0], 1 + 10); /* "…αβγ8 αβγ9 " */
    assert_int_equal(hl[1], 1 + 10 + 4);
    free(hl);
    ds_buf_release(&out);
    sn_release(&sn);
    /* the window at the end: it starts earlier, as many characters back as fit */
    occ = (mt_occ_t){8 * 39, 8 * 39 + 7, 39, 0};
    assert_int_equal(sn_make(t, len, &occ, 1, 24, &sn), DS_OK);
    assert_int_equal(sn.end, len);
    assert_false(sn.cut_right);
    assert_true(cps(t + sn.start, len - sn.start) <= 24 + 4);
    assert_int_equal(sn.start % 8, 0); /* a word's start */
    sn_release(&sn);
    free(t);
    ds_buf_release(&b);
}

/* No space within reach: the window is cut at a character boundary, never inside one. */
static void window_cut_inside_a_long_word(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    for (int k = 0; k < 100; k++)
        ds_buf_puts(&b, "\xe2\x80\x99"); /* ’ x 100, one "word" of 300 bytes */
    char *t = exact(b.data, b.len);
    mt_occ_t occ = {150, 153, 50, 0};
    sn_snippet_t sn;
    assert_int_equal(sn_make(t, b.len, &occ, 1, 20, &sn), DS_OK);
    assert_int_equal(sn.start % 3, 0);
    assert_int_equal(sn.end % 3, 0);
    assert_true(sn.start <= occ.start && sn.end >= occ.end);
    ds_buf_t out = DS_BUF_INIT;
    sn_render(&out, t, &sn, "[", "]", NULL, NULL);
    assert_true(utf8_is_valid(out.data, out.len));
    ds_buf_release(&out);
    sn_release(&sn);
    free(t);
    ds_buf_release(&b);
}

/* Highlight offsets count code points of the rendered line: curly quotes, accents. */
static void highlights_in_code_points(void **state)
{
    (void)state;
    static const char s[] = "R\xc3\xb4le of \xe2\x80\x9c"
                            "ICANN\xe2\x80\x99s\xe2\x80\x9d "
                            "mission";
    size_t len = sizeof s - 1;
    char *t = exact(s, len);
    size_t at = (size_t)(strstr(s, "ICANN") - s);
    mt_occ_t occ[2] = {{at, at + 5, 2, 0}, {len - 7, len, 4, 1}};
    sn_snippet_t sn;
    assert_int_equal(sn_make(t, len, occ, 2, 80, &sn), DS_OK);
    assert_int_equal(sn.start, 0);
    assert_int_equal(sn.end, len);
    ds_buf_t out = DS_BUF_INIT;
    size_t *hl = NULL, nhl = 0;
    sn_render(&out, t, &sn, "", "", &hl, &nhl);
    assert_string_equal(ds_buf_cstr(&out), s);
    assert_int_equal(nhl, 2);
    assert_int_equal(hl[0], 9); /* "Rôle of “" */
    assert_int_equal(hl[1], 14);
    assert_int_equal(hl[2], 18); /* "…ICANN’s” " */
    assert_int_equal(hl[3], 25);
    free(hl);
    ds_buf_release(&out);
    sn_release(&sn);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(window_counts_characters),
        cmocka_unit_test(window_cut_inside_a_long_word),
        cmocka_unit_test(highlights_in_code_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
