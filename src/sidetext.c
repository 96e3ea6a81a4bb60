/* SPDX-License-Identifier: MIT */
/*
 * sidetext: the main text of a page as readable blocks (see sidetext.h).
 * It copies strings and nothing else: choosing the blocks is textsim's
 * rule, aligning them is report_html_align.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sidetext.h"
#include "textsim.h"
#include "xalloc.h"

static void
add_block(const struct html_block *blk, void *arg)
{
    struct sidetext *t = arg;

    if (t->truncated || t->bytes + blk->len > SIDETEXT_MAX_BYTES) {
        t->truncated = true;
        return;
    }
    t->v = xreallocarray(t->v, t->len + 1, sizeof *t->v);
    t->v[t->len].text = xstrndup(blk->text, blk->len);
    t->v[t->len].line = blk->line;
    t->len++;
    t->bytes += blk->len;
}

void
sidetext_from_page(const struct html_page *page, const bool *skip,
                   struct sidetext *out)
{
    memset(out, 0, sizeof *out);
    textsim_each_main_block(page, skip, add_block, out);
}

void
sidetext_copy(struct sidetext *dst, const struct sidetext *src)
{
    size_t i;

    memset(dst, 0, sizeof *dst);
    if (src->len == 0) {
        dst->truncated = src->truncated;
        return;
    }
    dst->v = xreallocarray(NULL, src->len, sizeof *dst->v);
    for (i = 0; i < src->len; i++) {
        dst->v[i].text = xstrdup(src->v[i].text);
        dst->v[i].line = src->v[i].line;
    }
    dst->len = src->len;
    dst->bytes = src->bytes;
    dst->truncated = src->truncated;
}

void
sidetext_free(struct sidetext *t)
{
    size_t i;

    if (t == NULL)
        return;
    for (i = 0; i < t->len; i++)
        free(t->v[i].text);
    free(t->v);
    memset(t, 0, sizeof *t);
}
