/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for detect, with the real rules from data/rules and pages
 * parsed by html_parse from small HTML strings: which licence applies
 * (notice > article > page; image credits never; an explainer has none),
 * conflicts (text vs link, two claims), the source credit (link after the
 * cue, article over home page, bare URL, never a deed or the page itself,
 * relative links against the page URL and <base href>), the credited
 * name, the creator (RDFa, JSON-LD, meta) and copied-without-URL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "detect.h"
#include "findings.h"
#include "html.h"
#include "strbuf.h"
#include "xalloc.h"

#define RULES_DIR ATTRCHECK_SRCDIR "/data/rules"
#define PAGE      "https://copy.example/blog/post.html"
#define BY4       "https://creativecommons.org/licenses/by/4.0/"
#define BYSA4     "https://creativecommons.org/licenses/by-sa/4.0/"

static const char *
scope_name(enum statement_scope s)
{
    return s == SCOPE_NOTICE    ? "notice"
           : s == SCOPE_ARTICLE ? "article"
                                : "page";
}

/* "lic=CC BY 4.0/notice", "lic=-" or "lic=-/explainer", then
 * " conflict=LABEL" when the applicable statement is disputed. */
static void
put_license(struct strbuf *sb, const struct analysis *a)
{
    const struct license_statement *app;
    char label[96];

    if (a->applicable == DETECT_NONE) {
        strbuf_adds(sb, a->explainer ? "lic=-/explainer" : "lic=-");
        return;
    }
    app = &a->licenses[a->applicable];
    findings_license_label(&app->lic, label, sizeof label);
    strbuf_addf(sb, "lic=%s/%s%s", label, scope_name(app->scope),
                app->linked ? "" : "/unlinked");
    if (a->conflict) {
        findings_license_label(a->conflict_with == a->applicable
                                   ? &app->other
                                   : &a->licenses[a->conflict_with].lic,
                               label, sizeof label);
        strbuf_addf(sb, " conflict=%s", label);
    }
}

/* Summarises A: licence, conflict, source, credit, creator, copied. */
static char *
summary(const struct analysis *a)
{
    struct strbuf sb = STRBUF_INIT;

    put_license(&sb, a);
    strbuf_addf(&sb, " src=%s", a->source ? a->source->url : "-");
    if (a->source && a->source->credit)
        strbuf_addf(&sb, " credit=%s", a->source->credit);
    if (a->creator)
        strbuf_addf(&sb, " creator=%s", a->creator);
    if (a->copied)
        strbuf_adds(&sb, " copied");
    return strbuf_detach(&sb);
}

/* Parses HTML, runs detect_page at URL and returns the summary. */
static char *
analyse(const struct rules *rules, const char *html, const char *url)
{
    struct html_page page;
    struct analysis a;
    struct ac_err err;
    char *s;

    if (html_parse(html, strlen(html), &page, &err) != AC_OK)
        return xasprintf("parse error: %s", err.msg);
    detect_page(rules, &page, url, &a);
    s = summary(&a);
    analysis_free(&a);
    html_page_free(&page);
    return s;
}

struct detect_case {
    const char *name;
    const char *html;
    const char *url; /* NULL: PAGE */
    const char *want;
};

#define NOTICE_BY4                                                             \
    "<p>This article was copied from <a "                                      \
    "href=\"https://orig.example/story\">The Daily Example</a> under a <a "    \
    "href=\"" BY4 "\">CC BY 4.0</a> licence.</p>"
#define FOOTER_BYSA4                                                           \
    "<footer><p>Content licensed under <a rel=\"license\" href=\"" BYSA4       \
    "\">CC BY-SA 4.0</a>.</p></footer>"
#define LONG_TEXT                                                              \
    "Creative Commons licenses give everyone a simple, standardized way to "   \
    "grant the public permission to use their creative work under "            \
    "copyright law. There are six of them, and each works differently for "    \
    "the people who reuse the work, so read them before you choose one. "

