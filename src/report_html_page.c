/* SPDX-License-Identifier: MIT */
/*
 * report_html_page: the frame of the HTML report: doctype, the
 * Content-Security-Policy that allows only the one inline stylesheet and
 * script (by hash) and nothing from anywhere else, the banner, footer and
 * verdict badges.  It writes no page data but the title it is given.
 */
#include "config.h"

#include "report_html.h"

static const char *const VERDICT_NAMES[] = {"pass", "warn", "fail", "error",
                                            "none"};

/* A sign beside each verdict's word, so colour is never the only cue. */
static const char *const VERDICT_SIGNS[] = {"\xe2\x9c\x93", "!", "\xe2\x9c\x97",
                                            "?", "\xe2\x80\x93"};

const char *
report_html_verdict_name(enum verdict v)
{
    return (unsigned)v < 5 ? VERDICT_NAMES[v] : "none";
}

void
report_html_badge(struct strbuf *sb, enum verdict v)
{
    unsigned i = (unsigned)v < 5 ? (unsigned)v : 4;

    strbuf_addf(sb,
                "<span class=\"badge v-%s\"><span aria-hidden=\"true\">%s"
                "</span> %s</span>",
                VERDICT_NAMES[i], VERDICT_SIGNS[i], VERDICT_NAMES[i]);
}

void
report_html_head(struct strbuf *sb, const char *title, bool single)
{
    strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n");
    /* default-src 'none' forbids every fetch; only the hashed inline
     * style and script run, so markup a page smuggled in cannot */
    strbuf_addf(sb,
                "<meta http-equiv=\"Content-Security-Policy\" "
                "content=\"default-src 'none'; style-src 'sha256-%s'; "
                "script-src 'sha256-%s'; img-src data:; base-uri 'none'; "
                "form-action 'none'\">\n",
                report_html_css_sha256, report_html_js_sha256);
    strbuf_adds(sb,
                "<meta name=\"referrer\" content=\"no-referrer\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">\n"
                "<meta name=\"color-scheme\" content=\"light dark\">\n"
                "<meta name=\"generator\" content=\"attrcheck " PACKAGE_VERSION
                "\">\n<title>");
    report_html_text(sb, title);
    strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body%s>\n",
                report_html_css, single ? " class=\"single\"" : "");
    strbuf_adds(sb, "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n"
                    "<header class=\"top\"><p>attrcheck " PACKAGE_VERSION
                    "</p></header>\n"
                    "<main id=\"main\">\n");
}

void
report_html_foot(struct strbuf *sb)
{
    strbuf_adds(sb, "<p id=\"status\" role=\"status\" class=\"mut\"></p>\n"
                    "</main>\n<footer class=\"bottom\"><p>Written by "
                    "<a rel=\"noopener noreferrer\" href=\"" PACKAGE_URL
                    "\">attrcheck</a> " PACKAGE_VERSION
                    ". The report is one file: it loads nothing from the "
                    "network, and reads without scripts.</p></footer>\n");
    strbuf_addf(sb, "<script>%s</script>\n</body>\n</html>\n", report_html_js);
}
