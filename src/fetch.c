/* SPDX-License-Identifier: MIT */
/*
 * fetch: the fetch engine on libcurl.  It is the scheduler's transport
 * (struct fetch_transport): it sets up and pools easy handles, drives the
 * multi handle and turns curl's callbacks and result codes into our
 * terms; and it makes the public engine (fetch_engine_new, fetch_step,
 * fetch_engine_free) from the scheduler and that transport.  The queues,
 * hosts, robots.txt, redirects and retries are in fetch_sched.c and
 * fetch_host.c, file:// in fetch_file.c, URL parts in fetch_url.c; with
 * fetch_url.c it is the only code including <curl/curl.h>.  It does not
 * parse HTML or convert charsets.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fetch_int.h"
#include "netguard.h"
#include "robots.h"
#include "strbuf.h"
#include "xalloc.h"

#define ACCEPT_HEADER "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

/* The engine's libcurl handles. */
struct fetch_curl {
    CURLM *multi;
    struct curl_slist *resolve, *headers;
    CURL *pool[64];
    size_t pool_len;
    struct netguard guard; /* --deny-private */
};

/* One request's libcurl state. */
struct fetch_xfer {
    CURL *easy;
    struct curl_slist *cond; /* Accept and validators, or NULL */
    char errbuf[CURL_ERROR_SIZE];
    const struct netguard *guard; /* the engine's */
    char refused[96]; /* "ADDRESS (CLASS)" the guard refused, or "" */
    /* for fetch_config.record only: the exchange as it went */
    struct strbuf req, head; /* request and response headers */
    size_t seen;             /* body bytes received, kept or not */
    long long date;
    char ip[64];
};

/* ---- libcurl callbacks -------------------------------------------------- */

static size_t
on_write(char *p, size_t size, size_t n, void *userdata)
{
    struct fetch_req *r = userdata;
    size_t len = size * n;
    long status = 0;

    curl_easy_getinfo(r->xfer->easy, CURLINFO_RESPONSE_CODE, &status);
    r->xfer->seen += len;
    if (status < 200 || status >= 300)
        return len; /* error pages and redirects: their bodies are unused */
    if (r->kind == FETCH_REQ_PAGE && r->body.len == 0 && !r->any_type &&
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

/* Response headers kept at most, below libcurl's own 300 KiB cap, so
 * that a server sending endless headers gets the error kind too-large
 * (libcurl's cap reads as a connection error). */
#define HEAD_MAX (256 * 1024)

static size_t
on_header(char *p, size_t size, size_t n, void *userdata)
{
    struct fetch_req *r = userdata;
    size_t len = size * n;
    char *ra = NULL;

    if (len >= 5 && memcmp(p, "HTTP/", 5) == 0)
        strbuf_truncate(&r->xfer->head, 0); /* kept for evidence */
    if (len > HEAD_MAX - r->xfer->head.len) {
        r->head_over = true;
        return 0; /* aborts the transfer */
    }
    strbuf_add(&r->xfer->head, p, len);
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

/* Opens the socket for a connection libcurl is about to make, unless the
 * guard refuses its address: then curl tries the host's next address,
 * and the transfer fails (private-address) if none is left. */
static curl_socket_t
on_opensocket(void *userdata, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct fetch_req *r = userdata;

    (void)purpose;
    if (netguard_refuses(r->xfer->guard, &a->addr, a->addrlen, r->xfer->refused,
                         sizeof r->xfer->refused))
        return CURL_SOCKET_BAD;
    return socket(a->family, a->socktype, a->protocol);
}

/* The request headers as sent, for evidence (CURLOPT_DEBUGFUNCTION). */
static int
on_debug(CURL *c, curl_infotype type, char *data, size_t size, void *userdata)
{
    struct fetch_req *r = userdata;

    (void)c;
    if (type == CURLINFO_HEADER_OUT) {
        strbuf_truncate(&r->xfer->req, 0); /* the last request sent */
        strbuf_add(&r->xfer->req, data, size);
    }
    return 0;
}

/* ---- the transport: starting and ending transfers ---------------------- */

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

/* Appends "NAME: VALUE" to *LIST when VALUE is set (it was checked when
 * the request was submitted). */
static bool
add_header(struct curl_slist **list, const char *name, const char *value)
{
    struct curl_slist *l;
    char *line;

    if (value == NULL)
        return false;
    line = xasprintf("%s: %s", name, value);
    l = curl_slist_append(*list, line);
    free(line);
    if (l != NULL)
        *list = l;
    return l != NULL;
}

/* The headers of conditional request R: Accept plus its validators. */
static struct curl_slist *
cond_headers(const struct fetch_req *r)
{
    struct curl_slist *l = curl_slist_append(NULL, ACCEPT_HEADER);

    if (l == NULL)
        return NULL;
    add_header(&l, "If-None-Match", r->if_none_match);
    add_header(&l, "If-Modified-Since", r->if_modified_since);
    return l;
}

/* Returns an easy handle set up for R (reused from the pool when we can:
 * connections live in the multi handle's cache either way), or NULL. */
static CURL *
easy_for(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->tp;
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
    if (fc->guard.deny_private) {
        curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_opensocket);
        curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, r);
        /* a proxy would connect for us, out of the guard's sight */
        curl_easy_setopt(c, CURLOPT_PROXY, "");
    }
    if (r->kind == FETCH_REQ_PAGE)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                         (curl_off_t)e->cfg.max_size);
    if (e->cfg.record != NULL) { /* verbose only feeds on_debug */
        curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
        curl_easy_setopt(c, CURLOPT_DEBUGDATA, r);
        curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
    }
    set_protocols(c);
    return c;
}

