/* SPDX-License-Identifier: MIT */
/*
 * run: the run loop.  Pulls targets from the lazy stream while the work
 * in flight is under a bound, turns each into one result, writes it the
 * moment it is judged and counts verdicts.  Every target ends in exactly
 * one result.  It owns no options and prints nothing itself: results go
 * to the report, and errors come back to main.
 */
#ifndef AC_RUN_H
#define AC_RUN_H

#include "err.h"
#include "options.h"
#include "report.h"
#include "rules.h"

struct cache;
struct policy;
struct resume;
struct targets_tally;

/* What a run uses besides the options; all borrowed. */
struct run_env {
    const struct rules *rules;
    const struct policy *policy; /* may be NULL */
    struct cache *cache;         /* --cache, loaded; may be NULL */
    struct targets_tally *tally; /* filled at the end; may be NULL */
    struct resume *done;         /* --resume: targets to skip; may be NULL */
};

/*
 * Checks every target OPTS names with ENV->rules, applies ENV->policy to
 * each result, writes it to REP and counts its final verdict into STATS.
 * Verified sources are looked up in and recorded into ENV->cache (the
 * caller loads and saves it).  Returns AC_OK, or an error that stopped
 * the run before it began (a target list that cannot be opened, the
 * network engine).
 */
enum ac_status run_targets(const struct options *opts,
                           const struct run_env *env, struct report *rep,
                           struct run_stats *stats, struct ac_err *err);

/* The rules folder to use when --rules is not given: the source tree's
 * data/rules when this binary runs from the build tree, else the
 * installed one. */
const char *run_default_rules_dir(void);

/* The same for the notice sentences and licence titles (data/notices). */
const char *run_default_notices_dir(void);

#endif
