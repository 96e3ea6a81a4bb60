/* SPDX-License-Identifier: MIT */
/*
 * html: runs libxml2's HTML parser in SAX mode over UTF-8 text and builds
 * a struct html_page from the events: text blocks, links, metas, RDFa,
 * JSON-LD.  No tree is built, so memory stays near the size of the
 * output and nothing recurses; our element stack is a heap array cut at
 * HTML_MAX_DEPTH.  This file keeps the element stack and what needs the
 * parser; html_block.c, html_page.c and html_rdfa.c build the output.
 * It does not resolve URLs or judge any content.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "html.h"
#include "html_int.h"
#include "strbuf.h"

#define HTML_MAX_DEPTH 1024 /* deeper elements are transparent */

#define F_BLOCK 1u
#define F_SKIP  2u
#define F_MAIN  4u  /* sets in_main */
#define F_CODE  8u  /* its text is an example: code, pre */
#define F_FIG   16u /* a figure, its caption, a table caption */
#define F_QUOTE 32u /* a quotation */
#define F_WIDG  64u /* a dialog: a tool, not the page's text */

/* Sorted by name for bsearch. */
static const struct html_tag tags[] = {
    {"a", HTML_K_A, 0, HTML_REGION_BODY},
    {"address", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"area", HTML_K_AREA, 0, HTML_REGION_BODY},
    {"article", HTML_K_OTHER, F_BLOCK | F_MAIN, HTML_REGION_MAIN},
    {"aside", HTML_K_OTHER, F_BLOCK, HTML_REGION_ASIDE},
    {"base", HTML_K_BASE, 0, HTML_REGION_BODY},
    {"blockquote", HTML_K_OTHER, F_BLOCK | F_QUOTE, HTML_REGION_BODY},
    {"body", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"br", HTML_K_BR, 0, HTML_REGION_BODY},
    {"caption", HTML_K_OTHER, F_BLOCK | F_FIG, HTML_REGION_BODY},
    {"center", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"code", HTML_K_OTHER, F_CODE, HTML_REGION_BODY},
    {"dd", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"details", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dialog", HTML_K_OTHER, F_BLOCK | F_WIDG, HTML_REGION_BODY},
    {"div", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dl", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dt", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"fieldset", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"figcaption", HTML_K_OTHER, F_BLOCK | F_FIG, HTML_REGION_BODY},
    {"figure", HTML_K_OTHER, F_BLOCK | F_FIG, HTML_REGION_BODY},
    {"footer", HTML_K_OTHER, F_BLOCK, HTML_REGION_FOOTER},
    {"form", HTML_K_OTHER, F_BLOCK, HTML_REGION_FORM},
    {"h1", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h2", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h3", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h4", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h5", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h6", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"head", HTML_K_HEAD, 0, HTML_REGION_BODY},
    {"header", HTML_K_OTHER, F_BLOCK, HTML_REGION_HEADER},
    {"hgroup", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"hr", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"html", HTML_K_HTML, 0, HTML_REGION_BODY},
    {"iframe", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"img", HTML_K_IMG, 0, HTML_REGION_BODY},
    {"kbd", HTML_K_OTHER, F_CODE, HTML_REGION_BODY},
    {"legend", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"li", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"link", HTML_K_LINK, 0, HTML_REGION_BODY},
    {"listing", HTML_K_OTHER, F_BLOCK | F_CODE, HTML_REGION_BODY},
    {"main", HTML_K_OTHER, F_BLOCK | F_MAIN, HTML_REGION_MAIN},
    {"math", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"menu", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"meta", HTML_K_META, 0, HTML_REGION_BODY},
    {"nav", HTML_K_OTHER, F_BLOCK, HTML_REGION_NAV},
    {"noscript", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"object", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"ol", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"p", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"pre", HTML_K_OTHER, F_BLOCK | F_CODE, HTML_REGION_BODY},
    {"samp", HTML_K_OTHER, F_CODE, HTML_REGION_BODY},
    {"script", HTML_K_SCRIPT, F_SKIP, HTML_REGION_BODY},
    {"section", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"select", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"style", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"summary", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"svg", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"table", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"td", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"template", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"textarea", HTML_K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"th", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"title", HTML_K_TITLE, 0, HTML_REGION_BODY},
    {"tr", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"ul", HTML_K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"xmp", HTML_K_OTHER, F_BLOCK | F_CODE, HTML_REGION_BODY},
};

/* One parse: the working state the builders see, and the parser. */
struct parse {
    struct html_state st; /* first, so that &st is the struct parse */
    htmlParserCtxtPtr ctxt;
};

static int
tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct html_tag *)elem)->name);
}

