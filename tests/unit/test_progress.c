/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for progress: the line with and without a known total, the
 * time left in seconds, minutes and hours, no rate before any time has
 * passed, the verdict counts; redraws at most every 250 ms, each starting
 * with a carriage return and clearing the rest of the line; clearing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "progress.h"

static void
test_format(void)
{
    struct run_stats st = {{5, 3, 1, 1, 0}, 10};
    char buf[256];

    progress_format(buf, sizeof buf, &st, 0, 2000);
    is_str(buf, "10 done, 5.0/s | pass 5, warn 3, fail 1, error 1, none 0",
           "no total: done and rate");
    progress_format(buf, sizeof buf, &st, 100, 2000);
    is_str(buf,
           "10 of 100 done, 5.0/s, 18s left | pass 5, warn 3, fail 1, "
           "error 1, none 0",
           "a total: the time left");
    progress_format(buf, sizeof buf, &st, 10000, 2000);
    ok(strstr(buf, "33m18s left") != NULL, "minutes (%s)", buf);
    progress_format(buf, sizeof buf, &st, 100000, 2000);
    ok(strstr(buf, "5h33m left") != NULL, "hours (%s)", buf);
    progress_format(buf, sizeof buf, &st, 100, 0);
    ok(strstr(buf, "0.0/s |") != NULL && strstr(buf, "left") == NULL,
       "no time yet: no rate, no time left (%s)", buf);
    progress_format(buf, sizeof buf, &st, 5, 2000);
    ok(strstr(buf, " of ") == NULL, "a total passed: not shown (%s)", buf);
}

static void
test_draw(void)
{
    struct run_stats st = {{1, 0, 0, 0, 0}, 1};
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    struct progress *p = progress_new(f, 0, 1000);

    progress_update(p, &st, 1100, false);
    fflush(f);
    ok(len == 0, "not before 250 ms");
    progress_update(p, &st, 1300, false);
    fflush(f);
    ok(len > 0 && mem[0] == '\r' && strstr(mem, "\033[K") != NULL,
       "then a line: \\r first, cleared to its end");
    progress_clear(p);
    fflush(f);
    ok(len >= 4 && strcmp(mem + len - 4, "\r\033[K") == 0, "cleared");
    progress_free(p);
    fclose(f);
    free(mem);
}

int
main(void)
{
    test_format();
    test_draw();
    return tap_done();
}
