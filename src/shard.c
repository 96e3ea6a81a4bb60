/* SPDX-License-Identifier: MIT */
/*
 * shard: the stable hash of a target string and the K/N split (see
 * shard.h).  The formula is part of the interface: changing it would
 * move targets between shards of runs already under way.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "shard.h"
#include "url.h"
#include "xalloc.h"

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

char *
shard_key(const char *spec, const char *url, bool by_target)
{
    struct url u;
    char *key = NULL;

    if (!by_target && url != NULL && url_is_http(url) && url_parse(url, &u)) {
        if (u.host != NULL && u.host[0] != '\0') {
            key = u.host; /* url_parse folds it to lower case */
            u.host = NULL;
        }
        url_free(&u);
    }
    return key != NULL ? key : xstrdup(spec);
}

/* Parses "K/N" into *K and *N. */
static enum ac_status
parse_kn(const char *s, unsigned *k, unsigned *n, struct ac_err *err)
{
    const char *p = s;
    unsigned kk, nn;

    if (!parse_part(&p, &kk) || *p++ != '/' || !parse_part(&p, &nn) ||
        *p != '\0')
        return ac_err_set(err, AC_E_USAGE,
                          "'%s' is not K/N with 1 <= K <= N <= %d, auto or "
                          "auto/N",
                          s, SHARD_MAX);
    if (kk > nn)
        return ac_err_set(err, AC_E_USAGE,
                          "'%s': shard %u of %u does not exist", s, kk, nn);
    *k = kk;
    *n = nn;
    return AC_OK;
}

/* Reads variable NAME as a whole number into *OUT: 1 when it is, 0 when
 * it is not set, -1 (ERR set) when it is set to something else. */
static int
env_number(shard_env_fn env, void *arg, const char *name, long *out,
           struct ac_err *err)
{
    const char *v = env(name, arg);
    char *end;

    if (v == NULL || *v == '\0')
        return 0;
    errno = 0;
    *out = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || *out < 0 ||
        *out > 1000000000L) {
        ac_err_set(err, AC_E_USAGE, "auto: %s='%.40s' is not a number", name,
                   v);
        return -1;
    }
    return 1;
}

/* K and N from a Slurm job array; 0 when not in one. */
static int
from_slurm(shard_env_fn env, void *arg, long *k, long *n, struct ac_err *err)
{
    long id, min, count, step = 1;
    int r = env_number(env, arg, "SLURM_ARRAY_TASK_ID", &id, err);

    if (r <= 0)
        return r;
    if (env_number(env, arg, "SLURM_ARRAY_TASK_MIN", &min, err) <= 0 ||
        env_number(env, arg, "SLURM_ARRAY_TASK_COUNT", &count, err) <= 0 ||
        env_number(env, arg, "SLURM_ARRAY_TASK_STEP", &step, err) < 0) {
        if (err->code == AC_OK)
            ac_err_set(err, AC_E_USAGE,
                       "auto: SLURM_ARRAY_TASK_ID is set but "
                       "SLURM_ARRAY_TASK_MIN or SLURM_ARRAY_TASK_COUNT is not");
        return -1;
    }
    if (step < 1)
        step = 1;
    *k = (id - min) / step + 1;
    *n = count;
    return 1;
}

/* K (and N when the engine knows it, else 0) from the environment. */
static enum ac_status
from_env(shard_env_fn env, void *arg, long *k, long *n, struct ac_err *err)
{
    int r;

    *n = 0;
    ac_err_clear(err);
    if ((r = from_slurm(env, arg, k, n, err)) != 0)
        return r > 0 ? AC_OK : AC_E_USAGE;
    if ((r = env_number(env, arg, "JOB_COMPLETION_INDEX", k, err)) != 0) {
        ++*k;
        return r > 0 ? AC_OK : AC_E_USAGE;
    }
    if ((r = env_number(env, arg, "PARALLEL_SEQ", k, err)) != 0)
        return r > 0 ? AC_OK : AC_E_USAGE;
    return ac_err_set(err, AC_E_USAGE,
                      "auto: no engine says which shard this is "
                      "(SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX and "
                      "PARALLEL_SEQ are unset); give K/N");
}

static const char *
real_getenv(const char *name, void *arg)
{
    (void)arg;
    return getenv(name);
}

enum ac_status
shard_parse_env(const char *s, shard_env_fn env, void *arg, unsigned *k,
                unsigned *n, struct ac_err *err)
{
    const char *p;
    unsigned given = 0;
    long kk, nn;

    if (strncmp(s, "auto", 4) != 0)
        return parse_kn(s, k, n, err);
    p = s + 4;
    if (*p == '/' && (p++, !parse_part(&p, &given)))
        return parse_kn(s, k, n, err);
    if (*p != '\0')
        return parse_kn(s, k, n, err);
    if (from_env(env ? env : real_getenv, arg, &kk, &nn, err) != AC_OK)
        return AC_E_USAGE;
    if (nn == 0 && given == 0)
        return ac_err_set(err, AC_E_USAGE,
                          "auto: this engine does not say how many shards "
                          "there are; give auto/N");
    if (nn != 0 && given != 0 && (unsigned long)nn != given)
        return ac_err_set(err, AC_E_USAGE,
                          "auto/%u: the Slurm array has %ld tasks", given, nn);
    if (nn == 0)
        nn = given;
    if (nn > SHARD_MAX || kk < 1 || kk > nn)
        return ac_err_set(err, AC_E_USAGE,
                          "auto: shard %ld of %ld does not exist (1 <= K <= "
                          "N <= %d)",
                          kk, nn, SHARD_MAX);
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return AC_OK;
}

enum ac_status
shard_parse(const char *s, unsigned *k, unsigned *n, struct ac_err *err)
{
    return shard_parse_env(s, NULL, NULL, k, n, err);
}
