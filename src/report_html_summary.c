/* SPDX-License-Identifier: MIT */
/*
 * report_html_summary: the many-target part of the HTML report: counts
 * per verdict, the most frequent findings, a chart of verdicts per host
 * or folder (inline SVG with the same numbers in a table beside it), and
 * the rows of the sortable, filterable targets table.  It keeps counts,
 * never results: one small entry per host or folder, at most GROUPS_MAX.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_html.h"
#include "verify.h"
#include "xalloc.h"

#define GROUPS_MAX 100000 /* hosts or folders counted apart; then "other" */
#define CHART_BARS 12
#define TOP_CODES  10

struct group {
    char *key;
    size_t v[5]; /* per verdict */
    size_t total;
};

struct html_summary {
    size_t v[5];
    size_t total;
    size_t *codes; /* targets per finding code, by findings_table() index */
    size_t codes_len;
    size_t check_errors;
    struct group *g; /* open addressing */
    size_t g_cap, g_len;
    struct group other; /* past GROUPS_MAX */
};

struct html_summary *
report_html_summary_new(void)
{
    struct html_summary *s = xcalloc(1, sizeof *s);

    findings_table(&s->codes_len);
    s->codes = xcalloc(s->codes_len + 1, sizeof *s->codes);
    s->g_cap = 64;
    s->g = xcalloc(s->g_cap, sizeof *s->g);
    return s;
}

void
report_html_summary_free(struct html_summary *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->g_cap; i++)
        free(s->g[i].key);
    free(s->g);
    free(s->codes);
    free(s);
}

static size_t
hash_str(const char *k)
{
    size_t h = 5381;

    while (*k != '\0')
        h = h * 33 + (unsigned char)*k++;
    return h;
}

