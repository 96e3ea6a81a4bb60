/* SPDX-License-Identifier: MIT */
/*
 * verify: fetching and caching source pages, and following attribution
 * chains (see verify.h).  A thousand copies of one original wait on one
 * request: each source is an entry keyed by its normalised URL, and a
 * copy whose source is still on its way waits on that entry.  The cache
 * is bounded: finished entries nobody points to are evicted oldest first.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cache.h"
#include "check.h"
#include "document.h"
#include "url.h"
#include "verify_int.h"
#include "xalloc.h"

#define BUCKETS   8192
#define CACHE_MAX 4096 /* finished entries kept; bounds memory */

struct verifier {
    struct fetch_engine *engine;
    const struct rules *rules;
    int max_chain;
    size_t max_size;
    struct source_entry *buckets[BUCKETS];
    struct source_entry *oldest, *newest;
    size_t entries;
    size_t waiting; /* results waiting for a source */

    struct cache *cache; /* --cache, borrowed; NULL without */
    long max_age_s;      /* trust a cached source this long */
    long claim_ttl_s;    /* how long another run may take to fetch one */
    struct source_entry **deferred; /* another run is fetching these */
    size_t deferred_len;
    long long next_poll; /* unix ms of the next look at the deferred */
    bool keep_side;      /* keep each original's readable text */
    struct verify_archive archive; /* the run's WARC files; index NULL
                                      without */
};

/* A copy waiting for its source. */
struct copy_job {
    struct verifier *v;
    struct result *r;
    verify_done_fn done;
    void *userdata;
};

/* A source page waiting for the source it credits. */
struct chain_job {
    struct verifier *v;
    struct source_entry *parent;
};

static void request(struct verifier *v, const char *url, int level,
                    const struct verify_local *local,
                    void (*fn)(struct source_entry *, void *), void *ud);

struct verifier *
verifier_new(struct fetch_engine *engine, const struct rules *rules,
             int max_chain, size_t max_size)
{
    struct verifier *v = xcalloc(1, sizeof *v);

    v->engine = engine;
    v->rules = rules;
    v->max_chain = max_chain;
    v->max_size = max_size;
    return v;
}

void
verifier_keep_side(struct verifier *v, bool keep)
{
    v->keep_side = keep;
}

void
verifier_set_archive(struct verifier *v, const struct verify_archive *a)
{
    v->archive = *a;
}

static size_t
hash_key(const char *s)
{
    size_t h = 5381;

    while (*s != '\0')
        h = h * 33 + (unsigned char)*s++;
    return h % BUCKETS;
}

static struct source_entry *
lookup(struct verifier *v, const char *key)
{
    struct source_entry *e = v->buckets[hash_key(key)];

    while (e != NULL && strcmp(e->key, key) != 0)
        e = e->hash_next;
    return e;
}

static void
entry_free(struct source_entry *e)
{
    free(e->key);
    free(e->url);
    free(e->final_url);
    free(e->license_url);
    free(e->creator);
    free(e->title);
    free(e->credits);
    textsim_free(&e->text);
    sidetext_free(&e->side);
    free(e->waiters);
    free(e);
}

static void
unlink_entry(struct verifier *v, struct source_entry *e)
{
    struct source_entry **pp = &v->buckets[e->bucket];

    while (*pp != e)
        pp = &(*pp)->hash_next;
    *pp = e->hash_next;
    if (e->older != NULL)
        e->older->newer = e->newer;
    else
        v->oldest = e->newer;
    if (e->newer != NULL)
        e->newer->older = e->older;
    else
        v->newest = e->older;
    v->entries--;
}

/* Drops finished entries nobody points to, oldest first, down to the cap. */
static void
evict(struct verifier *v)
{
    struct source_entry *e = v->oldest, *newer;

    while (e != NULL && v->entries > CACHE_MAX) {
        newer = e->newer;
        if (e->state == SOURCE_DONE && e->refs == 0 && e->waiters_len == 0) {
            if (e->next != NULL)
                e->next->refs--;
            unlink_entry(v, e);
            entry_free(e);
        }
        e = newer;
    }
}

