/*
 * Unit tests for indexer/report/rparse_geom.c, the layout path of the report parser
 * (rp_parse_layout): pages built by hand as the PDF reader gives them -- boxes in
 * points, y down from the top, a type size per line, superscript markers as Unicode
 * superscript digits.
 *
 *   notes_*       footnotes in small type at the foot, markers in the body; a footnote
 *                 running over to the next page; a two-column page in reading order;
 *                 plain numbers, restarts, symbols, notes in two columns, raised
 *                 numbers as evidence, a part set in another size
 *   not_note_*    a numbered heading and TOC lines in body type, a caption in small type
 *                 mid-page, uncited small print at the foot (warned), code at the foot,
 *                 margin notes, footnotes: none
 *   furniture_*   running headers and footers on alternating pages, page labels
 *   pages_*       blank pages counted, line numbers across pages
 *   random_*      a bounded random walk: any layout parses, invariants hold
 *   args_*        argument errors
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rparse.h"

#define BODY 11.0
#define NOTE 8.0
#define W 612.0
#define H 792.0

/* A line at (x, y) in size sz; its box is estimated from its length. */
typedef struct spec {
    const char *text;
    double x, y, sz;
} spec_t;

#define MAXL 40

typedef struct doc {
    rp_layout_page_t pages[8];
    rp_layout_line_t lines[8][MAXL];
    size_t npages;
} doc_t;

static void add_page(doc_t *d, const char *label, const spec_t *s, size_t n)
{
    rp_layout_page_t *p = &d->pages[d->npages];
    rp_layout_line_t *l = d->lines[d->npages++];
    assert_true(n <= MAXL);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(s[i].text);
        double w = s[i].sz * 0.5 * (double)len;
        l[i] = (rp_layout_line_t){s[i].text, len, s[i].x, s[i].y, s[i].x + w, s[i].y + s[i].sz,
                                  s[i].sz};
    }
    *p = (rp_layout_page_t){W, H, label, n ? l : NULL, n};
}

/* Parse d; warnings counted into *warnings (may be NULL). */
static rp_report_t *parse(const doc_t *d, rp_footnote_mode_t mode, unsigned long *warnings)
{
    ds_diag_t diag;
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    ds_diag_init(&diag, "test_rgeom", sink);
    rp_options_t opt = RP_OPTIONS_INIT;
    opt.file = "doc.pdf";
    opt.footnotes = mode;
    rp_report_t *r = NULL;
    assert_int_equal(rp_parse_layout(d->pages, d->npages, &opt, &diag, &r), DS_OK);
    assert_non_null(r);
    if (warnings)
        *warnings = diag.warnings;
    ds_diag_release(&diag);
    fclose(sink);
    return r;
}

static int body_has(const rp_report_t *r, const char *s)
{
    return strstr(r->body, s) != NULL;
}

/* ---- footnotes ---------------------------------------------------------------------- */

static void notes_small_at_foot(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"Report of the Working Group", 72, 40, 9},
        {"The group met to discuss the public core¹ of the internet and", 72, 100, BODY},
        {"agreed on a text.² Several delegations spoke about the draft and", 72, 114, BODY},
        {"asked for more time to read it, which the chair granted to all of", 72, 128, BODY},
        {"them after a long debate on the rules of procedure of the session.", 72, 142, BODY},
        {"¹ Statement by Finland, 19 June 2020, https://example.org/fi.pdf", 72, 700, NOTE},
        {"² Report of the group, A/76/135, 14 July 2021.", 72, 710, NOTE},
        {"1", 300, 750, 9},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, sizeof p1 / sizeof *p1);
    unsigned long warn = 0;
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, &warn);
    assert_int_equal(r->nfootnotes, 2);
    assert_int_equal(r->footnotes[0].number, 1);
    assert_string_equal(r->footnotes[0].text,
                        "Statement by Finland, 19 June 2020, https://example.org/fi.pdf");
    assert_int_equal(r->footnotes[0].nurls, 1);
    assert_string_equal(r->footnotes[1].text, "Report of the group, A/76/135, 14 July 2021.");
    assert_int_equal(r->footnotes[1].line, 7);
    assert_int_equal(r->markers_linked, 2);
    assert_int_equal(r->markers_unlinked, 0);
    assert_int_equal(r->footnotes_unmarked, 0);
    assert_true(body_has(r, "the public core of the internet"));
    assert_false(body_has(r, "Statement by"));
    /* a line in the top margin that no other page repeats is no running header */
    assert_true(body_has(r, "Report of the Working Group"));
    assert_int_equal(r->npages, 1);
    assert_string_equal(r->page_labels[0], "1");
    assert_int_equal(warn, 0);
    rp_report_free(r);
}

