/* SPDX-License-Identifier: MIT */
/*
 * report_html_detail: everything about one target: the verdict in words,
 * the licence with its notice quoted and the licence words marked, the
 * findings (each linked to its entry in docs/findings.md), what checking
 * the original found and the chain behind it, the copy beside the
 * original, and the suggested notice ready to copy.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report_html.h"
#include "verify.h"

#define FINDINGS_DOC PACKAGE_URL "/blob/v" PACKAGE_VERSION "/docs/findings.md"

static const char *
verdict_words(enum verdict v)
{
    switch (v) {
    case VERDICT_PASS:
        return "The attribution is correct.";
    case VERDICT_WARN:
        return "The attribution is usable but should be fixed.";
    case VERDICT_FAIL:
        return "The attribution is wrong or missing.";
    case VERDICT_ERROR:
        return "The page could not be checked.";
    default:
        return "The page names no licence and credits no source.";
    }
}

static const char *
scope_words(enum statement_scope s)
{
    return s == SCOPE_NOTICE    ? "in the notice"
           : s == SCOPE_ARTICLE ? "in the article"
                                : "page-wide";
}

void
report_html_license_label(const struct result *r, char *out, size_t n)
{
    const struct analysis *a = &r->analysis;

    out[0] = '\0';
    if (r->analysed && a->applicable != DETECT_NONE)
        findings_license_label(&a->licenses[a->applicable].lic, out, n);
}

static bool
has_finding(const struct result *r, const char *code)
{
    size_t i;

    for (i = 0; i < r->findings.len; i++)
        if (strcmp(r->findings.v[i].def->code, code) == 0)
            return true;
    return false;
}

/* The notice quoted, the licence words in <mark>. */
static void
notice_quote(struct strbuf *sb, const struct result *r)
{
    strbuf_adds(sb, "<blockquote class=\"notice\"><p>");
    report_html_textn(sb, r->notice_text, r->notice_start, true);
    strbuf_adds(sb, "<mark>");
    report_html_textn(sb, r->notice_text + r->notice_start,
                      r->notice_end - r->notice_start, true);
    strbuf_adds(sb, "</mark>");
    report_html_text(sb, r->notice_text + r->notice_end);
    strbuf_adds(sb, "</p></blockquote>");
}

static void
license_fact(struct strbuf *sb, const struct result *r)
{
    const struct analysis *a = &r->analysis;
    const struct license_statement *s;
    char label[96], deed[256];

    strbuf_adds(sb, "<dt>Licence</dt><dd>");
    if (a->applicable == DETECT_NONE) {
        strbuf_adds(sb, a->explainer ? "none (the page discusses several "
                                       "licences and claims none)"
                                     : "none found");
        strbuf_adds(sb, "</dd>\n");
        return;
    }
    s = &a->licenses[a->applicable];
    findings_license_label(&s->lic, label, sizeof label);
    strbuf_addf(sb, "<strong>%s</strong>%s, %s, line %u", label,
                s->lic.version[0] ? "" : " (no version)", scope_words(s->scope),
                s->line);
    if (s->url != NULL && report_html_url_ok(s->url)) {
        strbuf_adds(sb, ". Linked to <a rel=\"noopener noreferrer\" href=\"");
        report_html_attr(sb, s->url);
        strbuf_adds(sb, "\">its deed</a>");
    } else if (cc_license_deed_url(&s->lic, deed, sizeof deed)) {
        strbuf_addf(sb,
                    ". Not linked; the deed is <a rel=\"noopener noreferrer\" "
                    "href=\"%s\">",
                    deed);
        report_html_text(sb, deed);
        strbuf_adds(sb, "</a>");
    }
    strbuf_adds(sb, ".");
    if (r->notice_text != NULL)
        notice_quote(sb, r);
    strbuf_adds(sb, "</dd>\n");
}

static void
facts(struct strbuf *sb, const struct result *r)
{
    const struct analysis *a = &r->analysis;

    strbuf_adds(sb, "<dl class=\"facts\">\n<dt>Page</dt><dd>");
    if (r->url != NULL)
        report_html_url(sb, r->url);
    else
        report_html_text(sb, r->target);
    if (r->fetched && r->http_status > 0)
        strbuf_addf(sb, " (HTTP %ld)", r->http_status);
    strbuf_adds(sb, "</dd>\n");
    if (r->verdict == VERDICT_ERROR) {
        strbuf_adds(sb, "<dt>Error</dt><dd>");
        report_html_text(sb, r->error_kind);
        strbuf_adds(sb, ": ");
        report_html_text(sb, r->error_message);
        strbuf_adds(sb, "</dd>\n</dl>\n");
        return;
    }
    license_fact(sb, r);
    if (a->source != NULL) {
        strbuf_adds(sb, "<dt>Source credited</dt><dd>");
        report_html_url(sb, a->source->url);
        strbuf_addf(sb, " (line %u)", a->source->line);
        if (a->source->credit != NULL) {
            strbuf_adds(sb, ", crediting ");
            report_html_text(sb, a->source->credit);
        }
        strbuf_adds(sb, "</dd>\n");
    }
    strbuf_adds(sb, "</dl>\n");
}

