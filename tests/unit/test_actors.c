/*
 * Unit tests for indexer/actors.c, the actor alias table.
 *
 *   builtin_*    the generated table: the examples of the brief, every alias resolving
 *                to its own entry, codes only in capitals
 *   match_*      the matching rules: case, accents, apostrophes, dots, hyphens, spaces,
 *                articles, office phrases, trailing acronyms, bounds
 *   seed_*       every statement of the seed report resolves (but the coalition)
 *   user_*       actors.tsv: new actors, extended and renamed entries, bad lines
 *   load_*       files that cannot be loaded
 *   fingerprint_*  changes with the content, not without
 *   mutate_*     a bounded loop of random edits (for ASan)
 *
 * Every name is resolved from an exact-size malloc'd copy without a NUL, so ASan
 * catches a read past the end. The seed report is found as argv[1], $DS_ACTORS_SEED,
 * DS_SOURCE_DIR/corpus/... (a compile definition) or corpus/... from the working
 * directory; a missing file fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actors.h"
#include "rparse.h"
#include "tmpdir.h"

#define SEED_REL "corpus/icann-un-cyber-talks-update-2021-06.txt"

static const char *arg_seed;

typedef struct fixture {
    ix_actors_t *t;
    ds_diag_t diag;
    char *log;
    size_t loglen;
    FILE *out;
    char dir[512];
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(ix_actors_create(&f->t), DS_OK);
    f->out = open_memstream(&f->log, &f->loglen);
    ds_diag_init(&f->diag, "test", f->out);
    assert_int_equal(tmpdir_make(f->dir, sizeof f->dir, "test_actors"), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    ix_actors_free(f->t);
    fclose(f->out);
    free(f->log);
    ds_diag_release(&f->diag);
    tmpdir_remove(f->dir);
    free(f);
    return 0;
}

static const char *log_text(fixture_t *f)
{
    fflush(f->out);
    return f->log ? f->log : "";
}

/* Resolve s from an exact-size copy (no NUL after it). */
static const ix_actor_t *resolve(const ix_actors_t *t, const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, s, n);
    const ix_actor_t *a = ix_actors_resolve(t, copy, n);
    free(copy);
    return a;
}

/* The canonical name s resolves to, or "(none)". */
static const char *canon(const ix_actors_t *t, const char *s)
{
    const ix_actor_t *a = resolve(t, s);
    return a ? ix_actors_name(a) : "(none)";
}

#define assert_actor(t, s, name) assert_string_equal(canon(t, s), name)
#define assert_no_actor(t, s) assert_string_equal(canon(t, s), "(none)")

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* ---- builtin ------------------------------------------------------------------------ */

