/* SPDX-License-Identifier: MIT */
/*
 * fetch: the libcurl multi engine.  Requests wait in a queue per host
 * (scheme+host+port) that is paced, capped at --per-host transfers and
 * gated by that host's robots.txt, fetched first.  Redirects are followed
 * here, hop by hop, so that each hop is checked (scheme, loop, robots) and
 * recorded.  This is the only file that includes <curl/curl.h>; it does
 * not parse HTML or convert charsets.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "remap.h"
#include "robots.h"
#include "strbuf.h"
#include "xalloc.h"

#define PRODUCT_TOKEN      "attrcheck"
#define MAX_REDIRECTS      10
#define MAX_ROBOTS_HOPS    5
#define MAX_RETRY_AFTER_MS 60000L
/* Hosts with nothing queued that we still remember (robots, pacing); the
 * least recently used is forgotten beyond this, so memory stays bounded. */
#define IDLE_HOSTS_MAX     1024
#define ACCEPT_HEADER      "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

enum req_kind { REQ_PAGE, REQ_ROBOTS };
enum robots_state { RS_UNKNOWN, RS_FETCHING, RS_READY };

struct host {
    char *key;                 /* "https://example.org:443" */
    struct host *hnext;        /* hash chain */
    struct host *prev, *next;  /* busy list or idle LRU list */
    struct req *qhead, *qtail; /* waiting requests */
    size_t refs;               /* requests queued or running here */
    int active;                /* transfers in flight */
    enum robots_state rstate;
    struct robots *robots;        /* NULL: allow all (unless disallow_all) */
    bool disallow_all;            /* robots.txt unreachable */
    char robots_why[160];         /* for the error message */
    enum fetch_error robots_kind; /* of a disallow_all */
    long delay_ms;                /* pacing between request starts */
    long long next_start;         /* monotonic ms */
    long long paused_until;       /* Retry-After */
};

struct host_list {
    struct host *head, *tail;
    size_t len;
};

struct req {
    struct req *next; /* in a host queue, the file list or the done list */
    struct req *rprev, *rnext; /* in the running list */
    enum req_kind kind;
    struct host *host; /* NULL for file:// and finished requests */
    char *url;         /* this hop, after remapping */
    bool is_file;
    CURL *easy;
    struct strbuf body;
    size_t limit;
    bool over_limit, not_html;
    char *ctype, *etag, *last_modified;
    struct curl_slist *cond; /* Accept and validators, or NULL */
    long retry_after_ms;
    int attempt;
    int robots_hops;
    long long not_before, started;
    struct fetch_result *res;
    fetch_done_fn done;
    void *userdata;
    char errbuf[CURL_ERROR_SIZE];
};

struct fetch_engine {
    struct fetch_config cfg; /* strings below are our copies */
    char *user_agent;
    CURLM *multi;
    struct curl_slist *resolve, *headers;
    struct host **buckets;
    size_t nbuckets, nhosts;
    struct host_list busy, idle;
    struct req *files_head, *files_tail;
    struct req *done_head, *done_tail;
    struct req *running_head; /* transfers in the multi handle */
    CURL *pool[64];
    size_t pool_len;
    int running;
    size_t pending;
    long long next_wake;
    uint64_t rng;
};

/* ---- small helpers ---------------------------------------------------- */

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_msg(struct fetch_result *res, enum fetch_error kind,
                    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
set_msg(struct fetch_result *res, enum fetch_error kind, const char *fmt, ...)
{
    va_list ap;

    res->error = kind;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof(res->message), fmt, ap);
    va_end(ap);
}

