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
    char *host;     /* lower case; NULL when there is no authority;
                       IPv6 literals keep their brackets: "[::1]" */
    char *port;     /* digits only, NULL when absent */
    char *path;     /* never NULL, may be "" */
    char *query;    /* without '?', NULL when absent */
    char *fragment; /* without '#', NULL when absent */
};

/*
 * Parses an absolute URL.  Surrounding whitespace is ignored; a URL that
 * starts with "//" is not absolute (resolve it first).  Returns true and
 * fills OUT (free with url_free) or false when S is not an absolute URL.
 * Surrounding whitespace and control bytes are trimmed and inner tabs and
 * line breaks dropped (as browsers do); other control bytes, a bad scheme,
 * a non-numeric port or a host with characters RFC 3986 does not allow
 * make it fail.  Components are kept as written (no decoding), except
 * that scheme and host are folded to lower case.
 */
bool url_parse(const char *s, struct url *out);
/* Frees the strings of U and zeroes it; U may be NULL. */
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
 * Also: other escapes upper case, dot segments removed, the trailing dot
 * of a host dropped ("example.com." is "example.com"), leading zeros of
 * the port dropped.  An empty query ("?") is kept.
 */
char *url_normalise(const char *s);

/* True when S is an absolute http: or https: URL with a host. */
bool url_is_http(const char *s);

/* True when S names a site's home page: it has a host, no (or an empty)
 * query, and its path is "" or "/", an index file ("/index.html",
 * "/index.htm", "/index.php", "/default.aspx", ...), a language root
 * ("/en", "/nl/", "/pt-br/", "/zh_Hans/") or an index file inside one. */
bool url_is_home_page(const char *s);

/*
 * Returns PATH percent-encoded for a URL path: unreserved characters,
 * sub-delims, ':', '@' and '/' stay, every other byte becomes %XX (a
 * space, '#', '?', '%', bytes of UTF-8).  Caller frees.
 */
char *url_escape_path(const char *path);

/*
 * Makes a file:// URL from a local PATH (absolute or relative to the
 * current directory), percent-encoding what needs it.  Caller frees.
 * An existing path goes through realpath(); another is joined to the
 * current directory with dot segments removed.  Every byte but
 * unreserved, sub-delims, ':', '@' and '/' is encoded (spaces, '%', '#',
 * '?', non-ASCII).  NULL for a NULL or empty PATH or when the current
 * directory cannot be read.
 */
char *url_from_path(const char *path);

/* The value of hex digit C (either case), or -1. */
int url_hexval(unsigned char c);

#endif
