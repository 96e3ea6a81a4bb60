/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the fetch scheduler (fetch_sched.c, fetch_host.c) with a
 * fake transport and a fake clock: no server, no sleeping, no timing
 * assertions.  The test decides when each transfer ends and what it
 * answers, and moves the clock itself, so pacing (--delay, robots.txt
 * Crawl-delay), Retry-After pauses, retries with backoff, robots.txt
 * gating and host eviction are checked to the millisecond.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "fetch.h"
#include "fetch_int.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- the fakes ----------------------------------------------------------- */

#define MAX_LIVE 64

static long long fake_now = 1000000; /* any start will do */
static struct fetch_req *live[MAX_LIVE];
static long long live_at[MAX_LIVE]; /* when each started */
static size_t live_len;
static size_t started_total, cancelled_total;

static long long
fake_clock(void *arg)
{
    (void)arg;
    return fake_now;
}

static void
fake_start(struct fetch_engine *e, struct fetch_req *r)
{
    (void)e;
    if (live_len < MAX_LIVE) {
        live_at[live_len] = fake_now;
        live[live_len++] = r;
    }
    started_total++;
}

static void
forget(struct fetch_req *r)
{
    for (size_t i = 0; i < live_len; i++)
        if (live[i] == r) {
            memmove(&live[i], &live[i + 1], (live_len - i - 1) * sizeof(*live));
            memmove(&live_at[i], &live_at[i + 1],
                    (live_len - i - 1) * sizeof(*live_at));
            live_len--;
            return;
        }
}

static void
fake_cancel(struct fetch_engine *e, struct fetch_req *r)
{
    (void)e;
    for (size_t i = 0; i < live_len; i++)
        if (live[i] == r) {
            cancelled_total++;
            forget(r);
            return;
        }
}

static const struct fetch_transport fake = {fake_start, fake_cancel};

/* The live transfer whose URL ends with SUFFIX, or NULL. */
static struct fetch_req *
find_live(const char *suffix)
{
    for (size_t i = 0; i < live_len; i++) {
        size_t n = strlen(live[i]->url), m = strlen(suffix);
        if (n >= m && strcmp(live[i]->url + n - m, suffix) == 0)
            return live[i];
    }
    return NULL;
}

/* When the live transfer R started. */
static long long
started_at(const struct fetch_req *r)
{
    for (size_t i = 0; i < live_len; i++)
        if (live[i] == r)
            return live_at[i];
    return -1;
}

/* Ends live transfer R with STATUS and BODY (a text/html page, or
 * robots.txt), RETRY_AFTER_MS (-1: no header). */
static void
answer(struct fetch_engine *e, struct fetch_req *r, long status,
       const char *body, long retry_after_ms)
{
    struct fetch_outcome o = {FETCH_OK, "", status, NULL};

    forget(r);
    if (body != NULL && status >= 200 && status < 300)
        strbuf_add(&r->body, body, strlen(body));
    r->ctype =
        xstrdup(r->kind == FETCH_REQ_ROBOTS ? "text/plain" : "text/html");
    r->retry_after_ms = retry_after_ms;
    fetch_sched_complete(e, r, &o);
}

/* Ends live transfer R with a transport error KIND. */
static void
fail_transfer(struct fetch_engine *e, struct fetch_req *r,
              enum fetch_error kind)
{
    struct fetch_outcome o = {kind, "fake failure", 0, NULL};

    forget(r);
    fetch_sched_complete(e, r, &o);
}

/* What fetch_step does, minus the waiting: start what may start, fire
 * the callbacks of what finished. */
static void
step(struct fetch_engine *e)
{
    fetch_sched_fire_done(e);
    fetch_sched_run(e);
    fetch_sched_fire_done(e);
}

/* Moves the clock to the scheduler's next wake-up and steps; returns the
 * wait (a wait of 0 with nothing running means nothing is left). */
static long
wake(struct fetch_engine *e)
{
    long w;

    step(e);
    w = fetch_sched_wait_ms(e, 1000000);
    fake_now += w;
    step(e);
    return w;
}

