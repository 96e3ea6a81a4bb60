/* SPDX-License-Identifier: MIT */
/*
 * fetch_sched: the life of a request, without libcurl.  A URL is routed
 * (checked, remapped) to its host's queue or the file list; the scheduler
 * starts what robots.txt, --per-host, pacing and --jobs allow; a finished
 * transfer is judged here (retry with backoff, follow a redirect hop,
 * settle robots.txt, or finish); finished requests fire their callbacks.
 * The transfers themselves are fetch.c's.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch_int.h"
#include "remap.h"
#include "robots.h"
#include "xalloc.h"

#define MAX_REDIRECTS   10
#define MAX_ROBOTS_HOPS 5

long long
fetch_sched_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
    r->over_limit = r->not_html = false;
    r->retry_after_ms = -1;
}

void
fetch_sched_req_free(struct fetch_req *r)
{
    if (r == NULL)
        return;
    fetch_sched_reset_response(r);
    free(r->url);
    fetch_xfer_free(r->xfer);
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
        r->started ? (long)(fetch_sched_now_ms() - r->started) : 0;
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
    r->not_before = fetch_sched_now_ms() + backoff;
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
    if (r->over_limit || o->kind == FETCH_E_TOO_LARGE) {
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
        fetch_host_pause(r->host, r->retry_after_ms, fetch_sched_now_ms());
        if (!retry(e, r))
            http_status_error(e, r, s);
    } else if (s < 200 || s >= 300) {
        http_status_error(e, r, s);
    } else {
        fetch_result_check_html(r->res, r->ctype,
                                r->body.buf ? r->body.buf : "", r->body.len);
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
        fetch_transfer_start(e, r);
        return;
    }
    fetch_host_robots_settle(h, r, o, e->cfg.max_crawl_delay_ms);
    fetch_host_unref(&e->hosts, h);
    fetch_sched_req_free(r);
}

void
fetch_sched_complete(struct fetch_engine *e, struct fetch_req *r,
                     const struct fetch_outcome *o)
{
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
    fetch_transfer_start(e, r);
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
        fetch_transfer_start(e, r);
    }
}

void
fetch_sched_run(struct fetch_engine *e)
{
    long long now = fetch_sched_now_ms();
    struct fetch_host *h, *next;

    e->next_wake = LLONG_MAX;
    fetch_file_read_queued(e);
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
        fetch_sched_req_free(r);
        e->pending--;
        done(res, userdata); /* may submit more: the lists are consistent */
    }
}

/* Until a transfer moves or a paced or paused request may start. */
long
fetch_sched_wait_ms(const struct fetch_engine *e, long max_wait_ms)
{
    long long until = e->next_wake - fetch_sched_now_ms();
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
free_chain(struct fetch_req *r)
{
    struct fetch_req *next;

    for (; r != NULL; r = next) {
        next = r->next;
        fetch_sched_req_free(r);
    }
}

void
fetch_sched_free(struct fetch_engine *e)
{
    for (struct fetch_host *h = e->hosts.busy.head; h != NULL; h = h->next)
        free_chain(h->qhead);
    free_chain(e->files_head);
    free_chain(e->done_head);
    fetch_host_free_all(&e->hosts);
}
