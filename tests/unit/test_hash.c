/* SPDX-License-Identifier: MIT */
/* Unit tests for hash: FNV-1a test vectors and fmix64. */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "hash.h"

int
main(void)
{
    static const struct {
        const char *s;
        uint64_t want;
    } vectors[] = {
        /* from the FNV reference test suite */
        {"", UINT64_C(0xcbf29ce484222325)},
        {"a", UINT64_C(0xaf63dc4c8601ec8c)},
        {"foobar", UINT64_C(0x85944171f73967e8)},
    };
    size_t i;

    for (i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        ok(hash_fnv1a_str(HASH_FNV_OFFSET, vectors[i].s) == vectors[i].want,
           "fnv1a(\"%s\")", vectors[i].s);
        ok(hash_fnv1a(HASH_FNV_OFFSET, vectors[i].s, strlen(vectors[i].s)) ==
               vectors[i].want,
           "fnv1a over bytes (\"%s\")", vectors[i].s);
    }
    ok(hash_fnv1a_str(hash_fnv1a_str(HASH_FNV_OFFSET, "foo"), "bar") ==
           UINT64_C(0x85944171f73967e8),
       "hashing continues across calls");
    ok(hash_mix64(0) == 0, "fmix64(0) is 0");
    ok(hash_mix64(1) != 1 && hash_mix64(1) != hash_mix64(2),
       "fmix64 spreads neighbours apart");
    return tap_done();
}
