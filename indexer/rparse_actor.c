/*
 * rparse_actor.c - who speaks in a dated statement, "On <date>, <actor>: “...”", and
 * the actor's short form (rparse.h, section 2, Actors).
 */
#include <string.h>

#include "rparse_int.h"

#define MAX_ACTOR_WORDS 14
#define MAX_CLAUSE_BYTES 160

enum stop { STOP_END = 0, STOP_COLON, STOP_PUNCT, STOP_QUOTE, STOP_SENTENCE, STOP_VERB, STOP_AUX };

static const char *const prepositions[] = {
    "at",      "in",   "during", "after", "following", "before", "within", "under", "via",
    "through", "upon", "by",     "as",    "with",      "for",    "on",     "ahead", "prior"};

static const char *const verbs[] = {
    "said",       "says",      "made",       "wrote",      "writes",     "spoke",    "gave",
    "held",       "took",      "put",        "sent",       "told",       "urges",    "calls",
    "notes",      "states",    "argues",     "stresses",   "suggests",   "proposes", "supports",
    "recommends", "expresses", "highlights", "welcomes",   "reiterates", "submits",  "adds",
    "believes",   "considers", "emphasizes", "emphasises", "underlines"};

static const char *const auxiliaries[] = {
    "was",   "were",  "is",    "are",    "has",     "have",  "had",     "will",
    "would", "can",   "could", "should", "shall",   "may",   "might",   "must",
    "also",  "did",   "does",  "do",     "its",     "their", "his",     "her",
    "that",  "which", "who",   "then",   "further", "again", "jointly", "once"};

/* Keep these names whole: stripping a state form would make them ambiguous or wrong. */
static const char *const keep_whole[] = {"Republic of Korea",
                                         "Democratic People’s Republic of Korea",
                                         "Democratic People's Republic of Korea",
                                         "Democratic Republic of the Congo",
                                         "United States of America",
                                         "Russian Federation",
                                         "United Kingdom",
                                         "United Arab Emirates"};

static const char *const state_forms[] = {"Republic",     "Kingdom",      "Federation", "State",
                                          "Commonwealth", "Principality", "Duchy",      "Sultanate",
                                          "Emirate",      "Confederation"};

static const char *const offices[] = {
    "delegation of ",        "Delegation of ",        "Government of ",     "government of ",
    "Permanent Mission of ", "permanent mission of ", "representative of ", "Representative of "};

#define IN(list, s, n) in_list(list, sizeof list / sizeof *list, s, n)

static int in_list(const char *const *list, size_t nl, const char *s, size_t n)
{
    for (size_t k = 0; k < nl; k++)
        if (strlen(list[k]) == n && memcmp(list[k], s, n) == 0)
            return 1;
    return 0;
}

static int lower_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return n > 0;
}

static size_t article_len(const char *s, size_t n)
{
    static const char *const art[] = {"the ", "The ", "a ", "A ", "an ", "An "};
    for (size_t k = 0; k < sizeof art / sizeof *art; k++) {
        size_t l = strlen(art[k]);
        if (n > l && memcmp(s, art[k], l) == 0)
            return l;
    }
    return 0;
}

/* Skip "at its 71st plenary meeting," clauses before the actor; the new position, or
 * (size_t)-1 if a clause does not close with ','. */
static size_t skip_clauses(const char *t, size_t n, size_t p)
{
    for (int k = 0; k < 2; k++) {
        size_t we = p;
        while (we < n && t[we] != ' ' && t[we] != ',')
            we++;
        if (!IN(prepositions, t + p, we - p))
            return p;
        size_t q = we;
        while (q < n && q - p < MAX_CLAUSE_BYTES && t[q] != ',' && t[q] != ':' && t[q] != '.')
            q++;
        if (q >= n || t[q] != ',')
            return (size_t)-1;
        p = q + 1;
        while (p < n && t[p] == ' ')
            p++;
    }
    return p;
}

/* A word ending with '.' that ends a sentence: no inner '.', 2+ characters before it. */
static int sentence_end(const char *w, size_t n)
{
    return n >= 3 && w[n - 1] == '.' && !memchr(w, '.', n - 1);
}

