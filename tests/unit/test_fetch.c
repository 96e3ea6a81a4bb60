/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for fetch (and remap): starts tests/server/testsrv.py on a
 * loopback port, submits every route at once and checks each result:
 * status, error kind, final URL, redirects, bounds, that robots-disallowed
 * paths never reach the server, timeouts, and one callback per request.
 * Nothing here measures time: pacing, Retry-After and backoff are tested
 * with a fake clock and a fake transport in test_fetch_sched.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "fetch.h"
#include "remap.h"
#include "xalloc.h"

/* Generous: only the routes that never answer (test_timeouts, with a
 * short limit of their own) may reach a timeout, however loaded the
 * machine; no test here measures time. */
#define TIMEOUT_MS 60000L

static char base[64]; /* "http://127.0.0.1:PORT" */
static char port[16];
static char dir[] = "/tmp/test_fetch.XXXXXX";

struct slot {
    const char *name;
    int calls;
    struct fetch_result *res;
};

static void
on_done(struct fetch_result *res, void *userdata)
{
    struct slot *s = userdata;

    s->calls++;
    if (s->res != NULL)
        fetch_result_free(s->res);
    s->res = res;
}

/* ---- the server --------------------------------------------------------- */

/* Starts the server with --exit-on-eof: it reads a pipe whose write end
 * only this process holds, so it ends with the test however the test
 * ends.  Waits for its "ready PORT" line: no polling, no time budget. */
static pid_t
start_server(void)
{
    const char *py = getenv("PYTHON3");
    const char *src = getenv("SRCDIR");
    char script[4096], logfile[256], line[64] = "";
    int lifeline[2], ready[2];
    pid_t pid;
    FILE *f;

    if (py == NULL || *py == '\0' || strcmp(py, "no") == 0)
        py = "python3";
    if (src == NULL || *src == '\0')
        src = ATTRCHECK_SRCDIR;
    snprintf(script, sizeof(script), "%s/tests/server/testsrv.py", src);
    snprintf(logfile, sizeof(logfile), "%s/log", dir);
    if (pipe(lifeline) != 0 || pipe(ready) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        dup2(lifeline[0], 0);
        dup2(ready[1], 1);
        close(lifeline[0]);
        close(lifeline[1]);
        close(ready[0]);
        close(ready[1]);
        execlp(py, py, script, "--exit-on-eof", "--log", logfile, "--root", dir,
               (char *)NULL);
        _exit(127);
    }
    close(lifeline[0]);
    close(ready[1]);
    fcntl(lifeline[1], F_SETFD, FD_CLOEXEC); /* held open until we exit */
    f = fdopen(ready[0], "r");
    if (pid < 0 || f == NULL || fgets(line, sizeof(line), f) == NULL ||
        sscanf(line, "ready %15[0-9]", port) != 1) {
        if (f != NULL)
            fclose(f);
        return -1;
    }
    fclose(f);
    snprintf(base, sizeof(base), "http://127.0.0.1:%s", port);
    return pid;
}