static void notes_run_over_page(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"The first claim¹ is made here and the text goes on to the", 72, 100, BODY},
        {"end of the page, where it stops", 72, 114, BODY},
        {"¹ This footnote is long and runs on over", 72, 700, NOTE},
    };
    static const spec_t p2[] = {
        {"in the middle of a sentence.² More text follows here.", 72, 100, BODY},
        {"the next page, https://example.org/long", 72, 690, NOTE},
        {"² The second footnote.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 3);
    add_page(&d, NULL, p2, 3);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[0].text, "This footnote is long and runs on over the next "
                                              "page, https://example.org/long");
    assert_int_equal(r->footnotes[1].page, 2);
    assert_int_equal(r->footnotes[1].line, 6);
    assert_true(body_has(r, "where it stops in the middle of a sentence. More text"));
    assert_false(body_has(r, "next page"));
    rp_report_free(r);
}

static void notes_two_columns(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"Left column text with a claim¹ that", 50, 100, BODY},
        {"goes on in the left column and then", 50, 114, BODY},
        {"¹ The left note.", 50, 700, NOTE},
        {"continues at the top of the right column", 320, 100, BODY},
        {"with a second claim² and an end.", 320, 114, BODY},
        {"² The right note.", 320, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 6);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 2);
    assert_string_equal(r->footnotes[0].text, "The left note.");
    assert_string_equal(r->footnotes[1].text, "The right note.");
    assert_int_equal(r->markers_linked, 2);
    assert_true(body_has(r, "and then continues at the top of the right column"));
    rp_report_free(r);
}

static void notes_plain_numbers_and_restart(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"The mission of the group is set out in its mandate.1 The chair", 72, 100, BODY},
        {"opened the session and gave the floor to the delegations that had", 72, 114, BODY},
        {"asked for it, in the order of the list of speakers.2", 72, 128, BODY},
        {"1 Resolution 75/240, https://undocs.org/A/RES/75/240.", 72, 700, NOTE},
        {"2", 72, 710, NOTE}, /* the number alone, its text on the next line */
        {"List of speakers, 8 March 2021.", 84, 710, NOTE},
    };
    static const spec_t p2[] = {
        {"Chapter two opens with a new claim¹ and a numbering that restarts,", 72, 100, BODY},
        {"as books do, at one in every chapter of the report.", 72, 114, BODY},
        {"¹ The first note of chapter two.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 6);
    add_page(&d, NULL, p2, 3);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_PER_CHAPTER, NULL);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[0].text, "Resolution 75/240, https://undocs.org/A/RES/75/240.");
    assert_int_equal(r->footnotes[0].nsymbols, 0); /* inside the URL */
    assert_string_equal(r->footnotes[1].text, "List of speakers, 8 March 2021.");
    assert_int_equal(r->footnotes[1].number, 2);
    assert_int_equal(r->footnotes[1].page, 1);
    /* the restart: printed 1, its running number after the first chapter's */
    assert_int_equal(r->footnotes[2].number, 3);
    assert_int_equal(r->footnotes[2].printed, 1);
    assert_int_equal(r->footnotes[2].page, 2);
    assert_int_equal(r->markers_linked, 3); /* the second chapter's ¹ reads as 3 */
    assert_true(body_has(r, "in its mandate. The chair opened"));
    assert_false(body_has(r, "List of speakers, 8"));
    rp_report_free(r);
}

