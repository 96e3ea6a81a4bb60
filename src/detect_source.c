/* SPDX-License-Identifier: MIT */
/*
 * detect_source: the attribution notice.  Finds the blocks that say the
 * text was copied or credit an original ("gekopieerd van", "originally
 * published at"), the URL of that original (the notice's link, a bare URL
 * in its text, ccREL dct:source, JSON-LD isBasedOn), the name it credits,
 * and the page's own creator and title.  A link back to the page itself
 * or to a licence deed is never the source.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "url.h"
#include "xalloc.h"

#define SHORT_BLOCK 240 /* characters, not bytes: Thai counts as English */
#define CREDIT_MAX  80

static bool
block_has(struct detect_ctx *cx, enum rule_kind kind, size_t b)
{
    const struct html_block *blk = &cx->page->blocks[b];

    return rules_scan(cx->rules, kind, blk->text, blk->len, &cx->hits) > 0;
}

static bool
rel_has_license(const char *rel)
{
    const char *p = rel ? strstr(rel, "license") : NULL;

    return p != NULL && (p == rel || p[-1] == ' ') &&
           (p[7] == '\0' || p[7] == ' ');
}

void
detect_cues(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    struct analysis *a = cx->a;
    size_t b, i;

    for (i = 0; i < p->links_len; i++)
        if (p->links[i].block != HTML_NO_BLOCK &&
            rel_has_license(p->links[i].rel))
            cx->license_link[p->links[i].block] = true;
    for (b = 0; b < p->blocks_len; b++) {
        if (p->blocks[b].len == 0)
            continue;
        cx->claim_block[b] = block_has(cx, RULE_CLAIM, b);
        if (block_has(cx, RULE_COPIED, b)) {
            cx->notice_block[b] = true;
            if (!a->copied) {
                a->copied = true;
                a->copied_line = p->blocks[b].line;
            }
        }
        if (block_has(cx, RULE_SOURCE, b))
            cx->notice_block[b] = true;
        if (cx->notice_block[b] && block_has(cx, RULE_PERMISSION, b))
            a->permission = true;
        if (cx->notice_block[b] && block_has(cx, RULE_CHANGES, b))
            a->changes_noted = true;
    }
}

/* True when A and B are the same URL once normalised. */
static bool
same_url(const char *a, const char *b)
{
    char *na = a ? url_normalise(a) : NULL, *nb = b ? url_normalise(b) : NULL;
    bool same = na != NULL && nb != NULL && strcmp(na, nb) == 0;

    free(na);
    free(nb);
    return same;
}

/* True when A and B are http(s) URLs on the same host. */
static bool
same_host(const char *a, const char *b)
{
    struct url ua, ub;
    bool same = false;

    if (a == NULL || b == NULL || !url_parse(a, &ua))
        return false;
    if (url_parse(b, &ub)) {
        same = ua.host != NULL && ub.host != NULL &&
               strcmp(ua.host, ub.host) == 0 && url_is_http(a) &&
               url_is_http(b);
        url_free(&ub);
    }
    url_free(&ua);
    return same;
}

/* True when URL is the page itself: its own URL, its <base href> or its
 * canonical URL. */
static bool
is_self(const struct detect_ctx *cx, const char *url)
{
    char *canon = NULL;
    bool same;

    /* a canonical URL on another site is where a syndicated copy came
     * from, not the page itself; for a local file we cannot tell */
    if (cx->page->canonical != NULL)
        canon = detect_resolve(cx, cx->page->canonical);
    if (canon != NULL && !same_host(canon, cx->page_url)) {
        free(canon);
        canon = NULL;
    }
    same = same_url(url, cx->page_url) || same_url(url, cx->base) ||
           same_url(url, canon);
    free(canon);
    return same;
}

/* An absolute http(s) URL that may be a source, or NULL. */
static char *
source_candidate(const struct detect_ctx *cx, const char *href)
{
    struct cc_license lic;
    char *abs = detect_resolve(cx, href);
    enum cc_url_kind k = abs ? ccurl_parse(abs, &lic) : CC_URL_NOT_CC;

    /* a licence is never the source; a post on creativecommons.org is */
    if (abs == NULL || !url_is_http(abs) ||
        (k != CC_URL_NOT_CC && k != CC_URL_OTHER) || is_self(cx, abs)) {
        free(abs);
        return NULL;
    }
    return abs;
}

