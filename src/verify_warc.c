/* SPDX-License-Identifier: MIT */
/*
 * verify_warc: an original read from the run's WARC files instead of the
 * network.  The archived answer is turned into the fetch_result a live
 * fetch would have given: redirects recorded in the WARC are followed
 * within the engine's bounds (10 hops, no loop), a 404 or a 403 is the
 * same error, a refused type or a body cut at --max-size too.  It uses
 * fetch_result.c's own judgement of a response (fetch_int.h), so an
 * archived answer is judged exactly like a live one.  --remap rules
 * apply to every hop before it is looked up, as the engine applies them
 * before it fetches (and records) one.  Without the network, an original
 * the files lack but their robots.txt forbids gets the engine's error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fetch_int.h"
#include "remap.h"
#include "robots.h"
#include "url.h"
#include "verify_int.h"
#include "warc_index.h"
#include "xalloc.h"

#define MAX_REDIRECTS 10          /* as the engine (fetch_sched.c) */
#define ROBOTS_TOKEN  "attrcheck" /* as the engine (fetch_host.c) */

/* The error a live fetch gives a final answer of STATUS, or FETCH_OK. */
static enum fetch_error
status_error(int status)
{
    if (status >= 200 && status < 300)
        return FETCH_OK;
    if (status == 429)
        return FETCH_E_RATE_LIMITED;
    if (status == 403 || status == 999)
        return FETCH_E_BLOCKED;
    return FETCH_E_HTTP;
}

/* Takes the final answer REC (HTTP parsed into H) into RES. */
static void
take_answer(struct fetch_result *res, struct warc_record *rec,
            struct warc_http *h, size_t max_size)
{
    enum fetch_error kind = status_error(h->status);
    struct ac_err err = {0};
    enum ac_status rc;

    res->http_status = h->status;
    res->content_type = h->content_type;
    h->content_type = NULL;
    if (rec->truncated || (rec->warc_truncated != NULL &&
                           strcmp(rec->warc_truncated, "length") == 0)) {
        fetch_result_fail(res, FETCH_E_TOO_LARGE, "larger than %zu bytes",
                          max_size);
        return;
    }
    if (kind != FETCH_OK) {
        fetch_result_fail(res, kind, "HTTP %d", h->status);
        return;
    }
    if (fetch_result_check_html(res, res->content_type, "", 0))
        return; /* refused by its type, unread */
    rc = warc_http_body(rec, h, max_size, &res->body, &res->body_len, &err);
    if (rc != AC_OK) {
        fetch_result_fail(res,
                          rc == AC_E_LIMIT ? FETCH_E_TOO_LARGE : FETCH_E_IO,
                          "%s", err.msg);
        return;
    }
    fetch_result_check_html(res, res->content_type, res->body, res->body_len);
}

/* Records the redirect of CUR (STATUS) to NEXT in RES; false (with the
 * error set) when that is one hop too many or a loop. */
static bool
add_redirect(struct fetch_result *res, const char *cur, int status,
             const char *next)
{
    size_t i;

    if (res->redirects_len >= MAX_REDIRECTS) {
        fetch_result_fail(res, FETCH_E_REDIRECT_LOOP, "more than 10 redirects");
        return false;
    }
    res->redirects = xreallocarray(res->redirects, res->redirects_len + 1,
                                   sizeof *res->redirects);
    res->redirects[res->redirects_len].url = xstrdup(cur);
    res->redirects[res->redirects_len++].status = status;
    for (i = 0; i < res->redirects_len; i++) {
        if (strcmp(res->redirects[i].url, next) == 0) {
            fetch_result_fail(res, FETCH_E_REDIRECT_LOOP,
                              "redirect loop back to %s", next);
            return false;
        }
    }
    return true;
}

/* With no network, an original the WARC files lack may be one the
 * crawl was refused by robots.txt: when they hold the robots.txt of
 * URL's site and it forbids URL, RES gets the engine's error (true). */
