/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for rules_factor, rules_dfa and the rules' prefilter: the
 * pieces and literals read from patterns (runs, groups, alternations,
 * word boundaries, residues for other scripts, syntax it refuses), the
 * automaton, and the prefilter over the real data/rules: silent on
 * ordinary prose, never silent where a rule of its kinds matches.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "rules.h"
#include "rules_dfa.h"
#include "rules_factor.h"
#include "textnorm.h"

#define RULES_DIR ATTRCHECK_SRCDIR "/data/rules"

/* The literals of PAT joined with '|', residues in {}; "-" on refusal. */
static char *
literals(const char *pat)
{
    char **l = NULL, **res = NULL, buf[2048] = "";
    size_t n = 0, nr = 0, i;

    if (!rules_factor_literals(pat, &l, &n, &res, &nr))
        return strdup("-");
    for (i = 0; i < n; i++) {
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s[%s]",
                 i ? "|" : "", l[i]);
        free(l[i]);
    }
    for (i = 0; i < nr; i++) {
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "{%s}", res[i]);
        free(res[i]);
    }
    free(l);
    free(res);
    return strdup(buf);
}

static void
test_literals(void)
{
    static const struct {
        const char *pat, *want, *name;
    } t[] = {
        {"abc", "[abc]", "a plain literal"},
        {"x(?:ab|cd)y", "[xaby]|[xcdy]", "a product through a group"},
        {"(?<![\\p{L}\\p{N}])CC[ -]?BY(?![\\p{L}\\p{N}])", "[ cc by ]|[ ccby ]",
         "word boundaries and an optional class"},
        {"licen[cs]e", "[licen]", "a class of letters ends a run"},
        {"foo\\s+barbaz", "[barbaz]", "an unbounded repeat ends a run"},
        {"(?:one|two) three", "[one three]|[two three]", "alternatives"},
        {"abc|cde", "[abc]|[cde]", "top-level alternation: each branch"},
        {"ab|cde", "[cde]{ab}", "a literal of two letters is a residue"},
        {"(?:Атрибуция|Attribution)", "[attribution]{Атрибуция}",
         "another script: a residue"},
        {"a(b)\\1", "-", "a back-reference is refused"},
        {"(?x) a b c", "-", "an option setting is refused"},
    };
    size_t i;

    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *got = literals(t[i].pat);

        is_str(got, t[i].want, t[i].name);
        free(got);
    }
}

static void
test_factor(void)
{
    int score = 0;
    char *f = rules_factor("(?<!x)ab(?:c|d)e*f", &score);

    is_str(f, "ab(?:c|d)", "factor: the mandatory run, no lookaround");
    ok(score == 3, "factor: score counts the letters (%d)", score);
    free(f);
    ok(rules_factor("(*UTF)ab", &score) == NULL, "factor: verbs refused");
    ok(rules_factor_needs_nonascii("Атрибуция"), "non-ASCII needed");
    ok(!rules_factor_needs_nonascii("(?:Атрибуция|abc)"),
       "non-ASCII not needed when a branch is ASCII");
}

static void
test_dfa(void)
{
    struct rules_dfa *d = rules_dfa_new();
    bool na;

    rules_dfa_add(d, " cc ");
    rules_dfa_add(d, "republished");
    rules_dfa_build(d);
    ok(rules_dfa_scan(d, "CC", 2, &na),
       "dfa: start and end of text are bounds");
    ok(rules_dfa_scan(d, "under (CC) here", 15, &na),
       "dfa: punctuation bounds");
    ok(!rules_dfa_scan(d, "accept", 6, &na), "dfa: no bound inside a word");
    ok(rules_dfa_scan(d, "It was RePublished", 18, &na), "dfa: case folded");
    ok(!rules_dfa_scan(d, "", 0, &na) && !na, "dfa: empty text");
    ok(!rules_dfa_scan(d, "plain text", 10, &na) && !na, "dfa: ASCII seen");
    ok(!rules_dfa_scan(d, "caf\xC3\xA9 au lait", 13, &na) && na,
       "dfa: a byte over 0x7F seen");
    rules_dfa_free(d);
}

