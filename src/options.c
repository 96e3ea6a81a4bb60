/* SPDX-License-Identifier: MIT */
/*
 * options: the option table, command-line parsing (getopt_long built
 * from the table), value checking and --help.  Every option is one row
 * in OPTION_TABLE; nothing else lists them.  Its longer man-page text is
 * docs/options/NAME.roff (CONTRIBUTING.md: adding an option).  It does not open
 * files or check that targets exist: that happens when targets are read.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_file.h"
#include "findings.h"
#include "options.h"
#include "shard.h"
#include "strbuf.h"
#include "xalloc.h"

enum opt_id {
    OPT_INPUT = 'i',
    OPT_FORMAT = 'f',
    OPT_OUTPUT = 'o',
    OPT_QUIET = 'q',
    OPT_VERBOSE = 'v',
    OPT_JOBS = 'j',
    OPT_HELP = 'h',
    OPT_VERSION = 'V',
    OPT_RECURSIVE = 'r',
    OPT_OFFLINE = 256,
    OPT_BASE_URL,
    OPT_RULES,
    OPT_STRICT,
    OPT_COLOR,
    OPT_TIMEOUT,
    OPT_MAX_SIZE,
    OPT_PER_HOST,
    OPT_DELAY,
    OPT_MAX_CRAWL_DELAY,
    OPT_RETRIES,
    OPT_IGNORE_ROBOTS,
    OPT_USER_AGENT,
    OPT_RESOLVE,
    OPT_DENY_PRIVATE,
    OPT_REMAP,
    OPT_NO_VERIFY,
    OPT_MAX_CHAIN,
    OPT_CACHE,
    OPT_MAX_CACHE_AGE,
    OPT_CACHE_STATS,
    OPT_CACHE_PRUNE,
    OPT_CACHE_EXPORT,
    OPT_EXCLUDE,
    OPT_INCLUDE,
    OPT_FAIL_ON,
    OPT_SEVERITY,
    OPT_REQUIRE_LICENSE,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_SHARD,
    OPT_SHARD_BY,
    OPT_RESUME,
    OPT_MAX_DEPTH,
    OPT_MAX_PAGES,
    OPT_HTML_TEXTS,
    OPT_HTML_PASSING,
    OPT_OPEN,
    OPT_THREADS,
    OPT_SITEMAP,
    OPT_WARC_OUT,
    OPT_SOURCE_WARC,
    OPT_PROGRESS,
    OPT_NO_PROGRESS
};

struct option_def {
    const char *name; /* long name */
    int id;           /* short letter when < 256 */
    const char *arg;  /* argument name for --help, NULL for flags */
    const char *help;
};

