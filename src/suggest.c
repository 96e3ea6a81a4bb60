/* SPDX-License-Identifier: MIT */
/*
 * suggest: what goes into the suggested notice (see suggest.h).  The
 * original knows best: its licence, title and creator win over the
 * copy's, since the copy may have them wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "url.h"
#include "verify.h"
#include "xalloc.h"

static bool
has_finding(const struct result *r, const char *code)
{
    size_t i;

    for (i = 0; i < r->findings.len; i++)
        if (strcmp(r->findings.v[i].def->code, code) == 0)
            return true;
    return false;
}

/* Findings no notice can mend: the original grants no licence, the link
 * does not reach it, or a no-derivatives work was changed. */
static bool
no_notice_helps(const struct result *r)
{
    static const char *const codes[] = {
        "source-no-license", "source-unreachable", "source-not-original",
        "nd-modified", "license-unknown"};
    size_t i;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (has_finding(r, codes[i]))
            return true;
    return false;
}

/* The licence to name: the original's, else the copy's own. */
static bool
pick_license(const struct result *r, struct cc_license *lic)
{
    const struct analysis *a = &r->analysis;

    if (r->check != NULL && r->check->has_license) {
        *lic = r->check->lic;
        return true;
    }
    if (a->applicable != DETECT_NONE) {
        *lic = a->licenses[a->applicable].lic;
        return true;
    }
    return false;
}

bool
suggest_wanted(const struct result *r)
{
    return r->analysed &&
           (r->verdict == VERDICT_WARN || r->verdict == VERDICT_FAIL) &&
           !no_notice_helps(r);
}

void
suggest_notice(const struct notices *n, struct result *r)
{
    const struct analysis *a = &r->analysis;
    const struct source_check *c = r->check;
    struct notice_input in;
    const char *lang = NULL;
    char *html = NULL, *text = NULL;

    if (n == NULL || !suggest_wanted(r))
        return;
    memset(&in, 0, sizeof in);
    if (!pick_license(r, &in.lic) || !ccurl_exists(&in.lic))
        return;
    in.lang = a->lang;
    in.title = c && c->title ? c->title : a->title;
    in.creator = c && c->creator ? c->creator
                 : a->source     ? a->source->credit
                                 : NULL;
    /* the link the copy gives, unless it moved: then where it went */
    in.source_url = a->source ? a->source->url : NULL;
    if (c != NULL && has_finding(r, "source-redirected") && url_is_http(c->url))
        in.source_url = c->url;
    in.changed = has_finding(r, "changes-not-indicated") || a->changes_noted;
    if (!notice_suggest(n, &in, &html, &text, &lang))
        return;
    r->suggestion_html = html;
    r->suggestion_text = text;
    r->suggestion_lang = xstrdup(lang);
}
