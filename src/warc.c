/* SPDX-License-Identifier: MIT */
/*
 * warc: the WARC record reader and the HTTP response inside a record
 * (see warc.h).  zlib's gzread reads plain and gzipped files alike and
 * runs on across gzip members, so a .warc.gz of one member per record is
 * one stream here.  Memory is one record at a time, bounded by the size
 * limit the caller gives; a longer block is read past, not kept.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#define ZLIB_CONST /* next_in is const: no casts */
#include <zlib.h>

#include "warc.h"
#include "xalloc.h"

/* one WARC header line: room for a WARC-Target-URI of FETCH_URL_MAX
 * bytes %-escaped (fetch.h), and a bound for hostile files */
#define LINE_MAX_BYTES (128 * 1024)
#define HEADER_MAX     512 /* header lines in one record */
#define SKIP_CHUNK     65536
#define LENGTH_MAX     (1LL << 50)

struct warc_reader {
    gzFile gz;
    char *path;
    long long offset; /* bytes of the uncompressed stream consumed */
    bool done;        /* the end, or an error, was reached */
    char line[LINE_MAX_BYTES];
    char *skip; /* scratch for reading past long blocks */
};

enum ac_status
warc_open(const char *path, struct warc_reader **out, struct ac_err *err)
{
    struct warc_reader *w;
    gzFile gz;

    *out = NULL;
    errno = 0;
    gz = gzopen(path, "rb");
    if (gz == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", path,
                          errno ? strerror(errno) : "cannot open");
    gzbuffer(gz, 131072);
    w = xcalloc(1, sizeof *w);
    w->gz = gz;
    w->path = xstrdup(path);
    *out = w;
    return AC_OK;
}

long long
warc_offset(const struct warc_reader *w)
{
    return w->offset;
}

/* True when the stream has had no error (it may be at its end). */
static bool
stream_ok(struct warc_reader *w)
{
    int zerr = Z_OK;

    gzerror(w->gz, &zerr);
    return zerr == Z_OK;
}

/* The error after a read came up short: gzip's own, else TRUNCATED. */
static enum ac_status
read_error(struct warc_reader *w, long long at, const char *truncated,
           struct ac_err *err)
{
    int zerr = Z_OK;
    const char *msg = gzerror(w->gz, &zerr);

    if (zerr == Z_ERRNO)
        return ac_err_set(err, AC_E_IO, "%s: offset %lld: %s", w->path, at,
                          strerror(errno));
    if (zerr != Z_OK && zerr != Z_BUF_ERROR)
        return ac_err_set(err, AC_E_IO, "%s: offset %lld: gzip: %s", w->path,
                          at, msg);
    return ac_err_set(err, AC_E_DATA, "%s: offset %lld: %s%s", w->path, at,
                      truncated,
                      zerr == Z_BUF_ERROR ? " (gzip data cut short)" : "");
}

/* Reads one line, '\n' included, into w->line.  Returns its length (0
 * at the end of the stream), or -1 for a line that does not fit. */
static long
read_line(struct warc_reader *w)
{
    size_t n = 0;
    int c;

    while ((c = gzgetc(w->gz)) != -1) {
        w->offset++;
        if (n + 1 >= sizeof w->line)
            return -1;
        w->line[n++] = (char)c;
        if (c == '\n')
            break;
    }
    w->line[n] = '\0';
    return (long)n;
}

/* Reads exactly LEN bytes into BUF; false when the stream ends first. */
static bool
read_exact(struct warc_reader *w, char *buf, size_t len)
{
    while (len > 0) {
        unsigned want = len > (1U << 30) ? 1U << 30 : (unsigned)len;
        int n = gzread(w->gz, buf, want);

        if (n <= 0)
            return false;
        w->offset += n;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads past LEN bytes. */
static bool
skip_bytes(struct warc_reader *w, size_t len)
{
    if (w->skip == NULL)
        w->skip = xmalloc(SKIP_CHUNK);
    while (len > 0) {
        size_t n = len < SKIP_CHUNK ? len : SKIP_CHUNK;

        if (!read_exact(w, w->skip, n))
            return false;
        len -= n;
    }
    return true;
}

/* Cuts trailing CR, LF and blanks from S in place. */
static void
chomp(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' ||
                     s[n - 1] == '\t'))
        s[--n] = '\0';
}

