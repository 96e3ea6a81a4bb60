/* SPDX-License-Identifier: MIT */
/*
 * testutil: the scratch folder, file writing, tree removal and result
 * building shared by the unit tests (testutil.h).
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "findings.h"
#include "result.h"
#include "testutil.h"
#include "xalloc.h"

static char *scratch;

static void
bail(const char *what, const char *path)
{
    printf("Bail out! %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void
remove_scratch(void)
{
    if (scratch != NULL && tu_remove_tree(scratch) != 0)
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
