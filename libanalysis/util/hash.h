/* FNV-1a, the one byte hash of the library: model checksums, lexicon and feature ids,
 * and the blocks and index keys of entity resolution. Continue a hash over more bytes by
 * passing the previous result as the seed. */
#ifndef LA_UTIL_HASH_H
#define LA_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define LA__FNV32_SEED 2166136261u
#define LA__FNV32_PRIME 16777619u
#define LA__FNV64_SEED 14695981039346656037ull
#define LA__FNV64_PRIME 1099511628211ull

static inline uint32_t la__fnv1a32(const void *data, size_t len, uint32_t seed)
{
    const unsigned char *p = data;
    uint32_t h = seed;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * LA__FNV32_PRIME;
    return h;
}

static inline uint64_t la__fnv1a64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * LA__FNV64_PRIME;
    return h;
}

#endif
