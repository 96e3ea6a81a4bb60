/* SPDX-License-Identifier: MIT */
/*
 * warc_out: the WARC writer (see warc_out.h).  Each record is built in
 * memory (its block is at most the headers plus --max-size of body) and
 * handed to zlib's gzwrite; gzflush(Z_FINISH) then closes its gzip
 * member, so every record is a member of its own, which is what lets
 * readers seek to a record by offset.  The response block keeps the
 * status line and headers as received, except that the headers which
 * described the wire encoding (Transfer-Encoding, Content-Encoding, and
 * Content-Length beside a Content-Encoding) are renamed
 * X-Attrcheck-Orig-NAME, because libcurl hands over the body with those
 * codings undone, and a reader must not try to undo them again.  Record
 * ids are random version 4 UUIDs (getrandom).
 */
#include "config.h"

#include <errno.h>
#include <nettle/sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <zlib.h>

#include "strbuf.h"
#include "warc_out.h"
#include "xalloc.h"

struct warc_out {
    gzFile gz;
    char *path;
    char warcinfo_id[64];
    size_t records;
    int error; /* errno of the first failed write; 0 when none */
};

void
warc_out_sha1_b32(const void *data, size_t len, char out[38])
{
    static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    struct sha1_ctx ctx;
    uint8_t d[SHA1_DIGEST_SIZE];
    size_t i, o = 5;
    unsigned bits = 0, acc = 0;

    sha1_init(&ctx);
    sha1_update(&ctx, len, data);
    sha1_digest(&ctx, SHA1_DIGEST_SIZE, d);
    memcpy(out, "sha1:", 5);
    /* RFC 4648 base32: 20 bytes are exactly 32 characters, no padding */
    for (i = 0; i < SHA1_DIGEST_SIZE; i++) {
        acc = (acc << 8) | d[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out[o++] = b32[(acc >> bits) & 31];
        }
    }
    out[o] = '\0';
}

/* A new "<urn:uuid:...>" (version 4) into OUT. */
static void
new_id(char out[64])
{
    unsigned char u[16];
    size_t got = 0;
    ssize_t n;

    while (got < sizeof u) {
        n = getrandom(u + got, sizeof u - got, 0);
        if (n <= 0) { /* no entropy source: still unique enough per run */
            for (; got < sizeof u; got++)
                u[got] = (unsigned char)rand();
            break;
        }
        got += (size_t)n;
    }
    u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
    snprintf(out, 64,
             "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x>",
             u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
             u[11], u[12], u[13], u[14], u[15]);
}

