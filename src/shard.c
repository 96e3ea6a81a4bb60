/* SPDX-License-Identifier: MIT */
/*
 * shard: the stable hash of a target string and the K/N split (see
 * shard.h).  The formula is part of the interface: changing it would
 * move targets between shards of runs already under way.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "hash.h"
#include "shard.h"

uint64_t
shard_hash(const char *s)
{
    return hash_fnv1a_str(HASH_FNV_OFFSET, s);
}

unsigned
shard_of(const char *target, unsigned n)
{
    return (unsigned)(hash_mix64(shard_hash(target)) % n) + 1;
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
