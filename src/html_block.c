/* SPDX-License-Identifier: MIT */
/*
 * html_block: where a page's text goes.  Block elements open blocks, text
 * is normalised into the block its element writes to (a new one after a
 * nested block ended), and collectors gather the text of one element (a
 * link, an RDFa value, the title) while noting where it sits in its
 * block.  At the end empty blocks are dropped and indexes renumbered.  It
 * does not know tags or attributes: html.c decides what is a block.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "textnorm.h"
#include "xalloc.h"

#define COLLECT_MAX (64 * 1024) /* bytes kept of one link's text */

static size_t
new_block(struct html_state *st, const char *tag, const struct html_frame *f,
          size_t parent)
{
    struct html_wblock *b;

    st->blocks = html_util_grow(st->blocks, st->nblocks, &st->blocks_cap,
                                sizeof(*st->blocks));
    b = &st->blocks[st->nblocks];
    memset(b, 0, sizeof(*b));
    b->region = f->region;
    b->in_main = f->in_main;
    b->parent = parent;
    b->tag = tag;
    b->hidden = f->hidden;
    b->widget = f->widget;
    b->figure = f->figure;
    b->quote = f->quote;
    return st->nblocks++;
}

void
html_block_col_break(struct html_state *st)
{
    size_t i;

    for (i = 0; i < st->ncols; i++)
        st->cols[i].space = true;
}

/* Tells the open collectors that the text landed in block B at
 * [BEFORE, AFTER); links track where their text sits in the block. */
static void
cols_track(struct html_state *st, size_t b, size_t before, size_t after)
{
    const char *buf = st->blocks[b].sb.buf;
    size_t i, k;

    for (i = 0; i < st->ncols; i++) {
        struct html_collector *c = &st->cols[i];

        if (after == before || c->kind == HTML_COL_TITLE)
            continue;
        if (c->kind == HTML_COL_RDFA && !c->got_text) {
            for (k = c->first; k < c->first + c->count; k++)
                st->page->rdfa[k].block = b;
        } else if (c->kind == HTML_COL_LINK) {
            struct html_link *l = &st->page->links[c->first];

            if (!c->got_text) {
                l->block = b;
                l->start = before + (before > 0 && buf[before] == ' ');
            }
            if (l->block == b)
                l->end = after;
        }
        c->got_text = true;
    }
}

/* Notes that block B's text [BEFORE, AFTER) is an example in code. */
static void
code_span(struct html_wblock *b, size_t before, size_t after)
{
    if (after == before)
        return;
    if (b->code_len > 0 && b->code[b->code_len - 1].end >= before) {
        b->code[b->code_len - 1].end = after;
        return;
    }
    b->code =
        html_util_grow(b->code, b->code_len, &b->code_cap, sizeof(*b->code));
    b->code[b->code_len].start = before;
    b->code[b->code_len++].end = after;
}

/* Appends text to the block the frame at FI writes to, making a new
 * block first when a nested block ended since the last text. */
void
html_block_text(struct html_state *st, size_t fi, const char *ch, size_t len)
{
    struct html_frame *o = &st->frames[st->frames[fi].owner];
    struct html_wblock *b;
    size_t before;

    if (o->need_new) {
        size_t parent = st->blocks[o->block_orig].parent;

        o->block_cur = new_block(st, o->tag->name, o, parent);
        o->need_new = false;
    }
    b = &st->blocks[o->block_cur];
    before = b->sb.len;
    textnorm_append(&b->sb, ch, len, &b->space);
    if (before == 0 && b->sb.len > 0) {
        b->line = html_util_text_line(st, ch, len);
        b->lead = st->lead;
    }
    if (b->sb.len > before)
        st->lead = HTML_LEAD_TEXT;
    if (st->frames[fi].code)
        code_span(b, before + (before > 0 && b->sb.buf[before] == ' '),
                  b->sb.len);
    cols_track(st, o->block_cur, before, b->sb.len);
}

void
html_block_col_text(struct html_state *st, const char *ch, size_t len)
{
    size_t i;

    for (i = 0; i < st->ncols; i++) {
        struct html_collector *c = &st->cols[i];

        if (c->sb.len < COLLECT_MAX)
            textnorm_append(&c->sb, ch, len, &c->space);
    }
}

bool
html_block_col_open(struct html_state *st, enum html_col_kind kind,
                    size_t first, size_t count)
{
    struct html_collector *c;

    if (st->ncols == HTML_MAX_COLLECTORS)
        return false;
    c = &st->cols[st->ncols++];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->first = first;
    c->count = count;
    return true;
}

