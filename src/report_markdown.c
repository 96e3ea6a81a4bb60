/* SPDX-License-Identifier: MIT */
/*
 * report_markdown: a readable report for a CI job summary or an issue: a
 * count line, a table of every target, then the findings of each target
 * that has any.  Text from pages is escaped so it cannot add Markdown or
 * HTML of its own.  The table and details are kept until the end so the
 * counts can come first; they hold findings, never pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

struct markdown_state {
    struct strbuf table, details;
};

/* Appends S with Markdown and HTML syntax escaped, line breaks as spaces
 * and other control bytes as U+FFFD, so it stays inside a table cell. */
static void
add_md(struct strbuf *sb, const char *s)
{
    static const char special[] = "\\`*_[]<>|#!~&$";
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    for (; *p != '\0'; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            strbuf_addc(sb, ' ');
        else if (*p < 0x20 || *p == 0x7f)
            strbuf_adds(sb, "\xef\xbf\xbd");
        else if (*p == '<')
            strbuf_adds(sb, "&lt;");
        else if (*p == '>')
            strbuf_adds(sb, "&gt;");
        else if (*p == '&')
            strbuf_adds(sb, "&amp;");
        else {
            if (strchr(special, *p) != NULL)
                strbuf_addc(sb, '\\');
            strbuf_addc(sb, (char)*p);
        }
    }
}

static const char *
verdict_word(enum verdict v)
{
    static const char *const words[] = {"pass", "**warn**", "**fail**",
                                        "**error**", "none"};

    return words[v];
}

static void
add_row(struct strbuf *sb, const struct result *r)
{
    const struct analysis *a = &r->analysis;
    char label[96];

    strbuf_adds(sb, "| ");
    add_md(sb, r->target);
    strbuf_addf(sb, " | %s | ", verdict_word(r->verdict));
    if (r->analysed && a->applicable != DETECT_NONE) {
        findings_license_label(&a->licenses[a->applicable].lic, label,
                               sizeof label);
        add_md(sb, label);
    } else {
        strbuf_adds(sb, r->verdict == VERDICT_ERROR ? "" : "none");
    }
    strbuf_adds(sb, " | ");
    if (r->analysed && a->source != NULL)
        add_md(sb, a->source->url);
    strbuf_addf(sb, " | %zu |\n", r->findings.len);
}

static void
add_details(struct strbuf *sb, const struct result *r)
{
    size_t i;
    char *text;

    strbuf_adds(sb, "\n#### ");
    add_md(sb, r->target);
    strbuf_addf(sb, ": %s\n\n", verdict_name(r->verdict));
    if (r->verdict == VERDICT_ERROR) {
        text = report_error_text(r);
        strbuf_adds(sb, "- **error**: ");
        add_md(sb, text);
        strbuf_adds(sb, " (check-error)\n");
        free(text);
        return;
    }
    for (i = 0; i < r->findings.len; i++) {
        const struct finding *f = &r->findings.v[i];

        strbuf_addf(sb, "- **%s**", severity_name(f->def->severity));
        if (f->line > 0)
            strbuf_addf(sb, " line %u", f->line);
        strbuf_adds(sb, ": ");
        add_md(sb, f->message);
        strbuf_adds(sb, " (");
        add_md(sb, f->def->code);
        strbuf_adds(sb, ")\n");
    }
}

static void
markdown_begin(struct report *rep)
{
    rep->state = xcalloc(1, sizeof(struct markdown_state));
}

static void
markdown_result(struct report *rep, const struct result *r)
{
    struct markdown_state *st = rep->state;

    add_row(&st->table, r);
    if (r->verdict == VERDICT_ERROR || r->findings.len > 0)
        add_details(&st->details, r);
}

static void
markdown_end(struct report *rep, const struct run_stats *stats)
{
    struct markdown_state *st = rep->state;
    bool first = true;
    int v;

    fprintf(rep->out, "## attrcheck\n\n%zu target%s", stats->total,
            stats->total == 1 ? "" : "s");
    for (v = VERDICT_PASS; v <= VERDICT_NONE; v++) {
        if (stats->verdicts[v] == 0)
            continue;
        fprintf(rep->out, "%s %zu %s", first ? ":" : ",", stats->verdicts[v],
                verdict_name((enum verdict)v));
        first = false;
    }
    fputs("\n", rep->out);
    if (stats->total > 0)
        fprintf(rep->out,
                "\n| Target | Verdict | License | Source | Findings |\n"
                "| --- | --- | --- | --- | ---: |\n%s",
                strbuf_str(&st->table));
    if (st->details.len > 0)
        fprintf(rep->out, "\n### Findings\n%s", strbuf_str(&st->details));
    strbuf_release(&st->table);
    strbuf_release(&st->details);
    free(st);
    rep->state = NULL;
}

const struct report_ops report_markdown_ops = {markdown_begin, markdown_result,
                                               markdown_end};
