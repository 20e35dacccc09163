/*
 * locator.h - where a span of a document's stored text is, written so that it can be
 * found again: the stable locator every hit and KWIC line carries (output format
 * version 2), and the line map lookup that gives a byte offset its page and line.
 *
 * Both binaries use it (the searcher prints locators, the report parser builds line
 * maps, searcher --show and --verify read locators back), so it lives here, below the
 * analyzer and the index: it needs neither.
 *
 * String form (one form per locator, so two locators are equal when their strings are):
 *
 *     locator = id "@" start "-" end [ ":" place ] "~" hash
 *     place   = "p" count [ ".l" count ] | "l" count
 *     start, end = "0" | nonzero-digit *digit      (decimal, no sign, no leading zero)
 *     count   = nonzero-digit *digit               (page and line are 1-based)
 *     hash    = 12 lower-case hex digits
 *
 *   c07/1861-Lincoln.txt@5120-5133~3fa9c2e1b07d
 *   report.txt#p5@179-190:p3.l41~8a0c51d2e4f7
 *
 * id is the document id exactly as stored, any bytes but empty; [start, end) the byte
 * span in the document's stored text (start <= end; start == end names a point); page
 * and line those of the original where the record has a line map (omitted when not
 * known: page only, line only or neither); hash the first 12 hex digits of the
 * record's text hash (schema.h, Text hash), so a reader can tell that the text is no
 * longer the one the span was cut from.
 *
 * It parses from the right: the hash follows the LAST '~' and holds no '~', the span
 * follows the last '@' before it and holds no '@', so whatever is left is the id,
 * whatever characters it holds ('@', '~', '#', ':', '/', spaces, UTF-8).
 *
 * Why 12 hex digits (48 bits) of the 64-bit hash: the hash only has to tell an edited
 * text from the one the locator was made from; that a change keeps the same 48 bits
 * happens once in 2^48 (about 3.6e-15) edits, where 8 digits (2^-32) would be met in a
 * large corpus over the years, and the 4 more digits of the whole hash would make every
 * KWIC line longer for no gain a reader can see.
 */
#ifndef DS_LOCATOR_H
#define DS_LOCATOR_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

/* Hex digits of a locator's hash. */
#define DS_LOC_HASH_DIGITS 12

typedef struct ds_loc {
    const char *id; /* not NUL-terminated: idlen bytes (borrowed: from the record, or
                       into the parsed string) */
    size_t idlen;
    size_t start, end; /* byte span [start, end) of the stored text */
    size_t page, line; /* 1-based; 0: not known */
    uint64_t hash;     /* ds_loc_hash of the text hash: < 2^48 */
} ds_loc_t;

/* A locator's hash of a record's 64-bit text hash: its first DS_LOC_HASH_DIGITS hex
 * digits, as a number (the top 48 bits). */
static inline uint64_t ds_loc_hash(uint64_t text_hash)
{
    return text_hash >> (64 - 4 * DS_LOC_HASH_DIGITS);
}

/* Append loc's string form to out. loc must be one ds_loc_parse would give back (an id,
 * start <= end, hash < 2^48); anything else is written as it is and will not parse.
 * Cannot fail (out's failure is sticky: ds_buf_ok). */
void ds_loc_format(ds_buf_t *out, const ds_loc_t *loc);

/*
 * Parse the locator s[0..len) (no NUL needed; none may be inside) into *loc, whose id
 * then points into s. Returns DS_OK, or DS_ERR_INVALID with *loc zeroed and e (if not
 * NULL) filled: the message names the part that is wrong ("no '~' before the content
 * hash", "the content hash must be 12 lower-case hex digits", "no '@' before the span",
 * "empty document id", "the span start is not a number", "the span start is after its
 * end", "the span end is too large", "bad page or line after ':'", ...), e->column the
 * 1-based byte column in s where that part starts.
 */
ds_status_t ds_loc_parse(const char *s, size_t len, ds_loc_t *loc, ds_error_t *e);

/* One row of a line map (the record's DS_FIELD_LOCI, schema.h; the report parser's
 * offset maps): text from offset (to the next row's) came from line and page of the
 * original, both 1-based. */
typedef struct ds_locus {
    size_t offset;
    size_t line;
    size_t page;
} ds_locus_t;

/* The row of rows[0..n) (offsets never decreasing) that covers byte offset: the last
 * with row.offset <= offset, the first row for an offset before it; NULL when n is 0. */
const ds_locus_t *ds_locus_find(const ds_locus_t *rows, size_t n, size_t offset);

#endif
