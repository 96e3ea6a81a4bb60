/* SPDX-License-Identifier: MIT */
/*
 * detect_source: the attribution notice.  Finds the blocks that say the
 * text was copied or credit an original ("gekopieerd van", "originally
 * published at"), the URL of that original (the notice's link, a bare URL
 * in its text, ccREL dct:source, JSON-LD isBasedOn), the name it credits,
 * and the page's own creator and title.  A link back to the page itself,
 * to another page of its own site, to a licence deed or to an XML
 * namespace is never the source; a web-archive link is the page it keeps.
 * Which cues make a notice is detect_shape.c's business.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "textnorm.h"
#include "url.h"
#include "webarchive.h"
#include "xalloc.h"

#define SHORT_BLOCK 240 /* characters, not bytes: Thai counts as English */
#define CREDIT_MAX  80
#define NAME_WORDS  6   /* words in a name credited without a URL */
#define PROSE_BLOCK 120 /* a later block this long is running text */

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

static bool links_own_site(struct detect_ctx *cx, size_t b, size_t from);

/* Whether block B claims a licence for this text, or only for other
 * content ("every photo in our library is free to use under CC0"). */
static void
claims(struct detect_ctx *cx, size_t b)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t i,
        n = rules_scan(cx->rules, RULE_CLAIM, blk->text, blk->len, &cx->hits);

    for (i = 0; i < n; i++) {
        size_t at = cx->hits.v[i].start, end = cx->hits.v[i].end;

        if (detect_in_code(blk, at, end))
            continue;
        if (detect_about_other(cx, b, at))
            cx->other_block[b] = true;
        else
            cx->claim_block[b] = true;
    }
    if (cx->claim_block[b])
        cx->other_block[b] = false;
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
        claims(cx, b);
        if (detect_notice_hits(cx, RULE_COPIED, b, &cx->hits) > 0 &&
            !links_own_site(cx, b, cx->hits.v[0].start)) {
            cx->notice_block[b] = true;
            if (!a->copied) {
                a->copied = true;
                a->copied_line = p->blocks[b].line;
            }
        }
        if (detect_notice_hits(cx, RULE_SOURCE, b, &cx->hits) > 0)
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

/* The host of URL, lower case and without "www.", or NULL. */
static char *
site_of(const char *url)
{
    struct url u;
    char *h = NULL;

    if (url == NULL || !url_is_http(url) || !url_parse(url, &u))
        return NULL;
    if (u.host != NULL)
        h = xstrdup(u.host + (strncasecmp(u.host, "www.", 4) == 0 ? 4 : 0));
    url_free(&u);
    for (char *p = h; p != NULL && *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    return h;
}

static const char *
meta_named(const struct html_page *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->metas_len; i++)
        if (strcmp(p->metas[i].name, name) == 0)
            return p->metas[i].content;
    return NULL;
}

/* The page's own site: its URL's host, else (a saved file) the host of
 * its og:url, else of its canonical URL; "" when none is known. */
static const char *
own_host(struct detect_ctx *cx)
{
    char *h;

    if (cx->own_host != NULL)
        return cx->own_host;
    h = site_of(cx->page_url);
    if (h == NULL)
        h = site_of(meta_named(cx->page, "og:url"));
    if (h == NULL && cx->page->canonical != NULL) {
        char *canon = detect_resolve(cx, cx->page->canonical);

        h = site_of(canon);
        free(canon);
    }
    cx->own_host = h != NULL ? h : xstrdup("");
    return cx->own_host;
}

/* True when URL is on the page's own site: a credit of the site itself
 * ("Originally published on <this site>") is not a republication.  A
 * saved page known only by its canonical URL may be a syndicated copy
 * whose canonical is the original: a link to exactly that is kept. */
