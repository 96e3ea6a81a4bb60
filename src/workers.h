/* SPDX-License-Identifier: MIT */
/*
 * workers: checks documents on a few threads (--threads) and hands the
 * results back in the order the documents were given, so reports stay in
 * target order.  A worker only runs check_document() (charset, parsing,
 * detection, findings), which keeps no global state; everything else
 * (reports, verification, the network) stays on the calling thread.
 */
#ifndef AC_WORKERS_H
#define AC_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

/* One document to check.  The caller allocates it and fills doc (the
 * job owns it from then on and frees it once checked), keep, r (from
 * result_init) and user; it comes back from workers_next() with r
 * filled. */
struct workers_job {
    struct document doc;
    unsigned keep; /* CHECK_TEXT_* bits, as check_document() takes */
    struct result *r;
    void *user;
    /* owned by workers */
    bool done;
    struct workers_job *next, *next_todo;
};

struct workers;

/* Starts N threads (N >= 1) checking with RULES (borrowed).  Returns
 * NULL when no thread could be started: check on the caller's thread. */
struct workers *workers_new(const struct rules *rules, unsigned n);
/* Queues JOB. */
void workers_submit(struct workers *w, struct workers_job *job);
/* The oldest job given, once checked; NULL when none is pending, or when
 * WAIT is false and the oldest is not checked yet. */
struct workers_job *workers_next(struct workers *w, bool wait);
/* Jobs given and not yet taken back. */
size_t workers_pending(const struct workers *w);
/* Stops the threads; take every job back first. */
void workers_free(struct workers *w);

/* The number of online CPUs (at least 1), the --threads default. */
unsigned workers_cpus(void);

#endif
