/* SPDX-License-Identifier: MIT */
/*
 * detect_license: every licence statement a page makes, from links to
 * deeds and badges, rel="license", licence names in text, RDFa, <meta>
 * and JSON-LD.  Evidence about the same licence in the same block is
 * merged into one statement; a link whose own text names another
 * licence is marked as a conflict.  Which statement applies is decided
 * in detect.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "textnorm.h"
#include "xalloc.h"

/* Blocks this long or longer are running text, not a notice or label. */
#define SHORT_BLOCK 240 /* characters, not bytes: Thai counts as English */

static bool
has_rel_license(const char *rel)
{
    const char *p = rel;
    size_t n;

    while (p != NULL && *p != '\0') {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        n = strcspn(p, " \t\n");
        if (n == 7 && strncasecmp(p, "license", 7) == 0)
            return true;
        p += n;
    }
    return false;
}

static bool
is_version_digit_pair(const char *s)
{
    return isdigit((unsigned char)s[0]) && (s[1] == '.' || s[1] == ',') &&
           isdigit((unsigned char)s[2]);
}

/* Reads a version like "4.0", "4,0" or "4" into LIC. */
static void
set_version(struct cc_license *lic, const char *s, size_t len)
{
    if (len >= 3 && is_version_digit_pair(s)) {
        lic->version[0] = s[0];
        lic->version[1] = '.';
        lic->version[2] = s[2];
        lic->version[3] = '\0';
    } else if (len >= 1 && isdigit((unsigned char)s[0])) {
        lic->version[0] = s[0];
        lic->version[1] = '.';
        lic->version[2] = '0';
        lic->version[3] = '\0';
    }
}

/* Maps a port span ("NL", "Nederland", "Unported") to a code. */
static void
set_port(const struct detect_ctx *cx, struct cc_license *lic, const char *s,
         size_t len)
{
    struct rules_hits hits = {0};
    size_t i;

    if (len == 2 && isalpha((unsigned char)s[0]) &&
        isalpha((unsigned char)s[1])) {
        lic->port[0] = (char)tolower((unsigned char)s[0]);
        lic->port[1] = (char)tolower((unsigned char)s[1]);
        lic->port[2] = '\0';
        return;
    }
    if (rules_scan(cx->rules, RULE_PORT, s, len, &hits) > 0 &&
        strcmp(hits.v[0].value, "-") != 0) {
        for (i = 0; hits.v[0].value[i] != '\0' && i + 1 < sizeof lic->port; i++)
            lic->port[i] = hits.v[0].value[i];
        lic->port[i] = '\0';
    }
    rules_hits_free(&hits);
}

void
detect_hit_license(const struct detect_ctx *cx, const char *text,
                   const struct rules_hit *h, struct cc_license *lic)
{
    const char *v = h->value;
    const char *slash = strchr(v, '/');
    size_t code_len = slash ? (size_t)(slash - v) : strlen(v);

    memset(lic, 0, sizeof *lic);
    lic->family = cc_family_from_value(v, code_len); /* rules.c checked it */
    if (slash != NULL)
        set_version(lic, slash + 1, strlen(slash + 1));
    if (h->version_start != RULES_NONE)
        set_version(lic, text + h->version_start,
                    h->version_end - h->version_start);
    if (h->port_start != RULES_NONE)
        set_port(cx, lic, text + h->port_start, h->port_end - h->port_start);
    if (lic->family == CC_ZERO && lic->version[0] == '\0')
        memcpy(lic->version, "1.0", 4); /* CC0 only ever had 1.0 */
}

/* A name is "unknown" when it gives a version CC never published. */
static bool
name_unknown(const struct cc_license *lic)
{
    if (lic->version[0] == '\0' || lic->family == CC_UNSPECIFIED ||
        lic->family == CC_RETIRED)
        return false;
    return !ccurl_exists(lic);
}

/* One piece of evidence for a licence, before merging. */
struct candidate {
    struct cc_license lic;
    enum evidence_kind kind;
    enum statement_role role;
    bool linked;
    bool unknown;
    const char *url; /* absolute licence URL or NULL (borrowed) */
    size_t block;
    size_t start, end; /* span in the block's text */
    unsigned line;
    const char *excerpt;
    size_t excerpt_len;
};