static void builtin_examples(void **state)
{
    fixture_t *f = *state;
    static const char *const uk[] = {"the United Kingdom",
                                     "United Kingdom",
                                     "United Kingdom of Great Britain and Northern Ireland",
                                     "UK",
                                     "U.K.",
                                     "GB",
                                     "GBR",
                                     "Britain",
                                     "Great Britain"};
    for (size_t i = 0; i < sizeof uk / sizeof *uk; i++)
        assert_actor(f->t, uk[i], "United Kingdom");
    static const char *const nl[] = {"the Kingdom of the Netherlands", "Netherlands",
                                     "the Netherlands", "NL", "NLD"};
    for (size_t i = 0; i < sizeof nl / sizeof *nl; i++)
        assert_actor(f->t, nl[i], "Netherlands");
    const char *gcsc = "Global Commission on the Stability of Cyberspace";
    assert_actor(f->t, "GCSC", gcsc);
    assert_actor(f->t, "the GCSC", gcsc);
    assert_actor(f->t, gcsc, gcsc);
    assert_actor(f->t, "Global Commission on the Stability in Cyberspace", gcsc);
    static const char *const us[] = {
        "US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "the US"};
    for (size_t i = 0; i < sizeof us / sizeof *us; i++)
        assert_actor(f->t, us[i], "United States");
    assert_no_actor(f->t, "America");
}

/* iso's inverted names turned readable, common names, and the curated forms. */
static void builtin_countries(void **state)
{
    fixture_t *f = *state;
    static const char *const pairs[][2] = {
        {"Congo, The Democratic Republic of the", "Democratic Republic of the Congo"},
        {"DRC", "Democratic Republic of the Congo"},
        {"Congo (Kinshasa)", "Democratic Republic of the Congo"},
        {"Congo", "Congo"},
        {"Republic of the Congo", "Congo"},
        {"Palestine, State of", "State of Palestine"},
        {"the State of Palestine", "State of Palestine"},
        {"Palestine", "State of Palestine"},
        {"Micronesia, Federated States of", "Micronesia"},
        {"Federated States of Micronesia", "Micronesia"},
        {"Iran, Islamic Republic of", "Iran"},
        {"the Islamic Republic of Iran", "Iran"},
        {"Republic of Korea", "South Korea"},
        {"ROK", "South Korea"},
        {"DPRK", "North Korea"},
        {"Democratic People's Republic of Korea", "North Korea"},
        {"Syrian Arab Republic", "Syria"},
        {"Viet Nam", "Vietnam"},
        {"Vietnam", "Vietnam"},
        {"Socialist Republic of Viet Nam", "Vietnam"},
        {"Russia", "Russian Federation"},
        {"Türkiye", "Türkiye"},
        {"Turkey", "Türkiye"},
        {"Czech Republic", "Czechia"},
        {"Holy See", "Holy See"},
        {"Vatican", "Holy See"},
        {"Holy See (Vatican City State)", "Holy See"},
        {"Côte d'Ivoire", "Côte d'Ivoire"},
        {"Cote d’Ivoire", "Côte d'Ivoire"},
        {"Ivory Coast", "Côte d'Ivoire"},
        {"Cape Verde", "Cabo Verde"},
        {"Swaziland", "Eswatini"},
        {"Macedonia", "North Macedonia"},
        {"China", "China"},
        {"People's Republic of China", "China"},
        {"PRC", "China"},
        {"the Federal Republic of Germany", "Germany"},
        {"Virgin Islands, U.S.", "U.S. Virgin Islands"},
        {"Virgin Islands, British", "British Virgin Islands"},
        {"Bolivia", "Bolivia"},
        {"AUS", "Australia"},
        {"Namibia", "Namibia"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        assert_actor(f->t, pairs[i][0], pairs[i][1]);
    static const char *const none[] = {"Korea", "Holland", "America", "Virgin Islands",
                                       "NA" /* R's missing value, not Namibia */};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        assert_no_actor(f->t, none[i]);
}

static void builtin_organizations(void **state)
{
    fixture_t *f = *state;
    static const char *const pairs[][2] = {
        {"EU", "European Union"},
        {"the European Union", "European Union"},
        {"AU", "African Union"}, /* not Australia: see gen_actor_table.py */
        {"ASEAN", "Association of Southeast Asian Nations"},
        {"OAS", "Organization of American States"},
        {"OSCE", "Organization for Security and Co-operation in Europe"},
        {"Organization for Security and Cooperation in Europe",
         "Organization for Security and Co-operation in Europe"},
        {"NATO", "North Atlantic Treaty Organization"},
        {"Nato", "North Atlantic Treaty Organization"}, /* 4 letters: any case */
        {"Council of Europe", "Council of Europe"},
        {"G77", "Group of 77"},
        {"Group of 77 and China", "Group of 77"},
        {"the G-77", "Group of 77"},
        {"NAM", "Non-Aligned Movement"}, /* not Namibia */
        {"Non Aligned Movement", "Non-Aligned Movement"},
        {"ICANN", "Internet Corporation for Assigned Names and Numbers"},
        {"ITU", "International Telecommunication Union"},
        {"UNIDIR", "United Nations Institute for Disarmament Research"},
        {"UNODC", "United Nations Office on Drugs and Crime"},
        {"UNGA", "United Nations General Assembly"},
        {"the U.N. General Assembly", "United Nations General Assembly"},
        {"UN General Assembly", "United Nations General Assembly"},
        {"the General Assembly", "United Nations General Assembly"},
        {"UN Security Council", "United Nations Security Council"},
        {"UNSC", "United Nations Security Council"},
        {"OEWG", "Open-ended Working Group"},
        {"the Open-Ended Working Group", "Open-ended Working Group"},
        {"GGE", "Group of Governmental Experts"},
        {"the UN GGE", "Group of Governmental Experts"},
        {"AHC", "Ad Hoc Committee"},
        {"Ad-hoc Committee", "Ad Hoc Committee"},
        {"Cybersecurity Tech Accord", "Cybersecurity Tech Accord"},
        {"Tech Accord", "Cybersecurity Tech Accord"},
        {"Paris Call", "Paris Call for Trust and Security in Cyberspace"},
        {"ICRC", "International Committee of the Red Cross"},
        {"Freedom Online Coalition", "Freedom Online Coalition"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        assert_actor(f->t, pairs[i][0], pairs[i][1]);
}

/* The generator's claims, checked with the real matcher: every alias of every entry
 * resolves to that entry, alias 0 is the canonical name, aliases are distinct. */
static void builtin_invariants(void **state)
{
    fixture_t *f = *state;
    size_t n = ix_actors_count(f->t);
    assert_true(n >= 280);
    assert_true(strlen(ix_actors_iso_version) > 0);
    assert_null(ix_actors_entry(f->t, n));
    for (size_t i = 0; i < n; i++) {
        const ix_actor_t *a = ix_actors_entry(f->t, i);
        assert_true(ix_actors_nalias(a) >= 1);
        assert_string_equal(ix_actors_alias(a, 0), ix_actors_name(a));
        assert_null(ix_actors_alias(a, ix_actors_nalias(a)));
        for (size_t k = 0; k < ix_actors_nalias(a); k++) {
            if (resolve(f->t, ix_actors_alias(a, k)) != a)
                fail_msg("'%s' does not resolve to '%s'", ix_actors_alias(a, k), ix_actors_name(a));
        }
    }
    const ix_actor_t *uk = resolve(f->t, "UK");
    size_t forms = 0;
    for (size_t k = 0; k < ix_actors_nalias(uk); k++)
        forms += strcmp(ix_actors_alias(uk, k), "GBR") == 0 ||
                 strcmp(ix_actors_alias(uk, k), "Great Britain") == 0;
    assert_int_equal(forms, 2);
}

/* 2- and 3-letter codes match as written in capitals only, as a whole name. */
static void builtin_codes_exact(void **state)
{
    fixture_t *f = *state;
    assert_actor(f->t, "IN", "India");
    assert_actor(f->t, "IND", "India");
    assert_no_actor(f->t, "in");
    assert_no_actor(f->t, "In");
    assert_actor(f->t, "US", "United States");
    assert_no_actor(f->t, "us");
    assert_no_actor(f->t, "Us");
    assert_no_actor(f->t, "u.s.");
    assert_no_actor(f->t, "usa");
    assert_actor(f->t, "NL", "Netherlands");
    assert_no_actor(f->t, "nl");
    assert_no_actor(f->t, "Nl");
    assert_no_actor(f->t, "eu");
    assert_no_actor(f->t, "the");
    assert_no_actor(f->t, "CAN I"); /* a code only as a whole name */
    assert_actor(f->t, "CAN", "Canada");
    assert_no_actor(f->t, "can");
    assert_no_actor(f->t, "NL NL");
}

/* ---- match ------------------------------------------------------------------------------ */

static void match_normalization(void **state)
{
    fixture_t *f = *state;
    static const char *const nl[] = {
        "THE KINGDOM OF THE NETHERLANDS",
        "the  Kingdom   of\tthe Netherlands",
        "  the Netherlands:  ",
        "the\xc2\xa0Netherlands", /* no-break space */
        "The Netherlands",
        "\xe2\x80\x9cthe Netherlands\xe2\x80\x9d",
        "the Netherlands\xc2\xb2", /* a footnote marker glued on */
        "the delegation of the Netherlands",
        "the Delegation of the Kingdom of the Netherlands",
        "Government of the Netherlands",
        "the Permanent Mission of the Kingdom of the Netherlands",
        "Permanent Representative of the Netherlands",
        "representative of the Netherlands",
        "the Mission of the Netherlands",
        "the Representative of the Government of the Netherlands",
        "Nether\xc2\xadlands", /* soft hyphen */
    };
    for (size_t i = 0; i < sizeof nl / sizeof *nl; i++)
        assert_actor(f->t, nl[i], "Netherlands");
    assert_actor(f->t, "TURKIYE", "Türkiye");
    assert_actor(f->t, "tu\xcc\x88rkiye", "Türkiye"); /* combining diaeresis */
    assert_actor(f->t, "People’s Republic of China", "China");
    assert_actor(f->t, "Peoples Republic of China", "China");
    assert_actor(f->t, "Guinea Bissau", "Guinea-Bissau");
    assert_actor(f->t,
                 "guinea\xe2\x80\x93"
                 "bissau",
                 "Guinea-Bissau"); /* en dash */
    assert_actor(f->t, "Timor Leste", "Timor-Leste");
    assert_actor(f->t, "Non-Aligned  Movement", "Non-Aligned Movement");
    assert_actor(f->t, "the U.K.", "United Kingdom");
    assert_actor(f->t, "the Government of the U.K.", "United Kingdom");
    assert_actor(f->t, "the Government of the UK", "United Kingdom");
    assert_no_actor(f->t, "Government of");         /* an office phrase needs a name after */
    assert_no_actor(f->t, "the delegation of the"); /* likewise */
    assert_no_actor(f->t, "");
    assert_no_actor(f->t, "   ");
    assert_no_actor(f->t, "...");
    assert_no_actor(f->t, "Netherlands Netherlands");
    assert_no_actor(f->t, "\xff\xfe");
    assert_actor(f->t, "the \xffNetherlands", "Netherlands"); /* a bad byte separates */
    assert_null(ix_actors_resolve(f->t, NULL, 3));
    assert_null(ix_actors_resolve(NULL, "NL", 2));
}

static void match_trailing_acronym(void **state)
{
    fixture_t *f = *state;
    const char *gcsc = "Global Commission on the Stability of Cyberspace";
    assert_actor(f->t, "the Global Commission on the Stability in Cyberspace (GCSC)", gcsc);
    assert_actor(f->t, "the Global Commission on Something Else (GCSC):", gcsc);
    assert_actor(f->t, "United Kingdom of Great Britain and Northern Ireland (UK)",
                 "United Kingdom");
    assert_actor(f->t, "Congo (Brazzaville)", "Congo"); /* as a whole: = "Congo-Brazzaville" */
    assert_no_actor(f->t, "Foo Bar (XYZ)");
    assert_no_actor(f->t, "Foo Bar (uk)"); /* the acronym follows the code rule */
    assert_no_actor(f->t, "(GCSC) Foo");
    assert_no_actor(f->t, "Foo (GCSC) (x)");
    assert_no_actor(f->t, "()");
    assert_no_actor(f->t, ")");
}

/* Only len bytes are read: prefixes of longer buffers, and names too long to be one. */
static void match_bounds(void **state)
{
    fixture_t *f = *state;
    assert_string_equal(ix_actors_name(ix_actors_resolve(f->t, "NLD", 2)), "Netherlands");
    assert_string_equal(ix_actors_name(ix_actors_resolve(f->t, "Netherlands and more", 11)),
                        "Netherlands");
    assert_null(ix_actors_resolve(f->t, "Netherlands", 0));
    char *big = malloc(IX_ACTORS_NAME_MAX + 100);
    assert_non_null(big);
    memset(big, ' ', IX_ACTORS_NAME_MAX + 100);
    memcpy(big, "Netherlands", 11);
    assert_non_null(ix_actors_resolve(f->t, big, IX_ACTORS_NAME_MAX));
    assert_null(ix_actors_resolve(f->t, big, IX_ACTORS_NAME_MAX + 1)); /* too long */
    for (size_t i = 0; i + 2 <= IX_ACTORS_NAME_MAX + 100; i += 2)
        memcpy(big + i, "a ", 2);
    assert_null(ix_actors_resolve(f->t, big, IX_ACTORS_NAME_MAX)); /* too many words */
    free(big);
}

/* ---- seed ---------------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = path ? fopen(path, "rb") : NULL;
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    if (buf)
        *len = (size_t)n;
    return buf;
}

static char *load_seed(size_t *len)
{
    char *t = slurp(arg_seed, len);
    if (!t)
        t = slurp(getenv("DS_ACTORS_SEED"), len);
#ifdef DS_SOURCE_DIR
    if (!t)
        t = slurp(DS_SOURCE_DIR "/" SEED_REL, len);
#endif
    if (!t)
        t = slurp(SEED_REL, len);
    return t;
}

/* The actors of the seed's "On <date>, <actor>" lines, as written. */
static void seed_actors_as_written(void **state)
{
    fixture_t *f = *state;
    static const char *const pairs[][2] = {
        {"the Kingdom of the Netherlands", "Netherlands"},
        {"the United Kingdom", "United Kingdom"},
        {"the Global Commission on the Stability in Cyberspace (GCSC)",
         "Global Commission on the Stability of Cyberspace"},
        {"the GCSC", "Global Commission on the Stability of Cyberspace"},
        {"the Islamic Republic of Iran", "Iran"},
        {"the Cybersecurity Tech Accord", "Cybersecurity Tech Accord"},
        {"the Federal Republic of Germany", "Germany"},
        {"the People\xe2\x80\x99s Republic of China", "China"},
        {"the Republic of Finland", "Finland"},
        {"the Republic of Slovenia", "Slovenia"},
        {"the U.N. General Assembly", "United Nations General Assembly"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        assert_actor(f->t, pairs[i][0], pairs[i][1]);
    assert_no_actor(f->t, "a coalition of nine civil society organizations");
}

/* The same through the report parser: every statement's actor_full and short form
 * resolve, but the coalition's, which names no actor of the table. */
static void seed_statements_resolve(void **state)
{
    fixture_t *f = *state;
    size_t len = 0;
    char *text = load_seed(&len);
    if (!text)
        fail_msg("seed report not found (%s)", SEED_REL);
    rp_report_t *r = NULL;
    assert_int_equal(rp_parse(text, len, "seed.txt", 20210603, NULL, &r), DS_OK);
    size_t statements = 0, unresolved = 0;
    for (size_t i = 0; i < r->npassages; i++) {
        const rp_passage_t *p = &r->passages[i];
        if (p->kind != RP_STATEMENT)
            continue;
        statements++;
        const ix_actor_t *a = resolve(f->t, p->actor_full);
        if (!a) {
            assert_string_equal(p->actor_full, "a coalition of nine civil society organizations");
            unresolved++;
            continue;
        }
        assert_ptr_equal(resolve(f->t, p->actor), a);
    }
    assert_true(statements >= 14);
    assert_int_equal(unresolved, 1);
    rp_report_free(r);
    free(text);
}

/* ---- user files ---------------------------------------------------------------------- */

static const char user_tsv[] = "\xEF\xBB\xBF# actors of my corpus\n"
                               "Microsoft\tMicrosoft Corporation\tMSFT\n"
                               "\n"
                               "Netherlands\tHolland \t\n" /* 4: adds an alias, keeps the name */
                               "Korea\tSouth Korea\tNorth Korea\n" /* 5: two actors: skipped */
                               "Kaspersky  Lab\tKaspersky\n" /* 6: spaces for a TAB: skipped */
                               "Bad\t\xff\xfe name\n"        /* 7: invalid UTF-8: skipped */
                               "   # indented comment\n"
                               "\t \t\n"                   /* 9: only separators: nothing */
                               "UK\tUnited Kingdom\r\n"    /* 10: renames the UK */
                               "Kaspersky\tKaspersky Lab"; /* 11: no newline at the end */

static void user_file_loaded(void **state)
{
    fixture_t *f = *state;
    char path[600];
    snprintf(path, sizeof path, "%s/actors.tsv", f->dir);
    write_file(path, user_tsv, sizeof user_tsv - 1);
    size_t before = ix_actors_count(f->t);
    const ix_actor_t *nl = resolve(f->t, "Netherlands");
    size_t nl_aliases = ix_actors_nalias(nl);
    assert_int_equal(ix_actors_load(f->t, path, &f->diag), DS_OK);

    assert_int_equal(ix_actors_count(f->t), before + 2); /* Microsoft, Kaspersky */
    assert_actor(f->t, "Microsoft Corporation", "Microsoft");
    assert_actor(f->t, "msft", "Microsoft"); /* 4 letters: not a code */
    assert_actor(f->t, "the Kaspersky Lab", "Kaspersky");
    assert_ptr_equal(resolve(f->t, "Holland"), nl);
    assert_string_equal(ix_actors_name(nl), "Netherlands");
    assert_int_equal(ix_actors_nalias(nl), nl_aliases + 1);
    assert_string_equal(ix_actors_alias(nl, nl_aliases), "Holland"); /* trimmed */
    const ix_actor_t *uk = resolve(f->t, "GBR");
    assert_string_equal(ix_actors_name(uk), "UK");
    assert_string_equal(ix_actors_alias(uk, 0), "UK");
    assert_ptr_equal(resolve(f->t, "United Kingdom"), uk);
    assert_ptr_equal(resolve(f->t, "U.K."), uk);
    assert_no_actor(f->t, "Korea");
    assert_actor(f->t, "South Korea", "South Korea");
    assert_no_actor(f->t, "Bad");

    const char *log = log_text(f);
    assert_int_equal(f->diag.warnings, 3);
    char want[700];
    snprintf(want, sizeof want,
             "%s:5: warning: 'South Korea' is an alias of 'South Korea' "
             "and 'North Korea' of 'North Korea'",
             path);
    assert_non_null(strstr(log, want));
    snprintf(want, sizeof want, "%s:6: warning: actor name has two spaces in a row", path);
    assert_non_null(strstr(log, want));
    snprintf(want, sizeof want, "%s:7: warning: actor name has invalid UTF-8", path);
    assert_non_null(strstr(log, want));
    for (size_t i = 0; i < ix_actors_count(f->t); i++) { /* invariants still hold */
        const ix_actor_t *a = ix_actors_entry(f->t, i);
        for (size_t k = 0; k < ix_actors_nalias(a); k++)
            assert_ptr_equal(resolve(f->t, ix_actors_alias(a, k)), a);
    }
}

/* A user line may rename an entry added by an earlier line; a short user alias is a
 * code (exact case); lines that would hold no name are bad. */
static void user_lines_in_order(void **state)
{
    fixture_t *f = *state;
    char *long_name = malloc(IX_ACTORS_NAME_MAX + 2);
    assert_non_null(long_name);
    memset(long_name, 'x', IX_ACTORS_NAME_MAX + 1);
    long_name[IX_ACTORS_NAME_MAX + 1] = '\0';
    char text[2048];
    int n = snprintf(text, sizeof text,
                     "Acme\tAcme Inc\n"
                     "Acme Corporation\tAcme Inc\tAC\n"
                     "---\n"
                     "%s\n"
                     "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h "
                     "i j k l m n o\n"
                     "Ctrl\x01name\n",
                     long_name);
    free(long_name);
    assert_true(n > 0 && (size_t)n < sizeof text);
    char *copy = malloc((size_t)n);
    memcpy(copy, text, (size_t)n);
    assert_int_equal(ix_actors_load_text(f->t, copy, (size_t)n, "mem.tsv", &f->diag), DS_OK);
    free(copy);
    const ix_actor_t *a = resolve(f->t, "Acme");
    assert_non_null(a);
    assert_string_equal(ix_actors_name(a), "Acme Corporation");
    assert_int_equal(ix_actors_nalias(a), 4); /* Acme Corporation, Acme, Acme Inc, AC */
    assert_ptr_equal(resolve(f->t, "AC"), a);
    assert_no_actor(f->t, "ac");
    const char *log = log_text(f);
    assert_non_null(strstr(log, "mem.tsv:3: warning: actor name has no letter or digit"));
    assert_non_null(strstr(log, "mem.tsv:4: warning: actor name is longer than 512"));
    assert_non_null(strstr(log, "mem.tsv:5: warning: actor name has more than 40"));
    assert_non_null(strstr(log, "mem.tsv:6: warning: actor name has invalid UTF-8 or a "
                                "control character"));
    assert_int_equal(f->diag.warnings, 4);
    assert_int_equal(ix_actors_load_text(f->t, NULL, 0, "empty.tsv", &f->diag), DS_OK);
    assert_int_equal(ix_actors_load_text(f->t, NULL, 1, "x", &f->diag), DS_ERR_INVALID);
    assert_int_equal(ix_actors_load_text(NULL, "a", 1, "x", &f->diag), DS_ERR_INVALID);
}

/* ---- load failures ----------------------------------------------------------------------- */

static void load_failures(void **state)
{
    fixture_t *f = *state;
    uint64_t fp = ix_actors_fingerprint(f->t);
    char path[600];
    snprintf(path, sizeof path, "%s/missing.tsv", f->dir);
    assert_int_equal(ix_actors_load(f->t, path, &f->diag), DS_ERR_NOT_FOUND);
    assert_string_equal(log_text(f), "");                                /* the caller decides */
    assert_int_equal(ix_actors_load(f->t, f->dir, &f->diag), DS_ERR_IO); /* a directory */
    assert_int_equal(f->diag.errors, 1);
    assert_non_null(strstr(log_text(f), ": error: actor aliases not read"));
    snprintf(path, sizeof path, "%s/binary.tsv", f->dir);
    write_file(path, "Foo\tBar\n\0\0\0", 11);
    assert_int_equal(ix_actors_load(f->t, path, &f->diag), DS_ERR_INVALID);
    assert_int_equal(f->diag.errors, 2);
    assert_no_actor(f->t, "Foo");
    assert_true(ix_actors_fingerprint(f->t) == fp); /* unchanged */
    assert_int_equal(ix_actors_load(NULL, path, &f->diag), DS_ERR_INVALID);
    assert_int_equal(ix_actors_load(f->t, NULL, &f->diag), DS_ERR_INVALID);
    ix_actors_free(NULL);
}

/* ---- fingerprint -------------------------------------------------------------------------- */

static uint64_t fingerprint_of(const char *path, const char *text)
{
    ix_actors_t *t;
    ds_diag_t d;
    ds_diag_init(&d, "test", NULL);
    d.quiet = 1;
    assert_int_equal(ix_actors_create(&t), DS_OK);
    if (text) {
        write_file(path, text, strlen(text));
        assert_int_equal(ix_actors_load(t, path, &d), DS_OK);
    }
    uint64_t fp = ix_actors_fingerprint(t);
    ix_actors_free(t);
    ds_diag_release(&d);
    return fp;
}

static void fingerprint_follows_content(void **state)
{
    fixture_t *f = *state;
    char path[600];
    snprintf(path, sizeof path, "%s/fp.tsv", f->dir);
    uint64_t builtin = fingerprint_of(path, NULL);
    assert_true(builtin == ix_actors_fingerprint(f->t));
    assert_true(fingerprint_of(path, NULL) == builtin);                /* stable */
    assert_true(fingerprint_of(path, "# nothing\n\n") == builtin);     /* comments only */
    assert_true(fingerprint_of(path, "Netherlands\tNL\n") == builtin); /* nothing new */
    uint64_t one = fingerprint_of(path, "Netherlands\tHolland\n");
    assert_true(one != builtin);
    assert_true(fingerprint_of(path, "Netherlands\tHolland\n") == one);
    assert_true(fingerprint_of(path, "# a comment\nNetherlands\tHolland\n") == one);
    assert_true(fingerprint_of(path, "Netherlands\tHollande\n") != one);
    assert_true(fingerprint_of(path, "Holland\tNetherlands\n") != one); /* renamed */
    assert_true(fingerprint_of(path, "Netherlands\tHolland\nAcme\n") != one);
}

/* A bounded mutation loop: random edits of real names and of a user file never read
 * out of bounds (ASan), and whatever resolves is an entry of the table. */
static void mutate_no_crash(void **state)
{
    fixture_t *f = *state;
    static const char *const seeds[] = {
        "the Global Commission on the Stability in Cyberspace (GCSC)",
        "the People\xe2\x80\x99s Republic of China", "U.N. General Assembly", "NL",
        "Netherlands\tHolland\n# c\nAcme\tAC\n"};
    static const char bytes[] = " \t\n().'-#ABZaz\xe2\x80\x99\xc3\xa9\xff\x01";
    f->diag.quiet = 1;
    unsigned seed = 12345;
    for (int iter = 0; iter < 3000; iter++) {
        const char *s = seeds[iter % (sizeof seeds / sizeof *seeds)];
        size_t n = strlen(s);
        char *m = malloc(n + 4);
        memcpy(m, s, n);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % (n + 1);
            char c = bytes[(seed >> 20) % (sizeof bytes - 1)];
            if ((seed >> 4) & 1 && at < n)
                m[at] = c; /* replace */
            else if (at < n)
                memmove(m + at, m + at + 1, --n - at); /* delete */
        }
        char *exact = malloc(n ? n : 1);
        memcpy(exact, m, n);
        const ix_actor_t *a = ix_actors_resolve(f->t, exact, n);
        if (a) {
            size_t i = 0;
            while (i < ix_actors_count(f->t) && ix_actors_entry(f->t, i) != a)
                i++;
            assert_true(i < ix_actors_count(f->t));
        }
        if (iter % 5 == 4)
            assert_int_equal(ix_actors_load_text(f->t, exact, n, "m.tsv", &f->diag), DS_OK);
        free(exact);
        free(m);
    }
}

int main(int argc, char **argv)
{
    arg_seed = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(builtin_examples, setup, teardown),
        cmocka_unit_test_setup_teardown(builtin_countries, setup, teardown),
        cmocka_unit_test_setup_teardown(builtin_organizations, setup, teardown),
        cmocka_unit_test_setup_teardown(builtin_invariants, setup, teardown),
        cmocka_unit_test_setup_teardown(builtin_codes_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(match_normalization, setup, teardown),
        cmocka_unit_test_setup_teardown(match_trailing_acronym, setup, teardown),
        cmocka_unit_test_setup_teardown(match_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(seed_actors_as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(seed_statements_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(user_file_loaded, setup, teardown),
        cmocka_unit_test_setup_teardown(user_lines_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(load_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(fingerprint_follows_content, setup, teardown),
        cmocka_unit_test_setup_teardown(mutate_no_crash, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
