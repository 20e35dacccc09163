/*
 * docsink.h - a termgen sink (termgen.h) that writes into a Xapian document: postings
 * and terms with wdf 1, through the wrapper. The one place where the text layer's terms
 * meet the index.
 */
#ifndef DS_DOCSINK_H
#define DS_DOCSINK_H

#include "termgen.h"
#include "xap.h"

/* A sink adding every term to doc (which must outlive the sink's use). Its failures are
 * the wrapper's, with the message on doc (xap_doc_error). */
tg_sink_t ds_doc_sink(xap_doc_t *doc);

#endif
