/*
 * Unit tests for indexer/rparse*.c, the report parser.
 *
 * The seed report (corpus/icann-un-cyber-talks-update-2021-06.txt) is found as argv[1],
 * $DS_RPARSE_SEED, DS_SOURCE_DIR/corpus/... (a compile definition) or corpus/... from
 * the working directory; the synthetic fixture (tests/fixtures/report_synthetic.txt) as
 * argv[2], $DS_RPARSE_FIXTURE, DS_SOURCE_DIR/tests/fixtures/... or the relative path;
 * the inline-footnote fixture (tests/fixtures/report_inline_notes.txt) likewise as argv[3]
 * or $DS_RPARSE_INLINE. A missing file fails the tests (it does not skip them).
 *
 *   seed_*       the seed against tables read off the text by hand
 *   seed_ff_*    the same seed with form feeds instead of leading-space page starts
 *   seed_inline_*  the same seed with its footnotes written inline ("12 Text")
 *   synthetic_*  the fixture: form feeds, a footnote running on, a misplaced number, a
 *                broken URL, a dated span, a number breaking the marker sequence
 *   inline_*     the second fixture: footnotes written "12 Text" on one line (pdftotext
 *                -layout), mixed with bare numbers, a tab, a footnote running on, body
 *                lines that start with a number; and the guards on small texts
 *   furniture_dropped  running headers and footers
 *   single_misplaced_footnote  a page whose one footnote has its number after the text
 *   real_*       what real PDF text brings (pdftotext, -layout): numbered headings, TOCs,
 *                numbered paragraphs and lists, indented footnotes, alternating running
 *                headers, blank pages and page labels, footnotes: none, per-chapter
 *                numbering, a phrase over a page break (a date stamp after the footer, a
 *                page number below the running header), a column's footnote; a
 *                restart inside a block, a long footnote closed by the next, a number
 *                moved before a restart; a word processor's page, a column of
 *                numbers
 *   deb_*        what the Debian manuals (Sphinx, LaTeX) bring: a section's footer, a
 *                -layout footnote spaced after its first line, long footnotes in small
 *                type, weak markers (names, line ends, lines of their own), numbers
 *                set late
 *   sym_*        symbol-marked footnotes: a \thanks title page, a groff / UN '*' note,
 *                '*' and '•' lists that stay body, symbols mixed with numbers
 *   warn_*       diagnostics; args_* argument errors; mutate_* a bounded fuzz loop
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "rparse.h"
#include "utf8.h"

#define SEED_REL "corpus/icann-un-cyber-talks-update-2021-06.txt"
#define FIXTURE_REL "tests/fixtures/report_synthetic.txt"
#define INLINE_REL "tests/fixtures/report_inline_notes.txt"
#define SEED_DAY 20210603

static const char *arg_seed, *arg_fixture, *arg_inline;

typedef struct loaded {
    char *text;
    size_t len;
    rp_report_t *r;
    unsigned long warnings;
} loaded_t;

static loaded_t seed, seed_ff, synth, inl;

/* ---- helpers ---------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 4096) {
            char *nb = realloc(buf, cap = cap * 2 + 8192);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *load(const char *arg, const char *env, const char *rel, size_t *len)
{
    char path[4096];
    char *t = slurp(arg, len);
    if (!t)
        t = slurp(getenv(env), len);
#ifdef DS_SOURCE_DIR
    if (!t) {
        snprintf(path, sizeof path, "%s/%s", DS_SOURCE_DIR, rel);
        t = slurp(path, len);
    }
#endif
    if (!t) {
        snprintf(path, sizeof path, "%s", rel);
        t = slurp(path, len);
    }
    if (!t)
        fprintf(stderr, "test_rparse: cannot read %s (pass it as an argument or set %s)\n", rel,
                env);
    return t;
}

static ds_status_t parse_quiet(const char *t, size_t len, int32_t day, rp_report_t **r,
                               unsigned long *warnings)
{
    ds_diag_t d;
    ds_diag_init(&d, "test", stderr);
    d.quiet = 1;
    ds_status_t rc = rp_parse(t, len, "report.txt", day, &d, r);
    if (warnings)
        *warnings = d.warnings;
    ds_diag_release(&d);
    return rc;
}

/* Parse t printing warnings into a string (returned, caller frees). */
static char *parse_log(const char *t, int32_t day, rp_report_t **r, unsigned long *warnings)
{
    char *log = NULL;
    size_t loglen = 0;
    FILE *out = open_memstream(&log, &loglen);
    ds_diag_t d;
    ds_diag_init(&d, "test", out);
    assert_int_equal(rp_parse(t, strlen(t), "mini.txt", day, &d, r), DS_OK);
    *warnings = d.warnings;
    ds_diag_release(&d);
    fclose(out);
    return log;
}

static int contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

static const rp_section_t *section_by_key(const rp_report_t *r, const char *key)
{
    for (size_t s = 0; s < r->nsections; s++)
        if (strcmp(r->sections[s].key, key) == 0)
            return &r->sections[s];
    return NULL;
}

/* The passage whose text holds needle, or NULL. */
static const rp_passage_t *passage_with(const rp_report_t *r, const char *needle)
{
    for (size_t p = 0; p < r->npassages; p++)
        if (contains(r->passages[p].text, needle))
            return &r->passages[p];
    return NULL;
}

static size_t any_passage_has(const rp_report_t *r, const char *needle)
{
    size_t n = 0;
    for (size_t p = 0; p < r->npassages; p++)
        n += contains(r->passages[p].text, needle);
    return n;
}

/*
 * The invariants every report keeps, whatever the input: strings valid UTF-8 of their
 * stated length, passages inside the body verbatim, offset maps ordered, indexes valid.
 * Returns 0 or the number of the broken rule (so a fuzz loop can report the input).
 */
static int check_invariants(const rp_report_t *r)
{
    if (!r->body || strlen(r->body) != r->body_len || !utf8_is_valid(r->body, r->body_len))
        return 1;
    size_t next_pass = 0;
    for (size_t s = 0; s < r->nsections; s++) {
        const rp_section_t *sec = &r->sections[s];
        if (!sec->title || !sec->key || !sec->key[0] || sec->first_passage != next_pass ||
            sec->body_offset > r->body_len)
            return 2;
        next_pass += sec->npassages;
    }
    if (next_pass != r->npassages)
        return 3;
    for (size_t p = 0; p < r->npassages; p++) {
        const rp_passage_t *ps = &r->passages[p];
        if (!ps->text || strlen(ps->text) != ps->len || !utf8_is_valid(ps->text, ps->len))
            return 4;
        if (ps->body_offset > r->body_len || ps->len > r->body_len - ps->body_offset ||
            memcmp(r->body + ps->body_offset, ps->text, ps->len) != 0)
            return 5;
        if (ps->section >= r->nsections || ps->nloci == 0 || ps->loci[0].offset != 0 ||
            ps->loci[0].line != ps->line || ps->loci[0].page != ps->page)
            return 6;
        for (size_t k = 1; k < ps->nloci; k++)
            if (ps->loci[k].offset <= ps->loci[k - 1].offset || ps->loci[k].offset > ps->len ||
                ps->loci[k].line < ps->loci[k - 1].line)
                return 7;
        if (ps->last_line < ps->line || (unsigned)ps->kind >= RP_PASSAGE_KIND_LAST ||
            (unsigned)ps->date_rule >= RP_DATE_RULE_LAST || ps->date_start > ps->date_end)
            return 8;
        /* a statement has an actor; a paragraph may have one (an office phrase) */
        if ((ps->actor == NULL) != (ps->actor_full == NULL) ||
            (ps->kind == RP_STATEMENT && ps->actor == NULL) ||
            (ps->kind == RP_POINT && ps->actor != NULL))
            return 9;
        if (p > 0 && ps->body_offset <= r->passages[p - 1].body_offset)
            return 10;
    }
    for (size_t k = 1; k < r->nloci; k++)
        if (r->loci[k].offset <= r->loci[k - 1].offset || r->loci[k].offset > r->body_len)
            return 11;
    for (size_t k = 0; k < r->nfootnotes; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        if (!f->text || strlen(f->text) != f->len || !utf8_is_valid(f->text, f->len) || !f->title ||
            (k > 0 && f->number < r->footnotes[k - 1].number) || f->date_start > f->date_end)
            return 12;
        if ((unsigned)f->date_rule >= RP_CITE_DATE_RULE_LAST ||
            (f->date_rule == RP_CITE_DATE_NONE) != (f->date_start == 0) ||
            f->meeting_start > f->meeting_end || (f->meeting_start == 0) != (f->meeting_end == 0) ||
            (f->date_rule == RP_CITE_DATE_MEETING &&
             (f->date_start != f->meeting_start || f->date_end != f->meeting_end)))
            return 18;
        for (size_t q = 0; q < f->ncited_by; q++)
            if (f->cited_by[q] >= r->npassages || (q > 0 && f->cited_by[q] <= f->cited_by[q - 1]))
                return 13;
        for (size_t q = 0; q < f->nurls; q++)
            if (!utf8_is_valid(f->urls[q], strlen(f->urls[q])) || !f->urls[q][0])
                return 14;
    }
    if (r->markers_linked + r->markers_unlinked != r->nmarkers)
        return 15;
    for (size_t m = 0; m < r->nmarkers; m++) {
        const rp_marker_t *mk = &r->markers[m];
        if (mk->body_offset > r->body_len ||
            (mk->passage != RP_NONE && mk->passage >= r->npassages))
            return 16;
        if (m > 0 && mk->body_offset < r->markers[m - 1].body_offset)
            return 17;
    }
    return 0;
}

/* What a test expects of passage k of a fixture. */
typedef struct want_passage {
    rp_passage_kind_t kind;
    rp_date_rule_t rule;
    int32_t start, end;
    size_t page, line, last_line;
} want_passage_t;

static void check_passages(const rp_report_t *r, const want_passage_t *want, size_t n)
{
    assert_int_equal(r->npassages, n);
    for (size_t p = 0; p < n; p++) {
        const rp_passage_t *ps = &r->passages[p];
        assert_int_equal(ps->kind, want[p].kind);
        assert_int_equal(ps->date_rule, want[p].rule);
        assert_int_equal(ps->date_start, want[p].start);
        assert_int_equal(ps->date_end, want[p].end);
        assert_int_equal(ps->page, want[p].page);
        assert_int_equal(ps->line, want[p].line);
        assert_int_equal(ps->last_line, want[p].last_line);
    }
}

/* What a test expects of footnote k + 1 of a fixture (one URL each). */
typedef struct want_note {
    size_t page, line;
    int32_t start, end;
    const char *text, *title, *url;
} want_note_t;

static void check_footnotes(const rp_report_t *r, const want_note_t *want, size_t n)
{
    assert_int_equal(r->nfootnotes, n);
    for (size_t k = 0; k < n; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        assert_int_equal(f->number, k + 1);
        assert_int_equal(f->page, want[k].page);
        assert_int_equal(f->line, want[k].line);
        assert_int_equal(f->date_start, want[k].start);
        assert_int_equal(f->date_end, want[k].end);
        assert_string_equal(f->text, want[k].text);
        assert_string_equal(f->title, want[k].title);
        assert_int_equal(f->nurls, 1);
        assert_string_equal(f->urls[0], want[k].url);
        assert_int_equal(f->nmarkers, 1);
    }
}

/* Markers 1..n, linked, on lines[0..n). */
static void check_markers(const rp_report_t *r, const size_t *lines, size_t n)
{
    assert_int_equal(r->nmarkers, n);
    assert_int_equal(r->markers_linked, n);
    for (size_t m = 0; m < n; m++) {
        assert_int_equal(r->markers[m].number, m + 1);
        assert_int_equal(r->markers[m].line, lines[m]);
        assert_true(r->markers[m].linked);
    }
}

/* ---- group setup -------------------------------------------------------------------- */

/* The seed with pdftotext's form feeds in place of the leading-space page starts. */
static char *to_form_feeds(const char *t, size_t len, size_t *out_len)
{
    char *o = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int line_start = i > 0 && t[i - 1] == '\n';
        if (line_start && t[i] == ' ' && i + 1 < len && t[i + 1] != ' ' && t[i + 1] != '\n')
            o[n++] = '\f';
        else
            o[n++] = t[i];
    }
    o[n] = '\0';
    *out_len = n;
    return o;
}

static int load_and_parse(loaded_t *l, int32_t day)
{
    if (!l->text)
        return -1;
    return parse_quiet(l->text, l->len, day, &l->r, &l->warnings) == DS_OK ? 0 : -1;
}

static int group_setup(void **state)
{
    (void)state;
    seed.text = load(arg_seed, "DS_RPARSE_SEED", SEED_REL, &seed.len);
    synth.text = load(arg_fixture, "DS_RPARSE_FIXTURE", FIXTURE_REL, &synth.len);
    inl.text = load(arg_inline, "DS_RPARSE_INLINE", INLINE_REL, &inl.len);
    if (seed.text)
        seed_ff.text = to_form_feeds(seed.text, seed.len, &seed_ff.len);
    load_and_parse(&seed, SEED_DAY);
    load_and_parse(&seed_ff, SEED_DAY);
    load_and_parse(&synth, 20210915);
    load_and_parse(&inl, 20210915);
    return 0; /* tests fail one by one on a missing report */
}

static int group_teardown(void **state)
{
    (void)state;
    loaded_t *all[] = {&seed, &seed_ff, &synth, &inl};
    for (size_t k = 0; k < 4; k++) {
        rp_report_free(all[k]->r);
        free(all[k]->text);
    }
    return 0;
}

/* ---- the seed ------------------------------------------------------------------------ */

static void seed_counts(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->npages, 8);
    assert_int_equal(r->nlines, 362);
    assert_int_equal(r->nfootnotes, 32);
    for (size_t k = 0; k < 32; k++)
        assert_int_equal(r->footnotes[k].number, k + 1);
    assert_int_equal(r->nmarkers, 32);
    assert_int_equal(r->markers_linked, 32);
    assert_int_equal(r->markers_unlinked, 0);
    assert_int_equal(r->footnotes_unmarked, 0);
    assert_int_equal(seed.warnings, 0);
    size_t kinds[RP_PASSAGE_KIND_LAST] = {0};
    for (size_t p = 0; p < r->npassages; p++)
        kinds[r->passages[p].kind]++;
    assert_int_equal(r->npassages, 51);
    assert_int_equal(kinds[RP_STATEMENT], 16); /* 15 OEWG + the General Assembly */
    assert_int_equal(kinds[RP_POINT], 10);
    assert_int_equal(kinds[RP_PARAGRAPH], 25);
}

static void seed_sections(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    static const struct {
        const char *key, *title;
        size_t line, page, npassages;
    } want[] = {
        {"introduction", "Introduction", 1, 1, 2},
        {"oewg", "The Open-ended Working Group (OEWG) Update", 14, 1, 22},
        {"gge", "The Group of Governmental Experts (GGE) Update", 195, 5, 11},
        {"ahc", "The Open-Ended Ad Hoc Committee of Experts (AHC) Update", 270, 6, 2},
        {"conclusion", "Conclusion", 303, 7, 2},
        {"appendix", "Appendix", 329, 8, 12},
    };
    assert_int_equal(r->nsections, 6);
    for (size_t s = 0; s < 6; s++) {
        assert_string_equal(r->sections[s].key, want[s].key);
        assert_string_equal(r->sections[s].title, want[s].title);
        assert_int_equal(r->sections[s].line, want[s].line);
        assert_int_equal(r->sections[s].page, want[s].page);
        assert_int_equal(r->sections[s].npassages, want[s].npassages);
        assert_memory_equal(r->body + r->sections[s].body_offset, want[s].title,
                            strlen(want[s].title));
    }
}

