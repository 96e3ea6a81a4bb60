/* SPDX-License-Identifier: MIT */
/*
 * cache: what verification learnt about source pages, kept between runs
 * and shared by concurrent runs (--cache FILE): an SQLite database with
 * one row per source, keyed by its normalised URL, holding the
 * validators (ETag, Last-Modified), a hash of the body and everything
 * verify needs to judge a copy without the body.  Entries are looked up
 * one at a time and written in small batches, so memory does not grow
 * with the cache.  It does not fetch or decide freshness: verify.c does,
 * and main.c opens, reports and closes.  JSON Lines (the format of
 * attrcheck 0.1 caches) is read once to migrate and written for
 * --cache-export.
 * Ownership: entries handed to cache_put() belong to the cache; entries
 * cache_get() returns belong to the caller (cache_entry_free).
 */
#ifndef AC_CACHE_H
#define AC_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ccurl.h"
#include "err.h"
#include "textsim.h"

#define CACHE_FORMAT       2             /* PRAGMA user_version of the file */
#define CACHE_JSON_FORMAT  1             /* "attrcheck-cache": 1 (JSON Lines) */
#define CACHE_KEEP_S       (30L * 86400) /* older entries are deleted */
#define CACHE_MAX_SHINGLES 65536         /* bigger texts are not kept */
#define CACHE_MAX_LINE     (1UL << 20)   /* bytes of one JSON line */
#define CACHE_BATCH        100   /* entries in one transaction, at most */
#define CACHE_BATCH_MS     1000  /* the longest an entry waits */
#define CACHE_BUSY_MS      10000 /* wait for another writer this long */

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

/*
 * Opens the cache at PATH for a run that analyses with the rules whose
 * fingerprint is RULES (16 hex digits); NOW (unix time) dates what is
 * deleted as too old.  A missing or empty file becomes a new cache.
 *
 * On AC_OK *OUT is the cache, and NOTE (code AC_OK, msg non-empty) may
 * say something the user should hear: a JSON Lines cache of attrcheck
 * 0.1 was imported (the old file kept beside it as PATH.v1.jsonl), or a
 * cache written by another version or with other rules was emptied
 * (its analyses would be other ones).
 * Errors, *OUT NULL and PATH left as it was: AC_E_DATA for a file that is
 * not an attrcheck cache (another SQLite database, another file, a JSON
 * Lines cache that is damaged), is damaged ("database disk image is
 * malformed") or was written by a newer attrcheck; AC_E_IO when it
 * cannot be opened or created.  ERR names PATH.
 */
enum ac_status cache_open(const char *path, const char *rules, long long now,
                          struct cache **out, struct ac_err *note,
                          struct ac_err *err);

/*
 * Commits what is pending and closes C.  Returns AC_OK, or the first
 * error met since the cache was opened (a batch that could not be
 * written, a database found damaged mid-run: the cache was then no
 * longer used), with ERR set.  cache_close(NULL, ...) is AC_OK.
 */
enum ac_status cache_close(struct cache *c, struct ac_err *err);

/* The entry for normalised URL KEY as it is now (entries other runs
 * committed included), or NULL.  The caller frees it. */
struct cache_entry *cache_get(struct cache *c, const char *key);

/*
 * Records E (taken over), replacing any entry with the same url; it is
 * committed with its batch (CACHE_BATCH entries, or CACHE_BATCH_MS after
 * the first of them, whichever comes first; see cache_tick).  Returns
 * false, freeing E, when it is not kept: no url, or a text of more than
 * CACHE_MAX_SHINGLES shingles.
 */
bool cache_put(struct cache *c, struct cache_entry *e);

/* A 304 confirmed the entry for KEY: dates it NOW and takes the new
 * validators when given (NULL keeps the old).  No-op without an entry. */
void cache_touch(struct cache *c, const char *key, long long now,
                 const char *etag, const char *last_modified);

/* Drops the entry for KEY (an error now: errors are never cached). */
void cache_forget(struct cache *c, const char *key);

/* What cache_claim() found. */
enum cache_claim {
    CACHE_CLAIM_MINE, /* fetch it: no other live run is fetching it */
    CACHE_CLAIM_OTHER /* another live run is: wait for its entry */
};

/*
 * Claims KEY for this process for TTL_S seconds from NOW, so that runs
 * sharing the cache fetch a source once between them, and says whether
 * another live process on this machine holds a claim on it that has not
 * run out.  The claim is committed at once; it ends when this process
 * commits the entry for KEY (or its deletion), at cache_close(), when
 * its TTL passes, or when the process is gone.  On a database error it
 * answers MINE: no worse than no cache.
 */
enum cache_claim cache_claim(struct cache *c, const char *key, long long now,
                             long ttl_s);

/* Commits the pending batch when its first entry has waited
 * CACHE_BATCH_MS; call it often (the run loop does, every 100 ms at
 * most).  C may be NULL. */
void cache_tick(struct cache *c);

/* Commits the pending batch now.  Returns what cache_close would. */
enum ac_status cache_flush(struct cache *c, struct ac_err *err);

/* Number of entries committed and pending (commits first). */
size_t cache_len(struct cache *c);

/* What --cache-stats reports. */
struct cache_stats {
    long long entries;
    long long file_bytes, wal_bytes; /* the database and its -wal file */
    long long shingle_bytes;         /* the shingles, the bulk of it */
    long long oldest, newest;        /* fetched_at; 0 without entries */
    long long by_age[5];             /* < 1 h, < 1 d, < 1 w, <= 30 d, older */
    int format;
    char version[32]; /* attrcheck version that wrote it */
    char rules[24];   /* rules fingerprint */
};

/* Fills ST for the cache at PATH, ages counted from NOW; the file is
 * only read.  Errors as cache_open's (a missing file is AC_E_IO). */
enum ac_status cache_stats(const char *path, long long now,
                           struct cache_stats *st, struct ac_err *err);

/*
 * Deletes the entries of PATH older than CACHE_KEEP_S (counted from NOW)
 * and compacts the file (VACUUM), which needs no other process using
 * it.  *DROPPED is the number deleted, *BEFORE and *AFTER the file sizes.
 */
enum ac_status cache_prune(const char *path, long long now, long long *dropped,
                           long long *before, long long *after,
                           struct ac_err *err);

/*
 * Writes the cache at PATH to OUT as JSON Lines (the format attrcheck
 * 0.1 wrote and migration reads: a header line, then one object per
 * entry, sorted by URL).  *N is the number of entries written.  AC_E_IO
 * when OUT cannot be written (ERR then names OUT_NAME).
 */
enum ac_status cache_export(const char *path, FILE *out, const char *out_name,
                            long long *n, struct ac_err *err);

/* A deep copy of E. */
struct cache_entry *cache_entry_dup(const struct cache_entry *e);

void cache_entry_free(struct cache_entry *e);

/* The 64-bit hash of a body stored as content_hash (FNV-1a: it detects
 * change, it is no defence against a forger). */
uint64_t cache_hash_body(const char *body, size_t len);

#endif
