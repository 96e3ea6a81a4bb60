/* SPDX-License-Identifier: MIT */
/*
 * url_resolve: times reference resolution, the URL-heavy path of a page
 * (every link's href is resolved against the page's URL; a crawl also
 * normalises each): src/url.c's url_resolve() against libcurl's URL API
 * (curl_url_set() of the reference on a handle holding the base, then
 * curl_url_get() of the whole URL), on the same references, in the same
 * run, each round alternating the two.  Not built by `make`: `make extras`
 * builds it (an EXTRA_PROGRAMS entry, so CI keeps it compiling):
 *   bench/url_resolve [LINKS [ROUNDS]]     (default 1000000 5)
 * Prints the median time per round and per link, the ratio, how many
 * results differ between the two (with the first few), and which of RFC
 * 3986's examples (section 5.4.1) each resolves otherwise.
 */
#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "url.h"
#include "xalloc.h"

#define BASE "https://www.example.org/news/2024/05/article.html?page=2"

/* References as pages hold them: relative paths, dot segments, queries,
 * fragments, absolute paths, scheme-relative and absolute URLs. */
static const struct {
    const char *pre, *post; /* the link is PRE, a number, POST */
} shapes[] = {
    {"img/photo-", ".jpg"},
    {"../archive/", ".html"},
    {"/tags/harbour-", ""},
    {"?page=", ""},
    {"#section-", ""},
    {"../../../about/team.html?id=", ""},
    {"//cdn.example.net/assets/", ".css"},
    {"https://creativecommons.org/licenses/by/4.0/?ref=", ""},
    {"./related/story-", "/"},
    {"https://www.example.org/news/2024/05/other-", ".html#top"},
};

#define NSHAPES (sizeof shapes / sizeof shapes[0])

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* REF resolved against the base held in BASE with libcurl; malloc'd. */
static char *
curl_resolve(CURLU *base, const char *ref)
{
    CURLU *u = curl_url_dup(base);
    char *s = NULL, *out = NULL;

    if (u != NULL &&
        curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME) ==
            CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
        out = xstrdup(s);
    curl_free(s);
    curl_url_cleanup(u);
    return out;
}

/* RFC 3986 section 5.4.1, the normal examples: base, reference, result. */
#define RFC_BASE "http://a/b/c/d;p?q"
static const char *const rfc[][2] = {
    {"g:h", "g:h"},
    {"g", "http://a/b/c/g"},
    {"./g", "http://a/b/c/g"},
    {"g/", "http://a/b/c/g/"},
    {"/g", "http://a/g"},
    {"//g", "http://g"},
    {"?y", "http://a/b/c/d;p?y"},
    {"g?y", "http://a/b/c/g?y"},
    {"#s", "http://a/b/c/d;p?q#s"},
    {"g#s", "http://a/b/c/g#s"},
    {"g?y#s", "http://a/b/c/g?y#s"},
    {";x", "http://a/b/c/;x"},
    {"g;x", "http://a/b/c/g;x"},
    {"g;x?y#s", "http://a/b/c/g;x?y#s"},
    {"", "http://a/b/c/d;p?q"},
    {".", "http://a/b/c/"},
    {"./", "http://a/b/c/"},
    {"..", "http://a/b/"},
    {"../", "http://a/b/"},
    {"../g", "http://a/b/g"},
    {"../..", "http://a/"},
    {"../../", "http://a/"},
    {"../../g", "http://a/g"},
};

/* Prints where each resolver departs from RFC 3986's examples. */
static void
check_rfc(void)
{
    CURLU *base = curl_url();
    size_t i, bad_url = 0, bad_curl = 0;

    curl_url_set(base, CURLUPART_URL, RFC_BASE, 0);
    for (i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
        char *a = url_resolve(RFC_BASE, rfc[i][0]);
        char *b = curl_resolve(base, rfc[i][0]);

        if (a == NULL || strcmp(a, rfc[i][1]) != 0)
            bad_url++;
        if (b == NULL || strcmp(b, rfc[i][1]) != 0) {
            bad_curl++;
            printf("RFC 3986 5.4.1 \"%s\": want %s, curl_url %s\n",
                   rfc[i][0], rfc[i][1], b ? b : "(refused)");
        }
        free(a);
        free(b);
    }
    printf("RFC 3986 5.4.1 examples resolved otherwise: url.c %zu, curl_url "
           "%zu of %zu\n",
           bad_url, bad_curl, sizeof rfc / sizeof rfc[0]);
    curl_url_cleanup(base);
}

static int
cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;

    return a < b ? -1 : a > b;
}

int
main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000, i, differ = 0;
    int rounds = argc > 2 ? atoi(argv[2]) : 5, r;
    double *th, *tc, t0, mh, mc;
    char **refs;
    CURLU *base;

    if (n == 0 || rounds < 1) {
        fprintf(stderr, "usage: url_resolve [LINKS [ROUNDS]]\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    base = curl_url();
    if (curl_url_set(base, CURLUPART_URL, BASE, 0) != CURLUE_OK)
        return 1;
    refs = xcalloc(n, sizeof *refs);
    for (i = 0; i < n; i++)
        refs[i] = xasprintf("%s%zu%s", shapes[i % NSHAPES].pre, i,
                            shapes[i % NSHAPES].post);
    th = xcalloc((size_t)rounds, sizeof *th);
    tc = xcalloc((size_t)rounds, sizeof *tc);
    for (r = 0; r < rounds; r++) {
        t0 = now();
        for (i = 0; i < n; i++)
            free(url_resolve(BASE, refs[i]));
        th[r] = now() - t0;
        t0 = now();
        for (i = 0; i < n; i++)
            free(curl_resolve(base, refs[i]));
        tc[r] = now() - t0;
    }
    for (i = 0; i < NSHAPES * 2 && i < n; i++) {
        char *a = url_resolve(BASE, refs[i]), *b = curl_resolve(base, refs[i]);

        if (a == NULL || b == NULL || strcmp(a, b) != 0) {
            if (differ++ < 5)
                printf("differs: %s -> url.c %s, curl %s\n", refs[i],
                       a ? a : "(null)", b ? b : "(null)");
        }
        free(a);
        free(b);
    }
    qsort(th, (size_t)rounds, sizeof *th, cmp_double);
    qsort(tc, (size_t)rounds, sizeof *tc, cmp_double);
    mh = th[rounds / 2];
    mc = tc[rounds / 2];
    printf("%zu links, median of %d rounds (curl %s)\n", n, rounds,
           curl_version_info(CURLVERSION_NOW)->version);
    printf("url.c url_resolve   %.3f s  %.0f ns/link\n", mh, mh * 1e9 / n);
    printf("curl_url            %.3f s  %.0f ns/link\n", mc, mc * 1e9 / n);
    printf("curl_url / url.c    %.2f\n", mc / mh);
    printf("results differing on the first %zu: %zu\n",
           NSHAPES * 2 < n ? NSHAPES * 2 : n, differ);
    check_rfc();
    for (i = 0; i < n; i++)
        free(refs[i]);
    free(refs);
    free(th);
    free(tc);
    curl_url_cleanup(base);
    curl_global_cleanup();
    return 0;
}
