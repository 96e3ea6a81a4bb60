/* SPDX-License-Identifier: MIT */
/*
 * suggest: the corrected attribution notice for a result with warnings
 * or errors.  It gathers title, author, source link and licence - from
 * the checked original when there is one, else from what the copy says -
 * and lets notice.c write them in the page's language.  It does nothing
 * when the licence cannot be named (no version known, or none that
 * exists) or when no notice would mend what is wrong (no licence to
 * give, a broken link, a changed no-derivatives work).
 */
#ifndef AC_SUGGEST_H
#define AC_SUGGEST_H

#include <stdbool.h>

#include "notice.h"
#include "result.h"

/* True when R warns or fails in a way a notice could mend: only then
 * does suggest_notice() read the notices (run.c loads them for the
 * first such result). */
bool suggest_wanted(const struct result *r);

/* Sets R's suggestion fields when R warns or fails and a notice can be
 * written (N NULL: never). */
void suggest_notice(const struct notices *n, struct result *r);

#endif
