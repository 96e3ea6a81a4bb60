/* SPDX-License-Identifier: MIT */
/*
 * fetch_int: what the fetch*.c files share and nobody else sees (but the
 * scheduler's unit test): the engine, its requests, its hosts, and the
 * two seams the scheduler is handed, a transport and a clock.  Nothing
 * here names a libcurl type: fetch.c keeps its handles behind its
 * transport state and struct fetch_xfer.
 *
 * The files depend downward only:
 *   fetch.c         the public engine on libcurl: the curl transport, step
 *   fetch_sched.c   requests, queues, redirects, retries, robots gating
 *   fetch_host.c    hosts: pacing, Retry-After pauses, robots.txt state
 *   fetch_file.c    file:// reads      fetch_url.c   URL parts (curl_url)
 *   fetch_result.c  what a response is (errors, HTML sniffing, headers)
 */
#ifndef AC_FETCH_INT_H
#define AC_FETCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "strbuf.h"

struct fetch_xfer; /* the transport's state for one request */
struct fetch_engine;
struct fetch_req;
struct robots;

/*
 * How the scheduler moves bytes: libcurl in fetch.c, a fake in the unit
 * tests.  start() begins the transfer of R->url (R->kind, R->limit and
 * R->any_type, a body that need not be HTML, say what it is for); the transfer
 * ends, later or at once when it cannot start, with a call to
 * fetch_sched_complete(), the completion callback, after the transport has
 * filled R's response fields (body, ctype, etag, last_modified, retry_after_ms,
 * over_limit, not_html).  cancel() stops R's transfer if one runs and frees
 * what the transport hung on R (R->xfer); it is called for every request the
 * engine frees.
 */
struct fetch_transport {
    void (*start)(struct fetch_engine *e, struct fetch_req *r);
    void (*cancel)(struct fetch_engine *e, struct fetch_req *r);
};

/* The scheduler's clock: monotonic milliseconds (a fake in the tests). */
struct fetch_clock {
    long long (*now_ms)(void *arg);
    void *arg;
};

enum fetch_req_kind { FETCH_REQ_PAGE, FETCH_REQ_ROBOTS };
enum fetch_robots_state {
    FETCH_ROBOTS_UNKNOWN,
    FETCH_ROBOTS_FETCHING,
    FETCH_ROBOTS_READY
};

struct fetch_host {
    char *key;                       /* "https://example.org:443" */
    struct fetch_host *hnext;        /* hash chain */
    struct fetch_host *prev, *next;  /* busy list or idle LRU list */
    struct fetch_req *qhead, *qtail; /* waiting requests */
    size_t refs;                     /* requests queued or running here */
    int active;                      /* transfers in flight */
    enum fetch_robots_state rstate;
    struct robots *robots;        /* NULL: allow all (unless disallow_all) */
    bool disallow_all;            /* robots.txt unreachable */
    char robots_why[160];         /* for the error message */
    enum fetch_error robots_kind; /* of a disallow_all */
    long delay_ms;                /* pacing between request starts */
    long long next_start;         /* monotonic ms */
    long long paused_until;       /* Retry-After */
};

struct fetch_host_list {
    struct fetch_host *head, *tail;
    size_t len;
};

/* Every host we know, by key; the busy ones have requests, the idle ones
 * are kept (robots, pacing) in least recently used order. */
struct fetch_hosts {
    struct fetch_host **buckets;
    size_t nbuckets, nhosts;
    struct fetch_host_list busy, idle;
};

struct fetch_req {
    struct fetch_req *next; /* in a host queue, the file list or done list */
    struct fetch_req *rprev, *rnext; /* in the running list */
    enum fetch_req_kind kind;
    struct fetch_host *host; /* NULL for file:// and finished requests */
    char *url;               /* this hop, after remapping */
    bool is_file;
    bool conditional; /* sends validators: a 304 is an answer */
    char *if_none_match, *if_modified_since; /* validators to send */
    struct fetch_xfer *xfer; /* the transport's; NULL until it starts */
    bool any_type;           /* fetch_submit_any: need not be HTML */
    struct strbuf body;
    size_t limit;
    bool over_limit, not_html;
    bool head_over; /* response headers over HEAD_MAX (fetch.c): aborted */
    char *ctype, *etag, *last_modified;
    long retry_after_ms;
    int attempt;
    int robots_hops;
    long long not_before, started;
    struct fetch_result *res;
    fetch_done_fn done;
    void *userdata;
};

/* How a transfer ended, in our terms (fetch.c translates curl's). */
struct fetch_outcome {
    enum fetch_error kind; /* FETCH_OK when the transfer itself worked */
    const char *why;       /* curl's words when it did not */
    long status;
    char *location; /* resolved Location of a 3xx, or NULL */
};

struct fetch_engine {
    struct fetch_config cfg; /* strings below are our copies */
    char *user_agent;
    const struct fetch_transport *transport;
    void *tp; /* the transport's own state (fetch.c: the curl handles) */
    struct fetch_clock clock;
    struct fetch_req *running_head; /* transfers started, not completed */
    struct fetch_hosts hosts;
    struct fetch_req *files_head, *files_tail;
    struct fetch_req *done_head, *done_tail;
    int running;
    size_t pending;
    long long next_wake;
    uint64_t rng;
    bool aborted; /* fetch_engine_abort(): every request ends at once */
};

/* ---- fetch_url.c: URL parts, read with libcurl's URL parser ---- */

/* Returns "scheme://host:port" (lower case) for an http(s) URL, or NULL;
 * the caller frees. */
char *fetch_url_host_key(const char *url);

