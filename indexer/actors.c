/*
 * actors.c - the actor alias table (see actors.h).
 *
 *   normalization ...... split_words, strip_leading, make_key: a name -> its key
 *   hash table ......... find_slot, lookup, insert, grow_slots
 *   entries ............ new_entry, add_alias, set_canonical, add_name
 *   the table .......... ix_actors_create, ix_actors_free
 *   matching ........... ix_actors_resolve
 *   user files ......... check_field, line_target, apply_line, ix_actors_load_text/load
 *   accessors, fingerprint
 *
 * A name's key is its normalized form: the folded words joined by single spaces
 * ("kingdom of the netherlands"), or, for a code (one word of at most 3 ASCII letters
 * or digits, as written), CODE_MARK followed by the word ("\001NL"). The mark keeps the
 * two kinds apart: the code "eu" of a user file and a folded "eu" are different keys,
 * so case-exact codes never match folded text. Keys live in the arena, and one open
 * addressing table (linear probing, at most half full) maps every key to its entry.
 * Built-in names point into the static table of actor_table.c; user names are copied
 * into the arena. Nothing is freed before ix_actors_free.
 */
#include "actors.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "fold.h"
#include "grow.h"
#include "hash.h"
#include "source.h"
#include "utf8.h"

/* Generated into actor_table.c (format described there). */
extern const char *const ix_actor_table[];
extern const size_t ix_actor_table_len;
extern const size_t ix_actor_table_entries;

#define CODE_MARK '\001'
#define CODE_MAX 3
/* Bumped when the matching rules change: what a name resolves to changes with them. */
#define FINGERPRINT_TAG "dossier-actors-1"
#define STR(x) #x
#define XSTR(x) STR(x)
#define KEY_MAX (FOLD_MAX_GROWTH * IX_ACTORS_NAME_MAX + IX_ACTORS_WORDS_MAX + 2)

typedef struct alias {
    const char *name; /* as written */
    const char *key;  /* its key (arena) */
    size_t klen;
} alias_t;

struct ix_actor {
    alias_t *alias; /* alias[0] is the canonical name; malloc'd */
    size_t nalias, cap;
};

typedef struct slot {
    const char *key; /* NULL: empty slot */
    size_t klen;
    uint64_t hash;
    ix_actor_t *entry;
} slot_t;

struct ix_actors {
    ds_arena_t arena;     /* entries, keys, user names */
    ix_actor_t **entries; /* in the order added */
    size_t n, cap;
    slot_t *slots; /* nslots is a power of two; used * 2 <= nslots */
    size_t nslots, used;
};

/* ---- normalization ---------------------------------------------------------------- */

typedef struct word {
    size_t off, len; /* in norm_t.raw */
} word_t;

/* A name taken apart: its words as written (dots and apostrophes dropped), the first
 * word left after the article and office phrases, and the key. Lives on the stack:
 * normalizing allocates nothing. */
typedef struct norm {
    char raw[IX_ACTORS_NAME_MAX];
    word_t w[IX_ACTORS_WORDS_MAX];
    size_t nw, first;
    char key[KEY_MAX];
    size_t klen;
} norm_t;

/* Office phrases that come before a State's name, as folded words. */
static const char *const offices[][4] = {
    {"delegation", "of", NULL},           {"government", "of", NULL},
    {"permanent", "mission", "of", NULL}, {"permanent", "representative", "of", NULL},
    {"representative", "of", NULL},       {"mission", "of", NULL},
};

static void end_word(norm_t *n, size_t r)
{
    n->w[n->nw].len = r - n->w[n->nw].off;
    n->nw++;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int ascii_alnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Split s[0..len) into words (see actors.h). Returns 0, or -1 if s is too long, has
 * too many words or none. */
static int split_words(const char *s, size_t len, norm_t *n)
{
    size_t r = 0;
    int in = 0;
    n->nw = 0;
    if (len > IX_ACTORS_NAME_MAX)
        return -1;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int d = utf8_decode(s + i, len - i, &cp);
        size_t step = d < 0 ? (size_t)-d : (size_t)d;
        fold_class_t cls = d < 0 ? FOLD_CONTROL : fold_class(cp);
        if (cls == FOLD_LETTER || cls == FOLD_DIGIT || (cls == FOLD_MARK && in)) {
            if (!in) {
                if (n->nw == IX_ACTORS_WORDS_MAX)
                    return -1;
                n->w[n->nw].off = r;
                in = 1;
            }
            memcpy(n->raw + r, s + i, step);
            r += step;
        } else if (in && cls != FOLD_APOS && cls != FOLD_SUPER && cp != '.') {
            /* Anything else ends the word; apostrophes, dots and superscript digits
             * (footnote markers) vanish without ending it. */
            end_word(n, r);
            in = 0;
        }
        i += step;
    }
    if (in)
        end_word(n, r);
    return n->nw ? 0 : -1;
}

