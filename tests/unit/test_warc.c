/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for warc: WARC files built here, plain and gzipped (one
 * gzip member per record), read record by record (types, ids, URIs,
 * offsets); a record over the size limit kept as its head while reading
 * goes on; truncated files, a bad Content-Length (not a number, too
 * small, too large), a file that is not WARC, an empty and a missing
 * file; and the HTTP response inside a record: status lines and headers,
 * chunked bodies, gzip, deflate and unknown content codings, corrupt and
 * oversized compressed bodies.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "fetch.h"
#include "strbuf.h"
#include "testutil.h"
#include "warc.h"
#include "xalloc.h"

#define NREC 7

static const char PAGE[] =
    "<!doctype html><html><head><title>A</title></head><body><p>Text "
    "under <a rel=\"license\" href=\"https://creativecommons.org/licenses/"
    "by/4.0/\">CC BY 4.0</a>.</p></body></html>\n";

static const char *tmpdir; /* tu_tmpdir() */

/* One record: its bytes and where it starts. */
struct rec {
    const char *type, *uri, *ctype;
    struct strbuf block;
    struct strbuf bytes;
    size_t offset;
};

static struct rec recs[NREC];

static void
make_record(struct rec *r, int i)
{
    struct strbuf *b = &r->bytes;

    strbuf_addf(b, "WARC/1.%d\r\nWARC-Type: %s\r\n", i % 2, r->type);
    strbuf_addf(b, "WARC-Record-ID: <urn:uuid:0000-%d>\r\n", i);
    if (r->uri != NULL)
        strbuf_addf(b, "WARC-Target-URI: %s\r\n", r->uri);
    strbuf_addf(b, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", r->ctype,
                r->block.len);
    strbuf_add(b, r->block.buf, r->block.len);
    strbuf_adds(b, "\r\n\r\n");
}

static void
build_records(void)
{
    static const char *const types[NREC] = {"warcinfo", "request",  "response",
                                            "response", "response", "metadata",
                                            "response"};
    struct strbuf gz = STRBUF_INIT;
    size_t off = 0;
    int i;

    for (i = 0; i < NREC; i++) {
        struct rec *r = &recs[i];

        r->type = types[i];
        r->ctype = "application/http; msgtype=response";
        r->uri = "http://example.org/a";
        switch (i) {
        case 0:
            r->ctype = "application/warc-fields";
            r->uri = NULL;
            strbuf_adds(&r->block, "software: test_warc\r\n");
            break;
        case 1:
            r->ctype = "application/http; msgtype=request";
            strbuf_adds(&r->block, "GET /a HTTP/1.1\r\nHost: example.org\r\n"
                                   "\r\n");
            break;
        case 2:
            strbuf_addf(&r->block,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
                        "charset=utf-8\r\nContent-Length: %zu\r\n\r\n%s",
                        strlen(PAGE), PAGE);
            break;
        case 3:
            strbuf_adds(&r->block, "HTTP/1.1 404 Not Found\r\nContent-Type: "
                                   "text/html\r\n\r\n<p>gone</p>");
            break;
        case 4:
            r->uri = "<http://example.org/i.png>";
            strbuf_adds(&r->block, "HTTP/1.0 200 OK\r\nContent-Type: "
                                   "image/png\r\n\r\n\x89PNG\r\n\x1a\n");
            break;
        case 5:
            r->ctype = "application/warc-fields";
            strbuf_adds(&r->block, "via: http://example.org/\r\n");
            break;
        default:
            /* chunked, and gzip inside: two chunks of the gzip bytes */
            tu_deflate(&gz, PAGE, strlen(PAGE), 31);
            strbuf_adds(&r->block, "HTTP/1.1 200 OK\r\nContent-Type: "
                                   "text/html\r\nTransfer-Encoding: chunked\r\n"
                                   "Content-Encoding: gzip\r\n\r\n");
            strbuf_addf(&r->block, "%zx;ext=1\r\n", gz.len / 2);
            strbuf_add(&r->block, gz.buf, gz.len / 2);
            strbuf_addf(&r->block, "\r\n%zx\r\n", gz.len - gz.len / 2);
            strbuf_add(&r->block, gz.buf + gz.len / 2, gz.len - gz.len / 2);
            strbuf_adds(&r->block, "\r\n0\r\n\r\n");
            break;
        }
        make_record(r, i);
        r->offset = off;
        off += r->bytes.len;
    }
    strbuf_release(&gz);
}

