/*
 * rparse_actor.c - who speaks in a dated statement, "On <date>, <actor>: “...”", or in
 * a paragraph that opens with an office phrase, "The delegation of X, ..., noted", and
 * the actor's short form (rparse.h, section 2, Actors).
 */
#include <assert.h>
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

static const char *const offices[] = {"delegation of ",
                                      "Delegation of ",
                                      "Government of ",
                                      "government of ",
                                      "Permanent Mission of ",
                                      "permanent mission of ",
                                      "Permanent Representative of ",
                                      "permanent representative of ",
                                      "representative of ",
                                      "Representative of "};

/* -ed words that say what an office is or does, not what it said: no reporting verb
 * after an office phrase ("The delegation of Canada consisted of three experts"). */
static const char *const not_reporting[] = {
    "consisted",   "comprised", "included",  "composed",  "numbered", "arrived",   "attended",
    "travelled",   "traveled",  "headed",    "based",     "located",  "appointed", "elected",
    "established", "hosted",    "organized", "organised", "changed",  "returned",  "signed",
    "ratified",    "acceded",   "joined",    "withdrew",  "voted",    "abstained", "used"};

/* Words allowed between an office phrase and its verb: "also", "has", "strongly". */
static const char *const adverbs[] = {"also", "further", "again", "then",         "once", "jointly",
                                      "has",  "have",    "had",   "subsequently", "later"};

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
    assert(from <= n); /* the lead date ends inside t */
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

/* ---- office phrases: "The delegation of the Netherlands ... noted" ------------------- */

#define MAX_NAME_WORDS 10
#define MAX_QUALIFIERS 2
#define MAX_OFFICE_CLAUSES 2
#define MAX_ADVERBS 3

static const char *const name_joins[] = {"of", "and", "the", "&"};
static const char *const qualifiers[] = {"to", "in", "at"};
/* Reporting verbs not in -ed and not in verbs[]. */
static const char *const irregular[] = {"felt", "thought", "sought", "drew", "wished"};

/* The word at t[p..): up to white space or , ; : */
static size_t word_end(const char *t, size_t n, size_t p)
{
    while (p < n && t[p] != ' ' && !strchr(",;:", t[p]))
        p++;
    return p;
}

static size_t skip_spaces(const char *t, size_t n, size_t p)
{
    while (p < n && t[p] == ' ')
        p++;
    return p;
}

/* A word of a name: capitalized ("Netherlands", "People’s", "U.S."), or "d’Ivoire". */
static int name_word(const char *w, size_t n)
{
    if (rp_is_upper_start(w, n))
        return 1;
    if (n > 4 && w[0] == 'd' && memcmp(w + 1, "\xE2\x80\x99", 3) == 0)
        return rp_is_upper_start(w + 4, n - 4);
    return n > 2 && w[0] == 'd' && w[1] == '\'' && rp_is_upper_start(w + 2, n - 2);
}

/* The end of the name that starts at p: capitalized words, joined by "of", "and",
 * "the", "&" before another capitalized word, and a trailing "(ACRONYM)"; p if none. */
static size_t name_run(const char *t, size_t n, size_t p)
{
    size_t start = p, end = p, as, ae;
    for (int k = 0; k < MAX_NAME_WORDS && p < n; k++) {
        size_t we = word_end(t, n, p), wl = we - p;
        if (wl == 0)
            break;
        if (name_word(t + p, wl)) {
            int dot = sentence_end(t + p, wl); /* "the Netherlands." ends the sentence */
            end = dot ? we - 1 : we;
            if (dot)
                break;
        } else if (end > start && t[p] == '(' && trailing_acronym(t + p, wl, &as, &ae)) {
            end = we;
            break;
        } else if (end == start || !IN(name_joins, t + p, wl)) {
            break;
        }
        if (we >= n || t[we] != ' ')
            break;
        p = we + 1;
    }
    return end;
}

/* After the name at p: "to the United Nations", "in Geneva" -- the new position. */
static size_t skip_qualifiers(const char *t, size_t n, size_t p)
{
    for (int k = 0; k < MAX_QUALIFIERS; k++) {
        size_t w = skip_spaces(t, n, p), we = word_end(t, n, w);
        if (!IN(qualifiers, t + w, we - w))
            break;
        size_t q = skip_spaces(t, n, we);
        q += article_len(t + q, n - q);
        size_t e = name_run(t, n, q);
        if (e == q)
            break;
        p = e;
    }
    return p;
}

/* ", in its comments on the OEWG consensus report," at p: the position after it, or
 * (size_t)-1 when no clause closes with ',' in the same sentence. p if no clause. */
static size_t skip_comma_clauses(const char *t, size_t n, size_t p)
{
    for (int k = 0; k < MAX_OFFICE_CLAUSES; k++) {
        p = skip_spaces(t, n, p);
        if (p >= n || t[p] != ',')
            return p;
        size_t q = p + 1;
        for (; q < n && q - p < MAX_CLAUSE_BYTES && t[q] != ','; q++) {
            size_t cl;
            if (strchr(";:", t[q]) || rp_is_open_quote(rp_next_cp(t, n, q, &cl)))
                return (size_t)-1;
            if (t[q] == '.' && q > 0 && !rp_is_upper_start(t + q - 1, 1) && q + 1 < n &&
                t[q + 1] == ' ')
                return (size_t)-1; /* "authority. It" -- a sentence ended */
        }
        if (q >= n || t[q] != ',')
            return (size_t)-1;
        p = q + 1;
    }
    return skip_spaces(t, n, p);
}

/* A reporting verb: verbs[], the irregular ones, or a word in -ed that is not one of
 * not_reporting[]. */
static int reporting_verb(const char *w, size_t n)
{
    if (!lower_word(w, n))
        return 0;
    if (IN(verbs, w, n) || IN(irregular, w, n))
        return 1;
    return n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'd' && !IN(not_reporting, w, n);
}

/* Does a reporting verb follow the office phrase that ends at p? */
static int reports(const char *t, size_t n, size_t p)
{
    p = skip_comma_clauses(t, n, skip_qualifiers(t, n, p));
    if (p == (size_t)-1)
        return 0;
    for (int k = 0; k <= MAX_ADVERBS && p < n; k++) {
        size_t we = word_end(t, n, p), wl = we - p;
        if (reporting_verb(t + p, wl))
            return 1;
        int ly = wl >= 4 && lower_word(t + p, wl) && t[we - 2] == 'l' && t[we - 1] == 'y';
        if (!IN(adverbs, t + p, wl) && !ly)
            return 0;
        p = skip_spaces(t, n, we);
    }
    return 0;
}

int rp_office_actor(ds_arena_t *a, const char *t, size_t n, char **full, char **shortf)
{
    *full = *shortf = NULL;
    if (n < 4 || memcmp(t, "The ", 4) != 0)
        return 0;
    size_t p = 4, l = 0;
    for (size_t k = 0; k < sizeof offices / sizeof *offices && !l; k++)
        if (n - p > strlen(offices[k]) && memcmp(t + p, offices[k], strlen(offices[k])) == 0)
            l = strlen(offices[k]);
    if (!l)
        return 0;
    p += l;
    if (n - p > 4 && (memcmp(t + p, "the ", 4) == 0 || memcmp(t + p, "The ", 4) == 0))
        p += 4;
    size_t end = name_run(t, n, p);
    if (end == p || !reports(t, n, end))
        return 0;
    *full = ds_arena_strndup(a, t, end);
    *shortf = short_form(a, t, end);
    if (!*full || !*shortf) {
        *full = *shortf = NULL;
        return -1;
    }
    return 1;
}
