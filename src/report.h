/* SPDX-License-Identifier: MIT */
/*
 * report: writes results in the chosen format, one at a time as they
 * are judged, so memory never holds more than one result.  One emitter
 * per format (report_text.c, report_json.c); emitters never judge.
 */
#ifndef AC_REPORT_H
#define AC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "options.h"
#include "result.h"

/* Counts per verdict, kept by the run loop. */
struct run_stats {
    size_t verdicts[5]; /* indexed by enum verdict */
    size_t total;
};

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
};

/* Sets REP up to write FORMAT to OUT.  COLOR is decided by the caller. */
void report_init(struct report *rep, enum output_format format, FILE *out,
                 bool color, int verbosity);

void report_begin(struct report *rep);
void report_result(struct report *rep, const struct result *r);
void report_end(struct report *rep, const struct run_stats *stats);

/* The emitters. */
extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_jsonl_ops;

#endif
