/* SPDX-License-Identifier: MIT */
/*
 * cache: the --cache database (see cache.h and docs/cache.md); the only
 * file that includes sqlite3.h.  One table of sources keyed by URL, an
 * index on their date and a small meta table; WAL mode, so readers never
 * wait and a killed process leaves the file whole.  New entries wait in
 * a short list in memory and are written together in one short
 * transaction, which keeps the write lock for milliseconds, so runs
 * sharing a file hardly wait on each other.  Lookups go to the database
 * each time: another run's entries are seen as soon as they land.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_int.h"
#include "clock.h"
#include "xalloc.h"

/* A change waiting for its batch: an entry to write, or (E NULL) a URL
 * to delete. */
struct pending {
    char *key;
    struct cache_entry *e;
};

struct cache {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *get, *put, *del;
    sqlite3_stmt *claim_get, *claim_put, *claim_del;
    long long pid; /* this process, as claims name it */
    struct pending batch[CACHE_BATCH];
    size_t batch_len;
    long long batch_since_ms; /* monotonic time of the first pending */
    struct ac_err failed;     /* first error met; code AC_OK when none */
    bool broken;              /* the database is damaged: no longer used */
};

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta ("
    " key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS sources ("
    " url TEXT PRIMARY KEY NOT NULL,"
    " final_url TEXT,"
    " http_status INTEGER NOT NULL,"
    " first_redirect INTEGER NOT NULL,"
    " etag TEXT,"
    " last_modified TEXT,"
    " content_hash INTEGER NOT NULL,"
    " fetched_at INTEGER NOT NULL,"
    " license_family TEXT,"
    " license_version TEXT,"
    " license_port TEXT,"
    " license_url TEXT,"
    " creator TEXT,"
    " title TEXT,"
    " credits TEXT,"
    " not_found INTEGER NOT NULL,"
    " words INTEGER NOT NULL,"
    " shingles BLOB NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sources_fetched_at ON sources (fetched_at);";

/* Sources a run is fetching, so that the others wait for its entry. */
static const char CLAIMS[] =
    "CREATE TABLE IF NOT EXISTS claims ("
    " url TEXT PRIMARY KEY NOT NULL, pid INTEGER NOT NULL,"
    " until INTEGER NOT NULL) WITHOUT ROWID";

/* ---- small helpers ------------------------------------------------------ */

/* Sets ERR from the last error of DB: "PATH: WHY". */
enum ac_status
cache_db_err(sqlite3 *db, const char *path, struct ac_err *err)
{
    int code = db != NULL ? sqlite3_errcode(db) & 0xff : SQLITE_CANTOPEN;
    enum ac_status st = AC_E_IO;

    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        st = AC_E_DATA;
    return ac_err_set(err, st, "%s: %s", path,
                      db != NULL ? sqlite3_errmsg(db) : "out of memory");
}

/* Runs SQL (statements without results); false on error. */
bool
cache_db_exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The integer the one-row query SQL gives, in *OUT; false on error. */
bool
cache_db_int(sqlite3 *db, const char *sql, long long *out)
{
    sqlite3_stmt *st = NULL;
    bool good = false;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        good = true;
    }
    sqlite3_finalize(st);
    return good;
}

/* Copies meta value KEY into BUF (empty when absent); false on error. */
bool
cache_db_meta(sqlite3 *db, const char *key, char *buf, size_t size)
{
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_ERROR;

    buf[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static bool
meta_set(sqlite3 *db, const char *key, const char *value)
{
    sqlite3_stmt *st = NULL;
    bool good;

    good = sqlite3_prepare_v2(db,
                              "INSERT OR REPLACE INTO meta (key, value) "
                              "VALUES (?, ?)",
                              -1, &st, NULL) == SQLITE_OK &&
           sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC) == SQLITE_OK &&
           sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC) == SQLITE_OK &&
           sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return good;
}

/* ---- opening ------------------------------------------------------------ */

/* Opens PATH (creating it when CREATE) with a busy timeout. */
enum ac_status
cache_db_open(const char *path, bool create, sqlite3 **out, struct ac_err *err)
{
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

    *out = NULL;
    if (sqlite3_open_v2(path, out, flags, NULL) != SQLITE_OK) {
        enum ac_status rc = cache_db_err(*out, path, err);

        sqlite3_close(*out);
        *out = NULL;
        return rc;
    }
    sqlite3_busy_timeout(*out, CACHE_BUSY_MS);
    return AC_OK;
}