struct done {
    int calls;
    struct fetch_result *res;
};

static void
on_done(struct fetch_result *res, void *userdata)
{
    struct done *d = userdata;

    d->calls++;
    fetch_result_free(d->res);
    d->res = res;
}

static struct fetch_engine *
engine(long delay_ms, int retries, bool ignore_robots)
{
    struct fetch_config cfg;
    struct fetch_clock clock = {fake_clock, NULL};
    struct fetch_engine *e;

    fetch_config_defaults(&cfg);
    cfg.delay_ms = delay_ms;
    cfg.retries = retries;
    cfg.retry_base_ms = 1000;
    cfg.ignore_robots = ignore_robots;
    cfg.per_host = 2;
    e = fetch_sched_engine_new(&cfg, &fake, NULL, clock);
    e->rng = 0x9e3779b97f4a7c15ULL; /* the jitter, fixed */
    return e;
}

static void
release(struct fetch_engine *e, struct done *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fetch_result_free(d[i].res);
        d[i].res = NULL;
    }
    fetch_sched_engine_free(e);
    ok(live_len == 0, "engine free leaves no transfer running");
}

/* ---- the cases ----------------------------------------------------------- */

/* --delay 1.5: starts to one host are 1500 ms apart, others are not held. */
static void
test_delay(void)
{
    struct fetch_engine *e = engine(1500, 0, true);
    struct done d[4] = {{0, NULL}};
    struct fetch_req *r;
    long long t0 = fake_now;

    fetch_submit(e, "http://a.test/1", false, on_done, &d[0]);
    fetch_submit(e, "http://a.test/2", false, on_done, &d[1]);
    fetch_submit(e, "http://a.test/3", false, on_done, &d[2]);
    fetch_submit(e, "http://b.test/1", false, on_done, &d[3]);
    step(e);
    ok(live_len == 2 && find_live("a.test/1") && find_live("b.test/1"),
       "delay: one start per host at once (%zu live)", live_len);
    answer(e, find_live("a.test/1"), 200, "<p>one</p>", -1);
    step(e);
    ok(d[0].calls == 1 && d[0].res->error == FETCH_OK,
       "delay: the first page completes");
    ok(find_live("a.test/2") == NULL, "delay: the second waits");
    ok(fetch_sched_wait_ms(e, 100000) == 1500,
       "delay: the scheduler sleeps exactly until the next start (%ld)",
       fetch_sched_wait_ms(e, 100000));
    fake_now += 1499;
    step(e);
    ok(find_live("a.test/2") == NULL, "delay: not at 1499 ms");
    fake_now += 1;
    step(e);
    r = find_live("a.test/2");
    ok(r != NULL && started_at(r) == t0 + 1500, "delay: started at 1500 ms");
    answer(e, r, 200, "<p>two</p>", -1);
    answer(e, find_live("b.test/1"), 200, "<p>b</p>", -1);
    wake(e);
    r = find_live("a.test/3");
    ok(r != NULL && started_at(r) == t0 + 3000, "delay: third at 3000 ms");
    answer(e, r, 200, "<p>three</p>", -1);
    step(e);
    ok(d[1].calls == 1 && d[2].calls == 1 && d[3].calls == 1 &&
           fetch_pending(e) == 0,
       "delay: every request completes once");
    release(e, d, 4);
}

/* robots.txt first; Crawl-delay paces the host; disallowed paths never
 * start; an allowed path starts once robots.txt is settled. */
