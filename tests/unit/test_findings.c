/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for findings: licence labels, the code table (every code
 * has a severity and a summary; lookup), names of severities and
 * verdicts, and findings_judge + findings_verdict on hand-built analyses:
 * each finding code, its line and message, and the verdict rules (an
 * error fails, a warning warns, a licence passes, nothing is none).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "findings.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct {
    enum cc_family family;
    const char *version, *port;
    const char *want;
} labels[] = {
    {CC_BY, "4.0", "", "CC BY 4.0"},
    {CC_BY_SA, "3.0", "nl", "CC BY-SA 3.0 NL"},
    {CC_BY_NC_ND, "2.5", "", "CC BY-NC-ND 2.5"},
    {CC_BY_NC_SA, "", "", "CC BY-NC-SA"},
    {CC_BY, "3.0", "igo", "CC BY 3.0 IGO"},
    {CC_ZERO, "1.0", "", "CC0 1.0"},
    {CC_PDM, "1.0", "", "Public Domain Mark 1.0"},
    {CC_PDM, "", "", "Public Domain Mark"},
    {CC_UNSPECIFIED, "", "", "a Creative Commons licence"},
    {CC_UNSPECIFIED, "4.0", "", "a Creative Commons licence"},
    {CC_NONE, "", "", "a Creative Commons licence"},
};

static struct cc_license
lic(enum cc_family f, const char *version, const char *port)
{
    struct cc_license l;

    memset(&l, 0, sizeof l);
    l.family = f;
    snprintf(l.version, sizeof l.version, "%s", version);
    snprintf(l.port, sizeof l.port, "%s", port);
    return l;
}

static void
test_labels(void)
{
    char buf[96], small[16];
    struct cc_license l;
    size_t i;
    int untouched = 1;

    for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        l = lic(labels[i].family, labels[i].version, labels[i].port);
        findings_license_label(&l, buf, sizeof buf);
        if (!ok(strcmp(buf, labels[i].want) == 0, "label \"%s\"",
                labels[i].want))
            printf("#   got: \"%s\"\n", buf);
    }
    l = lic(CC_BY_SA, "4.0", "");
    findings_license_label(&l, buf, 6);
    is_str(buf, "CC BY", "a short buffer truncates and terminates");

    /* a label with a port cut by N must not touch bytes beyond N */
    l = lic(CC_BY_SA, "3.0", "nl");
    memset(small, 'a', sizeof small - 1);
    small[sizeof small - 1] = '\0';
    findings_license_label(&l, small, 4);
    for (i = 4; i < sizeof small - 1; i++)
        if (small[i] != 'a')
            untouched = 0;
    ok(small[3] == '\0', "truncated with a port: terminated within N");
    ok(untouched, "truncated with a port: nothing written beyond N");
}

