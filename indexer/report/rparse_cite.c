/*
 * rparse_cite.c - a footnote's citation date: which of its dates is the cited
 * document's, which the meeting's, and which an access date (rparse.h, section 2,
 * Citation dates).
 *
 * Map
 *   access_before()   "retrieved on", "accessed", "last visited" ... before a date
 *   bracket_open()    the innermost ( or [ still open at a date
 *   meeting_near()    a meeting word in the clause of a date, or in the one before
 *   classify()        access, meeting or document date
 *   rp_cite_dates()   every date before the URL, classified; the last of each wins
 */
#include <assert.h>
#include <string.h>

#include "rparse_int.h"

#define NO_POS ((size_t)-1)
#define MAX_DEPTH 8

enum kind { K_ACCESS = 0, K_MEETING, K_DOC, K_DOC_BRACKETED };

static int is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* s[0..n) equals word w (lower-case ASCII), any case. */
static int word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

/* s[0..n) starts with the lower-case ASCII prefix w, any case. */
static int word_starts(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    if (n < l)
        return 0;
    for (size_t i = 0; i < l; i++)
        if ((s[i] | 0x20) != w[i])
            return 0;
    return 1;
}

/* The ASCII word that ends at or before e, looking back over spaces and ':': its
 * bounds [*ws, *we); 0 if the text before is no word. */
static int prev_word(const char *t, size_t e, size_t *ws, size_t *we)
{
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == ':'))
        e--;
    size_t s = e;
    while (s > 0 && is_alpha(t[s - 1]))
        s--;
    *ws = s;
    *we = e;
    return s < e;
}

/* 1 if an access word stands before the date at ms: "retrieved on", "accessed:",
 * "last visited on", "consulted" ... */
static int access_before(const char *t, size_t ms)
{
    static const char *const words[] = {"retrieved", "accessed",   "access",
                                        "consulted", "downloaded", "viewed"};
    size_t ws, we, e = ms;
    for (int k = 0; k < 3 && prev_word(t, e, &ws, &we); k++) {
        const char *w = t + ws;
        size_t wl = we - ws;
        if (word_is(w, wl, "on") || word_is(w, wl, "at")) {
            e = ws;
            continue;
        }
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            if (word_is(w, wl, words[i]))
                return 1;
        return word_is(w, wl, "visited") && prev_word(t, ws, &ws, &we) &&
               word_is(t + ws, we - ws, "last");
    }
    return 0;
}

/* The offset of the innermost '(' or '[' still open at ms, or NO_POS. */
static size_t bracket_open(const char *t, size_t ms)
{
    size_t stack[MAX_DEPTH], depth = 0;
    for (size_t i = 0; i < ms; i++) {
        if (t[i] == '(' || t[i] == '[') {
            if (depth < MAX_DEPTH)
                stack[depth] = i;
            depth++;
        } else if ((t[i] == ')' || t[i] == ']') && depth > 0) {
            depth--;
        }
    }
    if (depth == 0)
        return NO_POS;
    return stack[depth <= MAX_DEPTH ? depth - 1 : MAX_DEPTH - 1];
}

static int is_sep(char ch)
{
    return ch != '\0' && strchr(",;()[]", ch) != NULL;
}

/* Where the clause holding offset i starts: after the previous separator. */
static size_t clause_start(const char *t, size_t i)
{
    while (i > 0 && !is_sep(t[i - 1]))
        i--;
    return i;
}

static size_t clause_end(const char *t, size_t n, size_t i)
{
    while (i < n && !is_sep(t[i]))
        i++;
    return i;
}

/* Words (ASCII letter runs) in t[a..b), counted up to 3. */
static int few_words(const char *t, size_t a, size_t b)
{
    int words = 0;
    for (size_t i = a; i < b && words < 3; i++)
        words += is_alpha(t[i]) && (i == a || !is_alpha(t[i - 1]));
    return words <= 2;
}

/* 1 if t[a..b) holds a meeting word: session, meeting, conference (not "conference
 * room"), consultation, with any ending. */
static int meeting_word(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (!is_alpha(t[i]) || (i > 0 && is_alpha(t[i - 1])))
            continue;
        size_t e = i;
        while (e < b && is_alpha(t[e]))
            e++;
        const char *w = t + i;
        size_t wl = e - i;
        if (word_starts(w, wl, "session") || word_starts(w, wl, "meeting") ||
            word_starts(w, wl, "consultation"))
            return 1;
        if (word_starts(w, wl, "conference") && !(b - e >= 5 && word_starts(t + e, 5, " room")))
            return 1;
        i = e;
    }
    return 0;
}

/* A span of several days, not one whole month or one whole year. */
static int multi_day(date_span_t sp)
{
    if (sp.start == sp.end)
        return 0;
    int y = sp.start / 10000, m = sp.start / 100 % 100;
    if (sp.start % 100 == 1 && sp.end == sp.start - 1 + date_days_in_month(y, m))
        return 0;
    return !(sp.start == y * 10000 + 101 && sp.end == y * 10000 + 1231);
}

/* Is there a meeting word next to the unbracketed date t[ms..me): in its clause, or in
 * the clause before when its own has at most two words before the date? */
static int meeting_near(const char *t, size_t n, size_t ms, size_t me)
{
    size_t cs = clause_start(t, ms);
    if (meeting_word(t, cs, ms) || meeting_word(t, me, clause_end(t, n, me)))
        return 1;
    if (cs == 0 || !few_words(t, cs, ms))
        return 0;
    return meeting_word(t, clause_start(t, cs - 1), cs - 1);
}

static enum kind classify(const char *t, size_t n, size_t ms, size_t me, date_span_t sp)
{
    if (access_before(t, ms))
        return K_ACCESS;
    size_t op = bracket_open(t, ms);
    if (op == NO_POS)
        return multi_day(sp) && meeting_near(t, n, ms, me) ? K_MEETING : K_DOC;
    size_t cl = op + 1, depth = 1;
    for (; cl < n; cl++) {
        depth += t[cl] == '(' || t[cl] == '[';
        depth -= t[cl] == ')' || t[cl] == ']';
        if (depth == 0)
            break;
    }
    if (multi_day(sp) || meeting_word(t, op + 1, cl) || meeting_word(t, clause_start(t, op), op))
        return K_MEETING;
    return K_DOC_BRACKETED;
}

void rp_cite_dates(const char *t, size_t n, int default_year, rp_cite_dates_t *out)
{
    date_span_t sp, last[K_DOC_BRACKETED + 1] = {{0, 0}};
    int seen[K_DOC_BRACKETED + 1] = {0};
    size_t from = 0, ms, me;
    memset(out, 0, sizeof *out);
    while (from < n && date_find(t, n, from, &sp, &ms, &me, default_year) == DS_OK && me > from) {
        enum kind k = classify(t, n, ms, me, sp);
        last[k] = sp;
        seen[k] = 1;
        from = me;
    }
    if (seen[K_MEETING])
        out->meeting = last[K_MEETING];
    if (seen[K_DOC] || seen[K_DOC_BRACKETED]) {
        out->date = seen[K_DOC] ? last[K_DOC] : last[K_DOC_BRACKETED];
        out->rule = RP_CITE_DATE_DOCUMENT;
    } else if (seen[K_MEETING]) {
        out->date = out->meeting;
        out->rule = RP_CITE_DATE_MEETING;
    }
    assert(out->rule != RP_CITE_DATE_NONE || (out->date.start == 0 && out->date.end == 0));
    assert(out->rule != RP_CITE_DATE_MEETING ||
           (out->date.start == out->meeting.start && out->date.end == out->meeting.end));
}
