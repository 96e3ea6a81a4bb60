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
    struct rules_hits hits;    /* scratch for one scan */
    bool *claim_block;         /* per block: says "licensed under" or so */
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

/* Reads the licence that rule hit H in TEXT names into *LIC. */
void detect_hit_license(const struct detect_ctx *cx, const char *text,
                        const struct rules_hit *h, struct cc_license *lic);

#endif
