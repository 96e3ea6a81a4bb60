/* SPDX-License-Identifier: MIT */
/*
 * cache_json: an entry as one JSON line (jansson), the form attrcheck 0.1
 * kept its whole cache in and --cache-export writes: a header line, then
 * one object per source with the shingles as base64.  Every line read is
 * checked field by field; one bad line makes the whole file damaged,
 * because a half-trusted cache is worse than none.  It also holds what
 * any entry read back from a file must pass.  It knows no SQL.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_int.h"
#include "fetch.h"
#include "hash.h"
#include "strbuf.h"
#include "xalloc.h"

_Static_assert(CACHE_MAX_URL >= FETCH_URL_MAX,
               "a URL the engine fetches fits a cache entry's URL field");

/* ---- entries ------------------------------------------------------------ */

void
cache_entry_free(struct cache_entry *e)
{
    if (e == NULL)
        return;
    free(e->url);
    free(e->final_url);
    free(e->etag);
    free(e->last_modified);
    free(e->license_url);
    free(e->creator);
    free(e->title);
    free(e->credits);
    textsim_free(&e->text);
    free(e);
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

struct cache_entry *
cache_entry_dup(const struct cache_entry *e)
{
    struct cache_entry *d = xmalloc(sizeof *d);

    *d = *e;
    d->url = dup_or_null(e->url);
    d->final_url = dup_or_null(e->final_url);
    d->etag = dup_or_null(e->etag);
    d->last_modified = dup_or_null(e->last_modified);
    d->license_url = dup_or_null(e->license_url);
    d->creator = dup_or_null(e->creator);
    d->title = dup_or_null(e->title);
    d->credits = dup_or_null(e->credits);
    d->text.h = NULL;
    if (e->text.len > 0) {
        d->text.h = xreallocarray(NULL, e->text.len, sizeof *d->text.h);
        memcpy(d->text.h, e->text.h, e->text.len * sizeof *d->text.h);
    }
    return d;
}

uint64_t
cache_hash_body(const char *body, size_t len)
{
    return hash_fnv1a(HASH_FNV_OFFSET, body, len);
}

/* ---- shingles as base64 (8 bytes each, little-endian) -------------------- */

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *
shingles_encode(const struct textsim *t)
{
    size_t n = t->len * 8, i, j = 0;
    unsigned char *raw = xmalloc(n + 1);
    char *out = xmalloc((n + 2) / 3 * 4 + 1);
    uint32_t v;

    for (i = 0; i < n; i++)
        raw[i] = (unsigned char)(t->h[i / 8] >> (8 * (i % 8)));
    for (i = 0; i < n; i += 3) {
        v = (uint32_t)raw[i] << 16;
        v |= i + 1 < n ? (uint32_t)raw[i + 1] << 8 : 0;
        v |= i + 2 < n ? raw[i + 2] : 0;
        out[j++] = B64[v >> 18];
        out[j++] = B64[(v >> 12) & 63];
        out[j++] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        out[j++] = i + 2 < n ? B64[v & 63] : '=';
    }
    out[j] = '\0';
    free(raw);
    return out;
}

static int
b64_value(char ch)
{
    const char *p = ch != '\0' ? strchr(B64, ch) : NULL;

    return p != NULL ? (int)(p - B64) : -1;
}

/* Decodes S (LEN chars) into *RAW; false when it is not canonical base64. */
static bool
b64_decode(const char *s, size_t len, unsigned char **raw, size_t *n)
{
    size_t i, pad = 0, j = 0;
    int d[4];

    *raw = NULL;
    if (len % 4 != 0)
        return false;
    if (len > 0 && s[len - 1] == '=')
        pad = len > 1 && s[len - 2] == '=' ? 2 : 1;
    *raw = xmalloc(len / 4 * 3 + 1);
    for (i = 0; i < len; i += 4) {
        for (int k = 0; k < 4; k++) {
            d[k] = i + (size_t)k >= len - pad ? 0 : b64_value(s[i + k]);
            if (d[k] < 0)
                return false;
        }
        (*raw)[j++] = (unsigned char)(d[0] << 2 | d[1] >> 4);
        (*raw)[j++] = (unsigned char)((d[1] & 15) << 4 | d[2] >> 2);
        (*raw)[j++] = (unsigned char)((d[2] & 3) << 6 | d[3]);
    }
    *n = j - pad;
    return true;
}

/* Fills T from base64 S; false unless it holds sorted, unique hashes. */
static bool
shingles_decode(const char *s, size_t len, struct textsim *t)
{
    unsigned char *raw;
    size_t n = 0, i;
    bool good;

    good = b64_decode(s, len, &raw, &n) && n % 8 == 0 &&
           n / 8 <= CACHE_MAX_SHINGLES;
    if (good && n > 0) {
        t->len = n / 8;
        t->h = xreallocarray(NULL, t->len, sizeof *t->h);
        for (i = 0; i < t->len; i++) {
            t->h[i] = 0;
            for (int k = 7; k >= 0; k--)
                t->h[i] = t->h[i] << 8 | raw[i * 8 + (size_t)k];
        }
        good = cache_shingles_ok(t->h, t->len);
    }
    free(raw);
    return good;
}

bool
cache_shingles_ok(const uint64_t *h, size_t len)
{
    size_t i;

    if (len > CACHE_MAX_SHINGLES)
        return false;
    for (i = 1; i < len; i++)
        if (h[i] <= h[i - 1])
            return false;
    return true;
}

bool
cache_validator_ok(const char *s)
{
    size_t n = 0;

    for (; s != NULL && *s != '\0'; s++, n++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f || n >= CACHE_MAX_HEADER)
            return false;
    return true;
}

int
cache_family_from_name(const char *name)
{
    int f;

    for (f = CC_BY; f <= CC_RETIRED; f++)
        if (strcmp(cc_family_name((enum cc_family)f), name) == 0)
            return f;
    return -1;
}

/* ---- an entry as JSON ------------------------------------------------------
 */

/* A JSON string, null for NULL; NULL when S is not valid UTF-8. */
static json_t *
jstr(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *
license_json(const struct cache_entry *e)
{
    const char *fam = cc_family_name(e->lic.family);

    if (!e->has_license || fam == NULL)
        return json_null();
    return json_pack("{s:s, s:s, s:s}", "family", fam, "version",
                     e->lic.version, "port", e->lic.port);
}

/* Sets KEY of O to V (taken over); clears *GOOD when V is NULL. */
static void
put(json_t *o, const char *key, json_t *v, bool *good)
{
    if (v == NULL || json_object_set_new(o, key, v) != 0)
        *good = false;
}

/* The JSON object for E, or NULL when a string is not valid UTF-8. */
static json_t *
entry_json(const struct cache_entry *e)
{
    char hash[32], *sh = shingles_encode(&e->text);
    json_t *o = json_object();
    bool good = o != NULL;

    snprintf(hash, sizeof hash, "fnv1a64:%016" PRIx64, e->content_hash);
    if (good) {
        put(o, "url", json_string(e->url), &good);
        put(o, "final_url", jstr(e->final_url), &good);
        put(o, "http_status", json_integer(e->http_status), &good);
        put(o, "first_redirect", json_integer(e->first_redirect), &good);
        put(o, "etag", jstr(e->etag), &good);
        put(o, "last_modified", jstr(e->last_modified), &good);
        put(o, "content_hash", json_string(hash), &good);
        put(o, "fetched_at", json_integer(e->fetched_at), &good);
        put(o, "has_license", json_boolean(e->has_license), &good);
        put(o, "license", license_json(e), &good);
        put(o, "license_url", jstr(e->license_url), &good);
        put(o, "creator", jstr(e->creator), &good);
        put(o, "title", jstr(e->title), &good);
        put(o, "credits", jstr(e->credits), &good);
        put(o, "not_found", json_boolean(e->not_found), &good);
        put(o, "words", json_integer((json_int_t)e->text.words), &good);
        put(o, "shingles", json_string(sh), &good);
    }
    free(sh);
    if (!good) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- reading an entry back --------------------------------------------------
 */

/* Copies string field KEY of O into *OUT (NULL for null when NULLABLE);
 * false when it is missing, of another type or longer than MAX.  A MAX
 * of CACHE_MAX_HEADER also refuses control characters: validators go into
 * request headers. */
static bool
get_str(json_t *o, const char *key, bool nullable, size_t max, char **out)
{
    json_t *v = json_object_get(o, key);
    const char *s;

    *out = NULL;
    if (nullable && json_is_null(v))
        return true;
    if (!json_is_string(v) || json_string_length(v) > max)
        return false;
    s = json_string_value(v);
    if (max == CACHE_MAX_HEADER && !cache_validator_ok(s))
        return false;
    *out = xstrdup(json_string_value(v));
    return true;
}

static bool
get_int(json_t *o, const char *key, long long lo, long long hi, long long *out)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi)
        return false;
    *out = json_integer_value(v);
    return true;
}

static bool
get_bool(json_t *o, const char *key, bool *out)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_boolean(v))
        return false;
    *out = json_is_true(v);
    return true;
}

