/*
 * hash.h - the project's one non-cryptographic 64-bit hash (FNV-1a).
 *
 * Used where a stable fingerprint is needed: content hashes for incremental indexing,
 * over-long terms (an_term_fit), shard routing. Stable across platforms and releases:
 * changing it changes index contents, so it would need a schema version bump.
 */
#ifndef DS_HASH_H
#define DS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define DS_HASH64_INIT UINT64_C(0xcbf29ce484222325)

/* Continue hash h over data[0..len); start with DS_HASH64_INIT. */
static inline uint64_t ds_hash64_update(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static inline uint64_t ds_hash64(const void *data, size_t len)
{
    return ds_hash64_update(DS_HASH64_INIT, data, len);
}

#endif
