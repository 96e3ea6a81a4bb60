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

enum severity {
    SEVERITY_INFO = 0,
    SEVERITY_WARNING,
    SEVERITY_ERROR
};

enum verdict {
    VERDICT_PASS = 0,
    VERDICT_WARN,
    VERDICT_FAIL,
    VERDICT_ERROR, /* could not be checked */
    VERDICT_NONE   /* neither a licence nor a source credit */
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

const char *severity_name(enum severity s); /* "error", "warning", "info" */
const char *verdict_name(enum verdict v);   /* "pass", ... "none" */

/*
 * Writes a person's name for LIC into BUF: "CC BY-SA 4.0", "CC BY 3.0
 * NL", "CC0 1.0", "Public Domain Mark 1.0", "a Creative Commons licence".
 */
void findings_license_label(const struct cc_license *lic, char *buf,
                            size_t n);

#endif
