/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the HTML report's escaping and block alignment: markup,
 * quotes, script and style end tags, bidi and other hidden characters,
 * invalid UTF-8 and cut sequences; which URLs may be links; block pairs
 * (same, changed, added, left out) in page order; word marks in a
 * changed pair.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "report_html.h"
#include "sidetext.h"

static char *
esc(const char *s, size_t len, bool markup)
{
    struct strbuf sb = STRBUF_INIT;

    report_html_textn(&sb, s, len, markup);
    return strbuf_detach(&sb);
}

static void
test_escape(void)
{
    static const struct {
        const char *in, *want;
        bool markup;
    } cases[] = {
        {"a & b < c > d", "a &amp; b &lt; c &gt; d", true},
        {"\"q\" 'a'", "&quot;q&quot; &#39;a&#39;", false},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
         true},
        {"</style><img src=x onerror=alert(1)>",
         "&lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;", true},
        {"javascript:alert(1)", "javascript:alert(1)", true},
        {"abc\xe2\x80\xae"
         "dcba",
         "abc[U+202E]dcba", false},
        {"x\xe2\x81\xa6y\xe2\x81\xa9", "x[U+2066]y[U+2069]", false},
        {"a\xe2\x80\x8b"
         "b",
         "a[U+200B]b", false},
        {"\xef\xbb\xbf"
         "hi",
         "[U+FEFF]hi", false},
        {"bell\x07!", "bell[U+0007]!", false},
        {"esc\x1b[31m", "esc[U+001B][31m", false},
        {"c1\xc2\x85", "c1[U+0085]", false},
        {"tab\tnl\n", "tab\tnl\n", false},
        {"bad\xff\xfe", "bad\xef\xbf\xbd\xef\xbf\xbd", false},
        {"over\xc0\xaf", "over\xef\xbf\xbd\xef\xbf\xbd", false},
        {"caf\xc3\xa9 \xe6\x97\xa5", "caf\xc3\xa9 \xe6\x97\xa5", false},
        {"\xe2\x80\xae",
         "<span class=\"ctl\" title=\"hidden character\">"
         "[U+202E]</span>",
         true},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = esc(cases[i].in, strlen(cases[i].in), cases[i].markup);

        is_str(got, cases[i].want, cases[i].in);
        free(got);
    }
    {
        /* a sequence cut by the length must not be read past it */
        char *got = esc("ab\xc3\xa9", 3, false);

        is_str(got, "ab\xef\xbf\xbd", "a sequence cut short is U+FFFD");
        free(got);
    }
}

static void
test_urls(void)
{
    static const struct {
        const char *url;
        bool ok;
    } cases[] = {
        {"https://example.org/a?b=c&d=e#f", true},
        {"HTTP://EXAMPLE.ORG/", true},
        {"javascript:alert(1)", false},
        {" javascript:alert(1)", false},
        {"JaVaScRiPt:alert(1)", false},
        {"data:text/html,<script>", false},
        {"vbscript:x", false},
        {"//evil.example/", false},
        {"https://x.example/\"onmouseover=alert(1)", false},
        {"https://x.example/a b", false},
        {"https://x.example/\xe2\x80\xae", false},
        {"https://x.example/<script>", false},
        {"https://x.example/\\", false},
        {NULL, false},
    };
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(report_html_url_ok(cases[i].url) == cases[i].ok, "url_ok(%s) is %d",
           cases[i].url ? cases[i].url : "NULL", cases[i].ok);
    report_html_url(&sb, "javascript:alert(1)");
    ok(strstr(strbuf_str(&sb), "href") == NULL,
       "a javascript: URL is shown as text, not linked");
    strbuf_truncate(&sb, 0);
    report_html_url(&sb, "https://a.example/?x=1&y=2");
    is_str(strbuf_str(&sb),
           "<a class=\"url\" rel=\"noopener noreferrer\" "
           "href=\"https://a.example/?x=1&amp;y=2\">"
           "https://a.example/?x=1&amp;y=2</a>",
           "an http(s) URL is a link, escaped in href and text");
    strbuf_release(&sb);
}