static char *
lower_dup(const char *s)
{
    char *d = xstrdup(s);

    for (char *p = d; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

/* Returns the lower-case scheme of URL (caller frees) or NULL. */
static char *
scheme_of(const char *url)
{
    size_t n = 0;

    while (isalnum((unsigned char)url[n]) || url[n] == '+' || url[n] == '-' ||
           url[n] == '.')
        n++;
    if (n == 0 || url[n] != ':' || !isalpha((unsigned char)url[0]))
        return NULL;
    char *s = xstrndup(url, n);
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

static bool
is_http_scheme(const char *s)
{
    return s != NULL && (strcmp(s, "http") == 0 || strcmp(s, "https") == 0);
}

/* Reads one part of URL with curl's parser; caller frees with curl_free. */
static char *
url_part(const char *url, CURLUPart part, unsigned int flags)
{
    CURLU *u = curl_url();
    char *out = NULL;

    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, part, &out, flags) != CURLUE_OK)
        out = NULL;
    curl_url_cleanup(u);
    return out;
}

/* Returns "scheme://host:port" for an http(s) URL, or NULL. */
static char *
host_key(const char *url)
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

/* ---- the host table --------------------------------------------------- */

static size_t
hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static void
list_unlink(struct host_list *l, struct host *h)
{
    if (h->prev != NULL)
        h->prev->next = h->next;
    else
        l->head = h->next;
    if (h->next != NULL)
        h->next->prev = h->prev;
    else
        l->tail = h->prev;
    h->prev = h->next = NULL;
    l->len--;
}

static void
list_append(struct host_list *l, struct host *h)
{
    h->prev = l->tail;
    h->next = NULL;
    if (l->tail != NULL)
        l->tail->next = h;
    else
        l->head = h;
    l->tail = h;
    l->len++;
}

static void
table_grow(struct fetch_engine *e)
{
    size_t n = e->nbuckets ? e->nbuckets * 2 : 64;
    struct host **b = xcalloc(n, sizeof(*b));

    for (size_t i = 0; i < e->nbuckets; i++) {
        struct host *h = e->buckets[i], *next;
        for (; h != NULL; h = next) {
            next = h->hnext;
            h->hnext = b[hash_str(h->key) & (n - 1)];
            b[hash_str(h->key) & (n - 1)] = h;
        }
    }
    free(e->buckets);
    e->buckets = b;
    e->nbuckets = n;
}

static void
host_destroy(struct fetch_engine *e, struct host *h)
{
    struct host **pp = &e->buckets[hash_str(h->key) & (e->nbuckets - 1)];

    while (*pp != h)
        pp = &(*pp)->hnext;
    *pp = h->hnext;
    e->nhosts--;
    robots_free(h->robots);
    free(h->key);
    free(h);
}

/* Finds or creates the host for KEY; a new host starts idle. */
static struct host *
host_get(struct fetch_engine *e, const char *key)
{
    struct host *h;
    size_t b;

    if (e->nhosts >= e->nbuckets)
        table_grow(e);
    b = hash_str(key) & (e->nbuckets - 1);
    for (h = e->buckets[b]; h != NULL; h = h->hnext)
        if (strcmp(h->key, key) == 0)
            return h;
    h = xcalloc(1, sizeof(*h));
    h->key = xstrdup(key);
    h->delay_ms = e->cfg.delay_ms;
    h->hnext = e->buckets[b];
    e->buckets[b] = h;
    e->nhosts++;
    list_append(&e->idle, h);
    return h;
}

static void
host_ref(struct fetch_engine *e, struct host *h)
{
    if (h->refs++ == 0) {
        list_unlink(&e->idle, h);
        list_append(&e->busy, h);
    }
}

static void
host_unref(struct fetch_engine *e, struct host *h)
{
    if (--h->refs > 0)
        return;
    list_unlink(&e->busy, h);
    list_append(&e->idle, h);
    while (e->idle.len > IDLE_HOSTS_MAX) {
        struct host *old = e->idle.head;
        list_unlink(&e->idle, old);
        host_destroy(e, old);
    }
}

/* ---- requests --------------------------------------------------------- */

static void
req_reset_response(struct req *r)
{
    strbuf_release(&r->body);
    free(r->ctype);
    free(r->etag);
    free(r->last_modified);
    r->ctype = r->etag = r->last_modified = NULL;
    r->over_limit = r->not_html = false;
    r->retry_after_ms = -1;
    r->errbuf[0] = '\0';
}

static void
req_free(struct req *r)
{
    req_reset_response(r);
    free(r->url);
    curl_slist_free_all(r->cond);
    fetch_result_free(r->res);
    free(r);
}

static void
queue_push(struct host *h, struct req *r, bool front)
{
    if (front) {
        r->next = h->qhead;
        h->qhead = r;
        if (h->qtail == NULL)
            h->qtail = r;
        return;
    }
    r->next = NULL;
    if (h->qtail != NULL)
        h->qtail->next = r;
    else
        h->qhead = r;
    h->qtail = r;
}

static struct req *
queue_pop(struct host *h)
{
    struct req *r = h->qhead;

    h->qhead = r->next;
    if (h->qhead == NULL)
        h->qtail = NULL;
    r->next = NULL;
    return r;
}

/* Ends page request R: its result (error or not) goes to the done list. */
static void
finish(struct fetch_engine *e, struct req *r)
{
    struct fetch_result *res = r->res;

    if (r->host != NULL) {
        host_unref(e, r->host);
        r->host = NULL;
    }
    free(res->final_url);
    res->final_url = xstrdup(r->url);
    res->elapsed_ms = r->started ? (long)(now_ms() - r->started) : 0;
    if (res->error == FETCH_OK) {
        res->content_type = r->ctype;
        res->etag = r->etag;
        res->last_modified = r->last_modified;
        r->ctype = r->etag = r->last_modified = NULL;
        res->body_len = r->body.len;
        res->body = r->body.buf ? strbuf_detach(&r->body) : xstrdup("");
    } else {
        res->content_type = r->ctype;
        r->ctype = NULL;
        res->body = xstrdup(""); /* an error page is not the page */
    }
    res->attempts = r->attempt;
    r->next = NULL;
    if (e->done_tail != NULL)
        e->done_tail->next = r;
    else
        e->done_head = r;
    e->done_tail = r;
}

static void
finish_err(struct fetch_engine *e, struct req *r, enum fetch_error kind,
           const char *msg)
{
    set_msg(r->res, kind, "%s", msg);
    finish(e, r);
}

/* ---- what a response is ----------------------------------------------- */

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

/* True when the Content-Type CT names HTML; NULL (no header) counts. */
static bool
type_is_html(const char *ct)
{
    size_t n;

    if (ct == NULL || *ct == '\0')
        return true;
    n = strcspn(ct, "; \t");
    return (n == 9 && strncasecmp(ct, "text/html", 9) == 0) ||
           (n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}

/* Sets a not-html error on RES when CT or the bytes say so; true if set. */
static bool
check_html(struct fetch_result *res, const char *ct, const char *b, size_t n)
{
    const char *what;

    if (!type_is_html(ct)) {
        set_msg(res, FETCH_E_NOT_HTML, "not HTML: %.*s",
                (int)strcspn(ct, "; \t"), ct);
        return true;
    }
    what = sniff(b, n);
    if (what != NULL) {
        set_msg(res, FETCH_E_NOT_HTML, "not HTML: %s (by its first bytes)",
                what);
        return true;
    }
    return false;
}

/* ---- file:// (only ever reached by the user's choice) ------------------ */

static void
file_fail(struct fetch_engine *e, struct req *r, const char *path, int errnum)
{
    set_msg(r->res, FETCH_E_IO, "%s: %s", path, strerror(errnum));
    finish(e, r);
}

/* Reads at most LIMIT+1 bytes of the open regular file FD into R. */
static int
file_slurp(int fd, struct req *r, size_t limit)
{
    char buf[16384];
    ssize_t got;

    while ((got = read(fd, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        strbuf_add(&r->body, buf, (size_t)got);
        if (r->body.len > limit)
            break;
    }
    return 0;
}

static void
read_file(struct fetch_engine *e, struct req *r)
{
    char *host = url_part(r->url, CURLUPART_HOST, 0);
    char *path = url_part(r->url, CURLUPART_PATH, CURLU_URLDECODE);
    struct stat st;
    int fd = -1, rc;

    r->started = now_ms();
    if (path == NULL || strstr(r->url, "%00") != NULL ||
        (host != NULL && host[0] && strcasecmp(host, "localhost") != 0)) {
        finish_err(e, r, FETCH_E_IO, "not a local file URL");
        goto out;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) != 0) {
        file_fail(e, r, path, errno);
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        finish_err(e, r, FETCH_E_IO, "not a regular file");
        goto out;
    }
    if ((rc = file_slurp(fd, r, e->cfg.max_size)) != 0) {
        file_fail(e, r, path, rc);
        goto out;
    }
    r->res->http_status = 200;
    if (r->body.len > e->cfg.max_size)
        set_msg(r->res, FETCH_E_TOO_LARGE, "larger than %zu bytes",
                e->cfg.max_size);
    else if (!check_html(r->res, NULL, r->body.buf ? r->body.buf : "",
                         r->body.len))
        r->ctype = xstrdup("text/html");
    finish(e, r);
out:
    if (fd >= 0)
        close(fd);
    curl_free(host);
    curl_free(path);
}

static void
read_files(struct fetch_engine *e)
{
    struct req *r;

    while ((r = e->files_head) != NULL) {
        e->files_head = r->next;
        if (e->files_head == NULL)
            e->files_tail = NULL;
        read_file(e, r);
    }
}

/* ---- routing a URL to its queue ---------------------------------------- */

/*
 * Points R at URL (a target or a redirect hop) and queues it.  UNTRUSTED
 * URLs (from pages and servers) must be http(s) before remapping; after
 * remapping, the user's rules are trusted, file:// included.
 */
static void
route(struct fetch_engine *e, struct req *r, const char *url, bool untrusted,
      bool front)
{
    char *scheme = scheme_of(url), *mapped = NULL, *key = NULL;
    struct ac_err err;

    free(r->url);
    r->url = xstrdup(url);
    if (untrusted && !is_http_scheme(scheme)) {
        set_msg(r->res, FETCH_E_SCHEME, "refusing %s%s URL from a page",
                scheme ? scheme : "a malformed", scheme ? ":" : "");
        finish(e, r);
        goto out;
    }
    if (remap_apply(e->cfg.remaps, url, &mapped, &err) != AC_OK) {
        finish_err(e, r, FETCH_E_IO, err.msg);
        goto out;
    }
    if (mapped != NULL) {
        free(r->url);
        r->url = mapped;
        free(scheme);
        scheme = scheme_of(r->url);
    }
    if (scheme != NULL && strcmp(scheme, "file") == 0) {
        r->is_file = true;
        r->next = NULL;
        if (e->files_tail != NULL)
            e->files_tail->next = r;
        else
            e->files_head = r;
        e->files_tail = r;
        goto out;
    }
    key = is_http_scheme(scheme) ? host_key(r->url) : NULL;
    if (key == NULL) {
        if (scheme == NULL)
            set_msg(r->res, FETCH_E_SCHEME, "not an absolute URL");
        else if (is_http_scheme(scheme))
            set_msg(r->res, FETCH_E_SCHEME, "malformed URL");
        else
            set_msg(r->res, FETCH_E_SCHEME, "unsupported scheme: %s", scheme);
        finish(e, r);
        goto out;
    }
    r->host = host_get(e, key);
    host_ref(e, r->host);
    queue_push(r->host, r, front);
out:
    free(scheme);
    free(key);
}

/* ---- libcurl callbacks -------------------------------------------------- */

static size_t
on_write(char *p, size_t size, size_t n, void *userdata)
{
    struct req *r = userdata;
    size_t len = size * n;
    long status = 0;

    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300)
        return len; /* error pages and redirects: their bodies are unused */
    if (r->kind == REQ_PAGE && r->body.len == 0 && !type_is_html(r->ctype)) {
        r->not_html = true; /* a PDF need not be downloaded to be refused */
        return 0;
    }
    if (len > r->limit - r->body.len) {
        /* robots.txt keeps its first part; a page is just too large */
        if (r->kind == REQ_ROBOTS)
            strbuf_add(&r->body, p, r->limit - r->body.len);
        r->over_limit = true;
        return 0; /* aborts the transfer: a gzip bomb stops here */
    }
    strbuf_add(&r->body, p, len);
    return len;
}

/* Returns the seconds or HTTP-date of a Retry-After value in ms, or -1. */
static long
parse_retry_after(const char *v)
{
    char *end;
    long s = strtol(v, &end, 10);
    time_t when;

    if (end != v && *end == '\0')
        s = s < 0 ? 0 : s;
    else if ((when = curl_getdate(v, NULL)) != -1)
        s = when > time(NULL) ? (long)(when - time(NULL)) : 0;
    else
        return -1;
    return s > MAX_RETRY_AFTER_MS / 1000 ? MAX_RETRY_AFTER_MS : s * 1000;
}

/* Copies the value of header NAME from LINE (LEN bytes) into *DST. */
static bool
grab_header(const char *line, size_t len, const char *name, char **dst)
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

static size_t
on_header(char *p, size_t size, size_t n, void *userdata)
{
    struct req *r = userdata;
    size_t len = size * n;
    char *ra = NULL;

    if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
        /* a new response (after a 100 Continue, say) starts afresh */
        free(r->ctype);
        free(r->etag);
        free(r->last_modified);
        r->ctype = r->etag = r->last_modified = NULL;
        r->retry_after_ms = -1;
    } else if (grab_header(p, len, "retry-after", &ra)) {
        r->retry_after_ms = parse_retry_after(ra);
        free(ra);
    } else if (!grab_header(p, len, "content-type", &r->ctype) &&
               !grab_header(p, len, "etag", &r->etag)) {
        grab_header(p, len, "last-modified", &r->last_modified);
    }
    return len;
}

/* ---- starting and ending transfers -------------------------------------- */

static void
set_protocols(CURL *c)
{
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS,
                     (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS,
                     (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/* Returns an easy handle set up for R (reused from the pool when we can:
 * connections live in the multi handle's cache either way), or NULL. */
static CURL *
easy_for(struct fetch_engine *e, struct req *r)
{
    CURL *c = e->pool_len > 0 ? e->pool[--e->pool_len] : curl_easy_init();

    if (c == NULL)
        return NULL;
    curl_easy_setopt(c, CURLOPT_URL, r->url);
    curl_easy_setopt(c, CURLOPT_PRIVATE, r);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, e->user_agent);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, e->cfg.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, e->cfg.timeout_ms);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, r->cond ? r->cond : e->headers);
    if (e->resolve != NULL)
        curl_easy_setopt(c, CURLOPT_RESOLVE, e->resolve);
    if (r->kind == REQ_PAGE)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                         (curl_off_t)e->cfg.max_size);
    set_protocols(c);
    return c;
}

