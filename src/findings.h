/* SPDX-License-Identifier: MIT */
/*
 * findings: the stable finding codes, their severities and the verdict.
 * It turns an analysis (detect.h) into findings with a message for a
 * person and the line they are about.  The code table here is the one
 * list of codes: docs/findings.md documents each, and later report
 * formats (SARIF rules) are generated from it.
 */
#ifndef AC_FINDINGS_H
#define AC_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "ccurl.h"
#include "detect.h"
#include "err.h"
#include "strbuf.h"

enum severity { SEVERITY_INFO = 0, SEVERITY_WARNING, SEVERITY_ERROR };

enum verdict {
    VERDICT_PASS = 0,
    VERDICT_WARN,
    VERDICT_FAIL,
    VERDICT_ERROR, /* could not be checked */
    VERDICT_NONE   /* neither a licence nor a source credit */
};

/* How many results of a run got each verdict: the report prints it, the
 * policy turns it into the exit status. */
struct run_stats {
    size_t verdicts[5]; /* indexed by enum verdict */
    size_t total;
};

struct finding_def {
    const char *code;
    enum severity severity;
    const char *summary; /* one line, for lists and SARIF */
};

struct finding {
    const struct finding_def *def;
    char *message; /* for a person, escaped on output */
    unsigned line; /* 0 when not tied to a line */
};

struct finding_list {
    struct finding *v;
    size_t len;
};

/* Appends findings for analysis A to LIST. */
void findings_judge(const struct analysis *a, struct finding_list *list);

/* The verdict for findings LIST of an analysed page A. */
enum verdict findings_verdict(const struct analysis *a,
                              const struct finding_list *list);

void finding_list_free(struct finding_list *list);

/* Every finding code, in a stable order; *LEN gets the count. */
const struct finding_def *findings_table(size_t *len);
const struct finding_def *findings_lookup(const char *code);

/* An override of one code's severity (--severity CODE=LEVEL). */
struct finding_override {
    const struct finding_def *def; /* the code, from findings_table() */
    bool off;                      /* LEVEL "off": drop the finding */
    enum severity severity;        /* otherwise the new severity */
};

/* Starts the message findings_parse_override gives for an unknown code,
 * so main can add the list of valid codes, which does not fit in ERR. */
#define FINDINGS_UNKNOWN_CODE "unknown finding code"

/*
 * Parses SPEC, "CODE=LEVEL" with LEVEL one of error, warning, info or
 * off, into *OUT.  Returns AC_OK, or AC_E_USAGE with a message in ERR.
 */
enum ac_status findings_parse_override(const char *spec,
                                       struct finding_override *out,
                                       struct ac_err *err);

/* Appends every code of the table, comma-separated, to SB. */
void findings_codes_line(struct strbuf *sb);

/*
 * Applies severity overrides to LIST.  DEFS is a caller-owned copy of
 * findings_table() (same order and length) with the severities to use,
 * and OFF says per entry that the code is dropped.  A finding whose code
 * is off is removed; every other finding then points into DEFS, which
 * must outlive LIST.  Returns true when a finding was removed or its
 * severity changed.
 */
bool findings_apply_overrides(const struct finding_def *defs, const bool *off,
                              struct finding_list *list);

/* Appends a finding with CODE (which must be in the table), LINE and a
 * printf-style message to LIST. */
void findings_add(struct finding_list *list, const char *code, unsigned line,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

const char *severity_name(enum severity s); /* "error", "warning", "info" */
const char *verdict_name(enum verdict v);   /* "pass", ... "none" */

/*
 * Writes a person's name for LIC into BUF: "CC BY-SA 4.0", "CC BY 3.0
 * NL", "CC0 1.0", "Public Domain Mark 1.0", "a Creative Commons licence".
 */
void findings_license_label(const struct cc_license *lic, char *buf, size_t n);

#endif
