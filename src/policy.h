/* SPDX-License-Identifier: MIT */
/*
 * policy: what the user asked to count as a problem.  It applies
 * --severity overrides and --require-license to a judged result (so the
 * verdict follows the overridden severities) and turns the counted
 * verdicts into the exit code --fail-on asks for.  It does not detect or
 * judge pages itself and never prints.
 */
#ifndef AC_POLICY_H
#define AC_POLICY_H

#include "err.h"
#include "options.h"
#include "result.h"

/* The exit status of a run (the man page documents it). */
enum exit_code {
    EXIT_PASS = 0,     /* every target passes (warnings allowed) */
    EXIT_FAIL = 1,     /* some target fails */
    EXIT_USAGE = 2,    /* usage or configuration error, nothing checked */
    EXIT_UNCHECKED = 3 /* nothing failed, some target was not checked */
};

struct policy;

/*
 * Builds the policy for OPTS, which must outlive it (the globs and
 * folder targets are borrowed).  Returns AC_OK, or AC_E_USAGE for a
 * --severity that does not parse (options_parse has checked them, so
 * only a hand-made OPTS fails).  Free with policy_free().
 */
enum ac_status policy_new(const struct options *opts, struct policy **out,
                          struct ac_err *err);
void policy_free(struct policy *p);

/*
 * Adds license-required when R's page is under a --require-license glob
 * and carries no licence (and no license-missing says so already), then
 * applies the severity overrides, and recomputes R's verdict from its
 * findings if either changed anything.  Results that could not be
 * checked are left alone.  Globs are matched against
 * the target as given and, for a page found in a folder target, against
 * its path relative to that folder (as --exclude is).
 */
void policy_apply(const struct policy *p, struct result *r);

/*
 * The exit code for STATS under FAIL_ON: 1 when a target fails (or warns
 * with FAIL_ON_WARN, or could not be checked with FAIL_ON_ERROR), else 3
 * when some target could not be checked, else 0.  FAIL_ON_NEVER is
 * always 0: usage and I/O errors are main's business.
 */
enum exit_code policy_exit_code(enum fail_on fail_on,
                                const struct run_stats *stats);

#endif
