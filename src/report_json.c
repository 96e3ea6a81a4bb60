/* SPDX-License-Identifier: MIT */
/*
 * report_json: the json and jsonl formats (documented in docs/output.md).
 * Objects are built with jansson and written one result at a time; the
 * json format streams its "results" array the same way, so a run over a
 * million targets never holds more than one result in memory.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "verify.h"
#include "xalloc.h"

/* A JSON string of S, which may hold bytes that are not UTF-8 (a file
 * name, say): those become U+FFFD instead of losing the field. */
static json_t *
json_str(const char *s)
{
    json_t *j = json_string(s);
    unsigned char *copy, *p;

    if (j != NULL)
        return j;
    copy = (unsigned char *)strdup(s);
    if (copy == NULL)
        return json_string("");
    for (p = copy; *p != '\0'; p++)
        if (*p >= 0x80)
            *p = '?'; /* cheap and valid; exact repair is not worth it here */
    j = json_string((char *)copy);
    free(copy);
    return j;
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_str(s) : json_null();
}

static json_t *
evidence_json(const struct evidence *v, size_t len)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < len; i++)
        json_array_append_new(arr,
                              json_pack("{s:s, s:i, s:o}", "kind",
                                        evidence_kind_name(v[i].kind), "line",
                                        (json_int_t)v[i].line, "excerpt",
                                        json_str(v[i].excerpt)));
    return arr;
}

static const char *
role_name(enum statement_role r)
{
    return r == ROLE_CLAIM   ? "claim"
           : r == ROLE_IMAGE ? "image"
           : r == ROLE_OTHER ? "other"
                             : "mention";
}

static const char *
scope_name(enum statement_scope s)
{
    return s == SCOPE_NOTICE    ? "notice"
           : s == SCOPE_ARTICLE ? "article"
                                : "page";
}

static json_t *
license_json(const struct license_statement *s)
{
    char spdx[48];
    json_t *o = json_object();

    json_object_set_new(o, "family",
                        str_or_null(cc_family_name(s->lic.family)));
    json_object_set_new(o, "version",
                        str_or_null(s->lic.version[0] ? s->lic.version : NULL));
    json_object_set_new(o, "port",
                        str_or_null(s->lic.port[0] ? s->lic.port : NULL));
    json_object_set_new(
        o, "spdx",
        str_or_null(cc_license_spdx(&s->lic, spdx, sizeof spdx) ? spdx : NULL));
    json_object_set_new(o, "url", str_or_null(s->url));
    json_object_set_new(o, "role", json_string(role_name(s->role)));
    json_object_set_new(o, "scope", json_string(scope_name(s->scope)));
    json_object_set_new(o, "line", json_integer((json_int_t)s->line));
    json_object_set_new(o, "evidence",
                        evidence_json(s->evidence, s->evidence_len));
    return o;
}

/* A licence without statement details: what a source grants. */
static json_t *
bare_license_json(const struct cc_license *lic, const char *url)
{
    char spdx[48];

    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o}", "family",
        str_or_null(cc_family_name(lic->family)), "version",
        str_or_null(lic->version[0] ? lic->version : NULL), "port",
        str_or_null(lic->port[0] ? lic->port : NULL), "spdx",
        str_or_null(cc_license_spdx(lic, spdx, sizeof spdx) ? spdx : NULL),
        "url", str_or_null(url));
}

static json_t *
check_json(const struct source_check *c)
{
    json_t *o;

    if (c == NULL)
        return json_null();
    o = json_object();
    json_object_set_new(o, "url", json_str(c->url));
    json_object_set_new(o, "http_status",
                        c->http_status ? json_integer(c->http_status)
                                       : json_null());
    json_object_set_new(
        o, "similarity",
        c->similarity >= 0
            ? json_real((double)(long)(c->similarity * 1000 + 0.5) / 1000)
            : json_null());
    json_object_set_new(o, "license",
                        c->has_license
                            ? bare_license_json(&c->lic, c->license_url)
                            : json_null());
    json_object_set_new(o, "creator", str_or_null(c->creator));
    json_object_set_new(o, "title", str_or_null(c->title));
    json_object_set_new(o, "error",
                        c->error_kind
                            ? json_pack("{s:s, s:o}", "kind", c->error_kind,
                                        "message", json_str(c->error_message))
                            : json_null());
    json_object_set_new(o, "source", check_json(c->next));
    return o;
}

static json_t *
source_json(const struct source_credit *s, const struct source_check *check)
{
    if (s == NULL)
        return json_null();
    return json_pack("{s:o, s:o, s:i, s:o, s:o}", "url", json_str(s->url),
                     "credit", str_or_null(s->credit), "line",
                     (json_int_t)s->line, "evidence",
                     evidence_json(s->evidence, s->evidence_len), "check",
                     check_json(check));
}

static json_t *
findings_json(const struct finding_list *l)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < l->len; i++)
        json_array_append_new(
            arr,
            json_pack("{s:s, s:s, s:o, s:o}", "code", l->v[i].def->code,
                      "severity", severity_name(l->v[i].def->severity),
                      "message", json_str(l->v[i].message), "line",
                      l->v[i].line ? json_integer(l->v[i].line) : json_null()));
    return arr;
}