static void seed_footnote_table(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    static const struct {
        unsigned n;
        int32_t start, end;
        size_t nurls;
        const char *url; /* first URL, exactly; NULL if none */
    } want[] = {
        {1, 0, 0, 0, NULL},
        {2, 0, 0, 1, /* was 20210603: the retrieval date after the URL */
         "https://www.icann.org/resources/pages/government-engagementpublications-2020-03-02-en"},
        {3, 20201201, 20201231, 1,
         "https://www.icann.org/en/system/files/files/"
         "draft-op-financial-plan-fy21-25-opplan-fy21-20dec19-en.pdf"},
        {4, 20200619, 20200702, 1,
         "https://front.un-arm.org/wp-content/uploads/2020/09/"
         "oewginformal-virtual-meetings-statement-by-finland-19-june-and-2-july-2020.pdf"},
        {5, 20201119, 20201119, 1,
         "https://front.un-arm.org/wp-content/uploads/2020/11/"
         "iran-intervention-on-capacity-building-19-nov2020.pdf"},
        {6, 20210118, 20210118, 1,
         "https://front.un-arm.org/wpcontent/uploads/2021/01/"
         "OEWG-Non-paper-rules-norms-and-principles-19-01-2021.pdf"},
        {7, 20210219, 20210219, 1, /* was the meeting's 20210218..20210222 */
         "https://front.un-arm.org/wp-content/uploads/2021/02/Slovenia-19February-2021-FINAL.pdf"},
        {9, 20210218, 20210222, 1,
         "https://front.un-arm.org/wp-content/uploads/2021/02/"
         "Netherlands-OEWG-informalsintervention-Feb-2021.pdf"},
        {11, 20210201, 20210228, 1,
         "https://front.unarm.org/wp-content/uploads/2021/02/"
         "Netherlands-OEWG-written-comments-to-zero-draft.pdf"},
        {13, 20210308, 20210308, 1, /* was the session's 20210308..20210312 */
         "https://media.un.org/en/asset/k1o/k1obxycc3u"},
        {14, 0, 0, 1,
         "https://front.un-arm.org/wp-content/uploads/2021/03/"
         "Tech-Accord-OEWG-response-March-2021FINAL.pdf"},
        {17, 20210310, 20210310, 1, /* was the session's 20210308..20210312 */
         "https://front.unarm.org/wp-content/uploads/2021/03/"
         "Chairs-Summary-A-AC.290-2021-CRP.3-technical-reissue.pdf"},
        /* broken at "GCSC-" with a blank line between the halves */
        {18, 20210312, 20210312, 1,
         "https://front.un-arm.org/wp-content/uploads/2021/03/"
         "GCSC-Statement-OEWG-Multistakeholder-Consultation-Final-Draft-Report-March-2021.pdf"},
        {21, 20210310, 20210310, 0, NULL},
        {23, 20210528, 20210528, 1,
         "https://twitter.com/State_Cyber/status/1398314450743091201?s=20"},
        {25, 20150109, 20150109, 1,
         "https://documents-ddsny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement"},
        {26, 0, 0, 5, "https://media.un.org/en/asset/k1v/k1vgo4a624"},
        {28, 20210510, 20210512, 1,
         "https://www.unodc.org/unodc/en/cybercrime/cybercrime-adhoc-committee.html"},
        {30, 20210601, 20210601, 1, /* was 20210526, adoption; now "Distr.: 1 June 2021" */
         "https://undocs.org/a/res/75/282"},
        {31, 20210601, 20210601, 2, "https://media.un.org/en/asset/k1o/k1oa2ngbsc"},
        {32, 0, 0, 1,
         "https://www.icann.org/resources/pages/government-engagementpublications-2020-03-02-en"},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const rp_footnote_t *f = rp_footnote_get(r, want[k].n);
        assert_non_null(f);
        assert_int_equal(f->number, want[k].n);
        assert_int_equal(f->date_start, want[k].start);
        assert_int_equal(f->date_end, want[k].end);
        assert_int_equal(f->nurls, want[k].nurls);
        if (want[k].url)
            assert_string_equal(f->urls[0], want[k].url);
    }
}

static void seed_footnote_details(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    /* the misplaced numbers: 5 and 11 came after their text */
    assert_int_equal(rp_footnote_get(r, 5)->line, 75);
    assert_int_equal(rp_footnote_get(r, 5)->page, 2);
    assert_int_equal(rp_footnote_get(r, 11)->line, 122);
    assert_int_equal(rp_footnote_get(r, 11)->page, 3);
    assert_int_equal(rp_footnote_get(r, 1)->line, 31);
    assert_int_equal(rp_footnote_get(r, 6)->line, 78);
    /* 17 runs on from page 3 into page 4 */
    const rp_footnote_t *f17 = rp_footnote_get(r, 17);
    assert_int_equal(f17->page, 3);
    assert_true(contains(f17->text, "Third substantive session, 8–12 March 2021, OEWG Chair’s "
                                    "Summary, Conference room paper, 10 March 2021"));
    assert_string_equal(rp_footnote_get(r, 10)->text,
                        "UK Comments on the Zero Draft Report of the OEWG on Development in the "
                        "Field of ICTs in the Context of International Security, 23 February 2021, "
                        "https://front.un-arm.org/wpcontent/uploads/2021/02/"
                        "UK-submission-to-OEWG-ICTs-zero-draft-002.pdf");
    /* symbols */
    static const struct {
        unsigned n;
        const char *sym;
    } syms[] = {{17, "A/AC.290/2021/CRP.3"},
                {19, "A/AC.290/2021/CRP.3"},
                {20, "A/AC.290/2021/CRP.2"},
                {21, "A/AC.290/2021/CRP.2"},
                {25, "A/69/723"},
                {30, "A/RES/75/282"}};
    size_t total = 0;
    for (size_t k = 0; k < r->nfootnotes; k++)
        total += r->footnotes[k].nsymbols;
    assert_int_equal(total, sizeof syms / sizeof *syms);
    for (size_t k = 0; k < sizeof syms / sizeof *syms; k++) {
        const rp_footnote_t *f = rp_footnote_get(r, syms[k].n);
        assert_int_equal(f->nsymbols, 1);
        assert_string_equal(f->symbols[0], syms[k].sym);
    }
    /* titles */
    assert_string_equal(rp_footnote_get(r, 3)->title, "ICANN Operating and Financial Plans");
    assert_string_equal(rp_footnote_get(r, 4)->title, "Statements by the Republic of Finland");
    assert_string_equal(rp_footnote_get(r, 5)->title,
                        "The Revised “Pre-draft” of the report of the OEWG");
    assert_string_equal(rp_footnote_get(r, 8)->title,
                        "Comments by Germany on the OEWG Zero Draft Report");
    assert_string_equal(rp_footnote_get(r, 27)->title,
                        "Ad hoc committee established by General Assembly resolution 74/247");
    assert_string_equal(rp_footnote_get(r, 30)->title,
                        "75/282. Countering the use of information and communications "
                        "technologies for criminal purposes");
    assert_string_equal(rp_footnote_get(r, 32)->title, "GE webpage");
}

/* Every footnote's citation date, its rule and its meeting (rparse.h, Citation dates). */
static void seed_citation_dates(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    enum { N = RP_CITE_DATE_NONE, D = RP_CITE_DATE_DOCUMENT, M = RP_CITE_DATE_MEETING };
    static const struct {
        int32_t start, end;
        int rule;
        int32_t mstart, mend;
    } want[32] = {
        {0, 0, N, 0, 0},                             /* 1: no date */
        {0, 0, N, 0, 0},                             /* 2: retrieval date after the URL */
        {20201201, 20201231, D, 0, 0},               /* 3: December 2020 */
        {20200619, 20200702, M, 20200619, 20200702}, /* 4: "Consultations, 19 June and 2 July" */
        {20201119, 20201119, D, 0, 0},               /* 5 */
        {20210118, 20210118, D, 0, 0},               /* 6: "Version as of" */
        {20210219, 20210219, D, 20210218, 20210222}, /* 7: meeting (18, 19 and 22 Feb) */
        {20210219, 20210219, D, 0, 0},               /* 8 */
        {20210218, 20210222, M, 20210218, 20210222}, /* 9: only (18,19, 22 February) */
        {20210223, 20210223, D, 0, 0},               /* 10 */
        {20210201, 20210228, D, 0, 0},               /* 11: February 2021 */
        {20210303, 20210303, D, 0, 0},               /* 12 */
        {20210308, 20210308, D, 20210308, 20210312}, /* 13: session (8-12 March) */
        {0, 0, N, 0, 0},                             /* 14 */
        {20210309, 20210309, D, 20210308, 20210312}, /* 15 */
        {20210309, 20210309, D, 0, 0},               /* 16 */
        {20210310, 20210310, D, 20210308, 20210312}, /* 17: "session, 8–12 March" */
        {20210312, 20210312, D, 0, 0},               /* 18 */
        {20210310, 20210310, D, 20210308, 20210312}, /* 19 */
        {20210310, 20210310, D, 0, 0},               /* 20 */
        {20210310, 20210310, D, 0, 0},               /* 21 */
        {20210312, 20210312, D, 20210308, 20210312}, /* 22 */
        {20210528, 20210528, D, 0, 0},               /* 23 */
        {20210528, 20210528, D, 0, 0},               /* 24 */
        {20150109, 20150109, D, 0, 0},               /* 25: "letter dated" */
        {0, 0, N, 0, 0},                             /* 26 */
        {0, 0, N, 0, 0},                             /* 27 */
        {20210510, 20210512, M, 20210510, 20210512}, /* 28: "session ... held ..., on" */
        {20210512, 20210512, D, 0, 0},               /* 29 */
        {20210601, 20210601, D, 0, 0},               /* 30: "Distr.: 1 June 2021" */
        {20210601, 20210601, D, 0, 0},               /* 31: "1 June" (report's year) */
        {0, 0, N, 0, 0},                             /* 32 */
    };
    assert_int_equal(r->nfootnotes, 32);
    for (size_t k = 0; k < 32; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        assert_int_equal(f->date_start, want[k].start);
        assert_int_equal(f->date_end, want[k].end);
        assert_int_equal(f->date_rule, want[k].rule);
        assert_int_equal(f->meeting_start, want[k].mstart);
        assert_int_equal(f->meeting_end, want[k].mend);
    }
    assert_string_equal(rp_cite_date_rule_str(RP_CITE_DATE_DOCUMENT), "document");
    assert_string_equal(rp_cite_date_rule_str(RP_CITE_DATE_MEETING), "meeting");
    assert_string_equal(rp_cite_date_rule_str(RP_CITE_DATE_NONE), "none");
    assert_string_equal(rp_cite_date_rule_str(RP_CITE_DATE_RULE_LAST), "?");
}

/* Footnote styles of other producers, each the one footnote of a small report. */
static void cite_date_styles(void **state)
{
    (void)state;
    enum { N = RP_CITE_DATE_NONE, D = RP_CITE_DATE_DOCUMENT, M = RP_CITE_DATE_MEETING };
    static const struct {
        const char *note;
        int32_t start, end;
        int rule;
        int32_t mstart, mend;
    } cases[] = {
        /* the last date, at the symbol tail, not the adoption's */
        {"UN General Assembly, Resolution adopted on 22 December 2018, A/RES/73/27, 2 January "
         "2019.",
         20190102, 20190102, D, 0, 0},
        /* the access date in brackets after the URL is not the document's */
        {"Report of the Secretary-General (A/76/135), 14 July 2021, available at "
         "https://undocs.org/A/76/135 (accessed 1 September 2021).",
         20210714, 20210714, D, 0, 0},
        {"Statement by Canada at the Second Substantive Session (10-14 February 2020), 11 "
         "February 2020",
         20200211, 20200211, D, 20200210, 20200214},
        {"Ibid.", 0, 0, N, 0, 0},
        {"See para. 12 above.", 0, 0, N, 0, 0},
        {"ICRC, International humanitarian law and cyber operations during armed conflicts, "
         "position paper, November 2019, p. 8.",
         20191101, 20191130, D, 0, 0},
        /* access dates without a URL */
        {"Report of the Secretary-General, 14 July 2021 (accessed 1 September 2021).", 20210714,
         20210714, D, 0, 0},
        {"Website of the group, last visited on 3 June 2021.", 0, 0, N, 0, 0},
        {"Statement, Retrieved: 5 May 2021", 0, 0, N, 0, 0},
        /* a bracketed single day: the meeting's next to a meeting word, else the document's */
        {"Statement at the informal meeting (19 February 2021), https://example.org/s", 20210219,
         20210219, M, 20210219, 20210219},
        {"Report (14 July 2021), https://example.org/r", 20210714, 20210714, D, 0, 0},
        /* an unbracketed span is the meeting's only next to a meeting word */
        {"Third substantive session, 8–12 March 2021, https://example.org/t", 20210308, 20210312, M,
         20210308, 20210312},
        {"Summary, 8–12 March 2021 meetings of the group, https://example.org/m", 20210308,
         20210312, M, 20210308, 20210312},
        {"Conference room paper, 8-10 March 2021, https://example.org/c", 20210308, 20210310, D, 0,
         0},
        {"Statements by Testland, 3 June and 5 July 2020, https://example.org/s", 20200603,
         20200705, D, 0, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t, "The text of the report cites a single note here.1\n1\n%s\n",
                      cases[k].note);
        rp_report_t *r = NULL;
        assert_int_equal(parse_quiet(t.data, t.len, 20210915, &r, NULL), DS_OK);
        assert_int_equal(check_invariants(r), 0);
        assert_int_equal(r->nfootnotes, 1);
        const rp_footnote_t *f = &r->footnotes[0];
        assert_string_equal(f->text, cases[k].note);
        if (f->date_start != cases[k].start || (int)f->date_rule != cases[k].rule ||
            f->meeting_start != cases[k].mstart)
            fprintf(stderr, "case %zu: %s\n", k, cases[k].note);
        assert_int_equal(f->date_start, cases[k].start);
        assert_int_equal(f->date_end, cases[k].end);
        assert_int_equal(f->date_rule, cases[k].rule);
        assert_int_equal(f->meeting_start, cases[k].mstart);
        assert_int_equal(f->meeting_end, cases[k].mend);
        rp_report_free(r);
        ds_buf_release(&t);
    }
}

/* "The delegation of the Netherlands, in its comments ..., noted": a paragraph with an
 * actor, dated by its section. */
static void seed_office_actor(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    const rp_passage_t *p = passage_with(r, "The delegation of the Netherlands, in its comments");
    assert_non_null(p);
    assert_int_equal(p->kind, RP_PARAGRAPH);
    assert_string_equal(p->actor, "Netherlands");
    assert_string_equal(p->actor_full, "The delegation of the Netherlands");
    assert_int_equal(p->date_rule, RP_DATE_SECTION);
    assert_int_equal(p->date_start, 20210312);
    assert_int_equal(p->line, 170);
    assert_int_equal(p->ncites, 1);
    assert_int_equal(p->cites[0], 22);
    /* no other paragraph of the seed opens with an office phrase */
    size_t with_actor = 0;
    for (size_t k = 0; k < r->npassages; k++)
        with_actor += r->passages[k].kind == RP_PARAGRAPH && r->passages[k].actor != NULL;
    assert_int_equal(with_actor, 1);
}

