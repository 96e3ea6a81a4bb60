/* SPDX-License-Identifier: MIT */
/*
 * html: runs libxml2's HTML parser in SAX mode over UTF-8 text and builds
 * a struct html_page from the events: text blocks, links, metas, RDFa,
 * JSON-LD.  No tree is built, so memory stays near the size of the
 * output and nothing recurses; our element stack is a heap array cut at
 * HTML_MAX_DEPTH.  It does not resolve URLs or judge any content.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "html.h"
#include "strbuf.h"
#include "textnorm.h"
#include "xalloc.h"

#define NONE           HTML_NO_BLOCK
#define HTML_MAX_DEPTH 1024        /* deeper elements are transparent */
#define MAX_COLLECTORS 16          /* nested link/RDFa/title texts */
#define COLLECT_MAX    (64 * 1024) /* bytes kept of one link's text */
#define LINE_SCAN_MAX  (1 << 20)   /* how far back to look for a '<' */

enum kind {
    K_OTHER,
    K_A,
    K_AREA,
    K_BASE,
    K_BR,
    K_HEAD,
    K_HTML,
    K_IMG,
    K_LINK,
    K_META,
    K_SCRIPT,
    K_TITLE
};

#define F_BLOCK 1u
#define F_SKIP  2u
#define F_MAIN  4u /* sets in_main */

struct tag {
    const char *name;
    enum kind kind;
    unsigned flags;
    enum html_region region;
};

/* Sorted by name for bsearch. */
static const struct tag tags[] = {
    {"a", K_A, 0, HTML_REGION_BODY},
    {"address", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"area", K_AREA, 0, HTML_REGION_BODY},
    {"article", K_OTHER, F_BLOCK | F_MAIN, HTML_REGION_MAIN},
    {"aside", K_OTHER, F_BLOCK, HTML_REGION_ASIDE},
    {"base", K_BASE, 0, HTML_REGION_BODY},
    {"blockquote", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"body", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"br", K_BR, 0, HTML_REGION_BODY},
    {"caption", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"center", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dd", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"details", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dialog", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"div", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dl", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"dt", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"fieldset", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"figcaption", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"figure", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"footer", K_OTHER, F_BLOCK, HTML_REGION_FOOTER},
    {"form", K_OTHER, F_BLOCK, HTML_REGION_FORM},
    {"h1", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h2", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h3", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h4", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h5", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"h6", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"head", K_HEAD, 0, HTML_REGION_BODY},
    {"header", K_OTHER, F_BLOCK, HTML_REGION_HEADER},
    {"hgroup", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"hr", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"html", K_HTML, 0, HTML_REGION_BODY},
    {"iframe", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"img", K_IMG, 0, HTML_REGION_BODY},
    {"legend", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"li", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"link", K_LINK, 0, HTML_REGION_BODY},
    {"main", K_OTHER, F_BLOCK | F_MAIN, HTML_REGION_MAIN},
    {"math", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"menu", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"meta", K_META, 0, HTML_REGION_BODY},
    {"nav", K_OTHER, F_BLOCK, HTML_REGION_NAV},
    {"noscript", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"object", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"ol", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"p", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"pre", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"script", K_SCRIPT, F_SKIP, HTML_REGION_BODY},
    {"section", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"select", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"style", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"summary", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"svg", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"table", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"td", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"template", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"textarea", K_OTHER, F_SKIP, HTML_REGION_BODY},
    {"th", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"title", K_TITLE, 0, HTML_REGION_BODY},
    {"tr", K_OTHER, F_BLOCK, HTML_REGION_BODY},
    {"ul", K_OTHER, F_BLOCK, HTML_REGION_BODY},
};

/* Vocabularies whose IRIs are shortened to a fixed prefix. */
static const struct {
    const char *iri;
    const char *prefix;
} vocabs[] = {
    {"http://creativecommons.org/ns#", "cc"},
    {"https://creativecommons.org/ns#", "cc"},
    {"http://purl.org/dc/terms/", "dct"},
    {"https://purl.org/dc/terms/", "dct"},
    {"http://purl.org/dc/elements/1.1/", "dct"},
    {"https://purl.org/dc/elements/1.1/", "dct"},
    {"http://www.w3.org/1999/xhtml/vocab#", "xhtml"},
};

/* One open element. */
struct frame {
    const struct tag *tag; /* NULL for elements we do not know */
    size_t owner;          /* frame of the nearest block element, or NONE */
    size_t block_orig;     /* block frames: the first block ... */
    size_t block_cur;      /* ... and the one text goes to now */
    size_t links_mark, rdfa_mark; /* lengths when the block opened */
    size_t cols;                  /* collectors open before this element */
    size_t prefixes;              /* prefix mappings before this element */
    enum html_region region;
    bool in_main, in_head, skip, title, jsonld;
    bool need_new; /* a child block started: later text is a new block */
};

/* A block while it is being filled. */
struct wblock {
    struct strbuf sb;
    bool space;
    unsigned line;
    enum html_region region;
    bool in_main;
    size_t parent;
    const char *tag; /* static, from tags[] */
};

enum col_kind { COL_LINK, COL_RDFA, COL_TITLE };

/* Gathers the normalised text of one element (a link, an RDFa value). */
struct collector {
    struct strbuf sb;
    bool space, got_text;
    enum col_kind kind;
    size_t first, count; /* link index, or RDFa entries */
    char *alt;           /* link: alt of the first img inside */
};

/* A prefix (lower case) bound to a known vocabulary; "" is vocab=. */
struct prefix {
    char *name;
    const char *vocab;
};

struct state {
    htmlParserCtxtPtr ctxt;
    struct html_page *page;
    struct frame *frames;
    size_t nframes, frames_cap, overflow;
    struct wblock *blocks;
    size_t nblocks, blocks_cap;
    size_t links_cap, metas_cap, rdfa_cap, jsonld_cap;
    struct collector cols[MAX_COLLECTORS];
    size_t ncols;
    struct prefix *prefixes;
    size_t nprefixes, prefixes_cap;
    struct strbuf script; /* the JSON-LD script being read */
    unsigned script_line;
    bool any_element, title_done;
};

static int
tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tag *)elem)->name);
}

