/* SPDX-License-Identifier: MIT */
/*
 * detect: runs the detectors over one page and decides which licence
 * statement applies: a claim in the attribution notice, else the
 * article's own, else the page-wide one.  A page that only mentions
 * several licences (an explainer) has none.  See detect.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "url.h"
#include "xalloc.h"

#define EXCERPT_MAX 160
#define SHORT_BLOCK 240 /* characters, not bytes: Thai counts as English */

char *
detect_resolve(const struct detect_ctx *cx, const char *href)
{
    if (href == NULL || *href == '\0')
        return NULL;
    if (strncmp(href, "//", 2) != 0 && url_is_http(href))
        return xstrdup(href);
    if (cx->base == NULL)
        return NULL;
    return url_resolve(cx->base, href);
}

void
detect_add_evidence(struct evidence **v, size_t *len, enum evidence_kind kind,
                    unsigned line, const char *excerpt, size_t excerpt_len)
{
    struct evidence *e;
    size_t n = excerpt_len;

    if (*len >= DETECT_MAX_EVIDENCE)
        return;
    if (n > EXCERPT_MAX) {
        n = EXCERPT_MAX;
        while (n > 0 && ((unsigned char)excerpt[n] & 0xc0) == 0x80)
            n--; /* never cut a UTF-8 sequence in two */
    }
    *v = xreallocarray(*v, *len + 1, sizeof **v);
    e = &(*v)[(*len)++];
    e->kind = kind;
    e->line = line;
    e->excerpt = xstrndup(excerpt, n);
}

const char *
evidence_kind_name(enum evidence_kind k)
{
    switch (k) {
    case EVIDENCE_LINK:
        return "link";
    case EVIDENCE_TEXT:
        return "text";
    case EVIDENCE_RDFA:
        return "rdfa";
    case EVIDENCE_JSONLD:
        return "jsonld";
    case EVIDENCE_META:
        return "meta";
    }
    return "text";
}

static int
by_line(const void *pa, const void *pb)
{
    const struct license_statement *a = pa, *b = pb;

    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    return a->span_start < b->span_start ? -1 : a->span_start > b->span_start;
}

/* The first claim in SCOPE, or DETECT_NONE. */
static size_t
first_claim(const struct analysis *a, enum statement_scope scope)
{
    size_t i;

    for (i = 0; i < a->licenses_len; i++)
        if (a->licenses[i].role == ROLE_CLAIM && a->licenses[i].scope == scope)
            return i;
    return DETECT_NONE;
}

/* Marks a conflict when another claim about the same content disagrees:
 * within the notice, or (outside it) anywhere in article and page. */
static void
find_conflict(struct analysis *a)
{
    const struct license_statement *app = &a->licenses[a->applicable];
    size_t i;

    if (app->conflict) {
        a->conflict = true;
        a->conflict_with = a->applicable;
        return;
    }
    for (i = 0; i < a->licenses_len; i++) {
        const struct license_statement *s = &a->licenses[i];

        if (i == a->applicable || s->role != ROLE_CLAIM ||
            (app->scope == SCOPE_NOTICE) != (s->scope == SCOPE_NOTICE))
            continue;
        if (!cc_license_compatible(&app->lic, &s->lic)) {
            a->conflict = true;
            a->conflict_with = i;
            return;
        }
    }
}

/* Without claims, a page whose mentions agree on one licence and stand
 * in a short block (a label, a tag) has that licence; mentions of
 * several licences make an explainer. */
static void
choose_from_mentions(const struct detect_ctx *cx, struct analysis *a)
{
    size_t i, first = DETECT_NONE;

    for (i = 0; i < a->licenses_len; i++) {
        const struct license_statement *s = &a->licenses[i];

        if (s->role != ROLE_MENTION)
            continue;
        if (first == DETECT_NONE) {
            first = i;
        } else if (!cc_license_compatible(&a->licenses[first].lic, &s->lic)) {
            a->explainer = true;
            return;
        }
    }
    if (first != DETECT_NONE &&
        (a->licenses[first].block == HTML_NO_BLOCK ||
         cx->page->blocks[a->licenses[first].block].chars < SHORT_BLOCK))
        a->applicable = first;
}