static bool
parse_length(const char *s, size_t *out)
{
    long long v = 0;

    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > LENGTH_MAX)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (v > LENGTH_MAX || (unsigned long long)v > (size_t)-1)
        return false;
    *out = (size_t)v;
    return true;
}

static void
set_field(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value);
}

/* Takes one "Name: value" header line (chomped) into REC. */
static bool
take_header(struct warc_record *rec, char *line, bool *have_length)
{
    char *colon = strchr(line, ':'), *v;
    size_t n;

    if (colon == NULL || colon == line)
        return false;
    *colon = '\0';
    for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
        ;
    n = strlen(v);
    if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
        v[n - 1] = '\0';
        v++; /* URIs are written in <>, which are not part of them */
    }
    if (strcasecmp(line, "WARC-Type") == 0)
        set_field(&rec->type, v);
    else if (strcasecmp(line, "WARC-Record-ID") == 0)
        set_field(&rec->id, v);
    else if (strcasecmp(line, "Content-Type") == 0)
        set_field(&rec->content_type, v);
    else if (strcasecmp(line, "Content-Length") == 0) {
        if (!parse_length(v, &rec->length))
            return false;
        *have_length = true;
    } else if (strcasecmp(line, "WARC-Target-URI") == 0) {
        set_field(&rec->target_uri, v);
    } else if (strcasecmp(line, "WARC-Truncated") == 0) {
        set_field(&rec->warc_truncated, v);
    }
    return true;
}

static enum ac_status
bad(struct warc_reader *w, long long at, const char *what, struct ac_err *err)
{
    return ac_err_set(err, AC_E_DATA, "%s: offset %lld: %s", w->path, at, what);
}

/* Reads the version line, skipping blank lines between records.
 * Returns AC_OK with *AT_END set at a clean end of the stream. */
static enum ac_status
read_version(struct warc_reader *w, struct warc_record *rec, bool *at_end,
             struct ac_err *err)
{
    long n;

    *at_end = false;
    do {
        rec->offset = w->offset;
        n = read_line(w);
        if (n == 0) {
            *at_end = true;
            return stream_ok(w) ? AC_OK
                                : read_error(w, rec->offset, "read", err);
        }
        if (n < 0)
            return bad(w, rec->offset, "not a WARC record (a long line)", err);
        chomp(w->line);
    } while (w->line[0] == '\0');
    if (strcmp(w->line, "WARC/1.0") != 0 && strcmp(w->line, "WARC/1.1") != 0)
        return bad(w, rec->offset,
                   "not a WARC/1.0 or WARC/1.1 record (no version line)", err);
    return AC_OK;
}

/* Reads the header lines up to the blank line. */
static enum ac_status
read_headers(struct warc_reader *w, struct warc_record *rec, struct ac_err *err)
{
    bool have_length = false;
    size_t lines = 0;
    long n;

    for (;;) {
        n = read_line(w);
        if (n == 0)
            return read_error(w, rec->offset, "truncated record (in headers)",
                              err);
        if (n < 0 || ++lines > HEADER_MAX)
            return bad(w, rec->offset, "malformed record (headers too long)",
                       err);
        if (w->line[n - 1] != '\n')
            return read_error(w, rec->offset, "truncated record (in headers)",
                              err);
        chomp(w->line);
        if (w->line[0] == '\0')
            break;
        if (w->line[0] == ' ' || w->line[0] == '\t')
            continue; /* a folded line: nothing we read is folded */
        if (!take_header(rec, w->line, &have_length))
            return bad(w, rec->offset,
                       "malformed header line or Content-Length", err);
    }
    if (!have_length)
        return bad(w, rec->offset, "record without Content-Length", err);
    return AC_OK;
}

/* Reads the block (or its head, when over MAX_SIZE) and the CRLF CRLF
 * that ends the record. */
static enum ac_status
read_block(struct warc_reader *w, struct warc_record *rec, size_t max_size,
           struct ac_err *err)
{
    size_t keep = rec->length;
    char end[4];
    int n;

