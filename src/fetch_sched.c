/* SPDX-License-Identifier: MIT */
/*
 * fetch_sched: the life of a request, without libcurl.  A URL is routed
 * (checked, remapped) to its host's queue or the file list; the scheduler
 * starts what robots.txt, --per-host, pacing and --jobs allow; a finished
 * transfer is judged here (retry with backoff, follow a redirect hop,
 * settle robots.txt, or finish); finished requests fire their callbacks.
 * It is handed a transport (struct fetch_transport: fetch.c's libcurl, or
 * a fake) and a clock, so it never reads the time or moves a byte itself;
 * test_fetch_sched drives it with fakes.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fetch_int.h"
#include "remap.h"
#include "robots.h"
#include "xalloc.h"

#define MAX_REDIRECTS   10
#define MAX_ROBOTS_HOPS 5

long long
fetch_sched_monotonic_ms(void *arg)
{
    (void)arg;
    return clock_monotonic_ms();
}

long long
fetch_sched_now_ms(const struct fetch_engine *e)
{
    return e->clock.now_ms(e->clock.arg);
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

/* ---- requests --------------------------------------------------------- */

void
fetch_sched_reset_response(struct fetch_req *r)
{
    strbuf_release(&r->body);
    free(r->ctype);
    free(r->etag);
    free(r->last_modified);
    r->ctype = r->etag = r->last_modified = NULL;
    r->over_limit = r->not_html = r->head_over = false;
    r->retry_after_ms = -1;
}

void
fetch_sched_req_free(struct fetch_engine *e, struct fetch_req *r)
{
    if (r == NULL)
        return;
    e->transport->cancel(e, r);
    fetch_sched_reset_response(r);
    free(r->url);
    free(r->if_none_match);
    free(r->if_modified_since);
    fetch_result_free(r->res);
    free(r);
}

static void
queue_push(struct fetch_host *h, struct fetch_req *r, bool front)
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

static struct fetch_req *
queue_pop(struct fetch_host *h)
{
    struct fetch_req *r = h->qhead;

    h->qhead = r->next;
    if (h->qhead == NULL)
        h->qtail = NULL;
    r->next = NULL;
    return r;
}

