/* SPDX-License-Identifier: MIT */
/*
 * cache_scale: fills a --cache database with N synthetic entries through
 * cache_put (batched as in a run), or looks up K random keys of such a
 * database through cache_get, and prints the rate and the peak RSS.  Not
 * built by `make`: `make extras` builds it; bench/cache_scale.sh runs it.
 *   bench/cache_scale fill FILE N SHINGLES
 *   bench/cache_scale lookup FILE N K
 * Keys are https://h{i % 1000}.example/page/{i}; every entry has SHINGLES
 * shingles (a 1,000-word article has about 1,000).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cache.h"
#include "xalloc.h"

#define RULES "0123456789abcdef"

static double
seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
peak_rss_kb(void)
{
    struct rusage ru;

    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static char *
key(long i)
{
    return xasprintf("https://h%ld.example/page/%ld", i % 1000, i);
}

static struct cache_entry *
synthetic(long i, long shingles, long long now)
{
    struct cache_entry *e = xcalloc(1, sizeof *e);
    long k;

    e->url = key(i);
    e->final_url = xstrdup(e->url);
    e->http_status = 200;
    e->etag = xasprintf("\"%lx\"", i);
    e->content_hash = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
    e->fetched_at = now;
    e->has_license = true;
    e->lic.family = CC_BY;
    strcpy(e->lic.version, "4.0");
    e->creator = xstrdup("A. Writer");
    e->title = xasprintf("Page %ld", i);
    e->text.len = (size_t)shingles;
    e->text.words = (size_t)shingles + 4;
    e->text.h = xreallocarray(NULL, (size_t)shingles, sizeof *e->text.h);
    for (k = 0; k < shingles; k++) /* sorted and unique */
        e->text.h[k] = ((uint64_t)k << 32) | (uint64_t)(i & 0xffffffff);
    return e;
}

static struct cache *
open_or_die(const char *path)
{
    struct ac_err note = {0}, err = {0};
    struct cache *c = NULL;

    if (cache_open(path, RULES, (long long)time(NULL), &c, &note, &err) !=
        AC_OK) {
        fprintf(stderr, "cache_scale: %s\n", err.msg);
        exit(1);
    }
    return c;
}

static int
fill(const char *path, long n, long shingles)
{
    struct cache *c = open_or_die(path);
    struct ac_err err = {0};
    long long now = (long long)time(NULL);
    double t0 = seconds(), dt;
    long i;

    for (i = 0; i < n; i++) {
        cache_put(c, synthetic(i, shingles, now));
        cache_tick(c);
    }
    if (cache_close(c, &err) != AC_OK) {
        fprintf(stderr, "cache_scale: %s\n", err.msg);
        return 1;
    }
    dt = seconds() - t0;
    printf("fill n=%ld shingles=%ld seconds=%.2f puts_per_s=%.0f "
           "peak_rss_kb=%ld\n",
           n, shingles, dt, (double)n / dt, peak_rss_kb());
    return 0;
}

static int
lookup(const char *path, long n, long k)
{
    struct cache *c = open_or_die(path);
    struct cache_entry *e;
    struct ac_err err = {0};
    unsigned long long x = 88172645463325252ULL; /* xorshift64 */
    double t0 = seconds(), dt;
    long i, found = 0;
    char *url;

    for (i = 0; i < k; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        url = key((long)(x % (unsigned long long)n));
        e = cache_get(c, url);
        found += e != NULL;
        cache_entry_free(e);
        free(url);
    }
    dt = seconds() - t0;
    cache_close(c, &err);
    printf("lookup n=%ld k=%ld found=%ld seconds=%.2f lookups_per_s=%.0f "
           "peak_rss_kb=%ld\n",
           n, k, found, dt, (double)k / dt, peak_rss_kb());
    return found == k ? 0 : 1;
}

int
main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "fill") == 0)
        return fill(argv[2], atol(argv[3]), atol(argv[4]));
    if (argc == 5 && strcmp(argv[1], "lookup") == 0)
        return lookup(argv[2], atol(argv[3]), atol(argv[4]));
    fprintf(stderr, "usage: cache_scale fill FILE N SHINGLES | "
                    "lookup FILE N K\n");
    return 2;
}
