/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for ccurl: every URL form real pages use (deeds, legal code,
 * ports, badges, old element orders, CC0, the mark, retired tools),
 * hostile hosts, licences CC never published, family codes, SPDX ids,
 * deed URLs, compatibility and the generated ccports table.
 */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "ccurl.h"

#define D  CC_URL_DEED
#define L  CC_URL_LEGALCODE
#define B  CC_URL_BADGE
#define O  CC_URL_OTHER
#define X  CC_URL_INVALID
#define NO CC_URL_NOT_CC

static const struct {
    const char *url;
    enum cc_url_kind kind;
    enum cc_family family;
    const char *version, *port;
} parse_cases[] = {
    /* deeds: schemes, hosts, case, slashes, languages */
    {"https://creativecommons.org/licenses/by/4.0/", D, CC_BY, "4.0", ""},
    {"http://creativecommons.org/licenses/by-sa/4.0/", D, CC_BY_SA, "4.0", ""},
    {"https://www.creativecommons.org/licenses/by-nc/4.0/", D, CC_BY_NC, "4.0",
     ""},
    {"HTTPS://CreativeCommons.ORG/licenses/by-nd/4.0/", D, CC_BY_ND, "4.0", ""},
    {"https://creativecommons.org/licenses/by-nc-sa/4.0", D, CC_BY_NC_SA, "4.0",
     ""},
    {"https://creativecommons.org/licenses/by-nc-nd/4.0/deed.de", D,
     CC_BY_NC_ND, "4.0", ""},
    {"http://creativecommons.org/licenses/by/4.0/deed.pt_BR", D, CC_BY, "4.0",
     ""},
    {"https://creativecommons.org/licenses/by/4.0/deed.zh-hans/", D, CC_BY,
     "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/deed", D, CC_BY, "4.0", ""},
    {"https://creativecommons.org/licenses/BY-SA/4.0/", D, CC_BY_SA, "4.0", ""},
    {"https://creativecommons.org//licenses//by//4.0//", D, CC_BY, "4.0", ""},
    {"https://creativecommons.org./licenses/by/4.0/", D, CC_BY, "4.0", ""},
    {"https://creativecommons.org:443/licenses/by/4.0/", D, CC_BY, "4.0", ""},
    {"  https://creativecommons.org/licenses/by/4.0/ \n", D, CC_BY, "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1", D, CC_BY,
     "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/#sa", D, CC_BY, "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0?ref=x#y", D, CC_BY, "4.0",
     ""},
    {"//creativecommons.org/licenses/by-sa/3.0/", D, CC_BY_SA, "3.0", ""},
    {"creativecommons.org/licenses/by/4.0", D, CC_BY, "4.0", ""},
    {"www.creativecommons.org/licenses/by-nc/2.0/", D, CC_BY_NC, "2.0", ""},
    {"http://creativecommons.org/licenses/by/2.5/", D, CC_BY, "2.5", ""},
    {"http://user@creativecommons.org/licenses/by/4.0/", D, CC_BY, "4.0", ""},
    /* legal code */
    {"https://creativecommons.org/licenses/by/4.0/legalcode", L, CC_BY, "4.0",
     ""},
    {"https://creativecommons.org/licenses/by-nd/4.0/legalcode.nl", L, CC_BY_ND,
     "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/legalcode.txt", L, CC_BY,
     "4.0", ""},
    {"http://creativecommons.org/licenses/by/3.0/legalcode", L, CC_BY, "3.0",
     ""},
    {"https://creativecommons.org/licenses/by-sa/3.0/de/legalcode", L, CC_BY_SA,
     "3.0", "de"},
    /* ports */
    {"https://creativecommons.org/licenses/by-sa/3.0/nl/", D, CC_BY_SA, "3.0",
     "nl"},
    {"https://creativecommons.org/licenses/by/3.0/nl/deed.nl", D, CC_BY, "3.0",
     "nl"},
    {"http://creativecommons.org/licenses/by-nd/3.0/de/", D, CC_BY_ND, "3.0",
     "de"},
    {"http://creativecommons.org/licenses/by-sa/3.0/us/", D, CC_BY_SA, "3.0",
     "us"},
    {"https://creativecommons.org/licenses/by/3.0/igo/", D, CC_BY, "3.0",
     "igo"},
    {"https://creativecommons.org/licenses/by-nc-sa/2.5/scotland/", D,
     CC_BY_NC_SA, "2.5", "scotland"},
    {"https://creativecommons.org/licenses/by/3.0/NL/", D, CC_BY, "3.0", "nl"},
    {"https://creativecommons.org/licenses/by-sa/2.1/jp/", D, CC_BY_SA, "2.1",
     "jp"},
    {"https://creativecommons.org/licenses/by/2.0/uk/", D, CC_BY, "2.0", "uk"},
    /* old element orders */
    {"https://creativecommons.org/licenses/by-nd-nc/1.0/", D, CC_BY_NC_ND,
     "1.0", ""},
    {"https://creativecommons.org/licenses/by-nd-nc/2.0/jp/", D, CC_BY_NC_ND,
     "2.0", "jp"},
    {"https://creativecommons.org/licenses/by-sa-nc/4.0/", D, CC_BY_NC_SA,
     "4.0", ""},
    {"https://creativecommons.org/licenses/nc-by/4.0/", D, CC_BY_NC, "4.0", ""},
    {"https://creativecommons.org/licenses/by-nc-nd/1.0/", D, CC_BY_NC_ND,
     "1.0", ""},
    /* CC0 and the Public Domain Mark */
    {"https://creativecommons.org/publicdomain/zero/1.0/", D, CC_ZERO, "1.0",
     ""},
    {"http://creativecommons.org/publicdomain/zero/1.0/deed.fr", D, CC_ZERO,
     "1.0", ""},
    {"https://creativecommons.org/publicdomain/zero/1.0/legalcode", L, CC_ZERO,
     "1.0", ""},
    {"https://creativecommons.org/publicdomain/mark/1.0/", D, CC_PDM, "1.0",
     ""},
    {"https://creativecommons.org/publicdomain/mark/1.0/deed.nl", D, CC_PDM,
     "1.0", ""},
    /* retired tools */
    {"https://creativecommons.org/licenses/sa/1.0/", D, CC_RETIRED, "1.0", ""},
    {"https://creativecommons.org/licenses/nc/1.0/", D, CC_RETIRED, "1.0", ""},
    {"https://creativecommons.org/licenses/nd/1.0/nl/", D, CC_RETIRED, "1.0",
     "nl"},
    {"https://creativecommons.org/licenses/nc-sa/1.0/", D, CC_RETIRED, "1.0",
     ""},
    {"https://creativecommons.org/licenses/sampling/1.0/", D, CC_RETIRED, "1.0",
     ""},
    {"https://creativecommons.org/licenses/sampling+/1.0/", D, CC_RETIRED,
     "1.0", ""},
    {"https://creativecommons.org/licenses/nc-sampling+/1.0/tw/", D, CC_RETIRED,
     "1.0", "tw"},
    {"https://creativecommons.org/licenses/devnations/2.0/", D, CC_RETIRED,
     "2.0", ""},
    {"https://creativecommons.org/publicdomain/", D, CC_RETIRED, "", ""},
    {"https://creativecommons.org/publicdomain", D, CC_RETIRED, "", ""},
    {"https://creativecommons.org/publicdomain/certification/1.0/us/", D,
     CC_RETIRED, "1.0", "us"},
    /* badges */
    {"https://i.creativecommons.org/l/by-sa/4.0/88x31.png", B, CC_BY_SA, "4.0",
     ""},
    {"http://i.creativecommons.org/l/by-nc-sa/4.0/88x31.png", B, CC_BY_NC_SA,
     "4.0", ""},
    {"http://i.creativecommons.org/l/by-sa/3.0/us/88x31.png", B, CC_BY_SA,
     "3.0", "us"},
    {"https://licensebuttons.net/l/by/4.0/80x15.png", B, CC_BY, "4.0", ""},
    {"//licensebuttons.net/l/by-nc-nd/3.0/nl/88x31.png", B, CC_BY_NC_ND, "3.0",
     "nl"},
    {"https://i.creativecommons.org/p/zero/1.0/88x31.png", B, CC_ZERO, "1.0",
     ""},
    {"https://licensebuttons.net/p/mark/1.0/88x31.png", B, CC_PDM, "1.0", ""},
    {"https://i.creativecommons.org/l/by/4.0/", B, CC_BY, "4.0", ""},
    {"https://mirrors.creativecommons.org/presskit/buttons/88x31/png/"
     "by-nc-sa.png",
     B, CC_BY_NC_SA, "", ""},
    {"https://mirrors.creativecommons.org/presskit/buttons/80x15/svg/"
     "cc-zero.svg",
     B, CC_ZERO, "", ""},
    {"https://mirrors.creativecommons.org/presskit/buttons/88x31/png/"
     "publicdomain.png",
     B, CC_PDM, "", ""},
    /* licences CC never published: best guess filled in */
    {"https://creativecommons.org/licenses/by/5.0/", X, CC_BY, "5.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/nl/", X, CC_BY, "4.0", "nl"},
    {"https://creativecommons.org/licenses/by/2.1/", X, CC_BY, "2.1", ""},
    {"https://creativecommons.org/licenses/by/3.0/xx/", X, CC_BY, "3.0", "xx"},
    {"https://creativecommons.org/publicdomain/zero/2.0/", X, CC_ZERO, "2.0",
     ""},
    {"https://creativecommons.org/publicdomain/zero/1.0/nl/", X, CC_ZERO, "1.0",
     "nl"},
    {"https://creativecommons.org/publicdomain/mark/4.0/", X, CC_PDM, "4.0",
     ""},
    /* the family's page without a version is a deed: CC serves the latest */
    {"https://creativecommons.org/licenses/by-sa/", D, CC_BY_SA, "", ""},
    {"https://creativecommons.org/licenses/by/four/", X, CC_BY, "", ""},
    {"https://creativecommons.org/licenses/by/4.00/", X, CC_BY, "", ""},
    {"https://creativecommons.org/licenses/by/10.0/", X, CC_BY, "", ""},
    {"https://creativecommons.org/licenses/by/4.0/deedx", X, CC_BY, "4.0",
     "deedx"},
    {"https://creativecommons.org/licenses/by/4.0/legalcode./", X, CC_BY, "4.0",
     ""},
    {"https://creativecommons.org/licenses/by/4.0/deed./", X, CC_BY, "4.0", ""},
    {"https://creativecommons.org/licenses/by/3.0/nl/de/", X, CC_BY, "3.0",
     "nl"},
    {"https://creativecommons.org/licenses/by/4.0/deed.de/extra", X, CC_BY,
     "4.0", ""},
    {"https://creativecommons.org/licenses/by/4.0/88x31.png", X, CC_BY, "4.0",
     ""},
    {"https://creativecommons.org/licenses/by-nd-sa/4.0/", X, CC_NONE, "4.0",
     ""},
    {"https://creativecommons.org/licenses/sa/4.0/", X, CC_RETIRED, "4.0", ""},
    {"https://creativecommons.org/licenses/sampling/2.0/", X, CC_RETIRED, "2.0",
     ""},
    {"https://creativecommons.org/licenses/by-nd-nc/4.0/", D, CC_BY_NC_ND,
     "4.0", ""},
    {"https://i.creativecommons.org/l/by/5.0/88x31.png", X, CC_BY, "5.0", ""},
    {"https://creativecommons.org/licenses/by/1.0/a/b/c/d/e/f/g/h", X, CC_NONE,
     "", ""},
    /* CC pages that are not licences */
    {"https://creativecommons.org/", O, CC_NONE, "", ""},
    {"https://creativecommons.org", O, CC_NONE, "", ""},
    {"https://www.creativecommons.org", O, CC_NONE, "", ""},
    {"https://creativecommons.org/choose/", O, CC_NONE, "", ""},
    {"https://creativecommons.org/faq/#attribution", O, CC_NONE, "", ""},
    {"https://creativecommons.org/about/contact/", O, CC_NONE, "", ""},
    {"https://creativecommons.org/licenses/", O, CC_NONE, "", ""},
    {"https://creativecommons.org/licenses/list.en", O, CC_NONE, "", ""},
    {"https://creativecommons.org/2019/04/30/cc-search-images/", O, CC_NONE, "",
     ""},
    {"https://creativecommons.org/publicdomain/other/", O, CC_NONE, "", ""},
    {"https://search.creativecommons.org/", O, CC_NONE, "", ""},
    {"https://wiki.creativecommons.org/wiki/Best_practices_for_attribution", O,
     CC_NONE, "", ""},
    {"https://search.creativecommons.org/licenses/by/4.0/", O, CC_NONE, "", ""},
    {"https://i.creativecommons.org/images/logo.png", O, CC_NONE, "", ""},
    {"https://mirrors.creativecommons.org/presskit/logos/cc.logo.svg", O,
     CC_NONE, "", ""},
    {"https://creativecommons.org/licenses/by/4.0/", D, CC_BY, "4.0", ""},
    /* not Creative Commons, hostile hosts included */
    {"https://creativecommons.org.evil.example/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"https://evilcreativecommons.org/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://creativecommons.org@evil.example/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"creativecommons.org@evil.example/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://evil.example/creativecommons.org/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"https://evil.example?u=creativecommons.org/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"https://evil.example\\@creativecommons.org/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"https://evil.example#@creativecommons.org/licenses/by/4.0/", NO, CC_NONE,
     "", ""},
    {"https://creativecommons.org:evil/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://ev il.creativecommons.org/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://licensebuttons.net.evil.example/l/by/4.0/88x31.png", NO, CC_NONE,
     "", ""},
    {"https://i.creativecommons.org.evil.example/l/by/4.0/88x31.png", NO,
     CC_NONE, "", ""},
    {"ftp://creativecommons.org/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"mailto:info@creativecommons.org", NO, CC_NONE, "", ""},
    {"javascript:creativecommons.org/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://example.com/licenses/by/4.0/", NO, CC_NONE, "", ""},
    {"https://opensource.org/licenses/MIT", NO, CC_NONE, "", ""},
    {"", NO, CC_NONE, "", ""},
    {NULL, NO, CC_NONE, "", ""},
};

static const struct {
    const char *code;
    enum cc_family want;
} code_cases[] = {
    {"by", CC_BY},
    {"BY-SA", CC_BY_SA},
    {"by-nc", CC_BY_NC},
    {"nd-by", CC_BY_ND},
    {"by-nc-sa", CC_BY_NC_SA},
    {"by-sa-nc", CC_BY_NC_SA},
    {"by-nc-nd", CC_BY_NC_ND},
    {"by-nd-nc", CC_BY_NC_ND},
    {"By-Nd-Nc", CC_BY_NC_ND},
    {"cc0", CC_ZERO},
    {"CC0", CC_ZERO},
    {"zero", CC_ZERO},
    {"mark", CC_PDM},
    {"MARK", CC_PDM},
    {"sa", CC_RETIRED},
    {"nc-sa", CC_RETIRED},
    {"nd-nc", CC_RETIRED},
    {"sampling+", CC_RETIRED},
    {"nc-sampling+", CC_RETIRED},
    {"devnations", CC_RETIRED},
    {"by-nd-sa", CC_NONE},
    {"nd-sa", CC_NONE},
    {"by-by", CC_NONE},
    {"by-", CC_NONE},
    {"-by", CC_NONE},
    {"by--sa", CC_NONE},
    {"bysa", CC_NONE},
    {"gpl", CC_NONE},
    {"", CC_NONE},
};

static const struct {
    enum cc_family family;
    const char *version, *port, *spdx, *deed;
} license_cases[] = {
    {CC_BY, "4.0", "", "CC-BY-4.0",
     "https://creativecommons.org/licenses/by/4.0/"},
    {CC_BY_SA, "3.0", "", "CC-BY-SA-3.0",
     "https://creativecommons.org/licenses/by-sa/3.0/"},
    {CC_BY_NC_ND, "4.0", "", "CC-BY-NC-ND-4.0",
     "https://creativecommons.org/licenses/by-nc-nd/4.0/"},
    {CC_BY_NC_ND, "1.0", "", "CC-BY-NC-ND-1.0",
     "https://creativecommons.org/licenses/by-nd-nc/1.0/"},
    {CC_BY_NC_SA, "2.5", "", "CC-BY-NC-SA-2.5",
     "https://creativecommons.org/licenses/by-nc-sa/2.5/"},
    {CC_ZERO, "1.0", "", "CC0-1.0",
     "https://creativecommons.org/publicdomain/zero/1.0/"},
    {CC_PDM, "1.0", "", "CC-PDM-1.0",
     "https://creativecommons.org/publicdomain/mark/1.0/"},
    {CC_BY_SA, "3.0", "nl", NULL,
     "https://creativecommons.org/licenses/by-sa/3.0/nl/"},
    {CC_BY, "3.0", "nl", "CC-BY-3.0-NL",
     "https://creativecommons.org/licenses/by/3.0/nl/"},
    {CC_BY, "3.0", "igo", "CC-BY-3.0-IGO",
     "https://creativecommons.org/licenses/by/3.0/igo/"},
    {CC_BY_SA, "3.0", "de", "CC-BY-SA-3.0-DE",
     "https://creativecommons.org/licenses/by-sa/3.0/de/"},
    {CC_BY_NC_SA, "2.0", "uk", "CC-BY-NC-SA-2.0-UK",
     "https://creativecommons.org/licenses/by-nc-sa/2.0/uk/"},
    {CC_BY_SA, "2.1", "jp", "CC-BY-SA-2.1-JP",
     "https://creativecommons.org/licenses/by-sa/2.1/jp/"},
    {CC_BY, "2.5", "au", "CC-BY-2.5-AU",
     "https://creativecommons.org/licenses/by/2.5/au/"},
    {CC_BY, "2.0", "uk", NULL,
     "https://creativecommons.org/licenses/by/2.0/uk/"},
    {CC_BY_NC_SA, "3.0", "us", NULL,
     "https://creativecommons.org/licenses/by-nc-sa/3.0/us/"},
    {CC_BY_NC_ND, "2.0", "jp", NULL,
     "https://creativecommons.org/licenses/by-nc-nd/2.0/jp/"},
    {CC_BY, "5.0", "", NULL, "https://creativecommons.org/licenses/by/5.0/"},
    {CC_BY, "2.1", "", NULL, "https://creativecommons.org/licenses/by/2.1/"},
    {CC_BY, "", "", NULL, NULL},
    {CC_ZERO, "", "", NULL, NULL},
    {CC_UNSPECIFIED, "4.0", "", NULL, NULL},
    {CC_RETIRED, "1.0", "", NULL, NULL},
    {CC_NONE, "4.0", "", NULL, NULL},
};

static const char *
kind_name(enum cc_url_kind k)
{
    static const char *const names[] = {"NOT_CC", "DEED",  "LEGALCODE",
                                        "BADGE",  "OTHER", "INVALID"};

    return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static void
test_parse(void)
{
    size_t i;

    for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        struct cc_license lic;
        enum cc_url_kind k = ccurl_parse(parse_cases[i].url, &lic);
        bool good = k == parse_cases[i].kind &&
                    lic.family == parse_cases[i].family &&
                    strcmp(lic.version, parse_cases[i].version) == 0 &&
                    strcmp(lic.port, parse_cases[i].port) == 0;

        ok(good, "parse %zu: %s", i,
           parse_cases[i].url ? parse_cases[i].url : "NULL");
        if (!good)
            printf("#   got %s family %d version \"%s\" port \"%s\"\n",
                   kind_name(k), (int)lic.family, lic.version, lic.port);
        /* a versioned DEED, LEGALCODE or BADGE means "exists" */
        if (good && (k == D || k == L || k == B) && lic.version[0] != '\0')
            ok(ccurl_exists(&lic), "parse %zu exists", i);
    }
    ok(ccurl_parse("https://creativecommons.org/licenses/by/4.0/", NULL) == D,
       "parse with NULL out");
}

static void
test_codes(void)
{
    size_t i;

    for (i = 0; i < sizeof code_cases / sizeof code_cases[0]; i++)
        ok(cc_family_from_code(code_cases[i].code,
                               strlen(code_cases[i].code)) ==
               code_cases[i].want,
           "family_from_code \"%s\"", code_cases[i].code);
    ok(cc_family_from_code("by-sa/4.0", 5) == CC_BY_SA, "code length bound");
    ok(cc_family_from_code(NULL, 0) == CC_NONE, "code NULL");
    is_str(cc_family_name(CC_BY), "CC-BY", "name BY");
    is_str(cc_family_name(CC_BY_NC_SA), "CC-BY-NC-SA", "name BY-NC-SA");
    is_str(cc_family_name(CC_ZERO), "CC0", "name CC0");
    is_str(cc_family_name(CC_PDM), "PDM", "name PDM");
    is_str(cc_family_name(CC_UNSPECIFIED), "CC", "name unspecified");
    is_str(cc_family_name(CC_RETIRED), "CC-retired", "name retired");
    is_str(cc_family_name(CC_NONE), NULL, "name NONE");
    is_str(cc_family_name((enum cc_family)99), NULL, "name out of range");
    is_str(cc_family_code(CC_BY_NC_ND), "by-nc-nd", "code BY-NC-ND");
    is_str(cc_family_code(CC_ZERO), "zero", "code CC0");
    is_str(cc_family_code(CC_PDM), "mark", "code PDM");
    is_str(cc_family_code(CC_UNSPECIFIED), NULL, "code unspecified");
    is_str(cc_family_code(CC_NONE), NULL, "code NONE");
}

/* The licence values of rules files: exactly the table's codes and "cc". */
static void
test_rule_values(void)
{
    static const struct {
        const char *v;
        enum cc_family want;
    } cases[] = {
        {"by", CC_BY},
        {"by-sa", CC_BY_SA},
        {"by-nc", CC_BY_NC},
        {"by-nd", CC_BY_ND},
        {"by-nc-sa", CC_BY_NC_SA},
        {"by-nc-nd", CC_BY_NC_ND},
        {"zero", CC_ZERO},
        {"mark", CC_PDM},
        {"cc", CC_UNSPECIFIED},
        {"cc0", CC_NONE},
        {"by-nd-nc", CC_NONE},
        {"BY-SA", CC_NONE},
        {"pdm", CC_NONE},
        {"sa", CC_NONE},
        {"", CC_NONE},
        {"by-", CC_NONE},
    };
    enum cc_family f;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok(cc_family_from_value(cases[i].v, strlen(cases[i].v)) ==
               cases[i].want,
           "family_from_value \"%s\"", cases[i].v);
    ok(cc_family_from_value("by-sa/4.0", 5) == CC_BY_SA, "value length bound");
    ok(cc_family_from_value("by-sa/4.0", 2) == CC_BY, "value prefix");
    ok(cc_family_from_value(NULL, 0) == CC_NONE, "value NULL");
    /* every family with a code reads back from it: one table */
    for (f = CC_BY; f <= CC_RETIRED; f++)
        if (cc_family_code(f) != NULL)
            ok(cc_family_from_value(cc_family_code(f),
                                    strlen(cc_family_code(f))) == f,
               "value round trip %s", cc_family_code(f));
}

static void
test_spdx_and_deed(void)
{
    size_t i;
    char buf[128];

    for (i = 0; i < sizeof license_cases / sizeof license_cases[0]; i++) {
        struct cc_license lic = {license_cases[i].family, "", ""};
        bool got;

        strcpy(lic.version, license_cases[i].version);
        strcpy(lic.port, license_cases[i].port);
        got = cc_license_spdx(&lic, buf, sizeof buf);
        ok(got == (license_cases[i].spdx != NULL), "spdx %zu returns", i);
        is_str(buf, license_cases[i].spdx ? license_cases[i].spdx : "",
               "spdx id");
        got = cc_license_deed_url(&lic, buf, sizeof buf);
        ok(got == (license_cases[i].deed != NULL), "deed %zu returns", i);
        is_str(buf, license_cases[i].deed ? license_cases[i].deed : "",
               "deed url");
    }
    {
        struct cc_license lic = {CC_BY_NC_SA, "4.0", ""};

        ok(!cc_license_spdx(&lic, buf, 8) && buf[0] == '\0', "spdx cut");
        ok(!cc_license_deed_url(&lic, buf, 20) && buf[0] == '\0', "deed cut");
        ok(!cc_license_spdx(NULL, buf, sizeof buf), "spdx NULL");
    }
}

static void
test_compatible_and_table(void)
{
    struct cc_license by40 = {CC_BY, "4.0", ""}, by = {CC_BY, "", ""};
    struct cc_license by30nl = {CC_BY, "3.0", "nl"}, by30 = {CC_BY, "3.0", ""};
    struct cc_license bysa40 = {CC_BY_SA, "4.0", ""}, none = {CC_NONE, "", ""};

    ok(cc_license_compatible(&by40, &by40), "compatible same");
    ok(cc_license_compatible(&by40, &by), "compatible no version");
    ok(cc_license_compatible(&by30, &by30nl), "compatible no port");
    ok(!cc_license_compatible(&by40, &by30nl), "incompatible version");
    ok(!cc_license_compatible(&by40, &bysa40), "incompatible family");
    ok(!cc_license_compatible(&none, &none), "NONE never compatible");
    ok(!cc_license_compatible(&by40, NULL), "compatible NULL");

    ok(ccports_has("4.0", "", "by-sa"), "table 4.0 by-sa");
    ok(ccports_has("4.0", NULL, "by-sa"), "table NULL port");
    ok(!ccports_has("4.0", "nl", "by-sa"), "table no 4.0 ports");
    ok(ccports_has("1.0", "", "by-nd-nc"), "table by-nd-nc 1.0");
    ok(!ccports_has("1.0", "", "by-nc-nd"), "table exact spelling");
    ok(ccports_has("1.0", "", "cc0"), "table cc0");
    ok(!ccports_has("1.0", "", "by-n"), "table no prefix match");
    ok(!ccports_has("1.0", "", "sampling+ "), "table no space match");
    ok(ccports_has("2.1", "ca", "by-nc-sa"), "table 2.1 ca");
    ok(!ccports_has("2.1", "", "by"), "table no unported 2.1");
    ok(!ccports_has(NULL, "", "by"), "table NULL version");
    ok(!ccports_has("4.0", "", NULL), "table NULL code");
    ok(ccports_has_family("1.0", "", CC_BY_NC_ND), "family by-nd-nc");
    ok(ccports_has_family("3.0", "scotland", CC_BY) == false,
       "family 3.0 scotland");
    ok(ccports_has_family("2.5", "scotland", CC_BY), "family 2.5 scotland");
    ok(ccports_is_port("igo") && ccports_is_port("scotland") &&
           !ccports_is_port("xx") && !ccports_is_port(""),
       "is_port");
}

int
main(void)
{
    test_parse();
    test_codes();
    test_rule_values();
    test_spdx_and_deed();
    test_compatible_and_table();
    return tap_done();
}
