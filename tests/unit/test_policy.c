/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for policy: the exit code for every --fail-on and mix of
 * verdicts, severity overrides (changed, dropped, later ones winning)
 * with the verdict following them, --require-license matched against
 * the path as given and relative to a folder target, and results that
 * could not be checked left alone.  Results are built by hand.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "policy.h"
#include "xalloc.h"

static const struct {
    enum fail_on fail_on;
    size_t pass, warn, fail, error, none;
    enum exit_code want;
} codes[] = {
    {FAIL_ON_FAIL, 1, 0, 0, 0, 0, EXIT_PASS},
    {FAIL_ON_FAIL, 0, 0, 0, 0, 0, EXIT_PASS},
    {FAIL_ON_FAIL, 1, 1, 0, 0, 1, EXIT_PASS},
    {FAIL_ON_FAIL, 0, 0, 1, 0, 0, EXIT_FAIL},
    {FAIL_ON_FAIL, 0, 0, 0, 1, 0, EXIT_UNCHECKED},
    {FAIL_ON_FAIL, 0, 0, 1, 1, 0, EXIT_FAIL}, /* 1 wins over 3 */
    {FAIL_ON_WARN, 0, 1, 0, 0, 0, EXIT_FAIL},
    {FAIL_ON_WARN, 0, 1, 0, 1, 0, EXIT_FAIL},
    {FAIL_ON_WARN, 1, 0, 0, 1, 0, EXIT_UNCHECKED},
    {FAIL_ON_WARN, 1, 0, 0, 0, 1, EXIT_PASS},
    {FAIL_ON_ERROR, 0, 1, 0, 0, 0, EXIT_PASS},
    {FAIL_ON_ERROR, 0, 0, 0, 1, 0, EXIT_FAIL},
    {FAIL_ON_ERROR, 0, 0, 1, 0, 0, EXIT_FAIL},
    {FAIL_ON_NEVER, 0, 1, 1, 1, 1, EXIT_PASS},
    {FAIL_ON_NEVER, 0, 0, 0, 0, 0, EXIT_PASS},
};

static void
test_exit_codes(void)
{
    struct run_stats st;
    size_t i;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        memset(&st, 0, sizeof st);
        st.verdicts[VERDICT_PASS] = codes[i].pass;
        st.verdicts[VERDICT_WARN] = codes[i].warn;
        st.verdicts[VERDICT_FAIL] = codes[i].fail;
        st.verdicts[VERDICT_ERROR] = codes[i].error;
        st.verdicts[VERDICT_NONE] = codes[i].none;
        st.total = codes[i].pass + codes[i].warn + codes[i].fail +
                   codes[i].error + codes[i].none;
        ok(policy_exit_code(codes[i].fail_on, &st) == codes[i].want,
           "exit code case %zu is %d", i, (int)codes[i].want);
    }
}

/* A result for TARGET with a licence (or none) and the given findings. */
static void
make_result(struct result *r, const char *target, bool licensed,
            const char *const *codes_v)
{
    result_init(r, target, NULL);
    r->analysed = true;
    if (licensed) {
        r->analysis.licenses = xcalloc(1, sizeof *r->analysis.licenses);
        r->analysis.licenses_len = 1;
        r->analysis.applicable = 0;
    }
    for (; *codes_v != NULL; codes_v++)
        findings_add(&r->findings, *codes_v, 3, "about %s", *codes_v);
    r->verdict = findings_verdict(&r->analysis, &r->findings);
}

/* Options with TARGETS and the given --severity and --require-license. */
static void
make_opts(struct options *o, const char *const *sev, const char *const *req,
          const char *target)
{
    memset(o, 0, sizeof *o);
    for (; sev && *sev; sev++) {
        o->severities = xreallocarray(o->severities, o->severities_len + 1,
                                      sizeof *o->severities);
        o->severities[o->severities_len++] = xstrdup(*sev);
    }
    for (; req && *req; req++) {
        o->require_license =
            xreallocarray(o->require_license, o->require_license_len + 1,
                          sizeof *o->require_license);
        o->require_license[o->require_license_len++] = xstrdup(*req);
    }
    if (target != NULL) {
        o->targets = xcalloc(1, sizeof *o->targets);
        o->targets[0] = xstrdup(target);
        o->targets_len = 1;
    }
}

