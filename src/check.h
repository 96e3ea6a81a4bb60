/* SPDX-License-Identifier: MIT */
/*
 * check: the pipeline for one document: charset to UTF-8, HTML parse,
 * detection, findings and verdict.  Pure CPU work with no global state,
 * so several documents may be checked at once on different threads.
 */
#ifndef AC_CHECK_H
#define AC_CHECK_H

#include <stdbool.h>

#include "document.h"
#include "result.h"
#include "rules.h"

/* Fills R (already result_init'ed) with the analysis of DOC.  With
 * KEEP_TEXT, R->text and R->page_text are filled too, for verification. */
void check_document(const struct rules *rules, const struct document *doc,
                    bool keep_text, struct result *r);

/* Maps a load error to the error kind results carry ("io", "too-large",
 * "not-html"). */
const char *check_error_kind(enum ac_status code);

#endif
