/* SPDX-License-Identifier: MIT */
/*
 * findings: judging an analysis (see findings.h).  Only the applicable
 * licence is held to the requirements (linked, versioned, specified);
 * any claimed licence that does not exist is reported, and a credit with
 * no licence is an error unless the notice says permission was given.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct finding_def TABLE[] = {
    {"license-missing", SEVERITY_WARNING,
     "the page credits a source but states no licence or permission"},
    {"license-unknown", SEVERITY_ERROR,
     "a licence URL or name that does not exist"},
    {"license-conflict", SEVERITY_ERROR,
     "statements about the same content name different licences"},
    {"source-missing", SEVERITY_ERROR,
     "the notice says the text was copied, under a licence, but gives no URL "
     "of the original"},
    {"license-unlinked", SEVERITY_WARNING,
     "the licence is named but not linked to its deed or legal code"},
    {"license-version-missing", SEVERITY_WARNING,
     "the licence is named without a version"},
    {"license-unspecified", SEVERITY_WARNING,
     "a Creative Commons licence is named without saying which"},
    {"source-unreachable", SEVERITY_ERROR,
     "the link to the original does not work"},
    {"source-not-original", SEVERITY_ERROR,
     "the link reaches a page that is not the original text"},
    {"source-license-mismatch", SEVERITY_ERROR,
     "the copy claims a licence the original does not grant"},
    {"source-no-license", SEVERITY_ERROR, "the original grants no licence"},
    {"nd-modified", SEVERITY_ERROR, "a no-derivatives work was changed"},
    {"source-unchecked", SEVERITY_WARNING,
     "the original could not be checked (robots.txt or rate limit)"},
    {"creator-missing", SEVERITY_WARNING,
     "the copy does not name the original's creator"},
    {"changes-not-indicated", SEVERITY_WARNING,
     "the copy was changed but does not say so"},
    {"source-redirected", SEVERITY_INFO,
     "the link to the original redirects permanently"},
    {"nc-license", SEVERITY_INFO,
     "the licence allows only non-commercial reuse"},
    {"permission-stated", SEVERITY_INFO,
     "the notice says the text is republished with permission"},
    {"license-required", SEVERITY_ERROR,
     "the page is under --require-license but carries no licence"},
};

#define TABLE_LEN (sizeof TABLE / sizeof TABLE[0])

const struct finding_def *
findings_table(size_t *len)
{
    *len = TABLE_LEN;
    return TABLE;
}

const struct finding_def *
findings_lookup(const char *code)
{
    size_t i;

    for (i = 0; i < TABLE_LEN; i++)
        if (strcmp(TABLE[i].code, code) == 0)
            return &TABLE[i];
    return NULL;
}

const char *
severity_name(enum severity s)
{
    static const char *const names[] = {"info", "warning", "error"};

    return names[s];
}

const char *
verdict_name(enum verdict v)
{
    static const char *const names[] = {"pass", "warn", "fail", "error",
                                        "none"};

    return names[v];
}

void
findings_license_label(const struct cc_license *lic, char *buf, size_t n)
{
    const char *name = cc_family_name(lic->family);
    char fam[32];
    size_t i;

    if (lic->family == CC_UNSPECIFIED || name == NULL) {
        snprintf(buf, n, "a Creative Commons licence");
        return;
    }
    if (lic->family == CC_PDM) {
        snprintf(buf, n, "Public Domain Mark%s%s", lic->version[0] ? " " : "",
                 lic->version);
        return;
    }
    /* "CC-BY-SA" reads "CC BY-SA", as CC writes it */
    snprintf(fam, sizeof fam, "%s", name);
    if (strncmp(fam, "CC-", 3) == 0)
        fam[2] = ' ';
    snprintf(buf, n, "%s%s%s", fam, lic->version[0] ? " " : "", lic->version);
    if (lic->port[0] != '\0') {
        size_t len = strlen(buf);

        if (len + 1 >= n)
            return; /* no room for the port */
        snprintf(buf + len, n - len, " %s", lic->port);
        for (i = len + 1; i < n && buf[i] != '\0'; i++)
            buf[i] = (char)toupper((unsigned char)buf[i]);
    }
}