static void notes_symbols_and_columns(void **state)
{
    (void)state;
    /* symbol notes set in two columns under the body, the right column read first */
    static const spec_t p1[] = {
        {"A Report on the Sessions of the Group by its Chair and Rapporteur", 72, 100, BODY},
        {"written by the Chair* and the Rapporteur† for the delegations and", 72, 114, BODY},
        {"the public, with a summary‡ of what was agreed at the three sessions.", 72, 128, BODY},
        {"† Rapporteur of the group since 2020, appointed", 320, 700, NOTE},
        {"at the second session.", 320, 710, NOTE},
        {"‡ The summary is not a negotiated text.", 320, 720, NOTE},
        {"* Chair of the group, Ambassador of a Member State.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 7);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 3);
    /* numbered in order of reading, after the (here no) numbered footnotes */
    assert_string_equal(r->footnotes[0].text, "Rapporteur of the group since 2020, appointed at "
                                              "the second session.");
    assert_string_equal(r->footnotes[1].text, "The summary is not a negotiated text.");
    assert_string_equal(r->footnotes[2].text, "Chair of the group, Ambassador of a Member State.");
    assert_int_equal(r->footnotes[0].number, 1);
    /* each keeps its mark as printed, not its running number, and the body's glued
     * marks are cut out and cite it, as on the text path */
    assert_string_equal(r->footnotes[0].mark, "†");
    assert_string_equal(r->footnotes[1].mark, "‡");
    assert_string_equal(r->footnotes[2].mark, "*");
    assert_int_equal(r->footnotes[2].printed, 0);
    assert_int_equal(r->markers_linked, 3);
    assert_int_equal(r->footnotes_unmarked, 0);
    assert_true(body_has(r, "the public, with a summary of what"));
    rp_report_free(r);
}

static void notes_raised_evidence(void **state)
{
    (void)state;
    /* the body's markers were not read as raised ("19991"), the notes' numbers were:
     * two in sequence are evidence; a number out of sequence raised on both ends too */
    static const spec_t p1[] = {
        {"The paper presented at tug 19991 and the notes on templates2 gave the", 72, 100, BODY},
        {"ideas that the team took up and worked out in the following years.", 72, 114, BODY},
        {"¹ http://www.latex-project.org/papers/tug99.pdf", 72, 700, NOTE},
        {"² http://www.latex-project.org/papers/template-notes.pdf", 72, 710, NOTE},
    };
    static const spec_t p2[] = {
        {"A later chapter numbers its notes its own way, as DocBook does,⁷ and", 72, 100, BODY},
        {"the parser takes the raised number on both ends as the evidence.", 72, 114, BODY},
        {"⁷ DocBook numbers footnotes per chapter.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 4);
    add_page(&d, NULL, p2, 3);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 3);
    assert_string_equal(r->footnotes[0].text, "http://www.latex-project.org/papers/tug99.pdf");
    assert_int_equal(r->footnotes[2].number, 7);
    assert_int_equal(r->footnotes[2].page, 2);
    rp_report_free(r);
}

static void notes_page_body_size(void **state)
{
    (void)state;
    /* most of the document is set in 12.5 pt; page 2 in 10 pt with 8 pt notes */
    static const spec_t p1[] = {
        {"The first part of the document is set in a larger type than the rest,", 72, 100, 12.5},
        {"and it runs on for many lines, so that its size is the document's body", 72, 116, 12.5},
        {"size: most of the characters of the document are set in it, which is", 72, 132, 12.5},
        {"what the body size is, whatever the size of the later parts may be.", 72, 148, 12.5},
    };
    static const spec_t p2[] = {
        {"The second part is set in ten point type with a note¹ at its foot,", 72, 100, 10},
        {"which is in eight point type, smaller than the body of this page.", 72, 112, 10},
        {"¹ The note of the second part.", 72, 700, 8},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 4);
    add_page(&d, NULL, p2, 3);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 1);
    assert_true(body_has(r, "The second part is set in ten point type with a note at"));
    rp_report_free(r);
}

/* ---- what is no footnote --------------------------------------------------------------- */

static void not_note_numbered_heading(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"Contents", 72, 100, BODY},
        {"1 Introduction 1", 72, 114, BODY},
        {"2 Methods 2", 72, 128, BODY},
        {"1 Introduction", 72, 200, 14},
        {"The report opens here and cites nothing¹ at all.", 72, 220, BODY},
        {"2 Methods", 72, 720, BODY}, /* body type at the foot of the page */
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 6);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(body_has(r, "1 Introduction 1"));
    assert_true(body_has(r, "2 Methods"));
    rp_report_free(r);
}

