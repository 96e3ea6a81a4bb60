/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for rules: the loader (good input and each kind of bad
 * line), scanning and overlap resolution, and a table of licence phrases
 * in many languages scanned with the real data/rules directory.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
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
    {"trigger\tt\t*\tfoo\tcc\nclaim\ta\t*\t-\tx\n",
     "t.rules:1: trigger for unknown kind \"foo\"", "trigger of no kind"},
    {"trigger\tt\t*\tclaim\t(x\nclaim\ta\t*\t-\tx\n",
     "t.rules:1: bad pattern at offset 2", "bad trigger pattern"},
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
        rc = rules_load_buffer("t.rules", bad[i].text, strlen(bad[i].text), &r,
                               &err);
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
    if (rules_load(RULES_DIR, &r, &err) != AC_OK)
        printf("# %s\n", err.msg);
    ok(r != NULL, "real rules load");
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
        ok(hits.v[0].port_start == 28 && hits.v[0].port_end == 30, "port span");
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

/*
 * Licence phrases in many languages against the real data/rules: the
 * value of the longest hit, its version and the port code its (?<port>)
 * span maps to ("" when absent).  VALUE NULL: no licence hit at all.
 */
static const struct {
    const char *text, *value, *version, *port;
} phrases[] = {
    {"Creative Commons Naamsvermelding-licentie (CC BY)", "by", "", ""},
    {"Dit werk valt onder een Creative Commons Naamsvermelding 4.0 "
     "Internationaal licentie.",
     "by", "4.0", "-"},
    {"Creative Commons Naamsvermelding 3.0 Unported licentie", "by", "3.0",
     "-"},
    {"Naamsvermelding-NietCommercieel-GelijkDelen 3.0 Nederland", "by-nc-sa",
     "3.0", "nl"},
    {"Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal", "by-sa",
     "4.0", "-"},
    {"CC BY-NC-ND 3.0 NL", "by-nc-nd", "3.0", "nl"},
    {"Naamsvermelding-GeenAfgeleideWerken 3.0 Nederland", "by-nd", "3.0", "nl"},
    {"Naamsvermelding-NietCommercieel 2.5 Nederland", "by-nc", "2.5", "nl"},
    {"CC0 1.0 Universeel", "zero", "1.0", "-"},
    {"Creative Commons Namensnennung 4.0 International Lizenz", "by", "4.0",
     "-"},
    {"Namensnennung-Keine Bearbeitung 3.0 Deutschland", "by-nd", "3.0", "de"},
    {"Namensnennung - Nicht-kommerziell - Weitergabe unter gleichen "
     "Bedingungen 4.0 International",
     "by-nc-sa", "4.0", "-"},
    {"Namensnennung-Nicht kommerziell 4.0 International", "by-nc", "4.0", "-"},
    {"Namensnennung - Weitergabe unter gleichen Bedingungen 3.0 Deutschland",
     "by-sa", "3.0", "de"},
    {"Creative Commons Namensnennung-NichtKommerziell-KeineBearbeitung 3.0 "
     "Österreich",
     "by-nc-nd", "3.0", "at"},
    {"Lizenz: CC BY-SA 4.0", "by-sa", "4.0", ""},
    {"cc-by-sa-3.0-de", "by-sa", "3.0", "de"},
    {"Licence Creative Commons Attribution - Pas d’Utilisation Commerciale - "
     "Partage dans les Mêmes Conditions 4.0 International",
     "by-nc-sa", "4.0", "-"},
    {"Attribution - Partage dans les Mêmes Conditions 3.0 France", "by-sa",
     "3.0", "fr"},
    {"Creative Commons Attribution - Pas de Modification 4.0 International",
     "by-nd", "4.0", "-"},
    {"sous licence Creative Commons Attribution 4.0 International", "by", "4.0",
     "-"},
    {"Attribution - Pas d'Utilisation Commerciale 2.0 France", "by-nc", "2.0",
     "fr"},
    {"Licencia Creative Commons Atribución 4.0 Internacional", "by", "4.0",
     "-"},
    {"Reconocimiento-CompartirIgual 3.0 España", "by-sa", "3.0", "es"},
    {"Atribución-NoComercial-CompartirIgual 4.0 Internacional", "by-nc-sa",
     "4.0", "-"},
    {"Reconocimiento-NoComercial-SinObraDerivada 3.0 España", "by-nc-nd", "3.0",
     "es"},
    {"Atribución-SinDerivadas 4.0 Internacional", "by-nd", "4.0", "-"},
    {"bajo una licencia Creative Commons Reconocimiento 4.0", "by", "4.0", ""},
    {"Attribuzione 4.0 Internazionale", "by", "4.0", "-"},
    {"Creative Commons Attribuzione - Condividi allo stesso modo 4.0 "
     "Internazionale",
     "by-sa", "4.0", "-"},
    {"Attribuzione - Non commerciale - Non opere derivate 3.0 Italia",
     "by-nc-nd", "3.0", "it"},
    {"Licenza Creative Commons Attribuzione - Non commerciale 4.0 "
     "Internazionale",
     "by-nc", "4.0", "-"},
    {"Atribuição 4.0 Internacional", "by", "4.0", "-"},
    {"Creative Commons Atribuição-CompartilhaIgual 4.0 Internacional", "by-sa",
     "4.0", "-"},
    {"Atribuição-NãoComercial-SemDerivações 4.0 Internacional", "by-nc-nd",
     "4.0", "-"},
    {"Atribuição-Uso Não-Comercial-Compartilhamento pela mesma Licença 2.5 "
     "Brasil",
     "by-nc-sa", "2.5", "br"},
    {"Uznanie autorstwa 4.0 Międzynarodowe", "by", "4.0", "-"},
    {"Creative Commons Uznanie autorstwa - Na tych samych warunkach 3.0 Polska",
     "by-sa", "3.0", "pl"},
    {"Uznanie autorstwa-Użycie niekomercyjne-Bez utworów zależnych 3.0 Polska",
     "by-nc-nd", "3.0", "pl"},
    {"Erkännande 4.0 Internationell", "by", "4.0", "-"},
    {"Erkännande-DelaLika 4.0 Internationell", "by-sa", "4.0", "-"},
    {"Navngivelse 4.0 International", "by", "4.0", "-"},
    {"Nimeä 4.0 Kansainvälinen", "by", "4.0", "-"},
    {"С указанием авторства-Некоммерческая-С сохранением условий 4.0 "
     "Международная",
     "by-nc-sa", "4.0", "-"},
    {"Uveďte původ 4.0 Mezinárodní", "by", "4.0", "-"},
    {"表示 4.0 国際", "by", "4.0", "-"},
    {"CC BY-SA 4.0", "by-sa", "4.0", ""},
    {"CC-BY-NC-ND", "by-nc-nd", "", ""},
    {"CC BY NC ND", "by-nc-nd", "", ""},
    {"CC BY-NC-SA 3.0 DE", "by-nc-sa", "3.0", "de"},
    {"CC-BY-SA-3.0", "by-sa", "3.0", ""},
    {"CC0 1.0", "zero", "1.0", ""},
    {"CC0", "zero", "", ""},
    {"CC Zero", "zero", "", ""},
    {"Public Domain Mark 1.0", "mark", "1.0", ""},
    {"Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International "
     "License",
     "by-nc-sa", "4.0", "-"},
    {"Creative Commons Attribution Share Alike", "by-sa", "", ""},
    {"Attribution-NonCommercial-NoDerivs 3.0 Unported", "by-nc-nd", "3.0", "-"},
    {"Attribution-NoDerivs 4.0", "by-nd", "4.0", ""},
    {"Attribution-NoDerivatives 4.0 International", "by-nd", "4.0", "-"},
    {"Attribution Non-Commercial 3.0", "by-nc", "3.0", ""},
    {"Attribution-ShareAlike 4.0 Unported", "by-sa", "4.0", "-"},
    {"Attribution-ShareAlike License 4.0", "by-sa", "4.0", ""},
    {"released under a Creative Commons licence", "cc", "", ""},
    {"CC BY 4", "by", "4", ""},
    {"CC BY-SA 3.0 Netherlands", "by-sa", "3.0", "nl"},
    {"CC BY 3.0 NL", "by", "3.0", "nl"},
    {"CC BY 3.0 Deutschland", "by", "3.0", "de"},
    {"CC BY 3.0 IGO", "by", "3.0", "igo"},
    {"This work is licensed under the Creative Commons Attribution 4.0 "
     "International Public License.",
     "by", "4.0", "-"},
    {"Creative Commons Attribution 2.0 Generic", "by", "2.0", "-"},
    {"Creative Commons Attribution-Share Alike 3.0 United States License",
     "by-sa", "3.0", "us"},
    {"https://creativecommons.org/licenses/by-nc-sa/3.0/nl/", "by-nc-sa", "3.0",
     "nl"},
    {"creativecommons.org/publicdomain/zero/1.0/", "zero", "1.0", ""},
    {"Creative Commons Zero v1.0 Universal", "zero", "1.0", "-"},
    {"To the extent possible under law, the author has waived all copyright "
     "and related or neighboring rights to this work.",
     "zero", "", ""},
    {"attribution is required", NULL, NULL, NULL},
    {"originally published at 2:05 p.m.", NULL, NULL, NULL},
    {"Please give attribution to the author.", NULL, NULL, NULL},
    {"The book by Namensnennung.", NULL, NULL, NULL},
    {"Photo by John, all rights reserved", NULL, NULL, NULL},
    {"He wrote about share alike tools", NULL, NULL, NULL},
};

