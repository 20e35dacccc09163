/*
 * utf8.h - strict UTF-8 decoding, encoding, validation and repair.
 *
 * "Valid" means RFC 3629 / Unicode well-formed: no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences. Invalid input is
 * measured in "maximal subparts" (Unicode 14, section 3.9, as WHATWG and ICU do): the
 * longest prefix of a would-be sequence that could still have become valid, or one
 * byte. E.g. "\xE2\x82" at the end is one bad unit of 2 bytes; "\xED\xA0\x80" (an
 * encoded surrogate) is three bad units of 1 byte; "\xC0\xAF" is two.
 *
 * The indexer repairs each text once (utf8_repair) and stores and analyzes the
 * repaired bytes, so offsets of tokens match what a reader sees.
 */
#ifndef DS_UTF8_H
#define DS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "status.h"

#define UTF8_REPLACEMENT 0xFFFDu /* U+FFFD REPLACEMENT CHARACTER */
#define UTF8_MAX_BYTES 4

/*
 * Decode the code point at s[0..len). Returns n > 0 when s starts with a valid
 * sequence of n bytes (*cp is set); -n (n >= 1) when s starts with an invalid maximal
 * subpart of n bytes, which the caller skips (*cp = UTF8_REPLACEMENT); 0 when len is 0.
 */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Encode cp into out (room for UTF8_MAX_BYTES). Returns the number of bytes written
 * (1..4), or 0 (nothing written) for a surrogate or a value above U+10FFFF.
 */
size_t utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s[0..len) (len itself when all valid). */
size_t utf8_valid_prefix(const char *s, size_t len);

/* 1 if s[0..len) is valid UTF-8, else 0. */
int utf8_is_valid(const char *s, size_t len);

/*
 * Append s[0..len) to out, replacing each invalid maximal subpart by U+FFFD (3 bytes),
 * so the result is valid UTF-8. If nrepl is not NULL it receives the number of
 * replacements. Returns DS_OK, or DS_ERR_NOMEM (out->failed is set, out keeps what was
 * appended so far, *nrepl is 0).
 */
ds_status_t utf8_repair(ds_buf_t *out, const char *s, size_t len, size_t *nrepl);

/*
 * The largest n <= max (and <= len) such that s[0..n) does not end inside a multi-byte
 * sequence: cutting valid UTF-8 there leaves valid UTF-8.
 */
size_t utf8_floor(const char *s, size_t len, size_t max);

/*
 * Stepping. A "character" here is what utf8_decode() reads at a position: a valid
 * sequence (1-4 bytes), or an invalid maximal subpart (1-3 bytes), which is skipped
 * whole. So a stray continuation byte, C0, C1 or F5..FF is one character of one byte,
 * and "\xE2\x82" followed by no continuation byte (or by the end) is one of two bytes.
 * Every code that walks text character by character steps with these two functions, so
 * all of it agrees on where characters start, even in invalid input.
 */

/*
 * The offset of the character after the one that starts at byte i of s[0..len): i plus
 * the length utf8_decode(s + i, len - i) gives it, valid or not. Never past len: returns
 * len when i >= len. Reads s[i..len), at most 4 bytes.
 */
size_t utf8_next(const char *s, size_t len, size_t i);

/*
 * The start of the character that ends at offset i: the last character of s[0..i) as
 * utf8_decode() splits s[0..i) from its start, so stepping back with utf8_prev meets the
 * same character starts as stepping forward with utf8_next (utf8_prev(s, utf8_next(s,
 * len, j)) == j for every start j so met). Consistently with utf8_decode, a stray
 * continuation byte is a character of its own (it does not join the sequence before
 * it), and when i falls inside a sequence, the bytes of it before i are one (truncated,
 * invalid) character. Returns i - n with 1 <= n <= 4, or 0 when i is 0. Reads only
 * s[i-4..i), never before s.
 */
size_t utf8_prev(const char *s, size_t i);

#endif