static const struct html_tag *
tag_find(const xmlChar *name)
{
    return bsearch(name, tags, sizeof(tags) / sizeof(tags[0]), sizeof(tags[0]),
                   tag_cmp);
}

/* Copies where the parser is into ST at each parser event, so that
 * html_util.c can tell lines without libxml2. */
static void
sync_pos(struct html_state *st)
{
    xmlParserInputPtr in = ((const struct parse *)st)->ctxt->input;

    st->in_base = in != NULL ? in->base : NULL;
    st->in_cur = in != NULL ? in->cur : NULL;
    st->in_line = in != NULL ? in->line : 0;
}

static void
on_text(void *ud, const xmlChar *xch, int xlen)
{
    struct html_state *st = ud;
    const char *ch = (const char *)xch;
    size_t len = xlen > 0 ? (size_t)xlen : 0;
    struct html_frame *f;

    sync_pos(st);
    if (st->nframes == 0 || len == 0)
        return;
    f = &st->frames[st->nframes - 1];
    if (f->jsonld) {
        strbuf_add(&st->script, ch, len);
        return;
    }
    if (f->skip)
        return;
    if (!f->title && f->owner != HTML_NONE)
        html_block_text(st, st->nframes - 1, ch, len);
    html_block_col_text(st, ch, len);
}

static bool
is_jsonld(const xmlChar **atts)
{
    const char *t = html_util_attr(atts, "type");
    static const char want[] = "application/ld+json";
    size_t n = sizeof(want) - 1;

    if (t == NULL)
        return false;
    while (html_is_space(*t))
        t++;
    if (strncasecmp(t, want, n) != 0)
        return false;
    t += n;
    while (html_is_space(*t))
        t++;
    return *t == '\0' || *t == ';';
}

