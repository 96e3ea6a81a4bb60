/* SPDX-License-Identifier: MIT */
/*
 * fuzz_robots: robots.txt.  Input: the first line is the path and query
 * to ask about, the rest the robots.txt text.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "robots.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t rest;
    char *path = fuzz_line(data, size, &rest);
    struct robots *r =
        robots_parse((const char *)data + rest, size - rest, "attrcheck");

    robots_allowed(r, path);
    robots_allowed(r, "/");
    robots_crawl_delay_ms(r);
    robots_rule_count(r);
    robots_free(r);
    free(path);
    return 0;
}
