/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for cache: entries survive a save and a load field by field;
 * the file is JSON Lines with a header and the documented shingle
 * encoding; every kind of damage (no header, another version, a bad line,
 * a bad field) empties the cache; a missing file is a first run; old
 * entries are dropped; put, touch and forget; an unwritable path leaves
 * no temporary file behind.
 */
#include "config.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "cache.h"
#include "xalloc.h"

static char dir[] = "/tmp/test_cache.XXXXXX";
static long long now;

/* A valid entry line; @NOW@ becomes the current time. */
#define GOOD_ENTRY                                                             \
    "{\"url\":\"https://a.example/x\",\"final_url\":\"https://a.example/x\","  \
    "\"http_status\":200,\"first_redirect\":0,\"etag\":\"\\\"v1\\\"\","        \
    "\"last_modified\":null,\"content_hash\":\"fnv1a64:00000000000000ff\","    \
    "\"fetched_at\":@NOW@,\"has_license\":true,\"license\":{\"family\":"       \
    "\"CC-BY\",\"version\":\"4.0\",\"port\":\"\"},\"license_url\":null,"       \
    "\"creator\":\"Ann\",\"title\":null,\"credits\":null,\"not_found\":false," \
    "\"words\":6,\"shingles\":\"AQAAAAAAAAACAAAAAAAAAA==\"}"

/* Returns S with FROM replaced by TO, once (a new string). */
static char *
replace(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);

    if (p == NULL)
        return xstrdup(s);
    return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

static char *
header(void)
{
    return xasprintf("{\"attrcheck-cache\":1,\"version\":\"%s\"}",
                     PACKAGE_VERSION);
}

/* Writes TEXT to DIR/NAME (with @NOW@ and @HEADER@ filled); returns the
 * path (caller frees). */
static char *
write_file(const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name), nowbuf[32];
    char *h = header(), *t1, *t2, *t3;
    FILE *f;

    snprintf(nowbuf, sizeof nowbuf, "%lld", now);
    t1 = replace(text, "@HEADER@", h);
    t2 = replace(t1, "@NOW@", nowbuf);
    t3 = replace(t2, "@NOW@", nowbuf);
    f = fopen(path, "w");
    if (f != NULL) {
        fputs(t3, f);
        fclose(f);
    }
    free(h);
    free(t1);
    free(t2);
    free(t3);
    return path;
}

static struct cache_entry *
make_entry(const char *url, long long fetched_at)
{
    struct cache_entry *e = xcalloc(1, sizeof *e);

    e->url = xstrdup(url);
    e->final_url = xasprintf("%s?final", url);
    e->http_status = 200;
    e->first_redirect = 301;
    e->etag = xstrdup("W/\"abc\"");
    e->last_modified = xstrdup("Wed, 21 Oct 2015 07:28:00 GMT");
    e->content_hash = 0xfedcba9876543210ULL;
    e->fetched_at = fetched_at;
    e->has_license = true;
    e->lic.family = CC_BY_NC_SA;
    strcpy(e->lic.version, "3.0");
    strcpy(e->lic.port, "nl");
    e->license_url = xstrdup("https://creativecommons.org/licenses/by-nc-sa/"
                             "3.0/nl/");
    e->creator = xstrdup("Zoë \"Z\" O'Neill");
    e->title = xstrdup("Dunes \\ and tabs\there");
    e->credits = xstrdup("https://earlier.example/");
    e->not_found = false;
    e->text.len = 2;
    e->text.words = 7;
    e->text.h = xcalloc(2, sizeof *e->text.h);
    e->text.h[0] = 0x0123456789abcdefULL;
    e->text.h[1] = 0xfedcba9876543210ULL;
    return e;
}