static void office_actor_guards(void **state)
{
    (void)state;
    static const struct {
        const char *text, *actor, *full; /* actor NULL: none */
    } cases[] = {
        {"The Permanent Representative of Singapore to the United Nations stated that the "
         "group should meet again.",
         "Singapore", "The Permanent Representative of Singapore"},
        {"The Government of the Islamic Republic of Iran also stressed the role of the United "
         "Nations.",
         "Iran", "The Government of the Islamic Republic of Iran"},
        {"The representative of Côte d’Ivoire said that capacity building comes first.",
         "Côte d’Ivoire", "The representative of Côte d’Ivoire"},
        {"The Permanent Mission of the United Kingdom of Great Britain and Northern Ireland, in "
         "a note verbale, strongly supported the text.",
         "United Kingdom",
         "The Permanent Mission of the United Kingdom of Great Britain and Northern Ireland"},
        {"The Delegation of the Russian Federation recalled its earlier proposal for a "
         "convention.",
         "Russian Federation", "The Delegation of the Russian Federation"},
        {"The delegation of the European Union (EU) welcomes the report of the group.", "EU",
         "The delegation of the European Union (EU)"},
        /* no name, no reporting verb, a passive, another sentence: no actor */
        {"The delegation of authority to the Chair was discussed at length by the group.", NULL,
         NULL},
        {"The delegation of the Netherlands was led by its ambassador for cyber affairs.", NULL,
         NULL},
        {"The delegation of Canada consisted of three experts from the capital.", NULL, NULL},
        {"The Government of Japan, as the host of the meeting, is a member of the group.", NULL,
         NULL},
        {"The Government of France. It noted later that the text had changed.", NULL, NULL},
        {"The delegation of the Netherlands, in its comments. It noted the text.", NULL, NULL},
        {"The Government of the day noted that the text was long.", NULL, NULL},
        {"Reports said the delegation of Chile noted the text.", NULL, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        rp_report_t *r = NULL;
        const char *t = cases[k].text;
        assert_int_equal(parse_quiet(t, strlen(t), 20210915, &r, NULL), DS_OK);
        assert_int_equal(check_invariants(r), 0);
        assert_int_equal(r->npassages, 1);
        const rp_passage_t *p = &r->passages[0];
        assert_int_equal(p->kind, RP_PARAGRAPH);
        assert_int_equal(p->date_rule, RP_DATE_REPORT);
        if (!cases[k].actor) {
            if (p->actor)
                fprintf(stderr, "case %zu: unexpected actor %s\n", k, p->actor);
            assert_null(p->actor);
        } else {
            assert_non_null(p->actor);
            assert_string_equal(p->actor, cases[k].actor);
            assert_string_equal(p->actor_full, cases[k].full);
        }
        rp_report_free(r);
    }
}

static const struct {
    int32_t start, end;
    const char *actor, *full;
    size_t line;
    unsigned cite;
} oewg_statements[15] = {
    {20200702, 20200702, "Finland", "the Republic of Finland", 23, 4},
    {20201119, 20201119, "Iran", "the Islamic Republic of Iran", 27, 5},
    {20210119, 20210119, "Netherlands", "the Kingdom of the Netherlands", 50, 6},
    {20210219, 20210219, "Slovenia", "the Republic of Slovenia", 56, 7},
    {20210219, 20210219, "Germany", "the Federal Republic of Germany", 59, 8},
    {20210219, 20210222, "Netherlands", "the Kingdom of the Netherlands", 62, 9},
    {20210223, 20210223, "United Kingdom", "the United Kingdom", 68, 10},
    {20210225, 20210225, "Netherlands", "the Kingdom of the Netherlands", 71, 11},
    {20210303, 20210303, "GCSC", "the Global Commission on the Stability in Cyberspace (GCSC)", 99,
     12},
    {20210308, 20210308, "Iran", "the Islamic Republic of Iran", 106, 13},
    {20210308, 20210308, "Cybersecurity Tech Accord", "the Cybersecurity Tech Accord", 108, 14},
    {20210309, 20210309, "Germany", "the Federal Republic of Germany", 113, 15},
    {20210309, 20210309, "coalition of nine civil society organizations",
     "a coalition of nine civil society organizations", 115, 16},
    {20210310, 20210310, "China", "the People’s Republic of China", 119, 17},
    {20210312, 20210312, "GCSC", "the GCSC", 144, 18},
};

static void seed_oewg_statements(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    const rp_section_t *oewg = section_by_key(r, "oewg");
    assert_non_null(oewg);
    size_t k = 0;
    for (size_t p = oewg->first_passage; p < oewg->first_passage + oewg->npassages; p++) {
        const rp_passage_t *ps = &r->passages[p];
        if (ps->kind != RP_STATEMENT)
            continue;
        assert_true(k < 15);
        assert_int_equal(ps->date_rule, RP_DATE_OWN);
        assert_int_equal(ps->date_start, oewg_statements[k].start);
        assert_int_equal(ps->date_end, oewg_statements[k].end);
        assert_string_equal(ps->actor, oewg_statements[k].actor);
        assert_string_equal(ps->actor_full, oewg_statements[k].full);
        assert_int_equal(ps->line, oewg_statements[k].line);
        assert_int_equal(ps->ncites, 1);
        assert_int_equal(ps->cites[0], oewg_statements[k].cite);
        assert_memory_equal(ps->text, "On ", 3);
        k++;
    }
    assert_int_equal(k, 15);
    /* the General Assembly's statement in the AHC section, after a leading clause */
    const rp_passage_t *ga = passage_with(r, "at its 71st plenary meeting");
    assert_non_null(ga);
    assert_int_equal(ga->kind, RP_STATEMENT);
    assert_string_equal(ga->actor, "U.N. General Assembly");
    assert_int_equal(ga->date_start, 20210526);
    /* "On 28 May 2021, the consensus report ... was adopted." has a date, no speaker */
    const rp_passage_t *gge = passage_with(r, "the consensus report of the GGE was adopted");
    assert_non_null(gge);
    assert_int_equal(gge->kind, RP_PARAGRAPH);
    assert_int_equal(gge->date_rule, RP_DATE_OWN);
    assert_int_equal(gge->date_start, 20210528);
    assert_null(gge->actor);
}

static void seed_body_text(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    /* the sentence interrupted by page 1's footnote block reads on */
    const char *phrase = "which not only constitute barriers for achieving";
    assert_true(contains(r->body, phrase));
    const rp_passage_t *iran = passage_with(r, phrase);
    assert_non_null(iran);
    assert_int_equal(iran->kind, RP_STATEMENT);
    assert_int_equal(iran->page, 1);
    assert_int_equal(iran->line, 27);
    assert_int_equal(iran->last_line, 49);
    /* the locus of "barriers" is line 48 on page 2 */
    size_t off = (size_t)(strstr(iran->text, "barriers for achieving") - iran->text);
    const rp_locus_t *lc = ds_locus_find(iran->loci, iran->nloci, off);
    assert_int_equal(lc->line, 48);
    assert_int_equal(lc->page, 2);
    lc = ds_locus_find(r->loci, r->nloci, iran->body_offset + off);
    assert_int_equal(lc->line, 48);
    /* marker .2 removed; the introduction passage reads on */
    const rp_section_t *intro = section_by_key(r, "introduction");
    const rp_passage_t *ip = passage_with(r, "ICANN’s mission. Monitoring such activities");
    assert_non_null(ip);
    assert_int_equal(ip->section, (size_t)(intro - r->sections));
    assert_int_equal(ip->date_rule, RP_DATE_REPORT);
    assert_int_equal(ip->date_start, SEED_DAY);
    assert_false(contains(r->body, "mission.2"));
    assert_true(contains(r->body, "Committee of Experts (AHC) between 1 July 2020"));
    assert_true(contains(r->body, "rights.”\n\nOn 19 January 2021"));
    assert_true(contains(r->body, "as well.”\n\nOn 3 March 2021"));
    /* numbers that look like markers but break the sequence stay */
    assert_true(contains(r->body, "the COVID-,19 pandemic"));
    assert_true(contains(r->body, "para 50 of the Zero Draft"));
    assert_true(contains(r->body, "13 Vice-Chairs"));
    /* a statement runs on over the speaker's next quoted paragraph */
    const rp_passage_t *nl = passage_with(r, "“Additionally, we would like to mention");
    assert_non_null(nl);
    assert_int_equal(nl->line, 71);
    assert_int_equal(nl->date_start, 20210225);
    /* dates by rule */
    const rp_passage_t *after = passage_with(r, "In addition to the release of the OEWG final");
    assert_int_equal(after->date_rule, RP_DATE_SECTION);
    assert_int_equal(after->date_start, 20210312);
    const rp_passage_t *pt = passage_with(r, "Point 63:");
    assert_int_equal(pt->kind, RP_POINT);
    assert_int_equal(pt->date_rule, RP_DATE_SECTION);
    assert_int_equal(pt->date_start, 20210528);
    assert_int_equal(pt->page, 6);
    assert_int_equal(pt->line, 242);
}

static void seed_no_footnote_text_in_body(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    static const char *const distinct[32] = {
        "we used the abbreviation OECE",
        "This and all other URLs in footnotes",
        "ICANN Operating and Financial Plans",
        "Statements by the Republic of Finland",
        "OEWG third informal virtual meeting",
        "Non-paper listing specific language proposals",
        "Informal virtual meeting (18, 19 and 22 February 2021)",
        "Comments by Germany on the OEWG Zero Draft Report",
        "Nathalie Jaarsma",
        "UK Comments on the Zero Draft Report",
        "written proposals to OEWG zero draft",
        "Comments from the GCSC on the First Draft",
        "(starts at 1:29:40)",
        "Tech Accord Response to the UN-OEWG",
        "(starts at 38:20)",
        "Joint Civil Society Feedback",
        "2021, OEWG Chair’s Summary",
        "Statement from the GSCS on the final draft",
        "8–12 March 2021, Chair’s Summary, Conference room paper",
        "Final Substantive Report Conference room paper",
        "Final Substantive Report, Conference room paper, 10 March",
        "(starts at 35:23)",
        "Twitter message by the US Department of State",
        "Advance Copy, Report of the Group",
        "Annex to the letter dated 9 January 2015",
        "can be viewed here",
        "established by General Assembly resolution 74/247",
        "Results of the elections of the Ad Hoc Committee",
        "(starts at 3:24:34)",
        "Resolution adopted by the General Assembly on 26 May 2021",
        "1 June, 2nd meeting",
        "GE webpage, ICANN website",
    };
    const rp_section_t *app = section_by_key(r, "appendix");
    assert_non_null(app);
    for (size_t k = 0; k < 32; k++) {
        const rp_footnote_t *f = &r->footnotes[k];
        assert_true(contains(f->text, distinct[k]));
        assert_false(contains(r->body, distinct[k]));
        assert_int_equal(any_passage_has(r, distinct[k]), 0);
        assert_false(contains(r->body, f->text));
        /* the appendix repeats some footnote URLs; no other passage may hold one */
        for (size_t u = 0; u < f->nurls; u++)
            for (size_t p = 0; p < app->first_passage; p++)
                assert_false(contains(r->passages[p].text, f->urls[u]));
    }
}

static void seed_markers(void **state)
{
    (void)state;
    const rp_report_t *r = seed.r;
    assert_non_null(r);
    static const size_t line_of[33] = {0,   6,   8,   12,  26,  49,  55,  58,  61,  67,  70,
                                       98,  105, 107, 112, 114, 118, 120, 145, 148, 162, 169,
                                       172, 196, 201, 210, 273, 275, 290, 292, 295, 307, 309};
    assert_int_equal(r->nmarkers, 32);
    for (size_t m = 0; m < 32; m++) {
        const rp_marker_t *mk = &r->markers[m];
        assert_int_equal(mk->number, m + 1);
        assert_true(mk->linked);
        assert_int_equal(mk->line, line_of[m + 1]);
        assert_true(mk->passage != RP_NONE);
        const rp_passage_t *ps = &r->passages[mk->passage];
        assert_true(mk->body_offset >= ps->body_offset);
        assert_true(mk->body_offset <= ps->body_offset + ps->len);
        const rp_footnote_t *f = rp_footnote_get(r, mk->number);
        assert_int_equal(f->nmarkers, 1);
        assert_int_equal(f->ncited_by, 1);
        assert_int_equal(f->cited_by[0], mk->passage);
    }
    /* what surrounds a removed marker */
    assert_memory_equal(r->body + r->markers[0].body_offset - 4, "(AHC)", 5);
    assert_memory_equal(r->body + r->markers[1].body_offset - 8, "mission. Mon", 12);
    assert_memory_equal(r->body + r->markers[29].body_offset - 11, "purposes.''", 11);
    const rp_passage_t *p = passage_with(r, "adopted. Several points in the report");
    assert_non_null(p);
    assert_int_equal(p->ncites, 2);
    assert_int_equal(p->cites[0], 23);
    assert_int_equal(p->cites[1], 24);
}

static void seed_ff_same_structure(void **state)
{
    (void)state;
    const rp_report_t *a = seed.r, *b = seed_ff.r;
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(check_invariants(b), 0);
    assert_true(memchr(seed_ff.text, '\f', seed_ff.len) != NULL);
    assert_int_equal(b->npages, a->npages);
    assert_int_equal(b->nfootnotes, a->nfootnotes);
    assert_int_equal(b->npassages, a->npassages);
    assert_int_equal(b->markers_linked, 32);
    assert_string_equal(b->body, a->body);
    for (size_t k = 0; k < a->nfootnotes; k++)
        assert_string_equal(b->footnotes[k].text, a->footnotes[k].text);
    for (size_t p = 0; p < a->npassages; p++) {
        assert_int_equal(b->passages[p].page, a->passages[p].page);
        assert_int_equal(b->passages[p].line, a->passages[p].line);
    }
}

/* Line k of the text split at '\n': its start and length (lines are 0-based here). */
typedef struct text_lines {
    const char **s;
    size_t *n;
    size_t count;
} text_lines_t;

static void split_text(const char *t, size_t len, text_lines_t *tl)
{
    tl->count = 1;
    for (size_t i = 0; i < len; i++)
        tl->count += t[i] == '\n';
    tl->s = malloc(tl->count * sizeof *tl->s);
    tl->n = malloc(tl->count * sizeof *tl->n);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || t[i] == '\n') {
            tl->s[k] = t + start;
            tl->n[k++] = i - start;
            start = i + 1;
        }
}

/* Line k, white space trimmed, equals the number v. */
static int line_is_number(const text_lines_t *tl, size_t k, unsigned v)
{
    char num[16];
    int w = snprintf(num, sizeof num, "%u", v);
    const char *s = tl->s[k];
    size_t n = tl->n[k];
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n == (size_t)w && memcmp(s, num, n) == 0;
}

/*
 * The seed with its footnotes written inline, as pdftotext -layout writes them: each
 * footnote's number line joined to the text line after it ("12" + "Statement ..." gives
 * "12 Statement ..."), and a number pdftotext moved after its block put in front of its
 * text. r is the parsed seed (where each footnote begins).
 */
static char *to_inline(const char *t, size_t len, const rp_report_t *r, size_t *out_len)
{
    text_lines_t tl;
    split_text(t, len, &tl);
    unsigned *lead = calloc(tl.count, sizeof *lead); /* number to write before the line */
    char *skip = calloc(tl.count, 1);                /* number line to leave out */
    for (size_t f = 0; f < r->nfootnotes; f++) {
        unsigned v = r->footnotes[f].number;
        size_t k = r->footnotes[f].line - 1;
        if (line_is_number(&tl, k, v)) { /* "12" then the text */
            skip[k] = 1;
            lead[k + 1] = v;
            continue;
        }
        lead[k] = v; /* the text, then (after the block) "12" */
        for (size_t j = k + 1; j < tl.count && j < k + 40; j++)
            if (line_is_number(&tl, j, v)) {
                skip[j] = 1;
                break;
            }
    }
    char *o = malloc(len + 8 * r->nfootnotes + 1);
    size_t m = 0;
    for (size_t k = 0; k < tl.count; k++) {
        if (skip[k])
            continue;
        const char *s = tl.s[k];
        size_t n = tl.n[k];
        if (lead[k]) {
            while (n > 0 && *s == ' ')
                s++, n--;
            m += (size_t)sprintf(o + m, "%u ", lead[k]);
        }
        memcpy(o + m, s, n);
        m += n;
        if (k + 1 < tl.count)
            o[m++] = '\n';
    }
    o[m] = '\0';
    *out_len = m;
    free(lead);
    free(skip);
    free(tl.s);
    free(tl.n);
    return o;
}

/* The seed with inline footnotes (and form feeds) has the same footnotes and body. */
static void seed_inline_same_structure(void **state)
{
    (void)state;
    const rp_report_t *a = seed.r;
    assert_non_null(a);
    size_t n1, n2;
    char *t1 = to_inline(seed.text, seed.len, a, &n1);
    char *t2 = to_form_feeds(t1, n1, &n2);
    assert_non_null(strstr(t2, "\n12 Comments from the GCSC on the First Draft"));
    assert_non_null(strstr(t2, "\n5 “The Revised “Pre-draft”")); /* was misplaced */
    rp_report_t *b = NULL;
    unsigned long w = 0;
    assert_int_equal(parse_quiet(t2, n2, SEED_DAY, &b, &w), DS_OK);
    assert_int_equal(check_invariants(b), 0);
    assert_int_equal(w, 0);
    assert_int_equal(b->npages, a->npages);
    assert_int_equal(b->nfootnotes, 32);
    assert_int_equal(b->markers_linked, 32);
    for (size_t k = 0; k < 32; k++) {
        assert_int_equal(b->footnotes[k].number, k + 1);
        assert_int_equal(b->footnotes[k].page, a->footnotes[k].page);
        assert_string_equal(b->footnotes[k].text, a->footnotes[k].text);
        assert_int_equal(b->footnotes[k].nurls, a->footnotes[k].nurls);
    }
    assert_string_equal(b->body, a->body);
    assert_int_equal(b->npassages, a->npassages);
    rp_report_free(b);
    free(t1);
    free(t2);
}

/* ---- the synthetic fixture ----------------------------------------------------------- */

static void synthetic_layout(void **state)
{
    (void)state;
    const rp_report_t *r = synth.r;
    assert_non_null(r);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(synth.warnings, 0);
    assert_int_equal(r->npages, 3); /* the trailing form feed adds no page */
    assert_int_equal(r->nsections, 3);
    assert_string_equal(r->sections[0].key, "introduction");
    assert_string_equal(r->sections[1].key, "tg");
    assert_string_equal(r->sections[1].title, "The Testing Group (TG) Update");
    assert_string_equal(r->sections[2].key, "conclusion");
    assert_int_equal(r->sections[2].page, 3);
    static const want_passage_t want[] = {
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 1, 2, 3},
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 1, 4, 5},
        {RP_STATEMENT, RP_DATE_OWN, 20210303, 20210305, 1, 8, 21},
        {RP_STATEMENT, RP_DATE_OWN, 20210308, 20210308, 2, 22, 24},
        {RP_PARAGRAPH, RP_DATE_SECTION, 20210308, 20210308, 2, 25, 25},
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 3, 32, 32},
    };
    check_passages(r, want, 6);
    assert_string_equal(r->passages[2].actor, "Testland");
    assert_string_equal(r->passages[2].actor_full, "the Republic of Testland");
    assert_string_equal(r->passages[3].actor, "Exampleland");
    assert_string_equal(r->passages[3].actor_full, "the Kingdom of Exampleland");
    /* the sentence across the form feed, the hyphen kept, page numbers gone */
    assert_string_equal(r->passages[2].text,
                        "On 3 - 5 March 2021, the Republic of Testland: “We support the "
                        "protection of the public core of the internet.” The delegation added "
                        "that it will keep working with the other members of the group on a "
                        "shared wording for the final report of the process.");
    assert_true(contains(r->passages[3].text, "warned that cyber-operations against"));
    const rp_locus_t *lc =
        ds_locus_find(r->passages[2].loci, r->passages[2].nloci,
                  (size_t)(strstr(r->passages[2].text, "members of") - r->passages[2].text));
    assert_int_equal(lc->line, 21);
    assert_int_equal(lc->page, 2);
    assert_string_equal(r->passages[5].text,
                        "The group will meet again in 2022 to review the 12 recommendations.");
    assert_false(contains(r->body, "Geneva"));
    assert_false(contains(r->body, "final.pdf"));
    assert_false(contains(r->body, "example.org"));
}

