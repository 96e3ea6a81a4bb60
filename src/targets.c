/* SPDX-License-Identifier: MIT */
/*
 * targets: the lazy target stream (see targets.h).  Memory is bounded by
 * the deepest folder path times the largest single folder, never by the
 * number of targets: lists are read a line at a time, folders are listed
 * one level at a time and WARC files are read a record at a time (at
 * most --max-size bytes of it).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "glob.h"
#include "resume.h"
#include "shard.h"
#include "strbuf.h"
#include "targets.h"
#include "url.h"
#include "warc.h"
#include "xalloc.h"

/* One folder level being walked: its sorted entries and a cursor. */
struct dir_level {
    char *path; /* the folder, as a path usable with open() */
    char **names;
    size_t names_len, next;
};

struct targets {
    const struct options *opts;
    size_t next_arg;   /* next positional argument */
    size_t next_input; /* next -i list */
    FILE *list;        /* open list, or NULL */
    bool list_is_stdin;
    char *list_name;
    /* folder walk in progress */
    char *root; /* the folder target as given */
    struct dir_level *dirs;
    size_t dirs_len;
    char *line;
    size_t line_cap;
    struct targets_tally tally;
    struct resume *done; /* --resume, borrowed; NULL for none */
    /* WARC file being read */
    struct warc_reader *warc;
    char *warc_path; /* as given */
};

/* True when NAME ends in SUFFIX, any case. */
static bool
ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);

    return n > s && strcasecmp(name + n - s, suffix) == 0;
}

bool
targets_is_warc_name(const char *name)
{
    return ends_with(name, ".warc") || ends_with(name, ".warc.gz");
}

bool
targets_is_html_name(const char *name)
{
    size_t n = strlen(name);

    return (n > 5 && strcasecmp(name + n - 5, ".html") == 0) ||
           (n > 4 && strcasecmp(name + n - 4, ".htm") == 0);
}

static char *
join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);

    if (n > 0 && dir[n - 1] == '/')
        return xasprintf("%s%s", dir, name);
    return xasprintf("%s/%s", dir, name);
}

char *
targets_map_url(const char *base_url, const char *path, const char *rel)
{
    const char *tail, *slash;
    char *esc, *u;
    size_t n;

    if (base_url == NULL)
        return url_from_path(path);
    n = strlen(base_url);
    if (rel == NULL && (n == 0 || base_url[n - 1] != '/'))
        return xstrdup(base_url);
    slash = strrchr(path, '/');
    tail = rel != NULL ? rel : slash ? slash + 1 : path;
    /* a file name is not URL syntax: "a b.html" and "n#1.html" escape */
    esc = url_escape_path(tail);
    u = xasprintf("%s%s%s", base_url,
                  n > 0 && base_url[n - 1] == '/' ? "" : "/", esc);
    free(esc);
    return u;
}

enum ac_status
targets_open(const struct options *opts, struct targets **out,
             struct ac_err *err)
{
    struct targets *ts;