static bool
get_license(json_t *o, struct cache_entry *e)
{
    json_t *l = json_object_get(o, "license");
    const char *fam, *ver, *port;
    int f;

    if (json_is_null(l))
        return !e->has_license;
    if (!e->has_license ||
        json_unpack(l, "{s:s, s:s, s:s !}", "family", &fam, "version", &ver,
                    "port", &port) != 0 ||
        strlen(ver) >= sizeof e->lic.version ||
        strlen(port) >= sizeof e->lic.port)
        return false;
    if ((f = cache_family_from_name(fam)) < 0)
        return false;
    e->lic.family = (enum cc_family)f;
    memcpy(e->lic.version, ver, strlen(ver) + 1);
    memcpy(e->lic.port, port, strlen(port) + 1);
    return true;
}

static bool
get_hash(json_t *o, uint64_t *out)
{
    json_t *v = json_object_get(o, "content_hash");
    const char *s = json_string_value(v);
    size_t i;

    if (s == NULL || strlen(s) != 24 || strncmp(s, "fnv1a64:", 8) != 0)
        return false;
    for (i = 8; i < 24; i++)
        if (!strchr("0123456789abcdef", s[i]))
            return false;
    *out = strtoull(s + 8, NULL, 16);
    return true;
}

/* The keys an entry has, no more and no less. */
#define ENTRY_KEYS 17