static bool
spans_overlap(const struct license_statement *s, const struct candidate *c)
{
    return s->block == c->block && c->block != HTML_NO_BLOCK &&
           c->start < s->span_end && s->span_start < c->end;
}

static void
fill_missing(struct cc_license *into, const struct cc_license *from)
{
    if (into->family == CC_UNSPECIFIED && from->family != CC_NONE)
        into->family = from->family;
    if (into->version[0] == '\0')
        memcpy(into->version, from->version, sizeof into->version);
    if (into->port[0] == '\0')
        memcpy(into->port, from->port, sizeof into->port);
}

static void
merge(struct license_statement *s, const struct candidate *c)
{
    fill_missing(&s->lic, &c->lic);
    if (s->url == NULL && c->url != NULL)
        s->url = xstrdup(c->url);
    s->linked |= c->linked;
    s->unknown |= c->unknown;
    if (c->role > s->role)
        s->role = c->role;
    if (c->start < s->span_start)
        s->span_start = c->start;
    if (c->end > s->span_end)
        s->span_end = c->end;
}

/* Finds a statement C belongs to: the same words (conflict when they
 * disagree), or a compatible one in the same block. */
static struct license_statement *
find_home(struct analysis *a, const struct candidate *c, bool *conflict)
{
    size_t i;

    *conflict = false;
    if (c->block == HTML_NO_BLOCK)
        return NULL;
    for (i = a->licenses_len; i-- > 0;) {
        struct license_statement *s = &a->licenses[i];

        if (s->block != c->block)
            continue;
        if (cc_license_compatible(&s->lic, &c->lic))
            return s;
        if (spans_overlap(s, c)) {
            *conflict = true;
            return s;
        }
    }
    return NULL;
}

static void
add_candidate(struct detect_ctx *cx, const struct candidate *c)
{
    struct analysis *a = cx->a;
    struct license_statement *s;
    bool conflict;

    s = find_home(a, c, &conflict);
    if (s == NULL && a->licenses_len >= DETECT_MAX_STATEMENTS)
        return; /* a hostile page or a list of licences: enough read */
    if (s != NULL && conflict) {
        s->conflict = true;
        s->other = c->lic;
    } else if (s != NULL) {
        merge(s, c);
    } else {
        a->licenses = xreallocarray(a->licenses, a->licenses_len + 1,
                                    sizeof *a->licenses);
        s = &a->licenses[a->licenses_len++];
        memset(s, 0, sizeof *s);
        s->lic = c->lic;
        s->url = c->url ? xstrdup(c->url) : NULL;
        s->linked = c->linked;
        s->unknown = c->unknown;
        s->role = c->role;
        s->block = c->block;
        s->span_start = c->start;
        s->span_end = c->end;
        s->line = c->line;
    }
    detect_add_evidence(&s->evidence, &s->evidence_len, c->kind, c->line,
                        c->excerpt, c->excerpt_len);
}

static bool
is_image_credit(struct detect_ctx *cx, size_t bi)
{
    const struct html_block *b = &cx->page->blocks[bi];
    static const char *const words[] = {
        "photo",   "foto",       "image",     "bild",        "credit",
        "beeld",   "picture",    "imagen",    "immagine",    "illustration",
        "zdjęcie", "afbeelding", "titelbild", "header image"};
    size_t i;

    if (strcmp(b->tag, "figcaption") == 0 || detect_media_block(cx, bi))
        return true;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strncasecmp(b->text, words[i], strlen(words[i])) == 0)
            return true;
    return false;
}

static enum statement_role
block_role(struct detect_ctx *cx, size_t b)
{
    const struct html_block *blk;

    if (b == HTML_NO_BLOCK)
        return ROLE_MENTION;
    blk = &cx->page->blocks[b];
    if (is_image_credit(cx, b))
        return ROLE_IMAGE;
    if (cx->other_block[b] && !cx->notice_block[b])
        return ROLE_OTHER;
    if (cx->claim_block[b] || cx->notice_block[b] || cx->license_link[b])
        return ROLE_CLAIM;
    if (blk->region == HTML_REGION_FOOTER && blk->chars < SHORT_BLOCK)
        return ROLE_CLAIM;
    return ROLE_MENTION;
}

