/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for shard: FNV-1a 64 against published values, pinned shard
 * numbers (a change of formula would move targets between the shards of
 * runs under way), K/N parsing with bad input, and the target stream
 * split over 7 shards: 1000 names from a list come out as a partition,
 * the same on every run.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "shard.h"
#include "targets.h"
#include "xalloc.h"

#define NAMES  1000
#define SHARDS 7

static const struct {
    const char *s;
    unsigned long long want;
} fnv_cases[] = {
    {"", 0xcbf29ce484222325ULL},
    {"a", 0xaf63dc4c8601ec8cULL},
    {"foobar", 0x85944171f73967e8ULL},
};

static void
test_hash(void)
{
    size_t i;

    for (i = 0; i < sizeof fnv_cases / sizeof fnv_cases[0]; i++)
        ok(shard_hash(fnv_cases[i].s) == fnv_cases[i].want,
           "FNV-1a 64 of \"%s\"", fnv_cases[i].s);
}

static const struct {
    const char *target;
    unsigned n, want;
} pinned[] = {
    {"https://example.org/", 7, 6},
    {"https://example.org/a", 7, 2},
    {"page.html", 4096, 813},
    {"x", 1, 1},
};

/* Pinned values, computed by a separate Python script of the documented
 * formula, so a change shows up here before it splits anyone's run
 * differently. */
static void
test_pinned(void)
{
    size_t i;

    for (i = 0; i < sizeof pinned / sizeof pinned[0]; i++) {
        unsigned got = shard_of(pinned[i].target, pinned[i].n);

        ok(got == pinned[i].want, "shard_of(\"%s\", %u) is %u (got %u)",
           pinned[i].target, pinned[i].n, pinned[i].want, got);
    }
}

static const struct {
    const char *s;
    bool good;
    unsigned k, n;
} parse_cases[] = {
    {"1/1", true, 1, 1},
    {"3/7", true, 3, 7},
    {"4096/4096", true, 4096, 4096},
    {"1/4096", true, 1, 4096},
    {"0/7", false, 0, 0},
    {"8/7", false, 0, 0},
    {"1/4097", false, 0, 0},
    {"1/0", false, 0, 0},
    {"-1/7", false, 0, 0},
    {"+1/7", false, 0, 0},
    {" 1/7", false, 0, 0},
    {"1 /7", false, 0, 0},
    {"1/7 ", false, 0, 0},
    {"1/7x", false, 0, 0},
    {"1-7", false, 0, 0},
    {"1/", false, 0, 0},
    {"/7", false, 0, 0},
    {"", false, 0, 0},
    {"1/7/9", false, 0, 0},
    {"99999999999999999999/7", false, 0, 0},
};

static void
test_parse(void)
{
    size_t i;

    for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        struct ac_err err = {0};
        unsigned k = 0, n = 0;
        enum ac_status rc = shard_parse(parse_cases[i].s, &k, &n, &err);

        if (parse_cases[i].good)
            ok(rc == AC_OK && k == parse_cases[i].k && n == parse_cases[i].n,
               "shard_parse(\"%s\") is %u/%u", parse_cases[i].s,
               parse_cases[i].k, parse_cases[i].n);
        else
            ok(rc == AC_E_USAGE && err.msg[0] != '\0',
               "shard_parse(\"%s\") is refused (%s)", parse_cases[i].s,
               err.msg);
    }
}

/* The host a target is sharded by, and shard numbers of host keys,
 * pinned like the others. */
