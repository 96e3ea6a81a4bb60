/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for html: blocks and their joining, lines, regions, links,
 * metas, RDFa, JSON-LD, exclusions (script, style, comments, hidden),
 * and hostile input (deep nesting, garbage, empty, NUL, long pages).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "charset.h"
#include "html.h"
#include "strbuf.h"
#include "xalloc.h"

/* Block texts joined with '|'. */
static char *
blocks_str(const struct html_page *p)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < p->blocks_len; i++) {
        if (i > 0)
            strbuf_addc(&sb, '|');
        strbuf_adds(&sb, p->blocks[i].text);
    }
    return strbuf_detach(&sb);
}

static bool
parse(const char *html, struct html_page *p)
{
    struct ac_err err;

    return html_parse(html, strlen(html), p, &err) == AC_OK;
}

static const struct {
    const char *name;
    const char *html;
    const char *want; /* block texts joined with '|' */
} block_cases[] = {
    {"br and inline join",
     "<p>Creative <em>Commons</em><br>Naamsvermelding</p>",
     "Creative Commons Naamsvermelding"},
    {"word split by inline tags", "<p>Naams<b>ver</b>melding</p>",
     "Naamsvermelding"},
    {"white space collapsed", "<p>  a \n\t b  </p>", "a b"},
    {"blocks in order", "<h1>T</h1><p>one</p><ul><li>x</li><li>y</li></ul>",
     "T|one|x|y"},
    {"nested block splits the parent", "<div>A <p>B</p> C <span>D</span></div>",
     "A|B|C D"},
    {"empty blocks dropped", "<div><div></div><p> </p><p>x</p></div>", "x"},
    {"text directly under body", "hello <b>there</b><p>p</p>after",
     "hello there|p|after"},
    {"table cells", "<table><tr><td>a</td><td>b</td></tr></table>", "a|b"},
    {"script and style excluded",
     "<p>a<script>var x = 1; // License: "
     "http://creativecommons.org/licenses/by/2.5/\n</script>b</p>"
     "<style>p { color: red }</style>",
     "ab"},
    {"comment excluded", "<p>a<!-- License: CC BY --> b</p>", "a b"},
    {"hidden block kept (a collapsed panel)",
     "<p>x</p><div hidden><p>panel</p></div>", "x|panel"},
    {"hidden inline text excluded",
     "<p>a<span hidden>zz</span>b<span style=\"display:none\">yy</span></p>",
     "ab"},
    {"hidden=until-found kept", "<div hidden=until-found>y</div>", "y"},
    {"display:none block kept",
     "<p>x</p><div style=\"color:red; DISPLAY : None\">panel</div>", "x|panel"},
    {"template noscript svg excluded",
     "<template><p>t</p></template><noscript>n</noscript><p>v</p>"
     "<svg><text>s</text></svg><select><option>o</option></select>",
     "v"},
    {"iframe textarea object math excluded",
     "<p>v<iframe>i</iframe><textarea>t</textarea><object>o</object>"
     "<math><mi>m</mi></math></p>",
     "v"},
    {"numeric and named entities", "<p>&#x30AF;&#12463; caf&eacute; &amp;</p>",
     "\xE3\x82\xAF\xE3\x82\xAF caf\xC3\xA9 &"},
    {"nbsp and dashes normalised", "<p>a&nbsp;b &ndash; c</p>", "a b - c"},
    {"title is not a block", "<title>T</title><p>b</p>", "b"},
    {"unclosed tags repaired", "<p>one<p>two<div>three", "one|two|three"},
    {"link text stays in block", "<p>see <a href=x>the page</a>.</p>",
     "see the page."},
    {"hr separates", "a<hr>b", "a|b"},
};

static void
test_blocks(void)
{
    size_t i;

    for (i = 0; i < sizeof(block_cases) / sizeof(block_cases[0]); i++) {
        struct html_page p;
        char *got;

        ok(parse(block_cases[i].html, &p), "%s: parses", block_cases[i].name);
        got = blocks_str(&p);
        is_str(got, block_cases[i].want, block_cases[i].name);
        free(got);
        html_page_free(&p);
    }
}

