/* Unit tests for indexer/meta.c: front matter and manifest.tsv parsing, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta.h"

typedef struct fixture {
    ds_diag_t diag;
    char *log;
    size_t loglen;
    FILE *out;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->out = open_memstream(&f->log, &f->loglen);
    ds_diag_init(&f->diag, "test", f->out);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    fclose(f->out);
    free(f->log);
    ds_diag_release(&f->diag);
    free(f);
    return 0;
}

static const char *log_text(fixture_t *f)
{
    fflush(f->out);
    return f->log ? f->log : "";
}

static void meta_set_get_merge(void **state)
{
    (void)state;
    ix_meta_t a = IX_META_INIT, b = IX_META_INIT;
    assert_int_equal(ix_meta_set(&a, "title", "One", 3), DS_OK);
    assert_int_equal(ix_meta_set(&a, "title", "Two", 3), DS_OK);
    assert_int_equal(a.n, 1);
    assert_string_equal(ix_meta_get(&a, "title"), "Two");
    assert_null(ix_meta_get(&a, "date"));
    ix_meta_set(&b, "title", "Three", 5);
    ix_meta_set(&b, "date", "2021", 4);
    assert_int_equal(ix_meta_merge(&a, &b), DS_OK);
    assert_string_equal(ix_meta_get(&a, "title"), "Three");
    assert_string_equal(ix_meta_get(&a, "date"), "2021");
    ix_meta_release(&a);
    ix_meta_release(&b);
}

static void front_matter_parsed(void **state)
{
    fixture_t *f = *state;
    const char *text = "---\ntitle: Statement by Finland\nDate: 2020-07-02\nactor: \"Finland\"\n"
                       "# a comment\nbad line\n---\nBody text.\n";
    ix_meta_t m = IX_META_INIT;
    size_t body = 99;
    assert_int_equal(ix_front_matter(text, strlen(text), "f.txt", &f->diag, &m, &body), DS_OK);
    assert_string_equal(text + body, "Body text.\n");
    assert_string_equal(ix_meta_get(&m, "title"), "Statement by Finland");
    assert_string_equal(ix_meta_get(&m, "date"), "2020-07-02");
    assert_string_equal(ix_meta_get(&m, "actor"), "Finland");
    assert_int_equal(f->diag.warnings, 1);
    assert_non_null(strstr(log_text(f), "f.txt:6: warning: front matter line"));
    ix_meta_release(&m);
}

static void no_front_matter(void **state)
{
    fixture_t *f = *state;
    ix_meta_t m = IX_META_INIT;
    size_t body = 99;
    const char *text = "Introduction\n---\nnot: front matter\n---\n";
    assert_int_equal(ix_front_matter(text, strlen(text), "g.txt", &f->diag, &m, &body), DS_OK);
    assert_int_equal(body, 0);
    assert_int_equal(m.n, 0);
    const char *open = "---\ntitle: never closed\n";
    assert_int_equal(ix_front_matter(open, strlen(open), "h.txt", &f->diag, &m, &body), DS_OK);
    assert_int_equal(body, 0);
    assert_int_equal(m.n, 0);
    assert_non_null(strstr(log_text(f), "h.txt:1: warning:"));
    ix_meta_release(&m);
}

static void manifest_rows(void **state)
{
    fixture_t *f = *state;
    const char *text = "\xEF\xBB\xBFpath\ttitle\tdate\tcommittee\n"
                       "# comment\n"
                       "b.txt\tB title\t2021\tOEWG\n"
                       "\n"
                       "a.txt\tA\\ttab\\nline\t\tGGE\n"
                       "short.txt\tonly two\n"
                       "./c/d.txt\tD\t2021-03\t\n"
                       "b.txt\tB again\t2022\tAHC\n";
    ix_manifest_t mf;
    assert_int_equal(ix_manifest_parse(text, strlen(text), "m.tsv", &f->diag, &mf), DS_OK);
    assert_int_equal(mf.n, 3);
    ix_manifest_row_t *a = ix_manifest_find(&mf, "a.txt");
    assert_non_null(a);
    assert_int_equal(a->line, 5);
    assert_string_equal(ix_meta_get(&a->meta, "title"), "A\ttab\nline");
    assert_null(ix_meta_get(&a->meta, "date")); /* empty cells set nothing */
    assert_string_equal(ix_meta_get(&a->meta, "committee"), "GGE");
    ix_manifest_row_t *b = ix_manifest_find(&mf, "b.txt");
    assert_string_equal(ix_meta_get(&b->meta, "title"), "B again"); /* later row wins */
    assert_non_null(ix_manifest_find(&mf, "c/d.txt"));
    assert_non_null(ix_manifest_find(&mf, "./c/d.txt"));
    assert_null(ix_manifest_find(&mf, "short.txt"));
    const char *log = log_text(f);
    assert_non_null(strstr(log, "m.tsv:6: warning: row has 2 columns"));
    assert_non_null(strstr(log, "m.tsv:3: warning: 'b.txt' has another row on line 8"));
    ix_manifest_release(&mf);
}

static void manifest_without_path_column(void **state)
{
    fixture_t *f = *state;
    const char *text = "file\ttitle\nx.txt\tX\n";
    ix_manifest_t mf;
    assert_int_equal(ix_manifest_parse(text, strlen(text), "m.tsv", &f->diag, &mf),
                     DS_ERR_INVALID);
    assert_int_equal(f->diag.errors, 1);
    assert_non_null(strstr(log_text(f), "m.tsv:1: error: manifest header has no 'path' column"));
    ix_manifest_release(&mf); /* safe after failure */
}

/* Diagnostics quote untrusted names: nothing a terminal would act on gets through. */
static void diagnostics_are_sanitized(void **state)
{
    fixture_t *f = *state;
    const char *evil = "e\x1b]0;x\x07\xc2\x9b" "31m\xe2\x80\xae\xff.txt"; /* OSC, CSI, RLO */
    char text[256];
    snprintf(text, sizeof text, "path\ttitle\n%s\tA\n%s\tB\n", evil, evil);
    ix_manifest_t mf;
    assert_int_equal(ix_manifest_parse(text, strlen(text), "m\x1b[2J.tsv", &f->diag, &mf),
                     DS_OK);
    const char *log = log_text(f);
    assert_non_null(strstr(log, "m [2J.tsv:2: warning: 'e ]0;x  31m \xef\xbf\xbd.txt' has"));
    assert_null(strchr(log, '\x1b'));
    assert_null(strchr(log, '\x07'));
    assert_null(strstr(log, "\xc2\x9b"));     /* C1 CSI */
    assert_null(strstr(log, "\xe2\x80\xae")); /* right-to-left override */
    ix_manifest_release(&mf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(meta_set_get_merge),
        cmocka_unit_test_setup_teardown(front_matter_parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(no_front_matter, setup, teardown),
        cmocka_unit_test_setup_teardown(manifest_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(manifest_without_path_column, setup, teardown),
        cmocka_unit_test_setup_teardown(diagnostics_are_sanitized, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