void
html_block_col_close(struct html_state *st)
{
    struct html_collector *c = &st->cols[--st->ncols];
    struct html_page *p = st->page;
    size_t k;

    if (c->kind == HTML_COL_TITLE) {
        p->title = strbuf_detach(&c->sb);
    } else if (c->kind == HTML_COL_LINK) {
        /* An image link is named by its image (the accessible name). */
        if (c->sb.len == 0 && c->alt != NULL) {
            p->links[c->first].text = c->alt;
            c->alt = NULL;
        } else {
            p->links[c->first].text = strbuf_detach(&c->sb);
        }
    } else {
        for (k = c->first; k < c->first + c->count; k++)
            p->rdfa[k].value = xstrdup(strbuf_str(&c->sb));
    }
    free(c->alt);
    strbuf_release(&c->sb);
}

size_t
html_block_cur(const struct html_state *st, const struct html_frame *f)
{
    return f->owner == HTML_NONE ? HTML_NONE : st->frames[f->owner].block_cur;
}

void
html_block_open(struct html_state *st, size_t fi)
{
    struct html_frame *f = &st->frames[fi];
    size_t parent = HTML_NONE;

    if (f->owner != HTML_NONE) {
        st->frames[f->owner].need_new = true;
        parent = st->frames[f->owner].block_orig;
    }
    f->block_orig = f->block_cur = new_block(st, f->tag->name, f, parent);
    f->owner = fi;
    f->links_mark = st->page->links_len;
    f->rdfa_mark = st->page->rdfa_len;
    html_block_col_break(st);
}

/* Drops the block frame F opened if it is the last one, empty and
 * unreferenced, so that runs of empty elements cost no memory. */
void
html_block_close(struct html_state *st, const struct html_frame *f)
{
    size_t b = f->block_cur;

    html_block_col_break(st);
    if (b != f->block_orig || b + 1 != st->nblocks ||
        st->blocks[b].sb.len > 0 || st->page->links_len != f->links_mark ||
        st->page->rdfa_len != f->rdfa_mark)
        return;
    strbuf_release(&st->blocks[b].sb);
    free(st->blocks[b].code);
    st->nblocks--;
}

/* Points links and RDFa at their block's new index: the nearest kept
 * ancestor when theirs was empty (no text range there, then). */
static void
renumber(struct html_state *st, const size_t *map)
{
    struct html_page *p = st->page;
    size_t i;

    for (i = 0; i < p->links_len; i++) {
        struct html_link *l = &p->links[i];

        if (l->block == HTML_NONE)
            continue;
        if (st->blocks[l->block].sb.len == 0)
            l->start = l->end = 0;
        l->block = map[l->block];
    }
    for (i = 0; i < p->rdfa_len; i++)
        if (p->rdfa[i].block != HTML_NONE)
            p->rdfa[i].block = map[p->rdfa[i].block];
}

/* Drops empty blocks (see renumber()) and hands the texts to the page. */
void
html_block_finish(struct html_state *st)
{
    struct html_page *p = st->page;
    size_t *map = xcalloc(st->nblocks + 1, sizeof(*map)), i, n = 0;

    for (i = 0; i < st->nblocks; i++) {
        struct html_wblock *b = &st->blocks[i];

        if (b->sb.len > 0)
            map[i] = n++;
        else
            map[i] = b->parent == HTML_NONE ? HTML_NONE : map[b->parent];
    }
    renumber(st, map);
    p->blocks = xcalloc(n + 1, sizeof(*p->blocks));
    for (i = 0; i < st->nblocks; i++) {
        struct html_wblock *b = &st->blocks[i];
        struct html_block *o = &p->blocks[p->blocks_len];

        if (b->sb.len == 0) {
            strbuf_release(&b->sb);
            free(b->code);
            continue;
        }
        o->len = b->sb.len;
        o->chars = textnorm_chars(strbuf_str(&b->sb), b->sb.len);
        /* Give back the doubling slack: pages can have 10^5 blocks. */
        o->text = xrealloc(strbuf_detach(&b->sb), o->len + 1);
        o->line = b->line;
        o->region = b->region;
        o->in_main = b->in_main;
        o->parent = b->parent == HTML_NONE ? HTML_NONE : map[b->parent];
        o->tag = xstrdup(b->tag);
        o->hidden = b->hidden;
        o->widget = b->widget;
        o->figure = b->figure;
        o->quote = b->quote;
        o->lead = b->lead;
        o->code = b->code;
        o->code_len = b->code_len;
        p->blocks_len++;
    }
    free(map);
}
