/* SPDX-License-Identifier: MIT */
/*
 * fetch: the libcurl side of the fetch engine.  It sets up and pools easy
 * handles, drives the multi handle, turns curl's callbacks and result
 * codes into our terms, and reads URLs with curl's parser.  This is the
 * only file that includes <curl/curl.h>; the queues, hosts, robots.txt,
 * redirects and retries are in fetch_sched.c and fetch_host.c, file://
 * in fetch_file.c.  It does not parse HTML or convert charsets.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "fetch_int.h"
#include "robots.h"
#include "strbuf.h"
#include "xalloc.h"

#define ACCEPT_HEADER "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

/* The engine's libcurl handles. */
struct fetch_curl {
    CURLM *multi;
    struct curl_slist *resolve, *headers;
    struct fetch_req *running_head; /* transfers in the multi handle */
    CURL *pool[64];
    size_t pool_len;
};

/* One request's libcurl state. */
struct fetch_xfer {
    CURL *easy;
    struct curl_slist *cond; /* Accept and validators, or NULL */
    char errbuf[CURL_ERROR_SIZE];
};

/* ---- URLs, read with curl's parser -------------------------------------- */

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
    CURLU *u = curl_url();
    char *out = NULL;

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

/* ---- libcurl callbacks -------------------------------------------------- */

static size_t
on_write(char *p, size_t size, size_t n, void *userdata)
{
    struct fetch_req *r = userdata;
    size_t len = size * n;
    long status = 0;

    curl_easy_getinfo(r->xfer->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300)
        return len; /* error pages and redirects: their bodies are unused */
    if (r->kind == FETCH_REQ_PAGE && r->body.len == 0 &&
        !fetch_result_type_is_html(r->ctype)) {
        r->not_html = true; /* a PDF need not be downloaded to be refused */
        return 0;
    }
    if (len > r->limit - r->body.len) {
        /* robots.txt keeps its first part; a page is just too large */
        if (r->kind == FETCH_REQ_ROBOTS)
            strbuf_add(&r->body, p, r->limit - r->body.len);
        r->over_limit = true;
        return 0; /* aborts the transfer: a gzip bomb stops here */
    }
    strbuf_add(&r->body, p, len);
    return len;
}

static size_t
on_header(char *p, size_t size, size_t n, void *userdata)
{
    struct fetch_req *r = userdata;
    size_t len = size * n;
    char *ra = NULL;

    if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
        /* a new response (after a 100 Continue, say) starts afresh */
        free(r->ctype);
        free(r->etag);
        free(r->last_modified);
        r->ctype = r->etag = r->last_modified = NULL;
        r->retry_after_ms = -1;
    } else if (fetch_result_grab_header(p, len, "retry-after", &ra)) {
        r->retry_after_ms = fetch_result_retry_after_ms(
            ra, (long long)curl_getdate(ra, NULL), (long long)time(NULL));
        free(ra);
    } else if (!fetch_result_grab_header(p, len, "content-type", &r->ctype) &&
               !fetch_result_grab_header(p, len, "etag", &r->etag)) {
        fetch_result_grab_header(p, len, "last-modified", &r->last_modified);
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
easy_for(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->curl;
    CURL *c = fc->pool_len > 0 ? fc->pool[--fc->pool_len] : curl_easy_init();

    if (c == NULL)
        return NULL;
    curl_easy_setopt(c, CURLOPT_URL, r->url);
    curl_easy_setopt(c, CURLOPT_PRIVATE, r);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->xfer->errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, e->user_agent);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, e->cfg.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, e->cfg.timeout_ms);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER,
                     r->xfer->cond ? r->xfer->cond : fc->headers);
    if (fc->resolve != NULL)
        curl_easy_setopt(c, CURLOPT_RESOLVE, fc->resolve);
    if (r->kind == FETCH_REQ_PAGE)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                         (curl_off_t)e->cfg.max_size);
    set_protocols(c);
    return c;
}