/* One block's details: the block whose text is TEXT. */
static const struct {
    const char *name;
    const char *html;
    const char *text;
    const char *tag;
    unsigned line;
    enum html_region region;
    bool in_main;
    const char *parent; /* text of the parent block, NULL for none */
} detail_cases[] = {
    {"line of first text", "<html>\n<body>\n<p>\nFoo\n</p>", "Foo", "p", 4,
     HTML_REGION_BODY, false, NULL},
    {"line not moved by trailing newlines", "\n<p>Foo\n\n\n</p>", "Foo", "p", 2,
     HTML_REGION_BODY, false, NULL},
    {"footer", "<footer><p>f</p></footer>", "f", "p", 1, HTML_REGION_FOOTER,
     false, NULL},
    {"role contentinfo", "<div role=contentinfo><span>f</span></div>", "f",
     "div", 1, HTML_REGION_FOOTER, false, NULL},
    {"footer class hint", "<div class=\"site-Footer wide\">f</div>", "f", "div",
     1, HTML_REGION_FOOTER, false, NULL},
    {"footer id hint", "<section id=footer>f</section>", "f", "section", 1,
     HTML_REGION_FOOTER, false, NULL},
    {"article", "<article><p>a</p></article>", "a", "p", 1, HTML_REGION_MAIN,
     true, NULL},
    {"role main", "<div role=main><p>a</p></div>", "a", "p", 1,
     HTML_REGION_MAIN, true, NULL},
    {"header inside main", "<main><header><h1>h</h1></header></main>", "h",
     "h1", 1, HTML_REGION_HEADER, true, NULL},
    {"nav", "<nav><ul><li>n</li></ul></nav>", "n", "li", 1, HTML_REGION_NAV,
     false, NULL},
    {"role navigation", "<div role=navigation>n</div>", "n", "div", 1,
     HTML_REGION_NAV, false, NULL},
    {"aside", "<aside>s</aside>", "s", "aside", 1, HTML_REGION_ASIDE, false,
     NULL},
    {"form", "<form><label>l</label></form>", "l", "form", 1, HTML_REGION_FORM,
     false, NULL},
    {"banner", "<div role=banner>b</div>", "b", "div", 1, HTML_REGION_HEADER,
     false, NULL},
    {"parent block", "<div>outer<p>inner</p></div>", "inner", "p", 1,
     HTML_REGION_BODY, false, "outer"},
    {"parent skips empty blocks",
     "<blockquote>q<div><div><p>deep</p></div></div></blockquote>", "deep", "p",
     1, HTML_REGION_BODY, false, "q"},
    {"continuation keeps the parent", "<div>a<div>b<p>c</p>d</div></div>", "d",
     "div", 1, HTML_REGION_BODY, false, "a"},
};

static const struct html_block *
find_block(const struct html_page *p, const char *text)
{
    size_t i;

    for (i = 0; i < p->blocks_len; i++)
        if (strcmp(p->blocks[i].text, text) == 0)
            return &p->blocks[i];
    return NULL;
}

static void
test_details(void)
{
    size_t i;

    for (i = 0; i < sizeof(detail_cases) / sizeof(detail_cases[0]); i++) {
        const char *name = detail_cases[i].name;
        struct html_page p;
        const struct html_block *b;

        parse(detail_cases[i].html, &p);
        b = find_block(&p, detail_cases[i].text);
        if (!ok(b != NULL, "%s: block found", name)) {
            html_page_free(&p);
            continue;
        }
        is_str(b->tag, detail_cases[i].tag, name);
        ok(b->line == detail_cases[i].line, "%s: line %u", name, b->line);
        ok(b->region == detail_cases[i].region, "%s: region %d", name,
           (int)b->region);
        ok(b->in_main == detail_cases[i].in_main, "%s: in_main", name);
        ok(b->len == strlen(b->text), "%s: len", name);
        is_str(b->parent == HTML_NO_BLOCK ? NULL : p.blocks[b->parent].text,
               detail_cases[i].parent, name);
        html_page_free(&p);
    }
}

/* What a block's ancestors make it: hidden, a widget, a figure, a
 * quotation, and where its text is code. */