static void
easy_release(struct fetch_engine *e, CURL *c)
{
    struct fetch_curl *fc = e->tp;

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

/* Hands R's exchange to fetch_config.record; the response record's id
 * goes to R's result. */
static void
record(struct fetch_engine *e, struct fetch_req *r, CURLcode cc)
{
    struct fetch_xfer *x = r->xfer;
    struct fetch_exchange ex = {0};
    char *id;

    if (e->cfg.record == NULL || (x->req.len == 0 && x->head.len == 0))
        return;
    ex.url = r->url;
    ex.ip = x->ip;
    ex.date = x->date;
    ex.request = x->req.buf ? x->req.buf : "";
    ex.request_len = x->req.len;
    ex.head = x->head.buf ? x->head.buf : "";
    ex.head_len = x->head.len;
    ex.body = r->body.buf ? r->body.buf : "";
    ex.body_len = r->body.len;
    if (r->over_limit || cc == CURLE_FILESIZE_EXCEEDED)
        ex.truncated = "length";
    else if (cc != CURLE_OK || x->seen != r->body.len)
        ex.truncated = "unspecified";
    id = e->cfg.record(&ex, e->cfg.record_arg);
    if (r->res != NULL) {
        free(r->res->record_id);
        r->res->record_id = id;
    } else {
        free(id);
    }
}

/* Tells fetch_sched.c that R's transfer ended with CC. */
static void
complete(struct fetch_engine *e, struct fetch_req *r, CURLcode cc, long status,
         char *location)
{
    struct fetch_outcome o = {FETCH_OK, "", status, location};
    char why[160];

    record(e, r, cc);
    if (r->head_over) {
        snprintf(why, sizeof why, "response headers over %d KiB",
                 HEAD_MAX / 1024);
        o.kind = FETCH_E_TOO_LARGE;
        o.why = why;
    } else if (cc != CURLE_OK && r->xfer->refused[0] != '\0') {
        snprintf(why, sizeof why, "refused to connect to %s: --deny-private",
                 r->xfer->refused);
        o.kind = FETCH_E_PRIVATE;
        o.why = why;
    } else if (cc != CURLE_OK) {
        o.kind = curl_kind(cc);
        o.why = r->xfer->errbuf[0] ? r->xfer->errbuf : curl_easy_strerror(cc);
    }
    fetch_sched_complete(e, r, &o);
}

/* The transport's start(): R->attempt, started, limit and the running
 * count are the scheduler's; this only hands R to the multi handle. */
static void
curl_start(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->tp;

    if (r->xfer == NULL) {
        r->xfer = xcalloc(1, sizeof(*r->xfer));
        if (r->conditional)
            r->xfer->cond = cond_headers(r);
    }
    r->xfer->errbuf[0] = '\0';
    r->xfer->refused[0] = '\0';
    r->xfer->guard = &fc->guard;
    strbuf_truncate(&r->xfer->req, 0);
    strbuf_truncate(&r->xfer->head, 0);
    r->xfer->seen = 0;
    r->xfer->ip[0] = '\0';
    r->xfer->date = (long long)time(NULL);
    r->xfer->easy = easy_for(e, r);
    if (r->xfer->easy != NULL &&
        curl_multi_add_handle(fc->multi, r->xfer->easy) != CURLM_OK) {
        curl_easy_cleanup(r->xfer->easy);
        r->xfer->easy = NULL;
    }
    if (r->xfer->easy == NULL)
        complete(e, r, CURLE_OUT_OF_MEMORY, 0, NULL);
}

/* The transport's cancel(): drops R's easy handle and headers. */
static void
curl_cancel(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_curl *fc = e->tp;

    if (r->xfer == NULL)
        return;
    if (r->xfer->easy != NULL) {
        curl_multi_remove_handle(fc->multi, r->xfer->easy);
        curl_easy_cleanup(r->xfer->easy);
    }
    curl_slist_free_all(r->xfer->cond);
    strbuf_release(&r->xfer->req);
    strbuf_release(&r->xfer->head);
    free(r->xfer);
    r->xfer = NULL;
}

static const struct fetch_transport curl_transport = {curl_start, curl_cancel};

/* Handles a finished transfer from the multi handle. */
static void
transfer_done(struct fetch_engine *e, CURL *c, CURLcode cc)
{
    struct fetch_req *r = NULL;
    long status = 0;
    char *loc = NULL, *location = NULL, *ip = NULL;

    curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&r);
    if (curl_easy_getinfo(c, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK &&
        ip != NULL)
        snprintf(r->xfer->ip, sizeof r->xfer->ip, "%s", ip);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK &&
        loc != NULL)
        location = xstrdup(loc);
    easy_release(e, c);
    r->xfer->easy = NULL;
    complete(e, r, cc, status, location);
    free(location);
}