static void
choose_applicable(const struct detect_ctx *cx, struct analysis *a)
{
    static const enum statement_scope order[] = {SCOPE_NOTICE, SCOPE_ARTICLE,
                                                 SCOPE_PAGE};
    size_t i;

    a->applicable = DETECT_NONE;
    a->conflict_with = DETECT_NONE;
    for (i = 0; i < 3 && a->applicable == DETECT_NONE; i++)
        a->applicable = first_claim(a, order[i]);
    if (a->applicable == DETECT_NONE)
        choose_from_mentions(cx, a);
    if (a->applicable != DETECT_NONE)
        find_conflict(a);
}

/* A soft 404: the title or a heading says the page was not found. */
static bool
says_not_found(struct detect_ctx *cx)
{
    const struct html_page *p = cx->page;
    size_t b;

    if (p->title != NULL && rules_scan(cx->rules, RULE_NOTFOUND, p->title,
                                       strlen(p->title), &cx->hits) > 0)
        return true;
    for (b = 0; b < p->blocks_len; b++) {
        const struct html_block *blk = &p->blocks[b];

        if (blk->tag[0] == 'h' && (blk->tag[1] == '1' || blk->tag[1] == '2') &&
            blk->tag[2] == '\0' &&
            rules_scan(cx->rules, RULE_NOTFOUND, blk->text, blk->len,
                       &cx->hits) > 0)
            return true;
    }
    return false;
}

static void
ctx_init(struct detect_ctx *cx, const struct rules *rules,
         const struct html_page *page, const char *page_url,
         struct analysis *out)
{
    size_t n = page->blocks_len ? page->blocks_len : 1, i;
    struct ac_err err;

    memset(cx, 0, sizeof *cx);
    cx->rules = rules;
    cx->page = page;
    cx->a = out;
    cx->page_url = page_url;
    cx->base = page_url ? xstrdup(page_url) : NULL;
    if (page->base_href != NULL) {
        char *b = detect_resolve(cx, page->base_href);

        if (b != NULL) {
            free(cx->base);
            cx->base = b;
        }
    }
    cx->claim_block = xcalloc(n, sizeof *cx->claim_block);
    cx->other_block = xcalloc(n, sizeof *cx->other_block);
    cx->notice_block = xcalloc(n, sizeof *cx->notice_block);
    cx->license_link = xcalloc(n, sizeof *cx->license_link);
    for (i = 0; i < page->jsonld_len; i++)
        if (jsonld_extract(page->jsonld[i].text, strlen(page->jsonld[i].text),
                           &cx->jsonld, &err) == AC_OK &&
            cx->jsonld_line == 0)
            cx->jsonld_line = page->jsonld[i].line;
}

static void
ctx_free(struct detect_ctx *cx)
{
    free(cx->base);
    free(cx->claim_block);
    free(cx->other_block);
    free(cx->notice_block);
    free(cx->license_link);
    rules_hits_free(&cx->hits);
    rules_hits_free(&cx->shape_hits);
    free(cx->own_host);
    jsonld_info_free(&cx->jsonld);
}

void
detect_page(const struct rules *rules, const struct html_page *page,
            const char *page_url, struct analysis *out)
{
    struct detect_ctx cx;

    memset(out, 0, sizeof *out);
    out->notice_block = DETECT_NONE;
    ctx_init(&cx, rules, page, page_url, out);
    detect_cues(&cx);
    detect_licenses(&cx);
    if (out->licenses_len > 1)
        qsort(out->licenses, out->licenses_len, sizeof *out->licenses, by_line);
    detect_source(&cx);
    detect_creator(&cx);
    choose_applicable(&cx, out);
    out->not_found = says_not_found(&cx);
    out->blocks_len = page->blocks_len;
    out->notice_blocks = cx.notice_block; /* handed over, not copied */
    cx.notice_block = NULL;
    ctx_free(&cx);
}

static void
evidence_free(struct evidence *v, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        free(v[i].excerpt);
    free(v);
}

void
analysis_free(struct analysis *a)
{
    size_t i;

    if (a == NULL)
        return;
    for (i = 0; i < a->licenses_len; i++) {
        free(a->licenses[i].url);
        evidence_free(a->licenses[i].evidence, a->licenses[i].evidence_len);
    }
    free(a->licenses);
    if (a->source != NULL) {
        free(a->source->url);
        free(a->source->credit);
        evidence_free(a->source->evidence, a->source->evidence_len);
        free(a->source);
    }
    free(a->notice_blocks);
    free(a->copied_credit);
    free(a->creator);
    free(a->title);
    free(a->lang);
    memset(a, 0, sizeof *a);
}
