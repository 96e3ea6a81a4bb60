/* SPDX-License-Identifier: MIT */
/*
 * report_text: the report for people.  Short, one block per target, in
 * colour only when asked (main decides: a TTY, no NO_COLOR).  Every
 * string that came from a page goes through msg_escape, so a page cannot
 * put control characters on the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "verify.h"

#define RED     "\033[31m"
#define GREEN   "\033[32m"
#define YELLOW  "\033[33m"
#define MAGENTA "\033[35m"
#define DIM     "\033[2m"
#define BOLD    "\033[1m"
#define RESET   "\033[0m"

static const char *
verdict_color(enum verdict v)
{
    static const char *const colors[] = {GREEN, YELLOW, RED, MAGENTA, DIM};

    return colors[v];
}

static const char *
severity_color(enum severity s)
{
    return s == SEVERITY_ERROR ? RED : s == SEVERITY_WARNING ? YELLOW : DIM;
}

/* Writes S escaped for the terminal. */
static void
put_safe(FILE *out, const char *s)
{
    struct strbuf sb = STRBUF_INIT;

    msg_escape(&sb, s ? s : "");
    fputs(strbuf_str(&sb), out);
    strbuf_release(&sb);
}

static void
put_colored(const struct report *rep, const char *color, const char *s)
{
    if (rep->color)
        fprintf(rep->out, "%s%s%s", color, s, RESET);
    else
        fputs(s, rep->out);
}

static const char *
scope_word(enum statement_scope s)
{
    return s == SCOPE_NOTICE    ? "in the notice"
           : s == SCOPE_ARTICLE ? "in the article"
                                : "page-wide";
}

static void
print_license(const struct report *rep, const struct license_statement *s)
{
    char label[96];

    findings_license_label(&s->lic, label, sizeof label);
    fprintf(rep->out, "  license   %s%s, %s, line %u\n", label,
            s->lic.version[0] || s->lic.family == CC_UNSPECIFIED
                ? ""
                : " (no version)",
            scope_word(s->scope), s->line);
    if (s->evidence_len > 0) {
        size_t i = 0;

        /* the words on the page read better than a URL */
        while (i + 1 < s->evidence_len && s->evidence[i].kind != EVIDENCE_TEXT)
            i++;
        if (s->evidence[i].kind != EVIDENCE_TEXT)
            i = 0;
        fputs("            \"", rep->out);
        put_safe(rep->out, s->evidence[i].excerpt);
        fputs("\"\n", rep->out);
    }
}

static void
print_source(const struct report *rep, const struct source_credit *s)
{
    fputs("  source    ", rep->out);
    put_safe(rep->out, s->url);
    fprintf(rep->out, " (line %u)\n", s->line);
    if (s->credit != NULL) {
        fputs("  credit    ", rep->out);
        put_safe(rep->out, s->credit);
        fputc('\n', rep->out);
    }
}

/* One line per link of the chain: what checking that page found. */
static void
print_check(const struct report *rep, const struct source_check *c)
{
    const char *head = "  original  ";
    char label[96];

    for (; c != NULL; c = c->next, head = "  credits   ") {
        fputs(head, rep->out);
        put_safe(rep->out, c->url);
        fputs(": ", rep->out);
        if (c->error_kind != NULL) {
            fprintf(rep->out, "not checked (%s: ", c->error_kind);
            put_safe(rep->out, c->error_message);
            fputs(")\n", rep->out);
            continue;
        }
        if (c->similarity >= 0)
            fprintf(rep->out, "%.0f%% of the text matches, ",
                    c->similarity * 100);
        if (c->has_license) {
            findings_license_label(&c->lic, label, sizeof label);
            fputs(label, rep->out);
        } else {
            fputs("no licence", rep->out);
        }
        if (c->creator != NULL) {
            fputs(", by ", rep->out);
            put_safe(rep->out, c->creator);
        }
        fputc('\n', rep->out);
    }
}

static void
print_suggestion(const struct report *rep, const struct result *r)
{
    fprintf(rep->out, "  suggested notice (%s):\n    ",
            r->suggestion_lang ? r->suggestion_lang : "en");
    put_safe(rep->out, r->suggestion_text);
    fputc('\n', rep->out);
}

static void
print_finding(const struct report *rep, const struct finding *f)
{
    const char *sev = severity_name(f->def->severity);

    fputs("  ", rep->out);
    put_colored(rep, severity_color(f->def->severity), sev);
    fprintf(rep->out, "%*s", (int)(10 - strlen(sev)), "");
    if (f->line > 0)
        fprintf(rep->out, "line %u: ", f->line);
    put_safe(rep->out, f->message);
    fprintf(rep->out, " [%s]\n", f->def->code);
}

static void
print_others(const struct report *rep, const struct analysis *a)
{
    char label[96];
    size_t i;

    for (i = 0; i < a->licenses_len; i++) {
        const struct license_statement *s = &a->licenses[i];

        if (i == a->applicable)
            continue;
        findings_license_label(&s->lic, label, sizeof label);
        fprintf(rep->out, "  also      %s, %s%s, line %u\n", label,
                s->role == ROLE_IMAGE     ? "image credit, "
                : s->role == ROLE_MENTION ? "mentioned, "
                : s->role == ROLE_OTHER   ? "for other content, "
                                          : "",
                scope_word(s->scope), s->line);
    }
}

static void
text_result(struct report *rep, const struct result *r)
{
    const struct analysis *a = &r->analysis;
    size_t i;

    if (rep->written > 0)
        fputc('\n', rep->out);
    if (rep->color)
        fputs(BOLD, rep->out);
    put_safe(rep->out, r->target);
    if (rep->color)
        fputs(RESET, rep->out);
    fputs(": ", rep->out);
    put_colored(rep, verdict_color(r->verdict), verdict_name(r->verdict));
    fputc('\n', rep->out);
    if (r->verdict == VERDICT_ERROR) {
        fprintf(rep->out, "  error     %s: ", r->error_kind);
        put_safe(rep->out, r->error_message);
        fputc('\n', rep->out);
        return;
    }
    if (a->applicable != DETECT_NONE)
        print_license(rep, &a->licenses[a->applicable]);
    else if (a->explainer)
        fputs("  license   none (the page discusses several licences)\n",
              rep->out);
    else
        fputs("  license   none found\n", rep->out);
    if (a->source != NULL)
        print_source(rep, a->source);
    if (r->check != NULL)
        print_check(rep, r->check);
    for (i = 0; i < r->findings.len; i++)
        print_finding(rep, &r->findings.v[i]);
    if (r->suggestion_text != NULL)
        print_suggestion(rep, r);
    if (rep->verbosity > 0)
        print_others(rep, a);
}

static void
text_end(struct report *rep, const struct run_stats *stats)
{
    bool first = true;
    int v;

    if (stats->total <= 1 || rep->verbosity < 0)
        return;
    fprintf(rep->out, "\n%zu targets:", stats->total);
    for (v = VERDICT_PASS; v <= VERDICT_NONE; v++) {
        if (stats->verdicts[v] == 0)
            continue;
        fprintf(rep->out, "%s %zu ", first ? "" : ",", stats->verdicts[v]);
        put_colored(rep, verdict_color((enum verdict)v),
                    verdict_name((enum verdict)v));
        first = false;
    }
    fputc('\n', rep->out);
}

const struct report_ops report_text_ops = {NULL, text_result, text_end};
