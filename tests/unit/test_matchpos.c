/*
 * Unit tests for searcher/matchpos.c: mt_find_positions finds, from a document's
 * position lists, the occurrences mt_find finds in its text. Each hand-made document is
 * indexed as the indexer does (tg_index_text, body after a field's positions, so index
 * positions are not text positions) into a real database; its position lists are read
 * back through the wrapper and the two finders are compared: the same number of
 * occurrences, one per start, at the same positions. A randomized family (fixed seed)
 * mixes compounds, possessives, markers and identifiers under every unit kind. Where the
 * positions are trusted, mt_find_mapped (the snippets' finder: tokens read only at those
 * positions, from a position map) must give mt_find's occurrences byte for byte, for
 * the text and each of its prefixes that ends at white space.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer.h"
#include "docsink.h"
#include "match.h"
#include "posmap.h"
#include "termgen.h"
#include "tmpdir.h"
#include "xap.h"

#define BASE_FIELD "Title words before the body"

static char dir[256];
static an_analyzer_t *an;

/* Index text (after a title under S, as docbuild does) into a new database. */
static xap_db_t *index_text(const char *text, xap_docid_t *id)
{
    static int k;
    char path[512];
    snprintf(path, sizeof path, "%s/db%d", dir, k++);
    xap_db_t *db = NULL;
    assert_int_equal(xap_db_open_write(path, XAP_DB_CREATE, &db, NULL), DS_OK);
    xap_doc_t *doc = NULL;
    assert_int_equal(xap_doc_new(&doc), DS_OK);
    tg_sink_t sink = ds_doc_sink(doc);
    uint32_t pos = 1;
    assert_int_equal(tg_index_text(an, &sink, "S", BASE_FIELD, strlen(BASE_FIELD), &pos, NULL),
                     DS_OK);
    assert_int_equal(tg_index_text(an, &sink, "", text, strlen(text), &pos, NULL), DS_OK);
    assert_int_equal(xap_db_add_doc(db, doc, id), DS_OK);
    xap_doc_free(doc);
    return db;
}

/* The position lists of m's terms in document id, as the concordance reads them. */
static mt_termpos_t *read_lists(xap_db_t *db, xap_docid_t id, const mt_matcher_t *m)
{
    size_t n = mt_nterms(m);
    mt_termpos_t *tp = calloc(n ? n : 1, sizeof *tp);
    assert_non_null(tp);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *t = mt_term(m, i, &len);
        xap_postiter_t *post = NULL;
        assert_int_equal(xap_db_postings(db, t, len, &post), DS_OK);
        if (xap_postiter_skip_to(post, id) == 1 && xap_postiter_docid(post) == id) {
            assert_int_equal(xap_postiter_wdf(post, &tp[i].wdf), DS_OK);
            uint32_t *v = malloc(tp[i].wdf * sizeof *v);
            xap_positer_t *pit = NULL;
            assert_int_equal(xap_postiter_positions(post, &pit), DS_OK);
            while (xap_positer_next(pit) == 1)
                v[tp[i].n++] = xap_positer_pos(pit);
            xap_positer_free(pit);
            tp[i].pos = v;
        }
        xap_postiter_free(post);
    }
    return tp;
}

static void free_lists(mt_termpos_t *tp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((uint32_t *)tp[i].pos);
    free(tp);
}

/* mt_find_mapped against mt_find on text[0..end), field by field. */
static void same_prefix(mt_matcher_t *m, const mt_termpos_t *tp, const ds_posmap_t *map,
                        const char *text, size_t end)
{
    size_t len = strlen(text), n1 = 0, n2 = 0;
    mt_occ_t *o1 = NULL, *o2 = NULL;
    int exact = -1;
    assert_int_equal(mt_find(m, text, end, &o1, &n1), DS_OK);
    assert_int_equal(mt_find_mapped(m, tp, map, text, len, end, &o2, &n2, &exact), DS_OK);
    assert_int_equal(exact, 1);
    if (n1 != n2)
        fail_msg("'%s' up to %zu: %zu occurrences in the text, %zu mapped", text, end, n1, n2);
    for (size_t i = 0; i < n1; i++)
        if (o1[i].start != o2[i].start || o1[i].end != o2[i].end || o1[i].pos != o2[i].pos ||
            o1[i].unit != o2[i].unit)
            fail_msg("'%s' up to %zu: occurrence %zu is [%zu,%zu) in the text, [%zu,%zu) mapped",
                     text, end, i, o1[i].start, o1[i].end, o2[i].start, o2[i].end);
    free(o1);
    free(o2);
}