static void
easy_release(struct fetch_engine *e, CURL *c)
{
    curl_multi_remove_handle(e->multi, c);
    if (e->pool_len < sizeof(e->pool) / sizeof(e->pool[0]) &&
        e->pool_len < (size_t)e->cfg.jobs) {
        curl_easy_reset(c);
        e->pool[e->pool_len++] = c;
    } else {
        curl_easy_cleanup(c);
    }
}

struct outcome {
    CURLcode cc;
    long status;
    char *location; /* resolved Location of a 3xx, or NULL */
};

static void complete(struct fetch_engine *e, struct req *r, struct outcome *o);

static void
start_transfer(struct fetch_engine *e, struct req *r)
{
    struct outcome fail = {CURLE_OUT_OF_MEMORY, 0, NULL};

    r->attempt++;
    if (r->started == 0)
        r->started = now_ms();
    req_reset_response(r);
    r->limit = r->kind == REQ_ROBOTS ? ROBOTS_MAX_BYTES : e->cfg.max_size;
    r->easy = easy_for(e, r);
    if (r->easy != NULL &&
        curl_multi_add_handle(e->multi, r->easy) != CURLM_OK) {
        curl_easy_cleanup(r->easy);
        r->easy = NULL;
    }
    if (r->easy == NULL) {
        complete(e, r, &fail);
        return;
    }
    e->running++;
    r->host->active++;
    r->rprev = NULL;
    r->rnext = e->running_head;
    if (e->running_head != NULL)
        e->running_head->rprev = r;
    e->running_head = r;
}

