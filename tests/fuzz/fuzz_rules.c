/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules: a rules file (one of data/rules, or of --rules DIR),
 * loaded from memory; when it loads, each kind scans a short text.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char text[] = "licensed under cc by 4.0 originally at";
    struct rules *r = NULL;
    struct rules_hits hits;
    struct ac_err err;

    if (rules_load_buffer("fuzz.rules", (const char *)data, size, &r, &err) !=
        AC_OK)
        return 0;
    memset(&hits, 0, sizeof hits);
    for (int k = 0; k < RULE_KIND_COUNT; k++)
        rules_scan(r, (enum rule_kind)k, text, sizeof text - 1, &hits);
    rules_hits_free(&hits);
    rules_free(r);
    return 0;
}