static void
test_context(void)
{
    struct html_page p;
    const struct html_block *b;

    parse("<div style='display:none'><p>panel</p></div>"
          "<div class='share-popup'><p>tool</p></div>"
          "<figure><img src=a.png><figcaption>cap</figcaption></figure>"
          "<table><caption>tab</caption></table>"
          "<blockquote><p>quoted</p></blockquote>"
          "<p>run <code>x = 1</code> and <kbd>ls</kbd></p><pre>pre text</pre>",
          &p);
    b = find_block(&p, "panel");
    ok(b != NULL && b->hidden && !b->widget, "display:none block: hidden");
    b = find_block(&p, "tool");
    ok(b != NULL && b->widget && !b->hidden, "class=share-popup: widget");
    b = find_block(&p, "cap");
    ok(b != NULL && b->figure, "figcaption: figure");
    b = find_block(&p, "tab");
    ok(b != NULL && b->figure, "table caption: figure");
    b = find_block(&p, "quoted");
    ok(b != NULL && b->quote && !b->figure, "blockquote: quote");
    b = find_block(&p, "run x = 1 and ls");
    ok(b != NULL && b->code_len == 2 && b->code[0].start == 4 &&
           b->code[0].end == 9 && b->code[1].start == 14 &&
           b->code[1].end == 16,
       "inline code and kbd: two spans");
    b = find_block(&p, "pre text");
    ok(b != NULL && b->code_len == 1 && b->code[0].start == 0 &&
           b->code[0].end == 8,
       "pre: all of it is code");
    html_page_free(&p);
}

/* What stands right before a block's first text: an image, video or
 * frame (not a link's image), the end of a list or a table (not a
 * menu's), or only text. */
static void
test_lead(void)
{
    struct html_page p;
    const struct html_block *b;

    parse("<p>intro</p><p><img src=a.png></p><p>under image</p>"
          "<ol><li>one</li></ol><p>under list</p>"
          "<table><tr><td>cell</td></tr></table><p>under table</p>"
          "<div><video src=v.mp4></video></div><p>under video</p>"
          "<p><img src=b.png> same block</p>"
          "<p><a href=/><img src=logo.png></a></p><p>under logo</p>"
          "<nav><ul><li><a href=/x>menu</a></li></ul></nav><p>under menu</p>"
          "<p>text <img src=c.png> inline</p><p>after inline</p>",
          &p);
    b = find_block(&p, "intro");
    ok(b != NULL && b->lead == HTML_LEAD_TEXT, "first block: text");
    b = find_block(&p, "under image");
    ok(b != NULL && b->lead == HTML_LEAD_MEDIA, "after <img>: media");
    b = find_block(&p, "one");
    ok(b != NULL && b->lead == HTML_LEAD_TEXT, "list item: text");
    b = find_block(&p, "under list");
    ok(b != NULL && b->lead == HTML_LEAD_LIST, "after </ol>: list");
    b = find_block(&p, "under table");
    ok(b != NULL && b->lead == HTML_LEAD_TABLE, "after </table>: table");
    b = find_block(&p, "under video");
    ok(b != NULL && b->lead == HTML_LEAD_MEDIA, "after <video>: media");
    b = find_block(&p, "same block");
    ok(b != NULL && b->lead == HTML_LEAD_MEDIA, "img then text: media");
    b = find_block(&p, "under logo");
    ok(b != NULL && b->lead == HTML_LEAD_TEXT, "a link's image: text");
    b = find_block(&p, "under menu");
    ok(b != NULL && b->lead == HTML_LEAD_TEXT, "a menu's list: text");
    b = find_block(&p, "after inline");
    ok(b != NULL && b->lead == HTML_LEAD_TEXT, "text after the img: text");
    html_page_free(&p);
}

