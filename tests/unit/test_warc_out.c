/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for warc_out: the SHA-1 base32 digests against known values
 * (Python's hashlib and base64 agree), a file of a warcinfo, a request,
 * a response and a metadata record read back one gzip member per record
 * with the wire-encoding headers renamed, an exchange without a
 * response, and the errors: a folder that is not there, a full disk.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../tap.h"
#include "strbuf.h"
#include "warc_out.h"
#include "xalloc.h"

static void
test_digest(void)
{
    char d[38];

    warc_out_sha1_b32("", 0, d);
    is_str(d, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", "sha1 of nothing");
    warc_out_sha1_b32("abc", 3, d);
    is_str(d, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", "sha1 of abc");
}

/* Counts the gzip members of the file at PATH; its whole text to *ALL. */
static int
members(const char *path, struct strbuf *all)
{
    FILE *f = fopen(path, "rb");
    static unsigned char in[1 << 16], out[1 << 16];
    size_t n = f ? fread(in, 1, sizeof in, f) : 0;
    z_stream z = {0};
    int count = 0, rc;

    if (f != NULL)
        fclose(f);
    inflateInit2(&z, 15 + 16);
    z.next_in = in;
    z.avail_in = (uInt)n;
    while (z.avail_in > 0) {
        z.next_out = out;
        z.avail_out = sizeof out;
        rc = inflate(&z, Z_NO_FLUSH);
        strbuf_add(all, out, sizeof out - z.avail_out);
        if (rc == Z_STREAM_END) {
            count++;
            inflateReset(&z);
        } else if (rc != Z_OK) {
            break;
        }
    }
    inflateEnd(&z);
    return count;
}

static void
test_file(void)
{
    char path[] = "/tmp/test_warc_out.XXXXXX.warc.gz";
    static const char req[] = "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n";
    static const char head[] = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                               "Content-Length: 99\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n";
    struct fetch_exchange x = {
        "http://example.org/a", "127.0.0.1", 0, req, sizeof req - 1, head,
        sizeof head - 1,        "<p>hi</p>", 9, NULL};
    struct warc_out *w = NULL;
    struct ac_err err = {0};
    struct strbuf all = {0};
    char *id, *id2;
    int fd = mkstemps(path, 8);

    if (fd >= 0)
        close(fd);
    ok(warc_out_open(path, false, "software: test\n", &w, &err) == AC_OK,
       "open (%s)", err.msg);
    id = warc_out_exchange(w, &x);
    ok(id != NULL && strncmp(id, "<urn:uuid:", 10) == 0, "a response id (%s)",
       id ? id : "NULL");
    warc_out_metadata(w, x.url, id, "{\"verdict\":\"pass\"}", 18);
    x.head_len = 0; /* nothing received: only the request */
    id2 = warc_out_exchange(w, &x);
    ok(id2 == NULL, "no response: no id");
    ok(warc_out_records(w) == 5, "5 records (%zu)", warc_out_records(w));
    ok(warc_out_close(w, &err) == AC_OK, "close");
    ok(members(path, &all) == 5, "one gzip member per record");
    ok(all.buf != NULL && strstr(all.buf, "\r\nsoftware: test\r\n") != NULL &&
           strstr(all.buf, "WARC-Refers-To: ") != NULL &&
           strstr(all.buf, "X-Attrcheck-Orig-Content-Encoding: gzip\r\n") &&
           strstr(all.buf, "X-Attrcheck-Orig-Content-Length: 99\r\n") &&
           strstr(all.buf, "X-Attrcheck-Orig-Transfer-Encoding: chunked"),
       "warcinfo fields, WARC-Refers-To, wire codings renamed");
    free(id);
    strbuf_release(&all);
    unlink(path);
}

/* A URL's blanks, control bytes and angle brackets are %-escaped: a CR
 * LF would start a header of its own, and a value in <> reads back
 * without them. */
static void
test_escaped_url(void)
{
    char path[] = "/tmp/test_warc_out.XXXXXX.warc.gz";
    static const char req[] = "GET / HTTP/1.1\r\n\r\n";
    struct fetch_exchange x = {"<<n>> a\r\nWARC-Type: response",
                               "127.0.0.1",
                               0,
                               req,
                               sizeof req - 1,
                               NULL,
                               0,
                               NULL,
                               0,
                               NULL};
    struct warc_out *w = NULL;
    struct ac_err err = {0};
    struct strbuf all = {0};
    int fd = mkstemps(path, 8);

    if (fd >= 0)
        close(fd);
    ok(warc_out_open(path, false, "", &w, &err) == AC_OK, "open (%s)", err.msg);
    free(warc_out_exchange(w, &x));
    ok(warc_out_close(w, &err) == AC_OK, "close");
    members(path, &all);
    ok(all.buf != NULL &&
           strstr(all.buf, "\r\nWARC-Target-URI: %3C%3Cn%3E%3E%20a%0D%0AWARC-"
                           "Type:%20response\r\n") != NULL,
       "URL escaped in WARC-Target-URI");
    strbuf_release(&all);
    unlink(path);
}

static void
test_errors(void)
{
    struct warc_out *w = NULL;
    struct ac_err err = {0};

    ok(warc_out_open("/nonexistent-dir/x.warc.gz", false, "", &w, &err) ==
               AC_E_IO &&
           w == NULL && strstr(err.msg, "/nonexistent-dir/x.warc.gz") != NULL,
       "a missing folder: AC_E_IO naming it (%s)", err.msg);
    if (access("/dev/full", W_OK) == 0) {
        enum ac_status rc =
            warc_out_open("/dev/full", false, "software: test\n", &w, &err);

        if (rc == AC_OK)
            rc = warc_out_close(w, &err);
        ok(rc == AC_E_IO && strstr(err.msg, "/dev/full") != NULL,
           "a full disk: AC_E_IO (%s)", err.msg);
    }
}

int
main(void)
{
    test_digest();
    test_file();
    test_escaped_url();
    test_errors();
    return tap_done();
}