static struct source_entry *
entry_new(struct verifier *v, const char *url, const char *key, int level)
{
    struct source_entry *e = xcalloc(1, sizeof *e);

    e->v = v;
    e->key = xstrdup(key);
    e->url = xstrdup(url);
    e->level = level;
    e->state = SOURCE_FETCHING;
    e->bucket = hash_key(key);
    e->hash_next = v->buckets[e->bucket];
    v->buckets[e->bucket] = e;
    e->older = v->newest;
    if (v->newest != NULL)
        v->newest->newer = e;
    else
        v->oldest = e;
    v->newest = e;
    v->entries++;
    return e;
}

static void
add_waiter(struct source_entry *e, void (*fn)(struct source_entry *, void *),
           void *ud)
{
    e->waiters =
        xreallocarray(e->waiters, e->waiters_len + 1, sizeof *e->waiters);
    e->waiters[e->waiters_len].fn = fn;
    e->waiters[e->waiters_len].userdata = ud;
    e->waiters_len++;
}

/* Marks E done and tells everyone waiting on it. */
static void
complete(struct verifier *v, struct source_entry *e)
{
    struct source_waiter *w = e->waiters;
    size_t i, n = e->waiters_len;

    e->state = SOURCE_DONE;
    e->waiters = NULL;
    e->waiters_len = 0;
    e->refs++; /* pinned: a waiter's work may trigger an eviction */
    for (i = 0; i < n; i++)
        w[i].fn(e, w[i].userdata);
    e->refs--;
    free(w);
    evict(v);
}

/* The chain link of PARENT is known: PARENT is done. */
static void
on_chain_done(struct source_entry *child, void *userdata)
{
    struct chain_job *job = userdata;
    struct source_entry *parent = job->parent;

    struct verifier *v = job->v;

    if (!child->unchecked) { /* the chain ends where nothing was read */
        parent->next = child;
        child->refs++;
    }
    free(job);
    complete(v, parent);
}

/* Follows the source E credits, unless the chain is long enough or the
 * next link is itself still waiting on its own chain (a cycle). */
static void
follow_chain(struct verifier *v, struct source_entry *e)
{
    struct chain_job *job;
    struct source_entry *next;
    char *key;

    if (e->credits == NULL || e->level >= v->max_chain) {
        complete(v, e);
        return;
    }
    key = url_normalise(e->credits);
    next = key ? lookup(v, key) : NULL;
    free(key);
    if (next == e || (next != NULL && next->state == SOURCE_CHAIN)) {
        complete(v, e); /* a cycle: stop here */
        return;
    }
    e->state = SOURCE_CHAIN;
    job = xmalloc(sizeof *job);
    job->v = v;
    job->parent = e;
    request(v, e->credits, e->level + 1, NULL, on_chain_done, job);
}

/* Keeps what verification needs of the analysed source page. */
static void
take_page_facts(struct source_entry *e, struct result *page)
{
    const struct analysis *a = &page->analysis;

    if (page->verdict == VERDICT_ERROR) {
        e->error = FETCH_E_NOT_HTML;
        snprintf(e->message, sizeof e->message, "%s",
                 page->error_message ? page->error_message : "unreadable");
        return;
    }
    if (a->applicable != DETECT_NONE) {
        e->has_license = true;
        e->lic = a->licenses[a->applicable].lic;
        if (a->licenses[a->applicable].url != NULL)
            e->license_url = xstrdup(a->licenses[a->applicable].url);
    }
    e->creator = a->creator ? xstrdup(a->creator) : NULL;
    e->title = a->title ? xstrdup(a->title) : NULL;
    e->credits = a->source ? xstrdup(a->source->url) : NULL;
    e->not_found = a->not_found;
    e->text = page->text; /* moved */
    memset(&page->text, 0, sizeof page->text);
    e->side = page->side; /* moved */
    memset(&page->side, 0, sizeof page->side);
}

static void
analyse_body(struct verifier *v, struct source_entry *e, char *body, size_t len,
             const char *content_type)
{
    struct document doc = {0};
    struct result page;

    doc.url = e->final_url;
    doc.body = body;
    doc.body_len = len;
    doc.content_type = (char *)(uintptr_t)content_type;
    result_init(&page, e->url, e->final_url);
    check_document(v->rules, &doc,
                   CHECK_TEXT_ORIGINAL | (v->keep_side ? CHECK_TEXT_SIDE : 0),
                   &page);
    take_page_facts(e, &page);
    result_free(&page);
}

/* ---- the --cache file: sources remembered between runs (cache.c) ---- */

