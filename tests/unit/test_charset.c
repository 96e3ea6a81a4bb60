/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for charset: encoding choice (header, BOM, meta prescan,
 * UTF-8 sniffing, windows-1252 fallback), conversion with U+FFFD for bad
 * input, Content-Type parsing, and a large input for linear time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "charset.h"
#include "xalloc.h"

static const struct {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *header;
    const char *want;
    const char *used;
} cases[] = {
    {"empty", "", 0, NULL, "", "utf-8"},
    {"empty with a header", "", 0, "latin1", "", "windows-1252"},
    {"empty with euc-jp", "", 0, "euc-jp", "", "euc-jp"},
    {"ascii", "hello", 0, NULL, "hello", "utf-8"},
    {"utf-8 sniffed", "caf\xC3\xA9", 0, NULL, "caf\xC3\xA9", "utf-8"},
    {"latin-1 bytes fall back to windows-1252", "caf\xE9", 0, NULL,
     "caf\xC3\xA9", "windows-1252"},
    {"smart quotes 0x93/0x94", "\x93hi\x94", 0, NULL,
     "\xE2\x80\x9Chi\xE2\x80\x9D", "windows-1252"},
    {"iso-8859-1 label is windows-1252", "\x93x\x94", 0, "ISO-8859-1",
     "\xE2\x80\x9Cx\xE2\x80\x9D", "windows-1252"},
    {"us-ascii label is windows-1252", "\x80", 0, "us-ascii", "\xE2\x82\xAC",
     "windows-1252"},
    {"undefined cp1252 byte 0x81", "a\x81z", 0, "windows-1252", "a\xC2\x81z",
     "windows-1252"},
    {"utf-8 BOM stripped", "\xEF\xBB\xBFok", 0, NULL, "ok", "utf-8"},
    {"utf-16le BOM", "\xFF\xFEh\0i\0", 6, NULL, "hi", "utf-16le"},
    {"utf-16be BOM", "\xFE\xFF\0h\0\xE9", 6, NULL, "h\xC3\xA9", "utf-16be"},
    {"utf-16le odd trailing byte", "\xFF\xFEh\0i", 5, NULL, "h\xEF\xBF\xBD",
     "utf-16le"},
    {"utf-16le lone surrogate", "\xFF\xFE\x00\xD8x\0", 6, NULL, "\xEF\xBF\xBDx",
     "utf-16le"},
    {"meta charset", "<meta charset=\"windows-1252\">\x93", 0, NULL,
     "<meta charset=\"windows-1252\">\xE2\x80\x9C", "windows-1252"},
    {"meta charset unquoted upper case", "<META CHARSET=ISO-8859-1>\xE9", 0,
     NULL, "<META CHARSET=ISO-8859-1>\xC3\xA9", "windows-1252"},
    {"meta http-equiv",
     "<meta http-equiv='Content-Type' "
     "content='text/html; charset=latin1'>\xE9",
     0, NULL,
     "<meta http-equiv='Content-Type' content='text/html; "
     "charset=latin1'>\xC3\xA9",
     "windows-1252"},
    {"meta http-equiv, content first",
     "<meta content=\"text/html;charset=iso-8859-2\" "
     "http-equiv=\"content-type\">\xB1",
     0, NULL,
     "<meta content=\"text/html;charset=iso-8859-2\" "
     "http-equiv=\"content-type\">\xC4\x85",
     "iso-8859-2"},
    {"meta content without http-equiv is ignored",
     "<meta content=\"text/html; charset=iso-8859-2\">\xC3\xA9", 0, NULL,
     "<meta content=\"text/html; charset=iso-8859-2\">\xC3\xA9", "utf-8"},
    {"meta inside a comment is ignored",
     "<!-- <meta charset=latin1> -->\xC3\xA9", 0, NULL,
     "<!-- <meta charset=latin1> -->\xC3\xA9", "utf-8"},
    {"meta in an attribute value is ignored",
     "<div title='<meta charset=latin1>'>\xC3\xA9", 0, NULL,
     "<div title='<meta charset=latin1>'>\xC3\xA9", "utf-8"},
    {"meta gb2312 on a page saved as utf-8",
     "<meta charset=gb2312>\xE6\x96\xB0", 0, NULL,
     "<meta charset=gb2312>\xE6\x96\xB0", "utf-8"},
    {"meta gb2312 on gbk bytes", "<meta charset=gb2312>\xD0\xC2", 0, NULL,
     "<meta charset=gb2312>\xE6\x96\xB0", "gbk"},
    {"meta utf-16 means utf-8", "<meta charset=utf-16>\xC3\xA9", 0, NULL,
     "<meta charset=utf-16>\xC3\xA9", "utf-8"},
    {"header wins over meta", "<meta charset=utf-8>\xE9", 0, "windows-1252",
     "<meta charset=utf-8>\xC3\xA9", "windows-1252"},
    {"header utf8 alias", "x\xE9y", 0, "UTF8", "x\xEF\xBF\xBDy", "utf-8"},
    {"unknown header label falls back to meta", "<meta charset=latin1>\xE9", 0,
     "x-klingon", "<meta charset=latin1>\xC3\xA9", "windows-1252"},
    {"unknown meta label falls back to sniffing",
     "<meta charset=bogus>\xC3\xA9", 0, NULL, "<meta charset=bogus>\xC3\xA9",
     "utf-8"},
    {"invalid utf-8 with header", "a\xFF\xC3z\xE2\x82", 0, "utf-8",
     "a\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD", "utf-8"},
    {"overlong and surrogate", "\xC0\xAF\xED\xA0\x80", 0, "utf-8",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "utf-8"},
    {"embedded NUL", "a\0b", 3, NULL,
     "a\xEF\xBF\xBD"
     "b",
     "utf-8"},
    {"shift_jis (x-sjis)", "\x83\x4E", 0, "x-sjis", "\xE3\x82\xAF",
     "shift_jis"},
    {"shift_jis truncated", "\x83\x4E\x83", 0, "shift_jis",
     "\xE3\x82\xAF\xEF\xBF\xBD", "shift_jis"},
    {"euc-jp meta", "<meta charset=euc-jp>\xA5\xAF", 0, NULL,
     "<meta charset=euc-jp>\xE3\x82\xAF", "euc-jp"},
    {"euc-jp invalid byte", "\xA5\xAF\xFF\xA5\xAF", 0, "euc-jp",
     "\xE3\x82\xAF\xEF\xBF\xBD\xE3\x82\xAF", "euc-jp"},
    /* a BOM wins over the header, as in browsers */
    {"BOM beats the header", "\xEF\xBB\xBFx", 0, "latin1", "x", "utf-8"},
};