/* Writes records FROM..TO-1, plain or one gzip member each, and then
 * EXTRA bytes; returns the path (caller frees). */
static char *
write_warc(const char *name, bool gzip, const char *extra, size_t extra_len)
{
    struct strbuf all = STRBUF_INIT;
    char *path;
    int i;

    for (i = 0; i < NREC; i++) {
        if (gzip)
            tu_deflate(&all, recs[i].bytes.buf, recs[i].bytes.len, 31);
        else
            strbuf_add(&all, recs[i].bytes.buf, recs[i].bytes.len);
    }
    if (extra_len > 0)
        strbuf_add(&all, extra, extra_len);
    path = tu_write_file(tmpdir, name, all.buf, all.len);
    strbuf_release(&all);
    return path;
}

/* Reads PATH with MAX_SIZE; checks every record against recs[] and the
 * end.  Returns the number of records read before the end or an error. */
static int
read_all(const char *path, size_t max_size, const char *label,
         enum ac_status *rc, struct ac_err *err, long long *err_offset)
{
    struct warc_reader *w = NULL;
    struct warc_record rec;
    bool got = true, same = true;
    int n = 0;

    *rc = warc_open(path, &w, err);
    if (*rc != AC_OK)
        return -1;
    while ((*rc = warc_next(w, max_size, &rec, &got, err)) == AC_OK && got) {
        const struct rec *want = &recs[n < NREC ? n : NREC - 1];
        size_t keep = want->block.len > max_size
                          ? (want->block.len < WARC_HEAD_KEEP ? want->block.len
                                                              : WARC_HEAD_KEEP)
                          : want->block.len;

        same = same && n < NREC && strcmp(rec.type, want->type) == 0 &&
               rec.offset == (long long)want->offset &&
               rec.length == want->block.len && rec.block_len == keep &&
               rec.truncated == (want->block.len > max_size) &&
               memcmp(rec.block, want->block.buf, keep) == 0 &&
               strcmp(rec.content_type, want->ctype) == 0;
        n++;
        warc_record_free(&rec);
    }
    *err_offset = rec.offset;
    ok(same, "%s: the %d records read are the ones written", label, n);
    ok(!got || *rc != AC_OK, "%s: the reader ends", label);
    ok(warc_next(w, max_size, &rec, &got, err) == AC_OK && !got,
       "%s: after the end, the end again", label);
    warc_close(w);
    return n;
}

static void
test_whole(void)
{
    static const bool gz[] = {false, true};
    struct ac_err err = {0};
    enum ac_status rc;
    long long at;
    size_t i;

    for (i = 0; i < 2; i++) {
        char *path = write_warc(gz[i] ? "a.warc.gz" : "a.warc", gz[i], 0, 0);
        const char *label = gz[i] ? "gzip" : "plain";

        ok(read_all(path, 1 << 20, label, &rc, &err, &at) == NREC &&
               rc == AC_OK,
           "%s: all %d records, no error (%s)", label, NREC, err.msg);
        ok(read_all(path, 100, label, &rc, &err, &at) == NREC && rc == AC_OK,
           "%s, --max-size 100: big records kept as their head, reading "
           "goes on",
           label);
        free(path);
    }
}

static void
test_fields(void)
{
    char *path = write_warc("f.warc", false, 0, 0);
    struct warc_reader *w = NULL;
    struct warc_record rec;
    struct ac_err err = {0};
    bool got;
    int i;

    warc_open(path, &w, &err);
    for (i = 0; i < 5; i++) {
        warc_next(w, 1 << 20, &rec, &got, &err);
        if (i == 2)
            ok(strcmp(rec.id, "urn:uuid:0000-2") == 0 &&
                   strcmp(rec.target_uri, "http://example.org/a") == 0,
               "record id and target URI (%s %s)", rec.id, rec.target_uri);
        if (i == 4)
            is_str(rec.target_uri, "http://example.org/i.png",
                   "a target URI in <> loses them");
        if (i == 0)
            ok(rec.target_uri == NULL, "warcinfo has no target URI");
        warc_record_free(&rec);
    }
    warc_close(w);
    free(path);
}

