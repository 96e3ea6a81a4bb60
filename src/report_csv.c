/* SPDX-License-Identifier: MIT */
/*
 * report_csv: one row per target for spreadsheets, RFC 4180: a header,
 * CRLF line ends, a cell quoted when it holds a comma, quote, CR or LF.
 * A cell starting with =, +, -, @, tab or CR gets a leading single quote,
 * so a spreadsheet never runs text from a page as a formula.  Columns:
 * target,url,verdict,family,version,port,source,findings (code:line;...).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

/* Writes one cell, escaped; NULL is an empty cell. */
static void
put_cell(FILE *out, const char *s, bool last)
{
    bool quote;

    if (s == NULL)
        s = "";
    quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
        fputc('\'', out);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    if (quote)
        fputc('"', out);
    fputs(last ? "\r\n" : ",", out);
}

static void
csv_begin(struct report *rep)
{
    fputs("target,url,verdict,family,version,port,source,findings\r\n",
          rep->out);
}

static void
csv_result(struct report *rep, const struct result *r)
{
    const struct analysis *a = &r->analysis;
    const struct license_statement *lic = NULL;
    struct strbuf codes = STRBUF_INIT;
    size_t i;

    if (r->analysed && a->applicable != DETECT_NONE)
        lic = &a->licenses[a->applicable];
    for (i = 0; i < r->findings.len; i++) {
        strbuf_addf(&codes, "%s%s", i ? ";" : "", r->findings.v[i].def->code);
        if (r->findings.v[i].line > 0)
            strbuf_addf(&codes, ":%u", r->findings.v[i].line);
    }
    put_cell(rep->out, r->target, false);
    put_cell(rep->out, r->url, false);
    put_cell(rep->out, verdict_name(r->verdict), false);
    put_cell(rep->out, lic ? cc_family_name(lic->lic.family) : NULL, false);
    put_cell(rep->out, lic && lic->lic.version[0] ? lic->lic.version : NULL,
             false);
    put_cell(rep->out, lic && lic->lic.port[0] ? lic->lic.port : NULL, false);
    put_cell(rep->out, r->analysed && a->source ? a->source->url : NULL, false);
    put_cell(rep->out, strbuf_str(&codes), true);
    strbuf_release(&codes);
}

const struct report_ops report_csv_ops = {csv_begin, csv_result, NULL};