/* hidden (except hidden=until-found) or an inline display:none. */
static bool
is_hidden(const xmlChar **atts)
{
    const char *h = html_util_attr(atts, "hidden");
    const char *s = html_util_attr(atts, "style");
    char buf[256];
    size_t n = 0;

    if (h != NULL && strcasecmp(h, "until-found") != 0)
        return true;
    for (; s != NULL && *s != '\0' && n + 1 < sizeof(buf); s++)
        if (!html_is_space(*s))
            buf[n++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    buf[n] = '\0';
    return strstr(buf, "display:none") != NULL;
}

static bool
has_word(const char *s, const char *word)
{
    return s != NULL && strcasestr(s, word) != NULL;
}

/* A dialog, pop-up or modal: by role (dialog, alertdialog, tooltip,
 * menu), aria-modal, or a class or id that names one.  Its text is a
 * tool (a share box, a "republish this story" form), not the page's. */
static bool
is_widget(const xmlChar **atts)
{
    static const char *const roles[] = {"dialog", "alertdialog", "tooltip",
                                        "menu", "menubar"};
    static const char *const words[] = {
        "modal", "popup", "pop-up", "dialog", "lightbox", "overlay", "tooltip"};
    const char *role = html_util_attr(atts, "role");
    const char *modal = html_util_attr(atts, "aria-modal");
    size_t i;

    for (i = 0; role != NULL && i < sizeof(roles) / sizeof(roles[0]); i++)
        if (strcasecmp(role, roles[i]) == 0)
            return true;
    if (modal != NULL && strcasecmp(modal, "true") == 0)
        return true;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (has_word(html_util_attr(atts, "class"), words[i]) ||
            has_word(html_util_attr(atts, "id"), words[i]))
            return true;
    return false;
}

/* The flags an element passes on to everything inside it. */
static void
set_context(struct html_frame *f, const xmlChar **atts)
{
    unsigned fl = f->tag != NULL ? f->tag->flags : 0;

    f->code |= (fl & F_CODE) != 0;
    f->figure |= (fl & F_FIG) != 0;
    f->quote |= (fl & F_QUOTE) != 0;
    f->widget |= (fl & F_WIDG) != 0 || is_widget(atts);
}

/* Applies role=, the element's own region and footer-ish id/class. */
static void
set_region(struct html_frame *f, const xmlChar **atts)
{
    static const struct {
        const char *role;
        enum html_region region;
    } roles[] = {
        {"main", HTML_REGION_MAIN},
        {"article", HTML_REGION_MAIN},
        {"banner", HTML_REGION_HEADER},
        {"navigation", HTML_REGION_NAV},
        {"contentinfo", HTML_REGION_FOOTER},
        {"complementary", HTML_REGION_ASIDE},
        {"form", HTML_REGION_FORM},
    };
    const char *role = html_util_attr(atts, "role");
    size_t i;

    if (f->tag != NULL && (f->tag->flags & F_MAIN))
        f->in_main = true;
    for (i = 0; role != NULL && i < sizeof(roles) / sizeof(roles[0]); i++) {
        if (strcasecmp(role, roles[i].role) == 0) {
            f->region = roles[i].region;
            f->in_main |= roles[i].region == HTML_REGION_MAIN;
            return;
        }
    }
    if (f->tag != NULL && f->tag->region != HTML_REGION_BODY)
        f->region = f->tag->region;
    else if ((f->tag == NULL || f->tag->kind == HTML_K_OTHER) &&
             (has_word(html_util_attr(atts, "id"), "footer") ||
              has_word(html_util_attr(atts, "class"), "footer")) &&
             (f->tag == NULL || strcmp(f->tag->name, "body") != 0))
        f->region = HTML_REGION_FOOTER;
}

/* Everything a visible element contributes, once its frame is pushed. */
static void
element(struct html_state *st, size_t fi, const xmlChar **atts)
{
    struct html_frame *f = &st->frames[fi];
    enum html_kind k = f->tag != NULL ? f->tag->kind : HTML_K_OTHER;

    html_rdfa_scan_prefixes(st, atts);
    set_region(f, atts);
    if (f->tag != NULL && (f->tag->flags & F_BLOCK))
        html_block_open(st, fi);
    if (k == HTML_K_BR && f->owner != HTML_NONE) {
        st->blocks[html_block_cur(st, f)].space = true;
        html_block_col_break(st);
    } else if (k == HTML_K_A || k == HTML_K_AREA || k == HTML_K_LINK) {
        html_page_anchor(st, f, atts);
    } else if (k == HTML_K_IMG) {
        html_page_img(st, f, atts);
    } else if (f->tag != NULL) {
        html_page_document(st, f, atts);
    }
    html_rdfa_element(st, f, atts);
}

/* Notes a media element starting (F) or a list or table of the text
 * ending (ENDING): the next block's text may be its caption or the
 * source of its data.  Menus (nav, header) and a link's image are no
 * such content. */
static void
note_lead(struct html_state *st, const xmlChar *name,
          const struct html_frame *f, bool ending)
{
    static const char *const media[] = {"audio",  "canvas",  "embed", "iframe",
                                        "object", "picture", "svg",   "video"};
    const char *n = (const char *)name;
    size_t i;

    if (f->region != HTML_REGION_BODY && f->region != HTML_REGION_MAIN)
        return;
    if (ending) {
        if (strcasecmp(n, "ol") == 0 || strcasecmp(n, "ul") == 0 ||
            strcasecmp(n, "dl") == 0)
            st->lead = HTML_LEAD_LIST;
        else if (strcasecmp(n, "table") == 0)
            st->lead = HTML_LEAD_TABLE;
        return;
    }
    for (i = 0; i < sizeof media / sizeof media[0]; i++)
        if (strcasecmp(n, media[i]) == 0 && html_page_open_link(st) == NULL)
            st->lead = HTML_LEAD_MEDIA;
}

static void
push_frame(struct html_state *st, const struct html_frame *f)
{
    st->frames = html_util_grow(st->frames, st->nframes, &st->frames_cap,
                                sizeof(*st->frames));
    st->frames[st->nframes++] = *f;
}

static void
on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    struct html_state *st = ud;
    struct html_frame f;

    sync_pos(st);
    if (name == NULL) /* as in on_end */
        name = (const xmlChar *)"";
    st->any_element = true;
    if (st->nframes == HTML_MAX_DEPTH) {
        st->overflow++;
        return;
    }
    if (st->nframes > 0) {
        f = st->frames[st->nframes - 1];
        f.need_new = f.jsonld = false;
    } else {
        memset(&f, 0, sizeof(f));
        f.owner = HTML_NONE;
    }
    f.tag = tag_find(name);
    f.cols = st->ncols;
    f.prefixes = st->nprefixes;
    if (f.tag != NULL && f.tag->kind == HTML_K_HEAD)
        f.in_head = true;
    if (f.tag != NULL && f.tag->kind == HTML_K_SCRIPT && is_jsonld(atts)) {
        f.jsonld = f.skip = true;
        st->script_line = html_util_tag_line(st);
        strbuf_truncate(&st->script, 0);
    } else if (f.tag != NULL && (f.tag->flags & F_SKIP)) {
        f.skip = true;
    } else if (is_hidden(atts)) {
        /* a hidden block is a collapsed panel or a pop-up: kept, marked;
         * hidden inline text (inside words, say) is dropped */
        if (f.tag != NULL && (f.tag->flags & F_BLOCK))
            f.hidden = true;
        else
            f.skip = true;
    }
    set_context(&f, atts);
    if (!f.hidden && !f.in_head)
        note_lead(st, name, &f, false);
    push_frame(st, &f);
    if (!f.skip)
        element(st, st->nframes - 1, atts);
}

