/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for robots: group selection, longest match, Allow/Disallow
 * ties, wildcards, percent-encoding, odd line ends and the size limit.
 * Examples marked RFC are taken from RFC 9309 section 5.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "robots.h"
#include "strbuf.h"

static const char rfc_example[] = "User-Agent: *\n"
                                  "Disallow: *.gif$\n"
                                  "Disallow: /example/\n"
                                  "Allow: /publications/\n"
                                  "\n"
                                  "User-Agent: foobot\n"
                                  "Disallow:/\n"
                                  "Allow:/example/page.html\n"
                                  "Allow:/example/allowed.gif\n"
                                  "\n"
                                  "User-Agent: barbot\n"
                                  "User-Agent: bazbot\n"
                                  "Disallow: /example/page.html\n"
                                  "\n"
                                  "User-Agent: quxbot\n"
                                  "\n"
                                  "EOF\n";

static const struct {
    const char *txt, *agent, *path;
    bool want;
} cases[] = {
    /* RFC 9309 section 5.1: group selection */
    {rfc_example, "foobot", "/", false},
    {rfc_example, "foobot", "/example/page.html", true},
    {rfc_example, "FooBot", "/example/allowed.gif", true},
    {rfc_example, "foobot", "/example/other.gif", false},
    {rfc_example, "barbot", "/example/page.html", false},
    {rfc_example, "bazbot", "/example/page.html", false},
    {rfc_example, "bazbot", "/example/other", true},
    {rfc_example, "quxbot", "/anything.gif", true}, /* empty group */
    {rfc_example, "attrcheck", "/x.gif", false},    /* falls back to * */
    {rfc_example, "attrcheck", "/x.gif?q=1", true}, /* $ anchors */
    {rfc_example, "attrcheck", "/example/", false},
    {rfc_example, "attrcheck", "/publications/", true},
    {rfc_example, "attrcheck", "/", true},
    /* product token from a value such as "attrcheck/1.0" */
    {"User-agent: attrcheck/1.0\nDisallow: /a\n", "attrcheck", "/a", false},
    {"User-agent: attrcheckbot\nDisallow: /a\n", "attrcheck", "/a", true},
    {"User-agent: ATTRCHECK\nDisallow: /a\n", "attrcheck", "/a", false},
    /* our group replaces *, it is not merged with it */
    {"User-agent: *\nDisallow: /\nUser-agent: attrcheck\nDisallow: /p\n",
     "attrcheck", "/q", true},
    /* two groups for us are merged */
    {"User-agent: attrcheck\nDisallow: /a\n\nUser-agent: other\nDisallow: "
     "/\n\nUser-agent: attrcheck\nDisallow: /b\n",
     "attrcheck", "/b", false},
    {"User-agent: attrcheck\nDisallow: /a\n\nUser-agent: other\nDisallow: "
     "/\n\nUser-agent: attrcheck\nDisallow: /b\n",
     "attrcheck", "/c", true},
    /* several user-agent lines head one group */
    {"User-agent: x\nUser-agent: attrcheck\nUser-agent: y\nDisallow: /z\n",
     "attrcheck", "/z", false},
    /* longest match wins; Allow wins a tie (RFC 2.2.2) */
    {"User-agent: *\nAllow: /p\nDisallow: /\n", "attrcheck", "/page", true},
    {"User-agent: *\nAllow: /folder\nDisallow: /folder\n", "attrcheck",
     "/folder/page", true},
    {"User-agent: *\nAllow: /page\nDisallow: /*.html\n", "attrcheck",
     "/page.html", false},
    {"User-agent: *\nAllow: /$\nDisallow: /\n", "attrcheck", "/", true},
    {"User-agent: *\nAllow: /$\nDisallow: /\n", "attrcheck", "/page.htm",
     false},
    {"User-agent: *\nDisallow: /a\nAllow: /a/b\n", "attrcheck", "/a/b/c", true},
    /* wildcards */
    {"User-agent: *\nDisallow: /*/private/*.pdf$\n", "attrcheck",
     "/x/y/private/z.pdf", false},
    {"User-agent: *\nDisallow: /*/private/*.pdf$\n", "attrcheck",
     "/x/y/private/z.pdfx", true},
    {"User-agent: *\nDisallow: /*?\n", "attrcheck", "/a?b", false},
    {"User-agent: *\nDisallow: /*?\n", "attrcheck", "/ab", true},
    {"User-agent: *\nDisallow: /**a**b*c$\n", "attrcheck", "/xaybzc", false},
    {"User-agent: *\nDisallow: /fish*\n", "attrcheck", "/fish.html", false},
    {"User-agent: *\nDisallow: /fish\n", "attrcheck", "/Fish", true},
    {"User-agent: *\nDisallow: /a$b\n", "attrcheck", "/a$b", false},
    /* percent-encoding is normalised on both sides */
    {"User-agent: *\nDisallow: /%7Ejoe/\n", "attrcheck", "/~joe/x", false},
    {"User-agent: *\nDisallow: /~joe/\n", "attrcheck", "/%7ejoe/x", false},
    {"User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n", "attrcheck",
     "/foo/bar/%E3%83%84", false},
    {"User-agent: *\nDisallow: /foo/bar/%e3%83%84\n", "attrcheck",
     "/foo/bar/\xE3\x83\x84", false},
    {"User-agent: *\nDisallow: /a%2Fb\n", "attrcheck", "/a/b", true},
    /* an empty Disallow allows everything */
    {"User-agent: *\nDisallow:\n", "attrcheck", "/x", true},
    {"User-agent: *\nDisallow: /\n", "attrcheck", "", false},
    {"User-agent: *\nDisallow: /\n", "attrcheck", "/robots.txt", true},
    /* comments, case of keys, spacing, BOM, CRLF, CR, garbage */
    {"# hi\nuser-AGENT : * # us\n  DISALLOW :   /x   # no\n", "attrcheck", "/x",
     false},
    {"\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n", "attrcheck", "/x", false},
    {"User-agent: *\r\nDisallow: /x\r\n", "attrcheck", "/x", false},
    {"User-agent: *\rDisallow: /x\r", "attrcheck", "/x", false},
    {"<html>garbage\n{json: 1}\nUser-agent: *\n;;;\nDisallow: /x\n",
     "attrcheck", "/x", false},
    {"<html><body>Not found</body></html>", "attrcheck", "/x", true},
    {"Disallow: /x\nUser-agent: *\nAllow: /\n", "attrcheck", "/x", true},
    {"", "attrcheck", "/x", true},
    {"User-agent: *\nSitemap: http://x/s.xml\nDisallow: /x\n", "attrcheck",
     "/x", false},
    {"User-agent: *\nDisalow: /typo\n", "attrcheck", "/typo", false},
    {"User-agent: *\nDisallow /nocolon\n", "attrcheck", "/nocolon", true},
};

