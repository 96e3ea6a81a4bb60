/* SPDX-License-Identifier: MIT */
/*
 * datafile: reading the small text data files attrcheck ships (rules,
 * notice templates and titles): a whole file at once, and a line split
 * into its tab-separated fields.  It does not parse any format itself.
 */
#ifndef AC_DATAFILE_H
#define AC_DATAFILE_H

#include <stddef.h>

#include "err.h"

/* Reads all of PATH into *OUT (NUL-terminated; the caller frees) and its
 * length into *LEN.  Returns AC_OK, or AC_E_IO naming PATH (*OUT NULL). */
enum ac_status datafile_read(const char *path, char **out, size_t *len,
                             struct ac_err *err);

/* Maps all of PATH read-only into *OUT, LEN bytes, not NUL-terminated
 * (an empty file gives "" and 0): no copy into the heap, and the kernel
 * pages a file mapping in 64 KB at a time where a read buffer takes a
 * fault every 4 KB.  Returns AC_OK, or AC_E_IO naming PATH (*OUT NULL).
 * datafile_unmap() releases it. */
enum ac_status datafile_map(const char *path, const char **out, size_t *len,
                            struct ac_err *err);
void datafile_unmap(const char *text, size_t len);

/* Splits LINE in place at tabs into F[0..MAX); returns the number of
 * fields the line has (more than MAX when it has more: the others are
 * not stored). */
size_t datafile_split_tabs(char *line, char **f, size_t max);

#endif