static void
easy_release(struct fetch_engine *e, CURL *c)
{
    struct fetch_curl *fc = e->curl;

    curl_multi_remove_handle(fc->multi, c);
    if (fc->pool_len < sizeof(fc->pool) / sizeof(fc->pool[0]) &&
        fc->pool_len < (size_t)e->cfg.jobs) {
        curl_easy_reset(c);
        fc->pool[fc->pool_len++] = c;
    } else {
        curl_easy_cleanup(c);
    }
}

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

/* Tells fetch_sched.c that R's transfer ended with CC. */
static void
complete(struct fetch_engine *e, struct fetch_req *r, CURLcode cc, long status,
         char *location)
{
    struct fetch_outcome o = {FETCH_OK, "", status, location};

    if (cc != CURLE_OK) {
        o.kind = curl_kind(cc);
        o.why = r->xfer->errbuf[0] ? r->xfer->errbuf : curl_easy_strerror(cc);
    }
    fetch_sched_complete(e, r, &o);
}

void
fetch_transfer_start(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->curl;

    r->attempt++;
    if (r->started == 0)
        r->started = fetch_sched_now_ms();
    fetch_sched_reset_response(r);
    if (r->xfer == NULL)
        r->xfer = xcalloc(1, sizeof(*r->xfer));
    r->xfer->errbuf[0] = '\0';
    r->limit = r->kind == FETCH_REQ_ROBOTS ? ROBOTS_MAX_BYTES : e->cfg.max_size;
    r->xfer->easy = easy_for(e, r);
    if (r->xfer->easy != NULL &&
        curl_multi_add_handle(fc->multi, r->xfer->easy) != CURLM_OK) {
        curl_easy_cleanup(r->xfer->easy);
        r->xfer->easy = NULL;
    }
    if (r->xfer->easy == NULL) {
        complete(e, r, CURLE_OUT_OF_MEMORY, 0, NULL);
        return;
    }
    e->running++;
    r->host->active++;
    r->rprev = NULL;
    r->rnext = fc->running_head;
    if (fc->running_head != NULL)
        fc->running_head->rprev = r;
    fc->running_head = r;
}

/* Handles a finished transfer from the multi handle. */
static void
transfer_done(struct fetch_engine *e, CURL *c, CURLcode cc)
{
    struct fetch_curl *fc = e->curl;
    struct fetch_req *r = NULL;
    long status = 0;
    char *loc = NULL, *location = NULL;

    curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&r);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK &&
        loc != NULL)
        location = xstrdup(loc);
    easy_release(e, c);
    r->xfer->easy = NULL;
    if (r->rprev != NULL)
        r->rprev->rnext = r->rnext;
    else
        fc->running_head = r->rnext;
    if (r->rnext != NULL)
        r->rnext->rprev = r->rprev;
    r->rprev = r->rnext = NULL;
    e->running--;
    r->host->active--;
    complete(e, r, cc, status, location);
    free(location);
}

static void
drain(struct fetch_engine *e)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(e->curl->multi, &left)) != NULL)
        if (m->msg == CURLMSG_DONE)
            transfer_done(e, m->easy_handle, m->data.result);
}

