/* SPDX-License-Identifier: MIT */
/*
 * crawl: the visited set and the frontier (see crawl.h).  Two different
 * URLs with the same 64-bit hash would make the second look visited:
 * with n URLs visited, the chance that a given new URL is wrongly passed
 * over is about n / 2^64 (one in 1.8e15 for a site of 10,000 pages), and
 * the chance of any collision in the whole crawl about n^2 / 2^65 (one in
 * 3.7e11 for 10,000 pages; one in 37 million for a million).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crawl.h"
#include "glob.h"
#include "hash.h"
#include "url.h"
#include "xalloc.h"

struct crawl {
    struct crawl_config cfg;
    uint64_t *slots; /* 0 is empty */
    size_t cap, len; /* cap a power of two */
    size_t queued;   /* pages queued, starts included */
    FILE *frontier;  /* lines "DEPTH\tORIGIN\tFOUND_ON\tURL\n" */
    long long rpos, wpos;
    char *line;
    size_t line_cap;
};

enum ac_status
crawl_new(const struct crawl_config *cfg, struct crawl **out,
          struct ac_err *err)
{
    struct crawl *c = xcalloc(1, sizeof *c);

    c->cfg = *cfg;
    c->cap = 1024;
    c->slots = xcalloc(c->cap, sizeof *c->slots);
    c->frontier = tmpfile();
    if (c->frontier == NULL) {
        crawl_free(c);
        *out = NULL;
        return ac_err_set(err, AC_E_IO,
                          "--recursive: no temporary file for "
                          "the frontier (TMPDIR)");
    }
    *out = c;
    return AC_OK;
}

void
crawl_free(struct crawl *c)
{
    if (c == NULL)
        return;
    if (c->frontier != NULL)
        fclose(c->frontier);
    free(c->slots);
    free(c->line);
    free(c);
}

unsigned long long
crawl_url_hash(const char *normalised)
{
    uint64_t h = hash_mix64(hash_fnv1a_str(HASH_FNV_OFFSET, normalised));

    return h != 0 ? h : 1;
}

/* Inserts H; true when it was not there. */
static bool
set_add(struct crawl *c, uint64_t h)
{
    size_t i;

    if (2 * (c->len + 1) > c->cap) {
        uint64_t *old = c->slots;
        size_t oldcap = c->cap, j;

        c->cap *= 2;
        c->slots = xcalloc(c->cap, sizeof *c->slots);
        c->len = 0;
        for (j = 0; j < oldcap; j++)
            if (old[j] != 0)
                set_add(c, old[j]);
        free(old);
    }
    for (i = (size_t)h & (c->cap - 1); c->slots[i] != 0;
         i = (i + 1) & (c->cap - 1))
        if (c->slots[i] == h)
            return false;
    c->slots[i] = h;
    c->len++;
    return true;
}

bool
crawl_visit(struct crawl *c, const char *url)
{
    char *n = url_normalise(url);
    bool fresh;

    if (n == NULL)
        return false;
    fresh = set_add(c, crawl_url_hash(n));
    free(n);
    return fresh;
}

bool
crawl_start(struct crawl *c, const char *url)
{
    if (!crawl_visit(c, url))
        return false;
    c->queued++;
    return true;
}

char *
crawl_origin(const char *url)
{
    char *n = url_is_http(url) ? url_normalise(url) : NULL;
    char *p, *slash;

    if (n == NULL)
        return NULL;
    p = strstr(n, "://");
    slash = p ? strchr(p + 3, '/') : NULL;
    if (slash != NULL)
        *slash = '\0';
    return n;
}

/* The URL path of N (normalised, on ORIGIN) without its leading '/' and
 * query, for the globs; caller frees. */
static char *
glob_path(const char *n, size_t origin_len)
{
    const char *p = n + origin_len;

    while (*p == '/')
        p++;
    return xstrndup(p, strcspn(p, "?"));
}

static bool
any_match(char *const *globs, size_t len, const char *path)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (glob_match_path(globs[i], path))
            return true;
    return false;
}

