#include "diag.h"

#include <stdarg.h>

#include "buf.h"

void ds_diag_init(ds_diag_t *d, const char *program, FILE *out)
{
    d->out = out ? out : stderr;
    d->program = program;
    d->quiet = 0;
    d->warnings = d->errors = 0;
    pthread_mutex_init(&d->lock, NULL);
}

void ds_diag_release(ds_diag_t *d) { pthread_mutex_destroy(&d->lock); }

/* Replace C0 controls and DEL by '?': diagnostics quote untrusted file names and text. */
static void sanitize(ds_buf_t *b)
{
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c < 0x20 || c == 0x7f)
            b->data[i] = '?';
    }
}

static void emit(ds_diag_t *d, const char *kind, const char *file, unsigned long line,
                 const char *fmt, va_list ap)
{
    ds_buf_t b = DS_BUF_INIT;
    if (file)
        ds_buf_puts(&b, file);
    else
        ds_buf_puts(&b, d->program ? d->program : "dossier");
    if (file && line)
        ds_buf_printf(&b, ":%lu", line);
    ds_buf_printf(&b, ": %s: ", kind);
    ds_buf_vprintf(&b, fmt, ap);
    sanitize(&b);
    fprintf(d->out, "%s\n", ds_buf_cstr(&b));
    ds_buf_release(&b);
}

void ds_diag_warn(ds_diag_t *d, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&d->lock);
    d->warnings++;
    if (!d->quiet)
        emit(d, "warning", file, line, fmt, ap);
    pthread_mutex_unlock(&d->lock);
    va_end(ap);
}

void ds_diag_error(ds_diag_t *d, const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&d->lock);
    d->errors++;
    emit(d, "error", file, line, fmt, ap);
    pthread_mutex_unlock(&d->lock);
    va_end(ap);
}
