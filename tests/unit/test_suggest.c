/* SPDX-License-Identifier: MIT */
/* Unit tests for suggest: what goes into the suggested notice. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "suggest.h"
#include "testutil.h"
#include "verify.h"
#include "xalloc.h"

/* A result for a copy with one applicable licence statement and a
 * source credit, as detect would leave it. */
static void
make(struct result *r, const char *lang, const char *version,
     enum verdict verdict)
{
    struct license_statement *s;

    result_init(r, "copy.html", "https://copy.example/a.html");
    r->analysed = true;
    r->verdict = verdict;
    r->analysis.lang = lang ? xstrdup(lang) : NULL;
    r->analysis.title = xstrdup("Werken aan de wakkere stad");
    r->analysis.licenses = xcalloc(1, sizeof *s);
    r->analysis.licenses_len = 1;
    r->analysis.applicable = 0;
    s = &r->analysis.licenses[0];
    s->lic.family = CC_BY;
    strcpy(s->lic.version, version);
    r->analysis.source = xcalloc(1, sizeof *r->analysis.source);
    r->analysis.source->url =
        xstrdup("https://www.kl.nl/events/werken-aan-de-wakkere-stad/");
    r->analysis.source->credit = xstrdup("Kennisland");
}

static void
add_check(struct result *r, enum cc_family family, const char *creator)
{
    r->check = xcalloc(1, sizeof *r->check);
    r->check->url = xstrdup(r->analysis.source->url);
    r->check->has_license = true;
    r->check->lic.family = family;
    strcpy(r->check->lic.version, "4.0");
    r->check->creator = creator ? xstrdup(creator) : NULL;
    r->check->title = xstrdup("Werken aan de wakkere stad");
}

int
main(void)
{
    struct notices *n = NULL;
    struct ac_err err = {0};
    struct result r;

    if (notices_load(ATTRCHECK_SRCDIR "/data/notices", &n, &err) != AC_OK) {
        ok(0, "notices load: %s", err.msg);
        return tap_done();
    }

    make(&r, "nl", "", VERDICT_PASS);
    add_check(&r, CC_BY, "Kennisland");
    suggest_notice(n, &r);
    ok(r.suggestion_text == NULL, "a passing copy gets no suggestion");
    result_free(&r);

    make(&r, "nl", "", VERDICT_WARN);
    suggest_notice(n, &r);
    ok(r.suggestion_text == NULL,
       "no version and no checked original: the licence cannot be named");
    result_free(&r);

    make(&r, "nl-NL", "", VERDICT_WARN);
    add_check(&r, CC_BY, "Kennisland");
    suggest_notice(n, &r);
    ok(r.suggestion_text != NULL &&
           strstr(r.suggestion_text, "Naamsvermelding 4.0") != NULL,
       "the original's licence, in Dutch: %s",
       r.suggestion_text ? r.suggestion_text : "(none)");
    ok(r.suggestion_lang && strcmp(r.suggestion_lang, "nl") == 0,
       "language nl");
    ok(r.suggestion_text && strstr(r.suggestion_text, "Kennisland") &&
           strstr(r.suggestion_text, "https://www.kl.nl/events/"),
       "names the creator and links the source");
    ok(r.suggestion_html && strstr(r.suggestion_html, "rel=\"license\""),
       "the HTML links the deed with rel=license");
    result_free(&r);

    make(&r, "en", "4.0", VERDICT_FAIL);
    add_check(&r, CC_BY_NC, NULL);
    tu_add_finding(&r, "source-license-mismatch");
    suggest_notice(n, &r);
    ok(r.suggestion_text && strstr(r.suggestion_text, "NonCommercial"),
       "a mismatch is corrected to the original's licence: %s",
       r.suggestion_text ? r.suggestion_text : "(none)");
    ok(r.suggestion_text && strstr(r.suggestion_text, "Kennisland"),
       "without the original's creator, the credit the copy names");
    result_free(&r);

    make(&r, "en", "4.0", VERDICT_WARN);
    tu_add_finding(&r, "license-unlinked");
    suggest_notice(n, &r);
    ok(r.suggestion_text && strstr(r.suggestion_text, "Attribution 4.0"),
       "offline, the copy's own licence when it has a version");
    result_free(&r);

    make(&r, "en", "4.0", VERDICT_WARN);
    add_check(&r, CC_BY, "Kennisland");
    tu_add_finding(&r, "changes-not-indicated");
    suggest_notice(n, &r);
    ok(r.suggestion_text && strlen(r.suggestion_text) > 0 &&
           (strstr(r.suggestion_text, "hange") ||
            strstr(r.suggestion_text, "dapted")),
       "a changed copy says so: %s",
       r.suggestion_text ? r.suggestion_text : "(none)");
    result_free(&r);

    make(&r, "en", "4.0", VERDICT_FAIL);
    add_check(&r, CC_BY, NULL);
    r.check->has_license = false;
    tu_add_finding(&r, "source-no-license");
    suggest_notice(n, &r);
    ok(r.suggestion_text == NULL,
       "no notice when the original grants no licence");
    result_free(&r);

    make(&r, "en", "5.0", VERDICT_FAIL);
    tu_add_finding(&r, "license-unknown");
    suggest_notice(n, &r);
    ok(r.suggestion_text == NULL, "no notice naming a licence that does "
                                  "not exist");
    result_free(&r);

    make(&r, "en", "4.0", VERDICT_FAIL);
    add_check(&r, CC_BY_ND, NULL);
    tu_add_finding(&r, "nd-modified");
    suggest_notice(n, &r);
    ok(r.suggestion_text == NULL,
       "no notice for a changed no-derivatives work");
    result_free(&r);

    suggest_notice(NULL, &r); /* a zeroed result and no notices: no-op */
    ok(r.suggestion_text == NULL, "no notices loaded: no suggestion");
    notices_free(n);
    return tap_done();
}
