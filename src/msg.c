/* SPDX-License-Identifier: MIT */
/*
 * msg: user-facing diagnostics on stderr, escaped (see msg.h).
 * The verbosity level is the only process-wide state, set once by main.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

static int msg_level; /* written once by main before any work starts */
static void (*clear_fn)(void *); /* msg_set_clear */
static void *clear_arg;

void
msg_set_clear(void (*fn)(void *), void *arg)
{
    clear_fn = fn;
    clear_arg = arg;
}

void
msg_set_level(int level)
{
    msg_level = level;
}

/* Decodes one UTF-8 sequence at S; returns its length or 0 if invalid. */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
    size_t n, i;
    uint32_t c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
        c = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        c = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

static int
is_unsafe(uint32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200e || c == 0x200f || c == 0x061c;
}

void
msg_escape(struct strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c;
    size_t n;

    while (*p != '\0') {
        n = utf8_decode(p, &c);
        if (n == 0) {
            strbuf_addf(sb, "\\x%02x", *p);
            p++;
            continue;
        }
        if (c == '\t' || c == '\n' || c == '\r')
            strbuf_addc(sb, ' ');
        else if (c < 0x80 && is_unsafe(c))
            strbuf_addf(sb, "\\x%02x", (unsigned)c);
        else if (is_unsafe(c))
            strbuf_addf(sb, "\\u%04x", (unsigned)c);
        else
            strbuf_add(sb, p, n);
        p += n;
    }
}

/* FMT is the caller's printf format: the attribute lets -Wformat=2 check
 * each call of msg_error/msg_warn/msg_info instead of warning here. */
static void vmsg(const char *kind, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
vmsg(const char *kind, const char *fmt, va_list ap)
{
    struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT;

    strbuf_vaddf(&raw, fmt, ap);
    strbuf_adds(&out, "attrcheck: ");
    strbuf_adds(&out, kind);
    msg_escape(&out, strbuf_str(&raw));
    strbuf_addc(&out, '\n');
    if (clear_fn != NULL)
        clear_fn(clear_arg);
    fputs(strbuf_str(&out), stderr);
    strbuf_release(&raw);
    strbuf_release(&out);
}

void
msg_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmsg("", fmt, ap);
    va_end(ap);
}

void
msg_warn(const char *fmt, ...)
{
    va_list ap;

    if (msg_level < 0)
        return;
    va_start(ap, fmt);
    vmsg("warning: ", fmt, ap);
    va_end(ap);
}

void
msg_info(const char *fmt, ...)
{
    va_list ap;

    if (msg_level < 1)
        return;
    va_start(ap, fmt);
    vmsg("", fmt, ap);
    va_end(ap);
}
