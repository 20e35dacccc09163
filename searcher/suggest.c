/*
 * suggest.c - spelling suggestions from the index vocabulary (see suggest.h).
 */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORD 64

/* Levenshtein distance of a and b (bytes), or limit + 1 when it exceeds limit. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    if (la > MAX_WORD || lb > MAX_WORD || (la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t row[MAX_WORD + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            v = up + 1 < v ? up + 1 : v;
            v = row[j - 1] + 1 < v ? row[j - 1] + 1 : v;
            row[j] = v;
            diag = up;
            best = v < best ? v : best;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

ds_status_t sq_suggest(xap_db_t *db, const char *word, size_t len, ds_buf_t *out)
{
    int exists = 0;
    ds_status_t rc = xap_db_term_exists(db, word, len, &exists);
    if (rc != DS_OK || exists || len < 3 || len > MAX_WORD)
        return rc;
    size_t limit = len <= 4 ? 1 : 2;
    xap_termiter_t *it = NULL;
    rc = xap_db_allterms(db, word, 1, &it);
    char best[MAX_WORD + 1] = "";
    size_t best_d = limit + 1;
    uint64_t best_f = 0;
    while (rc == DS_OK && xap_termiter_next(it) == 1) {
        size_t tl;
        const char *t = xap_termiter_term(it, &tl);
        size_t d = edit_distance(word, len, t, tl, limit);
        uint64_t f = 0;
        if (d > limit || d > best_d || xap_termiter_termfreq(it, &f) != DS_OK)
            continue;
        if (d < best_d || f > best_f) {
            best_d = d;
            best_f = f;
            memcpy(best, t, tl);
            best[tl] = '\0';
        }
    }
    xap_termiter_free(it);
    if (rc == DS_OK && best[0])
        ds_buf_puts(out, best);
    return rc;
}
