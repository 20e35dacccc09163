/*
 * posmap.h - the position map of a stored text: from a word position to the bytes of
 * that word, without tokenizing the whole text.
 *
 * Xapian's position lists say at which positions a term stands in a document; the
 * concordance and the snippets need the bytes. Tokenizing the whole stored text to find
 * them costs as much as the text is long; the map keeps a restart point of the
 * tokenizer (analyzer.h, an_tokenizer_init_at) every K positions, so the span of
 * position p is found by tokenizing from the restart point before p for at most K
 * positions (plus the parts of the one compound, identifier or URL that holds the
 * checkpoint, when it does).
 *
 * Positions. A text position counts the words of the stored text from 0, as an_token_t
 * .pos does when the text is tokenized from its start (several tokens may share one: a
 * compound's whole and its first part, a possessive's whole and its part, a footnote
 * marker and the word it follows). The index holds the text's words at base + pos:
 * termgen.h gives the document's other texts (title, actor, fields) the positions
 * before the text, each followed by DS_FIELD_GAP, so base is where the indexer's
 * position counter stood when the text was indexed (schema.h, Position map).
 *
 * The map is built while termgen indexes the text (tg_index_text_map feeds every token
 * to a builder) and stored in the document record; schema.h gives its byte layout (key
 * DS_FIELD_POSMAP), and docmap.h reads it back from a record. This module needs the
 * analyzer to re-tokenize, and nothing of Xapian or of records, so it lives in the
 * text layer beside the tokenizer whose restart rule it relies on.
 *
 * Invariant: a map answers for the text it was built from, tokenized by the same
 * analyzer rules (the schema version pins both); for another text its answers are
 * wrong or DS_ERR_CORRUPT, never out of the text's bounds.
 */
#ifndef DS_POSMAP_H
#define DS_POSMAP_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "buf.h"
#include "status.h"

/* The format version written as the map's first varint (schema.h, Position map). */
#define DS_POSMAP_FORMAT 1
/* The largest K a map may have: a reader would otherwise tokenize a whole text. */
#define DS_POSMAP_K_MAX 4096

/* ---- building ---------------------------------------------------------------------- */

/* A map under construction. Fields are private. */
typedef struct ds_posmap_builder {
    uint32_t k, base;
    uint64_t next;   /* the next checkpoint position (a multiple of k) */
    uint32_t ntok;   /* positions used so far (highest position + 1) */
    size_t unit_off; /* the last restart point: its byte offset and position */
    uint32_t unit_pos;
    size_t last_off; /* the previous checkpoint's offset: checkpoints are deltas */
    ds_buf_t chk;    /* the encoded checkpoints */
} ds_posmap_builder_t;

/* Start a map with checkpoint spacing k (1..DS_POSMAP_K_MAX; out of range is taken as
 * the nearest bound) for a text whose position 0 is base in the index. Cannot fail. */
void ds_posmap_builder_init(ds_posmap_builder_t *b, uint32_t k, uint32_t base);

/* Feed the next token of the text, in the tokenizer's order (every token, parts and
 * markers included). Failures (memory) are kept and reported by finish. */
void ds_posmap_builder_token(ds_posmap_builder_t *b, const an_token_t *tok);

/* Append the encoded map of the tokens fed to out. Returns DS_OK or DS_ERR_NOMEM (out
 * may then hold part of the map: reset it). The builder may then only be released. */
ds_status_t ds_posmap_builder_finish(ds_posmap_builder_t *b, ds_buf_t *out);

/* Free the builder's memory (accepts a builder never fed, and NULL). */
void ds_posmap_builder_release(ds_posmap_builder_t *b);

/*
 * Encode the map of text[0..len) (base and k as for ds_posmap_builder_init) by
 * tokenizing it: what the indexer stores, for callers (tests, tools) that have only the
 * text. Returns DS_OK or DS_ERR_NOMEM.
 */