static void
finding_rows(struct strbuf *sb, const struct result *r, size_t index)
{
    size_t i;

    strbuf_addf(sb, "<h3 id=\"t%zu-f\">Findings</h3>\n", index);
    if (r->findings.len == 0) {
        strbuf_adds(sb, "<p>None.</p>\n");
        return;
    }
    strbuf_addf(sb,
                "<table class=\"rwd\"><caption>%zu finding%s</caption>\n"
                "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">"
                "Line</th><th scope=\"col\">Finding</th><th scope=\"col\">"
                "Code</th></tr></thead>\n<tbody>\n",
                r->findings.len, r->findings.len == 1 ? "" : "s");
    for (i = 0; i < r->findings.len; i++) {
        const struct finding *f = &r->findings.v[i];
        const char *sev = severity_name(f->def->severity);

        strbuf_addf(sb,
                    "<tr><td data-l=\"severity\"><span class=\"sev sev-%s\">"
                    "%s</span></td><td data-l=\"line\">",
                    sev, sev);
        if (f->line > 0)
            strbuf_addf(sb, "%u", f->line);
        else
            strbuf_adds(sb, "<span class=\"mut\">none</span>");
        strbuf_adds(sb, "</td><td data-l=\"finding\">");
        report_html_text(sb, f->message);
        strbuf_addf(sb,
                    "</td><td data-l=\"code\"><a rel=\"noopener noreferrer\" "
                    "href=\"" FINDINGS_DOC "#%s\"><code>%s</code></a></td>"
                    "</tr>\n",
                    f->def->code, f->def->code);
    }
    strbuf_adds(sb, "</tbody></table>\n");
}

/* One checked page of the chain: what checking it found. */
static void
check_facts(struct strbuf *sb, const struct source_check *c, const char *as)
{
    char label[96];

    strbuf_adds(sb, "<dl class=\"facts\">\n<dt>Linked as</dt><dd>");
    report_html_url(sb, as);
    strbuf_adds(sb, "</dd>\n<dt>Reached</dt><dd>");
    report_html_url(sb, c->url);
    if (c->http_status > 0)
        strbuf_addf(sb, " (HTTP %ld)", c->http_status);
    strbuf_adds(sb, "</dd>\n");
    if (c->error_kind != NULL) {
        strbuf_adds(sb, "<dt>Not checked</dt><dd>");
        report_html_text(sb, c->error_kind);
        strbuf_adds(sb, ": ");
        report_html_text(sb, c->error_message);
        strbuf_adds(sb, "</dd>\n</dl>\n");
        return;
    }
    if (c->similarity >= 0)
        strbuf_addf(sb,
                    "<dt>Text that matches</dt><dd>%.0f%% <meter min=\"0\" "
                    "max=\"100\" value=\"%.0f\" aria-hidden=\"true\"></meter>"
                    "</dd>\n",
                    c->similarity * 100, c->similarity * 100);
    strbuf_adds(sb, "<dt>Licence</dt><dd>");
    if (c->has_license) {
        findings_license_label(&c->lic, label, sizeof label);
        strbuf_addf(sb, "%s", label);
    } else {
        strbuf_adds(sb, "none");
    }
    strbuf_adds(sb, "</dd>\n");
    if (c->creator != NULL) {
        strbuf_adds(sb, "<dt>Creator</dt><dd>");
        report_html_text(sb, c->creator);
        strbuf_adds(sb, "</dd>\n");
    }
    if (c->title != NULL) {
        strbuf_adds(sb, "<dt>Title</dt><dd>");
        report_html_text(sb, c->title);
        strbuf_adds(sb, "</dd>\n");
    }
    strbuf_adds(sb, "</dl>\n");
}

