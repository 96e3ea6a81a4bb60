/* SPDX-License-Identifier: MIT */
/*
 * cache_admin: what is done to a whole cache file rather than during a
 * run: --cache-stats, --cache-prune (VACUUM), --cache-export (JSON
 * Lines) and the one-time import of a JSON Lines cache of attrcheck 0.1.
 * Each reads row by row, so memory does not grow with the cache.  It
 * prints nothing: main.c reports what these return.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_int.h"
#include "xalloc.h"

static long long
file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* Opens the existing cache at PATH for a command on it. */
static enum ac_status
open_existing(const char *path, sqlite3 **db, struct ac_err *err)
{
    struct stat st;
    enum ac_status rc;

    *db = NULL;
    if (stat(path, &st) != 0)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    switch (cache_file_kind(path)) {
    case CACHE_FILE_JSON:
        return ac_err_set(err, AC_E_DATA,
                          "%s: a JSON Lines cache of attrcheck 0.1: a run "
                          "with --cache %s imports it",
                          path, path);
    case CACHE_FILE_OTHER:
    case CACHE_FILE_NONE:
        return ac_err_set(err, AC_E_DATA, "%s: not an attrcheck cache", path);
    default:
        break;
    }
    if ((rc = cache_db_open(path, false, db, err)) == AC_OK &&
        (rc = cache_db_check(*db, path, NULL, err)) != AC_OK) {
        sqlite3_close(*db);
        *db = NULL;
    }
    return rc;
}

/* ---- --cache-stats ------------------------------------------------------ */

static const char STATS_SQL[] =
    "SELECT count(*), coalesce(min(fetched_at), 0),"
    " coalesce(max(fetched_at), 0), coalesce(sum(length(shingles)), 0),"
    " coalesce(sum(fetched_at > ?1 - 3600), 0),"
    " coalesce(sum(fetched_at <= ?1 - 3600 AND fetched_at > ?1 - 86400), 0),"
    " coalesce(sum(fetched_at <= ?1 - 86400 AND fetched_at > ?1 - 604800), 0),"
    " coalesce(sum(fetched_at <= ?1 - 604800 AND fetched_at >= ?2), 0),"
    " coalesce(sum(fetched_at < ?2), 0) FROM sources";

enum ac_status
cache_stats(const char *path, long long now, struct cache_stats *st,
            struct ac_err *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    char *wal = xasprintf("%s-wal", path);
    long long format = 0;
    enum ac_status rc;
    int i;

    memset(st, 0, sizeof *st);
    if ((rc = open_existing(path, &db, err)) != AC_OK)
        goto out;
    if (sqlite3_prepare_v2(db, STATS_SQL, -1, &q, NULL) != SQLITE_OK ||
        sqlite3_bind_int64(q, 1, now) != SQLITE_OK ||
        sqlite3_bind_int64(q, 2, now - CACHE_KEEP_S) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_ROW ||
        !cache_db_int(db, "PRAGMA user_version", &format) ||
        !cache_db_meta(db, "attrcheck", st->version, sizeof st->version) ||
        !cache_db_meta(db, "rules", st->rules, sizeof st->rules)) {
        rc = cache_db_err(db, path, err);
        goto out;
    }
    st->entries = sqlite3_column_int64(q, 0);
    st->oldest = sqlite3_column_int64(q, 1);
    st->newest = sqlite3_column_int64(q, 2);
    st->shingle_bytes = sqlite3_column_int64(q, 3);
    for (i = 0; i < 5; i++)
        st->by_age[i] = sqlite3_column_int64(q, 4 + i);
    st->format = (int)format;
    st->file_bytes = file_size(path);
    st->wal_bytes = file_size(wal);
out:
    sqlite3_finalize(q);
    sqlite3_close(db);
    free(wal);
    return rc;
}

/* ---- --cache-prune ------------------------------------------------------ */