static void synthetic_footnotes(void **state)
{
    (void)state;
    const rp_report_t *r = synth.r;
    assert_non_null(r);
    static const want_note_t want[5] = {
        /* its number came after the block (then the page number "1") */
        {1, 10, 20210112, 20210112,
         "Synthetic Institute, A Short Paper on Parsers, 12 January 2021, "
         "https://example.org/reports/2021/parsers.pdf",
         "Synthetic Institute", "https://example.org/reports/2021/parsers.pdf"},
        /* URL broken after a hyphen */
        {1, 12, 20200603, 20200705,
         "“Outcome of the Talks,” Example Group, 3 June and 5 July 2020, A/RES/75/999, "
         "https://example.org/docs/2020/outcome-of-the-talks-final.pdf",
         "Outcome of the Talks", "https://example.org/docs/2020/outcome-of-the-talks-final.pdf"},
        /* runs on to page 2 */
        {1, 16, 20210303, 20210305,
         "Statement by the Republic of Testland, Informal virtual meeting of the Testing Group "
         "(3 - 5 March 2021), Permanent Mission of Testland to the United Nations in Geneva, "
         "https://example.org/statements/testland-march-2021.pdf",
         "Statement by the Republic of Testland",
         "https://example.org/statements/testland-march-2021.pdf"},
        /* URL broken before a '/' */
        {2, 27, 20210308, 20210308,
         "Comments by Exampleland, 8 March 2021, "
         "https://example.org/comments/exampleland/8-march-2021.pdf",
         "Comments by Exampleland", "https://example.org/comments/exampleland/8-march-2021.pdf"},
        /* a bare year is no date */
        {3, 33, 0, 0, "Final note, Synthetic Institute, 2022, https://example.org/final",
         "Final note", "https://example.org/final"},
    };
    check_footnotes(r, want, 5);
    assert_int_equal(r->footnotes[1].nsymbols, 1);
    assert_string_equal(r->footnotes[1].symbols[0], "A/RES/75/999");
    /* markers 1..5; COP26 and COVID-,19 break the sequence and stay text */
    static const size_t lines[5] = {3, 5, 9, 24, 32};
    check_markers(r, lines, 5);
    assert_true(contains(r->body, "at the COP26 summit"));
    assert_true(contains(r->body, "context of COVID-,19 and beyond."));
    assert_true(contains(r->body, "policy report.\n\nThe delegates"));
}

/* ---- the inline-footnote fixture ------------------------------------------------------ */

static void inline_layout(void **state)
{
    (void)state;
    const rp_report_t *r = inl.r;
    assert_non_null(r);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(inl.warnings, 0);
    assert_int_equal(r->npages, 4);
    assert_int_equal(r->nsections, 4);
    static const char *const keys[4] = {"introduction", "oetg", "conclusion", "annex"};
    for (size_t k = 0; k < 4; k++)
        assert_string_equal(r->sections[k].key, keys[k]);
    static const want_passage_t want[] = {
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 1, 2, 6},
        {RP_POINT, RP_DATE_REPORT, 20210915, 20210915, 1, 7, 7},
        {RP_STATEMENT, RP_DATE_OWN, 20210503, 20210503, 1, 10, 18},
        {RP_STATEMENT, RP_DATE_OWN, 20210504, 20210504, 2, 19, 21},
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 3, 29, 31},
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 3, 32, 33},
        {RP_PARAGRAPH, RP_DATE_REPORT, 20210915, 20210915, 4, 40, 41},
    };
    check_passages(r, want, 7);
    assert_string_equal(r->passages[2].actor, "Finland");
    assert_string_equal(r->passages[3].actor, "Exampleland");
    /* the sentence across the form feed reads on; the footnotes between are gone */
    const char *phrase = "should say more on the protection of the public core of the internet "
                         "and on capacity building";
    assert_true(contains(r->passages[2].text, phrase));
    assert_true(contains(r->body, phrase));
    const rp_locus_t *lc =
        ds_locus_find(r->passages[2].loci, r->passages[2].nloci,
                  (size_t)(strstr(r->passages[2].text, "core of") - r->passages[2].text));
    assert_int_equal(lc->line, 18);
    assert_int_equal(lc->page, 2);
    /* body lines that start with a number stay body */
    assert_true(contains(r->body, "share a line. 2021 was a year of many meetings"));
    assert_true(contains(r->body, "talks: 1. The first point of the list"));
    assert_true(contains(r->body, "\n\nPoint 1: the group keeps its name"));
    assert_true(contains(r->body, "asked for a vote. 3 delegations asked for more time"));
    assert_true(contains(r->body, "closed its work. 5 States voted against the text"));
    assert_true(contains(r->body, "of the group. 7 delegations took the floor"));
    /* no footnote text, URL or page number in the body */
    static const char *const gone[] = {"Report of the Testing Group",
                                       "Informal meeting",
                                       "example.org",
                                       "4 delegations of the region",
                                       "Chair’s summary",
                                       "Final note",
                                       "Letter of the Chair",
                                       "world. On",
                                       "Chair. 2",
                                       "work. 4"};
    for (size_t k = 0; k < sizeof gone / sizeof *gone; k++)
        assert_false(contains(r->body, gone[k]));
}

static void inline_footnotes(void **state)
{
    (void)state;
    const rp_report_t *r = inl.r;
    assert_non_null(r);
    static const want_note_t want[6] = {
        /* URL broken after a '/', the rest indented */
        {1, 14, 20210202, 20210202,
         "Report of the Testing Group, 2 February 2021, "
         "https://example.org/reports/2021/testing-group.pdf",
         "Report of the Testing Group", "https://example.org/reports/2021/testing-group.pdf"},
        /* runs on to page 2, where its URL comes before the page's block */
        {1, 16, 20210503, 20210503,
         "Statement by the Republic of Finland, 3 May 2021, Informal meeting of the Testing "
         "Group, https://example.org/statements/finland-may-2021.pdf",
         "Statement by the Republic of Finland",
         "https://example.org/statements/finland-may-2021.pdf"},
        /* "4 delegations" continues it: footnote 4 starts on a later line */
        {2, 23, 0, 0,
         "Statement by the Kingdom of Exampleland at the meeting of the group with the 4 "
         "delegations of the region, https://example.org/statements/exampleland.pdf",
         "Statement by the Kingdom of Exampleland at the meeting of the group with the 4 "
         "delegations of the region",
         "https://example.org/statements/exampleland.pdf"},
        {2, 25, 20210511, 20210511,
         "Chair’s summary of the vote, 11 May 2021, A/AC.999/2021/CRP.1, "
         "https://example.org/docs/2021/chairs-summary.pdf",
         "Chair’s summary of the vote", "https://example.org/docs/2021/chairs-summary.pdf"},
        /* mixed forms: a bare number, then a number and a tab */
        {3, 35, 0, 0, "Final note, Synthetic Institute, 2022, https://example.org/final",
         "Final note", "https://example.org/final"},
        {3, 37, 20210520, 20210520,
         "Letter of the Chair, 20 May 2021, https://example.org/chair/letter",
         "Letter of the Chair", "https://example.org/chair/letter"},
    };
    check_footnotes(r, want, 6);
    assert_int_equal(r->footnotes[3].nsymbols, 1);
    assert_string_equal(r->footnotes[3].symbols[0], "A/AC.999/2021/CRP.1");
    /* markers 1..6, each on its footnote's page, cut out of the text */
    static const size_t lines[6] = {3, 11, 19, 21, 32, 33};
    static const size_t passage[6] = {0, 2, 3, 3, 5, 5};
    check_markers(r, lines, 6);
    for (size_t m = 0; m < 6; m++) {
        assert_int_equal(r->markers[m].passage, passage[m]);
        assert_int_equal(r->markers[m].page, r->footnotes[m].page);
    }
    assert_memory_equal(r->body + r->markers[0].body_offset - 5, "line. 2021", 10);
    assert_memory_equal(r->body + r->markers[1].body_offset - 9, "group.” The", 13);
    assert_int_equal(r->passages[3].ncites, 2);
    assert_true(contains(r->body, "the 12 recommendations of the report. The date"));
}

/* The guards on small texts: an inline number must be cited, must not start a date or a
 * new paragraph, and may go uncited only where the body holds nothing to check. */
static void inline_guards(void **state)
{
    (void)state;
    rp_report_t *r = NULL;
    unsigned long w = 0;
    /* cited, but a paragraph follows a blank line, or a statement follows: body */
    const char *para = "Heading Text\n"
                       "A page of body text cites its first note here.1 And then it goes on.\n"
                       "1 delegation asked for the floor and spoke about the text of the draft,\n"
                       "and the other delegations answered it one after the other in turn.\n"
                       "\n"
                       "A new paragraph follows after a blank line and it is no footnote.\n"
                       "\fThe second page cites the note once more in this line.1\n"
                       "1 State answered it with a short statement on the text of the draft.\n"
                       "On 5 May 2021, the Republic of Testland spoke on the draft again.\n";
    assert_int_equal(parse_quiet(para, strlen(para), 0, &r, &w), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "goes on. 1 delegation asked for the floor"));
    assert_true(contains(r->body, "1 State answered it"));
    rp_report_free(r);
    /* cited, but longer than any footnote: body */
    ds_buf_t longer = DS_BUF_INIT;
    ds_buf_puts(&longer, "The page cites its first note here.1 And then the text goes on.\n"
                         "1 delegation asked for the floor and spoke about the text at length,\n");
    for (int k = 0; k < 8; k++)
        ds_buf_printf(&longer, "and the speech went on for line %d of the page without a break,\n",
                      k);
    assert_int_equal(parse_quiet(longer.data, longer.len, 0, &r, NULL), DS_OK);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "goes on. 1 delegation asked"));
    rp_report_free(r);
    ds_buf_release(&longer);
    /* a line that starts with a date continues the footnote (footnote 2 is lost) */
    const char *date = "Some text of the page cites the first note.1 And the second one.2\n"
                       "1 Report of the group, https://example.org/one, meeting of\n"
                       "2 May 2021, https://example.org/two\n";
    char *log = parse_log(date, 0, &r, &w);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "Report of the group, https://example.org/one, "
                                              "meeting of 2 May 2021, https://example.org/two");
    /* was 20210502: the date follows the first URL, so it is not the cited document's */
    assert_int_equal(r->footnotes[0].date_start, 0);
    assert_int_equal(r->footnotes[0].date_rule, RP_CITE_DATE_NONE);
    assert_int_equal(r->markers_linked, 1);
    assert_int_equal(r->markers_unlinked, 0); /* .2 is no marker: no footnote 2 */
    assert_true(contains(r->body, "the second one.2"));
    assert_int_equal(w, 0);
    rp_report_free(r);
    free(log);
    /* uncited: on a page with body text only a cited number starts a block ... */
    const char *uncited = "The first page cites a note.1 And the text goes on to its end.\n"
                          "1 First note, https://example.org/first\n"
                          "\fThe second page has body text but no marker in any of its lines.\n"
                          "2 States voted against it, https://example.org/vote\n";
    assert_int_equal(parse_quiet(uncited, strlen(uncited), 0, &r, NULL), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->nfootnotes, 1);
    assert_true(contains(r->body, "2 States voted against it"));
    rp_report_free(r);
    /* ... but where the body holds nothing to check, the next number F+1 does */
    const char *nobody = "The first page cites two notes.1 And the text goes on.2\n"
                         "1 First note, https://example.org/first\n"
                         "2 Second note, https://example.org/second\n"
                         "\fand the list of the delegations that took part in it;\n"
                         "3 Third note, https://example.org/third\n"
                         "\fnor any of the other lists of the delegations either;\n"
                         "5 Fifth note, https://example.org/fifth\n";
    log = parse_log(nobody, 0, &r, &w);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->nfootnotes, 3); /* 5 is F+2: not without a marker */
    assert_string_equal(r->footnotes[2].text, "Third note, https://example.org/third");
    assert_int_equal(r->footnotes[2].page, 2);
    assert_true(contains(r->body, "5 Fifth note"));
    assert_true(contains(log, "mini.txt:5: warning: footnote 3: no marker found in the body"));
    rp_report_free(r);
    free(log);
}

/* ---- diagnostics ---------------------------------------------------------------------- */

static void warn_missing_marker_and_gap(void **state)
{
    (void)state;
    const char *t = "Heading One\n"
                    "First paragraph of the text with a marker.1 And more words follow in it\n"
                    "and the paragraph ends here without the marker of the second note.\n"
                    "1\n"
                    "A first footnote, https://example.org/one\n"
                    "2\n"
                    "A second footnote, https://example.org/two\n"
                    "\fThe second page text mentions the fourth note here.4\n"
                    "4\n"
                    "Fourth footnote, 2 May 2021.\n";
    rp_report_t *r = NULL;
    unsigned long w = 0;
    char *log = parse_log(t, 0, &r, &w);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->nfootnotes, 3);
    assert_int_equal(r->nmarkers, 2); /* 4 is taken although 2 and 3 are missing */
    assert_int_equal(r->markers[1].number, 4);
    assert_int_equal(r->footnotes_unmarked, 1);
    assert_int_equal(w, 2);
    assert_true(contains(log, "mini.txt:6: warning: footnote 2: no marker found in the body"));
    assert_true(contains(log, "mini.txt:9: warning: footnote numbers jump from 2 to 4"));
    /* no report day: passages have no date */
    assert_int_equal(r->passages[0].date_rule, RP_DATE_NONE);
    assert_int_equal(r->passages[0].date_start, 0);
    rp_report_free(r);
    free(log);
}

static void warn_unlinked_marker(void **state)
{
    (void)state;
    const char *t = "The first sentence cites a note.1 The second sentence cites another one.2\n"
                    "The third sentence cites the last note of the page.3\n"
                    "1\n"
                    "One, https://example.org/1\n"
                    "3\n"
                    "Three, https://example.org/3\n";
    rp_report_t *r = NULL;
    unsigned long w = 0;
    char *log = parse_log(t, 20200101, &r, &w);
    assert_int_equal(r->nmarkers, 3);
    assert_int_equal(r->markers_linked, 2);
    assert_int_equal(r->markers_unlinked, 1);
    assert_false(r->markers[1].linked);
    assert_true(contains(log, "mini.txt:1: warning: marker 2: no footnote 2"));
    assert_true(contains(log, "mini.txt:5: warning: footnote numbers jump from 1 to 3"));
    assert_int_equal(w, 2);
    assert_true(contains(r->body, "note. The second"));
    rp_report_free(r);
    free(log);
}

static void body_joins_and_page_numbers(void **state)
{
    (void)state;
    const char *t = "12\n"
                    "The text speaks of cyber-\n"
                    "operations and points to https://example.org/a/very/long/path/to/a-\n"
                    "document.pdf for the details of the matter at hand in this short text\n"
                    "that goes on to the next page\n"
                    "7\n"
                    "\fwhere it ends with a period.\n"
                    "8\n";
    rp_report_t *r = NULL;
    assert_int_equal(parse_quiet(t, strlen(t), 0, &r, NULL), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->npages, 2);
    assert_int_equal(r->npassages, 1);
    assert_string_equal(r->passages[0].text,
                        "The text speaks of cyber-operations and points to "
                        "https://example.org/a/very/long/path/to/a-document.pdf for the details "
                        "of the matter at hand in this short text that goes on to the next page "
                        "where it ends with a period.");
    assert_int_equal(r->passages[0].line, 2);
    assert_int_equal(r->nsections, 1);
    assert_string_equal(r->sections[0].key, "front");
    assert_string_equal(r->sections[0].title, "");
    rp_report_free(r);
}

static void furniture_dropped(void **state)
{
    (void)state;
    const char *t = "ICANN | Test Report | 2021\n"
                    "Introduction\n"
                    "The first page of the text has a sentence that runs on to the second page of\n"
                    "Page 1 of 4\n"
                    "\fICANN | Test Report | 2021\n"
                    "the report, where it ends.1\n"
                    "1\n"
                    "A note, https://example.org/n1\n"
                    "Page 2 of 4\n"
                    "\fICANN | Test Report | 2021\n"
                    "A third page holds another paragraph of text for the test of furniture.\n"
                    "Page 3 of 4\n"
                    "\fICANN | Test Report | 2021\n"
                    "The last page closes the report.\n"
                    "Page 4 of 4\n";
    rp_report_t *r = NULL;
    assert_int_equal(parse_quiet(t, strlen(t), 0, &r, NULL), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(r->npages, 4);
    assert_false(contains(r->body, "Test Report"));
    assert_false(contains(r->body, " of 4"));
    assert_true(contains(r->body, "to the second page of the report, where it ends."));
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "A note, https://example.org/n1");
    assert_int_equal(r->markers_linked, 1);
    assert_int_equal(r->nsections, 1);
    assert_string_equal(r->sections[0].key, "introduction");
    rp_report_free(r);
}

static void single_misplaced_footnote(void **state)
{
    (void)state;
    const char *t =
        "Introduction\n"
        "The first page cites its only footnote at the end of this sentence.1 More body\n"
        "text follows here to fill the line of the page for the test.\n"
        "A lone note, 3 May 2021, https://example.org/lone\n"
        "1\n"
        "\fThe second page has no footnote and ends with its page number.\n"
        "2\n";
    rp_report_t *r = NULL;
    unsigned long w = 0;
    assert_int_equal(parse_quiet(t, strlen(t), 0, &r, &w), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_int_equal(w, 0);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "A lone note, 3 May 2021, https://example.org/lone");
    assert_int_equal(r->footnotes[0].line, 4);
    assert_int_equal(r->footnotes[0].date_start, 20210503);
    assert_int_equal(r->markers_linked, 1);
    assert_false(contains(r->body, "lone"));
    assert_true(contains(r->body, "ends with its page number."));
    assert_false(contains(r->body, "number. 2"));
    rp_report_free(r);
}

