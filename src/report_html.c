/* SPDX-License-Identifier: MIT */
/*
 * report_html: the -f html emitter (docs/report.md).  One self-contained
 * page: one target's detail, or for many a summary, a table and a detail
 * per target.  The summary comes first on the page but is known only at
 * the end, so rows and details are written to two temporary files as
 * results come and copied after it: memory holds counts, never results.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "report.h"
#include "report_html.h"
#include "xalloc.h"

struct html_state {
    FILE *rows, *details; /* temporary files */
    struct html_summary *sum;
    char *first_target; /* the title of a one-target page */
    bool failed;        /* a temporary file could not be made or written */
};

static void
html_begin(struct report *rep)
{
    struct html_state *st = xcalloc(1, sizeof *st);

    st->rows = tmpfile();
    st->details = tmpfile();
    if (st->rows == NULL || st->details == NULL) {
        msg_error("html report: cannot create a temporary file");
        st->failed = true;
    }
    st->sum = report_html_summary_new();
    rep->state = st;
}

static void
put(FILE *fp, struct strbuf *sb, bool *failed)
{
    if (fp != NULL && sb->len > 0 && fwrite(sb->buf, 1, sb->len, fp) != sb->len)
        *failed = true;
    strbuf_truncate(sb, 0);
}

static void
html_result(struct report *rep, const struct result *r)
{
    struct html_state *st = rep->state;
    struct strbuf sb = STRBUF_INIT;
    size_t index = rep->written + 1;
    bool detail = !(rep->html_passing_rows && r->verdict == VERDICT_PASS);

    if (st->first_target == NULL)
        st->first_target = xstrdup(r->target);
    report_html_summary_add(st->sum, r);
    report_html_row(&sb, r, index, detail);
    put(st->rows, &sb, &st->failed);
    if (detail) {
        /* passing targets start folded: problems are what a reader seeks */
        report_html_detail(&sb, r, index, rep->html_texts,
                           r->verdict != VERDICT_PASS);
        put(st->details, &sb, &st->failed);
    }
    strbuf_release(&sb);
}

/* Copies temporary file FP to OUT. */
static void
copy_out(FILE *fp, FILE *out, bool *failed)
{
    char buf[65536];
    size_t n;

    if (fp == NULL || fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0) {
        *failed = true;
        return;
    }
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            *failed = true;
    if (ferror(fp))
        *failed = true;
}

static void
html_end(struct report *rep, const struct run_stats *stats)
{
    struct html_state *st = rep->state;
    struct strbuf sb = STRBUF_INIT;
    bool single = stats->total == 1;
    char *title;

    title = single ? xasprintf("attrcheck: %s", st->first_target)
                   : xasprintf("attrcheck report: %zu targets", stats->total);
    report_html_head(&sb, title, single);
    strbuf_adds(&sb, "<h1>");
    /* one target: its name is the heading of its detail */
    report_html_text(&sb, single ? "attrcheck report" : title);
    strbuf_adds(&sb, "</h1>\n");
    if (!single) {
        report_html_summary(&sb, st->sum);
        report_html_table_start(&sb, stats->total);
    }
    put(rep->out, &sb, &st->failed);
    if (!single) {
        copy_out(st->rows, rep->out, &st->failed);
        report_html_table_end(&sb);
        strbuf_adds(&sb, "<section aria-labelledby=\"det-h\"><h2 "
                         "id=\"det-h\">Details</h2>\n");
        put(rep->out, &sb, &st->failed);
    }
    copy_out(st->details, rep->out, &st->failed);
    if (!single)
        strbuf_adds(&sb, "</section>\n");
    report_html_foot(&sb);
    put(rep->out, &sb, &st->failed);
    if (st->failed)
        msg_error("html report: a temporary file could not be written or "
                  "read: the report is incomplete");
    strbuf_release(&sb);
    free(title);
    if (st->rows != NULL)
        fclose(st->rows);
    if (st->details != NULL)
        fclose(st->details);
    report_html_summary_free(st->sum);
    free(st->first_target);
    free(st);
    rep->state = NULL;
}

const struct report_ops report_html_ops = {html_begin, html_result, html_end};