/* Finds a bare URL ("https://...", "www...") in TEXT from offset FROM;
 * *AT and *END get where it starts and ends in TEXT. */
static char *
bare_url(const char *text, size_t from, size_t *at, size_t *end)
{
    const char *p = text + from, *s, *e;

    for (; *p != '\0'; p++) {
        if (strncasecmp(p, "http://", 7) != 0 &&
            strncasecmp(p, "https://", 8) != 0 &&
            !(strncasecmp(p, "www.", 4) == 0 &&
              (p == text || !isalnum((unsigned char)p[-1]))))
            continue;
        s = p;
        e = s;
        while (*e != '\0' && !isspace((unsigned char)*e) && *e != '<' &&
               *e != '>' && *e != '"' && *e != '\'')
            e++;
        while (e > s && strchr(".,;:!?)]", e[-1]) != NULL)
            e--;
        *at = (size_t)(s - text);
        *end = (size_t)(e - text);
        if (strncasecmp(s, "www.", 4) == 0) {
            char *host = xstrndup(s, (size_t)(e - s));
            char *u = xasprintf("http://%s", host);

            free(host);
            return u;
        }
        return xstrndup(s, (size_t)(e - s));
    }
    return NULL;
}

/* Words that make a link text a label rather than a name. */
static bool
is_generic_label(const char *t)
{
    static const char *const words[] = {"here",
                                        "hier",
                                        "original",
                                        "the original",
                                        "het origineel",
                                        "read the original",
                                        "lea el original",
                                        "link",
                                        "source",
                                        "bron",
                                        "quelle",
                                        "website",
                                        "site",
                                        "ici",
                                        "aquí",
                                        "qui"};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(t, words[i]) == 0)
            return true;
    return false;
}

/* The name a notice credits: the source link's text when it is a name,
 * else the words after the cue ("van de Kennisland-website" ->
 * "Kennisland"). */
static char *
credit_from(const char *text, size_t from, size_t to, const char *link_text)
{
    static const char *const drop[] = {"de ",  "het ", "the ", "der ", "die ",
                                       "das ", "la ",  "le ",  "el ",  "les "};
    const char *s = text + from, *e = text + to;
    size_t i;

    if (link_text != NULL && *link_text != '\0' &&
        strstr(link_text, "://") == NULL && strncasecmp(link_text, "www.", 4) &&
        !is_generic_label(link_text) && strlen(link_text) <= CREDIT_MAX)
        return xstrdup(link_text);
    while (s < e && *s == ' ')
        s++;
    for (i = 0; i < sizeof drop / sizeof drop[0]; i++)
        if ((size_t)(e - s) > strlen(drop[i]) &&
            strncasecmp(s, drop[i], strlen(drop[i])) == 0)
            s += strlen(drop[i]);
    for (e = s; *e != '\0' && e < text + to && !strchr(".,;:()", *e); e++)
        ;
    while (e > s && e[-1] == ' ')
        e--;
    if ((size_t)(e - s) > 8 && strncasecmp(e - 8, "-website", 8) == 0)
        e -= 8;
    else if ((size_t)(e - s) > 8 && strncasecmp(e - 8, " website", 8) == 0)
        e -= 8;
    if (e == s || (size_t)(e - s) > CREDIT_MAX || !isupper((unsigned char)*s))
        return NULL;
    return xstrndup(s, (size_t)(e - s));
}

struct found {
    char *url;
    const struct html_link *link; /* NULL for a bare URL */
    size_t at;                    /* where the URL or link starts */
};

/* The best source link in block B at or after offset FROM: an article
 * rather than a home page when the notice links both. */
static bool
link_after(const struct detect_ctx *cx, size_t b, size_t from, struct found *f)
{
    const struct html_page *p = cx->page;
    size_t i;

    memset(f, 0, sizeof *f);
    for (i = 0; i < p->links_len; i++) {
        const struct html_link *l = &p->links[i];
        char *u;

        if (l->block != b || l->is_img || l->end <= from)
            continue;
        if ((u = source_candidate(cx, l->href)) == NULL)
            continue;
        if (f->url == NULL ||
            (url_is_home_page(f->url) && !url_is_home_page(u))) {
            free(f->url);
            f->url = u;
            f->link = l;
            f->at = l->start;
        } else {
            free(u);
        }
    }
    return f->url != NULL;
}

