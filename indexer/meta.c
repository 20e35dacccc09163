/*
 * meta.c - metadata lists, front matter and manifest.tsv (see meta.h).
 *
 *   key/value list ..... ix_meta_set / get / merge / release
 *   lines .............. next_line, trim
 *   front matter ....... ix_front_matter
 *   manifest ........... ix_manifest_parse and its row helpers
 */
#include "meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
#include "schema.h"

/* ---- key/value list ------------------------------------------------------------ */

static ds_status_t grow(ix_meta_t *m)
{
    ix_meta_kv_t *kv = ds_grow(m->kv, &m->cap, m->n + 1, sizeof *kv);
    if (!kv)
        return DS_ERR_NOMEM;
    m->kv = kv;
    return DS_OK;
}

static void kv_release(ix_meta_kv_t *kv)
{
    free(kv->key);
    free(kv->val);
    free(kv->file);
}

ds_status_t ix_meta_set_at(ix_meta_t *m, const char *key, const char *val, size_t len,
                           const char *file, unsigned long line)
{
    ix_meta_kv_t kv = {NULL, strndup(val, len), file ? strdup(file) : NULL, line};
    ix_meta_kv_t *old = (ix_meta_kv_t *)ix_meta_find(m, key);
    if (!old)
        kv.key = strdup(key);
    if (!kv.val || (file && !kv.file) || (!old && !kv.key) || (!old && grow(m) != DS_OK)) {
        kv_release(&kv);
        return DS_ERR_NOMEM;
    }
    if (old) {
        kv.key = old->key;
        old->key = NULL;
        kv_release(old);
        *old = kv;
    } else {
        m->kv[m->n++] = kv;
    }
    return DS_OK;
}

ds_status_t ix_meta_set(ix_meta_t *m, const char *key, const char *val, size_t len)
{
    return ix_meta_set_at(m, key, val, len, NULL, 0);
}

const ix_meta_kv_t *ix_meta_find(const ix_meta_t *m, const char *key)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->kv[i].key, key) == 0)
            return &m->kv[i];
    return NULL;
}

const char *ix_meta_get(const ix_meta_t *m, const char *key)
{
    const ix_meta_kv_t *kv = ix_meta_find(m, key);
    return kv ? kv->val : NULL;
}

ds_status_t ix_meta_merge(ix_meta_t *dst, const ix_meta_t *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const ix_meta_kv_t *kv = &src->kv[i];
        ds_status_t rc = ix_meta_set_at(dst, kv->key, kv->val, strlen(kv->val), kv->file,
                                        kv->line);
        if (rc != DS_OK)
            return rc;
    }
    return DS_OK;
}

void ix_meta_release(ix_meta_t *m)
{
    for (size_t i = 0; i < m->n; i++)
        kv_release(&m->kv[i]);
    free(m->kv);
    m->kv = NULL;
    m->n = m->cap = 0;
}

/* ---- lines ---------------------------------------------------------------------- */

typedef struct line {
    const char *s;
    size_t len;   /* without the newline (and a CR before it) */
    size_t next;  /* offset just after the newline */
} line_t;

/* The line starting at off (< len). */
static line_t next_line(const char *text, size_t len, size_t off)
{
    const char *nl = memchr(text + off, '\n', len - off);
    size_t end = nl ? (size_t)(nl - text) : len;
    line_t l = {text + off, end - off, nl ? end + 1 : len};
    if (l.len && l.s[l.len - 1] == '\r')
        l.len--;
    return l;
}

