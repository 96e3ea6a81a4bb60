/* SPDX-License-Identifier: MIT */
/*
 * fetch_result: what a response is.  Sets and names a result's error,
 * decides from the Content-Type and the first bytes whether a body is
 * HTML, and reads the header values the engine keeps (Retry-After
 * included).  It makes no transfers and knows nothing of libcurl.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch_int.h"
#include "xalloc.h"

#define MAX_RETRY_AFTER_MS 60000L

void
fetch_result_fail(struct fetch_result *res, enum fetch_error kind,
                  const char *fmt, ...)
{
    va_list ap;

    res->error = kind;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof(res->message), fmt, ap);
    va_end(ap);
}

const char *
fetch_error_name(enum fetch_error e)
{
    static const char *const names[] = {
        "ok",        "dns",      "connect",      "tls",
        "timeout",   "http",     "rate-limited", "blocked",
        "too-large", "not-html", "robots",       "redirect-loop",
        "scheme",    "io",       "aborted",      "private-address",
    };

    if ((size_t)e >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[e];
}

void
fetch_result_free(struct fetch_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->redirects_len; i++)
        free(r->redirects[i].url);
    free(r->redirects);
    free(r->url);
    free(r->final_url);
    free(r->content_type);
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    free(r->record_id);
    free(r);
}

/* Returns what the first bytes of B say it is when that is not text (a
 * PDF, an image, an archive, NUL bytes), or NULL. */
static const char *
sniff(const char *b, size_t n)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *type;
    } m[] = {
        {"%PDF-", 5, "application/pdf"},
        {"\x89PNG\r\n\x1a\n", 8, "image/png"},
        {"GIF87a", 6, "image/gif"},
        {"GIF89a", 6, "image/gif"},
        {"\xFF\xD8\xFF", 3, "image/jpeg"},
        {"PK\x03\x04", 4, "application/zip"},
        {"\x1F\x8B", 2, "application/gzip"},
    };

    for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
        if (n >= m[i].len && memcmp(b, m[i].magic, m[i].len) == 0)
            return m[i].type;
    if (n >= 2 &&
        (memcmp(b, "\xFF\xFE", 2) == 0 || memcmp(b, "\xFE\xFF", 2) == 0))
        return NULL; /* UTF-16 text has NUL bytes */
    if (memchr(b, '\0', n < 1024 ? n : 1024) != NULL)
        return "binary data";
    return NULL;
}

bool
fetch_result_type_is_html(const char *ct)
{
    size_t n;

    if (ct == NULL || *ct == '\0')
        return true;
    n = strcspn(ct, "; \t");
    return (n == 9 && strncasecmp(ct, "text/html", 9) == 0) ||
           (n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}

bool
fetch_result_check_html(struct fetch_result *res, const char *ct, const char *b,
                        size_t n)
{
    const char *what;

    if (!fetch_result_type_is_html(ct)) {
        fetch_result_fail(res, FETCH_E_NOT_HTML, "not HTML: %.*s",
                          (int)strcspn(ct, "; \t"), ct);
        return true;
    }
    what = sniff(b, n);
    if (what != NULL) {
        fetch_result_fail(res, FETCH_E_NOT_HTML,
                          "not HTML: %s (by its first bytes)", what);
        return true;
    }
    return false;
}

bool
fetch_result_grab_header(const char *line, size_t len, const char *name,
                         char **dst)
{
    size_t n = strlen(name), end;

    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
        return false;
    line += n + 1;
    len -= n + 1;
    while (len > 0 && (*line == ' ' || *line == '\t')) {
        line++;
        len--;
    }
    for (end = len; end > 0 && isspace((unsigned char)line[end - 1]); end--)
        ;
    free(*dst);
    *dst = xstrndup(line, end > 1024 ? 1024 : end);
    return true;
}

long
fetch_result_retry_after_ms(const char *v, long long when, long long now)
{
    char *end;
    long s = strtol(v, &end, 10);

    if (end != v && *end == '\0')
        s = s < 0 ? 0 : s;
    else if (when != -1)
        s = when > now ? (long)(when - now) : 0;
    else
        return -1;
    return s > MAX_RETRY_AFTER_MS / 1000 ? MAX_RETRY_AFTER_MS : s * 1000;
}