/* 1 if word i is the ASCII word lc (lower case), ignoring ASCII case. */
static int word_is(const norm_t *n, size_t i, const char *lc)
{
    size_t l = strlen(lc);
    const char *w = n->raw + n->w[i].off;
    if (n->w[i].len != l)
        return 0;
    for (size_t k = 0; k < l; k++)
        if (ascii_lower((unsigned char)w[k]) != lc[k])
            return 0;
    return 1;
}

/* Number of words an office phrase takes at word f (0: none), keeping one word after. */
static size_t office_at(const norm_t *n, size_t f)
{
    for (size_t k = 0; k < sizeof offices / sizeof *offices; k++) {
        size_t l = 0;
        while (offices[k][l] && f + l < n->nw && word_is(n, f + l, offices[k][l]))
            l++;
        if (!offices[k][l] && f + l < n->nw)
            return l;
    }
    return 0;
}

/* The first word after any leading "the" and office phrases. */
static size_t strip_leading(const norm_t *n)
{
    size_t f = 0;
    for (;;) {
        size_t g = f;
        if (g + 1 < n->nw && word_is(n, g, "the"))
            g++;
        g += office_at(n, g);
        if (g == f)
            return f;
        f = g;
    }
}

/* 1 if the words from n->first are a code: one word, 1..CODE_MAX ASCII alphanumerics. */
static int is_code(const norm_t *n)
{
    const word_t *w = &n->w[n->first];
    if (n->nw - n->first != 1 || w->len > CODE_MAX)
        return 0;
    for (size_t k = 0; k < w->len; k++)
        if (!ascii_alnum((unsigned char)n->raw[w->off + k]))
            return 0;
    return 1;
}

/* Append the fold of word i to the key. */
static void fold_into_key(norm_t *n, size_t i)
{
    const char *s = n->raw + n->w[i].off;
    size_t len = n->w[i].len;
    for (size_t k = 0; k < len;) {
        uint32_t cp;
        int d = utf8_decode(s + k, len - k, &cp); /* valid: split_words copied cps */
        const char *f;
        size_t fl;
        fold_lookup(cp, &f, &fl);
        if (!f) {
            f = s + k;
            fl = (size_t)d;
        }
        memcpy(n->key + n->klen, f, fl);
        n->klen += fl;
        k += (size_t)d;
    }
}

/* Normalize s[0..len) into n (n->key[0..klen)). Returns 0, or -1 if it is no name. */
static int make_key(const char *s, size_t len, norm_t *n)
{
    if (split_words(s, len, n) != 0)
        return -1;
    n->first = strip_leading(n);
    n->klen = 0;
    if (is_code(n)) {
        n->key[n->klen++] = CODE_MARK;
        memcpy(n->key + 1, n->raw + n->w[n->first].off, n->w[n->first].len);
        n->klen += n->w[n->first].len;
        return 0;
    }
    for (size_t i = n->first; i < n->nw; i++) {
        if (i > n->first)
            n->key[n->klen++] = ' ';
        fold_into_key(n, i);
    }
    return 0;
}

/* ---- hash table ---------------------------------------------------------------------- */

/* The slot holding key, or the empty slot where it would go. */
static slot_t *find_slot(slot_t *slots, size_t nslots, const char *key, size_t klen, uint64_t h)
{
    size_t i = (size_t)h & (nslots - 1);
    for (;; i = (i + 1) & (nslots - 1)) {
        slot_t *s = &slots[i];
        if (!s->key || (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0))
            return s;
    }
}

static ix_actor_t *lookup(const ix_actors_t *t, const char *key, size_t klen)
{
    slot_t *s = find_slot(t->slots, t->nslots, key, klen, ds_hash64(key, klen));
    return s->key ? s->entry : NULL;
}

