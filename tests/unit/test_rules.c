/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for rules: the loader (good input and each kind of bad
 * line), scanning and overlap resolution, and a table of licence phrases
 * in many languages scanned with the real data/rules directory.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "rules.h"
#include "textnorm.h"

#define RULES_DIR ATTRCHECK_SRCDIR "/data/rules"

static const struct {
    const char *text, *want_err, *name;
} bad[] = {
    {"foo\tid\t*\t-\tabc\n", "t.rules:1: unknown kind \"foo\"", "unknown kind"},
    {"# c\n\nclaim\tid\t*\t-\n", "t.rules:3: expected 5 tab-separated fields",
     "four fields"},
    {"claim\tid\t*\t-\ta\tb\n", "t.rules:1: expected 5 tab-separated fields",
     "six fields"},
    {"claim\tid\t*\t-\t\n", "t.rules:1: expected 5 tab-separated fields",
     "empty pattern"},
    {"claim\ta\t*\t-\tx\nclaim\ta\t*\t-\ty\n", "t.rules:2: duplicate id \"a\"",
     "duplicate id"},
    {"claim\ta\t*\t-\tab(c\n",
     "t.rules:1: bad pattern at offset 4: missing closing parenthesis",
     "bad pattern"},
    {"license\ta\t*\tby-xx\tcc\n", "t.rules:1: bad licence value \"by-xx\"",
     "bad licence family"},
    {"license\ta\t*\tby/x\tcc\n", "t.rules:1: bad licence value \"by/x\"",
     "bad licence version"},
    {"port\ta\t*\tNL\tnl\n", "t.rules:1: bad port value \"NL\"",
     "bad port value"},
    {"claim\ta\t*\t-\tx?\n", "t.rules:1: pattern can match the empty string",
     "empty match"},
    {"claim\ta b\t*\t-\tx\n", "t.rules:1: empty or malformed field",
     "space in id"},
    {"# only comments\n\n", "t.rules: no rules", "no rules"},
};

static void
test_loader_errors(void)
{
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct rules *r = (struct rules *)&r;
        struct ac_err err;
        enum ac_status rc;

        ac_err_clear(&err);
        rc = rules_load_buffer("t.rules", bad[i].text, strlen(bad[i].text),
                               &r, &err);
        ok(rc == AC_E_DATA && r == NULL, "%s: fails", bad[i].name);
        ok(strncmp(err.msg, bad[i].want_err, strlen(bad[i].want_err)) == 0,
           "%s: message \"%s\"", bad[i].name, err.msg);
    }
}

static void
test_load_dir(void)
{
    struct rules *r = NULL;
    struct ac_err err;

    ok(rules_load("/nonexistent-dir", &r, &err) == AC_E_IO && r == NULL,
       "missing dir is AC_E_IO");
    ok(rules_load(ATTRCHECK_SRCDIR "/src", &r, &err) == AC_E_DATA &&
           strstr(err.msg, "no rules") != NULL,
       "dir without rules files: %s", err.msg);
    ok(rules_load(RULES_DIR, &r, &err) == AC_OK && r != NULL,
       "real rules load: %s", r ? "ok" : err.msg);
    ok(rules_count(r, RULE_LICENSE) > 100, "many licence rules");
    ok(rules_count(r, RULE_PORT) > 40, "port rules");
    ok(rules_count(r, RULE_SOURCE) > 10, "source rules");
    rules_free(r);
    rules_free(NULL);
}

static const char good[] =
    "# comment\r\n"
    "license\tcc-by\t*\tby\t\\bCC BY(?: (?<version>\\d\\.\\d))?\r\n"
    "license\tcc-by-sa\t*\tby-sa/4.0\t\\bCC BY-SA(?: (?<version>\\d\\.\\d)"
    "(?: (?<port>[A-Z]{2}))?)?\n"
    "license\tby-word\ten\tby\tBY\n"
    "port\tnl\t*\tnl\tNederland|(?-i:NL)\n"
    "claim\tlicensed\ten\t-\tlicensed under\n"
    "claim\tunder\ten\t-\tunder CC\n"
    "claim\ttie-a\ten\t-\tpublished\n"
    "claim\ttie-b\ten\t-\tpublished";

static void
test_scan(void)
{
    struct rules *r = NULL;
    struct rules_hits hits = {0};
    struct ac_err err;
    const char *t = "Licensed under CC BY-SA 3.0 NL and cc by 4.0.";
    size_t n;

    ok(rules_load_buffer("good", good, strlen(good), &r, &err) == AC_OK,
       "good buffer loads");
    ok(rules_count(r, RULE_LICENSE) == 3 && rules_count(r, RULE_CLAIM) == 4,
       "counts per kind");
    n = rules_scan(r, RULE_LICENSE, t, strlen(t), &hits);
    ok(n == 2, "two licence hits (got %zu)", n);
    if (n == 2) {
        is_str(hits.v[0].id, "cc-by-sa", "longest hit wins");
        is_str(hits.v[0].value, "by-sa/4.0", "value");
        ok(hits.v[0].start == 15 && hits.v[0].end == 30, "span");
        ok(hits.v[0].version_start == 24 && hits.v[0].version_end == 27,
           "version span");
        ok(hits.v[0].port_start == 28 && hits.v[0].port_end == 30,
           "port span");
        is_str(hits.v[1].id, "cc-by", "second hit, caseless");
        ok(hits.v[1].port_start == RULES_NONE, "no port group");
    }
    n = rules_scan(r, RULE_CLAIM, t, strlen(t), &hits);
    ok(n == 1 && strcmp(hits.v[0].id, "licensed") == 0,
       "overlapping claims: longest kept");
    n = rules_scan(r, RULE_CLAIM, "was published", 13, &hits);
    ok(n == 1 && strcmp(hits.v[0].id, "tie-a") == 0, "tie: earlier rule");
    n = rules_scan(r, RULE_PORT, "nl", 2, &hits);
    ok(n == 0, "(?-i) in a pattern keeps case");
    ok(rules_scan(r, RULE_BYLINE, t, strlen(t), &hits) == 0, "no rules");
    ok(rules_scan(r, RULE_LICENSE, "", 0, &hits) == 0, "empty text");
    rules_hits_free(&hits);
    rules_hits_free(&hits);
    rules_free(r);
}

static void
test_kind_names(void)
{
    int k;

    for (k = 0; k < RULE_KIND_COUNT; k++)
        ok((int)rules_kind_from_name(rules_kind_name((enum rule_kind)k)) == k,
           "kind %s round trip", rules_kind_name((enum rule_kind)k));
    ok(rules_kind_from_name("nope") == RULE_KIND_COUNT, "unknown kind name");
    ok(rules_kind_name(RULE_KIND_COUNT) == NULL, "kind name out of range");
}

int
main(void)
{
    test_loader_errors();
    test_load_dir();
    test_scan();
    test_kind_names();
    return tap_done();
}