/* Truncated plain and gzip files: the records before the cut, then an
 * error naming the file and the offset. */
static void
test_truncated(void)
{
    char *full = write_warc("t.warc", false, 0, 0);
    char *gzfull = write_warc("t.warc.gz", true, 0, 0);
    char *cut, *gzcut, want[64];
    struct ac_err err = {0};
    enum ac_status rc;
    long long at;
    size_t size;
    char *buf;
    int n;

    /* the plain file cut in the middle of record 4's block */
    buf = tu_read_file(full, &size);
    size = recs[4].offset + recs[4].bytes.len - 10;
    cut = tu_write_file(tmpdir, "cut.warc", buf, size);
    n = read_all(cut, 1 << 20, "cut plain", &rc, &err, &at);
    snprintf(want, sizeof want, "offset %zu:", recs[4].offset);
    ok(n == 4 && rc == AC_E_DATA && at == (long long)recs[4].offset,
       "cut plain: 4 records, then an error at record 4 (%d, %s)", n, err.msg);
    ok(strstr(err.msg, cut) != NULL && strstr(err.msg, want) != NULL &&
           strstr(err.msg, "truncated") != NULL,
       "cut plain: the message names file and offset (%s)", err.msg);

    /* the gzip file cut at two thirds of its bytes */
    free(buf);
    buf = tu_read_file(gzfull, &size);
    gzcut = tu_write_file(tmpdir, "cut.warc.gz", buf, size * 2 / 3);
    n = read_all(gzcut, 1 << 20, "cut gzip", &rc, &err, &at);
    ok(n >= 1 && n < NREC && rc != AC_OK && strstr(err.msg, gzcut) != NULL,
       "cut gzip: %d records, then an error naming the file (%s)", n, err.msg);
    free(buf);
    free(full);
    free(gzfull);
    free(cut);
    free(gzcut);
}

static const struct {
    const char *name, *text;
    int records; /* read before the error */
    const char *msg;
} bad_files[] = {
    {"Content-Length not a number",
     "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12a\r\n\r\n"
     "hello world!\r\n\r\n",
     0, "offset 0: malformed header line or Content-Length"},
    {"no Content-Length",
     "WARC/1.0\r\nWARC-Type: resource\r\n\r\nhello\r\n\r\n", 0,
     "offset 0: record without Content-Length"},
    {"Content-Length too small",
     "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\n"
     "hello\r\n\r\n",
     0, "offset 0: no CRLF CRLF after the block"},
    {"Content-Length too small, second record",
     "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 5\r\n\r\n"
     "hello\r\n\r\n"
     "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\n"
     "hello\r\n\r\n",
     1, "offset 61: no CRLF CRLF"},
    {"Content-Length too large",
     "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\n"
     "hello\r\n\r\n",
     0, "offset 0: truncated record"},
    {"not WARC", "<!doctype html><p>hello</p>\n", 0,
     "offset 0: not a WARC/1.0 or WARC/1.1 record"},
    {"WARC/0.17", "WARC/0.17\r\nContent-Length: 0\r\n\r\n\r\n\r\n", 0,
     "offset 0: not a WARC/1.0"},
    {"cut in the headers", "WARC/1.0\r\nWARC-Type: resource\r\nContent-Le", 0,
     "offset 0: truncated record (in headers)"},
    {"header line without a colon",
     "WARC/1.0\r\nWARC-Type resource\r\nContent-Length: 0\r\n\r\n\r\n\r\n", 0,
     "offset 0: malformed header line"},
};

