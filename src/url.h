/* SPDX-License-Identifier: MIT */
/*
 * url: RFC 3986 parsing, reference resolution and normalisation of
 * absolute URLs.  Pure string work: no I/O, no global state.  It does
 * not decide what is safe to fetch beyond url_is_http().
 */
#ifndef AC_URL_H
#define AC_URL_H

#include <stdbool.h>
#include <stddef.h>

struct url {
    char *scheme;   /* lower case, never NULL */
    char *userinfo; /* NULL when absent */
    char *host;     /* lower case; NULL when there is no authority */
    char *port;     /* digits only, NULL when absent */
    char *path;     /* never NULL, may be "" */
    char *query;    /* without '?', NULL when absent */
    char *fragment; /* without '#', NULL when absent */
};

/*
 * Parses an absolute URL.  Surrounding whitespace is ignored; a URL that
 * starts with "//" is not absolute (resolve it first).  Returns true and
 * fills OUT (free with url_free) or false when S is not an absolute URL.
 */
bool url_parse(const char *s, struct url *out);
void url_free(struct url *u);

/*
 * Resolves REF against the absolute BASE per RFC 3986 section 5.2
 * (dot segments removed).  Returns a new string or NULL when BASE is not
 * absolute and REF is not absolute either.  The caller frees it.
 */
char *url_resolve(const char *base, const char *ref);

/*
 * Returns a new normalised form of the absolute URL S for comparison and
 * cache keys: scheme and host lower case, default port dropped, empty
 * path made "/", fragment dropped, percent-escapes of unreserved
 * characters decoded.  NULL when S is not absolute.  Caller frees.
 */
char *url_normalise(const char *s);

/* True when S is an absolute http: or https: URL with a host. */
bool url_is_http(const char *s);

/* True when S names a site's home page: its path is "" or "/" (or an
 * index file like /index.html) and it has no query. */
bool url_is_home_page(const char *s);

/*
 * Makes a file:// URL from a local PATH (absolute or relative to the
 * current directory), percent-encoding what needs it.  Caller frees.
 */
char *url_from_path(const char *path);

#endif