static ds_status_t grow_slots(ix_actors_t *t)
{
    size_t nslots = t->nslots ? t->nslots * 2 : 4096;
    slot_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return DS_ERR_NOMEM;
    for (size_t i = 0; i < t->nslots; i++) {
        slot_t *s = &t->slots[i];
        if (s->key)
            *find_slot(slots, nslots, s->key, s->klen, s->hash) = *s;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return DS_OK;
}

/* Map key (copied into the arena) to e; *kept gets the stored key. The key must not be
 * in the table yet. */
static ds_status_t insert(ix_actors_t *t, const char *key, size_t klen, ix_actor_t *e,
                          const char **kept)
{
    if ((t->used + 1) * 2 > t->nslots && grow_slots(t) != DS_OK)
        return DS_ERR_NOMEM;
    char *k = ds_arena_strndup(&t->arena, key, klen);
    if (!k)
        return DS_ERR_NOMEM;
    uint64_t h = ds_hash64(key, klen);
    *find_slot(t->slots, t->nslots, key, klen, h) = (slot_t){k, klen, h, e};
    t->used++;
    *kept = k;
    return DS_OK;
}

/* ---- entries ---------------------------------------------------------------------------- */

static ix_actor_t *new_entry(ix_actors_t *t)
{
    ix_actor_t **es = ds_grow(t->entries, &t->cap, t->n + 1, sizeof *es);
    if (!es)
        return NULL;
    t->entries = es;
    ix_actor_t *e = ds_arena_alloc(&t->arena, sizeof *e);
    if (e)
        t->entries[t->n++] = e;
    return e;
}

/* Put alias a at position at (0: the front, or e->nalias: the end). */
static ds_status_t put_alias(ix_actor_t *e, alias_t a, size_t at)
{
    alias_t *grown = ds_grow(e->alias, &e->cap, e->nalias + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    e->alias = grown;
    memmove(e->alias + at + 1, e->alias + at, (e->nalias - at) * sizeof *e->alias);
    e->alias[at] = a;
    e->nalias++;
    return DS_OK;
}

/* Index of the alias of e with key n->key, or e->nalias. */
static size_t alias_index(const ix_actor_t *e, const norm_t *n)
{
    size_t i = 0;
    while (i < e->nalias &&
           !(e->alias[i].klen == n->klen && memcmp(e->alias[i].key, n->key, n->klen) == 0))
        i++;
    return i;
}

/* Add name (normalized in n; stored as given, not copied) to e: as its canonical name
 * if canonical, else as an alias at the end. A name matching an alias of e already
 * adds nothing, unless it becomes the canonical name, which then takes that alias'
 * place at the front in the new spelling. The key must not belong to another entry. */
static ds_status_t add_alias(ix_actors_t *t, ix_actor_t *e, const char *name, const norm_t *n,
                             int canonical)
{
    size_t i = alias_index(e, n);
    alias_t a = {name, NULL, n->klen};
    if (i < e->nalias) {
        if (!canonical)
            return DS_OK;
        a.key = e->alias[i].key;
        memmove(e->alias + i, e->alias + i + 1, (e->nalias - i - 1) * sizeof *e->alias);
        e->nalias--;
    } else {
        ds_status_t rc = insert(t, n->key, n->klen, e, &a.key);
        if (rc != DS_OK)
            return rc;
    }
    return put_alias(e, a, canonical ? 0 : e->nalias);
}

/* ---- the table ------------------------------------------------------------------------ */

/* Add the built-in entry whose names start at ix_actor_table[*i]; *i moves past its
 * NULL. DS_ERR_INTERNAL if a name is no name or belongs to another entry. */
static ds_status_t add_builtin(ix_actors_t *t, size_t *i, norm_t *n)
{
    ix_actor_t *e = new_entry(t);
    if (!e)
        return DS_ERR_NOMEM;
    for (int first = 1; ix_actor_table[*i]; first = 0, ++*i) {
        const char *name = ix_actor_table[*i];
        if (make_key(name, strlen(name), n) != 0)
            return DS_ERR_INTERNAL;
        ix_actor_t *owner = lookup(t, n->key, n->klen);
        if (owner && owner != e)
            return DS_ERR_INTERNAL;
        ds_status_t rc = add_alias(t, e, name, n, first);
        if (rc != DS_OK)
            return rc;
    }
    ++*i;
    return DS_OK;
}

ds_status_t ix_actors_create(ix_actors_t **out)
{
    *out = NULL;
    ix_actors_t *t = calloc(1, sizeof *t);
    norm_t *n = malloc(sizeof *n);
    ds_status_t rc = t && n ? grow_slots(t) : DS_ERR_NOMEM;
    for (size_t i = 0; rc == DS_OK && i < ix_actor_table_len;)
        rc = add_builtin(t, &i, n);
    free(n);
    if (rc == DS_OK && t->n != ix_actor_table_entries)
        rc = DS_ERR_INTERNAL;
    if (rc != DS_OK) {
        ix_actors_free(t);
        return rc;
    }
    *out = t;
    return DS_OK;
}

void ix_actors_free(ix_actors_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->entries[i]->alias);
    free(t->entries);
    free(t->slots);
    ds_arena_release(&t->arena);
    free(t);
}

/* ---- matching ------------------------------------------------------------------------------ */

static const ix_actor_t *resolve_whole(const ix_actors_t *t, const char *s, size_t len)
{
    norm_t n;
    if (make_key(s, len, &n) != 0)
        return NULL;
    return lookup(t, n.key, n.klen);
}

/* The text inside trailing parentheses of s[0..len) (white space and ",;:." after
 * them allowed): 1 and its bounds, or 0. */
static int trailing_parens(const char *s, size_t len, size_t *in, size_t *inlen)
{
    while (len &&
           (isspace((unsigned char)s[len - 1]) || (s[len - 1] && strchr(",;:.", s[len - 1]))))
        len--;
    if (len < 2 || s[len - 1] != ')')
        return 0;
    const char *open = NULL;
    for (size_t i = len - 1; i-- > 0 && !open;)
        if (s[i] == '(')
            open = s + i;
        else if (s[i] == ')')
            return 0;
    if (!open)
        return 0;
    *in = (size_t)(open - s) + 1;
    *inlen = len - 1 - *in;
    return 1;
}

const ix_actor_t *ix_actors_resolve(const ix_actors_t *t, const char *name, size_t len)
{
    if (!t || !name)
        return NULL;
    const ix_actor_t *e = resolve_whole(t, name, len);
    size_t in, inlen;
    if (!e && trailing_parens(name, len, &in, &inlen))
        e = resolve_whole(t, name + in, inlen);
    return e;
}

/* ---- user files ------------------------------------------------------------------------------ */

/* A line's fields, one at a time: the next non-empty TAB-separated field of
 * line[*pos..len), trimmed; 0 when there is none. */
static int next_field(const char *line, size_t len, size_t *pos, const char **f, size_t *flen)
{
    while (*pos <= len) {
        const char *tab = memchr(line + *pos, '\t', len - *pos);
        size_t end = tab ? (size_t)(tab - line) : len;
        const char *s = line + *pos;
        size_t n = end - *pos;
        *pos = end + 1;
        while (n && isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        if (n) {
            *f = s;
            *flen = n;
            return 1;
        }
    }
    return 0;
}

/* Why field f is no usable name, or NULL if it is one (then n holds its key). */
static const char *check_field(const char *f, size_t flen, norm_t *n)
{
    /* U+FFFD is in FOLD_CONTROL too: ix_source_read puts it for invalid bytes. */
    for (size_t i = 0; i < flen;) {
        uint32_t cp;
        int d = utf8_decode(f + i, flen - i, &cp);
        if (d < 0 || fold_class(cp) == FOLD_CONTROL)
            return "has invalid UTF-8 or a control character";
        i += (size_t)d;
    }
    for (size_t i = 0; i + 1 < flen; i++)
        if (f[i] == ' ' && f[i + 1] == ' ')
            return "has two spaces in a row (names are separated by TABs)";
    if (flen > IX_ACTORS_NAME_MAX)
        return "is longer than " XSTR(IX_ACTORS_NAME_MAX) " bytes";
    if (make_key(f, flen, n) != 0)
        return n->nw ? "has more than " XSTR(IX_ACTORS_WORDS_MAX) " words"
                     : "has no letter or digit";
    return NULL;
}

/* Check every field of a line and find the entry its names match (*target, NULL for
 * none). Returns 0, or -1 for a bad line (warned about). */
static int line_target(const ix_actors_t *t, const char *line, size_t len, const char *file,
                       unsigned long lineno, ds_diag_t *diag, norm_t *n, ix_actor_t **target)
{
    const char *f, *tf = NULL;
    size_t fl, tfl = 0, pos = 0;
    *target = NULL;
    while (next_field(line, len, &pos, &f, &fl)) {
        const char *why = check_field(f, fl, n);
        if (why) {
            ds_diag_warn(diag, file, lineno, "actor name %s; line skipped", why);
            return -1;
        }
        ix_actor_t *e = lookup(t, n->key, n->klen);
        if (e && *target && e != *target) {
            ds_diag_warn(diag, file, lineno,
                         "'%.*s' is an alias of '%s' and '%.*s' of '%s': "
                         "a line cannot merge two actors; line skipped",
                         (int)tfl, tf, ix_actors_name(*target), (int)fl, f, ix_actors_name(e));
            return -1;
        }
        if (e && !*target) {
            *target = e;
            tf = f;
            tfl = fl;
        }
    }
    return 0;
}

/* Apply a checked line to e (NULL: a new entry): its first name becomes the canonical
 * name, the others aliases. */
static ds_status_t apply_line(ix_actors_t *t, const char *line, size_t len, ix_actor_t *e,
                              norm_t *n)
{
    if (!e && !(e = new_entry(t)))
        return DS_ERR_NOMEM;
    const char *f;
    size_t fl, pos = 0;
    ds_status_t rc = DS_OK;
    for (int first = 1; rc == DS_OK && next_field(line, len, &pos, &f, &fl); first = 0) {
        char *name = ds_arena_strndup(&t->arena, f, fl);
        if (!name)
            return DS_ERR_NOMEM;
        if (make_key(f, fl, n) != 0) /* line_target checked every field */
            return DS_ERR_INTERNAL;
        rc = add_alias(t, e, name, n, first);
    }
    return rc;
}

static ds_status_t load_line(ix_actors_t *t, const char *l, size_t len, const char *file,
                             unsigned long lineno, ds_diag_t *diag, norm_t *n)
{
    size_t k = 0;
    while (k < len && isspace((unsigned char)l[k]))
        k++;
    if (k == len || l[k] == '#')
        return DS_OK;
    ix_actor_t *e;
    if (line_target(t, l, len, file, lineno, diag, n, &e) != 0)
        return DS_OK;
    return apply_line(t, l, len, e, n);
}

ds_status_t ix_actors_load_text(ix_actors_t *t, const char *text, size_t len, const char *file,
                                ds_diag_t *diag)
{
    if (!t || (!text && len) || !diag)
        return DS_ERR_INVALID;
    norm_t *n = malloc(sizeof *n);
    if (!n)
        return DS_ERR_NOMEM;
    size_t off = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    unsigned long lineno = 0;
    ds_status_t rc = DS_OK;
    while (off < len && rc == DS_OK) {
        const char *nl = memchr(text + off, '\n', len - off);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t ll = end - off;
        if (ll && text[end - 1] == '\r')
            ll--;
        rc = load_line(t, text + off, ll, file, ++lineno, diag, n);
        off = nl ? end + 1 : len;
    }
    free(n);
    return rc;
}

ds_status_t ix_actors_load(ix_actors_t *t, const char *path, ds_diag_t *diag)
{
    if (!t || !path || !diag)
        return DS_ERR_INVALID;
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return DS_ERR_NOT_FOUND;
    ix_source_t src = IX_SOURCE_INIT;
    ds_error_t why;
    ds_status_t rc = ix_source_read(path, IX_FMT_TEXT, &src, &why);
    if (rc == DS_OK)
        rc = ix_actors_load_text(t, src.text.data, src.text.len, path, diag);
    else if (rc != DS_ERR_NOMEM)
        ds_diag_error(diag, path, 0, "actor aliases not read: %s", why.message);
    ix_source_release(&src);
    return rc;
}

/* ---- accessors, fingerprint ------------------------------------------------------------------ */

size_t ix_actors_count(const ix_actors_t *t)
{
    return t ? t->n : 0;
}

const ix_actor_t *ix_actors_entry(const ix_actors_t *t, size_t i)
{
    return t && i < t->n ? t->entries[i] : NULL;
}

const char *ix_actors_name(const ix_actor_t *a)
{
    return a->alias[0].name;
}

size_t ix_actors_nalias(const ix_actor_t *a)
{
    return a->nalias;
}

const char *ix_actors_alias(const ix_actor_t *a, size_t i)
{
    return i < a->nalias ? a->alias[i].name : NULL;
}

uint64_t ix_actors_fingerprint(const ix_actors_t *t)
{
    uint64_t h = ds_hash64(FINGERPRINT_TAG, sizeof FINGERPRINT_TAG);
    for (size_t i = 0; t && i < t->n; i++) {
        const ix_actor_t *e = t->entries[i];
        for (size_t k = 0; k < e->nalias; k++)
            h = ds_hash64_update(h, e->alias[k].name, strlen(e->alias[k].name) + 1);
        h = ds_hash64_update(h, "\n", 1);
    }
    return h;
}