/* Builds an entry from O; NULL when any field is wrong. */
static struct cache_entry *
entry_from_json(json_t *o)
{
    struct cache_entry *e = xcalloc(1, sizeof *e);
    json_t *sh = json_object_get(o, "shingles");
    long long status = 0, redir = 0, at = 0, words = 0;
    bool good;

    good = json_is_object(o) && json_object_size(o) == ENTRY_KEYS &&
           get_str(o, "url", false, CACHE_MAX_URL, &e->url) && e->url[0] &&
           get_str(o, "final_url", true, CACHE_MAX_URL, &e->final_url) &&
           get_int(o, "http_status", 100, 599, &status) &&
           get_int(o, "first_redirect", 0, 399, &redir) &&
           get_str(o, "etag", true, CACHE_MAX_HEADER, &e->etag) &&
           get_str(o, "last_modified", true, CACHE_MAX_HEADER,
                   &e->last_modified) &&
           get_hash(o, &e->content_hash) &&
           get_int(o, "fetched_at", 0, INT64_MAX, &at) &&
           get_bool(o, "has_license", &e->has_license) && get_license(o, e) &&
           get_str(o, "license_url", true, CACHE_MAX_URL, &e->license_url) &&
           get_str(o, "creator", true, CACHE_MAX_FIELD, &e->creator) &&
           get_str(o, "title", true, CACHE_MAX_FIELD, &e->title) &&
           get_str(o, "credits", true, CACHE_MAX_FIELD, &e->credits) &&
           get_bool(o, "not_found", &e->not_found) &&
           get_int(o, "words", 0, INT64_MAX, &words) && json_is_string(sh) &&
           shingles_decode(json_string_value(sh), json_string_length(sh),
                           &e->text);
    if (!good) {
        cache_entry_free(e);
        return NULL;
    }
    e->http_status = (long)status;
    e->first_redirect = (long)redir;
    e->fetched_at = at;
    e->text.words = (size_t)words;
    return e;
}

/* Reads one line (without its newline) into SB; returns 1 for a line, 0
 * at the end of the file, -1 when the line passes CACHE_MAX_LINE. */