static bool
robots_refused(struct warc_index *ix, struct fetch_result *res, const char *url)
{
    char *site = fetch_url_host_key(url), *robots_url, *pq;
    struct warc_record rec;
    struct warc_http h;
    struct ac_err err = {0};
    struct robots *rb;
    bool found = false, refused = false;

    if (site == NULL)
        return false;
    robots_url = xasprintf("%s/robots.txt", site);
    free(site);
    if (warc_index_get(ix, robots_url, 512 * 1024, &rec, &found, &err) ==
            AC_OK &&
        found && warc_http_parse(rec.block, rec.block_len, &h, &err) == AC_OK) {
        if (h.status >= 500) {
            fetch_result_fail(res, FETCH_E_ROBOTS,
                              "robots.txt unreachable (HTTP %d): disallow all",
                              h.status);
            refused = true;
        } else if (h.status >= 200 && h.status < 300) {
            rb = robots_parse(rec.block + h.body_start,
                              rec.block_len - h.body_start, ROBOTS_TOKEN);
            pq = fetch_url_path_query(url);
            refused = !robots_allowed(rb, pq);
            if (refused)
                fetch_result_fail(res, FETCH_E_ROBOTS,
                                  "disallowed by robots.txt");
            free(pq);
            robots_free(rb);
        }
        warc_http_free(&h);
    }
    if (found)
        warc_record_free(&rec);
    free(robots_url);
    return refused;
}

/* *CUR as the engine would fetch it: remapped by the first rule of
 * REMAPS that matches; false when the rule fails. */
static bool
remapped(const struct remap_list *remaps, char **cur, struct fetch_result *res)
{
    struct ac_err err = {0};
    char *mapped = NULL;

    if (remap_apply(remaps, *cur, &mapped, &err) != AC_OK) {
        fetch_result_fail(res, FETCH_E_IO, "%s", err.msg);
        return false;
    }
    if (mapped != NULL) {
        free(*cur);
        *cur = mapped;
    }
    return true;
}

/* One hop: the answer to *CUR (remapped here).  Returns 1 when RES is
 * final, 0 to go on to the new *CUR (a redirect), -1 when *CUR is not
 * archived. */
static int
hop(const struct verify_archive *a, struct fetch_result *res, char **cur,
    size_t max_size)
{
    struct warc_index *ix = a->index;
    struct warc_record rec;
    struct warc_http h;
    struct ac_err err = {0};
    bool found = false;
    char *next;
    int status;

    if (!remapped(a->remaps, cur, res))
        return 1;
    if (warc_index_get(ix, *cur, max_size, &rec, &found, &err) != AC_OK) {
        fetch_result_fail(res, FETCH_E_IO, "%s", err.msg);
        return 1;
    }
    if (!found)
        return a->robots && robots_refused(ix, res, *cur) ? 1 : -1;
    if (warc_http_parse(rec.block, rec.block_len, &h, &err) != AC_OK) {
        fetch_result_fail(res, FETCH_E_IO, "%s: %s", *cur, err.msg);
        warc_record_free(&rec);
        return 1;
    }
    status = h.status;
    next = status >= 300 && status < 400 && h.location != NULL
               ? url_resolve(*cur, h.location)
               : NULL;
    if (next != NULL) {
        int done = add_redirect(res, *cur, status, next) ? 0 : 1;

        res->http_status = status;
        if (done == 0) {
            free(*cur);
            *cur = next;
        } else {
            free(next); /* the engine stops at the URL that redirected */
        }
        warc_http_free(&h);
        warc_record_free(&rec);
        return done;
    }
    take_answer(res, &rec, &h, max_size);
    warc_http_free(&h);
    warc_record_free(&rec);
    return 1;
}

struct fetch_result *
verify_warc_fetch(const struct verify_archive *a, const char *url,
                  size_t max_size)
{
    struct fetch_result *res = xcalloc(1, sizeof *res);
    char *cur = xstrdup(url);
    int r;

    res->url = xstrdup(url);
    while ((r = hop(a, res, &cur, max_size)) == 0 && res->error == FETCH_OK)
        ;
    if (r < 0) { /* not archived (or a redirect out of the archive) */
        free(cur);
        fetch_result_free(res);
        return NULL;
    }
    res->final_url = cur;
    if (res->body == NULL)
        res->body = xstrdup("");
    return res;
}
