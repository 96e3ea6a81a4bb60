/* SPDX-License-Identifier: MIT */
/*
 * report_html_esc: the only way page data reaches the HTML report (see
 * report_html.h).  Text is escaped for element content and attributes
 * alike; characters that could reorder or hide what a reader sees are
 * shown as their code point; links are made only of http(s) URLs.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "report_html.h"

/* Characters shown as "[U+XXXX]": controls, and the format characters
 * that reorder text (bidi embeddings, overrides, isolates, marks) or
 * hide it (zero-width space, word joiner, BOM, interlinear annotation,
 * language tag). */
static bool
is_hidden(uint32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n';
    return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
           cp == 0x200b || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff ||
           (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001;
}

static void
add_hidden(struct strbuf *sb, uint32_t cp, bool markup)
{
    if (markup)
        strbuf_addf(sb,
                    "<span class=\"ctl\" title=\"hidden character\">"
                    "[U+%04X]</span>",
                    (unsigned)cp);
    else
        strbuf_addf(sb, "[U+%04X]", (unsigned)cp);
}

static bool
add_special(struct strbuf *sb, unsigned char c)
{
    switch (c) {
    case '&':
        strbuf_adds(sb, "&amp;");
        return true;
    case '<':
        strbuf_adds(sb, "&lt;");
        return true;
    case '>':
        strbuf_adds(sb, "&gt;");
        return true;
    case '"':
        strbuf_adds(sb, "&quot;");
        return true;
    case '\'':
        strbuf_adds(sb, "&#39;");
        return true;
    default:
        return false;
    }
}

void
report_html_textn(struct strbuf *sb, const char *s, size_t len, bool markup)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len;
    unsigned char tmp[5];
    uint32_t cp;
    size_t n;

    while (p < end) {
        if (*p < 0x80 && !is_hidden(*p)) {
            if (!add_special(sb, *p))
                strbuf_addc(sb, (char)*p);
            p++;
            continue;
        }
        /* decode from a NUL-terminated copy: the input may stop mid-way */
        n = (size_t)(end - p) < 4 ? (size_t)(end - p) : 4;
        memcpy(tmp, p, n);
        tmp[n] = '\0';
        n = report_utf8_decode(tmp, &cp);
        if (n == 0) {
            strbuf_adds(sb, "\xef\xbf\xbd");
            p++;
        } else if (is_hidden(cp)) {
            add_hidden(sb, cp, markup);
            p += n;
        } else {
            strbuf_add(sb, p, n);
            p += n;
        }
    }
}

void
report_html_text(struct strbuf *sb, const char *s)
{
    if (s != NULL)
        report_html_textn(sb, s, strlen(s), true);
}

void
report_html_attr(struct strbuf *sb, const char *s)
{
    if (s != NULL)
        report_html_textn(sb, s, strlen(s), false);
}

bool
report_html_url_ok(const char *url)
{
    const unsigned char *p;

    if (url == NULL || (strncasecmp(url, "http://", 7) != 0 &&
                        strncasecmp(url, "https://", 8) != 0))
        return false;
    for (p = (const unsigned char *)url; *p != '\0'; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '\'' || *p == '<' ||
            *p == '>' || *p == '\\' || *p == '`')
            return false;
    return true;
}

void
report_html_url(struct strbuf *sb, const char *url)
{
    if (url == NULL)
        return;
    if (!report_html_url_ok(url)) {
        strbuf_adds(sb, "<span class=\"url\">");
        report_html_text(sb, url);
        strbuf_adds(sb, "</span>");
        return;
    }
    strbuf_adds(sb, "<a class=\"url\" rel=\"noopener noreferrer\" href=\"");
    report_html_attr(sb, url);
    strbuf_adds(sb, "\">");
    report_html_text(sb, url);
    strbuf_adds(sb, "</a>");
}