static const struct tag *
tag_find(const xmlChar *name)
{
    return bsearch(name, tags, sizeof(tags) / sizeof(tags[0]), sizeof(tags[0]),
                   tag_cmp);
}

static const char *
attr(const xmlChar **atts, const char *name)
{
    size_t i;

    for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
        if (strcmp((const char *)atts[i], name) == 0)
            return atts[i + 1] != NULL ? (const char *)atts[i + 1] : "";
    return NULL;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A copy of S without leading and trailing HTML white space. */
static char *
trim_dup(const char *s)
{
    size_t n;

    while (is_space(*s))
        s++;
    n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static char *
lower_dup(const char *s)
{
    char *d = trim_dup(s), *p;

    for (p = d; *p != '\0'; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return d;
}

/* Grows ARRAY (of *CAP elements of SIZE) to hold LEN + 1. */
static void *
grow(void *array, size_t len, size_t *cap, size_t size)
{
    if (len < *cap)
        return array;
    *cap = *cap ? *cap * 2 : 16;
    return xreallocarray(array, *cap, size);
}

/* The source line where the current start tag began. */
static unsigned
tag_line(const struct state *st)
{
    xmlParserInputPtr in = st->ctxt->input;
    const xmlChar *p;
    long line;

    if (in == NULL || in->cur == NULL)
        return 0;
    line = in->line;
    for (p = in->cur; p > in->base && *p != '<' && in->cur - p < LINE_SCAN_MAX;
         p--)
        if (*p == '\n')
            line--;
    return line < 1 ? 1 : (unsigned)line;
}

/*
 * The line of the first visible character of CH[0..LEN): libxml2 reports
 * text once it has read all of it, so count back the newlines after it.
 */
static unsigned
text_line(const struct state *st, const char *ch, size_t len)
{
    long line = st->ctxt->input != NULL ? st->ctxt->input->line : 0;
    size_t i = 0;

    while (i < len && is_space(ch[i]))
        i++;
    for (; i < len; i++)
        if (ch[i] == '\n')
            line--;
    return line < 1 ? 1 : (unsigned)line;
}

static size_t
new_block(struct state *st, const char *tag, const struct frame *f,
          size_t parent)
{
    struct wblock *b;

    st->blocks =
        grow(st->blocks, st->nblocks, &st->blocks_cap, sizeof(*st->blocks));
    b = &st->blocks[st->nblocks];
    memset(b, 0, sizeof(*b));
    b->region = f->region;
    b->in_main = f->in_main;
    b->parent = parent;
    b->tag = tag;
    return st->nblocks++;
}

/* Marks a word break in every open collector (a block edge, <br>). */
static void
cols_break(struct state *st)
{
    size_t i;

    for (i = 0; i < st->ncols; i++)
        st->cols[i].space = true;
}

/* Tells the open collectors that the text landed in block B at
 * [BEFORE, AFTER); links track where their text sits in the block. */
static void
cols_track(struct state *st, size_t b, size_t before, size_t after)
{
    const char *buf = st->blocks[b].sb.buf;
    size_t i, k;

    for (i = 0; i < st->ncols; i++) {
        struct collector *c = &st->cols[i];

        if (after == before || c->kind == COL_TITLE)
            continue;
        if (c->kind == COL_RDFA && !c->got_text) {
            for (k = c->first; k < c->first + c->count; k++)
                st->page->rdfa[k].block = b;
        } else if (c->kind == COL_LINK) {
            struct html_link *l = &st->page->links[c->first];

            if (!c->got_text) {
                l->block = b;
                l->start = before + (before > 0 && buf[before] == ' ');
            }
            if (l->block == b)
                l->end = after;
        }
        c->got_text = true;
    }
}

/* Appends text to the block the frame at FI writes to, making a new
 * block first when a nested block ended since the last text. */
static void
block_text(struct state *st, size_t fi, const char *ch, size_t len)
{
    struct frame *o = &st->frames[st->frames[fi].owner];
    struct wblock *b;
    size_t before;

    if (o->need_new) {
        size_t parent = st->blocks[o->block_orig].parent;

        o->block_cur = new_block(st, o->tag->name, o, parent);
        o->need_new = false;
    }
    b = &st->blocks[o->block_cur];
    before = b->sb.len;
    textnorm_append(&b->sb, ch, len, &b->space);
    if (before == 0 && b->sb.len > 0)
        b->line = text_line(st, ch, len);
    cols_track(st, o->block_cur, before, b->sb.len);
}

static void
on_text(void *ud, const xmlChar *xch, int xlen)
{
    struct state *st = ud;
    const char *ch = (const char *)xch;
    size_t len = xlen > 0 ? (size_t)xlen : 0, i;
    struct frame *f;

    if (st->nframes == 0 || len == 0)
        return;
    f = &st->frames[st->nframes - 1];
    if (f->jsonld) {
        strbuf_add(&st->script, ch, len);
        return;
    }
    if (f->skip)
        return;
    if (!f->title && f->owner != NONE)
        block_text(st, st->nframes - 1, ch, len);
    for (i = 0; i < st->ncols; i++) {
        struct collector *c = &st->cols[i];

        if (c->sb.len < COLLECT_MAX)
            textnorm_append(&c->sb, ch, len, &c->space);
    }
}

/* Returns false when too many are open already. */
static bool
col_open(struct state *st, enum col_kind kind, size_t first, size_t count)
{
    struct collector *c;

    if (st->ncols == MAX_COLLECTORS)
        return false;
    c = &st->cols[st->ncols++];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->first = first;
    c->count = count;
    return true;
}

static void
col_close(struct state *st)
{
    struct collector *c = &st->cols[--st->ncols];
    struct html_page *p = st->page;
    size_t k;

    if (c->kind == COL_TITLE) {
        p->title = strbuf_detach(&c->sb);
    } else if (c->kind == COL_LINK) {
        /* An image link is named by its image (the accessible name). */
        if (c->sb.len == 0 && c->alt != NULL) {
            p->links[c->first].text = c->alt;
            c->alt = NULL;
        } else {
            p->links[c->first].text = strbuf_detach(&c->sb);
        }
    } else {
        for (k = c->first; k < c->first + c->count; k++)
            p->rdfa[k].value = xstrdup(strbuf_str(&c->sb));
    }
    free(c->alt);
    strbuf_release(&c->sb);
}

/* The block text would go to now from frame F, or NONE. */
static size_t
cur_block(const struct state *st, const struct frame *f)
{
    return f->owner == NONE ? NONE : st->frames[f->owner].block_cur;
}

static size_t
add_link(struct state *st, const struct frame *f, const char *href,
         const xmlChar **atts)
{
    struct html_page *p = st->page;
    struct html_link *l;
    const char *rel = attr(atts, "rel");
    size_t b = cur_block(st, f);

    st->page->links =
        grow(p->links, p->links_len, &st->links_cap, sizeof(*p->links));
    l = &p->links[p->links_len];
    memset(l, 0, sizeof(*l));
    l->href = trim_dup(href);
    l->rel = rel != NULL ? lower_dup(rel) : NULL;
    l->in_head = f->in_head;
    l->line = tag_line(st);
    l->block = b;
    l->start = l->end = b == NONE ? 0 : st->blocks[b].sb.len;
    return p->links_len++;
}

/* The innermost open link collector, or NULL. */
static struct collector *
open_link(struct state *st)
{
    size_t i;

    for (i = st->ncols; i > 0; i--)
        if (st->cols[i - 1].kind == COL_LINK)
            return &st->cols[i - 1];
    return NULL;
}

static void
do_img(struct state *st, const struct frame *f, const xmlChar **atts)
{
    const char *src = attr(atts, "src"), *alt = attr(atts, "alt");
    struct collector *c = open_link(st);
    struct html_link *l;
    size_t i;

    if (src == NULL)
        return;
    i = add_link(st, f, src, atts); /* may move page->links */
    l = &st->page->links[i];
    l->is_img = true;
    l->text = textnorm_dup(alt != NULL ? alt : "");
    if (c == NULL)
        return;
    l = &st->page->links[c->first];
    if (l->img_src == NULL)
        l->img_src = trim_dup(src);
    if (c->alt == NULL && alt != NULL)
        c->alt = textnorm_dup(alt);
}

/* <a>, <area>, <link>: one link each when there is an href. */
static void
do_anchor(struct state *st, struct frame *f, const xmlChar **atts)
{
    const char *href = attr(atts, "href"), *alt;
    struct html_page *p = st->page;
    size_t i;

    if (href == NULL)
        return;
    i = add_link(st, f, href, atts);
    if (f->tag->kind == K_A) {
        if (!col_open(st, COL_LINK, i, 1))
            p->links[i].text = xstrdup("");
        return;
    }
    alt = attr(atts, "alt");
    p->links[i].text = textnorm_dup(f->tag->kind == K_AREA && alt ? alt : "");
    if (f->tag->kind == K_LINK && p->canonical == NULL &&
        p->links[i].rel != NULL && strstr(p->links[i].rel, "canonical") != NULL)
        p->canonical = xstrdup(p->links[i].href);
}

static void
do_meta(struct state *st, const xmlChar **atts)
{
    static const char *const keys[] = {"name", "property", "http-equiv",
                                       "itemprop"};
    const char *content = attr(atts, "content"), *key = NULL;
    struct html_page *p = st->page;
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && key == NULL; i++)
        key = attr(atts, keys[i]);
    if (key == NULL || content == NULL)
        return;
    p->metas = grow(p->metas, p->metas_len, &st->metas_cap, sizeof(*p->metas));
    p->metas[p->metas_len].name = lower_dup(key);
    p->metas[p->metas_len].content = xstrdup(content);
    p->metas[p->metas_len].line = tag_line(st);
    p->metas_len++;
}

/* The vocabulary prefix for IRI[0..N), or NULL. */
static const char *
vocab_of(const char *iri, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++)
        if (strlen(vocabs[i].iri) == n && strncmp(vocabs[i].iri, iri, n) == 0)
            return vocabs[i].prefix;
    return NULL;
}

static void
push_prefix(struct state *st, const char *name, size_t n, const char *iri,
            size_t iri_n)
{
    const char *v = vocab_of(iri, iri_n);
    char *d;

    if (v == NULL)
        return;
    st->prefixes = grow(st->prefixes, st->nprefixes, &st->prefixes_cap,
                        sizeof(*st->prefixes));
    d = xstrndup(name, n);
    st->prefixes[st->nprefixes].name = d;
    for (; *d != '\0'; d++)
        if (*d >= 'A' && *d <= 'Z')
            *d = (char)(*d + 32);
    st->prefixes[st->nprefixes++].vocab = v;
}

/* Reads xmlns:NAME=, prefix="NAME: IRI ..." and vocab= of one element. */
static void
scan_prefixes(struct state *st, const xmlChar **atts)
{
    const char *s = attr(atts, "prefix"), *name, *iri;
    size_t i, n;

    for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];

        if (strncmp(a, "xmlns:", 6) == 0 && v != NULL)
            push_prefix(st, a + 6, strlen(a + 6), v, strlen(v));
        else if (strcmp(a, "vocab") == 0 && v != NULL)
            push_prefix(st, "", 0, v, strlen(v));
    }
    while (s != NULL && *s != '\0') {
        while (is_space(*s))
            s++;
        for (name = s; *s != '\0' && *s != ':' && !is_space(*s); s++)
            continue;
        if (*s != ':')
            break;
        n = (size_t)(s++ - name);
        while (is_space(*s))
            s++;
        for (iri = s; *s != '\0' && !is_space(*s); s++)
            continue;
        push_prefix(st, name, n, iri, (size_t)(s - iri));
    }
}

