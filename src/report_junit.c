/* SPDX-License-Identifier: MIT */
/*
 * report_junit: JUnit XML for CI test reports (GitLab `reports:junit`,
 * Jenkins).  One <testsuite> in <testsuites>, one <testcase> per target
 * named by its path or URL: <failure> for verdict fail (and warn under
 * --fail-on warn) with the findings as its text, <error> for a target
 * that could not be checked, <skipped> for verdict none.  XML is escaped
 * by hand here rather than through libxml2's writer, which only html.c
 * may include: & < > " ' become entities, characters XML 1.0 forbids
 * (control bytes, U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD.
 * Test cases are kept until the end because the suite's counts come
 * first.  Documented in docs/ci.md.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

struct junit_state {
    struct strbuf cases;
    size_t failures, errors, skipped;
};

/* Appends S to SB escaped as XML 1.0 text, or as an attribute value
 * (ATTR), where a literal tab or line break would be read back as a
 * space. */
static void
add_xml(struct strbuf *sb, const char *s, bool attr)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    uint32_t cp;
    size_t n;

    while (*p != '\0') {
        n = report_utf8_decode(p, &cp);
        if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0xfffe || cp == 0xffff) {
            strbuf_adds(sb, "\xef\xbf\xbd"); /* U+FFFD */
            p += n ? n : 1;
            continue;
        }
        switch (cp) {
        case '&':
            strbuf_adds(sb, "&amp;");
            break;
        case '<':
            strbuf_adds(sb, "&lt;");
            break;
        case '>':
            strbuf_adds(sb, "&gt;");
            break;
        case '"':
            strbuf_adds(sb, "&quot;");
            break;
        case '\'':
            strbuf_adds(sb, "&apos;");
            break;
        case '\r': /* kept: a parser would turn a literal CR into LF */
            strbuf_adds(sb, "&#13;");
            break;
        case '\n':
            strbuf_adds(sb, attr ? "&#10;" : "\n");
            break;
        case '\t':
            strbuf_adds(sb, attr ? "&#9;" : "\t");
            break;
        default:
            strbuf_add(sb, p, n);
            break;
        }
        p += n;
    }
}

/* The findings of R as lines of text. */
static void
add_findings(struct strbuf *sb, const struct result *r)
{
    size_t i;

    for (i = 0; i < r->findings.len; i++) {
        const struct finding *f = &r->findings.v[i];
        struct strbuf line = STRBUF_INIT;

        strbuf_addf(&line, "%s", severity_name(f->def->severity));
        if (f->line > 0)
            strbuf_addf(&line, " line %u", f->line);
        strbuf_addf(&line, ": %s [%s]\n", f->message, f->def->code);
        add_xml(sb, strbuf_str(&line), false);
        strbuf_release(&line);
    }
}

static bool
is_failure(const struct report *rep, const struct result *r)
{
    return r->verdict == VERDICT_FAIL ||
           (r->verdict == VERDICT_WARN && rep->fail_on == FAIL_ON_WARN);
}

static void
add_outcome(struct report *rep, struct junit_state *st, const struct result *r)
{
    struct strbuf *sb = &st->cases;
    char *text;

    if (is_failure(rep, r)) {
        st->failures++;
        strbuf_addf(sb, "    <failure type=\"%s\" message=\"%zu finding%s\">",
                    verdict_name(r->verdict), r->findings.len,
                    r->findings.len == 1 ? "" : "s");
        add_findings(sb, r);
        strbuf_adds(sb, "</failure>\n");
    } else if (r->verdict == VERDICT_ERROR) {
        st->errors++;
        text = report_error_text(r);
        strbuf_adds(sb, "    <error type=\"");
        add_xml(sb, r->error_kind, true);
        strbuf_adds(sb, "\" message=\"");
        add_xml(sb, text, true);
        strbuf_adds(sb, "\"/>\n");
        free(text);
    } else if (r->verdict == VERDICT_NONE) {
        st->skipped++;
        strbuf_adds(sb, "    <skipped message=\"no licence notice or source "
                        "credit found\"/>\n");
    } else if (r->findings.len > 0) {
        strbuf_adds(sb, "    <system-out>");
        add_findings(sb, r);
        strbuf_adds(sb, "</system-out>\n");
    }
}

static void
junit_begin(struct report *rep)
{
    rep->state = xcalloc(1, sizeof(struct junit_state));
}

static void
junit_result(struct report *rep, const struct result *r)
{
    struct junit_state *st = rep->state;

    strbuf_adds(&st->cases, "  <testcase classname=\"attrcheck\" name=\"");
    add_xml(&st->cases, r->target, true);
    if (!report_target_is_url(r->target)) {
        strbuf_adds(&st->cases, "\" file=\"");
        add_xml(&st->cases, r->target, true);
    }
    strbuf_adds(&st->cases, "\">\n");
    add_outcome(rep, st, r);
    strbuf_adds(&st->cases, "  </testcase>\n");
}

static void
junit_end(struct report *rep, const struct run_stats *stats)
{
    struct junit_state *st = rep->state;
    char counts[160];

    snprintf(counts, sizeof counts,
             "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
             stats->total, st->failures, st->errors, st->skipped);
    fprintf(rep->out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"attrcheck\" %s>\n"
            "<testsuite name=\"attrcheck\" %s>\n",
            counts, counts);
    fputs(strbuf_str(&st->cases), rep->out);
    fputs("</testsuite>\n</testsuites>\n", rep->out);
    strbuf_release(&st->cases);
    free(st);
    rep->state = NULL;
}

const struct report_ops report_junit_ops = {junit_begin, junit_result,
                                            junit_end};
