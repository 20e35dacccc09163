/*
 * Unit tests for common/lang.c and its generated table (lang_table.c).
 *
 *   1. Many spellings of one language give one code; tags; names.
 *   2. Unknown values, empty input, buffers: what is appended and returned.
 *   3. lang_english_name.
 *   4. The whole table: sorted, unique, and every row's codes and first name lead
 *      back to the row (which checks lang.c's name_key against the generator's).
 *
 * Every input is copied into a malloc'd buffer of exactly its length (no NUL), so
 * AddressSanitizer catches any read past len.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang.h"
#include "lang_table.h"

/* lang_normalize(s[0..len)) from an exact-size copy, appended to out. */
static int normalize_n(const char *s, size_t len, ds_buf_t *out)
{
    char *copy = len ? malloc(len) : NULL;
    if (len) {
        assert_non_null(copy);
        memcpy(copy, s, len);
    }
    int rc = lang_normalize(copy, len, out);
    free(copy);
    return rc;
}

/* Normalize the C string in into a fresh buffer; fail unless rc and the text match. */
static void expect(const char *in, int want_rc, const char *want)
{
    ds_buf_t b = DS_BUF_INIT;
    int rc = normalize_n(in, strlen(in), &b);
    if (rc != want_rc || strcmp(ds_buf_cstr(&b), want) != 0)
        fail_msg("'%s': got %d '%s', want %d '%s'", in, rc, ds_buf_cstr(&b), want_rc, want);
    /* Idempotent: what was appended normalizes to itself with the same answer. */
    ds_buf_t again = DS_BUF_INIT;
    if (want_rc >= 0 && (normalize_n(b.data, b.len, &again) != rc || strcmp(again.data, want)))
        fail_msg("'%s' -> '%s' is not idempotent", in, want);
    ds_buf_release(&again);
    ds_buf_release(&b);
}

/* Every input must be recognized as code. */
static void expect_all(const char *code, const char *const *in)
{
    for (; *in; in++)
        expect(*in, 1, code);
}

/* ---- 1. One code per language ------------------------------------------------------ */

static void spellings_of_one_language(void **state)
{
    (void)state;
    expect_all("fr", (const char *const[]){"fr", "fra", "fre", "french", "French", "FRENCH", " FR ",
                                           "\tfre\n", "fr-CA", NULL});
    expect_all(
        "en", (const char *const[]){"en", "eng", "english", "EN", "en-GB", "en_US", "En-gb", NULL});
    expect_all("zh", (const char *const[]){"zh", "zho", "chi", "chinese", "Chinese", "zh-Hant-TW",
                                           "zh_Hans", NULL});
    expect_all("ar", (const char *const[]){"ar", "ara", "arabic", "Arabic", "ar-EG", NULL});
    expect_all("ru", (const char *const[]){"ru", "rus", "russian", "Russian", "ru-RU", NULL});
    expect_all("es", (const char *const[]){"es", "spa", "spanish", "Spanish", "castilian",
                                           "Castilian", "es-419", "es_MX", NULL});
    expect_all("nl", (const char *const[]){"nl", "nld", "dut", "dutch", "Dutch", "flemish",
                                           "Flemish", "nl-BE", NULL});
    expect_all("el", (const char *const[]){"el", "ell", "gre", "greek", "Greek", "GREEK",
                                           "Greek, Modern (1453-)", "greek, modern (1453-)", NULL});
    expect_all("pt", (const char *const[]){"pt", "por", "Portuguese", "pt-BR", "pt_PT", NULL});
    expect_all("de", (const char *const[]){"de", "deu", "ger", "German", "de-CH", NULL});
    expect_all(
        "ro", (const char *const[]){"ro", "ron", "rum", "Romanian", "Moldavian", "moldovan", NULL});
}