/* Handles a finished transfer from the multi handle. */
static void
transfer_done(struct fetch_engine *e, CURL *c, CURLcode cc)
{
    struct req *r = NULL;
    struct outcome o = {cc, 0, NULL};
    char *loc = NULL;

    curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&r);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &o.status);
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK &&
        loc != NULL)
        o.location = xstrdup(loc);
    easy_release(e, c);
    r->easy = NULL;
    if (r->rprev != NULL)
        r->rprev->rnext = r->rnext;
    else
        e->running_head = r->rnext;
    if (r->rnext != NULL)
        r->rnext->rprev = r->rprev;
    r->rprev = r->rnext = NULL;
    e->running--;
    r->host->active--;
    complete(e, r, &o);
    free(o.location);
}

/* ---- deciding what a finished transfer means ---------------------------- */

static enum fetch_error
curl_kind(CURLcode cc)
{
    switch (cc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return FETCH_E_DNS;
    case CURLE_OPERATION_TIMEDOUT:
        return FETCH_E_TIMEOUT;
    case CURLE_FILESIZE_EXCEEDED:
        return FETCH_E_TOO_LARGE;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return FETCH_E_SCHEME;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
        return FETCH_E_TLS;
    default:
        return FETCH_E_CONNECT;
    }
}

/* Queues R again after a jittered exponential backoff, if it has retries
 * left.  Returns false when it has none. */
