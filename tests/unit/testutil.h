/* SPDX-License-Identifier: MIT */
/*
 * testutil: what many unit tests need, written once (curl's
 * tests/libtest/first.c): a scratch folder under $TMPDIR that is removed
 * when the test exits, files written into it and read back, a tree
 * removed without a shell, gzip members made in memory, and findings
 * added to a result under construction.
 * Test code only: a setup failure prints "Bail out!" and exits, as TAP asks.
 */
#ifndef AC_TESTUTIL_H
#define AC_TESTUTIL_H

#include <stddef.h>

struct result;
struct strbuf;

/* Creates $TMPDIR/NAME.XXXXXX (/tmp without TMPDIR), removed with all it
 * holds when the process exits.  Returns its path (static storage). */
const char *tu_tmpdir(const char *name);

/* Writes LEN bytes of BYTES to DIR/REL (the folders must exist); returns
 * the path, which the caller frees.  Bails out when it cannot. */
char *tu_write_file(const char *dir, const char *rel, const char *bytes,
                    size_t len);

/* The whole content of PATH, NUL-terminated (the caller frees), its
 * length in *LEN (LEN may be NULL); NULL when PATH cannot be read. */
char *tu_read_file(const char *path, size_t *len);

/* Removes PATH and everything below it, following no symbolic link;
 * returns 0, or -1 when something could not be removed. */
int tu_remove_tree(const char *path);

/* Appends IN[0..LEN) compressed by zlib to OUT: WINDOW_BITS 31 makes one
 * gzip member, 15 a zlib stream, -15 raw deflate.  Bails out on failure. */
void tu_deflate(struct strbuf *out, const void *in, size_t len,
                int window_bits);

/* Adds finding CODE (a real code: findings_lookup) at line 1 to R. */
void tu_add_finding(struct result *r, const char *code);

#endif