static void
test_robots(void)
{
    struct fetch_engine *e = engine(0, 0, false);
    struct done d[3] = {{0, NULL}};
    struct fetch_req *rob, *r;
    long long t0 = fake_now;
    size_t s0 = started_total;

    fetch_submit(e, "http://c.test/a", false, on_done, &d[0]);
    fetch_submit(e, "http://c.test/private/x", false, on_done, &d[1]);
    fetch_submit(e, "http://c.test/b", false, on_done, &d[2]);
    step(e);
    rob = find_live("/robots.txt");
    ok(live_len == 1 && rob != NULL && rob->kind == FETCH_REQ_ROBOTS,
       "robots: robots.txt alone goes first");
    answer(e, rob, 200, "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n",
           -1);
    step(e);
    ok(live_len == 0, "robots: Crawl-delay holds the first page");
    ok(wake(e) == 2000, "robots: ... for 2 s after robots.txt started");
    r = find_live("c.test/a");
    ok(r != NULL && live_len == 1 && started_at(r) == t0 + 2000,
       "robots: the first page starts at 2 s (%lld)",
       r ? started_at(r) - t0 : -1);
    answer(e, r, 200, "<p>a</p>", -1);
    ok(wake(e) == 2000 && (r = find_live("c.test/b")) != NULL &&
           started_at(r) == t0 + 4000,
       "robots: the next page 2 s later");
    ok(d[1].calls == 1 && d[1].res->error == FETCH_E_ROBOTS,
       "robots: a disallowed path ends without a transfer");
    answer(e, r, 200, "<p>b</p>", -1);
    step(e);
    ok(started_total - s0 == 3, "robots: three transfers in all (%zu)",
       started_total - s0);
    release(e, d, 3);
}

/* A 429 with Retry-After: 30 pauses its host for 30 s (the retry and the
 * other requests wait), not another host. */
static void
test_retry_after(void)
{
    struct fetch_engine *e = engine(0, 2, true);
    struct done d[4] = {{0, NULL}};
    struct fetch_req *r;
    long long t0 = fake_now;

    fetch_submit(e, "http://d.test/limited", false, on_done, &d[0]);
    fetch_submit(e, "http://d.test/other", false, on_done, &d[1]);
    step(e);
    answer(e, find_live("d.test/other"), 200, "<p>x</p>", -1);
    answer(e, find_live("d.test/limited"), 429, NULL, 30000);
    fetch_submit(e, "http://d.test/later", false, on_done, &d[2]);
    fetch_submit(e, "http://e.test/free", false, on_done, &d[3]);
    step(e);
    ok(live_len == 0 || (live_len == 1 && find_live("e.test/free")),
       "retry-after: nothing starts on the paused host");
    if ((r = find_live("e.test/free")) != NULL)
        answer(e, r, 200, "<p>e</p>", -1);
    ok(wake(e) == 30000, "retry-after: the scheduler sleeps 30 s");
    r = find_live("d.test/limited");
    ok(r != NULL && started_at(r) == t0 + 30000 && r->attempt == 2,
       "retry-after: the retry starts at 30 s, attempt 2");
    ok(find_live("d.test/later") != NULL, "retry-after: the host resumes");
    answer(e, r, 200, "<p>ok</p>", -1);
    answer(e, find_live("d.test/later"), 200, "<p>l</p>", -1);
    step(e);
    ok(d[0].calls == 1 && d[0].res->error == FETCH_OK &&
           d[0].res->attempts == 2 && d[0].res->elapsed_ms == 30000,
       "retry-after: 200 on attempt 2, 30 000 ms after the first start");
    ok(d[3].calls == 1 && d[3].res->error == FETCH_OK,
       "retry-after: another host was not paused");
    release(e, d, 4);
}

/* 503 without Retry-After: retried after a jittered backoff (base 1 s,
 * doubled), then an http error once the retries are spent. */
static void
test_backoff(void)
{
    struct fetch_engine *e = engine(0, 2, true);
    struct done d = {0, NULL};
    long w1, w2;

    fetch_submit(e, "http://f.test/x", false, on_done, &d);
    step(e);
    answer(e, find_live("f.test/x"), 503, NULL, -1);
    w1 = wake(e);
    ok(w1 >= 500 && w1 <= 1500 && find_live("f.test/x") != NULL,
       "backoff: first retry after 500-1500 ms (%ld)", w1);
    answer(e, find_live("f.test/x"), 503, NULL, -1);
    w2 = wake(e);
    ok(w2 >= 1000 && w2 <= 3000 && find_live("f.test/x") != NULL,
       "backoff: second retry after 1000-3000 ms (%ld)", w2);
    fail_transfer(e, find_live("f.test/x"), FETCH_E_TIMEOUT);
    step(e);
    ok(d.calls == 1 && d.res->error == FETCH_E_TIMEOUT && d.res->attempts == 3,
       "backoff: the last failure is the result (%s, %d attempts)",
       d.calls ? fetch_error_name(d.res->error) : "-",
       d.calls ? d.res->attempts : 0);
    release(e, &d, 1);
}