static const struct {
    const char *name;
    const char *html;
    size_t index; /* which link */
    const char *href, *text, *rel, *img_src;
    bool is_img, in_head;
    unsigned line;
    const char *before; /* block text before the link text */
    const char *inside; /* block text in [start, end) */
} link_cases[] = {
    {"plain link", "<p>See <a href=' /x '>the <b>page</b></a> now</p>", 0, "/x",
     "the page", NULL, NULL, false, false, 1, "See ", "the page"},
    {"rel lower-cased", "<a REL='License NoFollow' href=l>L</a>", 0, "l", "L",
     "license nofollow", NULL, false, false, 1, "", "L"},
    {"head link", "<head>\n<link rel=stylesheet href=s.css></head>", 0, "s.css",
     "", "stylesheet", NULL, false, true, 2, NULL, NULL},
    {"image", "<p>x <img src='i.png' alt=' Some  alt '></p>", 0, "i.png",
     "Some alt", NULL, NULL, true, false, 1, "x", ""},
    {"image link: src and alt", "<p>by <a href=h><img src=i.png alt=CC></a>", 0,
     "h", "CC", NULL, "i.png", false, false, 1, "by", ""},
    {"image inside link listed too", "<a href=h><img src=i.png alt=CC></a>", 1,
     "i.png", "CC", NULL, NULL, true, false, 1, NULL, NULL},
    {"area", "<map><area href=a alt=Area></map>", 0, "a", "Area", NULL, NULL,
     false, false, 1, NULL, NULL},
    {"a without href skipped", "<a name=x>n</a><a href=y>m</a>", 0, "y", "m",
     NULL, NULL, false, false, 1, "n", "m"},
    {"link on a later line", "<p>a\nb\n<a\nhref=z>c</a>", 0, "z", "c", NULL,
     NULL, false, false, 3, "a b ", "c"},
    {"link after a nested block", "<div>x<p>y</p>pre <a href=q>L</a></div>", 0,
     "q", "L", NULL, NULL, false, false, 1, "pre ", "L"},
    {"hidden link skipped",
     "<p><span hidden><a href=h>x</a></span><a href=v>v</a></p>", 0, "v", "v",
     NULL, NULL, false, false, 1, "", "v"},
};

static void
test_links(void)
{
    size_t i;

    for (i = 0; i < sizeof(link_cases) / sizeof(link_cases[0]); i++) {
        const char *name = link_cases[i].name;
        struct html_page p;
        const struct html_link *l;

        parse(link_cases[i].html, &p);
        if (!ok(p.links_len > link_cases[i].index, "%s: found", name)) {
            html_page_free(&p);
            continue;
        }
        l = &p.links[link_cases[i].index];
        is_str(l->href, link_cases[i].href, name);
        is_str(l->text, link_cases[i].text, name);
        is_str(l->rel, link_cases[i].rel, name);
        is_str(l->img_src, link_cases[i].img_src, name);
        ok(l->is_img == link_cases[i].is_img, "%s: is_img", name);
        ok(l->in_head == link_cases[i].in_head, "%s: in_head", name);
        ok(l->line == link_cases[i].line, "%s: line %u", name, l->line);
        if (link_cases[i].before != NULL &&
            ok(l->block < p.blocks_len && l->start <= l->end &&
                   l->end <= p.blocks[l->block].len,
               "%s: range", name)) {
            const char *t = p.blocks[l->block].text;
            char *before = xstrndup(t, l->start);
            char *inside = xstrndup(t + l->start, l->end - l->start);

            is_str(before, link_cases[i].before, name);
            is_str(inside, link_cases[i].inside, name);
            free(before);
            free(inside);
        }
        html_page_free(&p);
    }
}

static const char chooser[] =
    "<a rel=\"license\" href=\"http://creativecommons.org/licenses/by/4.0/\">"
    "<img alt=\"Creative Commons-Licentie\" "
    "src=\"https://i.creativecommons.org/l/by/4.0/88x31.png\"/></a><br/>"
    "<span xmlns:dct=\"http://purl.org/dc/terms/\" "
    "property=\"dct:title\">Titel</span> van <a "
    "xmlns:cc=\"http://creativecommons.org/ns#\" href=\"https://example.org\" "
    "property=\"cc:attributionName\" rel=\"cc:attributionURL\">Bart</a> is "
    "in licentie gegeven volgens een <a rel=\"license\" "
    "href=\"http://creativecommons.org/licenses/by/4.0/\">Creative Commons "
    "Naamsvermelding 4.0 Internationaal-licentie</a>.";