void
fetch_xfer_free(struct fetch_xfer *x)
{
    if (x == NULL)
        return;
    curl_slist_free_all(x->cond);
    free(x);
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
build_lists(struct fetch_curl *fc, const struct fetch_config *cfg,
            struct ac_err *err)
{
    for (size_t i = 0; i < cfg->resolve_len; i++) {
        if (!resolve_ok(cfg->resolve[i]))
            return ac_err_set(err, AC_E_USAGE,
                              "--resolve \"%s\": expected HOST:PORT:ADDRESS",
                              cfg->resolve[i]);
        fc->resolve = curl_slist_append(fc->resolve, cfg->resolve[i]);
        if (fc->resolve == NULL)
            return ac_err_set(err, AC_E_INTERNAL, "curl_slist_append failed");
    }
    fc->headers = curl_slist_append(NULL, ACCEPT_HEADER);
    if (fc->headers == NULL)
        return ac_err_set(err, AC_E_INTERNAL, "curl_slist_append failed");
    return AC_OK;
}

/* Copies CFG into E, the numbers brought into range. */
static void
copy_config(struct fetch_engine *e, const struct fetch_config *cfg)
{
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
    e->cfg.resolve = NULL; /* copied into e->curl->resolve */
    e->cfg.resolve_len = 0;
}

enum ac_status
fetch_engine_new(const struct fetch_config *cfg, struct fetch_engine **out,
                 struct ac_err *err)
{
    struct fetch_engine *e = xcalloc(1, sizeof(*e));
    enum ac_status rc;

    *out = NULL;
    copy_config(e, cfg);
    e->curl = xcalloc(1, sizeof(*e->curl));
    e->rng = ((uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid()) | 1;
    e->curl->multi = curl_multi_init();
    if (e->curl->multi == NULL) {
        rc = ac_err_set(err, AC_E_INTERNAL, "curl_multi_init failed");
        goto fail;
    }
    curl_multi_setopt(e->curl->multi, CURLMOPT_MAXCONNECTS,
                      (long)e->cfg.jobs * 2);
    if ((rc = build_lists(e->curl, cfg, err)) != AC_OK)
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
    struct fetch_req *r = xcalloc(1, sizeof(*r));

    r->xfer = xcalloc(1, sizeof(*r->xfer));
    r->xfer->cond = cond_headers(hdrs);
    r->conditional = r->xfer->cond != NULL;
    r->kind = FETCH_REQ_PAGE;
    r->done = done;
    r->userdata = userdata;
    r->retry_after_ms = -1;
    r->res = xcalloc(1, sizeof(*r->res));
    r->res->url = xstrdup(url);
    e->pending++;
    fetch_sched_route(e, r, url, from_page, false);
}

size_t
fetch_step(struct fetch_engine *e, long max_wait_ms)
{
    int still = 0;
    long wait;

    fetch_sched_fire_done(e);
    fetch_sched_run(e);
    fetch_sched_fire_done(e);
    if (e->pending == 0)
        return 0;
    wait = fetch_sched_wait_ms(e, max_wait_ms < 0 ? 0 : max_wait_ms);
    if (e->running > 0 || wait > 0)
        curl_multi_poll(e->curl->multi, NULL, 0, (int)wait, NULL);
    curl_multi_perform(e->curl->multi, &still);
    drain(e);
    fetch_sched_run(e);
    fetch_sched_fire_done(e);
    return e->pending;
}

size_t
fetch_pending(const struct fetch_engine *e)
{
    return e->pending;
}

/* Takes running request R off the multi handle and the running list. */
static void
unlink_running(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->curl;

    easy_release(e, r->xfer->easy);
    r->xfer->easy = NULL;
    if (r->rprev != NULL)
        r->rprev->rnext = r->rnext;
    else
        fc->running_head = r->rnext;
    if (r->rnext != NULL)
        r->rnext->rprev = r->rprev;
    r->rprev = r->rnext = NULL;
    e->running--;
    r->host->active--;
}

void
fetch_engine_abort(struct fetch_engine *e)
{
    struct fetch_req *r;

    if (e == NULL || e->aborted)
        return;
    e->aborted = true;
    while ((r = e->curl->running_head) != NULL) {
        unlink_running(e, r);
        if (r->kind == FETCH_REQ_ROBOTS) {
            fetch_host_unref(&e->hosts, r->host);
            fetch_sched_req_free(r);
        } else {
            fetch_sched_finish_err(e, r, FETCH_E_ABORTED, "aborted");
        }
    }
    fetch_sched_abort_queued(e);
}

void
fetch_engine_free(struct fetch_engine *e)
{
    struct fetch_req *r, *next;
    struct fetch_curl *fc;

    if (e == NULL)
        return;
    fc = e->curl;
    for (r = fc->running_head; r != NULL; r = next) {
        next = r->rnext;
        curl_multi_remove_handle(fc->multi, r->xfer->easy);
        curl_easy_cleanup(r->xfer->easy);
        fetch_sched_req_free(r);
    }
    fetch_sched_free(e);
    while (fc->pool_len > 0)
        curl_easy_cleanup(fc->pool[--fc->pool_len]);
    if (fc->multi != NULL)
        curl_multi_cleanup(fc->multi);
    curl_slist_free_all(fc->resolve);
    curl_slist_free_all(fc->headers);
    free(fc);
    free(e->user_agent);
    free(e);
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