static const struct option_def OPTION_TABLE[] = {
    {"input", OPT_INPUT, "FILE",
     "read targets from FILE, one per line ('-' for stdin)"},
    {"format", OPT_FORMAT, "FMT",
     "output format: text, json, jsonl, sarif, junit, github, gitlab, csv, "
     "markdown or html"},
    {"output", OPT_OUTPUT, "FILE", "write the report to FILE"},
    {"html-texts", OPT_HTML_TEXTS, "WHICH",
     "html: show the copy beside its original for problems (default), all "
     "or none"},
    {"html-passing", OPT_HTML_PASSING, "HOW",
     "html: passing targets get a detail (default) or only a row"},
    {"open", OPT_OPEN, NULL,
     "open the html report (-o FILE) with xdg-open on a desktop"},
    {"offline", OPT_OFFLINE, NULL, "never touch the network"},
    {"base-url", OPT_BASE_URL, "URL",
     "where the files are published (maps paths to URLs)"},
    {"rules", OPT_RULES, "DIR", "read detection rules from DIR"},
    {"strict", OPT_STRICT, NULL, "warnings fail too (--fail-on warn)"},
    {"fail-on", OPT_FAIL_ON, "WHAT",
     "what exits 1: warn, fail (default), error or never"},
    {"severity", OPT_SEVERITY, "CODE=LEVEL",
     "set a finding's severity: error, warning, info or off (repeatable)"},
    {"require-license", OPT_REQUIRE_LICENSE, "GLOB",
     "pages matching GLOB must carry a licence (repeatable)"},
    {"exclude", OPT_EXCLUDE, "GLOB",
     "skip files below a folder target matching GLOB (repeatable)"},
    {"include", OPT_INCLUDE, "GLOB",
     "check only files below a folder target matching GLOB (repeatable)"},
    {"config", OPT_CONFIG, "FILE",
     "read settings from FILE instead of .attrcheckrc"},
    {"no-config", OPT_NO_CONFIG, NULL, "read no configuration file"},
    {"color", OPT_COLOR, "WHEN", "colour text output: auto, always, never"},
    {"threads", OPT_THREADS, "N",
     "threads that check pages (default: one per online CPU)"},
    {"jobs", OPT_JOBS, "N", "transfers in flight (default 16)"},
    {"per-host", OPT_PER_HOST, "N", "transfers in flight per host (default 2)"},
    {"delay", OPT_DELAY, "SECONDS",
     "pause between requests to one host (default 0)"},
    {"max-crawl-delay", OPT_MAX_CRAWL_DELAY, "SECONDS",
     "cap on robots.txt Crawl-delay (default 30)"},
    {"timeout", OPT_TIMEOUT, "SECONDS",
     "limit for a whole transfer (default 30)"},
    {"max-size", OPT_MAX_SIZE, "BYTES",
     "largest page accepted, decoded (default 10M)"},
    {"retries", OPT_RETRIES, "N", "retries of a failed transfer (default 2)"},
    {"ignore-robots", OPT_IGNORE_ROBOTS, NULL, "do not obey robots.txt"},
    {"user-agent", OPT_USER_AGENT, "STRING", "User-Agent header to send"},
    {"resolve", OPT_RESOLVE, "HOST:PORT:ADDR",
     "use ADDR for HOST:PORT (repeatable)"},
    {"deny-private", OPT_DENY_PRIVATE, NULL,
     "never connect to loopback, private, link-local or reserved addresses"},
    {"remap", OPT_REMAP, "'REGEX REPL'",
     "rewrite URLs before fetching (repeatable)"},
    {"no-verify", OPT_NO_VERIFY, NULL,
     "do not fetch and check the sources pages credit"},
    {"max-chain", OPT_MAX_CHAIN, "N",
     "links of an attribution chain to follow (0-10, default 3)"},
    {"cache", OPT_CACHE, "FILE", "keep fetched sources in FILE between runs"},
    {"max-cache-age", OPT_MAX_CACHE_AGE, "DURATION",
     "reuse cached sources this young (30s, 15m, 12h, 1d, 2w; default 1d)"},
    {"cache-stats", OPT_CACHE_STATS, NULL,
     "print the --cache file's entries, size and ages, and exit"},
    {"cache-prune", OPT_CACHE_PRUNE, NULL,
     "delete entries older than 30 days from the --cache file, compact it "
     "and exit"},
    {"cache-export", OPT_CACHE_EXPORT, "FILE",
     "write the --cache file's entries to FILE as JSON Lines ('-' for "
     "stdout) and exit"},
    {"shard", OPT_SHARD, "K/N",
     "check only shard K of N (1 <= K <= N <= 4096), split by a hash of "
     "each URL's host (see --shard-by); auto or auto/N reads K and N from "
     "Slurm, Kubernetes or GNU parallel"},
    {"shard-by", OPT_SHARD_BY, "WHAT",
     "what --shard splits by: host (default; files by name) or target"},
    {"resume", OPT_RESUME, "FILE",
     "skip targets a jsonl report FILE judged, errors aside; FILE also "
     "given to -o resumes in place (repeatable)"},
    {"recursive", OPT_RECURSIVE, NULL,
     "crawl: also check the pages a URL target links to on its site"},
    {"max-depth", OPT_MAX_DEPTH, "N",
     "links followed from a start page with -r (0-1000, default 5)"},
    {"max-pages", OPT_MAX_PAGES, "N",
     "pages a -r crawl fetches at most (default: no limit)"},
    {"sitemap", OPT_SITEMAP, "URL",
     "check every page a sitemap or sitemap index lists on its site "
     "(repeatable)"},
    {"warc-out", OPT_WARC_OUT, "FILE",
     "keep the HTTP exchanges and verdicts as WARC 1.1 evidence in FILE "
     "(.warc.gz: gzip per record)"},
    {"source-warc", OPT_SOURCE_WARC, "FILE",
     "read the originals pages credit from the WARC file FILE before the "
     "network (repeatable)"},
    {"progress", OPT_PROGRESS, NULL,
     "show a progress line on stderr even when it is not a terminal"},
    {"no-progress", OPT_NO_PROGRESS, NULL,
     "show no progress line, even on a terminal"},
    {"quiet", OPT_QUIET, NULL, "print no warnings, only the report"},
    {"verbose", OPT_VERBOSE, NULL, "say more about what happens"},
    {"help", OPT_HELP, NULL, "show this help and exit"},
    {"version", OPT_VERSION, NULL, "show the version and exit"},
};

