/* SPDX-License-Identifier: MIT */
/*
 * html_int: what the html*.c files share and nobody else sees: the SAX
 * working state (element frames, blocks being filled, text collectors,
 * RDFa prefixes) and the builders that work on it.  Nothing here names a
 * libxml2 type, so html.c stays the only file including its headers; an
 * attribute list is libxml2's NULL-ended name/value array, whose xmlChar
 * is unsigned char.
 */
#ifndef AC_HTML_INT_H
#define AC_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "strbuf.h"

#define HTML_MAX_COLLECTORS 16            /* nested link/RDFa/title texts */
#define HTML_NONE           HTML_NO_BLOCK /* no block, no frame */

enum html_kind {
    HTML_K_OTHER,
    HTML_K_A,
    HTML_K_AREA,
    HTML_K_BASE,
    HTML_K_BR,
    HTML_K_HEAD,
    HTML_K_HTML,
    HTML_K_IMG,
    HTML_K_LINK,
    HTML_K_META,
    HTML_K_SCRIPT,
    HTML_K_TITLE
};

/* An element we know (html.c's table). */
struct html_tag {
    const char *name;
    enum html_kind kind;
    unsigned flags;
    enum html_region region;
};

/* One open element. */
struct html_frame {
    const struct html_tag *tag; /* NULL for elements we do not know */
    size_t owner;      /* frame of the nearest block element, or HTML_NONE */
    size_t block_orig; /* block frames: the first block ... */
    size_t block_cur;  /* ... and the one text goes to now */
    size_t links_mark, rdfa_mark; /* lengths when the block opened */
    size_t cols;                  /* collectors open before this element */
    size_t prefixes;              /* prefix mappings before this element */
    enum html_region region;
    bool in_main, in_head, skip, title, jsonld;
    bool hidden, widget, figure, quote, code; /* see struct html_block */
    bool need_new; /* a child block started: later text is a new block */
};

/* A block while it is being filled. */
struct html_wblock {
    struct strbuf sb;
    bool space;
    unsigned line;
    enum html_region region;
    bool in_main;
    size_t parent;
    const char *tag; /* static, from html.c's table */
    bool hidden, widget, figure, quote;
    enum html_lead lead;
    struct html_span *code; /* see struct html_block */
    size_t code_len, code_cap;
};

enum html_col_kind { HTML_COL_LINK, HTML_COL_RDFA, HTML_COL_TITLE };

/* Gathers the normalised text of one element (a link, an RDFa value). */
struct html_collector {
    struct strbuf sb;
    bool space, got_text;
    enum html_col_kind kind;
    size_t first, count; /* link index, or RDFa entries */
    char *alt;           /* link: alt of the first img inside */
};

/* A prefix (lower case) bound to a known vocabulary; "" is vocab=. */
struct html_prefix {
    char *name;
    const char *vocab;
};

/* The working state of one parse (html.c wraps it with the parser). */
struct html_state {
    struct html_page *page;
    struct html_frame *frames;
    size_t nframes, frames_cap, overflow;
    struct html_wblock *blocks;
    size_t nblocks, blocks_cap;
    size_t links_cap, metas_cap, rdfa_cap, jsonld_cap;
    struct html_collector cols[HTML_MAX_COLLECTORS];
    size_t ncols;
    struct html_prefix *prefixes;
    size_t nprefixes, prefixes_cap;
    struct strbuf script; /* the JSON-LD script being read */
    unsigned script_line;
    bool any_element, title_done;
    enum html_lead lead; /* since the last text: see struct html_block */
    /* where the parser is, copied by html.c at each parser event so that
     * html_util.c tells lines without libxml2 */
    const unsigned char *in_base, *in_cur; /* NULL: unknown */
    long in_line;
};

static inline bool
html_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ---- html_util.c: helpers every html file uses (the lowest file) ---- */

/* The source line where the current start tag began. */
unsigned html_util_tag_line(const struct html_state *st);

/* The line of the first visible character of text CH[0..LEN) that the
 * parser just reported. */
unsigned html_util_text_line(const struct html_state *st, const char *ch,
                             size_t len);

/* The value of attribute NAME in ATTS ("" when it has none), or NULL;
 * borrowed from ATTS. */
const char *html_util_attr(const unsigned char **atts, const char *name);

/* A copy of S without leading and trailing HTML white space; the same in
 * lower case (ASCII).  The caller frees. */
char *html_util_trim_dup(const char *s);
char *html_util_lower_dup(const char *s);

/* Grows ARRAY (of *CAP elements of SIZE) to hold LEN + 1; returns it. */
void *html_util_grow(void *array, size_t len, size_t *cap, size_t size);

/* ---- html_page.c: what elements add to the page ---- */

/* <a>, <area>, <link> of frame F: one link each when there is an href. */
void html_page_anchor(struct html_state *st, struct html_frame *f,
                      const unsigned char **atts);

/* The innermost open link collector, or NULL. */
struct html_collector *html_page_open_link(struct html_state *st);

/* <img> of frame F: a link of its own, and the name of an open link. */
void html_page_img(struct html_state *st, const struct html_frame *f,
                   const unsigned char **atts);

/* Head-only and document-wide elements: html, title, base, meta. */
void html_page_document(struct html_state *st, struct html_frame *f,
                        const unsigned char **atts);

/* Ends the JSON-LD script being read: its text joins the page. */
void html_page_jsonld(struct html_state *st);

/* ---- html_block.c: text blocks and text collectors ---- */

/* The block text would go to now from frame F, or HTML_NONE. */
size_t html_block_cur(const struct html_state *st, const struct html_frame *f);

/* Frame FI (a block element) starts a block; html_block_close ends the
 * block frame F opened. */
void html_block_open(struct html_state *st, size_t fi);
void html_block_close(struct html_state *st, const struct html_frame *f);

/* Appends text CH[0..LEN) to the block the frame at FI writes to. */
void html_block_text(struct html_state *st, size_t fi, const char *ch,
                     size_t len);

/* Drops empty blocks and hands the texts to the page. */
void html_block_finish(struct html_state *st);

/* Opens a collector; returns false when too many are open already. */
bool html_block_col_open(struct html_state *st, enum html_col_kind kind,
                         size_t first, size_t count);

/* Closes the innermost collector: its text goes where its kind says. */
void html_block_col_close(struct html_state *st);

/* Appends text CH[0..LEN) to every open collector (up to a bound). */
void html_block_col_text(struct html_state *st, const char *ch, size_t len);

/* Marks a word break in every open collector (a block edge, <br>). */
void html_block_col_break(struct html_state *st);

/* ---- html_rdfa.c: RDFa ---- */

/* Reads the prefix mappings (xmlns:, prefix=, vocab=) of an element. */
void html_rdfa_scan_prefixes(struct html_state *st, const unsigned char **atts);

/* Drops the prefix mappings made after the first N. */
void html_rdfa_pop_prefixes(struct html_state *st, size_t n);

/* Adds the RDFa entries (property=, rel= CURIEs) of frame F's element. */
void html_rdfa_element(struct html_state *st, const struct html_frame *f,
                       const unsigned char **atts);

#endif
