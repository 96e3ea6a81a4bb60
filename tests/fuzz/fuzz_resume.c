/* SPDX-License-Identifier: MIT */
/* fuzz_resume: a JSON Lines report read back by --resume. */
#include "config.h"

#include "fuzz.h"
#include "resume.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct resume *rs = resume_new();
    struct ac_err warn, err;
    long long keep = 0;

    resume_load_keep(rs, fuzz_file(data, size), &keep, &warn, &err);
    resume_has(rs, "https://example.org/");
    resume_count(rs);
    resume_free(rs);
    return 0;
}