#define OPTION_COUNT (sizeof OPTION_TABLE / sizeof OPTION_TABLE[0])

static void
defaults(struct options *o)
{
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TEXT;
    o->color = COLOR_AUTO;
    o->progress = -1;
    o->timeout_ms = 30000;
    o->max_size = 10 * 1024 * 1024;
    o->jobs = 16;
    o->per_host = 2;
    o->max_crawl_delay_ms = 30000;
    o->retries = 2;
    o->max_chain = 3;
    o->max_cache_age_s = 86400;
    o->max_depth = 5;
}

static void
push(char ***v, size_t *len, const char *s)
{
    *v = xreallocarray(*v, *len + 1, sizeof **v);
    (*v)[(*len)++] = xstrdup(s);
}

/* Parses a whole number in [MIN, MAX]. */
static bool
parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* Parses seconds ("30", "1.5") into milliseconds in [0, MAX_MS]. */
static bool
parse_seconds(const char *s, long max_ms, long *out_ms)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !isfinite(v) || v < 0 ||
        v * 1000.0 > (double)max_ms)
        return false;
    *out_ms = (long)(v * 1000.0 + 0.5);
    return true;
}

/* Parses a duration with a unit: s, m, h, d or w ("30s", "1d") into
 * seconds, at most about ten years. */
static bool
parse_duration(const char *s, long *out_s)
{
    static const struct {
        char unit;
        long secs;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
    char *end;
    long v;
    size_t i;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno == 0 && end != s && end[0] == '\0' && v == 0) {
        *out_s = 0; /* "0" needs no unit: revalidate everything */
        return true;
    }
    if (errno != 0 || end == s || end[0] == '\0' || end[1] != '\0')
        return false;
    for (i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i].unit == *end && v <= 3650L * 86400 / units[i].secs) {
            *out_s = v * units[i].secs;
            return true;
        }
    return false;
}

/* Parses a byte count with an optional K, M or G suffix (powers of 1024,
 * "KiB" and "KB" spellings accepted). */
static bool
parse_bytes(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned long long mult = 1;

    if (*s == '-' || *s == '\0')
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return false;
    switch (*end) {
    case 'k':
    case 'K':
        mult = 1ULL << 10;
        end++;
        break;
    case 'm':
    case 'M':
        mult = 1ULL << 20;
        end++;
        break;
    case 'g':
    case 'G':
        mult = 1ULL << 30;
        end++;
        break;
    default:
        break;
    }
    if (mult > 1 && (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0))
        end += strlen(end);
    if (*end != '\0' || v == 0 || v > (1ULL << 40) / mult)
        return false;
    *out = (size_t)(v * mult);
    return true;
}

static const struct option_def *
find_def(int id)
{
    size_t i;

    for (i = 0; i < OPTION_COUNT; i++)
        if (OPTION_TABLE[i].id == id)
            return &OPTION_TABLE[i];
    return NULL;
}

static enum ac_status
bad_value(struct ac_err *err, int id, const char *arg, const char *want)
{
    const struct option_def *d = find_def(id);

    return ac_err_set(err, AC_E_USAGE, "--%s: '%s' is not %s",
                      d ? d->name : "?", arg, want);
}

/* Indexed by enum output_format. */
static const char *const FORMAT_NAMES[] = {
    "text",   "json",   "jsonl", "sarif",    "junit",
    "github", "gitlab", "csv",   "markdown", "html"};

#define FORMAT_COUNT (sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0])

