/* SPDX-License-Identifier: MIT */
/*
 * strbuf: a growable, always NUL-terminated byte string.  A zeroed
 * struct (STRBUF_INIT) is a valid empty buffer; strbuf_release() frees it
 * and leaves it empty again.
 */
#ifndef AC_STRBUF_H
#define AC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf; /* NULL until the first append */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT                                                            \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Cuts the buffer to LEN bytes (LEN <= sb->len). */
void strbuf_truncate(struct strbuf *sb, size_t len);
/* Returns the contents ("" when empty), valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);
/* Hands the string to the caller (who frees it) and empties SB. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

#endif
