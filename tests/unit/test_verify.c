/* SPDX-License-Identifier: MIT */
/* Unit tests for verify_judge: a copy against a hand-made source. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "verify_int.h"
#include "xalloc.h"

static const char *const P1 =
    "Residents across the city run community centres, share solar panels "
    "and turn vacant lots into gardens for everyone who lives nearby.";
static const char *const P2 =
    "This afternoon brings together initiators from three cities and the "
    "civil servants who work with them, to see what cooperation takes.";
static const char *const P2_EDITED =
    "This afternoon brings together initiators from three towns and the "
    "civil servants who work with them, to see what cooperation takes.";

static void
set_blocks(struct result *r, const char *a, const char *b)
{
    char *all = xasprintf("%s %s", a, b);

    textsim_from_text(all, strlen(all), &r->text);
    r->block_text = xcalloc(2, sizeof *r->block_text);
    r->block_text_len = 2;
    textsim_from_text(a, strlen(a), &r->block_text[0]);
    textsim_from_text(b, strlen(b), &r->block_text[1]);
    r->page_text = all;
}

/* A copy under CC BY 4.0 crediting https://orig.example/a, text A + B. */
static void
make_copy(struct result *r, const char *a, const char *b, const char *creator)
{
    struct license_statement *s;

    result_init(r, "copy.html", "https://copy.example/a");
    r->analysed = true;
    r->analysis.licenses = xcalloc(1, sizeof *s);
    r->analysis.licenses_len = 1;
    r->analysis.applicable = 0;
    s = &r->analysis.licenses[0];
    s->lic.family = CC_BY;
    strcpy(s->lic.version, "4.0");
    s->linked = true;
    r->analysis.source = xcalloc(1, sizeof *r->analysis.source);
    r->analysis.source->url = xstrdup("https://orig.example/a");
    r->analysis.source->line = 7;
    set_blocks(r, a, b);
    if (creator != NULL) {
        char *t = xasprintf("%s by %s", r->page_text, creator);

        free(r->page_text);
        r->page_text = t;
    }
}

static void
make_source(struct source_entry *e, enum cc_family family, const char *creator)
{
    char *all = xasprintf("%s %s", P1, P2);

    memset(e, 0, sizeof *e);
    e->url = xstrdup("https://orig.example/a");
    e->final_url = xstrdup("https://orig.example/a");
    e->http_status = 200;
    e->has_license = family != CC_NONE;
    e->lic.family = family;
    strcpy(e->lic.version, "4.0");
    e->creator = creator ? xstrdup(creator) : NULL;
    textsim_from_text(all, strlen(all), &e->text);
    free(all);
}

static void
free_source(struct source_entry *e)
{
    free(e->url);
    free(e->final_url);
    free(e->creator);
    textsim_free(&e->text);
}

/* The finding codes of R, comma-separated, in order. */
static char *
codes(const struct result *r)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < r->findings.len; i++)
        strbuf_addf(&sb, "%s%s", i ? "," : "", r->findings.v[i].def->code);
    return strbuf_detach(&sb);
}

static void
expect(struct result *r, struct source_entry *e, const char *want,
       const char *name)
{
    char *got;

    verify_judge(r, e);
    got = codes(r);
    is_str(got, want, name);
    free(got);
}

int
main(void)
{
    struct result r;
    struct source_entry e;

    make_copy(&r, P1, P2, "Mira");
    make_source(&e, CC_BY, "Mira");
    expect(&r, &e, "", "a faithful copy that credits the creator");
    ok(r.check && r.check->similarity == 1.0, "similarity 1");
    ok(r.verdict == VERDICT_PASS, "verdict pass");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, "Mira Hollander");
    expect(&r, &e, "creator-missing", "the creator is not named");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY_NC, NULL);
    expect(&r, &e, "source-license-mismatch", "BY claimed, BY-NC granted");
    ok(r.verdict == VERDICT_FAIL, "a mismatch fails");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_NONE, NULL);
    expect(&r, &e, "source-no-license", "the original grants nothing");
    ok(r.check && !r.check->has_license, "check has no licence");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2_EDITED, NULL);
    make_source(&e, CC_BY_ND, NULL);
    r.analysis.licenses[0].lic.family = CC_BY_ND;
    expect(&r, &e, "nd-modified", "a reworded ND work");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2_EDITED, NULL);
    make_source(&e, CC_BY, NULL);
    expect(&r, &e, "changes-not-indicated", "reworded without a note");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2_EDITED, NULL);
    make_source(&e, CC_BY, NULL);
    r.analysis.changes_noted = true;
    expect(&r, &e, "", "reworded with a note");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    textsim_free(&e.text);
    textsim_from_text("Welcome to our site. Latest news and events below.", 51,
                      &e.text);
    expect(&r, &e, "source-not-original", "another text entirely");
    ok(r.check && r.check->similarity < 0.3 && !r.check->has_license,
       "check: low similarity, no licence for a page that is not it");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.not_found = true;
    expect(&r, &e, "source-not-original", "a soft 404");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.error = FETCH_E_HTTP;
    snprintf(e.message, sizeof e.message, "HTTP 404");
    expect(&r, &e, "source-unreachable", "a 404");
    ok(r.check && r.check->error_kind &&
           strcmp(r.check->error_kind, "http") == 0,
       "check error kind http");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.error = FETCH_E_ROBOTS;
    expect(&r, &e, "source-unchecked", "robots.txt says no");
    ok(r.verdict == VERDICT_WARN, "unchecked only warns");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.first_redirect = 301;
    free(e.final_url);
    e.final_url = xstrdup("https://orig.example/2024/a");
    expect(&r, &e, "source-redirected", "moved permanently");
    ok(r.check && strcmp(r.check->url, "https://orig.example/2024/a") == 0,
       "check url is where it moved");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.first_redirect = 301;
    free(e.final_url);
    e.final_url = xstrdup("https://orig.example/");
    expect(&r, &e, "source-not-original", "moved to the home page");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.first_redirect = 302;
    free(e.final_url);
    e.final_url = xstrdup("https://orig.example/authors/mira/a.html");
    expect(&r, &e, "", "an /authors/ path is no login page");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_BY, NULL);
    e.first_redirect = 302;
    free(e.final_url);
    e.final_url = xstrdup("https://orig.example/wp-login.php?redirect=a");
    expect(&r, &e, "source-not-original", "a login page");
    result_free(&r);
    free_source(&e);
    make_copy(&r, P1, P2, NULL);
    make_source(&e, CC_NONE, NULL);
    r.analysis.permission = true;
    expect(&r, &e, "", "republished with permission: no licence needed");
    result_free(&r);
    free_source(&e);

    make_copy(&r, "Harbour seals", "return", NULL);
    make_source(&e, CC_BY, NULL);
    expect(&r, &e, "", "a copy of a few words is not compared");
    ok(r.check && r.check->similarity < 0, "similarity unknown");
    result_free(&r);
    free_source(&e);

    make_copy(&r, P1, P2_EDITED, NULL);
    make_source(&e, CC_BY_NC_ND, NULL);
    r.analysis.licenses[0].lic.family = CC_BY_NC_ND;
    verify_judge(&r, &e);
    ok(r.findings.len == 1 &&
           strstr(r.findings.v[0].message, "CC BY-NC-ND 4.0") != NULL,
       "nd-modified names the licence as people write it: %s",
       r.findings.len ? r.findings.v[0].message : "");
    result_free(&r);
    free_source(&e);
    return tap_done();
}
