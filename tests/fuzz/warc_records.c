/* SPDX-License-Identifier: MIT */
/*
 * warc_records: the WARC reading both WARC fuzz targets do: every record,
 * and for a response its HTTP head and decoded body, with the limits a
 * run uses (1 MiB here, so a fuzzer's input stays small).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "warc.h"
#include "warc_records.h"

#define FUZZ_MAX_SIZE (1024 * 1024)

static void
response(struct warc_record *rec)
{
    struct warc_http http;
    struct ac_err err;
    char *body = NULL;
    size_t body_len = 0;

    if (warc_http_parse(rec->block, rec->block_len, &http, &err) != AC_OK)
        return;
    if (warc_http_body(rec, &http, FUZZ_MAX_SIZE, &body, &body_len, &err) ==
        AC_OK)
        free(body);
    warc_http_free(&http);
}

void
fuzz_warc_read(const char *path)
{
    struct warc_reader *w = NULL;
    struct ac_err err;
    bool got = true;

    if (warc_open(path, &w, &err) != AC_OK)
        return;
    for (int n = 0; got && n < 10000; n++) {
        struct warc_record rec;

        if (warc_next(w, FUZZ_MAX_SIZE, &rec, &got, &err) != AC_OK || !got)
            break;
        if (rec.type != NULL && rec.block != NULL)
            response(&rec);
        warc_offset(w);
        warc_record_free(&rec);
    }
    warc_close(w);
}