/* ---- arguments ---------------------------------------------------------------------- */

static void args_errors(void **state)
{
    (void)state;
    rp_report_t *r = (rp_report_t *)&r;
    assert_int_equal(rp_parse("x", 1, NULL, 0, NULL, NULL), DS_ERR_INVALID);
    assert_int_equal(rp_parse(NULL, 3, NULL, 0, NULL, &r), DS_ERR_INVALID);
    assert_null(r);
    r = (rp_report_t *)&r;
    assert_int_equal(rp_parse("x", 1, NULL, 20210230, NULL, &r), DS_ERR_INVALID);
    assert_null(r);
    assert_int_equal(rp_parse("x", RP_MAX_INPUT + 1, NULL, 0, NULL, &r), DS_ERR_RANGE);
    assert_null(r);
    /* empty input: an empty report */
    assert_int_equal(rp_parse(NULL, 0, NULL, 0, NULL, &r), DS_OK);
    assert_int_equal(r->npassages, 0);
    assert_int_equal(r->npages, 0);
    assert_int_equal(r->body_len, 0);
    assert_string_equal(r->body, "");
    assert_int_equal(check_invariants(r), 0);
    rp_report_free(r);
    rp_report_free(NULL);
    assert_null(ds_locus_find(NULL, 0, 5));
    assert_null(rp_footnote_get(NULL, 1));
    assert_string_equal(rp_passage_kind_str(RP_POINT), "point");
    assert_string_equal(rp_passage_kind_str(RP_PASSAGE_KIND_LAST), "?");
    assert_string_equal(rp_date_rule_str(RP_DATE_SECTION), "section");
    assert_string_equal(rp_date_rule_str((rp_date_rule_t)-1), "?");
    /* invalid UTF-8 and NUL bytes come out repaired */
    const char bad[] = "Some text \xff\xfe with a NUL \0 inside and \xe2\x80 a cut sequence.";
    assert_int_equal(rp_parse(bad, sizeof bad - 1, NULL, 0, NULL, &r), DS_OK);
    assert_int_equal(check_invariants(r), 0);
    assert_true(contains(r->body, "with a NUL   inside"));
    rp_report_free(r);
}

/* ---- mutations ---------------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

/* A mutant of a report: lines cut, duplicated, swapped, bytes flipped, form feeds, digit
 * lines inserted, the text truncated. Returns a malloc'd buffer of *len bytes. */
static char *mutate(const char *t, size_t len, size_t *out_len)
{
    const char *ls[512] = {NULL};
    size_t ll[512] = {0}, n = 0;
    for (size_t i = 0; i < len && n < 512;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) + 1 : len;
        ls[n] = t + i;
        ll[n++] = e - i;
        i = e;
    }
    unsigned ops = 1 + rng() % 8;
    for (unsigned k = 0; k < ops && n > 1; k++) {
        size_t a = rng() % n, b = rng() % n;
        switch (rng() % 4) {
        case 0: /* cut */
            memmove(&ls[a], &ls[a + 1], (n - a - 1) * sizeof *ls);
            memmove(&ll[a], &ll[a + 1], (n - a - 1) * sizeof *ll);
            n--;
            break;
        case 1: /* duplicate */
            if (n < 512) {
                memmove(&ls[a + 1], &ls[a], (n - a) * sizeof *ls);
                memmove(&ll[a + 1], &ll[a], (n - a) * sizeof *ll);
                n++;
            }
            break;
        default: { /* swap */
            const char *ts = ls[a];
            size_t tl = ll[a];
            ls[a] = ls[b];
            ll[a] = ll[b];
            ls[b] = ts;
            ll[b] = tl;
        }
        }
    }
    size_t total = 0;
    for (size_t k = 0; k < n; k++)
        total += ll[k];
    char *o = malloc(total + 64);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        memcpy(o + m, ls[k], ll[k]);
        m += ll[k];
        if (rng() % 97 == 0) { /* a bare number or a form feed */
            int w = snprintf(o + m, 8, rng() % 2 ? "%u\n" : "\f", rng() % 40);
            m += (size_t)w;
        }
    }
    unsigned flips = rng() % 6;
    for (unsigned k = 0; k < flips && m > 0; k++)
        o[rng() % m] = (char)(rng() % 256);
    if (rng() % 8 == 0 && m > 0)
        m = rng() % m;
    *out_len = m;
    return o;
}

static void mutate_seed(void **state)
{
    (void)state;
    assert_non_null(seed.text);
    for (unsigned it = 0; it < 3000; it++) {
        /* mostly the seed; every fifth the synthetic fixture, every tenth the inline one */
        const loaded_t *from = it % 10 == 9 && inl.text    ? &inl
                               : it % 5 == 4 && synth.text ? &synth
                                                           : &seed;
        size_t len;
        char *t = mutate(from->text, from->len, &len);
        rp_report_t *r = NULL;
        assert_int_equal(parse_quiet(t, len, it % 2 ? SEED_DAY : 0, &r, NULL), DS_OK);
        int bad = check_invariants(r);
        if (bad)
            fprintf(stderr, "mutant %u broke invariant %d\n", it, bad);
        assert_int_equal(bad, 0);
        rp_report_free(r);
        free(t);
    }
}

/* ---- real PDF text: pdftotext and pdftotext -layout of LaTeX, DocBook, groff output --- */

/* Parse t with footnote mode mode; the warnings printed go to *log (caller frees). */
static rp_report_t *parse_mode(const char *t, rp_footnote_mode_t mode, char **log)
{
    size_t loglen = 0;
    FILE *out = open_memstream(log, &loglen);
    ds_diag_t d;
    ds_diag_init(&d, "test", out);
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = "real.txt";
    opt.footnotes = mode;
    rp_report_t *r = NULL;
    assert_int_equal(rp_parse_text(t, strlen(t), &opt, &d, &r), DS_OK);
    ds_diag_release(&d);
    fclose(out);
    assert_int_equal(check_invariants(r), 0);
    return r;
}

/* "1 Introduction" cited by a marker above it is a heading, not footnote 1: left in the
 * body, with a warning; the real footnote further down the page is taken. */
static void real_numbered_heading(void **state)
{
    (void)state;
    char *log = NULL;
    const char *lost = "The mandate of the Group is set out in the resolution.1\n"
                       "1 Introduction\n"
                       "The Group met in Geneva and agreed on its programme of work for the year.\n"
                       "2 Scope of the report\n"
                       "The report covers the first session of the Group and no other meeting.\n";
    rp_report_t *r = parse_mode(lost, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "1 Introduction"));
    assert_true(contains(r->body, "Scope of the report"));
    assert_true(contains(log, "real.txt:2: warning: possible footnote 1 (no marker for it) "
                              "left in the body: 1 Introduction"));
    rp_report_free(r);
    free(log);
    const char *found = "The mandate of the Group is set out in the resolution.1\n"
                        "1 Introduction\n"
                        "The Group met in Geneva and agreed on its programme of work for the year.\n"
                        "1 Resolution 75/240 of the General Assembly, https://undocs.org/A/RES/75/240\n";
    r = parse_mode(found, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_int_equal(r->footnotes[0].line, 4);
    assert_true(contains(r->body, "The Group met in Geneva"));
    assert_int_equal(r->markers_linked, 1);
    rp_report_free(r);
    free(log);
}

/* A table of contents: dot leaders ("2.1 People . . . 3") or bare numbers over headings
 * ("1", "Overview", "1"), none a footnote, nothing warned. */
static void real_toc(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "Contents\n"
                    "1\n\nOverview\n\n1\n\n"
                    "2\n\nPrerequisites\n"
                    "2.1 People around Debian . . . . . . . . . . . . 3\n"
                    "2.2 How to contribute . . . . . . . . . . . . . 3\n"
                    "2.3 Social dynamics of Debian . . . . . . . . . 4\n"
                    "3\n\nTool Setups\n"
                    "3.1 Email address . . . . . . . . . . . . . . . 9\n"
                    "\fOverview\n"
                    "This guide describes the building of Debian packages for ordinary users.\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_int_equal(r->npages, 2);
    assert_true(contains(r->body, "Tool Setups"));
    assert_true(contains(r->body, "2.3 Social dynamics of Debian"));
    assert_string_equal(log ? log : "", "");
    rp_report_free(r);
    free(log);
    /* without leaders, the entries read as headings ("Overview"): no footnote either */
    const char *bare = "Contents\n1\n\nOverview\n\n1\n\n2\n\nPrerequisites\n\n3\n\n"
                       "3\n\nTool Setups\n\n9\n";
    r = parse_mode(bare, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "Prerequisites"));
    rp_report_free(r);
    free(log);
}

/* Numbered paragraphs ("1. The Group recommends") and a numbered list going on ("7
 * ReadOnly" above "8 Locked") are body; the real footnote is taken. */
static void real_numbered_paragraphs_and_lists(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "Under 4.9.1 the Group adopted the recommendations of its report.1\n"
                    "1. The Group recommends that States share their national views.\n"
                    "2. The Group further recommends a regular review of the norms.\n"
                    "1 Report of the Group, https://example.org/report.pdf\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "Report of the Group, https://example.org/report.pdf");
    assert_true(contains(r->body, "1. The Group recommends"));
    assert_true(contains(r->body, "Under 4.9.1 the Group")); /* a section number, no marker */
    assert_int_equal(r->markers[0].line, 1);
    assert_true(contains(r->body, "of its report. 1. The Group") ||
                contains(r->body, "of its report.\n\n1. The Group"));
    assert_true(contains(r->body, "2. The Group further recommends"));
    rp_report_free(r);
    free(log);
    /* footnotes 1-7 so far (F = 7): the list's "8 Locked" is no footnote 8 */
    ds_buf_t b = DS_BUF_INIT;
    static const char *const words[7] = {"one", "two", "three", "four", "five", "six",
                                         "seven"};
    for (int k = 1; k <= 7; k++)
        ds_buf_printf(&b, "Page %s of the text cites its note here.%d\n%d Note on %s, "
                          "https://example.org/n%d\n\f", words[k - 1], k, k, words[k - 1], k);
    ds_buf_puts(&b, "The flags of an annotation are the following, by their number:\n"
                    "6 NoView (PDF 1.3)\n"
                    "[7 ReadOnly (PDF 1.3)] ignored for widget annotations\n"
                    "8 Locked (PDF 1.4)\n"
                    "9 ToggleNoView (PDF 1.5)\n");
    r = parse_mode(b.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 7);
    assert_true(contains(r->body, "8 Locked (PDF 1.4) 9 ToggleNoView"));
    rp_report_free(r);
    free(log);
    ds_buf_release(&b);
}

/* pdftotext -layout: footnotes indented under flush-left body text, their markers lost;
 * the same lines flush left are only a warning. Markers set apart ("command 2 ,") are
 * evidence enough either way. */
static void real_layout_indented(void **state)
{
    (void)state;
    char *log = NULL;
    const char *body = "Thanks to this abstraction of the dh command, the policy compliant file\n"
                       "supporting all the required targets can be written as simple as this.\n"
                       "Essentially, this command functions as the sequencer to call the tools.\n";
    ds_buf_t t = DS_BUF_INIT;
    ds_buf_printf(&t, "%s     1 This simplicity is available since version 7 of the package.\n"
                      "     2 The debmake command generates a bit more complicated file.\n"
                      "                                        36\n", body);
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[1].text, "The debmake command generates a bit more "
                                              "complicated file.");
    assert_string_equal(r->page_labels[0], "36");
    rp_report_free(r);
    free(log);
    ds_buf_reset(&t);
    ds_buf_printf(&t, "%s1 This simplicity is available since version 7 of the package.\n"
                      "2 The debmake command generates a bit more complicated file.\n", body);
    r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "1 This simplicity is available"));
    assert_true(contains(log, "real.txt:4: warning: possible footnote 1 (no marker for it)"));
    rp_report_free(r);
    free(log);
    ds_buf_reset(&t);
    ds_buf_puts(&t, "Thanks to this abstraction of the dh command 1 , the policy compliant file\n"
                    "supporting all the targets can be written as simple as 2 :\n"
                    "Essentially, this command functions as the sequencer to call the tools.\n"
                    "1 This simplicity is available since version 7 of the package.\n"
                    "2 The debmake command generates a bit more complicated file.\n");
    r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* Running headers that alternate between odd and even pages, page numbers in them: out
 * of the flow, their numbers the page labels; a sentence reads on over the breaks. */
static void real_alternating_headers(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    for (int p = 0; p < 6; p++) {
        int n = 50 + p;
        if (n % 2 == 0)
            ds_buf_printf(&t, "%d    Chapter 5. Managing Packages\n", n);
        else
            ds_buf_printf(&t, "5.2. Using dpkg    %d\n", n);
        static const char *const words[6] = {"one", "two", "three", "four", "five", "six"};
        ds_buf_printf(&t, "\nThe text of page %s goes on to the next page with the word\n"
                          "%s and so on\f", words[p], words[p]);
    }
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->npages, 6);
    assert_int_equal(r->pages_guessed, 0);
    assert_false(contains(r->body, "Managing Packages"));
    assert_false(contains(r->body, "Using dpkg"));
    static const char *const labels[6] = {"50", "51", "52", "53", "54", "55"};
    for (size_t p = 0; p < 6; p++)
        assert_string_equal(r->page_labels[p], labels[p]);
    assert_true(contains(r->body, "one and so on The text of page two"));
    assert_int_equal(r->npassages, 1);
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* Pages are physical: two form feeds in a row are a blank page; the page-number forms
 * "xi", "- 12 -", "Page 3 of 9" are dropped and kept as labels; no form feed: guessed. */
static void real_blank_pages_and_labels(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The first page has a paragraph of text.\nxi\n"
                    "\f\f"
                    "The third page has another paragraph.\n- 12 -\n"
                    "\fThe fourth page closes the report.\nPage 13 of 20\n\f";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->npages, 4);
    assert_int_equal(r->pages_guessed, 0);
    assert_string_equal(r->page_labels[0], "xi");
    assert_string_equal(r->page_labels[1], "");
    assert_string_equal(r->page_labels[2], "12");
    assert_string_equal(r->page_labels[3], "13");
    const rp_passage_t *p = passage_with(r, "The third page");
    assert_non_null(p);
    assert_int_equal(p->page, 3);
    assert_int_equal(passage_with(r, "The fourth page")->page, 4);
    assert_false(contains(r->body, "12"));
    assert_false(contains(r->body, "xi"));
    rp_report_free(r);
    free(log);
    /* an empty text has no page; a lone form feed one blank page */
    r = parse_mode("", RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->npages, 0);
    assert_non_null(r->page_labels);
    rp_report_free(r);
    free(log);
    r = parse_mode("\f", RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->npages, 1);
    assert_string_equal(r->page_labels[0], "");
    rp_report_free(r);
    free(log);
    r = parse_mode("Text without form feeds.\n", RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->npages, 1);
    assert_int_equal(r->pages_guessed, 1);
    rp_report_free(r);
    free(log);
}

