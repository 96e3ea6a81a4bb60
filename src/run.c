/* SPDX-License-Identifier: MIT */
/*
 * run: the loop from targets to reports (see run.h).  Local files and
 * WARC records are checked as they come, on worker threads with
 * --threads (workers.h), and judged in target order; each result is
 * written and freed soon after, and at most a few documents per thread
 * wait, so memory does not grow with the number of targets.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "check.h"
#include "clock.h"
#include "crawl.h"
#include "document.h"
#include "fetch.h"
#include "html.h"
#include "interrupt.h"
#include "msg.h"
#include "policy.h"
#include "progress.h"
#include "remap.h"
#include "report.h"
#include "resume.h"
#include "robots.h"
#include "run.h"
#include "sitemap.h"
#include "suggest.h"
#include "targets.h"
#include "url.h"
#include "verify.h"
#include "warc_index.h"
#include "warc_out.h"
#include "workers.h"
#include "xalloc.h"

/* What one run shares: where results go and the network engine. */
struct run_ctx {
    const struct options *opts;
    const struct rules *rules;
    struct report *rep;
    struct run_stats *stats;
    struct remap_list *remaps;   /* NULL when none were given */
    struct fetch_engine *engine; /* NULL with --offline */
    struct warc_out *warc;       /* --warc-out, or NULL */
    struct warc_index *archive;  /* originals in the run's WARC files */
    struct progress *progress;   /* the status line, or NULL */
    bool count_sitemaps;         /* their pages go into its total */
    struct verifier *verifier;   /* NULL with --offline or --no-verify */
    struct notices *notices;     /* sentences for suggested notices */
    bool notices_tried;          /* loaded (or failed) at first need */
    struct ac_err notices_err;   /* why they could not be loaded */
    struct cache *cache;         /* --cache FILE (main's); NULL without */
    const struct policy *policy; /* --severity, --require-license */
    struct workers *workers;     /* --threads > 1; NULL: check here */
    size_t workers_window;       /* documents on the workers at most */
    bool stopping;               /* interrupted: results are dropped */
    struct crawl *crawl;         /* -r; NULL without */
    struct resume *done;         /* --resume with -r: judged, not written */
};

/* A document on a worker thread, with what judging it needs after. */
struct doc_job {
    struct workers_job job; /* first: workers hands this back */
    char *root;             /* --base-url folder of a file, or NULL */
    struct verify_local local;
    bool has_local;
};

/* A URL target (or a crawled page) on its way through the engine. */
struct url_job {
    struct run_ctx *cx;
    char *target;
    int depth;           /* -r: links from the start page; -1 without -r */
    char *origin;        /* -r: the site, known once the start page landed */
    char *found_on;      /* -r: the page that linked it; NULL at depth 0 */
    const char *url_now; /* the final URL, while its links are read */
};

/* The verdict of R as a metadata record of the --warc-out file, referring
 * to the response it was judged from when it was fetched. */
static void
warc_metadata(struct warc_out *w, const struct result *r)
{
    char *json = report_result_json(r);

    warc_out_metadata(w, r->url != NULL ? r->url : r->target, r->record_id,
                      json, strlen(json));
    free(json);
}

/* The notice sentences, read for the first result that could use one:
 * titles.tsv is 2.7 MB, most of the work of a start, and a run whose
 * pages all pass never needs it.  A data error there becomes the run's
 * error (run_targets returns it) without losing any result. */
static const struct notices *
notices_for(struct run_ctx *cx, const struct result *r)
{
    if (cx->notices_tried || !suggest_wanted(r))
        return cx->notices;
    cx->notices_tried = true;
    (void)notices_load(run_default_notices_dir(), &cx->notices,
                       &cx->notices_err);
    return cx->notices;
}

/* The end of every target: the verdict is final once the policy has
 * been applied, and then the suggestion and the counts follow it. */
static void
finish(struct run_ctx *cx, struct result *r)
{
    if (cx->stopping || /* an aborted transfer is no verdict */
        (cx->done != NULL && resume_has(cx->done, r->target))) {
        result_free(r);
        free(r);
        return;
    }
    if (cx->policy != NULL)
        policy_apply(cx->policy, r);
    suggest_notice(notices_for(cx, r), r);
    if (cx->warc != NULL)
        warc_metadata(cx->warc, r);
    progress_clear(cx->progress); /* a result on the same terminal */
    cx->stats->verdicts[r->verdict]++;
    cx->stats->total++;
    report_result(cx->rep, r);
    progress_update(cx->progress, cx->stats, clock_monotonic_ms(), false);
    result_free(r);
    free(r);
}

