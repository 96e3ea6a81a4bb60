/* SPDX-License-Identifier: MIT */
/*
 * sidetext: the readable text of a page's main content, block by block,
 * kept for the HTML report's side-by-side view of a copy and its
 * original.  Only that report asks for it (check.h's CHECK_TEXT_SIDE),
 * and it is capped per page, so a run that does not need it pays
 * nothing and one that does pays a bounded amount per page held.
 */
#ifndef AC_SIDETEXT_H
#define AC_SIDETEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"

/* Bytes of text kept per page at most; the rest is cut (TRUNCATED). */
#define SIDETEXT_MAX_BYTES (128 * 1024)

struct sidetext_block {
    char *text;    /* normalised UTF-8 from the page, never NULL */
    unsigned line; /* source line */
};

struct sidetext {
    struct sidetext_block *v;
    size_t len;
    size_t bytes;   /* text kept */
    bool truncated; /* the page had more than SIDETEXT_MAX_BYTES */
};

/* Fills *OUT with PAGE's main-text blocks as textsim_from_page() chooses
 * them (SKIP as there: may be NULL).  Free with sidetext_free(). */
void sidetext_from_page(const struct html_page *page, const bool *skip,
                        struct sidetext *out);

/* Makes *DST a deep copy of SRC. */
void sidetext_copy(struct sidetext *dst, const struct sidetext *src);

/* Releases T's blocks and zeroes it; NULL is a no-op. */
void sidetext_free(struct sidetext *t);

#endif