static void
test_table(void)
{
    const struct finding_def *t;
    size_t len, i, j;
    int good = 1, unique = 1, found = 1;

    t = findings_table(&len);
    ok(t != NULL && len >= 9, "the table has the codes (%zu)", len);
    for (i = 0; i < len; i++) {
        if (t[i].code == NULL || t[i].code[0] == '\0' || t[i].summary == NULL ||
            t[i].summary[0] == '\0' ||
            (t[i].severity != SEVERITY_INFO &&
             t[i].severity != SEVERITY_WARNING &&
             t[i].severity != SEVERITY_ERROR) ||
            strspn(t[i].code, "abcdefghijklmnopqrstuvwxyz-") !=
                strlen(t[i].code)) {
            good = 0;
            printf("# bad entry %zu\n", i);
        }
        for (j = i + 1; j < len; j++)
            if (strcmp(t[i].code, t[j].code) == 0)
                unique = 0;
        if (findings_lookup(t[i].code) != &t[i])
            found = 0;
    }
    ok(good, "every code is lower-case-dashed with a severity and summary");
    ok(unique, "codes are unique");
    ok(found, "findings_lookup finds every code, pointing into the table");
    ok(findings_lookup("no-such-code") == NULL, "unknown code: NULL");
    ok(findings_lookup("") == NULL, "empty code: NULL");
    ok(findings_lookup("License-Missing") == NULL, "lookup is exact");
    ok(findings_lookup("source-missing")->severity == SEVERITY_ERROR &&
           findings_lookup("license-unknown")->severity == SEVERITY_ERROR &&
           findings_lookup("license-conflict")->severity == SEVERITY_ERROR,
       "missing sources, unknown and conflicting licences are errors");
    ok(findings_lookup("license-missing")->severity == SEVERITY_WARNING,
       "a credit without a licence is a warning (a syndication agreement "
       "cannot be seen)");
    ok(findings_lookup("license-unlinked")->severity == SEVERITY_WARNING &&
           findings_lookup("license-version-missing")->severity ==
               SEVERITY_WARNING &&
           findings_lookup("license-unspecified")->severity == SEVERITY_WARNING,
       "unlinked, versionless and unspecified licences are warnings");
    ok(findings_lookup("nc-license")->severity == SEVERITY_INFO &&
           findings_lookup("permission-stated")->severity == SEVERITY_INFO,
       "NC and permission are information");
    is_str(severity_name(SEVERITY_ERROR), "error", "severity_name error");
    is_str(severity_name(SEVERITY_WARNING), "warning", "severity_name warning");
    is_str(severity_name(SEVERITY_INFO), "info", "severity_name info");
    ok(strcmp(verdict_name(VERDICT_PASS), "pass") == 0 &&
           strcmp(verdict_name(VERDICT_WARN), "warn") == 0 &&
           strcmp(verdict_name(VERDICT_FAIL), "fail") == 0 &&
           strcmp(verdict_name(VERDICT_ERROR), "error") == 0 &&
           strcmp(verdict_name(VERDICT_NONE), "none") == 0,
       "verdict names");
}

/* Builders for hand-made analyses (all strings owned, freed by
 * analysis_free). */
static struct license_statement *
add_statement(struct analysis *a, struct cc_license l, bool linked,
              enum statement_role role, unsigned line)
{
    struct license_statement *s;

    a->licenses =
        xreallocarray(a->licenses, a->licenses_len + 1, sizeof *a->licenses);
    s = &a->licenses[a->licenses_len++];
    memset(s, 0, sizeof *s);
    s->lic = l;
    s->linked = linked;
    s->role = role;
    s->scope = SCOPE_NOTICE;
    s->line = line;
    s->block = HTML_NO_BLOCK;
    s->evidence = xcalloc(1, sizeof *s->evidence);
    s->evidence_len = 1;
    s->evidence[0].kind = EVIDENCE_TEXT;
    s->evidence[0].line = line;
    s->evidence[0].excerpt = xstrdup("CC BY 5.0");
    return s;
}

static void
set_source(struct analysis *a, const char *url, unsigned line)
{
    a->source = xcalloc(1, sizeof *a->source);
    a->source->url = xstrdup(url);
    a->source->line = line;
}

static void
start(struct analysis *a)
{
    memset(a, 0, sizeof *a);
    a->applicable = DETECT_NONE;
    a->conflict_with = DETECT_NONE;
    a->notice_block = DETECT_NONE;
}

/* Judges A; returns "code@line code@line ..." and sets *V. */
static char *
judge(const struct analysis *a, enum verdict *v, struct finding_list *keep)
{
    struct finding_list list = {NULL, 0};
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    findings_judge(a, &list);
    for (i = 0; i < list.len; i++)
        strbuf_addf(&sb, "%s%s@%u", i ? " " : "", list.v[i].def->code,
                    list.v[i].line);
    *v = findings_verdict(a, &list);
    if (keep != NULL)
        *keep = list;
    else
        finding_list_free(&list);
    return strbuf_detach(&sb);
}

