/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for config_file and the CI options it most often carries:
 * the line syntax through config_file_read (comments, quotes, bare flags,
 * errors with FILE:LINE), and options_parse with a configuration file:
 * found in the current folder or a parent, overridden by the command
 * line, combined for repeatable options, skipped with --no-config.  Also
 * the values of the options added for CI and verification (--fail-on,
 * --severity, --max-cache-age, --max-chain, the new formats), good and
 * bad; tests/unit/test_options.c covers the rest of the option table.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "config_file.h"
#include "options.h"
#include "testutil.h"
#include "xalloc.h"

#define MAXARGS 16

/* Parses the NULL-terminated words after "attrcheck". */
static enum ac_status
parse(struct options *o, struct ac_err *err, const char *const *words)
{
    char *argv[MAXARGS + 2];
    int argc = 0, i;
    enum ac_status rc;

    argv[argc++] = xstrdup("attrcheck");
    while (*words != NULL && argc <= MAXARGS)
        argv[argc++] = xstrdup(*words++);
    argv[argc] = NULL;
    rc = options_parse(argc, argv, o, err);
    for (i = 0; i < argc; i++)
        free(argv[i]);
    return rc;
}

#define PARSE(o, err, ...)                                                     \
    parse((o), (err), (const char *const[]){__VA_ARGS__, NULL})

static void
test_defaults(void)
{
    struct options o;
    struct ac_err err = {0};

    ok(PARSE(&o, &err, "--no-config", "x.html") == AC_OK, "defaults parse");
    ok(o.format == FORMAT_TEXT, "default format text");
    ok(o.fail_on == FAIL_ON_FAIL && !o.strict, "default --fail-on fail");
    ok(o.max_chain == 3, "default --max-chain 3");
    ok(o.max_cache_age_s == 86400, "default --max-cache-age 1d");
    ok(!o.no_verify && o.cache_file == NULL, "verifying by default, no cache");
    ok(o.targets_len == 1 && strcmp(o.targets[0], "x.html") == 0, "target");
    ok(o.config_file == NULL, "no configuration file read");
    options_free(&o);
}

static const struct {
    const char *arg;
    long want; /* -1: rejected */
} durations[] = {
    {"30s", 30},   {"15m", 900},         {"12h", 43200},
    {"1d", 86400}, {"2w", 1209600},      {"0s", 0},
    {"0", 0}, /* zero needs no unit */
    {"00", 0},     {"3650d", 315360000}, {"3651d", -1},
    {"1", -1},     {"1x", -1},           {"", -1},
    {"-1d", -1},   {"1dd", -1},          {"d", -1},
    {"1.5h", -1},  {" 1d", -1},          {"99999999999999999999s", -1},
};

static void
test_durations(void)
{
    struct ac_err err = {0};
    struct options o;
    size_t i;

    for (i = 0; i < sizeof durations / sizeof durations[0]; i++) {
        enum ac_status rc =
            PARSE(&o, &err, "--no-config", "--max-cache-age", durations[i].arg);

        if (durations[i].want < 0) {
            ok(rc == AC_E_USAGE && strstr(err.msg, "--max-cache-age") != NULL,
               "--max-cache-age '%s' rejected", durations[i].arg);
            continue;
        }
        ok(rc == AC_OK && o.max_cache_age_s == durations[i].want,
           "--max-cache-age '%s' is %lds", durations[i].arg, durations[i].want);
        if (rc == AC_OK)
            options_free(&o);
    }
}