/* Returns the path and query of URL as a robots.txt rule sees them ("/"
 * when there is no path); the caller frees. */
char *fetch_url_path_query(const char *url);

/* Returns the decoded path of a local file:// URL (no host but
 * localhost, no %00), or NULL; the caller frees. */
char *fetch_url_file_path(const char *url);

/* ---- fetch_sched.c: requests, queues and the scheduler ---- */

/* A new engine for CFG (copied; numbers brought into range) that starts
 * transfers through T (TP is its state, kept in e->tp) and reads time
 * from CLOCK.  Free it with fetch_sched_engine_free(). */
struct fetch_engine *fetch_sched_engine_new(const struct fetch_config *cfg,
                                            const struct fetch_transport *t,
                                            void *tp, struct fetch_clock clock);

/* Cancels every running transfer (transport cancel()), frees every
 * request, host and E itself, completing nothing.  Not the transport's
 * own state (e->tp): free that first or after.  NULL is a no-op. */
void fetch_sched_engine_free(struct fetch_engine *e);

/* The engine's clock, in ms. */
long long fetch_sched_now_ms(const struct fetch_engine *e);

/* The system's monotonic clock, for struct fetch_clock. */
long long fetch_sched_monotonic_ms(void *arg);

/* Forgets R's last response (body, headers, Retry-After). */
void fetch_sched_reset_response(struct fetch_req *r);

/* Frees R with its result and everything it holds (the transport's part
 * through its cancel()).  NULL is a no-op. */
void fetch_sched_req_free(struct fetch_engine *e, struct fetch_req *r);

/* Points R at URL and queues it (see the comment in fetch_sched.c). */
void fetch_sched_route(struct fetch_engine *e, struct fetch_req *r,
                       const char *url, bool untrusted, bool front);

/* Ends page request R: its result (error or not) goes to the done list. */
void fetch_sched_finish(struct fetch_engine *e, struct fetch_req *r);
void fetch_sched_finish_err(struct fetch_engine *e, struct fetch_req *r,
                            enum fetch_error kind, const char *msg);

/* The completion callback of a transfer that start() began: decides
 * what its end O means for R (done, retried, a redirect followed, a
 * robots.txt settled).  O->location is borrowed. */
void fetch_sched_complete(struct fetch_engine *e, struct fetch_req *r,
                          const struct fetch_outcome *o);

/* Reads queued files and starts what hosts may start now. */
void fetch_sched_run(struct fetch_engine *e);

/* Calls the callbacks of finished requests. */
void fetch_sched_fire_done(struct fetch_engine *e);

/* How long fetch_step may block, at most MAX_WAIT_MS. */
long fetch_sched_wait_ms(const struct fetch_engine *e, long max_wait_ms);

/* Ends every queued request (hosts and files) with FETCH_E_ABORTED. */
void fetch_sched_abort_queued(struct fetch_engine *e);

/* ---- fetch_host.c: the host table, pacing, robots.txt state ---- */

/* Finds or creates the host for KEY; a new host starts idle, paced by
 * DELAY_MS.  The host belongs to T. */
struct fetch_host *fetch_host_get(struct fetch_hosts *t, const char *key,
                                  long delay_ms);

/* The host for KEY, or NULL when T does not know it (any more). */
struct fetch_host *fetch_host_find(const struct fetch_hosts *t,
                                   const char *key);

/* A request is queued at (or leaves) H; an unused host goes idle, and the
 * least recently used idle hosts are forgotten beyond a bound. */
void fetch_host_ref(struct fetch_hosts *t, struct fetch_host *h);
void fetch_host_unref(struct fetch_hosts *t, struct fetch_host *h);

/* Frees every host of T (not their queued requests). */
void fetch_host_free_all(struct fetch_hosts *t);

/* Pauses H for RETRY_AFTER_MS from NOW (a negative value: no pause). */
void fetch_host_pause(struct fetch_host *h, long retry_after_ms, long long now);

/* When H may start a request that may not start before NOT_BEFORE. */
long long fetch_host_start_at(const struct fetch_host *h, long long not_before);

/* Settles H's robots.txt from the answer O that robots request R got;
 * Crawl-delay is capped at MAX_CRAWL_DELAY_MS. */
void fetch_host_robots_settle(struct fetch_host *h, const struct fetch_req *r,
                              const struct fetch_outcome *o,
                              long max_crawl_delay_ms);

/* ---- fetch_file.c: file:// URLs (only ever reached by remapping) ---- */

/* Reads the local file R->url names into R (body, ctype), at most
 * MAX_SIZE bytes, or sets the error of R->res (io, too-large, not-html).
 * The caller finishes R. */
void fetch_file_read(struct fetch_req *r, size_t max_size);

/* ---- fetch_result.c: what a response is ---- */

/* Sets RES's error kind and message. */
void fetch_result_fail(struct fetch_result *res, enum fetch_error kind,
                       const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True when the Content-Type CT names HTML; NULL (no header) counts. */
bool fetch_result_type_is_html(const char *ct);

/* Sets a not-html error on RES when CT or the first bytes of B[0..N) say
 * so; returns true if set. */
bool fetch_result_check_html(struct fetch_result *res, const char *ct,
                             const char *b, size_t n);

/* When LINE[0..LEN) is header NAME, copies its value into *DST (freeing
 * the old one) and returns true. */
bool fetch_result_grab_header(const char *line, size_t len, const char *name,
                              char **dst);

/* Returns the wait a Retry-After value V asks for in ms (capped), or -1.
 * WHEN is V read as an HTTP-date (-1 if it is not one), NOW the time. */
long fetch_result_retry_after_ms(const char *v, long long when, long long now);

#endif