static void
on_verified(struct result *r, void *userdata)
{
    finish(userdata, r);
}

/* A judged result: written now, or once its source is verified. */
static void
judged(struct run_ctx *cx, struct result *r, const struct verify_local *local)
{
    if (cx->verifier != NULL && r->analysed && r->analysis.source != NULL)
        verify_result(cx->verifier, r, local, on_verified, cx);
    else
        finish(cx, r);
}

static struct result *
new_result(const char *target, const char *url)
{
    struct result *r = xmalloc(sizeof *r);

    result_init(r, target, url);
    return r;
}

/* The folder a file target lies in and the URL it is published at, when
 * --base-url says so: sources there are read from disk. */
static bool
local_of(const struct run_ctx *cx, const struct target *t, char **root,
         struct verify_local *local)
{
    const char *base = cx->opts->base_url;
    size_t bl, pl, rl;

    if (base == NULL || t->url == NULL || strncmp(t->url, base, strlen(base)))
        return false;
    bl = strlen(base);
    rl = strlen(t->url + bl);
    pl = strlen(t->path);
    if (rl > pl || strcmp(t->path + pl - rl, t->url + bl) != 0)
        return false;
    *root = xstrndup(t->path, pl - rl);
    local->root = *root;
    local->base_url = base;
    return true;
}

/* What of a page's text to keep: the shingles verification compares and,
 * for the HTML report, the licence notice and the text it shows beside
 * the original's. */
static unsigned
keep_of(const struct run_ctx *cx)
{
    unsigned keep = cx->verifier ? CHECK_TEXT_COPY : CHECK_TEXT_NONE;

    if (cx->opts->format == FORMAT_HTML) {
        keep |= CHECK_TEXT_NOTICE;
        if (cx->opts->html_texts != HTML_TEXTS_NONE)
            keep |= CHECK_TEXT_SIDE;
    }
    return keep;
}

/* Judges the documents the workers have checked, in the order given;
 * with WAIT, waits for one at least. */
static void
collect(struct run_ctx *cx, bool wait)
{
    struct workers_job *j;

    while ((j = workers_next(cx->workers, wait)) != NULL) {
        struct doc_job *dj = (struct doc_job *)j;

        judged(cx, j->r, dj->has_local ? &dj->local : NULL);
        free(dj->root);
        free(dj);
        wait = false;
    }
}

/* Judges every document still on the workers: before a result that does
 * not go through them is written, so reports keep target order. */
static void
drain(struct run_ctx *cx)
{
    while (cx->workers != NULL && workers_pending(cx->workers) > 0)
        collect(cx, true);
}

/* Checks DOC (taken) into R and judges it, here or on a worker thread;
 * ROOT (taken) and LOCAL: a file's --base-url folder, or NULL. */
static void
check_doc(struct run_ctx *cx, struct document *doc, struct result *r,
          char *root, const struct verify_local *local)
{
    unsigned keep = keep_of(cx);
    struct doc_job *dj;

    if (cx->workers == NULL) {
        check_document(cx->rules, doc, keep, r);
        document_free(doc);
        judged(cx, r, local);
        free(root);
        return;
    }
    dj = xcalloc(1, sizeof *dj);
    dj->job.doc = *doc;
    memset(doc, 0, sizeof *doc);
    dj->job.keep = keep;
    dj->job.r = r;
    dj->root = root;
    if (local != NULL) {
        dj->local = *local;
        dj->has_local = true;
    }
    workers_submit(cx->workers, &dj->job);
    collect(cx, workers_pending(cx->workers) >= cx->workers_window);
}

static void
check_file(struct run_ctx *cx, const struct target *t)
{
    struct result *r = new_result(t->spec, t->url);
    struct verify_local local;
    struct document doc;
    struct ac_err err = {0};
    char *root = NULL;
    enum ac_status rc;

    rc = document_load_file(t->path, t->url, cx->opts->max_size, &doc, &err);
    if (rc != AC_OK) {
        result_set_error(r, check_error_kind(rc), err.msg);
        drain(cx);
        finish(cx, r);
        return;
    }
    if (local_of(cx, t, &root, &local))
        check_doc(cx, &doc, r, root, &local);
    else
        check_doc(cx, &doc, r, NULL, NULL);
}

