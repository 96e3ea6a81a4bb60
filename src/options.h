/* SPDX-License-Identifier: MIT */
/*
 * options: the one option table.  It drives command-line parsing, the
 * --help text and the man page's OPTIONS section (tools/gen-man.py reads
 * it through tools/doctables, with each option's longer text from
 * docs/options/NAME.roff), so the three cannot drift apart.  It fills struct
 * options and never holds run-time state (counters live in struct run_stats).
 */
#ifndef AC_OPTIONS_H
#define AC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum output_format {
    FORMAT_TEXT = 0,
    FORMAT_JSON,
    FORMAT_JSONL,
    FORMAT_SARIF,
    FORMAT_JUNIT,
    FORMAT_GITHUB,
    FORMAT_GITLAB,
    FORMAT_CSV,
    FORMAT_MARKDOWN,
    FORMAT_HTML
};

/* Which targets' texts the HTML report shows side by side (--html-texts). */
enum html_texts {
    HTML_TEXTS_PROBLEMS = 0, /* failing and warning targets (default) */
    HTML_TEXTS_ALL,
    HTML_TEXTS_NONE
};

/* What sets exit code 1 (--fail-on); see policy.h. */
enum fail_on {
    FAIL_ON_FAIL = 0, /* a target fails (the default) */
    FAIL_ON_WARN,     /* a target fails or warns (--strict) */
    FAIL_ON_ERROR,    /* a target fails or could not be checked */
    FAIL_ON_NEVER     /* exit 0 unless attrcheck itself failed */
};

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

struct options {
    char **targets; /* positional arguments, as given */
    size_t targets_len;
    char **inputs; /* -i FILE, repeatable; "-" is stdin */
    size_t inputs_len;
    enum output_format format;
    char *output;    /* -o FILE, or NULL for stdout */
    bool offline;    /* never touch the network */
    char *base_url;  /* where a folder or file is published */
    char *rules_dir; /* --rules, or NULL for the default */
    bool strict;     /* warnings fail too (also sets fail_on) */
    enum fail_on fail_on;
    int verbosity; /* -1 quiet, 0 normal, 1 verbose */
    enum color_mode color;
    enum html_texts html_texts; /* --html-texts */
    bool html_passing_rows;     /* --html-passing row: no detail for them */
    bool open;                  /* --open: show the HTML report when done */
    bool show_help;
    bool show_version;
    /* fetching */
    long timeout_ms;         /* whole transfer, connect included */
    size_t max_size;         /* decoded body bytes */
    int jobs;                /* transfers in flight */
    int threads;             /* --threads; 0: one per online CPU */
    int per_host;            /* transfers in flight per host */
    long delay_ms;           /* between requests to one host */
    long max_crawl_delay_ms; /* cap on robots.txt Crawl-delay */
    int retries;
    bool ignore_robots;
    char *user_agent;  /* NULL for the default */
    bool deny_private; /* --deny-private */
    char **resolve;    /* HOST:PORT:ADDR */
    size_t resolve_len;
    char **remaps; /* "REGEX REPLACEMENT" */
    size_t remaps_len;
    /* verifying sources */
    bool no_verify;       /* do not fetch and check the sources pages credit */
    int max_chain;        /* links of an attribution chain to follow, 0..10 */
    char *cache_file;     /* --cache FILE, or NULL */
    long max_cache_age_s; /* reuse cached sources younger than this */
    bool cache_stats;     /* --cache-stats: report on the cache, no run */
    bool cache_prune;     /* --cache-prune: expire and VACUUM, no run */
    char *cache_export;   /* --cache-export FILE ("-": stdout), no run */
    /* site builds and CI */
    char **excludes; /* --exclude GLOB, relative to a folder target */
    size_t excludes_len;
    char **includes; /* --include GLOB; none means every HTML file */
    size_t includes_len;
    char **severities; /* --severity CODE=LEVEL, checked, in order */
    size_t severities_len;
    char **require_license; /* --require-license GLOB */
    size_t require_license_len;
    char *config_file; /* the configuration file read, or NULL */
    bool no_config;    /* --no-config */
    /* archives and large runs */
    unsigned shard_k, shard_n; /* --shard K/N; 0/0 checks every target */
    bool shard_by_target;      /* --shard-by target: not by host */
    char **resume_files;       /* --resume FILE, repeatable */
    size_t resume_files_len;
    /* crawling */
    bool recursive;   /* -r: follow links on the site of URL targets */
    int max_depth;    /* links from a start page, default 5 */
    size_t max_pages; /* pages a crawl fetches at most; 0: no cap */
    char **sitemaps;  /* --sitemap URL, repeatable */
    size_t sitemaps_len;
    char *warc_out;      /* --warc-out FILE, or NULL */
    char **source_warcs; /* --source-warc FILE, repeatable */
    size_t source_warcs_len;
    int progress;       /* --progress 1, --no-progress 0, else -1: auto */
    char *command_line; /* the arguments, quoted, URL passwords hidden */
};

/*
 * Parses ARGV into *OPTS: defaults first, then the configuration file
 * (--config FILE, else .attrcheckrc in the current folder or its nearest
 * parent, unless --no-config), then ARGV, so the command line wins and
 * repeatable options list the file's values first.  Returns AC_OK, or
 * AC_E_USAGE with a one-line message in ERR (naming the file and line for
 * a configuration error); *OPTS is then freed.  Free a parsed struct with
 * options_free().  --help and --version only set flags and skip the
 * configuration file.
 */
enum ac_status options_parse(int argc, char **argv, struct options *opts,
                             struct ac_err *err);
void options_free(struct options *opts);

/* The name of FORMAT as --format spells it ("sarif"). */
const char *options_format_name(enum output_format format);

/* Writes the --help text, generated from the option table. */
void options_print_help(FILE *fp);

/* Calls FN with each long option name (without "--"), in table order. */
void options_each_long_name(void (*fn)(const char *name, void *arg), void *arg);

/* One row of the option table as --help and the man page show it; the
 * strings are static. */
struct options_info {
    const char *name; /* long name, without "--" */
    char short_name;  /* '\0' when the option has no short form */
    const char *arg;  /* argument name ("FILE"), NULL for a flag */
    const char *help; /* the --help description */
};

/* Calls FN with each row of the option table, in table order (the order
 * of --help and, within a group, of the man page: tools/gen-man.py). */
void options_each(void (*fn)(const struct options_info *info, void *arg),
                  void *arg);

#endif