static void
add_fetch(json_t *o, const struct result *r)
{
    json_t *redirects = json_array();
    size_t i;

    for (i = 0; i < r->redirects_len; i++)
        json_array_append_new(redirects,
                              json_pack("{s:o, s:i}", "url",
                                        json_str(r->redirects[i].url), "status",
                                        (json_int_t)r->redirects[i].status));
    json_object_set_new(o, "http_status",
                        r->http_status ? json_integer(r->http_status)
                                       : json_null());
    json_object_set_new(o, "redirects", redirects);
    json_object_set_new(o, "fetch",
                        json_pack("{s:i, s:i, s:o}", "elapsed_ms",
                                  (json_int_t)r->elapsed_ms, "bytes",
                                  (json_int_t)r->bytes, "content_type",
                                  str_or_null(r->content_type)));
}

/* The result object of docs/output.md, keys in documented order. */
static json_t *
result_json(const struct result *r)
{
    const struct analysis *a = &r->analysis;
    json_t *o = json_object(), *all = json_array();
    size_t i;

    json_object_set_new(o, "target", json_str(r->target));
    json_object_set_new(o, "url", str_or_null(r->url));
    json_object_set_new(o, "verdict", json_string(verdict_name(r->verdict)));
    json_object_set_new(o, "license",
                        r->analysed && a->applicable != DETECT_NONE
                            ? license_json(&a->licenses[a->applicable])
                            : json_null());
    for (i = 0; r->analysed && i < a->licenses_len; i++)
        json_array_append_new(all, license_json(&a->licenses[i]));
    json_object_set_new(o, "licenses", all);
    json_object_set_new(o, "source",
                        r->analysed ? source_json(a->source, r->check)
                                    : json_null());
    json_object_set_new(o, "findings", findings_json(&r->findings));
    json_object_set_new(o, "suggestion",
                        r->suggestion_text
                            ? json_pack("{s:o, s:o, s:s}", "html",
                                        json_str(r->suggestion_html), "text",
                                        json_str(r->suggestion_text), "lang",
                                        r->suggestion_lang)
                            : json_null());
    json_object_set_new(o, "error",
                        r->error_kind
                            ? json_pack("{s:s, s:o}", "kind", r->error_kind,
                                        "message", json_str(r->error_message))
                            : json_null());
    if (r->fetched)
        add_fetch(o, r);
    if (r->depth >= 0) {
        json_object_set_new(o, "depth", json_integer(r->depth));
        json_object_set_new(o, "found_on", str_or_null(r->found_on));
    }
    return o;
}

#define DUMP_FLAGS (JSON_PRESERVE_ORDER | JSON_COMPACT)

char *
report_result_json(const struct result *r)
{
    json_t *o = result_json(r);
    char *s = json_dumps(o, DUMP_FLAGS);

    json_decref(o);
    return s != NULL ? s : xstrdup("{}");
}

/*
 * Writes line S (N bytes, newline included) with one write(), so that a
 * run killed at any moment (SIGKILL too) leaves only whole lines; a
 * failed write goes through stdio, which then holds the error for the
 * caller's ferror().  Streams with no descriptor use stdio.
 */
static void
put_line(FILE *out, const char *s, size_t n)
{
    int fd = fileno(out);
    ssize_t w;

    fflush(out);
    while (fd >= 0 && n > 0) {
        w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        s += w;
        n -= (size_t)w;
    }
    if (n > 0) {
        fwrite(s, 1, n, out);
        fflush(out);
    }
}

static void
jsonl_result(struct report *rep, const struct result *r)
{
    json_t *o = result_json(r);
    char *text = json_dumps(o, DUMP_FLAGS);
    size_t n = text ? strlen(text) : 0;

    if (text != NULL) {
        text = xrealloc(text, n + 2);
        text[n++] = '\n';
        text[n] = '\0';
        put_line(rep->out, text, n); /* at once, for pipes */
    }
    free(text);
    json_decref(o);
}

static void
json_begin(struct report *rep)
{
    fprintf(rep->out, "{\"attrcheck\":\"%s\",\"results\":[", PACKAGE_VERSION);
}

static void
json_result(struct report *rep, const struct result *r)
{
    json_t *o = result_json(r);

    if (rep->written > 0)
        fputc(',', rep->out);
    fputc('\n', rep->out);
    json_dumpf(o, rep->out, DUMP_FLAGS);
    json_decref(o);
}

static void
json_end(struct report *rep, const struct run_stats *stats)
{
    json_t *summary = json_object();
    int v;

    json_object_set_new(summary, "targets",
                        json_integer((json_int_t)stats->total));
    for (v = VERDICT_PASS; v <= VERDICT_NONE; v++)
        json_object_set_new(summary, verdict_name((enum verdict)v),
                            json_integer((json_int_t)stats->verdicts[v]));
    fputs("\n],\"summary\":", rep->out);
    json_dumpf(summary, rep->out, DUMP_FLAGS);
    fputs("}\n", rep->out);
    json_decref(summary);
}

const struct report_ops report_jsonl_ops = {NULL, jsonl_result, NULL};
const struct report_ops report_json_ops = {json_begin, json_result, json_end};