/* The mapped finder (snippets) gives mt_find's very occurrences, for the whole text and
 * every prefix ending at white space, with checkpoints every k positions (1: a restart
 * at every target; 3: walks between near targets; 32: the indexer's). */
static void compare_mapped(mt_matcher_t *m, const mt_termpos_t *tp, const char *text, uint32_t base)
{
    static const uint32_t ks[] = {1, 3, 32};
    for (size_t j = 0; j < sizeof ks / sizeof ks[0]; j++) {
        ds_buf_t b = DS_BUF_INIT;
        ds_posmap_t *map = NULL;
        assert_int_equal(ds_posmap_encode_text(text, strlen(text), ks[j], base, &b), DS_OK);
        assert_int_equal(ds_posmap_parse(b.data, b.len, &map), DS_OK);
        same_prefix(m, tp, map, text, strlen(text));
        for (size_t e = 0; text[e]; e++)
            if (text[e] == ' ' || text[e] == '\n' || text[e] == '\f')
                same_prefix(m, tp, map, text, e);
        ds_posmap_free(map);
        ds_buf_release(&b);
    }
}

/* Compare both finders on text; returns the count, or -1 when positions doubt. */
static long compare(const char *text, const mt_unit_t *units, size_t nunits)
{
    xap_docid_t id = 0;
    xap_db_t *db = index_text(text, &id);
    mt_matcher_t *m = NULL;
    assert_int_equal(mt_new(an, db, units, nunits, 1024, &m, NULL), DS_OK);
    mt_occ_t *occ = NULL;
    size_t nocc = 0, npo = 0, k = 0;
    assert_int_equal(mt_find(m, text, strlen(text), &occ, &nocc), DS_OK);
    mt_termpos_t *tp = read_lists(db, id, m);
    mt_posocc_t *po = NULL;
    int exact = -1;
    assert_int_equal(mt_find_positions(m, tp, &po, &npo, &exact), DS_OK);
    uint32_t base = 1 + 5 + 100; /* the title's five words and DS_FIELD_GAP */
    for (size_t i = 0; exact && i < nocc; i++) {
        if (i > 0 && occ[i].start == occ[i - 1].start)
            continue; /* the concordance's one per start */
        while (k > 0 && k < npo && po[k].first == po[k - 1].first)
            k++;
        if (k >= npo || po[k].first != base + occ[i].pos)
            fail_msg("'%s': occurrence at byte %zu (position %u) not found from positions", text,
                     occ[i].start, occ[i].pos);
        k++;
    }
    while (exact && k > 0 && k < npo && po[k].first == po[k - 1].first)
        k++;
    if (exact && k != npo)
        fail_msg("'%s': %zu occurrences from positions, fewer in the text", text, npo);
    long count = exact ? (long)k : -1;
    if (exact)
        compare_mapped(m, tp, text, base);
    free(po);
    free(occ);
    free_lists(tp, mt_nterms(m));
    mt_free(m);
    xap_db_close(db);
    return count;
}

#define EX(t)                                                                                      \
    {                                                                                              \
        MT_SLOT_EXACT, t, sizeof t - 1                                                             \
    }
#define ST(t)                                                                                      \
    {                                                                                              \
        MT_SLOT_STEM, t, sizeof t - 1                                                              \
    }
#define PX(t)                                                                                      \
    {                                                                                              \
        MT_SLOT_PREFIX, t, sizeof t - 1                                                            \
    }

