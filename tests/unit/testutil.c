/* SPDX-License-Identifier: MIT */
/*
 * testutil: the scratch folder, file writing and reading, tree removal
 * and result building shared by the unit tests (testutil.h).
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "findings.h"
#include "result.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

static char *scratch;
static pid_t scratch_owner; /* a forked child that exits leaves it */

static void
bail(const char *what, const char *path)
{
    printf("Bail out! %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void
remove_scratch(void)
{
    if (scratch != NULL && getpid() == scratch_owner &&
        tu_remove_tree(scratch) != 0)
        printf("# could not remove %s\n", scratch);
    free(scratch);
    scratch = NULL;
}

const char *
tu_tmpdir(const char *name)
{
    const char *base = getenv("TMPDIR");

    if (scratch != NULL)
        return scratch;
    if (base == NULL || *base == '\0')
        base = "/tmp";
    scratch = xasprintf("%s/%s.XXXXXX", base, name);
    if (mkdtemp(scratch) == NULL)
        bail("mkdtemp", scratch);
    scratch_owner = getpid();
    atexit(remove_scratch);
    return scratch;
}

char *
tu_write_file(const char *dir, const char *rel, const char *bytes, size_t len)
{
    char *path = xasprintf("%s/%s", dir, rel);
    FILE *fp = fopen(path, "wb");

    if (fp == NULL)
        bail("cannot write", path);
    if (fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0)
        bail("cannot write", path);
    return path;
}

char *
tu_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (len != NULL)
        *len = 0;
    if (fp == NULL)
        return NULL;
    do {
        if (cap - n < 4096)
            buf = xrealloc(buf, cap = cap * 2 + 4096);
        got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
    } while (got > 0);
    if (ferror(fp)) {
        fclose(fp);
        free(buf);
        return NULL;
    }
    fclose(fp);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR)
        return rmdir(path);
    return unlink(path);
}

int
tu_remove_tree(const char *path)
{
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

void
tu_add_finding(struct result *r, const char *code)
{
    findings_add(&r->findings, code, 1, "x");
}

void
tu_deflate(struct strbuf *out, const void *in, size_t len, int window_bits)
{
    z_stream zs;
    unsigned char buf[16384];
    int r;

    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        printf("Bail out! zlib: cannot start deflate\n");
        exit(1);
    }
    zs.next_in = (unsigned char *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    do {
        zs.next_out = buf;
        zs.avail_out = sizeof buf;
        r = deflate(&zs, Z_FINISH);
        strbuf_add(out, buf, sizeof buf - zs.avail_out);
    } while (r == Z_OK);
    deflateEnd(&zs);
}
