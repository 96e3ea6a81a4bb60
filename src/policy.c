/* SPDX-License-Identifier: MIT */
/*
 * policy: severity overrides, required licences and the exit code (see
 * policy.h).  The overrides live in a private copy of the finding table,
 * so a finding keeps pointing at a table entry and every report format
 * sees the overridden severity without knowing about overrides.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "policy.h"
#include "xalloc.h"

struct policy {
    const struct options *opts;
    struct finding_def *defs; /* the table with overridden severities */
    bool *off;                /* per table entry: dropped */
    size_t defs_len;
    bool overridden; /* any --severity at all */
};

enum ac_status
policy_new(const struct options *opts, struct policy **out, struct ac_err *err)
{
    const struct finding_def *table;
    struct finding_override ov;
    struct policy *p;
    size_t i, j;

    *out = NULL;
    p = xcalloc(1, sizeof *p);
    p->opts = opts;
    table = findings_table(&p->defs_len);
    p->defs = xcalloc(p->defs_len, sizeof *p->defs);
    memcpy(p->defs, table, p->defs_len * sizeof *p->defs);
    p->off = xcalloc(p->defs_len, sizeof *p->off);
    for (i = 0; i < opts->severities_len; i++) {
        if (findings_parse_override(opts->severities[i], &ov, err) != AC_OK) {
            policy_free(p);
            return AC_E_USAGE;
        }
        j = (size_t)(ov.def - table);
        p->off[j] = ov.off;
        if (!ov.off)
            p->defs[j].severity = ov.severity;
        p->overridden = true;
    }
    *out = p;
    return AC_OK;
}

void
policy_free(struct policy *p)
{
    if (p == NULL)
        return;
    free(p->defs);
    free(p->off);
    free(p);
}

/* TARGET relative to folder target ROOT, or NULL when it is not below. */
static const char *
below(const char *root, const char *target)
{
    size_t n = strlen(root);

    if (n == 0 || strncmp(root, target, n) != 0)
        return NULL;
    if (root[n - 1] != '/' && target[n] != '/')
        return NULL;
    target += n;
    while (*target == '/')
        target++;
    return *target ? target : NULL;
}

static bool
required(const struct policy *p, const char *target)
{
    const struct options *o = p->opts;
    const char *rel;
    size_t i, j;

    for (i = 0; i < o->require_license_len; i++) {
        if (glob_match_path(o->require_license[i], target))
            return true;
        for (j = 0; j < o->targets_len; j++) {
            rel = below(o->targets[j], target);
            if (rel != NULL && glob_match_path(o->require_license[i], rel))
                return true;
        }
    }
    return false;
}

static bool
has_code(const struct finding_list *l, const char *code)
{
    size_t i;

    for (i = 0; i < l->len; i++)
        if (strcmp(l->v[i].def->code, code) == 0)
            return true;
    return false;
}

void
policy_apply(const struct policy *p, struct result *r)
{
    bool changed = false;

    if (p == NULL || r->verdict == VERDICT_ERROR || !r->analysed)
        return;
    if (r->analysis.applicable == DETECT_NONE &&
        !has_code(&r->findings, "license-missing") && required(p, r->target)) {
        findings_add(&r->findings, "license-required", 0,
                     "the page carries no licence, and --require-license "
                     "asks for one here");
        changed = true;
    }
    if (p->overridden &&
        findings_apply_overrides(p->defs, p->off, &r->findings))
        changed = true;
    /* only then: a verdict the judge made some other way stays */
    if (changed)
        r->verdict = findings_verdict(&r->analysis, &r->findings);
}

enum exit_code
policy_exit_code(enum fail_on fail_on, const struct run_stats *stats)
{
    size_t fail = stats->verdicts[VERDICT_FAIL];

    if (fail_on == FAIL_ON_NEVER)
        return EXIT_PASS;
    if (fail_on == FAIL_ON_WARN)
        fail += stats->verdicts[VERDICT_WARN];
    if (fail_on == FAIL_ON_ERROR)
        fail += stats->verdicts[VERDICT_ERROR];
    if (fail > 0)
        return EXIT_FAIL;
    if (stats->verdicts[VERDICT_ERROR] > 0)
        return EXIT_UNCHECKED;
    return EXIT_PASS;
}