/* Writes the schema and the meta rows into an empty database. */
static bool
create_schema(sqlite3 *db, const char *rules)
{
    char sql[128], fmt[16];

    snprintf(sql, sizeof sql,
             "PRAGMA application_id = %d; "
             "PRAGMA user_version = %d;",
             CACHE_APP_ID, CACHE_FORMAT);
    snprintf(fmt, sizeof fmt, "%d", CACHE_FORMAT);
    return cache_db_exec(db, SCHEMA) && cache_db_exec(db, sql) &&
           meta_set(db, "format", fmt) &&
           meta_set(db, "attrcheck", PACKAGE_VERSION) &&
           meta_set(db, "rules", rules != NULL ? rules : "");
}

/*
 * Makes sure DB is an attrcheck cache, creating the schema in an empty
 * one (RULES NULL: never create, the file is only read).  Inside one
 * write transaction, so two runs starting together create it once.
 */
enum ac_status
cache_db_check(sqlite3 *db, const char *path, const char *rules,
               struct ac_err *err)
{
    long long app = 0, tables = 0, format = 0;
    bool write = rules != NULL;

    if ((write && !cache_db_exec(db, "BEGIN IMMEDIATE")) ||
        !cache_db_int(db, "PRAGMA application_id", &app) ||
        !cache_db_int(db, "SELECT count(*) FROM sqlite_master", &tables) ||
        !cache_db_int(db, "PRAGMA user_version", &format)) {
        cache_db_err(db, path, err);
        goto fail;
    }
    if (app == 0 && tables == 0 && write) {
        if (!create_schema(db, rules) || !cache_db_exec(db, "COMMIT")) {
            cache_db_err(db, path, err);
            goto fail;
        }
        return AC_OK;
    }
    if (app != CACHE_APP_ID) {
        ac_err_set(err, AC_E_DATA, "%s: not an attrcheck cache", path);
        goto fail;
    }
    if (format > CACHE_FORMAT) {
        ac_err_set(err, AC_E_DATA,
                   "%s: written by a newer attrcheck (cache format %lld)", path,
                   format);
        goto fail;
    }
    if (write && !cache_db_exec(db, "COMMIT")) {
        cache_db_err(db, path, err);
        goto fail;
    }
    return AC_OK;
fail:
    if (write)
        cache_db_exec(db, "ROLLBACK");
    return err->code;
}

/*
 * Empties the cache when it was written by another version or with other
 * rules than RULES (its analyses would be other ones); NOTE says so.
 */
static enum ac_status
check_meta(sqlite3 *db, const char *path, const char *rules,
           struct ac_err *note, struct ac_err *err)
{
    char version[64], fp[64];
    const char *why = NULL;
    long long n = 0;

    if (!cache_db_exec(db, "BEGIN IMMEDIATE"))
        return cache_db_err(db, path, err);
    if (!cache_db_meta(db, "attrcheck", version, sizeof version) ||
        !cache_db_meta(db, "rules", fp, sizeof fp))
        goto fail;
    if (strcmp(version, PACKAGE_VERSION) != 0)
        why = "written by another version of attrcheck";
    else if (strcmp(fp, rules) != 0)
        why = "written with other detection rules";
    if (why != NULL && (!cache_db_int(db, "SELECT count(*) FROM sources", &n) ||
                        !cache_db_exec(db, "DELETE FROM sources") ||
                        !meta_set(db, "attrcheck", PACKAGE_VERSION) ||
                        !meta_set(db, "rules", rules)))
        goto fail;
    if (!cache_db_exec(db, "COMMIT"))
        goto fail;
    if (why != NULL)
        ac_err_set(note, AC_OK, "%s: %s: its %lld entries were dropped", path,
                   why, n);
    return AC_OK;
fail:
    cache_db_err(db, path, err);
    cache_db_exec(db, "ROLLBACK");
    return err->code;
}

/* Deletes the entries not confirmed since CACHE_KEEP_S before NOW; the
 * number deleted in *N (may be NULL). */