static void
expect(struct analysis *a, const char *want, enum verdict want_v,
       const char *name)
{
    enum verdict v;
    char *got = judge(a, &v, NULL);

    is_str(got, want, name);
    ok(v == want_v, "%s: verdict %s (got %s)", name, verdict_name(want_v),
       verdict_name(v));
    free(got);
    analysis_free(a);
}

static void
test_judge_licence(void)
{
    struct analysis a;

    start(&a);
    expect(&a, "", VERDICT_NONE, "nothing at all");

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 7);
    a.applicable = 0;
    set_source(&a, "https://o.example/a", 7);
    expect(&a, "", VERDICT_PASS, "linked CC BY 4.0 with a source");

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 7);
    a.applicable = 0;
    expect(&a, "", VERDICT_PASS, "a licence alone passes");

    start(&a);
    add_statement(&a, lic(CC_BY, "", ""), true, ROLE_CLAIM, 3);
    a.applicable = 0;
    expect(&a, "license-version-missing@3", VERDICT_WARN,
           "no version: a warning");

    start(&a);
    add_statement(&a, lic(CC_BY_SA, "4.0", ""), false, ROLE_CLAIM, 4);
    a.applicable = 0;
    expect(&a, "license-unlinked@4", VERDICT_WARN, "unlinked: a warning");

    start(&a);
    add_statement(&a, lic(CC_BY, "", ""), false, ROLE_CLAIM, 5);
    a.applicable = 0;
    expect(&a, "license-version-missing@5 license-unlinked@5", VERDICT_WARN,
           "no version and unlinked: two warnings");

    start(&a);
    add_statement(&a, lic(CC_UNSPECIFIED, "", ""), false, ROLE_CLAIM, 6);
    a.applicable = 0;
    expect(&a, "license-unspecified@6", VERDICT_WARN,
           "unspecified: one warning, not also unlinked or versionless");

    start(&a);
    add_statement(&a, lic(CC_RETIRED, "", ""), true, ROLE_CLAIM, 6);
    a.applicable = 0;
    expect(&a, "", VERDICT_PASS, "a retired tool is not asked for a version");

    start(&a);
    add_statement(&a, lic(CC_BY_NC_SA, "4.0", ""), true, ROLE_CLAIM, 8);
    a.applicable = 0;
    expect(&a, "nc-license@8", VERDICT_PASS, "NC: information, still a pass");
}

static void
test_judge_source(void)
{
    struct analysis a;

    start(&a);
    set_source(&a, "https://o.example/a", 12);
    expect(&a, "license-missing@12", VERDICT_WARN,
           "a source credit without a licence warns");

    start(&a);
    set_source(&a, "https://o.example/a", 12);
    a.permission = true;
    expect(&a, "permission-stated@12", VERDICT_PASS,
           "credit with permission: information, a pass");

    start(&a);
    a.copied = true;
    a.copied_line = 9;
    expect(&a, "license-missing@9", VERDICT_WARN,
           "copied without URL or licence: no licence asks for the link");

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 9);
    a.applicable = 0;
    a.copied = true;
    a.copied_line = 9;
    expect(&a, "source-missing@9", VERDICT_FAIL,
           "copied under a licence but no URL of the original");

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 9);
    a.applicable = 0;
    a.copied = true;
    a.copied_line = 9;
    set_source(&a, "https://o.example/a", 10);
    expect(&a, "", VERDICT_PASS, "copied with licence and URL");

    start(&a);
    add_statement(&a, lic(CC_BY, "", ""), false, ROLE_CLAIM, 2);
    a.applicable = 0;
    a.copied = true;
    a.copied_line = 2;
    expect(&a, "license-version-missing@2 license-unlinked@2 source-missing@2",
           VERDICT_FAIL, "an error beats the warnings");
}