    *out = NULL;
    if (opts->targets_len == 0 && opts->inputs_len == 0 &&
        opts->sitemaps_len == 0)
        return ac_err_set(err, AC_E_USAGE, "no targets given");
    ts = xcalloc(1, sizeof *ts);
    ts->opts = opts;
    *out = ts;
    return AC_OK;
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists PATH's visible entries, sorted.  Returns false with errno set. */
static bool
list_dir(const char *path, struct dir_level *lvl)
{
    DIR *d = opendir(path);
    struct dirent *e;

    memset(lvl, 0, sizeof *lvl);
    if (d == NULL)
        return false;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* hidden, and "." and ".." */
        lvl->names =
            xreallocarray(lvl->names, lvl->names_len + 1, sizeof *lvl->names);
        lvl->names[lvl->names_len++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (lvl->names_len > 1) /* qsort(NULL, 0) is undefined */
        qsort(lvl->names, lvl->names_len, sizeof *lvl->names, cmp_names);
    lvl->path = xstrdup(path);
    return true;
}

static void
dir_level_free(struct dir_level *lvl)
{
    size_t i;

    for (i = 0; i < lvl->names_len; i++)
        free(lvl->names[i]);
    free(lvl->names);
    free(lvl->path);
}

static void
make_bad(struct target *t, const char *spec, const char *why)
{
    memset(t, 0, sizeof *t);
    t->kind = TARGET_BAD;
    t->spec = xstrdup(spec);
    t->error = xstrdup(why);
}

/* PATH relative to the folder walk's root. */
static const char *
rel_path(const struct targets *ts, const char *path)
{
    const char *rel = path + strlen(ts->root);

    while (*rel == '/')
        rel++;
    return rel;
}

static bool
any_match(char *const *globs, size_t len, const char *rel)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (glob_match_path(globs[i], rel))
            return true;
    return false;
}

/* True when the walk skips PATH (a folder when IS_DIR): --exclude
 * prunes files and folders, --include picks files only. */
static bool
filtered_out(const struct targets *ts, const char *path, bool is_dir)
{
    const struct options *o = ts->opts;
    const char *rel = rel_path(ts, path);

    if (any_match(o->excludes, o->excludes_len, rel))
        return true;
    return !is_dir && o->includes_len > 0 &&
           !any_match(o->includes, o->includes_len, rel);
}

/* Makes a file target found under the folder walk's root. */
static void
make_walked_file(struct targets *ts, char *path, struct target *t)
{
    const char *rel = rel_path(ts, path);

    memset(t, 0, sizeof *t);
    t->kind = TARGET_FILE;
    t->spec = path;
    t->path = xstrdup(path);
    t->url = targets_map_url(ts->opts->base_url, path, rel);
}

static bool
push_dir(struct targets *ts, const char *path, struct target *t)
{
    struct dir_level lvl;

    if (!list_dir(path, &lvl)) {
        char *why = xasprintf("cannot read folder: %s", strerror(errno));

        make_bad(t, path, why);
        t->input_error = true;
        free(why);
        return false;
    }
    ts->dirs = xreallocarray(ts->dirs, ts->dirs_len + 1, sizeof *ts->dirs);
    ts->dirs[ts->dirs_len++] = lvl;
    return true;
}

/*
 * Advances the folder walk.  Returns true with *T filled (a file, or a
 * bad target for an unreadable subfolder), false when the walk is done.
 */
static bool
walk_next(struct targets *ts, struct target *t)
{
    while (ts->dirs_len > 0) {
        struct dir_level *top = &ts->dirs[ts->dirs_len - 1];
        struct stat st;
        char *path;

        if (top->next == top->names_len) {
            dir_level_free(top);
            ts->dirs_len--;
            continue;
        }
        path = join_path(top->path, top->names[top->next++]);
        /* lstat: a symlinked folder is not followed (no loops) */
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            bool pushed = filtered_out(ts, path, true) || push_dir(ts, path, t);

            free(path);
            if (!pushed)
                return true;
            continue;
        }
        if (targets_is_html_name(path) && !filtered_out(ts, path, false) &&
            stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            make_walked_file(ts, path, t);
            return true;
        }
        free(path);
    }
    free(ts->root);
    ts->root = NULL;
    return false;
}

static bool
has_scheme(const char *s, size_t *scheme_len)
{
    size_t i = 0;

    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
                      s[i] == '-' || s[i] == '.')))
        i++;
    *scheme_len = i;
    return i > 1 && s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/';
}

/* True when CONTENT_TYPE's media type is HTML; with none, when the body
 * looks like markup. */
static bool
is_html_type(const char *content_type, const char *body, size_t len)
{
    size_t n;

    if (content_type == NULL) {
        while (len > 0 && (*body == ' ' || *body == '\t' || *body == '\r' ||
                           *body == '\n'))
            body++, len--;
        return len > 0 && *body == '<';
    }
    n = strcspn(content_type, "; \t");
    return (n == 9 && strncasecmp(content_type, "text/html", 9) == 0) ||
           (n == 21 &&
            strncasecmp(content_type, "application/xhtml+xml", 21) == 0);
}

/* An error target for SPEC (taken) at URL (may be NULL). */
static void
make_record_bad(struct target *t, char *spec, const char *url,
                enum ac_status code, const char *why)
{
    make_bad(t, spec, why);
    free(spec);
    t->url = url != NULL ? xstrdup(url) : NULL;
    t->error_code = code;
}

/*
 * Turns record REC into a target in *T: a page, or an error for a page
 * that cannot be checked.  Returns false (counting why) for records that
 * are not 2xx HTML responses.
 */
