/* SPDX-License-Identifier: MIT */
/*
 * html: turns a UTF-8 HTML document into what detection needs, with the
 * source line of each piece: text blocks (normalised, see textnorm.h),
 * links and images, <meta>, JSON-LD scripts and RDFa properties.  The
 * only file that includes libxml2 (sitemap.c, for XML, aside); no xmlChar or
 * xmlNode leaves it.  It does not judge anything: no rules, no licences.
 *
 * Text inside <script>, <style>, <template>, <noscript>, <textarea> and
 * comments is never part of a block (JSON-LD scripts are kept apart,
 * raw); nor is a hidden inline element.  A hidden block element (hidden=,
 * an inline display:none) is kept with its blocks marked hidden: a
 * collapsed panel is still part of the page.
 */
#ifndef AC_HTML_H
#define AC_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define HTML_NO_BLOCK ((size_t)-1)

/* Where a block sits in the page, from its nearest sectioning ancestor
 * (element name, or role="contentinfo"/"navigation"/"main" etc.). */
enum html_region {
    HTML_REGION_BODY = 0, /* none of the below */
    HTML_REGION_MAIN,     /* inside <article> or <main> */
    HTML_REGION_HEADER,
    HTML_REGION_NAV,
    HTML_REGION_FOOTER,
    HTML_REGION_ASIDE,
    HTML_REGION_FORM
};

/* What stands between the previous block's text and a block's first
 * text, when it is more than markup: the block may be its caption. */
enum html_lead {
    HTML_LEAD_TEXT = 0, /* nothing but text and markup */
    HTML_LEAD_MEDIA,    /* an image, video, frame or drawing, not a link's */
    HTML_LEAD_LIST,     /* the end of a list (<ol>, <ul>, <dl>) */
    HTML_LEAD_TABLE     /* the end of a table */
};

/* A byte range of a block's text. */
struct html_span {
    size_t start, end;
};

/*
 * A run of text from one block-level element (p, div, li, td, h1-h6,
 * blockquote, footer, ...): its inline descendants' text joined, with
 * <br> as a space.  Nested blocks start blocks of their own; text that
 * follows a nested block inside the same element starts another block
 * with the same tag and parent (a CSS anonymous block), so the blocks are
 * in text order.  Blocks without text are dropped.
 */
struct html_block {
    char *text;    /* normalised UTF-8, never NULL, may be "" */
    size_t len;    /* strlen(text) */
    size_t chars;  /* characters (code points) in text: its length as read */
    unsigned line; /* source line of the block's first text */
    enum html_region region;
    bool in_main;  /* inside <article>/<main>, whatever the region */
    size_t parent; /* index of the enclosing block, or HTML_NO_BLOCK */
    char *tag;     /* element name, lower case ("p", "footer") */
    bool hidden;   /* in a hidden element (a collapsed panel, a pop-up) */
    bool widget;   /* in a dialog, pop-up or modal: a tool, not the text */
    bool figure;   /* in <figure>, <figcaption> or a table <caption> */
    bool quote;    /* in <blockquote> */
    enum html_lead lead;    /* what stands right before its first text */
    struct html_span *code; /* text inside <code>, <pre>, <kbd>, <samp>, */
    size_t code_len;        /* <xmp>: examples, in text order */
};

/* An <a>, <area> or <link> with an href, or an <img> (IS_IMG). */
struct html_link {
    char *href;    /* attribute value as written (trimmed), never NULL */
    char *text;    /* normalised link text ("" for <link>); img, area:
                      alt; an <a> without text: its first img's alt */
    char *rel;     /* rel attribute, lower case, NULL when absent */
    char *img_src; /* src of the first <img> inside the link, or NULL */
    bool is_img;   /* an <img> element itself: href is its src */
    bool in_head;  /* a <link> in <head> (no block) */
    unsigned line;
    size_t block;      /* containing block or HTML_NO_BLOCK */
    size_t start, end; /* byte range of the link text within the block
                          (where its text starts); empty for no text */
};

/* <meta name|property|http-equiv|itemprop=... content=...>. */
struct html_meta {
    char *name;    /* the key attribute's value, lower case */
    char *content; /* never NULL */
    unsigned line;
};

/*
 * An RDFa statement on an element: one per token of its property= or
 * rel= attribute (rel= tokens only with a ':', so a plain rel="license"
 * is a link, not RDFa).  Full IRIs of well-known vocabularies are
 * shortened (http://creativecommons.org/ns# -> "cc:",
 * http://purl.org/dc/terms/ and http://purl.org/dc/elements/1.1/ ->
 * "dct:", http://www.w3.org/1999/xhtml/vocab# -> "xhtml:"), and so are
 * prefixes bound to them by xmlns:NAME=, prefix= or vocab= on the element
 * or an ancestor; other tokens are kept as written, lower-cased only in
 * the prefix.
 */
struct html_rdfa {
    char *property; /* "cc:attributionName", "dct:source", "license" */
    char *value;    /* content= or the element's normalised text */
    char *href;     /* href=, resource= or src=, or NULL */
    unsigned line;
    size_t block; /* containing block or HTML_NO_BLOCK */
};

/* A <script type="application/ld+json">: raw text for a JSON parser. */
struct html_script {
    char *text;
    unsigned line;
};

struct html_page {
    struct html_block *blocks;
    size_t blocks_len;
    struct html_link *links; /* in document order */
    size_t links_len;
    struct html_meta *metas;
    size_t metas_len;
    struct html_rdfa *rdfa;
    size_t rdfa_len;
    struct html_script *jsonld;
    size_t jsonld_len;
    char *lang;      /* <html lang>, lower case, or NULL */
    char *title;     /* normalised <title>, or NULL */
    char *base_href; /* <base href>, or NULL */
    char *canonical; /* <link rel=canonical href>, or NULL */
};

/*
 * Parses UTF8[0..LEN) (already converted, see charset.h) and fills *PAGE;
 * free it with html_page_free().  Malformed markup is repaired as
 * browsers do, never an error.  Returns AC_E_NOTHTML when the parser
 * yields no document at all.  Nesting deeper than libxml2's limit is cut,
 * not a crash.
 */
enum ac_status html_parse(const char *utf8, size_t len, struct html_page *page,
                          struct ac_err *err);
void html_page_free(struct html_page *page);

/* Calls xmlInitParser(): once, before pages are parsed on several
 * threads at once (libxml2's own first-use set-up is not thread-safe). */
void html_global_init(void);

/* Calls xmlCleanupParser(); main() calls it once at exit. */
void html_global_cleanup(void);

/* Attributes one element may have: libxml2 2.9 is quadratic in them. */
#define HTML_MAX_ATTRIBUTES 10000

/* The most attributes any start tag of S[0..N) has, counted in one
 * linear scan as a tokenizer sees them (html_budget.c). */
size_t html_max_attributes(const char *s, size_t n);

#endif
