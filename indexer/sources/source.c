/*
 * source.c - read .txt and .gz files, refuse what is not text, repair UTF-8; read .pdf
 * files through pdf.h and write their pages out as text.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "hash.h"
#include "utf8.h"

ix_format_t ix_source_format(const char *path)
{
    size_t n = strlen(path);
    static const struct {
        const char *ext;
        ix_format_t fmt;
    } exts[] = {{".txt", IX_FMT_TEXT}, {".text", IX_FMT_TEXT}, {".gz", IX_FMT_GZIP},
                   {".pdf", IX_FMT_PDF}};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e && strcasecmp(path + n - e, exts[i].ext) == 0)
            return exts[i].fmt;
    }
    return IX_FMT_UNSUPPORTED;
}

static ds_status_t read_plain(const char *path, ds_buf_t *raw, size_t cap, ds_error_t *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot open: %s", strerror(errno));
        return DS_ERR_IO;
    }
    ds_status_t rc = DS_OK;
    for (;;) {
        if (ds_buf_grow(raw, 65536) != 0) {
            rc = DS_ERR_NOMEM;
            break;
        }
        ssize_t got = read(fd, raw->data + raw->len, raw->cap - raw->len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ds_error_set(e, DS_ERR_IO, 0, "read failed: %s", strerror(errno));
            rc = DS_ERR_IO;
            break;
        }
        if (got == 0)
            break;
        raw->len += (size_t)got;
        raw->data[raw->len] = '\0';
        if (raw->len > cap) {
            rc = DS_ERR_RANGE;
            break;
        }
    }
    close(fd);
    return rc;
}

static ds_status_t read_gzip(const char *path, ds_buf_t *raw, ds_error_t *e)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        ds_error_set(e, DS_ERR_IO, 0, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return DS_ERR_IO;
    }
    gzbuffer(gz, 1 << 16);
    ds_status_t rc = DS_OK;
    for (;;) {
        if (ds_buf_grow(raw, 1 << 16) != 0) {
            rc = DS_ERR_NOMEM;
            break;
        }
        int got = gzread(gz, raw->data + raw->len, 1 << 16);
        if (got < 0) {
            int zerr;
            ds_error_set(e, DS_ERR_IO, 0, "damaged gzip stream: %s", gzerror(gz, &zerr));
            rc = DS_ERR_IO;
            break;
        }
        if (got == 0)
            break;
        raw->len += (size_t)got;
        raw->data[raw->len] = '\0';
        if (raw->len > IX_MAX_DOC_BYTES) {
            rc = DS_ERR_RANGE;
            break;
        }
    }
    gzclose(gz);
    return rc;
}

/* Decide whether raw bytes are text: no NUL, few C0 controls besides whitespace. */
static ds_status_t check_text(const ds_buf_t *raw, ds_error_t *e)
{
    const char *nul = raw->len ? memchr(raw->data, '\0', raw->len) : NULL;
    if (nul) {
        ds_error_set(e, DS_ERR_INVALID, 0, "not text: NUL byte at offset %zu (binary file?)",
                     (size_t)(nul - raw->data));
        return DS_ERR_INVALID;
    }
    size_t controls = 0;
    for (size_t i = 0; i < raw->len; i++) {
        unsigned char c = (unsigned char)raw->data[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
            c == 0x7f)
            controls++;
    }
    if (controls > 16 && controls * 20 > raw->len) {
        ds_error_set(e, DS_ERR_INVALID, 0, "not text: %s of its bytes are control characters",
                     "over 5%");
        return DS_ERR_INVALID;
    }
    return DS_OK;
}