const char *
options_format_name(enum output_format format)
{
    return (size_t)format < FORMAT_COUNT ? FORMAT_NAMES[format] : "?";
}

static enum ac_status
apply_format(struct options *o, const char *arg, struct ac_err *err)
{
    size_t i;

    for (i = 0; i < FORMAT_COUNT; i++)
        if (strcmp(arg, FORMAT_NAMES[i]) == 0) {
            o->format = (enum output_format)i;
            return AC_OK;
        }
    return bad_value(err, OPT_FORMAT, arg,
                     "text, json, jsonl, sarif, junit, github, gitlab, csv, "
                     "markdown or html");
}

/* --html-texts and --html-passing. */
static enum ac_status
apply_html(struct options *o, int id, const char *arg, struct ac_err *err)
{
    if (id == OPT_HTML_PASSING) {
        if (strcmp(arg, "detail") != 0 && strcmp(arg, "row") != 0)
            return bad_value(err, id, arg, "detail or row");
        o->html_passing_rows = strcmp(arg, "row") == 0;
        return AC_OK;
    }
    if (strcmp(arg, "problems") == 0)
        o->html_texts = HTML_TEXTS_PROBLEMS;
    else if (strcmp(arg, "all") == 0)
        o->html_texts = HTML_TEXTS_ALL;
    else if (strcmp(arg, "none") == 0)
        o->html_texts = HTML_TEXTS_NONE;
    else
        return bad_value(err, id, arg, "problems, all or none");
    return AC_OK;
}

static enum ac_status
apply_fail_on(struct options *o, const char *arg, struct ac_err *err)
{
    static const char *const names[] = {"fail", "warn", "error", "never"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(arg, names[i]) == 0) {
            o->fail_on = (enum fail_on)i;
            o->strict = o->fail_on == FAIL_ON_WARN;
            return AC_OK;
        }
    return bad_value(err, OPT_FAIL_ON, arg, "warn, fail, error or never");
}

static enum ac_status
apply_severity(struct options *o, const char *arg, struct ac_err *err)
{
    struct finding_override ov;

    if (findings_parse_override(arg, &ov, err) != AC_OK)
        return AC_E_USAGE;
    push(&o->severities, &o->severities_len, arg);
    return AC_OK;
}

static enum ac_status
apply_color(struct options *o, const char *arg, struct ac_err *err)
{
    if (strcmp(arg, "auto") == 0)
        o->color = COLOR_AUTO;
    else if (strcmp(arg, "always") == 0)
        o->color = COLOR_ALWAYS;
    else if (strcmp(arg, "never") == 0)
        o->color = COLOR_NEVER;
    else
        return bad_value(err, OPT_COLOR, arg, "auto, always or never");
    return AC_OK;
}

static void
set_string(char **field, const char *arg)
{
    free(*field);
    *field = xstrdup(arg);
}

/* Applies the options that take a number. */
static enum ac_status
apply_number(struct options *o, int id, const char *arg, struct ac_err *err)
{
    long v;

    switch (id) {
    case OPT_JOBS:
    case OPT_PER_HOST:
        if (!parse_int(arg, 1, 1024, &v))
            return bad_value(err, id, arg, "a number from 1 to 1024");
        *(id == OPT_JOBS ? &o->jobs : &o->per_host) = (int)v;
        return AC_OK;
    case OPT_THREADS:
        if (!parse_int(arg, 1, 256, &v))
            return bad_value(err, id, arg, "a number from 1 to 256");
        o->threads = (int)v;
        return AC_OK;
    case OPT_RETRIES:
        if (!parse_int(arg, 0, 20, &v))
            return bad_value(err, id, arg, "a number from 0 to 20");
        o->retries = (int)v;
        return AC_OK;
    case OPT_TIMEOUT:
        if (!parse_seconds(arg, 3600L * 1000, &v) || v == 0)
            return bad_value(err, id, arg,
                             "a number of seconds (0 < s <= 3600)");
        o->timeout_ms = v;
        return AC_OK;
    case OPT_DELAY:
    case OPT_MAX_CRAWL_DELAY:
        if (!parse_seconds(arg, 3600L * 1000, &v))
            return bad_value(err, id, arg, "a number of seconds (0 to 3600)");
        *(id == OPT_DELAY ? &o->delay_ms : &o->max_crawl_delay_ms) = v;
        return AC_OK;
    case OPT_MAX_SIZE:
        if (!parse_bytes(arg, &o->max_size))
            return bad_value(err, id, arg, "a size in bytes (like 10M)");
        return AC_OK;
    case OPT_MAX_CHAIN:
        if (!parse_int(arg, 0, 10, &v))
            return bad_value(err, id, arg, "a number from 0 to 10");
        o->max_chain = (int)v;
        return AC_OK;
    case OPT_MAX_DEPTH:
        if (!parse_int(arg, 0, 1000, &v))
            return bad_value(err, id, arg, "a number from 0 to 1000");
        o->max_depth = (int)v;
        return AC_OK;
    case OPT_MAX_PAGES:
        if (!parse_int(arg, 1, LONG_MAX, &v))
            return bad_value(err, id, arg, "a number of pages (1 or more)");
        o->max_pages = (size_t)v;
        return AC_OK;
    case OPT_MAX_CACHE_AGE:
        if (!parse_duration(arg, &o->max_cache_age_s))
            return bad_value(err, id, arg, "a duration (like 30s, 12h, 1d)");
        return AC_OK;
    default:
        return ac_err_set(err, AC_E_INTERNAL, "unhandled option %d", id);
    }
}

