/* SPDX-License-Identifier: MIT */
/*
 * report: chooses the emitter for a format, counts verdicts while
 * forwarding each result, and offers emitters the few helpers several
 * formats share (fingerprints, URL or path).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "hash.h"
#include "msg.h"
#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

const struct finding_def report_check_error = {
    "check-error", SEVERITY_ERROR,
    "the target could not be checked (unreadable, not HTML, too large or "
    "not fetched)"};

void
report_init(struct report *rep, enum output_format format, FILE *out,
            bool color, int verbosity)
{
    static const struct report_ops *const ops[] = {
        [FORMAT_TEXT] = &report_text_ops,
        [FORMAT_JSON] = &report_json_ops,
        [FORMAT_JSONL] = &report_jsonl_ops,
        [FORMAT_SARIF] = &report_sarif_ops,
        [FORMAT_JUNIT] = &report_junit_ops,
        [FORMAT_GITHUB] = &report_github_ops,
        [FORMAT_GITLAB] = &report_gitlab_ops,
        [FORMAT_CSV] = &report_csv_ops,
        [FORMAT_MARKDOWN] = &report_markdown_ops,
        [FORMAT_HTML] = &report_html_ops};

    memset(rep, 0, sizeof *rep);
    rep->format = format;
    rep->out = out;
    rep->color = color;
    rep->verbosity = verbosity;
    rep->ops = (size_t)format < sizeof ops / sizeof ops[0] && ops[format]
                   ? ops[format]
                   : &report_text_ops;
}

void
report_begin(struct report *rep)
{
    if (rep->ops->begin != NULL)
        rep->ops->begin(rep);
}

static void
write_result(struct report *rep, const struct result *r)
{
    size_t n = strlen(r->target);

    rep->stats.verdicts[r->verdict]++;
    rep->stats.total++;
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
report_result(struct report *rep, const struct result *r)
{
    write_result(rep, r);
}

void
report_end(struct report *rep)
{
    if (rep->ops->end != NULL)
        rep->ops->end(rep, &rep->stats);
}

/* FNV-1a over one byte. */
static void
mix(uint64_t *h, unsigned char c)
{
    *h = (*h ^ c) * HASH_FNV_PRIME;
}

/* Hashes MESSAGE normalised: ASCII lower case, a digit run as one '0',
 * a whitespace run as one space, no space at either end. */
static void
mix_normalised(uint64_t *h, const char *message)
{
    const unsigned char *s = (const unsigned char *)message;
    bool space = false, digits = false, any = false;

    for (; *s != '\0'; s++) {
        if (isspace(*s)) {
            space = any;
            digits = false;
            continue;
        }
        if (space)
            mix(h, ' ');
        space = false;
        any = true;
        if (isdigit(*s)) {
            if (!digits)
                mix(h, '0');
            digits = true;
            continue;
        }
        digits = false;
        mix(h, (unsigned char)tolower(*s));
    }
}

static uint64_t
hash_finding(uint64_t seed, const char *target, const char *code,
             const char *message, unsigned nth)
{
    uint64_t h = seed;
    char num[16];
    const char *s;

    for (s = target; *s; s++)
        mix(&h, (unsigned char)*s);
    mix(&h, 0);
    for (s = code; *s; s++)
        mix(&h, (unsigned char)*s);
    mix(&h, 0);
    mix_normalised(&h, message ? message : "");
    mix(&h, 0);
    snprintf(num, sizeof num, "%u", nth);
    for (s = num; *s; s++)
        mix(&h, (unsigned char)*s);
    return h;
}

void
report_fingerprint(const char *target, const char *code, const char *message,
                   unsigned nth, char out[33])
{
    /* two FNV-1a passes from different offsets: 128 bits, not a
     * cryptographic hash, which a fingerprint does not need */
    uint64_t a = hash_finding(HASH_FNV_OFFSET, target, code, message, nth);
    uint64_t b =
        hash_finding(UINT64_C(0x84222325cbf29ce4), target, code, message, nth);

    snprintf(out, 33, "%016llx%016llx", (unsigned long long)a,
             (unsigned long long)b);
}

unsigned
report_finding_nth(const struct finding_list *l, size_t i)
{
    char want[33], got[33];
    unsigned nth = 0;
    size_t j;

    report_fingerprint("", l->v[i].def->code, l->v[i].message, 0, want);
    for (j = 0; j < i; j++) {
        if (strcmp(l->v[j].def->code, l->v[i].def->code) != 0)
            continue;
        report_fingerprint("", l->v[j].def->code, l->v[j].message, 0, got);
        if (strcmp(want, got) == 0)
            nth++;
    }
    return nth;
}

bool
report_target_is_url(const char *target)
{
    return strncasecmp(target, "http://", 7) == 0 ||
           strncasecmp(target, "https://", 8) == 0;
}

size_t
report_utf8_decode(const unsigned char *s, uint32_t *cp)
{
    size_t n, i;
    uint32_t c, min;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2, c = s[0] & 0x1f, min = 0x80;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3, c = s[0] & 0x0f, min = 0x800;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4, c = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0; /* also stops at the terminating NUL */
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

char *
report_utf8_dup(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    uint32_t cp;
    size_t n;

    while (*p != '\0') {
        n = report_utf8_decode(p, &cp);
        if (n == 0) {
            strbuf_adds(&sb, "\xef\xbf\xbd");
            p++;
            continue;
        }
        strbuf_add(&sb, p, n);
        p += n;
    }
    return strbuf_detach(&sb);
}

char *
report_error_text(const struct result *r)
{
    return xasprintf("could not be checked (%s): %s",
                     r->error_kind ? r->error_kind : "error",
                     r->error_message ? r->error_message : "no reason given");
}
