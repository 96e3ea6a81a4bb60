/* SPDX-License-Identifier: MIT */
/*
 * report_gitlab: GitLab Code Quality JSON (a Code Climate issue array),
 * for `artifacts:reports:codequality`.  One issue per finding, and one
 * "check-error" issue per target that could not be checked.  Issues are
 * written as they come, one per line inside the array.  Documented in
 * docs/ci.md.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>

#include "report.h"

static const char *
gitlab_severity(enum severity s)
{
    return s == SEVERITY_ERROR     ? "major"
           : s == SEVERITY_WARNING ? "minor"
                                   : "info";
}

static void
put_issue(struct report *rep, const char *target, const char *code,
          enum severity sev, const char *message, unsigned line, unsigned nth)
{
    char fp[33], *path = report_utf8_dup(target), *text;
    json_t *o;

    text = report_utf8_dup(message);
    report_fingerprint(target, code, message, nth, fp);
    o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:{s:i}}}", "description", text,
                  "check_name", code, "fingerprint", fp, "severity",
                  gitlab_severity(sev), "location", "path", path, "lines",
                  "begin", (json_int_t)(line > 0 ? line : 1));
    fputs(rep->state != NULL ? ",\n" : "\n", rep->out);
    rep->state = rep; /* marks that an issue has been written */
    json_dumpf(o, rep->out, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(o);
    free(path);
    free(text);
}

static void
gitlab_begin(struct report *rep)
{
    fputc('[', rep->out);
}

static void
gitlab_result(struct report *rep, const struct result *r)
{
    size_t i;

    if (r->verdict == VERDICT_ERROR) {
        char *msg = report_error_text(r);

        put_issue(rep, r->target, "check-error", SEVERITY_ERROR, msg, 0, 0);
        free(msg);
        return;
    }
    for (i = 0; i < r->findings.len; i++)
        put_issue(rep, r->target, r->findings.v[i].def->code,
                  r->findings.v[i].def->severity, r->findings.v[i].message,
                  r->findings.v[i].line, report_finding_nth(&r->findings, i));
}

static void
gitlab_end(struct report *rep, const struct run_stats *stats)
{
    (void)stats;
    fputs(rep->state != NULL ? "\n]\n" : "]\n", rep->out);
    rep->state = NULL;
}

const struct report_ops report_gitlab_ops = {gitlab_begin, gitlab_result,
                                             gitlab_end};
