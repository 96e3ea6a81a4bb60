/* SPDX-License-Identifier: MIT */
/*
 * html_page: what elements add to a struct html_page: links (<a>, <area>,
 * <link>, <img>), metas, the document's lang, title, base and canonical
 * URL, JSON-LD scripts; html_page_free; and the attribute and string
 * helpers the html*.c files share.  It does not resolve URLs or decide
 * which element is which: html.c does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "textnorm.h"
#include "xalloc.h"

static size_t
add_link(struct html_state *st, const struct html_frame *f, const char *href,
         const unsigned char **atts)
{
    struct html_page *p = st->page;
    struct html_link *l;
    const char *rel = html_util_attr(atts, "rel");
    size_t b = html_block_cur(st, f);

    st->page->links = html_util_grow(p->links, p->links_len, &st->links_cap,
                                     sizeof(*p->links));
    l = &p->links[p->links_len];
    memset(l, 0, sizeof(*l));
    l->href = html_util_trim_dup(href);
    l->rel = rel != NULL ? html_util_lower_dup(rel) : NULL;
    l->in_head = f->in_head;
    l->line = html_util_tag_line(st);
    l->block = b;
    l->start = l->end = b == HTML_NONE ? 0 : st->blocks[b].sb.len;
    return p->links_len++;
}

struct html_collector *
html_page_open_link(struct html_state *st)
{
    size_t i;

    for (i = st->ncols; i > 0; i--)
        if (st->cols[i - 1].kind == HTML_COL_LINK)
            return &st->cols[i - 1];
    return NULL;
}

void
html_page_img(struct html_state *st, const struct html_frame *f,
              const unsigned char **atts)
{
    const char *src = html_util_attr(atts, "src");
    const char *alt = html_util_attr(atts, "alt");
    struct html_collector *c = html_page_open_link(st);
    struct html_link *l;
    size_t i;

    if (src == NULL)
        return;
    i = add_link(st, f, src, atts); /* may move page->links */
    l = &st->page->links[i];
    l->is_img = true;
    l->text = textnorm_dup(alt != NULL ? alt : "");
    if (c == NULL) {
        st->lead = HTML_LEAD_MEDIA; /* a link's image is a button */
        return;
    }
    l = &st->page->links[c->first];
    if (l->img_src == NULL)
        l->img_src = html_util_trim_dup(src);
    if (c->alt == NULL && alt != NULL)
        c->alt = textnorm_dup(alt);
}

void
html_page_anchor(struct html_state *st, struct html_frame *f,
                 const unsigned char **atts)
{
    const char *href = html_util_attr(atts, "href"), *alt;
    struct html_page *p = st->page;
    enum html_kind k = f->tag->kind;
    size_t i;

    if (href == NULL)
        return;
    i = add_link(st, f, href, atts);
    if (k == HTML_K_A) {
        if (!html_block_col_open(st, HTML_COL_LINK, i, 1))
            p->links[i].text = xstrdup("");
        return;
    }
    alt = html_util_attr(atts, "alt");
    p->links[i].text = textnorm_dup(k == HTML_K_AREA && alt ? alt : "");
    if (k == HTML_K_LINK && p->canonical == NULL && p->links[i].rel != NULL &&
        strstr(p->links[i].rel, "canonical") != NULL)
        p->canonical = xstrdup(p->links[i].href);
}

static void
do_meta(struct html_state *st, const unsigned char **atts)
{
    static const char *const keys[] = {"name", "property", "http-equiv",
                                       "itemprop"};
    const char *content = html_util_attr(atts, "content"), *key = NULL;
    struct html_page *p = st->page;
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && key == NULL; i++)
        key = html_util_attr(atts, keys[i]);
    if (key == NULL || content == NULL)
        return;
    p->metas = html_util_grow(p->metas, p->metas_len, &st->metas_cap,
                              sizeof(*p->metas));
    p->metas[p->metas_len].name = html_util_lower_dup(key);
    p->metas[p->metas_len].content = xstrdup(content);
    p->metas[p->metas_len].line = html_util_tag_line(st);
    p->metas_len++;
}

void
html_page_document(struct html_state *st, struct html_frame *f,
                   const unsigned char **atts)
{
    const char *v;

    switch (f->tag->kind) {
    case HTML_K_HTML:
        v = html_util_attr(atts, "lang");
        if (v == NULL)
            v = html_util_attr(atts, "xml:lang");
        if (v != NULL && st->page->lang == NULL)
            st->page->lang = html_util_lower_dup(v);
        break;
    case HTML_K_TITLE:
        f->title = true;
        if (!st->title_done)
            st->title_done = html_block_col_open(st, HTML_COL_TITLE, 0, 0);
        break;
    case HTML_K_BASE:
        v = html_util_attr(atts, "href");
        if (v != NULL && st->page->base_href == NULL)
            st->page->base_href = html_util_trim_dup(v);
        break;
    case HTML_K_META:
        do_meta(st, atts);
        break;
    default:
        break;
    }
}

void
html_page_jsonld(struct html_state *st)
{
    struct html_page *p = st->page;

    p->jsonld = html_util_grow(p->jsonld, p->jsonld_len, &st->jsonld_cap,
                               sizeof(*p->jsonld));
    p->jsonld[p->jsonld_len].text = xstrdup(strbuf_str(&st->script));
    p->jsonld[p->jsonld_len++].line = st->script_line;
    strbuf_release(&st->script);
}

void
html_page_free(struct html_page *page)
{
    size_t i;

    if (page == NULL)
        return;
    for (i = 0; i < page->blocks_len; i++) {
        free(page->blocks[i].text);
        free(page->blocks[i].tag);
        free(page->blocks[i].code);
    }
    for (i = 0; i < page->links_len; i++) {
        free(page->links[i].href);
        free(page->links[i].text);
        free(page->links[i].rel);
        free(page->links[i].img_src);
    }
    for (i = 0; i < page->metas_len; i++) {
        free(page->metas[i].name);
        free(page->metas[i].content);
    }
    for (i = 0; i < page->rdfa_len; i++) {
        free(page->rdfa[i].property);
        free(page->rdfa[i].value);
        free(page->rdfa[i].href);
    }
    for (i = 0; i < page->jsonld_len; i++)
        free(page->jsonld[i].text);
    free(page->blocks);
    free(page->links);
    free(page->metas);
    free(page->rdfa);
    free(page->jsonld);
    free(page->lang);
    free(page->title);
    free(page->base_href);
    free(page->canonical);
    memset(page, 0, sizeof(*page));
}