static void
drain(struct fetch_engine *e)
{
    struct fetch_curl *fc = e->tp;
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(fc->multi, &left)) != NULL)
        if (m->msg == CURLMSG_DONE)
            transfer_done(e, m->easy_handle, m->data.result);
}

/* ---- the interface ------------------------------------------------------ */

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

/* Frees the curl transport's state FC.  NULL is a no-op. */
static void
curl_free_state(struct fetch_curl *fc)
{
    if (fc == NULL)
        return;
    while (fc->pool_len > 0)
        curl_easy_cleanup(fc->pool[--fc->pool_len]);
    if (fc->multi != NULL)
        curl_multi_cleanup(fc->multi);
    curl_slist_free_all(fc->resolve);
    curl_slist_free_all(fc->headers);
    free(fc);
}

enum ac_status
fetch_engine_new(const struct fetch_config *cfg, struct fetch_engine **out,
                 struct ac_err *err)
{
    struct fetch_curl *fc = xcalloc(1, sizeof(*fc));
    struct fetch_clock clock = {fetch_sched_monotonic_ms, NULL};
    enum ac_status rc;

    *out = NULL;
    fetch_global_init();
    fc->multi = curl_multi_init();
    if (fc->multi == NULL) {
        rc = ac_err_set(err, AC_E_INTERNAL, "curl_multi_init failed");
        goto fail;
    }
    curl_multi_setopt(fc->multi, CURLMOPT_MAXCONNECTS,
                      (long)(cfg->jobs < 1 ? 1 : cfg->jobs) * 2);
    if ((rc = build_lists(fc, cfg, err)) != AC_OK)
        goto fail;
    if ((rc = netguard_init(&fc->guard, cfg->deny_private, cfg->test_public,
                            err)) != AC_OK)
        goto fail;
    *out = fetch_sched_engine_new(cfg, &curl_transport, fc, clock);
    return AC_OK;
fail:
    curl_free_state(fc);
    return rc;
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
        curl_multi_poll(((struct fetch_curl *)e->tp)->multi, NULL, 0, (int)wait,
                        NULL);
    curl_multi_perform(((struct fetch_curl *)e->tp)->multi, &still);
    drain(e);
    fetch_sched_run(e);
    fetch_sched_fire_done(e);
    return e->pending;
}

void
fetch_engine_free(struct fetch_engine *e)
{
    struct fetch_curl *fc;

    if (e == NULL)
        return;
    fc = e->tp;
    fetch_sched_engine_free(e); /* cancels running transfers through fc */
    curl_free_state(fc);
}

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static bool global_done;

static void
global_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    global_done = true;
}

void
fetch_global_init(void)
{
    pthread_once(&global_once, global_init_once);
}

void
fetch_global_cleanup(void)
{
    if (global_done)
        curl_global_cleanup();
}
