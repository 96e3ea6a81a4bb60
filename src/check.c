/* SPDX-License-Identifier: MIT */
/*
 * check: one document from bytes to verdict (see check.h).  The only
 * place that strings the analysis modules together.
 */
#include "config.h"

#include <stdlib.h>

#include "charset.h"
#include "check.h"
#include "html.h"
#include "prefilter.h"
#include "sidetext.h"
#include "strbuf.h"
#include "textsim.h"
#include "xalloc.h"

const char *
check_error_kind(enum ac_status code)
{
    switch (code) {
    case AC_E_LIMIT:
        return "too-large";
    case AC_E_NOTHTML:
        return "not-html";
    case AC_E_DATA:
        return "parse";
    case AC_E_COMPLEX:
        return "too-complex";
    default:
        return "io";
    }
}

/* Every block's text, one per line, for looking up names. */
static char *
join_blocks(const struct html_page *page)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < page->blocks_len; i++) {
        strbuf_add(&sb, page->blocks[i].text, page->blocks[i].len);
        strbuf_addc(&sb, '\n');
    }
    return strbuf_detach(&sb);
}

/* Keeps the block that holds the applicable licence statement, for the
 * HTML report to quote with the licence words marked. */
static void
keep_notice(const struct html_page *page, struct result *r)
{
    const struct analysis *a = &r->analysis;
    const struct license_statement *s;
    const struct html_block *b;

    if (a->applicable == DETECT_NONE)
        return;
    s = &a->licenses[a->applicable];
    if (s->block == HTML_NO_BLOCK || s->block >= page->blocks_len)
        return;
    b = &page->blocks[s->block];
    r->notice_text = xstrndup(b->text, b->len);
    r->notice_start = s->span_start <= b->len ? s->span_start : b->len;
    r->notice_end = s->span_end <= b->len && s->span_end >= r->notice_start
                        ? s->span_end
                        : r->notice_start;
}

/* Keeps what verification needs of PAGE's text, and no more: a copy that
 * credits no source is never compared, so nothing is kept for it. */
static void
keep_text(const struct html_page *page, unsigned keep, struct result *r)
{
    const bool *skip = r->analysis.notice_blocks;
    bool copy = (keep & CHECK_TEXT_COPY) != 0;

    if (keep & CHECK_TEXT_NOTICE)
        keep_notice(page, r);
    if ((keep & (CHECK_TEXT_COPY | CHECK_TEXT_ORIGINAL)) == 0 ||
        (copy && r->analysis.source == NULL))
        return;
    textsim_from_page(page, skip, &r->text);
    if (keep & CHECK_TEXT_SIDE)
        sidetext_from_page(page, skip, &r->side);
    if (copy) {
        textsim_blocks_from_page(page, skip, &r->block_text,
                                 &r->block_text_len);
        r->page_text = join_blocks(page);
    }
}

/* False when the prefilter shows that PAGE has no licence statement and
 * no source credit, so detection would give the empty analysis.  An
 * original is always analysed: verification reads its creator and title. */
static bool
analyse_fully(const struct rules *rules, const struct html_page *page,
              const char *url, enum check_text keep)
{
    struct rules_hits hits = {0};
    bool may;

    if (keep == CHECK_TEXT_ORIGINAL || !rules_prefilter_active(rules))
        return true;
    may = prefilter_page(rules, page, url, &hits);
    rules_hits_free(&hits);
    return may;
}

void
check_document(const struct rules *rules, const struct document *doc,
               unsigned keep, struct result *r)
{
    check_document_links(rules, doc, keep, r, NULL, NULL);
}

static void
each_link(const struct html_page *page, check_link_fn on_link, void *arg)
{
    size_t i;

    for (i = 0; on_link != NULL && i < page->links_len; i++)
        if (!page->links[i].is_img && !page->links[i].in_head)
            on_link(page->links[i].href, arg);
}

void
check_document_links(const struct rules *rules, const struct document *doc,
                     unsigned keep, struct result *r, check_link_fn on_link,
                     void *arg)
{
    struct html_page page = {0};
    struct ac_err err = {0};
    char *utf8 = NULL, header_cs[64], used[32];
    const char *cs = NULL;
    size_t utf8_len = 0;
    enum ac_status rc;

    if (doc->content_type != NULL &&
        charset_from_content_type(doc->content_type, header_cs,
                                  sizeof header_cs))
        cs = header_cs;
    rc = charset_to_utf8(doc->body, doc->body_len, cs, &utf8, &utf8_len, used,
                         sizeof used, &err);
    if (rc == AC_OK)
        rc = html_parse(utf8, utf8_len, &page, &err);
    if (rc != AC_OK) {
        result_set_error(r, check_error_kind(rc), err.msg);
        goto out;
    }
    if (analyse_fully(rules, &page, doc->url, keep))
        detect_page(rules, &page, doc->url, &r->analysis);
    else
        prefilter_empty_analysis(&page, &r->analysis);
    r->analysed = true;
    findings_judge(&r->analysis, &r->findings);
    r->verdict = findings_verdict(&r->analysis, &r->findings);
    keep_text(&page, keep, r);
    each_link(&page, on_link, arg);
out:
    html_page_free(&page);
    free(utf8);
}
