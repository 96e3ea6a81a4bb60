/* SPDX-License-Identifier: MIT */
/*
 * shard: the stable hash of a target string and the K/N split (see
 * shard.h).  The formula is part of the interface: changing it would
 * move targets between shards of runs already under way.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "shard.h"

#define FNV64_OFFSET 0xcbf29ce484222325ULL
#define FNV64_PRIME  0x100000001b3ULL

uint64_t
shard_hash(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = FNV64_OFFSET;

    for (; *p != '\0'; p++) {
        h ^= *p;
        h *= FNV64_PRIME;
    }
    return h;
}

/* MurmurHash3's fmix64: every output bit depends on every input bit. */
static uint64_t
mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

unsigned
shard_of(const char *target, unsigned n)
{
    return (unsigned)(mix64(shard_hash(target)) % n) + 1;
}

/* Parses a decimal number in [1, SHARD_MAX] from *S, advancing it. */
static bool
parse_part(const char **s, unsigned *out)
{
    char *end;
    unsigned long v;

    if (**s < '0' || **s > '9')
        return false;
    errno = 0;
    v = strtoul(*s, &end, 10);
    if (errno != 0 || v < 1 || v > SHARD_MAX)
        return false;
    *s = end;
    *out = (unsigned)v;
    return true;
}

enum ac_status
shard_parse(const char *s, unsigned *k, unsigned *n, struct ac_err *err)
{
    const char *p = s;
    unsigned kk, nn;

    if (!parse_part(&p, &kk) || *p++ != '/' || !parse_part(&p, &nn) ||
        *p != '\0')
        return ac_err_set(err, AC_E_USAGE,
                          "'%s' is not K/N with 1 <= K <= N <= %d", s,
                          SHARD_MAX);
    if (kk > nn)
        return ac_err_set(err, AC_E_USAGE,
                          "'%s': shard %u of %u does not exist", s, kk, nn);
    *k = kk;
    *n = nn;
    return AC_OK;
}
