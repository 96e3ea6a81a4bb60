/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for report: hand-built results written through report_init
 * into an open_memstream FILE * in the text, json and jsonl formats.  The
 * JSON is parsed back with jansson and checked field by field (names and
 * types of the contract the e2e tests and docs use); the text report must
 * carry no raw control bytes from targets or excerpts, and colour codes
 * only when asked for.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "report.h"
#include "xalloc.h"

#define BY4 "https://creativecommons.org/licenses/by/4.0/"

static void
add_evidence(struct evidence **v, size_t *len, enum evidence_kind kind,
             unsigned line, const char *excerpt)
{
    *v = xreallocarray(*v, *len + 1, sizeof **v);
    (*v)[*len].kind = kind;
    (*v)[*len].line = line;
    (*v)[*len].excerpt = xstrdup(excerpt);
    (*len)++;
}

/* A judged result: CC BY 4.0 (linked, in the notice, line 13) plus an
 * image credit, a source, and EXCERPT as the licence's text evidence. */
static void
make_pass(struct result *r, const char *target, const char *excerpt)
{
    struct analysis *a = &r->analysis;
    struct license_statement *s;

    result_init(r, target, "https://copy.example/a");
    r->analysed = true;
    a->applicable = 0;
    a->conflict_with = DETECT_NONE;
    a->notice_block = DETECT_NONE;
    a->licenses = xcalloc(2, sizeof *a->licenses);
    a->licenses_len = 2;
    s = &a->licenses[0];
    s->lic.family = CC_BY;
    memcpy(s->lic.version, "4.0", 4);
    s->url = xstrdup(BY4);
    s->linked = true;
    s->role = ROLE_CLAIM;
    s->scope = SCOPE_NOTICE;
    s->line = 13;
    add_evidence(&s->evidence, &s->evidence_len, EVIDENCE_LINK, 13, BY4);
    add_evidence(&s->evidence, &s->evidence_len, EVIDENCE_TEXT, 13, excerpt);
    s = &a->licenses[1];
    s->lic.family = CC_BY_SA;
    memcpy(s->lic.port, "nl", 3);
    s->role = ROLE_IMAGE;
    s->scope = SCOPE_ARTICLE;
    s->line = 20;
    add_evidence(&s->evidence, &s->evidence_len, EVIDENCE_TEXT, 20, "CC BY-SA");
    a->source = xcalloc(1, sizeof *a->source);
    a->source->url = xstrdup("https://orig.example/story");
    a->source->credit = xstrdup("The Original");
    a->source->line = 14;
    add_evidence(&a->source->evidence, &a->source->evidence_len, EVIDENCE_LINK,
                 14, "https://orig.example/story");
    findings_judge(a, &r->findings);
    r->verdict = findings_verdict(a, &r->findings);
}

/* An analysed result with a versionless, unlinked licence: warnings. */
static void
make_warn(struct result *r, const char *target)
{
    struct analysis *a = &r->analysis;
    struct license_statement *s;

    result_init(r, target, NULL);
    r->analysed = true;
    a->applicable = 0;
    a->conflict_with = DETECT_NONE;
    a->licenses = xcalloc(1, sizeof *a->licenses);
    a->licenses_len = 1;
    s = &a->licenses[0];
    s->lic.family = CC_BY;
    s->role = ROLE_CLAIM;
    s->scope = SCOPE_PAGE;
    s->line = 3;
    add_evidence(&s->evidence, &s->evidence_len, EVIDENCE_TEXT, 3, "CC BY");
    findings_judge(a, &r->findings);
    r->verdict = findings_verdict(a, &r->findings);
}

/* Writes RESULTS (N of them) in FORMAT; returns the output. */
static char *
render(enum output_format format, bool color, int verbosity,
       const struct result *results, size_t n)
{
    struct report rep;
    struct run_stats stats;
    char *buf = NULL;
    size_t len = 0, i;
    FILE *fp = open_memstream(&buf, &len);

    memset(&stats, 0, sizeof stats);
    report_init(&rep, format, fp, color, verbosity);
    report_begin(&rep);
    for (i = 0; i < n; i++) {
        report_result(&rep, &results[i]);
        stats.verdicts[results[i].verdict]++;
        stats.total++;
    }
    report_end(&rep);
    fclose(fp);
    return buf;
}