/* footnotes: none -- no line is a footnote, the text stays in the body, no marker. */
static void real_footnotes_none(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The Group met in Geneva to discuss the security of the talks.1 It agreed\n"
                    "on a programme of work for the next session and closed its meeting.\n"
                    "1 Programme of work, https://example.org/programme.pdf\n"
                    "2\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    rp_report_free(r);
    free(log);
    r = parse_mode(t, RP_FOOTNOTES_NONE, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_int_equal(r->nmarkers, 0);
    assert_true(contains(r->body, "the talks.1 It agreed"));
    assert_true(contains(r->body, "1 Programme of work, https://example.org/programme.pdf"));
    assert_false(contains(log, "warning"));
    rp_report_free(r);
    free(log);
}

/* Numbering that restarts in each chapter: numbers run on through the report (ids stay
 * unique), printed keeps the chapter's number, markers link in their chapter. */
static void real_per_chapter(void **state)
{
    (void)state;
    const char *t = "Chapter 1. Overview\n"
                    "The first chapter cites a guide.1 And then a second document.2\n"
                    "1 The guide, https://example.org/guide\n"
                    "2 The document, https://example.org/doc\n"
                    "\fChapter 2. Prerequisites\n"
                    "The second chapter cites its own first note.1\n"
                    "1 Its note, https://example.org/own\n";
    for (int mode = RP_FOOTNOTES_AUTO; mode <= RP_FOOTNOTES_PER_CHAPTER; mode += 2) {
        char *log = NULL;
        rp_report_t *r = parse_mode(t, (rp_footnote_mode_t)mode, &log);
        assert_int_equal(r->nfootnotes, 3);
        static const unsigned printed[3] = {1, 2, 1};
        for (size_t k = 0; k < 3; k++) {
            assert_int_equal(r->footnotes[k].number, k + 1);
            assert_int_equal(r->footnotes[k].printed, printed[k]);
        }
        assert_string_equal(r->footnotes[2].text, "Its note, https://example.org/own");
        assert_int_equal(r->markers_linked, 3);
        assert_int_equal(r->markers_unlinked, 0);
        assert_int_equal(r->nmarkers, 3);
        assert_int_equal(r->markers[2].number, 3);
        assert_int_equal(r->markers[2].page, 2);
        assert_false(contains(log, "number"));
        rp_report_free(r);
        free(log);
    }
    /* a restart with no marker for it is weak evidence in auto mode: left in the body */
    const char *unmarked = "Chapter 1. Overview\n"
                           "The first chapter cites a guide.1 And then a second document.2\n"
                           "1 The guide, https://example.org/guide\n"
                           "2 The document, https://example.org/doc\n"
                           "\fChapter 2. Prerequisites\n"
                           "The second chapter cites its note but the marker was lost.\n"
                           "1 Its note, https://example.org/own\n";
    char *log = NULL;
    rp_report_t *r = parse_mode(unmarked, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_true(contains(r->body, "1 Its note"));
    assert_true(contains(log, "real.txt:7: warning: possible footnote 1"));
    rp_report_free(r);
    free(log);
}

/* A phrase over a page break: the running header and the blank line after it are
 * layout, so "the public" + (page 2) + "core of the internet" is one passage. */
static void real_phrase_over_page_break(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    static const char *const pages[4] = {
        "The delegations agreed that the work of the Group must protect the public\n",
        "core of the internet, and asked the Chair for a draft by the next session.\n",
        "The Chair circulated the draft to all delegations before the session opened.\n",
        "The session closed on time.\n"};
    for (size_t p = 0; p < 4; p++)
        ds_buf_printf(&t, "%sReport of the Working Group\n\n%s", p ? "\f" : "", pages[p]);
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    const rp_passage_t *p = passage_with(r, "the public core of the internet");
    assert_non_null(p);
    assert_int_equal(p->page, 1);
    assert_int_equal(ds_locus_find(p->loci, p->nloci, (size_t)(strstr(p->text, "core of") -
                                                           p->text))->page, 2);
    assert_false(contains(r->body, "Working Group"));
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* pdftotext writes a margin note ("New", "description" and its date) after the page's
 * number: the repeated words are a running footer, the date beside them changes from
 * page to page but keeps its shape, so it is the footer's too; with both gone the page
 * number ends the page, and "when the size is" + (page 2) + "the current text size"
 * reads on. */
static void real_stamp_after_footer(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    static const char *const body[4] = {
        "The declaration gives the math sizes to be used when the size is\n",
        "the current text size. Other sizes are computed when they are needed.\n",
        "The font definition files are read when a family is first used in a text.\n",
        "The encoding files are read at the start of the run, before any text.\n"};
    static const char *const date[4] = {"1998/06/01", "1997/12/01", "2019/07/10", "2020/02/02"};
    for (size_t p = 0; p < 4; p++)
        ds_buf_printf(&t, "%s%s%zu\n\nNew\ndescription\n%s\n", p ? "\f" : "", body[p], p + 1,
                      date[p]);
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_non_null(passage_with(r, "when the size is the current text size."));
    assert_false(contains(r->body, "1998/06/01"));
    assert_false(contains(r->body, "2020/02/02"));
    assert_false(contains(r->body, "description"));
    assert_string_equal(r->page_labels[0], "1");
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* A chapter's number and title above the page number open each page: the chapter number
 * is the page's first line, the page number its third; the number that runs with the
 * pages (58, 59, 60 on pages 1, 2, 3) is the page number, and "generic" + (page 2) +
 * "paint programs" is one passage. */
static void real_page_number_below_header(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    static const char *const body[3] = {
        "A copy is suitable for revising with generic text editors or generic\n",
        "paint programs, and it is suitable for input to text formatters as well.\n",
        "An image format is not transparent if used for any amount of text at all.\n"};
    for (size_t p = 0; p < 3; p++)
        ds_buf_printf(&t, "%s15\n\nGNU FREE DOCUMENTATION LICENSE\n\n%zu\n\n%s", p ? "\f" : "",
                      p + 58, body[p]);
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_non_null(passage_with(r, "generic text editors or generic paint programs, and"));
    assert_false(contains(r->body, "59"));
    assert_false(contains(r->body, "LICENSE"));
    assert_string_equal(r->page_labels[1], "59");
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* pdftotext -layout writes a two-column page line by line: a footnote at the foot of the
 * left column has the right column's lines beside and between its own. Those are body,
 * so "code labels that already" + (page 2) + "exist in a hook" reads on, and the
 * footnote keeps only its column. */
static void real_layout_column_footnote(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    static const char *const rows[][2] = {
        {"The hook offered in the release is new.1", "The other column tells of the hooks"},
        {"Its old name stays for a while yet.", "and of the labels of code they hold."},
        {"The old name will be removed later.", "The change was made so that a label"},
        {"Packages should use the new name now.", "can be removed from any hook, and"},
        {"Users of the old name get a warning.", "a package need not know the order."},
        {"   1 Note that in the previous release we offered a command as", ""},
        {"", "The implementation was changed so"},
        {"a means to achieve this effect, but its name was", "that it now removes only the"},
        {"badly chosen.", "code labels that already"}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        ds_buf_printf(&t, "%-64s%s\n", rows[k][0], rows[k][1]);
    ds_buf_printf(&t, "\fexist in a hook: it warns when there is none.  The next column goes on.\n"
                      "The second page goes on with more of the text.  And so does this one.\n");
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "Note that in the previous release we offered a "
                                              "command as a means to achieve this effect, but "
                                              "its name was badly chosen.");
    assert_non_null(passage_with(r, "only the code labels that already exist in a hook"));
    assert_int_equal(r->markers_linked, 1);
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* A reference list's "[1]" above a footnote "2 The ..." is a label of its own form (its
 * list goes on as "[2]"): it does not make footnote 2 the next item of a numbered list. */
static void real_reference_label_above_footnote(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t =
        "The first page cites the guide to font names in its text.1\n"
        "1 An up-to-date electronic version of this document is on CTAN.\n"
        "\fThe second page says that the declarations belong in the font.2\n"
        "References\n"
        "[1] Frank Mittelbach and Michel Goossens. The Companion. Addison-Wesley, 2004.\n"
        "2 The format contains declarations for many font families already.\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[1].text,
                        "The format contains declarations for many font families already.");
    assert_int_equal(r->footnotes[1].page, 2);
    assert_true(contains(r->body, "[1] Frank Mittelbach"));
    rp_report_free(r);
    free(log);
}

/* pdftotext sets the raised "A" and the lowered "E" of a LaTeX logo apart: "3 The L",
 * "AT X format ...", a blank, "E", a blank, "the wrong place ...". The "E" is looked
 * through as a page number is, so the rest of the page still reads as a footnote. */
static void real_logo_glyph_in_footnote(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "Maintainers should add a declaration to the family file of the font.1\n"
                    "1 The L\n"
                    "AT X format contains declarations for many font families, but this is\n"
                    "\n"
                    "E\n"
                    "\n"
                    "the wrong place for the declarations.\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_true(contains(r->footnotes[0].text, "The L AT X format contains"));
    assert_true(contains(r->footnotes[0].text, "the wrong place for the declarations."));
    assert_false(contains(r->body, "wrong place"));
    rp_report_free(r);
    free(log);
}

/* pdftotext's reading order of two columns: a column's footnote, cited, then the next
 * column's text; the block ends at the new paragraph and the text after it is body. */
static void real_column_footnote(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The hook offered in the previous release was \\ActivateGenericHook.1\n"
                    "The old name will be deprecated for a while.\n"
                    "1 Note that in the previous release we offered another command as\n"
                    "a means to achieve this effect.\n"
                    "\n"
                    "Some file hooks made one-time\n"
                    "Classes, packages and included files can only be loaded once.\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].text, "Note that in the previous release we offered "
                                              "another command as a means to achieve this "
                                              "effect.");
    assert_true(contains(r->body, "can only be loaded once."));
    assert_int_equal(r->markers_linked, 1);
    rp_report_free(r);
    free(log);
}

/* ---- symbol-marked footnotes (rparse.h, Symbol footnotes) ------------------------- */

/* The marker of footnote f in the body: 1 if one is linked to it at page `page`. */
static int marker_for(const rp_report_t *r, const rp_footnote_t *f)
{
    for (size_t m = 0; m < r->nmarkers; m++)
        if (r->markers[m].number == f->number && r->markers[m].linked)
            return 1;
    return 0;
}

/* A LaTeX title page with \thanks: "Madsen∗", "Mittelbach†" and their notes at the foot
 * (pdftotext writes them so, a numbered footnote on the next page). */
static void sym_thanks_title_page(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The LaTeX font selection guide\n"
                    "Lars Madsen\xE2\x88\x97 and Frank Mittelbach\xE2\x80\xA0\n"
                    "August 2022\n"
                    "This guide describes the font selection scheme of the kernel.\n"
                    "\xE2\x88\x97 Thanks to Arash Esbati for documenting the newer\n"
                    "features of 2020\n"
                    "\n"
                    "\xE2\x80\xA0 This file may be distributed under the LPPL.\n"
                    "\n"
                    "1\n"
                    "\f"
                    "Fonts are selected by their attributes, as described online.1\n"
                    "The rest of the text goes on here.\n"
                    "1 An up-to-date version of this document is online.\n"
                    "2\n"
                    "\f";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    const rp_footnote_t *num = rp_footnote_get(r, 1), *star = rp_footnote_get(r, 2),
                        *dag = rp_footnote_get(r, 3);
    assert_non_null(num);
    assert_non_null(star);
    assert_non_null(dag);
    /* numbered footnotes keep their numbers; symbols run on after them, in order */
    assert_string_equal(num->mark, "1");
    assert_int_equal(num->printed, 1);
    assert_int_equal(num->page, 2);
    assert_string_equal(star->mark, "\xE2\x88\x97");
    assert_int_equal(star->printed, 0);
    assert_int_equal(star->page, 1);
    assert_string_equal(star->text, "Thanks to Arash Esbati for documenting the newer "
                                    "features of 2020");
    assert_string_equal(dag->mark, "\xE2\x80\xA0");
    assert_string_equal(dag->text, "This file may be distributed under the LPPL.");
    /* the marks are cut out of the body and linked */
    assert_true(contains(r->body, "Lars Madsen and Frank Mittelbach\nAugust") ||
                contains(r->body, "Lars Madsen and Frank Mittelbach"));
    assert_false(contains(r->body, "\xE2\x88\x97"));
    assert_false(contains(r->body, "Thanks to"));
    assert_int_equal(r->markers_linked, 3);
    assert_int_equal(r->markers_unlinked, 0);
    assert_int_equal(r->footnotes_unmarked, 0);
    assert_true(marker_for(r, star) && marker_for(r, dag) && marker_for(r, num));
    assert_int_equal(star->ncited_by, 1);
    rp_report_free(r);
    free(log);
}

/* groff and UN documents: a '*' glued to a word, "* A/76/50." at the page's foot. */
static void sym_groff_star(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "A/76/135\n"
                    "Item 95 of the provisional agenda*\n"
                    "Developments in the field of information and telecommunications\n"
                    "The present report is submitted pursuant to resolution 75/240.\n"
                    "* A/76/50.\n"
                    "\n"
                    "1\n"
                    "\f";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_string_equal(r->footnotes[0].mark, "*");
    assert_string_equal(r->footnotes[0].text, "A/76/50.");
    assert_int_equal(r->footnotes[0].nsymbols, 1);
    assert_string_equal(r->footnotes[0].symbols[0], "A/76/50");
    assert_true(contains(r->body, "Item 95 of the provisional agenda"));
    assert_false(contains(r->body, "agenda*"));
    assert_false(contains(r->body, "A/76/50"));
    assert_int_equal(r->markers_linked, 1);
    rp_report_free(r);
    free(log);
}

/* groff's two columns through pdftotext -layout: two symbol footnotes side by side on
 * one line ("†Dagger ...      ‡Double dagger ..."). Each part of a line opens a footnote
 * or continues the last one of its column. */
static void sym_two_columns_side_by_side(void **state)
{
    (void)state;
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    static const char *const rows[][2] = {
        {"The first column of the page holds a mark here.*",
         "The second column holds a mark‡ in it,"},
        {"Its text goes on for a while with a second†", "and its text goes on beside the first."},
        {"mark that the reader finds in the body above.", "Both columns are set in the same type."},
        {"The column ends with a sentence of its own.", "The column ends with a sentence too."},
        {"One more line of the left column is here.", "One more line of the right column."},
        {"", ""},
        {"*Star note of the left column.", ""},
        {"†Dagger note of the left column that runs on to",
         "‡Double dagger note of the right column"},
        {"a second line.", "that runs on to a second line as well."}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        size_t w = 0; /* pdftotext pads by characters, not bytes */
        for (const char *q = rows[k][0]; *q; q++)
            w += ((unsigned char)*q & 0xC0) != 0x80;
        ds_buf_printf(&t, "%s%*s%s\n", rows[k][0], (int)(60 - w), "", rows[k][1]);
    }
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[0].mark, "*");
    assert_string_equal(r->footnotes[0].text, "Star note of the left column.");
    assert_string_equal(r->footnotes[1].mark, "†");
    assert_string_equal(r->footnotes[1].text,
                        "Dagger note of the left column that runs on to a second line.");
    assert_string_equal(r->footnotes[2].mark, "‡");
    assert_string_equal(r->footnotes[2].text,
                        "Double dagger note of the right column that runs on to a second line "
                        "as well.");
    assert_false(contains(r->body, "Dagger note"));
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* '*' and '•' lists stay body: no mark for them in the body; a '*' that opens several
 * lines of the page is a list even when the body holds a glued '*' ("lib*"). */
static void sym_lists_stay_body(void **state)
{
    (void)state;
    char *log = NULL;
    const char *lists[] = {
        "The steps are these:\n"
        "* Install the package first.\n"
        "* Configure the service.\n"
        "\f",
        "The steps are these, one of them:\n"
        "* Install the package first.\n"
        "\f",
        "The steps are these:\n"
        "\xE2\x80\xA2 Install the package first.\n"
        "\xE2\x80\xA2 Configure the service.\n"
        "\f",
        "Packages named lib* hold libraries, and a few dev* too.\n"
        "The rules are these:\n"
        "* Make all dependent packages depend on libfoo-dev.\n"
        "* Make both libfoo7-dev and libfoo8-dev provide libfoo-dev.\n"
        "40\n"
        "\f",
    };
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
        rp_report_t *r = parse_mode(lists[k], RP_FOOTNOTES_AUTO, &log);
        assert_int_equal(r->nfootnotes, 0);
        assert_int_equal(r->nmarkers, 0);
        assert_true(contains(r->body, "Install the package first.") ||
                    contains(r->body, "* Make both libfoo7-dev"));
        assert_true(k != 0 || contains(r->body, "* Install the package first."));
        assert_true(k != 2 || contains(r->body, "\xE2\x80\xA2 Install"));
        assert_true(k != 3 || contains(r->body, "lib* hold"));
        rp_report_free(r);
        free(log);
        log = NULL;
    }
}

/* Symbol and numbered footnotes on one page (the symbol's note first, as LaTeX sets a
 * \thanks), a doubled mark, and footnotes: none. */
static void sym_mixed_with_numbers(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The Report of the Group\xE2\x88\x97 said that the public core matters.1\n"
                    "Its annex\xE2\x88\x97\xE2\x88\x97 lists the members of the Group.2\n"
                    "\xE2\x88\x97 Chair of the Group of Governmental Experts.\n"
                    "\xE2\x88\x97\xE2\x88\x97 Submitted late.\n"
                    "1 Statement by Kenya, https://example.org/kenya.pdf\n"
                    "2 Statement by Brazil, https://example.org/brazil.pdf\n"
                    "\f";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 4);
    assert_string_equal(rp_footnote_get(r, 1)->mark, "1");
    assert_string_equal(rp_footnote_get(r, 1)->text,
                        "Statement by Kenya, https://example.org/kenya.pdf");
    assert_string_equal(rp_footnote_get(r, 2)->mark, "2");
    assert_string_equal(rp_footnote_get(r, 3)->mark, "\xE2\x88\x97");
    assert_string_equal(rp_footnote_get(r, 3)->text,
                        "Chair of the Group of Governmental Experts.");
    assert_string_equal(rp_footnote_get(r, 4)->mark, "\xE2\x88\x97\xE2\x88\x97");
    assert_string_equal(rp_footnote_get(r, 4)->text, "Submitted late.");
    assert_true(contains(r->body, "The Report of the Group said that the public core matters."));
    assert_true(contains(r->body, "Its annex lists the members of the Group."));
    assert_false(contains(r->body, "Chair of the Group"));
    assert_int_equal(r->markers_linked, 4);
    assert_int_equal(r->footnotes_unmarked, 0);
    /* the passages cite them in text order */
    unsigned cites[4], nc = 0;
    for (size_t p = 0; p < r->npassages; p++)
        for (size_t k = 0; k < r->passages[p].ncites && nc < 4; k++)
            cites[nc++] = r->passages[p].cites[k];
    assert_int_equal(nc, 4);
    assert_int_equal(cites[0], 3);
    assert_int_equal(cites[1], 1);
    assert_int_equal(cites[2], 4);
    assert_int_equal(cites[3], 2);
    rp_report_free(r);
    free(log);
    log = NULL;
    r = parse_mode(t, RP_FOOTNOTES_NONE, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "Group\xE2\x88\x97 said"));
    rp_report_free(r);
    free(log);
}