static const struct {
    const char *name;
    const char *html;
    const char *want; /* "property=value>href" joined with '|' */
} rdfa_cases[] = {
    {"chooser markup", chooser,
     "dct:title=Titel>|cc:attributionName=Bart>https://example.org|"
     "cc:attributionURL=Bart>https://example.org"},
    {"plain rel=license is no RDFa", "<a rel=license href=l>x</a>", ""},
    {"full IRIs shortened",
     "<span property='http://creativecommons.org/ns#attributionName "
     "http://purl.org/dc/elements/1.1/creator'>A</span>",
     "cc:attributionName=A>|dct:creator=A>"},
    {"content wins over text",
     "<span property=dct:title content='Real'>Shown</span>", "dct:title=Real>"},
    {"resource and src as href",
     "<div rel=dct:source resource=' http://o.example/ '></div>"
     "<img property=dct:x src=i.png>",
     "dct:source=>http://o.example/|dct:x=>i.png"},
    {"custom prefix via prefix=",
     "<div prefix='lic: http://creativecommons.org/ns# d: "
     "http://purl.org/dc/terms/'><a rel='lic:license' href=L>t</a>"
     "<span property=D:title>T</span></div>",
     "cc:license=t>L|dct:title=T>"},
    {"custom prefix via xmlns, scoped",
     "<p xmlns:x='http://creativecommons.org/ns#'><span property=x:a>1</span>"
     "</p><span property=x:a>2</span>",
     "cc:a=1>|x:a=2>"},
    {"vocab=",
     "<p vocab='http://creativecommons.org/ns#'><span "
     "property=license>l</span></p>",
     "cc:license=l>"},
    {"prefix case lowered", "<span property='DC:Title'>t</span>",
     "dc:Title=t>"},
    {"nested values",
     "<div property=dct:a><span property=dct:b>x</span> y</div>",
     "dct:a=x y>|dct:b=x>"},
    {"meta property", "<meta property='og:title' content='OG'>",
     "og:title=OG>"},
};

static char *
rdfa_str(const struct html_page *p)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < p->rdfa_len; i++)
        strbuf_addf(&sb, "%s%s=%s>%s", i ? "|" : "", p->rdfa[i].property,
                    p->rdfa[i].value ? p->rdfa[i].value : "(null)",
                    p->rdfa[i].href ? p->rdfa[i].href : "");
    return strbuf_detach(&sb);
}

static void
test_rdfa(void)
{
    size_t i;

    for (i = 0; i < sizeof(rdfa_cases) / sizeof(rdfa_cases[0]); i++) {
        struct html_page p;
        char *got;

        parse(rdfa_cases[i].html, &p);
        got = rdfa_str(&p);
        is_str(got, rdfa_cases[i].want, rdfa_cases[i].name);
        free(got);
        html_page_free(&p);
    }
}

/* The chooser's links and block, where detection looks. */
static void
test_chooser(void)
{
    struct html_page p;
    const struct html_link *l;

    ok(parse(chooser, &p), "chooser: parses");
    ok(p.blocks_len == 1, "chooser: one block");
    is_str(p.blocks_len ? p.blocks[0].text : NULL,
           "Titel van Bart is in licentie gegeven volgens een Creative "
           "Commons Naamsvermelding 4.0 Internationaal-licentie.",
           "chooser: block text");
    ok(p.links_len == 4, "chooser: 4 links (3 a + img)");
    if (p.links_len == 4) {
        l = &p.links[3];
        is_str(l->rel, "license", "chooser: last rel");
        is_str(p.blocks[0].text + l->end, ".", "chooser: after link");
        ok(l->start == 50, "chooser: text before link");
        is_str(p.links[0].img_src,
               "https://i.creativecommons.org/l/by/4.0/88x31.png",
               "chooser: img_src");
        is_str(p.links[2].rel, "cc:attributionurl", "chooser: rel lower");
    }
    html_page_free(&p);
}

