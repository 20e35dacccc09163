/*
 * docstore.h - the document record kept in each Xapian document's data.
 *
 * Every indexed document stores its metadata fields and its cleaned text, so snippets
 * and concordances never need the original files: token byte offsets from the analyzer
 * index straight into the stored text. Fields are small and come first, so a result
 * list can print them without touching the text.
 *
 * Where the text lives (schema 7). A record written by the indexer holds the fields and
 * the maps, not the text (method DSTORE_APART): the text is the document's value
 * DS_SLOT_TEXT (schema.h), cut into chunks of K bytes deflated one by one, so a
 * window of the text inflates only the chunks it overlaps, and a reader of the fields
 * (--fields id,date, --count, facets) touches no text at all: Xapian reads a value
 * without the document data and the data without the values. Glass still compresses
 * the (now small) data tag with its own zlib pass; values it stores as they are, so
 * the chunks are deflated here (zlib, raw, a window no larger than a chunk). The cost
 * is size: a chunk compresses alone (schema.h, DS_TEXT_CHUNK: +3.7% on x30 at 8 KB);
 * the gain, on x30, `--fields id,date` of 5,000 hits 17x faster and snippets of single
 * words 1.3x (bench/README.md, issue 12).
 *
 * Record format (version 3; all integers are LEB128 varints):
 *   byte   'D'                 magic
 *   byte   3                   record format version
 *   varint nfields
 *   nfields x { varint klen, key bytes, varint vlen, value bytes }
 *   varint method              0 = stored here (DSTORE_STORED), 2 = apart (DSTORE_APART)
 *   varint text_len            length of the text
 *   rest   the text (method 0), nothing (method 2)
 * Keys are unique ASCII names (see schema.h); values are binary-safe.
 *
 * Text chunks (the value of DS_SLOT_TEXT for method 2):
 *   varint DSTORE_CHUNKS_FORMAT (1)
 *   varint K                   chunk size, 1..DSTORE_CHUNK_MAX
 *   varint text_len            as the record says
 *   nchunks = ceil(text_len / K) x { varint clen << 1 | z }
 *   then the chunks' bytes, in order: chunk i holds text[i*K, min((i+1)*K, text_len)),
 *   raw deflate (no zlib header, z = 1) or as is (z = 0, when deflate does not shrink
 *   it; clen is then the chunk's length).
 * A chunk that does not inflate to exactly its length, in exactly clen bytes, is
 * DS_ERR_CORRUPT.
 */
#ifndef DS_DOCSTORE_H
#define DS_DOCSTORE_H

#include <stddef.h>

#include "buf.h"
#include "status.h"

typedef struct dstore_field {
    const char *key;
    const char *val;
    size_t val_len;
} dstore_field_t;

/* How dstore_encode keeps the text: in the record, or apart (dstore_chunks_encode
 * gives what the document's DS_SLOT_TEXT holds). */
typedef enum dstore_method { DSTORE_STORED = 0, DSTORE_APART = 2 } dstore_method_t;

#define DSTORE_CHUNKS_FORMAT 1
#define DSTORE_CHUNK_MAX (1u << 20)

/*
 * Append the record of fields[0..n) and text[0..text_len) to out, the text kept as
 * method says (DSTORE_APART: only its length; text may then be NULL). Returns DS_OK,
 * DS_ERR_NOMEM, DS_ERR_INVALID (another method). On error out may hold a partial
 * record: reset it.
 */
ds_status_t dstore_encode(const dstore_field_t *fields, size_t n, const char *text, size_t text_len,
                          dstore_method_t method, ds_buf_t *out);

/* Append the text chunks of text[0..len) (chunk size k, 1..DSTORE_CHUNK_MAX) to out.
 * Returns DS_OK, DS_ERR_INVALID (k out of range) or DS_ERR_NOMEM. */
ds_status_t dstore_chunks_encode(const char *text, size_t len, size_t k, ds_buf_t *out);

typedef struct dstore_record dstore_record_t;