static bool
is_own_site(struct detect_ctx *cx, const char *url)
{
    const char *own = own_host(cx);
    char *site = site_of(url);
    bool same = site != NULL && *own != '\0' && strcmp(site, own) == 0;

    free(site);
    if (same && !url_is_http(cx->page_url ? cx->page_url : "") &&
        meta_named(cx->page, "og:url") == NULL && cx->page->canonical != NULL) {
        char *canon = detect_resolve(cx, cx->page->canonical);

        same = !same_url(url, canon);
        free(canon);
    }
    return same;
}

/* An XML namespace or vocabulary URL names a vocabulary, not a page. */
static bool
is_namespace(const char *url)
{
    static const char *const ns[] = {
        "www.w3.org/1999/",       "www.w3.org/2000/",
        "www.w3.org/1998/",       "www.w3.org/2001/xmlschema",
        "www.w3.org/2002/07/owl", "www.w3.org/2004/02/skos/",
        "www.w3.org/ns/",         "www.w3.org/xml/1998/namespace",
        "purl.org/dc/",           "creativecommons.org/ns",
        "xmlns.com/foaf/",        "ogp.me/ns",
        "rdfs.org/sioc/ns",       "schemas.xmlsoap.org/",
        "schemas.microsoft.com/", "www.opengis.net/"};
    const char *p = strstr(url, "://");
    size_t i;

    p = p != NULL ? p + 3 : url;
    for (i = 0; i < sizeof ns / sizeof ns[0]; i++)
        if (strncasecmp(p, ns[i], strlen(ns[i])) == 0)
            return true;
    return false;
}

/* An absolute http(s) URL that may be a source, or NULL. */
static char *
source_candidate(struct detect_ctx *cx, const char *href)
{
    struct cc_license lic;
    char *abs = detect_resolve(cx, href), *inner;
    enum cc_url_kind k;

    if ((inner = webarchive_unwrap(abs)) != NULL) {
        free(abs);
        abs = inner;
    }
    k = abs ? ccurl_parse(abs, &lic) : CC_URL_NOT_CC;
    /* a licence is never the source; a post on creativecommons.org is */
    if (abs == NULL || !url_is_http(abs) ||
        (k != CC_URL_NOT_CC && k != CC_URL_OTHER) || is_self(cx, abs) ||
        is_namespace(abs) || is_own_site(cx, abs)) {
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

    if (strncasecmp(t, "this ", 5) == 0) /* "this question": a description */
        return true;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(t, words[i]) == 0)
            return true;
    return false;
}

/* True when S starts with a letter of a script without case (Han, kana,
 * Hangul, Arabic, Hebrew, Thai ...): a name there has no capital to show
 * that it is one. */
static bool
uncased_start(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;

    if (u[0] < 0xC0 || u[1] == '\0')
        return false;
    if (u[0] < 0xE0)
        cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    else if (u[0] < 0xF0 && u[2] != '\0')
        cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    else
        return u[0] >= 0xF0; /* beyond the BMP: Han extensions */
    /* not Latin, Greek or Cyrillic, nor punctuation, symbols or the
     * full-width forms */
    return cp >= 0x0590 && !(cp >= 0x1E00 && cp < 0x3040) &&
           !(cp >= 0xFF00 && cp < 0xFF66);
}

/* Where a name in an uncased script ends: at a space or at the
 * full-width full stop, comma or colon. */
static bool
uncased_stop(const char *e)
{
    static const char *const stops[] = {"\xe3\x80\x82", "\xef\xbc\x8c",
                                        "\xe3\x80\x81", "\xef\xbc\x9b",
                                        "\xef\xbc\x9a"}; /* 。，、；： */
    size_t i;

    if (*e == ' ')
        return true;
    for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
        if (strncmp(e, stops[i], 3) == 0)
            return true;
    return false;
}

/* The name a notice credits: the source link's text when it is a name,
 * else the words after the cue ("van de Kennisland-website" ->
 * "Kennisland", "本文来源：新京报 2024-05-10" -> "新京报"). */