static void
test_bad(void)
{
    size_t i;

    for (i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        char *path = tu_write_file(tmpdir, "bad.warc", bad_files[i].text,
                                   strlen(bad_files[i].text));
        struct warc_reader *w = NULL;
        struct warc_record rec;
        struct ac_err err = {0};
        enum ac_status rc;
        bool got;
        int n = 0;

        warc_open(path, &w, &err);
        while ((rc = warc_next(w, 1 << 20, &rec, &got, &err)) == AC_OK && got) {
            n++;
            warc_record_free(&rec);
        }
        ok(rc == AC_E_DATA && n == bad_files[i].records &&
               strstr(err.msg, bad_files[i].msg) != NULL &&
               strncmp(err.msg, path, strlen(path)) == 0,
           "%s: %d records, then \"%s\" (%s)", bad_files[i].name, n,
           bad_files[i].msg, err.msg);
        warc_close(w);
        free(path);
    }
}

/* A block far over the limit: its head is kept, the rest read past. */
static void
test_big(void)
{
    char *path;
    struct strbuf sb = STRBUF_INIT;
    struct warc_reader *w = NULL;
    struct warc_record rec;
    struct ac_err err = {0};
    bool got = false;
    size_t i, big = 3 * WARC_HEAD_KEEP + 7;

    strbuf_addf(&sb,
                "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: "
                "%zu\r\n\r\n",
                big);
    for (i = 0; i < big; i++)
        strbuf_addc(&sb, (char)('a' + i % 26));
    strbuf_adds(&sb, "\r\n\r\nWARC/1.1\r\nWARC-Type: metadata\r\n"
                     "Content-Length: 2\r\n\r\nok\r\n\r\n");
    path = tu_write_file(tmpdir, "big.warc", sb.buf, sb.len);
    warc_open(path, &w, &err);
    ok(warc_next(w, 1000, &rec, &got, &err) == AC_OK && got && rec.truncated &&
           rec.length == big && rec.block_len == WARC_HEAD_KEEP &&
           rec.block[0] == 'a' && rec.block[WARC_HEAD_KEEP] == '\0',
       "a block of %zu bytes over the limit: its first %d bytes kept", big,
       WARC_HEAD_KEEP);
    warc_record_free(&rec);
    ok(warc_next(w, 1000, &rec, &got, &err) == AC_OK && got &&
           strcmp(rec.type, "metadata") == 0 && strcmp(rec.block, "ok") == 0,
       "and the record after it is read (%s)", err.msg);
    warc_record_free(&rec);
    warc_close(w);
    strbuf_release(&sb);
    free(path);
}

/* A WARC-Target-URI of FETCH_URL_MAX bytes, escaped three times over,
 * reads back whole (a --warc-out record of the longest URL fetched); a
 * header line over the reader's 128 KiB is a parse error. */