static void
test_overrides(void)
{
    static const char *const sev[] = {
        "license-unlinked=error", "license-missing=off", "nc-license=warning",
        "nc-license=info", NULL};
    static const char *const warn_only[] = {"license-unlinked", NULL};
    static const char *const missing[] = {"license-missing", NULL};
    static const char *const both[] = {"license-missing", "nc-license",
                                       "license-unlinked", NULL};
    struct options o;
    struct policy *p = NULL;
    struct ac_err err = {0};
    struct result r;

    make_opts(&o, sev, NULL, NULL);
    ok(policy_new(&o, &p, &err) == AC_OK, "policy_new");
    make_result(&r, "a.html", true, warn_only);
    ok(r.verdict == VERDICT_WARN, "warn before the policy");
    policy_apply(p, &r);
    ok(r.verdict == VERDICT_FAIL, "warning made an error fails");
    ok(r.findings.len == 1 && r.findings.v[0].def->severity == SEVERITY_ERROR,
       "the finding carries the new severity");
    result_free(&r);

    make_result(&r, "b.html", false, missing);
    ok(r.verdict == VERDICT_WARN, "warn before the policy");
    policy_apply(p, &r);
    ok(r.findings.len == 0, "an 'off' finding is dropped");
    ok(r.verdict == VERDICT_NONE, "no licence, no findings: none");
    result_free(&r);

    make_result(&r, "c.html", true, both);
    policy_apply(p, &r);
    ok(r.findings.len == 2 &&
           strcmp(r.findings.v[0].def->code, "nc-license") == 0 &&
           r.findings.v[0].def->severity == SEVERITY_INFO,
       "the later override of a code wins");
    ok(r.verdict == VERDICT_FAIL, "verdict from what is left");
    result_free(&r);

    make_result(&r, "d.html", true, warn_only);
    result_set_error(&r, "io", "gone");
    policy_apply(p, &r);
    ok(r.verdict == VERDICT_ERROR && r.findings.len == 1,
       "a result that could not be checked is left alone");
    result_free(&r);
    policy_free(p);
    options_free(&o);

    make_opts(&o, (const char *const[]){"nope=error", NULL}, NULL, NULL);
    ok(policy_new(&o, &p, &err) == AC_E_USAGE && p == NULL,
       "a bad --severity fails policy_new: %s", err.msg);
    options_free(&o);
    policy_free(NULL);
    policy_apply(NULL, &r); /* r is zeroed by result_free */
    ok(r.verdict == VERDICT_PASS && r.findings.len == 0,
       "a NULL policy leaves the result as it was");
}

static const struct {
    const char *glob, *root, *target;
    bool licensed;
    int want; /* license-required added */
} required[] = {
    {"docs/**", "site", "site/docs/a.html", false, 1},
    {"docs/**", "site/", "site/docs/a.html", false, 1},
    {"docs/**", "site", "site/docs/a.html", true, 0},
    {"docs/**", "site", "site/blog/a.html", false, 0},
    {"docs/**", "sitex", "site/docs/a.html", false, 0},
    {"site/docs/*.html", NULL, "site/docs/a.html", false, 1},
    {"*.html", NULL, "deep/down/a.html", false, 1},
    {"/a.html", "site", "site/a.html", false, 1},
    {"/a.html", "site", "site/x/a.html", false, 0},
    {"https://example.org/docs/**", NULL, "https://example.org/docs/x", false,
     1},
};

static void
test_required(void)
{
    static const char *const none[] = {NULL};
    static const char *const missing[] = {"license-missing", NULL};
    struct options o;
    struct policy *p;
    struct ac_err err = {0};
    struct result r;
    size_t i;

    for (i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *const req[] = {required[i].glob, NULL};

        make_opts(&o, NULL, req, required[i].root);
        p = NULL;
        policy_new(&o, &p, &err);
        make_result(&r, required[i].target, required[i].licensed, none);
        policy_apply(p, &r);
        ok((r.findings.len == 1 &&
            strcmp(r.findings.v[0].def->code, "license-required") == 0 &&
            r.verdict == VERDICT_FAIL) == required[i].want,
           "%s with root %s: %s %s license-required", required[i].glob,
           required[i].root ? required[i].root : "-", required[i].target,
           required[i].want ? "gets" : "does not get");
        result_free(&r);
        if (i == 0) {
            make_result(&r, required[i].target, false, missing);
            policy_apply(p, &r);
            ok(r.findings.len == 1, "license-missing is not doubled");
            result_free(&r);
        }
        policy_free(p);
        options_free(&o);
    }
}

int
main(void)
{
    test_exit_codes();
    test_overrides();
    test_required();
    return tap_done();
}