void
verifier_set_cache(struct verifier *v, struct cache *cache, long max_age_s,
                   long claim_ttl_s)
{
    v->cache = cache;
    v->max_age_s = max_age_s;
    v->claim_ttl_s = claim_ttl_s;
}

/* The cache's entry for E as the database has it now (another run may
 * have added it since this one began), or NULL; the caller frees. */
static struct cache_entry *
cached(const struct verifier *v, const struct source_entry *e)
{
    return v->cache != NULL ? cache_get(v->cache, e->key) : NULL;
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

/* Takes what the cache knows the page says (the same bytes would say
 * the same again). */
static void
take_cached_page(struct source_entry *e, const struct cache_entry *ce)
{
    e->has_license = ce->has_license;
    e->lic = ce->lic;
    e->license_url = dup_or_null(ce->license_url);
    e->creator = dup_or_null(ce->creator);
    e->title = dup_or_null(ce->title);
    e->credits = dup_or_null(ce->credits);
    e->not_found = ce->not_found;
    e->text.len = ce->text.len;
    e->text.words = ce->text.words;
    e->text.h = NULL;
    if (ce->text.len > 0) {
        e->text.h = xreallocarray(NULL, ce->text.len, sizeof *e->text.h);
        memcpy(e->text.h, ce->text.h, ce->text.len * sizeof *e->text.h);
    }
}

/* Takes the cached transfer and page: a fresh entry, or a 304. */
static void
take_cached(struct source_entry *e, const struct cache_entry *ce)
{
    e->final_url = xstrdup(ce->final_url ? ce->final_url : e->url);
    e->http_status = ce->http_status;
    e->first_redirect = ce->first_redirect;
    e->error = FETCH_OK;
    take_cached_page(e, ce);
}

/* Records the answer RES and what E made of it for the next run; an
 * error drops what the cache had (errors are never cached). */
static void
remember(struct verifier *v, const struct source_entry *e,
         const struct fetch_result *res)
{
    struct cache_entry ce = {0};

    if (v->cache == NULL)
        return;
    if (e->error != FETCH_OK) {
        cache_forget(v->cache, e->key);
        return;
    }
    ce.url = e->key; /* borrowed: cache_entry_dup copies */
    ce.final_url = e->final_url;
    ce.http_status = e->http_status;
    ce.first_redirect = e->first_redirect;
    ce.etag = res->etag;
    ce.last_modified = res->last_modified;
    ce.content_hash = cache_hash_body(res->body, res->body_len);
    ce.fetched_at = (long long)time(NULL);
    ce.has_license = e->has_license;
    ce.lic = e->lic;
    ce.license_url = e->license_url;
    ce.creator = e->creator;
    ce.title = e->title;
    ce.credits = e->credits;
    ce.not_found = e->not_found;
    ce.text = e->text;
    cache_put(v->cache, cache_entry_dup(&ce));
}

/* Takes what the transfer RES found; the page is analysed unless the
 * cache has the same bytes (CE may be NULL). */
static void
take_fetched(struct source_entry *e, struct fetch_result *res,
             const struct cache_entry *ce)
{
    e->final_url = xstrdup(res->final_url);
    e->http_status = res->http_status;
    e->first_redirect = res->redirects_len ? res->redirects[0].status : 0;
    e->error = res->error;
    memcpy(e->message, res->message, sizeof e->message);
    if (res->error == FETCH_OK && res->http_status == 304) {
        e->error = FETCH_E_HTTP; /* the cached copy is gone: unusable */
        snprintf(e->message, sizeof e->message, "HTTP 304");
    } else if (res->error == FETCH_OK && ce != NULL &&
               ce->content_hash == cache_hash_body(res->body, res->body_len)) {
        take_cached_page(e, ce);
    } else if (res->error == FETCH_OK) {
        analyse_body(e->v, e, res->body, res->body_len, res->content_type);
    }
}

static void
on_source_fetched(struct fetch_result *res, void *userdata)
{
    struct source_entry *e = userdata;
    struct cache_entry *ce = cached(e->v, e);

    if (ce != NULL && res->error == FETCH_OK && res->http_status == 304) {
        take_cached(e, ce); /* not modified: what we knew still holds */
        cache_touch(e->v->cache, e->key, (long long)time(NULL), res->etag,
                    res->last_modified);
    } else {
        take_fetched(e, res, ce);
        remember(e->v, e, res);
    }
    cache_entry_free(ce);
    fetch_result_free(res);
    if (e->error == FETCH_OK)
        follow_chain(e->v, e);
    else
        complete(e->v, e);
}

/* Takes CE (freed) for E when it is fresh enough; false otherwise. */
static bool
use_fresh(struct verifier *v, struct source_entry *e, struct cache_entry *ce)
{
    long long age = (long long)time(NULL) - ce->fetched_at;

    if (age < 0 || age >= v->max_age_s)
        return false;
    take_cached(e, ce);
    cache_entry_free(ce);
    follow_chain(v, e);
    return true;
}

/* Claims E's source for this run; false when another live run holds the
 * claim.  A run that committed the entry between our lookup and our
 * claim left no claim behind (its commit removes it), so a claim won is
 * followed by one more lookup, which then sees that entry: in *CE. */
static bool
claim(struct verifier *v, struct source_entry *e, struct cache_entry **ce)
{
    if (cache_claim(v->cache, e->key, (long long)time(NULL), v->claim_ttl_s) ==
        CACHE_CLAIM_OTHER)
        return false;
    *ce = cached(v, e);
    return true;
}

/* Fetches the source of E, unless the cache has it fresh: then it is
 * used as it is; an older entry makes the request conditional. */
static void
fetch_source(struct verifier *v, struct source_entry *e, const char *url)
{
    struct cache_entry *ce = cached(v, e);
    struct fetch_headers h = {NULL, NULL};

    if (ce == NULL && v->cache != NULL && !claim(v, e, &ce)) {
        v->deferred = xreallocarray(v->deferred, v->deferred_len + 1,
                                    sizeof *v->deferred);
        v->deferred[v->deferred_len++] = e; /* verify_tick looks again */
        return;
    }
    if (ce != NULL) {
        if (use_fresh(v, e, ce))
            return;
        h.if_none_match = ce->etag;
        h.if_modified_since = ce->last_modified;
    }
    fetch_submit_ex(v->engine, url, true, &h, on_source_fetched, e);
    cache_entry_free(ce);
}

/* Takes deferred entry I off the list. */
static struct source_entry *
undefer(struct verifier *v, size_t i)
{
    struct source_entry *e = v->deferred[i];

    v->deferred[i] = v->deferred[--v->deferred_len];
    return e;
}

static long long
unix_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
verify_tick(struct verifier *v)
{
    struct cache_entry *ce;
    struct source_entry *e;
    size_t i = 0;

    if (v == NULL || v->deferred_len == 0 || unix_ms() < v->next_poll)
        return;
    v->next_poll = unix_ms() + 200;
    while (i < v->deferred_len) {
        e = v->deferred[i];
        if ((ce = cached(v, e)) != NULL) { /* the other run's entry landed */
            undefer(v, i);
            take_cached(e, ce);
            cache_entry_free(ce);
            follow_chain(v, e);
        } else if (claim(v, e, &ce)) {
            undefer(v, i); /* it gave up, or is gone: fetch it here */
            if (ce == NULL || !use_fresh(v, e, ce)) {
                cache_entry_free(ce);
                fetch_submit_ex(v->engine, e->url, true, NULL,
                                on_source_fetched, e);
            }
        } else {
            i++;
        }
    }
}

size_t
verify_deferred(const struct verifier *v)
{
    return v != NULL ? v->deferred_len : 0;
}

void
verify_abort(struct verifier *v)
{
    struct source_entry *e;

    while (v != NULL && v->deferred_len > 0) {
        e = undefer(v, v->deferred_len - 1);
        e->final_url = xstrdup(e->url);
        e->error = FETCH_E_ABORTED;
        snprintf(e->message, sizeof e->message, "interrupted");
        complete(v, e);
    }
}

/* ---- end of the --cache part ---- */

/* The file in LOCAL's folder that URL is published as, or NULL. */
static char *
local_path(const struct verify_local *local, const char *url)
{
    size_t n, i, j;
    char *rel, *path;

    if (local == NULL || local->base_url == NULL || local->root == NULL)
        return NULL;
    n = strlen(local->base_url);
    if (strncmp(url, local->base_url, n) != 0)
        return NULL;
    rel = xstrdup(url + n);
    rel[strcspn(rel, "?#")] = '\0';
    for (i = j = 0; rel[i] != '\0'; i++, j++) { /* %XX decoding */
        unsigned v;

        if (rel[i] == '%' && sscanf(rel + i + 1, "%2x", &v) == 1 && v != 0) {
            rel[j] = (char)v;
            i += 2;
        } else {
            rel[j] = rel[i];
        }
    }
    rel[j] = '\0';
    if (strstr(rel, "..") != NULL) { /* never leave the folder */
        free(rel);
        return NULL;
    }
    path = xasprintf(
        "%s%s%s%s", local->root,
        local->root[0] && local->root[strlen(local->root) - 1] == '/' ? ""
                                                                      : "/",
        rel, (j == 0 || rel[j - 1] == '/') ? "index.html" : "");
    free(rel);
    return path;
}

/* Reads a source that lies in the folder being checked. */
static void
read_local(struct verifier *v, struct source_entry *e, const char *path)
{
    struct document doc;
    struct ac_err err = {0};

    e->final_url = xstrdup(e->url);
    if (document_load_file(path, e->url, v->max_size, &doc, &err) != AC_OK) {
        e->error = FETCH_E_IO;
        snprintf(e->message, sizeof e->message, "%s", err.msg);
        complete(v, e);
        return;
    }
    analyse_body(v, e, doc.body, doc.body_len, NULL);
    document_free(&doc);
    if (e->error == FETCH_OK)
        follow_chain(v, e);
    else
        complete(v, e);
}

/* Takes the answer the WARC files hold (never cached: it is not what
 * the URL answers now). */
static void
take_archived(struct verifier *v, struct source_entry *e,
              struct fetch_result *res)
{
    take_fetched(e, res, NULL);
    fetch_result_free(res);
    if (e->error == FETCH_OK)
        follow_chain(v, e);
    else
        complete(v, e);
}

/* Reads E's original from where it can be: the folder being checked,
 * the run's WARC files, the network. */
static void
obtain(struct verifier *v, struct source_entry *e, const char *url,
       const struct verify_local *local)
{
    struct fetch_result *res = NULL;
    char *path;

    if ((path = local_path(local, url)) != NULL) {
        read_local(v, e, path);
        free(path);
    } else if (v->archive.index != NULL &&
               (res = verify_warc_fetch(&v->archive, url, v->max_size)) !=
                   NULL) {
        take_archived(v, e, res);
    } else if (v->engine != NULL) {
        fetch_source(v, e, url);
    } else {
        e->final_url = xstrdup(url);
        e->error = FETCH_E_SCHEME;
        e->unchecked =
            v->archive.index != NULL; /* as with no verifier at all */
        snprintf(e->message, sizeof e->message, "not fetched: no network");
        complete(v, e);
    }
}

static void
request(struct verifier *v, const char *url, int level,
        const struct verify_local *local,
        void (*fn)(struct source_entry *, void *), void *ud)
{
    char *key = url_normalise(url);
    struct source_entry *e = lookup(v, key ? key : url);

    if (e != NULL) {
        free(key);
        if (e->state == SOURCE_DONE)
            fn(e, ud);
        else
            add_waiter(e, fn, ud);
        return;
    }
    e = entry_new(v, url, key ? key : url, level);
    free(key);
    add_waiter(e, fn, ud);
    obtain(v, e, url, local);
}

static void
on_copy_source(struct source_entry *e, void *userdata)
{
    struct copy_job *job = userdata;

    if (!e->unchecked)
        verify_judge(job->r, e);
    job->v->waiting--;
    job->done(job->r, job->userdata);
    free(job);
}

void
verify_result(struct verifier *v, struct result *r,
              const struct verify_local *local, verify_done_fn done,
              void *userdata)
{
    struct copy_job *job = xmalloc(sizeof *job);

    job->v = v;
    job->r = r;
    job->done = done;
    job->userdata = userdata;
    v->waiting++;
    request(v, r->analysis.source->url, 1, local, on_copy_source, job);
}

size_t
verify_waiting(const struct verifier *v)
{
    return v->waiting;
}

void
verifier_free(struct verifier *v)
{
    struct source_entry *e, *newer;

    if (v == NULL)
        return;
    for (e = v->oldest; e != NULL; e = newer) {
        newer = e->newer;
        entry_free(e);
    }
    free(v->deferred);
    free(v);
}
