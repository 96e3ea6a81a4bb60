/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for strbuf: the empty buffer, appends of every kind, growth
 * far past the first allocation, embedded NULs, printf-style appends
 * (also empty and long ones), truncation, detach and release.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strbuf.h"

static void
test_empty(void)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;

    ok(sb.buf == NULL && sb.len == 0, "STRBUF_INIT is empty");
    is_str(strbuf_str(&sb), "", "strbuf_str of an empty buffer is \"\"");
    strbuf_truncate(&sb, 0);
    ok(sb.buf == NULL && sb.len == 0, "truncate of an empty buffer is a no-op");
    strbuf_addf(&sb, "%s", "");
    ok(sb.len == 0, "addf of an empty result adds nothing");
    is_str(strbuf_str(&sb), "", "still \"\" after an empty addf");
    s = strbuf_detach(&sb);
    ok(s != NULL && s[0] == '\0', "detach of an empty buffer gives \"\"");
    ok(sb.buf == NULL && sb.len == 0 && sb.cap == 0, "detach empties SB");
    free(s);
    strbuf_release(&sb);
    ok(sb.buf == NULL, "release of an empty buffer is harmless");
}

static void
test_appends(void)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_adds(&sb, "abc");
    strbuf_addc(&sb, '-');
    strbuf_add(&sb, "xyz123", 3);
    strbuf_add(&sb, "ignored", 0);
    is_str(strbuf_str(&sb), "abc-xyz", "adds, addc, add join in order");
    ok(sb.len == 7 && strlen(sb.buf) == 7, "len counts the bytes");
    ok(sb.cap > sb.len, "cap leaves room for the NUL");
    strbuf_addf(&sb, "[%d|%5s|%-3s|%x]", 42, "r", "l", 255U);
    is_str(strbuf_str(&sb), "abc-xyz[42|    r|l  |ff]",
           "addf formats and appends");
    ok(sb.len == strlen(sb.buf), "len matches after addf");
    strbuf_release(&sb);
    ok(sb.buf == NULL && sb.len == 0 && sb.cap == 0, "release empties SB");
    strbuf_adds(&sb, "again");
    is_str(strbuf_str(&sb), "again", "a released buffer can be reused");
    strbuf_release(&sb);
}

static void
test_growth(void)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;
    int good = 1;
    char *big;

    for (i = 0; i < 100000; i++)
        strbuf_addc(&sb, (char)('a' + i % 26));
    ok(sb.len == 100000, "100000 addc calls give 100000 bytes");
    ok(sb.buf[sb.len] == '\0', "the buffer stays NUL-terminated");
    for (i = 0; i < sb.len && good; i++)
        good = sb.buf[i] == (char)('a' + i % 26);
    ok(good, "every byte is where it was put");
    ok(sb.cap >= sb.len + 1 && sb.cap < 4 * (sb.len + 1),
       "capacity grows geometrically, not wildly (%zu for %zu)", sb.cap,
       sb.len);
    strbuf_release(&sb);

    big = malloc(70001);
    memset(big, 'q', 70000);
    big[70000] = '\0';
    strbuf_adds(&sb, "<");
    strbuf_addf(&sb, "%s>", big);
    ok(sb.len == 70002 && sb.buf[0] == '<' && sb.buf[70001] == '>' &&
           sb.buf[70002] == '\0',
       "one addf much larger than the first allocation");
    strbuf_grow(&sb, 1000000);
    ok(sb.cap >= 70002 + 1000000 + 1, "grow reserves what was asked");
    ok(sb.len == 70002 && sb.buf[0] == '<', "grow keeps the contents");
    free(big);
    strbuf_release(&sb);
}

static void
test_nul_and_truncate(void)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;

    strbuf_add(&sb, "a\0b", 3);
    ok(sb.len == 3 && memcmp(sb.buf, "a\0b", 4) == 0,
       "embedded NUL kept, terminator added");
    strbuf_release(&sb);

    strbuf_adds(&sb, "hello world");
    strbuf_truncate(&sb, 5);
    is_str(strbuf_str(&sb), "hello", "truncate cuts the string");
    ok(sb.len == 5, "truncate sets len");
    strbuf_truncate(&sb, 50);
    is_str(strbuf_str(&sb), "hello", "truncate past the end changes nothing");
    strbuf_truncate(&sb, 0);
    is_str(strbuf_str(&sb), "", "truncate to 0 empties it");
    strbuf_adds(&sb, "xy");
    is_str(strbuf_str(&sb), "xy", "appending after truncate starts at 0");

    s = strbuf_detach(&sb);
    is_str(s, "xy", "detach hands over the string");
    ok(sb.buf == NULL && sb.len == 0 && sb.cap == 0, "detach resets SB");
    strbuf_adds(&sb, "new");
    is_str(strbuf_str(&sb), "new", "a detached buffer can be reused");
    ok(s[0] == 'x', "the detached string is not touched by reuse");
    free(s);
    strbuf_release(&sb);
}

int
main(void)
{
    test_empty();
    test_appends();
    test_growth();
    test_nul_and_truncate();
    return tap_done();
}
