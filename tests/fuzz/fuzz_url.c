/* SPDX-License-Identifier: MIT */
/*
 * fuzz_url: Creative Commons licence URLs and URL resolution.  Input: the
 * first line is a base URL, the rest a reference found in a page; both
 * are parsed as CC URLs, the reference is resolved against the base and
 * normalised, and what the licence parser found is turned back into an
 * SPDX identifier and a deed URL.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ccurl.h"
#include "fuzz.h"
#include "url.h"

static void
cc(const char *s)
{
    struct cc_license lic;
    char buf[256];

    memset(&lic, 0, sizeof lic);
    if (ccurl_parse(s, &lic) == CC_URL_NOT_CC)
        return;
    ccurl_exists(&lic);
    cc_license_spdx(&lic, buf, sizeof buf);
    cc_license_deed_url(&lic, buf, sizeof buf);
    cc_license_compatible(&lic, &lic);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t rest;
    char *base = fuzz_line(data, size, &rest);
    char *ref = fuzz_str(data + rest, size - rest);
    char *abs, *norm;
    struct url u;

    cc(base);
    cc(ref);
    abs = url_resolve(base, ref);
    if (abs != NULL) {
        cc(abs);
        norm = url_normalise(abs);
        free(norm);
        url_is_http(abs);
        url_is_home_page(abs);
        if (url_parse(abs, &u))
            url_free(&u);
        free(abs);
    }
    norm = url_escape_path(ref);
    free(norm);
    free(base);
    free(ref);
    return 0;
}