static const struct {
    const char *opt, *arg;
    int good;
} values[] = {
    {"--max-chain", "0", 1},
    {"--max-chain", "10", 1},
    {"--max-chain", "11", 0},
    {"--max-chain", "-1", 0},
    {"--max-chain", "two", 0},
    {"--format", "sarif", 1},
    {"--format", "junit", 1},
    {"--format", "github", 1},
    {"--format", "gitlab", 1},
    {"--format", "csv", 1},
    {"--format", "markdown", 1},
    {"--format", "SARIF", 0},
    {"--format", "xml", 0},
    {"--fail-on", "warn", 1},
    {"--fail-on", "fail", 1},
    {"--fail-on", "error", 1},
    {"--fail-on", "never", 1},
    {"--fail-on", "always", 0},
    {"--fail-on", "", 0},
    {"--severity", "nc-license=error", 1},
    {"--severity", "license-missing=off", 1},
    {"--severity", "license-unlinked=info", 1},
    {"--severity", "license-required=warning", 1},
    {"--severity", "nope=error", 0},
    {"--severity", "license-missing=fatal", 0},
    {"--severity", "license-missing", 0},
    {"--severity", "=error", 0},
    {"--severity", "license-missing=", 0},
    {"--severity", "LICENSE-MISSING=error", 0},
};

static void
test_values(void)
{
    struct ac_err err = {0};
    struct options o;
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        enum ac_status rc =
            PARSE(&o, &err, "--no-config", values[i].opt, values[i].arg);

        ok((rc == AC_OK) == values[i].good, "%s '%s' %s", values[i].opt,
           values[i].arg, values[i].good ? "accepted" : "rejected");
        if (rc == AC_OK)
            options_free(&o);
        else
            ok(err.code == AC_E_USAGE && err.msg[0] != '\0',
               "  with a usage message: %s", err.msg);
    }
}

static void
test_fail_on(void)
{
    struct ac_err err = {0};
    struct options o;

    ok(PARSE(&o, &err, "--no-config", "--strict") == AC_OK &&
           o.fail_on == FAIL_ON_WARN && o.strict,
       "--strict is --fail-on warn");
    options_free(&o);
    ok(PARSE(&o, &err, "--no-config", "--strict", "--fail-on", "error") ==
               AC_OK &&
           o.fail_on == FAIL_ON_ERROR && !o.strict,
       "a later --fail-on wins over --strict");
    options_free(&o);
    ok(PARSE(&o, &err, "--no-config", "--fail-on", "never", "--strict") ==
               AC_OK &&
           o.fail_on == FAIL_ON_WARN,
       "a later --strict wins over --fail-on");
    options_free(&o);
    ok(PARSE(&o, &err, "--no-config", "-f", "gitlab") == AC_OK &&
           o.format == FORMAT_GITLAB,
       "-f gitlab");
    options_free(&o);
    is_str(options_format_name(FORMAT_MARKDOWN), "markdown", "format name");
    is_str(options_format_name((enum output_format)99), "?", "bad format name");
}

static void
test_repeatable(void)
{
    struct ac_err err = {0};
    struct options o;

    ok(PARSE(&o, &err, "--no-config", "--exclude", "a/**", "--include",
             "*.html", "--exclude", "b", "--require-license", "docs/**",
             "--severity", "nc-license=off", "--severity", "nc-license=error",
             "--no-verify", "--cache", "c.db") == AC_OK,
       "repeatable options parse");
    ok(o.excludes_len == 2 && strcmp(o.excludes[0], "a/**") == 0 &&
           strcmp(o.excludes[1], "b") == 0,
       "--exclude keeps its order");
    ok(o.includes_len == 1 && o.require_license_len == 1, "include, require");
    ok(o.severities_len == 2 &&
           strcmp(o.severities[1], "nc-license=error") == 0,
       "--severity keeps its order");
    ok(o.no_verify && o.cache_file && strcmp(o.cache_file, "c.db") == 0,
       "--no-verify, --cache");
    options_free(&o);
}

/* Writes TEXT to a new file in the scratch folder; returns its path
 * (caller frees). */
static char *
write_temp(const char *text)
{
    static unsigned n;
    char name[32];

    snprintf(name, sizeof name, "rc-%u", ++n);
    return tu_write_file(tu_tmpdir("test_config_file"), name, text,
                         strlen(text));
}