    if (rec->length > max_size) {
        rec->truncated = true;
        keep = rec->length < WARC_HEAD_KEEP ? rec->length : WARC_HEAD_KEEP;
    }
    rec->block = xmalloc(keep + 1);
    if (!read_exact(w, rec->block, keep) || !skip_bytes(w, rec->length - keep))
        return read_error(w, rec->offset,
                          "truncated record (shorter than its Content-Length)",
                          err);
    rec->block[keep] = '\0';
    rec->block_len = keep;
    n = gzread(w->gz, end, sizeof end);
    if (n < 0)
        return read_error(w, rec->offset, "read", err);
    w->offset += n;
    if (n < 4 && !stream_ok(w))
        return read_error(w, rec->offset, "truncated record", err);
    /* a file cut right after the last block is taken as it is */
    if (memcmp(end, "\r\n\r\n", (size_t)n) != 0)
        return bad(w, rec->offset,
                   "no CRLF CRLF after the block (a bad Content-Length?)", err);
    return AC_OK;
}

enum ac_status
warc_next(struct warc_reader *w, size_t max_size, struct warc_record *rec,
          bool *got, struct ac_err *err)
{
    enum ac_status rc;
    bool at_end = false;

    memset(rec, 0, sizeof *rec);
    *got = false;
    if (w->done)
        return AC_OK;
    rc = read_version(w, rec, &at_end, err);
    if (rc == AC_OK && !at_end)
        rc = read_headers(w, rec, err);
    if (rc == AC_OK && !at_end)
        rc = read_block(w, rec, max_size, err);
    if (rc != AC_OK || at_end) {
        long long at = rc != AC_OK ? rec->offset : w->offset;

        w->done = true;
        warc_record_free(rec);
        rec->offset = at; /* where the bad record starts */
        return rc;
    }
    *got = true;
    return AC_OK;
}

enum ac_status
warc_open_at(const char *path, long long raw_offset, long long skip,
             struct warc_reader **out, struct ac_err *err)
{
    struct warc_reader *w;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    gzFile gz = NULL;

    *out = NULL;
    /* gzdopen starts reading where FD stands: at the member's start */
    if (fd < 0 || lseek(fd, (off_t)raw_offset, SEEK_SET) < 0 ||
        (gz = gzdopen(fd, "rb")) == NULL) {
        int e = errno;

        if (fd >= 0)
            close(fd);
        return ac_err_set(err, AC_E_IO, "%s: offset %lld: %s", path, raw_offset,
                          strerror(e ? e : EINVAL));
    }
    w = xcalloc(1, sizeof *w);
    w->gz = gz;
    w->path = xstrdup(path);
    if (skip > 0 && !skip_bytes(w, (size_t)skip)) {
        enum ac_status rc = read_error(w, skip, "shorter than its index", err);

        warc_close(w);
        return rc;
    }
    *out = w;
    return AC_OK;
}

void
warc_record_free(struct warc_record *rec)
{
    if (rec == NULL)
        return;
    free(rec->type);
    free(rec->id);
    free(rec->target_uri);
    free(rec->content_type);
    free(rec->warc_truncated);
    free(rec->block);
    memset(rec, 0, sizeof *rec);
}

void
warc_close(struct warc_reader *w)
{
    if (w == NULL)
        return;
    gzclose(w->gz);
    free(w->path);
    free(w->skip);
    free(w);
}

/* The next line of BUF (LEN bytes) from *POS: its start and length
 * without CR LF.  False at the end of BUF. */
static bool
next_line(const char *buf, size_t len, size_t *pos, const char **line,
          size_t *line_len)
{
    const char *start = buf + *pos, *nl;
    size_t n;

    if (*pos >= len)
        return false;
    nl = memchr(start, '\n', len - *pos);
    n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *line = start;
    *line_len = n;
    return true;
}

/* Parses "HTTP/x[.y] NNN ..." into *STATUS. */
static bool
parse_status(const char *s, size_t n, int *status)
{
    size_t i = 5;

    if (n < 5 || strncmp(s, "HTTP/", 5) != 0)
        return false;
    while (i < n && s[i] != ' ')
        i++;
    while (i < n && s[i] == ' ')
        i++;
    if (i + 3 > n || !isdigit((unsigned char)s[i]) ||
        !isdigit((unsigned char)s[i + 1]) ||
        !isdigit((unsigned char)s[i + 2]) || (i + 3 < n && s[i + 3] != ' ') ||
        s[i] == '0')
        return false;
    *status = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    return true;
}

