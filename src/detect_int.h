/* SPDX-License-Identifier: MIT */
/*
 * detect_int: what the detect_*.c files share and nobody else sees: the
 * per-page working state and the helpers that add statements.
 */
#ifndef AC_DETECT_INT_H
#define AC_DETECT_INT_H

#include "detect.h"
#include "jsonld.h"

struct detect_ctx {
    const struct rules *rules;
    const struct html_page *page;
    char *base;           /* URL that relative links resolve against */
    const char *page_url; /* the page's own URL, or NULL */
    struct analysis *a;
    struct rules_hits hits;       /* scratch for one scan */
    struct rules_hits shape_hits; /* scratch for detect_shape.c */
    char *own_host;               /* the page's own host, "" when unknown */
    bool *claim_block;            /* per block: says "licensed under" or so */
    bool *other_block;            /* per block: claims only for other content */
    bool *notice_block;        /* per block: credits a source or says copied */
    bool *license_link;        /* per block: holds a rel="license" link */
    struct jsonld_info jsonld; /* all JSON-LD scripts, parsed once */
    unsigned jsonld_line;      /* line of the first one that parsed */
};

/* Licence statements from links, text, RDFa, <meta> and JSON-LD. */
void detect_licenses(struct detect_ctx *cx);

/* The source credit, the copied/permission/changes cues, the creator. */
void detect_cues(struct detect_ctx *cx);
void detect_source(struct detect_ctx *cx);
void detect_creator(struct detect_ctx *cx);

/* Resolves HREF against the page; NULL unless the result is absolute. */
char *detect_resolve(const struct detect_ctx *cx, const char *href);

/* Appends an evidence item to a list (the excerpt is copied, cut to a
 * readable length on a character boundary). */
void detect_add_evidence(struct evidence **v, size_t *len,
                         enum evidence_kind kind, unsigned line,
                         const char *excerpt, size_t excerpt_len);

/* ---- detect_shape.c: what makes a cue a notice ---- */

/* Replaces HITS with the hits of cue KIND (source, copied) in block B
 * that have the shape of a notice; returns how many. */
size_t detect_notice_hits(struct detect_ctx *cx, enum rule_kind kind, size_t b,
                          struct rules_hits *hits);

/* True when [START, END) of BLK overlaps text inside <code>, <pre>... */
bool detect_in_code(const struct html_block *blk, size_t start, size_t end);

/* True when a hit of KIND starts S[0..LEN), leading punctuation aside. */
bool detect_heads(struct detect_ctx *cx, enum rule_kind kind, const char *s,
                  size_t len);

/* Where the sentence holding offset AT of TEXT starts. */
size_t detect_sentence_start(const char *text, size_t at);

/* True when block B credits an image: in a figure, or led by "Photo:". */
bool detect_media_block(struct detect_ctx *cx, size_t b);

/* True when TEXT[FROM..TO), between a link and a cue, joins them
 * (", which she first posted on"). */
bool detect_refers_back(struct detect_ctx *cx, const char *text, size_t from,
                        size_t to);

/* True when the sentence of block B up to offset AT is about content
 * other than the page's text ("every photo in our library is ..."). */
bool detect_about_other(struct detect_ctx *cx, size_t b, size_t at);

/* Reads the licence that rule hit H in TEXT names into *LIC. */
void detect_hit_license(const struct detect_ctx *cx, const char *text,
                        const struct rules_hit *h, struct cc_license *lic);

#endif