static void
test_document(void)
{
    static const char doc[] =
        "<!DOCTYPE html>\n<html LANG='NL-nl'><head>\n"
        "<meta charset=utf-8><title>\n My  title </title>\n"
        "<meta name='Description' content='d'>"
        "<meta property='og:url' content='u'>"
        "<meta http-equiv='Content-Type' content='text/html'>"
        "<meta itemprop=license content=L>"
        "<meta name=nocontent>"
        "<base href=' https://b.example/ '>"
        "<link rel='Canonical' href='https://c.example/a'>"
        "<script type='Application/LD+JSON; charset=utf-8'>\n"
        "{\"@type\": \"Article\", \"x\": \"</p>\"}</script>"
        "<script type=text/javascript>var a = '<p>no</p>';</script>"
        "</head><body><p>b</p>"
        "<script type=application/ld+json>{\"b\":1}</script></body></html>";
    struct html_page p;
    char *got;

    ok(parse(doc, &p), "document: parses");
    is_str(p.lang, "nl-nl", "lang");
    is_str(p.title, "My title", "title");
    is_str(p.base_href, "https://b.example/", "base href");
    is_str(p.canonical, "https://c.example/a", "canonical");
    ok(p.metas_len == 4, "metas: 4");
    if (p.metas_len == 4) {
        is_str(p.metas[0].name, "description", "meta name lower case");
        is_str(p.metas[1].name, "og:url", "meta property");
        is_str(p.metas[2].name, "content-type", "meta http-equiv");
        is_str(p.metas[3].content, "L", "meta itemprop");
        ok(p.metas[0].line == 5, "meta line %u", p.metas[0].line);
    }
    ok(p.jsonld_len == 2, "jsonld: 2");
    if (p.jsonld_len == 2) {
        is_str(p.jsonld[0].text, "\n{\"@type\": \"Article\", \"x\": \"</p>\"}",
               "jsonld raw text");
        ok(p.jsonld[0].line == 5, "jsonld line %u", p.jsonld[0].line);
        is_str(p.jsonld[1].text, "{\"b\":1}", "jsonld in body");
    }
    got = blocks_str(&p);
    is_str(got, "b", "document: blocks");
    free(got);
    html_page_free(&p);
    html_page_free(&p);
    html_page_free(NULL);
    ok(p.blocks == NULL && p.links_len == 0, "page_free zeroes");
}

/* xml:lang, and RDFa/img entries pointing at the right block. */
static void
test_misc(void)
{
    struct html_page p;

    parse("<html xml:lang='EN-GB'><p>a</p><div><img src=i.png></div>"
          "<p>b <span property=dct:title>T</span></p>",
          &p);
    is_str(p.lang, "en-gb", "xml:lang");
    ok(p.links_len == 1 && p.links[0].block == HTML_NO_BLOCK,
       "img in an empty block: no block");
    ok(p.rdfa_len == 1 && p.rdfa[0].block == 1 &&
           strcmp(p.blocks[1].text, "b T") == 0,
       "rdfa block");
    html_page_free(&p);
}

/* Nothing from a JS comment may leak into blocks or links. */
static void
test_script_leak(void)
{
    static const char doc[] =
        "<html><head><script>\n/* License: "
        "http://creativecommons.org/licenses/by/2.5/ */\n"
        "var u = \"<a href='http://creativecommons.org/licenses/by/2.5/'>"
        "</a>\";\n</script></head><body><p>text</p>"
        "<script>document.write('<a href=\"http://creativecommons.org/"
        "licenses/by/2.5/\">x</a>');</script></body></html>";
    struct html_page p;
    bool leak = false;
    size_t i;

    parse(doc, &p);
    for (i = 0; i < p.blocks_len; i++)
        leak |= strstr(p.blocks[i].text, "creativecommons") != NULL;
    for (i = 0; i < p.links_len; i++)
        leak |= strstr(p.links[i].href, "creativecommons") != NULL;
    ok(!leak && p.blocks_len == 1 && p.links_len == 0,
       "script text leaks nowhere");
    html_page_free(&p);
}

/* A windows-1252 meta in converted text must not re-decode it. */
static void
test_forced_utf8(void)
{
    static const char doc[] = "<meta charset=windows-1252><p>caf\xC3\xA9 "
                              "\xE2\x80\x9Cq\xE2\x80\x9D</p>";
    struct html_page p;
    char *got;

    ok(parse(doc, &p), "forced utf-8: parses");
    got = blocks_str(&p);
    is_str(got, "caf\xC3\xA9 \"q\"", "meta charset ignored");
    free(got);
    html_page_free(&p);
}

/* charset then html, as the pipeline runs them. */
static void
test_pipeline(void)
{
    static const char raw[] = "<meta http-equiv=content-type "
                              "content='text/html; charset=iso-8859-1'>"
                              "<p>\x93"
                              "Caf\xE9\x94</p>";
    struct ac_err err;
    struct html_page p;
    char *utf8 = NULL, used[32], *got;
    size_t n;

    ok(charset_to_utf8(raw, strlen(raw), NULL, &utf8, &n, used, sizeof(used),
                       &err) == AC_OK,
       "pipeline: decoded");
    ok(html_parse(utf8, n, &p, &err) == AC_OK, "pipeline: parsed");
    got = blocks_str(&p);
    is_str(got, "\"Caf\xC3\xA9\"", "pipeline: text");
    free(got);
    free(utf8);
    html_page_free(&p);
}

