/* SPDX-License-Identifier: MIT */
/*
 * crawl: what -r/--recursive needs besides fetching: the visited set and
 * the breadth-first frontier.  Links found in a fetched page are resolved,
 * normalised (url_normalise: fragment dropped, dot segments resolved,
 * scheme and host lower case, default port dropped) and kept when they
 * stay on the site (the same scheme, host and port as where the start
 * URL landed), are within --max-depth, pass --include/--exclude (globs on
 * the URL path without its leading '/') and were never seen in this run.
 * Memory does not grow with the site but for the visited set: a 64-bit
 * hash per URL in an open-addressing table (8 bytes a slot, kept at most
 * half full: 16 to 32 bytes per URL).  The frontier waits in an unlinked
 * temporary file, read in order.  It fetches nothing and judges nothing.
 */
#ifndef AC_CRAWL_H
#define AC_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct crawl_config {
    int max_depth;    /* links followed from a start page; 0: none */
    size_t max_pages; /* pages queued in all (starts included); 0: no cap */
    char *const *includes; /* globs on URL paths; none: all */
    size_t includes_len;
    char *const *excludes;
    size_t excludes_len;
};

/* A page to fetch, from crawl_next(). */
struct crawl_page {
    char *url;      /* normalised */
    char *origin;   /* "scheme://host[:port]" of its site */
    char *found_on; /* the page that linked it */
    int depth;      /* links from the start page */
};

struct crawl;

/*
 * Creates a crawl with a copy of CFG's numbers (the globs are borrowed).
 * Errors: AC_E_IO when the temporary frontier file cannot be made.
 */
enum ac_status crawl_new(const struct crawl_config *cfg, struct crawl **out,
                         struct ac_err *err);
void crawl_free(struct crawl *c);

/* Marks URL visited.  True when it was new (a redirect's landing page is
 * then checked). */
bool crawl_visit(struct crawl *c, const char *url);

/* crawl_visit for a start URL, which then counts towards --max-pages. */
bool crawl_start(struct crawl *c, const char *url);

/* "scheme://host[:port]" of the absolute http(s) URL, port only when not
 * the default; NULL when it is not one.  Caller frees. */
char *crawl_origin(const char *url);

/* Takes a link HREF found on the page at BASE (its final URL), which is
 * at DEPTH on the site ORIGIN: queued when in scope and new. */
void crawl_link(struct crawl *c, const char *origin, const char *base,
                int depth, const char *href);

/* True when URL is an http(s) URL on the site ORIGIN (a sitemap that a
 * sitemap index lists must be). */
bool crawl_in_site(const char *origin, const char *url);

/* True when URL is on the site ORIGIN and passes --include/--exclude
 * (for where a redirect landed). */
bool crawl_in_scope(const struct crawl *c, const char *origin, const char *url);

/* Queues page URL (a sitemap's <loc>) at depth 0, found on FOUND_ON,
 * when it is on the site ORIGIN, new and within --max-pages; --include
 * and --exclude do not apply.  False when it is not queued. */
bool crawl_add(struct crawl *c, const char *origin, const char *found_on,
               const char *url);

/* The next page to fetch, breadth first: true with *P filled (free with
 * crawl_page_free), false when the frontier is empty. */
bool crawl_next(struct crawl *c, struct crawl_page *p);
void crawl_page_free(struct crawl_page *p);

/* URLs visited so far, and bytes the visited set takes. */
size_t crawl_visited(const struct crawl *c);
size_t crawl_set_bytes(const struct crawl *c);

/* The 64-bit hash a URL is remembered by: FNV-1a 64 of its normalised
 * form, MurmurHash3-mixed (for tests). */
unsigned long long crawl_url_hash(const char *normalised);

#endif