static bool
is_string_eq(json_t *o, const char *key, const char *want)
{
    json_t *v = json_object_get(o, key);

    return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}

static bool
is_int_eq(json_t *o, const char *key, json_int_t want)
{
    json_t *v = json_object_get(o, key);

    return json_is_integer(v) && json_integer_value(v) == want;
}

static bool
is_null(json_t *o, const char *key)
{
    return json_is_null(json_object_get(o, key));
}

static void
check_pass_object(json_t *o)
{
    json_t *lic = json_object_get(o, "license");
    json_t *src = json_object_get(o, "source");
    json_t *ev = json_object_get(lic, "evidence");
    json_t *all = json_object_get(o, "licenses");

    ok(is_string_eq(o, "target", "page.html") &&
           is_string_eq(o, "url", "https://copy.example/a") &&
           is_string_eq(o, "verdict", "pass"),
       "json: target, url, verdict");
    ok(json_is_object(lic) && is_string_eq(lic, "family", "CC-BY") &&
           is_string_eq(lic, "version", "4.0") && is_null(lic, "port") &&
           is_string_eq(lic, "spdx", "CC-BY-4.0") &&
           is_string_eq(lic, "url", BY4),
       "json: license family, version, port null, spdx, url");
    ok(is_string_eq(lic, "role", "claim") &&
           is_string_eq(lic, "scope", "notice") && is_int_eq(lic, "line", 13),
       "json: license role, scope, line");
    ok(json_is_array(ev) && json_array_size(ev) == 2 &&
           is_string_eq(json_array_get(ev, 0), "kind", "link") &&
           is_int_eq(json_array_get(ev, 0), "line", 13) &&
           is_string_eq(json_array_get(ev, 1), "kind", "text") &&
           json_is_string(json_object_get(json_array_get(ev, 1), "excerpt")),
       "json: evidence kind, line, excerpt");
    ok(json_is_array(all) && json_array_size(all) == 2 &&
           is_string_eq(json_array_get(all, 1), "family", "CC-BY-SA") &&
           is_null(json_array_get(all, 1), "version") &&
           is_string_eq(json_array_get(all, 1), "port", "nl") &&
           is_null(json_array_get(all, 1), "spdx") &&
           is_string_eq(json_array_get(all, 1), "role", "image") &&
           is_string_eq(json_array_get(all, 1), "scope", "article"),
       "json: licenses holds every statement, nulls for what is unknown");
    ok(json_is_object(src) &&
           is_string_eq(src, "url", "https://orig.example/story") &&
           is_string_eq(src, "credit", "The Original") &&
           is_int_eq(src, "line", 14) &&
           json_is_array(json_object_get(src, "evidence")),
       "json: source url, credit, line, evidence");
    ok(json_is_array(json_object_get(o, "findings")) &&
           json_array_size(json_object_get(o, "findings")) == 0 &&
           is_null(o, "error"),
       "json: findings [] and error null");
    ok(json_object_get(o, "http_status") == NULL &&
           json_object_get(o, "fetch") == NULL,
       "json: no fetch fields for a file");
}

static void
test_jsonl(void)
{
    struct result r[3];
    json_error_t jerr;
    json_t *o[3] = {NULL, NULL, NULL}, *f;
    char *out, *line, *save = NULL;
    size_t n = 0;

    make_pass(&r[0], "page.html", "CC BY 4.0 licence");
    make_warn(&r[1], "warn.html");
    result_init(&r[2], "missing.html", NULL);
    result_set_error(&r[2], "io", "missing.html: No such file or directory");
    out = render(FORMAT_JSONL, false, 0, r, 3);
    for (line = strtok_r(out, "\n", &save); line && n < 3;
         line = strtok_r(NULL, "\n", &save))
        o[n++] = json_loads(line, 0, &jerr);
    ok(n == 3 && o[0] && o[1] && o[2], "jsonl: three lines, each JSON");
    if (o[0] != NULL)
        check_pass_object(o[0]);
    f = json_array_get(json_object_get(o[1], "findings"), 0);
    ok(is_string_eq(o[1], "verdict", "warn") && is_null(o[1], "url") &&
           is_string_eq(f, "code", "license-version-missing") &&
           is_string_eq(f, "severity", "warning") &&
           json_is_string(json_object_get(f, "message")) &&
           is_int_eq(f, "line", 3),
       "jsonl: a finding has code, severity, message and line");
    ok(is_string_eq(o[2], "verdict", "error") && is_null(o[2], "license") &&
           json_array_size(json_object_get(o[2], "licenses")) == 0 &&
           is_null(o[2], "source") &&
           is_string_eq(json_object_get(o[2], "error"), "kind", "io") &&
           is_string_eq(json_object_get(o[2], "error"), "message",
                        "missing.html: No such file or directory"),
       "jsonl: an error result: license/source null, error kind+message");
    for (n = 0; n < 3; n++) {
        json_decref(o[n]);
        result_free(&r[n]);
    }
    free(out);
}

