/* SPDX-License-Identifier: MIT */
/*
 * verify_judge: a copy against its source (see verify.h for the
 * thresholds).  Adds findings to the copy's result, records what the
 * check found (with the chain) for the reports, and recomputes the
 * verdict.  It fetches nothing: verify.c hands it the finished source.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "url.h"
#include "verify_int.h"
#include "xalloc.h"

static void add(struct result *r, const char *code, unsigned line,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add(struct result *r, const char *code, unsigned line, const char *fmt, ...)
{
    struct finding_list *l = &r->findings;
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    l->v = xreallocarray(l->v, l->len + 1, sizeof *l->v);
    l->v[l->len].def = findings_lookup(code);
    l->v[l->len].message = strbuf_detach(&sb);
    l->v[l->len].line = line;
    l->len++;
}

/* The URL to name to a person: as linked, unless a redirect moved it (a
 * --remap target, a mirror or a local file, is not what to link). */
static const char *
shown_url(const struct source_entry *e)
{
    return e->first_redirect && e->final_url ? e->final_url : e->url;
}

static struct source_check *
make_check(const struct source_entry *e, double similarity, bool original,
           int depth)
{
    struct source_check *c = xcalloc(1, sizeof *c);

    /* the URL as linked, unless a redirect moved it: a --remap target
     * (a mirror, a local file) is not what a reader should link */
    c->url = xstrdup(shown_url(e));
    c->http_status = e->http_status;
    c->similarity = similarity;
    /* a home page or a soft 404 is not the original: what it says about
     * licence and creator is not the original's */
    c->has_license = original && e->has_license;
    c->lic = e->lic;
    c->license_url =
        original && e->license_url ? xstrdup(e->license_url) : NULL;
    c->creator = original && e->creator ? xstrdup(e->creator) : NULL;
    c->title = original && e->title ? xstrdup(e->title) : NULL;
    if (e->error != FETCH_OK) {
        c->error_kind = xstrdup(fetch_error_name(e->error));
        c->error_message = xstrdup(e->message);
    }
    if (e->next != NULL && depth < 16) {
        const struct source_entry *n = e->next;
        double sim =
            n->error == FETCH_OK ? textsim_containment(&e->text, &n->text) : -1;

        c->next = make_check(n, sim,
                             n->error == FETCH_OK && !n->not_found &&
                                 (sim < 0 || sim >= VERIFY_NOT_ORIGINAL),
                             depth + 1);
    }
    return c;
}

/* True when a segment of URL's path names a login page ("/login",
 * "/wp-login.php", "/account/sign-in"); "/authors/" is no login. */
static bool
is_login_page(const char *url)
{
    static const char *const names[] = {"login",   "log-in",   "signin",
                                        "sign-in", "wp-login", "auth",
                                        "sso",     "logon"};
    struct url u;
    const char *p;
    bool found = false;
    size_t i, n;

    if (!url_parse(url, &u))
        return false;
    for (p = u.path; *p != '\0' && !found; p += n) {
        while (*p == '/')
            p++;
        n = strcspn(p, "/");
        for (i = 0; i < sizeof names / sizeof names[0] && !found; i++) {
            size_t len = strlen(names[i]);

            found = n >= len && strncasecmp(p, names[i], len) == 0 &&
                    (n == len || p[len] == '.');
        }
    }
    url_free(&u);
    return found;
}

/* Reachability; false when there is nothing further to check. */
static bool
judge_reach(struct result *r, const struct source_entry *e, unsigned line)
{
    const char *final = e->final_url ? e->final_url : e->url;

    if (e->error == FETCH_E_ROBOTS || e->error == FETCH_E_RATE_LIMITED) {
        add(r, "source-unchecked", line, "%s was not checked: %s", e->url,
            e->message);
        return false;
    }
    if (e->error != FETCH_OK) {
        add(r, "source-unreachable", line, "%s: %s", e->url, e->message);
        return false;
    }
    if (e->first_redirect != 0 &&
        ((url_is_home_page(final) && !url_is_home_page(e->url)) ||
         is_login_page(final))) {
        add(r, "source-not-original", line,
            "%s redirects to %s, not to the original text", e->url,
            is_login_page(final) ? "a login page" : "the site's home page");
        return false;
    }
    if (e->first_redirect == 301 || e->first_redirect == 308)
        add(r, "source-redirected", line,
            "%s moved permanently to %s: link there", e->url, final);
    if (e->not_found) {
        add(r, "source-not-original", line, "%s says the page was not found",
            shown_url(e));
        return false;
    }
    return true;
}