static char *
credit_from(const char *text, size_t from, size_t to, const char *link_text)
{
    static const char *const drop[] = {"de ",  "het ", "the ", "der ", "die ",
                                       "das ", "la ",  "le ",  "el ",  "les "};
    const char *s = text + from, *e = text + to;
    size_t i;
    bool uncased;

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
    uncased = uncased_start(s);
    for (e = s; *e != '\0' && e < text + to && !strchr(".,;:()", *e) &&
                !(uncased && uncased_stop(e));
         e++)
        ;
    while (e > s && e[-1] == ' ')
        e--;
    if ((size_t)(e - s) > 8 && strncasecmp(e - 8, "-website", 8) == 0)
        e -= 8;
    else if ((size_t)(e - s) > 8 && strncasecmp(e - 8, " website", 8) == 0)
        e -= 8;
    if (e == s || (size_t)(e - s) > CREDIT_MAX ||
        !(isupper((unsigned char)*s) || uncased))
        return NULL;
    return xstrndup(s, (size_t)(e - s));
}

struct found {
    char *url;
    const struct html_link *link; /* NULL for a bare URL */
    size_t at;                    /* where the URL or link starts */
};

/* The best source link in block B at or after offset FROM, starting by
 * UPTO: an article rather than a home page when the notice links both. */
static bool
link_after(struct detect_ctx *cx, size_t b, size_t from, size_t upto,
           struct found *f)
{
    const struct html_page *p = cx->page;
    size_t i;

