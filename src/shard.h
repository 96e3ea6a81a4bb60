/* SPDX-License-Identifier: MIT */
/*
 * shard: splits a run across machines.  A target belongs to shard K of N
 * by a stable hash of its name as given or found, so the same list with
 * the same N on N machines checks every target exactly once, whatever
 * order the list is in and whatever else is in it.  It keeps no state and
 * reads nothing: the target stream asks it about each name.
 */
#ifndef AC_SHARD_H
#define AC_SHARD_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

/* The most shards a run may be split into. */
#define SHARD_MAX 4096

/* FNV-1a 64 of the bytes of S: a stable 64-bit name for a target string,
 * the same on every machine and in every version. */
uint64_t shard_hash(const char *s);

/*
 * The shard (1..N) that TARGET belongs to: FNV-1a 64 of its bytes, mixed
 * with MurmurHash3's 64-bit finaliser (FNV's low bits depend only on the
 * bytes' low bits), modulo N, plus one.  N must be at least 1.
 */
unsigned shard_of(const char *target, unsigned n);

/*
 * Parses "K/N" with 1 <= K <= N <= SHARD_MAX into *K and *N.  Returns
 * AC_OK, or AC_E_USAGE with a message that does not name the option.
 */
enum ac_status shard_parse(const char *s, unsigned *k, unsigned *n,
                           struct ac_err *err);

#endif