/* The value of header line S (N bytes) when its name is NAME, trimmed
 * and copied; NULL otherwise. */
static char *
header_value(const char *s, size_t n, const char *name)
{
    size_t nl = strlen(name), e = n;

    if (n <= nl || s[nl] != ':' || strncasecmp(s, name, nl) != 0)
        return NULL;
    s += nl + 1;
    e -= nl + 1;
    while (e > 0 && (*s == ' ' || *s == '\t'))
        s++, e--;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    return xstrndup(s, e);
}

/* Takes one HTTP header line into HTTP. */
static void
take_http_header(struct warc_http *http, const char *s, size_t n)
{
    char *v;
    size_t i;

    if ((v = header_value(s, n, "Content-Type")) != NULL) {
        free(http->content_type);
        http->content_type = v;
    } else if ((v = header_value(s, n, "Transfer-Encoding")) != NULL) {
        for (i = 0; v[i] != '\0'; i++)
            v[i] = (char)tolower((unsigned char)v[i]);
        http->chunked = strstr(v, "chunked") != NULL;
        free(v);
    } else if ((v = header_value(s, n, "Content-Encoding")) != NULL) {
        for (i = 0; v[i] != '\0'; i++)
            v[i] = (char)tolower((unsigned char)v[i]);
        free(http->encoding);
        http->encoding = v;
    } else if ((v = header_value(s, n, "Location")) != NULL) {
        free(http->location);
        http->location = v;
    }
}

enum ac_status
warc_http_parse(const char *block, size_t len, struct warc_http *http,
                struct ac_err *err)
{
    const char *line;
    size_t pos = 0, n;

    memset(http, 0, sizeof *http);
    if (!next_line(block, len, &pos, &line, &n) ||
        !parse_status(line, n, &http->status))
        return ac_err_set(err, AC_E_DATA,
                          "the record holds no HTTP status line");
    while (next_line(block, len, &pos, &line, &n) && n > 0)
        if (line[0] != ' ' && line[0] != '\t')
            take_http_header(http, line, n);
    http->body_start = pos;
    return AC_OK;
}

/* Parses a chunk-size line (hex digits, then extensions). */
static bool
chunk_size(const char *s, size_t n, size_t *out)
{
    size_t i, v = 0;

    for (i = 0; i < n && isxdigit((unsigned char)s[i]); i++) {
        if (i >= 15)
            return false;
        v = v * 16 + (size_t)(isdigit((unsigned char)s[i])
                                  ? s[i] - '0'
                                  : tolower((unsigned char)s[i]) - 'a' + 10);
    }
    if (i == 0 || (i < n && s[i] != ';' && s[i] != ' ' && s[i] != '\t'))
        return false;
    *out = v;
    return true;
}

/* Undoes chunked transfer coding: IN (LEN bytes) into *OUT (never
 * longer than IN).  A body that ends at a chunk boundary without the
 * last chunk is taken as it is. */
static enum ac_status
dechunk(const char *in, size_t len, char **out, size_t *out_len,
        struct ac_err *err)
{
    char *buf = xmalloc(len + 1);
    size_t pos = 0, total = 0, size = 0, n;
    const char *line;

    while (next_line(in, len, &pos, &line, &n)) {
        bool good = chunk_size(line, n, &size);

        if (!good || size > len - pos) {
            free(buf);
            return ac_err_set(err, AC_E_DATA, "%s in the chunked body",
                              good ? "a chunk cut short" : "a bad chunk size");
        }
        if (size == 0)
            break; /* the last chunk; trailers are not needed */
        memcpy(buf + total, in + pos, size);
        total += size;
        pos += size;
        if (pos < len && in[pos] == '\r')
            pos++;
        if (pos < len && in[pos] == '\n')
            pos++;
    }
    buf[total] = '\0';
    *out = buf;
    *out_len = total;
    return AC_OK;
}