static bool
retry(struct fetch_engine *e, struct req *r)
{
    long long backoff;
    int shift = r->attempt - 1 < 20 ? r->attempt - 1 : 20;

    if (r->attempt > e->cfg.retries)
        return false;
    backoff = (long long)e->cfg.retry_base_ms << shift;
    e->rng ^= e->rng << 13; /* xorshift64: jitter need not be good */
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    backoff = backoff / 2 + (long long)(e->rng % (uint64_t)(backoff + 1));
    r->not_before = now_ms() + backoff;
    queue_push(r->host, r, true);
    return true;
}

/* Retry-After pauses the whole host, not just this request. */
static void
pause_host(struct host *h, long retry_after_ms)
{
    long long until;

    if (retry_after_ms < 0)
        return;
    until = now_ms() + retry_after_ms;
    if (until > h->paused_until)
        h->paused_until = until;
}

/* Follows a redirect of page request R to LOCATION: loop and count checks,
 * then the hop is queued like a link from a page. */
static void
follow(struct fetch_engine *e, struct req *r, long status, const char *location)
{
    struct fetch_result *res = r->res;

    if (res->redirects_len >= MAX_REDIRECTS) {
        finish_err(e, r, FETCH_E_REDIRECT_LOOP, "more than 10 redirects");
        return;
    }
    res->redirects = xreallocarray(res->redirects, res->redirects_len + 1,
                                   sizeof(*res->redirects));
    res->redirects[res->redirects_len].url = xstrdup(r->url);
    res->redirects[res->redirects_len++].status = status;
    for (size_t i = 0; i < res->redirects_len; i++) {
        if (strcmp(res->redirects[i].url, location) == 0) {
            set_msg(res, FETCH_E_REDIRECT_LOOP, "redirect loop back to %s",
                    location);
            finish(e, r);
            return;
        }
    }
    host_unref(e, r->host);
    r->host = NULL;
    r->attempt = 0;
    route(e, r, location, true, true);
}

static void
http_status_error(struct fetch_engine *e, struct req *r, long status)
{
    enum fetch_error kind = FETCH_E_HTTP;

    if (status == 429)
        kind = FETCH_E_RATE_LIMITED;
    else if (status == 403 || status == 999)
        kind = FETCH_E_BLOCKED;
    set_msg(r->res, kind, "HTTP %ld", status);
    finish(e, r);
}

static void
page_done(struct fetch_engine *e, struct req *r, const struct outcome *o)
{
    long s = o->status;
    enum fetch_error kind;

    r->res->http_status = s;
    if (r->over_limit || o->cc == CURLE_FILESIZE_EXCEEDED) {
        set_msg(r->res, FETCH_E_TOO_LARGE, "larger than %zu bytes",
                e->cfg.max_size);
        finish(e, r);
    } else if (r->not_html) {
        check_html(r->res, r->ctype, "", 0);
        finish(e, r);
    } else if (o->cc != CURLE_OK) {
        kind = curl_kind(o->cc);
        if ((kind == FETCH_E_CONNECT || kind == FETCH_E_TIMEOUT) && retry(e, r))
            return;
        finish_err(e, r, kind,
                   r->errbuf[0] ? r->errbuf : curl_easy_strerror(o->cc));
    } else if (s == 304 && r->cond != NULL) {
        finish(e, r); /* not modified: no error, no body */
    } else if (s >= 300 && s < 400 && o->location != NULL) {
        follow(e, r, s, o->location);
    } else if (s == 429 || s == 502 || s == 503 || s == 504) {
        pause_host(r->host, r->retry_after_ms);
        if (!retry(e, r))
            http_status_error(e, r, s);
    } else if (s < 200 || s >= 300) {
        http_status_error(e, r, s);
    } else {
        check_html(r->res, r->ctype, r->body.buf ? r->body.buf : "",
                   r->body.len);
        finish(e, r);
    }
}

