/* SPDX-License-Identifier: MIT */
/*
 * cache: the --cache file (see cache.h and docs/cache.md).  Entries live
 * in a hash table by URL and a list in the order they were added, which
 * is the order they are written back.  Every line is read with jansson
 * and checked field by field; one bad line and the whole file is dropped,
 * because a half-trusted cache is worse than none.  It knows nothing of
 * HTTP or of how an entry is used.
 */
#include "config.h"
#include "hash.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "strbuf.h"
#include "xalloc.h"

#define MAX_FIELD  8192 /* bytes of a string field other than shingles */
#define HEADER_MAX 1024 /* bytes of a validator (ETag, Last-Modified) */

struct node {
    struct cache_entry *e;
    size_t bytes;             /* what it costs in memory, roughly */
    struct node *hnext;       /* hash chain */
    struct node *prev, *next; /* in insertion order */
};

struct cache {
    long long now;
    char rules[24]; /* fingerprint of the rules, or "" */
    struct node **buckets;
    size_t nbuckets, len, bytes;
    struct node *head, *tail;
};

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

static size_t
slen(const char *s)
{
    return s != NULL ? strlen(s) + 1 : 0;
}

static size_t
entry_bytes(const struct cache_entry *e)
{
    return sizeof(struct node) + sizeof *e + slen(e->url) + slen(e->final_url) +
           slen(e->etag) + slen(e->last_modified) + slen(e->license_url) +
           slen(e->creator) + slen(e->title) + slen(e->credits) +
           e->text.len * sizeof *e->text.h;
}

/* ---- the table ------------------------------------------------------------
 */

static size_t
hash_key(const char *s)
{
    uint64_t h = cache_hash_body(s, strlen(s));

    return (size_t)(h ^ (h >> 32));
}

struct cache *
cache_new(long long now)
{
    struct cache *c = xcalloc(1, sizeof *c);

    c->now = now;
    c->nbuckets = 256;
    c->buckets = xcalloc(c->nbuckets, sizeof *c->buckets);
    return c;
}

static struct node **
slot(const struct cache *c, const char *key)
{
    struct node **pp = &c->buckets[hash_key(key) & (c->nbuckets - 1)];

    while (*pp != NULL && strcmp((*pp)->e->url, key) != 0)
        pp = &(*pp)->hnext;
    return pp;
}

static void
grow(struct cache *c)
{
    size_t n = c->nbuckets * 2, b;
    struct node **nb = xcalloc(n, sizeof *nb), *x;

    for (x = c->head; x != NULL; x = x->next) {
        b = hash_key(x->e->url) & (n - 1);
        x->hnext = nb[b];
        nb[b] = x;
    }
    free(c->buckets);
    c->buckets = nb;
    c->nbuckets = n;
}

/* Unlinks the node at *PP from the table and the list, and frees it. */
static void
remove_at(struct cache *c, struct node **pp)
{
    struct node *x = *pp;

    *pp = x->hnext;
    if (x->prev != NULL)
        x->prev->next = x->next;
    else
        c->head = x->next;
    if (x->next != NULL)
        x->next->prev = x->prev;
    else
        c->tail = x->prev;
    c->len--;
    c->bytes -= x->bytes;
    cache_entry_free(x->e);
    free(x);
}

static void
clear(struct cache *c)
{
    while (c->head != NULL)
        remove_at(c, slot(c, c->head->e->url));
}

void
cache_set_rules(struct cache *c, const char *fingerprint)
{
    snprintf(c->rules, sizeof c->rules, "%s", fingerprint);
}

void
cache_free(struct cache *c)
{
    if (c == NULL)
        return;
    clear(c);
    free(c->buckets);
    free(c);
}

