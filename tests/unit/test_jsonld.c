/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for jsonld: each schema.org property, @graph, arrays,
 * objects with @id/url/name, "schema:" prefixes and full IRIs,
 * duplicates, several scripts into one info, malformed JSON (AC_E_DATA
 * with the position) and hostile nesting (no crash, bounded walk).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "jsonld.h"
#include "strbuf.h"
#include "xalloc.h"

static void
add_list(struct strbuf *sb, const char *key, char **v, size_t len)
{
    size_t i;

    if (len == 0)
        return;
    strbuf_addf(sb, "%s%s=", sb->len ? ";" : "", key);
    for (i = 0; i < len; i++)
        strbuf_addf(sb, "%s%s", i ? "," : "", v[i]);
}

static void
add_one(struct strbuf *sb, const char *key, const char *v)
{
    if (v != NULL)
        strbuf_addf(sb, "%s%s=%s", sb->len ? ";" : "", key, v);
}

/* "L=..;B=..;A=..;C=..;R=..;H=.." for what INFO holds. */
static char *
info_str(const struct jsonld_info *info)
{
    struct strbuf sb = STRBUF_INIT;

    add_list(&sb, "L", info->licenses, info->licenses_len);
    add_list(&sb, "B", info->based_on, info->based_on_len);
    add_list(&sb, "A", info->authors, info->authors_len);
    add_one(&sb, "C", info->credit_text);
    add_one(&sb, "R", info->copyright_notice);
    add_one(&sb, "H", info->headline);
    return strbuf_detach(&sb);
}

#define BY "https://creativecommons.org/licenses/by/4.0/"

static const struct {
    const char *name;
    const char *json;
    const char *want;
} cases[] = {
    {"license string", "{\"license\":\"" BY "\"}", "L=" BY},
    {"license object with @id", "{\"license\":{\"@id\":\"" BY "\"}}", "L=" BY},
    {"license object: url before @id",
     "{\"license\":{\"@id\":\"x\",\"url\":\"" BY "\"}}", "L=" BY},
    {"license object with only a name",
     "{\"license\":{\"@type\":\"CreativeWork\",\"name\":\"CC BY 4.0\"}}",
     "L=CC BY 4.0"},
    {"license array", "{\"license\":[\"" BY "\",\"CC0\"]}", "L=" BY ",CC0"},
    {"schema: prefix", "{\"schema:license\":\"" BY "\"}", "L=" BY},
    {"http IRI", "{\"http://schema.org/license\":\"" BY "\"}", "L=" BY},
    {"https IRI", "{\"https://schema.org/license\":\"" BY "\"}", "L=" BY},
    {"other vocabularies do not count",
     "{\"dc:license\":\"a\",\"http://schema.org/licensee\":\"b\","
     "\"License\":\"c\",\"xschema:license\":\"d\"}",
     ""},
    {"isBasedOn string", "{\"isBasedOn\":\"https://o.example/a\"}",
     "B=https://o.example/a"},
    {"isBasedOn object with url",
     "{\"isBasedOn\":{\"@type\":\"Article\",\"url\":\"https://o.example/a\"}}",
     "B=https://o.example/a"},
    {"isBasedOnUrl (old name)", "{\"isBasedOnUrl\":\"https://o.example/b\"}",
     "B=https://o.example/b"},
    {"author and creator, names",
     "{\"author\":{\"@type\":\"Person\",\"name\":\"Ann\"},"
     "\"creator\":[\"Bob\",{\"name\":\"Cy\"}]}",
     "A=Ann,Bob,Cy"},
    {"author object: name before url",
     "{\"author\":{\"url\":\"https://a.example/\",\"name\":\"Ann\"}}", "A=Ann"},
    {"author object with only a url",
     "{\"author\":{\"url\":\"https://a.example/\"}}", "A=https://a.example/"},
    {"creditText, copyrightNotice, headline",
     "{\"creditText\":\"Photo: Ann\",\"copyrightNotice\":\"(c) Ann\","
     "\"headline\":\"A title\"}",
     "C=Photo: Ann;R=(c) Ann;H=A title"},
    {"first headline wins", "[{\"headline\":\"one\"},{\"headline\":\"two\"}]",
     "H=one"},
    {"empty values ignored",
     "{\"license\":\"\",\"headline\":\"\",\"author\":[\"\",null,3]}", ""},
    {"@graph walked",
     "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":"
     "\"WebSite\"},{\"@type\":\"Article\",\"license\":\"" BY
     "\",\"isBasedOn\":\"https://o.example/a\",\"author\":\"Ann\"}]}",
     "L=" BY ";B=https://o.example/a;A=Ann"},
    {"nested objects walked",
     "{\"mainEntity\":{\"about\":{\"license\":\"" BY "\"}}}", "L=" BY},
    {"duplicates deduplicated",
     "[{\"license\":\"" BY "\"},{\"license\":[\"" BY "\",\"" BY
     "\"]},{\"author\":\"Ann\",\"creator\":\"Ann\"}]",
     "L=" BY ";A=Ann"},
    {"top-level string is fine", "\"just a string\"", ""},
    {"top-level array of arrays", "[[{\"license\":\"x\"}]]", "L=x"},
    {"license numbers and booleans ignored",
     "{\"license\":[1,true,null,{\"a\":1}]}", ""},
};

