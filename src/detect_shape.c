/* SPDX-License-Identifier: MIT */
/*
 * detect_shape: what makes a cue a notice.  A notice is about this
 * page's text as a whole and has the shape of one: a phrase ("originally
 * published on") anywhere outside code, a label ("Source:") heading its
 * line, a bare participle ("taken from", "overgenomen uit") starting its
 * sentence or with this text as its subject, and never a dateline
 * ("First published: 12 May 2021"), a media credit ("Photo: X via ..."),
 * a figure's caption, a quotation's source, a pop-up's template or a
 * footer's small print.  The word classes are the date, media, self,
 * object, boilerplate, relative and other rules (docs/rules.md).
 */
#include "config.h"

#include <string.h>

#include "detect_int.h"

#define GAP_MAX 80 /* bytes between a link and a cue that refers to it */

bool
detect_in_code(const struct html_block *blk, size_t start, size_t end)
{
    size_t i;

    for (i = 0; i < blk->code_len; i++)
        if (start < blk->code[i].end && blk->code[i].start < end)
            return true;
    return false;
}

/* Skips what may stand before the first word of a line or sentence. */
static size_t
lead(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && strchr(" -*>:,;([\"'|/", s[i]) != NULL)
        i++;
    return i;
}

bool
detect_heads(struct detect_ctx *cx, enum rule_kind kind, const char *s,
             size_t len)
{
    size_t at = lead(s, len);

    return at < len &&
           rules_scan(cx->rules, kind, s + at, len - at, &cx->shape_hits) > 0 &&
           cx->shape_hits.v[0].start == 0;
}

size_t
detect_sentence_start(const char *text, size_t at)
{
    size_t i;

    for (i = at; i > 1; i--)
        if ((strchr(".!?", text[i - 2]) != NULL && text[i - 1] == ' ') ||
            text[i - 1] == '|')
            return i;
    return 0;
}

/* True when only white space and punctuation stand in S[0..LEN). */
static bool
blank(const char *s, size_t len)
{
    return lead(s, len) == len;
}

/* A bare participle is a notice when it starts its sentence or this text
 * is the sentence's subject, and its object is not the author's own talk
 * or a song. */
static bool
verb_shape(struct detect_ctx *cx, const struct html_block *blk, size_t seg,
           const struct rules_hit *h)
{
    const char *pre = blk->text + seg;
    size_t n = h->start - seg;

    if (!blank(pre, n) && !detect_heads(cx, RULE_SELF, pre, n))
        return false;
    return !detect_heads(cx, RULE_OBJECT, blk->text + h->end,
                         blk->len - h->end);
}

/* Hit H of a source or copied cue in block B has the shape of a notice. */
static bool
hit_shape(struct detect_ctx *cx, size_t b, const struct rules_hit *h)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t seg = detect_sentence_start(blk->text, h->start);

    if (detect_in_code(blk, h->start, h->end))
        return false;
    if (detect_heads(cx, RULE_MEDIA, blk->text + seg, h->start - seg))
        return false; /* "Photo: Jan Visser. Credit: ..." */
    if (detect_heads(cx, RULE_DATE, blk->text + h->end, blk->len - h->end))
        return false; /* "First published: 12 May 2021" */
    if (strcmp(h->value, "label") == 0 && blk->lead != HTML_LEAD_TEXT &&
        blank(blk->text, h->start))
        return false; /* "Source: X" under an image, a list or a table:
                         where that came from, not this text */
    if (strcmp(h->value, "label") != 0 && detect_about_other(cx, b, h->start))
        return false; /* "All photos reprinted with permission from" */
    if (strcmp(h->value, "label") ==
        0) /* heading its line, or a list of
              labels ("Auteur : X<br>Source : Y") */
        return !blk->quote &&
               (blank(blk->text + seg, h->start - seg) ||
                detect_heads(cx, RULE_BYLINE, blk->text + seg, h->start - seg));
    if (strcmp(h->value, "verb") == 0)
        return verb_shape(cx, blk, seg, h);
    return true;
}

/* The copyright line of a footer and the legal links after it. */
static bool
small_print(struct detect_ctx *cx, size_t b)
{
    const struct html_page *p = cx->page;
    const struct html_block *blk = &p->blocks[b];

    if (blk->region != HTML_REGION_FOOTER || blk->in_main)
        return false;
    if (rules_scan(cx->rules, RULE_BOILERPLATE, blk->text, blk->len,
                   &cx->shape_hits) > 0)
        return true;
    return b + 1 < p->blocks_len && p->blocks[b + 1].parent == blk->parent &&
           rules_scan(cx->rules, RULE_BOILERPLATE, p->blocks[b + 1].text,
                      p->blocks[b + 1].len, &cx->shape_hits) > 0;
}

bool
detect_media_block(struct detect_ctx *cx, size_t b)
{
    const struct html_block *blk = &cx->page->blocks[b];

    return blk->figure || detect_heads(cx, RULE_MEDIA, blk->text, blk->len);
}

size_t
detect_notice_hits(struct detect_ctx *cx, enum rule_kind kind, size_t b,
                   struct rules_hits *hits)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t i, kept = 0;

    if (rules_scan(cx->rules, kind, blk->text, blk->len, hits) == 0)
        return 0;
    if (blk->widget || blk->figure || small_print(cx, b)) {
        hits->len = 0;
        return 0;
    }
    for (i = 0; i < hits->len; i++)
        if (hit_shape(cx, b, &hits->v[i]))
            hits->v[kept++] = hits->v[i];
    hits->len = kept;
    return kept;
}

bool
detect_refers_back(struct detect_ctx *cx, const char *text, size_t from,
                   size_t to)
{
    size_t at;

    if (to < from || to - from > GAP_MAX)
        return false;
    at = from + lead(text + from, to - from);
    return at < to && memchr(text + from, '.', to - from) == NULL &&
           detect_heads(cx, RULE_RELATIVE, text + at, to - at);
}

bool
detect_about_other(struct detect_ctx *cx, size_t b, size_t at)
{
    const struct html_block *blk = &cx->page->blocks[b];
    size_t seg = detect_sentence_start(blk->text, at), n = at - seg;
    bool other;

    other = rules_scan(cx->rules, RULE_OTHER, blk->text + seg, n,
                       &cx->shape_hits) > 0;
    return other && rules_scan(cx->rules, RULE_SELF, blk->text + seg, n,
                               &cx->shape_hits) == 0;
}