static bool
from_record(struct targets *ts, struct warc_record *rec, struct target *t)
{
    struct warc_http http;
    struct ac_err err = {0};
    char *spec, *body = NULL;
    size_t body_len = 0;
    enum ac_status rc;
    bool html;

    if (rec->type == NULL || strcmp(rec->type, "response") != 0 ||
        rec->content_type == NULL ||
        strncasecmp(rec->content_type, "application/http", 16) != 0) {
        ts->tally.warc_not_response++;
        return false;
    }
    spec = rec->id != NULL ? xasprintf("%s#%s", ts->warc_path, rec->id)
                           : xasprintf("%s@%lld", ts->warc_path, rec->offset);
    if (warc_http_parse(rec->block, rec->block_len, &http, &err) != AC_OK) {
        make_record_bad(t, spec, rec->target_uri, AC_E_DATA, err.msg);
        return true;
    }
    html = is_html_type(http.content_type, rec->block + http.body_start,
                        rec->block_len - http.body_start);
    if (!html || http.status < 200 || http.status > 299) {
        if (!html)
            ts->tally.warc_not_html++;
        else
            ts->tally.warc_not_2xx++;
        warc_http_free(&http);
        free(spec);
        return false;
    }
    rc = rec->truncated
             ? ac_err_set(&err, AC_E_LIMIT,
                          "record of %zu bytes is over --max-size (%zu)",
                          rec->length, ts->opts->max_size)
             : warc_http_body(rec, &http, ts->opts->max_size, &body, &body_len,
                              &err);
    if (rc == AC_OK && body_len == 0)
        rc = ac_err_set(&err, AC_E_NOTHTML, "empty response body");
    if (rc != AC_OK) {
        free(body);
        warc_http_free(&http);
        make_record_bad(t, spec, rec->target_uri, rc, err.msg);
        return true;
    }
    memset(t, 0, sizeof *t);
    t->kind = TARGET_RECORD;
    t->spec = spec;
    t->url = xstrdup(rec->target_uri ? rec->target_uri : spec);
    t->http_status = http.status;
    t->doc.url = xstrdup(t->url);
    t->doc.body = body;
    t->doc.body_len = body_len;
    t->doc.content_type = http.content_type;
    http.content_type = NULL;
    warc_http_free(&http);
    return true;
}

static void
close_warc(struct targets *ts)
{
    warc_close(ts->warc);
    ts->warc = NULL;
    free(ts->warc_path);
    ts->warc_path = NULL;
}

/*
 * The next target from the WARC file being read: true with *T filled (a
 * page, or an error), false at its end.  A damaged file ends in an error
 * target "FILE@OFFSET" after the records before the damage.
 */
static bool
warc_next_target(struct targets *ts, struct target *t)
{
    struct warc_record rec;
    struct ac_err err = {0};
    bool got, made;

    for (;;) {
        if (warc_next(ts->warc, ts->opts->max_size, &rec, &got, &err) !=
            AC_OK) {
            make_record_bad(t, xasprintf("%s@%lld", ts->warc_path, rec.offset),
                            NULL, err.code, err.msg);
            t->input_error = true;
            close_warc(ts);
            return true;
        }
        if (!got) {
            close_warc(ts);
            return false;
        }
        ts->tally.warc_records++;
        made = from_record(ts, &rec, t);
        warc_record_free(&rec);
        if (made)
            return true;
    }
}

/* Starts reading WARC file SPEC; false with *T set when it cannot be
 * opened. */
static bool
open_warc(struct targets *ts, const char *spec, struct target *t)
{
    struct ac_err err = {0};

    if (warc_open(spec, &ts->warc, &err) != AC_OK) {
        make_bad(t, spec, err.msg);
        t->input_error = true;
        return false;
    }
    ts->warc_path = xstrdup(spec);
    return true;
}

/*
 * Turns one target SPEC into a target, or starts a folder walk (then
 * returns false and the caller pulls from the walk).
 */
static bool
from_spec(struct targets *ts, const char *spec, struct target *t)
{
    struct stat st;
    size_t n;

    memset(t, 0, sizeof *t);
    if (has_scheme(spec, &n)) {
        if ((n == 4 && strncasecmp(spec, "http", 4) == 0) ||
            (n == 5 && strncasecmp(spec, "https", 5) == 0)) {
            t->kind = TARGET_URL;
            t->spec = xstrdup(spec);
            t->url = xstrdup(spec);
            return true;
        }
        make_bad(t, spec, "unsupported URL scheme (only http and https)");
        return true;
    }
    if (stat(spec, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!push_dir(ts, spec, t))
            return true;
        ts->root = xstrdup(spec);
        return false;
    }
    if (targets_is_warc_name(spec))
        return !open_warc(ts, spec, t);
    t->kind = TARGET_FILE;
    t->spec = xstrdup(spec);
    t->path = xstrdup(spec);
    t->url = targets_map_url(ts->opts->base_url, spec, NULL);
    return true;
}

