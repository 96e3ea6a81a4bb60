/* SPDX-License-Identifier: MIT */
/*
 * remap: user-supplied URL rewriting (--remap 'REGEX REPLACEMENT').  The
 * first remap whose regex matches a URL rewrites the matched part (like
 * sed's s///, so anchor with ^...$ to replace it all); $1..$9, ${name}
 * and $$ work in the replacement.  Only the user writes remaps, so they
 * may point anywhere, file:// included; fetch.c decides what is fetched.
 * A struct remap_list belongs to the caller: free it with remap_list_free.
 */
#ifndef AC_REMAP_H
#define AC_REMAP_H

#include <stddef.h>

#include "err.h"

struct remap_list;

/* Returns a new empty list. */
struct remap_list *remap_list_new(void);

/*
 * Compiles SPEC, "REGEX REPLACEMENT" split at the first run of blanks (so
 * write a space inside REGEX as \x20 or \s), and appends it to LIST.
 * Returns AC_OK, or AC_E_USAGE with a message when SPEC has no
 * replacement or the regex does not compile.  PCRE2 checks the replacement
 * only when it is used, so remap_apply reports a bad one.
 */
enum ac_status remap_list_add(struct remap_list *list, const char *spec,
                              struct ac_err *err);

/* Returns the number of remaps in LIST (0 for NULL). */
size_t remap_list_len(const struct remap_list *list);

/*
 * Applies the first matching remap of LIST (which may be NULL) to URL.
 * Returns AC_OK and sets *OUT to the rewritten URL (caller frees), or to
 * NULL when no remap matched.  Returns AC_E_DATA when the substitution
 * fails (say, ${name} of an unknown group); *OUT is then NULL.
 */
enum ac_status remap_apply(const struct remap_list *list, const char *url,
                           char **out, struct ac_err *err);

void remap_list_free(struct remap_list *list);

#endif
