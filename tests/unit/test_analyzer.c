/*
 * Unit tests for common/analyzer.c and common/fold.c.
 *
 *   1. The word-rule table: tricky inputs from the seed report with the exact token
 *      sequence expected (term, start, end, pos, kind, flags; the source text of each
 *      token is spelled out as a cross-check of start/end). Every token of every
 *      input also goes through analyzer_check.h (exact offsets, valid UTF-8, ...).
 *   2. Long tokens and an_term_fit; running out of memory.
 *   3. The seed report as a whole.
 *   4. Stemming, languages, stop words.
 *   5. Folding: single code points and whole-table invariants.
 *   6. The rules shared with the report parser (URLs, symbols, markers), both readings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>

#include "../fuzz/analyzer_check.h"
#include "analyzer.h"
#include "fold.h"
#include "termgen.h"
#include "utf8.h"

/* ---- 1. The word-rule table ------------------------------------------------------ */

#define W AN_KIND_WORD
#define N AN_KIND_NUMBER
#define C AN_KIND_COMPOUND
#define I AN_KIND_IDENT
#define U AN_KIND_URL
#define WHOLE AN_TOK_WHOLE
#define PART AN_TOK_PART
#define MARK AN_TOK_MARKER
#define POSS (AN_TOK_WHOLE | AN_TOK_POSSESSIVE)

typedef struct xtok {
    const char *term;
    size_t start, end;
    const char *src; /* text[start..end) */
    uint32_t pos;
    an_kind_t kind;
    unsigned flags;
} xtok_t;

typedef struct tcase {
    const char *name;
    const char *text;
    size_t invalid;     /* expected invalid_bytes */
    const xtok_t *toks; /* ends with term == NULL */
} tcase_t;

/* The tables are aligned by hand: one token (or case) per line. */
/* clang-format off */
#define END {NULL, 0, 0, NULL, 0, 0, 0}

static const xtok_t t_quotes[] = {
    {"quotes", 0, 6, "quotes", 0, W, 0},
    {"ad", 10, 12, "Ad", 1, W, 0},
    {"hoc", 13, 16, "Hoc", 2, W, 0},
    {"committee", 17, 26, "Committee", 3, W, 0},
    {"on", 30, 32, "on", 4, W, 0},
    {"public", 36, 42, "public", 5, W, 0},
    {"core", 43, 47, "core", 6, W, 0},
    {"of", 51, 53, "of", 7, W, 0},
    {"cyberspace", 54, 64, "cyberspace", 8, W, 0},
    {"would", 69, 74, "would", 9, W, 0},
    {"be", 75, 77, "be", 10, W, 0},
    END,
};
static const xtok_t t_possessive_marker[] = {
    {"icann's", 0, 9, "ICANN’s", 0, W, POSS},
    {"icann", 0, 5, "ICANN", 0, W, PART},
    {"mission", 10, 17, "mission", 1, W, 0},
    {"2", 18, 19, "2", 1, N, MARK},
    {"monitoring", 20, 30, "Monitoring", 2, W, 0},
    END,
};
static const xtok_t t_quote_marker[] = {
    {"human", 0, 5, "human", 0, W, 0},
    {"rights", 6, 12, "rights", 1, W, 0},
    {"5", 16, 17, "5", 1, N, MARK},
    {"on", 18, 20, "On", 2, W, 0},
    END,
};
static const xtok_t t_bracket_marker[] = {
    {"recommendation", 0, 14, "recommendation", 0, W, 0},
    {"13", 15, 17, "13", 1, N, 0},
    {"g", 18, 19, "g", 2, W, 0},
    {"6", 24, 25, "6", 2, N, MARK},
    END,
};
static const xtok_t t_acronym[] = {
    {"nations", 0, 7, "Nations", 0, W, 0},
    {"un", 9, 13, "U.N.", 1, W, 0},
    {"general", 15, 22, "General", 2, W, 0},
    END,
};
static const xtok_t t_un_symbol[] = {
    {"resolution", 0, 10, "resolution", 0, W, 0},
    {"a/res/75/282", 11, 23, "A/RES/75/282", 1, I, WHOLE},
    {"a", 11, 12, "A", 1, W, PART},
    {"res", 13, 16, "RES", 2, W, PART},
    {"75", 17, 19, "75", 3, N, PART},
    {"282", 20, 23, "282", 4, N, PART},
    {"countering", 27, 37, "Countering", 5, W, 0},
    END,
};
static const xtok_t t_un_symbol_dots[] = {
    {"paper", 0, 5, "paper", 0, W, 0},
    {"a/ac.290/2021/crp.2", 7, 26, "A/AC.290/2021/CRP.2", 1, I, WHOLE},
    {"a", 7, 8, "A", 1, W, PART},
    {"ac", 9, 11, "AC", 2, W, PART},
    {"290", 12, 15, "290", 3, N, PART},
    {"2021", 16, 20, "2021", 4, N, PART},
    {"crp", 21, 24, "CRP", 5, W, PART},
    {"2", 25, 26, "2", 6, N, PART},
    END,
};
#define ICANN_URL \
    "https://www.icann.org/resources/pages/government-engagementpublications-2020-03-02-en"