bool
cache_db_expire(sqlite3 *db, long long now, long long *n)
{
    sqlite3_stmt *st = NULL;
    bool good;

    good = sqlite3_prepare_v2(db, "DELETE FROM sources WHERE fetched_at < ?",
                              -1, &st, NULL) == SQLITE_OK &&
           sqlite3_bind_int64(st, 1, now - CACHE_KEEP_S) == SQLITE_OK &&
           sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (good && n != NULL)
        *n = sqlite3_changes(db);
    return good;
}

enum cache_file_kind
cache_file_kind(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char head[64];
    size_t n = 0;
    FILE *fp = fopen(path, "rb");

    if (fp == NULL)
        return CACHE_FILE_NONE; /* missing; anything else shows when opened */
    n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    if (n == 0)
        return CACHE_FILE_NONE;
    if (n >= sizeof magic && memcmp(head, magic, sizeof magic) == 0)
        return CACHE_FILE_SQLITE;
    return cache_json_sniff(head, n) ? CACHE_FILE_JSON : CACHE_FILE_OTHER;
}

/* Prepares the statements a run uses. */
static bool
prepare(struct cache *c)
{
    return sqlite3_prepare_v2(
               c->db, "SELECT " CACHE_COLUMNS " FROM sources WHERE url = ?", -1,
               &c->get, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(c->db, "INSERT OR REPLACE" CACHE_SQL_ROW, -1,
                              &c->put, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(c->db, "DELETE FROM sources WHERE url = ?", -1,
                              &c->del, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(c->db,
                              "SELECT pid, until FROM claims WHERE url = ?", -1,
                              &c->claim_get, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(c->db,
                              "INSERT OR REPLACE INTO claims (url, pid, until) "
                              "VALUES (?, ?, ?)",
                              -1, &c->claim_put, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(c->db,
                              "DELETE FROM claims WHERE url = ? AND pid = ?",
                              -1, &c->claim_del, NULL) == SQLITE_OK;
}

static void
db_close(struct cache *c)
{
    sqlite3_finalize(c->get);
    sqlite3_finalize(c->put);
    sqlite3_finalize(c->del);
    sqlite3_finalize(c->claim_get);
    sqlite3_finalize(c->claim_put);
    sqlite3_finalize(c->claim_del);
    c->get = c->put = c->del = NULL;
    c->claim_get = c->claim_put = c->claim_del = NULL;
    sqlite3_close(c->db);
    c->db = NULL;
}

static void
cache_free(struct cache *c)
{
    size_t i;

    if (c == NULL)
        return;
    for (i = 0; i < c->batch_len; i++) {
        free(c->batch[i].key);
        cache_entry_free(c->batch[i].e);
    }
    db_close(c);
    free(c->path);
    free(c);
}

enum ac_status
cache_open(const char *path, const char *rules, long long now,
           struct cache **out, struct ac_err *note, struct ac_err *err)
{
    struct cache *c = NULL;
    enum cache_file_kind kind = cache_file_kind(path);
    enum ac_status rc = AC_OK;

    *out = NULL;
    ac_err_clear(note);
    if (kind == CACHE_FILE_OTHER)
        return ac_err_set(err, AC_E_DATA, "%s: not an attrcheck cache", path);
    if (kind == CACHE_FILE_JSON &&
        (rc = cache_migrate(path, rules, now, note, err)) != AC_OK)
        return rc;
    c = xcalloc(1, sizeof *c);
    c->path = xstrdup(path);
    c->pid = (long long)getpid();
    if ((rc = cache_db_open(path, true, &c->db, err)) != AC_OK ||
        (rc = cache_db_check(c->db, path, rules, err)) != AC_OK)
        goto fail;
    if (!cache_db_exec(c->db, "PRAGMA journal_mode = WAL") ||
        !cache_db_exec(c->db, "PRAGMA synchronous = NORMAL")) {
        rc = cache_db_err(c->db, path, err);
        goto fail;
    }
    if (note->msg[0] == '\0' &&
        (rc = check_meta(c->db, path, rules, note, err)) != AC_OK)
        goto fail;
    if (!cache_db_expire(c->db, now, NULL) || !cache_db_exec(c->db, CLAIMS) ||
        !prepare(c)) {
        rc = cache_db_err(c->db, path, err);
        goto fail;
    }
    *out = c;
    return AC_OK;
fail:
    cache_free(c);
    return rc;
}

/* ---- rows and entries --------------------------------------------------- */

static char *
col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);

    return s != NULL ? xstrdup((const char *)s) : NULL;
}

/* Reads the licence columns; false when they make no licence we know. */
static bool
col_license(sqlite3_stmt *st, struct cache_entry *e)
{
    const char *fam = (const char *)sqlite3_column_text(st, 8);
    const char *ver = (const char *)sqlite3_column_text(st, 9);
    const char *port = (const char *)sqlite3_column_text(st, 10);
    int f;

    if (fam == NULL)
        return true;
    if (ver == NULL || port == NULL || strlen(ver) >= sizeof e->lic.version ||
        strlen(port) >= sizeof e->lic.port ||
        (f = cache_family_from_name(fam)) < 0)
        return false;
    e->has_license = true;
    e->lic.family = (enum cc_family)f;
    memcpy(e->lic.version, ver, strlen(ver) + 1);
    memcpy(e->lic.port, port, strlen(port) + 1);
    return true;
}

/* Reads the shingles blob; false unless it is a sorted set. */
static bool
col_shingles(sqlite3_stmt *st, struct cache_entry *e)
{
    const unsigned char *b = sqlite3_column_blob(st, 17);
    size_t n = (size_t)sqlite3_column_bytes(st, 17), i;

    if (n % 8 != 0 || n / 8 > CACHE_MAX_SHINGLES)
        return false;
    e->text.len = n / 8;
    e->text.h = e->text.len ? xreallocarray(NULL, e->text.len, 8) : NULL;
    for (i = 0; i < e->text.len; i++) {
        e->text.h[i] = 0;
        for (int k = 7; k >= 0; k--)
            e->text.h[i] = e->text.h[i] << 8 | b[i * 8 + (size_t)k];
    }
    return cache_shingles_ok(e->text.h, e->text.len);
}

/* The entry in the current row of ST, or NULL when the row is not one
 * verify may trust (an edited or damaged file). */
struct cache_entry *
cache_db_row(sqlite3_stmt *st)
{
    struct cache_entry *e = xcalloc(1, sizeof *e);
    long long status = sqlite3_column_int64(st, 2);
    long long redir = sqlite3_column_int64(st, 3);
    long long words = sqlite3_column_int64(st, 16);

    e->url = col_str(st, 0);
    e->final_url = col_str(st, 1);
    e->etag = col_str(st, 4);
    e->last_modified = col_str(st, 5);
    e->content_hash = (uint64_t)sqlite3_column_int64(st, 6);
    e->fetched_at = sqlite3_column_int64(st, 7);
    e->license_url = col_str(st, 11);
    e->creator = col_str(st, 12);
    e->title = col_str(st, 13);
    e->credits = col_str(st, 14);
    e->not_found = sqlite3_column_int64(st, 15) != 0;
    e->http_status = (long)status;
    e->first_redirect = (long)redir;
    e->text.words = words > 0 ? (size_t)words : 0;
    if (e->url == NULL || status < 100 || status > 599 || redir < 0 ||
        redir > 399 || words < 0 || e->fetched_at < 0 ||
        !cache_validator_ok(e->etag) || !cache_validator_ok(e->last_modified) ||
        !col_license(st, e) || !col_shingles(st, e)) {
        cache_entry_free(e);
        return NULL;
    }
    return e;
}

static int
bind_str(sqlite3_stmt *st, int i, const char *s)
{
    return s != NULL ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
                     : sqlite3_bind_null(st, i);
}

/* Binds E to the INSERT statement ST; false on error. */
bool
cache_db_bind(sqlite3_stmt *st, const struct cache_entry *e)
{
    const char *fam = e->has_license ? cc_family_name(e->lic.family) : NULL;
    size_t n = e->text.len * 8, i;
    unsigned char *blob = xmalloc(n + 1);
    int rc;

    for (i = 0; i < n; i++)
        blob[i] = (unsigned char)(e->text.h[i / 8] >> (8 * (i % 8)));
    rc = bind_str(st, 1, e->url) | bind_str(st, 2, e->final_url) |
         sqlite3_bind_int64(st, 3, e->http_status) |
         sqlite3_bind_int64(st, 4, e->first_redirect) |
         bind_str(st, 5, e->etag) | bind_str(st, 6, e->last_modified) |
         sqlite3_bind_int64(st, 7, (sqlite3_int64)e->content_hash) |
         sqlite3_bind_int64(st, 8, e->fetched_at) | bind_str(st, 9, fam) |
         bind_str(st, 10, fam ? e->lic.version : NULL) |
         bind_str(st, 11, fam ? e->lic.port : NULL) |
         bind_str(st, 12, e->license_url) | bind_str(st, 13, e->creator) |
         bind_str(st, 14, e->title) | bind_str(st, 15, e->credits) |
         sqlite3_bind_int(st, 16, e->not_found) |
         sqlite3_bind_int64(st, 17, (sqlite3_int64)e->text.words) |
         sqlite3_bind_blob(st, 18, blob, (int)n, SQLITE_TRANSIENT);
    free(blob);
    return rc == SQLITE_OK;
}

/* Runs the prepared statement ST once; false on error. */
static bool
step_once(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

/* ---- a run's lookups and batches ---------------------------------------- */

/* Notes the first error of the database; a damaged one is no longer
 * used for the rest of the run. */
static void
fail(struct cache *c)
{
    int code = sqlite3_errcode(c->db) & 0xff;

    if (c->failed.code == AC_OK)
        cache_db_err(c->db, c->path, &c->failed);
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        c->broken = true;
}

struct cache_entry *
cache_get(struct cache *c, const char *key)
{
    struct cache_entry *e = NULL;
    size_t i = c->batch_len;
    int rc;

    while (i-- > 0) /* the newest change to KEY wins */
        if (strcmp(c->batch[i].key, key) == 0)
            return c->batch[i].e ? cache_entry_dup(c->batch[i].e) : NULL;
    if (c->broken || sqlite3_bind_text(c->get, 1, key, -1, SQLITE_STATIC))
        return NULL;
    rc = sqlite3_step(c->get);
    if (rc == SQLITE_ROW)
        e = cache_db_row(c->get);
    else if (rc != SQLITE_DONE)
        fail(c);
    sqlite3_reset(c->get);
    sqlite3_clear_bindings(c->get);
    return e;
}

/* Writes the batch in one transaction, then empties it. */
static void
commit_batch(struct cache *c)
{
    bool good = !c->broken && cache_db_exec(c->db, "BEGIN IMMEDIATE");
    size_t i;

    for (i = 0; good && i < c->batch_len; i++) {
        if (c->batch[i].e != NULL)
            good = cache_db_bind(c->put, c->batch[i].e) && step_once(c->put);
        else
            good = sqlite3_bind_text(c->del, 1, c->batch[i].key, -1,
                                     SQLITE_STATIC) == SQLITE_OK &&
                   step_once(c->del);
        good = good &&
               sqlite3_bind_text(c->claim_del, 1, c->batch[i].key, -1,
                                 SQLITE_STATIC) == SQLITE_OK &&
               sqlite3_bind_int64(c->claim_del, 2, c->pid) == SQLITE_OK &&
               step_once(c->claim_del); /* the entry is there: wait no more */
    }
    if (good && !cache_db_exec(c->db, "COMMIT"))
        good = false;
    if (!good && !c->broken) {
        fail(c);
        cache_db_exec(c->db, "ROLLBACK");
    }
    for (i = 0; i < c->batch_len; i++) {
        free(c->batch[i].key);
        cache_entry_free(c->batch[i].e);
    }
    c->batch_len = 0;
}

/* Queues a change to KEY (E NULL deletes it), both taken over. */
static void
enqueue(struct cache *c, char *key, struct cache_entry *e)
{
    if (c->batch_len == CACHE_BATCH)
        commit_batch(c);
    if (c->batch_len == 0)
        c->batch_since_ms = clock_monotonic_ms();
    c->batch[c->batch_len].key = key;
    c->batch[c->batch_len].e = e;
    c->batch_len++;
    if (c->batch_len == CACHE_BATCH)
        commit_batch(c);
}

bool
cache_put(struct cache *c, struct cache_entry *e)
{
    if (e->url == NULL || e->text.len > CACHE_MAX_SHINGLES) {
        if (e->url != NULL) /* not kept: others must fetch it themselves */
            enqueue(c, xstrdup(e->url), NULL);
        cache_entry_free(e);
        return false;
    }
    enqueue(c, xstrdup(e->url), e);
    return true;
}

void
cache_touch(struct cache *c, const char *key, long long now, const char *etag,
            const char *last_modified)
{
    struct cache_entry *e = cache_get(c, key);

    if (e == NULL)
        return;
    e->fetched_at = now;
    if (etag != NULL) {
        free(e->etag);
        e->etag = xstrdup(etag);
    }
    if (last_modified != NULL) {
        free(e->last_modified);
        e->last_modified = xstrdup(last_modified);
    }
    cache_put(c, e);
}

void
cache_forget(struct cache *c, const char *key)
{
    enqueue(c, xstrdup(key), NULL);
}

void
cache_tick(struct cache *c)
{
    if (c != NULL && c->batch_len > 0 &&
        clock_monotonic_ms() - c->batch_since_ms >= CACHE_BATCH_MS)
        commit_batch(c);
}

enum ac_status
cache_flush(struct cache *c, struct ac_err *err)
{
    if (c->batch_len > 0)
        commit_batch(c);
    if (c->failed.code != AC_OK)
        *err = c->failed;
    return c->failed.code;
}

size_t
cache_len(struct cache *c)
{
    long long n = 0;

    if (c->batch_len > 0)
        commit_batch(c);
    return cache_db_int(c->db, "SELECT count(*) FROM sources", &n) ? (size_t)n
                                                                   : 0;
}

/* True when process PID (on this machine) still runs. */
static bool
alive(long long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Reads the claim on KEY into *PID and *UNTIL; false when there is none
 * or it cannot be read. */
static bool
read_claim(struct cache *c, const char *key, long long *pid, long long *until)
{
    bool found = false;

    if (sqlite3_bind_text(c->claim_get, 1, key, -1, SQLITE_STATIC) ==
            SQLITE_OK &&
        sqlite3_step(c->claim_get) == SQLITE_ROW) {
        *pid = sqlite3_column_int64(c->claim_get, 0);
        *until = sqlite3_column_int64(c->claim_get, 1);
        found = true;
    }
    sqlite3_reset(c->claim_get);
    sqlite3_clear_bindings(c->claim_get);
    return found;
}

enum cache_claim
cache_claim(struct cache *c, const char *key, long long now, long ttl_s)
{
    long long pid = 0, until = 0;
    bool other;

    if (c->broken || !cache_db_exec(c->db, "BEGIN IMMEDIATE"))
        return CACHE_CLAIM_MINE; /* no worse than without a cache */
    other = read_claim(c, key, &pid, &until) && pid != c->pid && until > now &&
            alive(pid);
    if (!other && (sqlite3_bind_text(c->claim_put, 1, key, -1, SQLITE_STATIC) ||
                   sqlite3_bind_int64(c->claim_put, 2, c->pid) ||
                   sqlite3_bind_int64(c->claim_put, 3, now + ttl_s) ||
                   !step_once(c->claim_put))) {
        cache_db_exec(c->db, "ROLLBACK");
        return CACHE_CLAIM_MINE;
    }
    if (!cache_db_exec(c->db, "COMMIT"))
        cache_db_exec(c->db, "ROLLBACK");
    return other ? CACHE_CLAIM_OTHER : CACHE_CLAIM_MINE;
}

/* Drops the claims this process still holds (sources it gave up on). */
static void
release_claims(struct cache *c)
{
    sqlite3_stmt *st = NULL;

    if (c->broken ||
        sqlite3_prepare_v2(c->db, "DELETE FROM claims WHERE pid = ?", -1, &st,
                           NULL) != SQLITE_OK ||
        sqlite3_bind_int64(st, 1, c->pid) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_DONE)
        fail(c);
    sqlite3_finalize(st);
}

enum ac_status
cache_close(struct cache *c, struct ac_err *err)
{
    enum ac_status rc;

    if (c == NULL)
        return AC_OK;
    if (c->batch_len > 0)
        commit_batch(c);
    release_claims(c); /* after the entries: no one refetches them */
    rc = cache_flush(c, err);
    cache_free(c);
    return rc;
}
