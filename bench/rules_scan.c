/* SPDX-License-Identifier: MIT */
/*
 * rules_scan: times rules_scan() over text blocks, one a line, from a
 * file: every kind, REPEAT times.  Not built by `make`: `make extras`
 * builds it (an EXTRA_PROGRAMS entry, so CI keeps it compiling):
 *   bench/rules_scan SRC/data/rules blocks.txt 5
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules.h"
#include "textnorm.h"
#include "xalloc.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    struct rules *r = NULL;
    struct rules_hits hits = {0};
    struct ac_err err;
    char **blocks = NULL, *line = NULL;
    size_t n = 0, cap = 0, bytes = 0, found = 0, i;
    int rep, repeat = argc > 3 ? atoi(argv[3]) : 3, k;
    double t0;
    FILE *fp;

    if (argc < 3 || (fp = fopen(argv[2], "r")) == NULL) {
        fprintf(stderr, "usage: rules_scan RULESDIR BLOCKS [REPEAT]\n");
        return 2;
    }
    t0 = now();
    if (rules_load(argv[1], &r, &err) != AC_OK) {
        fprintf(stderr, "rules_scan: %s\n", err.msg);
        return 2;
    }
    printf("load: %.3f s\n", now() - t0);
    while (getline(&line, &cap, fp) >= 0) {
        blocks = xreallocarray(blocks, n + 1, sizeof *blocks);
        blocks[n] = textnorm_dup(line);
        bytes += strlen(blocks[n++]);
    }
    fclose(fp);
    for (k = 0; k < RULE_KIND_COUNT; k++) {
        t0 = now();
        for (rep = 0; rep < repeat; rep++)
            for (i = 0; i < n; i++)
                found += rules_scan(r, (enum rule_kind)k, blocks[i],
                                    strlen(blocks[i]), &hits);
        printf("%-10s %4zu rules: %8.1f MB/s, %6.2f us/block\n",
               rules_kind_name((enum rule_kind)k),
               rules_count(r, (enum rule_kind)k),
               (double)bytes * repeat / (now() - t0) / 1e6,
               (now() - t0) * 1e6 / ((double)n * repeat));
    }
    printf("%zu blocks, %zu bytes, %zu hits\n", n, bytes, found);
    for (i = 0; i < n; i++)
        free(blocks[i]);
    free(blocks);
    free(line);
    rules_hits_free(&hits);
    rules_free(r);
    return 0;
}