static enum ac_status
apply(struct options *o, int id, const char *arg, struct ac_err *err)
{
    switch (id) {
    case OPT_INPUT:
        push(&o->inputs, &o->inputs_len, arg);
        return AC_OK;
    case OPT_FORMAT:
        return apply_format(o, arg, err);
    case OPT_OUTPUT:
        set_string(&o->output, arg);
        return AC_OK;
    case OPT_WARC_OUT:
        set_string(&o->warc_out, arg);
        return AC_OK;
    case OPT_SOURCE_WARC:
        push(&o->source_warcs, &o->source_warcs_len, arg);
        return AC_OK;
    case OPT_HTML_TEXTS:
    case OPT_HTML_PASSING:
        return apply_html(o, id, arg, err);
    case OPT_OPEN:
        o->open = true;
        return AC_OK;
    case OPT_OFFLINE:
        o->offline = true;
        return AC_OK;
    case OPT_BASE_URL:
        set_string(&o->base_url, arg);
        return AC_OK;
    case OPT_RULES:
        set_string(&o->rules_dir, arg);
        return AC_OK;
    case OPT_STRICT:
        return apply_fail_on(o, "warn", err);
    case OPT_FAIL_ON:
        return apply_fail_on(o, arg, err);
    case OPT_SEVERITY:
        return apply_severity(o, arg, err);
    case OPT_REQUIRE_LICENSE:
        push(&o->require_license, &o->require_license_len, arg);
        return AC_OK;
    case OPT_EXCLUDE:
        push(&o->excludes, &o->excludes_len, arg);
        return AC_OK;
    case OPT_INCLUDE:
        push(&o->includes, &o->includes_len, arg);
        return AC_OK;
    case OPT_CONFIG:
        set_string(&o->config_file, arg);
        return AC_OK;
    case OPT_NO_CONFIG:
        o->no_config = true;
        return AC_OK;
    case OPT_COLOR:
        return apply_color(o, arg, err);
    case OPT_IGNORE_ROBOTS:
        o->ignore_robots = true;
        return AC_OK;
    case OPT_USER_AGENT:
        set_string(&o->user_agent, arg);
        return AC_OK;
    case OPT_RESOLVE:
        push(&o->resolve, &o->resolve_len, arg);
        return AC_OK;
    case OPT_DENY_PRIVATE:
        o->deny_private = true;
        return AC_OK;
    case OPT_REMAP:
        push(&o->remaps, &o->remaps_len, arg);
        return AC_OK;
    case OPT_NO_VERIFY:
        o->no_verify = true;
        return AC_OK;
    case OPT_CACHE:
        set_string(&o->cache_file, arg);
        return AC_OK;
    case OPT_CACHE_STATS:
        o->cache_stats = true;
        return AC_OK;
    case OPT_CACHE_PRUNE:
        o->cache_prune = true;
        return AC_OK;
    case OPT_CACHE_EXPORT:
        set_string(&o->cache_export, arg);
        return AC_OK;
    case OPT_SHARD:
        if (shard_parse(arg, &o->shard_k, &o->shard_n, err) != AC_OK) {
            char why[sizeof err->msg];

            snprintf(why, sizeof why, "%s", err->msg);
            return ac_err_set(err, AC_E_USAGE, "--shard: %s", why);
        }
        return AC_OK;
    case OPT_SHARD_BY:
        if (strcmp(arg, "host") != 0 && strcmp(arg, "target") != 0)
            return bad_value(err, id, arg, "host or target");
        o->shard_by_target = strcmp(arg, "target") == 0;
        return AC_OK;
    case OPT_RESUME:
        push(&o->resume_files, &o->resume_files_len, arg);
        return AC_OK;
    case OPT_RECURSIVE:
        o->recursive = true;
        return AC_OK;
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
        o->progress = id == OPT_PROGRESS ? 1 : 0;
        return AC_OK;
    case OPT_SITEMAP:
        push(&o->sitemaps, &o->sitemaps_len, arg);
        return AC_OK;
    case OPT_QUIET:
        o->verbosity = -1;
        return AC_OK;
    case OPT_VERBOSE:
        o->verbosity = 1;
        return AC_OK;
    case OPT_HELP:
        o->show_help = true;
        return AC_OK;
    case OPT_VERSION:
        o->show_version = true;
        return AC_OK;
    default:
        return apply_number(o, id, arg, err);
    }
}

