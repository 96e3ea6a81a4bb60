/* SPDX-License-Identifier: MIT */
/*
 * resume: the targets an earlier run already judged, read from its JSON
 * Lines report (-f jsonl), so that a resumed run skips them.  Only a
 * 64-bit hash of each target is kept, in a sorted array: 8 bytes a done
 * target once loaded (a million = 8 MB).  Targets whose verdict was
 * "error" are not done, so a resumed run tries them again.  It does not
 * decide what to skip: the target stream asks it.
 */
#ifndef AC_RESUME_H
#define AC_RESUME_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct resume;

/* An empty set.  Free with resume_free(). */
struct resume *resume_new(void);

/* Adds TARGET to the done set. */
void resume_add(struct resume *rs, const char *target);

/*
 * Reads the JSON Lines report PATH into RS: each line is one object whose
 * "target" string is added unless its "verdict" is "error".  Blank lines
 * are skipped.  A damaged last line (what an interrupted run leaves) is
 * ignored: AC_OK is returned and WARN is set (code AC_E_DATA, message
 * naming PATH:LINE); WARN is cleared otherwise.  A line over 16 MiB (no
 * result attrcheck writes) is read past, never held whole, and skipped
 * with WARN set the same way.  Errors: AC_E_IO (PATH
 * cannot be read), AC_E_DATA (any other line that is not such an object,
 * the message naming PATH:LINE).  What was read before an error stays in
 * RS.
 */
enum ac_status resume_load(struct resume *rs, const char *path,
                           struct ac_err *warn, struct ac_err *err);

/*
 * resume_load, and for resuming in place: sets *KEEP to the bytes of PATH
 * to keep before appending, the offset of a damaged last line (what a
 * killed run leaves), else the file's length.
 */
enum ac_status resume_load_keep(struct resume *rs, const char *path,
                                long long *keep, struct ac_err *warn,
                                struct ac_err *err);

/*
 * Makes PATH ready to be appended to: cuts it to KEEP bytes (dropping a
 * damaged last line), then ends it with a newline if its last line has
 * none.  Errors: AC_E_IO, the message naming PATH.
 */
enum ac_status resume_trim(const char *path, long long keep,
                           struct ac_err *err);

/* True when TARGET is in the done set (up to a 64-bit hash collision:
 * about one in 2^64 / size for each target asked about). */
bool resume_has(struct resume *rs, const char *target);

/* How many distinct targets are done. */
size_t resume_count(struct resume *rs);

void resume_free(struct resume *rs);

#endif
