/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for msg: msg_escape against C0 and C1 controls, DEL,
 * terminal escape sequences, bidirectional controls, invalid, truncated
 * and overlong UTF-8 and surrogates, with valid text kept as is; and the
 * prefix, escaping and verbosity levels of msg_error/warn/info on stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "msg.h"
#include "strbuf.h"

static const struct {
    const char *name;
    const char *in;
    const char *want;
} escape_cases[] = {
    {"plain ASCII kept", "CC BY 4.0 (https://x.example/a?b=c)",
     "CC BY 4.0 (https://x.example/a?b=c)"},
    {"empty string", "", ""},
    {"tab, newline and CR become spaces", "a\tb\nc\rd", "a b c d"},
    {"ESC of a colour sequence", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
    {"cursor movement and title set", "\x1b[2J\x1b]0;pwn\x07",
     "\\x1b[2J\\x1b]0;pwn\\x07"},
    {"NUL-adjacent C0: SOH, BS, VT, FF", "\x01\x08\x0b\x0c",
     "\\x01\\x08\\x0b\\x0c"},
    {"unit separator 0x1f", "a\x1f", "a\\x1f"},
    {"DEL", "a\x7f", "a\\x7f"},
    {"C1 CSI as UTF-8 (U+009B)",
     "\xc2\x9b"
     "31m",
     "\\u009b31m"},
    {"C1 U+0080 and U+009F", "\xc2\x80\xc2\x9f", "\\u0080\\u009f"},
    {"raw C1 byte is invalid UTF-8",
     "\x9b"
     "1m",
     "\\x9b1m"},
    {"U+202E right-to-left override",
     "abc\xe2\x80\xae"
     "fdp.exe",
     "abc\\u202efdp.exe"},
    {"U+202A..U+202D embeddings", "\xe2\x80\xaa\xe2\x80\xad", "\\u202a\\u202d"},
    {"U+2066..U+2069 isolates", "\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069"},
    {"U+200E/U+200F marks and U+061C", "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c",
     "\\u200e\\u200f\\u061c"},
    {"invalid byte 0xff",
     "a\xff"
     "b",
     "a\\xffb"},
    {"lone continuation byte", "\x80", "\\x80"},
    {"truncated 3-byte sequence at the end", "x\xe2\x82", "x\\xe2\\x82"},
    {"truncated sequence before ASCII",
     "\xe2\x82"
     "A",
     "\\xe2\\x82A"},
    {"overlong 2-byte '/' (C0 AF)", "\xc0\xaf", "\\xc0\\xaf"},
    {"overlong 2-byte NUL (C1 80)", "\xc1\x80", "\\xc1\\x80"},
    {"overlong 3-byte '/' (E0 80 AF)", "\xe0\x80\xaf", "\\xe0\\x80\\xaf"},
    {"overlong 3-byte ESC (E0 80 9B)", "\xe0\x80\x9b", "\\xe0\\x80\\x9b"},
    {"overlong 4-byte (F0 80 80 AF)", "\xf0\x80\x80\xaf",
     "\\xf0\\x80\\x80\\xaf"},
    {"UTF-16 surrogate U+D800", "\xed\xa0\x80", "\\xed\\xa0\\x80"},
    {"UTF-16 surrogate U+DFFF", "\xed\xbf\xbf", "\\xed\\xbf\\xbf"},
    {"beyond U+10FFFF (F4 90 80 80)", "\xf4\x90\x80\x80",
     "\\xf4\\x90\\x80\\x80"},
    {"lead byte F5", "\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80"},
    {"valid 2-byte kept", "Naamsvermelding \xc3\xa9\xc3\xb1",
     "Naamsvermelding \xc3\xa9\xc3\xb1"},
    {"valid 3-byte kept (CJK, euro)", "\xe7\x89\x88\xe2\x82\xac",
     "\xe7\x89\x88\xe2\x82\xac"},
    {"valid 4-byte kept (emoji, U+10FFFF)", "\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf",
     "\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"},
    {"U+2028 is not a control here",
     "a\xe2\x80\xa8"
     "b",
     "a\xe2\x80\xa8"
     "b"},
    {"smallest valid 3-byte U+0800", "\xe0\xa0\x80", "\xe0\xa0\x80"},
    {"U+00A0 (just past C1) kept", "\xc2\xa0", "\xc2\xa0"},
};

static void
test_escape(void)
{
    size_t i;

    for (i = 0; i < sizeof escape_cases / sizeof escape_cases[0]; i++) {
        struct strbuf sb = STRBUF_INIT;

        msg_escape(&sb, escape_cases[i].in);
        is_str(strbuf_str(&sb), escape_cases[i].want, escape_cases[i].name);
        strbuf_release(&sb);
    }
}

/* The escape appends: what SB held before stays. */
static void
test_escape_appends(void)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;
    int clean = 1;

    strbuf_adds(&sb, "pre:");
    msg_escape(&sb, "\x1b");
    is_str(strbuf_str(&sb), "pre:\\x1b", "msg_escape appends to SB");
    strbuf_release(&sb);

    /* every byte value after 'A': no raw control byte comes out */
    for (i = 1; i < 256; i++) {
        char in[3] = {'A', (char)i, '\0'};
        const unsigned char *p;

        msg_escape(&sb, in);
        for (p = (const unsigned char *)strbuf_str(&sb); *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                clean = 0;
        strbuf_release(&sb);
    }
    ok(clean, "no single byte gets through as a raw control byte");
}

/* Runs FN with stderr sent to a temporary file; returns what it wrote. */
static char *
capture_stderr(void (*fn)(void))
{
    char path[] = "/tmp/test_msg.XXXXXX";
    int fd = mkstemp(path), saved;
    char *buf = calloc(1, 4096);
    FILE *fp;
    size_t n;

    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fp = fdopen(fd, "r");
    rewind(fp);
    n = fread(buf, 1, 4095, fp);
    buf[n] = '\0';
    fclose(fp);
    unlink(path);
    return buf;
}

static void
say_all(void)
{
    msg_error("%s: HTTP %d", "https://x.example/\x1b[2Ja", 404);
    msg_warn("w%d", 1);
    msg_info("i%d", 2);
}

static void
test_messages(void)
{
    char *got;

    msg_set_level(0);
    got = capture_stderr(say_all);
    is_str(got,
           "attrcheck: https://x.example/\\x1b[2Ja: HTTP 404\n"
           "attrcheck: warning: w1\n",
           "normal level: error and warning, escaped, no info");
    free(got);

    msg_set_level(1);
    got = capture_stderr(say_all);
    ok(strstr(got, "attrcheck: i2\n") != NULL, "verbose level prints info");
    free(got);

    msg_set_level(-1);
    got = capture_stderr(say_all);
    is_str(got, "attrcheck: https://x.example/\\x1b[2Ja: HTTP 404\n",
           "quiet level: errors only");
    free(got);
    msg_set_level(0);
}

int
main(void)
{
    test_escape();
    test_escape_appends();
    test_messages();
    return tap_done();
}