ds_status_t ds_posmap_encode_text(const char *text, size_t len, uint32_t k, uint32_t base,
                                  ds_buf_t *out);

/* ---- reading ----------------------------------------------------------------------- */

typedef struct ds_posmap ds_posmap_t;

/*
 * Parse an encoded map data[0..len) (copied: data may be freed afterwards). On DS_OK
 * *out owns a new map (ds_posmap_free). Otherwise *out is NULL and the status is
 * DS_ERR_CORRUPT (not a well-formed map of format DS_POSMAP_FORMAT: truncated, trailing
 * bytes, a checkpoint out of order) or DS_ERR_NOMEM.
 */
ds_status_t ds_posmap_parse(const char *data, size_t len, ds_posmap_t **out);

void ds_posmap_free(ds_posmap_t *m);

/* The index position of the text's position 0; the text's positions (its last + 1, 0
 * for a text without words); the checkpoint spacing K. */
uint32_t ds_posmap_base(const ds_posmap_t *m);
uint32_t ds_posmap_ntok(const ds_posmap_t *m);
uint32_t ds_posmap_k(const ds_posmap_t *m);

/*
 * Text read in windows. A map may stand over a text of which only the bytes asked for
 * are at hand (a record's text apart in chunks: docstore.h): fn(ctx, start, end) then
 * makes text[start..end) readable, and ds_posmap_need says which bytes a lookup reads.
 * docmap.c sets the reader on the maps it reads from records. Without one (the text is
 * all there) ds_posmap_need does nothing.
 */
typedef ds_status_t (*ds_posmap_reader_fn)(void *ctx, size_t start, size_t end);

/* Set (fn NULL: clear) the map's reader; ctx must outlive the map's lookups. */
void ds_posmap_set_reader(ds_posmap_t *m, ds_posmap_reader_fn fn, void *ctx);

/*
 * Have the reader make readable the bytes a reader of text positions first..last (of a
 * text of len bytes) tokenizes: from first's restart point (ds_posmap_seek's) through
 * the first token after last, whether from one seek or walking on from an earlier one
 * (call it again for each later target). ds_posmap_span calls it itself; callers of
 * ds_posmap_seek call it first. Returns DS_OK (also without a reader, and for
 * positions the seek will refuse) or the reader's status.
 */
ds_status_t ds_posmap_need(const ds_posmap_t *m, size_t len, uint32_t first, uint32_t last);

/*
 * Start tk (uninitialized on entry) at the restart point that holds text position pos
 * (0-based; an index position p is p - base), over the text the map was built from:
 * an_tokenizer_next then gives the text's own tokens from that point, with their true
 * positions, those before pos first (at most K - 1 positions, plus the parts of one
 * whole). The caller reads tokens until one stands after pos, then releases tk
 * (an_tokenizer_release) whatever the status. Returns DS_OK, DS_ERR_RANGE (pos >=
 * ntok) or DS_ERR_CORRUPT (the restart point lies beyond len: another text); on an
 * error tk is an empty tokenizer.
 */
ds_status_t ds_posmap_seek(const ds_posmap_t *m, const char *text, size_t len, uint32_t pos,
                           an_tokenizer_t *tk);

/*
 * The byte span [*start, *end) of text position pos: the span of the first token the
 * analyzer gives at pos, i.e. a compound's, identifier's, URL's or possessive's whole
 * form when one starts there ("ICT-related", "ICANN's"), else the word (a later part of
 * a whole: "related"). The other tokens at pos (the whole's first part, a marker) are
 * found with ds_posmap_seek. Returns DS_OK, DS_ERR_RANGE (pos >= ntok),
 * DS_ERR_CORRUPT (the text does not give pos where the map says: another text) or
 * DS_ERR_NOMEM; on an error *start and *end are 0.
 */
ds_status_t ds_posmap_span(const ds_posmap_t *m, const char *text, size_t len, uint32_t pos,
                           size_t *start, size_t *end);

#endif
