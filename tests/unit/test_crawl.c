/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for crawl: origins, which links are queued (same site,
 * depth, globs, fragments and dot segments folded, each URL once), the
 * frontier's breadth-first order through its file, --max-pages, and the
 * visited set staying a few bytes per URL over 100,000 URLs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "crawl.h"

#define SITE "https://example.org"

static void
test_origin(void)
{
    char *o = crawl_origin("HTTPS://Example.ORG:443/a/b?c#d");

    ok(o != NULL && strcmp(o, SITE) == 0, "origin drops the default port (%s)",
       o ? o : "NULL");
    free(o);
    o = crawl_origin("http://example.org:8080/");
    ok(o != NULL && strcmp(o, "http://example.org:8080") == 0,
       "origin keeps another port");
    free(o);
    ok(crawl_origin("ftp://example.org/") == NULL &&
           crawl_origin("not a url") == NULL,
       "no origin for ftp: or nonsense");
}

/* Drains C's frontier into "DEPTH URL FOUND_ON" lines. */
static char *
drain(struct crawl *c, size_t *n)
{
    static char buf[4096];
    struct crawl_page p;
    size_t used = 0;

    *n = 0;
    buf[0] = '\0';
    while (crawl_next(c, &p)) {
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%d %s %s\n",
                                 p.depth, p.url, p.found_on);
        crawl_page_free(&p);
        ++*n;
    }
    return buf;
}

static void
test_links(void)
{
    static char private_glob[] = "private/**";
    char *excl[] = {private_glob};
    struct crawl_config cfg = {2, 0, NULL, 0, excl, 1};
    struct crawl *c;
    struct ac_err err = {0};
    const char *base = SITE "/dir/page.html";
    size_t n;
    char *got;

    ok(crawl_new(&cfg, &c, &err) == AC_OK, "crawl_new");
    ok(crawl_start(c, base) && !crawl_start(c, SITE "/dir/./page.html#top"),
       "a start URL is visited once, normalised");
    crawl_link(c, SITE, base, 0, "a.html#x");
    crawl_link(c, SITE, base, 0, "../dir/a.html"); /* same as a.html */
    crawl_link(c, SITE, base, 0, "HTTPS://EXAMPLE.ORG:443/b.html");
    crawl_link(c, SITE, base, 0, "http://example.org/c.html"); /* scheme */
    crawl_link(c, SITE, base, 0, "https://other.example/d.html");
    crawl_link(c, SITE, base, 0, "https://example.org:8443/e.html");
    crawl_link(c, SITE, base, 0, "mailto:x@example.org");
    crawl_link(c, SITE, base, 0, "/private/f.html");
    crawl_link(c, SITE, base, 0, "page.html"); /* the start page */
    crawl_link(c, SITE, base, 2, "deep.html"); /* beyond --max-depth */
    crawl_link(c, SITE, SITE "/b.html", 1, "g.html");
    got = drain(c, &n);
    ok(n == 3 && strcmp(got, "1 " SITE "/dir/a.html " SITE "/dir/page.html\n"
                             "1 " SITE "/b.html " SITE "/dir/page.html\n"
                             "2 " SITE "/g.html " SITE "/b.html\n") == 0,
       "queued: on the site, in depth, not excluded, once, in order");
    if (n != 3)
        printf("# got:\n%s", got);
    crawl_link(c, SITE, base, 0, "a.html");
    crawl_link(c, SITE, base, 0, "h.html");
    got = drain(c, &n);
    ok(n == 1 && strstr(got, "/dir/h.html") != NULL,
       "the frontier goes on after being drained; a.html stays seen");
    crawl_free(c);
}

static void
test_max_pages(void)
{
    struct crawl_config cfg = {5, 3, NULL, 0, NULL, 0};
    struct crawl *c;
    struct ac_err err = {0};
    char href[32];
    size_t n;
    int i;

    crawl_new(&cfg, &c, &err);
    crawl_start(c, SITE "/");
    for (i = 0; i < 10; i++) {
        snprintf(href, sizeof href, "/p%d.html", i);
        crawl_link(c, SITE, SITE "/", 0, href);
    }
    drain(c, &n);
    ok(n == 2, "--max-pages 3 with the start page: 2 more queued (%zu)", n);
    crawl_free(c);
}

static void
test_set_size(void)
{
    struct crawl_config cfg = {5, 0, NULL, 0, NULL, 0};
    struct crawl *c;
    struct ac_err err = {0};
    char url[64];
    bool all_new = true, all_seen = true;
    int i;

    crawl_new(&cfg, &c, &err);
    for (i = 0; i < 100000; i++) {
        snprintf(url, sizeof url, SITE "/page/%d", i);
        all_new = all_new && crawl_visit(c, url);
    }
    for (i = 0; i < 100000; i++) {
        snprintf(url, sizeof url, SITE "/page/%d", i);
        all_seen = all_seen && !crawl_visit(c, url);
    }
    ok(all_new && all_seen && crawl_visited(c) == 100000,
       "100,000 URLs: each new once, then seen");
    ok(crawl_set_bytes(c) <= 32 * 100000,
       "the visited set takes %zu bytes (%.1f per URL)", crawl_set_bytes(c),
       (double)crawl_set_bytes(c) / 100000);
    crawl_free(c);
}

int
main(void)
{
    test_origin();
    test_links();
    test_max_pages();
    test_set_size();
    return tap_done();
}