/* The vocabulary bound to prefix P[0..N) here, or NULL. */
static const char *
prefix_vocab(const struct state *st, const char *p, size_t n)
{
    size_t i;

    for (i = st->nprefixes; i > 0; i--) {
        const struct prefix *x = &st->prefixes[i - 1];

        if (strlen(x->name) == n && strncasecmp(x->name, p, n) == 0)
            return x->vocab;
    }
    return NULL;
}

/* Shortens one property/rel token T[0..N) as html.h describes. */
static char *
rdfa_name(const struct state *st, const char *t, size_t n)
{
    const char *colon = memchr(t, ':', n), *v;
    struct strbuf sb = STRBUF_INIT;
    size_t i, k;

    for (i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++) {
        k = strlen(vocabs[i].iri);
        if (n > k && strncmp(t, vocabs[i].iri, k) == 0)
            return xasprintf("%s:%.*s", vocabs[i].prefix, (int)(n - k), t + k);
    }
    k = colon != NULL ? (size_t)(colon - t) : 0;
    v = prefix_vocab(st, t, k);
    if (v != NULL)
        return xasprintf("%s:%.*s", v, (int)(n - k - (colon != NULL)),
                         t + k + (colon != NULL));
    for (i = 0; i < n; i++)
        strbuf_addc(&sb, (char)(i < k && t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32
                                                                    : t[i]));
    return strbuf_detach(&sb);
}