static void
test_hostile(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct html_page p;
    struct ac_err err;
    enum ac_status rc;
    size_t i;
    char *got;

    ok(html_parse("", 0, &p, &err) == AC_E_NOTHTML, "empty: AC_E_NOTHTML");
    ok(p.blocks_len == 0 && p.links == NULL, "empty: page zeroed");
    html_page_free(&p);

    for (i = 0; i < 100000; i++)
        strbuf_adds(&sb, "<div>");
    strbuf_adds(&sb, "deep<a href=d>x</a>");
    for (i = 0; i < 100000; i++)
        strbuf_adds(&sb, "</div>");
    strbuf_adds(&sb, "<p>after</p>");
    ok(html_parse(sb.buf, sb.len, &p, &err) == AC_OK, "100k nested divs");
    got = blocks_str(&p);
    ok(strstr(got, "after") != NULL, "100k nested: later text kept (%.40s)",
       got);
    free(got);
    html_page_free(&p);

    strbuf_truncate(&sb, 0);
    for (i = 0; i < 100000; i++)
        strbuf_adds(&sb, "<span property=cc:x><a href=h><b>");
    ok(html_parse(sb.buf, sb.len, &p, &err) == AC_OK, "100k nested inline");
    html_page_free(&p);

    strbuf_truncate(&sb, 0);
    for (i = 0; i < 200000; i++)
        strbuf_addc(&sb, (char)((i * 7919u + (i >> 3) * 31u) & 0xFF));
    rc = html_parse(sb.buf, sb.len, &p, &err);
    ok(rc == AC_OK || rc == AC_E_NOTHTML, "binary garbage: no crash");
    html_page_free(&p);

    rc = html_parse("a\0<p>b</p>", 10, &p, &err);
    ok(rc == AC_OK || rc == AC_E_NOTHTML, "embedded NUL: no crash");
    html_page_free(&p);

    strbuf_truncate(&sb, 0);
    for (i = 0; i < 70000; i++)
        strbuf_addc(&sb, '\n');
    strbuf_adds(&sb, "<p>far</p>");
    parse(sb.buf, &p);
    ok(p.blocks_len == 1 && p.blocks[0].line == 70001, "line beyond 65535: %u",
       p.blocks_len ? p.blocks[0].line : 0);
    html_page_free(&p);
    strbuf_release(&sb);
}

/* html_budget.c: the attribute count of the busiest start tag. */
static void
test_max_attributes(void)
{
    static const struct {
        const char *html;
        size_t want;
    } cases[] = {
        {"<p>no attributes</p>", 0},
        {"<a href=\"x?a=1&b=2\" rel=license>x</a>", 2},
        {"<p a b c d/>", 4},
        {"<img alt=\"many words > in a value\" src='y z'>", 2},
        {"<p a = 1 b=2>", 2},
        {"<p a=\"1\"b='2'c=3>", 3},
        {"a < b and c <d e f>", 2},
        {"<script>if (a<b x y z w) {}</script><p q>", 1},
        {"<STYLE>a<b c d e</style ><i j k>", 2},
        {"<!-- <p a b c> --><p a>", 3},
        {"<p a=\"unterminated", 1},
    };
    struct strbuf sb = STRBUF_INIT;
    struct html_page page;
    struct ac_err err;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(html_max_attributes(cases[i].html, strlen(cases[i].html)) ==
               cases[i].want,
           "max attributes of %s is %zu", cases[i].html, cases[i].want);
    strbuf_adds(&sb, "<html><body><p");
    for (int i = 0; i <= HTML_MAX_ATTRIBUTES; i++)
        strbuf_addf(&sb, " a%d=x", i);
    strbuf_adds(&sb, ">text</p></body></html>");
    ok(html_parse(sb.buf, sb.len, &page, &err) == AC_E_COMPLEX,
       "one attribute over the cap: too complex, not parsed");
    ok(strstr(err.msg, "attributes") != NULL, "the message says why");
    strbuf_release(&sb);
}

int
main(void)
{
    test_blocks();
    test_details();
    test_context();
    test_lead();
    test_links();
    test_rdfa();
    test_chooser();
    test_document();
    test_misc();
    test_script_leak();
    test_forced_utf8();
    test_pipeline();
    test_hostile();
    html_global_cleanup();
    test_max_attributes();
    return tap_done();
}
