/* SPDX-License-Identifier: MIT */
/*
 * replay: the main() of a fuzz target built without libFuzzer.  It runs
 * LLVMFuzzerTestOneInput() once on every file of the folders or files
 * given, or by default of tests/fuzz/corpus/NAME and tests/fuzz/regress/NAME
 * (NAME from the program's name, fuzz_NAME), and prints TAP: one line per
 * input.  A crash or a sanitizer report ends the program, failing the
 * test; an input that runs over 10 seconds is killed by SIGALRM (a hang).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "strbuf.h"
#include "xalloc.h"

static int count;

/* Runs the target on the file PATH. */
static int
replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct strbuf b = STRBUF_INIT;
    char chunk[65536];
    size_t n;

    if (f == NULL) {
        printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
        return 1;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&b, chunk, n);
    fclose(f);
    alarm(10);
    LLVMFuzzerTestOneInput((const uint8_t *)(b.buf ? b.buf : ""), b.len);
    alarm(0);
    strbuf_release(&b);
    printf("ok %d - %s\n", ++count, path);
    fflush(stdout);
    return 0;
}

static int
dotless(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Runs the target on PATH, or on each file of the folder PATH (sorted);
 * a folder that does not exist has nothing to replay. */
static int
replay(const char *path)
{
    struct dirent **names;
    struct stat st;
    int n, bad = 0;

    if (stat(path, &st) != 0)
        return errno == ENOENT ? 0 : replay_file(path);
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    n = scandir(path, &names, dotless, alphasort);
    for (int i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", path, names[i]->d_name);

        bad |= replay_file(p);
        free(p);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return bad;
}

int
main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/');
    int bad = 0;

    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    name = name != NULL ? name + 1 : argv[0];
    if (strncmp(name, "fuzz_", 5) == 0)
        name += 5;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            bad |= replay(argv[i]);
    } else {
        char *c = xasprintf("%s/tests/fuzz/corpus/%s", ATTRCHECK_SRCDIR, name);
        char *r = xasprintf("%s/tests/fuzz/regress/%s", ATTRCHECK_SRCDIR, name);

        bad |= replay(c);
        bad |= replay(r);
        free(c);
        free(r);
    }
    if (count == 0)
        printf("1..0 # SKIP no inputs for %s\n", name);
    else
        printf("1..%d\n", count);
    return bad;
}