static const xtok_t t_url[] = {
    {"here", 0, 4, "here", 0, W, 0},
    {ICANN_URL, 6, 91, ICANN_URL, 1, U, WHOLE},
    {"https", 6, 11, "https", 1, W, PART},
    {"www", 14, 17, "www", 2, W, PART},
    {"icann", 18, 23, "icann", 3, W, PART},
    {"org", 24, 27, "org", 4, W, PART},
    {"resources", 28, 37, "resources", 5, W, PART},
    {"pages", 38, 43, "pages", 6, W, PART},
    {"government", 44, 54, "government", 7, W, PART},
    {"engagementpublications", 55, 77, "engagementpublications", 8, W, PART},
    {"2020", 78, 82, "2020", 9, N, PART},
    {"03", 83, 85, "03", 10, N, PART},
    {"02", 86, 88, "02", 11, N, PART},
    {"en", 89, 91, "en", 12, W, PART},
    {"this", 92, 96, "This", 13, W, 0},
    END,
};
static const xtok_t t_url_trailing[] = {
    {"see", 1, 4, "see", 0, W, 0},
    {"https://x.org/a_(b)", 5, 24, "https://x.org/a_(b)", 1, U, WHOLE},
    {"https", 5, 10, "https", 1, W, PART},
    {"x", 13, 14, "x", 2, W, PART},
    {"org", 15, 18, "org", 3, W, PART},
    {"a", 19, 20, "a", 4, W, PART},
    {"b", 22, 23, "b", 5, W, PART},
    {"www.un.org", 27, 37, "www.un.org", 6, U, WHOLE},
    {"www", 27, 30, "www", 6, W, PART},
    {"un", 31, 33, "un", 7, W, PART},
    {"org", 34, 37, "org", 8, W, PART},
    END,
};
static const xtok_t t_compound[] = {
    {"national", 0, 8, "national", 0, W, 0},
    {"ictrelated", 9, 20, "ICT-related", 1, C, WHOLE},
    {"ict", 9, 12, "ICT", 1, W, PART},
    {"related", 13, 20, "related", 2, W, PART},
    {"development", 21, 32, "development", 3, W, 0},
    END,
};
static const xtok_t t_compound2[] = {
    {"on", 0, 2, "on", 0, W, 0},
    {"cyberrelated", 3, 16, "cyber-related", 1, C, WHOLE},
    {"cyber", 3, 8, "cyber", 1, W, PART},
    {"related", 9, 16, "related", 2, W, PART},
    {"discussions", 17, 28, "discussions", 3, W, 0},
    END,
};
static const xtok_t t_spaced_dash[] = {
    {"on", 0, 2, "On", 0, W, 0},
    {"19", 3, 5, "19", 1, N, 0},
    {"22", 8, 10, "22", 2, N, 0},
    {"february", 11, 19, "February", 3, W, 0},
    {"2021", 20, 24, "2021", 4, N, 0},
    {"the", 26, 29, "the", 5, W, 0},
    END,
};
static const xtok_t t_comma_numbers[] = {
    {"18", 1, 3, "18", 0, N, 0},
    {"19", 4, 6, "19", 1, N, 0},
    {"22", 8, 10, "22", 2, N, 0},
    {"february", 11, 19, "February", 3, W, 0},
    {"2021", 20, 24, "2021", 4, N, 0},
    END,
};
static const xtok_t t_page_break[] = {
    {"which", 0, 5, "which", 0, W, 0},
    {"not", 6, 9, "not", 1, W, 0},
    {"only", 10, 14, "only", 2, W, 0},
    {"constitute", 15, 25, "constitute", 3, W, 0},
    {"1", 27, 28, "1", 4, N, 0},
    {"in", 30, 32, "In", 5, W, 0},
    {"the", 33, 36, "the", 6, W, 0},
    {"previous", 37, 45, "previous", 7, W, 0},
    {"two", 46, 49, "two", 8, W, 0},
    {"updates", 50, 57, "updates", 9, W, 0},
    END,
};
static const xtok_t t_form_feed[] = {
    {"public", 0, 6, "public", 0, W, 0},
    {"20", 10, 12, "20", 0, N, MARK},
    {"26", 16, 18, "26", 1, N, 0}, /* an opening quote and \f do not glue */
    {"while", 20, 25, "While", 2, W, 0},
    END,
};
static const xtok_t t_scripts[] = {
    {"καλημερα", 0, 16, "ΚΑΛΗΜΕΡΑ", 0, W, 0},
    {"елка", 17, 25, "Ёлка", 1, W, 0},
    {"йод", 26, 32, "Йод", 2, W, 0},
    {"cafe", 33, 38, "café", 3, W, 0},
    {"strasse", 39, 46, "Straße", 4, W, 0},
    {"final", 47, 53, "ﬁnal", 5, W, 0},
    END,
};
static const xtok_t t_decomposed[] = {
    {"cafe's", 0, 10, "Cafe\xcc\x81’s", 0, W, POSS},
    {"cafe", 0, 6, "Cafe\xcc\x81", 0, W, PART},
    {"ete", 11, 18, "e\xcc\x81te\xcc\x81", 1, W, 0},
    END, /* the lone combining mark at the end gives no token */
};
static const xtok_t t_invalid[] = {
    {"a", 0, 1, "a", 0, W, 0},
    {"b", 2, 3, "b", 1, W, 0},
    {"c", 4, 5, "c", 2, W, 0},
    {"d", 7, 8, "d", 3, W, 0},
    {"e", 9, 10, "e", 4, W, 0},
    {"f", 13, 14, "f", 5, W, 0},
    {"g", 15, 16, "g", 6, W, 0},
    END,
};
static const xtok_t t_controls[] = {
    {"h", 0, 1, "h", 0, W, 0},
    {"i", 2, 3, "i", 1, W, 0},
    {"j", 4, 5, "j", 2, W, 0},
    {"k", 7, 8, "k", 3, W, 0},
    {"l", 11, 12, "l", 4, W, 0},
    {"m", 13, 14, "m", 5, W, 0},
    END,
};
static const xtok_t t_groups[] = {
    {"1000000", 0, 9, "1,000,000", 0, N, 0},
    {"people", 10, 16, "people", 1, W, 0},
    {"2", 18, 19, "2", 2, N, 0},
    {"5", 20, 21, "5", 3, N, 0},
    {"and", 22, 25, "and", 4, W, 0},
    {"1", 26, 27, "1", 5, N, 0},
    {"0000", 28, 32, "0000", 6, N, 0},
    END,
};
static const xtok_t t_apostrophes[] = {
    {"oewg's", 0, 8, "OEWG’s", 0, W, POSS},
    {"oewg", 0, 4, "OEWG", 0, W, PART},
    {"and", 9, 12, "and", 1, W, 0},
    {"states", 13, 19, "States", 2, W, 0},
    {"views", 23, 28, "views", 3, W, 0},
    {"divoire", 30, 40, "d’Ivoire", 4, C, WHOLE},
    {"d", 30, 31, "d", 4, W, PART},
    {"ivoire", 34, 40, "Ivoire", 5, W, PART},
    END,
};
static const xtok_t t_digit_compounds[] = {
    {"8-12", 0, 6, "8–12", 0, C, WHOLE},
    {"8", 0, 1, "8", 0, N, PART},
    {"12", 4, 6, "12", 1, N, PART},
    {"march", 7, 12, "March", 2, W, 0},
    {"2021-03-12", 13, 23, "2021-03-12", 3, C, WHOLE},
    {"2021", 13, 17, "2021", 3, N, PART},
    {"03", 18, 20, "03", 4, N, PART},
    {"12", 21, 23, "12", 5, N, PART},
    {"covid19", 24, 32, "COVID-19", 6, C, WHOLE},
    {"covid", 24, 29, "COVID", 6, W, PART},
    {"19", 30, 32, "19", 7, N, PART},
    END,
};
static const xtok_t t_markers[] = {
    {"the", 0, 3, "the", 0, W, 0},
    {"internet", 4, 12, "Internet", 1, W, 0},
    {"16", 16, 18, "16", 1, N, MARK},
    {"mission", 19, 26, "mission", 2, W, 0},
    {"2", 26, 28, "²", 2, N, MARK},
    {"system", 29, 35, "system", 3, W, 0},
    {"3", 36, 37, "3", 3, N, MARK},
    END,
};
static const xtok_t t_marker_after_ident[] = {
    {"see", 1, 4, "see", 0, W, 0},
    {"a/69/723", 5, 13, "A/69/723", 1, I, WHOLE},
    {"a", 5, 6, "A", 1, W, PART},
    {"69", 7, 9, "69", 2, N, PART},
    {"723", 10, 13, "723", 3, N, PART},
    {"25", 18, 20, "25", 3, N, MARK},
    END,
};
static const xtok_t t_ascii_quotes_marker[] = {
    {"purposes", 0, 8, "purposes", 0, W, 0},
    {"30", 11, 13, "30", 0, N, MARK},
    {"the", 14, 17, "The", 1, W, 0},
    END,
};
static const xtok_t t_abbrev[] = {
    {"eg", 0, 4, "e.g.", 0, W, 0},
    {"at", 5, 7, "at", 1, W, 0},
    {"1:29:40", 8, 15, "1:29:40", 2, I, WHOLE},
    {"1", 8, 9, "1", 2, N, PART},
    {"29", 10, 12, "29", 3, N, PART},
    {"40", 13, 15, "40", 4, N, PART},
    {"he", 16, 20, "H.E.", 5, W, 0},
    {"nathalie", 21, 29, "Nathalie", 6, W, 0},
    END,
};
static const xtok_t t_compat[] = {
    {"full", 0, 12, "Ｆｕｌｌ", 0, W, 0},
    {"2021", 13, 21, "٢٠٢١", 1, N, 0},
    {"oresund", 22, 30, "Øresund", 2, W, 0},
    {"thing", 31, 36, "þing", 3, W, 0},
    {"oeuvre", 37, 43, "ŒUVRE", 4, W, 0},
    {"ι", 44, 46, "ΐ", 5, W, 0},
    {"σ", 47, 49, "ς", 6, W, 0},
    END,
};
static const xtok_t t_dashes[] = {
    {"cyberoperations", 0, 15, "cyberoperations", 0, W, 0},
    {"against", 18, 25, "against", 1, W, 0},         /* em dash separates */
    {"adhoc", 26, 33, "Ad\xc2\xadhoc", 2, W, 0},      /* soft hyphen joins, folds to "" */
    {"adhoc", 34, 42, "ad-\xc2\xadhoc", 3, C, WHOLE},
    {"ad", 34, 36, "ad", 3, W, PART},
    {"hoc", 37, 42, "\xc2\xadhoc", 4, W, PART},
    END,
};