/* A URL over FETCH_URL_MAX is not fetched: too-large, nothing started. */
static void
test_long_url(void)
{
    struct fetch_engine *e = engine(0, 0, true);
    struct done d = {0, NULL};
    char *url = xmalloc(FETCH_URL_MAX + 32);
    size_t started = started_total;

    strcpy(url, "http://g.test/");
    memset(url + 14, 'a', FETCH_URL_MAX);
    url[14 + FETCH_URL_MAX] = '\0';
    fetch_submit(e, url, true, on_done, &d);
    step(e);
    ok(d.calls == 1 && d.res->error == FETCH_E_TOO_LARGE &&
           strstr(d.res->message, "URL longer than 32 KiB") != NULL &&
           started_total == started,
       "a URL over %d KiB: too-large, never started (%s)", FETCH_URL_MAX / 1024,
       d.calls ? d.res->message : "no result");
    free(url);
    release(e, &d, 1);
}

/* Idle hosts are forgotten least recently used first beyond a bound:
 * robots.txt is asked again for the first of 1100 hosts, not the last. */
static void
test_eviction(void)
{
    enum { HOSTS = 1100 };
    struct fetch_engine *e = engine(0, 0, false);
    static struct done d[HOSTS + 2];
    char url[64];
    size_t before;

    for (int i = 0; i < HOSTS; i++) {
        snprintf(url, sizeof(url), "http://h%d.test/p", i);
        fetch_submit(e, url, false, on_done, &d[i]);
        step(e);
        answer(e, find_live("/robots.txt"), 404, NULL, -1);
        step(e);
        answer(e, find_live(".test/p"), 200, "<p>p</p>", -1);
        step(e);
    }
    ok(d[0].calls == 1 && d[HOSTS - 1].calls == 1 && fetch_pending(e) == 0,
       "eviction: %d hosts, one page each", HOSTS);
    before = started_total;
    fetch_submit(e, "http://h1099.test/q", false, on_done, &d[HOSTS]);
    step(e);
    ok(find_live("h1099.test/q") != NULL && started_total == before + 1,
       "eviction: a recent host keeps its robots.txt");
    answer(e, find_live("h1099.test/q"), 200, "<p>q</p>", -1);
    fetch_submit(e, "http://h0.test/q", false, on_done, &d[HOSTS + 1]);
    step(e);
    ok(find_live("/robots.txt") != NULL &&
           strncmp(find_live("/robots.txt")->url, "http://h0.test:", 15) == 0,
       "eviction: the oldest host was forgotten (robots.txt again)");
    answer(e, find_live("/robots.txt"), 404, NULL, -1);
    step(e);
    answer(e, find_live("h0.test/q"), 200, "<p>q</p>", -1);
    step(e);
    ok(d[HOSTS].calls == 1 && d[HOSTS + 1].calls == 1,
       "eviction: both complete");
    release(e, d, HOSTS + 2);
}

/* Freeing an engine with transfers running cancels them and completes
 * nothing. */
static void
test_free_running(void)
{
    struct fetch_engine *e = engine(0, 0, true);
    struct done d[2] = {{0, NULL}};
    size_t c0 = cancelled_total;

    fetch_submit(e, "http://g.test/1", false, on_done, &d[0]);
    fetch_submit(e, "http://g.test/2", false, on_done, &d[1]);
    step(e);
    ok(live_len == 2, "free: two running");
    fetch_sched_engine_free(e);
    ok(live_len == 0 && cancelled_total == c0 + 2 && d[0].calls == 0 &&
           d[1].calls == 0,
       "free: both cancelled, no callback");
}

int
main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_delay();
    test_robots();
    test_retry_after();
    test_backoff();
    test_long_url();
    test_eviction();
    test_free_running();
    return tap_done();
}