static const struct detect_case license_cases[] = {
    {"notice beats page",
     "<body><article><h1>T</h1><p>Body.</p>" NOTICE_BY4
     "</article>" FOOTER_BYSA4 "</body>",
     NULL,
     "lic=CC BY 4.0/notice src=https://orig.example/story credit=The Daily "
     "Example copied"},
    {"article beats page",
     "<body><article><h1>T</h1><p>Body.</p><p>This article is licensed "
     "under <a href=\"https://creativecommons.org/licenses/by-nc/4.0/\">CC "
     "BY-NC 4.0</a>.</p></article>" FOOTER_BYSA4 "</body>",
     NULL, "lic=CC BY-NC 4.0/article conflict=CC BY-SA 4.0 src=-"},
    {"page-wide footer alone",
     "<body><article><h1>T</h1><p>Body text.</p></article>" FOOTER_BYSA4
     "</body>",
     NULL, "lic=CC BY-SA 4.0/page src=-"},
    {"figcaption credit is never applicable",
     "<body><article><figure><img src=\"a.jpg\"><figcaption>Jan Jansen, <a "
     "href=\"" BYSA4 "\">CC BY-SA 4.0</a></figcaption></figure><p>Body "
     "text.</p></article></body>",
     NULL, "lic=- src=-"},
    {"'Photo:' credit is never applicable",
     "<body><article><p>Photo: Jan Jansen, <a href=\"" BYSA4 "\">CC BY-SA "
     "4.0</a></p><p>Body text.</p></article></body>",
     NULL, "lic=- src=-"},
    {"explainer: several licences, no claim",
     "<body><article><p>" LONG_TEXT "You can pick CC BY 4.0, CC BY-SA 4.0, "
     "CC BY-NC 4.0 or CC BY-ND 4.0, among others.</p></article></body>",
     NULL, "lic=-/explainer src=-"},
    {"a short label mention applies",
     "<body><article><p>Body text.</p><p>CC BY 4.0</p></article></body>", NULL,
     "lic=CC BY 4.0/article/unlinked src=-"},
    {"JSON-LD licence is page-wide",
     "<head><script type=\"application/ld+json\">{\"license\":\"" BY4
     "\"}</script></head><body><p>Body.</p></body>",
     NULL, "lic=CC BY 4.0/page src=-"},
    {"meta dcterms.license",
     "<head><meta name=\"dcterms.license\" content=\"" BY4
     "\"></head><body><p>Body.</p></body>",
     NULL, "lic=CC BY 4.0/page src=-"},
    {"scheme-relative deed link on a file:// page",
     "<body><footer><p>Licensed under <a rel=\"license\" "
     "href=\"//creativecommons.org/licenses/by/4.0/\">CC BY "
     "4.0</a></p></footer></body>",
     "file:///tmp/p.html", "lic=CC BY 4.0/page src=-"},
    {"text vs link conflict",
     "<body><article><p>This text is licensed under <a href=\"" BYSA4
     "\">CC BY 4.0</a>.</p></article></body>",
     NULL, "lic=CC BY-SA 4.0/article conflict=CC BY 4.0 src=-"},
    {"two page-wide claims conflict",
     "<body><p>Body.</p><aside><p>This site is licensed under <a href=\"" BY4
     "\">CC BY 4.0</a>.</p></aside>" FOOTER_BYSA4 "</body>",
     NULL, "lic=CC BY 4.0/page conflict=CC BY-SA 4.0 src=-"},
    {"notice sibling: licence in the next paragraph",
     "<body><article><p>Body.</p><div><p>Republished from <a "
     "href=\"https://orig.example/s\">Orig</a>.</p><p>Licence: <a href=\"" BY4
     "\">CC BY 4.0</a></p></div></article>" FOOTER_BYSA4 "</body>",
     NULL,
     "lic=CC BY 4.0/notice src=https://orig.example/s credit=Orig copied"},
    {"malformed JSON-LD is skipped",
     "<head><script type=\"application/ld+json\">{\"license\": </script>"
     "</head><body><p>Body.</p></body>",
     NULL, "lic=- src=-"},
    {"a page without text", "<html><body></body></html>", NULL, "lic=- src=-"},
};