static const xtok_t t_contractions[] = {
    {"it's", 0, 4, "it's", 0, W, POSS},
    {"it", 0, 2, "it", 0, W, PART},
    {"not", 5, 8, "not", 1, W, 0},
    {"there's", 9, 18, "There’s", 2, W, POSS},
    {"there", 9, 14, "There", 2, W, PART},
    {"un's", 19, 27, "U.N.’S", 3, W, POSS}, /* the acronym stays one part */
    {"un", 19, 23, "U.N.", 3, W, PART},
    {"1990's", 28, 34, "1990's", 4, N, POSS},
    {"1990", 28, 32, "1990", 4, N, PART},
    {"states", 35, 41, "States", 5, W, 0}, /* a trailing apostrophe is dropped */
    {"ictrelated", 45, 56, "ICT-related", 6, C, WHOLE}, /* 's after a compound too */
    {"ict", 45, 48, "ICT", 6, W, PART},
    {"related", 49, 56, "related", 7, W, PART},
    {"rock", 61, 65, "rock", 8, W, 0},
    {"n", 67, 68, "n", 9, W, 0},
    {"roll", 70, 74, "roll", 10, W, 0},
    {"itss", 75, 80, "it'ss", 11, C, WHOLE}, /* not 's: a compound */
    {"it", 75, 77, "it", 11, W, PART},
    {"ss", 78, 80, "ss", 12, W, PART},
    END,
};

static const xtok_t t_possessive_markers[] = {
    {"x", 0, 1, "x", 0, W, 0},
    {"rights", 2, 8, "rights", 1, W, 0},
    {"5", 12, 13, "5", 1, N, MARK}, /* a marker stays one: its 's is dropped */
    {"and", 18, 21, "and", 2, W, 0},
    {"icann's", 22, 31, "ICANN’s", 3, W, POSS},
    {"icann", 22, 27, "ICANN", 3, W, PART},
    {"3", 35, 36, "3", 3, N, MARK},
    {"y", 37, 38, "y", 4, W, 0},
    END,
};

static const tcase_t cases[] = {
    {"curly quotes", "quotes “Ad Hoc Committee” on ‘public core’ of cyberspace’ [would be]",
     0, t_quotes},
    {"possessive, dot marker", "ICANN’s mission.2\nMonitoring", 0, t_possessive_marker},
    {"quote marker", "human\nrights.”5\nOn", 0, t_quote_marker},
    {"bracket marker", "recommendation\n13(g).”6", 0, t_bracket_marker},
    {"acronym", "Nations (U.N.) General", 0, t_acronym},
    {"UN symbol", "resolution A/RES/75/282 “Countering", 0, t_un_symbol},
    {"UN symbol with dots", "paper, A/AC.290/2021/CRP.2.", 0, t_un_symbol_dots},
    {"URL", "here: " ICANN_URL " This", 0, t_url},
    {"URL trailing punctuation", "(see https://x.org/a_(b)), www.un.org.", 0, t_url_trailing},
    {"compound", "national ICT-related development", 0, t_compound},
    {"compound 2", "on cyber-related discussions", 0, t_compound2},
    {"spaced dash", "On 19 - 22 February 2021, the", 0, t_spaced_dash},
    {"comma numbers", "(18,19, 22\nFebruary 2021)", 0, t_comma_numbers},
    {"page break", "which not only constitute\n\n1\n\nIn the previous two updates", 0,
     t_page_break},
    {"form feed", "public.”20\f“26. While", 0, t_form_feed},
    {"scripts", "ΚΑΛΗΜΕΡΑ Ёлка Йод café Straße ﬁnal", 0, t_scripts},
    {"decomposed accents", "Cafe\xcc\x81’s e\xcc\x81te\xcc\x81 \xcc\x81", 0, t_decomposed},
    {"invalid UTF-8", "a\x80" "b c\xc0\xaf" "d e\xed\xa0\x80" "f g\xe2\x82", 8, t_invalid},
    {"control characters", "h\x01i\x7fj\xc2\x80k\xef\xbf\xbdl\tm", 4, t_controls},
    {"digit groups", "1,000,000 people, 2,5 and 1,0000", 0, t_groups},
    {"apostrophes", "OEWG’s and States’ views; d’Ivoire", 0, t_apostrophes},
    {"possessives and contractions",
     "it's not There’s U.N.’S 1990's States’ ICT-related’s rock 'n' roll it'ss", 0,
     t_contractions},
    {"possessives and markers", "x rights.”5’s and ICANN’s.”3 y", 0, t_possessive_markers},
    {"digit compounds", "8–12 March 2021-03-12 COVID-19", 0, t_digit_compounds},
    {"markers", "the Internet.”16 mission² system.3", 0, t_markers},
    {"marker after identifier", "(see A/69/723).”25", 0, t_marker_after_ident},
    {"ASCII quotes marker", "purposes.''30 The", 0, t_ascii_quotes_marker},
    {"abbreviations", "e.g. at 1:29:40 H.E. Nathalie", 0, t_abbrev},
    {"compatibility forms", "Ｆｕｌｌ ٢٠٢١ Øresund þing ŒUVRE ΐ ς", 0, t_compat},
    {"dashes and soft hyphen", "cyberoperations—against Ad\xc2\xadhoc ad-\xc2\xadhoc", 0,
     t_dashes},
};
/* clang-format on */

/* Tokenize text, checking the invariants; returns the number of tokens. */
static size_t check_all(const char *text, size_t len, size_t *invalid)
{
    an_tokenizer_t tk;
    an_check_t chk = {0};
    an_token_t t;
    size_t n = 0;
    int r;
    an_tokenizer_init(&tk, text, len);
    while ((r = an_tokenizer_next(&tk, &t)) == 1) {
        const char *err = an_check_token(&chk, text, len, &t);
        if (err)
            fail_msg("token %zu '%s' [%zu,%zu): %s", n, t.term, t.start, t.end, err);
        n++;
    }
    assert_int_equal(r, 0);
    if (invalid)
        *invalid = tk.invalid_bytes;
    an_tokenizer_release(&tk);
    an_check_release(&chk);
    return n;
}

