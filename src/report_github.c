/* SPDX-License-Identifier: MIT */
/*
 * report_github: GitHub Actions workflow commands, one annotation per
 * finding (::error, ::warning, ::notice) and one ::error per target that
 * could not be checked, written as they come.  GitHub shows only ten
 * annotations of each kind per step, so when $GITHUB_STEP_SUMMARY names a
 * file (main passes it in rep->step_summary) the Markdown report of every
 * result is appended there too.  Documented in docs/ci.md.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "xalloc.h"

/* Writes S escaped for a workflow command: %, CR and LF always, and ':'
 * and ',' too in a property value (PROPERTY).  Other control bytes (from
 * hostile pages) are shown as \xNN, never passed to the log. */
static void
put_escaped(FILE *out, const char *s, bool property)
{
    for (; *s != '\0'; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else if ((unsigned char)*s < 0x20 || *s == 0x7f)
            fprintf(out, "\\x%02x", (unsigned)(unsigned char)*s);
        else
            fputc(*s, out);
    }
}

static const char *
command(enum severity s)
{
    return s == SEVERITY_ERROR     ? "error"
           : s == SEVERITY_WARNING ? "warning"
                                   : "notice";
}

static void
annotate(struct report *rep, const char *target, const char *code,
         enum severity sev, const char *message, unsigned line)
{
    bool url = report_target_is_url(target);

    fprintf(rep->out, "::%s ", command(sev));
    if (!url) {
        fputs("file=", rep->out);
        put_escaped(rep->out, target, true);
        if (line > 0)
            fprintf(rep->out, ",line=%u", line);
        fputc(',', rep->out);
    }
    fputs("title=", rep->out);
    put_escaped(rep->out, code, true);
    fputs("::", rep->out);
    if (url) { /* no file to point at: say which page in the text */
        put_escaped(rep->out, target, false);
        fputs(": ", rep->out);
    }
    put_escaped(rep->out, message, false);
    fputc('\n', rep->out);
}

static void
github_begin(struct report *rep)
{
    struct report *md;
    FILE *fp;

    if (rep->step_summary == NULL || rep->step_summary[0] == '\0')
        return;
    fp = fopen(rep->step_summary, "a");
    if (fp == NULL) {
        msg_warn("%s: %s (no step summary)", rep->step_summary,
                 strerror(errno));
        return;
    }
    md = xmalloc(sizeof *md);
    report_init(md, FORMAT_MARKDOWN, fp, false, rep->verbosity);
    md->fail_on = rep->fail_on;
    md->ops->begin(md);
    rep->state = md;
}

static void
github_result(struct report *rep, const struct result *r)
{
    struct report *md = rep->state;
    size_t i;

    if (md != NULL) {
        md->ops->result(md, r);
        md->written++;
    }
    if (r->verdict == VERDICT_ERROR) {
        char *msg = report_error_text(r);

        annotate(rep, r->target, "check-error", SEVERITY_ERROR, msg, 0);
        free(msg);
        return;
    }
    for (i = 0; i < r->findings.len; i++)
        annotate(rep, r->target, r->findings.v[i].def->code,
                 r->findings.v[i].def->severity, r->findings.v[i].message,
                 r->findings.v[i].line);
}

static void
github_end(struct report *rep, const struct run_stats *stats)
{
    struct report *md = rep->state;

    fprintf(rep->out,
            "attrcheck: %zu targets: %zu pass, %zu warn, %zu fail, "
            "%zu error, %zu none\n",
            stats->total, stats->verdicts[VERDICT_PASS],
            stats->verdicts[VERDICT_WARN], stats->verdicts[VERDICT_FAIL],
            stats->verdicts[VERDICT_ERROR], stats->verdicts[VERDICT_NONE]);
    if (md == NULL)
        return;
    md->ops->end(md, stats);
    if (fclose(md->out) != 0)
        msg_warn("%s: %s", rep->step_summary, strerror(errno));
    free(md);
    rep->state = NULL;
}

const struct report_ops report_github_ops = {github_begin, github_result,
                                             github_end};
