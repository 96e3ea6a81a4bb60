/* SPDX-License-Identifier: MIT */
/*
 * result: construction and release of struct result (see result.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "xalloc.h"

void
result_init(struct result *r, const char *target, const char *url)
{
    memset(r, 0, sizeof *r);
    r->target = xstrdup(target ? target : "");
    r->url = url ? xstrdup(url) : NULL;
    r->verdict = VERDICT_NONE;
    r->analysis.applicable = DETECT_NONE;
    r->depth = -1;
}

void
result_set_error(struct result *r, const char *kind, const char *message)
{
    free(r->error_kind);
    free(r->error_message);
    r->error_kind = xstrdup(kind);
    r->error_message = xstrdup(message);
    r->verdict = VERDICT_ERROR;
}

void
result_free(struct result *r)
{
    size_t i;

    if (r == NULL)
        return;
    free(r->target);
    free(r->url);
    free(r->found_on);
    free(r->record_id);
    if (r->analysed)
        analysis_free(&r->analysis);
    finding_list_free(&r->findings);
    free(r->error_kind);
    free(r->error_message);
    for (i = 0; i < r->redirects_len; i++)
        free(r->redirects[i].url);
    free(r->redirects);
    free(r->content_type);
    source_check_free(r->check);
    free(r->suggestion_html);
    free(r->suggestion_text);
    free(r->suggestion_lang);
    textsim_free(&r->text);
    for (i = 0; i < r->block_text_len; i++)
        textsim_free(&r->block_text[i]);
    free(r->block_text);
    free(r->page_text);
    sidetext_free(&r->side);
    free(r->notice_text);
    memset(r, 0, sizeof *r);
}

void
source_check_free(struct source_check *c)
{
    while (c != NULL) {
        struct source_check *next = c->next;

        free(c->url);
        free(c->license_url);
        free(c->creator);
        free(c->title);
        free(c->error_kind);
        free(c->error_message);
        sidetext_free(&c->side);
        free(c);
        c = next;
    }
}