/* The actor's words from p: [*start, *end) and why they stopped. */
static enum stop actor_words(const char *t, size_t n, size_t p, size_t *end, size_t *words)
{
    *end = p;
    *words = 0;
    while (p < n) {
        while (p < n && t[p] == ' ')
            p++;
        if (p >= n)
            break;
        size_t cl;
        uint32_t cp = rp_next_cp(t, n, p, &cl);
        if (rp_is_open_quote(cp))
            return STOP_QUOTE;
        if (t[p] == ':')
            return STOP_COLON;
        if (t[p] == ',' || t[p] == ';')
            return STOP_PUNCT;
        size_t we = p;
        while (we < n && t[we] != ' ' && !strchr(":,;", t[we]))
            we++;
        size_t wl = we - p;
        if (lower_word(t + p, wl)) {
            if (IN(auxiliaries, t + p, wl))
                return STOP_AUX;
            if (IN(verbs, t + p, wl) || (wl >= 4 && t[we - 2] == 'e' && t[we - 1] == 'd'))
                return STOP_VERB;
        }
        if (sentence_end(t + p, wl)) {
            if (rp_is_upper_start(t + p, wl)) {
                *end = we - 1;
                ++*words;
            }
            return STOP_SENTENCE;
        }
        if (++*words > MAX_ACTOR_WORDS)
            return STOP_END;
        *end = p = we;
    }
    return STOP_END;
}

/* Drop trailing small words ("the Netherlands in" -> "the Netherlands"). */
static size_t trim_small(const char *s, size_t a, size_t e)
{
    for (;;) {
        while (e > a && s[e - 1] == ' ')
            e--;
        size_t w = e;
        while (w > a && s[w - 1] != ' ')
            w--;
        if (w == a || !rp_is_small_word(s + w, e - w))
            return e;
        e = w;
    }
}

/* "(GCSC)" at the end: the acronym's bounds, or 0. */
static int trailing_acronym(const char *s, size_t n, size_t *as, size_t *ae)
{
    if (n < 4 || s[n - 1] != ')')
        return 0;
    const char *open = NULL;
    for (size_t i = n - 1; i-- > 0;)
        if (s[i] == '(') {
            open = s + i;
            break;
        }
    if (!open)
        return 0;
    size_t a = (size_t)(open - s) + 1, up = 0;
    for (size_t i = a; i < n - 1; i++) {
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || strchr("&.-", s[i])))
            return 0;
        up += s[i] >= 'A' && s[i] <= 'Z';
    }
    *as = a;
    *ae = n - 1;
    return up >= 2 && n - 1 - a <= 12;
}

/* "[Adjectives] Republic of [the] Name" -> offset of Name, or 0. */
static size_t state_form(const char *s, size_t n)
{
    size_t i = 0;
    for (int k = 0; k < 5 && i < n; k++) {
        size_t we = i;
        while (we < n && s[we] != ' ')
            we++;
        if (IN(state_forms, s + i, we - i) && n - we > 4 && memcmp(s + we, " of ", 4) == 0) {
            size_t r = we + 4;
            r += n - r > 4 && memcmp(s + r, "the ", 4) == 0 ? 4 : 0;
            return r < n && rp_is_upper_start(s + r, n - r) ? r : 0;
        }
        if (!rp_is_upper_start(s + i, we - i))
            return 0;
        i = we + 1;
    }
    return 0;
}

static char *short_form(ds_arena_t *a, const char *s, size_t n)
{
    size_t p = article_len(s, n), as, ae;
    for (size_t k = 0; k < sizeof offices / sizeof *offices; k++) {
        size_t l = strlen(offices[k]);
        if (n - p > l && memcmp(s + p, offices[k], l) == 0) {
            p += l;
            p += article_len(s + p, n - p);
            break;
        }
    }
    s += p;
    n -= p;
    if (trailing_acronym(s, n, &as, &ae))
        return ds_arena_strndup(a, s + as, ae - as);
    if (n == 52 && memcmp(s, "United Kingdom of Great Britain and Northern Ireland", 52) == 0)
        return ds_arena_strndup(a, s, 14);
    if (IN(keep_whole, s, n))
        return ds_arena_strndup(a, s, n);
    size_t r = state_form(s, n);
    return ds_arena_strndup(a, s + r, n - r);
}

int rp_actor(ds_arena_t *a, const char *t, size_t n, size_t from, char **full, char **shortf)
{
    *full = *shortf = NULL;
    size_t p = from, end, words;
    while (p < n && (t[p] == ',' || t[p] == ' '))
        p++;
    p = skip_clauses(t, n, p);
    if (p == (size_t)-1 || p >= n)
        return 0;
    enum stop why = actor_words(t, n, p, &end, &words);
    if (words == 0 || words > MAX_ACTOR_WORDS)
        return 0;
    end = trim_small(t, p, end);
    if (end <= p)
        return 0;
    size_t art = article_len(t + p, end - p);
    int named = rp_is_upper_start(t + p + art, end - p - art);
    if (!named && why != STOP_COLON && why != STOP_VERB)
        return 0;
    *full = ds_arena_strndup(a, t + p, end - p);
    *shortf = short_form(a, t + p, end - p);
    if (!*full || !*shortf) {
        *full = *shortf = NULL;
        return -1;
    }
    return 1;
}
