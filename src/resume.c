/* SPDX-License-Identifier: MIT */
/*
 * resume: the done set of a resumed run (see resume.h).  Hashes are
 * appended while reading and sorted (duplicates dropped, the array cut to
 * size) before the first look-up, which is then a binary search.  The
 * report is read with jansson a line at a time; no JSON is parsed here
 * by hand.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resume.h"
#include "shard.h"
#include "xalloc.h"

struct resume {
    uint64_t *hashes;
    size_t len, cap;
    bool sorted; /* hashes[0..len) sorted and distinct */
};

struct resume *
resume_new(void)
{
    struct resume *rs = xcalloc(1, sizeof *rs);

    rs->sorted = true;
    return rs;
}

void
resume_add(struct resume *rs, const char *target)
{
    if (rs->len == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 1024;
        rs->hashes = xreallocarray(rs->hashes, rs->cap, sizeof *rs->hashes);
    }
    rs->hashes[rs->len++] = shard_hash(target);
    rs->sorted = false;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* Sorts, drops duplicates and gives back the spare capacity. */
static void
seal(struct resume *rs)
{
    size_t i, n = 0;

    if (rs->sorted)
        return;
    qsort(rs->hashes, rs->len, sizeof *rs->hashes, cmp_u64);
    for (i = 0; i < rs->len; i++)
        if (n == 0 || rs->hashes[i] != rs->hashes[n - 1])
            rs->hashes[n++] = rs->hashes[i];
    rs->len = n;
    rs->cap = n ? n : 1;
    rs->hashes = xreallocarray(rs->hashes, rs->cap, sizeof *rs->hashes);
    rs->sorted = true;
}

bool
resume_has(struct resume *rs, const char *target)
{
    uint64_t h = shard_hash(target);
    size_t lo = 0, hi;

    seal(rs);
    hi = rs->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (rs->hashes[mid] == h)
            return true;
        if (rs->hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

size_t
resume_count(struct resume *rs)
{
    seal(rs);
    return rs->len;
}

/*
 * Takes one report line.  Returns true when it is a result object (the
 * target added unless its verdict is "error"), false with WHY set when
 * it is not.
 */
static bool
take_line(struct resume *rs, const char *line, size_t len, char *why,
          size_t why_len)
{
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    const char *target, *verdict;
    bool good = false;

    if (o == NULL) {
        snprintf(why, why_len, "not JSON: %.100s", jerr.text);
        return false;
    }
    target = json_string_value(json_object_get(o, "target"));
    verdict = json_string_value(json_object_get(o, "verdict"));
    if (!json_is_object(o) || target == NULL || verdict == NULL) {
        snprintf(why, why_len, "not a result (no \"target\" and \"verdict\")");
    } else {
        if (strcmp(verdict, "error") != 0)
            resume_add(rs, target);
        good = true;
    }
    json_decref(o);
    return good;
}

static bool
blank(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/*
 * The longest report line kept: a result attrcheck writes is a few KiB
 * (its findings' excerpts are cut short), so a longer line is no result
 * of ours, and reading it whole (a 1 GB line) would cost its size in
 * memory.  It is read past instead.
 */
#define RESUME_MAX_LINE ((size_t)16 << 20)

/*
 * Reads one line, '\n' included, into *BUF (grown as getline() does, up to
 * RESUME_MAX_LINE + 1 bytes): *KEPT bytes are kept, the rest of a longer
 * line is read past and *TOO_LONG set.  Returns the line's whole length,
 * -1 at the end of the file.  Byte by byte, so NUL bytes count too.
 */
static long long
read_line(FILE *fp, char **buf, size_t *cap, size_t *kept, bool *too_long)
{
    long long total = 0;
    size_t n = 0;
    int c;

    *too_long = false;
    while ((c = getc_unlocked(fp)) != EOF) {
        total++;
        if (n == RESUME_MAX_LINE) {
            *too_long = true;
        } else {
            if (n + 2 > *cap) {
                *cap = *cap ? *cap * 2 : 4096;
                if (*cap > RESUME_MAX_LINE + 1)
                    *cap = RESUME_MAX_LINE + 1;
                *buf = xrealloc(*buf, *cap);
            }
            (*buf)[n++] = (char)c;
        }
        if (c == '\n')
            break;
    }
    if (total == 0)
        return -1;
    (*buf)[n] = '\0';
    *kept = n;
    return total;
}

enum ac_status
resume_load(struct resume *rs, const char *path, struct ac_err *warn,
            struct ac_err *err)
{
    long long keep;

    return resume_load_keep(rs, path, &keep, warn, err);
}

enum ac_status
resume_load_keep(struct resume *rs, const char *path, long long *keep,
                 struct ac_err *warn, struct ac_err *err)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL, why[160];
    size_t cap = 0, lineno = 0, bad_line = 0;
    enum ac_status rc = AC_OK;
    bool more = false; /* a line follows the damaged one */
    long long at = 0;  /* offset of the line read */
    long long whole;
    size_t n;
    bool too_long;

    ac_err_clear(warn);
    *keep = 0;
    if (fp == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    flockfile(fp);
    while ((whole = read_line(fp, &line, &cap, &n, &too_long)) >= 0) {
        lineno++;
        at += whole;
        if (too_long && bad_line != 0) {
            more = true;
            break;
        }
        if (too_long) {
            /* its target, if any, is not done: a resumed run checks it */
            ac_err_set(warn, AC_E_DATA,
                       "%s:%zu: a line over %zu MiB skipped (not a result)",
                       path, lineno, RESUME_MAX_LINE >> 20);
            *keep = at;
            continue;
        }
        if (blank(line, n))
            continue;
        if (bad_line != 0) {
            more = true;
            break;
        }
        if (!take_line(rs, line, n, why, sizeof why))
            bad_line = lineno;
        else
            *keep = at;
    }
    if (bad_line == 0)
        *keep = at;
    if (ferror(fp))
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    else if (bad_line != 0 && more)
        rc = ac_err_set(err, AC_E_DATA, "%s:%zu: %.100s", path, bad_line, why);
    else if (bad_line != 0)
        ac_err_set(warn, AC_E_DATA,
                   "%s:%zu: damaged last line ignored (an interrupted run?)",
                   path, bad_line);
    funlockfile(fp);
    free(line);
    fclose(fp);
    return rc;
}

enum ac_status
resume_trim(const char *path, long long keep, struct ac_err *err)
{
    int fd = open(path, O_RDWR);
    struct stat st;
    char last = '\n';
    enum ac_status rc = AC_OK;

    if (fd < 0)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 ||
        (keep < (long long)st.st_size && ftruncate(fd, (off_t)keep) != 0) ||
        (keep > 0 && pread(fd, &last, 1, (off_t)keep - 1) != 1) ||
        (last != '\n' && pwrite(fd, "\n", 1, (off_t)keep) != 1))
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    if (close(fd) != 0 && rc == AC_OK)
        rc = ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    return rc;
}

void
resume_free(struct resume *rs)
{
    if (rs == NULL)
        return;
    free(rs->hashes);
    free(rs);
}
