/*
 * varint.h - LEB128 varints, the one integer coding of the project's binary formats
 * (docstore.h records, the position map of posmap.h, the line map of docmap.h).
 *
 * An unsigned value is written 7 bits at a time, low bits first, each byte but the
 * last with its 0x80 bit set: 0..127 take one byte, 128..16383 two, a uint64_t at most
 * ten. Signed deltas go through zigzag first (0, -1, 1, -2 ... as 0, 1, 2, 3 ...), so a
 * small negative number stays small.
 */
#ifndef DS_VARINT_H
#define DS_VARINT_H

#include <stdint.h>

#include "buf.h"

/* Append v to out (a failed allocation is sticky on out, as every ds_buf append). */
static inline void ds_varint_put(ds_buf_t *out, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char byte = v & 0x7f;
        v >>= 7;
        tmp[n++] = byte | (v ? 0x80 : 0);
    } while (v);
    ds_buf_append(out, tmp, n);
}

/* Read a varint at *p (reading no further than end) into *v. Returns 0 and advances *p,
 * or -1 if it is truncated or longer than a uint64_t (*p and *v then undefined). */
static inline int ds_varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; shift < 64 && *p < end; shift += 7) {
        unsigned char byte = *(*p)++;
        r |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

/* Zigzag: a signed delta as an unsigned varint value, and back. */
static inline uint64_t ds_zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
}

static inline int64_t ds_unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

#endif
