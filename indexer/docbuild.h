/*
 * docbuild.h - build Xapian documents following schema.h.
 *
 * Two layers:
 *   - ixdoc_t, a document under construction: every schema-level fact (id, type, dates,
 *     text fields, URLs, symbols, record fields, body text) has one function here, so
 *     plain files and reports (docreport.c) build their documents the same way;
 *   - ixdoc_build_file(), one source file to its documents: a plain file gives one; a
 *     report (type "report") gives the report, its passages and its citations
 *     (docreport.h). Front matter in the text is merged under the manifest's metadata;
 *     a date that does not parse is a warning naming the file and line it came from.
 *
 * Documents derived from a file (passages, citations) carry the term DS_PREFIX_PARENT +
 * the file's id, so that replacing or deleting the file reaches them all.
 */
#ifndef IX_DOCBUILD_H
#define IX_DOCBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "actors.h"
#include "analyzer.h"
#include "dates.h"
#include "diag.h"
#include "docmap.h"
#include "meta.h"
#include "source.h"
#include "status.h"
#include "walk.h"
#include "xap.h"

typedef struct ixdoc_stats {
    uint64_t positions;     /* word positions indexed (body texts) */
    uint64_t text_bytes;    /* bytes of body text stored */
    uint64_t invalid_bytes; /* bytes the analyzer treated as invalid */
    ds_buf_t *info;         /* if not NULL: one line per report on what was found */
} ixdoc_stats_t;

/* Documents built from one file, each with its unique-id term. */
typedef struct ixdoc_out {
    xap_doc_t *doc;
    char *uid; /* its unique-id term (Q + id, fitted) */
} ixdoc_out_t;

typedef struct ixdoc_set {
    ixdoc_out_t *v; /* v[0] is the file's own document, derived ones follow */
    size_t n, cap;
} ixdoc_set_t;

/* ---- a document under construction ------------------------------------------------ */

typedef struct ixdoc {
    an_analyzer_t *an;
    ds_diag_t *diag;
    xap_doc_t *doc;
    ix_meta_t fields; /* record fields, in order */
    uint32_t pos;     /* next free position for field texts */
    ds_buf_t tmp;
    ds_buf_t loci;  /* the encoded line map (ixdoc_loci), or empty */
    ds_status_t rc; /* first failure: later calls do nothing and finish returns it */
} ixdoc_t;

/* Start a document. Check d->rc (or the result of ixdoc_finish) for failures: every
 * function below is a no-op once one has failed, so callers chain them and check once. */
void ixdoc_begin(ixdoc_t *d, an_analyzer_t *an, ds_diag_t *diag);

/* Unique id: the Q term, the id slot, its natural sort key slot and the "id" field. */
void ixdoc_id(ixdoc_t *d, const char *id);
/* Language (lang_normalize: "fr" for fr, fra, French): L term, lang slot and field. */
void ixdoc_lang(ixdoc_t *d, const char *lang);
/* Type (folded with fold_value): K term, type slot, "type" field. */
void ixdoc_type(ixdoc_t *d, const char *type);
/* The file a derived document comes from: DS_PREFIX_PARENT term and "report" field. */
void ixdoc_parent(ixdoc_t *d, const char *file_id);
/* Date span: the two date slots, the year slot, "date" and "date_end" fields. */
void ixdoc_date(ixdoc_t *d, date_span_t span);
/* A field stored in the record and indexed as text under prefix (NULL: stored only). */
void ixdoc_text(ixdoc_t *d, const char *key, const char *prefix, const char *value);
/*
 * The actor, written so (e.g. "the Kingdom of the Netherlands") and in its short form
 * (the report parser's "Netherlands"; NULL: none). Resolved through the alias table t
 * (actors.h; NULL: none), the "actor" field and the actor slot are the canonical name,
 * so facets count an actor once whatever the form, and the actor words (A) are every
 * form: as written, short, canonical and every alias ("UK", "United Kingdom of Great
 * Britain and Northern Ireland"), so actor:UK finds "the United Kingdom". An actor the
 * table does not know is its short form (else as written) for all of these.
 */
