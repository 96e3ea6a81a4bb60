/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the CI emitters (report_sarif, report_junit,
 * report_github, report_gitlab, report_csv, report_markdown) and the
 * helpers they share in report.c: hand-built results with hostile text (a
 * comma in the path, a message with a newline, '%', markup, a control
 * byte and invalid UTF-8) written through open_memstream and checked for
 * escaping; fingerprints for stability and uniqueness.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "report.h"
#include "xalloc.h"

#define NASTY "line 7: 100% <b>&\"it's\"</b>\nnext\x01 \xff end"

/* A failing result for TARGET with two findings, the second NASTY. */
static void
make_fail(struct result *r, const char *target)
{
    result_init(r, target, "https://example.org/x");
    r->analysed = true;
    findings_add(&r->findings, "license-unlinked", 12, "not linked");
    findings_add(&r->findings, "source-missing", 3, "%s", NASTY);
    r->verdict = VERDICT_FAIL;
}

/* Writes RESULTS with FORMAT; returns the text (caller frees). */
static char *
render(enum output_format format, struct result *results, size_t n)
{
    struct report rep;
    char *text = NULL;
    size_t len = 0, i;
    FILE *fp = open_memstream(&text, &len);

    report_init(&rep, format, fp, false, 0);
    report_begin(&rep);
    for (i = 0; i < n; i++)
        report_result(&rep, &results[i]);
    report_end(&rep);
    fclose(fp);
    return text;
}

static void
test_github(struct result *rs, size_t n)
{
    char *out = render(FORMAT_GITHUB, rs, n);

    ok(strstr(out, "::warning file=dir/a%2Cb%3Ac.html,line=12,title=license-"
                   "unlinked::not linked\n") != NULL,
       "github: ',' and ':' escaped in file=");
    ok(strstr(out,
              "::error file=dir/a%2Cb%3Ac.html,line=3,title=source-"
              "missing::line 7: 100%25 <b>&\"it's\"</b>%0Anext\\x01 ") != NULL,
       "github: '%%', LF and control bytes escaped in the message");
    ok(strstr(out, "::error title=check-error::https://x.example/p: could "
                   "not be checked (dns): no host\n") != NULL,
       "github: a URL target has no file= and is named in the message");
    ok(strstr(out, "attrcheck: 3 targets: 0 pass, 0 warn, 1 fail, 1 error, "
                   "1 none\n") != NULL,
       "github: a count line at the end");
    free(out);
}

static void
test_csv(struct result *rs, size_t n)
{
    char *out = render(FORMAT_CSV, rs, n);

    ok(strncmp(out,
               "target,url,verdict,family,version,port,source,findings\r\n",
               56) == 0,
       "csv: the header");
    ok(strstr(out, "\"dir/a,b:c.html\",https://example.org/x,fail,,,,,"
                   "license-unlinked:12;source-missing:3\r\n") != NULL,
       "csv: a comma is quoted, findings as code:line");
    ok(strstr(out, "'=SUM(A1),,none,") != NULL,
       "csv: a leading '=' gets a quote");
    free(out);
}

static void
test_junit(struct result *rs, size_t n)
{
    char *out = render(FORMAT_JUNIT, rs, n);

    ok(strstr(out, "tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"1\"") !=
           NULL,
       "junit: counts");
    ok(strstr(out, "line 7: 100% &lt;b&gt;&amp;&quot;it&apos;s&quot;&lt;/b"
                   "&gt;\nnext\xef\xbf\xbd \xef\xbf\xbd end") != NULL,
       "junit: entities, control byte and invalid UTF-8 as U+FFFD");
    ok(strstr(out, "<error type=\"dns\" message=\"could not be checked "
                   "(dns): no host\"/>") != NULL,
       "junit: error element");
    ok(strstr(out, "<skipped ") != NULL, "junit: skipped for none");
    ok(strstr(out, "name=\"https://x.example/p\">") != NULL,
       "junit: a URL has no file attribute");
    free(out);
}

static void
test_markdown(struct result *rs, size_t n)
{
    char *out = render(FORMAT_MARKDOWN, rs, n);

    ok(strstr(out, "3 targets: 1 fail, 1 error, 1 none\n") != NULL,
       "markdown: counts first");
    ok(strstr(out, "line 7: 100% &lt;b&gt;&amp;\"it's\"&lt;/b&gt; next\xef"
                   "\xbf\xbd \xff end (license\\-missing)") == NULL &&
           strstr(out, "&lt;b&gt;&amp;") != NULL && strstr(out, "<b>") == NULL,
       "markdown: no raw markup from a message");
    ok(strstr(out, "| \\=SUM(A1) |") == NULL && strstr(out, "| =SUM(A1) |"),
       "markdown: a table row per target");
    free(out);
}

