/* SPDX-License-Identifier: MIT */
/*
 * report_sarif: SARIF 2.1.0 for code scanning (GitHub upload-sarif and
 * the like), built with jansson.  One run; the driver lists every finding
 * code of the table as a rule, plus "check-error" for targets that could
 * not be checked, which appear as error results without a line.  Results
 * are collected (findings only, never page text) and written at the end,
 * as SARIF is one JSON document.  Documented in docs/ci.md.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI     "https://github.com/attrcheck/attrcheck"
#define FINDINGS_DOC INFO_URI "/blob/main/docs/findings.md#"
#define CI_DOC       INFO_URI "/blob/main/docs/ci.md#"

/* Longer help for the rules; a code missing here uses its summary. */
static const struct {
    const char *code, *text;
} FULL[] = {
    {"license-missing",
     "The page credits a source (or says it was copied) but names no "
     "licence. Reusing someone's text needs a licence or permission: name "
     "the licence the original is under and link to its deed."},
    {"license-unknown",
     "A licence URL or name on the page is not a licence Creative Commons "
     "published, such as a version or port that never existed."},
    {"license-conflict",
     "Statements about the same content name different licences, or a "
     "notice names one licence while its link goes to another."},
    {"source-missing",
     "The notice says the text was copied or republished but gives no URL "
     "of the original. Link to the page the text came from."},
    {"license-unlinked",
     "The licence is named but not linked. Creative Commons asks that "
     "reusers link to the licence deed."},
    {"license-version-missing",
     "The licence is named without a version. Licence versions differ; say "
     "which one applies (4.0 is current)."},
    {"license-unspecified",
     "The notice names a Creative Commons licence without saying which of "
     "the six licences (or CC0) it is."},
    {"nc-license",
     "The licence allows only non-commercial reuse. Informational."},
    {"permission-stated",
     "The notice says the text is republished with permission rather than "
     "under a licence. Informational."},
    {"license-required",
     "The page matches a --require-license pattern but carries no licence "
     "notice."},
};

struct sarif_state {
    json_t *results;
};

static const char *
full_text(const struct finding_def *d)
{
    size_t i;

    for (i = 0; i < sizeof FULL / sizeof FULL[0]; i++)
        if (strcmp(FULL[i].code, d->code) == 0)
            return FULL[i].text;
    return d->summary;
}

static const char *
level(enum severity s)
{
    return s == SEVERITY_ERROR     ? "error"
           : s == SEVERITY_WARNING ? "warning"
                                   : "note";
}

static json_t *
rule_json(const struct finding_def *d, const char *text, const char *doc)
{
    char *uri = xasprintf("%s%s", doc, d->code);
    json_t *o =
        json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:{s:s}}", "id", d->code,
                  "name", d->code, "shortDescription", "text", d->summary,
                  "fullDescription", "text", text, "helpUri", uri,
                  "defaultConfiguration", "level", level(d->severity));

    free(uri);
    return o;
}

/* Every code of the table, then check-error; a result's ruleIndex is its
 * position here. */
static json_t *
rules_json(void)
{
    const struct finding_def *table;
    json_t *rules = json_array();
    size_t len, i;

    table = findings_table(&len);
    for (i = 0; i < len; i++)
        json_array_append_new(
            rules, rule_json(&table[i], full_text(&table[i]), FINDINGS_DOC));
    json_array_append_new(
        rules, rule_json(&report_check_error,
                         "The target could not be read, was not HTML, was "
                         "too large, or could not be fetched, so nothing "
                         "about it was checked.",
                         CI_DOC));
    return rules;
}

static size_t
rule_index(const char *code)
{
    const struct finding_def *table;
    size_t len, i;

    table = findings_table(&len);
    for (i = 0; i < len; i++)
        if (strcmp(table[i].code, code) == 0)
            return i;
    return len; /* check-error */
}

/* A URI reference for TARGET: URLs as they are, paths percent-encoded
 * (':' too, so a first segment never reads as a scheme). */
static char *
artifact_uri(const char *target)
{
    static const char keep[] = "-._~/!$&'()*+,;=@";
    struct strbuf sb = STRBUF_INIT;
    const unsigned char *s = (const unsigned char *)target;

    if (report_target_is_url(target))
        return report_utf8_dup(target);
    for (; *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
            (*s >= '0' && *s <= '9') || strchr(keep, *s) != NULL)
            strbuf_addc(&sb, (char)*s);
        else
            strbuf_addf(&sb, "%%%02X", *s);
    }
    return strbuf_detach(&sb);
}

static json_t *
result_json(const char *target, const char *code, enum severity sev,
            const char *message, unsigned line, unsigned nth)
{
    char fp[33], *uri = artifact_uri(target);
    char *text = report_utf8_dup(message);
    json_t *loc, *o;

    loc = json_pack("{s:{s:s}}", "artifactLocation", "uri", uri);
    if (line > 0)
        json_object_set_new(loc, "region",
                            json_pack("{s:i}", "startLine", (json_int_t)line));
    report_fingerprint(target, code, message, nth, fp);
    o = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[{s:o}], s:{s:s}}", "ruleId",
                  code, "ruleIndex", (json_int_t)rule_index(code), "level",
                  level(sev), "message", "text", text, "locations",
                  "physicalLocation", loc, "partialFingerprints",
                  "attrcheckFinding/v1", fp);
    free(uri);
    free(text);
    return o;
}

static void
sarif_begin(struct report *rep)
{
    struct sarif_state *st = xcalloc(1, sizeof *st);

    st->results = json_array();
    rep->state = st;
}

static void
sarif_result(struct report *rep, const struct result *r)
{
    struct sarif_state *st = rep->state;
    char *msg;
    size_t i;

    if (r->verdict == VERDICT_ERROR) {
        msg = report_error_text(r);
        json_array_append_new(
            st->results,
            result_json(r->target, "check-error", SEVERITY_ERROR, msg, 0, 0));
        free(msg);
        return;
    }
    for (i = 0; i < r->findings.len; i++) {
        const struct finding *f = &r->findings.v[i];

        json_array_append_new(st->results,
                              result_json(r->target, f->def->code,
                                          f->def->severity, f->message, f->line,
                                          report_finding_nth(&r->findings, i)));
    }
}

static void
sarif_end(struct report *rep, const struct run_stats *stats)
{
    struct sarif_state *st = rep->state;
    json_t *doc, *driver;

    (void)stats;
    driver =
        json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", "attrcheck", "version",
                  PACKAGE_VERSION, "semanticVersion", PACKAGE_VERSION,
                  "informationUri", INFO_URI, "rules", rules_json());
    doc = json_pack("{s:s, s:s, s:[{s:{s:o}, s:o, s:s}]}", "$schema",
                    SARIF_SCHEMA, "version", "2.1.0", "runs", "tool", "driver",
                    driver, "results", st->results, "columnKind",
                    "unicodeCodePoints");
    json_dumpf(doc, rep->out, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    fputc('\n', rep->out);
    json_decref(doc);
    free(st);
    rep->state = NULL;
}

const struct report_ops report_sarif_ops = {sarif_begin, sarif_result,
                                            sarif_end};