/* WARC-Date of T (UTC, seconds). */
static void
warc_date(long long t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Writes one record: HEADERS (each line CRLF-ended, without
 * Content-Length), then the block HEAD + BODY, as one gzip member. */
static void
put_record(struct warc_out *w, const struct strbuf *headers, const char *head,
           size_t head_len, const char *body, size_t body_len)
{
    struct strbuf rec = {0};

    strbuf_adds(&rec, "WARC/1.1\r\n");
    strbuf_add(&rec, headers->buf, headers->len);
    strbuf_addf(&rec, "Content-Length: %zu\r\n\r\n", head_len + body_len);
    if ((rec.len > 0 && gzwrite(w->gz, rec.buf, (unsigned)rec.len) <= 0) ||
        (head_len > 0 && gzwrite(w->gz, head, (unsigned)head_len) <= 0) ||
        (body_len > 0 && gzwrite(w->gz, body, (unsigned)body_len) <= 0) ||
        gzwrite(w->gz, "\r\n\r\n", 4) <= 0 ||
        gzflush(w->gz, Z_FINISH) != Z_OK) {
        if (w->error == 0)
            w->error = errno != 0 ? errno : EIO;
    }
    w->records++;
    strbuf_release(&rec);
}

/* True when header line L (LEN bytes, no line end) is named NAME. */
static bool
named(const char *l, size_t len, const char *name)
{
    size_t n = strlen(name);

    return len > n && l[n] == ':' && strncasecmp(l, name, n) == 0;
}

/* HEAD with the wire-encoding headers renamed (see the top). */
static void
rewrite_head(const char *head, size_t len, struct strbuf *out)
{
    const char *p = head, *end = head + len, *nl;
    bool coded = false;
    size_t n;

    for (p = head; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            break;
        coded |= named(p, (size_t)(nl - p), "content-encoding");
    }
    for (p = head; p < end; p += n) {
        nl = memchr(p, '\n', (size_t)(end - p));
        n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        if (named(p, n, "transfer-encoding") ||
            named(p, n, "content-encoding") ||
            (coded && named(p, n, "content-length")))
            strbuf_adds(out, "X-Attrcheck-Orig-");
        strbuf_add(out, p, n);
    }
}

/* Header NAME with VALUE, its blanks, control bytes and angle brackets
 * %-escaped: a URL holds none of them (RFC 3986); a CR or LF would end
 * the header early and let the rest pass for other headers, and a value
 * in <> reads back without them (WARC 1.0 wrote <URI>). */
static void
add_field(struct strbuf *h, const char *name, const char *value)
{
    const unsigned char *p;

    strbuf_adds(h, name);
    strbuf_adds(h, ": ");
    for (p = (const unsigned char *)value; *p != '\0'; p++) {
        if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>')
            strbuf_addf(h, "%%%02X", *p);
        else
            strbuf_addc(h, (char)*p);
    }
    strbuf_adds(h, "\r\n");
}

/* The lines every record of an exchange shares. */
static void
common(struct strbuf *h, const struct warc_out *w, const char *type,
       const char *id, const struct fetch_exchange *x)
{
    char date[32];

    warc_date(x->date, date);
    strbuf_addf(h, "WARC-Type: %s\r\nWARC-Record-ID: %s\r\n", type, id);
    strbuf_addf(h, "WARC-Warcinfo-ID: %s\r\n", w->warcinfo_id);
    add_field(h, "WARC-Target-URI", x->url);
    strbuf_addf(h, "WARC-Date: %s\r\n", date);
    if (x->ip[0] != '\0')
        add_field(h, "WARC-IP-Address", x->ip);
}

char *
warc_out_exchange(struct warc_out *w, const struct fetch_exchange *x)
{
    char req_id[64], resp_id[64], bd[38], pd[38];
    struct strbuf h = {0}, head = {0}, all = {0};

    new_id(req_id);
    new_id(resp_id);
    if (x->request_len > 0) {
        common(&h, w, "request", req_id, x);
        if (x->head_len > 0)
            strbuf_addf(&h, "WARC-Concurrent-To: %s\r\n", resp_id);
        warc_out_sha1_b32(x->request, x->request_len, bd);
        strbuf_addf(&h, "WARC-Block-Digest: %s\r\n", bd);
        strbuf_adds(&h, "Content-Type: application/http;msgtype=request\r\n");
        put_record(w, &h, x->request, x->request_len, NULL, 0);
    }
    if (x->head_len == 0) {
        strbuf_release(&h);
        return NULL;
    }
    rewrite_head(x->head, x->head_len, &head);
    strbuf_add(&all, head.buf, head.len);
    strbuf_add(&all, x->body, x->body_len);
    warc_out_sha1_b32(all.buf, all.len, bd);
    warc_out_sha1_b32(x->body, x->body_len, pd);
    strbuf_truncate(&h, 0);
    common(&h, w, "response", resp_id, x);
    if (x->request_len > 0)
        strbuf_addf(&h, "WARC-Concurrent-To: %s\r\n", req_id);
    strbuf_addf(&h, "WARC-Block-Digest: %s\r\nWARC-Payload-Digest: %s\r\n", bd,
                pd);
    if (x->truncated != NULL)
        strbuf_addf(&h, "WARC-Truncated: %s\r\n", x->truncated);
    strbuf_adds(&h, "Content-Type: application/http;msgtype=response\r\n");
    put_record(w, &h, head.buf, head.len, x->body, x->body_len);
    strbuf_release(&h);
    strbuf_release(&head);
    strbuf_release(&all);
    return xstrdup(resp_id);
}

void
warc_out_metadata(struct warc_out *w, const char *target_uri,
                  const char *refers_to, const char *json, size_t len)
{
    struct fetch_exchange x = {0};
    struct strbuf h = {0};
    char id[64], bd[38];

    new_id(id);
    x.url = target_uri;
    x.ip = "";
    x.date = (long long)time(NULL);
    common(&h, w, "metadata", id, &x);
    if (refers_to != NULL)
        strbuf_addf(&h, "WARC-Refers-To: %s\r\n", refers_to);
    warc_out_sha1_b32(json, len, bd);
    strbuf_addf(&h, "WARC-Block-Digest: %s\r\n", bd);
    strbuf_adds(&h, "Content-Type: application/json\r\n");
    put_record(w, &h, json, len, NULL, 0);
    strbuf_release(&h);
}

/* The warcinfo record: FIELDS with CRLF line ends. */
static void
put_warcinfo(struct warc_out *w, const char *fields)
{
    struct strbuf h = {0}, b = {0};
    const char *slash = strrchr(w->path, '/');
    char date[32], bd[38];

    for (; *fields != '\0'; fields++) {
        if (*fields == '\n' && (b.len == 0 || b.buf[b.len - 1] != '\r'))
            strbuf_addc(&b, '\r');
        strbuf_addc(&b, *fields);
    }
    warc_date((long long)time(NULL), date);
    strbuf_addf(&h, "WARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\n",
                w->warcinfo_id);
    strbuf_addf(&h, "WARC-Date: %s\r\nWARC-Filename: %s\r\n", date,
                slash != NULL ? slash + 1 : w->path);
    warc_out_sha1_b32(b.buf, b.len, bd);
    strbuf_addf(&h, "WARC-Block-Digest: %s\r\n", bd);
    strbuf_adds(&h, "Content-Type: application/warc-fields\r\n");
    put_record(w, &h, b.buf, b.len, NULL, 0);
    strbuf_release(&h);
    strbuf_release(&b);
}

enum ac_status
warc_out_open(const char *path, bool append, const char *fields,
              struct warc_out **out, struct ac_err *err)
{
    size_t n = strlen(path);
    bool gz = n > 3 && strcmp(path + n - 3, ".gz") == 0;
    struct warc_out *w;
    gzFile f;

    *out = NULL;
    errno = 0;
    f = gzopen(path, append ? (gz ? "ab" : "abT") : (gz ? "wb" : "wbT"));
    if (f == NULL)
        return ac_err_set(err, AC_E_IO, "--warc-out %s: %s", path,
                          errno != 0 ? strerror(errno) : "cannot open");
    w = xcalloc(1, sizeof *w);
    w->gz = f;
    w->path = xstrdup(path);
    new_id(w->warcinfo_id);
    put_warcinfo(w, fields);
    if (w->error != 0) {
        int e = w->error;

        gzclose(w->gz);
        free(w->path);
        free(w);
        return ac_err_set(err, AC_E_IO, "--warc-out %s: %s", path, strerror(e));
    }
    *out = w;
    return AC_OK;
}

size_t
warc_out_records(const struct warc_out *w)
{
    return w->records;
}

enum ac_status
warc_out_close(struct warc_out *w, struct ac_err *err)
{
    enum ac_status rc = AC_OK;
    int e;

    if (w == NULL)
        return AC_OK;
    e = w->error;
    if (gzclose(w->gz) != Z_OK && e == 0)
        e = errno != 0 ? errno : EIO;
    if (e != 0)
        rc =
            ac_err_set(err, AC_E_IO, "--warc-out %s: %s", w->path, strerror(e));
    free(w->path);
    free(w);
    return rc;
}