/* pdftotext (groff -ms output) moved a footnote's number from the middle of its block
 * to the page's end: "1", note 1, note 2's text, "3", note 3, "2". */
static void real_number_moved_from_the_middle(void **state)
{
    (void)state;
    char *log = NULL;
    const char *t = "The delegations met, as reported by the Chair.1 They met again, as\n"
                    "reported by the Chair.2 And once more, as the Chair reported.3\n"
                    "1\n\n"
                    "Statement of the Chair, meeting 1, https://example.org/s1.pdf\n"
                    "Statement of the Chair, meeting 2, https://example.org/s2.pdf\n"
                    "3\n"
                    "Statement of the Chair, meeting 3, https://example.org/s3.pdf\n"
                    "2\n\n";
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    static const char *const texts[3] = {
        "Statement of the Chair, meeting 1, https://example.org/s1.pdf",
        "Statement of the Chair, meeting 2, https://example.org/s2.pdf",
        "Statement of the Chair, meeting 3, https://example.org/s3.pdf"};
    for (size_t k = 0; k < 3; k++)
        assert_string_equal(r->footnotes[k].text, texts[k]);
    assert_int_equal(r->footnotes[1].line, 6);
    assert_int_equal(r->markers_linked, 3);
    assert_false(contains(log, "jump"));
    rp_report_free(r);
    free(log);
}

/* Footnotes per chapter, the numbering restarting within one block ("1", "2", "3", then
 * "1", "2" of the next chapter): the body's markers restart too, so with footnotes:
 * per-chapter the second "1" opens a new run; its markers link in it. */
static void real_restart_in_block(void **state)
{
    (void)state;
    const char *t = "I. Introduction\n"
                    "The Group met in Geneva to discuss its programme.1 It adopted a report.2\n"
                    "II. Activities\n"
                    "The delegation of Kenya spoke first.1 The Netherlands spoke next.2\n"
                    "1\n"
                    "Resolution 75/240, https://example.org/r.pdf\n"
                    "2\n"
                    "Report of the Group, https://example.org/g.pdf\n"
                    "1\n"
                    "Statement by Kenya, https://example.org/k.pdf\n"
                    "2\n"
                    "Statement by the Netherlands, https://example.org/n.pdf\n";
    char *log = NULL;
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_PER_CHAPTER, &log);
    assert_int_equal(r->nfootnotes, 4);
    static const unsigned printed[4] = {1, 2, 1, 2};
    static const char *const texts[4] = {"Resolution 75/240, https://example.org/r.pdf",
                                         "Report of the Group, https://example.org/g.pdf",
                                         "Statement by Kenya, https://example.org/k.pdf",
                                         "Statement by the Netherlands, https://example.org/n.pdf"};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(r->footnotes[k].number, k + 1);
        assert_int_equal(r->footnotes[k].printed, printed[k]);
        assert_string_equal(r->footnotes[k].text, texts[k]);
    }
    assert_int_equal(r->markers_linked, 4);
    assert_int_equal(r->markers[2].number, 3);
    assert_int_equal(r->markers[2].line, 4);
    assert_false(contains(log, "warning"));
    rp_report_free(r);
    free(log);
    /* without the metadata the numbering runs through the report: "1" is text */
    r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    rp_report_free(r);
    free(log);
    /* a body whose markers do not restart: the "1" inside a footnote is its text */
    const char *norestart =
        "The Group met in Geneva to discuss its programme.1 It adopted a report.2\n"
        "1\n"
        "Resolution 75/240, https://example.org/r.pdf\n"
        "2\n"
        "Report of the Group, table of the votes:\n"
        "1\n"
        "Vote of the first session, https://example.org/v.pdf\n";
    r = parse_mode(norestart, RP_FOOTNOTES_PER_CHAPTER, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_true(contains(r->footnotes[1].text, "votes: 1 Vote of the first session"));
    rp_report_free(r);
    free(log);
}

/* A footnote over 8 lines reads as one when the next footnote's number, cited above,
 * closes it; body text after a false start does not, as the real footnote repeats the
 * number. */
static void real_long_footnote_closed(void **state)
{
    (void)state;
    ds_buf_t t = DS_BUF_INIT;
    ds_buf_printf(&t, "The Group met.1 It compared the measures of the regions.2 It cited one.3\n"
                      "1\n"
                      "Resolution 75/240, https://example.org/r.pdf\n"
                      "2\n"
                      "Compare the measures of the regional organizations, which show that\n");
    for (int k = 0; k < 9; k++)
        ds_buf_printf(&t, "points of contact are useful only when they are tested regularly and\n");
    ds_buf_printf(&t, "kept up to date.\n"
                      "3\n"
                      "Report of the Group, https://example.org/g.pdf\n");
    char *log = NULL;
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    assert_true(contains(r->footnotes[1].text, "tested regularly and kept up to date."));
    assert_false(contains(r->body, "Resolution"));
    rp_report_free(r);
    free(log);
    ds_buf_reset(&t);
    ds_buf_printf(&t, "The Group cited a resolution.1 and a report.2 Its members read the table:\n"
                      "1\n"
                      "Row one of the table gives the figures for the first of the regions,\n");
    for (int k = 0; k < 9; k++)
        ds_buf_printf(&t, "and the rows below give those of the other regions in the same order\n");
    ds_buf_printf(&t, "1\n"
                      "Resolution 75/240, https://example.org/r.pdf\n"
                      "2\n"
                      "Report of the Group, https://example.org/g.pdf\n");
    r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[0].text, "Resolution 75/240, https://example.org/r.pdf");
    assert_true(contains(r->body, "Row one of the table"));
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* pdftotext moved the number of a chapter's last footnote ("4") after the block, where
 * the next chapter's numbering restarts: footnote 4 is the text after the closed
 * footnote 3, up to the restart; the next chapter's numbers move up by one. */
static void real_number_moved_before_restart(void **state)
{
    (void)state;
    const char *t = "II. Activities\n"
                    "The delegation of Kenya spoke first.1 The Netherlands spoke next.2\n"
                    "1\n"
                    "Statement by Kenya, https://example.org/k.pdf\n"
                    "2\n"
                    "Statement by the Netherlands, https://example.org/n.pdf\n"
                    "\fA paper was submitted by a group of States in October 2020.3 The Chair\n"
                    "held informal consultations with the stakeholders.4\n"
                    "III. Recommendations\n"
                    "The Group recommends a study.1 It recommends points of contact.2\n"
                    "3\n"
                    "\n"
                    "Joint contribution on a programme of action, A/C.1/75/L.8, 21 October 2020.\n"
                    "Chair's summary of the consultations, https://example.org/c.pdf\n"
                    "1\n"
                    "National positions, https://example.org/p.pdf\n"
                    "2\n"
                    "Compare the measures, https://example.org/m.pdf\n"
                    "4\n"
                    "\n"
                    "2\n";
    char *log = NULL;
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_PER_CHAPTER, &log);
    assert_int_equal(r->nfootnotes, 6);
    static const unsigned printed[6] = {1, 2, 3, 4, 1, 2};
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(r->footnotes[k].number, k + 1);
        assert_int_equal(r->footnotes[k].printed, printed[k]);
    }
    assert_string_equal(
        r->footnotes[2].text,
        "Joint contribution on a programme of action, A/C.1/75/L.8, 21 October 2020.");
    assert_string_equal(r->footnotes[3].text,
                        "Chair's summary of the consultations, https://example.org/c.pdf");
    assert_string_equal(r->footnotes[4].text, "National positions, https://example.org/p.pdf");
    assert_int_equal(r->footnotes[3].line, 14);
    assert_int_equal(r->markers_linked, 6);
    assert_int_equal(r->markers_unlinked, 0);
    assert_false(contains(log, "warning"));
    rp_report_free(r);
    free(log);
}

/* Layout input: each physical page is one, blank ones (no lines) too, the last included. */
static void real_layout_blank_pages(void **state)
{
    (void)state;
    const char *a = "The first page of the report holds a paragraph.";
    const char *b = "The third page holds another one.";
    rp_layout_line_t l1 = {a, strlen(a), 72, 72, 500, 84, 11};
    rp_layout_line_t l3 = {b, strlen(b), 72, 72, 400, 84, 11};
    rp_layout_page_t pages[4] = {{595, 842, NULL, &l1, 1}, {595, 842, NULL, NULL, 0},
                                 {595, 842, NULL, &l3, 1}, {595, 842, NULL, NULL, 0}};
    rp_report_t *r = NULL;
    assert_int_equal(rp_parse_layout(pages, 4, NULL, NULL, &r), DS_OK);
    assert_int_equal(r->npages, 4);
    assert_int_equal(r->pages_guessed, 0);
    assert_int_equal(passage_with(r, "third page")->page, 3);
    rp_report_free(r);
}

/* ---- footnotes of the Debian manuals (Sphinx, LaTeX): combined evidence ---------------- */

/* The body of a -layout page: a numbered heading and four body lines, no marker. */
#define SF_BODY                                                                                    \
    "2.1 Scope of work\n"                                                                          \
    "The Group agreed on a scope for its work in the first of its sessions this\n"                 \
    "year, and it met twice in Geneva and once in New York for the purpose.\n"                     \
    "Each meeting adopted a short report that the secretariat published with its\n"                \
    "annexes on the website of the Group, as the Chair proposed to the members.\n"

/* A running footer showing the section (Sphinx: "2.1. Scope of work" and the page
 * number, on one -layout line or two text lines) is furniture when it repeats a heading
 * of the last pages: it no longer ends the page's footnote block as a new paragraph
 * would. A footer line that repeats no heading stays body. */
static void deb_section_footer(void **state)
{
    (void)state;
    static const char *const footers[2] = {"2.1. Scope of work                      12\n",
                                           "2.1. Scope of work\n\n12\n"};
    for (size_t k = 0; k < 2; k++) {
        char *log = NULL;
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t, "%s    1 The reports are listed in the annex of this document.\n\n%s\f",
                      SF_BODY, footers[k]);
        rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
        assert_int_equal(r->nfootnotes, 1);
        assert_string_equal(r->footnotes[0].text,
                            "The reports are listed in the annex of this document.");
        assert_false(contains(r->body, "2.1. Scope"));
        assert_true(contains(r->body, "Scope of work"));
        assert_string_equal(r->page_labels[0], "12");
        rp_report_free(r);
        free(log);
        ds_buf_release(&t);
    }
    char *log = NULL;
    ds_buf_t t = DS_BUF_INIT;
    ds_buf_printf(&t,
                  "%s    1 The reports are listed in the annex of this document.\n\n"
                  "2.2. Methods of work                   12\n\f",
                  SF_BODY);
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(r->body, "2.2. Methods of work"));
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* -layout sets a footnote's first line apart from the rest by a blank line, the rest
 * starting left of it: a line in capitals there goes on with the open sentence above
 * ("... the actual", blank, "SONAME. If ..."). A closed sentence before the blank ends
 * the block as a column's foot. */
static void deb_layout_run_on(void **state)
{
    (void)state;
    static const char *const ends[2] = {"instead of recording the actual\n",
                                        "instead of recording the value.\n"};
    for (size_t k = 0; k < 2; k++) {
        char *log = NULL;
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t,
                      "Shared library files also support only a limited range of names.1\n"
                      "The symbols files are therefore recommended for most packages.2\n"
                      "    1 A shlibs file represents a name as a library name and version, %s"
                      "\n"
                      "SONAME. If the name does not match one of the two formats, it fails.\n"
                      "   2 The easiest way is to use a package helper framework.\n",
                      ends[k]);
        rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
        if (k == 0) {
            assert_int_equal(r->nfootnotes, 2);
            assert_true(contains(r->footnotes[0].text, "the actual SONAME. If the name"));
            assert_false(contains(r->body, "SONAME"));
        } else {
            assert_int_equal(r->nfootnotes, 1);
            assert_true(contains(r->body, "SONAME. If the name"));
        }
        rp_report_free(r);
        free(log);
        ds_buf_release(&t);
    }
}

/* Five body lines of about 70 characters and a cited footnote of ten lines: set in
 * small type (lines wider than 9/8 of the body's) it is one footnote; at the body's
 * width it is no footnote but a paragraph that starts with a number. */
static void deb_small_type_long_footnote(void **state)
{
    (void)state;
    static const char *const body =
        "The alternative dependency templates are used only if a symbol line\n"
        "contains the identifier of a template field, as described in this part.\n"
        "The first alternative template is numbered one, the second two, and so\n"
        "on for every template that the maintainer adds to the symbols file of\n"
        "the package, which the build tools then read when they build it.1\n";
    for (int small = 1; small >= 0; small--) {
        char *log = NULL;
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t,
                      "%s1 An example of where this may be needed is a library that implements "
                      "%s\n",
                      body, small ? "the interface." : "it.");
        for (int k = 0; k < 9; k++)
            ds_buf_printf(&t, "%s line %d\n",
                          small ? "and then the code of the example, which the maintainer may "
                                  "copy into the symbols file of the package,"
                                : "and the code of the example, which the maintainer may copy,",
                          k);
        rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
        assert_int_equal(r->nfootnotes, small ? 1 : 0);
        if (small)
            assert_true(contains(r->footnotes[0].text, "the package, line 8"));
        else
            assert_true(contains(r->body, "1 An example of where"));
        rp_report_free(r);
        free(log);
        ds_buf_release(&t);
    }
}

/* Weak markers pdftotext leaves of a superscript, each worth a footnote in sequence at
 * the page's foot: a number glued to a file name ("ld.so.conf1"), a number ending a
 * short line after a word ("Dependency Hell 1"), a number on a line of its own. */
static void deb_weak_markers(void **state)
{
    (void)state;
    static const char *const bodies[3] = {
        "Any package installing shared libraries in one of the default directories\n"
        "or in a directory that is listed in /etc/ld.so.conf1 must use ldconfig to\n"
        "update the shared library system, as the dynamic linker expects of it.\n",
        "Packaging library software requires you to perform much more work than\n"
        "usual. Here are some reminders for packaging library software, from the\n"
        "naming of the binary package to the symbols of the shared library, and\n"
        "the libtool archive files that are not shipped. For the background, see:\n"
        "- Escaping the Dependency Hell 1\n"
        "- This encourages having versioned symbols in the shared library.\n",
        "The use of this path allows the upstream maintainer to use the same script\n"
        "for the multiarch system and for the biarch system with /usr/lib/.\n"
        "1\n"
        "\n"
        "The use of the file path enables more libraries installed at the same time.\n"
        "Compiler hardening\n"
        "The compiler hardening support spreading for Debian demands that we pay\n"
        "extra attention to the packaging.\n"};
    for (size_t k = 0; k < 3; k++) {
        char *log = NULL;
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t, "%s1 This document was written before the introduction of the file.\n\f",
                      bodies[k]);
        rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
        assert_int_equal(r->nfootnotes, 1);
        assert_string_equal(r->footnotes[0].text,
                            "This document was written before the introduction of the file.");
        rp_report_free(r);
        free(log);
        ds_buf_release(&t);
    }
}

/* What the weak markers are not: a number ending a full line that wraps a sentence
 * ("Debian 1"), three lines ending with numbers (a table's column), a name glued to
 * another number. */
static void deb_weak_markers_not(void **state)
{
    (void)state;
    static const char *const bodies[3] = {
        "The project was first released for one architecture, and it has grown a lot.\n"
        "Since then it is shipped for a dozen architectures, the first in Debian 1\n"
        "and the newest in the release that the project published this very year.\n",
        "The sizes of the archive areas are listed here, in gigabytes per area:\n"
        "- main area 1\n"
        "- contrib area 2\n"
        "- non-free area 3\n",
        "Any package installing shared libraries in one of the default directories\n"
        "or in a directory that is listed in /etc/ld.so.conf2 must use ldconfig to\n"
        "update the shared library system, as the dynamic linker expects of it.\n"};
    for (size_t k = 0; k < 3; k++) {
        char *log = NULL;
        ds_buf_t t = DS_BUF_INIT;
        ds_buf_printf(&t, "%s1 This document was written before the introduction of the file.\n\f",
                      bodies[k]);
        rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
        assert_int_equal(r->nfootnotes, 0);
        assert_true(contains(r->body, "1 This document was written"));
        rp_report_free(r);
        free(log);
        ds_buf_release(&t);
    }
}

/* Sphinx numbers a chapter's footnotes in source order: 1, 4, then 2 and 3 on later
 * pages. A number the run skipped is a footnote when the page cites it (glued, or in
 * a spaced form) and its foot reads as footnotes; a number the run holds is not. */
static void deb_late_numbers(void **state)
{
    (void)state;
    const char *t = "The first page cites a guide.1\n"
                    "1 The guide of the project.\n"
                    "\fThe second page cites the incoming queue.4\n"
                    "4 Though, a package in the queue can be removed.\n"
                    "\fThe binary-only upload should carry a version of 3.4+b2.2\n"
                    "2 In the past, such uploads used another number.\n"
                    "\fThe title of the bug should start with ITS: package-name3 . You may\n"
                    "offer to take co-maintenance of the package instead.\n"
                    "3 ITS is shorthand for Intend to Salvage.\n"
                    "\fThe last page cites the guide again.2\n"
                    "2 Another note that the run already holds.\n";
    char *log = NULL;
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_PER_CHAPTER, &log);
    assert_int_equal(r->nfootnotes, 4);
    static const unsigned printed[4] = {1, 2, 3, 4};
    static const size_t pages[4] = {1, 3, 4, 2};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(r->footnotes[k].printed, printed[k]);
        assert_int_equal(r->footnotes[k].page, pages[k]);
    }
    assert_string_equal(r->footnotes[2].text, "ITS is shorthand for Intend to Salvage.");
    assert_true(contains(r->body, "2 Another note"));
    rp_report_free(r);
    free(log);
}