static int
read_line(FILE *fp, struct strbuf *sb)
{
    char buf[65536];
    size_t n;

    strbuf_truncate(sb, 0);
    while (fgets(buf, sizeof buf, fp) != NULL) {
        n = strlen(buf);
        strbuf_add(sb, buf, n);
        if (sb->len > CACHE_MAX_LINE)
            return -1;
        if (n > 0 && buf[n - 1] == '\n') {
            strbuf_truncate(sb, sb->len - 1);
            return 1;
        }
    }
    return sb->len > 0 ? 1 : 0;
}

/* Checks the header line against RULES: false when it is no header;
 * *STALE says why its entries do not fit this run, or is NULL. */
static bool
check_header(const char *rules, const char *line, size_t len,
             const char **stale)
{
    json_t *h = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    json_int_t format = 0;
    const char *version = NULL, *fp = NULL;
    bool good = true;

    *stale = NULL;
    if (h == NULL ||
        json_unpack(h, "{s:I, s:s, s?s !}", "attrcheck-cache", &format,
                    "version", &version, "rules", &fp) != 0)
        good = false;
    else if (format != CACHE_JSON_FORMAT ||
             strcmp(version, PACKAGE_VERSION) != 0)
        *stale = "written by another version of attrcheck";
    else if (rules != NULL && (fp == NULL || strcmp(fp, rules) != 0))
        *stale = "written with other detection rules";
    json_decref(h);
    return good;
}

bool
cache_json_sniff(const char *head, size_t len)
{
    static const char key[] = "\"attrcheck-cache\"";
    size_t i = 0;

    while (i < len && (head[i] == ' ' || head[i] == '\t'))
        i++;
    if (i >= len || head[i] != '{')
        return false;
    for (i++; i < len && (head[i] == ' ' || head[i] == '\t'); i++)
        ;
    return len - i >= sizeof key - 1 &&
           memcmp(head + i, key, sizeof key - 1) == 0;
}

/* Reads the entry on LINE and hands it to FN; returns why it is wrong,
 * or NULL. */
static const char *
read_entry(const char *line, size_t len, long long now, cache_json_fn fn,
           void *arg)
{
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    struct cache_entry *e = o != NULL ? entry_from_json(o) : NULL;

    json_decref(o);
    if (o == NULL)
        return "not a JSON line";
    if (e == NULL)
        return "not a valid entry";
    if (e->fetched_at + CACHE_KEEP_S < now) {
        cache_entry_free(e); /* too old to be worth keeping */
        return NULL;
    }
    return fn(arg, e);
}

enum ac_status
cache_json_read(const char *path, const char *rules, long long now,
                cache_json_fn fn, void *arg, const char **stale,
                struct ac_err *err)
{
    struct strbuf sb = STRBUF_INIT;
    FILE *fp = fopen(path, "r");
    const char *why = NULL;
    size_t lineno = 0;
    int got;
    enum ac_status rc = AC_OK;

    *stale = NULL;
    if (fp == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    while (why == NULL && *stale == NULL && (got = read_line(fp, &sb)) != 0) {
        lineno++;
        if (got < 0)
            why = "line too long";
        else if (lineno == 1 && !check_header(rules, sb.buf, sb.len, stale))
            why = "not an attrcheck cache (no header line)";
        else if (lineno > 1)
            why = read_entry(sb.buf, sb.len, now, fn, arg);
    }
    if (why != NULL)
        rc = ac_err_set(err, AC_E_DATA, "%s:%zu: %s", path, lineno, why);
    else if (ferror(fp))
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    else if (lineno == 0)
        rc = ac_err_set(err, AC_E_DATA, "%s: empty, no header line", path);
    fclose(fp);
    strbuf_release(&sb);
    return rc;
}

/* A compact dump of O (taken over) as a string; NULL when it fails. */
static char *
dump(json_t *o)
{
    char *s =
        o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

    json_decref(o);
    return s;
}

char *
cache_json_header(const char *rules)
{
    json_t *o = json_pack("{s:i, s:s}", "attrcheck-cache", CACHE_JSON_FORMAT,
                          "version", PACKAGE_VERSION);

    if (o != NULL && rules != NULL && rules[0] != '\0')
        json_object_set_new(o, "rules", json_string(rules));
    return dump(o);
}

char *
cache_json_line(const struct cache_entry *e)
{
    return dump(entry_json(e));
}
