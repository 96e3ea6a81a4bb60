/* SPDX-License-Identifier: MIT */
/*
 * hash: FNV-1a and fmix64 (see hash.h).
 */
#include "config.h"

#include "hash.h"

uint64_t
hash_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ p[i]) * HASH_FNV_PRIME;
    return h;
}

uint64_t
hash_fnv1a_str(uint64_t h, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; *p != '\0'; p++)
        h = (h ^ *p) * HASH_FNV_PRIME;
    return h;
}

uint64_t
hash_mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}
