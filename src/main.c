/* SPDX-License-Identifier: MIT */
/*
 * main: argv -> options (and .attrcheckrc) -> rules -> run -> exit code
 * under the policy; nothing else.
 * The one place (with the reporters) that talks to the user, and the one
 * place that initialises and cleans up the libraries process-wide.
 */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "fetch.h"
#include "findings.h"
#include "html.h"
#include "interrupt.h"
#include "msg.h"
#include "options.h"
#include "policy.h"
#include "report.h"
#include "resume.h"
#include "rules.h"
#include "run.h"
#include "strbuf.h"
#include "targets.h"
#include "xalloc.h"

static bool
want_color(const struct options *o, FILE *out)
{
    const char *term = getenv("TERM");

    if (o->color != COLOR_AUTO)
        return o->color == COLOR_ALWAYS;
    return isatty(fileno(out)) && getenv("NO_COLOR") == NULL &&
           !(term != NULL && strcmp(term, "dumb") == 0);
}

static int
usage_error(const char *msg)
{
    struct strbuf codes = STRBUF_INIT;

    msg_error("%s", msg);
    if (strstr(msg, FINDINGS_UNKNOWN_CODE) != NULL) {
        findings_codes_line(&codes);
        msg_error("valid finding codes: %s", strbuf_str(&codes));
        strbuf_release(&codes);
    }
    fputs("attrcheck: try 'attrcheck --help'\n", stderr);
    return EXIT_USAGE;
}

/* Loads --cache FILE when sources will be verified: a damaged file, or
 * one written by another version or with other rules, is ignored with a
 * warning and the run goes on without it. */
static struct cache *
open_cache(const struct options *o, const struct rules *rules)
{
    struct ac_err err = {0};
    struct cache *c;
    enum ac_status rc;
    char fp[24];

    if (o->cache_file == NULL || o->offline || o->no_verify)
        return NULL;
    c = cache_new((long long)time(NULL));
    snprintf(fp, sizeof fp, "%016llx",
             (unsigned long long)rules_fingerprint(rules));
    cache_set_rules(c, fp);
    rc = cache_load(c, o->cache_file, &err);
    if (rc == AC_E_LIMIT)
        msg_warn("%s", err.msg);
    else if (rc != AC_OK)
        msg_warn("%s: cache ignored", err.msg);
    return c;
}

/* Writes the cache back (atomically) and frees it. */
static void
close_cache(const struct options *o, struct cache *c)
{
    struct ac_err err = {0};

    if (c != NULL && cache_save(c, o->cache_file, &err) != AC_OK)
        msg_warn("%s: cache not saved", err.msg);
    cache_free(c);
}

/* PATH with its folder made absolute and symlink-free (the file itself
 * need not exist), or NULL when the folder cannot be resolved. */
static char *
canonical_path(const char *path)
{
    char *d = xstrdup(path), *b = xstrdup(path), real[PATH_MAX], *out = NULL;

    if (realpath(dirname(d), real) != NULL)
        out = xasprintf("%s/%s", real, basename(b));
    free(d);
    free(b);
    return out;
}

/* True when paths A and B name one file, existing or not. */
static bool
same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    char *ca, *cb;
    bool same;

    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    ca = canonical_path(a);
    cb = canonical_path(b);
    same = ca != NULL && cb != NULL && strcmp(ca, cb) == 0;
    free(ca);
    free(cb);
    return same;
}

/* True when --resume FILE names the --output file: the run resumes in
 * place, appending to it. */
static bool
resumes_in_place(const struct options *o)
{
    size_t i;

    for (i = 0; o->output != NULL && i < o->resume_files_len; i++)
        if (same_file(o->output, o->resume_files[i]))
            return true;
    return false;
}

/* Reads --resume FILE into RS.  The output file itself (in place) may not
 * exist yet (a first run), and a damaged last line is cut from it. */
static enum ac_status
load_resume_file(const struct options *o, struct resume *rs, const char *path,
                 struct ac_err *err)
{
    struct ac_err warn = {0};
    bool in_place = o->output != NULL && same_file(o->output, path);
    long long keep;

    if (in_place && access(path, F_OK) != 0 && errno == ENOENT) {
        msg_info("%s: not there yet, a first run", path);
        return AC_OK;
    }
    if (resume_load_keep(rs, path, &keep, &warn, err) != AC_OK)
        return err->code;
    if (warn.code != AC_OK)
        msg_warn("%s%s", warn.msg, in_place ? "; cut from the file" : "");
    return in_place ? resume_trim(path, keep, err) : AC_OK;
}

/* Reads the --resume reports into *OUT (NULL without --resume).  A
 * damaged last line, the mark of an interrupted run, is a warning; any
 * other damage or an unreadable file is an error.  --resume naming the
 * --output file resumes in place, which needs -f jsonl. */
static enum ac_status
open_resume(const struct options *o, struct resume **out, struct ac_err *err)
{
    size_t i;

    *out = NULL;
    if (o->resume_files_len == 0)
        return AC_OK;
    if (resumes_in_place(o) && o->format != FORMAT_JSONL)
        return ac_err_set(err, AC_E_USAGE,
                          "%s: --resume with the --output file resumes in "
                          "place, which needs -f jsonl",
                          o->output);
    *out = resume_new();
    for (i = 0; i < o->resume_files_len; i++) {
        if (load_resume_file(o, *out, o->resume_files[i], err) != AC_OK) {
            resume_free(*out);
            *out = NULL;
            return err->code;
        }
    }
    return AC_OK;
}