static void
original(struct strbuf *sb, const struct result *r, size_t index)
{
    const struct source_check *c;

    strbuf_addf(sb, "<h3 id=\"t%zu-o\">The original</h3>\n", index);
    check_facts(sb, r->check, r->analysis.source->url);
    if (r->check->next == NULL)
        return;
    strbuf_addf(sb,
                "<h3 id=\"t%zu-c\">The chain of credits</h3>\n<p>The "
                "original credits another page in turn; each link's share "
                "is of the previous page's text.</p>\n<ol>\n",
                index);
    for (c = r->check->next; c != NULL; c = c->next) {
        strbuf_adds(sb, "<li>");
        check_facts(sb, c, c->url);
        strbuf_adds(sb, "</li>\n");
    }
    strbuf_adds(sb, "</ol>\n");
}

static void
copyable(struct strbuf *sb, const char *id, const char *label, const char *what,
         const char *text)
{
    strbuf_addf(sb,
                "<h4 id=\"%s-h\">%s</h4>\n<pre class=\"copy\" id=\"%s\" "
                "tabindex=\"0\" aria-labelledby=\"%s-h\">",
                id, label, id, id);
    report_html_text(sb, text);
    strbuf_addf(sb,
                "</pre>\n<p><button type=\"button\" class=\"cp\" "
                "data-copy=\"%s\" hidden>Copy %s</button></p>\n",
                id, what);
}

static void
suggestion(struct strbuf *sb, const struct result *r, size_t index)
{
    char id[32];

    strbuf_addf(sb, "<h3 id=\"t%zu-s\">Suggested notice (<span lang=\"en\">",
                index);
    report_html_text(sb, r->suggestion_lang ? r->suggestion_lang : "en");
    strbuf_adds(sb, "</span>)</h3>\n<div lang=\"");
    report_html_attr(sb, r->suggestion_lang ? r->suggestion_lang : "en");
    strbuf_adds(sb, "\">\n");
    snprintf(id, sizeof id, "t%zu-nt", index);
    copyable(sb, id, "As text", "the text", r->suggestion_text);
    if (r->suggestion_html != NULL) {
        snprintf(id, sizeof id, "t%zu-nh", index);
        copyable(sb, id, "As HTML", "the HTML", r->suggestion_html);
    }
    strbuf_adds(sb, "</div>\n");
}

static void
nd_alert(struct strbuf *sb, const struct result *r)
{
    char label[96] = "";

    if (r->check != NULL && r->check->has_license)
        findings_license_label(&r->check->lic, label, sizeof label);
    strbuf_addf(sb,
                "<p class=\"alert-nd\"><strong>\xe2\x9a\xa0 No derivatives: "
                "</strong>the original is %s, which allows no changes, and "
                "this copy changes it.</p>\n",
                label[0] ? label : "under a no-derivatives licence");
}

static void
summary_line(struct strbuf *sb, const struct result *r, size_t index)
{
    strbuf_addf(sb, "<summary><h2 id=\"t%zu-h\">", index);
    report_html_badge(sb, r->verdict);
    strbuf_adds(sb, " <span class=\"tname\">");
    report_html_text(sb, r->target);
    strbuf_adds(sb, "</span></h2></summary>\n");
}

void
report_html_detail(struct strbuf *sb, const struct result *r, size_t index,
                   enum html_texts texts, bool open)
{
    bool nd = has_finding(r, "nd-modified");
    bool side = r->check != NULL && r->side.len > 0 && r->check->side.len > 0 &&
                (texts == HTML_TEXTS_ALL ||
                 (texts == HTML_TEXTS_PROBLEMS &&
                  (r->verdict == VERDICT_WARN || r->verdict == VERDICT_FAIL)));

    strbuf_addf(sb, "<details class=\"target\" id=\"t%zu\"%s>\n", index,
                open ? " open" : "");
    summary_line(sb, r, index);
    strbuf_addf(sb,
                "<p class=\"verdict v-%s\"><strong>Verdict: %s.</strong> "
                "%s</p>\n",
                report_html_verdict_name(r->verdict),
                report_html_verdict_name(r->verdict),
                verdict_words(r->verdict));
    if (nd)
        nd_alert(sb, r);
    facts(sb, r);
    if (r->verdict != VERDICT_ERROR)
        finding_rows(sb, r, index);
    if (r->check != NULL && r->analysis.source != NULL)
        original(sb, r, index);
    if (side)
        report_html_side(sb, r, index, nd);
    if (r->suggestion_text != NULL)
        suggestion(sb, r, index);
    strbuf_adds(sb, "<p class=\"back\"><a href=\"#results\">Back to the "
                    "table</a></p>\n</details>\n");
}
