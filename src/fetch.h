/* SPDX-License-Identifier: MIT */
/*
 * fetch: the page fetching engine.  URLs are submitted with a completion
 * callback; fetch_step() drives libcurl's multi interface with per-host
 * queues, pacing, robots.txt, retries, redirects and size/time bounds, and
 * calls every callback exactly once.  It does not convert charsets or
 * parse HTML: it hands back bytes and the Content-Type.
 * Ownership: a struct fetch_result passed to a callback belongs to the
 * callback, which frees it with fetch_result_free().
 */
#ifndef AC_FETCH_H
#define AC_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct remap_list;
struct fetch_engine;

/*
 * One HTTP exchange (a hop: one request and its answer), as it went over
 * the wire, for evidence (--warc-out).  Borrowed for the call.
 */
struct fetch_exchange {
    const char *url;     /* this hop's URL */
    const char *ip;      /* the server's address; "" when not connected */
    long long date;      /* when the request started, seconds since 1970 */
    const char *request; /* request line and headers as sent; may be "" */
    size_t request_len;
    const char *head; /* status line and headers as received; may be "" */
    size_t head_len;
    const char *body; /* the entity body, content coding undone */
    size_t body_len;
    /* NULL when BODY is the whole payload; else why it is not: "length"
     * (over --max-size) or "unspecified" (not kept: a redirect's or an
     * error's body, a type refused unread, a transfer cut short) */
    const char *truncated;
};

/* Called once per exchange; returns an id for the response record
 * (malloc'd; NULL when none), kept in fetch_result.record_id. */
typedef char *(*fetch_record_fn)(const struct fetch_exchange *x, void *arg);

struct fetch_config {
    long timeout_ms;         /* whole transfer of one hop, connect included */
    size_t max_size;         /* decoded body bytes */
    int jobs;                /* transfers in flight */
    int per_host;            /* transfers in flight to one scheme+host+port */
    long delay_ms;           /* between request starts to one host */
    long max_crawl_delay_ms; /* cap on robots.txt Crawl-delay */
    int retries;             /* extra attempts on retryable failures */
    long retry_base_ms;      /* first backoff; doubled each retry, jittered */
    bool ignore_robots;
    bool deny_private;       /* --deny-private: see netguard.h */
    const char *test_public; /* ATTRCHECK_TEST_PUBLIC (tests only), or NULL */
    const char *user_agent;  /* NULL: attrcheck/VERSION (+url) */
    const char *const *resolve; /* "HOST:PORT:ADDR" entries */
    size_t resolve_len;
    const struct remap_list *remaps; /* borrowed; may be NULL */
    fetch_record_fn record;          /* NULL: exchanges are not reported */
    void *record_arg;
};

/* Fills CFG with the defaults: 30 s, 10 MiB, 16 jobs, 2 per host, no
 * delay, Crawl-delay capped at 30 s, 2 retries from 1 s, robots on. */
void fetch_config_defaults(struct fetch_config *cfg);

/* The default User-Agent: "attrcheck/VERSION (+https://...)". */
const char *fetch_default_user_agent(void);

struct fetch_redirect {
    char *url;   /* the URL that answered with a redirect */
    long status; /* 301, 302, 303, 307 or 308 */
};

enum fetch_error {
    FETCH_OK = 0,
    FETCH_E_DNS,
    FETCH_E_CONNECT,
    FETCH_E_TLS,
    FETCH_E_TIMEOUT,
    FETCH_E_HTTP,         /* http_status says which */
    FETCH_E_RATE_LIMITED, /* 429 after the retries */
    FETCH_E_BLOCKED,      /* 403, 999 and other bot walls */
    FETCH_E_TOO_LARGE,
    FETCH_E_NOT_HTML,
    FETCH_E_ROBOTS,
    FETCH_E_REDIRECT_LOOP, /* a loop, or more than 10 redirects */
    FETCH_E_SCHEME,
    FETCH_E_IO,      /* a remapped file:// URL could not be read */
    FETCH_E_ABORTED, /* fetch_engine_abort() ended it (an interrupted run) */
    FETCH_E_PRIVATE  /* --deny-private refused the address connected to */
};

/* Returns the error kind's stable name ("dns", "rate-limited", ...), the
 * one used in reports; "ok" for FETCH_OK. */
const char *fetch_error_name(enum fetch_error e);

/* URLs longer than this are not fetched (error too-large): a page can
 * link one of any length, but a --warc-out record must read back, and
 * the WARC reader takes header lines of up to 128 KiB (warc.c), three
 * times this, as %-escaping can triple a URL. */
#define FETCH_URL_MAX (32 * 1024)

