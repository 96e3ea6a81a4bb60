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
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "desktop.h"
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

/* The fingerprint of RULES as the cache stores it: 16 hex digits. */
static void
rules_hex(const struct rules *rules, char out[24])
{
    snprintf(out, 24, "%016llx", (unsigned long long)rules_fingerprint(rules));
}

/* Opens --cache FILE when sources will be verified.  A file that is not
 * an attrcheck cache, or is damaged, is reported and the run goes on
 * without a cache; the file is left as it is. */
static struct cache *
open_cache(const struct options *o, const struct rules *rules)
{
    struct ac_err err = {0}, note = {0};
    struct cache *c = NULL;
    char fp[24];

    if (o->cache_file == NULL || o->offline || o->no_verify)
        return NULL;
    rules_hex(rules, fp);
    if (cache_open(o->cache_file, fp, (long long)time(NULL), &c, &note, &err) !=
        AC_OK)
        msg_warn("%s: running without a cache", err.msg);
    else if (note.msg[0] != '\0')
        msg_warn("%s", note.msg);
    return c;
}

/* Commits what is pending and closes the cache. */
static void
close_cache(struct cache *c)
{
    struct ac_err err = {0};

    if (cache_close(c, &err) != AC_OK)
        msg_warn("%s: some entries were not saved", err.msg);
}

/* Prints the age of unix time T seen at NOW: "3 s", "5 h", "12 d". */
static void
print_when(const char *label, long long t, long long now)
{
    long long age = now - t;
    char date[32];
    time_t tt = (time_t)t;
    struct tm tm;

    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
    if (age < 3600)
        printf("%s: %s (%lld s ago)\n", label, date, age);
    else if (age < 86400)
        printf("%s: %s (%lld h ago)\n", label, date, age / 3600);
    else
        printf("%s: %s (%lld d ago)\n", label, date, age / 86400);
}

static void
print_stats(const char *path, const struct cache_stats *st, const char *fp,
            long long now)
{
    printf("file: %s\n", path);
    printf("format: %d (attrcheck %s, rules %s: %s)\n", st->format, st->version,
           st->rules,
           strcmp(st->rules, fp) == 0 &&
                   strcmp(st->version, PACKAGE_VERSION) == 0
               ? "this attrcheck's"
               : "not this attrcheck's, the next run empties it");
    printf("entries: %lld\n", st->entries);
    printf("size: %lld bytes (WAL %lld bytes; shingles %lld bytes)\n",
           st->file_bytes + st->wal_bytes, st->wal_bytes, st->shingle_bytes);
    if (st->entries > 0) {
        print_when("newest", st->newest, now);
        print_when("oldest", st->oldest, now);
    }
    printf("age under 1 h: %lld\nage 1 h to 1 d: %lld\n"
           "age 1 d to 1 w: %lld\nage 1 w to 30 d: %lld\n"
           "age over 30 d: %lld\n",
           st->by_age[0], st->by_age[1], st->by_age[2], st->by_age[3],
           st->by_age[4]);
}

/* --cache-export FILE: the entries as JSON Lines. */
static enum ac_status
export_cache(const struct options *o, struct ac_err *err)
{
    bool to_stdout = strcmp(o->cache_export, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(o->cache_export, "w");
    enum ac_status rc;
    long long n = 0;

    if (out == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", o->cache_export,
                          strerror(errno));
    rc = cache_export(o->cache_file, out,
                      to_stdout ? "standard output" : o->cache_export, &n, err);
    if (!to_stdout && fclose(out) != 0 && rc == AC_OK)
        rc = ac_err_set(err, AC_E_IO, "%s: %s", o->cache_export,
                        strerror(errno));
    if (rc == AC_OK)
        msg_info("%s: %lld entries written", o->cache_export, n);
    return rc;
}

/* --cache-prune, --cache-export, --cache-stats: work on the cache file
 * alone, in that order, and check nothing. */
static int
cache_commands(const struct options *o, const struct rules *rules)
{
    long long now = (long long)time(NULL), dropped, before, after;
    struct cache_stats st;
    struct ac_err err = {0};
    char fp[24];

    if (o->cache_file == NULL)
        return usage_error("--cache-stats, --cache-prune and --cache-export "
                           "need --cache FILE");
    if (o->targets_len > 0 || o->inputs_len > 0)
        return usage_error("--cache-stats, --cache-prune and --cache-export "
                           "check no targets: give those to another run");
    if (o->cache_prune) {
        if (cache_prune(o->cache_file, now, &dropped, &before, &after, &err) !=
            AC_OK)
            goto fail;
        printf("%s: %lld entries older than 30 days deleted; %lld -> %lld "
               "bytes\n",
               o->cache_file, dropped, before, after);
    }
    if (o->cache_export != NULL && export_cache(o, &err) != AC_OK)
        goto fail;
    if (o->cache_stats) {
        if (cache_stats(o->cache_file, now, &st, &err) != AC_OK)
            goto fail;
        rules_hex(rules, fp);
        print_stats(o->cache_file, &st, fp, now);
    }
    return EXIT_PASS;
fail:
    msg_error("%s", err.msg);
    return EXIT_USAGE;
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

/* --open: shows the written report on a desktop, or says why not. */
static void
open_report(const char *path)
{
    struct ac_err err = {0};

    if (desktop_open(path, &err) == AC_OK)
        return;
    if (err.code == AC_E_USAGE)
        msg_info("%s: not opened: %s", path, err.msg);
    else
        msg_warn("%s: not opened: %s", path, err.msg);
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
    rep.html_texts = o->html_texts;
    rep.html_passing_rows = o->html_passing_rows;
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
    close_cache(env.cache);
    policy_free(policy);
    if (fflush(out) != 0 || ferror(out) || (out != stdout && fclose(out))) {
        msg_error("%s: %s", o->output ? o->output : "standard output",
                  strerror(errno));
        return EXIT_USAGE;
    }
    if (o->open)
        open_report(o->output);
    return code;
}

/*
 * Keeps freed memory in the process for the next page instead of giving
 * it back at once.  glibc returns the top of the heap to the kernel when
 * more than 128 KiB of it is free and serves blocks over 128 KiB-32 MiB
 * (a threshold that moves) with mmap: PCRE2's JIT compiler and the big
 * page and text buffers then took fresh pages, a page fault each, over
 * and over (25,000 faults on the 1,000-page WARC of bench/run, 16,000 of
 * them in malloc; a fault costs tens of microseconds on a virtual
 * machine).  The peak of what is live still bounds the memory held.
 */
static void
tune_malloc(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
}

int
main(int argc, char **argv)
{
    struct options opts;
    struct rules *rules = NULL;
    struct ac_err err = {0};
    int code;

    tune_malloc();
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
    /* ATTRCHECK_PREFILTER=0: the same run the long way, to compare */
    if (getenv("ATTRCHECK_PREFILTER") != NULL &&
        strcmp(getenv("ATTRCHECK_PREFILTER"), "0") == 0)
        rules_prefilter_set(rules, false);
    interrupt_install();
    if (opts.cache_stats || opts.cache_prune || opts.cache_export != NULL)
        code = cache_commands(&opts, rules);
    else
        code = check_all(&opts, rules);
    fetch_global_cleanup();
    rules_free(rules);
    options_free(&opts);
    html_global_cleanup();
    return code;
}
