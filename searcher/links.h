/*
 * links.h - links between a report's citations and the cited documents' own texts.
 *
 * A footnote (type citation) and the full text of the document it cites (type cited,
 * with its url or symbol in its metadata) share URL and symbol terms (schema.h); this
 * module follows them both ways when a hit is shown: a citation links to the cited
 * documents with its URL or one of its symbols, a cited document to the citations that
 * name its URL or symbols.
 */
#ifndef SQ_LINKS_H
#define SQ_LINKS_H

#include "buf.h"
#include "docstore.h"
#include "sindex.h"
#include "status.h"

/*
 * Append to out the ids linked to the document whose record is rec, separated by '\n'
 * (nothing for documents of other types or without URL/symbol). Returns DS_OK or the
 * wrapper's status.
 */
ds_status_t sq_links(sq_index_t *ix, const dstore_record_t *rec, ds_buf_t *out);

#endif
