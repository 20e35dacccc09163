/*
 * docbuild.h - build the Xapian document for one source file, following schema.h.
 *
 * Input: the walked file (id, path, manifest metadata) and its text as read (valid
 * UTF-8). The text's own front matter is merged under the manifest's metadata; dates
 * are parsed (a date that does not parse is a warning naming the file and line it came
 * from, and the document is indexed without a date); the body after the front matter is
 * analyzed and stored, compressed, in the document record.
 */
#ifndef IX_DOCBUILD_H
#define IX_DOCBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "diag.h"
#include "source.h"
#include "status.h"
#include "walk.h"
#include "xap.h"

typedef struct ixdoc_stats {
    uint64_t positions;     /* word positions indexed */
    uint64_t text_bytes;    /* bytes of body text stored */
    uint64_t invalid_bytes; /* bytes the analyzer treated as invalid */
} ixdoc_stats_t;

/*
 * Build *doc for file f whose text is src, tagging it with the source fingerprint
 * state (stored in DS_SLOT_SOURCE). On DS_OK *doc is a new document the caller frees
 * (xap_doc_free). Problems with metadata are warnings through diag and do not fail the
 * build. Returns DS_ERR_NOMEM or a wrapper status otherwise (*doc NULL; a message
 * through diag naming the file).
 */
ds_status_t ixdoc_build(an_analyzer_t *an, const ix_file_t *f, const ix_source_t *src,
                        const char *state, ds_diag_t *diag, xap_doc_t **doc,
                        ixdoc_stats_t *stats);

/* The host-name terms of url (host and each parent domain with a dot), appended to out
 * as NUL-separated strings; *n gets their count. For tests and the query parser. */
void ixdoc_url_hosts(const char *url, ds_buf_t *out, size_t *n);

#endif