static void trim(const char **s, size_t *len)
{
    while (*len && isspace((unsigned char)**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

/* Lower-case ASCII key from s[0..len): letters, digits, '_' and '-' only. Returns 0, or
 * -1 if the key is empty, too long or has other characters. */
static int make_key(const char *s, size_t len, char *key, size_t keysz)
{
    trim(&s, &len);
    if (len == 0 || len >= keysz)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '_' && c != '-')
            return -1;
        key[i] = (char)tolower(c);
    }
    key[len] = '\0';
    return 0;
}

/* ---- front matter --------------------------------------------------------------- */

static int is_fence(line_t l)
{
    const char *s = l.s;
    size_t n = l.len;
    trim(&s, &n);
    return n == 3 && memcmp(s, "---", 3) == 0;
}

/* Parse one "key: value" line into m; warns on anything else. */
static ds_status_t front_matter_line(line_t l, const char *file, unsigned long lineno,
                                     ds_diag_t *diag, ix_meta_t *m)
{
    const char *colon = memchr(l.s, ':', l.len);
    char key[64];
    if (!colon || make_key(l.s, (size_t)(colon - l.s), key, sizeof key) != 0) {
        const char *s = l.s;
        size_t n = l.len;
        trim(&s, &n);
        if (n && s[0] != '#')
            ds_diag_warn(diag, file, lineno, "front matter line is not 'key: value'; ignored");
        return DS_OK;
    }
    const char *v = colon + 1;
    size_t vlen = l.len - (size_t)(v - l.s);
    trim(&v, &vlen);
    if (vlen >= 2 && ((v[0] == '"' && v[vlen - 1] == '"') || (v[0] == '\'' && v[vlen - 1] == '\''))) {
        v++;
        vlen -= 2;
    }
    return ix_meta_set_at(m, key, v, vlen, file, lineno);
}

ds_status_t ix_front_matter(const char *text, size_t len, const char *file, ds_diag_t *diag,
                            ix_meta_t *m, size_t *body)
{
    *body = 0;
    size_t off = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    if (off >= len || !is_fence(next_line(text, len, off)))
        return DS_OK;
    size_t start = next_line(text, len, off).next;
    /* Find the closing fence first: without one this is not front matter at all. */
    size_t close = 0, after = 0;
    unsigned long n = 0;
    for (size_t p = start; p < len && n < 200 && !after; n++) {
        line_t l = next_line(text, len, p);
        if (is_fence(l)) {
            close = p;
            after = l.next;
        }
        p = l.next;
    }
    if (!after) {
        ds_diag_warn(diag, file, 1, "'---' opens no front matter (no closing '---' "
                     "within 200 lines); indexed as text");
        return DS_OK;
    }
    unsigned long lineno = 2;
    for (size_t p = start; p < close; lineno++) {
        line_t l = next_line(text, len, p);
        ds_status_t rc = front_matter_line(l, file, lineno, diag, m);
        if (rc != DS_OK)
            return rc;
        p = l.next;
    }
    *body = after;
    return DS_OK;
}

/* ---- manifest ------------------------------------------------------------------- */

/* Undo the manifest's escapes (\t \n \r \\) of s[0..len) into out. */
static void unescape(const char *s, size_t len, ds_buf_t *out)
{
    ds_buf_reset(out);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len) {
            char e = s[++i];
            c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
            if (e != 't' && e != 'n' && e != 'r' && e != '\\')
                ds_buf_putc(out, '\\');
        }
        ds_buf_putc(out, c);
    }
}

/* Split l at tabs: fields[i] = start, lens[i] = length. Returns the count (may exceed
 * max, in which case only max are stored). */
static size_t split_tabs(line_t l, const char **fields, size_t *lens, size_t max)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= l.len; i++) {
        if (i == l.len || l.s[i] == '\t') {
            if (n < max) {
                fields[n] = l.s + start;
                lens[n] = i - start;
            }
            n++;
            start = i + 1;
        }
    }
    return n;
}

typedef struct header {
    char names[64][64];
    size_t ncols;
    size_t path_col;
} header_t;

static ds_status_t parse_header(line_t l, const char *file, unsigned long lineno,
                                ds_diag_t *diag, header_t *h)
{
    const char *f[64];
    size_t fl[64];
    h->ncols = split_tabs(l, f, fl, 64);
    h->path_col = (size_t)-1;
    if (h->ncols > 64) {
        ds_diag_error(diag, file, lineno, "manifest has more than 64 columns");
        return DS_ERR_INVALID;
    }
    for (size_t i = 0; i < h->ncols; i++) {
        if (make_key(f[i], fl[i], h->names[i], sizeof h->names[i]) != 0) {
            ds_diag_error(diag, file, lineno, "column %zu has no valid name (letters, "
                          "digits, '_', '-')", i + 1);
            return DS_ERR_INVALID;
        }
        if (strcmp(h->names[i], DS_FIELD_PATH) == 0)
            h->path_col = i;
    }
    if (h->path_col == (size_t)-1) {
        ds_diag_error(diag, file, lineno, "manifest header has no 'path' column");
        return DS_ERR_INVALID;
    }
    return DS_OK;
}

static ds_status_t add_row(ix_manifest_t *mf, ix_manifest_row_t *row)
{
    ix_manifest_row_t *grown = ds_grow(mf->rows, &mf->cap, mf->n + 1, sizeof *grown);
    if (!grown)
        return DS_ERR_NOMEM;
    mf->rows = grown;
    mf->rows[mf->n++] = *row;
    return DS_OK;
}

