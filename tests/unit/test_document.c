/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for document: the binary sniff table (images, archives,
 * executables, control bytes, NULs) and text that must pass (UTF-8, BOMs,
 * UTF-16 with a BOM), and loading files: bounded by the maximum size
 * (also from an endless device), empty, binary, a folder, a missing file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "document.h"
#include "testutil.h"
#include "xalloc.h"

#define B(s) s, sizeof s - 1

static const struct {
    const char *name;
    const char *bytes;
    size_t len;
    const char *want; /* NULL: text */
} sniff_cases[] = {
    {"HTML", B("<!doctype html><p>hi</p>"), NULL},
    {"UTF-8 with BOM", B("\xef\xbb\xbf<p>h\xc3\xa9</p>"), NULL},
    {"UTF-16LE with BOM (NULs)", B("\xff\xfe<\0p\0>\0h\0i\0"), NULL},
    {"UTF-16BE with BOM (NULs)", B("\xfe\xff\0<\0p\0>\0h\0i"), NULL},
    {"text with a few ESC bytes", B("<p>\x1b[1mbold\x1b[0m and more text</p>"),
     NULL},
    {"tabs, CR, LF, FF are text", B("a\tb\r\nc\fd\n"), NULL},
    {"PNG", B("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "a PNG image"},
    {"PDF", B("%PDF-1.7\n%\xe2\xe3"), "a PDF document"},
    {"GIF87a", B("GIF87a\x01\0"), "a GIF image"},
    {"GIF89a", B("GIF89a\x01\0"), "a GIF image"},
    {"JPEG", B("\xff\xd8\xff\xe0\0\x10JFIF"), "a JPEG image"},
    {"ZIP", B("PK\x03\x04\x14\0"), "a ZIP archive"},
    {"gzip", B("\x1f\x8b\x08\0"), "gzip data"},
    {"RIFF", B("RIFF\x24\0\0\0WEBPVP8 "), "a RIFF (WebP, WAV or AVI) file"},
    {"ELF",
     B("\x7f"
       "ELF\x02\x01\x01"),
     "an executable"},
    {"WARC", B("WARC/1.1\r\nWARC-Type: response\r\n"), "a WARC file"},
    {"a NUL byte", B("<p>a\0b</p>"), "binary data"},
    {"many control bytes", B("\x01\x02\x03\x04\x05<p>x</p>"), "binary data"},
    {"four bytes of PNG magic are not a PNG", B("\x89PNG"), NULL},
    {"magic later in the file does not count", B("<p>%PDF-</p>"), NULL},
};

static void
test_sniff(void)
{
    size_t i;

    for (i = 0; i < sizeof sniff_cases / sizeof sniff_cases[0]; i++)
        is_str(document_sniff(sniff_cases[i].bytes, sniff_cases[i].len),
               sniff_cases[i].want, sniff_cases[i].name);
    ok(document_sniff("", 0) == NULL, "zero bytes: nothing to object to");
    /* FF FF and FE FE are not byte order marks */
    ok(document_sniff(B("\xff\xff\0\0\0\0\0\0")) != NULL,
       "FF FF followed by NULs is binary");
    ok(document_sniff(B("\xfe\xfe\0\0\x01\x02\x03")) != NULL,
       "FE FE followed by NULs is binary");
}

/* Only the first KiB is looked at for control bytes. */
static void
test_sniff_window(void)
{
    char *buf = xmalloc(4096);

    memset(buf, 'a', 4096);
    buf[3000] = '\0';
    ok(document_sniff(buf, 4096) == NULL,
       "a NUL after the first 1024 bytes is not looked at");
    memset(buf, 'a', 4096);
    memset(buf, '\x01', 103);
    ok(document_sniff(buf, 4096) != NULL,
       "over 10%% control bytes in the first KiB: binary");
    memset(buf, 'a', 4096);
    memset(buf, '\x01', 100);
    ok(document_sniff(buf, 4096) == NULL, "under 10%% control bytes: text");
    free(buf);
}

static const char *tmpdir;

static char *
write_file(const char *name, const char *bytes, size_t len)
{
    return tu_write_file(tmpdir, name, bytes, len);
}

static void
test_load(void)
{
    struct document doc;
    struct ac_err err;
    char *path, *big;
    enum ac_status rc;

    path = write_file("ok.html", B("<p>hello</p>\n"));
    rc = document_load_file(path, "https://x.example/ok", 100, &doc, &err);
    ok(rc == AC_OK, "a small HTML file loads");
    ok(doc.body_len == 13 && strcmp(doc.body, "<p>hello</p>\n") == 0,
       "body and length");
    is_str(doc.url, "https://x.example/ok", "url is the one given");
    ok(doc.content_type == NULL, "no content type for a file");
    document_free(&doc);
    ok(doc.body == NULL && doc.url == NULL, "document_free zeroes");
    document_free(&doc);
    document_free(NULL);
    ok(doc.body == NULL && doc.url == NULL && doc.content_type == NULL &&
           doc.body_len == 0,
       "document_free twice leaves it empty");

    rc = document_load_file(path, "u", 13, &doc, &err);
    ok(rc == AC_OK && doc.body_len == 13, "exactly the maximum size loads");
    document_free(&doc);
    rc = document_load_file(path, "u", 12, &doc, &err);
    ok(rc == AC_E_LIMIT && doc.body == NULL && doc.url == NULL,
       "one byte over the maximum: AC_E_LIMIT, nothing kept");
    ok(strstr(err.msg, "ok.html") && strstr(err.msg, "too large"),
       "the limit message names the file (%s)", err.msg);
    free(path);

    big = xmalloc(200001);
    memset(big, 'x', 200000);
    path = write_file("big.html", big, 200000);
    rc = document_load_file(path, "u", 200000, &doc, &err);
    ok(rc == AC_OK && doc.body_len == 200000 && doc.body[200000] == '\0',
       "200000 bytes with a 200000 limit (several reads), NUL-terminated");
    document_free(&doc);
    rc = document_load_file(path, "u", 199999, &doc, &err);
    ok(rc == AC_E_LIMIT, "200000 bytes with a 199999 limit: AC_E_LIMIT");
    rc = document_load_file(path, "u", 65536, &doc, &err);
    ok(rc == AC_E_LIMIT, "200000 bytes with a 64 KiB limit: AC_E_LIMIT");
    free(path);
    free(big);

    rc = document_load_file("/dev/zero", "u", 1000, &doc, &err);
    ok(rc == AC_E_LIMIT, "an endless device stops at the limit");
}

static void
test_load_errors(void)
{
    struct document doc;
    struct ac_err err;
    char *path;
    enum ac_status rc;

    path = write_file("empty.html", "", 0);
    rc = document_load_file(path, "u", 100, &doc, &err);
    ok(rc == AC_E_NOTHTML && strstr(err.msg, "empty"),
       "an empty file: AC_E_NOTHTML, \"empty\" (%s)", err.msg);
    ok(doc.body == NULL && doc.url == NULL, "nothing kept for an empty file");
    free(path);

    path = write_file("img.html", B("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
    rc = document_load_file(path, "u", 100, &doc, &err);
    ok(rc == AC_E_NOTHTML && strstr(err.msg, "a PNG image"),
       "a PNG named .html: AC_E_NOTHTML naming what it is (%s)", err.msg);
    ok(doc.body == NULL, "nothing kept for a binary file");
    free(path);

    path = write_file("utf16.html", B("\xff\xfe<\0p\0>\0h\0i\0"));
    rc = document_load_file(path, "u", 100, &doc, &err);
    ok(rc == AC_OK && doc.body_len == 12,
       "a UTF-16 file with a BOM loads (12 bytes, NULs inside)");
    document_free(&doc);
    free(path);

    rc = document_load_file(tmpdir, "u", 100, &doc, &err);
    ok(rc == AC_E_IO && strstr(err.msg, "folder"),
       "a folder: AC_E_IO \"is a folder\" (%s)", err.msg);
    path = xasprintf("%s/missing.html", tmpdir);
    rc = document_load_file(path, "u", 100, &doc, &err);
    ok(rc == AC_E_IO && strstr(err.msg, "missing.html") &&
           strstr(err.msg, "No such file"),
       "a missing file: AC_E_IO with strerror (%s)", err.msg);
    ok(doc.body == NULL && doc.url == NULL, "nothing kept for a missing file");
    free(path);
}

int
main(void)
{
    test_sniff();
    test_sniff_window();
    tmpdir = tu_tmpdir("test_document");
    test_load();
    test_load_errors();
    return tap_done();
}
