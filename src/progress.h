/* SPDX-License-Identifier: MIT */
/*
 * progress: the one self-rewriting status line of a long run on a
 * terminal (--progress): targets done (of the total, when it is known),
 * the rate, the time left, and the count of each verdict.  It writes to
 * a stream of its own (stderr), at most a few times a second, starts each
 * line with a carriage return and clears what the last one left, and is
 * cleared before anything else is printed (a result on the same terminal,
 * a warning), so the report is never mixed with it.  It counts nothing
 * itself and judges nothing.
 */
#ifndef AC_PROGRESS_H
#define AC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "findings.h"

struct progress;

/* A progress line on OUT (borrowed); TOTAL targets when known, else 0.
 * NOW_MS is a monotonic clock in milliseconds. */
struct progress *progress_new(FILE *out, size_t total, long long now_ms);

/* PARTS more (or, negative, fewer) parts of the total are still to be
 * counted, such as sitemaps on their way: while any is, no total is
 * shown, since it would be too small.  P may be NULL. */
void progress_expect(struct progress *p, long parts);

/* N more targets in the total (a sitemap's pages, once it is read).
 * P may be NULL. */
void progress_add_total(struct progress *p, size_t n);

/* Redraws the line from STATS when the last draw is older than 250 ms
 * (or FORCE). */
void progress_update(struct progress *p, const struct run_stats *stats,
                     long long now_ms, bool force);

/* Clears the line, if one is shown (before other output). */
void progress_clear(struct progress *p);

/* Formats the line for STATS after ELAPSED_MS into BUF (for tests). */
void progress_format(char *buf, size_t len, const struct run_stats *stats,
                     size_t total, long long elapsed_ms);

/* Clears the line and frees P; NULL is a no-op. */
void progress_free(struct progress *p);

#endif
