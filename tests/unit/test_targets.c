/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for targets: HTML file names, --base-url mapping, URL vs
 * path vs unsupported scheme, target lists (comments, blank lines, CRLF,
 * white space, stdin), the order of arguments and lists, and the folder
 * walk (sorted, hidden entries skipped, .html/.htm in any case, symlinked
 * folders not followed) over a tree built in a scratch folder.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "strbuf.h"
#include "targets.h"
#include "testutil.h"
#include "xalloc.h"

static const char *tmpdir; /* tu_tmpdir() */

static const struct {
    const char *name;
    bool want;
} html_names[] = {
    {"a.html", true},    {"A.HTML", true},   {"x.Htm", true},
    {"dir/p.htm", true}, {".html", false},   {".htm", false},
    {"a.xhtml", false},  {"a.htmlx", false}, {"a.htm.bak", false},
    {"html", false},     {"a.php", false},   {"", false},
    {"page.HtMl", true}, {"x.h tml", false},
};

static void
test_html_names(void)
{
    size_t i;

    for (i = 0; i < sizeof html_names / sizeof html_names[0]; i++)
        ok(targets_is_html_name(html_names[i].name) == html_names[i].want,
           "is_html_name(\"%s\") is %s", html_names[i].name,
           html_names[i].want ? "true" : "false");
}

static const struct {
    const char *name;
    const char *base, *path, *rel;
    const char *want;
} map_cases[] = {
    {"base + rel", "https://x.example/site", "/d/posts/a.html", "posts/a.html",
     "https://x.example/site/posts/a.html"},
    {"base with slash + rel: no double slash", "https://x.example/",
     "/d/a.html", "a.html", "https://x.example/a.html"},
    {"file, base ends in '/': base + file name", "https://x.example/p/",
     "dir/sub/page.html", NULL, "https://x.example/p/page.html"},
    {"file, base without '/': the base is the page", "https://x.example/p",
     "dir/page.html", NULL, "https://x.example/p"},
    {"file without a folder, base with '/'", "https://x.example/", "page.html",
     NULL, "https://x.example/page.html"},
    {"no base: file:// URL, percent-encoded", NULL,
     "/nonexistent-attrcheck/a b#1.html", NULL,
     "file:///nonexistent-attrcheck/a%20b%231.html"},
    {"no base: dot segments removed", NULL,
     "/nonexistent-attrcheck/x/../y.html", NULL,
     "file:///nonexistent-attrcheck/y.html"},
};

static void
test_map_url(void)
{
    size_t i;
    char *u;

    for (i = 0; i < sizeof map_cases / sizeof map_cases[0]; i++) {
        u = targets_map_url(map_cases[i].base, map_cases[i].path,
                            map_cases[i].rel);
        is_str(u, map_cases[i].want, map_cases[i].name);
        free(u);
    }
    /* the public URL of "a b.html" has %20, as the file:// one does */
    u = targets_map_url("https://x.example/", "/d/a b.html", "a b.html");
    ok(u && strcmp(u, "https://x.example/a%20b.html") == 0,
       "base + rel with a space is percent-encoded");
    free(u);
    u = targets_map_url("https://x.example/", "/d/n#1.html", "n#1.html");
    ok(u && strcmp(u, "https://x.example/n%231.html") == 0,
       "base + rel with '#' is percent-encoded");
    free(u);
    u = targets_map_url("https://x.example/", "/d/caf\xc3\xa9.html", NULL);
    ok(u && strcmp(u, "https://x.example/caf%C3%A9.html") == 0,
       "a file given directly: its name is escaped too");
    free(u);
}

/* Runs the stream over OPTS; returns "kind:spec:url|..." (url or error). */
static char *
stream(const struct options *o, enum ac_status *rc)
{
    struct strbuf sb = STRBUF_INIT;
    struct targets *ts = NULL;
    struct target t;
    struct ac_err err;
    static const char kinds[] = {'F', 'U', 'B'};

    *rc = targets_open(o, &ts, &err);
    if (*rc != AC_OK)
        return strbuf_detach(&sb);
    while (targets_next(ts, &t)) {
        const char *spec = t.spec;

        if (strncmp(spec, tmpdir, strlen(tmpdir)) == 0)
            spec += strlen(tmpdir); /* the temp dir's name varies */
        if (sb.len > 0)
            strbuf_addc(&sb, '|');
        strbuf_addf(&sb, "%c:%s:%s", kinds[t.kind], spec,
                    t.kind == TARGET_BAD    ? t.error
                    : t.kind == TARGET_FILE ? (t.path ? "" : "NOPATH")
                                            : t.url);
        if (t.kind == TARGET_FILE && t.url &&
            strncmp(t.url, "https://", 8) == 0)
            strbuf_addf(&sb, "%s", t.url);
        target_free(&t);
    }
    targets_free(ts);
    return strbuf_detach(&sb);
}

