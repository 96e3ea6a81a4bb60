/* SPDX-License-Identifier: MIT */
/*
 * fuzz_warc_write: the --warc-out writer, read back with the WARC reader.
 * Input: one flag byte (bit 0: write .warc.gz, else plain; bit 1: the
 * payload is marked truncated; bit 2: a metadata record too), then up to
 * six fields separated by 0x1e bytes: the URL, the server address, the
 * request, the response head, the body and the metadata JSON (a missing
 * field is empty).  What is written must read back, without error, as
 * the records written: warcinfo, then request, response and metadata
 * when there is one, each with its type, its block (the response's ends
 * with the body), its WARC-Truncated and, when the URL is one a fetch
 * can give (no blank, control byte or angle bracket), its URL; any other
 * URL must read back as one of those (escaped).  The URL is cut to
 * FETCH_URL_MAX bytes, the longest the fetch engine fetches.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch.h"
#include "fuzz.h"
#include "warc.h"
#include "warc_out.h"

#define FIELDS  6
#define URL_MAX FETCH_URL_MAX

/* Splits DATA at 0x1e into at most FIELDS parts. */
static void
split(const uint8_t *data, size_t size, const char *part[FIELDS],
      size_t len[FIELDS])
{
    size_t i, at = 0;

    for (i = 0; i < FIELDS; i++) {
        const uint8_t *sep =
            at < size ? memchr(data + at, 0x1e, size - at) : NULL;
        size_t end = sep != NULL ? (size_t)(sep - data) : size;

        part[i] = (const char *)data + (at < size ? at : size);
        len[i] = at < size ? end - at : 0;
        at = end + 1;
    }
}

/* True when URL reads back as it is: no blank, control byte or <>. */
static bool
plain_url(const char *url)
{
    for (const char *p = url; *p != '\0'; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>')
            return false;
    return true;
}

/* Reads the next record into REC; aborts unless one is there. */
static void
next(struct warc_reader *r, struct warc_record *rec, const char *type)
{
    struct ac_err err;
    bool got = false;

    if (warc_next(r, (size_t)1 << 30, rec, &got, &err) != AC_OK || !got ||
        rec->type == NULL || strcmp(rec->type, type) != 0)
        abort();
}

static void
same_block(const struct warc_record *rec, const char *want, size_t len)
{
    if (rec->block_len != len || (len > 0 && memcmp(rec->block, want, len)))
        abort();
}

static void
same_url(const struct warc_record *rec, const char *url)
{
    const char *got = rec->target_uri != NULL ? rec->target_uri : "";

    if (plain_url(url) ? strcmp(got, url) != 0 : !plain_url(got))
        abort();
}

static void
read_back(const char *path, const struct fetch_exchange *x, bool meta,
          const char *json, size_t json_len)
{
    struct warc_reader *r;
    struct warc_record rec;
    struct ac_err err;
    bool got = true;

    if (warc_open(path, &r, &err) != AC_OK)
        abort();
    next(r, &rec, "warcinfo");
    same_block(&rec, "software: fuzz\r\n", 16);
    warc_record_free(&rec);
    if (x->request_len > 0) {
        next(r, &rec, "request");
        same_url(&rec, x->url);
        same_block(&rec, x->request, x->request_len);
        warc_record_free(&rec);
    }
    if (x->head_len > 0) {
        next(r, &rec, "response");
        same_url(&rec, x->url);
        if (rec.block_len < x->body_len ||
            (x->body_len > 0 && memcmp(rec.block + rec.block_len - x->body_len,
                                       x->body, x->body_len) != 0))
            abort();
        if ((x->truncated == NULL) != (rec.warc_truncated == NULL))
            abort();
        warc_record_free(&rec);
    }
    if (meta) {
        next(r, &rec, "metadata");
        same_url(&rec, x->url);
        same_block(&rec, json, json_len);
        warc_record_free(&rec);
    }
    if (warc_next(r, (size_t)1 << 30, &rec, &got, &err) != AC_OK || got)
        abort(); /* more records than written, or damage at the end */
    warc_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[FIELDS];
    size_t len[FIELDS];
    struct fetch_exchange x = {0};
    struct warc_out *w;
    struct ac_err err;
    char path[96], *url, *ip, *id;
    unsigned flags = size > 0 ? data[0] : 0;

    split(data + (size > 0), size - (size > 0), part, len);
    url =
        fuzz_str((const uint8_t *)part[0], len[0] < URL_MAX ? len[0] : URL_MAX);
    ip = fuzz_str((const uint8_t *)part[1], len[1] < 64 ? len[1] : 64);
    snprintf(path, sizeof path, "%s.warc%s", fuzz_file(NULL, 0),
             (flags & 1) != 0 ? ".gz" : "");
    if (warc_out_open(path, false, "software: fuzz\n", &w, &err) != AC_OK)
        abort();
    x.url = url;
    x.ip = ip;
    x.date = 1700000000;
    x.request = part[2];
    x.request_len = len[2];
    x.head = part[3];
    x.head_len = len[3];
    x.body = part[4];
    x.body_len = len[4];
    x.truncated = (flags & 2) != 0 ? "length" : NULL;
    id = warc_out_exchange(w, &x);
    if ((flags & 4) != 0)
        warc_out_metadata(w, url, id, part[5], len[5]);
    if (warc_out_close(w, &err) != AC_OK)
        abort();
    read_back(path, &x, (flags & 4) != 0, part[5], len[5]);
    unlink(path);
    free(id);
    free(url);
    free(ip);
    return 0;
}