void
fetch_sched_finish(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_result *res = r->res;

    if (r->host != NULL) {
        fetch_host_unref(&e->hosts, r->host);
        r->host = NULL;
    }
    free(res->final_url);
    res->final_url = xstrdup(r->url);
    res->elapsed_ms =
        r->started ? (long)(fetch_sched_now_ms(e) - r->started) : 0;
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

void
fetch_sched_finish_err(struct fetch_engine *e, struct fetch_req *r,
                       enum fetch_error kind, const char *msg)
{
    fetch_result_fail(r->res, kind, "%s", msg);
    fetch_sched_finish(e, r);
}

/* ---- routing a URL to its queue ---------------------------------------- */

static void
queue_file(struct fetch_engine *e, struct fetch_req *r)
{
    r->is_file = true;
    r->next = NULL;
    if (e->files_tail != NULL)
        e->files_tail->next = r;
    else
        e->files_head = r;
    e->files_tail = r;
}

/* Finishes R, whose URL has scheme SCHEME (maybe NULL) but no host key. */
static void
refuse_url(struct fetch_engine *e, struct fetch_req *r, const char *scheme)
{
    if (scheme == NULL)
        fetch_result_fail(r->res, FETCH_E_SCHEME, "not an absolute URL");
    else if (is_http_scheme(scheme))
        fetch_result_fail(r->res, FETCH_E_SCHEME, "malformed URL");
    else
        fetch_result_fail(r->res, FETCH_E_SCHEME, "unsupported scheme: %s",
                          scheme);
    fetch_sched_finish(e, r);
}

/*
 * Points R at URL (a target or a redirect hop) and queues it.  UNTRUSTED
 * URLs (from pages and servers) must be http(s) before remapping; after
 * remapping, the user's rules are trusted, file:// included.
 */
void
fetch_sched_route(struct fetch_engine *e, struct fetch_req *r, const char *url,
                  bool untrusted, bool front)
{
    char *scheme = scheme_of(url), *mapped = NULL, *key = NULL;
    struct ac_err err;

    free(r->url);
    r->url = xstrdup(url);
    if (e->aborted) {
        fetch_sched_finish_err(e, r, FETCH_E_ABORTED, "aborted");
        goto out;
    }
    if (untrusted && !is_http_scheme(scheme)) {
        fetch_result_fail(r->res, FETCH_E_SCHEME,
                          "refusing %s%s URL from a page",
                          scheme ? scheme : "a malformed", scheme ? ":" : "");
        fetch_sched_finish(e, r);
        goto out;
    }
    if (remap_apply(e->cfg.remaps, url, &mapped, &err) != AC_OK) {
        fetch_sched_finish_err(e, r, FETCH_E_IO, err.msg);
        goto out;
    }
    if (mapped != NULL) {
        free(r->url);
        r->url = mapped;
        free(scheme);
        scheme = scheme_of(r->url);
    }
    if (strlen(r->url) > FETCH_URL_MAX) {
        fetch_result_fail(r->res, FETCH_E_TOO_LARGE, "URL longer than %d KiB",
                          FETCH_URL_MAX / 1024);
        fetch_sched_finish(e, r);
        goto out;
    }
    if (scheme != NULL && strcmp(scheme, "file") == 0) {
        queue_file(e, r);
        goto out;
    }
    key = is_http_scheme(scheme) ? fetch_url_host_key(r->url) : NULL;
    if (key == NULL) {
        refuse_url(e, r, scheme);
        goto out;
    }
    r->host = fetch_host_get(&e->hosts, key, e->cfg.delay_ms);
    fetch_host_ref(&e->hosts, r->host);
    queue_push(r->host, r, front);
out:
    free(scheme);
    free(key);
}

/* ---- starting a transfer ------------------------------------------------ */

/* Starts R's transfer through the transport; it counts as running (for
 * --jobs and --per-host) until the transport completes it. */
static void
start_transfer(struct fetch_engine *e, struct fetch_req *r)
{
    r->attempt++;
    if (r->started == 0)
        r->started = fetch_sched_now_ms(e);
    fetch_sched_reset_response(r);
    r->limit = r->kind == FETCH_REQ_ROBOTS ? ROBOTS_MAX_BYTES : e->cfg.max_size;
    e->running++;
    r->host->active++;
    r->rprev = NULL;
    r->rnext = e->running_head;
    if (e->running_head != NULL)
        e->running_head->rprev = r;
    e->running_head = r;
    e->transport->start(e, r);
}

/* ---- deciding what a finished transfer means ---------------------------- */

/* Queues R again after a jittered exponential backoff, if it has retries
 * left.  Returns false when it has none. */
static bool
retry(struct fetch_engine *e, struct fetch_req *r)
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
    r->not_before = fetch_sched_now_ms(e) + backoff;
    queue_push(r->host, r, true);
    return true;
}

/* Follows a redirect of page request R to LOCATION: loop and count checks,
 * then the hop is queued like a link from a page. */
static void
follow(struct fetch_engine *e, struct fetch_req *r, long status,
       const char *location)
{
    struct fetch_result *res = r->res;

    if (res->redirects_len >= MAX_REDIRECTS) {
        fetch_sched_finish_err(e, r, FETCH_E_REDIRECT_LOOP,
                               "more than 10 redirects");
        return;
    }
    res->redirects = xreallocarray(res->redirects, res->redirects_len + 1,
                                   sizeof(*res->redirects));
    res->redirects[res->redirects_len].url = xstrdup(r->url);
    res->redirects[res->redirects_len++].status = status;
    for (size_t i = 0; i < res->redirects_len; i++) {
        if (strcmp(res->redirects[i].url, location) == 0) {
            fetch_result_fail(res, FETCH_E_REDIRECT_LOOP,
                              "redirect loop back to %s", location);
            fetch_sched_finish(e, r);
            return;
        }
    }
    fetch_host_unref(&e->hosts, r->host);
    r->host = NULL;
    r->attempt = 0;
    fetch_sched_route(e, r, location, true, true);
}