static void run_case(const tcase_t *c)
{
    size_t len = strlen(c->text), i = 0, invalid;
    an_tokenizer_t tk;
    an_token_t t;
    an_tokenizer_init(&tk, c->text, len);
    for (; c->toks[i].term; i++) {
        const xtok_t *x = &c->toks[i];
        if (an_tokenizer_next(&tk, &t) != 1)
            fail_msg("%s: token %zu ('%s') missing", c->name, i, x->term);
        if (strcmp(t.term, x->term) != 0 || t.start != x->start || t.end != x->end ||
            t.pos != x->pos || t.kind != x->kind || t.flags != x->flags)
            fail_msg("%s: token %zu: got {\"%s\", %zu, %zu, %u, %d, %u}, want {\"%s\", %zu, "
                     "%zu, %u, %d, %u}",
                     c->name, i, t.term, t.start, t.end, t.pos, (int)t.kind, t.flags, x->term,
                     x->start, x->end, x->pos, (int)x->kind, x->flags);
        assert_int_equal(t.term_len, strlen(x->term));
        assert_int_equal(x->end - x->start, strlen(x->src)); /* the table itself */
        assert_memory_equal(c->text + x->start, x->src, strlen(x->src));
    }
    if (an_tokenizer_next(&tk, &t) != 0)
        fail_msg("%s: unexpected extra token '%s'", c->name, t.term);
    assert_int_equal(an_tokenizer_next(&tk, &t), 0); /* stays at the end */
    if (tk.invalid_bytes != c->invalid)
        fail_msg("%s: invalid_bytes %zu, want %zu", c->name, tk.invalid_bytes, c->invalid);
    an_tokenizer_release(&tk);
    assert_int_equal(check_all(c->text, len, &invalid), i);
}

static void word_rule_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

static void empty_and_separator_only_text(void **state)
{
    (void)state;
    an_tokenizer_t tk;
    an_token_t t;
    an_tokenizer_init(&tk, NULL, 0);
    assert_int_equal(an_tokenizer_next(&tk, &t), 0);
    an_tokenizer_release(&tk);
    an_tokenizer_release(&tk); /* twice is harmless */
    const char *seps = " \n\t— “ ” … \xe2\x80\x8b \xf0\x9f\x98\x80 ";
    an_tokenizer_init(&tk, seps, strlen(seps));
    assert_int_equal(an_tokenizer_next(&tk, &t), 0);
    assert_int_equal(tk.invalid_bytes, 0);
    an_tokenizer_release(&tk);
    an_tokenizer_release(NULL);
}

/* The text need not be NUL-terminated, and a NUL inside is a counted control. */
static void length_not_nul(void **state)
{
    (void)state;
    an_tokenizer_t tk;
    an_token_t t;
    an_tokenizer_init(&tk, "ab\0cd ef", 7);
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_string_equal(t.term, "ab");
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_string_equal(t.term, "cd");
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_string_equal(t.term, "e"); /* len 7 cuts "ef" */
    assert_int_equal(an_tokenizer_next(&tk, &t), 0);
    assert_int_equal(tk.invalid_bytes, 1);
    an_tokenizer_release(&tk);
}

/* ---- 2. Long tokens and an_term_fit ----------------------------------------------- */

static void long_token_is_cut(void **state)
{
    (void)state;
    char *text = malloc(5000);
    assert_non_null(text);
    memset(text, 'x', 5000);
    an_tokenizer_t tk;
    an_token_t t;
    size_t want[] = {AN_MAX_TOKEN_BYTES, AN_MAX_TOKEN_BYTES, 5000 - 2 * AN_MAX_TOKEN_BYTES};
    an_tokenizer_init(&tk, text, 5000);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(an_tokenizer_next(&tk, &t), 1);
        assert_int_equal(t.term_len, want[i]);
        assert_int_equal(t.pos, i);
        ds_buf_t b = DS_BUF_INIT;
        an_term_fit(&b, "", t.term, t.term_len);
        assert_true(b.len <= AN_XAPIAN_TERM_MAX);
        ds_buf_release(&b);
    }
    assert_int_equal(an_tokenizer_next(&tk, &t), 0);
    an_tokenizer_release(&tk);
    assert_int_equal(check_all(text, 5000, NULL), 3);
    free(text);
}

/* A long token of 3-byte letters is cut at a character boundary. */
static void long_multibyte_token_cut_at_boundary(void **state)
{
    (void)state;
    size_t n = 1700 * 3;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i += 3)
        memcpy(text + i, "\xe1\xb8\x81", 3); /* U+1E01, folds to "a" */
    an_tokenizer_t tk;
    an_token_t t;
    an_tokenizer_init(&tk, text, n);
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_int_equal(t.end, AN_MAX_TOKEN_BYTES / 3 * 3);
    assert_int_equal(t.term_len, AN_MAX_TOKEN_BYTES / 3);
    an_tokenizer_release(&tk);
    assert_int_equal(check_all(text, n, NULL), 3);
    free(text);
}

/* Build a text holding one URL of 300 bytes whose last byte is last. */
static char *url300(char last)
{
    char *s = malloc(301);
    assert_non_null(s);
    memcpy(s, "https://example.org/", 20);
    memset(s + 20, 'a', 279);
    s[299] = last;
    s[300] = '\0';
    return s;
}

/* The WHOLE term of the first token of text, fitted with prefix "XU". */
static void fitted_url_term(const char *text, ds_buf_t *out)
{
    an_tokenizer_t tk;
    an_token_t t;
    an_tokenizer_init(&tk, text, strlen(text));
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_int_equal(t.kind, AN_KIND_URL);
    assert_int_equal(t.term_len, 300);
    an_term_fit(out, "XU", t.term, t.term_len);
    an_tokenizer_release(&tk);
}

static void long_url_terms_fit_and_differ(void **state)
{
    (void)state;
    char *u1 = url300('b'), *u2 = url300('c');
    ds_buf_t a = DS_BUF_INIT, b = DS_BUF_INIT, a2 = DS_BUF_INIT;
    fitted_url_term(u1, &a);
    fitted_url_term(u2, &b);
    fitted_url_term(u1, &a2);
    assert_int_equal(a.len, AN_XAPIAN_TERM_MAX);
    assert_int_equal(b.len, AN_XAPIAN_TERM_MAX);
    assert_memory_equal(a.data, "XUhttps://example.org/aaa", 25);
    assert_int_equal(a.data[AN_XAPIAN_TERM_MAX - 17], '#');
    assert_string_not_equal(a.data, b.data); /* same 228-byte head, other hash */
    assert_string_equal(a.data, a2.data);    /* deterministic */
    ds_buf_release(&a);
    ds_buf_release(&b);
    ds_buf_release(&a2);
    free(u1);
    free(u2);
}

static void term_fit_short_and_boundary(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "keep:");
    an_term_fit(&b, "Z", "cafe", 4);
    assert_string_equal(ds_buf_cstr(&b), "keep:Zcafe"); /* appends, keeps what was there */
    ds_buf_reset(&b);
    char exact[AN_XAPIAN_TERM_MAX];
    memset(exact, 'q', sizeof exact);
    an_term_fit(&b, NULL, exact, sizeof exact); /* exactly at the limit: unchanged */
    assert_int_equal(b.len, AN_XAPIAN_TERM_MAX);
    assert_memory_equal(b.data, exact, sizeof exact);
    ds_buf_reset(&b);
    char greek[600]; /* 300 x "α": the cut must not split a character */
    for (size_t i = 0; i < sizeof greek; i += 2)
        memcpy(greek + i, "\xce\xb1", 2);
    an_term_fit(&b, "X", greek, sizeof greek);
    assert_true(b.len <= AN_XAPIAN_TERM_MAX);
    assert_true(utf8_is_valid(b.data, b.len));
    assert_int_equal(b.data[b.len - 17], '#');
    ds_buf_release(&b);
}