enum ac_status
cache_prune(const char *path, long long now, long long *dropped,
            long long *before, long long *after, struct ac_err *err)
{
    sqlite3 *db = NULL;
    char *wal = xasprintf("%s-wal", path);
    enum ac_status rc;

    *dropped = 0;
    *before = file_size(path) + file_size(wal);
    if ((rc = open_existing(path, &db, err)) != AC_OK)
        goto out;
    if (!cache_db_expire(db, now, dropped) || !cache_db_exec(db, "VACUUM") ||
        !cache_db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"))
        rc = cache_db_err(db, path, err);
out:
    sqlite3_close(db);
    *after = file_size(path) + file_size(wal);
    free(wal);
    return rc;
}

/* ---- --cache-export ----------------------------------------------------- */

/* Writes LINE and a newline to OUT; false when OUT fails. */
static bool
put_line(FILE *out, char *line)
{
    bool good =
        line == NULL || (fputs(line, out) != EOF && putc('\n', out) != EOF);

    free(line);
    return good;
}

enum ac_status
cache_export(const char *path, FILE *out, const char *out_name, long long *n,
             struct ac_err *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    struct cache_entry *e;
    char rules[24];
    enum ac_status rc;
    int step = SQLITE_DONE;
    bool good = true;

    *n = 0;
    if ((rc = open_existing(path, &db, err)) != AC_OK)
        return rc;
    if (!cache_db_meta(db, "rules", rules, sizeof rules) ||
        sqlite3_prepare_v2(db,
                           "SELECT " CACHE_COLUMNS " FROM sources ORDER BY url",
                           -1, &q, NULL) != SQLITE_OK) {
        rc = cache_db_err(db, path, err);
        goto out;
    }
    good = put_line(out, cache_json_header(rules));
    while (good && (step = sqlite3_step(q)) == SQLITE_ROW) {
        if ((e = cache_db_row(q)) == NULL)
            continue; /* a row verify would not trust either */
        good = put_line(out, cache_json_line(e));
        cache_entry_free(e);
        (*n)++;
    }
    if (good && step != SQLITE_DONE)
        rc = cache_db_err(db, path, err);
    else if (!good || fflush(out) != 0 || ferror(out))
        rc = ac_err_set(err, AC_E_IO, "%s: %s", out_name, strerror(errno));
out:
    sqlite3_finalize(q);
    sqlite3_close(db);
    return rc;
}

/* ---- importing a JSON Lines cache --------------------------------------- */

struct import {
    sqlite3_stmt *ins;
    long long n;
};

static const char *
import_one(void *arg, struct cache_entry *e)
{
    struct import *im = arg;
    bool good =
        cache_db_bind(im->ins, e) && sqlite3_step(im->ins) == SQLITE_DONE;

    sqlite3_reset(im->ins);
    sqlite3_clear_bindings(im->ins);
    cache_entry_free(e);
    if (!good)
        return "a second entry for the same URL";
    im->n++;
    return NULL;
}

/* Builds the database TMP from the JSON Lines cache PATH; *STALE as
 * cache_json_read's, *N the entries imported. */
static enum ac_status
build(const char *tmp, const char *path, const char *rules, long long now,
      const char **stale, long long *n, struct ac_err *err)
{
    struct import im = {NULL, 0};
    sqlite3 *db = NULL;
    enum ac_status rc;

    if ((rc = cache_db_open(tmp, true, &db, err)) != AC_OK ||
        (rc = cache_db_check(db, tmp, rules, err)) != AC_OK)
        goto out;
    if (!cache_db_exec(db, "BEGIN") ||
        sqlite3_prepare_v2(db, "INSERT" CACHE_SQL_ROW, -1, &im.ins, NULL) !=
            SQLITE_OK) {
        rc = cache_db_err(db, tmp, err);
        goto out;
    }
    rc = cache_json_read(path, rules, now, import_one, &im, stale, err);
    if (rc == AC_OK && !cache_db_exec(db, "COMMIT"))
        rc = cache_db_err(db, tmp, err);
    *n = im.n;
out:
    sqlite3_finalize(im.ins);
    sqlite3_close(db);
    return rc;
}

/* Puts the database TMP in the place of PATH, keeping PATH as BACKUP. */
static enum ac_status
swap_in(const char *tmp, const char *path, const char *backup,
        struct ac_err *err)
{
    if (link(path, backup) != 0)
        return ac_err_set(err, AC_E_IO, "%s: %s", backup, strerror(errno));
    if (rename(tmp, path) != 0) {
        ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
        unlink(backup);
        return AC_E_IO;
    }
    return AC_OK;
}

/* True when PATH still names the file open as FD. */
static bool
still_there(int fd, const char *path)
{
    struct stat a, b;

    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

enum ac_status
cache_migrate(const char *path, const char *rules, long long now,
              struct ac_err *note, struct ac_err *err)
{
    char *backup = xasprintf("%s.v1.jsonl", path);
    char *tmp = xasprintf("%s.XXXXXX", path);
    const char *stale = NULL;
    long long n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), tfd = -1;
    enum ac_status rc = AC_OK;
    struct stat st;

    /* a lock on the old file: two runs starting together import once */
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (!still_there(fd, path))
        goto out; /* another run imported it while we waited */
    if (lstat(backup, &st) == 0) {
        rc = ac_err_set(err, AC_E_DATA,
                        "%s: a JSON Lines cache of attrcheck 0.1, not "
                        "imported: %s is in the way",
                        path, backup);
        goto out;
    }
    if ((tfd = mkstemp(tmp)) < 0) {
        rc = ac_err_set(err, AC_E_IO, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    close(tfd);
    rc = build(tmp, path, rules, now, &stale, &n, err);
    if (rc == AC_OK)
        rc = swap_in(tmp, path, backup, err);
    if (rc != AC_OK)
        unlink(tmp);
    else if (stale != NULL)
        ac_err_set(note, AC_OK,
                   "%s: a JSON Lines cache %s, not imported; kept as %s, a "
                   "new cache begins",
                   path, stale, backup);
    else
        ac_err_set(note, AC_OK,
                   "%s: JSON Lines cache imported (%lld entries); the old "
                   "file is kept as %s",
                   path, n, backup);
out:
    if (fd >= 0)
        close(fd); /* releases the lock */
    free(backup);
    free(tmp);
    return rc;
}
