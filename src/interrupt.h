/* SPDX-License-Identifier: MIT */
/*
 * interrupt: SIGINT and SIGTERM for a run that can be resumed.  The first
 * signal only sets a flag that the run loop polls (it then stops taking
 * targets, aborts transfers and writes nothing half); a second one exits
 * at once with status 3, which leaves every -f jsonl line whole since each
 * is written with one write().  Nothing else here: the message saying how
 * to resume is main's.
 */
#ifndef AC_INTERRUPT_H
#define AC_INTERRUPT_H

#include <stdbool.h>

/* Installs the handlers for SIGINT and SIGTERM (restarting system calls,
 * so a list read from a pipe is not cut short). */
void interrupt_install(void);

/* Keeps SIGINT and SIGTERM away from the calling thread (a worker), so
 * they reach the main thread, the one that writes results: a second
 * signal's _exit() then never lands while a result line is half written
 * (exit kills the other threads, and a write() in progress on one of them
 * may stop short). */
void interrupt_block_thread(void);

/* True once a first signal arrived. */
bool interrupt_pending(void);

/* The signal that arrived ("SIGINT", "SIGTERM"), or NULL. */
const char *interrupt_name(void);

/* For tests: forgets a signal that arrived. */
void interrupt_reset(void);

#endif
