/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for resume: the done set (added names found, others not,
 * duplicates counted once, many names), and reading reports: verdicts
 * other than "error" count as done, blank lines are skipped, a damaged
 * last line is a warning, any other bad line an error naming file:line,
 * and a missing file an I/O error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "resume.h"
#include "testutil.h"
#include "xalloc.h"

static void
test_set(void)
{
    struct resume *rs = resume_new();
    char name[64];
    bool all = true, none = true;
    int i;

    ok(!resume_has(rs, "a") && resume_count(rs) == 0, "empty set has none");
    resume_add(rs, "a");
    resume_add(rs, "a");
    resume_add(rs, "");
    ok(resume_has(rs, "a") && resume_has(rs, ""), "added names are found");
    ok(!resume_has(rs, "b") && !resume_has(rs, "A"), "others are not");
    ok(resume_count(rs) == 2, "a duplicate counts once (%zu)",
       resume_count(rs));
    for (i = 0; i < 50000; i++) {
        snprintf(name, sizeof name, "https://example.org/%d", i);
        resume_add(rs, name);
    }
    for (i = 0; i < 50000; i++) {
        snprintf(name, sizeof name, "https://example.org/%d", i);
        all = all && resume_has(rs, name);
        snprintf(name, sizeof name, "https://example.org/x%d", i);
        none = none && !resume_has(rs, name);
    }
    ok(all, "50000 added names are all found");
    ok(none, "50000 other names are none of them");
    ok(resume_count(rs) == 50002, "count is 50002 (%zu)", resume_count(rs));
    resume_add(rs, "late");
    ok(resume_has(rs, "late"), "a name added after a look-up is found");
    resume_free(rs);
    resume_free(NULL);
}

/* Writes TEXT to a new file in the scratch folder; returns its path
 * (caller frees). */
static char *
write_file(const char *text)
{
    static unsigned n;
    char name[32];

    snprintf(name, sizeof name, "results-%u.jsonl", ++n);
    return tu_write_file(tu_tmpdir("test_resume"), name, text, strlen(text));
}

#define R(t, v) "{\"target\":\"" t "\",\"url\":null,\"verdict\":\"" v "\"}\n"

static const struct {
    const char *name, *text;
    enum ac_status rc;
    bool warns;
    const char *done, *not_done; /* one of each to ask about, or NULL */
    const char *msg;             /* in the error or warning: ":LINE: " */
} files[] = {
    {"verdicts other than error are done",
     R("p.html", "pass") R("w.html", "warn") R("f.html", "fail")
         R("n.html", "none") R("e.html", "error"),
     AC_OK, false, "n.html", "e.html", NULL},
    {"error is not done", R("e.html", "error"), AC_OK, false, NULL, "e.html",
     NULL},
    {"blank lines are skipped", "\n" R("a", "pass") "  \n\r\n" R("b", "fail"),
     AC_OK, false, "b", "c", NULL},
    {"damaged last line: warning", R("a", "pass") "{\"target\":\"b\",\"verd",
     AC_OK, true, "a", "b", ":2: "},
    {"damaged last line then blank lines: warning",
     R("a", "pass") "{\"target\":\"b\"\n\n", AC_OK, true, "a", "b", ":2: "},
    {"damaged middle line: error",
     R("a", "pass") "{\"target\":\"b\",\"verd\n" R("c", "pass"), AC_E_DATA,
     false, "a", NULL, ":2: "},
    {"not an object: error", "[1,2]\n" R("a", "pass"), AC_E_DATA, false, NULL,
     NULL, ":1: "},
    {"no verdict: error", "{\"target\":\"a\"}\n" R("b", "pass"), AC_E_DATA,
     false, NULL, NULL, ":1: "},
    {"target not a string: error",
     "{\"target\":1,\"verdict\":\"pass\"}\n\n" R("b", "pass"), AC_E_DATA, false,
     NULL, NULL, ":1: "},
    {"a JSON report (not jsonl): error",
     "{\"attrcheck\":\"0.1\",\"results\":[\n" R("a", "pass"), AC_E_DATA, false,
     NULL, NULL, ":1: "},
    {"empty file", "", AC_OK, false, NULL, "a", NULL},
    {"no newline at the end",
     R("a", "pass") "{\"target\":\"b\",\"verdict\":"
                    "\"pass\"}",
     AC_OK, false, "b", NULL, NULL},
};

static void
test_load(void)
{
    size_t i;

    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = write_file(files[i].text);
        struct resume *rs = resume_new();
        struct ac_err warn = {0}, err = {0};
        enum ac_status rc = resume_load(rs, path, &warn, &err);
        const char *msg = files[i].warns ? warn.msg : err.msg;

        ok(rc == files[i].rc && (warn.code != AC_OK) == files[i].warns,
           "%s: status %d, warning %s", files[i].name, (int)rc,
           warn.code ? warn.msg : "none");
        if (files[i].done != NULL)
            ok(resume_has(rs, files[i].done), "%s: %s done", files[i].name,
               files[i].done);
        if (files[i].not_done != NULL)
            ok(!resume_has(rs, files[i].not_done), "%s: %s not done",
               files[i].name, files[i].not_done);
        if (files[i].msg != NULL)
            ok(strncmp(msg, path, strlen(path)) == 0 &&
                   strstr(msg, files[i].msg) != NULL,
               "%s: message names file%sLINE (%s)", files[i].name, files[i].msg,
               msg);
        resume_free(rs);
        unlink(path);
        free(path);
    }
}

static void
test_missing(void)
{
    struct resume *rs = resume_new();
    struct ac_err warn = {0}, err = {0};

    ok(resume_load(rs, "/nonexistent/x.jsonl", &warn, &err) == AC_E_IO &&
           strstr(err.msg, "/nonexistent/x.jsonl") != NULL,
       "a missing file is an I/O error naming it (%s)", err.msg);
    resume_free(rs);
}

int
main(void)
{
    test_set();
    test_load();
    test_missing();
    return tap_done();
}