/* Adds one entry per token of LIST; CURIES_ONLY skips tokens without ':'. */
static void
rdfa_tokens(struct state *st, const char *list, bool curies_only,
            const xmlChar **atts, size_t block)
{
    const char *content = attr(atts, "content"), *href = attr(atts, "href");
    struct html_page *p = st->page;
    const char *t;
    size_t n;

    if (href == NULL)
        href = attr(atts, "resource");
    if (href == NULL)
        href = attr(atts, "src");
    while (list != NULL && *list != '\0') {
        while (is_space(*list))
            list++;
        for (t = list; *list != '\0' && !is_space(*list); list++)
            continue;
        n = (size_t)(list - t);
        if (n == 0 || (curies_only && memchr(t, ':', n) == NULL))
            continue;
        p->rdfa = grow(p->rdfa, p->rdfa_len, &st->rdfa_cap, sizeof(*p->rdfa));
        memset(&p->rdfa[p->rdfa_len], 0, sizeof(p->rdfa[0]));
        p->rdfa[p->rdfa_len].property = rdfa_name(st, t, n);
        p->rdfa[p->rdfa_len].value = content ? xstrdup(content) : NULL;
        p->rdfa[p->rdfa_len].href = href ? trim_dup(href) : NULL;
        p->rdfa[p->rdfa_len].line = tag_line(st);
        p->rdfa[p->rdfa_len++].block = block;
    }
}