static void
write_file(const char *rel, const char *text)
{
    free(tu_write_file(tmpdir, rel, text, strlen(text)));
}

static void
make_dir(const char *rel)
{
    char *path = xasprintf("%s/%s", tmpdir, rel);

    mkdir(path, 0755);
    free(path);
}

static void
make_link(const char *target, const char *rel)
{
    char *path = xasprintf("%s/%s", tmpdir, rel);

    if (symlink(target, path) != 0)
        perror("symlink");
    free(path);
}

static void
build_tree(void)
{
    make_dir("site");
    write_file("site/b.html", "<p>b</p>");
    write_file("site/a.HTM", "<p>a</p>");
    write_file("site/Zed.html", "<p>Z</p>");
    write_file("site/notes.txt", "not html");
    write_file("site/.hidden.html", "<p>hidden</p>");
    make_dir("site/.git");
    write_file("site/.git/x.html", "<p>x</p>");
    make_dir("site/sub");
    write_file("site/sub/z.html", "<p>z</p>");
    write_file("site/sub/A.html", "<p>A</p>");
    make_dir("site/dir.html");
    write_file("site/dir.html/inner.html", "<p>inner</p>");
    make_link("sub", "site/link");
    make_link("sub/z.html", "site/linkfile.html");
    make_link("sub", "site/looped.html");
    make_dir("empty");
    write_file("list.txt", "# a comment\n"
                           "\n"
                           "  one.html  \r\n"
                           "https://x.example/two\t\r\n"
                           "   # indented comment\n"
                           "\t\r\n"
                           "three.html");
    write_file("list2.txt", "four.html\n");
}

#define WALK                                                                   \
    "F:/site/Zed.html:|F:/site/a.HTM:|F:/site/b.html:|"                        \
    "F:/site/dir.html/inner.html:|F:/site/linkfile.html:|"                     \
    "F:/site/sub/A.html:|F:/site/sub/z.html:"

static void
test_walk(void)
{
    struct options o = {0};
    char *site = xasprintf("%s/site", tmpdir);
    char *site_slash = xasprintf("%s/site/", tmpdir);
    char *args[1];
    enum ac_status rc;
    char *got;

    args[0] = site;
    o.targets = args;
    o.targets_len = 1;
    got = stream(&o, &rc);
    ok(rc == AC_OK, "a folder target opens");
    is_str(got, WALK,
           "folder walk: sorted bytewise, hidden skipped, only .html/.htm "
           "files, symlinked folders not followed, a symlinked file kept");
    free(got);

    o.base_url = xstrdup("https://x.example/");
    got = stream(&o, &rc);
    ok(got && strstr(got, "F:/site/sub/A.html:https://x.example/sub/A.html"),
       "with --base-url, a walked file's URL is base + path below the folder");
    ok(got && strstr(got, "F:/site/Zed.html:https://x.example/Zed.html"),
       "a file at the top of the folder maps to base + name");
    free(got);

    args[0] = site_slash;
    got = stream(&o, &rc);
    ok(got && strstr(got, "F:/site/sub/z.html:https://x.example/sub/z.html") &&
           strstr(got, "//sub") == NULL && strstr(got, "site//") == NULL,
       "a folder given with a trailing '/': no double slashes");
    free(got);
    free(o.base_url);
    free(site);
    free(site_slash);
}

static void
test_specs(void)
{
    struct options o = {0};
    char *args[] = {(char *)(uintptr_t) "https://x.example/a",
                    (char *)(uintptr_t) "HTTP://X.example/b",
                    (char *)(uintptr_t) "ftp://x.example/c.html",
                    (char *)(uintptr_t) "file:///tmp/d.html",
                    (char *)(uintptr_t) "/nonexistent-attrcheck/e.html"};
    enum ac_status rc;
    char *got;

    o.targets = args;
    o.targets_len = sizeof args / sizeof args[0];
    got = stream(&o, &rc);
    is_str(got,
           "U:https://x.example/a:https://x.example/a|"
           "U:HTTP://X.example/b:HTTP://X.example/b|"
           "B:ftp://x.example/c.html:unsupported URL scheme (only http and "
           "https)|"
           "B:file:///tmp/d.html:unsupported URL scheme (only http and https)|"
           "F:/nonexistent-attrcheck/e.html:",
           "URLs, bad schemes, a missing file (checked later)");
    free(got);

    o.targets_len = 1;
    args[0] = (char *)(uintptr_t) "/nonexistent-attrcheck/e.html";
    {
        struct targets *ts;
        struct target t;
        struct ac_err err;

        targets_open(&o, &ts, &err);
        ok(targets_next(ts, &t) && t.kind == TARGET_FILE &&
               strcmp(t.url, "file:///nonexistent-attrcheck/e.html") == 0,
           "a file without --base-url gets a file:// URL");
        target_free(&t);
        ok(!targets_next(ts, &t), "then the stream ends");
        ok(!targets_next(ts, &t), "and stays ended");
        targets_free(ts);
    }
}