/* Settles host H's robots.txt from the answer R got. */
static void
robots_settle(struct fetch_engine *e, struct host *h, struct req *r,
              const struct outcome *o)
{
    bool answered = o->cc == CURLE_OK || r->over_limit;
    long d;

    if (answered && o->status >= 200 && o->status < 300) {
        h->robots = robots_parse(r->body.buf ? r->body.buf : "", r->body.len,
                                 PRODUCT_TOKEN);
    } else if (answered && o->status >= 300 && o->status < 500) {
        h->robots = NULL; /* missing (or a redirect maze): allow all */
    } else if (answered) {
        h->disallow_all = true;
        h->robots_kind = FETCH_E_ROBOTS;
        snprintf(h->robots_why, sizeof(h->robots_why),
                 "robots.txt unreachable (HTTP %ld): disallow all", o->status);
    } else {
        /* the host itself is unreachable: say why, not just "robots" */
        h->disallow_all = true;
        h->robots_kind = curl_kind(o->cc);
        snprintf(h->robots_why, sizeof(h->robots_why), "robots.txt: %.140s",
                 r->errbuf[0] ? r->errbuf : curl_easy_strerror(o->cc));
    }
    d = robots_crawl_delay_ms(h->robots);
    if (d > e->cfg.max_crawl_delay_ms)
        d = e->cfg.max_crawl_delay_ms;
    if (d > h->delay_ms)
        h->delay_ms = d;
    if (r->started + h->delay_ms > h->next_start)
        h->next_start = r->started + h->delay_ms;
    h->rstate = RS_READY;
}

static void
robots_done(struct fetch_engine *e, struct req *r, const struct outcome *o)
{
    struct host *h = r->host;
    char *scheme = o->location ? scheme_of(o->location) : NULL;
    bool hop = o->cc == CURLE_OK && o->status >= 300 && o->status < 400 &&
               is_http_scheme(scheme) && r->robots_hops < MAX_ROBOTS_HOPS;

    free(scheme);
    if (hop) {
        /* RFC 9309 2.3.1.2: follow at least five redirects, any host */
        r->robots_hops++;
        free(r->url);
        r->url = xstrdup(o->location);
        start_transfer(e, r);
        return;
    }
    robots_settle(e, h, r, o);
    host_unref(e, h);
    req_free(r);
}

static void
complete(struct fetch_engine *e, struct req *r, struct outcome *o)
{
    if (r->kind == REQ_ROBOTS)
        robots_done(e, r, o);
    else
        page_done(e, r, o);
}

/* ---- the scheduler ------------------------------------------------------ */

/* Returns whether H's robots.txt lets R through; if not, R is finished. */
static bool
robots_pass(struct fetch_engine *e, struct host *h, struct req *r)
{
    char *path, *query, *pq;
    bool ok;

    if (e->cfg.ignore_robots)
        return true;
    if (h->disallow_all) {
        finish_err(e, r, h->robots_kind, h->robots_why);
        return false;
    }
    path = url_part(r->url, CURLUPART_PATH, 0);
    query = url_part(r->url, CURLUPART_QUERY, 0);
    pq = xasprintf("%s%s%s", path ? path : "/", query ? "?" : "",
                   query ? query : "");
    ok = robots_allowed(h->robots, pq);
    free(pq);
    curl_free(path);
    curl_free(query);
    if (!ok)
        finish_err(e, r, FETCH_E_ROBOTS, "disallowed by robots.txt");
    return ok;
}

static void
start_robots(struct fetch_engine *e, struct host *h, long long now)
{
    struct req *r = xcalloc(1, sizeof(*r));

    r->kind = REQ_ROBOTS;
    r->url = xasprintf("%s/robots.txt", h->key);
    r->host = h;
    r->retry_after_ms = -1;
    host_ref(e, h);
    h->rstate = RS_FETCHING;
    h->next_start = now + h->delay_ms;
    start_transfer(e, r);
}

/* Starts what host H may start now; notes when it may start more. */
static void
host_start(struct fetch_engine *e, struct host *h, long long now)
{
    while (h->qhead != NULL && e->running < e->cfg.jobs) {
        long long at = h->next_start;
        struct req *r;

        if (!e->cfg.ignore_robots && h->rstate != RS_READY) {
            if (h->rstate == RS_UNKNOWN)
                start_robots(e, h, now);
            return;
        }
        if (h->active >= e->cfg.per_host)
            return;
        if (h->paused_until > at)
            at = h->paused_until;
        if (h->qhead->not_before > at)
            at = h->qhead->not_before;
        if (at > now) {
            if (at < e->next_wake)
                e->next_wake = at;
            return;
        }
        r = queue_pop(h);
        if (!robots_pass(e, h, r))
            continue;
        h->next_start = now + h->delay_ms;
        start_transfer(e, r);
    }
}