static void
do_rdfa(struct state *st, const struct frame *f, const xmlChar **atts)
{
    size_t first = st->page->rdfa_len, b = cur_block(st, f);

    rdfa_tokens(st, attr(atts, "property"), false, atts, b);
    rdfa_tokens(st, attr(atts, "rel"), true, atts, b);
    if (st->page->rdfa_len > first && attr(atts, "content") == NULL &&
        !col_open(st, COL_RDFA, first, st->page->rdfa_len - first)) {
        for (; first < st->page->rdfa_len; first++)
            st->page->rdfa[first].value = xstrdup("");
    }
}

static bool
is_jsonld(const xmlChar **atts)
{
    const char *t = attr(atts, "type");
    static const char want[] = "application/ld+json";
    size_t n = sizeof(want) - 1;

    if (t == NULL)
        return false;
    while (is_space(*t))
        t++;
    if (strncasecmp(t, want, n) != 0)
        return false;
    t += n;
    while (is_space(*t))
        t++;
    return *t == '\0' || *t == ';';
}

/* hidden (except hidden=until-found) or an inline display:none. */
static bool
is_hidden(const xmlChar **atts)
{
    const char *h = attr(atts, "hidden"), *s = attr(atts, "style");
    char buf[256];
    size_t n = 0;

    if (h != NULL && strcasecmp(h, "until-found") != 0)
        return true;
    for (; s != NULL && *s != '\0' && n + 1 < sizeof(buf); s++)
        if (!is_space(*s))
            buf[n++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    buf[n] = '\0';
    return strstr(buf, "display:none") != NULL;
}

static bool
has_word(const char *s, const char *word)
{
    return s != NULL && strcasestr(s, word) != NULL;
}

/* Applies role=, the element's own region and footer-ish id/class. */
static void
set_region(struct frame *f, const xmlChar **atts)
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
    const char *role = attr(atts, "role");
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
    else if ((f->tag == NULL || f->tag->kind == K_OTHER) &&
             (has_word(attr(atts, "id"), "footer") ||
              has_word(attr(atts, "class"), "footer")) &&
             (f->tag == NULL || strcmp(f->tag->name, "body") != 0))
        f->region = HTML_REGION_FOOTER;
}

