/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for cache: entries survive a close and an open field by
 * field; a batch is seen by another handle on the same file only once
 * committed (at CACHE_BATCH entries, after CACHE_BATCH_MS, or at close);
 * put, touch and forget; old entries are deleted at open; a cache of
 * other rules is emptied with a note; a file that is no cache or is
 * damaged is refused and left as it was; a JSON Lines cache of 0.1 is
 * imported once (every kind of damage refused, the old file kept);
 * export writes what migration reads; stats and prune.
 */
#include "config.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "cache.h"
#include "fetch.h"
#include "testutil.h"
#include "xalloc.h"

static const char *dir; /* tu_tmpdir() */
static long long now;
static const char RULES[] = "00112233aabbccdd";

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
    return xasprintf("{\"attrcheck-cache\":1,\"version\":\"%s\","
                     "\"rules\":\"%s\"}",
                     PACKAGE_VERSION, RULES);
}

/* Writes TEXT to DIR/NAME (with @NOW@ and @HEADER@ filled); returns the
 * path (caller frees). */
static char *
write_file(const char *name, const char *text)
{
    char nowbuf[32], *h = header(), *t1, *t2, *t3, *path;

    snprintf(nowbuf, sizeof nowbuf, "%lld", now);
    t1 = replace(text, "@HEADER@", h);
    t2 = replace(t1, "@NOW@", nowbuf);
    t3 = replace(t2, "@NOW@", nowbuf);
    path = tu_write_file(dir, name, t3, strlen(t3));
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

static const struct {
    const char *name, *text;
} damaged[] = {
    {"no header", GOOD_ENTRY "\n"},
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

/* Opens PATH with RULES; NULL (and a failed test) when it cannot. */
static struct cache *
open_ok(const char *path, const char *rules, struct ac_err *note)
{
    struct ac_err err = {0};
    struct cache *c = NULL;

    if (cache_open(path, rules, now, &c, note, &err) != AC_OK)
        ok(0, "open %s (%s)", path, err.msg);
    return c;
}

/* Files in DIR whose name starts with PREFIX. */
static int
count_files(const char *prefix)
{
    struct dirent *de;
    DIR *dp = opendir(dir);
    int n = 0;

    while (dp != NULL && (de = readdir(dp)) != NULL)
        if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
            n++;
    if (dp != NULL)
        closedir(dp);
    return n;
}

static void
test_round_trip(void)
{
    char *path = xasprintf("%s/round.db", dir);
    struct cache_entry *full = make_entry("https://a.example/x", now - 5);
    struct cache_entry *bare = xcalloc(1, sizeof *bare), *keep, *got;
    struct ac_err note = {0}, err = {0};
    struct cache *c = open_ok(path, RULES, &note);

    ok(c != NULL && note.msg[0] == '\0', "a new file: a new cache, no note");
    bare->url = xstrdup("https://b.example/");
    bare->http_status = 200;
    bare->fetched_at = now;
    keep = cache_entry_dup(full);
    ok(cache_put(c, full), "put a full entry");
    ok(cache_put(c, cache_entry_dup(bare)), "put an entry with no licence, "
                                            "no strings, no text");
    got = cache_get(c, keep->url);
    ok(got && same_entry(got, keep), "a pending entry is seen by its run");
    cache_entry_free(got);
    ok(cache_close(c, &err) == AC_OK, "close (%s)", err.msg);
    c = open_ok(path, RULES, &note);
    ok(c && cache_len(c) == 2, "two entries back");
    got = c ? cache_get(c, keep->url) : NULL;
    ok(got && same_entry(got, keep), "full entry: every field back");
    cache_entry_free(got);
    got = c ? cache_get(c, bare->url) : NULL;
    ok(got && same_entry(got, bare), "bare entry: every field back");
    cache_entry_free(got);
    ok(c && cache_get(c, "https://c.example/") == NULL, "unknown URL: NULL");
    cache_close(c, &err);
    cache_entry_free(keep);
    cache_entry_free(bare);
    free(path);
}

/* Two handles on one file, as two runs: a batch lands for the other at
 * CACHE_BATCH entries, after CACHE_BATCH_MS (cache_tick), or at flush. */
static void
test_batches(void)
{
    char *path = xasprintf("%s/shared.db", dir), *url;
    struct ac_err note = {0}, err = {0};
    struct cache *a = open_ok(path, RULES, &note);
    struct cache *b = open_ok(path, RULES, &note);
    struct cache_entry *got;
    struct timespec pause = {0, 300 * 1000 * 1000};
    int i;

    if (a == NULL || b == NULL)
        return;
    cache_put(a, make_entry("https://one.example/", now));
    got = cache_get(b, "https://one.example/");
    ok(got == NULL, "another run does not see a pending entry");
    cache_entry_free(got);
    cache_tick(a);
    got = cache_get(b, "https://one.example/");
    ok(got == NULL, "a tick before CACHE_BATCH_MS commits nothing");
    cache_entry_free(got);
    for (i = 0; i < 4; i++)
        nanosleep(&pause, NULL);
    cache_tick(a);
    got = cache_get(b, "https://one.example/");
    ok(got != NULL, "after CACHE_BATCH_MS a tick commits: the other sees it");
    cache_entry_free(got);
    for (i = 0; i < CACHE_BATCH; i++) {
        url = xasprintf("https://many.example/%d", i);
        cache_put(a, make_entry(url, now));
        free(url);
    }
    got = cache_get(b, "https://many.example/99");
    ok(got != NULL, "CACHE_BATCH entries commit at once");
    cache_entry_free(got);
    cache_forget(a, "https://one.example/");
    got = cache_get(a, "https://one.example/");
    ok(got == NULL, "a pending forget hides the entry from its run");
    cache_entry_free(got);
    ok(cache_flush(a, &err) == AC_OK, "flush");
    got = cache_get(b, "https://one.example/");
    ok(got == NULL, "and once flushed, from the other");
    cache_entry_free(got);
    ok(cache_len(b) == CACHE_BATCH, "the other counts %d (%zu)", CACHE_BATCH,
       cache_len(b));
    ok(cache_close(a, &err) == AC_OK && cache_close(b, &err) == AC_OK,
       "both close cleanly");
    free(path);
}

/* Claims between two processes: a child claims a URL; the parent sees
 * it taken until the child commits the entry (then the entry is there)
 * or is gone (then the claim is the parent's). */
/* The child of test_claims() dies holding a claim, so it never closes its
 * cache; kept here, it stays reachable for valgrind's leak check, which
 * runs in a forked child too. */
static struct cache *claims_child_cache;

static void
test_claims(void)
{
    char *path = xasprintf("%s/claims.db", dir);
    struct ac_err note = {0}, err = {0};
    struct cache *c;
    struct cache_entry *e;
    int go[2], ready[2];
    char byte = 0;
    pid_t pid;

    if (pipe(go) != 0 || pipe(ready) != 0) {
        free(path);
        return;
    }
    fflush(stdout);
    /* the parent opens its cache after the fork: a child inherits none */
    if ((pid = fork()) == 0) {
        struct cache *k = NULL;

        if (cache_open(path, RULES, now, &k, &note, &err) != AC_OK)
            _exit(1);
        claims_child_cache = k;
        free(path);
        cache_claim(k, "https://x.example/", now, 60);
        cache_claim(k, "https://y.example/", now, 60);
        (void)!write(ready[1], "r", 1);
        (void)!read(go[0], &byte, 1); /* commit x, then die holding y */
        cache_put(k, make_entry("https://x.example/", now));
        cache_flush(k, &err);
        (void)!write(ready[1], "r", 1);
        (void)!read(go[0], &byte, 1);
        _exit(0);
    }
    ok(pid > 0 && read(ready[0], &byte, 1) == 1, "a child claims x and y");
    if ((c = open_ok(path, RULES, &note)) == NULL) {
        free(path);
        return;
    }
    ok(cache_claim(c, "https://x.example/", now, 60) == CACHE_CLAIM_OTHER,
       "x: claimed by another live process");
    ok(cache_claim(c, "https://z.example/", now, 60) == CACHE_CLAIM_MINE,
       "z: nobody's, so mine");
    ok(cache_claim(c, "https://z.example/", now, 60) == CACHE_CLAIM_MINE,
       "z again: still mine");
    ok(write(go[1], "g", 1) == 1 && read(ready[0], &byte, 1) == 1,
       "the child commits x");
    e = cache_get(c, "https://x.example/");
    ok(e != NULL, "x: the child's entry is there");
    cache_entry_free(e);
    ok(cache_claim(c, "https://x.example/", now, 60) == CACHE_CLAIM_MINE,
       "x: its claim ended with the commit");
    ok(cache_claim(c, "https://y.example/", now, 60) == CACHE_CLAIM_OTHER,
       "y: still the child's");
    ok(write(go[1], "g", 1) == 1 && waitpid(pid, NULL, 0) == pid,
       "the child dies holding y");
    ok(cache_claim(c, "https://y.example/", now, 60) == CACHE_CLAIM_MINE,
       "y: a dead process's claim is taken over");
    ok(cache_claim(c, "https://w.example/", now - 120, 60) == CACHE_CLAIM_MINE,
       "an expired claim is taken over");
    cache_close(c, &err);
    close(go[0]);
    close(go[1]);
    close(ready[0]);
    close(ready[1]);
    free(path);
}

static void
test_put_touch_forget(void)
{
    char *path = xasprintf("%s/ptf.db", dir);
    struct ac_err note = {0}, err = {0};
    struct cache *c = open_ok(path, RULES, &note);
    struct cache_entry *big = make_entry("https://big.example/", now), *e;

    if (c == NULL)
        return;
    ok(cache_put(c, make_entry("https://a.example/", now - 100)), "put");
    ok(cache_put(c, make_entry("https://a.example/", now - 50)) &&
           cache_len(c) == 1,
       "put again replaces");
    e = cache_get(c, "https://a.example/");
    ok(e && e->fetched_at == now - 50, "the newer one is kept");
    cache_entry_free(e);
    cache_touch(c, "https://a.example/", now, "\"v2\"", NULL);
    e = cache_get(c, "https://a.example/");
    ok(e && e->fetched_at == now && same_str(e->etag, "\"v2\"") &&
           same_str(e->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT"),
       "touch dates it and takes the new ETag, keeps Last-Modified");
    cache_entry_free(e);
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
    cache_put(c, make_entry("https://old.example/", now - CACHE_KEEP_S - 10));
    cache_put(c, make_entry("https://new.example/", now));
    ok(cache_close(c, &err) == AC_OK, "close");
    c = open_ok(path, RULES, &note);
    e = c ? cache_get(c, "https://old.example/") : NULL;
    ok(c && e == NULL && cache_len(c) == 1,
       "an entry older than CACHE_KEEP_S is deleted at open");
    cache_entry_free(e);
    cache_close(c, &err);
    c = open_ok(path, "ffffffffffffffff", &note);
    ok(c && cache_len(c) == 0 &&
           strstr(note.msg, "written with other detection rules: its 1 "
                            "entries were dropped") != NULL,
       "other rules: emptied, with a note (%s)", note.msg);
    cache_close(c, &err);
    c = open_ok(path, RULES, &note);
    ok(c && strstr(note.msg, "other detection rules") != NULL,
       "and back: the note again (%s)", note.msg);
    cache_close(c, &err);
    free(path);
}

/* A file that is no cache, or a damaged one: refused, left as it was. */
static void
expect_refused(const char *name, const char *path, const char *why)
{
    struct ac_err note = {0}, err = {0};
    struct cache *c = NULL;
    size_t n0, n1;
    char *before = tu_read_file(path, &n0), *after;
    enum ac_status rc = cache_open(path, RULES, now, &c, &note, &err);

    after = tu_read_file(path, &n1);
    ok(rc == AC_E_DATA && c == NULL && strstr(err.msg, path) != NULL &&
           strstr(err.msg, why) != NULL,
       "%s: refused (rc %d: %s)", name, (int)rc, err.msg);
    ok(before && after && n0 == n1 && memcmp(before, after, n0) == 0,
       "%s: the file is left as it was", name);
    free(before);
    free(after);
}

static void
test_foreign_and_damaged(void)
{
    char *text = write_file("notes.txt", "my notes\n");
    char *path = xasprintf("%s/good.db", dir), *copy;
    struct ac_err note = {0}, err = {0};
    struct cache *c = open_ok(path, RULES, &note);
    size_t n;
    char *bytes;
    FILE *f;

    expect_refused("a text file", text, "not an attrcheck cache");
    for (int i = 0; i < 200 && c != NULL; i++) {
        char *url = xasprintf("https://d.example/%d", i);
        cache_put(c, make_entry(url, now));
        free(url);
    }
    cache_close(c, &err);
    bytes = tu_read_file(path, &n);
    ok(bytes != NULL && n > 4096, "a cache of 200 entries (%zu bytes)", n);
    /* the schema page damaged: the file is no database any more */
    copy = xasprintf("%s/damaged1.db", dir);
    memset(bytes + 100, 0xa5, 3000);
    if ((f = fopen(copy, "wb")) != NULL) {
        fwrite(bytes, 1, n, f);
        fclose(f);
    }
    expect_refused("a damaged schema page", copy, "malformed");
    free(copy);
    free(bytes);
    free(text);
    free(path);
}

static void
test_migration(void)
{
    char *path = write_file("old.jsonl", "@HEADER@\n" GOOD_ENTRY "\n");
    char *backup = xasprintf("%s.v1.jsonl", path), *before, *kept;
    struct ac_err note = {0}, err = {0};
    struct cache *c;
    struct cache_entry *e;
    size_t n0, n1;

    before = tu_read_file(path, &n0);
    c = open_ok(path, RULES, &note);
    ok(c && strstr(note.msg, "JSON Lines cache imported (1 entries)") &&
           strstr(note.msg, backup),
       "a 0.1 cache is imported, with a note (%s)", note.msg);
    kept = tu_read_file(backup, &n1);
    ok(kept && n0 == n1 && memcmp(before, kept, n0) == 0,
       "the old file is kept, byte for byte, as .v1.jsonl");
    e = c ? cache_get(c, "https://a.example/x") : NULL;
    ok(e && same_str(e->etag, "\"v1\"") && e->content_hash == 0xff &&
           e->text.len == 2 && e->text.h[0] == 1 && e->text.h[1] == 2 &&
           same_str(e->creator, "Ann") && e->lic.family == CC_BY,
       "its entry, field by field");
    cache_entry_free(e);
    cache_close(c, &err);
    c = open_ok(path, RULES, &note);
    ok(c && note.msg[0] == '\0' && cache_len(c) == 1,
       "imported once: the next open is a plain open");
    cache_close(c, &err);
    free(path);
    free(backup);
    free(before);
    free(kept);
    path = write_file(
        "stale.jsonl",
        "{\"attrcheck-cache\":1,\"version\":\"0.0.1\"}\n" GOOD_ENTRY "\n");
    c = open_ok(path, RULES, &note);
    ok(c && cache_len(c) == 0 &&
           strstr(note.msg, "another version of attrcheck, not imported"),
       "a 0.1 cache of another version: not imported, a new cache (%s)",
       note.msg);
    cache_close(c, &err);
    free(path);
}

static void
expect_damaged(const char *name, const char *text)
{
    char *path = write_file("damaged.jsonl", text);

    expect_refused(name, path, "damaged.jsonl");
    ok(count_files("damaged.jsonl.") == 0,
       "%s: no backup or temporary file left", name);
    free(path);
}

static void
test_damaged_json(void)
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

/* An entry whose URL is as long as the engine fetches (FETCH_URL_MAX)
 * exports and imports back: the import once refused URLs over 8 KiB. */
static void
test_export_long_url(void)
{
    char *path = xasprintf("%s/long.db", dir);
    char *out = xasprintf("%s/long.jsonl", dir);
    char *url = xmalloc(FETCH_URL_MAX - 5);
    struct ac_err note = {0}, err = {0};
    struct cache *c = open_ok(path, RULES, &note);
    struct cache_entry *keep, *e;
    long long n = 0;
    FILE *f;

    memcpy(url, "https://long.example/", 21);
    memset(url + 21, 'a', FETCH_URL_MAX - 5 - 22);
    url[FETCH_URL_MAX - 6] = '\0'; /* "?final" makes final_url the limit */
    keep = make_entry(url, now - 5);
    if (c != NULL) {
        cache_put(c, cache_entry_dup(keep));
        cache_close(c, &err);
    }
    f = fopen(out, "w");
    ok(f && cache_export(path, f, out, &n, &err) == AC_OK && n == 1,
       "export an entry with a %zu-byte URL (%s)", strlen(url), err.msg);
    if (f != NULL)
        fclose(f);
    c = open_ok(out, RULES, &note);
    e = c ? cache_get(c, url) : NULL;
    ok(e != NULL && same_entry(e, keep) &&
           strlen(e->final_url) == FETCH_URL_MAX,
       "it imports back whole (%s)", note.msg);
    cache_entry_free(e);
    if (c != NULL)
        cache_close(c, &err);
    cache_entry_free(keep);
    free(url);
    free(out);
    free(path);
}

/* Export writes JSON Lines that migration reads back whole. */
static void
test_export_stats_prune(void)
{
    char *path = xasprintf("%s/exp.db", dir);
    char *out = xasprintf("%s/exp.jsonl", dir), line[4096];
    struct ac_err note = {0}, err = {0};
    struct cache *c = open_ok(path, RULES, &note);
    struct cache_entry *keep = make_entry("https://a.example/x", now - 5), *e;
    struct cache_stats st;
    long long n = 0, dropped = 0, before = 0, after = 0;
    json_t *o = NULL;
    FILE *f;

    if (c == NULL)
        return;
    cache_put(c, cache_entry_dup(keep));
    cache_put(c, make_entry("https://b.example/", now - 7200));
    cache_put(c, make_entry("https://c.example/", now - CACHE_KEEP_S - 60));
    cache_close(c, &err);
    f = fopen(out, "w");
    ok(f && cache_export(path, f, out, &n, &err) == AC_OK && n == 3,
       "export (%lld entries: %s)", n, err.msg);
    if (f != NULL)
        fclose(f);
    f = fopen(out, "r");
    if (f != NULL && fgets(line, sizeof line, f) != NULL &&
        fgets(line, sizeof line, f) != NULL)
        o = json_loads(line, 0, NULL);
    is_str(o ? json_string_value(json_object_get(o, "shingles")) : NULL,
           "782riWdFIwEQMlR2mLrc/g==", "shingles: base64, little-endian");
    is_str(o ? json_string_value(json_object_get(o, "content_hash")) : NULL,
           "fnv1a64:fedcba9876543210", "content_hash: fnv1a64 in hex");
    if (f != NULL)
        fclose(f);
    json_decref(o);
    ok(cache_stats(path, now, &st, &err) == AC_OK && st.entries == 3 &&
           st.by_age[0] == 1 && st.by_age[1] == 1 && st.by_age[4] == 1 &&
           st.format == CACHE_FORMAT && strcmp(st.rules, RULES) == 0 &&
           st.newest == now - 5 && st.file_bytes > 0,
       "stats: 3 entries, one each under 1 h, under 1 d, over 30 d (%s)",
       err.msg);
    ok(cache_prune(path, now, &dropped, &before, &after, &err) == AC_OK &&
           dropped == 1,
       "prune deletes the one over 30 days (%lld: %s)", dropped, err.msg);
    ok(cache_stats(path, now, &st, &err) == AC_OK && st.entries == 2,
       "two left");
    c = open_ok(out, RULES, &note);
    e = c ? cache_get(c, keep->url) : NULL;
    ok(c && cache_len(c) == 2 && e && same_entry(e, keep),
       "the export imports back: every field (%s)", note.msg);
    cache_entry_free(e);
    cache_close(c, &err);
    ok(cache_stats(dir, now, &st, &err) != AC_OK, "stats of a folder fails");
    cache_entry_free(keep);
    free(path);
    free(out);
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
    now = (long long)time(NULL);
    dir = tu_tmpdir("test_cache");
    test_round_trip();
    test_batches();
    test_claims();
    test_put_touch_forget();
    test_foreign_and_damaged();
    test_migration();
    test_damaged_json();
    test_export_stats_prune();
    test_export_long_url();
    test_hash();
    return tap_done();
}