/* After SIGINT or SIGTERM: one line saying what was written and how to
 * go on. */
static void
say_interrupted(const struct options *o, size_t written)
{
    const char *sig = interrupt_name();

    if (o->format != FORMAT_JSONL)
        msg_error("interrupted by %s after %zu results; only -f jsonl runs "
                  "resume (-f jsonl -o FILE --resume FILE)",
                  sig, written);
    else if (o->output == NULL)
        msg_error("interrupted by %s after %zu results; to resume, run again "
                  "with --resume naming the saved output",
                  sig, written);
    else if (resumes_in_place(o))
        msg_error("interrupted by %s: %zu more results in %s; run the same "
                  "command again to resume",
                  sig, written, o->output);
    else
        msg_error("interrupted by %s: %zu results in %s; run the same "
                  "command with --resume %s added to resume",
                  sig, written, o->output, o->output);
}

/* Says with -v what the target stream passed over. */
static void
say_tally(const struct options *o, const struct targets_tally *t)
{
    if (o->shard_n > 0)
        msg_info("shard %u/%u: %zu targets left to other shards", o->shard_k,
                 o->shard_n, t->other_shard);
    if (o->resume_files_len > 0)
        msg_info("resume: %zu targets judged before, skipped", t->done);
    if (t->warc_records > 0)
        msg_info("warc: %zu records read, %zu passed over: %zu not HTTP "
                 "responses, %zu not HTML, %zu not 2xx",
                 t->warc_records,
                 t->warc_not_response + t->warc_not_html + t->warc_not_2xx,
                 t->warc_not_response, t->warc_not_html, t->warc_not_2xx);
}

/* Runs the check with the report open on OUT; the exit code. */
static int
run_report(const struct options *o, const struct run_env *env, FILE *out)
{
    struct run_stats stats;
    struct report rep;
    struct ac_err err = {0};

    report_init(&rep, o->format, out, want_color(o, out), o->verbosity);
    rep.fail_on = o->fail_on;
    rep.step_summary = getenv("GITHUB_STEP_SUMMARY");
    if (run_targets(o, env, &rep, &stats, &err) != AC_OK)
        return err.code == AC_E_USAGE ? usage_error(err.msg)
                                      : (msg_error("%s", err.msg), EXIT_USAGE);
    if (interrupt_pending()) {
        say_interrupted(o, rep.written);
        return EXIT_UNCHECKED;
    }
    return policy_exit_code(o->fail_on, &stats);
}

static int
check_all(const struct options *o, const struct rules *rules)
{
    struct targets_tally tally = {0};
    struct run_env env = {.rules = rules, .tally = &tally};
    struct policy *policy = NULL;
    struct ac_err err = {0};
    FILE *out = stdout;
    int code;

    if (policy_new(o, &policy, &err) != AC_OK)
        return usage_error(err.msg);
    if (open_resume(o, &env.done, &err) != AC_OK ||
        (o->output != NULL &&
         (out = fopen(o->output,
                      env.done != NULL && resumes_in_place(o) ? "a" : "w")) ==
             NULL)) {
        if (err.code != AC_OK)
            msg_error("%s", err.msg);
        else
            msg_error("%s: %s", o->output, strerror(errno));
        resume_free(env.done);
        policy_free(policy);
        return EXIT_USAGE;
    }
    env.policy = policy;
    env.cache = open_cache(o, rules);
    code = run_report(o, &env, out);
    say_tally(o, &tally);
    resume_free(env.done);
    close_cache(o, env.cache);
    policy_free(policy);
    if (fflush(out) != 0 || ferror(out) || (out != stdout && fclose(out))) {
        msg_error("%s: %s", o->output ? o->output : "standard output",
                  strerror(errno));
        return EXIT_USAGE;
    }
    return code;
}

int
main(int argc, char **argv)
{
    struct options opts;
    struct rules *rules = NULL;
    struct ac_err err = {0};
    int code;

    if (options_parse(argc, argv, &opts, &err) != AC_OK)
        return usage_error(err.msg);
    msg_set_level(opts.verbosity);
    if (opts.config_file != NULL)
        msg_info("settings from %s", opts.config_file);
    if (opts.show_help || opts.show_version) {
        if (opts.show_help)
            options_print_help(stdout);
        else
            printf("attrcheck %s\n", PACKAGE_VERSION);
        options_free(&opts);
        return EXIT_PASS;
    }
    if (rules_load(opts.rules_dir ? opts.rules_dir : run_default_rules_dir(),
                   &rules, &err) != AC_OK) {
        msg_error("%s", err.msg);
        options_free(&opts);
        return EXIT_USAGE;
    }
    fetch_global_init();
    interrupt_install();
    code = check_all(&opts, rules);
    fetch_global_cleanup();
    rules_free(rules);
    options_free(&opts);
    html_global_cleanup();
    return code;
}