static long one(const char *text, mt_kind_t kind, const mt_slot_t *slots, size_t n, uint32_t window)
{
    mt_unit_t u = {kind, slots, n, window};
    return compare(text, &u, 1);
}

static void phrases(void **state)
{
    (void)state;
    const mt_slot_t aa[] = {EX("a"), EX("a")};
    assert_int_equal(one("a a a", MT_PHRASE, aa, 2, 0), 2); /* overlapping: both */
    assert_int_equal(one("a a a a", MT_PHRASE, aa, 2, 0), 3);
    const mt_slot_t pc[] = {EX("public"), EX("core")};
    assert_int_equal(one("public x core, public core; public\ncore", MT_PHRASE, pc, 2, 0), 2);
    assert_int_equal(one("public x core, public core; public x y z core", MT_PHRASE, pc, 2, 3), 2);
    assert_int_equal(one("public public core core", MT_PHRASE, pc, 2, 3), 2);
    /* a compound's parts take positions of their own: "ict related" in "ICT-related" */
    const mt_slot_t ir[] = {EX("ict"), EX("related")};
    assert_int_equal(one("ICT-related and ICT related", MT_PHRASE, ir, 2, 0), 2);
    const mt_slot_t whole[] = {EX("ictrelated"), EX("issues")};
    assert_int_equal(one("ICT-related issues", MT_PHRASE, whole, 2, 0), 0); /* as mt_find */
    const mt_slot_t poss[] = {EX("icann's"), EX("role")};
    assert_int_equal(one("ICANN\xe2\x80\x99s role, ICANN role", MT_PHRASE, poss, 2, 0), 1);
}

static void terms_stems_wildcards(void **state)
{
    (void)state;
    const char *text = "Protect protecting protection; ICANN\xe2\x80\x99s ICANN icanns "
                       "cyber-security cybersecurity cyber 2021-03-12 A/RES/75/282 res";
    const mt_slot_t s1[] = {ST("protect")};
    assert_int_equal(one(text, MT_TERM, s1, 1, 0), 3);
    const mt_slot_t s2[] = {ST("icann")};
    assert_int_equal(one(text, MT_TERM, s2, 1, 0), 3);
    const mt_slot_t s3[] = {PX("cyber")};
    assert_int_equal(one(text, MT_TERM, s3, 1, 0), 3); /* the whole and its part: one */
    const mt_slot_t s4[] = {EX("res")};
    assert_int_equal(one(text, MT_TERM, s4, 1, 0), 2);
    const mt_slot_t s5[] = {PX("a/res")};
    assert_int_equal(one(text, MT_TERM, s5, 1, 0), 1);
    const mt_slot_t s6[] = {ST("title")}; /* the title's words are not the body's */
    assert_int_equal(one(text, MT_TERM, s6, 1, 0), 0);
    /* a slot's union of more terms than matchpos.c merges (MERGE_MAX, 8): sorted */
    const char *many = "walk walks walked wall walls want wants wanted war wars warm water "
                       "walking wall";
    const mt_slot_t s7[] = {PX("wa")};
    assert_int_equal(one(many, MT_TERM, s7, 1, 0), 14);
    const mt_slot_t s8[] = {ST("walk")}; /* a few terms: merged */
    assert_int_equal(one(many, MT_TERM, s8, 1, 0), 4);
    const mt_slot_t s9[] = {PX("wa"), EX("water")};
    assert_int_equal(one(many, MT_PHRASE, s9, 2, 0), 1);
    const mt_slot_t s10[] = {EX("walked"), ST("walk")}; /* a merged union searched */
    assert_int_equal(one(many, MT_PHRASE, s10, 2, 0), 0);
    const mt_slot_t s11[] = {EX("wants"), ST("want"), EX("war")};
    assert_int_equal(one(many, MT_PHRASE, s11, 3, 0), 1);
    const mt_slot_t s12[] = {EX("war"), PX("wa"), EX("warm")};
    assert_int_equal(one(many, MT_PHRASE, s12, 3, 0), 1);
}

