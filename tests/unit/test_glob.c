/* SPDX-License-Identifier: MIT */
/* Unit tests for glob: ** segments, classes, the any-depth rule, bad
 * patterns and a pattern that would be exponential without memoising. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "glob.h"

static const struct {
    const char *pattern, *path;
    int want;
} cases[] = {
    {"drafts/**", "drafts/a.html", 1},
    {"drafts/**", "drafts/x/y/a.html", 1},
    {"drafts/**", "drafts", 0},
    {"drafts/**", "posts/drafts/a.html", 0},
    {"**/drafts/**", "posts/drafts/a.html", 1},
    {"**/drafts/**", "drafts/a.html", 1},
    {"a/**/b.html", "a/b.html", 1},
    {"a/**/b.html", "a/x/y/b.html", 1},
    {"a/**/b.html", "a/xb.html", 0},
    {"**", "any/thing/at/all.html", 1},
    {"posts/*.html", "posts/a.html", 1},
    {"posts/*.html", "posts/x/a.html", 0},
    {"posts/a**.html", "posts/abc.html", 1}, /* ** inside a name is * */
    {"posts/a**.html", "posts/a/b.html", 0},
    {"posts/?.html", "posts/a.html", 1},
    {"posts/?.html", "posts/ab.html", 0},
    {"p?sts/a.html", "p/sts/a.html", 0}, /* ? never matches / */
    {"posts/[ab].html", "posts/b.html", 1},
    {"posts/[!ab].html", "posts/b.html", 0},
    {"posts/[!ab].html", "posts/c.html", 1},
    {"posts/[a-c]x.html", "posts/bx.html", 1},
    {"posts/[a-c]x.html", "posts/dx.html", 0},
    {"posts/[]].html", "posts/].html", 1},
    {"posts/[ab.html", "posts/[ab.html", 1}, /* unterminated class */
    {"posts/\\*.html", "posts/*.html", 1},
    {"posts/\\*.html", "posts/a.html", 0},
    {"*.html", "deep/down/page.html", 1}, /* no '/': any depth */
    {"*.htm", "deep/down/page.html", 0},
    {"drafts", "posts/drafts/a.html", 1},
    {"draft", "posts/drafts/a.html", 0},
    {"/index.html", "index.html", 1}, /* anchored */
    {"/index.html", "posts/index.html", 0},
    {"./posts/*.html", "posts/a.html", 1},
    {"posts/*.html", "./posts/a.html", 1},
    {"", "", 1},
    {"", "a", 0},
    {"a,b/*.html", "a,b/c.html", 1},
};

int
main(void)
{
    char path[4000], pattern[64];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(glob_match_path(cases[i].pattern, cases[i].path) == cases[i].want,
           "'%s' %s '%s'", cases[i].pattern,
           cases[i].want ? "matches" : "does not match", cases[i].path);
    ok(!glob_match("*.html", "a/b.html"), "glob_match has no any-depth rule");
    ok(glob_match("a/**", "a/b/c"), "glob_match a/**");
    /* exponential without memoising: many stars against a long miss */
    memset(path, 'a', sizeof path - 1);
    path[sizeof path - 1] = '\0';
    strcpy(pattern, "*a*a*a*a*a*a*a*a*a*a*a*a*b");
    ok(!glob_match(pattern, path), "many stars against a long path finish");
    strcpy(pattern, "**/**/**/**/**/**/**/b");
    ok(!glob_match(pattern, "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a"),
       "many globstars finish");
    return tap_done();
}