static bool
same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) ||
           (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
same_entry(const struct cache_entry *a, const struct cache_entry *b)
{
    return same_str(a->url, b->url) && same_str(a->final_url, b->final_url) &&
           a->http_status == b->http_status &&
           a->first_redirect == b->first_redirect &&
           same_str(a->etag, b->etag) &&
           same_str(a->last_modified, b->last_modified) &&
           a->content_hash == b->content_hash &&
           a->fetched_at == b->fetched_at && a->has_license == b->has_license &&
           a->lic.family == b->lic.family &&
           strcmp(a->lic.version, b->lic.version) == 0 &&
           strcmp(a->lic.port, b->lic.port) == 0 &&
           same_str(a->license_url, b->license_url) &&
           same_str(a->creator, b->creator) && same_str(a->title, b->title) &&
           same_str(a->credits, b->credits) && a->not_found == b->not_found &&
           a->text.len == b->text.len && a->text.words == b->text.words &&
           (a->text.len == 0 ||
            memcmp(a->text.h, b->text.h, a->text.len * 8) == 0);
}

static void
test_round_trip(void)
{
    struct cache *c = cache_new(now), *d = cache_new(now);
    struct cache_entry *full = make_entry("https://a.example/x", now - 5);
    struct cache_entry *bare = xcalloc(1, sizeof *bare), *keep;
    char *path = xasprintf("%s/round.jsonl", dir);
    struct ac_err err = {0};

    bare->url = xstrdup("https://b.example/");
    bare->http_status = 200;
    bare->fetched_at = now;
    keep = cache_entry_dup(full);
    ok(cache_put(c, full), "put a full entry");
    ok(cache_put(c, cache_entry_dup(bare)), "put an entry with no licence, "
                                            "no strings, no text");
    ok(cache_save(c, path, &err) == AC_OK, "save (%s)", err.msg);
    ok(cache_load(d, path, &err) == AC_OK, "load (%s)", err.msg);
    ok(cache_len(d) == 2, "two entries back (%zu)", cache_len(d));
    ok(cache_get(d, keep->url) && same_entry(cache_get(d, keep->url), keep),
       "full entry: every field back");
    ok(cache_get(d, bare->url) && same_entry(cache_get(d, bare->url), bare),
       "bare entry: every field back");
    ok(cache_get(d, "https://c.example/") == NULL, "unknown URL: NULL");
    cache_entry_free(keep);
    cache_entry_free(bare);
    cache_free(c);
    cache_free(d);
    free(path);
}

/* The file itself: a header, then one compact object a line, shingles as
 * base64 of little-endian 64-bit values. */
static void
test_file_format(void)
{
    struct cache *c = cache_new(now);
    char *path = xasprintf("%s/format.jsonl", dir), line[4096];
    struct ac_err err = {0};
    json_t *h = NULL, *o = NULL;
    FILE *f;

    cache_put(c, make_entry("https://a.example/x", now));
    ok(cache_save(c, path, &err) == AC_OK, "save for the format check");
    f = fopen(path, "r");
    if (f != NULL && fgets(line, sizeof line, f) != NULL)
        h = json_loads(line, 0, NULL);
    if (f != NULL && fgets(line, sizeof line, f) != NULL)
        o = json_loads(line, 0, NULL);
    ok(h && json_integer_value(json_object_get(h, "attrcheck-cache")) == 1 &&
           same_str(json_string_value(json_object_get(h, "version")),
                    PACKAGE_VERSION),
       "header line names the format and the version");
    is_str(o ? json_string_value(json_object_get(o, "shingles")) : NULL,
           "782riWdFIwEQMlR2mLrc/g==", "shingles: base64, little-endian");
    is_str(o ? json_string_value(json_object_get(o, "content_hash")) : NULL,
           "fnv1a64:fedcba9876543210", "content_hash: fnv1a64 in hex");
    is_str(o ? json_string_value(
                   json_object_get(json_object_get(o, "license"), "family"))
             : NULL,
           "CC-BY-NC-SA", "licence family by name");
    ok(f != NULL && fgets(line, sizeof line, f) == NULL, "nothing more");
    if (f != NULL)
        fclose(f);
    json_decref(h);
    json_decref(o);
    cache_free(c);
    free(path);
}

static const struct {
    const char *name, *text;
} damaged[] = {
    {"empty file", ""},
    {"no header", GOOD_ENTRY "\n"},
    {"another version",
     "{\"attrcheck-cache\":1,\"version\":\"0.0.0-old\"}\n" GOOD_ENTRY "\n"},
    {"another format",
     "{\"attrcheck-cache\":2,\"version\":\"" PACKAGE_VERSION "\"}\n"},
    {"header with more keys",
     "{\"attrcheck-cache\":1,\"version\":\"" PACKAGE_VERSION "\",\"x\":1}\n"},
    {"not JSON", "@HEADER@\n" GOOD_ENTRY "\n{\"url\": \n"},
    {"binary garbage", "@HEADER@\n\x01\x02\xff\xfe\n"},
    {"an array", "@HEADER@\n[1,2,3]\n"},
    {"blank line", "@HEADER@\n\n"},
    {"two entries for one URL", "@HEADER@\n" GOOD_ENTRY "\n" GOOD_ENTRY "\n"},
    {"duplicate key", "@HEADER@\n{\"url\":\"a\",\"url\":\"b\"}\n"},
};

/* Damage to one field of the good entry: FROM becomes TO. */
static const struct {
    const char *name, *from, *to;
} bad_fields[] = {
    {"url missing", "\"url\":\"https://a.example/x\",", ""},
    {"url empty", "\"url\":\"https://a.example/x\"", "\"url\":\"\""},
    {"url not a string", "\"url\":\"https://a.example/x\"", "\"url\":5"},
    {"status a string", "\"http_status\":200", "\"http_status\":\"200\""},
    {"status out of range", "\"http_status\":200", "\"http_status\":9999"},
    {"fetched_at negative", "\"fetched_at\":@NOW@", "\"fetched_at\":-1"},
    {"fetched_at a float", "\"fetched_at\":@NOW@", "\"fetched_at\":1.5"},
    {"etag with a line break", "\"etag\":\"\\\"v1\\\"\"",
     "\"etag\":\"v1\\r\\nX-Evil: 1\""},
    {"content hash not hex", "fnv1a64:00000000000000ff",
     "fnv1a64:00000000000000fg"},
    {"content hash another algorithm", "fnv1a64:", "sha1xxx:"},
    {"unknown family", "\"CC-BY\"", "\"CC-BY-XX\""},
    {"version too long", "\"4.0\"", "\"4.0.1\""},
    {"licence without has_license", "\"has_license\":true",
     "\"has_license\":false"},
    {"licence with an extra key", "\"port\":\"\"}", "\"port\":\"\",\"x\":1}"},
    {"has_license not a boolean", "\"has_license\":true", "\"has_license\":1"},
    {"creator an object", "\"creator\":\"Ann\"", "\"creator\":{}"},
    {"shingles not base64",
     "AQAAAAAAAAACAAAAAAAAAA==", "AQAAAAAAAAACAAAAAAAA*A=="},
    {"shingles unsorted",
     "AQAAAAAAAAACAAAAAAAAAA==", "AgAAAAAAAAABAAAAAAAAAA=="},
    {"shingles repeated",
     "AQAAAAAAAAACAAAAAAAAAA==", "AQAAAAAAAAABAAAAAAAAAA=="},
    {"shingles not whole", "AQAAAAAAAAACAAAAAAAAAA==", "AQAAAAAAAAAA"},
    {"an unknown key", "\"words\":6", "\"words\":6,\"extra\":true"},
    {"words negative", "\"words\":6", "\"words\":-6"},
};

static void
expect_damaged(const char *name, const char *text)
{
    char *path = write_file("damaged.jsonl", text);
    struct cache *c = cache_new(now);
    struct ac_err err = {0};
    enum ac_status rc;

    cache_put(c, make_entry("https://before.example/", now));
    rc = cache_load(c, path, &err);
    ok(rc == AC_E_DATA && cache_len(c) == 0 && strstr(err.msg, path) != NULL,
       "damaged, %s: AC_E_DATA, nothing kept (rc %d, %zu left: %s)", name,
       (int)rc, cache_len(c), err.msg);
    cache_free(c);
    free(path);
}

static void
test_damaged(void)
{
    size_t i;
    char *good, *bad;

    for (i = 0; i < sizeof damaged / sizeof damaged[0]; i++)
        expect_damaged(damaged[i].name, damaged[i].text);
    for (i = 0; i < sizeof bad_fields / sizeof bad_fields[0]; i++) {
        good = xasprintf("@HEADER@\n%s\n", GOOD_ENTRY);
        bad = replace(good, bad_fields[i].from, bad_fields[i].to);
        ok(strcmp(good, bad) != 0, "bad field, %s: the test changes the line",
           bad_fields[i].name);
        expect_damaged(bad_fields[i].name, bad);
        free(good);
        free(bad);
    }
}

static void
test_good_files(void)
{
    struct cache *c = cache_new(now);
    struct ac_err err = {0};
    char *path, *missing = xasprintf("%s/never-written.jsonl", dir);
    char *old = xasprintf("\"fetched_at\":%lld", now - CACHE_KEEP_S - 10);

    ok(cache_load(c, missing, &err) == AC_OK && cache_len(c) == 0,
       "a missing file is a first run");
    path = write_file("header.jsonl", "@HEADER@\n");
    ok(cache_load(c, path, &err) == AC_OK && cache_len(c) == 0,
       "a header alone is an empty cache");
    free(path);
    path = write_file("one.jsonl", "@HEADER@\n" GOOD_ENTRY "\n");
    ok(cache_load(c, path, &err) == AC_OK && cache_len(c) == 1,
       "one good entry (%s)", err.msg);
    ok(cache_get(c, "https://a.example/x") &&
           same_str(cache_get(c, "https://a.example/x")->etag, "\"v1\"") &&
           cache_get(c, "https://a.example/x")->content_hash == 0xff,
       "its fields as written");
    free(path);
    cache_forget(c, "https://a.example/x");
    path = write_file("noeol.jsonl", "@HEADER@\n" GOOD_ENTRY);
    ok(cache_load(c, path, &err) == AC_OK && cache_len(c) == 1,
       "no newline after the last line");
    free(path);
    cache_forget(c, "https://a.example/x");
    {
        char *text =
            replace("@HEADER@\n" GOOD_ENTRY "\n", "\"fetched_at\":@NOW@", old);
        path = write_file("old.jsonl", text);
        free(text);
    }
    ok(cache_load(c, path, &err) == AC_OK && cache_len(c) == 0,
       "an entry older than CACHE_KEEP_S is skipped");
    free(path);
    ok(cache_load(c, dir, &err) == AC_E_IO, "a folder: AC_E_IO (%s)", err.msg);
    free(old);
    free(missing);
    cache_free(c);
}

static void
test_put_touch_forget(void)
{
    struct cache *c = cache_new(now);
    struct cache_entry *big = make_entry("https://big.example/", now);
    const struct cache_entry *e;

    ok(cache_put(c, make_entry("https://a.example/", now - 100)), "put");
    ok(cache_put(c, make_entry("https://a.example/", now - 50)) &&
           cache_len(c) == 1,
       "put again replaces");
    e = cache_get(c, "https://a.example/");
    ok(e && e->fetched_at == now - 50, "the newer one is kept");
    cache_touch(c, "https://a.example/", now, "\"v2\"", NULL);
    e = cache_get(c, "https://a.example/");
    ok(e && e->fetched_at == now && same_str(e->etag, "\"v2\"") &&
           same_str(e->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT"),
       "touch dates it and takes the new ETag, keeps Last-Modified");
    cache_touch(c, "https://none.example/", now, NULL, NULL);
    ok(cache_len(c) == 1, "touch of an unknown URL adds nothing");
    cache_forget(c, "https://a.example/");
    ok(cache_len(c) == 0 && cache_get(c, "https://a.example/") == NULL,
       "forget");
    cache_forget(c, "https://a.example/");
    ok(cache_len(c) == 0, "forget twice is harmless");
    free(big->text.h);
    big->text.len = CACHE_MAX_SHINGLES + 1;
    big->text.h = xcalloc(big->text.len, sizeof *big->text.h);
    ok(!cache_put(c, big) && cache_len(c) == 0, "a huge text is not kept");
    for (int i = 0; i < 1000; i++) {
        char *url = xasprintf("https://many.example/%d", i);
        cache_put(c, make_entry(url, now));
        free(url);
    }
    e = cache_get(c, "https://many.example/777");
    ok(cache_len(c) == 1000 && e &&
           same_str(e->url, "https://many.example/777"),
       "a thousand entries (the table grows)");
    cache_free(c);
}

static void
test_save_errors(void)
{
    struct cache *c = cache_new(now), *d = cache_new(now);
    char *path = xasprintf("%s/no/such/folder/cache.jsonl", dir);
    char *twice = xasprintf("%s/twice.jsonl", dir);
    struct ac_err err = {0};
    struct dirent *de;
    DIR *dp;
    int temps = 0;

    cache_put(c, make_entry("https://a.example/", now));
    cache_put(c, make_entry("https://old.example/", now - CACHE_KEEP_S - 1));
    ok(cache_save(c, path, &err) == AC_E_IO && strstr(err.msg, "cache.jsonl"),
       "an unwritable path: AC_E_IO (%s)", err.msg);
    ok(cache_save(c, twice, &err) == AC_OK &&
           cache_save(c, twice, &err) == AC_OK,
       "saving over an existing file");
    ok(cache_load(d, twice, &err) == AC_OK && cache_len(d) == 1 &&
           cache_get(d, "https://old.example/") == NULL,
       "entries older than CACHE_KEEP_S are not saved");
    dp = opendir(dir);
    while (dp != NULL && (de = readdir(dp)) != NULL)
        if (strncmp(de->d_name, "twice.jsonl.", 12) == 0)
            temps++;
    if (dp != NULL)
        closedir(dp);
    ok(temps == 0, "no temporary file left behind (%d)", temps);
    cache_free(c);
    cache_free(d);
    free(path);
    free(twice);
}

static void
test_hash(void)
{
    /* FNV-1a 64 test vectors */
    ok(cache_hash_body("", 0) == 0xcbf29ce484222325ULL, "hash of nothing");
    ok(cache_hash_body("a", 1) == 0xaf63dc4c8601ec8cULL, "hash of \"a\"");
    ok(cache_hash_body("foobar", 6) == 0x85944171f73967e8ULL,
       "hash of \"foobar\"");
    ok(cache_hash_body("a\0b", 3) != cache_hash_body("a\0c", 3),
       "bytes after a NUL count");
}

int
main(void)
{
    char *cmd;

    now = (long long)time(NULL);
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! mkdtemp\n");
        return 1;
    }
    test_round_trip();
    test_file_format();
    test_damaged();
    test_good_files();
    test_put_touch_forget();
    test_save_errors();
    test_hash();
    cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    return tap_done();
}