static void
test_lists(void)
{
    struct options o = {0};
    char *list = xasprintf("%s/list.txt", tmpdir);
    char *list2 = xasprintf("%s/list2.txt", tmpdir);
    char *missing = xasprintf("%s/no-such-list.txt", tmpdir);
    char *args[] = {(char *)(uintptr_t) "first.html", (char *)(uintptr_t) "-",
                    (char *)(uintptr_t) "last.html"};
    char *inputs[] = {list, list2};
    enum ac_status rc;
    char *got;

    o.inputs = inputs;
    o.inputs_len = 1;
    got = stream(&o, &rc);
    is_str(got,
           "F:one.html:|U:https://x.example/two:https://x.example/two|"
           "F:three.html:",
           "list: comments, blank lines, CRLF, white space and a last line "
           "without newline");
    free(got);

    /* '-' reads standard input, in its place among the arguments */
    if (freopen(list2, "r", stdin) == NULL)
        perror("freopen");
    o.targets = args;
    o.targets_len = 3;
    o.inputs_len = 2;
    got = stream(&o, &rc);
    is_str(got,
           "F:first.html:|F:four.html:|F:last.html:|F:one.html:|"
           "U:https://x.example/two:https://x.example/two|F:three.html:|"
           "F:four.html:",
           "arguments in order with '-' read in place, then each -i list");
    free(got);

    o.targets_len = 0;
    o.inputs_len = 0;
    got = stream(&o, &rc);
    ok(rc == AC_E_USAGE, "no targets and no lists: AC_E_USAGE");
    free(got);

    inputs[0] = missing;
    o.inputs_len = 1;
    got = stream(&o, &rc);
    ok(rc == AC_E_IO ||
           (rc == AC_OK && strncmp(got, "B:", 2) == 0 &&
            strstr(got, "no-such-list.txt") && strstr(got, "cannot read")),
       "a missing -i list is not skipped silently (%s)", got);
    free(got);
    free(list);
    free(list2);
    free(missing);
}

/* Walks an empty folder, a folder with only hidden entries and a tree
 * holding an empty folder, in a child process, so that undefined
 * behaviour caught by UBSan (qsort of an empty NULL list) is one failed
 * test rather than a crash. */
static void
test_empty_folders(void)
{
    struct options o = {0};
    char *a = xasprintf("%s/empty", tmpdir);
    char *b = xasprintf("%s/only-hidden", tmpdir);
    char *c = xasprintf("%s/holds-empty", tmpdir);
    char *args[] = {a, b, c};
    int status = 0, good;
    pid_t pid;

    make_dir("only-hidden");
    write_file("only-hidden/.x.html", "<p>x</p>");
    make_dir("holds-empty");
    make_dir("holds-empty/a");
    write_file("holds-empty/b.html", "<p>b</p>");
    o.targets = args;
    o.targets_len = 3;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        enum ac_status rc;
        char *got = stream(&o, &rc);
        int same = rc == AC_OK && strcmp(got, "F:/holds-empty/b.html:") == 0;

        free(got); /* valgrind checks the child for leaks too */
        _exit(same ? 0 : 1);
    }
    good = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
    ok(good, "empty folders yield nothing (no qsort of NULL); the walk goes "
             "on");
    free(a);
    free(b);
    free(c);
}

static void
test_unreadable_folder(void)
{
    struct options o = {0};
    char *locked = xasprintf("%s/locked", tmpdir);
    char *args[1] = {locked};
    enum ac_status rc;
    char *got;

    make_dir("locked");
    write_file("locked/p.html", "<p>p</p>");
    chmod(locked, 0);
    o.targets = args;
    o.targets_len = 1;
    got = stream(&o, &rc);
    if (geteuid() == 0) {
        tap_n++;
        printf("ok %d - # SKIP root can read a chmod 000 folder\n", tap_n);
    } else {
        ok(strncmp(got, "B:/locked:cannot read folder", 28) == 0,
           "an unreadable folder is a bad target (%s)", got);
    }
    chmod(locked, 0755);
    free(got);
    free(locked);
}

int
main(void)
{
    test_html_names();
    test_map_url();
    tmpdir = tu_tmpdir("test_targets");
    build_tree();
    test_walk();
    test_specs();
    test_lists();
    test_empty_folders();
    test_unreadable_folder();
    return tap_done();
}