static void
make(struct sidetext *t, const char *const *texts, size_t n)
{
    size_t i;

    memset(t, 0, sizeof *t);
    t->v = calloc(n ? n : 1, sizeof *t->v);
    for (i = 0; i < n; i++) {
        t->v[i].text = strdup(texts[i]);
        t->v[i].line = (unsigned)(i + 1) * 10;
    }
    t->len = n;
}

/* The alignment as a string: one letter a pair (s c a l) with indexes. */
static char *
align_str(const char *const *copy, size_t nc, const char *const *orig,
          size_t no)
{
    struct sidetext c, o;
    struct strbuf sb = STRBUF_INIT;
    struct align_pair *p;
    size_t len, i;

    make(&c, copy, nc);
    make(&o, orig, no);
    p = report_html_align(&c, &o, &len);
    for (i = 0; i < len; i++) {
        strbuf_addf(&sb, "%s%c", i ? " " : "", "scal"[p[i].kind]);
        if (p[i].copy != (size_t)-1)
            strbuf_addf(&sb, "%zu", p[i].copy);
        strbuf_addc(&sb, '/');
        if (p[i].orig != (size_t)-1)
            strbuf_addf(&sb, "%zu", p[i].orig);
    }
    free(p);
    sidetext_free(&c);
    sidetext_free(&o);
    return strbuf_detach(&sb);
}

static void
test_align(void)
{
    static const char *const orig[] = {
        "Werken aan de wakkere stad",
        "Hoe maak je een stad waarin bewoners zelf aan de slag gaan met "
        "hun buurt en hun straat?",
        "Kennisland organiseert een middag over burgerinitiatieven in "
        "Amsterdam Noord.",
        "Aanmelden kan via het formulier onderaan deze pagina."};
    static const char *const copy[] = {
        "Werken aan de wakkere stad",
        "Hoe maak je een stad waarin bewoners zelf aan de slag gaan met "
        "hun wijk en hun straat?",
        "Een nieuwe alinea van de herplaatser die niets met het origineel "
        "te maken heeft.",
        "Kennisland organiseert een middag over burgerinitiatieven in "
        "Amsterdam Noord."};
    static const char *const none[] = {"x"};
    char *got;

    got = align_str(copy, 4, orig, 4);
    is_str(got, "s0/0 c1/1 a2/ s3/2 l/3",
           "same, changed, added, same, left out, in page order");
    free(got);
    got = align_str(copy, 0, orig, 2);
    is_str(got, "l/0 l/1", "an empty copy leaves everything out");
    free(got);
    got = align_str(copy, 1, none, 0);
    is_str(got, "a0/", "an empty original: everything is added");
    free(got);
    got = align_str(copy + 3, 1, orig, 4);
    is_str(got, "l/0 l/1 s0/2 l/3", "one block found amid the original");
    free(got);
    ok(report_html_similarity("The Cat, sat.", "the cat sat") == 1.0,
       "similarity ignores case and punctuation");
    ok(report_html_similarity("a b c d", "e f g h") == 0.0,
       "no common word: similarity 0");
}

static void
test_word_diff(void)
{
    struct strbuf sb = STRBUF_INIT;

    report_html_word_diff(&sb, "met hun buurt en <b>", "met hun wijk en <b>",
                          1);
    is_str(strbuf_str(&sb), "met hun <ins>wijk</ins> en &lt;b&gt;",
           "the copy's own words are <ins>, the rest escaped");
    strbuf_truncate(&sb, 0);
    report_html_word_diff(&sb, "met hun buurt en <b>", "met hun wijk en <b>",
                          0);
    is_str(strbuf_str(&sb), "met hun <del>buurt</del> en &lt;b&gt;",
           "the original's missing words are <del>");
    strbuf_truncate(&sb, 0);
    report_html_word_diff(&sb, "a b", "x a y z b", 1);
    is_str(strbuf_str(&sb), "<ins>x</ins> a <ins>y z</ins> b",
           "adjacent added words share one <ins>");
    strbuf_release(&sb);
}

int
main(void)
{
    test_escape();
    test_urls();
    test_align();
    test_word_diff();
    return tap_done();
}
