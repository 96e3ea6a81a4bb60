/* SPDX-License-Identifier: MIT */
/*
 * jsonld: schema.org properties out of JSON-LD (see jsonld.h).  jansson
 * does the parsing; this file only walks the tree.  Depth is bounded so
 * a hostile page cannot exhaust the stack.
 */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonld.h"
#include "xalloc.h"

#define JSONLD_MAX_DEPTH  32
#define JSONLD_MAX_VALUES 64 /* per list: enough for any real page */

static void
add(char ***v, size_t *len, const char *s)
{
    size_t i;

    if (s == NULL || *s == '\0' || *len >= JSONLD_MAX_VALUES)
        return;
    for (i = 0; i < *len; i++)
        if (strcmp((*v)[i], s) == 0)
            return;
    *v = xreallocarray(*v, *len + 1, sizeof **v);
    (*v)[(*len)++] = xstrdup(s);
}

/* Matches KEY against a schema.org property NAME in its usual spellings. */
static bool
key_is(const char *key, const char *name)
{
    static const char *const prefixes[] = {"", "schema:", "http://schema.org/",
                                           "https://schema.org/"};
    size_t i, n;

    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        n = strlen(prefixes[i]);
        if (strncmp(key, prefixes[i], n) == 0 && strcmp(key + n, name) == 0)
            return true;
    }
    return false;
}

/* The text of a value: a string, or an object's url/@id/name/text. */
static const char *
value_text(json_t *v, bool want_url)
{
    static const char *const url_keys[] = {"url", "@id", "sameAs", "name"};
    static const char *const name_keys[] = {"name", "@value", "text", "url"};
    const char *const *keys = want_url ? url_keys : name_keys;
    size_t i;

    if (json_is_string(v))
        return json_string_value(v);
    if (!json_is_object(v))
        return NULL;
    for (i = 0; i < 4; i++) {
        json_t *x = json_object_get(v, keys[i]);

        if (json_is_string(x))
            return json_string_value(x);
    }
    return NULL;
}

/* Adds each text of V (a value or an array of values) to the list. */
static void
add_values(json_t *v, bool want_url, char ***list, size_t *len)
{
    size_t i;
    json_t *x;

    if (json_is_array(v)) {
        json_array_foreach(v, i, x) add(list, len, value_text(x, want_url));
        return;
    }
    add(list, len, value_text(v, want_url));
}

static void
set_once(char **field, json_t *v)
{
    const char *s = value_text(v, false);

    if (*field == NULL && s != NULL && *s != '\0')
        *field = xstrdup(s);
}

static void walk(json_t *node, struct jsonld_info *info, int depth);

static void
walk_object(json_t *obj, struct jsonld_info *info, int depth)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        if (key_is(key, "license"))
            add_values(v, true, &info->licenses, &info->licenses_len);
        else if (key_is(key, "isBasedOn") || key_is(key, "isBasedOnUrl"))
            add_values(v, true, &info->based_on, &info->based_on_len);
        else if (key_is(key, "author") || key_is(key, "creator"))
            add_values(v, false, &info->authors, &info->authors_len);
        else if (key_is(key, "creditText"))
            set_once(&info->credit_text, v);
        else if (key_is(key, "copyrightNotice"))
            set_once(&info->copyright_notice, v);
        else if (key_is(key, "headline"))
            set_once(&info->headline, v);
        if (json_is_object(v) || json_is_array(v))
            walk(v, info, depth + 1);
    }
}

static void
walk(json_t *node, struct jsonld_info *info, int depth)
{
    size_t i;
    json_t *x;

    if (depth > JSONLD_MAX_DEPTH)
        return;
    if (json_is_array(node)) {
        json_array_foreach(node, i, x) walk(x, info, depth + 1);
    } else if (json_is_object(node)) {
        walk_object(node, info, depth);
    }
}

enum ac_status
jsonld_extract(const char *text, size_t len, struct jsonld_info *info,
               struct ac_err *err)
{
    json_error_t jerr;
    json_t *root;

    /* JSON_ALLOW_NUL keeps going on strings with \u0000 in them */
    root = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (root == NULL)
        return ac_err_set(err, AC_E_DATA, "JSON-LD line %d column %d: %s",
                          jerr.line, jerr.column, jerr.text);
    walk(root, info, 0);
    json_decref(root);
    return AC_OK;
}

void
jsonld_info_free(struct jsonld_info *info)
{
    if (info == NULL)
        return;
    xfree_strv(info->licenses, info->licenses_len);
    xfree_strv(info->based_on, info->based_on_len);
    xfree_strv(info->authors, info->authors_len);
    free(info->credit_text);
    free(info->copyright_notice);
    free(info->headline);
    memset(info, 0, sizeof *info);
}
