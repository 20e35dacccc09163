/*
 * natsort.h - natural order of document ids ("report#p5" before "report#p10") and the
 * byte-string sort keys that give the same order.
 *
 * ds_natcmp() compares two ids directly (qsort, listings, ties broken in C). Where the
 * sorting is done by something that only knows memcmp -- Xapian sorts value slots
 * bytewise, a shorter value first when it is a prefix of the other -- store
 * ds_natkey(id) instead of the id: memcmp order of keys is exactly ds_natcmp order,
 * for every byte string (NUL bytes, 0xFF, digit runs of any length included).
 *
 * Contents
 *   1. The order
 *   2. The key: on-disk format
 *   3. The API
 *
 * 1. The order
 * ------------
 * A string is read as a sequence of tokens: each maximal run of ASCII digits '0'..'9'
 * is one NUMBER token; every other byte (NUL, '#', 0x80..0xFF, ...) is a BYTE token
 * by itself. Non-ASCII digits (UTF-8 Arabic-Indic, fullwidth) are plain bytes. Two
 * strings compare as their token sequences, lexicographically, a proper prefix first.
 * Two tokens compare as follows:
 *   BYTE b vs BYTE c      as unsigned bytes.
 *   NUMBER vs NUMBER      by numeric value: leading zeros dropped, the run with fewer
 *                         significant digits first, then the digits bytewise (so no
 *                         run is too long: nothing is converted to an integer). Equal
 *                         values: the run with fewer leading zeros first, "5" < "05"
 *                         < "005", decided at that run ("p5z" < "p05a").
 *   NUMBER vs BYTE b      the number sorts where a digit byte would: after b when
 *                         b < '0', before b when b > '9'. So where two strings first
 *                         differ in a digit against a non-digit, the answer is that
 *                         of plain bytewise comparison: "a-" < "a1" < "a:" < "aB".
 * This is a total order, so any arrangement of the same ids sorts the same way: only
 * byte-equal strings compare equal ("p05" and "p5" differ). On strings without
 * digits it is memcmp order. Examples, in order:
 *     "" < "a" < "a1" < "a2" < "a10" < "b"
 *     "x#p9" < "x#p10" < "x-2#p1"            ('#' 0x23 < '-' 0x2D)
 *     "A/RES/75/9" < "A/RES/75/282" < "A/RES/76/1"
 *     "p5" < "p5a" < "p05" < "p05a" < "p6"
 *     "" < "0" < "00" < "1" < "9" < "10"
 *
 * 2. The key: on-disk format
 * --------------------------
 * Keys are stored in the index (a value slot), so this encoding is part of the on-disk
 * format: changing it changes index contents and needs a schema version bump. The key
 * is the concatenation of the codes of the tokens:
 *   BYTE b    the byte b itself (never '0'..'9').
 *   NUMBER    a run of n digits, z of them leading zeros, L = n - z significant
 *             digits d1..dL (L = 0 for a run of zeros only):
 *                 LEN(L) d1 .. dL UINT(z)
 *             LEN(L)  one byte '0' + L when L <= 8 ('0'..'8'); when L >= 9 the byte
 *                     '9' followed by UINT(L - 9).
 *             d1..dL  the significant digits, as they are (ASCII).
 *   UINT(v)   an unsigned integer, order-preserving and self-delimiting:
 *             v < 192: one byte 0x30 + v (0x30..0xEF; "0" for 0, "1" for 1, ...);
 *             v >= 192: w = v - 192 written big-endian in the fewest bytes k that
 *             hold it (k = 1..8, so any size_t fits), preceded by the byte 0xEF + k
 *             (0xF0..0xF7).
 * Why memcmp order is ds_natcmp order: a BYTE code is one non-digit byte and a NUMBER
 * code starts with a byte in '0'..'9', so the first byte ranks BYTE against NUMBER as
 * section 1 does. Among NUMBER codes, LEN, the L digits (fixed count once LEN is read)
 * and UINT are each self-delimiting and order-preserving, so codes rank by (L, digits,
 * z). No code is a prefix of a different code, so the first differing token decides
 * at a byte inside both codes, and a token-sequence prefix gives a key prefix.
 *
 * Cost: BYTE tokens cost nothing, so an id without digits is its own key. A digit run
 * of up to 8 significant digits and fewer than 192 leading zeros costs 2 bytes more
 * than its significant digits (a run without leading zeros grows by 2 bytes):
 *     "corpus/report.txt#p12" (21 bytes) -> "corpus/report.txt#p2120" (23 bytes)
 *     "A/RES/75/282" -> "A/RES/2750/32820"      "p012" -> "p2121"      "000" -> "03"
 * Longer runs need at most 18 bytes more than their significant digits (LEN 10 bytes,
 * UINT 9). A key holds a NUL byte only where the id does.
 */
#ifndef DS_NATSORT_H
#define DS_NATSORT_H

#include <stddef.h>

#include "buf.h"

/*
 * Compare a[0..alen) with b[0..blen) in natural order (section 1). Neither needs a
 * NUL terminator; either may hold any bytes, and may be NULL when its length is 0.
 * Returns < 0 when a sorts first, > 0 when b does, 0 only when the two are byte-equal.
 * Usable from a qsort comparator. Cannot fail.
 */
int ds_natcmp(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Append the natural sort key of s[0..len) (section 2) to out; s needs no NUL
 * terminator and may be NULL when len is 0. Keys of different strings compare with
 * memcmp (a prefix first) as the strings do with ds_natcmp. The key may hold NUL bytes
 * (where s does): use out->len, not strlen. On allocation failure out->failed is set
 * (check ds_buf_ok) and out keeps the contents it had before the call; on a buffer
 * that had already failed this does nothing.
 */
void ds_natkey(const char *s, size_t len, ds_buf_t *out);

#endif
