/* SPDX-License-Identifier: MIT */
/*
 * fuzz_headers: HTTP response headers as the fetch engine reads them from
 * libcurl's header callback (Content-Type, Retry-After, Location, ETag,
 * Last-Modified): each input line is one header line.  The values are
 * then used as the engine and the charset code use them: Retry-After as
 * a delay or an HTTP-date, Content-Type for the HTML check and the
 * charset, Location resolved and split into a host key and a robots.txt
 * path.  The whole input is also parsed as the HTTP head of a WARC
 * response record.
 */
#include "config.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "fetch_int.h"
#include "fuzz.h"
#include "url.h"
#include "warc.h"

struct grabbed {
    char *ctype, *retry_after, *location, *etag, *last_modified;
};

static void
grab_line(const char *line, size_t len, struct grabbed *g)
{
    if (!fetch_result_grab_header(line, len, "content-type", &g->ctype) &&
        !fetch_result_grab_header(line, len, "retry-after", &g->retry_after) &&
        !fetch_result_grab_header(line, len, "location", &g->location) &&
        !fetch_result_grab_header(line, len, "etag", &g->etag))
        fetch_result_grab_header(line, len, "last-modified", &g->last_modified);
}

static void
use_location(const char *loc)
{
    char *abs = url_resolve("https://copy.example/a/b?c", loc);
    char *s;

    if (abs == NULL)
        return;
    s = fetch_url_host_key(abs);
    free(s);
    s = fetch_url_path_query(abs);
    free(s);
    free(abs);
}

static void
use(const struct grabbed *g, const uint8_t *data, size_t size)
{
    struct fetch_result res;
    char cs[64];

    if (g->retry_after != NULL)
        fetch_result_retry_after_ms(
            g->retry_after, (long long)curl_getdate(g->retry_after, NULL),
            1700000000LL);
    memset(&res, 0, sizeof res);
    fetch_result_type_is_html(g->ctype);
    fetch_result_check_html(&res, g->ctype, (const char *)data, size);
    if (g->ctype != NULL)
        charset_from_content_type(g->ctype, cs, sizeof cs);
    if (g->location != NULL)
        use_location(g->location);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct grabbed g;
    struct warc_http http;
    struct ac_err err;
    const char *p = (const char *)data, *end = p + size;

    memset(&g, 0, sizeof g);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);

        grab_line(p, len, &g);
        p += len;
    }
    use(&g, data, size);
    free(g.ctype);
    free(g.retry_after);
    free(g.location);
    free(g.etag);
    free(g.last_modified);
    if (warc_http_parse((const char *)data, size, &http, &err) == AC_OK)
        warc_http_free(&http);
    return 0;
}
