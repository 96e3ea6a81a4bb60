/* SPDX-License-Identifier: MIT */
/*
 * interrupt: the signal flag (see interrupt.h).  The handler only stores
 * the signal number, or on a second signal writes a fixed line with
 * write() and calls _exit(), both async-signal-safe.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "interrupt.h"

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
    static const char msg[] =
        "attrcheck: second signal: stopped at once (exit 3)\n";
    ssize_t n;

    if (got_signal != 0) {
        n = write(STDERR_FILENO, msg, sizeof msg - 1);
        (void)n;
        _exit(3);
    }
    got_signal = sig;
}

void
interrupt_block_thread(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void
interrupt_install(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

bool
interrupt_pending(void)
{
    return got_signal != 0;
}

const char *
interrupt_name(void)
{
    switch (got_signal) {
    case 0:
        return NULL;
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    default:
        return "a signal";
    }
}

void
interrupt_reset(void)
{
    got_signal = 0;
}
