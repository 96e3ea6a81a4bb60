/* SPDX-License-Identifier: MIT */
/*
 * cache: what verification learnt about source pages, kept between runs
 * in a JSON Lines file (--cache FILE): a header line, then one object per
 * source with its validators (ETag, Last-Modified), a hash of its body and
 * everything verify needs to judge a copy without the body.  It does not
 * fetch or decide freshness: verify.c does, and run.c loads and saves.
 * Ownership: entries handed to cache_put() belong to the cache; const
 * results are borrowed until the cache changes or is freed.
 */
#ifndef AC_CACHE_H
#define AC_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ccurl.h"
#include "err.h"
#include "textsim.h"

#define CACHE_FORMAT       1             /* "attrcheck-cache": 1 */
#define CACHE_KEEP_S       (30L * 86400) /* older entries are dropped */
#define CACHE_MAX_SHINGLES 65536         /* bigger texts are not kept */
#define CACHE_MAX_BYTES    (256UL << 20) /* memory for all entries */
#define CACHE_MAX_LINE     (1UL << 20)   /* bytes of one line */

/* One source page as verification saw it. */
struct cache_entry {
    char *url;       /* the key: the normalised URL that was requested */
    char *final_url; /* after redirects and remaps */
    long http_status;
    long first_redirect;   /* status of the first redirect, 0 when none */
    char *etag;            /* validator, or NULL */
    char *last_modified;   /* validator, or NULL */
    uint64_t content_hash; /* cache_hash_body() of the body */
    long long fetched_at;  /* unix time of the last 200 or 304 */
    bool has_license;
    struct cc_license lic;
    char *license_url; /* each may be NULL */
    char *creator;
    char *title;
    char *credits;  /* the source this page credits */
    bool not_found; /* a soft 404 */
    struct textsim text;
};

struct cache;

/* An empty cache; NOW (unix time) dates what is dropped as too old. */
struct cache *cache_new(long long now);

/* Ties C to one set of detection rules: the header carries FINGERPRINT,
 * and a file written with other rules is not loaded (its analyses would
 * be other ones). */
void cache_set_rules(struct cache *c, const char *fingerprint);
void cache_free(struct cache *c);

/*
 * Adds the entries of PATH to C.  A missing file is AC_OK (a first run).
 * AC_E_DATA when the file is damaged or was written by another version
 * or format (no header, another "version", a line that is not a valid
 * entry): C is then emptied, so nothing of it is trusted.  AC_E_IO when
 * it cannot be read (C emptied too).  AC_E_LIMIT when the entries pass
 * CACHE_MAX_BYTES of memory: those read so far are kept.  Entries older
 * than CACHE_KEEP_S are skipped.  ERR says which file and line.
 */
enum ac_status cache_load(struct cache *c, const char *path,
                          struct ac_err *err);

/*
 * Writes C to PATH atomically (a temporary file in the same folder, then
 * rename), entries older than CACHE_KEEP_S left out.  Returns AC_OK, or
 * AC_E_IO with ERR set (PATH is then unchanged).
 */
enum ac_status cache_save(const struct cache *c, const char *path,
                          struct ac_err *err);

/* The entry for normalised URL KEY, or NULL. */
const struct cache_entry *cache_get(const struct cache *c, const char *key);

/*
 * Adds E (taken over: the cache frees it), replacing any entry with the
 * same url.  Returns false, freeing E, when it is not kept: no url, a
 * text of more than CACHE_MAX_SHINGLES shingles, or no room left under
 * CACHE_MAX_BYTES.
 */
bool cache_put(struct cache *c, struct cache_entry *e);

/* A 304 confirmed the entry for KEY: dates it NOW and takes the new
 * validators when given (NULL keeps the old).  No-op without an entry. */
void cache_touch(struct cache *c, const char *key, long long now,
                 const char *etag, const char *last_modified);

/* Drops the entry for KEY (an error now: errors are never cached). */
void cache_forget(struct cache *c, const char *key);

/* Number of entries. */
size_t cache_len(const struct cache *c);

/* A deep copy of E. */
struct cache_entry *cache_entry_dup(const struct cache_entry *e);

void cache_entry_free(struct cache_entry *e);

/* The 64-bit hash of a body stored as content_hash (FNV-1a: it detects
 * change, it is no defence against a forger). */
uint64_t cache_hash_body(const char *body, size_t len);

#endif