static struct group *
slot(struct group *g, size_t cap, const char *key)
{
    size_t i = hash_str(key) & (cap - 1);

    while (g[i].key != NULL && strcmp(g[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &g[i];
}

static void
grow(struct html_summary *s)
{
    size_t cap = s->g_cap * 2, i;
    struct group *g = xcalloc(cap, sizeof *g);

    for (i = 0; i < s->g_cap; i++)
        if (s->g[i].key != NULL)
            *slot(g, cap, s->g[i].key) = s->g[i];
    free(s->g);
    s->g = g;
    s->g_cap = cap;
}

/* The host of a URL target, else the folder of a path ("." for none). */
static char *
group_of(const struct result *r)
{
    const char *t = r->target, *p, *slash;

    if (report_target_is_url(t)) {
        p = strstr(t, "://") + 3;
        return xstrndup(p, strcspn(p, "/?#"));
    }
    slash = strrchr(t, '/');
    if ((p = strchr(t, '#')) != NULL && (slash == NULL || p < slash))
        return xstrndup(t, (size_t)(p - t)); /* FILE#RECORD of a WARC */
    return slash != NULL ? xstrndup(t, (size_t)(slash - t + 1)) : xstrdup(".");
}

static void
count_group(struct html_summary *s, const struct result *r)
{
    char *key = group_of(r);
    struct group *g;

    if (s->g_len * 10 >= s->g_cap * 7)
        grow(s);
    g = slot(s->g, s->g_cap, key);
    if (g->key == NULL && s->g_len >= GROUPS_MAX) {
        g = &s->other;
        free(key);
    } else if (g->key == NULL) {
        g->key = key;
        s->g_len++;
    } else {
        free(key);
    }
    g->v[r->verdict]++;
    g->total++;
}

void
report_html_summary_add(struct html_summary *s, const struct result *r)
{
    const struct finding_def *table = findings_table(&s->codes_len);
    bool *seen = xcalloc(s->codes_len + 1, sizeof *seen);
    size_t i;

    s->v[r->verdict]++;
    s->total++;
    if (r->verdict == VERDICT_ERROR)
        s->check_errors++;
    for (i = 0; i < r->findings.len; i++) {
        const struct finding_def *d = r->findings.v[i].def;

        if (d >= table && d < table + s->codes_len &&
            !seen[(size_t)(d - table)]) {
            seen[(size_t)(d - table)] = true;
            s->codes[(size_t)(d - table)]++;
        }
    }
    free(seen);
    count_group(s, r);
}

/* Verdict order for sorting: the worst first. */
static int
verdict_rank(enum verdict v)
{
    static const int rank[] = {4, 2, 0, 1, 3};

    return (unsigned)v < 5 ? rank[v] : 3;
}

void
report_html_row(struct strbuf *sb, const struct result *r, size_t index,
                bool has_detail)
{
    char label[96];
    size_t i;

    strbuf_addf(sb, "<tr data-v=\"%s\"><td data-l=\"verdict\" data-s=\"%d\">",
                report_html_verdict_name(r->verdict), verdict_rank(r->verdict));
    report_html_badge(sb, r->verdict);
    strbuf_adds(sb, "</td><td data-l=\"target\" class=\"tname\">");
    if (has_detail)
        strbuf_addf(sb, "<a href=\"#t%zu\">", index);
    report_html_text(sb, r->target);
    strbuf_adds(sb, has_detail ? "</a></td><td data-l=\"licence\">"
                               : "</td><td data-l=\"licence\">");
    report_html_license_label(r, label, sizeof label);
    strbuf_adds(sb, label);
    strbuf_adds(sb, "</td><td data-l=\"source\" class=\"url\">");
    if (r->analysed && r->analysis.source != NULL)
        report_html_text(sb, r->analysis.source->url);
    strbuf_addf(sb, "</td><td data-l=\"findings\" data-s=\"%zu\">",
                r->findings.len);
    for (i = 0; i < r->findings.len; i++)
        strbuf_addf(sb, "%s<code>%s</code>", i ? " " : "",
                    r->findings.v[i].def->code);
    if (r->verdict == VERDICT_ERROR)
        report_html_text(sb, r->error_kind);
    strbuf_adds(sb, "</td></tr>\n");
}

static void
counts(struct strbuf *sb, const struct html_summary *s)
{
    int v;

    strbuf_addf(sb, "<p>%zu targets checked.</p>\n<ul class=\"counts\">\n",
                s->total);
    for (v = VERDICT_FAIL; v >= VERDICT_PASS; v--) {
        strbuf_addf(sb, "<li>%zu ", s->v[v]);
        report_html_badge(sb, (enum verdict)v);
        strbuf_adds(sb, "</li>\n");
    }
    for (v = VERDICT_ERROR; v <= VERDICT_NONE; v++) {
        strbuf_addf(sb, "<li>%zu ", s->v[v]);
        report_html_badge(sb, (enum verdict)v);
        strbuf_adds(sb, "</li>\n");
    }
    strbuf_adds(sb, "</ul>\n");
}

static void
top_findings(struct strbuf *sb, const struct html_summary *s)
{
    size_t n = 0, i, k, best;
    const struct finding_def *table = findings_table(&n);
    bool *used = xcalloc(n + 1, sizeof *used);

    strbuf_adds(sb, "<h3>Most frequent findings</h3>\n");
    for (k = 0; k < TOP_CODES; k++) {
        for (best = n, i = 0; i < n; i++)
            if (!used[i] && s->codes[i] > 0 &&
                (best == n || s->codes[i] > s->codes[best]))
                best = i;
        if (best == n)
            break;
        if (k == 0)
            strbuf_adds(sb, "<table class=\"rwd\"><caption>Findings by the "
                            "number of targets they concern</caption>\n"
                            "<thead><tr><th scope=\"col\">Code</th><th "
                            "scope=\"col\">Severity</th><th scope=\"col\" "
                            "class=\"num\">Targets</th><th scope=\"col\">"
                            "Meaning</th></tr></thead>\n<tbody>\n");
        used[best] = true;
        strbuf_addf(sb,
                    "<tr><td data-l=\"code\"><a rel=\"noopener noreferrer\" "
                    "href=\"%s/blob/v%s/docs/findings.md#%s\"><code>%s</code>"
                    "</a></td><td data-l=\"severity\">%s</td><td "
                    "data-l=\"targets\" class=\"num\">%zu</td><td "
                    "data-l=\"meaning\">%s</td></tr>\n",
                    PACKAGE_URL, PACKAGE_VERSION, table[best].code,
                    table[best].code, severity_name(table[best].severity),
                    s->codes[best], table[best].summary);
    }
    strbuf_adds(sb, k == 0 ? "<p>No findings.</p>\n" : "</tbody></table>\n");
    free(used);
}

struct chart_row {
    const struct group *g;
    const char *name;
};

static int
cmp_rows(const void *pa, const void *pb)
{
    const struct chart_row *a = pa, *b = pb;

    if (a->g->total != b->g->total)
        return a->g->total > b->g->total ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The groups to draw: the largest CHART_BARS, then the rest as one. */
static size_t
chart_rows(const struct html_summary *s, struct chart_row *rows,
           struct group *rest)
{
    struct chart_row *all = xcalloc(s->g_len + 1, sizeof *all);
    size_t n = 0, i, v, keep;

    for (i = 0; i < s->g_cap; i++)
        if (s->g[i].key != NULL) {
            all[n].g = &s->g[i];
            all[n++].name = s->g[i].key;
        }
    qsort(all, n, sizeof *all, cmp_rows);
    keep = n < CHART_BARS ? n : CHART_BARS;
    memcpy(rows, all, keep * sizeof *rows);
    *rest = s->other;
    for (i = keep; i < n; i++) {
        for (v = 0; v < 5; v++)
            rest->v[v] += all[i].g->v[v];
        rest->total += all[i].g->total;
    }
    free(all);
    if (rest->total > 0) {
        rows[keep].g = rest;
        rows[keep++].name = "all others";
    }
    return keep;
}

static void
chart_svg(struct strbuf *sb, const struct chart_row *rows, size_t n)
{
    static const int order[] = {VERDICT_FAIL, VERDICT_WARN, VERDICT_ERROR,
                                VERDICT_NONE, VERDICT_PASS};
    size_t i, k, max = 1;

    for (i = 0; i < n; i++)
        if (rows[i].g->total > max)
            max = rows[i].g->total;
    strbuf_addf(sb,
                "<div class=\"chartbox\"><svg class=\"chart\" role=\"img\" "
                "aria-labelledby=\"chart-t\" viewBox=\"0 0 760 %zu\" "
                "width=\"760\" height=\"%zu\"><title id=\"chart-t\">Verdicts "
                "per host or folder; the numbers are in the table below"
                "</title>\n",
                n * 24 + 36, n * 24 + 36);
    for (k = 0; k < 5; k++) /* the legend: colour and word together */
        strbuf_addf(sb,
                    "<rect class=\"s-%s\" x=\"%zu\" y=\"6\" width=\"14\" "
                    "height=\"14\"/><text x=\"%zu\" y=\"18\">%s</text>",
                    report_html_verdict_name((enum verdict)order[k]),
                    250 + k * 80, 250 + k * 80 + 18,
                    report_html_verdict_name((enum verdict)order[k]));
    strbuf_addc(sb, '\n');
    for (i = 0; i < n; i++) {
        double x = 250;
        size_t y = i * 24 + 32;

        strbuf_addf(sb, "<text x=\"244\" y=\"%zu\" text-anchor=\"end\">",
                    y + 15);
        if (strlen(rows[i].name) > 36) {
            report_html_textn(sb, rows[i].name, 35, false);
            strbuf_adds(sb, "\xe2\x80\xa6");
        } else {
            report_html_textn(sb, rows[i].name, strlen(rows[i].name), false);
        }
        strbuf_adds(sb, "</text>");
        for (k = 0; k < 5; k++) {
            double w = 440.0 * (double)rows[i].g->v[order[k]] / (double)max;

            if (w > 0)
                strbuf_addf(sb,
                            "<rect class=\"s-%s\" x=\"%.1f\" y=\"%zu\" "
                            "width=\"%.1f\" height=\"18\"/>",
                            report_html_verdict_name((enum verdict)order[k]), x,
                            y, w);
            x += w;
        }
        strbuf_addf(sb, "<text x=\"%.1f\" y=\"%zu\">%zu</text>\n", x + 6,
                    y + 15, rows[i].g->total);
    }
    strbuf_adds(sb, "</svg></div>\n");
}

static void
chart_table(struct strbuf *sb, const struct chart_row *rows, size_t n)
{
    size_t i;
    int v;

    strbuf_adds(sb, "<details><summary>The chart's numbers</summary>\n"
                    "<table class=\"rwd\"><caption>Verdicts per host or "
                    "folder</caption>\n<thead><tr>"
                    "<th scope=\"col\">Host or folder</th>");
    for (v = VERDICT_FAIL; v >= VERDICT_PASS; v--)
        strbuf_addf(sb, "<th scope=\"col\" class=\"num\">%s</th>",
                    report_html_verdict_name((enum verdict)v));
    strbuf_adds(sb, "<th scope=\"col\" class=\"num\">error</th><th "
                    "scope=\"col\" class=\"num\">none</th><th scope=\"col\" "
                    "class=\"num\">total</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < n; i++) {
        const struct group *g = rows[i].g;

        strbuf_adds(sb, "<tr><th scope=\"row\" class=\"url\">");
        report_html_text(sb, rows[i].name);
        strbuf_addf(sb,
                    "</th><td class=\"num\" data-l=\"fail\">%zu</td><td "
                    "class=\"num\" data-l=\"warn\">%zu</td><td class=\"num\" "
                    "data-l=\"pass\">%zu</td><td class=\"num\" "
                    "data-l=\"error\">%zu</td><td class=\"num\" "
                    "data-l=\"none\">%zu</td><td class=\"num\" "
                    "data-l=\"total\">%zu</td></tr>\n",
                    g->v[VERDICT_FAIL], g->v[VERDICT_WARN], g->v[VERDICT_PASS],
                    g->v[VERDICT_ERROR], g->v[VERDICT_NONE], g->total);
    }
    strbuf_adds(sb, "</tbody></table></details>\n");
}

void
report_html_summary(struct strbuf *sb, const struct html_summary *s)
{
    struct chart_row rows[CHART_BARS + 1];
    struct group rest = {0};
    size_t n;

    strbuf_adds(sb, "<section aria-labelledby=\"sum-h\"><h2 id=\"sum-h\">"
                    "Summary</h2>\n");
    counts(sb, s);
    top_findings(sb, s);
    n = chart_rows(s, rows, &rest);
    strbuf_adds(sb, "<h3>Verdicts per host or folder</h3>\n");
    chart_svg(sb, rows, n);
    chart_table(sb, rows, n);
    strbuf_adds(sb, "</section>\n");
}

void
report_html_table_start(struct strbuf *sb, size_t n)
{
    strbuf_addf(sb,
                "<section aria-labelledby=\"res-h\"><h2 id=\"res-h\">"
                "Targets</h2>\n<div class=\"filters\" id=\"filters\" hidden>"
                "<label for=\"q\">Filter by words<input type=\"search\" "
                "id=\"q\" autocomplete=\"off\"></label><label for=\"fv\">"
                "Verdict<select id=\"fv\"><option value=\"\">any</option>"
                "<option>fail</option><option>warn</option><option>error"
                "</option><option>none</option><option>pass</option>"
                "</select></label><p id=\"shown\" aria-live=\"polite\"></p>"
                "</div>\n<table id=\"results\" class=\"rwd\"><caption>All %zu "
                "targets: verdict, licence, source credited and findings; "
                "a target's name opens its detail</caption>\n<thead><tr>"
                "<th scope=\"col\">Verdict</th><th scope=\"col\">Target</th>"
                "<th scope=\"col\">Licence</th><th scope=\"col\">Source</th>"
                "<th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n",
                n);
}

void
report_html_table_end(struct strbuf *sb)
{
    strbuf_adds(sb, "</tbody></table></section>\n");
}