static void
open_block(struct state *st, size_t fi)
{
    struct frame *f = &st->frames[fi];
    size_t parent = NONE;

    if (f->owner != NONE) {
        st->frames[f->owner].need_new = true;
        parent = st->frames[f->owner].block_orig;
    }
    f->block_orig = f->block_cur = new_block(st, f->tag->name, f, parent);
    f->owner = fi;
    f->links_mark = st->page->links_len;
    f->rdfa_mark = st->page->rdfa_len;
    cols_break(st);
}

/* Head-only and document-wide elements: html, title, base, meta. */
static void
do_document(struct state *st, struct frame *f, const xmlChar **atts)
{
    const char *v;

    switch (f->tag->kind) {
    case K_HTML:
        v = attr(atts, "lang");
        if (v == NULL)
            v = attr(atts, "xml:lang");
        if (v != NULL && st->page->lang == NULL)
            st->page->lang = lower_dup(v);
        break;
    case K_TITLE:
        f->title = true;
        if (!st->title_done)
            st->title_done = col_open(st, COL_TITLE, 0, 0);
        break;
    case K_BASE:
        v = attr(atts, "href");
        if (v != NULL && st->page->base_href == NULL)
            st->page->base_href = trim_dup(v);
        break;
    case K_META:
        do_meta(st, atts);
        break;
    default:
        break;
    }
}

