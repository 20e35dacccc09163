/*
 * Unit tests for searcher/qalign.c: the words of texts and quotes (line-end hyphens,
 * footnote markers, ellipses and insertions as gaps), every tolerated difference found
 * with its note, the omitted span of an ellipsis, and the closest place's differences
 * (a word changed, added, omitted) named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "qalign.h"

static const char *TEXT = "We also wish to lend our strong support to the proposal made by\n"
                          "the Netherlands on the protec-\ntion of integrity and the ﬁrst "
                          "ICANN’s mission.2 Monitoring such activities.";

/* Find quote in TEXT: returns 1 and the notes and span, or 0. */
static int find(const char *quote, unsigned *notes, size_t *start, size_t *end)
{
    qa_words_t q = QA_WORDS_INIT, t = QA_WORDS_INIT;
    assert_int_equal(qa_words_quote(&q, quote, strlen(quote)), DS_OK);
    assert_int_equal(qa_words_text(&t, TEXT, strlen(TEXT)), DS_OK);
    qa_match_t m;
    int r = qa_find(&q, quote, &t, TEXT, 0, &m);
    if (r == 1) {
        *notes = m.notes;
        *start = t.w[m.first].start;
        *end = t.w[m.last].end;
        qa_match_release(&m);
    }
    qa_words_release(&q);
    qa_words_release(&t);
    return r;
}

static void expect(const char *quote, unsigned notes)
{
    unsigned got = 0;
    size_t s, e;
    assert_int_equal(find(quote, &got, &s, &e), 1);
    assert_int_equal(got, notes);
}

static void test_words(void **state)
{
    (void)state;
    qa_words_t t = QA_WORDS_INIT;
    assert_int_equal(qa_words_text(&t, TEXT, strlen(TEXT)), DS_OK);
    int hyphen = 0, marker = 0;
    for (size_t i = 0; i < t.n; i++) {
        hyphen |= strcmp(t.w[i].term, "protection") == 0 && (t.w[i].notes & QA_HYPHEN);
        marker |= strcmp(t.w[i].term, "mission") == 0 && (t.w[i].notes & QA_MARKER);
        assert_string_not_equal(t.w[i].term, "2"); /* the marker is no word */
    }
    assert_true(hyphen);
    assert_true(marker);
    qa_words_release(&t);

    qa_words_t q = QA_WORDS_INIT;
    const char *quote = "one [two three] four … five [...] six";
    assert_int_equal(qa_words_quote(&q, quote, strlen(quote)), DS_OK);
    assert_int_equal(q.n, 4);
    assert_string_equal(q.w[1].term, "four");
    assert_int_equal(q.w[1].gap, 2);
    assert_int_equal(q.w[2].gap, QA_GAP_ELLIPSIS);
    assert_int_equal(q.w[3].gap, QA_GAP_ELLIPSIS);
    assert_int_equal(q.notes, QA_ELLIPSIS | QA_INSERTION);
    qa_words_release(&q);
}

static void test_tolerated(void **state)
{
    (void)state;
    expect("We also wish to lend our strong support", 0);
    expect("We  also\nwish to lend", 0); /* white space is not compared */
    expect("WE ALSO wish", QA_CASE);
    expect("and the first ICANN's", QA_LIGATURE | QA_QUOTES);
    expect("the first ICANN's mission", QA_LIGATURE | QA_QUOTES | QA_MARKER);
    expect("on the protection of integrity", QA_HYPHEN);
    expect("on the protec-\n  tion of", 0 | QA_HYPHEN);
    expect("ICANN’s mission.2 Monitoring", QA_MARKER);
    expect("ICANN’s mission Monitoring", QA_MARKER); /* the text's marker */
    expect("lend our [very] strong support", QA_INSERTION);
    expect("lend [our] strong support", QA_INSERTION);
    expect("We also … the proposal made", QA_ELLIPSIS);
    expect("We also ... the proposal made", QA_ELLIPSIS);
    expect("We also [...] the proposal made", QA_ELLIPSIS);
    expect("WE also [...] the protection of [all] integrity",
           QA_ELLIPSIS | QA_CASE | QA_HYPHEN | QA_INSERTION);
    unsigned n;
    size_t s, e;
    assert_int_equal(find("We also wish to lend our weak support", &n, &s, &e), 0);
    assert_int_equal(find("also wish [a] our strong", &n, &s, &e), 0); /* 2 > 1 */
    assert_int_equal(find("lend our strong support", &n, &s, &e), 1);
    assert_memory_equal(TEXT + s, "lend our strong support", e - s);
}

static void test_omitted(void **state)
{
    (void)state;
    const char *quote = "wish to … made by the Netherlands";
    qa_words_t q = QA_WORDS_INIT, t = QA_WORDS_INIT;
    assert_int_equal(qa_words_quote(&q, quote, strlen(quote)), DS_OK);
    assert_int_equal(qa_words_text(&t, TEXT, strlen(TEXT)), DS_OK);
    qa_match_t m;
    assert_int_equal(qa_find(&q, quote, &t, TEXT, 0, &m), 1);
    size_t a = t.w[m.omit_from[2]].start, b = t.w[m.omit_to[2] - 1].end;
    assert_int_equal(b - a, strlen("lend our strong support to the proposal"));
    assert_memory_equal(TEXT + a, "lend our strong support to the proposal", b - a);
    qa_match_release(&m);
    qa_words_release(&q);
    qa_words_release(&t);
}

/* The closest place's differences as "S>Q" items: S or Q empty for none. */
static void diffs(const char *quote, const char *want, size_t nd)
{
    qa_words_t q = QA_WORDS_INIT, t = QA_WORDS_INIT;
    assert_int_equal(qa_words_quote(&q, quote, strlen(quote)), DS_OK);
    assert_int_equal(qa_words_text(&t, TEXT, strlen(TEXT)), DS_OK);
    qa_closest_t c;
    assert_int_equal(qa_closest(&q, &t, &c), DS_OK);
    assert_int_equal(c.nd, nd);
    char got[256] = "";
    for (size_t i = 0; i < c.nd; i++) {
        const char *s = c.d[i].t != SIZE_MAX ? t.w[c.d[i].t].term : "";
        const char *w = c.d[i].q != SIZE_MAX ? q.w[c.d[i].q].term : "";
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s>%s", i ? " " : "", s, w);
    }
    assert_string_equal(got, want);
    qa_closest_release(&c);
    qa_words_release(&q);
    qa_words_release(&t);
}

static void test_closest(void **state)
{
    (void)state;
    diffs("We also wish to lend our weak support", "strong>weak", 1);
    diffs("We also wish to lend our very strong support", ">very", 1);
    diffs("We also wish to lend strong support", "our>", 1);
    diffs("wish to … made by the Dutch", "netherlands>dutch", 1);
    diffs("lend our strong support", "", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_tolerated),
        cmocka_unit_test(test_omitted),
        cmocka_unit_test(test_closest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
