/* SPDX-License-Identifier: MIT */
/*
 * cache_int: what the files of the cache module share: the database
 * helpers of the store (cache.c) that the commands on a whole cache
 * (cache_admin.c: stats, prune, export, migration) use too, checking an
 * entry read back from a file, and JSON Lines (cache_json.c).  SQLite
 * types appear only as opaque structs: sqlite3.h stays inside cache*.c.
 */
#ifndef AC_CACHE_INT_H
#define AC_CACHE_INT_H

#include "cache.h"

#define CACHE_APP_ID     0x61747463 /* "attc": PRAGMA application_id */
#define CACHE_MAX_FIELD  8192 /* bytes of a string field other than shingles */
/* bytes of a URL field: as long as the longest URL the engine fetches
 * (FETCH_URL_MAX), so that every entry it wrote exports and imports */
#define CACHE_MAX_URL    (32 * 1024)
#define CACHE_MAX_HEADER 1024 /* bytes of a validator (ETag, Last-Modified) */

struct sqlite3;
struct sqlite3_stmt;

/* Opens PATH (creating it when CREATE) with a busy timeout of
 * CACHE_BUSY_MS.  Errors as cache_db_err's. */
enum ac_status cache_db_open(const char *path, bool create,
                             struct sqlite3 **out, struct ac_err *err);

/* Sets ERR to "PATH: " and the last error of DB: AC_E_DATA for a damaged
 * file or one that is no database, else AC_E_IO.  Returns the code. */
enum ac_status cache_db_err(struct sqlite3 *db, const char *path,
                            struct ac_err *err);

/*
 * Makes sure DB is an attrcheck cache of a format this version reads,
 * creating the schema in an empty one for RULES (NULL: the file is only
 * read, never created).  AC_E_DATA "not an attrcheck cache" otherwise.
 */
enum ac_status cache_db_check(struct sqlite3 *db, const char *path,
                              const char *rules, struct ac_err *err);

/* Runs SQL (no results wanted); false on error. */
bool cache_db_exec(struct sqlite3 *db, const char *sql);

/* The integer the one-row query SQL gives, in *OUT; false on error. */
bool cache_db_int(struct sqlite3 *db, const char *sql, long long *out);

/* Meta value KEY into BUF ("" when absent); false on error. */
bool cache_db_meta(struct sqlite3 *db, const char *key, char *buf, size_t size);

/* Deletes entries older than CACHE_KEEP_S before NOW; *N (may be NULL)
 * is how many.  False on error. */
bool cache_db_expire(struct sqlite3 *db, long long now, long long *n);

/* The entry in the current row of ST (a SELECT of every column, in the
 * table's order), or NULL when the row is not one verify may trust. */
struct cache_entry *cache_db_row(struct sqlite3_stmt *st);

/* Imports the JSON Lines cache at PATH into a new database put in its
 * place; the old file stays as PATH.v1.jsonl (cache_admin.c). */
enum ac_status cache_migrate(const char *path, const char *rules, long long now,
                             struct ac_err *note, struct ac_err *err);

/* Every column of the sources table, in order, and the rest of an
 * INSERT of them after "INSERT" or "INSERT OR REPLACE". */
#define CACHE_COLUMNS                                                          \
    "url, final_url, http_status, first_redirect, etag, last_modified, "       \
    "content_hash, fetched_at, license_family, license_version, "              \
    "license_port, license_url, creator, title, credits, not_found, words, "   \
    "shingles"
#define CACHE_SQL_ROW                                                          \
    " INTO sources (" CACHE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
    "?, ?, ?, ?, ?, ?, ?, ?)"

/* Binds E to such an INSERT; false on error. */
bool cache_db_bind(struct sqlite3_stmt *st, const struct cache_entry *e);

/* What the first bytes of a file say it is. */
enum cache_file_kind {
    CACHE_FILE_NONE,   /* missing or empty: a new cache */
    CACHE_FILE_SQLITE, /* an SQLite database (ours or not: see the schema) */
    CACHE_FILE_JSON,   /* a JSON Lines cache of attrcheck 0.1 */
    CACHE_FILE_OTHER
};

enum cache_file_kind cache_file_kind(const char *path);

/* True when a validator may go into a request header: at most
 * CACHE_MAX_HEADER bytes, no control characters.  NULL is fine. */
bool cache_validator_ok(const char *s);

/* True when H holds LEN sorted, unique hashes (containment needs a
 * sorted set), at most CACHE_MAX_SHINGLES of them. */
bool cache_shingles_ok(const uint64_t *h, size_t len);

/* The family named NAME ("CC-BY-SA"), or -1. */
int cache_family_from_name(const char *name);

/* The header line of a JSON Lines cache, without newline; caller frees. */
char *cache_json_header(const char *rules);

/* The JSON line of E, without newline, or NULL when a string of E is not
 * valid UTF-8; the caller frees. */
char *cache_json_line(const struct cache_entry *e);

/* Receives each entry cache_json_read() reads (taken over); returns why
 * it is refused, or NULL. */
typedef const char *(*cache_json_fn)(void *arg, struct cache_entry *e);

/*
 * Reads the JSON Lines cache at PATH, a line at a time, handing each
 * entry to FN.  Entries older than CACHE_KEEP_S before NOW are skipped.
 * When the header names another version or other RULES, no entry is
 * read and *STALE says why ("written with other detection rules"), else
 * it is NULL.  AC_E_DATA (ERR naming PATH and the line) when the file is
 * not a JSON Lines cache or any line is not a valid entry; AC_E_IO when
 * it cannot be read.
 */
enum ac_status cache_json_read(const char *path, const char *rules,
                               long long now, cache_json_fn fn, void *arg,
                               const char **stale, struct ac_err *err);

/* True when the bytes HEAD (LEN of them, the start of a file) begin a
 * JSON Lines cache header. */
bool cache_json_sniff(const char *head, size_t len);

#endif