/* Everything a visible element contributes, once its frame is pushed. */
static void
element(struct state *st, size_t fi, const xmlChar **atts)
{
    struct frame *f = &st->frames[fi];
    enum kind k = f->tag != NULL ? f->tag->kind : K_OTHER;

    scan_prefixes(st, atts);
    set_region(f, atts);
    if (f->tag != NULL && (f->tag->flags & F_BLOCK))
        open_block(st, fi);
    if (k == K_BR && f->owner != NONE) {
        st->blocks[cur_block(st, f)].space = true;
        cols_break(st);
    } else if (k == K_A || k == K_AREA || k == K_LINK) {
        do_anchor(st, f, atts);
    } else if (k == K_IMG) {
        do_img(st, f, atts);
    } else if (f->tag != NULL) {
        do_document(st, f, atts);
    }
    do_rdfa(st, f, atts);
}

static void
push_frame(struct state *st, const struct frame *f)
{
    st->frames =
        grow(st->frames, st->nframes, &st->frames_cap, sizeof(*st->frames));
    st->frames[st->nframes++] = *f;
}

static void
on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
    struct state *st = ud;
    struct frame f;

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
        f.owner = NONE;
    }
    f.tag = tag_find(name);
    f.cols = st->ncols;
    f.prefixes = st->nprefixes;
    if (f.tag != NULL && f.tag->kind == K_HEAD)
        f.in_head = true;
    if (f.tag != NULL && f.tag->kind == K_SCRIPT && is_jsonld(atts)) {
        f.jsonld = f.skip = true;
        st->script_line = tag_line(st);
        strbuf_truncate(&st->script, 0);
    } else if ((f.tag != NULL && (f.tag->flags & F_SKIP)) || is_hidden(atts)) {
        f.skip = true;
    }
    push_frame(st, &f);
    if (!f.skip)
        element(st, st->nframes - 1, atts);
}

static void
end_jsonld(struct state *st)
{
    struct html_page *p = st->page;

    p->jsonld =
        grow(p->jsonld, p->jsonld_len, &st->jsonld_cap, sizeof(*p->jsonld));
    p->jsonld[p->jsonld_len].text = xstrdup(strbuf_str(&st->script));
    p->jsonld[p->jsonld_len++].line = st->script_line;
    strbuf_release(&st->script);
}

/* Drops the block frame F opened if it is the last one, empty and
 * unreferenced, so that runs of empty elements cost no memory. */
static void
close_block(struct state *st, const struct frame *f)
{
    size_t b = f->block_cur;

    cols_break(st);
    if (b != f->block_orig || b + 1 != st->nblocks ||
        st->blocks[b].sb.len > 0 || st->page->links_len != f->links_mark ||
        st->page->rdfa_len != f->rdfa_mark)
        return;
    strbuf_release(&st->blocks[b].sb);
    st->nblocks--;
}

static void
on_end(void *ud, const xmlChar *name)
{
    struct state *st = ud;
    struct frame *f;

    (void)name; /* libxml2 reports ends strictly nested */
    if (st->overflow > 0) {
        st->overflow--;
        return;
    }
    if (st->nframes == 0)
        return;
    f = &st->frames[st->nframes - 1];
    if (f->jsonld)
        end_jsonld(st);
    while (st->ncols > f->cols)
        col_close(st);
    while (st->nprefixes > f->prefixes)
        free(st->prefixes[--st->nprefixes].name);
    if (f->owner == st->nframes - 1)
        close_block(st, f);
    st->nframes--;
}

