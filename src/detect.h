/* SPDX-License-Identifier: MIT */
/*
 * detect: what a page says about its licence and its origin.  From a
 * parsed page (html.h) and the rules it finds licence statements (links,
 * text, RDFa, <meta>, JSON-LD), chooses the one that applies, and finds
 * the source the page credits and the creator it names.  It never
 * fetches and never judges: findings are made from its analysis later.
 */
#ifndef AC_DETECT_H
#define AC_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include "ccurl.h"
#include "err.h"
#include "html.h"
#include "rules.h"

#define DETECT_NONE           ((size_t)-1)
/* Licence statements kept per page, and evidence items per statement:
 * beyond these a page is a list of licences or hostile, and matching
 * every new piece against all the others would cost quadratic time. */
#define DETECT_MAX_STATEMENTS 256
#define DETECT_MAX_EVIDENCE   16

enum evidence_kind {
    EVIDENCE_LINK,
    EVIDENCE_TEXT,
    EVIDENCE_RDFA,
    EVIDENCE_JSONLD,
    EVIDENCE_META
};

struct evidence {
    enum evidence_kind kind;
    unsigned line; /* source line, 0 when unknown */
    char *excerpt; /* short, normalised text or URL */
};

/* How a statement relates to the page, weakest first. */
enum statement_role {
    ROLE_MENTION, /* named in running text: may be about licences */
    ROLE_OTHER,   /* claimed for other content ("every photo in our
                     library is under CC0", "content you upload") */
    ROLE_IMAGE,   /* an image or photo credit */
    ROLE_CLAIM    /* the page says it is under this licence */
};

/* Where a statement sits, narrowest last. */
enum statement_scope {
    SCOPE_PAGE,    /* header, footer, site-wide */
    SCOPE_ARTICLE, /* inside the article or main content */
    SCOPE_NOTICE   /* in the attribution notice that credits the source */
};

struct license_statement {
    struct cc_license lic;
    char *url;               /* absolute deed/legal code/badge URL, or NULL */
    bool linked;             /* backed by a link to the licence */
    bool unknown;            /* names a licence that does not exist */
    bool conflict;           /* its own evidence disagrees (text vs link) */
    struct cc_license other; /* with conflict: what the rest says */
    enum statement_role role;
    enum statement_scope scope;
    size_t block;                /* HTML_NO_BLOCK for head metadata */
    size_t span_start, span_end; /* bytes of the block text it covers */
    unsigned line;
    struct evidence *evidence;
    size_t evidence_len;
};

struct source_credit {
    char *url;    /* absolute URL of the original */
    char *credit; /* the creator or site the notice names, or NULL */
    unsigned line;
    size_t block;
    struct evidence *evidence;
    size_t evidence_len;
};

struct analysis {
    struct license_statement *licenses; /* every statement, page order */
    size_t licenses_len;
    size_t applicable;            /* index into licenses, or DETECT_NONE */
    bool explainer;               /* mentions several licences, claims none */
    bool conflict;                /* applicable statements disagree */
    size_t conflict_with;         /* index of the disagreeing statement */
    struct source_credit *source; /* NULL when none is credited */
    bool copied;                  /* the text says it was copied/republished */
    unsigned copied_line;
    char *copied_credit; /* with copied and no source: the name credited
                            without a URL ("Fonte: Lusa"), or NULL */
    bool permission;     /* "republished with permission" */
    bool changes_noted;  /* "adapted", "bewerkt" */
    size_t notice_block; /* block of the attribution notice, or NONE */
    bool not_found;      /* the page says it is not found (soft 404) */
    bool *notice_blocks; /* per block: part of an attribution notice */
    size_t blocks_len;   /* length of notice_blocks */
    char *creator;       /* the page's own creator, or NULL */
    char *title;         /* the page's title, or NULL */
    char *lang;          /* the page's language, or NULL */
};

/*
 * Analyses PAGE, whose URL is PAGE_URL (for resolving relative links;
 * <base href> is honoured).  Fills *OUT; free with analysis_free().
 * Never fails on page content; malformed JSON-LD is skipped.
 */
void detect_page(const struct rules *rules, const struct html_page *page,
                 const char *page_url, struct analysis *out);

void analysis_free(struct analysis *a);

const char *evidence_kind_name(enum evidence_kind k);

#endif
