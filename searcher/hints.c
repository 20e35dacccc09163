/*
 * hints.c - why a query found nothing (see hints.h).
 *
 *   list ............... add_hint, add_fix
 *   words .............. word_hint
 *   filter values ...... list_values, value_hint
 *   entry point ........ sq_hints_find, sq_hints_release
 */
#include "hints.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "suggest.h"

/* ---- list ------------------------------------------------------------------------- */

static int push_str(char ***v, size_t n, const char *s)
{
    char **nv = realloc(*v, (n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    return (nv[n] = strdup(s)) ? 0 : -1;
}

/* Add the hint in b (once: the same word twice gives one hint). */
static ds_status_t add_hint(sq_hints_t *h, const ds_buf_t *b)
{
    if (!ds_buf_ok(b))
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->text[i], ds_buf_cstr(b)) == 0)
            return DS_OK;
    if (push_str(&h->text, h->n, ds_buf_cstr(b)) < 0)
        return DS_ERR_NOMEM;
    h->n++;
    return DS_OK;
}

static ds_status_t add_fix(sq_hints_t *h, const char *from, const char *to)
{
    for (size_t i = 0; i < h->nfix; i++)
        if (strcmp(h->from[i], from) == 0)
            return DS_OK;
    if (push_str(&h->from, h->nfix, from) < 0)
        return DS_ERR_NOMEM;
    if (push_str(&h->to, h->nfix, to) < 0) {
        free(h->from[h->nfix]);
        return DS_ERR_NOMEM;
    }
    h->nfix++;
    return DS_OK;
}

/* "actor:word" for a field's word, "word" for the text. */
static void qualified(ds_buf_t *b, const sq_check_t *c, const char *word)
{
    ds_buf_reset(b);
    if (c->field)
        ds_buf_printf(b, "%s:", c->field);
    ds_buf_puts(b, word);
}

static ds_status_t term_exists(sq_index_t *ix, const char *term, int *yes)
{
    *yes = 0;
    return term ? xap_db_term_exists(ix->db, term, strlen(term), yes) : DS_OK;
}

/* ---- words ------------------------------------------------------------------------ */

static ds_status_t word_hint(sq_index_t *ix, const sq_check_t *c, sq_hints_t *h)
{
    int stem = 0, exact = 0;
    ds_status_t rc = term_exists(ix, c->stem_term, &stem);
    if (rc == DS_OK && !stem)
        rc = term_exists(ix, c->term, &exact);
    if (rc != DS_OK || stem || exact) /* found through its stem or as written */
        return rc;
    ds_buf_t s = DS_BUF_INIT, from = DS_BUF_INIT, to = DS_BUF_INIT, msg = DS_BUF_INIT;
    rc = sq_suggest(ix->db, c->prefix, c->word, strlen(c->word), &s);
    qualified(&from, c, c->word);
    if (rc == DS_OK && s.len) {
        qualified(&to, c, ds_buf_cstr(&s));
        ds_buf_printf(&msg, "did you mean '%s' (for '%s')?", ds_buf_cstr(&to),
                      ds_buf_cstr(&from));
        rc = add_fix(h, ds_buf_cstr(&from), ds_buf_cstr(&to));
    } else if (rc == DS_OK) {
        ds_buf_printf(&msg, "no document has the word '%s'%s%s", c->word,
                      c->field ? " in field " : "", c->field ? c->field : "");
    }
    if (rc == DS_OK)
        rc = add_hint(h, &msg);
    ds_buf_release(&s);
    ds_buf_release(&from);
    ds_buf_release(&to);
    ds_buf_release(&msg);
    return rc;
}

/* ---- filter values ---------------------------------------------------------------- */

