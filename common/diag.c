#include "diag.h"

#include <stdarg.h>

#include "buf.h"
#include "out.h"

void ds_diag_init(ds_diag_t *d, const char *program, FILE *out)
{
    d->out = out ? out : stderr;
    d->program = program;
    d->quiet = 0;
    d->warnings = d->errors = 0;
    pthread_mutex_init(&d->lock, NULL);
}

void ds_diag_release(ds_diag_t *d) { pthread_mutex_destroy(&d->lock); }

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
    ds_buf_t safe = DS_BUF_INIT; /* file names and quoted text are untrusted */
    out_text(&safe, ds_buf_cstr(&b), b.len, 0);
    fprintf(d->out, "%s\n", ds_buf_cstr(&safe));
    ds_buf_release(&safe);
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
