#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ds_buf_grow(ds_buf_t *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra >= (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    if (!b->data)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return 0;
}

void ds_buf_append(ds_buf_t *b, const void *data, size_t len)
{
    if (ds_buf_grow(b, len) != 0)
        return;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void ds_buf_puts(ds_buf_t *b, const char *s) { ds_buf_append(b, s, strlen(s)); }

void ds_buf_putc(ds_buf_t *b, char c) { ds_buf_append(b, &c, 1); }

void ds_buf_vprintf(ds_buf_t *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (ds_buf_grow(b, (size_t)n) != 0)
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void ds_buf_printf(ds_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void ds_buf_reset(ds_buf_t *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

void ds_buf_truncate(ds_buf_t *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->data[len] = '\0';
}

int ds_buf_ok(const ds_buf_t *b) { return !b->failed; }

const char *ds_buf_cstr(const ds_buf_t *b) { return b->data ? b->data : ""; }

char *ds_buf_detach(ds_buf_t *b, size_t *len)
{
    if (b->failed) {
        ds_buf_release(b);
        return NULL;
    }
    if (!b->data && ds_buf_grow(b, 0) != 0)
        return NULL;
    char *s = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void ds_buf_release(ds_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *ds_strprintf(const char *fmt, ...)
{
    ds_buf_t b = DS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ds_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return ds_buf_detach(&b, NULL);
}