void ixdoc_actor(ixdoc_t *d, const ix_actors_t *t, const char *written, const char *shortf);
/* Words of value under prefix without storing it (e.g. a second form of a field). */
void ixdoc_words(ixdoc_t *d, const char *prefix, const char *value);
/* A value slot. */
void ixdoc_value(ixdoc_t *d, unsigned slot, const char *value);
/* The boolean term of field name (schema.h: its prefix and value rule, tg_value). */
void ixdoc_boolean(ixdoc_t *d, const char *name, const char *value);
/* URL terms: the whole URL (U) and its host with every parent domain (H). */
void ixdoc_url(ixdoc_t *d, const char *url);
/* UN document symbols (list separated by ';', ',' or spaces): XY and XYP head terms. */
void ixdoc_symbols(ixdoc_t *d, const char *list);

/* The line map of the body (docmap.h: rows[0..n), offsets into the text given to
 * ixdoc_finish), stored in the record: reports and passages, whose text joins lines. */
void ixdoc_loci(ixdoc_t *d, const ds_locus_t *rows, size_t n);

/*
 * Index body[0..len) as the document's text, after every text field (its positions
 * start where the fields' end: schema.h, Position map), store the record (fields, the
 * text's position map and hash, the line map if ixdoc_loci gave one, the text) and add
 * the document to set under the id given to ixdoc_id (set takes it). On failure the
 * first failure is returned and nothing is added; the document is freed either way (no
 * ixdoc_abort needed). stats (may be NULL) is added to.
 */
ds_status_t ixdoc_finish(ixdoc_t *d, const char *body, size_t len, ixdoc_set_t *set,
                         ixdoc_stats_t *stats);

/* Free a document that will not be finished. */
void ixdoc_abort(ixdoc_t *d);

/* ---- one file to its documents ----------------------------------------------------- */

/* A file's metadata once front matter and manifest are merged, its body (the text after
 * the front matter) and its parsed date. */
typedef struct ixdoc_file {
    const ix_file_t *f;
    const ix_actors_t *actors; /* the run's actor aliases (may be NULL) */
    ix_meta_t meta;
    const char *body;
    size_t body_len;
    size_t body_line;    /* line of the file the body starts on (after front matter) */
    date_span_t date;    /* {0, 0} when there is none (or it did not parse) */
    const ix_pdf_t *pdf; /* a PDF's pages and layout (the source's), or NULL */
} ixdoc_file_t;

/* Index the file's metadata on d: title (S), actor (A), url, lang, symbols, and every
 * free field (XF<name>:), each also stored in the record. */
void ixdoc_meta(ixdoc_t *d, const ixdoc_file_t *file);

/* Add doc with id to set (which takes the document). DS_OK or DS_ERR_NOMEM. */
ds_status_t ixdoc_set_add(ixdoc_set_t *set, xap_doc_t *doc, const char *id);
void ixdoc_set_release(ixdoc_set_t *set);

/*
 * Build the documents of file f whose text is src (actors: the run's actor aliases, may
 * be NULL), the first tagged with the source
 * fingerprint state (DS_SLOT_SOURCE). On DS_OK set holds them (the caller releases it).
 * Problems with metadata are warnings through diag. Otherwise DS_ERR_NOMEM or a wrapper
 * status (message through diag naming the file).
 */
/* A PDF (src->pdf has pages) has no front matter: the manifest's metadata, and its
 * document info for the keys the manifest leaves empty: title -> title, author ->
 * author (a free field: the author of a UN PDF is a person or an office, not the actor
 * that speaks), subject -> subject (free), creation date -> date. A PDF that is not a
 * report is one plain document of its text (form feeds kept) with the field pages. */
ds_status_t ixdoc_build_file(an_analyzer_t *an, const ix_actors_t *actors, const ix_file_t *f,
                             const ix_source_t *src, const char *state, ds_diag_t *diag,
                             ixdoc_set_t *set, ixdoc_stats_t *stats);

/* The host-name terms of url (host and each parent domain with a dot), appended to out
 * as NUL-separated strings; *n gets their count. */
void ixdoc_url_hosts(const char *url, ds_buf_t *out, size_t *n);

#endif