/* Grows BUF (CAP bytes) for inflating; false past MAX_SIZE. */
static bool
grow(char **buf, size_t *cap, size_t max_size)
{
    size_t want = *cap * 2;

    if (*cap > max_size)
        return false;
    if (want > max_size + 1)
        want = max_size + 1;
    *buf = xrealloc(*buf, want + 1);
    *cap = want;
    return true;
}

/* Inflates IN with zlib's WINDOW_BITS into *OUT (NUL-terminated). */
static enum ac_status
inflate_body(const char *in, size_t len, int window_bits, size_t max_size,
             char **out, size_t *out_len, struct ac_err *err)
{
    z_stream zs;
    size_t cap = len < 16384 ? 65536 : len * 4, total = 0;
    char *buf;
    int r = Z_OK;

    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, window_bits) != Z_OK)
        return ac_err_set(err, AC_E_INTERNAL, "zlib: cannot start inflate");
    cap = cap > max_size + 1 ? max_size + 1 : cap;
    buf = xmalloc(cap + 1);
    zs.next_in = (const Bytef *)in;
    zs.avail_in = (uInt)len; /* len <= max_size, far below 4 GiB in practice */
    while (r != Z_STREAM_END) {
        if (total == cap && !grow(&buf, &cap, max_size))
            break;
        zs.next_out = (Bytef *)buf + total;
        zs.avail_out = (uInt)(cap - total);
        r = inflate(&zs, Z_NO_FLUSH);
        total = cap - zs.avail_out;
        if (r != Z_OK && r != Z_STREAM_END &&
            !(r == Z_BUF_ERROR && zs.avail_out == 0))
            break;
    }
    inflateEnd(&zs);
    if (r != Z_STREAM_END) {
        free(buf);
        if (total > max_size)
            return ac_err_set(err, AC_E_LIMIT,
                              "decompressed body over %zu bytes", max_size);
        return ac_err_set(err, AC_E_DATA, "compressed body %s",
                          r == Z_BUF_ERROR ? "cut short" : "corrupt");
    }
    buf[total] = '\0';
    *out = buf;
    *out_len = total;
    return AC_OK;
}

/* The raw body of REC, de-chunked when HTTP says so; REC's block may be
 * taken for it. */
static enum ac_status
raw_body(struct warc_record *rec, const struct warc_http *http, char **raw,
         size_t *raw_len, struct ac_err *err)
{
    size_t start =
        http->body_start < rec->block_len ? http->body_start : rec->block_len;

    if (http->chunked)
        return dechunk(rec->block + start, rec->block_len - start, raw, raw_len,
                       err);
    *raw_len = rec->block_len - start;
    memmove(rec->block, rec->block + start, *raw_len);
    rec->block[*raw_len] = '\0';
    *raw = rec->block;
    rec->block = NULL;
    rec->block_len = 0;
    return AC_OK;
}

enum ac_status
warc_http_body(struct warc_record *rec, const struct warc_http *http,
               size_t max_size, char **body, size_t *body_len,
               struct ac_err *err)
{
    const char *enc = http->encoding;
    bool plain = enc == NULL || *enc == '\0' || strcmp(enc, "identity") == 0;
    bool deflate = enc != NULL && strcmp(enc, "deflate") == 0;
    char *raw = NULL;
    size_t raw_len = 0;
    enum ac_status rc;

    *body = NULL;
    *body_len = 0;
    if (!plain && !deflate && strcmp(enc, "gzip") != 0 &&
        strcmp(enc, "x-gzip") != 0)
        return ac_err_set(err, AC_E_DATA,
                          "content coding '%.60s' not supported", enc);
    rc = raw_body(rec, http, &raw, &raw_len, err);
    if (rc != AC_OK || plain) {
        *body = raw;
        *body_len = raw_len;
        return rc;
    }
    /* 15 + 32: a gzip or zlib header, told apart by zlib */
    rc = inflate_body(raw, raw_len, 15 + 32, max_size, body, body_len, err);
    if (rc == AC_E_DATA && deflate) /* "deflate" is often sent raw */
        rc = inflate_body(raw, raw_len, -15, max_size, body, body_len, err);
    free(raw);
    return rc;
}

void
warc_http_free(struct warc_http *http)
{
    if (http == NULL)
        return;
    free(http->content_type);
    free(http->encoding);
    free(http->location);
    memset(http, 0, sizeof *http);
}