static void
test_table(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct robots *r =
            robots_parse(cases[i].txt, strlen(cases[i].txt), cases[i].agent);
        ok(robots_allowed(r, cases[i].path) == cases[i].want,
           "case %zu: %s %s -> %s", i, cases[i].agent, cases[i].path,
           cases[i].want ? "allowed" : "disallowed");
        robots_free(r);
    }
}

static void
test_delay(void)
{
    static const struct {
        const char *txt;
        long want;
    } d[] = {
        {"User-agent: *\nCrawl-delay: 5\n", 5000},
        {"User-agent: *\nCrawl-delay: 0.5\n", 500},
        {"User-agent: *\nCrawl-delay: soon\n", -1},
        {"User-agent: *\nCrawl-delay: -3\n", -1},
        {"User-agent: *\nDisallow: /\n", -1},
        {"User-agent: other\nCrawl-delay: 9\n", -1},
        {"User-agent: *\nCrawl-delay: 2\nUser-agent: attrcheck\nCrawl-delay: "
         "1\n",
         1000},
        {"User-agent: *\nCrawl-delay: 1e9\n", 86400000L},
    };

    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        struct robots *r =
            robots_parse(d[i].txt, strlen(d[i].txt), "attrcheck");
        ok(robots_crawl_delay_ms(r) == d[i].want, "crawl-delay %zu: %ld", i,
           robots_crawl_delay_ms(r));
        robots_free(r);
    }
    ok(robots_crawl_delay_ms(NULL) == -1, "crawl-delay of NULL");
    ok(robots_allowed(NULL, "/x"), "NULL allows all");
}