static void ancient_greek_is_not_greek(void **state)
{
    (void)state;
    expect("grc", 1, "grc");
    expect("GRC", 1, "grc");
    expect("Greek, Ancient (to 1453)", 1, "grc");
    expect("Greek, Ancient", 0, "greek, ancient"); /* only the full name */
    expect("Modern Greek", 0, "modern greek");     /* iso-codes does not write this one */
}

static void languages_without_639_1(void **state)
{
    (void)state;
    expect_all("haw", (const char *const[]){"haw", "HAW", "hawaiian", "Hawaiian", " Hawaiian ",
                                            "haw-US", NULL});
    expect_all("fil", (const char *const[]){"fil", "Filipino", "Pilipino", NULL});
    /* Collective codes have no 639-3 code: their 639-2 code is canonical. */
    expect_all("afa", (const char *const[]){"afa", "Afro-Asiatic languages", NULL});
    /* Special codes are languages of the table too. */
    expect("und", 1, "und");
    expect("Undetermined", 1, "und");
    expect("mul", 1, "mul");
    expect("Not applicable", 1, "zxx");
    expect("tlh", 1, "tlh");
    expect("Klingon", 1, "tlh");
}

static void serbo_croatian_comes_from_639_3(void **state)
{
    (void)state;
    expect_all("sh", (const char *const[]){"sh", "hbs", "Serbo-Croatian", "SERBO-CROATIAN", NULL});
    expect("sr", 1, "sr");
    expect("scr", 0, "scr"); /* a withdrawn 639-2/B code: not in iso-codes */
}

static void names_ignore_case_accents_and_spacing(void **state)
{
    (void)state;
    expect("Volapük", 1, "vo");
    expect("VOLAPÜK", 1, "vo");
    expect("volapuk", 1, "vo");
    expect("Volapu\xcc\x88k", 1, "vo"); /* u + combining diaeresis */
    expect("Norwegian Bokmål", 1, "nb");
    expect("norwegian   bokmal", 1, "nb");
    expect("Bokmål, Norwegian", 1, "nb");
    expect("Norwegian Nynorsk", 1, "nn");
    expect("Norwegian", 1, "no");
    expect("provencal", 1, "oc");
    expect("Mi'kmaq", 1, "mic");
    expect("Mi\xe2\x80\x99kmaq", 1, "mic"); /* typographic apostrophe */
    expect("Bangla", 1, "bn");              /* iso-codes' common_name */
    expect("Bengali", 1, "bn");
    expect("Scottish Gaelic", 1, "gd");
    expect("Gaelic", 1, "gd");
    expect("Ndebele, South", 1, "nr");
    expect("South Ndebele", 1, "nr");
    expect("Ndebele South", 0, "ndebele south"); /* other punctuation must be as written */
    expect("Fr ench", 0, "fr ench");
}

static void codes_win_over_names(void **state)
{
    (void)state;
    expect("ga", 1, "ga");   /* Irish */
    expect("Ga", 1, "ga");   /* also Irish: the name of the language Ga is out of reach */
    expect("gaa", 1, "gaa"); /* ... except through its code */
    expect("Irish", 1, "ga");
    expect("lao", 1, "lo"); /* a name that is also its own code */
    expect("Lao", 1, "lo");
}

static void malformed_tags_are_unknown(void **state)
{
    (void)state;
    expect("en-", 0, "en-");
    expect("-en", 0, "-en");
    expect("en--GB", 0, "en--gb");
    expect("en-GB-", 0, "en-gb-");
    expect("en-abcdefghi", 0, "en-abcdefghi"); /* a subtag of 9 */
    expect("en-abcdefgh", 1, "en");            /* 8 is fine */
    expect("en-G B", 0, "en-g b");
    expect("en-GÉ", 0, "en-g\xc3\x89");
    expect("xx-YY", 0, "xx-yy");           /* unknown primary code */
    expect("engl-GB", 0, "engl-gb");       /* not a code */
    expect("english-GB", 0, "english-gb"); /* tags start with a code, not a name */
}

/* ---- 2. Unknown values, empty input, buffers ------------------------------------- */