/* A word processor's page in -layout text: a TOC above the body, markers glued to a
 * word, set apart after a sentence ("2020. 2 It") and glued to a year ("20213"),
 * footnote numbers set apart by a tab (a wide gap), a footnote that is a document
 * symbol alone, a first page's own footer below the footnotes. */
static void real_word_processor_layout(void **state)
{
    (void)state;
    const char *t =
        "United Nations                                             A/76/136\n"
        "Item 96 of the provisional agenda1\n"
        "The present document is submitted pursuant to resolution 75/240 of 31\n"
        "December 2020. 2 It is reproduced as received.\n"
        "Contents\n"
        "I.    Introduction.............................................2\n"
        "II.   The threat landscape.....................................2\n"
        "III.  International law and norms.............................3\n"
        "1.      This submission also responds to the report of the Group of\n"
        "        Governmental Experts\n"
        "\n"
        "1    A/76/150.\n"
        "2    A/RES/75/240, “Developments in the field of information and\n"
        "     telecommunications”, 31 December 2020.\n"
        "\n"
        "                                   21-10417 (E)\n"
        "\f"
        "        adopted on 28 May 20213 and on the way forward. The ministry of\n"
        "        foreign affairs reports each year to parliament on the reporting.\n"
        "\n"
        "3    A/76/135, “Report of the Group of Governmental Experts”, 14 July 2021.\n"
        "\f";
    char *log = NULL;
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[0].text, "A/76/150.");
    assert_int_equal(r->footnotes[0].page, 1);
    assert_string_equal(r->footnotes[1].text, "A/RES/75/240, “Developments in the field of "
                                              "information and telecommunications”, 31 "
                                              "December 2020.");
    assert_int_equal(r->footnotes[2].page, 2);
    assert_int_equal(r->markers_linked, 3);
    assert_int_equal(r->markers_unlinked, 0);
    /* the year's marker is cut out, the footer left out: the phrase reads on */
    assert_true(any_passage_has(r, "the Group of Governmental Experts adopted on 28 May 2021 and"));
    assert_false(contains(r->body, "21-10417"));
    assert_false(contains(r->body, "2020. 2 It"));
    assert_true(contains(r->body, "Introduction"));
    rp_report_free(r);
    free(log);
}

/* pdftotext reads a word processor's footnote numbers as a column of their own, before
 * their texts: the texts split into as many footnotes as there are numbers, at closed
 * lines; the page's own footer after them is left out. Texts that do not split so stay
 * body, with a warning. */
static void real_number_column(void **state)
{
    (void)state;
    const char *body = "Item 96 of the provisional agenda1\n"
                       "The present document is submitted pursuant to a resolution.2 It\n"
                       "is reproduced as received, with the views of the delegation.3\n"
                       "\n"
                       "1\n"
                       "2\n"
                       "3\n"
                       "\n";
    const char *texts = "A/76/150.\n"
                        "A/RES/75/240, “Developments in the field of information and\n"
                        "telecommunications”, 31 December 2020.\n"
                        "Statement by Kenya, 12 March 2021.\n"
                        "21-10417 (E)\n"
                        "\f";
    ds_buf_t t = DS_BUF_INIT;
    ds_buf_printf(&t, "%s%s", body, texts);
    char *log = NULL;
    rp_report_t *r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[0].text, "A/76/150.");
    assert_string_equal(r->footnotes[1].text, "A/RES/75/240, “Developments in the field of "
                                              "information and telecommunications”, 31 "
                                              "December 2020.");
    assert_string_equal(r->footnotes[2].text, "Statement by Kenya, 12 March 2021.");
    assert_int_equal(r->markers_linked, 3);
    assert_false(contains(r->body, "21-10417"));
    rp_report_free(r);
    free(log);
    /* one sentence more than numbers: whose text is whose is not known */
    ds_buf_reset(&t);
    ds_buf_printf(&t, "%s%s", body,
                  "A/76/150.\nSee also A/76/151.\nA/RES/75/240, 31 December 2020.\n"
                  "Statement by Kenya, 12 March 2021.\n\f");
    r = parse_mode(t.data, RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(contains(log, "do not split into as many"));
    assert_true(contains(r->body, "See also A/76/151."));
    rp_report_free(r);
    free(log);
    ds_buf_release(&t);
}

/* Footnote count of text t (footnotes: auto), the report freed. */
static size_t notes_of(const char *t)
{
    char *log = NULL;
    rp_report_t *r = parse_mode(t, RP_FOOTNOTES_AUTO, &log);
    size_t n = r->nfootnotes;
    rp_report_free(r);
    free(log);
    return n;
}

/* A word processor's footnotes in 10 pt under 12 pt text, through pdftotext: their
 * lines hold more characters than the body's (small type), and their raised numbers
 * move -- after all their texts (two numbers, then the first page's own footer), after
 * the block (one number, its text of several open lines), or -layout writes one under
 * the long first line it is raised above. */
static void real_word_processor_moved_numbers(void **state)
{
    (void)state;
    char *log = NULL;
    rp_report_t *r = parse_mode(
        "The present document contains the views of the Government on the report of the Group\n"
        "of Governmental Experts, submitted pursuant to the resolution of 31 December 2020.1 It\n"
        "is reproduced as received, with the statement of the delegation of the Republic.2 The\n"
        "ministry of foreign affairs has published guidance on the protection of infrastructure\n"
        "since 2014. The national regulator has published guidance on the reporting of its work\n"
        "since 2015. The computer emergency response team has published guidance on the chain\n"
        "of supply since 2016. The office of the prime minister has published guidance on the\n"
        "A/76/150.\n"
        "A/RES/75/240, “Developments in the field of information and telecommunications in the context of international\n"
        "security”, 31 December 2020.\n"
        "1\n"
        "2\n"
        "21-10417 (E)\n"
        "\f",
        RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[0].text, "A/76/150.");
    assert_true(strncmp(r->footnotes[1].text, "A/RES/75/240, “Developments", 29) == 0);
    assert_false(contains(r->body, "21-10417"));
    rp_report_free(r);
    free(log);
    r = parse_mode(
        "The Government has designated a diplomatic and a technical point of contact, as it was\n"
        "recommended by the Organization for Security and Co-operation in Europe.1 The ministry of\n"
        "foreign affairs keeps a public register of the attribution of malicious activity since\n"
        "2020. The national regulator keeps a public register of the training of its diplomats\n"
        "since 2014. Estrava contributed 2.4 million euros to capacity-building programmes in\n"
        "2020 and 2021, including the Global Forum on Cyber Expertise.2 The data protection\n"
        "authority keeps a public register of the security of the supply chain since the year\n"
        "2017, and the national police one of the response to incidents since the year 2018.\n"
        "Permanent Council decision No. 1202, “OSCE confidence-building measures to reduce the risks of conflict\n"
        "stemming from the use of information and communication technologies”, 10 March 2016, PC.DEC/1202. The\n"
        "decision sets out sixteen measures, of which the Government has implemented fourteen; the remaining two, on the\n"
        "exchange of national terminology and on public-private partnerships, are expected to be implemented before the end\n"
        "of 2022, once the national cybersecurity strategy has been revised and the corresponding legislation has been adopted\n"
        "by the National Assembly, which is due to consider it at its autumn session.\n"
        "2\n"
        "Global Forum on Cyber Expertise, “Members and partners”, https://thegfce.org/members-partners/ (accessed 20\n"
        "July 2021).\n"
        "1\n"
        "4\n"
        "\f",
        RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 2);
    assert_true(strncmp(r->footnotes[0].text, "Permanent Council decision No. 1202", 35) == 0);
    assert_true(contains(r->footnotes[0].text, "at its autumn session."));
    rp_report_free(r);
    free(log);
    r = parse_mode(
        "The present document contains the views of the Government on the report of the Group\n"
        "of Governmental Experts, submitted pursuant to the resolution of 31 December 2020 It\n"
        "is reproduced as received, with the statement of the delegation of the Republic The\n"
        "ministry of foreign affairs has published guidance on the protection of infrastructure\n"
        "since 2014. The national regulator has published guidance on the reporting of its work\n"
        "since 2015. The computer emergency response team has published guidance on the chain\n"
        "of supply since 2016. The office of the prime minister has published guidance on the\n"
        "training of diplomats since 2014, as its report of that year says.1 It goes on with it.\n"
        "\n"
        " Letter dated 15 July 2021 from the Permanent Representative of Estrava to the United Nations addressed to the\n"
        "1\n"
        "\n"
        "Chair of the open-ended working group.\n"
        "\n"
        "                                                      5\n"
        "\f",
        RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 1);
    assert_true(strncmp(r->footnotes[0].text, "Letter dated 15 July 2021", 25) == 0);
    assert_true(contains(r->footnotes[0].text, "addressed to the Chair of the open-ended"));
    rp_report_free(r);
    free(log);
}

/* What manuals read outside the test set bring (the valgrind, bzip2 and CRC manuals): a
 * listing numbered by line, a list item after a stray number, a table's cells read column
 * by column, a jump to a line going on in lower case, a C pointer at a line start --
 * none a footnote -- and notes under a table, after which the body goes on. */
static void held_out_traps(void **state)
{
    (void)state;
    assert_int_equal(notes_of("An example will make things clear. Consider the following C\n"
                              "program, annotated with line numbers, which allocates blocks.1\n"
                              "\n"
                              " 1          #include <stdlib.h>\n"
                              " 2\n"
                              " 3          void g(void)\n"
                              " 4          {\n"
                              " 5             malloc(4000);\n"
                              " 6          }\n"
                              "\n"
                              "                                          151\n"
                              "\f"),
                     0);
    assert_int_equal(notes_of("The command shows the definedness bits for the bytes, as simple as the\n"
                              "dh command 1 , the tool that checks the range of addresses given here.\n"
                              "The second line of the body of this page goes on for a while longer.\n"
                              "\n"
                              "1\n"
                              "\n"
                              "• check_memory [addressable|defined] checks that the range of bytes\n"
                              "at the address has the specified accessibility and prints it.\n"
                              "\f"),
                     0);
    assert_int_equal(notes_of("The profile shows each function of the program: file1.\n"
                              "1\n"
                              "1 concord.c:get_word\n"
                              "2,649,248\n"
                              "2 1,344,810 7,326 1,385\n"
                              "875,959\n"
                              "1 ???:???\n"
                              "598,068\n"
                              "106\n"
                              "\f"),
                     0);
    assert_int_equal(notes_of("* Memcheck now keeps the allocation and the release stack of each block.3\n"
                              "\n"
                              " - The default value has been changed from one to the other. This has a\n"
                              "   small cost in memory (one word per block) but allows Memcheck to show\n"
                              "   3 stacktraces of a dangling reference: where the block was freed,\n"
                              "\n"
                              "                                          31\n"
                              "\f"),
                     0);
    assert_int_equal(notes_of("void BZ2_bzReadGetUnused( int* bzerror, BZFILE *b, void** unused );\n"
                              "Returns data which was read but not needed.\n"
                              "*unused is set to the address of the data, and *nUnused to the\n"
                              "number of bytes.\n"
                              "\f"),
                     0);
    /* but a footnote may open in lower case with "cf.", "e.g.", "ibid." */
    assert_int_equal(notes_of("The Group adopted its final report by consensus.1 It set out the framework of\n"
                              "responsible State behaviour and the way forward for the next years of work.\n"
                              "The third line of the page goes on for a while here with more words of body.\n"
                              "\n"
                              "1 cf. A/75/816, para. 3, and the annex to the report.\n"
                              "\f"),
                     1);
    /* a number after its text needs a text that ends like a footnote's, not "this:" */
    assert_int_equal(notes_of("The tool reports errors as it finds them.1 It goes on with the program after\n"
                              "each error, so that one run shows many of them, as the next sections say.\n"
                              "The third line of the first page of this manual goes on for a while here.\n"
                              "\n"
                              "1\n"
                              "See the chapter on error messages.\n"
                              "\f"
                              "The program may trash the low-level memory manager, which then dies with the\n"
                              "above assertion or something similar.2 The cure is to fix the program so that\n"
                              "it does no illegal memory accesses; the failure will go away after that.\n"
                              "\n"
                              "3.3.\n"
                              "\n"
                              "My program dies, printing a message like this along the way:\n"
                              "2\n"
                              "\f"),
                     1);
    char *log = NULL;
    rp_report_t *r = parse_mode(
        "The variant presented in this paper is more general than slicing.1 It works\n"
        "for any polynomial and any word size, as the next sections show in detail.\n"
        "The third line of the first page of this paper goes on for a while here.\n"
        "\n"
        "1\n"
        "The variant is also faster than the one of the earlier paper.\n"
        "\f"
        "Table 1: CRC performance with Slicing1 and Multiword2 on the AMD64 platform\n"
        "CRC-32 2.08 1.16 1.79\n"
        "\n"
        "1\n"
        "“Slicing” implements the algorithm of section 4.9.\n"
        "2\n"
        "“Multiword” implements the algorithm of section 4.11.\n"
        "\n"
        "Table 2: Interleaved multiword CRC with the number of stripes chosen\n"
        "CRC-64 1.42 1.23 1.17\n"
        "The average number of CPU cycles per byte, processing inputs of 1 KB.\n"
        "\n"
        "25\n"
        "\f",
        RP_FOOTNOTES_AUTO, &log);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[2].text, "“Multiword” implements the algorithm of section 4.11.");
    assert_true(contains(r->body, "Table 2: Interleaved"));
    rp_report_free(r);
    free(log);
}

int main(int argc, char **argv)
{
    arg_seed = argc > 1 ? argv[1] : NULL;
    arg_fixture = argc > 2 ? argv[2] : NULL;
    arg_inline = argc > 3 ? argv[3] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_counts),
        cmocka_unit_test(seed_sections),
        cmocka_unit_test(seed_footnote_table),
        cmocka_unit_test(seed_footnote_details),
        cmocka_unit_test(seed_citation_dates),
        cmocka_unit_test(cite_date_styles),
        cmocka_unit_test(seed_oewg_statements),
        cmocka_unit_test(seed_office_actor),
        cmocka_unit_test(office_actor_guards),
        cmocka_unit_test(seed_body_text),
        cmocka_unit_test(seed_no_footnote_text_in_body),
        cmocka_unit_test(seed_markers),
        cmocka_unit_test(seed_ff_same_structure),
        cmocka_unit_test(seed_inline_same_structure),
        cmocka_unit_test(synthetic_layout),
        cmocka_unit_test(synthetic_footnotes),
        cmocka_unit_test(inline_layout),
        cmocka_unit_test(inline_footnotes),
        cmocka_unit_test(inline_guards),
        cmocka_unit_test(warn_missing_marker_and_gap),
        cmocka_unit_test(warn_unlinked_marker),
        cmocka_unit_test(body_joins_and_page_numbers),
        cmocka_unit_test(furniture_dropped),
        cmocka_unit_test(single_misplaced_footnote),
        cmocka_unit_test(real_numbered_heading),
        cmocka_unit_test(real_toc),
        cmocka_unit_test(real_numbered_paragraphs_and_lists),
        cmocka_unit_test(real_layout_indented),
        cmocka_unit_test(real_alternating_headers),
        cmocka_unit_test(real_blank_pages_and_labels),
        cmocka_unit_test(real_footnotes_none),
        cmocka_unit_test(real_per_chapter),
        cmocka_unit_test(real_phrase_over_page_break),
        cmocka_unit_test(real_stamp_after_footer),
        cmocka_unit_test(real_page_number_below_header),
        cmocka_unit_test(real_layout_column_footnote),
        cmocka_unit_test(real_reference_label_above_footnote),
        cmocka_unit_test(real_logo_glyph_in_footnote),
        cmocka_unit_test(real_column_footnote),
        cmocka_unit_test(real_number_moved_from_the_middle),
        cmocka_unit_test(real_restart_in_block),
        cmocka_unit_test(real_long_footnote_closed),
        cmocka_unit_test(real_number_moved_before_restart),
        cmocka_unit_test(real_layout_blank_pages),
        cmocka_unit_test(real_word_processor_layout),
        cmocka_unit_test(real_number_column),
        cmocka_unit_test(real_word_processor_moved_numbers),
        cmocka_unit_test(held_out_traps),
        cmocka_unit_test(deb_section_footer),
        cmocka_unit_test(deb_layout_run_on),
        cmocka_unit_test(deb_small_type_long_footnote),
        cmocka_unit_test(deb_weak_markers),
        cmocka_unit_test(deb_weak_markers_not),
        cmocka_unit_test(deb_late_numbers),
        cmocka_unit_test(sym_thanks_title_page),
        cmocka_unit_test(sym_groff_star),
        cmocka_unit_test(sym_two_columns_side_by_side),
        cmocka_unit_test(sym_lists_stay_body),
        cmocka_unit_test(sym_mixed_with_numbers),
        cmocka_unit_test(args_errors),
        cmocka_unit_test(mutate_seed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