/* " (type: a, b, c)" when the field has at most SQ_HINT_MAX_VALUES values. */
static ds_status_t list_values(sq_index_t *ix, const sq_check_t *c, ds_buf_t *msg)
{
    if (strcmp(c->prefix, DS_PREFIX_SYMBOL) == 0)
        return DS_OK; /* its prefix starts the head terms' too: and symbols are many */
    xap_termiter_t *it = NULL;
    ds_buf_t list = DS_BUF_INIT;
    size_t plen = strlen(c->prefix), n = 0;
    ds_status_t rc = xap_db_allterms(ix->db, c->prefix, plen, &it);
    int r = 0;
    while (rc == DS_OK && n <= SQ_HINT_MAX_VALUES && (r = xap_termiter_next(it)) == 1) {
        size_t tl;
        const char *t = xap_termiter_term(it, &tl);
        ds_buf_printf(&list, "%s%.*s", n++ ? ", " : "", (int)(tl - plen), t + plen);
    }
    if (rc == DS_OK && r < 0) /* not "no document has a value" */
        rc = (ds_status_t)-r;
    xap_termiter_free(it);
    if (rc == DS_OK && n == 0)
        ds_buf_printf(msg, " (no document has a %s: value)", c->field);
    else if (rc == DS_OK && n <= SQ_HINT_MAX_VALUES)
        ds_buf_printf(msg, " (%s: %s)", c->field, ds_buf_cstr(&list));
    ds_buf_release(&list);
    return rc;
}

static ds_status_t value_hint(sq_index_t *ix, const sq_check_t *c, sq_hints_t *h)
{
    int yes = 0;
    ds_status_t rc = term_exists(ix, c->term, &yes);
    if (rc != DS_OK || yes)
        return rc;
    ds_buf_t msg = DS_BUF_INIT, s = DS_BUF_INIT, from = DS_BUF_INIT, to = DS_BUF_INIT;
    if (strcmp(c->field, DS_FIELD_CITES) == 0)
        ds_buf_printf(&msg, "no passage cites footnote %s", c->word);
    else
        ds_buf_printf(&msg, "no document has %s:%s", c->field, c->word);
    rc = sq_suggest(ix->db, c->prefix, c->word, strlen(c->word), &s);
    if (rc == DS_OK && s.len) {
        qualified(&from, c, c->word);
        qualified(&to, c, ds_buf_cstr(&s));
        ds_buf_printf(&msg, "; did you mean '%s'?", ds_buf_cstr(&to));
        rc = add_fix(h, ds_buf_cstr(&from), ds_buf_cstr(&to));
    }
    if (rc == DS_OK)
        rc = list_values(ix, c, &msg);
    if (rc == DS_OK)
        rc = add_hint(h, &msg);
    ds_buf_release(&msg);
    ds_buf_release(&s);
    ds_buf_release(&from);
    ds_buf_release(&to);
    return rc;
}

/* ---- entry point ------------------------------------------------------------------ */

static ds_status_t syntax_hint(const sq_check_t *c, sq_hints_t *h)
{
    ds_buf_t msg = DS_BUF_INIT;
    if (c->kind == SQ_CHECK_OPERATOR) {
        ds_buf_printf(&msg, "'%s' was searched as a word (operators are upper case): did you "
                      "mean ", c->word);
        for (const char *p = c->word; *p; p++)
            ds_buf_putc(&msg, (char)(*p - 'a' + 'A'));
        ds_buf_putc(&msg, '?');
    } else {
        ds_buf_printf(&msg, "'%s: ' with a space searches the word '%s'; the field is "
                      "written %s:VALUE, without a space", c->field, c->field, c->field);
    }
    ds_status_t rc = add_hint(h, &msg);
    ds_buf_release(&msg);
    return rc;
}

ds_status_t sq_hints_find(sq_index_t *ix, const sq_query_t *q, sq_hints_t *h)
{
    sq_check_t *checks = NULL;
    size_t n = 0;
    ds_status_t rc = sq_checks(q, ix->an, &checks, &n);
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        const sq_check_t *c = &checks[i];
        if (c->kind == SQ_CHECK_WORD)
            rc = word_hint(ix, c, h);
        else if (c->kind == SQ_CHECK_VALUE)
            rc = value_hint(ix, c, h);
        else
            rc = syntax_hint(c, h);
    }
    sq_checks_free(checks, n);
    return rc;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void sq_hints_release(sq_hints_t *h)
{
    if (!h)
        return;
    free_strs(h->text, h->n);
    free_strs(h->from, h->nfix);
    free_strs(h->to, h->nfix);
    memset(h, 0, sizeof *h);
}
