/* SPDX-License-Identifier: MIT */
/*
 * textnorm: the one text normalisation every rule runs on.  Input is
 * UTF-8 (entities already decoded); output is UTF-8 with every run of
 * white space (including no-break, thin and ideographic spaces) one
 * ASCII space, all dashes and minus signs '-', curly quotes and
 * guillemets ASCII quotes, and soft hyphens and zero-width characters
 * removed.  Case is kept (rules are caseless).
 */
#ifndef AC_TEXTNORM_H
#define AC_TEXTNORM_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/*
 * Appends the normalisation of S[0..LEN) to SB.  *SPACE_PENDING carries a
 * pending separator across calls, so text split over several nodes joins
 * with exactly one space; leading space is never emitted into an empty
 * SB.  Invalid UTF-8 bytes become U+FFFD.
 */
void textnorm_append(struct strbuf *sb, const char *s, size_t len,
                     bool *space_pending);

/* Returns a new normalised, trimmed copy of S.  Caller frees. */
char *textnorm_dup(const char *s);

/*
 * Returns the number of characters (code points) in the LEN bytes of
 * UTF-8 at S: the length of a text as a reader sees it, so a limit on it
 * means the same in Thai, Japanese or Arabic as in English (a Latin
 * letter is one byte, most of those are three or two).
 */
size_t textnorm_chars(const char *s, size_t len);

#endif
