/* SPDX-License-Identifier: MIT */
/*
 * tap: a tiny Test Anything Protocol helper for the unit tests.
 *   ok(cond, "name %d", i);   is_str(got, want, "name");   return tap_done();
 * The plan is printed at the end ("1..N"), so tables can grow freely.
 */
#ifndef AC_TAP_H
#define AC_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline int
tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;

    tap_n++;
    printf("%sok %d - ", cond ? "" : "not ", tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (!cond)
        tap_failed++;
    return cond;
}

#define ok(cond, ...) tap_ok((cond) != 0, __VA_ARGS__)

static inline int
tap_is_str(const char *got, const char *want, const char *name)
{
    int same = (got == NULL && want == NULL) ||
               (got != NULL && want != NULL && strcmp(got, want) == 0);

    tap_ok(same, "%s", name);
    if (!same)
        printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "\"" : "",
               got ? got : "NULL", got ? "\"" : "", want ? "\"" : "",
               want ? want : "NULL", want ? "\"" : "");
    return same;
}

#define is_str(got, want, name) tap_is_str((got), (want), (name))

static inline int
tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