static void
http_status_error(struct fetch_engine *e, struct fetch_req *r, long status)
{
    enum fetch_error kind = FETCH_E_HTTP;

    if (status == 429)
        kind = FETCH_E_RATE_LIMITED;
    else if (status == 403 || status == 999)
        kind = FETCH_E_BLOCKED;
    fetch_result_fail(r->res, kind, "HTTP %ld", status);
    fetch_sched_finish(e, r);
}

static void
page_done(struct fetch_engine *e, struct fetch_req *r,
          const struct fetch_outcome *o)
{
    long s = o->status;

    r->res->http_status = s;
    if (r->head_over) {
        fetch_sched_finish_err(e, r, o->kind, o->why);
    } else if (r->over_limit || o->kind == FETCH_E_TOO_LARGE) {
        fetch_result_fail(r->res, FETCH_E_TOO_LARGE, "larger than %zu bytes",
                          e->cfg.max_size);
        fetch_sched_finish(e, r);
    } else if (r->not_html) {
        fetch_result_check_html(r->res, r->ctype, "", 0);
        fetch_sched_finish(e, r);
    } else if (o->kind != FETCH_OK) {
        if ((o->kind == FETCH_E_CONNECT || o->kind == FETCH_E_TIMEOUT) &&
            retry(e, r))
            return;
        fetch_sched_finish_err(e, r, o->kind, o->why);
    } else if (s == 304 && r->conditional) {
        fetch_sched_finish(e, r); /* not modified: no error, no body */
    } else if (s >= 300 && s < 400 && o->location != NULL) {
        follow(e, r, s, o->location);
    } else if (s == 429 || s == 502 || s == 503 || s == 504) {
        fetch_host_pause(r->host, r->retry_after_ms, fetch_sched_now_ms(e));
        if (!retry(e, r))
            http_status_error(e, r, s);
    } else if (s < 200 || s >= 300) {
        http_status_error(e, r, s);
    } else {
        if (!r->any_type)
            fetch_result_check_html(
                r->res, r->ctype, r->body.buf ? r->body.buf : "", r->body.len);
        fetch_sched_finish(e, r);
    }
}

static void
robots_done(struct fetch_engine *e, struct fetch_req *r,
            const struct fetch_outcome *o)
{
    struct fetch_host *h = r->host;
    char *scheme = o->location ? scheme_of(o->location) : NULL;
    bool hop = o->kind == FETCH_OK && o->status >= 300 && o->status < 400 &&
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
    fetch_host_robots_settle(h, r, o, e->cfg.max_crawl_delay_ms);
    fetch_host_unref(&e->hosts, h);
    fetch_sched_req_free(e, r);
}

/* Takes running request R off the running list and counts. */
static void
unlink_running(struct fetch_engine *e, struct fetch_req *r)
{
    if (r->rprev != NULL)
        r->rprev->rnext = r->rnext;
    else
        e->running_head = r->rnext;
    if (r->rnext != NULL)
        r->rnext->rprev = r->rprev;
    r->rprev = r->rnext = NULL;
    e->running--;
    r->host->active--;
}

void
fetch_sched_complete(struct fetch_engine *e, struct fetch_req *r,
                     const struct fetch_outcome *o)
{
    unlink_running(e, r);
    if (r->kind == FETCH_REQ_ROBOTS)
        robots_done(e, r, o);
    else
        page_done(e, r, o);
}

/* ---- the scheduler ------------------------------------------------------ */

/* Returns whether H's robots.txt lets R through; if not, R is finished. */
static bool
robots_pass(struct fetch_engine *e, struct fetch_host *h, struct fetch_req *r)
{
    char *pq;
    bool ok;

    if (e->cfg.ignore_robots)
        return true;
    if (h->disallow_all) {
        fetch_sched_finish_err(e, r, h->robots_kind, h->robots_why);
        return false;
    }
    pq = fetch_url_path_query(r->url);
    ok = robots_allowed(h->robots, pq);
    free(pq);
    if (!ok)
        fetch_sched_finish_err(e, r, FETCH_E_ROBOTS,
                               "disallowed by robots.txt");
    return ok;
}

static void
start_robots(struct fetch_engine *e, struct fetch_host *h, long long now)
{
    struct fetch_req *r = xcalloc(1, sizeof(*r));

    r->kind = FETCH_REQ_ROBOTS;
    r->url = xasprintf("%s/robots.txt", h->key);
    r->host = h;
    r->retry_after_ms = -1;
    fetch_host_ref(&e->hosts, h);
    h->rstate = FETCH_ROBOTS_FETCHING;
    h->next_start = now + h->delay_ms;
    start_transfer(e, r);
}