static void
test_cases(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct jsonld_info info = {0};
        struct ac_err err;
        enum ac_status rc;
        char *got;

        rc = jsonld_extract(cases[i].json, strlen(cases[i].json), &info, &err);
        got = info_str(&info);
        if (rc != AC_OK)
            printf("# %s\n", err.msg);
        ok(rc == AC_OK && strcmp(got, cases[i].want) == 0, "%s", cases[i].name);
        if (rc != AC_OK || strcmp(got, cases[i].want) != 0)
            printf("#   got:  %s\n#   want: %s\n", got, cases[i].want);
        free(got);
        jsonld_info_free(&info);
    }
}

static void
test_accumulate(void)
{
    struct jsonld_info info = {0};
    struct ac_err err;
    const char *a = "{\"license\":\"" BY "\",\"headline\":\"first\"}";
    const char *b = "{\"license\":\"CC0\",\"headline\":\"second\"}";
    const char *bad = "{\"license\": \"x\"";
    char *got;

    jsonld_extract(a, strlen(a), &info, &err);
    jsonld_extract(b, strlen(b), &info, &err);
    ok(jsonld_extract(bad, strlen(bad), &info, &err) == AC_E_DATA,
       "a broken third script: AC_E_DATA");
    got = info_str(&info);
    is_str(got, "L=" BY ",CC0;H=first",
           "scripts add up; the first headline stays; a broken one adds "
           "nothing");
    free(got);
    jsonld_info_free(&info);
    ok(info.licenses == NULL && info.licenses_len == 0 && info.headline == NULL,
       "jsonld_info_free zeroes");
    jsonld_info_free(&info);
    jsonld_info_free(NULL);
    ok(info.licenses == NULL && info.licenses_len == 0 && info.headline == NULL,
       "jsonld_info_free twice leaves it empty");

    /* LEN bounds the text: the rest is not read */
    jsonld_extract("{\"license\":\"a\"}garbage", 15, &info, &err);
    got = info_str(&info);
    is_str(got, "L=a", "only LEN bytes are parsed");
    free(got);
    jsonld_info_free(&info);
}

static const struct {
    const char *name;
    const char *json;
    const char *where; /* expected in the message */
} bad_cases[] = {
    {"truncated object", "{\"license\": \"x\"", "line 1"},
    {"trailing comma", "{\"a\":1,}", "column"},
    {"error on line 3", "{\n\"a\": 1,\n\"b\": }", "line 3"},
    {"not JSON at all", "<p>hello</p>", "line 1"},
    {"empty text", "", "JSON-LD"},
    {"single quotes", "{'license':'x'}", "line 1"},
    {"bad escape", "{\"a\":\"\\q\"}", "line 1"},
    {"invalid UTF-8 in a string", "{\"a\":\"\xff\"}", "line 1"},
};

