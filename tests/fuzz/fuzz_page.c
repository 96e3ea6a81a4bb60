/* SPDX-License-Identifier: MIT */
/*
 * fuzz_page: the whole page pipeline on a byte buffer, as a fetched page
 * takes it: charset detection and conversion, the HTML parse, detection,
 * findings and the verdict, then every report format written to a memory
 * stream.  Input: the first line is the Content-Type header's value
 * (empty: none), the rest the body.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "fuzz.h"
#include "report.h"
#include "rules.h"

static struct rules *rules; /* loaded once, before the first input */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct ac_err err;

    (void)argc;
    (void)argv;
    if (rules_load(ATTRCHECK_SRCDIR "/data/rules", &rules, &err) != AC_OK) {
        fprintf(stderr, "fuzz_page: %s\n", err.msg);
        abort();
    }
    return 0;
}

/* Writes R in FORMAT to a memory stream, and drops it. */
static void
write_report(enum output_format format, const struct result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct report rep;

    if (f == NULL)
        abort();
    report_init(&rep, format, f, format == FORMAT_TEXT, 1);
    report_begin(&rep);
    report_result(&rep, r);
    report_end(&rep);
    fclose(f);
    free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char url[] = "https://copy.example/blog/post.html";
    struct document doc = {0};
    struct result r;
    size_t rest;
    char *ct = fuzz_line(data, size, &rest);

    doc.url = url;
    doc.content_type = ct[0] != '\0' ? ct : NULL;
    doc.body = fuzz_str(data + rest, size - rest);
    doc.body_len = size - rest;
    result_init(&r, doc.url, doc.url);
    check_document(rules, &doc,
                   CHECK_TEXT_COPY | CHECK_TEXT_SIDE | CHECK_TEXT_NOTICE, &r);
    for (int fmt = FORMAT_TEXT; fmt <= FORMAT_HTML; fmt++)
        write_report((enum output_format)fmt, &r);
    result_free(&r);
    free(doc.body);
    free(ct);
    return 0;
}
