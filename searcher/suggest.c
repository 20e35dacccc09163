/*
 * suggest.c - spelling suggestions from the index vocabulary (see suggest.h).
 */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORD 64

/* Edit distance of a and b (bytes) counting insertions, deletions, substitutions and
 * transpositions of adjacent bytes ("optimal string alignment": typing errors such as
 * "protectoin" are one edit), or limit + 1 when it exceeds limit. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    if (la > MAX_WORD || lb > MAX_WORD || (la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t rows[3][MAX_WORD + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t best = cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            v = prev[j] + 1 < v ? prev[j] + 1 : v;
            v = cur[j - 1] + 1 < v ? cur[j - 1] + 1 : v;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            best = v < best ? v : best;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

ds_status_t sq_suggest(xap_db_t *db, const char *prefix, const char *word, size_t len,
                       ds_buf_t *out)
{
    size_t plen = strlen(prefix);
    if (len < 3 || len > MAX_WORD || plen > MAX_WORD)
        return DS_OK;
    char term[2 * MAX_WORD + 1];
    memcpy(term, prefix, plen);
    memcpy(term + plen, word, len);
    int exists = 0;
    ds_status_t rc = xap_db_term_exists(db, term, plen + len, &exists);
    if (rc != DS_OK || exists)
        return rc;
    size_t limit = len <= 4 ? 1 : 2;
    xap_termiter_t *it = NULL;
    rc = xap_db_allterms(db, term, plen + 1, &it); /* same first character */
    char best[MAX_WORD + 1] = "";
    size_t best_d = limit + 1;
    uint64_t best_f = 0;
    int r = 0;
    while (rc == DS_OK && (r = xap_termiter_next(it)) == 1) {
        size_t tl;
        const char *t = xap_termiter_term(it, &tl);
        if (tl < plen)
            continue;
        t += plen;
        tl -= plen;
        size_t d = edit_distance(word, len, t, tl, limit);
        uint64_t f = 0;
        if (d > limit || d > best_d || (rc = xap_termiter_termfreq(it, &f)) != DS_OK)
            continue;
        if (d < best_d || f > best_f) {
            best_d = d;
            best_f = f;
            memcpy(best, t, tl);
            best[tl] = '\0';
        }
    }
    if (rc == DS_OK && r < 0)
        rc = (ds_status_t)-r;
    xap_termiter_free(it);
    if (rc == DS_OK && best[0])
        ds_buf_puts(out, best);
    return rc;
}
