/* SPDX-License-Identifier: MIT */
/*
 * result: everything known about one target once it is judged, the one
 * object every report format writes.  A result owns all its strings.
 */
#ifndef AC_RESULT_H
#define AC_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "ccurl.h"
#include "detect.h"
#include "findings.h"
#include "sidetext.h"
#include "textsim.h"

/* What the check of one source found, as reports show it; a chain is a
 * list through NEXT.  Owned by the result that carries it. */
struct source_check {
    char *url;         /* the URL that was checked (final, after redirects) */
    long http_status;  /* 0 when none */
    double similarity; /* share of the copy's text found there; -1 unknown */
    bool has_license;
    struct cc_license lic;
    char *license_url; /* deed link the original gives, or NULL */
    char *creator;     /* the original's creator, or NULL */
    char *title;       /* the original's title, or NULL */
    char *error_kind;  /* set when it could not be checked */
    char *error_message;
    struct source_check *next; /* the source the original credits */
    struct sidetext side;      /* the original's main text, kept only when
                                  the copy keeps its own (CHECK_TEXT_SIDE) */
};

/* Frees C and the chain behind it.  NULL is a no-op. */
void source_check_free(struct source_check *c);

struct result_redirect {
    char *url;
    long status;
};

struct result {
    char *target; /* as given */
    char *url;    /* the page's URL (final URL when fetched) */
    enum verdict verdict;
    bool analysed; /* analysis is filled */
    struct analysis analysis;
    struct finding_list findings;
    char *error_kind;    /* with VERDICT_ERROR: "io", "not-html", ... */
    char *error_message; /* with VERDICT_ERROR */
    /* set when the page was fetched over HTTP */
    bool fetched;
    long http_status;
    struct result_redirect *redirects;
    size_t redirects_len;
    long elapsed_ms;
    size_t bytes;
    char *content_type;
    int depth;       /* a crawled page: links from the start; else -1 */
    char *found_on;  /* a crawled page: the page linking it; NULL at 0 */
    char *record_id; /* --warc-out: the response record judged; or NULL */
    struct source_check *check; /* what verifying the source found */
    char *suggestion_html;      /* a corrected notice, or NULL */
    char *suggestion_text;
    char *suggestion_lang;
    /* kept only while the source is being verified */
    struct textsim text;        /* shingles of the main text, notice left out */
    struct textsim *block_text; /* the same, block by block */
    size_t block_text_len;
    char *page_text; /* every block's text, for finding names */
    /* kept only for the HTML report (CHECK_TEXT_SIDE) */
    struct sidetext side; /* the main text, block by block */
    char *notice_text;    /* the block of the applicable licence, or NULL */
    size_t notice_start, notice_end; /* its licence words in NOTICE_TEXT */
};

/* Starts R for TARGET at URL (either may be NULL). */
void result_init(struct result *r, const char *target, const char *url);

/* Marks R as not checkable: verdict error with KIND and MESSAGE. */
void result_set_error(struct result *r, const char *kind, const char *message);

void result_free(struct result *r);

#endif