/* The port code of SPAN per the port rules (longest hit), or "". */
static const char *
port_code(const struct rules *r, const char *text, size_t a, size_t b,
          struct rules_hits *ph)
{
    size_t i, best = 0;

    if (a == RULES_NONE || rules_scan(r, RULE_PORT, text + a, b - a, ph) == 0)
        return "";
    for (i = 1; i < ph->len; i++)
        if (ph->v[i].end - ph->v[i].start > ph->v[best].end - ph->v[best].start)
            best = i;
    return ph->v[best].value;
}

/* Checks one phrase; returns true when it is as expected. */
static bool
phrase_ok(const struct rules *r, size_t i, struct rules_hits *hits,
          struct rules_hits *ph)
{
    char *text = textnorm_dup(phrases[i].text);
    size_t n = rules_scan(r, RULE_LICENSE, text, strlen(text), hits);
    size_t j, best = 0;
    char version[8] = "";
    bool same;

    if (phrases[i].value == NULL || n == 0) {
        free(text);
        return (phrases[i].value == NULL) == (n == 0);
    }
    for (j = 1; j < n; j++)
        if (hits->v[j].end - hits->v[j].start >
            hits->v[best].end - hits->v[best].start)
            best = j;
    if (hits->v[best].version_start != RULES_NONE)
        snprintf(version, sizeof version, "%.*s",
                 (int)(hits->v[best].version_end - hits->v[best].version_start),
                 text + hits->v[best].version_start);
    same = strcmp(hits->v[best].value, phrases[i].value) == 0 &&
           strcmp(version, phrases[i].version) == 0 &&
           strcmp(port_code(r, text, hits->v[best].port_start,
                            hits->v[best].port_end, ph),
                  phrases[i].port) == 0;
    if (!same)
        printf("#   got %s %s (%s)\n", hits->v[best].value, version,
               hits->v[best].id);
    free(text);
    return same;
}