static void
test_json(void)
{
    struct result r[2];
    json_error_t jerr;
    json_t *doc, *results, *summary;
    char *out;

    make_pass(&r[0], "page.html", "CC BY 4.0 licence");
    make_warn(&r[1], "warn.html");
    r[1].fetched = true;
    r[1].http_status = 200;
    r[1].redirects = xcalloc(1, sizeof *r[1].redirects);
    r[1].redirects_len = 1;
    r[1].redirects[0].url = xstrdup("http://copy.example/w");
    r[1].redirects[0].status = 301;
    r[1].elapsed_ms = 12;
    r[1].bytes = 3456;
    r[1].content_type = xstrdup("text/html; charset=utf-8");
    out = render(FORMAT_JSON, false, 0, r, 2);
    doc = json_loads(out, 0, &jerr);
    ok(doc != NULL, "json: the whole output is one JSON document (%s)",
       doc ? "ok" : jerr.text);
    results = json_object_get(doc, "results");
    summary = json_object_get(doc, "summary");
    ok(is_string_eq(doc, "attrcheck", PACKAGE_VERSION),
       "json: \"attrcheck\" is the version");
    ok(json_is_array(results) && json_array_size(results) == 2,
       "json: results has both");
    if (json_array_size(results) > 0)
        check_pass_object(json_array_get(results, 0));
    ok(is_int_eq(summary, "targets", 2) && is_int_eq(summary, "pass", 1) &&
           is_int_eq(summary, "warn", 1) && is_int_eq(summary, "fail", 0) &&
           is_int_eq(summary, "error", 0) && is_int_eq(summary, "none", 0),
       "json: summary counts per verdict");
    {
        json_t *w = json_array_get(results, 1);
        json_t *red = json_array_get(json_object_get(w, "redirects"), 0);
        json_t *fetch = json_object_get(w, "fetch");

        ok(is_int_eq(w, "http_status", 200) &&
               is_string_eq(red, "url", "http://copy.example/w") &&
               is_int_eq(red, "status", 301),
           "json: http_status and redirects for a fetched page");
        ok(is_int_eq(fetch, "elapsed_ms", 12) &&
               is_int_eq(fetch, "bytes", 3456) &&
               is_string_eq(fetch, "content_type", "text/html; charset=utf-8"),
           "json: fetch elapsed_ms, bytes, content_type");
    }
    json_decref(doc);
    free(out);
    out = render(FORMAT_JSON, false, 0, r, 0);
    doc = json_loads(out, 0, &jerr);
    ok(doc && json_array_size(json_object_get(doc, "results")) == 0 &&
           is_int_eq(json_object_get(doc, "summary"), "targets", 0),
       "json: no results is still a valid document");
    json_decref(doc);
    free(out);
    result_free(&r[0]);
    result_free(&r[1]);
}