/* A page read from a WARC file: checked like a file; the sources it
 * credits are read from the run's WARC files when they are there. */
static void
check_record(struct run_ctx *cx, struct target *t)
{
    struct result *r = new_result(t->spec, t->url);

    r->http_status = t->http_status;
    check_doc(cx, &t->doc, r, NULL, NULL);
}

/* Moves what the transfer learnt into R. */
static void
take_fetch_facts(struct result *r, struct fetch_result *res)
{
    size_t i;

    r->fetched = true;
    r->http_status = res->http_status;
    r->elapsed_ms = res->elapsed_ms;
    r->bytes = res->body_len;
    r->content_type = res->content_type;
    res->content_type = NULL;
    r->record_id = res->record_id;
    res->record_id = NULL;
    r->redirects = xcalloc(res->redirects_len ? res->redirects_len : 1,
                           sizeof *r->redirects);
    for (i = 0; i < res->redirects_len; i++) {
        r->redirects[i].url = res->redirects[i].url;
        r->redirects[i].status = res->redirects[i].status;
        res->redirects[i].url = NULL;
    }
    r->redirects_len = res->redirects_len;
}

static void
job_free(struct url_job *job)
{
    free(job->target);
    free(job->origin);
    free(job->found_on);
    free(job);
}

/* A link on a crawled page (check_link_fn). */
static void
on_link(const char *href, void *arg)
{
    struct url_job *job = arg;

    crawl_link(job->cx->crawl, job->origin, job->url_now, job->depth, href);
}

static void start_robots_sitemaps(struct run_ctx *cx, const char *origin);

/*
 * True when the answer RES to crawled page JOB is no page of the site: not
 * HTML, a 4xx, kept out by robots.txt, landing off the site or on a page
 * already seen.  Those are not reported (nor followed).
 */
static bool
not_a_page(struct url_job *job, const struct fetch_result *res)
{
    if (job->depth == 0) { /* the site is where the start URL lands */
        free(job->origin); /* a sitemap's page came with its sitemap's */
        job->origin = crawl_origin(res->final_url);
        start_robots_sitemaps(job->cx, job->origin);
        if (strcmp(res->url, res->final_url) != 0)
            crawl_visit(job->cx->crawl, res->final_url);
        return false;
    }
    if (res->error == FETCH_E_NOT_HTML || res->error == FETCH_E_ROBOTS ||
        res->error == FETCH_E_SCHEME || res->error == FETCH_E_REDIRECT_LOOP ||
        (res->error == FETCH_E_HTTP && res->http_status >= 400 &&
         res->http_status < 500))
        return true;
    if (strcmp(res->url, res->final_url) == 0)
        return false;
    /* a redirect: its landing must be in scope, and new */
    return !crawl_in_scope(job->cx->crawl, job->origin, res->final_url) ||
           !crawl_visit(job->cx->crawl, res->final_url);
}

static void
on_fetched(struct fetch_result *res, void *userdata)
{
    struct url_job *job = userdata;
    struct result *r;

    if (job->depth >= 0 && not_a_page(job, res)) {
        fetch_result_free(res);
        job_free(job);
        return;
    }
    r = new_result(job->target, res->final_url);
    take_fetch_facts(r, res);
    if (res->error != FETCH_OK) {
        result_set_error(r, fetch_error_name(res->error), res->message);
    } else {
        struct document doc = {0};

        doc.url = res->final_url;
        doc.body = res->body;
        doc.body_len = res->body_len;
        doc.content_type = r->content_type;
        job->url_now = res->final_url;
        check_document_links(
            job->cx->rules, &doc, keep_of(job->cx), r,
            job->depth >= 0 && job->origin != NULL ? on_link : NULL, job);
    }
    if (job->depth >= 0) {
        r->depth = job->depth;
        r->found_on = job->found_on;
        job->found_on = NULL;
    }
    fetch_result_free(res);
    judged(job->cx, r, NULL);
    job_free(job);
}