static void
test_long_uri(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct warc_reader *w = NULL;
    struct warc_record rec;
    struct ac_err err = {0};
    bool got = false;
    size_t i;
    char *path;

    strbuf_adds(&sb, "WARC/1.1\r\nWARC-Type: resource\r\n"
                     "WARC-Target-URI: http://a.test/");
    for (i = 0; i < FETCH_URL_MAX; i++)
        strbuf_adds(&sb, "%20");
    strbuf_adds(&sb, "\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n");
    path = tu_write_file(tmpdir, "long-uri.warc", sb.buf, sb.len);
    warc_open(path, &w, &err);
    ok(warc_next(w, 100, &rec, &got, &err) == AC_OK && got &&
           rec.target_uri != NULL &&
           strlen(rec.target_uri) == 14 + 3 * (size_t)FETCH_URL_MAX,
       "a WARC-Target-URI of %d KiB escaped reads back", FETCH_URL_MAX / 1024);
    if (got)
        warc_record_free(&rec);
    warc_close(w);
    free(path);
    strbuf_truncate(&sb, 0);
    strbuf_adds(&sb, "WARC/1.1\r\nX-Long: ");
    for (i = 0; i < 128 * 1024; i++)
        strbuf_addc(&sb, 'x');
    strbuf_adds(&sb, "\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    path = tu_write_file(tmpdir, "long-line.warc", sb.buf, sb.len);
    warc_open(path, &w, &err);
    ok(warc_next(w, 100, &rec, &got, &err) == AC_E_DATA,
       "a header line over 128 KiB is a parse error (%s)", err.msg);
    warc_close(w);
    free(path);
    strbuf_release(&sb);
}

static void
test_edges(void)
{
    char *path = tu_write_file(tmpdir, "empty.warc", "", 0);
    struct warc_reader *w = NULL;
    struct warc_record rec;
    struct ac_err err = {0};
    bool got = true;
    const char *lenient = "WARC/1.1\r\nContent-Length: 5\r\n\r\nhello";

    warc_open(path, &w, &err);
    ok(warc_next(w, 100, &rec, &got, &err) == AC_OK && !got,
       "an empty file has no records");
    warc_close(w);
    free(path);
    path = tu_write_file(tmpdir, "lenient.warc", lenient, strlen(lenient));
    warc_open(path, &w, &err);
    ok(warc_next(w, 100, &rec, &got, &err) == AC_OK && got &&
           strcmp(rec.block, "hello") == 0,
       "a file cut right after the last block still gives the record");
    warc_record_free(&rec);
    ok(warc_next(w, 100, &rec, &got, &err) == AC_OK && !got, "and then ends");
    warc_close(w);
    free(path);
    test_big();
    test_long_uri();
    ok(warc_open("/nonexistent/x.warc", &w, &err) == AC_E_IO &&
           strstr(err.msg, "/nonexistent/x.warc") != NULL && w == NULL,
       "a missing file is an I/O error naming it (%s)", err.msg);
}

static const struct {
    const char *head;
    bool good;
    int status;
    const char *ctype, *encoding, *body;
    bool chunked;
} heads[] = {
    {"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
     "\r\nbody",
     true, 200, "text/html; charset=iso-8859-1", NULL, "body", false},
    {"HTTP/1.0 404 Not Found\nContent-type:text/html\n\n<p>x", true, 404,
     "text/html", NULL, "<p>x", false},
    {"HTTP/2 301\r\nLocation: /b\r\n\r\n", true, 301, NULL, NULL, "", false},
    {"HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: Chunked\r\nContent-Encoding: "
     " GZIP \r\n\r\n",
     true, 200, NULL, "gzip", "", true},
    {"HTTP/1.1 200 OK\r\nX-Folded: a\r\n  Content-Type: text/plain\r\n\r\nb",
     true, 200, NULL, NULL, "b", false},
    {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: x", true, 200,
     "text/html", NULL, "", false},
    {"HTTP/1.1 200", true, 200, NULL, NULL, "", false},
    {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", false, 0, NULL, NULL, NULL, false},
    {"HTTP/1.1 20 OK\r\n\r\n", false, 0, NULL, NULL, NULL, false},
    {"HTTP/1.1 2000 OK\r\n\r\n", false, 0, NULL, NULL, NULL, false},
    {"HTTP/1.1 099 OK\r\n\r\n", false, 0, NULL, NULL, NULL, false},
    {"http/1.1 200 OK\r\n\r\n", false, 0, NULL, NULL, NULL, false},
    {"", false, 0, NULL, NULL, NULL, false},
};

static void
test_http_parse(void)
{
    size_t i;

    for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        struct warc_http h;
        struct ac_err err = {0};
        const char *s = heads[i].head;
        enum ac_status rc = warc_http_parse(s, strlen(s), &h, &err);

        if (!heads[i].good) {
            ok(rc == AC_E_DATA, "http head %zu refused (%s)", i, err.msg);
            continue;
        }
        ok(rc == AC_OK && h.status == heads[i].status &&
               h.chunked == heads[i].chunked,
           "http head %zu: status %d", i, h.status);
        is_str(h.content_type, heads[i].ctype, "  its Content-Type");
        is_str(h.encoding, heads[i].encoding, "  its Content-Encoding");
        is_str(s + h.body_start, heads[i].body, "  its body");
        warc_http_free(&h);
    }
}

/* Decodes HEAD + BODY (BODY_LEN bytes) as a record's block. */
static enum ac_status
decode(const char *head, const char *body, size_t body_len, size_t max_size,
       struct strbuf *out, struct ac_err *err)
{
    struct warc_record rec;
    struct warc_http h;
    struct strbuf block = STRBUF_INIT;
    char *got = NULL;
    size_t got_len = 0;
    enum ac_status rc;

    memset(&rec, 0, sizeof rec);
    strbuf_adds(&block, head);
    strbuf_add(&block, body, body_len);
    rec.block_len = block.len;
    rec.block = strbuf_detach(&block);
    rc = warc_http_parse(rec.block, rec.block_len, &h, err);
    if (rc == AC_OK)
        rc = warc_http_body(&rec, &h, max_size, &got, &got_len, err);
    if (rc == AC_OK) {
        strbuf_add(out, got, got_len);
        ok(got[got_len] == '\0', "  the body is NUL-terminated");
    }
    free(got);
    warc_http_free(&h);
    warc_record_free(&rec);
    return rc;
}

static void
test_bodies(void)
{
    struct strbuf z = STRBUF_INIT, out = STRBUF_INIT;
    struct ac_err err = {0};
    static const int bits[] = {31, 15, -15};
    static const char *const enc[] = {"gzip", "deflate", "deflate"};
    enum ac_status rc;
    size_t i;

    for (i = 0; i < 3; i++) {
        char *head = xasprintf("HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n"
                               "\r\n",
                               enc[i]);

        strbuf_truncate(&z, 0);
        strbuf_truncate(&out, 0);
        tu_deflate(&z, PAGE, strlen(PAGE), bits[i]);
        rc = decode(head, z.buf, z.len, 1 << 20, &out, &err);
        ok(rc == AC_OK && strcmp(strbuf_str(&out), PAGE) == 0,
           "%s (window bits %d) is decoded (%s)", enc[i], bits[i], err.msg);
        if (i == 0) {
            ok(decode(head, z.buf, z.len, 20, &out, &err) == AC_E_LIMIT,
               "gzip over the limit: AC_E_LIMIT (%s)", err.msg);
            ok(decode(head, z.buf, z.len / 2, 1 << 20, &out, &err) == AC_E_DATA,
               "gzip cut short: AC_E_DATA (%s)", err.msg);
            z.buf[12] ^= 0x55;
            z.buf[13] ^= 0x55;
            ok(decode(head, z.buf, z.len, 1 << 20, &out, &err) == AC_E_DATA,
               "corrupt gzip: AC_E_DATA (%s)", err.msg);
        }
        free(head);
    }
    ok(decode("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n", "xx", 2, 100,
              &out, &err) == AC_E_DATA &&
           strstr(err.msg, "br") != NULL,
       "an unknown content coding: AC_E_DATA (%s)", err.msg);
    strbuf_truncate(&out, 0);
    ok(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
              "3\r\nabc\r\n2\r\nde\r\n", 15, 100, &out, &err) == AC_OK &&
           strcmp(strbuf_str(&out), "abcde") == 0,
       "chunks without the last chunk are taken");
    ok(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
              "zz\r\nabc\r\n0\r\n\r\n", 14, 100, &out, &err) == AC_E_DATA,
       "a bad chunk size: AC_E_DATA (%s)", err.msg);
    ok(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
              "10\r\nabc\r\n", 9, 100, &out, &err) == AC_E_DATA,
       "a chunk cut short: AC_E_DATA (%s)", err.msg);
    strbuf_truncate(&out, 0);
    ok(decode("HTTP/1.1 200 OK\r\n\r\n", "plain", 5, 100, &out, &err) ==
               AC_OK &&
           strcmp(strbuf_str(&out), "plain") == 0,
       "an uncoded body is the rest of the block");
    strbuf_release(&z);
    strbuf_release(&out);
}

int
main(void)
{
    int i;

    tmpdir = tu_tmpdir("test_warc");
    build_records();
    test_whole();
    test_fields();
    test_truncated();
    test_bad();
    test_edges();
    test_http_parse();
    test_bodies();
    for (i = 0; i < NREC; i++) {
        strbuf_release(&recs[i].block);
        strbuf_release(&recs[i].bytes);
    }
    return tap_done();
}
