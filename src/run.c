/* SPDX-License-Identifier: MIT */
/*
 * run: the loop from targets to reports (see run.h).  Local files are
 * checked as they come; each result is written and freed before the next
 * target is read, so memory does not grow with the number of targets.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "document.h"
#include "run.h"
#include "targets.h"

static void
finish(struct report *rep, struct run_stats *stats, struct result *r)
{
    stats->verdicts[r->verdict]++;
    stats->total++;
    report_result(rep, r);
    result_free(r);
}

static void
check_file(const struct options *opts, const struct rules *rules,
           const struct target *t, struct result *r)
{
    struct document doc;
    struct ac_err err = {0};
    enum ac_status rc;

    rc = document_load_file(t->path, t->url, opts->max_size, &doc, &err);
    if (rc != AC_OK) {
        result_set_error(r, check_error_kind(rc), err.msg);
        return;
    }
    check_document(rules, &doc, r);
    document_free(&doc);
}

static void
check_target(const struct options *opts, const struct rules *rules,
             const struct target *t, struct result *r)
{
    switch (t->kind) {
    case TARGET_BAD:
        result_set_error(r, "io", t->error);
        break;
    case TARGET_FILE:
        check_file(opts, rules, t, r);
        break;
    case TARGET_URL:
        if (opts->offline)
            result_set_error(r, "offline",
                             "not fetched: --offline forbids the network");
        else
            result_set_error(r, "scheme", "fetching URLs is not built yet");
        break;
    }
}

enum ac_status
run_targets(const struct options *opts, const struct rules *rules,
            struct report *rep, struct run_stats *stats, struct ac_err *err)
{
    struct targets *ts = NULL;
    struct target t;
    struct result r;
    enum ac_status rc;

    memset(stats, 0, sizeof *stats);
    rc = targets_open(opts, &ts, err);
    if (rc != AC_OK)
        return rc;
    report_begin(rep);
    while (targets_next(ts, &t)) {
        result_init(&r, t.spec, t.url);
        check_target(opts, rules, &t, &r);
        finish(rep, stats, &r);
        target_free(&t);
    }
    report_end(rep, stats);
    targets_free(ts);
    return AC_OK;
}

enum exit_code
run_exit_code(const struct options *opts, const struct run_stats *stats)
{
    if (stats->verdicts[VERDICT_FAIL] > 0 ||
        (opts->strict && stats->verdicts[VERDICT_WARN] > 0))
        return EXIT_FAIL;
    if (stats->verdicts[VERDICT_ERROR] > 0)
        return EXIT_UNCHECKED;
    return EXIT_PASS;
}

const char *
run_default_rules_dir(void)
{
    char exe[PATH_MAX], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n > 0) {
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            if (strcmp(exe, ATTRCHECK_BUILDDIR) == 0)
                return ATTRCHECK_SRCDIR "/data/rules";
        }
    }
    return ATTRCHECK_RULES_DIR;
}