static bool
url_after(const struct detect_ctx *cx, size_t b, size_t from, struct found *f)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t at, end;
    char *u;

    if (link_after(cx, b, from, f))
        return true;
    /* bare URLs that may be a source (a deed is skipped): an article
     * rather than a home page when the notice gives both */
    while ((u = bare_url(blk->text, from, &at, &end)) != NULL) {
        char *c = source_candidate(cx, u);

        from = end > at ? end : at + 1;
        free(u);
        if (c != NULL && (f->url == NULL ||
                          (url_is_home_page(f->url) && !url_is_home_page(c)))) {
            free(f->url);
            f->url = c;
            f->at = at;
        } else {
            free(c);
        }
    }
    return f->url != NULL;
}

static void
set_source(struct detect_ctx *cx, size_t b, const struct rules_hit *h,
           struct found *f, size_t fb)
{
    const struct html_block *blk = &cx->page->blocks[b];
    struct source_credit *s = xcalloc(1, sizeof *s);
    size_t to = fb == b ? f->at : blk->len;

    s->url = f->url;
    s->credit =
        credit_from(blk->text, h->end, to, f->link ? f->link->text : NULL);
    s->block = b;
    s->line = f->link ? f->link->line : blk->line;
    detect_add_evidence(&s->evidence, &s->evidence_len, EVIDENCE_TEXT,
                        blk->line, blk->text + h->start, blk->len - h->start);
    detect_add_evidence(&s->evidence, &s->evidence_len,
                        f->link ? EVIDENCE_LINK : EVIDENCE_TEXT, s->line,
                        f->url, strlen(f->url));
    cx->a->source = s;
    cx->a->notice_block = b;
}

/* True when a hit is a phrase ("originally published by"), not a bare
 * label ("Source:"), which also heads captions and tables. */
static bool
phrase_cue(const char *text, const struct rules_hits *hits)
{
    size_t i;

    for (i = 0; i < hits->len; i++)
        if (memchr(text + hits->v[i].start, ' ',
                   hits->v[i].end - hits->v[i].start) != NULL)
            return true;
    return false;
}

/* Looks for the source in notice block B (or the short block after it). */
static bool
source_in_block(struct detect_ctx *cx, size_t b)
{
    const struct html_page *p = cx->page;
    struct rules_hits hits = {0};
    struct found f;
    size_t i, n;
    bool done = false;

    n = rules_scan(cx->rules, RULE_SOURCE, p->blocks[b].text, p->blocks[b].len,
                   &hits);
    if (n == 0)
        n = rules_scan(cx->rules, RULE_COPIED, p->blocks[b].text,
                       p->blocks[b].len, &hits);
    for (i = 0; i < n && !done; i++) {
        if (url_after(cx, b, hits.v[i].start, &f)) {
            set_source(cx, b, &hits.v[i], &f, b);
            done = true;
        } else if (i + 1 == n && b + 1 < p->blocks_len &&
                   p->blocks[b + 1].chars < SHORT_BLOCK &&
                   p->blocks[b + 1].parent == p->blocks[b].parent &&
                   p->blocks[b + 1].region == p->blocks[b].region &&
                   url_after(cx, b + 1, 0, &f)) {
            set_source(cx, b, &hits.v[i], &f, b + 1);
            done = true;
        }
    }
    if (!done && phrase_cue(p->blocks[b].text, &hits) && !cx->a->copied) {
        /* "originally published by X" with no link: a credit that
         * gives no URL of the original */
        cx->a->copied = true;
        cx->a->copied_line = p->blocks[b].line;
    }
    rules_hits_free(&hits);
    return done;
}

static void
source_from_value(struct detect_ctx *cx, enum evidence_kind kind,
                  const char *value, unsigned line, size_t block)
{
    struct source_credit *s;
    char *u = source_candidate(cx, value);

    if (u == NULL)
        return;
    s = xcalloc(1, sizeof *s);
    s->url = u;
    s->line = line;
    s->block = block;
    detect_add_evidence(&s->evidence, &s->evidence_len, kind, line, value,
                        strlen(value));
    cx->a->source = s;
}