/* The CC licence a link names, through its href or a badge inside it. */
static enum cc_url_kind
link_license(const struct html_link *l, const char *resolved,
             struct cc_license *lic)
{
    /* the raw href first: "//creativecommons.org/..." resolved against a
     * file:// page would become a file:// URL */
    enum cc_url_kind k = ccurl_parse(l->href, lic);

    if (k == CC_URL_NOT_CC && resolved != NULL)
        k = ccurl_parse(resolved, lic);

    if ((k == CC_URL_NOT_CC || k == CC_URL_OTHER) && l->img_src != NULL &&
        ccurl_parse(l->img_src, lic) == CC_URL_BADGE)
        return CC_URL_BADGE;
    return k;
}

static void
scan_link(struct detect_ctx *cx, const struct html_link *l)
{
    struct candidate c = {0};
    char *resolved = detect_resolve(cx, l->href);
    enum cc_url_kind k = link_license(l, resolved, &c.lic);

    if (k != CC_URL_NOT_CC && k != CC_URL_OTHER &&
        (l->block == HTML_NO_BLOCK ||
         !detect_in_code(&cx->page->blocks[l->block], l->start, l->end))) {
        bool rel = l->rel != NULL && has_rel_license(l->rel);

        c.kind = EVIDENCE_LINK;
        c.role = block_role(cx, l->block);
        if (rel && c.role != ROLE_IMAGE && c.role != ROLE_OTHER)
            c.role = ROLE_CLAIM; /* but a caption's licence is the image's */
        c.linked = !l->is_img;
        c.unknown = k == CC_URL_INVALID;
        c.url = (k == CC_URL_DEED || k == CC_URL_LEGALCODE) ? resolved : NULL;
        c.block = l->block;
        c.start = l->start;
        c.end = l->end;
        c.line = l->line;
        c.excerpt = resolved ? resolved : l->href;
        c.excerpt_len = strlen(c.excerpt);
        add_candidate(cx, &c);
    }
    free(resolved);
}

/* The link whose text overlaps [START, END) of block B, if any. */
static const struct html_link *
link_over(const struct detect_ctx *cx, size_t b, size_t start, size_t end)
{
    const struct html_page *p = cx->page;
    size_t i;

    for (i = 0; i < p->links_len; i++)
        if (p->links[i].block == b && !p->links[i].is_img &&
            p->links[i].start < end && start < p->links[i].end)
            return &p->links[i];
    return NULL;
}

/* A licence URL written out as text is a link a reader can follow. */
static bool
text_is_license_url(const char *s, size_t len)
{
    struct cc_license lic;
    char *u = xstrndup(s, len);
    enum cc_url_kind k = ccurl_parse(u, &lic);

    free(u);
    return k == CC_URL_DEED || k == CC_URL_LEGALCODE;
}

static void
scan_block_text(struct detect_ctx *cx, size_t b)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t i, n;

    n = rules_scan(cx->rules, RULE_LICENSE, blk->text, blk->len, &cx->hits);
    for (i = 0; i < n; i++) {
        const struct rules_hit *h = &cx->hits.v[i];
        const struct html_link *l = link_over(cx, b, h->start, h->end);
        struct candidate c = {0};

        if (detect_in_code(blk, h->start, h->end))
            continue; /* an example: "SPDX-License-Identifier: CC-BY-4.0" */
        detect_hit_license(cx, blk->text, h, &c.lic);
        c.kind = EVIDENCE_TEXT;
        c.role = block_role(cx, b);
        c.linked = l != NULL || cx->license_link[b] ||
                   text_is_license_url(blk->text + h->start, h->end - h->start);
        c.unknown = name_unknown(&c.lic);
        c.block = b;
        c.start = h->start;
        c.end = h->end;
        c.line = l ? l->line : blk->line;
        c.excerpt = blk->text + h->start;
        c.excerpt_len = h->end - h->start;
        add_candidate(cx, &c);
    }
}

