/* SPDX-License-Identifier: MIT */
/*
 * config_file: finding and reading .attrcheckrc (see config_file.h).  The
 * syntax is deliberately small: one setting per line, no sections, no includes,
 * no variables.  Checking names and values is the callback's business.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_file.h"
#include "xalloc.h"

char *
config_file_find(void)
{
    char dir[PATH_MAX], *slash;
    char *path;
    struct stat st;
    bool first = true;

    if (getcwd(dir, sizeof dir) == NULL)
        return NULL;
    for (;;) {
        path = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
                         CONFIG_FILE_NAME);
        if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
            if (first) {
                free(path);
                return xstrdup(CONFIG_FILE_NAME);
            }
            return path;
        }
        free(path);
        slash = strrchr(dir, '/');
        if (slash == NULL || strcmp(dir, "/") == 0)
            return NULL;
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        first = false;
    }
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static char *
trim(char *s)
{
    char *e;

    while (is_space(*s))
        s++;
    e = s + strlen(s);
    while (e > s && is_space(e[-1]))
        e--;
    *e = '\0';
    return s;
}

/* Cuts a value at " #" unless it is quoted, and unquotes it.  Returns
 * NULL for a quote that is not closed or is followed by more than a
 * comment. */
static char *
clean_value(char *v)
{
    char *hash, *end, *rest;

    if (*v == '"' || *v == '\'') {
        end = strchr(v + 1, *v);
        if (end == NULL)
            return NULL;
        *end = '\0';
        rest = trim(end + 1);
        return *rest == '\0' || *rest == '#' ? v + 1 : NULL;
    }
    for (hash = v; (hash = strchr(hash, '#')) != NULL; hash++)
        if (hash > v && is_space(hash[-1])) {
            *hash = '\0';
            break;
        }
    return trim(v);
}

/* Splits LINE into NAME and VALUE (NULL for a bare name); returns false
 * with a message in ERR for a malformed line. */
static bool
split_line(char *line, char **name, char **value, struct ac_err *err)
{
    char *eq = strchr(line, '=');

    *value = NULL;
    if (eq != NULL) {
        *eq = '\0';
        *value = clean_value(trim(eq + 1));
        if (*value == NULL) {
            ac_err_set(err, AC_E_USAGE,
                       "a quoted value must be closed and stand alone");
            return false;
        }
    } else {
        char *hash = strchr(line, '#');

        if (hash != NULL)
            *hash = '\0';
    }
    *name = trim(line);
    if (**name == '\0') {
        ac_err_set(err, AC_E_USAGE, "expected 'name = value'");
        return false;
    }
    if ((*name)[0] == '-' && (*name)[1] == '-')
        *name += 2; /* "--offline" is forgiven */
    return true;
}

enum ac_status
config_file_read(const char *path, config_file_setting_fn fn, void *arg,
                 struct ac_err *err)
{
    struct ac_err sub = {0};
    FILE *fp = NULL;
    char *line = NULL, *s, *name, *value;
    size_t cap = 0, lineno = 0;
    enum ac_status rc = AC_OK;

    fp = fopen(path, "r");
    if (fp == NULL)
        return ac_err_set(err, AC_E_USAGE, "%s: %s", path, strerror(errno));
    while (rc == AC_OK && getline(&line, &cap, fp) >= 0) {
        s = line;
        if (++lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
            s += 3; /* a UTF-8 byte order mark */
        s = trim(s);
        if (*s == '\0' || *s == '#')
            continue;
        if (!split_line(s, &name, &value, &sub) ||
            fn(arg, name, value, &sub) != AC_OK)
            rc = ac_err_set(err, AC_E_USAGE, "%s:%zu: %s", path, lineno,
                            sub.msg);
    }
    if (rc == AC_OK && ferror(fp))
        rc = ac_err_set(err, AC_E_USAGE, "%s: %s", path, strerror(errno));
    free(line);
    fclose(fp);
    return rc;
}