/* Parses TEXT as JSON; NULL on error. */
static json_t *
parse(const char *text)
{
    json_error_t e;

    return json_loads(text, 0, &e);
}

static void
test_json_formats(struct result *rs, size_t n)
{
    char *out = render(FORMAT_SARIF, rs, n);
    json_t *doc = parse(out), *results, *res;
    const char *fp1, *fp2;

    ok(doc != NULL, "sarif: valid JSON");
    results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0),
                              "results");
    ok(json_array_size(results) == 3, "sarif: two findings and an error");
    res = json_array_get(results, 1);
    ok(strcmp(json_string_value(
                  json_object_get(json_object_get(res, "message"), "text")),
              "line 7: 100% <b>&\"it's\"</b>\nnext\x01 \xef\xbf\xbd end") == 0,
       "sarif: the message survives, invalid UTF-8 replaced");
    fp1 = json_string_value(json_object_get(
        json_object_get(json_array_get(results, 0), "partialFingerprints"),
        "attrcheckFinding/v1"));
    fp2 = json_string_value(json_object_get(
        json_object_get(res, "partialFingerprints"), "attrcheckFinding/v1"));
    ok(fp1 && fp2 && strlen(fp1) == 32 && strcmp(fp1, fp2) != 0,
       "sarif: distinct fingerprints");
    json_decref(doc);
    free(out);

    out = render(FORMAT_GITLAB, rs, n);
    doc = parse(out);
    ok(json_is_array(doc) && json_array_size(doc) == 3,
       "gitlab: an array of three issues");
    res = json_array_get(doc, 2);
    ok(strcmp(json_string_value(json_object_get(res, "severity")), "major") ==
               0 &&
           json_integer_value(json_object_get(
               json_object_get(json_object_get(res, "location"), "lines"),
               "begin")) == 1,
       "gitlab: an error without a line is major at line 1");
    json_decref(doc);
    free(out);

    out = render(FORMAT_GITLAB, NULL, 0);
    ok(strcmp(out, "[]\n") == 0, "gitlab: no results is an empty array");
    free(out);
}

static void
test_fingerprints(void)
{
    struct finding_list l = {0};
    char a[33], b[33];

    report_fingerprint("p.html", "c", "Line 12:  two  words", 0, a);
    report_fingerprint("p.html", "c", "line 14: two words ", 0, b);
    is_str(a, b, "fingerprint ignores digits, case and spacing");
    report_fingerprint("q.html", "c", "line 12: two words", 0, b);
    ok(strcmp(a, b) != 0, "fingerprint depends on the target");
    report_fingerprint("p.html", "d", "line 12: two words", 0, b);
    ok(strcmp(a, b) != 0, "fingerprint depends on the code");
    report_fingerprint("p.html", "c", "line 12: two words", 1, b);
    ok(strcmp(a, b) != 0, "fingerprint depends on the occurrence");
    findings_add(&l, "license-unknown", 3, "x 1 is not a licence");
    findings_add(&l, "license-unknown", 9, "x 2 is not a licence");
    findings_add(&l, "license-unlinked", 9, "x 2 is not a licence");
    ok(report_finding_nth(&l, 0) == 0 && report_finding_nth(&l, 1) == 1 &&
           report_finding_nth(&l, 2) == 0,
       "report_finding_nth counts earlier look-alikes of the same code");
    finding_list_free(&l);
}

static void
test_helpers(void)
{
    char *s = report_utf8_dup("ok \xc3\xa9 \xff \xed\xa0\x80 \xf0\x9f\x98\x80");

    is_str(s,
           "ok \xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
           "\xf0\x9f\x98\x80",
           "report_utf8_dup replaces each invalid byte");
    free(s);
    s = report_utf8_dup(NULL);
    is_str(s, "", "report_utf8_dup(NULL)");
    free(s);
    ok(report_target_is_url("HTTPS://x.example/") &&
           !report_target_is_url("https.html") &&
           !report_target_is_url("dir/http://x"),
       "report_target_is_url");
}

int
main(void)
{
    struct result rs[3];

    make_fail(&rs[0], "dir/a,b:c.html");
    result_init(&rs[1], "https://x.example/p", NULL);
    result_set_error(&rs[1], "dns", "no host");
    result_init(&rs[2], "=SUM(A1)", NULL);
    rs[2].analysed = true;
    test_github(rs, 3);
    test_csv(rs, 3);
    test_junit(rs, 3);
    test_markdown(rs, 3);
    test_json_formats(rs, 3);
    test_fingerprints();
    test_helpers();
    result_free(&rs[0]);
    result_free(&rs[1]);
    result_free(&rs[2]);
    return tap_done();
}