static void
submit_job(struct run_ctx *cx, const char *target, const char *url, int depth,
           const char *origin, const char *found_on)
{
    struct url_job *job = xcalloc(1, sizeof *job);

    job->cx = cx;
    job->target = xstrdup(target);
    job->depth = depth;
    job->origin = origin ? xstrdup(origin) : NULL;
    job->found_on = found_on ? xstrdup(found_on) : NULL;
    fetch_submit(cx->engine, url, depth > 0, on_fetched, job);
}

static void
submit_url(struct run_ctx *cx, const struct target *t)
{
    if (cx->crawl == NULL) {
        submit_job(cx, t->spec, t->url, -1, NULL, NULL);
        return;
    }
    /* a start URL given twice, or found by an earlier crawl: once */
    if (crawl_start(cx->crawl, t->url))
        submit_job(cx, t->spec, t->url, 0, NULL, NULL);
}

/* Sitemap indexes nest at most this deep (the protocol: one level). */
#define SITEMAP_MAX_LEVEL 2
/* <loc>s read from one sitemap at most (the protocol's limit). */
#define SITEMAP_MAX_LOCS  50000

/* A sitemap on its way through the engine. */
struct sitemap_job {
    struct run_ctx *cx;
    char *url;
    int level; /* 0 for --sitemap; 1 for a sitemap an index lists */
    char *origin;
    size_t pages; /* <loc>s queued as pages */
};

static void submit_sitemap(struct run_ctx *cx, const char *url, int level);

/* A <loc> of a sitemap (sitemap_loc_fn). */
static void
on_loc(const char *loc, bool is_index, void *arg)
{
    struct sitemap_job *job = arg;

    if (job->origin == NULL) /* a sitemap not read over http(s) */
        return;
    if (!is_index)
        job->pages += crawl_add(job->cx->crawl, job->origin, job->url, loc);
    else if (job->level < SITEMAP_MAX_LEVEL &&
             crawl_in_site(job->origin, loc)) /* as the protocol says */
        submit_sitemap(job->cx, loc, job->level + 1);
}

/* A sitemap that cannot be read is an error result named by its URL. */
static void
sitemap_error(struct run_ctx *cx, const char *url, const char *kind,
              const char *message)
{
    struct result *r = new_result(url, url);
    char *msg = xasprintf("sitemap: %s", message);

    result_set_error(r, kind, msg);
    free(msg);
    finish(cx, r);
}

/* The sitemap of JOB is read: its pages (and its error result, ERROR)
 * are known, for the progress line's total. */
static void
count_sitemap(struct sitemap_job *job, bool error)
{
    if (!job->cx->count_sitemaps)
        return;
    progress_add_total(job->cx->progress, job->pages + (error ? 1 : 0));
    progress_expect(job->cx->progress, -1);
}

static void
on_sitemap(struct fetch_result *res, void *userdata)
{
    struct sitemap_job *job = userdata;
    struct ac_err err = {0};
    bool error = true;

    job->origin = crawl_origin(res->final_url);
    if (res->error == FETCH_OK)
        error = sitemap_read(res->body, res->body_len, SITEMAP_MAX_LOCS, on_loc,
                             job, &err) != AC_OK;
    count_sitemap(job, error); /* before its error result is counted done */
    if (res->error != FETCH_OK)
        sitemap_error(job->cx, job->url, fetch_error_name(res->error),
                      res->message);
    else if (error)
        sitemap_error(job->cx, job->url,
                      err.code == AC_E_DATA ? "parse"
                                            : check_error_kind(err.code),
                      err.msg);
    fetch_result_free(res);
    free(job->url);
    free(job->origin);
    free(job);
}

static void
submit_sitemap(struct run_ctx *cx, const char *url, int level)
{
    struct sitemap_job *job;

    if (url_is_http(url) && !crawl_visit(cx->crawl, url))
        return; /* each sitemap once, however it was found */
    job = xcalloc(1, sizeof *job);
    job->cx = cx;
    job->url = xstrdup(url);
    job->level = level;
    if (cx->count_sitemaps)
        progress_expect(cx->progress, 1); /* no total until it is read */
    fetch_submit_any(cx->engine, url, on_sitemap, job);
}

/* A robots.txt fetched for its Sitemap: lines. */
struct robots_job {
    struct run_ctx *cx;
    char *origin;
};

/* A Sitemap: line of a crawled site's robots.txt (robots_sitemap_fn):
 * read when it is on the site. */