static void unknown_values_pass_through_lower_cased(void **state)
{
    (void)state;
    expect("klingonese", 0, "klingonese");
    expect("Klingonese", 0, "klingonese");
    expect("XX", 0, "xx");
    expect("  Old Klingonese\t", 0, "old klingonese"); /* trimmed, inside unchanged */
    expect("cmn", 0, "cmn");                           /* a 639-3 language outside 639-2 */
    expect("qaa", 0, "qaa");                           /* reserved for local use */
    expect("Français", 0, "français");                 /* not an English name; non-ASCII kept */
    expect("FRANÇAIS", 0,
           "fran\xc3\x87"
           "ais"); /* only ASCII letters are lowered */
    expect("e", 0, "e");
    expect("engl", 0, "engl");
    expect("fr1", 0, "fr1");
    expect("French\xff", 0, "french\xff"); /* invalid UTF-8: never a name */
    expect("Fre\x01nch", 0, "fre\x01nch"); /* a control character: never a name */
}

static void embedded_nul_is_a_byte(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(normalize_n("FR\0CA", 5, &b), 0);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "fr\0ca", 5);
    ds_buf_release(&b);
}

static void empty_input_appends_nothing(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "x|");
    assert_int_equal(lang_normalize(NULL, 0, &b), -1);
    assert_int_equal(normalize_n("", 0, &b), -1);
    assert_int_equal(normalize_n("   ", 3, &b), -1);
    assert_int_equal(normalize_n(" \t\r\n\v\f", 6, &b), -1);
    assert_string_equal(ds_buf_cstr(&b), "x|");
    ds_buf_release(&b);
}

static void appends_and_respects_len(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    ds_buf_puts(&b, "lang:");
    assert_int_equal(normalize_n("French and more", 6, &b), 1); /* only "French" */
    ds_buf_putc(&b, '|');
    assert_int_equal(normalize_n("fr-CA", 2, &b), 1);
    ds_buf_putc(&b, '|');
    assert_int_equal(normalize_n("Klingonese!", 10, &b), 0);
    ds_buf_putc(&b, '|');
    assert_int_equal(normalize_n("fre", 1, &b), 0); /* just "f" */
    assert_string_equal(ds_buf_cstr(&b), "lang:fr|fr|klingonese|f");
    ds_buf_release(&b);
}

static void long_inputs(void **state)
{
    (void)state;
    char big[4000];
    memset(big, 'A', sizeof big);
    ds_buf_t b = DS_BUF_INIT;
    assert_int_equal(normalize_n(big, sizeof big, &b), 0); /* longer than any name key */
    assert_int_equal(b.len, sizeof big);
    assert_int_equal(b.data[0], 'a');
    assert_int_equal(b.data[sizeof big - 1], 'a');
    ds_buf_release(&b);
    /* The longest name (58 bytes) still matches, with extra white space inside. */
    expect("Interlingua  (International Auxiliary Language Association)", 1, "ia");
}

static void failed_buffer_still_answers(void **state)
{
    (void)state;
    ds_buf_t b = DS_BUF_INIT;
    b.failed = 1; /* an earlier allocation failed: appends are no-ops */
    assert_int_equal(normalize_n("French", 6, &b), 1);
    assert_int_equal(normalize_n("Klingonese", 10, &b), 0);
    assert_int_equal(b.len, 0);
    assert_false(ds_buf_ok(&b));
    ds_buf_release(&b);
}

/* ---- 3. lang_english_name ------------------------------------------------------------ */

