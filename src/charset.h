/* SPDX-License-Identifier: MIT */
/*
 * charset: finds a document's character encoding and converts it to
 * UTF-8 (iconv).  Order: a byte order mark, the HTTP Content-Type
 * charset, a <meta charset> or http-equiv in the first 4 KiB, then valid
 * UTF-8 if the bytes are, else windows-1252.  It never looks at markup
 * beyond that prescan.
 */
#ifndef AC_CHARSET_H
#define AC_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/*
 * Converts BYTES[0..LEN) to UTF-8.  HEADER_CHARSET is the charset from a
 * Content-Type header or NULL.  On success *OUT is a new NUL-terminated
 * buffer (caller frees) of *OUT_LEN bytes with the BOM removed and
 * invalid sequences replaced by U+FFFD, and USED (USED_N bytes) names the
 * encoding chosen ("utf-8", "windows-1252").  An unknown label falls back
 * to the next source in the order above.
 */
enum ac_status charset_to_utf8(const char *bytes, size_t len,
                               const char *header_charset, char **out,
                               size_t *out_len, char *used, size_t used_n,
                               struct ac_err *err);

/* Extracts the charset parameter of a Content-Type value into BUF;
 * returns false when there is none. */
bool charset_from_content_type(const char *ct, char *buf, size_t n);

/* True when S[0..N) is well-formed UTF-8: no overlong forms, surrogates,
 * code points over U+10FFFF or truncated sequences. */
bool charset_utf8_valid(const unsigned char *s, size_t n);

#endif