/* Reads the next meaningful line of the open list into ts->line. */
static bool
read_list_line(struct targets *ts, const char **spec)
{
    ssize_t n;

    while ((n = getline(&ts->line, &ts->line_cap, ts->list)) >= 0) {
        char *s = ts->line, *e = ts->line + n;

        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
                         e[-1] == '\t'))
            e--;
        *e = '\0';
        if (*s == '\0' || *s == '#')
            continue;
        *spec = s;
        return true;
    }
    return false;
}

static void
close_list(struct targets *ts)
{
    if (ts->list != NULL && !ts->list_is_stdin)
        fclose(ts->list);
    ts->list = NULL;
    free(ts->list_name);
    ts->list_name = NULL;
}

/* Opens list NAME ("-" is stdin); on failure fills *T with a bad target. */
static bool
open_list(struct targets *ts, const char *name, struct target *t)
{
    ts->list_is_stdin = strcmp(name, "-") == 0;
    ts->list = ts->list_is_stdin ? stdin : fopen(name, "r");
    if (ts->list == NULL) {
        char *why = xasprintf("cannot read target list: %s", strerror(errno));

        make_bad(t, name, why);
        t->input_error = true;
        free(why);
        return false;
    }
    ts->list_name = xstrdup(name);
    return true;
}

/* Pulls the next spec from arguments, the open list, or the next list.
 * Returns 1 with *SPEC set, 0 at the end, -1 with *T set to a bad target. */
static int
next_spec(struct targets *ts, const char **spec, struct target *t)
{
    const struct options *o = ts->opts;

    for (;;) {
        if (ts->list != NULL) {
            if (read_list_line(ts, spec))
                return 1;
            close_list(ts);
        }
        if (ts->next_arg < o->targets_len) {
            const char *a = o->targets[ts->next_arg++];

            if (strcmp(a, "-") != 0) {
                *spec = a;
                return 1;
            }
            if (!open_list(ts, a, t))
                return -1;
            continue;
        }
        if (ts->next_input < o->inputs_len) {
            if (!open_list(ts, o->inputs[ts->next_input++], t))
                return -1;
            continue;
        }
        return 0;
    }
}

/* The next target from arguments, lists and folder walks, unfiltered. */
static bool
next_target(struct targets *ts, struct target *t)
{
    const char *spec;
    int r;

    for (;;) {
        if (ts->warc != NULL && warc_next_target(ts, t))
            return true;
        if (ts->dirs_len > 0 && walk_next(ts, t))
            return true;
        r = next_spec(ts, &spec, t);
        if (r < 0)
            return true;
        if (r == 0)
            return false;
        if (from_spec(ts, spec, t))
            return true;
    }
}

/* True when T belongs to another shard or is done; errors about the
 * inputs always come out. */
static bool
passed_over(struct targets *ts, const struct target *t)
{
    const struct options *o = ts->opts;

    if (t->input_error)
        return false;
    if (o->shard_n > 0) {
        /* files split by name; URLs and WARC records by host */
        char *key = shard_key(t->spec, t->kind == TARGET_FILE ? NULL : t->url,
                              o->shard_by_target);
        bool other = shard_of(key, o->shard_n) != o->shard_k;

        free(key);
        if (other) {
            ts->tally.other_shard++;
            return true;
        }
    }
    if (ts->done != NULL && resume_has(ts->done, t->spec)) {
        ts->tally.done++;
        return true;
    }
    return false;
}

bool
targets_next(struct targets *ts, struct target *t)
{
    while (next_target(ts, t)) {
        if (!passed_over(ts, t))
            return true;
        target_free(t);
    }
    return false;
}

void
targets_skip_done(struct targets *ts, struct resume *done)
{
    ts->done = done;
}

const struct targets_tally *
targets_tally(const struct targets *ts)
{
    return &ts->tally;
}

void
target_free(struct target *t)
{
    if (t == NULL)
        return;
    free(t->spec);
    free(t->path);
    free(t->url);
    free(t->error);
    document_free(&t->doc);
    memset(t, 0, sizeof *t);
}

void
targets_free(struct targets *ts)
{
    if (ts == NULL)
        return;
    while (ts->dirs_len > 0)
        dir_level_free(&ts->dirs[--ts->dirs_len]);
    free(ts->dirs);
    free(ts->root);
    close_warc(ts);
    close_list(ts);
    free(ts->line);
    free(ts);
}
