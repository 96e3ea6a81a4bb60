/* SPDX-License-Identifier: MIT */
/*
 * report: chooses the emitter for a format and forwards to it.
 */
#include "config.h"

#include <string.h>

#include "msg.h"
#include "report.h"

void
report_init(struct report *rep, enum output_format format, FILE *out,
            bool color, int verbosity)
{
    rep->format = format;
    rep->out = out;
    rep->color = color;
    rep->verbosity = verbosity;
    rep->written = 0;
    switch (format) {
    case FORMAT_JSON:
        rep->ops = &report_json_ops;
        break;
    case FORMAT_JSONL:
        rep->ops = &report_jsonl_ops;
        break;
    default:
        rep->ops = &report_text_ops;
        break;
    }
}

void
report_begin(struct report *rep)
{
    if (rep->ops->begin != NULL)
        rep->ops->begin(rep);
}

void
report_result(struct report *rep, const struct result *r)
{
    size_t n = strlen(r->target);

    /* a target that could not be checked is also said on stderr, so a
     * person sees it whatever the format */
    if (r->verdict == VERDICT_ERROR && r->error_message != NULL) {
        if (strncmp(r->error_message, r->target, n) == 0 &&
            r->error_message[n] == ':')
            msg_error("%s", r->error_message);
        else
            msg_error("%s: %s", r->target, r->error_message);
    }
    rep->ops->result(rep, r);
    rep->written++;
}

void
report_end(struct report *rep, const struct run_stats *stats)
{
    if (rep->ops->end != NULL)
        rep->ops->end(rep, stats);
}
