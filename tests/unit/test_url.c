/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for url: every example of RFC 3986 section 5.4 (normal and
 * abnormal), splitting edge cases (ports, IPv6, userinfo, whitespace,
 * garbage), normalisation, the http and home page questions, and file://
 * URLs made from paths.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "url.h"

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct {
    const char *base, *ref, *want; /* want NULL: no result */
} resolve_cases[] = {
    /* RFC 3986 5.4.1, normal examples */
    {RFC_BASE, "g:h", "g:h"},
    {RFC_BASE, "g", "http://a/b/c/g"},
    {RFC_BASE, "./g", "http://a/b/c/g"},
    {RFC_BASE, "g/", "http://a/b/c/g/"},
    {RFC_BASE, "/g", "http://a/g"},
    {RFC_BASE, "//g", "http://g"},
    {RFC_BASE, "?y", "http://a/b/c/d;p?y"},
    {RFC_BASE, "g?y", "http://a/b/c/g?y"},
    {RFC_BASE, "#s", "http://a/b/c/d;p?q#s"},
    {RFC_BASE, "g#s", "http://a/b/c/g#s"},
    {RFC_BASE, "g?y#s", "http://a/b/c/g?y#s"},
    {RFC_BASE, ";x", "http://a/b/c/;x"},
    {RFC_BASE, "g;x", "http://a/b/c/g;x"},
    {RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s"},
    {RFC_BASE, "", "http://a/b/c/d;p?q"},
    {RFC_BASE, ".", "http://a/b/c/"},
    {RFC_BASE, "./", "http://a/b/c/"},
    {RFC_BASE, "..", "http://a/b/"},
    {RFC_BASE, "../", "http://a/b/"},
    {RFC_BASE, "../g", "http://a/b/g"},
    {RFC_BASE, "../..", "http://a/"},
    {RFC_BASE, "../../", "http://a/"},
    {RFC_BASE, "../../g", "http://a/g"},
    /* RFC 3986 5.4.2, abnormal examples */
    {RFC_BASE, "../../../g", "http://a/g"},
    {RFC_BASE, "../../../../g", "http://a/g"},
    {RFC_BASE, "/./g", "http://a/g"},
    {RFC_BASE, "/../g", "http://a/g"},
    {RFC_BASE, "g.", "http://a/b/c/g."},
    {RFC_BASE, ".g", "http://a/b/c/.g"},
    {RFC_BASE, "g..", "http://a/b/c/g.."},
    {RFC_BASE, "..g", "http://a/b/c/..g"},
    {RFC_BASE, "./../g", "http://a/b/g"},
    {RFC_BASE, "./g/.", "http://a/b/c/g/"},
    {RFC_BASE, "g/./h", "http://a/b/c/g/h"},
    {RFC_BASE, "g/../h", "http://a/b/c/h"},
    {RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
    {RFC_BASE, "g;x=1/../y", "http://a/b/c/y"},
    {RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x"},
    {RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x"},
    {RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x"},
    {RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x"},
    {RFC_BASE, "http:g", "http:g"}, /* strict parser */
    /* ours */
    {"https://x.example/a/b", "//cdn.example/lib.js",
     "https://cdn.example/lib.js"},
    {"https://x.example/a/b?old#frag", "?new", "https://x.example/a/b?new"},
    {"https://x.example/a/b?old#frag", "#top", "https://x.example/a/b?old#top"},
    {"https://x.example/a/b?old#frag", "", "https://x.example/a/b?old"},
    {"https://x.example", "page", "https://x.example/page"},
    {"https://x.example", "../../page", "https://x.example/page"},
    {"https://x.example/dir/", "sub/../other", "https://x.example/dir/other"},
    {"https://x.example/a/b", "  c\n  ", "https://x.example/a/c"},
    {"https://x.example/a/b", "c\td", "https://x.example/a/cd"},
    {"https://x.example/a/b", "HTTPS://Y.example/./z/../w",
     "HTTPS://Y.example/w"},
    {"https://x.example/a/b", "mailto:someone@x.example",
     "mailto:someone@x.example"},
    {"http://[::1]:8080/a/b", "c?d=/e", "http://[::1]:8080/a/c?d=/e"},
    {"http://user:pw@x.example:81/a", "/b", "http://user:pw@x.example:81/b"},
    {"file:///home/u/page.html", "img/a.png", "file:///home/u/img/a.png"},
    {"not a base", "https://y.example/p", "https://y.example/p"},
    {NULL, "https://y.example/./p", "https://y.example/p"},
    {"not a base", "relative", NULL},
    {"//x.example/scheme-relative-base", "relative", NULL},
    {"https://x.example/", "bad\001control", NULL},
    {"https://x.example/", NULL, NULL},
    {"https://x.example/", "http://[::1/", NULL},
};

static const struct {
    const char *in;
    bool ok;
    const char *scheme, *userinfo, *host, *port, *path, *query, *fragment;
} parse_cases[] = {
    {"http://example.com", true, "http", NULL, "example.com", NULL, "", NULL,
     NULL},
    {"HTTPS://EXAMPLE.com:8443/A/b?Q=1#F", true, "https", NULL, "example.com",
     "8443", "/A/b", "Q=1", "F"},
    {"  \t https://x.example/p \r\n", true, "https", NULL, "x.example", NULL,
     "/p", NULL, NULL},
    {"http://u:p@h.example:81/", true, "http", "u:p", "h.example", "81", "/",
     NULL, NULL},
    {"http://a@b@h.example/", true, "http", "a@b", "h.example", NULL, "/", NULL,
     NULL},
    {"http://@h.example/", true, "http", "", "h.example", NULL, "/", NULL,
     NULL},
    {"http://[::1]:8080/x", true, "http", NULL, "[::1]", "8080", "/x", NULL,
     NULL},
    {"http://[2001:DB8::7]/", true, "http", NULL, "[2001:db8::7]", NULL, "/",
     NULL, NULL},
    {"http://[fe80::1%25eth0]/", true, "http", NULL, "[fe80::1%25eth0]", NULL,
     "/", NULL, NULL},
    {"http://[v1.fe]/", true, "http", NULL, "[v1.fe]", NULL, "/", NULL, NULL},
    {"http://192.0.2.1:80/", true, "http", NULL, "192.0.2.1", "80", "/", NULL,
     NULL},
    {"http://host.example.:80/", true, "http", NULL, "host.example.", "80", "/",
     NULL, NULL},
    {"http://h.example:/p", true, "http", NULL, "h.example", NULL, "/p", NULL,
     NULL},
    {"http://h.example?q/with/slash", true, "http", NULL, "h.example", NULL, "",
     "q/with/slash", NULL},
    {"http://h.example/p?#", true, "http", NULL, "h.example", NULL, "/p", "",
     ""},
    {"http://h.example/p#a?b", true, "http", NULL, "h.example", NULL, "/p",
     NULL, "a?b"},
    {"file:///etc/hosts", true, "file", NULL, "", NULL, "/etc/hosts", NULL,
     NULL},
    {"mailto:a@b.example", true, "mailto", NULL, NULL, NULL, "a@b.example",
     NULL, NULL},
    {"urn:isbn:0451450523", true, "urn", NULL, NULL, NULL, "isbn:0451450523",
     NULL, NULL},
    {"svn+ssh://h.example/r", true, "svn+ssh", NULL, "h.example", NULL, "/r",
     NULL, NULL},
    {"http:", true, "http", NULL, NULL, NULL, "", NULL, NULL},
    {"http://bücher.example/", true, "http", NULL, "bücher.example", NULL, "/",
     NULL, NULL},
    /* not absolute URLs, or garbage */
    {"", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"   ", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"//h.example/p", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"/just/a/path", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"example.com/page", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"://h.example/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"1http://h.example/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"ht tp://h.example/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"ht_tp://h.example/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://h.example:8o/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://[::1/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://[::1]x/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://[zz]/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://h ost/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://h<x>/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"http://h.example/\001 ", true, "http", NULL, "h.example", NULL, "/", NULL,
     NULL},
    {"http://h.ex\001ample/", false, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct {
    const char *in, *want;
} normalise_cases[] = {
    {"HTTP://Example.COM", "http://example.com/"},
    {"http://example.com:80/a", "http://example.com/a"},
    {"https://example.com:443/a", "https://example.com/a"},
    {"https://example.com:0443/a", "https://example.com/a"},
    {"http://example.com:443/a", "http://example.com:443/a"},
    {"https://example.com:8080/a", "https://example.com:8080/a"},
    {"http://example.com:/a", "http://example.com/a"},
    {"http://example.com/a#frag", "http://example.com/a"},
    {"http://example.com/%7Euser/%41b%2d", "http://example.com/~user/Ab-"},
    {"http://example.com/a%2fb%c3%a9", "http://example.com/a%2Fb%C3%A9"},
    {"http://example.com/a%zz%4", "http://example.com/a%zz%4"},
    {"http://example.com/a/./b/../c", "http://example.com/a/c"},
    {"http://example.com/%2E%2E/x", "http://example.com/x"},
    {"http://Example.COM./p", "http://example.com/p"},
    {"http://%45xample.com/", "http://example.com/"},
    {"http://[::1]:80/", "http://[::1]/"},
    {"http://User@Example.com/", "http://User@example.com/"},
    {"http://example.com/p?Q=%7e&a=b/c", "http://example.com/p?Q=~&a=b/c"},
    {"http://example.com?", "http://example.com/?"},
    {"  https://example.com/x  ", "https://example.com/x"},
    {"mailto:A@B.example", "mailto:A@B.example"},
    {"file:///tmp/a/../b", "file:///tmp/b"},
    {"example.com", NULL},
    {"//example.com/", NULL},
    {NULL, NULL},
};

static const struct {
    const char *in;
    bool want;
} is_http_cases[] = {
    {"http://example.com", true},
    {"HTTPS://example.com/x", true},
    {" https://[::1]:8080/", true},
    {"http:", false},
    {"http:/x", false},
    {"http:///x", false},
    {"ftp://example.com/", false},
    {"file:///tmp/x", false},
    {"//example.com/", false},
    {"example.com", false},
    {"javascript:alert(1)", false},
    {"", false},
    {NULL, false},
};

static const struct {
    const char *in;
    bool want;
} home_cases[] = {
    {"https://example.com", true},
    {"https://example.com/", true},
    {"https://example.com/#top", true},
    {"https://example.com/?", true},
    {"https://example.com/index.html", true},
    {"https://example.com/INDEX.HTM", true},
    {"https://example.com/index.php", true},
    {"https://example.com/en/", true},
    {"https://example.com/nl", true},
    {"https://example.com/pt-br/", true},
    {"https://example.com/zh_Hans/", true},
    {"https://example.com/de/index.html", true},
    {"https://example.com/?page=2", false},
    {"https://example.com/about", false},
    {"https://example.com/en/about", false},
    {"https://example.com/eng/", false},
    {"https://example.com/e/", false},
    {"https://example.com/index.html/x", false},
    {"https://example.com//", false},
    {"mailto:a@b.example", false},
    {"example.com/", false},
    {NULL, false},
};

static const struct {
    const char *path, *want;
} from_path_cases[] = {
    {"/nonexistent-attrcheck/a b/c%d#e?f.html",
     "file:///nonexistent-attrcheck/a%20b/c%25d%23e%3Ff.html"},
    {"/nonexistent-attrcheck/x/../caf\xc3\xa9.html",
     "file:///nonexistent-attrcheck/caf%C3%A9.html"},
    {"/nonexistent-attrcheck/[a]{b}\"<>\\^`|",
     "file:///nonexistent-attrcheck/%5Ba%5D%7Bb%7D%22%3C%3E%5C%5E%60%7C"},
    {"/nonexistent-attrcheck/keep:@!$&'()*+,;=-._~",
     "file:///nonexistent-attrcheck/keep:@!$&'()*+,;=-._~"},
    {"/", "file:///"},
    {"", NULL},
    {NULL, NULL},
};

/* Replaces control bytes in NAME so that a case name stays on one line. */
static const char *
one_line(char *name)
{
    char *p;

    for (p = name; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20)
            *p = '?';
    return name;
}

static void
test_resolve(void)
{
    size_t i;

    for (i = 0; i < sizeof resolve_cases / sizeof resolve_cases[0]; i++) {
        char *got = url_resolve(resolve_cases[i].base, resolve_cases[i].ref);
        char name[200];

        snprintf(name, sizeof name, "resolve %zu: \"%s\" + \"%s\"", i,
                 resolve_cases[i].base ? resolve_cases[i].base : "NULL",
                 resolve_cases[i].ref ? resolve_cases[i].ref : "NULL");
        is_str(got, resolve_cases[i].want, one_line(name));
        free(got);
    }
}

static bool
same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) ||
           (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
test_parse(void)
{
    size_t i;

    for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        struct url u;
        char name[200];
        bool got = url_parse(parse_cases[i].in, &u);
        bool good = got == parse_cases[i].ok;

        if (good && got)
            good = same(u.scheme, parse_cases[i].scheme) &&
                   same(u.userinfo, parse_cases[i].userinfo) &&
                   same(u.host, parse_cases[i].host) &&
                   same(u.port, parse_cases[i].port) &&
                   same(u.path, parse_cases[i].path) &&
                   same(u.query, parse_cases[i].query) &&
                   same(u.fragment, parse_cases[i].fragment);
        snprintf(name, sizeof name, "parse %zu: \"%s\"", i, parse_cases[i].in);
        ok(good, "%s", one_line(name));
        if (!good && got)
            printf("#   got %s | %s | %s | %s | %s | %s | %s\n", u.scheme,
                   u.userinfo ? u.userinfo : "-", u.host ? u.host : "-",
                   u.port ? u.port : "-", u.path, u.query ? u.query : "-",
                   u.fragment ? u.fragment : "-");
        url_free(&u);
    }
    url_free(NULL);
}

static void
test_normalise(void)
{
    size_t i;

    for (i = 0; i < sizeof normalise_cases / sizeof normalise_cases[0]; i++) {
        char *got = url_normalise(normalise_cases[i].in);
        char name[200];

        snprintf(name, sizeof name, "normalise %zu: \"%s\"", i,
                 normalise_cases[i].in ? normalise_cases[i].in : "NULL");
        is_str(got, normalise_cases[i].want, name);
        free(got);
    }
}

static void
test_predicates(void)
{
    size_t i;

    for (i = 0; i < sizeof is_http_cases / sizeof is_http_cases[0]; i++)
        ok(url_is_http(is_http_cases[i].in) == is_http_cases[i].want,
           "is_http %zu: \"%s\"", i,
           is_http_cases[i].in ? is_http_cases[i].in : "NULL");
    for (i = 0; i < sizeof home_cases / sizeof home_cases[0]; i++)
        ok(url_is_home_page(home_cases[i].in) == home_cases[i].want,
           "is_home_page %zu: \"%s\"", i,
           home_cases[i].in ? home_cases[i].in : "NULL");
}

/* Bytes that url_from_path() leaves as they are (a subset). */
#define SAFE                                                                   \
    "/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._"

static void
test_from_path(void)
{
    size_t i;
    char cwd[4096], *got, *real;

    for (i = 0; i < sizeof from_path_cases / sizeof from_path_cases[0]; i++) {
        got = url_from_path(from_path_cases[i].path);
        is_str(got, from_path_cases[i].want, "from_path table");
        free(got);
    }
    /* a relative path that does not exist joins the current directory */
    ok(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
    got = url_from_path("./sub/../no-such-attrcheck-file.html");
    if (strspn(cwd, SAFE) == strlen(cwd) && strcmp(cwd, "/") != 0) {
        char want[4200];

        snprintf(want, sizeof want, "file://%s/no-such-attrcheck-file.html",
                 cwd);
        is_str(got, want, "from_path relative joins the cwd");
    } else {
        ok(got != NULL && strstr(got, "/no-such-attrcheck-file.html") &&
               !strstr(got, "/../"),
           "from_path relative (cwd needs escapes)");
    }
    free(got);
    /* an existing path goes through realpath: no dot segments, symlinks
     * resolved (compared with realpath itself: /tmp may be a link) */
    real = realpath("/tmp", NULL);
    snprintf(cwd, sizeof cwd, "file://%s", real ? real : "?");
    got = url_from_path("/tmp/./");
    if (real != NULL && strspn(real, SAFE) == strlen(real))
        is_str(got, cwd, "from_path realpath /tmp/./");
    else
        ok(1, "# SKIP realpath of /tmp is unusual");
    free(got);
    free(real);
}

int
main(void)
{
    test_resolve();
    test_parse();
    test_normalise();
    test_predicates();
    test_from_path();
    return tap_done();
}