/* Builds getopt_long's tables from OPTION_TABLE. */
static void
build_getopt(struct option *longs, char *shorts)
{
    size_t i, n = 0;

    shorts[n++] = ':'; /* report a missing argument as ':' */
    for (i = 0; i < OPTION_COUNT; i++) {
        const struct option_def *d = &OPTION_TABLE[i];

        longs[i].name = d->name;
        longs[i].has_arg = d->arg ? required_argument : no_argument;
        longs[i].flag = NULL;
        longs[i].val = d->id;
        if (d->id < 256) {
            shorts[n++] = (char)d->id;
            if (d->arg)
                shorts[n++] = ':';
        }
    }
    memset(&longs[OPTION_COUNT], 0, sizeof longs[0]);
    shorts[n] = '\0';
}

static enum ac_status
getopt_error(int c, char **argv, struct ac_err *err)
{
    const char *word = argv[optind - 1];

    const char *eq = strchr(word, '=');

    if (c == ':')
        return ac_err_set(err, AC_E_USAGE, "option '%s' needs a value", word);
    /* a long flag given a value: getopt sets optopt to the flag's id, which
     * for --quiet is 'q', so name the option as typed */
    if (strncmp(word, "--", 2) == 0 && eq != NULL && optopt != 0)
        return ac_err_set(err, AC_E_USAGE, "option '%.*s' takes no value",
                          (int)(eq - word), word);
    if (optopt != 0 && optopt < 256 && strncmp(word, "--", 2) != 0)
        return ac_err_set(err, AC_E_USAGE, "unknown option '-%c'", optopt);
    return ac_err_set(err, AC_E_USAGE, "unknown option '%s'", word);
}

/* Parses ARGV into O on top of what O holds already. */
static enum ac_status
parse_argv(int argc, char **argv, struct options *o, struct ac_err *err)
{
    struct option longs[OPTION_COUNT + 1];
    char shorts[2 * OPTION_COUNT + 2];
    enum ac_status rc;
    int c;

    build_getopt(longs, shorts);
    opterr = 0;
    optind = 0; /* 0 re-initialises GNU getopt, so we may parse twice */
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == '?' || c == ':')
            rc = getopt_error(c, argv, err);
        else
            rc = apply(o, c, optarg, err);
        if (rc != AC_OK)
            return rc;
    }
    for (; optind < argc; optind++)
        push(&o->targets, &o->targets_len, argv[optind]);
    return AC_OK;
}