static const struct detect_case source_cases[] = {
    {"link after the cue, its text is the credit",
     "<body><p>Body.</p><p>Originally published at <a "
     "href=\"https://orig.example/a\">The Daily Example</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/a credit=The Daily Example"},
    {"a link before the cue is not the source",
     "<body><p>Body.</p><p><a href=\"https://other.example/x\">Other</a> "
     "Originally published at <a href=\"https://orig.example/a\">The Daily "
     "Example</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/a credit=The Daily Example"},
    {"article link preferred over the home page",
     "<body><p>Body.</p><p>Copied from <a "
     "href=\"https://orig.example/\">Orig</a>: <a "
     "href=\"https://orig.example/2024/story\">Orig News</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/2024/story credit=Orig News copied"},
    {"home page alone is taken",
     "<body><p>Body.</p><p>Copied from <a "
     "href=\"https://orig.example/\">Orig</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/ credit=Orig copied"},
    {"bare URL in the notice",
     "<body><p>Body.</p><p>Copied from https://orig.example/story.</p></body>",
     NULL, "lic=- src=https://orig.example/story copied"},
    {"bare www. URL",
     "<body><p>Body.</p><p>Republished from www.orig.example/story</p></body>",
     NULL, "lic=- src=http://www.orig.example/story copied"},
    {"a deed link is never the source",
     "<body><p>Body.</p><p>Copied from <a href=\"" BY4
     "\">CC BY 4.0</a>.</p></body>",
     NULL, "lic=CC BY 4.0/notice src=- copied"},
    {"a link to the page itself is never the source, nor a credit",
     "<body><p>Body.</p><p>Originally published at <a "
     "href=\"post.html#top\">this blog</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"canonical URL is the page itself too",
     "<head><link rel=\"canonical\" "
     "href=\"https://copy.example/p/1\"></head><body><p>Body.</p><p>Originally "
     "published at <a href=\"/p/1\">this blog</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"another page of the page's own site is not a republication",
     "<body><p>Body.</p><p>Copied from <a "
     "href=\"../other/story.html\">Story Site</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"own site without www. is the same site",
     "<body><p>Body.</p><p>Originally published on <a "
     "href=\"https://www.copy.example/2020/x\">Copy News</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"a saved page: its og:url names its own site",
     "<head><meta property=\"og:url\" content=\"https://news.example/a\">"
     "</head><body><p>Body.</p><p>Originally published on <a "
     "href=\"https://news.example/\">News</a>.</p></body>",
     "file:///tmp/a.html", "lic=- src=-"},
    {"a saved syndicated copy: a link to its canonical is the original",
     "<head><link rel=\"canonical\" href=\"https://orig.example/s\"></head>"
     "<body><p>Body.</p><p>Republished from <a "
     "href=\"https://orig.example/s\">Orig</a>.</p></body>",
     "file:///tmp/a.html",
     "lic=- src=https://orig.example/s credit=Orig copied"},
    {"meta original-source equal to the canonical URL is the page itself",
     "<head><link rel=\"canonical\" href=\"https://orig.example/s\"><meta "
     "name=\"original-source\" content=\"https://orig.example/s\"></head>"
     "<body><p>Body.</p></body>",
     "file:///tmp/a.html", "lic=- src=-"},
    {"relative link resolved against the page URL (scheme-relative)",
     "<body><p>Body.</p><p>Copied from <a "
     "href=\"//stories.example/other/story.html\">Story Site</a>.</p></body>",
     NULL,
     "lic=- src=https://stories.example/other/story.html credit=Story Site "
     "copied"},
    {"relative link resolved against <base href>",
     "<head><base href=\"https://mirror.example/x/\"></head><body><p>Body."
     "</p><p>Copied from <a href=\"story.html\">Story Site</a>.</p></body>",
     NULL,
     "lic=- src=https://mirror.example/x/story.html credit=Story Site copied"},
    {"link in the short next paragraph",
     "<body><p>Body.</p><div><p>This article was originally published by "
     "The Daily Example.</p><p><a "
     "href=\"https://orig.example/a\">https://orig.example/a</a></p></div>"
     "</body>",
     NULL, "lic=- src=https://orig.example/a credit=Daily Example"},
    {"credit from the words after the cue (Dutch)",
     "<body><p>Tekst.</p><p>Deze tekst is gekopieerd van de "
     "Kennisland-website. Ga naar <a "
     "href=\"https://www.kl.nl/events/x/\">https://www.kl.nl/events/x/</a>."
     "</p></body>",
     NULL, "lic=- src=https://www.kl.nl/events/x/ credit=Kennisland copied"},
    {"copied without a URL",
     "<body><p>Body.</p><p>This article was copied from The Guardian.</p>"
     "</body>",
     NULL, "lic=- src=- copied"},
    {"'originally published by' without a link",
     "<body><p>Body.</p><p>This story was originally published by The "
     "Guardian.</p></body>",
     NULL, "lic=- src=- copied"},
    {"JSON-LD isBasedOn as the source",
     "<head><script type=\"application/ld+json\">{\"isBasedOn\":"
     "\"https://orig.example/j\"}</script></head><body><p>Body.</p></body>",
     NULL, "lic=- src=https://orig.example/j"},
    {"RDFa dct:source with attributionName",
     "<body><div xmlns:cc=\"http://creativecommons.org/ns#\" "
     "xmlns:dct=\"http://purl.org/dc/terms/\"><p>Body.</p><p>From <a "
     "rel=\"dct:source\" href=\"https://orig.example/r\">there</a> by <span "
     "property=\"cc:attributionName\">Ann Author</span>.</p></div></body>",
     NULL,
     "lic=- src=https://orig.example/r credit=Ann Author creator=Ann Author"},
};

