/* SPDX-License-Identifier: MIT */
/*
 * textsim: shingled containment (see textsim.h).  Hashing is FNV-1a per
 * word and a rolling mix per shingle; at 64 bits, collisions between the
 * few thousand shingles of two pages are negligible.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "textsim.h"
#include "xalloc.h"

struct builder {
    struct textsim *out;
    size_t cap;
    uint64_t ring[TEXTSIM_SHINGLE]; /* hashes of the last words */
};

static void
push_hash(struct builder *b, uint64_t h)
{
    struct textsim *t = b->out;

    if (t->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        t->h = xreallocarray(t->h, b->cap, sizeof *t->h);
    }
    t->h[t->len++] = h;
}

/* Adds one word; emits a shingle once TEXTSIM_SHINGLE words are seen. */
static void
add_word(struct builder *b, uint64_t wh)
{
    uint64_t h = 0;
    size_t i;

    b->ring[b->out->words % TEXTSIM_SHINGLE] = wh;
    b->out->words++;
    if (b->out->words < TEXTSIM_SHINGLE)
        return;
    for (i = 0; i < TEXTSIM_SHINGLE; i++)
        h = hash_mix64(h ^ b->ring[(b->out->words + i) % TEXTSIM_SHINGLE]);
    push_hash(b, h);
}

static bool
is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void
add_text(struct builder *b, const char *s, size_t len)
{
    uint64_t h = 0;
    bool in_word = false;
    size_t i;

    for (i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)s[i] : ' ';

        if (is_word_byte(c)) {
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = ((in_word ? h : HASH_FNV_OFFSET) ^ c) * HASH_FNV_PRIME;
            in_word = true;
        } else if (in_word) {
            add_word(b, h);
            in_word = false;
        }
    }
}

static int
cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

    return a < b ? -1 : a > b;
}

/* Sorts and deduplicates; a short text becomes one shingle of all words. */
static void
finish(struct builder *b)
{
    struct textsim *t = b->out;
    size_t i, j;

    if (t->words > 0 && t->words < TEXTSIM_SHINGLE) {
        uint64_t h = 0;

        for (i = 0; i < t->words; i++)
            h = hash_mix64(h ^ b->ring[i]);
        push_hash(b, h);
    }
    if (t->len == 0)
        return;
    qsort(t->h, t->len, sizeof *t->h, cmp_u64);
    for (i = 1, j = 1; i < t->len; i++)
        if (t->h[i] != t->h[j - 1])
            t->h[j++] = t->h[i];
    t->len = j;
}

void
textsim_from_text(const char *text, size_t len, struct textsim *out)
{
    struct builder b;

    memset(out, 0, sizeof *out);
    memset(&b, 0, sizeof b);
    b.out = out;
    add_text(&b, text, len);
    finish(&b);
}

static bool
outside_main_text(const struct html_block *blk)
{
    return blk->region == HTML_REGION_HEADER ||
           blk->region == HTML_REGION_NAV ||
           blk->region == HTML_REGION_FOOTER ||
           blk->region == HTML_REGION_ASIDE || blk->region == HTML_REGION_FORM;
}

void
textsim_each_main_block(const struct html_page *page, const bool *skip,
                        void (*fn)(const struct html_block *blk, void *arg),
                        void *arg)
{
    bool has_main = false;
    size_t i;

    for (i = 0; i < page->blocks_len && !has_main; i++)
        has_main = page->blocks[i].in_main;
    for (i = 0; i < page->blocks_len; i++) {
        const struct html_block *blk = &page->blocks[i];

        if ((skip != NULL && skip[i]) || (has_main && !blk->in_main) ||
            (!has_main && outside_main_text(blk)) || blk->len == 0 ||
            blk->hidden)
            continue;
        fn(blk, arg);
    }
}

static void
add_block(const struct html_block *blk, void *arg)
{
    add_text(arg, blk->text, blk->len);
}

void
textsim_from_page(const struct html_page *page, const bool *skip,
                  struct textsim *out)
{
    struct builder b;

    memset(out, 0, sizeof *out);
    memset(&b, 0, sizeof b);
    b.out = out;
    textsim_each_main_block(page, skip, add_block, &b);
    finish(&b);
}

struct block_list {
    struct textsim *v;
    size_t len;
};

static void
add_block_set(const struct html_block *blk, void *arg)
{
    struct block_list *l = arg;

    l->v = xreallocarray(l->v, l->len + 1, sizeof *l->v);
    textsim_from_text(blk->text, blk->len, &l->v[l->len++]);
}

void
textsim_blocks_from_page(const struct html_page *page, const bool *skip,
                         struct textsim **blocks, size_t *len)
{
    struct block_list l = {NULL, 0};

    textsim_each_main_block(page, skip, add_block_set, &l);
    *blocks = l.v;
    *len = l.len;
}

double
textsim_containment(const struct textsim *a, const struct textsim *b)
{
    size_t i = 0, j = 0, common = 0;

    if (a->len == 0)
        return -1;
    while (i < a->len && j < b->len) {
        if (a->h[i] == b->h[j]) {
            common++;
            i++;
            j++;
        } else if (a->h[i] < b->h[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (double)common / (double)a->len;
}

void
textsim_free(struct textsim *t)
{
    if (t == NULL)
        return;
    free(t->h);
    memset(t, 0, sizeof *t);
}
