/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for datafile: whole-file reads and maps (a file, an empty
 * one, a missing one, a folder) and the tab splitter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "datafile.h"
#include "testutil.h"
#include "xalloc.h"

static void
test_read_and_map(const char *dir)
{
    static const char body[] = "a\tb\nline two\n";
    char *path = tu_write_file(dir, "rules.txt", body, sizeof body - 1);
    struct ac_err err = {0};
    const char *map = NULL;
    char *buf = NULL;
    size_t len = 0;

    ok(datafile_read(path, &buf, &len, &err) == AC_OK &&
           len == sizeof body - 1 && strcmp(buf, body) == 0,
       "read: the whole file, NUL-terminated");
    free(buf);
    ok(datafile_map(path, &map, &len, &err) == AC_OK &&
           len == sizeof body - 1 && memcmp(map, body, len) == 0,
       "map: the whole file");
    datafile_unmap(map, len);
    free(path);

    path = tu_write_file(dir, "empty.txt", "", 0);
    ok(datafile_map(path, &map, &len, &err) == AC_OK && len == 0 &&
           map != NULL && map[0] == '\0',
       "map: an empty file is \"\" of length 0");
    datafile_unmap(map, len);
    free(path);
}

static void
test_map_errors(const char *dir)
{
    struct ac_err err = {0};
    const char *map = (const char *)1;
    size_t len = 1;
    char *missing = xasprintf("%s/no-such-file", dir);

    ok(datafile_map(missing, &map, &len, &err) == AC_E_IO && map == NULL &&
           len == 0 && strstr(err.msg, "no-such-file") != NULL,
       "map: a missing file is an I/O error naming it");
    ok(datafile_map(dir, &map, &len, &err) == AC_E_IO && map == NULL &&
           strstr(err.msg, "not a regular file") != NULL,
       "map: a folder is refused");
    free(missing);
}

static void
test_split(void)
{
    char line[] = "en\tby\t4.0\t\tTitle";
    char *f[4];

    ok(datafile_split_tabs(line, f, 4) == 5, "split: counts every field");
    ok(strcmp(f[0], "en") == 0 && strcmp(f[2], "4.0") == 0 && f[3][0] == '\0',
       "split: fields in place, an empty one kept");
}

int
main(void)
{
    const char *dir = tu_tmpdir("datafile");

    test_read_and_map(dir);
    test_map_errors(dir);
    test_split();
    tu_remove_tree(dir);
    return tap_done();
}