static void
on_robots_sitemap(const char *url, void *arg)
{
    struct robots_job *job = arg;

    if (crawl_in_site(job->origin, url))
        submit_sitemap(job->cx, url, 0);
}

static void
on_robots(struct fetch_result *res, void *userdata)
{
    struct robots_job *job = userdata;

    if (res->error == FETCH_OK && !job->cx->stopping)
        robots_sitemaps(res->body, res->body_len, on_robots_sitemap, job);
    fetch_result_free(res);
    free(job->origin);
    free(job);
}

/* With -r, the robots.txt of a site whose start page landed on ORIGIN
 * is read for its Sitemap: lines, once per site: as the engine read it
 * for politeness, or fetched when it did not (--ignore-robots). */
static void
start_robots_sitemaps(struct run_ctx *cx, const char *origin)
{
    struct robots_job *job = xcalloc(1, sizeof *job);
    char *url;

    job->cx = cx;
    job->origin = origin != NULL ? xstrdup(origin) : NULL;
    url = origin != NULL ? xasprintf("%s/robots.txt", origin) : NULL;
    if (!cx->opts->recursive || url == NULL || !crawl_visit(cx->crawl, url) ||
        fetch_robots_sitemaps(cx->engine, url, on_robots_sitemap, job)) {
        free(job->origin);
        free(job);
    } else {
        fetch_submit_any(cx->engine, url, on_robots, job);
    }
    free(url);
}

/* Starts reading every --sitemap; without the network each is an
 * error. */
static void
start_sitemaps(struct run_ctx *cx)
{
    size_t i;

    for (i = 0; i < cx->opts->sitemaps_len; i++) {
        if (cx->engine != NULL) {
            submit_sitemap(cx, cx->opts->sitemaps[i], 0);
            continue;
        }
        if (cx->count_sitemaps)
            progress_add_total(cx->progress, 1); /* its error result */
        sitemap_error(cx, cx->opts->sitemaps[i], "offline",
                      "not fetched: --offline forbids the network");
    }
}

/* Queues the next page of a crawl; false when there is none. */
static bool
next_crawled(struct run_ctx *cx)
{
    struct crawl_page p;

    if (cx->crawl == NULL || !crawl_next(cx->crawl, &p))
        return false;
    submit_job(cx, p.url, p.url, p.depth, p.origin, p.found_on);
    crawl_page_free(&p);
    return true;
}

/* Checks T now or on a worker, or queues it on the engine (a URL). */
static void
start_target(struct run_ctx *cx, struct target *t)
{
    struct result *r;

    if (t->kind == TARGET_URL && cx->engine != NULL) {
        drain(cx);
        submit_url(cx, t);
        return;
    }
    if (t->kind == TARGET_FILE) {
        check_file(cx, t);
        return;
    }
    if (t->kind == TARGET_RECORD) {
        check_record(cx, t);
        return;
    }
    drain(cx);
    r = new_result(t->spec, t->url);
    if (t->kind == TARGET_BAD)
        result_set_error(r, check_error_kind(t->error_code), t->error);
    else
        result_set_error(r, "offline",
                         "not fetched: --offline forbids the network");
    finish(cx, r);
}

/* How long a run sharing the cache may take over a source it claimed:
 * every attempt to its timeout, plus room for the queue and back-off. */
static long
claim_ttl_s(const struct options *opts)
{
    return (opts->timeout_ms / 1000 + 1) * (opts->retries + 1) + 60;
}

/* Every HTTP exchange of the run goes into the --warc-out file
 * (fetch_record_fn). */
static char *
on_exchange(const struct fetch_exchange *x, void *arg)
{
    return warc_out_exchange(arg, x);
}

/* Opens --warc-out (appending when the run resumes) and writes its
 * warcinfo record. */
static enum ac_status
open_warc(struct run_ctx *cx, const struct options *opts, struct ac_err *err)
{
    char *fields = xasprintf(
        "software: attrcheck/%s\n"
        "format: WARC File Format 1.1\n"
        "conformsTo: https://iipc.github.io/warc-specifications/"
        "specifications/warc-format/warc-1.1/\n"
        "robots: %s\n"
        "http-header-user-agent: %s\n"
        "attrcheck-arguments: %s\n",
        PACKAGE_VERSION, opts->ignore_robots ? "ignore" : "classic",
        opts->user_agent ? opts->user_agent : fetch_default_user_agent(),
        opts->command_line ? opts->command_line : "");
    enum ac_status rc = warc_out_open(
        opts->warc_out, opts->resume_files_len > 0, fields, &cx->warc, err);

    free(fields);
    return rc;
}