/*
 * Parse a record. The record copies what it needs: data may be freed afterwards. On
 * success *out owns a new record (dstore_record_free). Returns DS_ERR_CORRUPT for
 * anything that is not a well-formed record (the text is checked only when read),
 * DS_ERR_NOMEM if memory ran out.
 */
ds_status_t dstore_decode(const char *data, size_t len, dstore_record_t **out);

/*
 * Where a DSTORE_APART record finds its text chunks: fetch(ctx) gives the bytes of
 * the chunks (valid until release(ctx)), called once, on the first read of the text;
 * release(ctx) is called when the record is freed (fetch may be NULL: the text is then
 * DS_ERR_NOT_FOUND). The record owns ctx from dstore_set_source on. docread.c sets it
 * to the document's DS_SLOT_TEXT value.
 */
typedef struct dstore_source {
    ds_status_t (*fetch)(void *ctx, const char **data, size_t *len);
    void (*release)(void *ctx);
    void *ctx;
} dstore_source_t;

void dstore_set_source(dstore_record_t *rec, dstore_source_t src);

/*
 * Fetch the text's chunks from the source now and keep a copy in the record, releasing
 * the source: the record then needs nothing of the index, so it may be read and freed
 * on another thread (a Xapian document may be used by one thread at a time, the one
 * that uses its database: kwic.c reads records on one thread and cuts lines on
 * another). A record that holds its text (DSTORE_STORED) just lets its source go. Call
 * it before the first text read. Returns DS_OK (also when the record has no source, or
 * owns its chunks already), DS_ERR_INVALID (the text was read already), DS_ERR_NOMEM,
 * or the source's status.
 */
ds_status_t dstore_text_own(dstore_record_t *rec);

/* Number of fields, and the i-th field (pointers owned by the record). */
size_t dstore_nfields(const dstore_record_t *rec);
dstore_field_t dstore_field(const dstore_record_t *rec, size_t i);

/* The value of field key (NUL-terminated, *len set if len != NULL), or NULL if absent.
 * Owned by the record. */
const char *dstore_get(const dstore_record_t *rec, const char *key, size_t *len);

/* The length of the text, from the record's header: reads no text. */
size_t dstore_text_len(const dstore_record_t *rec);

/*
 * The text's bytes [start, end) (end past the text is taken as its end; start past
 * the end gives an empty range): only the chunks the range overlaps are inflated, each
 * once in the record's life. *p points into the record's text buffer, the same buffer
 * for every range (so *p - start is the text's start and stays valid until the record
 * is freed), but only bytes of ranges read are the text's: the others are 0. Returns
 * DS_OK, DS_ERR_CORRUPT (a damaged chunk or table, a length that disagrees with the
 * record), DS_ERR_NOT_FOUND (no text source), DS_ERR_NOMEM, or the source's status.
 */
ds_status_t dstore_text_range(dstore_record_t *rec, size_t start, size_t end, const char **p,
                              size_t *n);

/*
 * The text's buffer (as dstore_text_range gives it) and length, inflating nothing: for
 * callers that read ranges of it, each after a dstore_text_range (or a map's reader,
 * docmap.h) made it readable. Statuses as dstore_text_range.
 */
ds_status_t dstore_text_view(dstore_record_t *rec, const char **text, size_t *len);

/*
 * The whole text: dstore_text_range(rec, 0, len), NUL-terminated for convenience (trust
 * *len). Statuses as dstore_text_range.
 */
ds_status_t dstore_text(dstore_record_t *rec, const char **text, size_t *len);

void dstore_record_free(dstore_record_t *rec);

/* What every record of the process has inflated so far (the searcher prints it under
 * DS_TEXT_STATS, so tests can tell that a path reads no text). Counted atomically. */
typedef struct dstore_stats {
    unsigned long long chunks; /* chunks inflated (or copied, when stored as is) */
    unsigned long long bytes;  /* text bytes they hold; inline text counts whole */
} dstore_stats_t;

void dstore_stats_get(dstore_stats_t *s);

#endif