/* Starts what host H may start now; notes when it may start more. */
static void
host_start(struct fetch_engine *e, struct fetch_host *h, long long now)
{
    while (h->qhead != NULL && e->running < e->cfg.jobs) {
        long long at;
        struct fetch_req *r;

        if (!e->cfg.ignore_robots && h->rstate != FETCH_ROBOTS_READY) {
            if (h->rstate == FETCH_ROBOTS_UNKNOWN)
                start_robots(e, h, now);
            return;
        }
        if (h->active >= e->cfg.per_host)
            return;
        at = fetch_host_start_at(h, h->qhead->not_before);
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

/* Reads every queued file request and finishes it. */
static void
read_files(struct fetch_engine *e)
{
    struct fetch_req *r;

    while ((r = e->files_head) != NULL) {
        e->files_head = r->next;
        if (e->files_head == NULL)
            e->files_tail = NULL;
        r->started = fetch_sched_now_ms(e);
        fetch_file_read(r, e->cfg.max_size);
        fetch_sched_finish(e, r);
    }
}

void
fetch_sched_run(struct fetch_engine *e)
{
    long long now = fetch_sched_now_ms(e);
    struct fetch_host *h, *next;

    e->next_wake = LLONG_MAX;
    read_files(e);
    for (h = e->hosts.busy.head; h != NULL && e->running < e->cfg.jobs;
         h = next) {
        next = h->next; /* H may go idle if its last request ends here */
        host_start(e, h, now);
    }
}

void
fetch_sched_fire_done(struct fetch_engine *e)
{
    struct fetch_req *r;

    while ((r = e->done_head) != NULL) {
        struct fetch_result *res = r->res;
        fetch_done_fn done = r->done;
        void *userdata = r->userdata;

        e->done_head = r->next;
        if (e->done_head == NULL)
            e->done_tail = NULL;
        r->res = NULL;
        fetch_sched_req_free(e, r);
        e->pending--;
        done(res, userdata); /* may submit more: the lists are consistent */
    }
}

/* Until a transfer moves or a paced or paused request may start. */
long
fetch_sched_wait_ms(const struct fetch_engine *e, long max_wait_ms)
{
    long long until = e->next_wake - fetch_sched_now_ms(e);
    long wait = max_wait_ms;

    if (e->done_head != NULL || e->files_head != NULL)
        return 0;
    if (e->running == 0 && e->next_wake == LLONG_MAX)
        return 0;
    if (e->next_wake != LLONG_MAX && until < wait)
        wait = until < 0 ? 0 : (long)until;
    return wait > INT_MAX ? INT_MAX : wait;
}

void
fetch_sched_abort_queued(struct fetch_engine *e)
{
    struct fetch_host *h, *next;
    struct fetch_req *r;

    for (h = e->hosts.busy.head; h != NULL; h = next) {
        next = h->next; /* H goes idle when its last request ends */
        while (h->qhead != NULL) {
            r = queue_pop(h);
            fetch_sched_finish_err(e, r, FETCH_E_ABORTED, "aborted");
        }
    }
    while ((r = e->files_head) != NULL) {
        e->files_head = r->next;
        if (e->files_head == NULL)
            e->files_tail = NULL;
        fetch_sched_finish_err(e, r, FETCH_E_ABORTED, "aborted");
    }
}

static void
free_chain(struct fetch_engine *e, struct fetch_req *r)
{
    struct fetch_req *next;

    for (; r != NULL; r = next) {
        next = r->next;
        fetch_sched_req_free(e, r);
    }
}

void
fetch_sched_engine_free(struct fetch_engine *e)
{
    struct fetch_req *r, *next;

    if (e == NULL)
        return;
    for (r = e->running_head; r != NULL; r = next) {
        next = r->rnext;
        fetch_sched_req_free(e, r); /* the transport's cancel() stops it */
    }
    for (struct fetch_host *h = e->hosts.busy.head; h != NULL; h = h->next)
        free_chain(e, h->qhead);
    free_chain(e, e->files_head);
    free_chain(e, e->done_head);
    fetch_host_free_all(&e->hosts);
    free(e->user_agent);
    free(e);
}

/* ---- the engine and its public interface (fetch.h) ---------------------- */

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
    e->cfg.resolve = NULL; /* the transport copies what it needs */
    e->cfg.resolve_len = 0;
    e->cfg.test_public = NULL; /* read by the transport, not kept */
}

struct fetch_engine *
fetch_sched_engine_new(const struct fetch_config *cfg,
                       const struct fetch_transport *t, void *tp,
                       struct fetch_clock clock)
{
    struct fetch_engine *e = xcalloc(1, sizeof(*e));

    copy_config(e, cfg);
    e->transport = t;
    e->tp = tp;
    e->clock = clock;
    e->rng = ((uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid()) | 1;
    return e;
}

/* A copy of V when it may go into a request header as it is, or NULL. */
static char *
header_value(const char *v)
{
    size_t n = 0;

    if (v == NULL)
        return NULL;
    for (; v[n] != '\0'; n++)
        if ((unsigned char)v[n] < 0x20 || v[n] == 0x7f)
            return NULL;
    return n > 0 && n <= 1024 ? xstrdup(v) : NULL;
}

void
fetch_submit(struct fetch_engine *e, const char *url, bool from_page,
             fetch_done_fn done, void *userdata)
{
    fetch_submit_ex(e, url, from_page, NULL, done, userdata);
}

static void submit(struct fetch_engine *e, const char *url, bool from_page,
                   const struct fetch_headers *hdrs, bool any_type,
                   fetch_done_fn done, void *userdata);

void
fetch_submit_ex(struct fetch_engine *e, const char *url, bool from_page,
                const struct fetch_headers *hdrs, fetch_done_fn done,
                void *userdata)
{
    submit(e, url, from_page, hdrs, false, done, userdata);
}

void
fetch_submit_any(struct fetch_engine *e, const char *url, fetch_done_fn done,
                 void *userdata)
{
    submit(e, url, false, NULL, true, done, userdata);
}

static void
submit(struct fetch_engine *e, const char *url, bool from_page,
       const struct fetch_headers *hdrs, bool any_type, fetch_done_fn done,
       void *userdata)
{
    struct fetch_req *r = xcalloc(1, sizeof(*r));

    r->any_type = any_type;
    if (hdrs != NULL) {
        r->if_none_match = header_value(hdrs->if_none_match);
        r->if_modified_since = header_value(hdrs->if_modified_since);
    }
    r->conditional = r->if_none_match != NULL || r->if_modified_since != NULL;
    r->kind = FETCH_REQ_PAGE;
    r->done = done;
    r->userdata = userdata;
    r->retry_after_ms = -1;
    r->res = xcalloc(1, sizeof(*r->res));
    r->res->url = xstrdup(url);
    e->pending++;
    fetch_sched_route(e, r, url, from_page, false);
}

bool
fetch_robots_sitemaps(const struct fetch_engine *e, const char *url,
                      fetch_sitemap_fn fn, void *arg)
{
    char *key = fetch_url_host_key(url);
    const struct fetch_host *h = key ? fetch_host_find(&e->hosts, key) : NULL;
    size_t i;

    free(key);
    if (h == NULL || h->rstate != FETCH_ROBOTS_READY)
        return false;
    for (i = 0; i < robots_sitemap_count(h->robots); i++)
        fn(robots_sitemap_at(h->robots, i), arg);
    return true;
}

size_t
fetch_pending(const struct fetch_engine *e)
{
    return e->pending;
}

void
fetch_engine_abort(struct fetch_engine *e)
{
    struct fetch_req *r;

    if (e == NULL || e->aborted)
        return;
    e->aborted = true;
    while ((r = e->running_head) != NULL) {
        unlink_running(e, r);
        e->transport->cancel(e, r);
        if (r->kind == FETCH_REQ_ROBOTS) {
            fetch_host_unref(&e->hosts, r->host);
            fetch_sched_req_free(e, r);
        } else {
            fetch_sched_finish_err(e, r, FETCH_E_ABORTED, "aborted");
        }
    }
    fetch_sched_abort_queued(e);
}
