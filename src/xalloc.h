/* SPDX-License-Identifier: MIT */
/*
 * xalloc: allocation that cannot fail.  On exhaustion these print
 * "attrcheck: out of memory" and abort; this is the one place allowed to
 * end the process, so no other code checks malloc for NULL.
 */
#ifndef AC_XALLOC_H
#define AC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of NMEMB elements of SIZE bytes, checking for overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Frees the LEN strings of V and V itself; NULL is a no-op. */
void xfree_strv(char **v, size_t len);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