/* A licence given as a URL or a name in metadata (meta, RDFa, JSON-LD). */
static void
scan_value(struct detect_ctx *cx, enum evidence_kind kind, const char *value,
           unsigned line, size_t block)
{
    struct candidate c = {0};
    char *resolved = detect_resolve(cx, value);
    enum cc_url_kind k = ccurl_parse(resolved ? resolved : value, &c.lic);
    size_t n = 0;

    c.kind = kind;
    c.role = ROLE_CLAIM;
    c.block = block;
    c.start = c.end = 0;
    c.line = line;
    c.excerpt = value;
    c.excerpt_len = strlen(value);
    if (k == CC_URL_DEED || k == CC_URL_LEGALCODE || k == CC_URL_INVALID) {
        c.url = resolved;
        c.linked = true;
        c.unknown = k == CC_URL_INVALID;
        add_candidate(cx, &c);
    } else if (k == CC_URL_NOT_CC) {
        char *norm = textnorm_dup(value);

        n = rules_scan(cx->rules, RULE_LICENSE, norm, strlen(norm), &cx->hits);
        if (n > 0) {
            detect_hit_license(cx, norm, &cx->hits.v[0], &c.lic);
            c.unknown = name_unknown(&c.lic);
            add_candidate(cx, &c);
        }
        free(norm);
    }
    free(resolved);
}

static bool
is_license_meta(const char *name)
{
    static const char *const names[] = {
        "dcterms.license", "dc.license",  "dcterms.rights", "dc.rights",
        "license",         "dct:license", "cc:license",     "rights"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool
is_license_property(const char *p)
{
    return strcmp(p, "cc:license") == 0 || strcmp(p, "dct:license") == 0 ||
           strcmp(p, "license") == 0 || strcmp(p, "xhtml:license") == 0 ||
           strcmp(p, "schema:license") == 0;
}

static void
scan_metadata(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    size_t i;

    for (i = 0; i < p->metas_len; i++)
        if (is_license_meta(p->metas[i].name))
            scan_value(cx, EVIDENCE_META, p->metas[i].content, p->metas[i].line,
                       HTML_NO_BLOCK);
    for (i = 0; i < p->rdfa_len; i++)
        if (is_license_property(p->rdfa[i].property))
            scan_value(cx, EVIDENCE_RDFA,
                       p->rdfa[i].href ? p->rdfa[i].href : p->rdfa[i].value,
                       p->rdfa[i].line, p->rdfa[i].block);
    for (i = 0; i < cx->jsonld.licenses_len; i++)
        scan_value(cx, EVIDENCE_JSONLD, cx->jsonld.licenses[i], cx->jsonld_line,
                   HTML_NO_BLOCK);
}

/* True when block NB is a notice next to block B under the same parent
 * ("Republished from X." followed by "Licence: CC BY 4.0"). */
static bool
notice_sibling(const struct detect_ctx *cx, size_t b, size_t nb)
{
    const struct html_page *p = cx->page;

    return nb < p->blocks_len && cx->notice_block[nb] &&
           p->blocks[nb].parent == p->blocks[b].parent &&
           p->blocks[nb].region == p->blocks[b].region;
}

static enum statement_scope
scope_of(const struct detect_ctx *cx, const struct license_statement *s)
{
    const struct html_page *p = cx->page;
    size_t b = s->block;

    if (b == HTML_NO_BLOCK)
        return SCOPE_PAGE;
    if (cx->notice_block[b] ||
        (s->role == ROLE_CLAIM &&
         (notice_sibling(cx, b, b - 1) || notice_sibling(cx, b, b + 1))))
        return SCOPE_NOTICE;
    switch (p->blocks[b].region) {
    case HTML_REGION_MAIN:
    case HTML_REGION_BODY:
        return SCOPE_ARTICLE;
    default:
        return p->blocks[b].in_main ? SCOPE_ARTICLE : SCOPE_PAGE;
    }
}

void
detect_licenses(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    size_t i;

    for (i = 0; i < p->links_len; i++)
        scan_link(cx, &p->links[i]);
    for (i = 0; i < p->blocks_len; i++)
        if (p->blocks[i].len > 0)
            scan_block_text(cx, i);
    scan_metadata(cx);
    for (i = 0; i < cx->a->licenses_len; i++)
        cx->a->licenses[i].scope = scope_of(cx, &cx->a->licenses[i]);
}