static void not_note_caption(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"The figure below¹ shows the network of the group.", 72, 100, BODY},
        {"1 Figure: the network in 2021", 72, 300, NOTE}, /* caption: body below it */
        {"After the figure the text goes on to the foot.", 72, 400, BODY},
        {"3 rows were left out of the table", 72, 700, NOTE}, /* out of sequence */
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 4);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(body_has(r, "1 Figure: the network in 2021"));
    assert_true(body_has(r, "3 rows were left out"));
    rp_report_free(r);
}

static void not_note_uncited_warned(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"A page that cites no footnote at all.", 72, 100, BODY},
        {"1 Source: survey of the delegations", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 2);
    unsigned long warn = 0;
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, &warn);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(body_has(r, "Source: survey of the delegations"));
    assert_true(warn >= 1);
    rp_report_free(r);
}

static void not_note_code_jump(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"The header of the cache file, format version 1.2, is laid out as", 72, 100, BODY},
        {"follows; all numbers are in network byte order, as in the spec.", 72, 114, BODY},
        {"2 CARD16 MAJOR_VERSION 1", 90, 650, 9}, /* code in smaller type at the foot */
        {"2 CARD16 MINOR_VERSION 2", 90, 661, 9},
        {"4 CARD32 ALIAS_LIST_OFFSET", 90, 672, 9},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 5);
    unsigned long warn = 0;
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, &warn);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(body_has(r, "2 CARD16 MAJOR_VERSION 1"));
    assert_true(warn >= 1);
    rp_report_free(r);
}

static void not_note_margin(void **state)
{
    (void)state;
    /* a margin note beside the text, read after the page's footer, does not cut the
     * sentence that runs over to the next page; it is warned about */
    static const spec_t p1[] = {
        {"The first line of the page is an ordinary line of the body text.", 72, 100, BODY},
        {"The second line of the page is an ordinary line of the body text.", 72, 114, BODY},
        {"The third line of the page is an ordinary line of the body text.", 72, 128, BODY},
        {"The fourth line of the page is an ordinary line of the body text.", 72, 142, BODY},
        {"and the last one declares that the size is", 72, 156, BODY},
        {"17", 300, 760, BODY},
        {"New", 470, 114, NOTE},
        {"description", 470, 123, NOTE},
    };
    static const spec_t p2[] = {{"the current text size.", 72, 100, BODY}};
    doc_t d = {0};
    add_page(&d, NULL, p1, 8);
    add_page(&d, NULL, p2, 1);
    unsigned long warn = 0;
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, &warn);
    assert_true(body_has(r, "the size is the current text size."));
    assert_false(body_has(r, "description"));
    assert_int_equal(warn, 1);
    assert_string_equal(r->page_labels[0], "17");
    rp_report_free(r);
}