static void
test_cases(void)
{
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ac_err err;
        char used[32] = "", *out = NULL;
        size_t out_len = 0;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        enum ac_status rc =
            charset_to_utf8(cases[i].in, len, cases[i].header, &out, &out_len,
                            used, sizeof(used), &err);

        ok(rc == AC_OK, "%s: status", cases[i].name);
        is_str(out, cases[i].want, cases[i].name);
        ok(out != NULL && out_len == strlen(out), "%s: length", cases[i].name);
        is_str(used, cases[i].used, cases[i].name);
        free(out);
    }
}

static const struct {
    const char *ct;
    const char *want; /* NULL: none */
} ct_cases[] = {
    {"text/html; charset=UTF-8", "UTF-8"},
    {"text/html;charset=\"iso-8859-1\"", "iso-8859-1"},
    {"text/html; foo=bar; Charset = utf-8 ; x=y", "utf-8"},
    {"text/html", NULL},
    {"text/html; charset=", NULL},
    {"text/html; mycharset=utf-8", NULL},
    {"", NULL},
    {"text/html; charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     NULL},
};

static void
test_content_type(void)
{
    size_t i;

    for (i = 0; i < sizeof(ct_cases) / sizeof(ct_cases[0]); i++) {
        char buf[32] = "";
        bool got = charset_from_content_type(ct_cases[i].ct, buf, sizeof(buf));

        is_str(got ? buf : NULL, ct_cases[i].want, ct_cases[i].ct);
    }
    ok(!charset_from_content_type(NULL, (char[8]){0}, 8), "NULL type");
}

/* 50 MB of mixed input: must finish quickly (linear) and stay valid. */
static void
test_large(void)
{
    size_t n = 50u << 20, i, out_len = 0;
    char *in = xmalloc(n), *out = NULL, used[32];
    struct ac_err err;

    for (i = 0; i < n; i++)
        in[i] = (char)(i % 97 == 0 ? 0xE9 : 'a' + i % 26);
    ok(charset_to_utf8(in, n, NULL, &out, &out_len, used, sizeof(used), &err) ==
           AC_OK,
       "50 MB windows-1252");
    ok(out_len > n && strcmp(used, "windows-1252") == 0, "50 MB decoded");
    free(out);
    for (i = 0; i < n; i += 4096)
        in[i] = '\xFF';
    out = NULL;
    ok(charset_to_utf8(in, n, "euc-jp", &out, &out_len, used, sizeof(used),
                       &err) == AC_OK &&
           out_len > 0,
       "50 MB through iconv with bad bytes");
    free(out);
    free(in);
}

int
main(void)
{
    test_cases();
    test_content_type();
    test_large();
    return tap_done();
}
