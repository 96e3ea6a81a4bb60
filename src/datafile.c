/* SPDX-License-Identifier: MIT */
/*
 * datafile: whole-file reads and tab-separated fields for the shipped
 * data files (datafile.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datafile.h"
#include "strbuf.h"

enum ac_status
datafile_read(const char *path, char **out, size_t *len, struct ac_err *err)
{
    struct strbuf sb = STRBUF_INIT;
    struct stat st;
    FILE *fp = NULL;
    char chunk[8192];
    size_t got;
    enum ac_status rc = AC_OK;

    *out = NULL;
    *len = 0;
    fp = fopen(path, "rb");
    if (fp == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    /* one allocation of the right size: growing by doubling copied the
     * 2.7 MB of titles.tsv several times, at every start */
    if (fstat(fileno(fp), &st) == 0 && st.st_size > 0)
        strbuf_grow(&sb, (size_t)st.st_size + 1);
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        strbuf_add(&sb, chunk, got);
    if (ferror(fp))
        rc = ac_err_set(err, AC_E_IO, "%s: read error", path);
    fclose(fp);
    if (rc != AC_OK) {
        strbuf_release(&sb);
        return rc;
    }
    *len = sb.len;
    *out = strbuf_detach(&sb);
    return AC_OK;
}

enum ac_status
datafile_map(const char *path, const char **out, size_t *len,
             struct ac_err *err)
{
    struct stat st;
    void *map;
    int fd, saved;

    *out = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0) {
        saved = errno;
        close(fd);
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(saved));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return ac_err_set(err, AC_E_IO, "%s: not a regular file", path);
    }
    if (st.st_size == 0) {
        close(fd);
        *out = "";
        return AC_OK;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    saved = errno;
    close(fd);
    if (map == MAP_FAILED)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(saved));
    *out = map;
    *len = (size_t)st.st_size;
    return AC_OK;
}

void
datafile_unmap(const char *text, size_t len)
{
    if (text != NULL && len > 0)
        munmap((void *)(uintptr_t)text, len);
}

size_t
datafile_split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;

    for (;;) {
        char *tab = strchr(p, '\t');

        if (n < max)
            f[n] = p;
        n++;
        if (tab == NULL)
            return n;
        *tab = '\0';
        p = tab + 1;
    }
}
