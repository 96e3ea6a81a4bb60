/* SPDX-License-Identifier: MIT */
/*
 * progress: the status line (see progress.h).  "\r" goes back to the
 * start of the line and "\033[K" clears to its end: every terminal that
 * attrcheck colours for understands both, and the line is only drawn
 * when asked or when stderr is a terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "progress.h"
#include "xalloc.h"

#define REDRAW_MS 250

struct progress {
    FILE *out;
    size_t total;
    long expected; /* parts of the total not counted yet */
    long long start_ms, drawn_ms;
    bool shown;
};

struct progress *
progress_new(FILE *out, size_t total, long long now_ms)
{
    struct progress *p = xcalloc(1, sizeof *p);

    p->out = out;
    p->total = total;
    p->start_ms = now_ms;
    p->drawn_ms = now_ms;
    return p;
}

void
progress_expect(struct progress *p, long parts)
{
    if (p != NULL)
        p->expected += parts;
}

void
progress_add_total(struct progress *p, size_t n)
{
    if (p != NULL)
        p->total += n;
}

/* "1h02m", "3m05s", "42s" */
static void
duration(char *buf, size_t len, double s)
{
    long t = (long)(s + 0.5);

    if (t >= 3600)
        snprintf(buf, len, "%ldh%02ldm", t / 3600, t % 3600 / 60);
    else if (t >= 60)
        snprintf(buf, len, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(buf, len, "%lds", t);
}

void
progress_format(char *buf, size_t len, const struct run_stats *st, size_t total,
                long long elapsed_ms)
{
    double secs = elapsed_ms > 0 ? (double)elapsed_ms / 1000.0 : 0.0;
    double rate = secs > 0 ? (double)st->total / secs : 0.0;
    char of[32] = "", eta[48] = "", left[24];
    int n;

    if (total > 0 && total >= st->total) {
        snprintf(of, sizeof of, " of %zu", total);
        if (rate > 0 && total > st->total) {
            duration(left, sizeof left, (double)(total - st->total) / rate);
            snprintf(eta, sizeof eta, ", %s left", left);
        }
    }
    n = snprintf(buf, len, "%zu%s done, %.1f/s%s", st->total, of, rate, eta);
    if (n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n,
                 " | pass %zu, warn %zu, fail %zu, error %zu, none %zu",
                 st->verdicts[VERDICT_PASS], st->verdicts[VERDICT_WARN],
                 st->verdicts[VERDICT_FAIL], st->verdicts[VERDICT_ERROR],
                 st->verdicts[VERDICT_NONE]);
}

void
progress_update(struct progress *p, const struct run_stats *stats,
                long long now_ms, bool force)
{
    char line[256];

    if (p == NULL || (!force && now_ms - p->drawn_ms < REDRAW_MS))
        return;
    progress_format(line, sizeof line, stats, p->expected > 0 ? 0 : p->total,
                    now_ms - p->start_ms);
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->drawn_ms = now_ms;
    p->shown = true;
}

void
progress_clear(struct progress *p)
{
    if (p == NULL || !p->shown)
        return;
    fputs("\r\033[K", p->out);
    fflush(p->out);
    p->shown = false;
}

void
progress_free(struct progress *p)
{
    progress_clear(p);
    free(p);
}
