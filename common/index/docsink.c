/*
 * docsink.c - termgen's terms into a Xapian document (see docsink.h).
 */
#include "docsink.h"

static ds_status_t posting(void *ctx, const char *term, size_t len, uint32_t pos)
{
    return xap_doc_add_posting(ctx, term, len, pos, 1);
}

static ds_status_t term(void *ctx, const char *term, size_t len)
{
    return xap_doc_add_term(ctx, term, len, 1);
}

tg_sink_t ds_doc_sink(xap_doc_t *doc)
{
    return (tg_sink_t){posting, term, doc};
}