/* Swallows libxml2's structured errors: repairs are not our errors. */
static void
on_error(void *ud, xmlErrorPtr error)
{
    (void)ud;
    (void)error;
}

/* Points links and RDFa at their block's new index: the nearest kept
 * ancestor when theirs was empty (no text range there, then). */
static void
renumber(struct state *st, const size_t *map)
{
    struct html_page *p = st->page;
    size_t i;

    for (i = 0; i < p->links_len; i++) {
        struct html_link *l = &p->links[i];

        if (l->block == NONE)
            continue;
        if (st->blocks[l->block].sb.len == 0)
            l->start = l->end = 0;
        l->block = map[l->block];
    }
    for (i = 0; i < p->rdfa_len; i++)
        if (p->rdfa[i].block != NONE)
            p->rdfa[i].block = map[p->rdfa[i].block];
}

/* Drops empty blocks (see renumber()) and hands the texts to the page. */
static void
finish_blocks(struct state *st)
{
    struct html_page *p = st->page;
    size_t *map = xcalloc(st->nblocks + 1, sizeof(*map)), i, n = 0;

    for (i = 0; i < st->nblocks; i++) {
        struct wblock *b = &st->blocks[i];

        if (b->sb.len > 0)
            map[i] = n++;
        else
            map[i] = b->parent == NONE ? NONE : map[b->parent];
    }
    renumber(st, map);
    p->blocks = xcalloc(n + 1, sizeof(*p->blocks));
    for (i = 0; i < st->nblocks; i++) {
        struct wblock *b = &st->blocks[i];
        struct html_block *o = &p->blocks[p->blocks_len];

        if (b->sb.len == 0) {
            strbuf_release(&b->sb);
            continue;
        }
        o->len = b->sb.len;
        /* Give back the doubling slack: pages can have 10^5 blocks. */
        o->text = xrealloc(strbuf_detach(&b->sb), o->len + 1);
        o->line = b->line;
        o->region = b->region;
        o->in_main = b->in_main;
        o->parent = b->parent == NONE ? NONE : map[b->parent];
        o->tag = xstrdup(b->tag);
        p->blocks_len++;
    }
    free(map);
}

/* Closes what the parser left open and frees the working state. */
static void
finish(struct state *st)
{
    while (st->nframes > 0 || st->overflow > 0)
        on_end(st, NULL);
    while (st->ncols > 0)
        col_close(st);
    finish_blocks(st);
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
    struct state st;
    enum ac_status rc = AC_OK;

    memset(page, 0, sizeof(*page));
    memset(&st, 0, sizeof(st));
    if (len > INT_MAX)
        return ac_err_set(err, AC_E_LIMIT, "page larger than %d bytes",
                          INT_MAX);
    if (len == 0)
        return ac_err_set(err, AC_E_NOTHTML, "empty document");
    st.ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
    if (st.ctxt == NULL)
        return ac_err_set(err, AC_E_NOTHTML, "not an HTML document");
    st.page = page;
    sax_init(st.ctxt->sax);
    st.ctxt->userData = &st;
    htmlCtxtUseOptions(st.ctxt, opts);
    /* Already UTF-8: a <meta charset> must not make libxml2 re-decode. */
    xmlSwitchEncoding(st.ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(st.ctxt);
    finish(&st);
    if (st.ctxt->myDoc != NULL)
        xmlFreeDoc(st.ctxt->myDoc);
    htmlFreeParserCtxt(st.ctxt);
    if (!st.any_element) {
        html_page_free(page);
        rc = ac_err_set(err, AC_E_NOTHTML, "not an HTML document");
    }
    return rc;
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

void
html_global_cleanup(void)
{
    xmlCleanupParser();
}