/* Turns a flag off, for "name = false" in the configuration file. */
static void
clear_flag(struct options *o, int id)
{
    switch (id) {
    case OPT_OFFLINE:
        o->offline = false;
        break;
    case OPT_STRICT:
        o->strict = false;
        o->fail_on = FAIL_ON_FAIL;
        break;
    case OPT_IGNORE_ROBOTS:
        o->ignore_robots = false;
        break;
    case OPT_DENY_PRIVATE:
        o->deny_private = false;
        break;
    case OPT_NO_VERIFY:
        o->no_verify = false;
        break;
    case OPT_RECURSIVE:
        o->recursive = false;
        break;
    case OPT_OPEN:
        o->open = false;
        break;
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
        o->progress = -1;
        break;
    default:
        o->verbosity = 0;
        break; /* quiet, verbose */
    }
}

static bool
word_in(const char *s, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

/* One "NAME = VALUE" line of the configuration file (config_file.h). */
static enum ac_status
apply_setting(void *arg, const char *name, const char *value,
              struct ac_err *err)
{
    static const char *const yes[] = {"true", "yes", "on", "1", NULL};
    static const char *const no[] = {"false", "no", "off", "0", NULL};
    static const char *const banned[] = {
        "config",      "no-config",   "help",         "version",
        "cache-stats", "cache-prune", "cache-export", NULL};
    struct options *o = arg;
    size_t i;

    for (i = 0; i < OPTION_COUNT; i++)
        if (strcmp(OPTION_TABLE[i].name, name) == 0)
            break;
    if (i == OPTION_COUNT)
        return ac_err_set(err, AC_E_USAGE, "unknown option '%s'", name);
    if (word_in(name, banned))
        return ac_err_set(err, AC_E_USAGE,
                          "'%s' cannot be set in a configuration file", name);
    if (OPTION_TABLE[i].arg != NULL) {
        if (value == NULL || *value == '\0')
            return ac_err_set(err, AC_E_USAGE, "'%s' needs a value", name);
        return apply(o, OPTION_TABLE[i].id, value, err);
    }
    if (value == NULL || word_in(value, yes))
        return apply(o, OPTION_TABLE[i].id, NULL, err);
    if (word_in(value, no)) {
        clear_flag(o, OPTION_TABLE[i].id);
        return AC_OK;
    }
    return ac_err_set(err, AC_E_USAGE, "'%s' is a flag: true or false", name);
}

/* The configuration file to read for command-line settings CLI, or NULL;
 * the caller frees. */
static char *
config_path(const struct options *cli)
{
    if (cli->no_config || cli->show_help || cli->show_version)
        return NULL;
    if (cli->config_file != NULL)
        return xstrdup(cli->config_file);
    return config_file_find();
}

/* ARGV[1..ARGC) as shell words, each in double quotes (as wget writes
 * them into its WARC files), with the user and password of URLs
 * ("//user:secret@host") replaced by "***": the command line without its
 * secrets, for --warc-out's warcinfo record. */
static char *
command_line(int argc, char **argv)
{
    struct strbuf sb = {0};
    const char *p, *at, *sl;
    int i;

    for (i = 1; i < argc; i++) {
        strbuf_adds(&sb, i > 1 ? " \"" : "\"");
        for (p = argv[i]; *p != '\0'; p++) {
            if (p[0] == '/' && p[1] == '/' && (at = strchr(p + 2, '@')) &&
                ((sl = strchr(p + 2, '/')) == NULL || at < sl)) {
                strbuf_adds(&sb, "//***");
                p = at - 1;
                continue;
            }
            if (*p == '"' || *p == '\\')
                strbuf_addc(&sb, '\\');
            strbuf_addc(&sb, (unsigned char)*p < 0x20 ? '?' : *p);
        }
        strbuf_addc(&sb, '"');
    }
    return sb.buf != NULL ? sb.buf : xstrdup("");
}

enum ac_status
options_parse(int argc, char **argv, struct options *opts, struct ac_err *err)
{
    struct options cli;
    char *path = NULL;
    enum ac_status rc;

    /* a first pass finds --config and --no-config and checks the command
     * line before the file is read */
    defaults(&cli);
    rc = parse_argv(argc, argv, &cli, err);
    if (rc == AC_OK)
        path = config_path(&cli);
    options_free(&cli);
    defaults(opts);
    if (rc == AC_OK && path != NULL)
        rc = config_file_read(path, apply_setting, opts, err);
    if (rc == AC_OK)
        rc = parse_argv(argc, argv, opts, err);
    if (rc == AC_OK)
        opts->command_line = command_line(argc, argv);
    if (rc == AC_OK && path != NULL) {
        free(opts->config_file);
        opts->config_file = path;
        path = NULL;
    }
    free(path);
    if (rc == AC_OK && opts->open &&
        (opts->format != FORMAT_HTML || opts->output == NULL))
        rc = ac_err_set(err, AC_E_USAGE,
                        "--open needs an html report written to a file "
                        "(-f html -o FILE)");
    if (rc != AC_OK)
        options_free(opts);
    return rc;
}

void
options_free(struct options *opts)
{
    if (opts == NULL)
        return;
    xfree_strv(opts->targets, opts->targets_len);
    xfree_strv(opts->inputs, opts->inputs_len);
    xfree_strv(opts->resolve, opts->resolve_len);
    xfree_strv(opts->remaps, opts->remaps_len);
    xfree_strv(opts->excludes, opts->excludes_len);
    xfree_strv(opts->includes, opts->includes_len);
    xfree_strv(opts->severities, opts->severities_len);
    xfree_strv(opts->require_license, opts->require_license_len);
    xfree_strv(opts->resume_files, opts->resume_files_len);
    xfree_strv(opts->sitemaps, opts->sitemaps_len);
    xfree_strv(opts->source_warcs, opts->source_warcs_len);
    free(opts->config_file);
    free(opts->output);
    free(opts->warc_out);
    free(opts->command_line);
    free(opts->base_url);
    free(opts->rules_dir);
    free(opts->user_agent);
    free(opts->cache_file);
    free(opts->cache_export);
    memset(opts, 0, sizeof *opts);
}

/* Writes TEXT from column INDENT, breaking lines at spaces before column
 * WIDTH so that --help fits an 80-column terminal. */
static void
put_wrapped(FILE *fp, const char *text, int indent, int width)
{
    const char *p = text;
    int col = indent;

    while (*p != '\0') {
        size_t n = strcspn(p, " ");

        if (col > indent && col + 1 + (int)n > width) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', fp);
            col++;
        }
        fwrite(p, 1, n, fp);
        col += (int)n;
        p += n;
        while (*p == ' ')
            p++;
    }
    fputc('\n', fp);
}

