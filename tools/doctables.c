/* SPDX-License-Identifier: MIT */
/*
 * doctables: prints the tables the documentation is generated from or
 * checked against, read from the library itself so nothing scrapes C
 * source.  `doctables options` writes one line per option (name, short
 * letter or "-", argument or "-", help; tab-separated) for
 * tools/gen-man.py; `doctables findings` writes one finding code a line
 * for tests/e2e/docs.sh.  Built by `make` (noinst); never installed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "findings.h"
#include "options.h"

static void
print_option(const struct options_info *info, void *arg)
{
    char shortname[2] = {info->short_name, '\0'};

    (void)arg;
    printf("%s\t%s\t%s\t%s\n", info->name,
           info->short_name != '\0' ? shortname : "-",
           info->arg != NULL ? info->arg : "-", info->help);
}

int
main(int argc, char **argv)
{
    size_t i, n;
    const struct finding_def *defs;

    if (argc == 2 && strcmp(argv[1], "options") == 0) {
        options_each(print_option, NULL);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "findings") == 0) {
        defs = findings_table(&n);
        for (i = 0; i < n; i++)
            printf("%s\n", defs[i].code);
        return 0;
    }
    fputs("usage: doctables options|findings\n", stderr);
    return 2;
}
