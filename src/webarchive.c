/* SPDX-License-Identifier: MIT */
/*
 * webarchive: the page a web-archive URL keeps (see webarchive.h).  The
 * archived URL is the rest of the path after a timestamp or id segment,
 * as archives write it: with its scheme ("http://", or "http:/" once a
 * slash was merged), or without one in Wayback links.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "webarchive.h"
#include "xalloc.h"

/* Hosts whose paths end in the archived URL, and the path prefix before
 * the timestamp segment. */
static const struct {
    const char *host;
    const char *prefix;
} wayback[] = {
    {"web.archive.org", "/web/"},
    {"wayback.archive.org", "/web/"},
    {"wayback.archive-it.org", "/"},
    {"arquivo.pt", "/wayback/"},
    {"www.webarchive.org.uk", "/wayback/archive/"},
    {"webarchive.org.uk", "/wayback/archive/"},
    {"webarchive.nationalarchives.gov.uk", "/"},
    {"archive.ph", "/"},
    {"archive.today", "/"},
    {"archive.is", "/"},
    {"archive.li", "/"},
    {"archive.vn", "/"},
    {"archive.fo", "/"},
    {"archive.md", "/"},
};

/* The host of URL (after an http(s) scheme) and the rest after it. */
static bool
split_host(const char *url, char *host, size_t n, const char **rest)
{
    const char *p = url, *e;
    size_t len;

    if (strncasecmp(p, "https://", 8) == 0)
        p += 8;
    else if (strncasecmp(p, "http://", 7) == 0)
        p += 7;
    else if (strncmp(p, "//", 2) == 0)
        p += 2;
    else
        return false;
    e = p + strcspn(p, "/?#");
    len = (size_t)(e - p);
    if (len == 0 || len >= n)
        return false;
    memcpy(host, p, len);
    host[len] = '\0';
    for (p = host; *p != '\0'; p++)
        host[p - host] = (char)tolower((unsigned char)*p);
    *rest = e;
    return true;
}

/* "http:/x", "https://x" or (when BARE_OK) "host.tld/x" at P, as a URL. */
static char *
inner_url(const char *p, bool bare_ok)
{
    size_t s = strncasecmp(p, "https:", 6) == 0  ? 6
               : strncasecmp(p, "http:", 5) == 0 ? 5
                                                 : 0;
    const char *h;

    if (s > 0) {
        h = p + s;
        while (*h == '/')
            h++;
        if (*h == '\0' || *h == '/')
            return NULL;
        return xasprintf("%.*s//%s", (int)s, p, h);
    }
    /* a bare host needs a dot before its first slash */
    h = p + strcspn(p, "/?#");
    if (!bare_ok || memchr(p, '.', (size_t)(h - p)) == NULL ||
        !isalnum((unsigned char)*p))
        return NULL;
    return xasprintf("http://%s", p);
}

/* WebCite: /query?url=ENCODED[&...]. */
static char *
webcite(const char *rest)
{
    const char *q = strstr(rest, "url=");
    char *out, *o;

    if (q == NULL || (q != rest && q[-1] != '?' && q[-1] != '&'))
        return NULL;
    q += 4;
    out = o = xmalloc(strlen(q) + 1);
    for (; *q != '\0' && *q != '&' && *q != '#'; q++) {
        if (*q == '%' && isxdigit((unsigned char)q[1]) &&
            isxdigit((unsigned char)q[2])) {
            char hex[3] = {q[1], q[2], '\0'};

            *o++ = (char)strtol(hex, NULL, 16);
            q += 2;
        } else {
            *o++ = *q == '+' ? ' ' : *q;
        }
    }
    *o = '\0';
    o = inner_url(out, false);
    free(out);
    return o;
}

char *
webarchive_unwrap(const char *url)
{
    char host[64];
    const char *rest, *p;
    size_t i, n;

    if (url == NULL || !split_host(url, host, sizeof host, &rest))
        return NULL;
    if (strcmp(host, "webcitation.org") == 0 ||
        strcmp(host, "www.webcitation.org") == 0)
        return webcite(rest);
    for (i = 0; i < sizeof wayback / sizeof wayback[0]; i++) {
        if (strcmp(host, wayback[i].host) != 0)
            continue;
        n = strlen(wayback[i].prefix);
        if (strncmp(rest, wayback[i].prefix, n) != 0)
            return NULL;
        p = rest + n;
        /* archive.today: /o/ID/URL, /newest/URL; else /TIMESTAMP[flags]/ */
        if (strncmp(p, "o/", 2) == 0)
            p = strchr(p + 2, '/');
        else if (strncmp(p, "newest/", 7) == 0 || strncmp(p, "oldest/", 7) == 0)
            p += 6;
        else if (isdigit((unsigned char)*p) || *p == '*')
            p = strchr(p, '/');
        else
            return inner_url(p, false); /* archive.ph/https://... */
        return p != NULL ? inner_url(p + 1, true) : NULL;
    }
    return NULL;
}