/* Out of memory: the tokenizer follows status.h's iterator convention, -DS_ERR_NOMEM and
 * failed for good (realloc fails on demand: linked with -Wl,--wrap=realloc). */
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
static int fail_realloc;

void *__wrap_realloc(void *p, size_t n)
{
    if (fail_realloc)
        return NULL;
    return __real_realloc(p, n);
}

static void tokenizer_failure_is_sticky(void **state)
{
    (void)state;
    const char *text = "alpha beta";
    an_tokenizer_t tk;
    an_token_t t = {0};
    an_tokenizer_init(&tk, text, strlen(text));
    fail_realloc = 1;
    int r = an_tokenizer_next(&tk, &t);
    fail_realloc = 0;
    assert_int_equal(r, -(int)DS_ERR_NOMEM);
    assert_null(t.term); /* untouched */
    assert_int_equal(an_tokenizer_next(&tk, &t), -(int)DS_ERR_NOMEM);
    an_tokenizer_release(&tk);
    an_tokenizer_init(&tk, text, strlen(text)); /* re-initialized, it works again */
    assert_int_equal(an_tokenizer_next(&tk, &t), 1);
    assert_string_equal(t.term, "alpha");
    an_tokenizer_release(&tk);
}

/* ---- 3. The seed report ------------------------------------------------------------- */

/* The seed report, found from this file's path (CMake compiles it by absolute path);
 * NULL if it cannot be read. */
static char *read_seed(size_t *len)
{
    char path[4096];
    const char *me = __FILE__, *cut = strstr(me, "tests/unit/");
    if (!cut)
        return NULL;
    snprintf(path, sizeof path, "%.*scorpus/icann-un-cyber-talks-update-2021-06.txt",
             (int)(cut - me), me);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static void seed_report_keeps_invariants(void **state)
{
    (void)state;
    size_t len, invalid;
    char *text = read_seed(&len);
    if (!text)
        skip();
    size_t n = check_all(text, len, &invalid);
    assert_true(n > 3000);
    assert_int_equal(invalid, 0);
    free(text);
}

/* ---- 4. Stemming, languages, stop words ----------------------------------------------- */

static void english_stems_share(void **state)
{
    (void)state;
    an_analyzer_t *an;
    ds_error_t e = {DS_ERR_IO, 3, "untouched"};
    assert_int_equal(an_analyzer_new("en", &an, &e), DS_OK);
    assert_int_equal(e.status, DS_OK); /* cleared */
    assert_int_equal(e.column, 0);
    assert_string_equal(e.message, "");
    assert_string_equal(an_analyzer_lang(an), "english");
    const char *words[] = {"protecting", "protection", "protect", "protected"};
    const char *s;
    size_t sl;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(an_stem(an, words[i], strlen(words[i]), &s, &sl), DS_OK);
        assert_int_equal(sl, 7);
        assert_memory_equal(s, "protect", 7);
    }
    assert_int_equal(an_stem(an, "states", 6, &s, &sl), DS_OK);
    assert_memory_equal(s, "state", sl);
    an_analyzer_free(an);
    an_analyzer_free(NULL);
}

static void language_names(void **state)
{
    (void)state;
    struct {
        const char *in, *want;
    } names[] = {{NULL, "english"}, {"english", "english"}, {"EN", "english"}, {"fr", "french"},
                 {"deu", "german"}, {"es", "spanish"},      {"ru", "russian"}, {"ar", "arabic"},
                 {"none", "none"},  {"None", "none"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        an_analyzer_t *an = NULL;
        assert_int_equal(an_analyzer_new(names[i].in, &an, NULL), DS_OK);
        assert_string_equal(an_analyzer_lang(an), names[i].want);
        an_analyzer_free(an);
    }
    an_analyzer_t *an;
    assert_int_equal(an_analyzer_new("ru", &an, NULL), DS_OK);
    const char *s;
    size_t sl;
    assert_int_equal(an_stem(an, "книгами", strlen("книгами"), &s, &sl), DS_OK);
    assert_true(sl < strlen("книгами"));
    an_analyzer_free(an);
}

/* Every code the analyzer's own table used to map (before lang.c) still gives the same
 * stemmer; so do the other names lang_normalize knows, and every libstemmer name. */
static void iso_codes_choose_the_same_stemmers(void **state)
{
    (void)state;
    /* clang-format off */
    static const struct {
        const char *in, *want;
    } names[] = {
        {"ar", "arabic"},     {"ara", "arabic"},     {"ca", "catalan"},     {"cat", "catalan"},
        {"da", "danish"},     {"dan", "danish"},     {"de", "german"},      {"deu", "german"},
        {"ger", "german"},    {"el", "greek"},       {"ell", "greek"},      {"gre", "greek"},
        {"en", "english"},    {"eng", "english"},    {"es", "spanish"},     {"spa", "spanish"},
        {"eu", "basque"},     {"eus", "basque"},     {"baq", "basque"},     {"fi", "finnish"},
        {"fin", "finnish"},   {"fr", "french"},      {"fra", "french"},     {"fre", "french"},
        {"ga", "irish"},      {"gle", "irish"},      {"hi", "hindi"},       {"hin", "hindi"},
        {"hu", "hungarian"},  {"hun", "hungarian"},  {"hy", "armenian"},    {"hye", "armenian"},
        {"arm", "armenian"},  {"id", "indonesian"},  {"ind", "indonesian"}, {"it", "italian"},
        {"ita", "italian"},   {"lt", "lithuanian"},  {"lit", "lithuanian"}, {"ne", "nepali"},
        {"nep", "nepali"},    {"nl", "dutch"},       {"nld", "dutch"},      {"dut", "dutch"},
        {"no", "norwegian"},  {"nb", "norwegian"},   {"nn", "norwegian"},   {"nor", "norwegian"},
        {"pt", "portuguese"}, {"por", "portuguese"}, {"ro", "romanian"},    {"ron", "romanian"},
        {"rum", "romanian"},  {"ru", "russian"},     {"rus", "russian"},    {"sr", "serbian"},
        {"srp", "serbian"},   {"sv", "swedish"},     {"swe", "swedish"},    {"ta", "tamil"},
        {"tam", "tamil"},     {"tr", "turkish"},     {"tur", "turkish"},    {"yi", "yiddish"},
        {"yid", "yiddish"},
        /* new through lang.c: names, tags, other codes, surrounding space */
        {"Castilian", "spanish"}, {"Flemish", "dutch"},     {"fr-CA", "french"},
        {"pt_BR", "portuguese"},  {" FR ", "french"},       {"Greek", "greek"},
        {"Norwegian Bokmål", "norwegian"}, {"nob", "norwegian"}, {"nno", "norwegian"},
        {"Moldavian", "romanian"}, {"Valencian", "catalan"}, {"PORTER", "porter"},
    };
    /* clang-format on */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        an_analyzer_t *an = NULL;
        if (an_analyzer_new(names[i].in, &an, NULL) != DS_OK)
            fail_msg("'%s' is refused", names[i].in);
        if (strcmp(an_analyzer_lang(an), names[i].want) != 0)
            fail_msg("'%s': %s, want %s", names[i].in, an_analyzer_lang(an), names[i].want);
        an_analyzer_free(an);
    }
    for (const char **l = sb_stemmer_list(); *l; l++) {
        an_analyzer_t *an = NULL;
        assert_int_equal(an_analyzer_new(*l, &an, NULL), DS_OK);
        assert_string_equal(an_analyzer_lang(an), *l);
        an_analyzer_free(an);
    }
    /* Languages lang.c knows but libstemmer does not stem stay refused. */
    const char *no_stemmer[] = {"grc", "Greek, Ancient (to 1453)", "haw", "zh-TW", "Klingon"};
    for (size_t i = 0; i < sizeof no_stemmer / sizeof no_stemmer[0]; i++) {
        an_analyzer_t *an = (an_analyzer_t *)&an;
        ds_error_t e;
        assert_int_equal(an_analyzer_new(no_stemmer[i], &an, &e), DS_ERR_INVALID);
        assert_null(an);
        assert_int_equal(e.status, DS_ERR_INVALID);
        assert_non_null(strstr(e.message, no_stemmer[i]));
    }
}