static char *
read_log(void)
{
    char path[256], *buf = xcalloc(1, 1 << 20);
    FILE *f;

    snprintf(path, sizeof(path), "%s/log", dir);
    if ((f = fopen(path, "r")) != NULL) {
        size_t n = fread(buf, 1, (1 << 20) - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    return buf;
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static void
write_file(const char *name, const char *data, size_t len)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if ((f = fopen(path, "wb")) != NULL) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

/* Expands {P} (server port) and {D} (temporary directory) in T. */
static char *
expand(const char *t)
{
    char *out = xcalloc(1, strlen(t) + 512), *o = out;

    for (; *t; t++) {
        if (strncmp(t, "{P}", 3) == 0 || strncmp(t, "{D}", 3) == 0) {
            const char *v = t[1] == 'P' ? port : dir;
            o += sprintf(o, "%s", v);
            t += 2;
        } else {
            *o++ = *t;
        }
    }
    return out;
}

/* ---- the big table: everything in flight at once ------------------------ */

#define L "http://127.0.0.1:{P}"

static const struct fcase {
    const char *url;
    bool from_page;
    enum fetch_error want;
    long status;       /* -1: any */
    const char *final; /* suffix of final_url, NULL: not checked */
    int redirects;     /* -1: not checked */
    const char *text;  /* in body (OK) or message (errors) */
} cases[] = {
    {L "/page", false, FETCH_OK, 200, L "/page", 0, "Hello from"},
    {L "/gzip", true, FETCH_OK, 200, "/gzip", 0, "Hello from"},
    {L "/redirect/3", true, FETCH_OK, 200, L "/page", 3, "Hello"},
    {L "/redirect/10", true, FETCH_OK, 200, "/page", 10, "Hello"},
    {L "/redirect/11", true, FETCH_E_REDIRECT_LOOP, -1, NULL, 10, "10"},
    {L "/loop/a", true, FETCH_E_REDIRECT_LOOP, 302, NULL, 2, "loop"},
    {L "/notfound", true, FETCH_E_HTTP, 404, NULL, 0, "HTTP 404"},
    {L "/429?a", true, FETCH_OK, 200, "/429?a", 0, "Hello"},
    {L "/503?a", true, FETCH_OK, 200, "/503?a", 0, "Hello"},
    {L "/always/503", true, FETCH_E_HTTP, 503, NULL, 0, "HTTP 503"},
    {L "/always/502", true, FETCH_E_HTTP, 502, NULL, 0, "HTTP 502"},
    {L "/always/429", true, FETCH_E_RATE_LIMITED, 429, NULL, 0, "429"},
    {L "/status/500", true, FETCH_E_HTTP, 500, NULL, 0, "HTTP 500"},
    {L "/403", true, FETCH_E_BLOCKED, 403, NULL, 0, "403"},
    {L "/999", true, FETCH_E_BLOCKED, 999, NULL, 0, "999"},
    {L "/endless", true, FETCH_E_TOO_LARGE, 200, NULL, 0, "larger"},
    {L "/bomb", true, FETCH_E_TOO_LARGE, 200, NULL, 0, "larger"},
    {L "/big", true, FETCH_E_TOO_LARGE, -1, NULL, 0, "larger"},
    {L "/big-chunked", true, FETCH_E_TOO_LARGE, 200, NULL, 0, "larger"},
    {L "/image.png", true, FETCH_E_NOT_HTML, 200, NULL, 0, "image/png"},
    {L "/png-as-html", true, FETCH_E_NOT_HTML, 200, NULL, 0, "image/png"},
    {L "/doc.pdf", true, FETCH_E_NOT_HTML, 200, NULL, 0, "application/pdf"},
    {L "/nul-as-html", true, FETCH_E_NOT_HTML, 200, NULL, 0, "binary"},
    {L "/wrong-charset", true, FETCH_OK, 200, NULL, 0, "caf\xe9"},
    {L "/private/x", true, FETCH_E_ROBOTS, 0, NULL, 0, "robots.txt"},
    {L "/private/ok", true, FETCH_OK, 200, NULL, 0, "Hello"},
    {L "/goto?url=/private/y", true, FETCH_E_ROBOTS, -1, NULL, 1, NULL},
    {L "/to-file", true, FETCH_E_SCHEME, -1, "file:///etc/passwd", 1, "file"},
    {L "/to-ftp", true, FETCH_E_SCHEME, -1, NULL, 1, "ftp"},
    {"ftp://127.0.0.1:{P}/x", false, FETCH_E_SCHEME, 0, NULL, 0, "ftp"},
    {"javascript:alert(1)", true, FETCH_E_SCHEME, 0, NULL, 0, "javascript"},
    {"not a url", false, FETCH_E_SCHEME, 0, NULL, 0, NULL},
    {"http://", false, FETCH_E_SCHEME, 0, NULL, 0, "malformed"},
    {"file:///etc/passwd", true, FETCH_E_SCHEME, 0, NULL, 0, "file"},
    {"file://{D}/page.html", false, FETCH_OK, 200, NULL, 0, "from a file"},
    {"http://remapped.test/page.html", true, FETCH_OK, 200, "{D}/page.html", 0,
     "from a file"},
    {"http://remapped.test/pic.png", true, FETCH_E_NOT_HTML, 200, NULL, 0,
     "image/png"},
    {"http://remapped.test/missing.html", true, FETCH_E_IO, 0, NULL, 0,
     "No such file"},
    {"http://remapped.test/", true, FETCH_E_IO, 0, NULL, 0, "regular"},
    {"http://robots-500.test:{P}/page", true, FETCH_E_ROBOTS, 0, NULL, 0,
     "HTTP 500"},
    {"http://robots-404.test:{P}/private/x", true, FETCH_OK, 200, NULL, 0,
     "Hello"},
    {"http://robots-redirect.test:{P}/private/x", true, FETCH_E_ROBOTS, 0, NULL,
     0, NULL},
    {"http://robots-redirect.test:{P}/page", true, FETCH_OK, 200, NULL, 0,
     NULL},
    {L "/goto?url=http://robots-500.test:{P}/page", true, FETCH_E_ROBOTS, -1,
     NULL, 1, NULL},
    {"http://127.0.0.1:1/page", false, FETCH_E_CONNECT, 0, NULL, 0,
     "robots.txt"},
    {"http://nosuch.invalid/page", false, FETCH_E_DNS, 0, NULL, 0, NULL},
    {"http://robots-delay.test:{P}/page?1", true, FETCH_OK, 200, NULL, 0, NULL},
    {"http://robots-delay.test:{P}/page?2", true, FETCH_OK, 200, NULL, 0, NULL},
    {L "/echo-ua", true, FETCH_OK, 200, NULL, 0,
     "attrcheck/" PACKAGE_VERSION " (+https://github.com/attrcheck/attrcheck)"},
    {L "/etag", true, FETCH_OK, 200, NULL, 0, NULL},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
check_case(size_t i, const struct slot *s)
{
    const struct fcase *c = &cases[i];
    const struct fetch_result *r = s->res;
    char *final = c->final ? expand(c->final) : NULL;
    char *text = c->text ? expand(c->text) : NULL;

    if (!ok(s->calls == 1, "%s: one callback (got %d)", s->name, s->calls) ||
        r == NULL) {
        free(final);
        free(text);
        return;
    }
    ok(r->error == c->want, "%s: error %s (got %s: %s)", s->name,
       fetch_error_name(c->want), fetch_error_name(r->error), r->message);
    if (c->status >= 0)
        ok(r->http_status == c->status, "%s: status %ld (got %ld)", s->name,
           c->status, r->http_status);
    if (final != NULL)
        ok(ends_with(r->final_url, final), "%s: final URL %s", s->name,
           r->final_url);
    if (c->redirects >= 0)
        ok((int)r->redirects_len == c->redirects, "%s: %d redirects (got %zu)",
           s->name, c->redirects, r->redirects_len);
    if (text != NULL)
        ok(strstr(c->want == FETCH_OK ? r->body : r->message, text) != NULL,
           "%s: has \"%s\"", s->name, text);
    ok(r->body != NULL && r->body_len <= 1024 * 1024 &&
           strlen(r->body) <= r->body_len,
       "%s: body bounded (%zu)", s->name, r->body_len);
    free(final);
    free(text);
}

/* ---- remap --------------------------------------------------------------- */

static void
test_remap(void)
{
    static const struct {
        const char *spec, *url, *want;
    } t[] = {
        {"^https?://a\\.test/(.*) file:///srv/$1", "http://a.test/x/y.html",
         "file:///srv/x/y.html"},
        {"^https?://a\\.test/(.*) file:///srv/$1", "http://b.test/x", NULL},
        {"(?<h>[a-z]+)\\.old\\.test ${h}.new.test", "http://www.old.test/p",
         "http://www.new.test/p"},
        {"^http: https:", "http://x.test/", "https://x.test/"},
        {"q=(\\d+)(x)? q=$1$2", "http://x.test/?q=12", "http://x.test/?q=12"},
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct remap_list *l = remap_list_new();
        struct ac_err err;
        char *out = NULL;
        ok(remap_list_add(l, t[i].spec, &err) == AC_OK, "remap %zu compiles",
           i);
        ok(remap_apply(l, t[i].url, &out, &err) == AC_OK, "remap %zu applies",
           i);
        is_str(out, t[i].want, "remap result");
        free(out);
        remap_list_free(l);
    }
}

static void
test_remap_errors(void)
{
    static const char *const bad[] = {"nospace", "(unclosed x", " x", ""};
    struct remap_list *l = remap_list_new();
    struct ac_err err;
    char sentinel[] = "x";
    char *out = sentinel;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ok(remap_list_add(l, bad[i], &err) == AC_E_USAGE &&
               strstr(err.msg, "--remap") != NULL,
           "bad remap \"%s\": %s", bad[i], err.msg);
    ok(remap_list_len(l) == 0, "no bad remap kept");
    ok(remap_list_add(l, "^(a) ${nosuch}", &err) == AC_OK, "bad repl loads");
    ok(remap_apply(l, "abc", &out, &err) == AC_E_DATA && out == NULL,
       "bad replacement reported when used: %s", err.msg);
    ok(remap_apply(NULL, "abc", &out, &err) == AC_OK && out == NULL,
       "NULL list maps nothing");
    remap_list_free(l);
    remap_list_free(NULL);
}

static void
test_basics(void)
{
    struct fetch_config cfg;
    struct fetch_engine *e = NULL;
    struct ac_err err;
    const char *bad[] = {"nocolons"};

    fetch_config_defaults(&cfg);
    ok(cfg.timeout_ms == 30000 && cfg.max_size == 10485760 && cfg.jobs == 16 &&
           cfg.per_host == 2 && cfg.retries == 2 &&
           cfg.max_crawl_delay_ms == 30000 && !cfg.ignore_robots,
       "defaults");
    is_str(fetch_error_name(FETCH_E_RATE_LIMITED), "rate-limited", "name");
    is_str(fetch_error_name(FETCH_E_REDIRECT_LOOP), "redirect-loop", "name");
    is_str(fetch_error_name(FETCH_E_NOT_HTML), "not-html", "name");
    is_str(fetch_error_name(FETCH_E_TOO_LARGE), "too-large", "name");
    is_str(fetch_error_name(FETCH_E_IO), "io", "name");
    is_str(fetch_error_name((enum fetch_error)99), "unknown", "name");
    is_str(fetch_default_user_agent(),
           "attrcheck/" PACKAGE_VERSION
           " (+https://github.com/attrcheck/attrcheck)",
           "user agent");
    cfg.resolve = bad;
    cfg.resolve_len = 1;
    ok(fetch_engine_new(&cfg, &e, &err) == AC_E_USAGE && e == NULL,
       "bad --resolve refused: %s", err.msg);
    fetch_engine_free(NULL);
    fetch_result_free(NULL);
}

/* ---- the network phases ------------------------------------------------- */

static struct fetch_engine *engine;
static struct slot reentered = {"reentered", 0, NULL};

/* A callback that submits more work, as the verifier does. */
static void
on_done_resubmit(struct fetch_result *res, void *userdata)
{
    char *url = expand(L "/page?reentered");

    on_done(res, userdata);
    fetch_submit(engine, url, true, on_done, &reentered);
    free(url);
}

/* Steps E until nothing is pending: every transfer ends (the server's
 * hanging routes meet the engine's timeout), so no time budget here. */
static void
run_until_done(struct fetch_engine *e)
{
    while (fetch_step(e, 200) > 0)
        ;
}

static void
make_config(struct fetch_config *cfg, const char **resolve, size_t n,
            const struct remap_list *remaps)
{
    fetch_config_defaults(cfg);
    cfg->timeout_ms = TIMEOUT_MS;
    cfg->max_size = 1024 * 1024;
    cfg->per_host = 8;
    cfg->retries = 1;
    cfg->retry_base_ms = 100;
    cfg->resolve = resolve;
    cfg->resolve_len = n;
    cfg->remaps = remaps;
}

static void
check_log(void)
{
    char *log = read_log(), *robots = expand("GET /robots.txt host=127.0.0.1");

    ok(strstr(log, "GET /private/x host=127") == NULL,
       "robots: /private/x never fetched");
    ok(strstr(log, "GET /private/y ") == NULL,
       "robots: /private/y never fetched");
    ok(strstr(log, "GET /private/ok") != NULL, "robots: Allow honoured");
    ok(count(log, robots) == 1, "robots.txt fetched once per host (%zu)",
       count(log, robots));
    ok(count(log, "GET /429?a ") == 2, "429 retried once");
    ok(count(log, "GET /always/503 ") == 2, "503 tried twice (retries=1)");
    ok(count(log, "host=robots-500.test") == 1, "robots 500: only robots.txt");
    ok(strstr(log, "ua=attrcheck/" PACKAGE_VERSION) != NULL, "user agent");
    ok(strstr(log, "GET /to-file") != NULL && strstr(log, "passwd") == NULL,
       "file:// redirect not followed");
    free(robots);
    free(log);
}

static void
test_many(void)
{
    const char *resolve[] = {NULL, NULL, NULL, NULL};
    const char *names[] = {"robots-500.test", "robots-404.test",
                           "robots-redirect.test", "robots-delay.test"};
    struct slot slots[NCASES];
    struct remap_list *remaps = remap_list_new();
    struct fetch_config cfg;
    struct ac_err err = {0}; /* printed even on success */
    char *spec = expand("^http://remapped\\.test/(.*) file://{D}/$1");

    char *owned[4];

    for (size_t i = 0; i < 4; i++)
        resolve[i] = owned[i] = xasprintf("%s:%s:127.0.0.1", names[i], port);
    ok(remap_list_add(remaps, spec, &err) == AC_OK, "remap for the test");
    make_config(&cfg, resolve, 4, remaps);
    ok(fetch_engine_new(&cfg, &engine, &err) == AC_OK, "engine: %s", err.msg);
    for (size_t i = 0; i < NCASES; i++) {
        char *url = expand(cases[i].url);
        slots[i] = (struct slot){cases[i].url, 0, NULL};
        fetch_submit(engine, url, cases[i].from_page,
                     i == 0 ? on_done_resubmit : on_done, &slots[i]);
        free(url);
    }
    ok(fetch_pending(engine) == NCASES, "all pending before the first step");
    run_until_done(engine);
    ok(fetch_pending(engine) == 0, "all done");
    for (size_t i = 0; i < NCASES; i++)
        check_case(i, &slots[i]);
    ok(reentered.calls == 1 && reentered.res != NULL &&
           reentered.res->error == FETCH_OK,
       "a callback's own submit completes");
    /* Crawl-delay pacing is timed with a fake clock in test_fetch_sched */
    for (size_t i = 0; i < NCASES; i++) {
        if (strstr(cases[i].url, "/etag"))
            ok(slots[i].res->etag &&
                   strcmp(slots[i].res->etag, "\"v1\"") == 0 &&
                   slots[i].res->last_modified != NULL,
               "ETag and Last-Modified returned");
        if (strstr(cases[i].url, "/redirect/3") && slots[i].res->redirects_len)
            ok(ends_with(slots[i].res->redirects[0].url, "/redirect/3") &&
                   slots[i].res->redirects[0].status == 308,
               "first hop recorded with its status");
        fetch_result_free(slots[i].res);
    }
    fetch_result_free(reentered.res);
    fetch_engine_free(engine);
    engine = NULL;
    check_log();
    for (size_t i = 0; i < 4; i++)
        free(owned[i]);
    remap_list_free(remaps);
    free(spec);
}

/* A 429 is retried after its Retry-After; --ignore-robots skips
 * robots.txt; a few hundred requests each complete exactly once.  How
 * long Retry-After pauses a host is tested with a fake clock in
 * test_fetch_sched, not here. */
static void
test_pacing(void)
{
    enum { BULK = 150, PACED = 3 };
    static struct slot bulk[BULK], paced[PACED], limited;
    char *res = xasprintf("pace.test:%s:127.0.0.1", port);
    const char *resolve[] = {res};
    struct fetch_config cfg;
    struct ac_err err;
    bool all_once = true;
    char *log, *url;

    make_config(&cfg, resolve, 1, NULL);
    cfg.per_host = 1; /* the 429 answers before the others start */
    cfg.ignore_robots = true;
    ok(fetch_engine_new(&cfg, &engine, &err) == AC_OK, "engine B");
    url = expand("http://pace.test:{P}/429?c");
    limited = (struct slot){"429?c", 0, NULL};
    fetch_submit(engine, url, false, on_done, &limited);
    free(url);
    for (int i = 0; i < PACED; i++) {
        url = xasprintf("http://pace.test:%s/private/z%d", port, i);
        paced[i] = (struct slot){"paced", 0, NULL};
        fetch_submit(engine, url, true, on_done, &paced[i]);
        free(url);
    }
    for (int i = 0; i < BULK; i++) {
        url = xasprintf("%s/page?bulk%d", base, i);
        bulk[i] = (struct slot){"bulk", 0, NULL};
        fetch_submit(engine, url, true, on_done, &bulk[i]);
        free(url);
    }
    run_until_done(engine);
    ok(limited.calls == 1 && limited.res->error == FETCH_OK &&
           limited.res->attempts == 2,
       "429 then 200 after Retry-After (%d attempts)",
       limited.calls == 1 ? limited.res->attempts : 0);
    ok(paced[0].calls == 1 && paced[0].res->error == FETCH_OK,
       "a request queued behind the 429 completes");
    for (int i = 0; i < BULK; i++) {
        all_once =
            all_once && bulk[i].calls == 1 && bulk[i].res->error == FETCH_OK;
        fetch_result_free(bulk[i].res);
    }
    ok(all_once, "%d requests completed exactly once each", BULK);
    for (int i = 0; i < PACED; i++)
        fetch_result_free(paced[i].res);
    fetch_result_free(limited.res);
    fetch_engine_free(engine);
    log = read_log();
    ok(strstr(log, "/robots.txt host=pace.test") == NULL &&
           strstr(log, "/private/z0") != NULL,
       "ignore_robots: robots.txt never asked for");
    free(log);
    free(res);
}

/* The routes that never answer end in a timeout, whatever the limit. */
static void
test_timeouts(void)
{
    static const char *const routes[] = {L "/slow", L "/slow-headers"};
    static struct slot s[2];
    struct fetch_config cfg;
    struct ac_err err;

    make_config(&cfg, NULL, 0, NULL);
    cfg.timeout_ms = 300;
    cfg.retries = 0;
    cfg.ignore_robots = true; /* its robots.txt could time out too */
    ok(fetch_engine_new(&cfg, &engine, &err) == AC_OK, "engine T");
    for (size_t i = 0; i < 2; i++) {
        char *url = expand(routes[i]);
        s[i] = (struct slot){routes[i], 0, NULL};
        fetch_submit(engine, url, true, on_done, &s[i]);
        free(url);
    }
    run_until_done(engine);
    for (size_t i = 0; i < 2; i++) {
        ok(s[i].calls == 1 && s[i].res->error == FETCH_E_TIMEOUT &&
               s[i].res->body_len == 0,
           "%s: timeout (%s)", routes[i],
           s[i].calls == 1 ? fetch_error_name(s[i].res->error) : "no call");
        fetch_result_free(s[i].res);
    }
    fetch_engine_free(engine);
    engine = NULL;
}

/* An engine freed with work in flight completes nothing and leaks
 * nothing (the sanitizer build checks the second part). */
static void
test_free_busy(void)
{
    static struct slot s[3];
    struct fetch_config cfg;
    struct ac_err err;
    char *url = expand(L "/slow");

    make_config(&cfg, NULL, 0, NULL);
    ok(fetch_engine_new(&cfg, &engine, &err) == AC_OK, "engine C");
    for (int i = 0; i < 3; i++) {
        s[i] = (struct slot){"busy", 0, NULL};
        fetch_submit(engine, url, false, on_done, &s[i]);
    }
    for (int i = 0; i < 5; i++)
        fetch_step(engine, 50);
    fetch_engine_free(engine);
    ok(s[0].calls + s[1].calls + s[2].calls == 0, "free completes nothing");
    free(url);
}

/* fetch_engine_abort: running and queued requests, and those submitted
 * afterwards, end "aborted" at once, each callback exactly once. */
static void
test_abort(void)
{
    static struct slot s[4], late;
    struct fetch_config cfg;
    struct ac_err err;
    char *url = expand(L "/slow");
    bool all = true;
    size_t left;

    make_config(&cfg, NULL, 0, NULL);
    cfg.per_host = 2; /* two run, two wait in the host's queue */
    ok(fetch_engine_new(&cfg, &engine, &err) == AC_OK, "engine D");
    for (int i = 0; i < 4; i++) {
        s[i] = (struct slot){"abort", 0, NULL};
        fetch_submit(engine, url, false, on_done, &s[i]);
    }
    for (int i = 0; i < 5; i++)
        fetch_step(engine, 50);
    fetch_engine_abort(engine);
    late = (struct slot){"late", 0, NULL};
    fetch_submit(engine, url, false, on_done, &late);
    /* /slow never ends: only an abort empties the engine in one step that
     * does not wait */
    left = fetch_step(engine, 0);
    for (int i = 0; i < 4; i++) {
        all = all && s[i].calls == 1 && s[i].res != NULL &&
              s[i].res->error == FETCH_E_ABORTED;
        fetch_result_free(s[i].res);
    }
    ok(all && left == 0, "abort ends 4 requests at once (%zu left)", left);
    ok(late.calls == 1 && late.res->error == FETCH_E_ABORTED &&
           strcmp(fetch_error_name(late.res->error), "aborted") == 0,
       "a request submitted after abort is aborted too");
    fetch_result_free(late.res);
    fetch_engine_free(engine);
    free(url);
}

static void
cleanup_dir(void)
{
    static const char *const files[] = {"port", "log", "page.html", "pic.png"};
    char path[256];

    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int
main(void)
{
    const char *py = getenv("PYTHON3");
    static const char page[] = "<html><body>Hello from a file</body></html>";
    pid_t pid;

    test_basics();
    test_remap();
    test_remap_errors();
    if ((py != NULL && strcmp(py, "no") == 0) || mkdtemp(dir) == NULL) {
        puts("# no python3: network tests skipped");
        return tap_done();
    }
    write_file("page.html", page, sizeof(page) - 1);
    write_file("pic.png", "\x89PNG\r\n\x1a\n\0\0\0\0", 12);
    fetch_global_init();
    pid = start_server();
    if (ok(pid > 0, "test server started on port %s", port)) {
        test_many();
        test_timeouts();
        test_pacing();
        test_free_busy();
        test_abort();
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
    fetch_global_cleanup();
    cleanup_dir();
    return tap_done();
}
