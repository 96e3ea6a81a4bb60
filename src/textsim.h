/* SPDX-License-Identifier: MIT */
/*
 * textsim: how much of one text occurs in another.  A text becomes the
 * set of its 5-word shingles (words lower-cased, punctuation dropped,
 * each shingle hashed to 64 bits); containment(a, b) is the share of a's
 * shingles that b has too.  It reads the main text of a parsed page but
 * knows nothing of licences or notices: the caller says what to skip.
 */
#ifndef AC_TEXTSIM_H
#define AC_TEXTSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "html.h"

#define TEXTSIM_SHINGLE 5 /* words per shingle */

struct textsim {
    uint64_t *h; /* sorted, unique shingle hashes */
    size_t len;
    size_t words; /* words seen */
};

/*
 * Builds the shingles of PAGE's main text: the blocks inside <article> or
 * <main> when there are any, else every block outside header, nav,
 * footer, aside and forms; hidden blocks (a collapsed panel) and blocks
 * whose SKIP flag is set (SKIP may be
 * NULL, else it has PAGE->blocks_len entries) are left out.  A text
 * shorter than a shingle is one shingle of all its words.
 */
void textsim_from_page(const struct html_page *page, const bool *skip,
                       struct textsim *out);

/*
 * The same main-text blocks, one shingle set each (a change inside a
 * block tells an edit from an added block).  *BLOCKS is a new array of
 * *LEN sets; free each with textsim_free and the array with free().
 */
void textsim_blocks_from_page(const struct html_page *page, const bool *skip,
                              struct textsim **blocks, size_t *len);

/* Calls FN(BLK, ARG) for each block of PAGE's main text, as
 * textsim_from_page() chooses them, in page order. */
void textsim_each_main_block(const struct html_page *page, const bool *skip,
                             void (*fn)(const struct html_block *blk,
                                        void *arg),
                             void *arg);

/* The same for plain UTF-8 text. */
void textsim_from_text(const char *text, size_t len, struct textsim *out);

/* The share (0..1) of A's shingles found in B; -1 when A is empty. */
double textsim_containment(const struct textsim *a, const struct textsim *b);

void textsim_free(struct textsim *t);

#endif
