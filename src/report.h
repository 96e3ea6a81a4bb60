/* SPDX-License-Identifier: MIT */
/*
 * report: writes results in the chosen format.  The text, json, jsonl,
 * github, gitlab and csv emitters write each result as it is judged; sarif,
 * junit and markdown keep what they need of each (findings, not pages)
 * until the end; html writes each to temporary files and puts its summary
 * first at the end.  One emitter per format (report_<format>.c); emitters
 * never judge: results come to them final, the policy (severity
 * overrides, required licences) already applied by the run loop.
 */
#ifndef AC_REPORT_H
#define AC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "options.h"
#include "result.h"

/* Counts per verdict, kept by the run loop. */
struct report;

/* What an emitter provides; STATE is its own. */
struct report_ops {
    void (*begin)(struct report *rep);
    void (*result)(struct report *rep, const struct result *r);
    void (*end)(struct report *rep, const struct run_stats *stats);
};

struct report {
    const struct report_ops *ops;
    FILE *out;
    bool color;    /* ANSI colours (text only) */
    int verbosity; /* -1 quiet, 0, 1 verbose */
    enum output_format format;
    size_t written; /* results written so far */
    /* set by the caller after report_init() when wanted */
    enum fail_on fail_on;       /* junit: warnings are failures too */
    const char *step_summary;   /* github: append Markdown here */
    enum html_texts html_texts; /* html: whose texts to show side by side */
    bool html_passing_rows;     /* html: passing targets get a row only */
    /* kept by report.c and the emitters */
    struct run_stats stats; /* verdicts of the results written */
    void *state;            /* the emitter's own, freed by its end() */
};

/* Sets REP up to write FORMAT to OUT.  COLOR is decided by the caller. */
void report_init(struct report *rep, enum output_format format, FILE *out,
                 bool color, int verbosity);

void report_begin(struct report *rep);

/* Writes R, counts its verdict into rep->stats, and says on stderr when
 * R could not be checked. */
void report_result(struct report *rep, const struct result *r);

/* Finishes the report with the counts of what was written. */
void report_end(struct report *rep);

/* For emitters. */

/* The pseudo-finding for a target that could not be checked. */
extern const struct finding_def report_check_error;

/*
 * Writes a 32-hex-digit fingerprint of TARGET, CODE, MESSAGE (normalised:
 * digits, case and spacing ignored, so "line 12" and "line 14" agree) and
 * NTH (the count of earlier identical findings in the same result) into
 * OUT.  Stable across runs and edits elsewhere in the page.
 */
void report_fingerprint(const char *target, const char *code,
                        const char *message, unsigned nth, char out[33]);

/* NTH for finding I of L: how many earlier findings share its code and
 * normalised message. */
unsigned report_finding_nth(const struct finding_list *l, size_t i);

/* A copy of S (NULL reads as "") that is valid UTF-8: each byte of an
 * invalid sequence becomes U+FFFD.  Caller frees.  For formats whose
 * writers reject invalid UTF-8 (JSON, XML) and paths taken from disk. */
char *report_utf8_dup(const char *s);

/* Length of the valid UTF-8 sequence at S (1 to 4), or 0 if invalid;
 * sets *CP to its code point. */
size_t report_utf8_decode(const unsigned char *s, uint32_t *cp);

/* "could not be checked (KIND): MESSAGE" for a result with verdict
 * error; caller frees. */
char *report_error_text(const struct result *r);

/* True when TARGET is a URL rather than a local path. */
bool report_target_is_url(const char *target);

/* R as the compact JSON object of docs/output.md (the jsonl line without
 * its newline); caller frees. */
char *report_result_json(const struct result *r);

/* The emitters. */
extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_jsonl_ops;
extern const struct report_ops report_sarif_ops;
extern const struct report_ops report_junit_ops;
extern const struct report_ops report_github_ops;
extern const struct report_ops report_gitlab_ops;
extern const struct report_ops report_csv_ops;
extern const struct report_ops report_markdown_ops;
extern const struct report_ops report_html_ops;

#endif