/* Issue 8's classes: what is not a notice, and notices that were missed. */
static const struct detect_case precision_cases[] = {
    {"a date after the cue is a dateline",
     "<body><p>Body.</p><p>First published: 12 May 2021, 09:30 <a "
     "href=\"https://news.example/authors/ann\">Ann Lee</a></p></body>",
     NULL, "lic=- src=-"},
    {"a month and day after the cue",
     "<body><p>Body.</p><p>Originally published March 3. <a "
     "href=\"https://news.example/next\">Read next</a></p></body>",
     NULL, "lic=- src=-"},
    {"a date then where it was published is a credit",
     "<body><p>Body.</p><p>Originally published on 3 March 2021 in <a "
     "href=\"https://news.example/a\">The News</a>.</p></body>",
     NULL, "lic=- src=https://news.example/a credit=The News"},
    {"Dutch date after 'eerder verschenen op'",
     "<body><p>Tekst.</p><p>Eerder verschenen op 3 maart 2021 om 10.15 "
     "uur. <a href=\"https://krant.example/archief\">Archief</a></p></body>",
     NULL, "lic=- src=-"},
    {"a label after a photo credit credits the photo",
     "<body><p>Body.</p><p>Photo: Jan Visser. Credit: <a "
     "href=\"https://photos.example/j\">Jan</a></p></body>",
     NULL, "lic=- src=-"},
    {"(Source: X) in a figcaption",
     "<body><p>Body.</p><figure><img src=\"c.png\"><figcaption>Cyclists "
     "(Source: <a href=\"https://stats.example/t\">Stats</a>)</figcaption>"
     "</figure></body>",
     NULL, "lic=- src=-"},
    {"a bare participle in prose with another subject",
     "<body><p>Body.</p><p>The figures were taken from <a "
     "href=\"https://journal.example/lee\">Lee et al. [12]</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"a bare participle whose object is the author's talk",
     "<body><p>Body.</p><p>This post is loosely adapted from a talk I gave at "
     "<a href=\"https://conf.example/\">Urban Days</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"une reprise de (a noun) is not repris de",
     "<html lang=fr><body><p>Le groupe a joué une reprise de la chanson <a "
     "href=\"https://musique.example/t\">La Mer</a>.</p></body></html>",
     NULL, "lic=- src=-"},
    {"de tabel is overgenomen uit: another subject",
     "<body><p>Tekst.</p><p>De tabel is overgenomen uit het <a "
     "href=\"https://gemeente.example/jv.pdf\">jaarverslag</a>.</p></body>",
     NULL, "lic=- src=-"},
    {"a bare participle heading its sentence is a notice",
     "<body><p>Body.</p><p>Adapted from <a "
     "href=\"https://news.example/a\">The Story</a> by Ann Lee.</p></body>",
     NULL, "lic=- src=https://news.example/a credit=The Story"},
    {"with this text as its subject too",
     "<body><p>Tekst.</p><p>Deze tekst is overgenomen van <a "
     "href=\"https://krant.example/a\">De Krant</a>.</p></body>",
     NULL, "lic=- src=https://krant.example/a credit=De Krant copied"},
    {"footer small print mentioning where content first appeared",
     "<body><p>Body.</p><footer><p>&copy; 2021 City Media. Some articles were "
     "first published in <a href=\"https://post.example/\">The Post</a>. <a "
     "href=\"/privacy\">Privacy</a></p></footer></body>",
     NULL, "lic=- src=-"},
    {"a cue in <pre> is an example",
     "<body><p>Body.</p><pre>Originally published at "
     "https://blog.example/p</pre></body>",
     NULL, "lic=- src=-"},
    {"a cue in inline <code> is an example",
     "<body><p>Body.</p><p>Write <code>Source: "
     "https://blog.example/p</code> under it.</p></body>",
     NULL, "lic=- src=-"},
    {"a licence in <code> is an example",
     "<body><p>Body.</p><p>Tag it <code>SPDX-License-Identifier: "
     "CC-BY-4.0</code>.</p></body>",
     NULL, "lic=- src=-"},
    {"an XML namespace is never a source",
     "<body><p>Body.</p><p>Source: http://www.w3.org/2000/svg</p></body>", NULL,
     "lic=- src=-"},
    {"the link before the cue",
     "<body><p>Body.</p><p>This guide grew out of <a "
     "href=\"https://forum.example/t/1\">this thread</a>, which she first "
     "posted on a forum.</p></body>",
     NULL, "lic=- src=https://forum.example/t/1"},
    {"a wire credit with a name and no URL",
     "<html lang=pt><body><article><p>Texto longo do artigo.</p><p>Fonte: "
     "Lusa</p></article></body></html>",
     NULL, "lic=- src=- copied"},
    {"a one-word lower-case wire name",
     "<body><article><p>Text.</p><p>Quelle: dpa</p></article></body>", NULL,
     "lic=- src=- copied"},
    {"a quotation's source is not a credit",
     "<body><article><blockquote><p>We waited.</p><p>Quelle: "
     "Initiative Ost</p></blockquote><p>Text.</p></article></body>",
     NULL, "lic=- src=-"},
    {"a label before more running text is a caption, not a credit",
     "<body><article><p>Source: Eurostat</p><p>" LONG_TEXT "</p></article>"
     "</body>",
     NULL, "lic=- src=-"},
    {"a licence for other content is not the page's",
     "<body><article><p>Body.</p><p>Every photo in our library is free to "
     "use under <a href=\"https://creativecommons.org/publicdomain/zero/1.0/"
     "\">CC0</a>.</p></article></body>",
     NULL, "lic=- src=-"},
    {"a licence in a collapsed panel applies",
     "<body><article><p>Body.</p><div style=\"display:none\"><p>This article "
     "is distributed under the terms of the <a href=\"" BY4 "\">Creative "
     "Commons Attribution 4.0 International License</a>.</p></div></article>"
     "</body>",
     NULL, "lic=CC BY 4.0/article src=-"},
    {"a pop-up's notice template is not a notice",
     "<head><link rel=\"canonical\" href=\"https://copy.example/x\"></head>"
     "<body><p>Body.</p><div class=\"republish-popup\" "
     "style=\"display:none\"><p>This article was first published on <a "
     "href=\"https://orig.example/x\">Orig</a>.</p></div></body>",
     NULL, "lic=- src=-"},
    {"a licence wrapped in a Wayback link",
     "<body><article><p>Body.</p><p>Licensed under <a "
     "href=\"https://web.archive.org/web/20140505000000/http://"
     "creativecommons.org/licenses/by-sa/2.0/uk/\">this licence</a>.</p>"
     "</article></body>",
     NULL, "lic=CC BY-SA 2.0 UK/article src=-"},
    {"a source wrapped in an archive.ph link",
     "<body><p>Body.</p><p>Republished from <a "
     "href=\"https://archive.ph/20210512093000/https://orig.example/s\">Orig"
     "</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/s credit=Orig copied"},
    {"a label right under a list cites the list's data",
     "<body><p>Body.</p><ol><li>One</li><li>Two</li></ol><p>Source: <a "
     "href=\"https://data.example/top\">Top 500</a></p></body>",
     NULL, "lic=- src=-"},
    {"a label right under an image is its caption",
     "<body><p>Body.</p><p><img src=\"c.png\"></p><p>Source: <a "
     "href=\"https://wiki.example/x\">Wiki</a></p></body>",
     NULL, "lic=- src=-"},
    {"a notice phrase after an image is still a notice",
     "<body><p>Body.</p><p><img src=\"c.png\"></p><p>Republished from <a "
     "href=\"https://orig.example/s\">Orig</a>.</p></body>",
     NULL, "lic=- src=https://orig.example/s credit=Orig copied"},
    {"a permission for all photos is not the text's",
     "<body><p>Body.</p><p>A table. All photos reprinted with permission "
     "from The Family Table.</p></body>",
     NULL, "lic=- src=-"},
    {"the notice naming a licence wins over an earlier label",
     "<body><p>Source: <a href=\"https://books.example/b\">A book</a></p>"
     "<p>Body.</p><p>This page is mostly a copy of <a "
     "href=\"https://qa.example/q/25\">this question</a>, license: <a "
     "href=\"https://creativecommons.org/licenses/by-sa/3.0/\">CC BY-SA "
     "3.0</a>.</p></body>",
     NULL, "lic=CC BY-SA 3.0/notice src=https://qa.example/q/25"},
};