/* A PDF's pages written out (source.h): lines '\n', pages '\f'. */
static ds_status_t pdf_text(const ix_pdf_t *pdf, ds_buf_t *text)
{
    for (size_t p = 0; p < pdf->npages; p++) {
        if (p > 0)
            ds_buf_putc(text, '\f');
        for (size_t i = 0; i < pdf->pages[p].nlines; i++) {
            ds_buf_append(text, pdf->pages[p].lines[i].text, pdf->pages[p].lines[i].len);
            ds_buf_putc(text, '\n');
        }
    }
    return ds_buf_ok(text) ? DS_OK : DS_ERR_NOMEM;
}

static ds_status_t read_pdf(const char *path, ix_source_t *src, ds_error_t *e)
{
    ds_buf_t raw = DS_BUF_INIT;
    ds_status_t rc = read_plain(path, &raw, IX_PDF_MAX_BYTES, e);
    if (rc == DS_ERR_RANGE)
        ds_error_set(e, rc, 0, "larger than %s; not indexed", "256 MiB");
    if (rc == DS_OK) {
        src->hash = ds_hash64(raw.data, raw.len);
        src->raw_bytes = raw.len;
        rc = ix_pdf_read_mem(raw.data ? raw.data : "", raw.len, &src->pdf, e);
    }
    ds_buf_release(&raw);
    if (rc == DS_OK)
        rc = pdf_text(&src->pdf, &src->text);
    if (rc != DS_OK) {
        ix_pdf_release(&src->pdf);
        src->hash = 0;
        src->raw_bytes = 0;
    }
    return ds_error_fill(e, rc);
}

ds_status_t ix_source_read(const char *path, ix_format_t fmt, ix_source_t *src, ds_error_t *e)
{
    ds_error_clear(e);
    ds_buf_reset(&src->text);
    src->hash = 0;
    src->raw_bytes = src->repaired = 0;
    ix_pdf_release(&src->pdf);
    if (fmt == IX_FMT_PDF)
        return read_pdf(path, src, e);
    ds_buf_t raw = DS_BUF_INIT;
    ds_status_t rc = fmt == IX_FMT_GZIP ? read_gzip(path, &raw, e)
                                        : read_plain(path, &raw, IX_MAX_DOC_BYTES, e);
    if (rc == DS_ERR_RANGE)
        ds_error_set(e, rc, 0, "larger than %s; not indexed", "512 MiB");
    if (rc == DS_OK)
        rc = check_text(&raw, e);
    if (rc == DS_OK) {
        src->hash = ds_hash64(raw.data, raw.len);
        src->raw_bytes = raw.len;
        rc = utf8_repair(&src->text, raw.data ? raw.data : "", raw.len, &src->repaired);
        if (rc == DS_OK && src->repaired * 10 > raw.len && src->repaired > 16) {
            ds_error_set(e, DS_ERR_INVALID, 0, "not text: %s of it is not valid UTF-8", "over 10%");
            rc = DS_ERR_INVALID;
        }
    }
    ds_buf_release(&raw);
    return ds_error_fill(e, rc); /* DS_ERR_NOMEM: "out of memory" */
}

ds_status_t ix_source_hash(const char *path, ix_format_t fmt, uint64_t *hash, ds_error_t *e)
{
    *hash = 0;
    if (fmt != IX_FMT_PDF) {
        ix_source_t src = IX_SOURCE_INIT;
        ds_status_t rc = ix_source_read(path, fmt, &src, e);
        *hash = rc == DS_OK ? src.hash : 0;
        ix_source_release(&src);
        return rc;
    }
    ds_error_clear(e);
    ds_buf_t raw = DS_BUF_INIT;
    ds_status_t rc = read_plain(path, &raw, IX_PDF_MAX_BYTES, e);
    if (rc == DS_ERR_RANGE)
        ds_error_set(e, rc, 0, "larger than %s; not indexed", "256 MiB");
    if (rc == DS_OK)
        *hash = ds_hash64(raw.data, raw.len);
    ds_buf_release(&raw);
    return ds_error_fill(e, rc);
}

void ix_source_release(ix_source_t *src)
{
    ds_buf_release(&src->text);
    ix_pdf_release(&src->pdf);
}
