/* SPDX-License-Identifier: MIT */
/* fuzz_jsonld: a JSON-LD script's text, as jsonld_extract reads it. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "jsonld.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jsonld_info info;
    struct ac_err err;

    memset(&info, 0, sizeof info);
    jsonld_extract((const char *)data, size, &info, &err);
    jsonld_extract((const char *)data, size / 2, &info, &err);
    jsonld_info_free(&info);
    return 0;
}
