/* SPDX-License-Identifier: MIT */
/*
 * document: loading local files into documents, with a size bound, and
 * sniffing binary content (see document.h).  It does not decode
 * charsets or parse HTML.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "xalloc.h"

static const struct {
    const char *magic;
    size_t len;
    const char *name;
} MAGICS[] = {
    {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
    {"%PDF-", 5, "a PDF document"},
    {"GIF87a", 6, "a GIF image"},
    {"GIF89a", 6, "a GIF image"},
    {"\xff\xd8\xff", 3, "a JPEG image"},
    {"PK\x03\x04", 4, "a ZIP archive"},
    {"\x1f\x8b", 2, "gzip data"},
    {"RIFF", 4, "a RIFF (WebP, WAV or AVI) file"},
    {"\x7f"
     "ELF",
     4, "an executable"},
    {"WARC/", 5, "a WARC file"},
};

const char *
document_sniff(const char *bytes, size_t len)
{
    size_t i, n = len < 1024 ? len : 1024;
    size_t controls = 0;

    for (i = 0; i < sizeof MAGICS / sizeof MAGICS[0]; i++)
        if (len >= MAGICS[i].len &&
            memcmp(bytes, MAGICS[i].magic, MAGICS[i].len) == 0)
            return MAGICS[i].name;
    /* UTF-16 pages start with a BOM and are full of NULs: they are text */
    if (len >= 2 &&
        (((unsigned char)bytes[0] == 0xff && (unsigned char)bytes[1] == 0xfe) ||
         ((unsigned char)bytes[0] == 0xfe && (unsigned char)bytes[1] == 0xff)))
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];

        if (c == 0)
            return "binary data";
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            controls++;
    }
    return controls * 10 > n ? "binary data" : NULL;
}

/* Reads all of FD (at most MAX bytes) into *OUT; AC_E_LIMIT beyond. */
static enum ac_status
read_all(int fd, const char *path, size_t max, char **out, size_t *out_len,
         struct ac_err *err)
{
    size_t cap = 65536, len = 0;
    char *buf = xmalloc(cap + 1);
    ssize_t n;

    for (;;) {
        if (len == cap) {
            if (cap > max) {
                free(buf);
                return ac_err_set(err, AC_E_LIMIT,
                                  "%s: too large (over %zu bytes)", path, max);
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max) {
        free(buf);
        return ac_err_set(err, AC_E_LIMIT, "%s: too large (over %zu bytes)",
                          path, max);
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return AC_OK;
}

enum ac_status
document_load_file(const char *path, const char *url, size_t max_size,
                   struct document *doc, struct ac_err *err)
{
    enum ac_status rc;
    struct stat st;
    const char *what;
    int fd;

    memset(doc, 0, sizeof *doc);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    /* fstat the open fd: the path may have been swapped meanwhile */
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ac_err_set(err, AC_E_IO, "%s: is a folder", path);
    }
    rc = read_all(fd, path, max_size, &doc->body, &doc->body_len, err);
    close(fd);
    if (rc != AC_OK)
        return rc;
    doc->url = xstrdup(url);
    if (doc->body_len == 0)
        rc = ac_err_set(err, AC_E_NOTHTML, "%s: empty file", path);
    else if ((what = document_sniff(doc->body, doc->body_len)) != NULL)
        rc = ac_err_set(err, AC_E_NOTHTML, "%s: not HTML (%s)", path, what);
    if (rc != AC_OK)
        document_free(doc);
    return rc;
}

void
document_free(struct document *doc)
{
    if (doc == NULL)
        return;
    free(doc->url);
    free(doc->body);
    free(doc->content_type);
    memset(doc, 0, sizeof *doc);
}