static const struct detect_case creator_cases[] = {
    {"creator from meta author",
     "<head><meta name=\"author\" content=\"Cy Meta\"></head><body><p>B."
     "</p></body>",
     NULL, "lic=- src=- creator=Cy Meta"},
    {"creator from JSON-LD beats meta",
     "<head><meta name=\"author\" content=\"Cy Meta\"><script "
     "type=\"application/ld+json\">{\"author\":{\"@type\":\"Person\","
     "\"name\":\"Bob Json\"}}</script></head><body><p>B.</p></body>",
     NULL, "lic=- src=- creator=Bob Json"},
    {"creator from RDFa beats JSON-LD",
     "<head><script type=\"application/ld+json\">{\"author\":\"Bob "
     "Json\"}</script></head><body><p xmlns:dct=\"http://purl.org/dc/terms/\">"
     "By <span property=\"dct:creator\">Ann Rdfa</span>.</p></body>",
     NULL, "lic=- src=- creator=Ann Rdfa"},
    {"no creator", "<body><p>Body.</p></body>", NULL, "lic=- src=-"},
};

static void
run_cases(const struct rules *rules, const struct detect_case *cases, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char *got =
            analyse(rules, cases[i].html, cases[i].url ? cases[i].url : PAGE);

        is_str(got, cases[i].want, cases[i].name);
        free(got);
    }
}

