/* SPDX-License-Identifier: MIT */
/*
 * fetch_url: the parts of a URL the fetch engine needs (the host key a
 * host's queue and robots.txt hang on, the path and query robots.txt
 * rules see, the path of a file:// URL), read with libcurl's URL parser
 * so that we split URLs exactly as the transfers will.  It does not
 * resolve or normalise URLs: url.c does that for pages.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch_int.h"
#include "xalloc.h"

static char *
lower_dup(const char *s)
{
    char *d = xstrdup(s);

    for (char *p = d; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

/* Reads one part of URL with curl's parser; caller frees with curl_free. */
static char *
url_part(const char *url, CURLUPart part, unsigned int flags)
{
    CURLU *u;
    char *out = NULL;

    fetch_global_init(); /* before any libcurl call, curl's rule */
    u = curl_url();

    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, part, &out, flags) != CURLUE_OK)
        out = NULL;
    curl_url_cleanup(u);
    return out;
}

char *
fetch_url_host_key(const char *url)
{
    char *scheme = url_part(url, CURLUPART_SCHEME, 0);
    char *host = url_part(url, CURLUPART_HOST, 0);
    char *port = url_part(url, CURLUPART_PORT, CURLU_DEFAULT_PORT);
    char *key = NULL, *tmp;

    if (scheme != NULL && host != NULL && port != NULL && host[0] != '\0') {
        tmp = xasprintf("%s://%s:%s", scheme, host, port);
        key = lower_dup(tmp);
        free(tmp);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    return key;
}

char *
fetch_url_path_query(const char *url)
{
    char *path = url_part(url, CURLUPART_PATH, 0);
    char *query = url_part(url, CURLUPART_QUERY, 0);
    char *pq = xasprintf("%s%s%s", path ? path : "/", query ? "?" : "",
                         query ? query : "");

    curl_free(path);
    curl_free(query);
    return pq;
}

char *
fetch_url_file_path(const char *url)
{
    char *host = url_part(url, CURLUPART_HOST, 0);
    char *path = url_part(url, CURLUPART_PATH, CURLU_URLDECODE);
    char *out = NULL;

    if (path != NULL && strstr(url, "%00") == NULL &&
        (host == NULL || !host[0] || strcasecmp(host, "localhost") == 0))
        out = xstrdup(path);
    curl_free(host);
    curl_free(path);
    return out;
}
