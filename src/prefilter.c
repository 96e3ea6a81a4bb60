/* SPDX-License-Identifier: MIT */
/*
 * prefilter: the page-level shortcut (see prefilter.h).  Every string of
 * the page that a detector may read is either scanned with the rules'
 * prefilter (after the same textnorm folding the detectors apply) or, for
 * markup the detectors act on by name, searched for the words below.  Any
 * doubt means "may hold": the shortcut only ever skips work.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "prefilter.h"
#include "textnorm.h"
#include "xalloc.h"

/* Words in link rel/href, meta names, RDFa properties, JSON-LD and URLs
 * that make detect_license.c and detect_source.c act without a rule:
 * rel="license", licence metas and properties (dc.rights), JSON-LD
 * "license" and "isBasedOn", dct:source and *-source metas, and the
 * hosts of Creative Commons URLs (ccurl.c). */
static const char *const words[] = {
    "license", "licence",         "rights",         "source",
    "basedon", "creativecommons", "licensebuttons", "\\u"};

/* True when S contains one of the words, ignoring ASCII case.  Only the
 * positions whose byte starts a word (l, r, s, b, c or a backslash) are
 * compared: JSON-LD blocks of some kilobytes go through here. */
static bool
has_word(const char *s)
{
    size_t i;
    const char *p;
    int c;

    if (s == NULL)
        return false;
    for (p = s; *p != '\0'; p++) {
        c = *p | 0x20; /* ASCII letters to lower case; '\\' | 0x20 is '|' */
        if (c != 'l' && c != 'r' && c != 's' && c != 'b' && c != 'c' &&
            c != '|')
            continue;
        for (i = 0; i < sizeof words / sizeof words[0]; i++)
            if ((words[i][0] | 0x20) == c &&
                strncasecmp(p, words[i], strlen(words[i])) == 0)
                return true;
    }
    return false;
}

/* True when the normalised text S may hold a hit. */
static bool
text_may(const struct rules *r, const char *s, size_t len,
         struct rules_hits *hits)
{
    return s != NULL && rules_prefilter(r, s, len, hits);
}

/* The same for text the detectors normalise first (values, hrefs). */
static bool
raw_may(const struct rules *r, const char *s, struct rules_hits *hits)
{
    char *norm;
    bool may;

    if (s == NULL || *s == '\0')
        return false;
    norm = textnorm_dup(s);
    may = rules_prefilter(r, norm, strlen(norm), hits);
    free(norm);
    return may;
}

static bool
links_may(const struct rules *r, const struct html_page *p,
          struct rules_hits *hits)
{
    size_t i;

    for (i = 0; i < p->links_len; i++) {
        const struct html_link *l = &p->links[i];

        if (has_word(l->href) || has_word(l->rel) || has_word(l->img_src) ||
            text_may(r, l->text, strlen(l->text), hits) ||
            raw_may(r, l->href, hits) || raw_may(r, l->img_src, hits))
            return true;
    }
    return false;
}

static bool
metadata_may(const struct rules *r, const struct html_page *p,
             struct rules_hits *hits)
{
    size_t i;

    for (i = 0; i < p->metas_len; i++)
        if (has_word(p->metas[i].name) || raw_may(r, p->metas[i].content, hits))
            return true;
    for (i = 0; i < p->rdfa_len; i++)
        if (has_word(p->rdfa[i].property) || has_word(p->rdfa[i].href) ||
            raw_may(r, p->rdfa[i].value, hits) ||
            raw_may(r, p->rdfa[i].href, hits))
            return true;
    for (i = 0; i < p->jsonld_len; i++)
        if (has_word(p->jsonld[i].text) || raw_may(r, p->jsonld[i].text, hits))
            return true;
    return false;
}

bool
prefilter_page(const struct rules *r, const struct html_page *page,
               const char *url, struct rules_hits *hits)
{
    size_t i;

    if (!rules_prefilter_active(r))
        return true;
    if (has_word(url) || has_word(page->base_href) ||
        has_word(page->canonical) || raw_may(r, url, hits) ||
        raw_may(r, page->base_href, hits) ||
        (page->title != NULL &&
         text_may(r, page->title, strlen(page->title), hits)))
        return true;
    for (i = 0; i < page->blocks_len; i++)
        if (text_may(r, page->blocks[i].text, page->blocks[i].len, hits))
            return true;
    return links_may(r, page, hits) || metadata_may(r, page, hits);
}

void
prefilter_empty_analysis(const struct html_page *page, struct analysis *out)
{
    memset(out, 0, sizeof *out);
    out->applicable = DETECT_NONE;
    out->conflict_with = DETECT_NONE;
    out->notice_block = DETECT_NONE;
    out->blocks_len = page->blocks_len;
    out->notice_blocks =
        xcalloc(page->blocks_len ? page->blocks_len : 1, sizeof(bool));
}