static void
schedule(struct fetch_engine *e)
{
    long long now = now_ms();
    struct host *h, *next;

    e->next_wake = LLONG_MAX;
    read_files(e);
    for (h = e->busy.head; h != NULL && e->running < e->cfg.jobs; h = next) {
        next = h->next; /* H may go idle if its last request ends here */
        host_start(e, h, now);
    }
}

static void
fire_done(struct fetch_engine *e)
{
    struct req *r;

    while ((r = e->done_head) != NULL) {
        struct fetch_result *res = r->res;
        fetch_done_fn done = r->done;
        void *userdata = r->userdata;

        e->done_head = r->next;
        if (e->done_head == NULL)
            e->done_tail = NULL;
        r->res = NULL;
        req_free(r);
        e->pending--;
        done(res, userdata); /* may submit more: the lists are consistent */
    }
}

static void
drain(struct fetch_engine *e)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(e->multi, &left)) != NULL)
        if (m->msg == CURLMSG_DONE)
            transfer_done(e, m->easy_handle, m->data.result);
}

/* How long fetch_step may block: until a transfer moves or a paced or
 * paused request may start, and never past MAX_WAIT_MS. */
static long
wait_ms(const struct fetch_engine *e, long max_wait_ms)
{
    long long until = e->next_wake - now_ms();
    long wait = max_wait_ms;

    if (e->done_head != NULL || e->files_head != NULL)
        return 0;
    if (e->running == 0 && e->next_wake == LLONG_MAX)
        return 0;
    if (e->next_wake != LLONG_MAX && until < wait)
        wait = until < 0 ? 0 : (long)until;
    return wait > INT_MAX ? INT_MAX : wait;
}

/* ---- the interface ------------------------------------------------------ */

void
fetch_config_defaults(struct fetch_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->timeout_ms = 30000;
    cfg->max_size = 10 * 1024 * 1024;
    cfg->jobs = 16;
    cfg->per_host = 2;
    cfg->delay_ms = 0;
    cfg->max_crawl_delay_ms = 30000;
    cfg->retries = 2;
    cfg->retry_base_ms = 1000;
}

const char *
fetch_default_user_agent(void)
{
    return "attrcheck/" PACKAGE_VERSION
           " (+https://github.com/attrcheck/attrcheck)";
}

