/* SPDX-License-Identifier: MIT */
/*
 * hash: the one non-cryptographic hash the project uses (FNV-1a, 64
 * bits) and a finaliser that spreads its bits.  For cache keys, change
 * detection, shard choice and shingles; never for security.
 */
#ifndef AC_HASH_H
#define AC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define HASH_FNV_PRIME  UINT64_C(0x100000001b3)

/* Continues FNV-1a hash H over DATA[0..LEN); start with HASH_FNV_OFFSET. */
uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len);

/* The same over the NUL-terminated string S. */
uint64_t hash_fnv1a_str(uint64_t h, const char *s);

/* MurmurHash3's fmix64: every output bit depends on every input bit, so
 * the low bits are fit for "mod N". */
uint64_t hash_mix64(uint64_t h);

#endif