static void vadd(struct finding_list *list, const char *code, unsigned line,
                 const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
vadd(struct finding_list *list, const char *code, unsigned line,
     const char *fmt, va_list ap)
{
    struct strbuf sb = STRBUF_INIT;
    struct finding *f;

    strbuf_vaddf(&sb, fmt, ap);
    list->v = xreallocarray(list->v, list->len + 1, sizeof *list->v);
    f = &list->v[list->len++];
    f->def = findings_lookup(code);
    f->message = strbuf_detach(&sb);
    f->line = line;
}

static void add(struct finding_list *list, const char *code, unsigned line,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add(struct finding_list *list, const char *code, unsigned line, const char *fmt,
    ...)
{
    va_list ap;

    va_start(ap, fmt);
    vadd(list, code, line, fmt, ap);
    va_end(ap);
}

void
findings_add(struct finding_list *list, const char *code, unsigned line,
             const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vadd(list, code, line, fmt, ap);
    va_end(ap);
}

static bool
parse_level(const char *s, struct finding_override *out)
{
    static const char *const names[] = {"info", "warning", "error"};
    int i;

    out->off = strcmp(s, "off") == 0;
    for (i = 0; i < 3 && !out->off; i++)
        if (strcmp(s, names[i]) == 0) {
            out->severity = (enum severity)i;
            return true;
        }
    return out->off;
}

enum ac_status
findings_parse_override(const char *spec, struct finding_override *out,
                        struct ac_err *err)
{
    const char *eq = strchr(spec, '=');
    char code[64];

    memset(out, 0, sizeof *out);
    if (eq == NULL || eq == spec || (size_t)(eq - spec) >= sizeof code)
        return ac_err_set(err, AC_E_USAGE, "--severity: '%s' is not CODE=LEVEL",
                          spec);
    memcpy(code, spec, (size_t)(eq - spec));
    code[eq - spec] = '\0';
    out->def = findings_lookup(code);
    if (out->def == NULL)
        return ac_err_set(err, AC_E_USAGE, "--severity: %s '%s'",
                          FINDINGS_UNKNOWN_CODE, code);
    if (!parse_level(eq + 1, out))
        return ac_err_set(err, AC_E_USAGE,
                          "--severity: level '%s' is not error, warning, info "
                          "or off",
                          eq + 1);
    return AC_OK;
}

void
findings_codes_line(struct strbuf *sb)
{
    size_t i;

    for (i = 0; i < TABLE_LEN; i++)
        strbuf_addf(sb, "%s%s", i ? ", " : "", TABLE[i].code);
}

bool
findings_apply_overrides(const struct finding_def *defs, const bool *off,
                         struct finding_list *list)
{
    size_t i, j, kept = 0;
    bool changed = false;

    for (i = 0; i < list->len; i++) {
        struct finding *f = &list->v[i];

        for (j = 0; j < TABLE_LEN; j++)
            if (strcmp(TABLE[j].code, f->def->code) == 0)
                break;
        if (j < TABLE_LEN && off[j]) {
            free(f->message);
            changed = true;
            continue;
        }
        if (j < TABLE_LEN) {
            changed = changed || defs[j].severity != f->def->severity;
            f->def = &defs[j];
        }
        list->v[kept++] = *f;
    }
    list->len = kept;
    return changed;
}

static void
judge_unknown(const struct analysis *a, struct finding_list *list)
{
    char label[96];
    size_t i;

    for (i = 0; i < a->licenses_len; i++) {
        const struct license_statement *s = &a->licenses[i];

        if (!s->unknown || (s->role != ROLE_CLAIM && i != a->applicable))
            continue;
        findings_license_label(&s->lic, label, sizeof label);
        if (s->url != NULL || s->evidence[0].kind != EVIDENCE_TEXT)
            add(list, "license-unknown", s->line,
                "%s is not a licence Creative Commons published",
                s->url ? s->url : s->evidence[0].excerpt);
        else
            add(list, "license-unknown", s->line, "%s does not exist (\"%s\")",
                label, s->evidence[0].excerpt);
    }
}

static void
judge_conflict(const struct analysis *a, struct finding_list *list)
{
    const struct license_statement *app = &a->licenses[a->applicable];
    const struct license_statement *o = &a->licenses[a->conflict_with];
    char l1[96], l2[96];

    findings_license_label(&app->lic, l1, sizeof l1);
    if (a->conflict_with == a->applicable) {
        findings_license_label(&app->other, l2, sizeof l2);
        /* the statement keeps what came first: links are read first */
        if (app->evidence_len > 0 && app->evidence[0].kind == EVIDENCE_LINK)
            add(list, "license-conflict", app->line,
                "the notice names %s but its link goes to %s", l2, l1);
        else
            add(list, "license-conflict", app->line,
                "the notice names %s but its link goes to %s", l1, l2);
        return;
    }
    findings_license_label(&o->lic, l2, sizeof l2);
    add(list, "license-conflict", o->line,
        "%s (line %u) and %s (line %u) are both claimed for this content", l1,
        app->line, l2, o->line);
}

static bool
is_nc(enum cc_family f)
{
    return f == CC_BY_NC || f == CC_BY_NC_SA || f == CC_BY_NC_ND;
}

/* What the applicable licence itself lacks. */
static void
judge_applicable(const struct analysis *a, struct finding_list *list)
{
    const struct license_statement *s = &a->licenses[a->applicable];
    char label[96], deed[160];

    findings_license_label(&s->lic, label, sizeof label);
    if (s->lic.family == CC_UNSPECIFIED)
        add(list, "license-unspecified", s->line,
            "the notice names a Creative Commons licence but not which one");
    else if (s->lic.version[0] == '\0' && s->lic.family != CC_RETIRED)
        add(list, "license-version-missing", s->line,
            "%s is named without a version: say which (4.0 is current)", label);
    if (!s->linked && s->lic.family != CC_UNSPECIFIED) {
        if (!s->unknown && cc_license_deed_url(&s->lic, deed, sizeof deed))
            add(list, "license-unlinked", s->line,
                "%s is not linked to its deed (%s)", label, deed);
        else
            add(list, "license-unlinked", s->line,
                "%s is not linked to its deed or legal code", label);
    }
    if (is_nc(s->lic.family))
        add(list, "nc-license", s->line, "%s allows only non-commercial reuse",
            label);
}

void
findings_judge(const struct analysis *a, struct finding_list *list)
{
    bool credited = a->source != NULL || a->copied;

    if (a->applicable != DETECT_NONE) {
        if (a->conflict)
            judge_conflict(a, list);
        judge_applicable(a, list);
    } else if (credited && a->permission) {
        add(list, "permission-stated",
            a->source ? a->source->line : a->copied_line,
            "republished with permission, not under a licence");
    } else if (credited) {
        add(list, "license-missing",
            a->source ? a->source->line : a->copied_line,
            "the page credits %s%s and states no licence or permission "
            "(a syndication agreement cannot be seen)",
            a->source          ? a->source->url
            : a->copied_credit ? a->copied_credit
                               : "a source",
            a->source == NULL ? ", without a link," : "");
    }
    judge_unknown(a, list);
    /* the link is a condition of the licence; a page under none owes it
     * to no licence (license-missing says what it lacks) */
    if (a->copied && a->source == NULL && a->applicable != DETECT_NONE)
        add(list, "source-missing", a->copied_line,
            "the notice says the text was copied but gives no URL of the "
            "original");
}

enum verdict
findings_verdict(const struct analysis *a, const struct finding_list *list)
{
    bool warn = false;
    size_t i;

    for (i = 0; i < list->len; i++) {
        if (list->v[i].def->severity == SEVERITY_ERROR)
            return VERDICT_FAIL;
        if (list->v[i].def->severity == SEVERITY_WARNING)
            warn = true;
    }
    if (warn)
        return VERDICT_WARN;
    if (a->applicable != DETECT_NONE || a->source != NULL || a->copied)
        return VERDICT_PASS;
    return VERDICT_NONE;
}

void
finding_list_free(struct finding_list *list)
{
    size_t i;

    if (list == NULL)
        return;
    for (i = 0; i < list->len; i++)
        free(list->v[i].message);
    free(list->v);
    list->v = NULL;
    list->len = 0;
}
