/* SPDX-License-Identifier: MIT */
/*
 * check: the pipeline for one document: charset to UTF-8, HTML parse,
 * detection, findings and verdict.  Pure CPU work with no global state,
 * so several documents may be checked at once on different threads.
 */
#ifndef AC_CHECK_H
#define AC_CHECK_H

#include "document.h"
#include "result.h"
#include "rules.h"

/* What of the page's text to keep for verification: one of the first
 * three, with CHECK_TEXT_SIDE added for the HTML report. */
enum check_text {
    CHECK_TEXT_NONE = 0,     /* nothing: no verification */
    CHECK_TEXT_COPY = 1,     /* for a page that credits a source: shingles
                                of the main text and of each block, and all
                                text */
    CHECK_TEXT_ORIGINAL = 2, /* for a source page: shingles of the main
                                text */
    CHECK_TEXT_SIDE = 4,     /* also the readable main text (R->side) */
    CHECK_TEXT_NOTICE = 8    /* also the block of the applicable licence
                                (R->notice_text) */
};

/* Fills R (already result_init'ed) with the analysis of DOC, and with the
 * text KEEP (enum check_text values or'ed) asks for (R->text,
 * R->block_text, R->page_text, R->side, R->notice_text). */
void check_document(const struct rules *rules, const struct document *doc,
                    unsigned keep, struct result *r);

/* Called with the href of each <a> and <area> of a page, in order. */
typedef void (*check_link_fn)(const char *href, void *arg);

/* check_document, also calling ON_LINK(href, ARG) for the page's links
 * (for a crawl); ON_LINK may be NULL. */
void check_document_links(const struct rules *rules, const struct document *doc,
                          unsigned keep, struct result *r,
                          check_link_fn on_link, void *arg);

/* Maps a load error to the error kind results carry ("io", "too-large",
 * "not-html"). */
const char *check_error_kind(enum ac_status code);

#endif