bool
cache_put(struct cache *c, struct cache_entry *e)
{
    struct node **pp, *x;
    size_t bytes;

    if (e->url == NULL || e->text.len > CACHE_MAX_SHINGLES) {
        cache_entry_free(e);
        return false;
    }
    pp = slot(c, e->url);
    if (*pp != NULL)
        remove_at(c, pp);
    bytes = entry_bytes(e);
    if (c->bytes + bytes > CACHE_MAX_BYTES) {
        cache_entry_free(e);
        return false;
    }
    if (c->len >= c->nbuckets)
        grow(c);
    x = xcalloc(1, sizeof *x);
    x->e = e;
    x->bytes = bytes;
    pp = slot(c, e->url);
    *pp = x;
    x->prev = c->tail;
    if (c->tail != NULL)
        c->tail->next = x;
    else
        c->head = x;
    c->tail = x;
    c->len++;
    c->bytes += bytes;
    return true;
}

const struct cache_entry *
cache_get(const struct cache *c, const char *key)
{
    struct node *x = *slot(c, key);

    return x != NULL ? x->e : NULL;
}

void
cache_touch(struct cache *c, const char *key, long long now, const char *etag,
            const char *last_modified)
{
    struct node *x = *slot(c, key);

    if (x == NULL)
        return;
    x->e->fetched_at = now;
    if (etag != NULL) {
        free(x->e->etag);
        x->e->etag = xstrdup(etag);
    }
    if (last_modified != NULL) {
        free(x->e->last_modified);
        x->e->last_modified = xstrdup(last_modified);
    }
}

void
cache_forget(struct cache *c, const char *key)
{
    struct node **pp = slot(c, key);

    if (*pp != NULL)
        remove_at(c, pp);
}