/* The verifier, unless --no-verify: with the engine when there is one,
 * the run's WARC files and the --cache file. */
static void
open_verifier(struct run_ctx *cx, const struct options *opts)
{
    if (opts->no_verify)
        return;
    cx->verifier =
        verifier_new(cx->engine, cx->rules, opts->max_chain, opts->max_size);
    verifier_keep_side(cx->verifier, opts->format == FORMAT_HTML &&
                                         opts->html_texts != HTML_TEXTS_NONE);
    if (cx->archive != NULL) {
        struct verify_archive a = {cx->archive, cx->remaps,
                                   opts->offline && !opts->ignore_robots};

        verifier_set_archive(cx->verifier, &a);
    }
    if (cx->cache != NULL)
        verifier_set_cache(cx->verifier, cx->cache, opts->max_cache_age_s,
                           claim_ttl_s(opts));
}

static bool warc_name(const char *name);

/* Indexes the WARC files of list PATH (not standard input); those that
 * cannot be read are the list's business. */
static void
index_list(struct warc_index *ix, const char *path)
{
    FILE *f = strcmp(path, "-") != 0 ? fopen(path, "r") : NULL;
    struct ac_err ignored = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    while (f != NULL && (len = getline(&line, &cap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len > 0 && line[0] != '#' && warc_name(line))
            warc_index_add(ix, line, &ignored);
    }
    free(line);
    if (f != NULL)
        fclose(f);
}

/*
 * The index of the run's WARC files, where verification looks for
 * originals first: every --source-warc (one that cannot be read is an
 * error naming it) and, when verifying, the WARC files named as targets,
 * directly or in -i lists (their damage is reported as results when
 * they are read as targets).  None: cx->archive stays NULL.
 */
static enum ac_status
open_archive(struct run_ctx *cx, const struct options *opts, struct ac_err *err)
{
    struct ac_err ignored = {0};
    bool targets = false;
    size_t i;

    for (i = 0; i < opts->targets_len && !targets; i++)
        targets = warc_name(opts->targets[i]);
    for (i = 0; i < opts->inputs_len && !targets; i++)
        targets = strcmp(opts->inputs[i], "-") != 0;
    targets = targets && !opts->no_verify;
    if (opts->source_warcs_len == 0 && !targets)
        return AC_OK;
    cx->archive = warc_index_new();
    for (i = 0; i < opts->source_warcs_len; i++)
        if (warc_index_add(cx->archive, opts->source_warcs[i], &ignored) !=
            AC_OK)
            return ac_err_set(err, AC_E_USAGE, "--source-warc %s", ignored.msg);
    for (i = 0; targets && i < opts->targets_len; i++)
        if (warc_name(opts->targets[i]))
            warc_index_add(cx->archive, opts->targets[i], &ignored);
    for (i = 0; targets && i < opts->inputs_len; i++)
        index_list(cx->archive, opts->inputs[i]);
    if (warc_index_len(cx->archive) == 0 && opts->source_warcs_len == 0) {
        warc_index_free(cx->archive); /* lists of URLs, say */
        cx->archive = NULL;
    }
    return AC_OK;
}

static enum ac_status
ctx_open(struct run_ctx *cx, const struct options *opts, struct ac_err *err)
{
    struct fetch_config cfg;
    unsigned threads;
    size_t i;

    for (i = 0; i < opts->remaps_len; i++) {
        if (cx->remaps == NULL)
            cx->remaps = remap_list_new();
        if (remap_list_add(cx->remaps, opts->remaps[i], err) != AC_OK)
            return AC_E_USAGE;
    }
    if (opts->warc_out != NULL && open_warc(cx, opts, err) != AC_OK)
        return err->code;
    threads = opts->threads > 0 ? (unsigned)opts->threads : workers_cpus();
    if (threads > 1) {
        html_global_init(); /* before any thread parses */
        cx->workers = workers_new(cx->rules, threads);
        cx->workers_window = (size_t)threads * 4;
    }
    if (open_archive(cx, opts, err) != AC_OK)
        return err->code;
    if (opts->offline) {
        if (cx->archive != NULL) /* originals from the WARC files only */
            open_verifier(cx, opts);
        return AC_OK;
    }
    fetch_config_defaults(&cfg);
    cfg.timeout_ms = opts->timeout_ms;
    cfg.max_size = opts->max_size;
    cfg.jobs = opts->jobs;
    cfg.per_host = opts->per_host;
    cfg.delay_ms = opts->delay_ms;
    cfg.max_crawl_delay_ms = opts->max_crawl_delay_ms;
    cfg.retries = opts->retries;
    cfg.ignore_robots = opts->ignore_robots;
    cfg.deny_private = opts->deny_private;
    cfg.test_public = getenv("ATTRCHECK_TEST_PUBLIC"); /* tests only */
    cfg.user_agent = opts->user_agent;
    cfg.resolve = (const char *const *)opts->resolve;
    cfg.resolve_len = opts->resolve_len;
    cfg.remaps = cx->remaps;
    if (cx->warc != NULL) {
        cfg.record = on_exchange;
        cfg.record_arg = cx->warc;
    }
    if (fetch_engine_new(&cfg, &cx->engine, err) != AC_OK)
        return err->code;
    if (opts->recursive || opts->sitemaps_len > 0) {
        struct crawl_config cc = {opts->recursive ? opts->max_depth : 0,
                                  opts->max_pages,
                                  opts->includes,
                                  opts->includes_len,
                                  opts->excludes,
                                  opts->excludes_len};

        if (crawl_new(&cc, &cx->crawl, err) != AC_OK)
            return err->code;
    }
    open_verifier(cx, opts);
    return AC_OK;
}

static void
ctx_close(struct run_ctx *cx)
{
    struct ac_err ignored = {0};

    warc_out_close(cx->warc, &ignored); /* after an error only */
    workers_free(cx->workers);
    notices_free(cx->notices);
    crawl_free(cx->crawl);
    verifier_free(cx->verifier);
    warc_index_free(cx->archive);
    fetch_engine_free(cx->engine);
    remap_list_free(cx->remaps);
}

/* Drives the network for up to 100 ms, then lets the cache commit a
 * batch that has waited long enough. */
static void
step(struct run_ctx *cx)
{
    struct timespec pause = {0, 50 * 1000 * 1000};

    fetch_step(cx->engine, 100);
    if (fetch_pending(cx->engine) == 0 && verify_deferred(cx->verifier) > 0)
        nanosleep(&pause, NULL); /* only waiting on another run: no spin */
    verify_tick(cx->verifier);
    cache_tick(cx->cache);
}

/* Targets begun but not yet written. */
static size_t
in_flight(const struct run_ctx *cx)
{
    if (cx->engine == NULL)
        return 0;
    return fetch_pending(cx->engine) +
           (cx->verifier ? verify_waiting(cx->verifier) : 0);
}

/* After a signal: aborts every transfer and lets the callbacks free
 * what they hold; no result of a target in flight is written. */
static void
stop(struct run_ctx *cx)
{
    cx->stopping = true;
    drain(cx); /* judged, and dropped by finish() */
    fetch_engine_abort(cx->engine);
    verify_abort(cx->verifier);
    while (in_flight(cx) > 0)
        fetch_step(cx->engine, 0);
}

/* True when NAME ends in .warc or .warc.gz. */
static bool
warc_name(const char *name)
{
    size_t n = strlen(name);

    return (n >= 5 && strcmp(name + n - 5, ".warc") == 0) ||
           (n >= 8 && strcmp(name + n - 8, ".warc.gz") == 0);
}

/* Adds the lines of list PATH that name a target to *N; false when that
 * cannot be known (standard input, a WARC file, unreadable). */
static bool
count_list(const char *path, size_t *n)
{
    FILE *f = strcmp(path, "-") != 0 ? fopen(path, "r") : NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ok = f != NULL;

    while (ok && (len = getline(&line, &cap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len > 0 && line[0] != '#') {
            ok = !warc_name(line);
            (*n)++;
        }
    }
    free(line);
    if (f != NULL)
        fclose(f);
    return ok;
}

/* The number of targets in *N, when it is cheap to know ahead: URLs,
 * files and -i lists (a line each, read once more); the pages of
 * --sitemap are added as each is read.  False with folders, WARC
 * files, standard input, -r, --shard or --resume. */
static bool
known_total(const struct options *o, size_t *n)
{
    struct stat st;
    size_t i;

    *n = 0;
    if (o->recursive || o->shard_n > 0 || o->resume_files_len > 0)
        return false;
    for (i = 0; i < o->targets_len; i++)
        if (warc_name(o->targets[i]) ||
            (!report_target_is_url(o->targets[i]) &&
             (stat(o->targets[i], &st) != 0 || !S_ISREG(st.st_mode))))
            return false;
    *n = o->targets_len;
    for (i = 0; i < o->inputs_len; i++)
        if (!count_list(o->inputs[i], n))
            return false;
    return true;
}

/* Clears the progress line before a message (msg_set_clear). */
static void
clear_progress(void *p)
{
    progress_clear(p);
}

/* The progress line: --progress, or stderr a terminal and not -q.  Its
 * total counts sitemaps' pages when the rest is known. */
static void
progress_start(struct run_ctx *cx, const struct options *o)
{
    bool on = o->progress == 1 ||
              (o->progress < 0 && o->verbosity >= 0 && isatty(STDERR_FILENO));
    size_t n = 0;
    bool known = on && known_total(o, &n);

    cx->progress = on ? progress_new(stderr, n, clock_monotonic_ms()) : NULL;
    cx->count_sitemaps = known && o->sitemaps_len > 0;
}

enum ac_status
run_targets(const struct options *opts, const struct run_env *env,
            struct report *rep, struct run_stats *stats, struct ac_err *err)
{
    struct run_ctx cx = {.opts = opts,
                         .rules = env->rules,
                         .rep = rep,
                         .stats = stats,
                         .policy = env->policy,
                         .cache = env->cache};
    /* URLs queued at most: enough to keep every transfer slot busy across
     * hosts, small enough that memory does not grow with the list */
    size_t window = (size_t)opts->jobs * 8;
    struct targets *ts = NULL;
    struct target t;
    enum ac_status rc;
    bool more = true; /* targets_next() may have more */

    memset(stats, 0, sizeof *stats);
    rc = ctx_open(&cx, opts, err);
    if (rc == AC_OK)
        rc = targets_open(opts, &ts, err);
    if (rc != AC_OK) {
        ctx_close(&cx);
        return rc;
    }
    /* a resumed crawl fetches its judged pages again for their links */
    cx.done = cx.crawl != NULL ? env->done : NULL;
    targets_skip_done(ts, cx.crawl != NULL ? NULL : env->done);
    report_begin(rep);
    progress_start(&cx, opts);
    msg_set_clear(clear_progress, cx.progress);
    start_sitemaps(&cx);
    while (!interrupt_pending()) {
        if (in_flight(&cx) < window) {
            if (next_crawled(&cx))
                continue;
            if (more && (more = targets_next(ts, &t))) {
                start_target(&cx, &t);
                target_free(&t);
                continue;
            }
        }
        if (!more)
            drain(&cx); /* the workers' documents, in order */
        if (in_flight(&cx) == 0)
            break;
        step(&cx);
        progress_update(cx.progress, stats, clock_monotonic_ms(), false);
    }
    if (interrupt_pending())
        stop(&cx);
    msg_set_clear(NULL, NULL);
    progress_free(cx.progress); /* clears the line */
    report_end(rep);
    if (env->tally != NULL)
        *env->tally = *targets_tally(ts);
    targets_free(ts);
    rc = warc_out_close(cx.warc, err);
    cx.warc = NULL;
    if (rc == AC_OK && cx.notices_err.code != AC_OK) {
        *err = cx.notices_err;
        rc = err->code;
    }
    ctx_close(&cx);
    return rc;
}

/* True when this binary runs from the build tree, not installed. */
static bool
in_build_tree(void)
{
    char exe[PATH_MAX], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n <= 0)
        return false;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0';
    return strcmp(exe, ATTRCHECK_BUILDDIR) == 0;
}

const char *
run_default_notices_dir(void)
{
    return in_build_tree() ? ATTRCHECK_SRCDIR "/data/notices"
                           : ATTRCHECK_NOTICES_DIR;
}

const char *
run_default_rules_dir(void)
{
    return in_build_tree() ? ATTRCHECK_SRCDIR "/data/rules"
                           : ATTRCHECK_RULES_DIR;
}