static void
test_config(void)
{
    struct ac_err err = {0};
    struct options o;
    char *path;

    path = write_temp("# comment\n\n  format = csv\noffline = true\n"
                      "exclude = drafts/**  # why\nseverity = "
                      "nc-license=error\ntimeout = 10\n"
                      "user-agent = \"a # b\"\n--strict\n");
    ok(PARSE(&o, &err, "--config", path, "--exclude", "tmp", "-f", "sarif",
             "--severity", "nc-license=off", "x") == AC_OK,
       "--config FILE parses: %s", err.msg);
    ok(o.format == FORMAT_SARIF, "the command line wins");
    ok(o.offline && o.timeout_ms == 10000 && o.fail_on == FAIL_ON_WARN,
       "flags and values from the file");
    ok(o.excludes_len == 2 && strcmp(o.excludes[0], "drafts/**") == 0 &&
           strcmp(o.excludes[1], "tmp") == 0,
       "repeatable: the file's first, then the command line's");
    ok(o.severities_len == 2 && strcmp(o.severities[1], "nc-license=off") == 0,
       "severities combine, command line last");
    ok(o.user_agent && strcmp(o.user_agent, "a # b") == 0,
       "a quoted value keeps '#'");
    ok(o.config_file && strcmp(o.config_file, path) == 0, "config_file set");
    options_free(&o);
    unlink(path);
    free(path);

    path = write_temp("offline\ntimeout = forever\n");
    ok(PARSE(&o, &err, "--config", path, "x") == AC_E_USAGE,
       "a bad value in the file is a usage error");
    ok(strstr(err.msg, ":2: --timeout: 'forever'") != NULL &&
           strncmp(err.msg, path, strlen(path)) == 0,
       "the error names the file and line: %s", err.msg);
    ok(PARSE(&o, &err, "--no-config", "--config", path, "x") == AC_OK,
       "--no-config skips even --config");
    options_free(&o);
    unlink(path);
    free(path);
    ok(PARSE(&o, &err, "--config", "/nonexistent/rc", "x") == AC_E_USAGE &&
           strstr(err.msg, "/nonexistent/rc") != NULL,
       "a missing --config file is a usage error");
    ok(PARSE(&o, &err, "--config", "/nonexistent/rc", "--help") == AC_OK &&
           o.show_help,
       "--help does not read the file");
    options_free(&o);
}

/* .attrcheckrc is found in a parent of the current folder. */
static void
test_config_found(void)
{
    /* resolved: the parser finds the file from getcwd(), which has no
     * symbolic links, and $TMPDIR may have some */
    char *dir = realpath(tu_tmpdir("test_config_file"), NULL), *sub, *rc;
    char old[PATH_MAX];
    struct ac_err err = {0};
    struct options o;

    if (dir == NULL || getcwd(old, sizeof old) == NULL) {
        ok(0, "temporary folder");
        free(dir);
        return;
    }
    sub = xasprintf("%s/a", dir);
    mkdir(sub, 0700);
    rc = tu_write_file(dir, ".attrcheckrc", "format = junit\n", 15);
    if (chdir(sub) == 0) {
        ok(PARSE(&o, &err, "x") == AC_OK && o.format == FORMAT_JUNIT,
           ".attrcheckrc found in the parent");
        ok(o.config_file && strcmp(o.config_file, rc) == 0,
           "config_file is its absolute path");
        options_free(&o);
        ok(PARSE(&o, &err, "--no-config", "x") == AC_OK &&
               o.format == FORMAT_TEXT,
           "--no-config ignores it");
        options_free(&o);
        ok(chdir(old) == 0, "back");
    }
    unlink(rc); /* the other tests must not find it */
    free(rc);
    free(sub);
    free(dir);
}

static void
test_bad(void)
{
    struct ac_err err = {0};
    struct options o;

    ok(PARSE(&o, &err, "--no-config", "--frobnicate") == AC_E_USAGE &&
           strstr(err.msg, "--frobnicate") != NULL,
       "unknown option");
    ok(PARSE(&o, &err, "--no-config", "--exclude") == AC_E_USAGE &&
           strstr(err.msg, "needs a value") != NULL,
       "missing value");
}

