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
 * The name a target is sharded by: with BY_TARGET, SPEC (the target as
 * given or found); else, for a target whose URL (URL: a URL target's, or
 * a WARC record's WARC-Target-URI; NULL for files) is http(s) with a
 * host, that host in lower case, so that one host is fetched by one
 * machine only.  Caller frees.
 */
char *shard_key(const char *spec, const char *url, bool by_target);

/* Reads an environment variable (getenv, or a table in tests). */
typedef const char *(*shard_env_fn)(const char *name, void *arg);

/*
 * Parses "K/N" with 1 <= K <= N <= SHARD_MAX into *K and *N, or "auto"
 * and "auto/N", which take them from the engine running attrcheck, read
 * through ENV (ARG passed on; getenv when ENV is NULL):
 *   Slurm job array   K = (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN)
 *                         / SLURM_ARRAY_TASK_STEP (1 if unset) + 1,
 *                     N = SLURM_ARRAY_TASK_COUNT (auto/N must agree);
 *   Kubernetes        K = JOB_COMPLETION_INDEX + 1, N from auto/N;
 *   GNU parallel      K = PARALLEL_SEQ, N from auto/N;
 * tried in that order.  Returns AC_OK, or AC_E_USAGE with a message that
 * does not name the option (none set, a variable that is not a number, K
 * over N, auto without /N where N cannot be known).
 */
enum ac_status shard_parse_env(const char *s, shard_env_fn env, void *arg,
                               unsigned *k, unsigned *n, struct ac_err *err);

/* shard_parse_env with the process environment. */
enum ac_status shard_parse(const char *s, unsigned *k, unsigned *n,
                           struct ac_err *err);

#endif