/* True when normalised N on ORIGIN passes --include and --exclude. */
static bool
wanted(const struct crawl *c, const char *n, size_t origin_len)
{
    char *path = glob_path(n, origin_len);
    bool ok = !any_match(c->cfg.excludes, c->cfg.excludes_len, path) &&
              (c->cfg.includes_len == 0 ||
               any_match(c->cfg.includes, c->cfg.includes_len, path));

    free(path);
    return ok;
}

bool
crawl_in_site(const char *origin, const char *url)
{
    char *n = url_is_http(url) ? url_normalise(url) : NULL;
    size_t ol = strlen(origin);
    bool in = n != NULL && strncmp(n, origin, ol) == 0 && n[ol] == '/';

    free(n);
    return in;
}

bool
crawl_in_scope(const struct crawl *c, const char *origin, const char *url)
{
    char *n = url_is_http(url) ? url_normalise(url) : NULL;
    size_t ol = strlen(origin);
    bool in = n != NULL && strncmp(n, origin, ol) == 0 && n[ol] == '/' &&
              wanted(c, n, ol);

    free(n);
    return in;
}

/* Appends a page to the frontier file. */
static void
push(struct crawl *c, int depth, const char *origin, const char *found_on,
     const char *n)
{
    fseeko(c->frontier, (off_t)c->wpos, SEEK_SET);
    fprintf(c->frontier, "%d\t%s\t%s\t%s\n", depth, origin, found_on, n);
    c->wpos = (long long)ftello(c->frontier);
    c->queued++;
}

void
crawl_link(struct crawl *c, const char *origin, const char *base, int depth,
           const char *href)
{
    char *abs, *n = NULL;
    size_t ol = strlen(origin);

    if (depth + 1 > c->cfg.max_depth ||
        (c->cfg.max_pages > 0 && c->queued >= c->cfg.max_pages))
        return;
    abs = url_resolve(base, href);
    if (abs != NULL && url_is_http(abs))
        n = url_normalise(abs);
    free(abs);
    if (n == NULL || strncmp(n, origin, ol) != 0 || n[ol] != '/' ||
        strpbrk(n, "\t\n\r") != NULL || !wanted(c, n, ol) ||
        !set_add(c, crawl_url_hash(n))) {
        free(n);
        return;
    }
    push(c, depth + 1, origin, base, n);
    free(n);
}

bool
crawl_add(struct crawl *c, const char *origin, const char *found_on,
          const char *url)
{
    char *n = url_is_http(url) ? url_normalise(url) : NULL;
    size_t ol = strlen(origin);
    bool add = n != NULL && strncmp(n, origin, ol) == 0 && n[ol] == '/' &&
               strpbrk(n, "\t\n\r") == NULL &&
               strpbrk(found_on, "\t\n\r") == NULL &&
               (c->cfg.max_pages == 0 || c->queued < c->cfg.max_pages) &&
               set_add(c, crawl_url_hash(n));

    if (add)
        push(c, 0, origin, found_on, n);
    free(n);
    return add;
}

bool
crawl_next(struct crawl *c, struct crawl_page *p)
{
    ssize_t len;
    char *f[4], *s;
    int i;

    if (c->rpos >= c->wpos)
        return false;
    fflush(c->frontier);
    fseeko(c->frontier, (off_t)c->rpos, SEEK_SET);
    len = getline(&c->line, &c->line_cap, c->frontier);
    if (len <= 0)
        return false;
    c->rpos += len;
    c->line[len - 1] = '\0';
    s = c->line;
    for (i = 0; i < 4; i++) {
        f[i] = s;
        s = i < 3 ? strchr(s, '\t') : NULL;
        if (i < 3 && s == NULL)
            return false;
        if (s != NULL)
            *s++ = '\0';
    }
    p->depth = atoi(f[0]);
    p->origin = xstrdup(f[1]);
    p->found_on = xstrdup(f[2]);
    p->url = xstrdup(f[3]);
    return true;
}

void
crawl_page_free(struct crawl_page *p)
{
    free(p->url);
    free(p->origin);
    free(p->found_on);
    memset(p, 0, sizeof *p);
}

size_t
crawl_visited(const struct crawl *c)
{
    return c->len;
}

size_t
crawl_set_bytes(const struct crawl *c)
{
    return c->cap * sizeof *c->slots;
}