/* Hostile strings: ESC in the target and excerpt, invalid UTF-8. */
static void
test_hostile_json(void)
{
    struct result r;
    json_error_t jerr;
    json_t *o;
    char *out;

    make_pass(&r, "a\x1b[2Jb.html", "CC BY\x1b]0;x\x07 4.0");
    out = render(FORMAT_JSONL, false, 0, &r, 1);
    o = json_loads(out, 0, &jerr);
    ok(o && is_string_eq(o, "target", "a\x1b[2Jb.html"),
       "json: a target with ESC round-trips (escaped by JSON)");
    ok(strchr(out, '\x1b') == NULL && strchr(out, '\x07') == NULL,
       "json: no raw control bytes in the output");
    json_decref(o);
    free(out);
    result_free(&r);

    make_pass(&r, "caf\xe9.html", "CC BY 4.0");
    out = render(FORMAT_JSONL, false, 0, &r, 1);
    o = json_loads(out, 0, &jerr);
    ok(o != NULL, "json: a Latin-1 file name still gives valid JSON");
    ok(o && json_is_string(json_object_get(o, "target")),
       "json: a target that is not UTF-8 keeps its \"target\" field");
    json_decref(o);
    free(out);
    result_free(&r);
}

static bool
has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 && *s != '\n')
            return true;
    return false;
}

static void
test_text(void)
{
    struct result r[2];
    char *out;

    make_pass(&r[0], "a\x1b[2Jb.html", "CC BY\x1b]0;x\x07 4.0");
    make_warn(&r[1], "w\xe2\x80\xae.html");
    out = render(FORMAT_TEXT, false, 0, r, 2);
    ok(!has_control(out), "text: no raw control bytes from target or excerpt");
    ok(strstr(out, "a\\x1b[2Jb.html: pass\n") != NULL,
       "text: the target is shown escaped, then the verdict");
    ok(strstr(out, "CC BY\\x1b]0;x\\x07 4.0") != NULL,
       "text: the excerpt is shown escaped");
    ok(strstr(out, "w\\u202e.html: warn") != NULL,
       "text: a bidi override in the target is escaped");
    ok(strstr(out, "  license   CC BY 4.0, in the notice, line 13\n") != NULL,
       "text: the licence line");
    ok(strstr(out, "  source    https://orig.example/story (line 14)\n") &&
           strstr(out, "  credit    The Original\n"),
       "text: source and credit lines");
    ok(strstr(out, "[license-version-missing]") != NULL &&
           strstr(out, "line 3: ") != NULL,
       "text: findings with line and code");
    ok(strstr(out, "2 targets: 1 pass, 1 warn") != NULL,
       "text: a summary for two targets");
    ok(strstr(out, "also") == NULL, "text: other statements only with -v");
    free(out);

    out = render(FORMAT_TEXT, false, 1, r, 2);
    ok(strstr(out, "  also      CC BY-SA NL, image credit, in the article") !=
           NULL,
       "text -v: other statements listed (%s)", "image credit");
    free(out);

    out = render(FORMAT_TEXT, false, -1, r, 2);
    ok(strstr(out, "targets:") == NULL, "text -q: no summary");
    free(out);

    out = render(FORMAT_TEXT, true, 0, r, 2);
    ok(strstr(out, "\x1b[32mpass\x1b[0m") != NULL &&
           strstr(out, "\x1b[33mwarn\x1b[0m") != NULL,
       "text with colour: verdicts coloured");
    ok(strstr(out, "\x1b[2J") == NULL,
       "text with colour: the page's own ESC is still escaped");
    free(out);

    out = render(FORMAT_TEXT, false, 0, r, 1);
    ok(strchr(out, '\x1b') == NULL, "text without colour: no ESC at all");
    ok(strstr(out, "targets:") == NULL, "text: no summary for one target");
    free(out);
    result_free(&r[0]);
    result_free(&r[1]);

    result_init(&r[0], "gone.html", NULL);
    result_set_error(&r[0], "io", "gone.html: No such \x1b[1mfile");
    out = render(FORMAT_TEXT, false, 0, r, 1);
    ok(strstr(out, "gone.html: error\n  error     io: gone.html: No such "
                   "\\x1b[1mfile\n") != NULL,
       "text: an error result, message escaped");
    free(out);
    result_free(&r[0]);

    result_init(&r[0], "none.html", NULL);
    r[0].analysed = true;
    r[0].analysis.explainer = true;
    out = render(FORMAT_TEXT, false, 0, r, 1);
    ok(strstr(out, "none.html: none\n") &&
           strstr(out, "license   none (the page discusses several"),
       "text: an explainer page has no licence, and says why");
    free(out);
    result_free(&r[0]);
}

int
main(void)
{
    test_jsonl();
    test_json();
    test_hostile_json();
    test_text();
    return tap_done();
}
