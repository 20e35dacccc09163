/*
 * docstore.h - the document record kept in each Xapian document's data.
 *
 * Every indexed document stores its metadata fields and its cleaned text, so snippets
 * and concordances never need the original files: token byte offsets from the analyzer
 * index straight into the stored text. Fields are small and come first, so a result
 * list can print them without touching the text.
 *
 * Compression. The record holds the text as is (DSTORE_STORED), and Xapian's glass
 * backend compresses every document record with zlib itself (its docdata table).
 * Measured on the State of the Union corpus: 3% smaller and 8% faster to index than
 * compressing first, since glass then spends its own zlib pass on incompressible
 * bytes. The format also defines method 1, the text as a zlib stream, which
 * dstore_decode reads and dstore_encode no longer writes: nothing wrote it since format
 * 2 replaced format 1 (schema 2), and no caller needs it, but a record that has it is a
 * well-formed format-2 record, so it stays readable rather than becoming "corrupt".
 *
 * Format (version 2; all integers are LEB128 varints):
 *   byte   'D'                 magic
 *   byte   2                   record format version
 *   varint nfields
 *   nfields x { varint klen, key bytes, varint vlen, value bytes }
 *   varint method              0 = stored, 1 = zlib stream (zlib wrapper, checksummed)
 *   varint text_len            length of the text (once inflated)
 *   rest   the text, as method says
 * Keys are unique ASCII names (see schema.h); values are binary-safe.
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

/* How dstore_encode keeps the text: as is, the one method it writes (see above). */
typedef enum dstore_method { DSTORE_STORED = 0 } dstore_method_t;

/*
 * Append the record of fields[0..n) and text[0..text_len) to out, the text kept as
 * method says. Returns DS_OK, DS_ERR_NOMEM, DS_ERR_INVALID (a method other than
 * DSTORE_STORED). On error out may hold a partial record: reset it.
 */
ds_status_t dstore_encode(const dstore_field_t *fields, size_t n, const char *text,
                          size_t text_len, dstore_method_t method, ds_buf_t *out);

typedef struct dstore_record dstore_record_t;

/*
 * Parse a record. The record copies what it needs: data may be freed afterwards. On
 * success *out owns a new record (dstore_record_free). Returns DS_ERR_CORRUPT for
 * anything that is not a well-formed record (the text is checked only when inflated),
 * DS_ERR_NOMEM if memory ran out.
 */
ds_status_t dstore_decode(const char *data, size_t len, dstore_record_t **out);

/* Number of fields, and the i-th field (pointers owned by the record). */
size_t dstore_nfields(const dstore_record_t *rec);
dstore_field_t dstore_field(const dstore_record_t *rec, size_t i);

/* The value of field key (NUL-terminated, *len set if len != NULL), or NULL if absent.
 * Owned by the record. */
const char *dstore_get(const dstore_record_t *rec, const char *key, size_t *len);

/*
 * The document text (inflated on first use if it is a method-1 zlib stream), cached in
 * the record and NUL-terminated for convenience (trust *len). Returns DS_OK,
 * DS_ERR_CORRUPT if the stream is damaged or its length disagrees with the header,
 * DS_ERR_NOMEM.
 */
ds_status_t dstore_text(dstore_record_t *rec, const char **text, size_t *len);

void dstore_record_free(dstore_record_t *rec);

#endif