static void
source_from_metadata(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    size_t i;

    for (i = 0; i < p->rdfa_len && cx->a->source == NULL; i++)
        if (strcmp(p->rdfa[i].property, "dct:source") == 0 && p->rdfa[i].href)
            source_from_value(cx, EVIDENCE_RDFA, p->rdfa[i].href,
                              p->rdfa[i].line, p->rdfa[i].block);
    for (i = 0; i < p->metas_len && cx->a->source == NULL; i++)
        if (strcmp(p->metas[i].name, "syndication-source") == 0 ||
            strcmp(p->metas[i].name, "original-source") == 0)
            source_from_value(cx, EVIDENCE_META, p->metas[i].content,
                              p->metas[i].line, HTML_NO_BLOCK);
    for (i = 0; i < cx->jsonld.based_on_len && cx->a->source == NULL; i++)
        source_from_value(cx, EVIDENCE_JSONLD, cx->jsonld.based_on[i],
                          cx->jsonld_line, HTML_NO_BLOCK);
}

static const char *
rdfa_value(const struct html_page *p, const char *property)
{
    size_t i;

    for (i = 0; i < p->rdfa_len; i++)
        if (strcmp(p->rdfa[i].property, property) == 0 &&
            p->rdfa[i].value != NULL && p->rdfa[i].value[0] != '\0')
            return p->rdfa[i].value;
    return NULL;
}

void
detect_source(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    const char *name;
    size_t b;

    for (b = 0; b < p->blocks_len && cx->a->source == NULL; b++)
        if (cx->notice_block[b])
            source_in_block(cx, b);
    if (cx->a->source == NULL)
        source_from_metadata(cx);
    if (cx->a->source != NULL && cx->a->source->credit == NULL &&
        (name = rdfa_value(p, "cc:attributionName")) != NULL)
        cx->a->source->credit = xstrdup(name);
}

static const char *
meta_value(const struct html_page *p, const char *const *names, size_t n)
{
    size_t i, j;

    for (j = 0; j < n; j++)
        for (i = 0; i < p->metas_len; i++)
            if (strcmp(p->metas[i].name, names[j]) == 0 &&
                p->metas[i].content[0] != '\0')
                return p->metas[i].content;
    return NULL;
}

/* The creator the page names for itself, strongest evidence first. */
static char *
find_creator(struct detect_ctx *cx, const struct jsonld_info *info)
{
    static const char *const author_metas[] = {
        "author", "dc.creator", "dcterms.creator", "article:author",
        "citation_author"};
    const char *v;

    if ((v = rdfa_value(cx->page, "cc:attributionName")) != NULL ||
        (v = rdfa_value(cx->page, "dct:creator")) != NULL)
        return xstrdup(v);
    if (info->authors_len > 0)
        return xstrdup(info->authors[0]);
    if ((v = meta_value(cx->page, author_metas, 5)) != NULL)
        return xstrdup(v);
    return NULL;
}

static char *
find_title(struct detect_ctx *cx, const struct jsonld_info *info)
{
    static const char *const title_metas[] = {"og:title", "dc.title",
                                              "dcterms.title"};
    const struct html_page *p = cx->page;
    const char *v;
    size_t b;

    if ((v = rdfa_value(p, "dct:title")) != NULL)
        return xstrdup(v);
    if ((v = meta_value(p, title_metas, 3)) != NULL)
        return xstrdup(v);
    if (info->headline != NULL)
        return xstrdup(info->headline);
    for (b = 0; b < p->blocks_len; b++)
        if (strcmp(p->blocks[b].tag, "h1") == 0 && p->blocks[b].len > 0)
            return xstrdup(p->blocks[b].text);
    return p->title ? xstrdup(p->title) : NULL;
}

void
detect_creator(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;

    cx->a->creator = find_creator(cx, &cx->jsonld);
    cx->a->title = find_title(cx, &cx->jsonld);
    cx->a->lang = p->lang ? xstrdup(p->lang) : NULL;
}