void
options_print_help(FILE *fp)
{
    char left[64];
    size_t i;

    fputs("Usage: attrcheck [OPTIONS] TARGET...\n"
          "Check that republished pages credit their original correctly:\n"
          "licence notice, source link and creator.\n\n"
          "TARGET is an HTML file, a folder of them, an http(s) URL, or '-'\n"
          "for a list of targets on standard input.\n\nOptions:\n",
          fp);
    for (i = 0; i < OPTION_COUNT; i++) {
        const struct option_def *d = &OPTION_TABLE[i];

        if (d->id < 256)
            snprintf(left, sizeof left, "-%c, --%s%s%s", d->id, d->name,
                     d->arg ? " " : "", d->arg ? d->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", d->name,
                     d->arg ? " " : "", d->arg ? d->arg : "");
        fprintf(fp, "  %-30s ", left);
        put_wrapped(fp, d->help, 33, 79);
    }
    fputs(
        "\nSettings are also read from .attrcheckrc in the current folder or\n"
        "its nearest parent: one long option per line ('timeout = 10').\n"
        "\nExit status: 0 all pass, 1 some target fails (see --fail-on),\n"
        "2 usage or configuration error, 3 some target could not be\n"
        "checked.  See attrcheck(1) and docs/ for the output formats.\n",
        fp);
}

void
options_each_long_name(void (*fn)(const char *name, void *arg), void *arg)
{
    size_t i;

    for (i = 0; i < OPTION_COUNT; i++)
        fn(OPTION_TABLE[i].name, arg);
}

void
options_each(void (*fn)(const struct options_info *info, void *arg), void *arg)
{
    size_t i;

    for (i = 0; i < OPTION_COUNT; i++) {
        const struct option_def *d = &OPTION_TABLE[i];
        struct options_info info = {d->name, d->id < 256 ? (char)d->id : '\0',
                                    d->arg, d->help};

        fn(&info, arg);
    }
}
