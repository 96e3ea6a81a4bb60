/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config: a configuration file (.attrcheckrc), read through the
 * option table as attrcheck reads it, so every option's value checks
 * are reached too.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"
#include "options.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char prog[] = "attrcheck", flag[] = "--config", target[] = "page.html";
    char path[64];
    char *argv[] = {prog, flag, path, target, NULL};
    struct options opts;
    struct ac_err err;

    snprintf(path, sizeof path, "%s", fuzz_file(data, size));
    if (options_parse(4, argv, &opts, &err) == AC_OK)
        options_free(&opts);
    return 0;
}
