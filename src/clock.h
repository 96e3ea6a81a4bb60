/* SPDX-License-Identifier: MIT */
/*
 * clock: the one monotonic clock the program reads (the fetch scheduler's
 * default clock, the cache's batch timer, the progress line).  Wall-clock
 * time never goes here: it can step back.
 */
#ifndef AC_CLOCK_H
#define AC_CLOCK_H

/* Milliseconds on CLOCK_MONOTONIC: only differences mean anything. */
long long clock_monotonic_ms(void);

#endif