static void
on_end(void *ud, const xmlChar *name)
{
    struct html_state *st = ud;
    struct html_frame *f;

    sync_pos(st);
    /* libxml2 reports ends strictly nested, but names an end NULL when
     * 2.9 stops on an encoding error, or when finish() closes what a cut
     * page left open: no tag of ours */
    if (name == NULL)
        name = (const xmlChar *)"";
    if (st->overflow > 0) {
        st->overflow--;
        return;
    }
    if (st->nframes == 0)
        return;
    f = &st->frames[st->nframes - 1];
    if (!f->skip && !f->hidden && !f->in_head)
        note_lead(st, name, f, true);
    if (f->jsonld)
        html_page_jsonld(st);
    while (st->ncols > f->cols)
        html_block_col_close(st);
    html_rdfa_pop_prefixes(st, f->prefixes);
    if (f->owner == st->nframes - 1)
        html_block_close(st, f);
    st->nframes--;
}

/* Swallows libxml2's structured errors: repairs are not our errors. */
static void
on_error(void *ud, xmlErrorPtr error)
{
    (void)ud;
    (void)error;
}

/* Closes what the parser left open and frees the working state. */
static void
finish(struct html_state *st)
{
    while (st->nframes > 0 || st->overflow > 0)
        on_end(st, NULL);
    while (st->ncols > 0)
        html_block_col_close(st);
    html_block_finish(st);
    free(st->blocks);
    free(st->frames);
    free(st->prefixes);
    strbuf_release(&st->script);
}

static void
sax_init(xmlSAXHandler *sax)
{
    memset(sax, 0, sizeof(*sax));
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_text;
    sax->cdataBlock = on_text;
    sax->initialized = XML_SAX2_MAGIC;
    sax->serror = on_error;
}

enum ac_status
html_parse(const char *utf8, size_t len, struct html_page *page,
           struct ac_err *err)
{
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                     HTML_PARSE_IGNORE_ENC;
    struct parse ps;
    enum ac_status rc = AC_OK;

    memset(page, 0, sizeof(*page));
    memset(&ps, 0, sizeof(ps));
    if (len > INT_MAX)
        return ac_err_set(err, AC_E_LIMIT, "page larger than %d bytes",
                          INT_MAX);
    if (len == 0)
        return ac_err_set(err, AC_E_NOTHTML, "empty document");
    if (html_max_attributes(utf8, len) > HTML_MAX_ATTRIBUTES)
        return ac_err_set(err, AC_E_COMPLEX,
                          "an element with more than %d attributes",
                          HTML_MAX_ATTRIBUTES);
    ps.ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
    if (ps.ctxt == NULL)
        return ac_err_set(err, AC_E_NOTHTML, "not an HTML document");
    ps.st.page = page;
    sax_init(ps.ctxt->sax);
    ps.ctxt->userData = &ps.st;
    htmlCtxtUseOptions(ps.ctxt, opts);
    /* Already UTF-8: a <meta charset> must not make libxml2 re-decode. */
    xmlSwitchEncoding(ps.ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ps.ctxt);
    finish(&ps.st);
    if (ps.ctxt->myDoc != NULL)
        xmlFreeDoc(ps.ctxt->myDoc);
    htmlFreeParserCtxt(ps.ctxt);
    if (!ps.st.any_element) {
        html_page_free(page);
        rc = ac_err_set(err, AC_E_NOTHTML, "not an HTML document");
    }
    return rc;
}

void
html_global_init(void)
{
    xmlInitParser();
}

void
html_global_cleanup(void)
{
    xmlCleanupParser();
}