/* A 600 KiB file: rules before 500 KiB count, rules after do not. */
static void
test_big(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct robots *r;
    bool added = false;

    strbuf_adds(&sb, "User-agent: *\nDisallow: /early\n");
    while (sb.len < 600 * 1024) {
        if (sb.len > 490 * 1024 && !added) {
            strbuf_adds(&sb, "Disallow: /late-but-in\n");
            added = true;
        }
        strbuf_adds(&sb, "# padding padding padding padding padding\n");
    }
    strbuf_adds(&sb, "Disallow: /too-late\n");
    r = robots_parse(sb.buf, sb.len, "attrcheck");
    ok(!robots_allowed(r, "/early"), "600 KiB: early rule kept");
    ok(!robots_allowed(r, "/late-but-in"), "600 KiB: rule at 490 KiB kept");
    ok(robots_allowed(r, "/too-late"), "600 KiB: rule past 500 KiB ignored");
    ok(robots_rule_count(r) == 2, "600 KiB: two rules");
    robots_free(r);
    strbuf_release(&sb);
}

/* Pathological wildcards must stay fast (no exponential backtracking). */
static void
test_pathological(void)
{
    struct strbuf pat = STRBUF_INIT, path = STRBUF_INIT;
    struct robots *r;

    strbuf_adds(&pat, "User-agent: *\nDisallow: /");
    for (int i = 0; i < 200; i++)
        strbuf_adds(&pat, "*a");
    strbuf_adds(&pat, "b$\n");
    strbuf_addc(&path, '/');
    for (int i = 0; i < 5000; i++)
        strbuf_addc(&path, 'a');
    r = robots_parse(pat.buf, pat.len, "attrcheck");
    ok(robots_allowed(r, path.buf), "200 stars against 5000 bytes");
    robots_free(r);
    strbuf_release(&pat);
    strbuf_release(&path);
}

static void
on_sitemap(const char *url, void *arg)
{
    struct strbuf *sb = arg;

    strbuf_add(sb, url, strlen(url));
    strbuf_add(sb, "|", 1);
}

/* Sitemap: lines are read whatever their group, any case, CRLF too. */
static void
test_sitemaps(void)
{
    static const char txt[] =
        "User-agent: *\r\nDisallow: /x\r\n"
        "Sitemap: https://example.org/s1.xml\r\n"
        "# Sitemap: https://example.org/commented.xml\n"
        "user-agent: other\nSITEMAP:   https://example.org/s2.xml.gz  \n"
        "Sitemap:\nsitemaps: https://example.org/not-a-key.xml\n"
        "Sitemap: https://example.org/a#b.xml";
    struct strbuf sb = {0};
    struct robots *r;

    robots_sitemaps(txt, sizeof txt - 1, on_sitemap, &sb);
    ok(sb.buf != NULL &&
           strcmp(sb.buf, "https://example.org/s1.xml|https://example.org/"
                          "s2.xml.gz|https://example.org/a#b.xml|") == 0,
       "Sitemap: lines, any group and case (%s)", sb.buf ? sb.buf : "");
    strbuf_release(&sb);
    r = robots_parse(txt, sizeof txt - 1, "attrcheck");
    ok(robots_sitemap_count(r) == 3 &&
           strcmp(robots_sitemap_at(r, 1), "https://example.org/s2.xml.gz") ==
               0 &&
           robots_sitemap_count(NULL) == 0,
       "robots_parse keeps the Sitemap: lines (%zu)", robots_sitemap_count(r));
    robots_free(r);
}

int
main(void)
{
    test_sitemaps();
    test_table();
    test_delay();
    test_big();
    test_pathological();
    return tap_done();
}