static void not_note_mode_none(void **state)
{
    (void)state;
    static const spec_t p1[] = {
        {"The claim¹ is here.", 72, 100, BODY},
        {"¹ A note.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, NULL, p1, 2);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_NONE, NULL);
    assert_int_equal(r->nfootnotes, 0);
    assert_true(body_has(r, "A note."));
    rp_report_free(r);
}

/* ---- page furniture ------------------------------------------------------------------ */

static void furniture_alternating(void **state)
{
    (void)state;
    static const char *const nums[] = {"- 1 -", "- 2 -", "- 3 -", "- 4 -", "- 5 -", "- 6 -"};
    static const char *const text[] = {
        "The first page says that the public",   "core of the internet is to be kept",
        "safe by every State and by all the",    "others who run it, so that the text",
        "reads on over every page break and",    "ends here."};
    spec_t s[6][3];
    doc_t d = {0};
    for (int p = 0; p < 6; p++) {
        s[p][0] = (spec_t){p % 2 ? "United Nations" : "A/76/135", p % 2 ? 72 : 480, 36, 9};
        s[p][1] = (spec_t){text[p], 72, 100, BODY};
        s[p][2] = (spec_t){nums[p], 300, 760, 9};
        add_page(&d, NULL, s[p], 3);
    }
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->npages, 6);
    assert_false(body_has(r, "United Nations"));
    assert_false(body_has(r, "A/76/135"));
    assert_false(body_has(r, "- 3 -"));
    assert_true(body_has(r, "the public core of the internet is to be kept safe by every"));
    assert_string_equal(r->page_labels[2], "3");
    rp_report_free(r);
}

static void furniture_changing_headers(void **state)
{
    (void)state;
    /* odd pages: a running page number and a chapter that changes; even pages: a
     * header whose text changes, in the same place; page 1's in two parts */
    static const char *const heads[] = {"PREFACE", "51 Chapter 5. Managing Packages",
                                        "CONTENTS", "53 Chapter 5. Managing Packages",
                                        "OVERVIEW", "55 Chapter 6. Security"};
    static const char *const text[] = {
        "The handbook explains how the packages", "of the system are kept up to date and",
        "how a broken one is put right again by", "the administrator, who reads the logs",
        "and the bug reports first, then acts on", "what they say."};
    spec_t s[6][3];
    doc_t d = {0};
    for (int p = 0; p < 6; p++) {
        size_t n = 0;
        s[p][n++] = (spec_t){heads[p], 72, 36, 9};
        if (p == 0)
            s[p][n++] = (spec_t){"1.1. WHY IT MATTERS", 400, 36, 9};
        s[p][n++] = (spec_t){text[p], 72, 100, BODY};
        add_page(&d, NULL, s[p], n);
    }
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_false(body_has(r, "Chapter"));
    assert_false(body_has(r, "PREFACE"));
    assert_false(body_has(r, "OVERVIEW"));
    assert_false(body_has(r, "WHY IT MATTERS"));
    assert_true(body_has(r, "The handbook explains how the packages of the system"));
    assert_string_equal(r->page_labels[1], "51");
    assert_string_equal(r->page_labels[5], "55");
    assert_string_equal(r->page_labels[0], "");
    rp_report_free(r);
}

/* ---- pages --------------------------------------------------------------------------- */

static void pages_blank_counted(void **state)
{
    (void)state;
    static const spec_t p1[] = {{"Front matter of the report.", 72, 100, BODY}};
    static const spec_t p3[] = {
        {"The claim¹ is on the third page.", 72, 100, BODY},
        {"¹ The note on page three.", 72, 700, NOTE},
    };
    doc_t d = {0};
    add_page(&d, "i", p1, 1);
    add_page(&d, "ii", NULL, 0);
    add_page(&d, "1", p3, 2);
    rp_report_t *r = parse(&d, RP_FOOTNOTES_AUTO, NULL);
    assert_int_equal(r->npages, 3);
    assert_string_equal(r->page_labels[0], "i");
    assert_string_equal(r->page_labels[1], "ii");
    assert_string_equal(r->page_labels[2], "1");
    assert_int_equal(r->nfootnotes, 1);
    assert_int_equal(r->footnotes[0].page, 3);
    assert_int_equal(r->footnotes[0].line, 3);
    assert_int_equal(r->markers[0].page, 3);
    rp_report_free(r);
}

/* ---- a bounded random walk over layouts ----------------------------------------- */

static const char *const frags[] = {
    "1", "2", "¹", "²", "³ A note, https://example.org/x", "12", "- 3 -", "xiv", "Page 4",
    "The body text goes on¹ here.", "Chapter 1. Scope", "2 Methods", "1 Introduction 1",
    "text.2 More", "", "   ", "4 CARD32 OFFSET", "– 7 –", "\xff\xfe broken", "see https://x.org/a-",
    "b/c.pdf", "On 3 May 2021, Finland said:", "³", "¹²³⁴⁵⁶⁷⁸⁹⁰ digits"};

static unsigned long rnd_state = 12345;

static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rnd_state >> 33) % n);
}

