/* SPDX-License-Identifier: MIT */
/*
 * html_rdfa: RDFa Lite as far as licences need it.  It keeps the prefix
 * mappings in scope (xmlns:, prefix=, vocab=) for the vocabularies we know
 * (cc, dct, xhtml), shortens property and rel tokens to "prefix:name" as
 * html.h describes, and adds one entry per token.  It is not a full RDFa
 * processor: no triples, no subjects, no unknown vocabularies.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_int.h"
#include "xalloc.h"

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
push_prefix(struct html_state *st, const char *name, size_t n, const char *iri,
            size_t iri_n)
{
    const char *v = vocab_of(iri, iri_n);
    char *d;

    if (v == NULL)
        return;
    st->prefixes = html_util_grow(st->prefixes, st->nprefixes,
                                  &st->prefixes_cap, sizeof(*st->prefixes));
    d = xstrndup(name, n);
    st->prefixes[st->nprefixes].name = d;
    for (; *d != '\0'; d++)
        if (*d >= 'A' && *d <= 'Z')
            *d = (char)(*d + 32);
    st->prefixes[st->nprefixes++].vocab = v;
}

/* Reads xmlns:NAME=, prefix="NAME: IRI ..." and vocab= of one element. */
void
html_rdfa_scan_prefixes(struct html_state *st, const unsigned char **atts)
{
    const char *s = html_util_attr(atts, "prefix"), *name, *iri;
    size_t i, n;

    for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
        const char *a = (const char *)atts[i], *v = (const char *)atts[i + 1];

        if (strncmp(a, "xmlns:", 6) == 0 && v != NULL)
            push_prefix(st, a + 6, strlen(a + 6), v, strlen(v));
        else if (strcmp(a, "vocab") == 0 && v != NULL)
            push_prefix(st, "", 0, v, strlen(v));
    }
    while (s != NULL && *s != '\0') {
        while (html_is_space(*s))
            s++;
        for (name = s; *s != '\0' && *s != ':' && !html_is_space(*s); s++)
            continue;
        if (*s != ':')
            break;
        n = (size_t)(s++ - name);
        while (html_is_space(*s))
            s++;
        for (iri = s; *s != '\0' && !html_is_space(*s); s++)
            continue;
        push_prefix(st, name, n, iri, (size_t)(s - iri));
    }
}

void
html_rdfa_pop_prefixes(struct html_state *st, size_t n)
{
    while (st->nprefixes > n)
        free(st->prefixes[--st->nprefixes].name);
}

/* The vocabulary bound to prefix P[0..N) here, or NULL. */
static const char *
prefix_vocab(const struct html_state *st, const char *p, size_t n)
{
    size_t i;

    for (i = st->nprefixes; i > 0; i--) {
        const struct html_prefix *x = &st->prefixes[i - 1];

        if (strlen(x->name) == n && strncasecmp(x->name, p, n) == 0)
            return x->vocab;
    }
    return NULL;
}

/* Shortens one property/rel token T[0..N) as html.h describes. */
static char *
rdfa_name(const struct html_state *st, const char *t, size_t n)
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
rdfa_tokens(struct html_state *st, const char *list, bool curies_only,
            const unsigned char **atts, size_t block)
{
    const char *content = html_util_attr(atts, "content");
    const char *href = html_util_attr(atts, "href");
    struct html_page *p = st->page;
    const char *t;
    size_t n;

    if (href == NULL)
        href = html_util_attr(atts, "resource");
    if (href == NULL)
        href = html_util_attr(atts, "src");
    while (list != NULL && *list != '\0') {
        while (html_is_space(*list))
            list++;
        for (t = list; *list != '\0' && !html_is_space(*list); list++)
            continue;
        n = (size_t)(list - t);
        if (n == 0 || (curies_only && memchr(t, ':', n) == NULL))
            continue;
        p->rdfa = html_util_grow(p->rdfa, p->rdfa_len, &st->rdfa_cap,
                                 sizeof(*p->rdfa));
        memset(&p->rdfa[p->rdfa_len], 0, sizeof(p->rdfa[0]));
        p->rdfa[p->rdfa_len].property = rdfa_name(st, t, n);
        p->rdfa[p->rdfa_len].value = content ? xstrdup(content) : NULL;
        p->rdfa[p->rdfa_len].href = href ? html_util_trim_dup(href) : NULL;
        p->rdfa[p->rdfa_len].line = html_util_tag_line(st);
        p->rdfa[p->rdfa_len++].block = block;
    }
}

void
html_rdfa_element(struct html_state *st, const struct html_frame *f,
                  const unsigned char **atts)
{
    size_t first = st->page->rdfa_len, b = html_block_cur(st, f);

    rdfa_tokens(st, html_util_attr(atts, "property"), false, atts, b);
    rdfa_tokens(st, html_util_attr(atts, "rel"), true, atts, b);
    if (st->page->rdfa_len > first && html_util_attr(atts, "content") == NULL &&
        !html_block_col_open(st, HTML_COL_RDFA, first,
                             st->page->rdfa_len - first)) {
        for (; first < st->page->rdfa_len; first++)
            st->page->rdfa[first].value = xstrdup("");
    }
}