static void
count_name(const char *name, void *arg)
{
    (void)name;
    (*(int *)arg)++;
}

static void
test_help(void)
{
    static const char *const want[] = {
        "--fail-on",   "--severity", "--require-license", "--exclude",
        "--include",   "--config",   "--no-config",       "--no-verify",
        "--max-chain", "--cache",    "--max-cache-age",   "markdown"};
    char *text = NULL;
    size_t len = 0, i;
    FILE *fp = open_memstream(&text, &len);
    int n = 0;

    options_print_help(fp);
    fclose(fp);
    for (i = 0; i < sizeof want / sizeof want[0]; i++)
        ok(strstr(text, want[i]) != NULL, "--help mentions %s", want[i]);
    free(text);
    options_each_long_name(count_name, &n);
    ok(n >= 30, "options_each_long_name visits every option (%d)", n);
}

/* Records each setting as "name=value" or "name" lines. */
static enum ac_status
record(void *arg, const char *name, const char *value, struct ac_err *err)
{
    char *buf = arg;
    size_t n = strlen(buf);

    if (strcmp(name, "fail") == 0)
        return ac_err_set(err, AC_E_USAGE, "refused");
    snprintf(buf + n, 512 - n, "%s%s%s;", name, value ? "=" : "",
             value ? value : "");
    return AC_OK;
}

static const struct {
    const char *text, *want; /* want NULL: an error, err.msg checked */
    const char *msg;
} files[] = {
    {"", "", NULL},
    {"# only a comment\n\n   \n", "", NULL},
    {"a = 1\nb=2\n  c  =  three words  \n", "a=1;b=2;c=three words;", NULL},
    {"flag\n--other\n", "flag;other;", NULL},
    {"x = 1 # comment\ny = a#b\n", "x=1;y=a#b;", NULL},
    {"q = \"  spaced # kept \"\nr = 'single'\n", "q=  spaced # kept ;r=single;",
     NULL},
    {"q = \"closed\" # then a comment\n", "q=closed;", NULL},
    {"empty =\n", "empty=;", NULL},
    {"\xef\xbb\xbf"
     "bom = 1\r\nnext = 2\r\n",
     "bom=1;next=2;", NULL},
    {"no newline at end", "no newline at end;", NULL},
    {"a = 1\n= 2\n", NULL, ":2: expected 'name = value'"},
    {"a = \"open\n", NULL, ":1: a quoted value must be closed"},
    {"a = \"x\" y\n", NULL, ":1: a quoted value must be closed"},
    {"ok = 1\n\n\nfail = 1\n", NULL, ":4: refused"},
};

static void
test_read(void)
{
    struct ac_err err = {0};
    char got[512], *path;
    enum ac_status rc;
    size_t i;

    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        got[0] = '\0';
        path = write_temp(files[i].text);
        rc = config_file_read(path, record, got, &err);
        if (files[i].want != NULL) {
            ok(rc == AC_OK, "file %zu reads (%s)", i, err.msg);
            is_str(got, files[i].want, "  its settings");
        } else {
            ok(rc == AC_E_USAGE && strstr(err.msg, files[i].msg) != NULL &&
                   strncmp(err.msg, path, strlen(path)) == 0,
               "file %zu: error '%s' (%s)", i, files[i].msg, err.msg);
        }
        unlink(path);
        free(path);
    }
    ok(config_file_read("/nonexistent/x", record, got, &err) == AC_E_USAGE &&
           strstr(err.msg, "/nonexistent/x: No such file") != NULL,
       "a missing file: %s", err.msg);
}

int
main(void)
{
    test_read();
    test_defaults();
    test_durations();
    test_values();
    test_fail_on();
    test_repeatable();
    test_config();
    test_config_found();
    test_bad();
    test_help();
    return tap_done();
}
