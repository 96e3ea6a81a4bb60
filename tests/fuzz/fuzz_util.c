/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util: the helpers of fuzz.h: a per-process scratch file for the
 * parsers that read files by name, and input splitting.  It removes the
 * scratch file at exit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "xalloc.h"

static char scratch[64];

static void
remove_scratch(void)
{
    if (scratch[0] != '\0')
        unlink(scratch);
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
    FILE *f;

    if (scratch[0] == '\0') {
        const char *tmp = getenv("TMPDIR");

        snprintf(scratch, sizeof scratch, "%s/ac-fuzz.%ld",
                 tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp",
                 (long)getpid());
        atexit(remove_scratch);
    }
    f = fopen(scratch, "wb");
    if (f == NULL)
        abort(); /* no scratch file: the fuzzer cannot do its work */
    if (size > 0 && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    return scratch;
}

char *
fuzz_str(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);

    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

char *
fuzz_line(const uint8_t *data, size_t size, size_t *rest)
{
    const uint8_t *nl = size > 0 ? memchr(data, '\n', size) : NULL;
    size_t n = nl != NULL ? (size_t)(nl - data) : size;

    *rest = nl != NULL ? n + 1 : size;
    return fuzz_str(data, n);
}