/* The findings message for the text vs link conflict must say what the
 * text names and where the link goes, the right way round. */
static void
test_conflict_message(const struct rules *rules)
{
    const char *html = "<body><article><p>This text is licensed under <a "
                       "href=\"" BYSA4 "\">CC BY 4.0</a>.</p></article></body>";
    struct html_page page;
    struct analysis a;
    struct finding_list list = {NULL, 0};
    struct ac_err err;
    size_t i;
    const char *msg = "";

    if (html_parse(html, strlen(html), &page, &err) != AC_OK)
        return;
    detect_page(rules, &page, PAGE, &a);
    findings_judge(&a, &list);
    for (i = 0; i < list.len; i++)
        if (strcmp(list.v[i].def->code, "license-conflict") == 0)
            msg = list.v[i].message;
    printf("# conflict message: %s\n", msg);
    ok(*msg != '\0', "text vs link: a license-conflict finding");
    ok(strcmp(msg, "the notice names CC BY 4.0 but its link goes to CC "
                   "BY-SA 4.0") == 0,
       "text vs link: the message names the text's licence, then the "
       "link's");
    finding_list_free(&list);
    analysis_free(&a);
    html_page_free(&page);
}

/* The name a credit without a URL gives, in a script without case. */
static void
test_uncased_names(const struct rules *rules)
{
    static const struct {
        const char *html, *want;
    } cases[] = {
        {"<html lang=zh><body><p>正文。</p><p>本文来源：新京报 2024-05-10</p>"
         "</body></html>",
         "新京报"},
        {"<html lang=ja><body><p>昔々、ある所に老夫婦が住んでいた。出典: "
         "フリー百科事典『ウィキペディア（Wikipedia）』</p></body></html>",
         "フリー百科事典『ウィキペディア（Wikipedia）』"},
        {"<body><p>Body.</p><p>Originally published by the Garden Weekly."
         "</p></body>",
         "Garden Weekly"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct html_page page;
        struct analysis a;
        struct ac_err err;

        if (html_parse(cases[i].html, strlen(cases[i].html), &page, &err) !=
            AC_OK) {
            ok(false, "parse: %s", err.msg);
            continue;
        }
        detect_page(rules, &page, PAGE, &a);
        ok(a.copied && a.source == NULL, "name-only credit %zu: copied", i);
        is_str(a.copied_credit, cases[i].want, "name-only credit: the name");
        analysis_free(&a);
        html_page_free(&page);
    }
}

static void
test_known_bugs(const struct rules *rules)
{
    char *got;

    got = analyse(rules,
                  "<head><base href=\"https://copy.example/\"></head><body>"
                  "<p>Body.</p><p>Originally published at <a "
                  "href=\"blog/post.html\">this blog</a>.</p></body>",
                  PAGE);
    printf("# got: %s\n", got);
    ok(strstr(got, "src=-") != NULL,
       "with <base href>, a link to the page itself is still not the "
       "source");
    free(got);

    got = analyse(rules,
                  "<body><p>Body.</p><p>Copied from the Example Times "
                  "(https://creativecommons.org/licenses/by/4.0/): "
                  "https://orig.example/story</p></body>",
                  PAGE);
    printf("# got: %s\n", got);
    ok(strstr(got, "src=https://orig.example/story") != NULL,
       "a bare deed URL before the bare source URL does not hide it");
    free(got);

    got = analyse(rules,
                  "<body><article><p>Body text.</p><figure><img "
                  "src=\"a.jpg\"><figcaption>Jan Jansen, <a rel=\"license\" "
                  "href=\"" BYSA4 "\">CC BY-SA 4.0</a></figcaption></figure>"
                  "</article></body>",
                  PAGE);
    printf("# got: %s\n", got);
    ok(strncmp(got, "lic=- ", 6) == 0,
       "rel=license inside a figcaption is still an image credit");
    free(got);
}

int
main(void)
{
    struct rules *rules = NULL;
    struct ac_err err;

    if (rules_load(RULES_DIR, &rules, &err) != AC_OK) {
        printf("Bail out! cannot load %s: %s\n", RULES_DIR, err.msg);
        return 1;
    }
    run_cases(rules, license_cases,
              sizeof license_cases / sizeof license_cases[0]);
    run_cases(rules, source_cases,
              sizeof source_cases / sizeof source_cases[0]);
    run_cases(rules, precision_cases,
              sizeof precision_cases / sizeof precision_cases[0]);
    run_cases(rules, creator_cases,
              sizeof creator_cases / sizeof creator_cases[0]);
    test_conflict_message(rules);
    test_known_bugs(rules);
    test_uncased_names(rules);
    rules_free(rules);
    html_global_cleanup();
    return tap_done();
}