static void stemming_off_with_none(void **state)
{
    (void)state;
    an_analyzer_t *an;
    assert_int_equal(an_analyzer_new("none", &an, NULL), DS_OK);
    const char *s;
    size_t sl;
    assert_int_equal(an_stem(an, "protecting", 10, &s, &sl), DS_OK);
    assert_int_equal(sl, 10);
    assert_memory_equal(s, "protecting", 10);
    an_analyzer_free(an);
}

static void unknown_language_is_invalid(void **state)
{
    (void)state;
    an_analyzer_t *an = (an_analyzer_t *)&an; /* must be reset to NULL */
    ds_error_t e;
    assert_int_equal(an_analyzer_new("klingon", &an, &e), DS_ERR_INVALID);
    assert_null(an);
    assert_int_equal(e.status, DS_ERR_INVALID);
    assert_int_equal(e.column, 0);
    /* the whole message: the name, then every name libstemmer offers */
    ds_buf_t want = DS_BUF_INIT;
    ds_buf_puts(&want, "unknown language 'klingon' for stemming; use 'none' or one of:");
    for (const char **l = sb_stemmer_list(); *l; l++)
        ds_buf_printf(&want, " %s", *l);
    ds_buf_puts(&want, " (ISO 639 codes such as en, fr, es, ru, ar also work)");
    assert_string_equal(e.message, ds_buf_cstr(&want));
    assert_non_null(strstr(e.message, "english")); /* lists the valid names */
    ds_buf_release(&want);
    assert_int_equal(an_analyzer_new("zh", &an, NULL), DS_ERR_INVALID); /* no stemmer */
    assert_int_equal(an_analyzer_new("", &an, NULL), DS_ERR_INVALID);
    char longname[100];
    memset(longname, 'e', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(an_analyzer_new(longname, &an, NULL), DS_ERR_INVALID);
    assert_null(an);
}

static void stop_words(void **state)
{
    (void)state;
    const char *yes[] = {"a", "about", "and",   "the", "of",     "yourselves", "themselves", "s",
                         "t", "don",   "which", "yet", "wouldn", "i",          "with"};
    const char *no[] = {"icann", "",         "th",          "thee", "abouts", "aa",
                        "zzz",   "internet", "yourselvesx", "oewg", "un"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!an_is_stopword(yes[i], strlen(yes[i])))
            fail_msg("'%s' should be a stop word", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (an_is_stopword(no[i], strlen(no[i])))
            fail_msg("'%s' should not be a stop word", no[i]);
    assert_true(an_is_stopword("theirs-not", 6)); /* length, not NUL, ends the term */
}

/* ---- 5. Folding ---------------------------------------------------------------------- */

/* The fold of cp as a C string (cp itself when it folds to itself). */
static const char *fold_of(uint32_t cp, char *buf)
{
    const char *f;
    size_t n;
    fold_lookup(cp, &f, &n);
    if (!f)
        n = utf8_encode(cp, buf);
    else
        memcpy(buf, f, n);
    buf[n] = '\0';
    return buf;
}

static void fold_single_code_points(void **state)
{
    (void)state;
    struct {
        uint32_t cp;
        const char *fold;
    } f[] = {
        {'A', "a"},     {0x00DF, "ss"}, {0x1E9E, "ss"}, {0x00E9, "e"},   {0x00D6, "o"},
        {0x00F8, "o"},  {0x00D8, "o"},  {0x0111, "d"},  {0x0142, "l"},   {0x0127, "h"},
        {0x0131, "i"},  {0x0130, "i"},  {0x00FE, "th"}, {0x00E6, "ae"},  {0x0153, "oe"},
        {0x00F0, "d"},  {0x0439, "й"},  {0x0419, "й"},  {0x0451, "е"},   {0x0401, "е"},
        {0x03C2, "σ"},  {0x03A3, "σ"},  {0x03AC, "α"},  {0x0390, "ι"},   {0x1F80, "αι"},
        {0xFB01, "fi"}, {0xFB02, "fl"}, {0xFB00, "ff"}, {0xFB03, "ffi"}, {0xFB04, "ffl"},
        {0xFF21, "a"},  {0xFF10, "0"},  {0x0663, "3"},  {0x0969, "3"},   {0x00B2, "2"},
        {0x2079, "9"},  {0x0301, ""},   {0x00AD, ""},   {0x2019, "'"},   {0x2013, "-"},
        {0xFF0F, "/"},  {0x4E2D, "中"}, {0x0915, "क"},  {0x093F, "ि"},   {0x01C5, "dz"},
        {0x0149, "n"},  {0x0140, "l"},  {0x00B5, "μ"},
    };
    char buf[16];
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (strcmp(fold_of(f[i].cp, buf), f[i].fold) != 0)
            fail_msg("U+%04X folds to '%s', want '%s'", f[i].cp, buf, f[i].fold);
}

static void fold_classes(void **state)
{
    (void)state;
    struct {
        uint32_t cp;
        fold_class_t cls;
    } c[] = {
        {'a', FOLD_LETTER},        {'7', FOLD_DIGIT},          {0x0301, FOLD_MARK},
        {'\'', FOLD_APOS},         {0x2019, FOLD_APOS},        {0x02BC, FOLD_APOS},
        {'-', FOLD_HYPHEN},        {0x2010, FOLD_HYPHEN},      {0x2013, FOLD_HYPHEN},
        {0x2212, FOLD_HYPHEN},     {0x2014, FOLD_DASH},        {0x2015, FOLD_DASH},
        {'/', FOLD_CONNECT},       {'.', FOLD_CONNECT},        {'~', FOLD_CONNECT},
        {0x201C, FOLD_QUOTE_OPEN}, {0x2018, FOLD_QUOTE_OPEN},  {0x201E, FOLD_QUOTE_OPEN},
        {0x00AB, FOLD_QUOTE_OPEN}, {0x201D, FOLD_QUOTE_CLOSE}, {0x00BB, FOLD_QUOTE_CLOSE},
        {'"', FOLD_QUOTE},         {')', FOLD_BRACKET_CLOSE},  {']', FOLD_BRACKET_CLOSE},
        {0x00B9, FOLD_SUPER},      {0x2074, FOLD_SUPER},       {',', FOLD_SEP},
        {0x2026, FOLD_SEP},        {0x20AC, FOLD_SEP},         {0x2192, FOLD_SEP},
        {0x3001, FOLD_SEP},        {0xE000, FOLD_SEP},         {0x1F600, FOLD_SEP},
        {0xFE0F, FOLD_SEP},        {' ', FOLD_SPACE},          {'\f', FOLD_SPACE},
        {0x00A0, FOLD_SPACE},      {0x2003, FOLD_SPACE},       {0x200B, FOLD_SPACE},
        {0xFEFF, FOLD_SPACE},      {0x3000, FOLD_SPACE},       {0x01, FOLD_CONTROL},
        {0x7F, FOLD_CONTROL},      {0x80, FOLD_CONTROL},       {0xFFFD, FOLD_CONTROL},
        {0xD800, FOLD_CONTROL},    {0x110000, FOLD_CONTROL},   {0x4E00, FOLD_LETTER},
        {0x0660, FOLD_DIGIT},      {0x060C, FOLD_SEP},         {0x0E31, FOLD_LETTER},
        {0x10FFF0, FOLD_SEP},      {0x0378, FOLD_LETTER},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (fold_class(c[i].cp) != c[i].cls)
            fail_msg("U+%04X has class %d, want %d", c[i].cp, (int)fold_class(c[i].cp),
                     (int)c[i].cls);
}

/* Check the fold of one code point against the invariants of fold.h. */
static void check_fold_of(uint32_t cp)
{
    char src[4], again[16];
    size_t srclen = utf8_encode(cp, src), n;
    const char *f;
    fold_class_t cls = fold_lookup(cp, &f, &n);
    if (cls != fold_class(cp))
        fail_msg("U+%04X: fold_lookup and fold_class disagree", cp);
    if (!f || !fold_is_word(cls))
        return;
    if (n > FOLD_MAX_GROWTH * srclen || !utf8_is_valid(f, n))
        fail_msg("U+%04X: fold too long or invalid", cp);
    ds_buf_t b = DS_BUF_INIT;
    fold_word(&b, f, n); /* letters and digits only, and folding again changes nothing */
    if (b.len != n || memcmp(b.data ? b.data : "", f, n) != 0)
        fail_msg("U+%04X: fold not idempotent", cp);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int m = utf8_decode(f + i, n - i, &c);
        fold_class_t k = fold_class(c);
        if (m <= 0 || (k != FOLD_LETTER && k != FOLD_DIGIT))
            fail_msg("U+%04X: fold holds a non-letter (%s)", cp, fold_of(c, again));
        i += (size_t)m;
    }
    ds_buf_release(&b);
}

static void fold_table_invariants(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++)
        if (cp < 0xD800 || cp > 0xDFFF)
            check_fold_of(cp);
    assert_string_equal(fold_unicode_version, "14.0.0");
}

static void fold_word_skips_non_words(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    const char *s = "U.N.’s Ca\xcc\x81"
                    "fe\xff ²";
    fold_word(&b, s, strlen(s));
    assert_string_equal(ds_buf_cstr(&b), "unscafe2");
    ds_buf_release(&b);
}

/* ---- 6. Rules shared with the report parser ------------------------------------- */

static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    memcpy(p, s, len);
    return p;
}