struct fetch_result {
    char *url;        /* as submitted */
    char *final_url;  /* after redirects and remaps; never NULL */
    long http_status; /* of the last response; 0 when none (200 for files) */
    struct fetch_redirect *redirects;
    size_t redirects_len;
    char *content_type; /* the header value, or sniffed; may be NULL */
    char *body;         /* NUL-terminated; never NULL */
    size_t body_len;
    long elapsed_ms; /* first transfer start to completion; 0 if none */
    enum fetch_error error;
    char message[256];   /* for errors: "HTTP 404", "not HTML: image/png" */
    char *etag;          /* may be NULL */
    char *last_modified; /* may be NULL */
    int attempts;        /* transfers made for the last hop */
    char *record_id;     /* record's id for the last hop; may be NULL */
};

/* The callback: RES belongs to it (free with fetch_result_free).  It may
 * call fetch_submit(), but not fetch_step() or fetch_engine_free(). */
typedef void (*fetch_done_fn)(struct fetch_result *res, void *userdata);

/*
 * Creates an engine using a copy of CFG (strings are copied; the remap
 * list is borrowed and must outlive the engine).  Returns AC_OK, or
 * AC_E_USAGE / AC_E_INTERNAL with ERR set when libcurl refuses the setup
 * (a malformed --resolve entry, say).  Free with fetch_engine_free.
 */
enum ac_status fetch_engine_new(const struct fetch_config *cfg,
                                struct fetch_engine **out, struct ac_err *err);

/*
 * Queues URL; DONE(result, USERDATA) is called exactly once, always from a
 * later fetch_step(), never from here.  FROM_PAGE says the URL was found
 * in a page: it must then be http(s) before remapping, while a user's URL
 * may also be file:// (see docs/fetching.md).
 */
void fetch_submit(struct fetch_engine *e, const char *url, bool from_page,
                  fetch_done_fn done, void *userdata);

/* Validators from an earlier answer, for a conditional request; a NULL
 * member is not sent, nor is a value with control characters. */
struct fetch_headers {
    const char *if_none_match;     /* an ETag, sent as If-None-Match */
    const char *if_modified_since; /* a Last-Modified value */
};

/*
 * fetch_submit with HDRS (copied; may be NULL) sent on every hop.  When
 * HDRS makes the request conditional and the server answers 304 Not
 * Modified, DONE gets error FETCH_OK, http_status 304 and an empty body
 * (etag and last_modified as the 304 gave them); an unconditional
 * request that gets a 304 is still error FETCH_E_HTTP.
 */
void fetch_submit_ex(struct fetch_engine *e, const char *url, bool from_page,
                     const struct fetch_headers *hdrs, fetch_done_fn done,
                     void *userdata);

/*
 * fetch_submit for a file that need not be HTML (a sitemap): any
 * Content-Type is accepted and the body kept, up to max_size bytes.
 */
void fetch_submit_any(struct fetch_engine *e, const char *url,
                      fetch_done_fn done, void *userdata);

/* Called with each Sitemap: URL of a robots.txt (borrowed). */
typedef void (*fetch_sitemap_fn)(const char *url, void *arg);

/*
 * Hands FN the Sitemap: lines of the robots.txt the engine read for the
 * host (scheme, host and port) of URL, without fetching anything.  False
 * when it has not read one for that host (not yet, --ignore-robots, or
 * forgotten among many hosts); true otherwise, also when robots.txt was
 * missing or listed no sitemap.
 */
bool fetch_robots_sitemaps(const struct fetch_engine *e, const char *url,
                           fetch_sitemap_fn fn, void *arg);

/*
 * Drives transfers for at most about MAX_WAIT_MS (0: do not block) and
 * fires the callbacks of finished requests.  Returns the number of
 * submitted requests whose callback has not run yet.
 */
size_t fetch_step(struct fetch_engine *e, long max_wait_ms);

/* Returns the number of submitted requests not yet completed. */
size_t fetch_pending(const struct fetch_engine *e);

/*
 * Ends every queued and running request with FETCH_E_ABORTED ("aborted"),
 * and every request submitted from now on too: their callbacks fire from
 * the next fetch_step() calls, so owners free what they hung on them.
 * For a run that was interrupted.
 */
void fetch_engine_abort(struct fetch_engine *e);

/* Frees E and every queued request without calling their callbacks.
 * NULL is a no-op. */
void fetch_engine_free(struct fetch_engine *e);

void fetch_result_free(struct fetch_result *r);

/* curl_global_init, once, by the first use of libcurl (fetch_engine_new
 * and the URL parsers call it; safe from any thread), so that an
 * --offline run never loads OpenSSL and its configuration file.
 * fetch_global_cleanup: main() calls it once, after every thread. */
void fetch_global_init(void);
void fetch_global_cleanup(void);

#endif