static bool
is_nd(enum cc_family f)
{
    return f == CC_BY_ND || f == CC_BY_NC_ND;
}

static void
judge_license(struct result *r, const struct source_entry *e, unsigned line)
{
    const struct analysis *a = &r->analysis;
    const struct license_statement *s;
    char mine[96], theirs[96];

    if (!e->has_license && r->analysis.permission)
        return; /* republished with permission: no licence needed */
    if (!e->has_license) {
        add(r, "source-no-license", line,
            "the original (%s) names no licence, so it may not be "
            "republished without permission",
            shown_url(e));
        return;
    }
    if (a->applicable == DETECT_NONE)
        return; /* license-missing says it already */
    s = &a->licenses[a->applicable];
    if (cc_license_compatible(&s->lic, &e->lic))
        return;
    findings_license_label(&s->lic, mine, sizeof mine);
    findings_license_label(&e->lic, theirs, sizeof theirs);
    add(r, "source-license-mismatch", s->line,
        "the copy says %s but the original grants %s", mine, theirs);
}

/* Whether the copy names CREATOR anywhere in its text. */
static bool
names_creator(const struct result *r, const char *creator)
{
    return r->page_text != NULL && strcasestr(r->page_text, creator) != NULL;
}

/* Words in blocks the copy edited (partly found in the original) and in
 * blocks it added (not found at all).  An added block alone changes
 * nothing in the work (an intro, an info box); nor do short lines such
 * as a breadcrumb that repeats the title. */
static void
count_changes(const struct result *r, const struct source_entry *e,
              size_t *edited, size_t *added)
{
    size_t i;

    *edited = *added = 0;
    for (i = 0; i < r->block_text_len; i++) {
        const struct textsim *b = &r->block_text[i];
        double c = textsim_containment(b, &e->text);

        if (b->words < VERIFY_EDIT_MIN_WORDS)
            continue;
        if (c < VERIFY_NOT_ORIGINAL)
            *added += b->words;
        else if (c < VERIFY_CHANGED)
            *edited += b->words;
    }
}

static void
judge_changes(struct result *r, const struct source_entry *e, unsigned line)
{
    double back = textsim_containment(&e->text, &r->text);
    size_t edited, added;
    bool missing = back >= 0 && back < VERIFY_CHANGED;
    bool shortened = back >= 0 && back < VERIFY_SHORTENED;
    bool rewritten;

    count_changes(r, e, &edited, &added);
    /* text added where the original's text is missing replaced it */
    rewritten = edited > 0 || (added > 0 && missing);
    if (e->has_license && is_nd(e->lic.family) && rewritten) {
        char label[96];

        findings_license_label(&e->lic, label, sizeof label);
        add(r, "nd-modified", line,
            "the original is %s (no derivatives) but %zu words of the copy "
            "differ from it",
            label, edited + (missing ? added : 0));
        return;
    }
    if ((rewritten || shortened) && !r->analysis.changes_noted)
        add(r, "changes-not-indicated", line,
            "the copy %s%s%s but does not say it was changed",
            rewritten ? "rewords the original" : "",
            rewritten && shortened ? " and " : "",
            shortened ? "leaves out much of the original" : "");
}

void
verify_judge(struct result *r, const struct source_entry *e)
{
    unsigned line = r->analysis.source->line;
    double sim = -1;
    bool original = false;

    if (judge_reach(r, e, line)) {
        /* a copy of a few words (a title) tells nothing either way */
        sim = r->text.words >= VERIFY_MIN_WORDS
                  ? textsim_containment(&r->text, &e->text)
                  : -1;
        original = sim < 0 || sim >= VERIFY_NOT_ORIGINAL;
        if (!original) {
            add(r, "source-not-original", line,
                "only %.0f%% of the copy's text is on %s: it is not the "
                "original%s",
                sim * 100, shown_url(e),
                url_is_home_page(shown_url(e)) ? " (a home page)" : "");
        } else {
            judge_license(r, e, line);
            if (e->creator != NULL && !names_creator(r, e->creator))
                add(r, "creator-missing", line,
                    "the original names %s as its creator; the copy does not",
                    e->creator);
            if (sim >= 0)
                judge_changes(r, e, line);
        }
    }
    source_check_free(r->check);
    r->check = make_check(e, sim, original, 0);
    if (r->side.len > 0) /* the HTML report shows the two side by side */
        sidetext_copy(&r->check->side, &e->side);
    r->verdict = findings_verdict(&r->analysis, &r->findings);
}