typedef struct ucase {
    an_rule_t rule;
    const char *text;
    size_t start; /* an_url_start */
    size_t len;   /* an_url_at's *url_len (0: no URL) */
} ucase_t;

/* Both readings of a URL, side by side where they differ. */
static void url_rules(void **state)
{
    (void)state;
    static const ucase_t u[] = {
        {AN_RULE_TOKEN, "https://x.org/a_(b)),", 8, 19}, /* ',' and the unbalanced ')' */
        {AN_RULE_REPORT, "https://x.org/a_(b)),", 8, 19},
        {AN_RULE_TOKEN, "www.un.org.", 4, 10},
        {AN_RULE_REPORT, "www.un.org.", 4, 10},
        {AN_RULE_TOKEN, "HTTPS://UN.org/x", 8, 16},    /* any case */
        {AN_RULE_REPORT, "HTTPS://UN.org/x", 0, 0},    /* lower case only */
        {AN_RULE_TOKEN, "https://x.org/a[1]", 8, 17},  /* ']' always trimmed */
        {AN_RULE_REPORT, "https://x.org/a[1]", 8, 18}, /* ']' kept when balanced */
        {AN_RULE_TOKEN, "https://x.org/?", 8, 14},
        {AN_RULE_REPORT, "https://x.org/?", 8, 15},
        {AN_RULE_TOKEN, "https://x.org/}", 8, 14},
        {AN_RULE_REPORT, "https://x.org/}", 8, 15},
        {AN_RULE_TOKEN,
         "https://x.org/a\xe2\x80\x9d"
         "b",
         8, 15}, /* ends at ” */
        {AN_RULE_REPORT,
         "https://x.org/a\xe2\x80\x9d"
         "b",
         8, 19},                                                 /* to the space */
        {AN_RULE_REPORT, "https://x.org/a\xe2\x80\x9d.", 8, 15}, /* ” and . trimmed */
        {AN_RULE_TOKEN, "https://x.org/a\"b", 8, 15},
        {AN_RULE_REPORT, "https://x.org/a'", 8, 15},
        {AN_RULE_REPORT, "https://x.org/a b", 8, 15},
        {AN_RULE_TOKEN, "https://x.org/a\tb", 8, 15},
        {AN_RULE_TOKEN, "www.-x", 0, 0},  /* a word character must follow */
        {AN_RULE_REPORT, "www.-x", 4, 6}, /* any byte */
        {AN_RULE_REPORT, "www..", 4, 3},
        {AN_RULE_TOKEN, "www.", 0, 0},
        {AN_RULE_REPORT, "www.", 0, 0},
        {AN_RULE_TOKEN, "ftp://\xc3\xa9.org", 6, 12},
        {AN_RULE_TOKEN, "http://x\xff", 7, 8},    /* invalid UTF-8 ends it */
        {AN_RULE_TOKEN, "http\x1a//x.org", 7, 4}, /* 0x1A | 0x20 is ':'; the control ends it */
        {AN_RULE_TOKEN, "x://http", 0, 0},
        {AN_RULE_REPORT, "", 0, 0},
    };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
        size_t len = strlen(u[i].text), ul = 99;
        char *t = exact_copy(u[i].text, len);
        size_t st = an_url_start(t, len, u[i].rule);
        int at = an_url_at(t, len, u[i].rule, &ul);
        if (st != u[i].start || at != (u[i].start != 0) || ul != u[i].len)
            fail_msg("case %zu \"%s\": start %zu at %d len %zu, want %zu %zu", i, u[i].text, st, at,
                     ul, u[i].start, u[i].len);
        free(t);
    }
}

