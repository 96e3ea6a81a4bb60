/* SPDX-License-Identifier: MIT */
/*
 * fetch_host: the engine's hosts (scheme+host+port).  A hash table finds
 * them; a busy list holds those with requests, an LRU list the idle ones,
 * which are forgotten beyond IDLE_HOSTS_MAX.  Each host carries its
 * pacing (delay, Retry-After pause) and its robots.txt state.  It does
 * not queue or start requests: fetch_sched.c does.
 */
#include "config.h"
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch_int.h"
#include "robots.h"
#include "xalloc.h"

#define PRODUCT_TOKEN  "attrcheck"
/* Hosts with nothing queued that we still remember (robots, pacing); the
 * least recently used is forgotten beyond this, so memory stays bounded. */
#define IDLE_HOSTS_MAX 1024

static size_t
hash_str(const char *s)
{
    return (size_t)hash_fnv1a_str(HASH_FNV_OFFSET, s);
}

static void
list_unlink(struct fetch_host_list *l, struct fetch_host *h)
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
list_append(struct fetch_host_list *l, struct fetch_host *h)
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
table_grow(struct fetch_hosts *t)
{
    size_t n = t->nbuckets ? t->nbuckets * 2 : 64;
    struct fetch_host **b = xcalloc(n, sizeof(*b));

    for (size_t i = 0; i < t->nbuckets; i++) {
        struct fetch_host *h = t->buckets[i], *next;
        for (; h != NULL; h = next) {
            next = h->hnext;
            h->hnext = b[hash_str(h->key) & (n - 1)];
            b[hash_str(h->key) & (n - 1)] = h;
        }
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = n;
}

static void
host_destroy(struct fetch_hosts *t, struct fetch_host *h)
{
    struct fetch_host **pp = &t->buckets[hash_str(h->key) & (t->nbuckets - 1)];

    while (*pp != h)
        pp = &(*pp)->hnext;
    *pp = h->hnext;
    t->nhosts--;
    robots_free(h->robots);
    free(h->key);
    free(h);
}

struct fetch_host *
fetch_host_find(const struct fetch_hosts *t, const char *key)
{
    struct fetch_host *h;

    if (t->nbuckets == 0)
        return NULL;
    for (h = t->buckets[hash_str(key) & (t->nbuckets - 1)]; h != NULL;
         h = h->hnext)
        if (strcmp(h->key, key) == 0)
            return h;
    return NULL;
}

struct fetch_host *
fetch_host_get(struct fetch_hosts *t, const char *key, long delay_ms)
{
    struct fetch_host *h = fetch_host_find(t, key);
    size_t b;

    if (h != NULL)
        return h;
    if (t->nhosts >= t->nbuckets)
        table_grow(t);
    b = hash_str(key) & (t->nbuckets - 1);
    h = xcalloc(1, sizeof(*h));
    h->key = xstrdup(key);
    h->delay_ms = delay_ms;
    h->hnext = t->buckets[b];
    t->buckets[b] = h;
    t->nhosts++;
    list_append(&t->idle, h);
    return h;
}

void
fetch_host_ref(struct fetch_hosts *t, struct fetch_host *h)
{
    if (h->refs++ == 0) {
        list_unlink(&t->idle, h);
        list_append(&t->busy, h);
    }
}

void
fetch_host_unref(struct fetch_hosts *t, struct fetch_host *h)
{
    if (--h->refs > 0)
        return;
    list_unlink(&t->busy, h);
    list_append(&t->idle, h);
    while (t->idle.len > IDLE_HOSTS_MAX) {
        struct fetch_host *old = t->idle.head;
        list_unlink(&t->idle, old);
        host_destroy(t, old);
    }
}

void
fetch_host_free_all(struct fetch_hosts *t)
{
    for (size_t i = 0; i < t->nbuckets; i++)
        while (t->buckets[i] != NULL)
            host_destroy(t, t->buckets[i]);
    free(t->buckets);
    t->buckets = NULL;
    t->nbuckets = 0;
}

/* Retry-After pauses the whole host, not just this request. */
void
fetch_host_pause(struct fetch_host *h, long retry_after_ms, long long now)
{
    long long until;

    if (retry_after_ms < 0)
        return;
    until = now + retry_after_ms;
    if (until > h->paused_until)
        h->paused_until = until;
}

long long
fetch_host_start_at(const struct fetch_host *h, long long not_before)
{
    long long at = h->next_start;

    if (h->paused_until > at)
        at = h->paused_until;
    if (not_before > at)
        at = not_before;
    return at;
}

void
fetch_host_robots_settle(struct fetch_host *h, const struct fetch_req *r,
                         const struct fetch_outcome *o, long max_crawl_delay_ms)
{
    bool answered = o->kind == FETCH_OK || r->over_limit;
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
        h->robots_kind = o->kind;
        snprintf(h->robots_why, sizeof(h->robots_why), "robots.txt: %.140s",
                 o->why);
    }
    d = robots_crawl_delay_ms(h->robots);
    if (d > max_crawl_delay_ms)
        d = max_crawl_delay_ms;
    if (d > h->delay_ms)
        h->delay_ms = d;
    if (r->started + h->delay_ms > h->next_start)
        h->next_start = r->started + h->delay_ms;
    h->rstate = FETCH_ROBOTS_READY;
}