    memset(f, 0, sizeof *f);
    for (i = 0; i < p->links_len; i++) {
        const struct html_link *l = &p->links[i];
        char *u;

        if (l->block != b || l->is_img || l->end <= from || l->start > upto)
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

/* True when the URL at AT stands in brackets after a short name that
 * starts at FROM: "Source: The Guardian (https://...)", Markdown's
 * "Source : [Title](https://...)". */
static bool
in_parens_after(const char *text, size_t from, size_t at)
{
    return at > from && text[at - 1] == '(' && at - from <= CREDIT_MAX &&
           memchr(text + from, '.', at - from) == NULL;
}

static bool
url_after(struct detect_ctx *cx, size_t b, size_t from, size_t upto,
          struct found *f)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t at, end;
    char *u;

    if (link_after(cx, b, from, upto, f))
        return true;
    /* bare URLs that may be a source (a deed is skipped): an article
     * rather than a home page when the notice gives both */
    while ((u = bare_url(blk->text, from, &at, &end)) != NULL) {
        char *c = source_candidate(cx, u);

        from = end > at ? end : at + 1;
        free(u);
        if (at > upto && !in_parens_after(blk->text, upto, at)) {
            free(c);
            break;
        }
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
    if (fb == b && f->at < h->start) /* a link before the cue: a name? */
        s->credit = f->link && isupper((unsigned char)f->link->text[0])
                        ? credit_from(blk->text, 0, 0, f->link->text)
                        : NULL;
    else
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

/* The best source link in block B that ends before offset TO and that
 * the cue refers back to ("<a>this thread</a>, which she first posted
 * on a forum"). */
static bool
link_before(struct detect_ctx *cx, size_t b, size_t to, struct found *f)
{
    const struct html_page *p = cx->page;
    const struct html_link *best = NULL;
    size_t i;

    memset(f, 0, sizeof *f);
    for (i = 0; i < p->links_len; i++) {
        const struct html_link *l = &p->links[i];

        if (l->block == b && !l->is_img && l->end > l->start && l->end <= to)
            best = l;
    }
    if (best == NULL ||
        !detect_refers_back(cx, p->blocks[b].text, best->end, to) ||
        (f->url = source_candidate(cx, best->href)) == NULL)
        return false;
    f->link = best;
    f->at = best->start;
    return true;
}

/* The name after a label that credits no URL ("Fonte: Lusa"), when the
 * label's block is nothing but that credit and stands after the running
 * text, as a wire copy's credit does; else NULL. */
static char *
name_only_credit(const struct detect_ctx *cx, size_t b,
                 const struct rules_hit *h)
{
    const struct html_page *p = cx->page;
    const struct html_block *blk = &p->blocks[b];
    const char *s = blk->text + h->end;
    size_t len, words = 1, i;

    const char *stop;

    while (*s == ' ')
        s++;
    stop = strstr(s, ". "); /* the name's sentence; others may follow */
    len = stop != NULL ? (size_t)(stop - s) : strlen(s);
    while (len > 0 && strchr(". ", s[len - 1]) != NULL)
        len--;
    if (len == 0 || len > CREDIT_MAX || strcmp(blk->tag, "td") == 0 ||
        strcmp(blk->tag, "th") == 0 || ispunct((unsigned char)*s) ||
        isdigit((unsigned char)*s) || strstr(s, "://") != NULL ||
        strncasecmp(s, "www.", 4) == 0)
        return NULL; /* a URL that is no source is no name either */
    for (i = 0; i < len; i++)
        words += s[i] == ' ';
    /* a name: capitalised ("Lusa", "ANP") or one word ("dpa") */
    if (words > NAME_WORDS || (words > 1 && islower((unsigned char)*s)))
        return NULL;
    for (i = b + 1; i < p->blocks_len; i++)
        if (p->blocks[i].len >= PROSE_BLOCK && !p->blocks[i].hidden &&
            p->blocks[i].in_main == blk->in_main &&
            p->blocks[i].region == blk->region)
            return NULL; /* more running text follows: a caption, a box */
    return xstrndup(s, len);
}

/* True when a link in block B after offset FROM goes to the page itself
 * or its own site: the notice is the site crediting itself. */
static bool
links_own_site(struct detect_ctx *cx, size_t b, size_t from)
{
    const struct html_page *p = cx->page;
    size_t i;

    for (i = 0; i < p->links_len; i++) {
        const struct html_link *l = &p->links[i];
        char *abs;
        bool own;

        if (l->block != b || l->is_img || l->end <= from)
            continue;
        abs = detect_resolve(cx, l->href);
        own = abs != NULL && (is_self(cx, abs) || is_own_site(cx, abs));
        free(abs);
        if (own)
            return true;
    }
    return false;
}

#define SITE_NAME_MIN 3 /* characters in a site name compared */

/* How a credited name may match a site name: only whole, also when the
 * name goes on after it ("人民网-文化频道" for "人民网"), or also when
 * the site name goes on ("中国地理学会" for "中国地理学会官网"). */
enum name_match { NAME_WHOLE, NAME_LONGER, NAME_EITHER };

/* True when NAME (LEN bytes) names SITE (SLEN bytes) as HOW allows; a
 * prefix counts only from SITE_NAME_MIN characters. */
static bool
same_name(const char *name, size_t len, const char *site, size_t slen,
          enum name_match how)
{
    if (slen == 0)
        return false;
    if (len == slen)
        return strncasecmp(name, site, len) == 0;
    if (len > slen && how != NAME_WHOLE &&
        textnorm_chars(site, slen) >= SITE_NAME_MIN)
        return strncasecmp(name, site, slen) == 0;
    return len < slen && how == NAME_EITHER &&
           textnorm_chars(name, len) >= SITE_NAME_MIN &&
           strncasecmp(name, site, len) == 0;
}

/* True when NAME names one of the parts of S cut at SEPS: a page title's
 * "headline_channel_site" (the first part, a headline, is never matched
 * by a name that stops short of it) or a host's labels. */
static bool
names_part(const char *name, size_t len, const char *s, const char *seps,
           enum name_match how)
{
    enum name_match first = how == NAME_EITHER ? NAME_LONGER : how;

    for (bool at_first = true; s != NULL && *s != '\0'; at_first = false) {
        size_t n = strcspn(s, seps);

        while (n > 0 && s[n - 1] == ' ')
            n--;
        if (same_name(name, len, s, n, at_first ? first : how))
            return true;
        s += strcspn(s, seps);
        s += strspn(s, seps);
    }
    return false;
}

/* True when NAME is the holder of a copyright line in the page's footer
 * ("Copyright © 2019 观察者 All rights reserved"). */
static bool
names_holder(const struct html_page *p, const char *name, size_t len)
{
    size_t b;

    for (b = 0; b < p->blocks_len; b++) {
        const char *t = p->blocks[b].text, *c;

        if (p->blocks[b].region != HTML_REGION_FOOTER ||
            (c = strstr(t, "\xc2\xa9")) == NULL) /* "©" */
            continue;
        c += 2;
        c += strspn(c, " 0123456789-,");
        if (same_name(name, len, c, strcspn(c, " ,.|"), NAME_EITHER))
            return true;
    }
    return false;
}

/* True when the name a credit gives without a URL, at TEXT, is the page's
 * own site: "本站" (this site), or its name as the page's title, its
 * og:site_name, its host or its footer's copyright line give it
 * ("来源：新华网" on a page titled "..-新华网", "Źródło: Onet" on
 * onet.pl).  The site crediting itself is
 * no republication. */
static bool
credits_own_site(struct detect_ctx *cx, const char *text)
{
    static const char title_seps[] = "_-|";
    const char *site = meta_named(cx->page, "og:site_name");
    size_t len;

    text += strspn(text, " :");
    if (strncmp(text, "\xef\xbc\x9a", 3) == 0) /* "：" */
        text += 3;
    text += strspn(text, " ");
    len = strcspn(text, " ,.;()<>\"|");
    if (len == 0)
        return false;
    if (detect_heads(cx, RULE_SELF, text, len))
        return true;
    return names_part(text, len, cx->page->title, title_seps, NAME_EITHER) ||
           (site != NULL &&
            names_part(text, len, site, title_seps, NAME_EITHER)) ||
           names_part(text, len, own_host(cx), ".", NAME_WHOLE) ||
           names_holder(cx->page, text, len);
}

/* A notice whose cue gives no URL: "originally published by X", or a
 * wire copy's "Quelle: dpa".  Marks the page copied without a source. */
static void
credit_without_url(struct detect_ctx *cx, size_t b,
                   const struct rules_hits *hits)
{
    const struct html_block *blk = &cx->page->blocks[b];
    char *name = NULL;
    size_t i;

    if ((cx->a->copied && cx->a->copied_credit != NULL) ||
        links_own_site(cx, b, hits->v[0].start))
        return;
    for (i = 0; i < hits->len; i++)
        if (credits_own_site(cx, blk->text + hits->v[i].end))
            return;
    for (i = 0; i < hits->len && name == NULL; i++) {
        const struct rules_hit *h = &hits->v[i];

        if (strcmp(h->value, "label") != 0)
            name = credit_from(blk->text, h->end, blk->len, NULL);
        else if (h->start == 0 && (name = name_only_credit(cx, b, h)) == NULL)
            continue;
        if (name == NULL && strcmp(h->value, "label") != 0)
            name = xstrdup(""); /* a phrase naming no one we can read */
    }
    if (name == NULL)
        return;
    if (!cx->a->copied) {
        cx->a->copied = true;
        cx->a->copied_line = blk->line;
    }
    if (*name != '\0' && cx->a->copied_credit == NULL)
        cx->a->copied_credit = name;
    else
        free(name);
}

/* Sets the source found for hit H, unless the notice names the site
 * itself and links a home page ("来源：<a href=//culture.example.cn/>
 * 人民网-文化频道</a>" on 人民网: a channel of the site crediting itself). */
static void
take_source(struct detect_ctx *cx, size_t b, const struct rules_hit *h,
            struct found *f, size_t fb)
{
    if (f->link != NULL && url_is_home_page(f->url) &&
        credits_own_site(cx, f->link->text)) {
        free(f->url);
        return;
    }
    set_source(cx, b, h, f, fb);
}

/* Where the thing a label credits must start ("Source: <a>X</a>",
 * "来源：<a>新京报</a>"): right after it; "来源: 证券市场红周刊 <a>举报</a>"
 * credits a name, and the later link is something else.  SIZE_MAX for a
 * hit that is no label. */
static size_t
label_credits(const struct html_block *blk, const struct rules_hit *h)
{
    const char *t = blk->text;
    size_t at = h->end;
    bool label = strcmp(h->value, "label") == 0 ||
                 (h->end > h->start && t[h->end - 1] == ':') ||
                 (h->end >= h->start + 3 &&
                  memcmp(t + h->end - 3, "\xef\xbc\x9a", 3) == 0); /* "：" */

    if (!label)
        return SIZE_MAX;
    while (at < blk->len && strchr(" ([\"'", t[at]) != NULL)
        at++;
    return at;
}

/* Looks for the source in notice block B (or the short block after it,
 * or a link the cue refers back to). */
static bool
source_in_block(struct detect_ctx *cx, size_t b)
{
    const struct html_page *p = cx->page;
    struct rules_hits hits = {0};
    struct found f;
    size_t i, n;
    bool done = false;

    n = detect_notice_hits(cx, RULE_SOURCE, b, &hits);
    if (n == 0)
        n = detect_notice_hits(cx, RULE_COPIED, b, &hits);
    for (i = 0; i < n && !done; i++) {
        size_t upto = label_credits(&p->blocks[b], &hits.v[i]);

        if (url_after(cx, b, hits.v[i].start, upto, &f)) {
            take_source(cx, b, &hits.v[i], &f, b);
            done = true;
        } else if (i + 1 == n && b + 1 < p->blocks_len &&
                   (upto == SIZE_MAX || upto == p->blocks[b].len) &&
                   p->blocks[b + 1].chars < SHORT_BLOCK &&
                   p->blocks[b + 1].parent == p->blocks[b].parent &&
                   p->blocks[b + 1].region == p->blocks[b].region &&
                   url_after(cx, b + 1, 0, SIZE_MAX, &f)) {
            take_source(cx, b, &hits.v[i], &f, b + 1);
            done = true;
        } else if (strcmp(hits.v[i].value, "label") != 0 &&
                   link_before(cx, b, hits.v[i].start, &f)) {
            take_source(cx, b, &hits.v[i], &f, b);
            done = true;
        }
    }
    if (!done && n > 0)
        credit_without_url(cx, b, &hits);
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

/* <meta name="original-source"> on an original names the page itself:
 * its canonical URL or og:url. */
static bool
names_itself(struct detect_ctx *cx, const char *value)
{
    char *canon = cx->page->canonical != NULL
                      ? detect_resolve(cx, cx->page->canonical)
                      : NULL;
    bool self = same_url(value, canon) ||
                same_url(value, meta_named(cx->page, "og:url"));

    free(canon);
    return self;
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
            (strcmp(p->metas[i].name, "original-source") == 0 &&
             !names_itself(cx, p->metas[i].content)))
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

/* True when block B names a licence: a claim, a rel="license" link or a
 * licence statement of the page's text. */
static bool
names_license(const struct detect_ctx *cx, size_t b)
{
    size_t i;

    if (cx->claim_block[b] || cx->license_link[b])
        return true;
    for (i = 0; i < cx->a->licenses_len; i++)
        if (cx->a->licenses[i].block == b &&
            cx->a->licenses[i].role == ROLE_CLAIM)
            return true;
    return false;
}

void
detect_source(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    const char *name;
    size_t b;
    int pass;

    /* a notice that names a licence next to its link ("a copy of <a>this
     * question</a>, license: CC BY-SA 3.0") first, then any other
     * ("Source: <a>a book</a>" in the text) */
    for (pass = 0; pass < 2 && cx->a->source == NULL; pass++)
        for (b = 0; b < p->blocks_len && cx->a->source == NULL; b++)
            if (cx->notice_block[b] && (pass == 1) != names_license(cx, b))
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