const char *
fetch_error_name(enum fetch_error e)
{
    static const char *const names[] = {
        "ok",     "dns",           "connect", "tls",       "timeout",
        "http",   "rate-limited",  "blocked", "too-large", "not-html",
        "robots", "redirect-loop", "scheme",  "io",
    };

    if ((size_t)e >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[e];
}

/* Checks "HOST:PORT:ADDR[,ADDR]" (curl also takes +/- prefixes). */
static bool
resolve_ok(const char *s)
{
    const char *c1 = strchr(s, ':'), *c2;

    if (*s == '+' || *s == '-')
        s++;
    if (c1 == NULL || c1 == s || (c2 = strchr(c1 + 1, ':')) == NULL)
        return false;
    if (c2 == c1 + 1 || c2 - c1 > 6 || c2[1] == '\0')
        return false;
    for (const char *p = c1 + 1; p < c2; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

static enum ac_status
build_lists(struct fetch_engine *e, const struct fetch_config *cfg,
            struct ac_err *err)
{
    for (size_t i = 0; i < cfg->resolve_len; i++) {
        if (!resolve_ok(cfg->resolve[i]))
            return ac_err_set(err, AC_E_USAGE,
                              "--resolve \"%s\": expected HOST:PORT:ADDRESS",
                              cfg->resolve[i]);
        e->resolve = curl_slist_append(e->resolve, cfg->resolve[i]);
        if (e->resolve == NULL)
            return ac_err_set(err, AC_E_INTERNAL, "curl_slist_append failed");
    }
    e->headers = curl_slist_append(NULL, ACCEPT_HEADER);
    if (e->headers == NULL)
        return ac_err_set(err, AC_E_INTERNAL, "curl_slist_append failed");
    return AC_OK;
}

enum ac_status
fetch_engine_new(const struct fetch_config *cfg, struct fetch_engine **out,
                 struct ac_err *err)
{
    struct fetch_engine *e = xcalloc(1, sizeof(*e));
    enum ac_status rc;

    *out = NULL;
    e->cfg = *cfg;
    e->cfg.jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
    e->cfg.per_host = cfg->per_host < 1 ? 1 : cfg->per_host;
    e->cfg.retries = cfg->retries < 0 ? 0 : cfg->retries;
    e->cfg.retry_base_ms = cfg->retry_base_ms < 1 ? 1 : cfg->retry_base_ms;
    e->cfg.delay_ms = cfg->delay_ms < 0 ? 0 : cfg->delay_ms;
    e->cfg.timeout_ms = cfg->timeout_ms < 1 ? 1 : cfg->timeout_ms;
    e->user_agent = xstrdup(cfg->user_agent && *cfg->user_agent
                                ? cfg->user_agent
                                : fetch_default_user_agent());
    e->cfg.user_agent = e->user_agent;
    e->cfg.resolve = NULL; /* copied into e->resolve */
    e->cfg.resolve_len = 0;
    e->rng = ((uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid()) | 1;
    e->multi = curl_multi_init();
    if (e->multi == NULL) {
        rc = ac_err_set(err, AC_E_INTERNAL, "curl_multi_init failed");
        goto fail;
    }
    curl_multi_setopt(e->multi, CURLMOPT_MAXCONNECTS, (long)e->cfg.jobs * 2);
    if ((rc = build_lists(e, cfg, err)) != AC_OK)
        goto fail;
    *out = e;
    return AC_OK;
fail:
    fetch_engine_free(e);
    return rc;
}

/* True when V may go into a request header as it is. */
static bool
header_safe(const char *v)
{
    size_t n = 0;

    for (; v[n] != '\0'; n++)
        if ((unsigned char)v[n] < 0x20 || v[n] == 0x7f)
            return false;
    return n > 0 && n <= 1024;
}

/* Appends "NAME: VALUE" to *LIST when VALUE is safe to send. */
static bool
add_header(struct curl_slist **list, const char *name, const char *value)
{
    struct curl_slist *l;
    char *line;

    if (value == NULL || !header_safe(value))
        return false;
    line = xasprintf("%s: %s", name, value);
    l = curl_slist_append(*list, line);
    free(line);
    if (l != NULL)
        *list = l;
    return l != NULL;
}

/* The headers of a conditional request: Accept plus the validators of
 * HDRS that are safe to send; NULL when none is. */
static struct curl_slist *
cond_headers(const struct fetch_headers *hdrs)
{
    struct curl_slist *l = curl_slist_append(NULL, ACCEPT_HEADER);
    bool any = false;

    if (l == NULL || hdrs == NULL)
        goto none;
    any |= add_header(&l, "If-None-Match", hdrs->if_none_match);
    any |= add_header(&l, "If-Modified-Since", hdrs->if_modified_since);
    if (any)
        return l;
none:
    curl_slist_free_all(l);
    return NULL;
}

void
fetch_submit(struct fetch_engine *e, const char *url, bool from_page,
             fetch_done_fn done, void *userdata)
{
    fetch_submit_ex(e, url, from_page, NULL, done, userdata);
}

void
fetch_submit_ex(struct fetch_engine *e, const char *url, bool from_page,
                const struct fetch_headers *hdrs, fetch_done_fn done,
                void *userdata)
{
    struct req *r = xcalloc(1, sizeof(*r));

    r->cond = cond_headers(hdrs);
    r->kind = REQ_PAGE;
    r->done = done;
    r->userdata = userdata;
    r->retry_after_ms = -1;
    r->res = xcalloc(1, sizeof(*r->res));
    r->res->url = xstrdup(url);
    e->pending++;
    route(e, r, url, from_page, false);
}

size_t
fetch_step(struct fetch_engine *e, long max_wait_ms)
{
    int still = 0;
    long wait;

    fire_done(e);
    schedule(e);
    fire_done(e);
    if (e->pending == 0)
        return 0;
    wait = wait_ms(e, max_wait_ms < 0 ? 0 : max_wait_ms);
    if (e->running > 0 || wait > 0)
        curl_multi_poll(e->multi, NULL, 0, (int)wait, NULL);
    curl_multi_perform(e->multi, &still);
    drain(e);
    schedule(e);
    fire_done(e);
    return e->pending;
}

size_t
fetch_pending(const struct fetch_engine *e)
{
    return e->pending;
}

static void
free_chain(struct req *r)
{
    struct req *next;

    for (; r != NULL; r = next) {
        next = r->next;
        req_free(r);
    }
}

void
fetch_engine_free(struct fetch_engine *e)
{
    struct req *r, *next;

    if (e == NULL)
        return;
    for (r = e->running_head; r != NULL; r = next) {
        next = r->rnext;
        curl_multi_remove_handle(e->multi, r->easy);
        curl_easy_cleanup(r->easy);
        req_free(r);
    }
    for (struct host *h = e->busy.head; h != NULL; h = h->next)
        free_chain(h->qhead);
    free_chain(e->files_head);
    free_chain(e->done_head);
    for (size_t i = 0; i < e->nbuckets; i++)
        while (e->buckets[i] != NULL)
            host_destroy(e, e->buckets[i]);
    free(e->buckets);
    while (e->pool_len > 0)
        curl_easy_cleanup(e->pool[--e->pool_len]);
    if (e->multi != NULL)
        curl_multi_cleanup(e->multi);
    curl_slist_free_all(e->resolve);
    curl_slist_free_all(e->headers);
    free(e->user_agent);
    free(e);
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
    free(r);
}

void
fetch_global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
fetch_global_cleanup(void)
{
    curl_global_cleanup();
}