static void nears(void **state)
{
    (void)state;
    const mt_slot_t ab[] = {EX("a"), EX("b")};
    assert_int_equal(one("b a a", MT_NEAR, ab, 2, 10), 1); /* both a's reach the one b */
    assert_int_equal(one("a x b x a", MT_NEAR, ab, 2, 3), 2);
    assert_int_equal(one("a x b x a", MT_NEAR, ab, 2, 2), 0);
    assert_int_equal(one("b x a x b", MT_NEAR, ab, 2, 3), 1); /* a tie: the earlier b */
    const mt_slot_t aa[] = {EX("a"), EX("a")};
    assert_int_equal(one("a a", MT_NEAR, aa, 2, 10), 0); /* nearest is itself */
    const mt_slot_t abc[] = {EX("a"), EX("b"), EX("c")};
    assert_int_equal(one("c b a x b c a", MT_NEAR, abc, 3, 4), 2);
}

/* A footnote marker takes its word's position with a start of its own: when the query
 * has both, only the text can tell them, and the finder says so. */
static void markers_doubt(void **state)
{
    (void)state;
    mt_slot_t m2[] = {EX("mission")}, d2[] = {EX("2")};
    mt_unit_t both[] = {{MT_TERM, m2, 1, 0}, {MT_TERM, d2, 1, 0}};
    assert_int_equal(compare("the mission.2 of it", both, 2), -1);
    assert_int_equal(compare("the mission of 2 it", both, 2), 2); /* no marker: exact */
    assert_int_equal(one("the mission.2 of it", MT_TERM, d2, 1, 0), 1);
    assert_int_equal(one("a 2\xe2\x80\x9d"
                         "2 b",
                         MT_TERM, d2, 1, 0),
                     -1); /* wdf 2, 1 pos */
}

/* Random documents over a vocabulary of every kind of token, random units: both finders
 * must agree on each (or positions must doubt, which only markers cause). */
static void randomized(void **state)
{
    (void)state;
    static const char *words[] = {"a",   "b",  "c",     "a-b", "b\xe2\x80\x99s",
                                  "c.2", "ab", "10.30", "a's", "b-a-c",
                                  "(a)", "c,", "2",     "x",   "y"};
    static const mt_slot_t pool[] = {EX("a"), EX("b"), EX("c"),   EX("ab"),  ST("b"),
                                     PX("a"), EX("2"), EX("b's"), EX("bac"), PX("1")};
    size_t nw = sizeof words / sizeof *words, np = sizeof pool / sizeof *pool;
    srand(12345);
    int exact = 0;
    for (int round = 0; round < 150; round++) {
        char text[512] = "";
        for (int w = rand() % 20 + 1; w > 0; w--) {
            strcat(text, words[rand() % nw]);
            strcat(text, rand() % 5 ? " " : "\n");
        }
        mt_slot_t slots[3][3];
        mt_unit_t units[3];
        size_t nu = (size_t)(rand() % 3 + 1);
        for (size_t u = 0; u < nu; u++) {
            size_t ns = (size_t)(rand() % 3 + 1);
            for (size_t s = 0; s < ns; s++)
                slots[u][s] = pool[rand() % np];
            units[u] = (mt_unit_t){(mt_kind_t)(rand() % 3), slots[u], ns,
                                   (uint32_t)(rand() % 5 + (rand() % 2 ? ns : 0))};
        }
        exact += compare(text, units, nu) >= 0;
    }
    assert_true(exact > 100); /* doubts are the exception */
}

static int setup(void **state)
{
    (void)state;
    if (tmpdir_make(dir, sizeof dir, "test_matchpos") != 0)
        return -1;
    return an_analyzer_new("english", &an, NULL) == DS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    an_analyzer_free(an);
    tmpdir_remove(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phrases),    cmocka_unit_test(terms_stems_wildcards),
        cmocka_unit_test(nears),      cmocka_unit_test(markers_doubt),
        cmocka_unit_test(randomized),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