static void
test_phrases(void)
{
    struct rules *r = NULL;
    struct rules_hits hits = {0}, ph = {0};
    struct ac_err err;
    size_t i;

    if (rules_load(RULES_DIR, &r, &err) != AC_OK) {
        ok(0, "load %s: %s", RULES_DIR, err.msg);
        return;
    }
    for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        ok(phrase_ok(r, i, &hits, &ph), "phrase: %s", phrases[i].text);
    rules_hits_free(&hits);
    rules_hits_free(&ph);
    rules_free(r);
}

/* A trigger skips the kind's rules where it does not match, and several
 * trigger lines of one kind combine. */
static void
test_triggers(void)
{
    static const char text[] = "trigger\tt1\t*\tclaim\tlicensed\n"
                               "trigger\tt2\t*\tclaim\tunder\n"
                               "claim\tc\t*\t-\tunder\n"
                               "source\ts\t*\t-\tunder\n";
    struct rules *r = NULL;
    struct rules_hits hits = {0};
    struct ac_err err = {0};

    ok(rules_load_buffer("t.rules", text, strlen(text), &r, &err) == AC_OK,
       "rules with two triggers load (%s)", err.msg);
    ok(rules_scan(r, RULE_CLAIM, "go under", 8, &hits) == 1,
       "the second trigger lets the claim rule run");
    ok(rules_scan(r, RULE_CLAIM, "go below", 8, &hits) == 0,
       "no trigger, no scan");
    ok(rules_scan(r, RULE_SOURCE, "go under", 8, &hits) == 1,
       "a kind without triggers always runs");
    rules_hits_free(&hits);
    rules_free(r);
}

int
main(void)
{
    test_loader_errors();
    test_triggers();
    test_load_dir();
    test_scan();
    test_kind_names();
    test_phrases();
    return tap_done();
}