size_t
cache_len(const struct cache *c)
{
    return c->len;
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
            if (i > 0 && t->h[i] <= t->h[i - 1])
                good = false; /* containment needs a sorted set */
        }
    }
    free(raw);
    return good;
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
 * of HEADER_MAX also refuses control characters: validators go into
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
    for (s = json_string_value(v); max == HEADER_MAX && *s != '\0'; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
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
    for (f = CC_BY; f <= CC_RETIRED; f++)
        if (strcmp(cc_family_name((enum cc_family)f), fam) == 0)
            break;
    if (f > CC_RETIRED)
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
           get_str(o, "url", false, MAX_FIELD, &e->url) && e->url[0] &&
           get_str(o, "final_url", true, MAX_FIELD, &e->final_url) &&
           get_int(o, "http_status", 100, 599, &status) &&
           get_int(o, "first_redirect", 0, 399, &redir) &&
           get_str(o, "etag", true, HEADER_MAX, &e->etag) &&
           get_str(o, "last_modified", true, HEADER_MAX, &e->last_modified) &&
           get_hash(o, &e->content_hash) &&
           get_int(o, "fetched_at", 0, INT64_MAX, &at) &&
           get_bool(o, "has_license", &e->has_license) && get_license(o, e) &&
           get_str(o, "license_url", true, MAX_FIELD, &e->license_url) &&
           get_str(o, "creator", true, MAX_FIELD, &e->creator) &&
           get_str(o, "title", true, MAX_FIELD, &e->title) &&
           get_str(o, "credits", true, MAX_FIELD, &e->credits) &&
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

/* ---- the file
 * ------------------------------------------------------------------ */

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

/* Checks the header line; returns why it is wrong, or NULL. */
static const char *
check_header(const struct cache *c, const char *line, size_t len)
{
    json_t *h = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    json_int_t format = 0;
    const char *version = NULL, *rules = NULL, *why = NULL;

    if (h == NULL ||
        json_unpack(h, "{s:I, s:s, s?s !}", "attrcheck-cache", &format,
                    "version", &version, "rules", &rules) != 0)
        why = "not an attrcheck cache (no header line)";
    else if (format != CACHE_FORMAT || strcmp(version, PACKAGE_VERSION) != 0)
        why = "written by another version of attrcheck";
    else if (c->rules[0] != '\0' &&
             (rules == NULL || strcmp(rules, c->rules) != 0))
        why = "written with other detection rules";
    json_decref(h);
    return why;
}

/* Adds the entry on LINE to C; returns why it is wrong, or NULL. */
static const char *
load_entry(struct cache *c, const char *line, size_t len, bool *full)
{
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    struct cache_entry *e = o != NULL ? entry_from_json(o) : NULL;

    json_decref(o);
    if (o == NULL)
        return "not a JSON line";
    if (e == NULL)
        return "not a valid entry";
    if (cache_get(c, e->url) != NULL) {
        cache_entry_free(e);
        return "a second entry for the same URL";
    }
    if (e->fetched_at + CACHE_KEEP_S < c->now) {
        cache_entry_free(e); /* too old to be worth keeping */
        return NULL;
    }
    *full = !cache_put(c, e);
    return NULL;
}

enum ac_status
cache_load(struct cache *c, const char *path, struct ac_err *err)
{
    struct strbuf sb = STRBUF_INIT;
    FILE *fp = fopen(path, "r");
    const char *why = NULL;
    size_t lineno = 0;
    bool full = false;
    int got;
    enum ac_status rc = AC_OK;

    if (fp == NULL)
        return errno == ENOENT
                   ? AC_OK
                   : ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    while (why == NULL && !full && (got = read_line(fp, &sb)) != 0) {
        lineno++;
        if (got < 0)
            why = "line too long";
        else if (lineno == 1)
            why = check_header(c, sb.buf, sb.len);
        else
            why = load_entry(c, sb.buf, sb.len, &full);
    }
    if (why != NULL)
        rc = ac_err_set(err, AC_E_DATA, "%s:%zu: %s", path, lineno, why);
    else if (ferror(fp))
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    else if (lineno == 0)
        rc = ac_err_set(err, AC_E_DATA, "%s: empty, no header line", path);
    else if (full)
        rc = ac_err_set(err, AC_E_LIMIT,
                        "%s:%zu: memory limit reached, later entries unused",
                        path, lineno);
    if (rc == AC_E_DATA || rc == AC_E_IO)
        clear(c);
    fclose(fp);
    strbuf_release(&sb);
    return rc;
}

/* Writes the header and every entry recent enough to FP. */
static bool
write_all(const struct cache *c, FILE *fp)
{
    const struct node *x;
    json_t *o;
    int rc;

    o = json_pack("{s:i, s:s}", "attrcheck-cache", CACHE_FORMAT, "version",
                  PACKAGE_VERSION);
    if (c->rules[0] != '\0')
        json_object_set_new(o, "rules", json_string(c->rules));
    rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0 || fputc('\n', fp) == EOF)
        return false;
    for (x = c->head; x != NULL; x = x->next) {
        if (x->e->fetched_at + CACHE_KEEP_S < c->now)
            continue;
        if ((o = entry_json(x->e)) == NULL)
            continue; /* not valid UTF-8: left out, not written wrong */
        rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (rc != 0 || fputc('\n', fp) == EOF)
            return false;
    }
    return true;
}

enum ac_status
cache_save(const struct cache *c, const char *path, struct ac_err *err)
{
    char *tmp = xasprintf("%s.XXXXXX", path);
    FILE *fp = NULL;
    int fd = mkstemp(tmp);
    enum ac_status rc = AC_OK;

    if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
        rc = ac_err_set(err, AC_E_IO, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    fd = -1; /* FP owns it now */
    if (!write_all(c, fp) || fflush(fp) != 0 || fsync(fileno(fp)) != 0)
        rc = ac_err_set(err, AC_E_IO, "%s: %s", tmp, strerror(errno));
    if (fclose(fp) != 0 && rc == AC_OK)
        rc = ac_err_set(err, AC_E_IO, "%s: %s", tmp, strerror(errno));
    if (rc == AC_OK && rename(tmp, path) != 0)
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    if (rc != AC_OK)
        unlink(tmp);
out:
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    free(tmp);
    return rc;
}
