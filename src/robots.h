/* SPDX-License-Identifier: MIT */
/*
 * robots: parsing and matching of robots.txt files per RFC 9309.  Pure
 * string work: it never fetches anything, so the caller decides what a
 * missing (4xx) or unreachable (5xx) file means (see fetch.c).
 * Results: a struct robots belongs to the caller; free it with robots_free.
 */
#ifndef AC_ROBOTS_H
#define AC_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of a robots.txt file that are parsed; the rest is ignored (RFC 9309
 * section 2.5 asks for at least 500 KiB). */
#define ROBOTS_MAX_BYTES (500 * 1024)

struct robots;

/*
 * Parses the robots.txt text TXT of LEN bytes (need not be NUL-terminated;
 * a UTF-8 BOM, CRLF or CR line ends, comments and garbage lines are fine)
 * and keeps the rules of the group(s) for the product token AGENT (matched
 * case-insensitively), falling back to the "*" group(s).  Bytes beyond
 * ROBOTS_MAX_BYTES are ignored.  Never fails; returns a new object.
 */
struct robots *robots_parse(const char *txt, size_t len, const char *agent);

/*
 * Returns whether PATH_AND_QUERY (the URL path, "?" and query as sent on
 * the wire, e.g. "/a/b?c=d"; "" means "/") may be fetched: the longest
 * matching rule wins, Allow wins a tie, no match allows.  "/robots.txt" is
 * always allowed.  R may be NULL, which allows everything.
 */
bool robots_allowed(const struct robots *r, const char *path_and_query);

/* Returns the Crawl-delay of the selected group in milliseconds, or -1
 * when it has none (or R is NULL). */
long robots_crawl_delay_ms(const struct robots *r);

/* Returns the number of rules kept (for tests and memory accounting). */
size_t robots_rule_count(const struct robots *r);

void robots_free(struct robots *r);

/* Called with the value of each Sitemap: line (trimmed, NUL-terminated,
 * borrowed for the call). */
typedef void (*robots_sitemap_fn)(const char *url, void *arg);

/*
 * Hands FN the URL of every "Sitemap:" line of the robots.txt text TXT
 * (LEN bytes; the first ROBOTS_MAX_BYTES), whatever group it is in: the
 * protocol makes them independent of user agents.  A '#' stays part of
 * the URL.  Checks nothing about the URLs.
 */
void robots_sitemaps(const char *txt, size_t len, robots_sitemap_fn fn,
                     void *arg);

/* The Sitemap: lines robots_parse kept (the first 64), in order; R may
 * be NULL (none).  robots_sitemap_at borrows from R. */
size_t robots_sitemap_count(const struct robots *r);
const char *robots_sitemap_at(const struct robots *r, size_t i);

#endif