static ds_status_t parse_row(line_t l, const header_t *h, const char *file,
                             unsigned long lineno, ds_diag_t *diag, ix_manifest_t *mf)
{
    const char *f[64];
    size_t fl[64];
    size_t n = split_tabs(l, f, fl, 64);
    if (n != h->ncols) {
        ds_diag_warn(diag, file, lineno, "row has %zu columns, the header %zu; row ignored",
                     n, h->ncols);
        return DS_OK;
    }
    ix_manifest_row_t row = {NULL, lineno, IX_META_INIT, 0};
    ds_buf_t v = DS_BUF_INIT;
    ds_status_t rc = DS_OK;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        const char *s = f[i];
        size_t len = fl[i];
        trim(&s, &len);
        unescape(s, len, &v);
        if (!ds_buf_ok(&v))
            rc = DS_ERR_NOMEM;
        else if (i == h->path_col)
            rc = (row.path = strndup(v.data ? v.data : "", v.len)) ? DS_OK : DS_ERR_NOMEM;
        else if (v.len)
            rc = ix_meta_set_at(&row.meta, h->names[i], ds_buf_cstr(&v), v.len, file, lineno);
    }
    ds_buf_release(&v);
    if (rc == DS_OK && (!row.path || !row.path[0])) {
        ds_diag_warn(diag, file, lineno, "row has an empty path; row ignored");
        rc = DS_ERR_INVALID;
    }
    if (rc == DS_OK)
        rc = add_row(mf, &row);
    if (rc != DS_OK) {
        free(row.path);
        ix_meta_release(&row.meta);
    }
    return rc == DS_ERR_INVALID ? DS_OK : rc;
}

static int row_cmp(const void *a, const void *b);

/* Two rows for one path: the later line wins, which the user should know. Leaves one
 * row per path (the array is sorted by path). */
static void drop_duplicates(ix_manifest_t *mf, ds_diag_t *diag)
{
    size_t out = 0;
    for (size_t i = 0; i < mf->n; i++) {
        ix_manifest_row_t *r = &mf->rows[i];
        if (out > 0 && row_cmp(&mf->rows[out - 1], r) == 0) {
            ix_manifest_row_t *kept = &mf->rows[out - 1];
            ix_manifest_row_t *lost = kept->line < r->line ? kept : r;
            ix_manifest_row_t *won = lost == kept ? r : kept;
            ds_diag_warn(diag, mf->file, lost->line,
                         "'%s' has another row on line %lu, which wins", lost->path, won->line);
            ix_manifest_row_t dead = *lost;
            *kept = *won;
            free(dead.path);
            ix_meta_release(&dead.meta);
            continue;
        }
        mf->rows[out++] = *r;
    }
    mf->n = out;
}

ds_status_t ix_manifest_parse(const char *text, size_t len, const char *file,
                              ds_diag_t *diag, ix_manifest_t *mf)
{
    memset(mf, 0, sizeof *mf);
    if (!(mf->file = strndup(file, strlen(file))))
        return DS_ERR_NOMEM;
    header_t *h = NULL;
    ds_status_t rc = DS_OK;
    unsigned long lineno = 0;
    size_t off = (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    while (off < len && rc == DS_OK) {
        line_t l = next_line(text, len, off);
        off = l.next;
        lineno++;
        const char *s = l.s;
        size_t n = l.len;
        trim(&s, &n);
        if (n == 0 || s[0] == '#')
            continue;
        if (!h) {
            if (!(h = malloc(sizeof *h)))
                rc = DS_ERR_NOMEM;
            else
                rc = parse_header(l, file, lineno, diag, h);
        } else {
            rc = parse_row(l, h, file, lineno, diag, mf);
        }
    }
    free(h);
    if (rc != DS_OK) {
        ix_manifest_release(mf);
        return rc;
    }
    if (mf->n)
        qsort(mf->rows, mf->n, sizeof *mf->rows, row_cmp);
    drop_duplicates(mf, diag);
    return DS_OK;
}

/* Manifest paths compare without a leading "./". */
static const char *bare_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    return p;
}

static int row_cmp(const void *a, const void *b)
{
    const ix_manifest_row_t *x = a, *y = b;
    return strcmp(bare_path(x->path), bare_path(y->path));
}

static int key_cmp(const void *key, const void *row)
{
    return strcmp(key, bare_path(((const ix_manifest_row_t *)row)->path));
}

ix_manifest_row_t *ix_manifest_find(ix_manifest_t *mf, const char *path)
{
    if (mf->n == 0)
        return NULL;
    return bsearch(bare_path(path), mf->rows, mf->n, sizeof *mf->rows, key_cmp);
}

void ix_manifest_release(ix_manifest_t *mf)
{
    for (size_t i = 0; i < mf->n; i++) {
        free(mf->rows[i].path);
        ix_meta_release(&mf->rows[i].meta);
    }
    free(mf->rows);
    free(mf->file);
    memset(mf, 0, sizeof *mf);
}