static void english_names(void **state)
{
    (void)state;
    assert_string_equal(lang_english_name("fr"), "French");
    assert_string_equal(lang_english_name("fra"), "French");
    assert_string_equal(lang_english_name("fre"), "French");
    assert_string_equal(lang_english_name("es"), "Spanish");
    assert_string_equal(lang_english_name("nl"), "Dutch");
    assert_string_equal(lang_english_name("el"), "Greek, Modern (1453-)");
    assert_string_equal(lang_english_name("grc"), "Greek, Ancient (to 1453)");
    assert_string_equal(lang_english_name("haw"), "Hawaiian");
    assert_string_equal(lang_english_name("nb"), "Bokmål, Norwegian");
    assert_string_equal(lang_english_name("bn"), "Bengali");
    assert_string_equal(lang_english_name("gaa"), "Ga");
    assert_string_equal(lang_english_name("sh"), "Serbo-Croatian");
    assert_null(lang_english_name(NULL));
    assert_null(lang_english_name(""));
    assert_null(lang_english_name("f"));
    assert_null(lang_english_name("FR"));
    assert_null(lang_english_name("french"));
    assert_null(lang_english_name("fr-CA"));
    assert_null(lang_english_name("xx"));
    assert_null(lang_english_name("qaa"));
    assert_true(lang_iso_codes_version[0] >= '0' && lang_iso_codes_version[0] <= '9');
}

/* ---- 4. The whole table ------------------------------------------------------------ */

static void tables_sorted_and_unique(void **state)
{
    (void)state;
    assert_true(lang_nrows > 480 && lang_ncodes > lang_nrows && lang_nnames > lang_nrows);
    for (size_t i = 0; i < lang_ncodes; i++) {
        const char *c = lang_codes[i].code;
        size_t n = strlen(c);
        assert_true(n == 2 || n == 3);
        for (size_t k = 0; k < n; k++)
            assert_true(c[k] >= 'a' && c[k] <= 'z');
        assert_true(lang_codes[i].row < lang_nrows);
        if (i > 0 && strcmp(lang_codes[i - 1].code, c) >= 0)
            fail_msg("codes out of order at %s", c);
    }
    for (size_t i = 0; i < lang_nnames; i++) {
        const char *k = lang_names[i].key;
        assert_true(strlen(k) > 0 && strlen(k) < LANG_KEY_CAP);
        assert_true(lang_names[i].row < lang_nrows);
        if (i > 0 && strcmp(lang_names[i - 1].key, k) >= 0)
            fail_msg("names out of order at %s", k);
        if (lang_english_name(k)) /* a key equal to a code could never be reached */
            fail_msg("name key %s is a code", k);
    }
}

/* Every code of every row, and its first English name, give the row's canonical code;
 * the canonical code names the row back. */
static void every_row_round_trips(void **state)
{
    (void)state;
    for (size_t i = 0; i < lang_nrows; i++) {
        const lang_row_t *r = &lang_rows[i];
        const char *want = r->code1[0] ? r->code1 : r->code3[0] ? r->code3 : r->code2t;
        const char *codes[] = {r->code1, r->code2t, r->code2b, r->code3};
        for (size_t k = 0; k < 4; k++) {
            if (codes[k][0])
                expect(codes[k], 1, want);
        }
        assert_ptr_equal(lang_english_name(want), r->name);
        if (strcmp(r->name, "Ga") != 0) /* the one name a code shadows (Irish "ga") */
            expect(r->name, 1, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spellings_of_one_language),
        cmocka_unit_test(ancient_greek_is_not_greek),
        cmocka_unit_test(languages_without_639_1),
        cmocka_unit_test(serbo_croatian_comes_from_639_3),
        cmocka_unit_test(names_ignore_case_accents_and_spacing),
        cmocka_unit_test(codes_win_over_names),
        cmocka_unit_test(malformed_tags_are_unknown),
        cmocka_unit_test(unknown_values_pass_through_lower_cased),
        cmocka_unit_test(embedded_nul_is_a_byte),
        cmocka_unit_test(empty_input_appends_nothing),
        cmocka_unit_test(appends_and_respects_len),
        cmocka_unit_test(long_inputs),
        cmocka_unit_test(failed_buffer_still_answers),
        cmocka_unit_test(english_names),
        cmocka_unit_test(tables_sorted_and_unique),
        cmocka_unit_test(every_row_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