static void
test_malformed(void)
{
    size_t i;

    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        struct jsonld_info info = {0};
        struct ac_err err = {AC_OK, ""};
        enum ac_status rc = jsonld_extract(
            bad_cases[i].json, strlen(bad_cases[i].json), &info, &err);

        ok(rc == AC_E_DATA && strstr(err.msg, bad_cases[i].where) != NULL &&
               info.licenses_len == 0,
           "%s: AC_E_DATA with the position (%s)", bad_cases[i].name, err.msg);
        jsonld_info_free(&info);
    }
}

/* Text of DEPTH nested arrays (or objects under "x") around INNER. */
static char *
nest(size_t depth, bool objects, const char *inner)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < depth; i++)
        strbuf_adds(&sb, objects ? "{\"x\":" : "[");
    strbuf_adds(&sb, inner);
    for (i = 0; i < depth; i++)
        strbuf_addc(&sb, objects ? '}' : ']');
    return strbuf_detach(&sb);
}

static void
test_hostile(void)
{
    struct jsonld_info info = {0};
    struct ac_err err;
    enum ac_status rc;
    char *s;

    s = nest(100000, false, "1");
    rc = jsonld_extract(s, strlen(s), &info, &err);
    ok(rc == AC_OK || rc == AC_E_DATA, "[[[...]]] 100000 deep: no crash (%s)",
       rc ? err.msg : "parsed");
    ok(info.licenses_len == 0, "nothing found in it");
    free(s);
    jsonld_info_free(&info);

    s = nest(100000, true, "{\"license\":\"deep\"}");
    rc = jsonld_extract(s, strlen(s), &info, &err);
    ok((rc == AC_OK || rc == AC_E_DATA) && info.licenses_len == 0,
       "objects 100000 deep: no crash, nothing found (%s)",
       rc ? err.msg : "parsed");
    free(s);
    jsonld_info_free(&info);

    s = nest(5, true, "{\"license\":\"shallow\"}");
    rc = jsonld_extract(s, strlen(s), &info, &err);
    ok(rc == AC_OK && info.licenses_len == 1 &&
           strcmp(info.licenses[0], "shallow") == 0,
       "a licence 5 objects deep is found");
    free(s);
    jsonld_info_free(&info);

    s = nest(500, true, "{\"license\":\"too-deep\"}");
    rc = jsonld_extract(s, strlen(s), &info, &err);
    ok(rc == AC_OK && info.licenses_len == 0,
       "a licence 500 objects deep is beyond the walk's bound");
    free(s);
    jsonld_info_free(&info);

    {
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        strbuf_adds(&sb, "{\"license\":[");
        for (i = 0; i < 1000; i++)
            strbuf_addf(&sb, "%s\"https://l.example/%zu\"", i ? "," : "", i);
        strbuf_adds(&sb, "]}");
        rc = jsonld_extract(sb.buf, sb.len, &info, &err);
        ok(rc == AC_OK && info.licenses_len > 0 && info.licenses_len <= 64,
           "1000 distinct licences: the list is bounded (%zu kept)",
           info.licenses_len);
        strbuf_release(&sb);
        jsonld_info_free(&info);
    }

    s = xstrdup("{\"headline\":\"a\\u0000b\"}");
    rc = jsonld_extract(s, strlen(s), &info, &err);
    free(s);
    ok(rc == AC_OK && info.headline && strcmp(info.headline, "a") == 0,
       "\\u0000 inside a string is accepted (cut there)");
    jsonld_info_free(&info);
}

int
main(void)
{
    test_cases();
    test_accumulate();
    test_malformed();
    test_hostile();
    return tap_done();
}