static void
test_keys(void)
{
    static const struct {
        const char *spec, *url;
        bool by_target;
        const char *want;
    } cases[] = {
        {"https://Example.ORG:8443/a?b#c", "https://Example.ORG:8443/a?b#c",
         false, "example.org"},
        {"http://www.example.com/", "http://www.example.com/", true,
         "http://www.example.com/"},
        {"c.warc.gz#urn:uuid:1", "https://example.org/x", false, "example.org"},
        {"c.warc.gz#urn:uuid:2", "urn:x-not-http", false,
         "c.warc.gz#urn:uuid:2"},
        {"site/a.html", NULL, false, "site/a.html"},
        {"http://[::1]:8080/", "http://[::1]:8080/", false, "[::1]"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *key = shard_key(cases[i].spec, cases[i].url, cases[i].by_target);

        ok(strcmp(key, cases[i].want) == 0, "shard_key(%s%s) is %s (got %s)",
           cases[i].spec, cases[i].by_target ? ", by target" : "",
           cases[i].want, key);
        free(key);
    }
    ok(shard_of("example.org", 7) == 3 && shard_of("example.org", 3) == 1 &&
           shard_of("www.example.com", 3) == 2 && shard_of("127.0.0.1", 3) == 2,
       "pinned shards of host keys");
}

/* A table of variables for shard_parse_env: "NAME=VALUE" strings. */
static const char *
table_env(const char *name, void *arg)
{
    const char *const *v = arg;
    size_t n = strlen(name);

    for (; *v != NULL; v++)
        if (strncmp(*v, name, n) == 0 && (*v)[n] == '=')
            return *v + n + 1;
    return NULL;
}

static void
test_auto(void)
{
    static const char *slurm[] = {
        "SLURM_ARRAY_TASK_ID=7", "SLURM_ARRAY_TASK_MIN=5",
        "SLURM_ARRAY_TASK_COUNT=4", "PARALLEL_SEQ=1", NULL};
    static const char *step[] = {
        "SLURM_ARRAY_TASK_ID=4", "SLURM_ARRAY_TASK_MIN=0",
        "SLURM_ARRAY_TASK_COUNT=3", "SLURM_ARRAY_TASK_STEP=2", NULL};
    static const char *k8s[] = {"JOB_COMPLETION_INDEX=0", NULL};
    static const char *par[] = {"PARALLEL_SEQ=3", NULL};
    static const char *bad[] = {"SLURM_ARRAY_TASK_ID=x",
                                "SLURM_ARRAY_TASK_MIN=1",
                                "SLURM_ARRAY_TASK_COUNT=3", NULL};
    static const char *half[] = {"SLURM_ARRAY_TASK_ID=1", NULL};
    static const char *none[] = {"HOME=/", NULL};
    static const struct {
        const char *spec;
        const char **env;
        unsigned k, n; /* 0/0: refused */
    } cases[] = {
        {"auto", slurm, 3, 4},   {"auto/4", slurm, 3, 4},
        {"auto/5", slurm, 0, 0}, {"auto", step, 3, 3},
        {"auto/8", k8s, 1, 8},   {"auto", k8s, 0, 0},
        {"auto/3", par, 3, 3},   {"auto/2", par, 0, 0},
        {"auto/3", bad, 0, 0},   {"auto/3", half, 0, 0},
        {"auto", none, 0, 0},    {"auto/3", none, 0, 0},
        {"auto/0", par, 0, 0},   {"autox", par, 0, 0},
        {"2/3", none, 2, 3},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ac_err err = {0};
        unsigned k = 0, n = 0;
        enum ac_status rc = shard_parse_env(cases[i].spec, table_env,
                                            (void *)cases[i].env, &k, &n, &err);

        if (cases[i].n != 0)
            ok(rc == AC_OK && k == cases[i].k && n == cases[i].n,
               "case %zu: %s is %u/%u (got %u/%u %s)", i, cases[i].spec,
               cases[i].k, cases[i].n, k, n, err.msg);
        else
            ok(rc == AC_E_USAGE && err.msg[0] != '\0',
               "case %zu: %s is refused (%s)", i, cases[i].spec, err.msg);
    }
}

/* Writes NAMES target names to a list file; returns its path. */
static char *
write_list(void)
{
    char *path = xstrdup("/tmp/test_shard.XXXXXX");
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");
    int i;

    for (i = 0; i < NAMES; i++)
        fprintf(fp, "https://example.org/page/%d\n", i);
    fclose(fp);
    return path;
}

/* Streams the list as shard K of SHARDS; marks each name's shard in
 * SEEN (0 = not seen, -1 = seen twice).  Returns how many came out. */
static int
stream_shard(char *list, unsigned k, int *seen)
{
    struct options o = {0};
    struct targets *ts = NULL;
    struct ac_err err = {0};
    struct target t;
    int count = 0, i;

    o.inputs = &list;
    o.inputs_len = 1;
    o.shard_k = k;
    o.shard_n = SHARDS;
    o.shard_by_target = true; /* one host: split by name */
    if (targets_open(&o, &ts, &err) != AC_OK)
        return -1;
    while (targets_next(ts, &t)) {
        if (sscanf(t.spec, "https://example.org/page/%d", &i) == 1 && i >= 0 &&
            i < NAMES)
            seen[i] = seen[i] == 0 ? (int)k : -1;
        count++;
        target_free(&t);
    }
    ok(targets_tally(ts)->other_shard == (size_t)(NAMES - count),
       "shard %u/%d: %d out, %zu left to others", k, SHARDS, count,
       targets_tally(ts)->other_shard);
    targets_free(ts);
    return count;
}

static void
test_partition(void)
{
    char *list = write_list();
    int seen[NAMES] = {0}, again[NAMES] = {0};
    int total = 0, i, n, smallest = NAMES, largest = 0;
    unsigned k;
    bool partition = true, stable = true;

    for (k = 1; k <= SHARDS; k++) {
        n = stream_shard(list, k, seen);
        total += n;
        smallest = n < smallest ? n : smallest;
        largest = n > largest ? n : largest;
    }
    for (i = 0; i < NAMES; i++)
        partition = partition && seen[i] > 0;
    ok(total == NAMES && partition,
       "1000 names over 7 shards: each comes out exactly once (%d out)", total);
    /* 1000/7 is about 143; a fair split stays well inside 100..190 */
    ok(smallest >= 100 && largest <= 190, "the split is even (%d..%d)",
       smallest, largest);
    for (k = 1; k <= SHARDS; k++)
        stream_shard(list, k, again);
    for (i = 0; i < NAMES; i++)
        stable = stable && again[i] == seen[i];
    ok(stable, "a second run puts every name in the same shard");
    for (i = 0; i < NAMES; i++) {
        char name[64];

        snprintf(name, sizeof name, "https://example.org/page/%d", i);
        stable = stable && shard_of(name, SHARDS) == (unsigned)seen[i];
    }
    ok(stable, "the stream's split is shard_of's");
    unlink(list);
    free(list);
}

int
main(void)
{
    test_hash();
    test_pinned();
    test_parse();
    test_keys();
    test_auto();
    test_partition();
    return tap_done();
}