static void
test_judge_unknown_conflict(void)
{
    struct analysis a;
    struct license_statement *s;
    struct finding_list list;
    enum verdict v;
    char *got;

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 3);
    s = add_statement(&a, lic(CC_BY, "5.0", ""), false, ROLE_CLAIM, 11);
    s->unknown = true;
    a.applicable = 0;
    got = judge(&a, &v, &list);
    is_str(got, "license-unknown@11", "an unknown claimed licence");
    ok(v == VERDICT_FAIL, "an unknown licence fails");
    is_str(list.v[0].message, "CC BY 5.0 does not exist (\"CC BY 5.0\")",
           "the message names it and quotes the page");
    free(got);
    finding_list_free(&list);
    ok(list.v == NULL && list.len == 0, "finding_list_free empties");
    analysis_free(&a);

    start(&a);
    s = add_statement(&a, lic(CC_BY, "9.0", ""), true, ROLE_CLAIM, 4);
    s->unknown = true;
    s->url = xstrdup("https://creativecommons.org/licenses/by/9.0/");
    a.applicable = 0;
    got = judge(&a, &v, &list);
    ok(strstr(got, "license-unknown@4") != NULL && list.len > 0 &&
           strstr(list.v[list.len - 1].message,
                  "https://creativecommons.org/licenses/by/9.0/ is not a "
                  "licence"),
       "an unknown licence URL is named in the message");
    free(got);
    finding_list_free(&list);
    analysis_free(&a);

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 3);
    s = add_statement(&a, lic(CC_BY, "7.0", ""), false, ROLE_MENTION, 30);
    s->unknown = true;
    a.applicable = 0;
    expect(&a, "", VERDICT_PASS,
           "an unknown licence merely mentioned is not reported");

    start(&a);
    s = add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 5);
    s->conflict = true;
    s->other = lic(CC_BY_SA, "4.0", "");
    a.applicable = 0;
    a.conflict = true;
    a.conflict_with = 0;
    got = judge(&a, &v, &list);
    is_str(got, "license-conflict@5", "text vs link conflict");
    is_str(list.v[0].message,
           "the notice names CC BY 4.0 but its link goes to CC BY-SA 4.0",
           "text vs link message");
    ok(v == VERDICT_FAIL, "a conflict fails");
    free(got);
    finding_list_free(&list);
    analysis_free(&a);

    start(&a);
    add_statement(&a, lic(CC_BY, "4.0", ""), true, ROLE_CLAIM, 5);
    add_statement(&a, lic(CC_BY_NC, "4.0", ""), true, ROLE_CLAIM, 40);
    a.applicable = 0;
    a.conflict = true;
    a.conflict_with = 1;
    got = judge(&a, &v, &list);
    is_str(got, "license-conflict@40", "two claims conflict");
    ok(list.len > 0 && strcmp(list.v[0].message,
                              "CC BY 4.0 (line 5) and CC BY-NC 4.0 (line 40) "
                              "are both claimed for this content") == 0,
       "two claims message names both with lines");
    free(got);
    finding_list_free(&list);
    analysis_free(&a);
}

/* The verdict from the findings alone, whatever the analysis says. */
static void
test_verdict_rules(void)
{
    struct analysis a;
    struct finding f[2];
    struct finding_list list = {f, 0};

    start(&a);
    f[0].def = findings_lookup("nc-license");
    f[0].message = NULL;
    f[0].line = 0;
    f[1].def = findings_lookup("license-unlinked");
    f[1].message = NULL;
    f[1].line = 0;
    ok(findings_verdict(&a, &list) == VERDICT_NONE, "no findings, nothing");
    list.len = 1;
    ok(findings_verdict(&a, &list) == VERDICT_NONE,
       "only information and no licence or credit: none");
    list.len = 2;
    ok(findings_verdict(&a, &list) == VERDICT_WARN, "a warning: warn");
    f[0].def = findings_lookup("source-missing");
    ok(findings_verdict(&a, &list) == VERDICT_FAIL,
       "an error with a warning: fail");
    list.len = 0;
    a.copied = true;
    ok(findings_verdict(&a, &list) == VERDICT_PASS,
       "a copied notice with no findings passes");
}

int
main(void)
{
    test_labels();
    test_table();
    test_judge_licence();
    test_judge_source();
    test_judge_unknown_conflict();
    test_verdict_rules();
    return tap_done();
}