/* Past 65,534 states the automaton saturates: every text passes (the
 * long way), none is dropped.  "x00000".."x99999" need 111,112. */
static void
test_dfa_saturated(void)
{
    struct rules_dfa *d = rules_dfa_new();
    char lit[8];
    bool na;
    int i;

    for (i = 0; i < 100000; i++) {
        snprintf(lit, sizeof lit, "x%05d", i);
        rules_dfa_add(d, lit);
    }
    rules_dfa_build(d);
    ok(rules_dfa_scan(d, "x99999", 6, &na),
       "dfa saturated: a late literal found");
    ok(rules_dfa_scan(d, "nothing", 7, &na), "dfa saturated: any text passes");
    ok(rules_dfa_scan(d, "", 0, &na), "dfa saturated: even the empty one");
    rules_dfa_free(d);

    d = rules_dfa_new();
    for (i = 0; i < 1000; i++) {
        snprintf(lit, sizeof lit, "x%05d", i);
        rules_dfa_add(d, lit);
    }
    rules_dfa_build(d);
    ok(rules_dfa_scan(d, "see x00999 here", 15, &na), "dfa: 1,000 literals");
    ok(!rules_dfa_scan(d, "see x01000 here", 15, &na), "dfa: not saturated");
    rules_dfa_free(d);
}

/* Every hit of a prefiltered kind implies the prefilter passes. */
static void
test_prefilter(void)
{
    static const char *const pass[] = {
        "Licensed under CC BY-SA 4.0",
        "Dit werk valt onder een Creative Commons Naamsvermelding 4.0 "
        "Internationaal-licentie",
        "This article was originally published on The Conversation.",
        "Лицензия: Атрибуция 4.0 Международная",
        "本作品采用知识共享署名 4.0 国际许可协议进行许可",
        "https://creativecommons.org/licenses/by-nc/4.0/",
        "CCBYSA4",
        "Der Text ist übernommen von netzpolitik.org",
    };
    static const char *const silent[] = {
        "The council met on Tuesday to discuss the budget by said date.",
        "Access to the success of the account according to the data.",
        "",
    };
    struct rules *r = NULL;
    struct rules_hits hits = {0};
    struct ac_err err;
    size_t i;

    if (rules_load(RULES_DIR, &r, &err) != AC_OK) {
        ok(0, "rules load: %s", err.msg);
        return;
    }
    ok(rules_prefilter_active(r), "prefilter built from the real rules");
    for (i = 0; i < sizeof pass / sizeof pass[0]; i++) {
        char *t = textnorm_dup(pass[i]);
        bool any = rules_scan(r, RULE_LICENSE, t, strlen(t), &hits) > 0 ||
                   rules_scan(r, RULE_SOURCE, t, strlen(t), &hits) > 0 ||
                   rules_scan(r, RULE_COPIED, t, strlen(t), &hits) > 0;

        ok(any, "a rule matches: %s", pass[i]);
        ok(rules_prefilter(r, t, strlen(t), &hits), "prefilter passes: %s",
           pass[i]);
        free(t);
    }
    for (i = 0; i < sizeof silent / sizeof silent[0]; i++)
        ok(!rules_prefilter(r, silent[i], strlen(silent[i]), &hits),
           "prefilter silent: %s", silent[i]);
    ok(rules_prefilter(r, "\xE2\x84\xAA", 3, &hits),
       "the Kelvin sign (caseless 'k') passes");
    rules_prefilter_set(r, false);
    ok(rules_prefilter(r, "plain", 5, &hits), "switched off: always passes");
    rules_hits_free(&hits);
    rules_free(r);
}

int
main(void)
{
    test_literals();
    test_factor();
    test_dfa();
    test_dfa_saturated();
    test_prefilter();
    return tap_done();
}
