/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sitemap: the sitemap and sitemap index reader, plain XML or gzip
 * (sitemap_read tells them apart by the magic bytes, as it does for a
 * fetched sitemap).  Input: a sitemap file as fetched.  Every <loc>
 * handed over must be a NUL-terminated string with no blank at either
 * end (the reader trims them), and no more than the cap asked for.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sitemap.h"

#define FUZZ_MAX_LOCS 1000

struct seen {
    size_t locs;
};

static void
on_loc(const char *loc, bool is_index, void *arg)
{
    struct seen *s = arg;
    size_t n = strlen(loc);

    (void)is_index;
    s->locs++;
    if (s->locs > FUZZ_MAX_LOCS)
        abort(); /* more <loc>s than the cap */
    if (n > 0 && (strchr(" \t\r\n", loc[0]) != NULL ||
                  strchr(" \t\r\n", loc[n - 1]) != NULL))
        abort(); /* not trimmed */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen s = {0};
    struct ac_err err;

    (void)sitemap_read((const char *)data, size, FUZZ_MAX_LOCS, on_loc, &s,
                       &err);
    return 0;
}