static void random_layouts(void **state)
{
    (void)state;
    static const double sizes[] = {0, 6, 8, 9, 10, 11, 11, 11, 14, -1};
    for (int round = 0; round < 300; round++) {
        doc_t d = {0};
        spec_t s[8][MAXL];
        size_t np = 1 + rnd(6);
        for (size_t p = 0; p < np; p++) {
            size_t n = rnd(MAXL);
            for (size_t i = 0; i < n; i++)
                s[p][i] = (spec_t){frags[rnd(sizeof frags / sizeof *frags)], rnd(600),
                                   (double)rnd(800) - 4, sizes[rnd(10)]};
            add_page(&d, rnd(3) ? NULL : "ii", s[p], n);
            d.pages[p].height = rnd(5) ? H : 0; /* a page of unknown size too */
        }
        rp_options_t opt = RP_OPTIONS_INIT;
        opt.footnotes = (rp_footnote_mode_t)rnd(RP_FOOTNOTE_MODE_LAST);
        rp_report_t *r = NULL;
        assert_int_equal(rp_parse_layout(d.pages, d.npages, &opt, NULL, &r), DS_OK);
        assert_int_equal(r->npages, np);
        for (size_t k = 0; k < r->nfootnotes; k++)
            assert_true(r->footnotes[k].page >= 1 && r->footnotes[k].page <= np);
        for (size_t p = 0; p < np; p++)
            assert_non_null(r->page_labels[p]);
        rp_report_free(r);
    }
}

/* ---- arguments ------------------------------------------------------------------------- */

static void args_errors(void **state)
{
    (void)state;
    rp_report_t *r = (rp_report_t *)1;
    assert_int_equal(rp_parse_layout(NULL, 1, NULL, NULL, &r), DS_ERR_INVALID);
    assert_null(r);
    rp_layout_line_t bad = {NULL, 3, 0, 0, 0, 0, BODY};
    rp_layout_page_t pg = {W, H, NULL, &bad, 1};
    assert_int_equal(rp_parse_layout(&pg, 1, NULL, NULL, &r), DS_ERR_INVALID);
    assert_int_equal(rp_parse_layout(&pg, 1, NULL, NULL, NULL), DS_ERR_INVALID);
    assert_int_equal(rp_parse_layout(NULL, 0, NULL, NULL, &r), DS_OK);
    assert_int_equal(r->npages, 0);
    assert_string_equal(r->page_labels[0], "");
    rp_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(notes_small_at_foot),
        cmocka_unit_test(notes_run_over_page),
        cmocka_unit_test(notes_two_columns),
        cmocka_unit_test(notes_plain_numbers_and_restart),
        cmocka_unit_test(notes_symbols_and_columns),
        cmocka_unit_test(notes_raised_evidence),
        cmocka_unit_test(notes_page_body_size),
        cmocka_unit_test(not_note_numbered_heading),
        cmocka_unit_test(not_note_caption),
        cmocka_unit_test(not_note_uncited_warned),
        cmocka_unit_test(not_note_mode_none),
        cmocka_unit_test(not_note_margin),
        cmocka_unit_test(not_note_code_jump),
        cmocka_unit_test(furniture_alternating),
        cmocka_unit_test(furniture_changing_headers),
        cmocka_unit_test(pages_blank_counted),
        cmocka_unit_test(random_layouts),
        cmocka_unit_test(args_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
