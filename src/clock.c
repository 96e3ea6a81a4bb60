/* SPDX-License-Identifier: MIT */
/*
 * clock: CLOCK_MONOTONIC in milliseconds (see clock.h).
 */
#include "config.h"

#include <time.h>

#include "clock.h"

long long
clock_monotonic_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