static void symbol_rule(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t at, len;
    } y[] = {
        {"A/RES/75/282", 0, 12},
        {"see A/AC.290/2021/CRP.2.", 4, 19}, /* the trailing '.' is not part of it */
        {"A/69/723", 0, 8},
        {"(A/75/282)", 1, 8},
        {"A/75/816.", 0, 8},
        {"A/RES", 0, 0},          /* one segment */
        {"A/B/C", 0, 0},          /* no digit */
        {"ABCDEFG/75/282", 0, 0}, /* 7 capitals */
        {"ABCDEFG/75/282", 1, 0}, /* after a letter */
        {"xA/75/282", 1, 0},
        {"1A/75/282", 1, 0},
        {"/A/75/282", 1, 0},
        {"a/75/282", 0, 0},
        {"A/75./282", 0, 0}, /* dots end the segment, and the symbol */
        {"A/75/282", 8, 0},
    };
    for (size_t i = 0; i < sizeof y / sizeof y[0]; i++) {
        size_t len = strlen(y[i].text);
        char *t = exact_copy(y[i].text, len);
        if (an_symbol_at(t, len, y[i].at) != y[i].len)
            fail_msg("case %zu \"%s\" at %zu: %zu, want %zu", i, y[i].text, y[i].at,
                     an_symbol_at(t, len, y[i].at), y[i].len);
        free(t);
    }
}

static void marker_rules(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        int digit;
    } d[] = {{0xB9, 1}, {0xB2, 2},    {0xB3, 3},    {0x2070, 0},  {0x2074, 4},   {0x2079, 9},
             {'2', -1}, {0x2082, -1}, {0x2071, -1}, {0xFFFD, -1}, {0x110000, -1}};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        assert_int_equal(an_marker_digit(d[i].cp), d[i].digit);
    static const struct {
        uint32_t cp;
        an_glue_t token, report;
    } g[] = {
        {'.', AN_GLUE_STOP, AN_GLUE_STOP},      {'!', AN_GLUE_NONE, AN_GLUE_STOP},
        {'?', AN_GLUE_NONE, AN_GLUE_STOP},      {',', AN_GLUE_NONE, AN_GLUE_COMMA},
        {':', AN_GLUE_NONE, AN_GLUE_COMMA},     {'"', AN_GLUE_CLOSE, AN_GLUE_QUOTE},
        {'\'', AN_GLUE_CLOSE, AN_GLUE_QUOTE},   {')', AN_GLUE_CLOSE, AN_GLUE_CLOSE},
        {']', AN_GLUE_CLOSE, AN_GLUE_CLOSE},    {'}', AN_GLUE_CLOSE, AN_GLUE_NONE},
        {0x201D, AN_GLUE_CLOSE, AN_GLUE_CLOSE}, {0x2019, AN_GLUE_CLOSE, AN_GLUE_CLOSE},
        {0xBB, AN_GLUE_CLOSE, AN_GLUE_CLOSE},   {0x203A, AN_GLUE_CLOSE, AN_GLUE_CLOSE},
        {0x2BC, AN_GLUE_CLOSE, AN_GLUE_NONE},   {0x300D, AN_GLUE_CLOSE, AN_GLUE_NONE},
        {0x201C, AN_GLUE_NONE, AN_GLUE_NONE},   {'a', AN_GLUE_NONE, AN_GLUE_NONE},
        {' ', AN_GLUE_NONE, AN_GLUE_NONE},      {0xFFFD, AN_GLUE_NONE, AN_GLUE_NONE},
    };
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
        if (an_marker_glue(g[i].cp, AN_RULE_TOKEN) != g[i].token ||
            an_marker_glue(g[i].cp, AN_RULE_REPORT) != g[i].report)
            fail_msg("glue U+%04X: %d %d", g[i].cp, an_marker_glue(g[i].cp, AN_RULE_TOKEN),
                     an_marker_glue(g[i].cp, AN_RULE_REPORT));
    }
    static const struct {
        const char *text; /* digits, then what follows them */
        int token, report;
    } e[] = {
        {"12", 1, 1},
        {"12 x", 1, 1},
        {"12a", 0, 0},
        {"12-3", 0, 0},
        {"12- x", 1, 0},
        {"12.5", 0, 0},
        {"12.x", 0, 1},
        {"12,000", 0, 0},
        {"12,5", 1, 0},
        {"12/3", 0, 0},
        {"12\xc3\xa9", 0, 0},
        {"12\xe2\x80\x9d", 1, 1},
        {"12\xe2\x80\x99s", 0, 1},
        {"12%", 1, 0},
        {"12\xff", 1, 1},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++) {
        size_t len = strlen(e[i].text);
        char *t = exact_copy(e[i].text, len);
        if (an_marker_end(t, len, 2, AN_RULE_TOKEN) != e[i].token ||
            an_marker_end(t, len, 2, AN_RULE_REPORT) != e[i].report)
            fail_msg("end \"%s\": %d %d", e[i].text, an_marker_end(t, len, 2, AN_RULE_TOKEN),
                     an_marker_end(t, len, 2, AN_RULE_REPORT));
        free(t);
    }
}

/* tg_term_is_stemmed answers from the term what tg_token_is_stemmed answers from the
 * token, for every kind of token (the concordance counts from the index by it). */
static void term_stemmed_agrees(void **state)
{
    (void)state;
    static const char text[] =
        "Protect protecting ICANN\xe2\x80\x99"
        "s it's U.N.\xe2\x80\x99"
        "s ICT-related d\xe2\x80\x99"
        "Ivoire "
        "covid-19 2021-03-12 1,000,000 13f A/RES/75/282 https://www.icann.org/en/x_(y) "
        "mission.2 rights.\xe2\x80\x9d"
        "5 mission\xc2\xb2 caf\xc3\xa9 \xc3\x9f"
        "e e.g. 10.30 "
        "States\xe2\x80\x99 2021\xe2\x80\x99"
        "s Stra\xc3\x9f"
        "e x@y.org";
    an_tokenizer_t tk;
    an_tokenizer_init(&tk, text, sizeof text - 1);
    an_token_t tok;
    int r, n = 0, stemmed = 0;
    while ((r = an_tokenizer_next(&tk, &tok)) == 1) {
        n++;
        stemmed += tg_token_is_stemmed(&tok);
        if (tg_term_is_stemmed(tok.term, tok.term_len) != tg_token_is_stemmed(&tok))
            fail_msg("term '%s' (kind %d, flags %u): token says %d", tok.term, (int)tok.kind,
                     tok.flags, tg_token_is_stemmed(&tok));
    }
    assert_int_equal(r, 0);
    assert_true(n > 40);
    assert_true(stemmed > 10 && stemmed < n);
    an_tokenizer_release(&tk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(word_rule_table),
        cmocka_unit_test(empty_and_separator_only_text),
        cmocka_unit_test(length_not_nul),
        cmocka_unit_test(long_token_is_cut),
        cmocka_unit_test(long_multibyte_token_cut_at_boundary),
        cmocka_unit_test(long_url_terms_fit_and_differ),
        cmocka_unit_test(term_fit_short_and_boundary),
        cmocka_unit_test(tokenizer_failure_is_sticky),
        cmocka_unit_test(seed_report_keeps_invariants),
        cmocka_unit_test(english_stems_share),
        cmocka_unit_test(language_names),
        cmocka_unit_test(iso_codes_choose_the_same_stemmers),
        cmocka_unit_test(stemming_off_with_none),
        cmocka_unit_test(unknown_language_is_invalid),
        cmocka_unit_test(stop_words),
        cmocka_unit_test(fold_single_code_points),
        cmocka_unit_test(fold_classes),
        cmocka_unit_test(fold_table_invariants),
        cmocka_unit_test(fold_word_skips_non_words),
        cmocka_unit_test(url_rules),
        cmocka_unit_test(symbol_rule),
        cmocka_unit_test(marker_rules),
        cmocka_unit_test(term_stemmed_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
