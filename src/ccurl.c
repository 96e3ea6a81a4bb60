/* SPDX-License-Identifier: MIT */
/*
 * ccurl: the Creative Commons URL grammar.  Splits a deed, legal code or
 * badge URL by hand (no regex, no allocation: it runs for every link of
 * every page), maps the path code to a licence family and checks the
 * result against the generated table in ccports.c.  It knows names, SPDX
 * ids and canonical deed URLs too; it never fetches anything and does not
 * read page text.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ccurl.h"
#include "webarchive.h"

/* One path segment, not NUL-terminated. */
struct seg {
    const char *p;
    size_t n;
};

#define MAX_SEGS 8

enum host_kind {
    HOST_NONE,     /* not Creative Commons */
    HOST_MAIN,     /* creativecommons.org, www.creativecommons.org */
    HOST_BADGE,    /* i.creativecommons.org, licensebuttons.net */
    HOST_PRESSKIT, /* mirrors.creativecommons.org/presskit/buttons */
    HOST_CC_OTHER  /* another subdomain: CC's, but never a licence */
};

/* Element bits of a path code such as "by-nc-sa". */
enum { EL_BY = 1, EL_NC = 2, EL_ND = 4, EL_SA = 8 };

static const enum cc_family family_of_bits[16] = {
    [EL_BY] = CC_BY,
    [EL_BY | EL_SA] = CC_BY_SA,
    [EL_BY | EL_NC] = CC_BY_NC,
    [EL_BY | EL_ND] = CC_BY_ND,
    [EL_BY | EL_NC | EL_SA] = CC_BY_NC_SA,
    [EL_BY | EL_NC | EL_ND] = CC_BY_NC_ND,
    [EL_NC] = CC_RETIRED,
    [EL_ND] = CC_RETIRED,
    [EL_SA] = CC_RETIRED,
    [EL_NC | EL_SA] = CC_RETIRED,
    [EL_NC | EL_ND] = CC_RETIRED,
};

/* Codes that are whole words rather than elements. */
static const struct {
    const char *code;
    enum cc_family family;
} code_words[] = {
    {"zero", CC_ZERO},
    {"cc0", CC_ZERO},
    {"mark", CC_PDM},
    {"pdm", CC_PDM},
    {"sampling", CC_RETIRED},
    {"sampling+", CC_RETIRED},
    {"nc-sampling+", CC_RETIRED},
    {"devnations", CC_RETIRED},
    {"publicdomain", CC_RETIRED},
    {"certification", CC_RETIRED},
};

static const struct {
    const char *name, *code, *spdx; /* spdx: the id's stem */
} families[] = {
    [CC_BY] = {"CC-BY", "by", "CC-BY"},
    [CC_BY_SA] = {"CC-BY-SA", "by-sa", "CC-BY-SA"},
    [CC_BY_NC] = {"CC-BY-NC", "by-nc", "CC-BY-NC"},
    [CC_BY_ND] = {"CC-BY-ND", "by-nd", "CC-BY-ND"},
    [CC_BY_NC_SA] = {"CC-BY-NC-SA", "by-nc-sa", "CC-BY-NC-SA"},
    [CC_BY_NC_ND] = {"CC-BY-NC-ND", "by-nc-nd", "CC-BY-NC-ND"},
    [CC_ZERO] = {"CC0", "zero", "CC0"},
    [CC_PDM] = {"PDM", "mark", "CC-PDM"},
    [CC_UNSPECIFIED] = {"CC", NULL, NULL},
    [CC_RETIRED] = {"CC-retired", NULL, NULL},
};

/*
 * The ported licences on the SPDX License List: the spdx_license_key
 * values (other than LicenseRef-*) of ScanCode's cc-* licence data, which
 * follows the SPDX list.  Unported ids need no list: SPDX has every
 * unported CC licence that exists, and CC0-1.0 and CC-PDM-1.0.
 */
static const char *const spdx_ported[] = {
    "CC-BY-2.5-AU",        "CC-BY-3.0-AT",       "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",        "CC-BY-3.0-IGO",      "CC-BY-3.0-NL",
    "CC-BY-3.0-US",        "CC-BY-NC-3.0-DE",    "CC-BY-NC-ND-3.0-DE",
    "CC-BY-NC-ND-3.0-IGO", "CC-BY-NC-SA-2.0-DE", "CC-BY-NC-SA-2.0-FR",
    "CC-BY-NC-SA-2.0-UK",  "CC-BY-NC-SA-3.0-DE", "CC-BY-NC-SA-3.0-IGO",
    "CC-BY-ND-3.0-DE",     "CC-BY-SA-2.0-UK",    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-3.0-AT",     "CC-BY-SA-3.0-DE",    "CC-BY-SA-3.0-IGO",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* True when the N bytes at P equal LIT, ignoring ASCII case. */
static bool
eq_ci(const char *p, size_t n, const char *lit)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (lit[i] == '\0' ||
            tolower((unsigned char)p[i]) != (unsigned char)lit[i])
            return false;
    return lit[n] == '\0';
}

/* True when the segment starts with the lower-case literal PREFIX. */
static bool
seg_starts(const struct seg *s, const char *prefix)
{
    size_t n = strlen(prefix);

    return s->n >= n && eq_ci(s->p, n, prefix);
}

static unsigned
element_bit(const char *p, size_t n)
{
    if (eq_ci(p, n, "by"))
        return EL_BY;
    if (eq_ci(p, n, "nc"))
        return EL_NC;
    if (eq_ci(p, n, "nd"))
        return EL_ND;
    if (eq_ci(p, n, "sa"))
        return EL_SA;
    return 0;
}

enum cc_family
cc_family_from_code(const char *code, size_t len)
{
    unsigned bits = 0, bit;
    size_t i, j;

    if (code == NULL || len == 0)
        return CC_NONE;
    for (i = 0; i < COUNT(code_words); i++)
        if (eq_ci(code, len, code_words[i].code))
            return code_words[i].family;
    for (i = 0; i <= len; i = j + 1) { /* elements in any order, once */
        for (j = i; j < len && code[j] != '-'; j++)
            ;
        bit = element_bit(code + i, j - i);
        if (bit == 0 || (bits & bit) != 0)
            return CC_NONE;
        bits |= bit;
    }
    return family_of_bits[bits];
}

const char *
cc_family_name(enum cc_family f)
{
    if (f <= CC_NONE || (size_t)f >= COUNT(families))
        return NULL;
    return families[f].name;
}

const char *
cc_family_code(enum cc_family f)
{
    if (f <= CC_NONE || (size_t)f >= COUNT(families))
        return NULL;
    return families[f].code;
}

enum cc_family
cc_family_from_value(const char *code, size_t len)
{
    size_t f;

    if (code == NULL)
        return CC_NONE;
    if (len == 2 && strncmp(code, "cc", 2) == 0)
        return CC_UNSPECIFIED;
    for (f = CC_NONE + 1; f < COUNT(families); f++)
        if (families[f].code != NULL && strlen(families[f].code) == len &&
            strncmp(families[f].code, code, len) == 0)
            return (enum cc_family)f;
    return CC_NONE;
}

/* Classifies the host H (HN bytes, no port, no trailing dot). */
static enum host_kind
host_kind_of(const char *h, size_t hn)
{
    static const char cc[] = ".creativecommons.org";
    const size_t ccn = sizeof cc - 1;
    size_t i;

    if (eq_ci(h, hn, "creativecommons.org") ||
        eq_ci(h, hn, "www.creativecommons.org"))
        return HOST_MAIN;
    if (eq_ci(h, hn, "i.creativecommons.org") ||
        eq_ci(h, hn, "licensebuttons.net"))
        return HOST_BADGE;
    if (eq_ci(h, hn, "mirrors.creativecommons.org"))
        return HOST_PRESSKIT;
    if (hn <= ccn + 1 || !eq_ci(h + hn - ccn, ccn, cc))
        return HOST_NONE;
    for (i = 0; i < hn - ccn; i++)
        if (!isalnum((unsigned char)h[i]) && h[i] != '-' && h[i] != '.')
            return HOST_NONE;
    return HOST_CC_OTHER;
}

/* Returns the host kind of the authority A (N bytes).  NO_SCHEME: the URL
 * had no scheme, so a ':' or '@' means it was not a web URL at all. */
static enum host_kind
classify_host(const char *a, size_t n, bool no_scheme)
{
    const char *h = a, *end = a + n, *colon, *q;
    size_t hn;

    for (q = end; q > a; q--)
        if (q[-1] == '@') {
            if (no_scheme)
                return HOST_NONE;
            h = q;
            break;
        }
    colon = memchr(h, ':', (size_t)(end - h));
    if (colon != NULL) {
        if (colon + 1 == end && no_scheme)
            return HOST_NONE;
        for (q = colon + 1; q < end; q++)
            if (!isdigit((unsigned char)*q))
                return HOST_NONE; /* "mailto:", "javascript:" */
        end = colon;
    }
    hn = (size_t)(end - h);
    if (hn > 0 && h[hn - 1] == '.')
        hn--; /* the DNS root: "creativecommons.org." */
    return host_kind_of(h, hn);
}

/* Splits the path at P into non-empty segments up to '?', '#', white
 * space or NUL.  Stores at most MAX_SEGS and returns the full count. */
static size_t
split_path(const char *p, struct seg *segs)
{
    size_t count = 0, n;

    for (;;) {
        while (*p == '/')
            p++;
        for (n = 0; (unsigned char)p[n] > 0x20 && p[n] != '/' && p[n] != '?' &&
                    p[n] != '#';
             n++)
            ;
        if (n == 0)
            return count;
        if (count < MAX_SEGS) {
            segs[count].p = p;
            segs[count].n = n;
        }
        count++;
        p += n;
    }
}

/* Copies the segment lower case into BUF of size N when it fits. */
static bool
seg_copy(const struct seg *s, char *buf, size_t n)
{
    size_t i;

    if (s->n >= n)
        return false;
    for (i = 0; i < s->n; i++)
        buf[i] = (char)tolower((unsigned char)s->p[i]);
    buf[s->n] = '\0';
    return true;
}

static bool
is_version(const struct seg *s)
{
    return s->n == 3 && isdigit((unsigned char)s->p[0]) && s->p[1] == '.' &&
           isdigit((unsigned char)s->p[2]);
}

/* A port segment: 2 to 15 letters ("nl", "igo", "scotland"). */
static bool
is_port(const struct seg *s)
{
    size_t i;

    if (s->n < 2 || s->n > 15)
        return false;
    for (i = 0; i < s->n; i++)
        if (!isalpha((unsigned char)s->p[i]))
            return false;
    return true;
}

static bool
is_deed(const struct seg *s)
{
    return s->n == 4 ? seg_starts(s, "deed")
                     : s->n > 5 && seg_starts(s, "deed.");
}

static bool
is_legalcode(const struct seg *s)
{
    return s->n == 9 ? seg_starts(s, "legalcode")
                     : s->n > 10 && seg_starts(s, "legalcode.");
}

/* An image file name: "88x31.png". */
static bool
is_image(const struct seg *s)
{
    return memchr(s->p, '.', s->n) != NULL;
}

/* True when the licence OUT names, with path code CODE, exists: retired
 * tools are checked by their exact code, the others by family, so that
 * by-nc-nd/1.0 counts as by-nd-nc/1.0. */
static bool
exists_with_code(const struct cc_license *out, const char *code)
{
    if (out->family == CC_RETIRED)
        return ccports_has(out->version, out->port, code);
    return ccurl_exists(out);
}

/*
 * Parses what follows the code: VERSION [PORT] [deed.LANG | legalcode.LANG]
 * (or [IMAGE] for a badge) and returns the kind, INVALID when the version
 * is missing or bad, a segment is unknown or CC never published it.
 */
static enum cc_url_kind
parse_tail(const struct seg *s, size_t n, const char *code, bool badge,
           struct cc_license *out)
{
    enum cc_url_kind kind = badge ? CC_URL_BADGE : CC_URL_DEED;
    bool valid = n > 0 && is_version(&s[0]);
    size_t i = 1;

    if (n == 0 && !badge)
        return CC_URL_DEED; /* "licenses/by/": CC serves the latest version */

    if (valid)
        seg_copy(&s[0], out->version, sizeof out->version);
    if (n > i && !is_deed(&s[i]) && !is_legalcode(&s[i]) && is_port(&s[i]))
        seg_copy(&s[i++], out->port, sizeof out->port);
    if (n > i) {
        if (badge && is_image(&s[i]))
            kind = CC_URL_BADGE;
        else if (!badge && is_deed(&s[i]))
            kind = CC_URL_DEED;
        else if (!badge && is_legalcode(&s[i]))
            kind = CC_URL_LEGALCODE;
        else
            valid = false;
        i++;
    }
    if (n > i)
        valid = false;
    return valid && exists_with_code(out, code) ? kind : CC_URL_INVALID;
}

/* "licenses/CODE/..." or a badge's "l/CODE/...": S starts at the code. */
static enum cc_url_kind
parse_licenses(const struct seg *s, size_t n, bool badge,
               struct cc_license *out)
{
    char code[32];
    enum cc_family f;

    if (n == 0)
        return CC_URL_OTHER; /* the list of licences */
    f = cc_family_from_code(s[0].p, s[0].n);
    if (f == CC_NONE || f == CC_ZERO || f == CC_PDM ||
        eq_ci(s[0].p, s[0].n, "publicdomain") ||
        eq_ci(s[0].p, s[0].n, "certification")) {
        if (n >= 2 && is_version(&s[1])) { /* by-nd-sa/4.0: no such thing */
            seg_copy(&s[1], out->version, sizeof out->version);
            return CC_URL_INVALID;
        }
        return CC_URL_OTHER; /* "licenses/list.en" */
    }
    out->family = f;
    if (!seg_copy(&s[0], code, sizeof code))
        return CC_URL_INVALID;
    return parse_tail(s + 1, n - 1, code, badge, out);
}

/* "publicdomain/..." or a badge's "p/...": S starts after it. */
static enum cc_url_kind
parse_publicdomain(const struct seg *s, size_t n, bool badge,
                   struct cc_license *out)
{
    const char *code;

    if (!badge && (n == 0 || (n == 1 && is_deed(&s[0])))) {
        out->family = CC_RETIRED; /* the old public domain dedication */
        return CC_URL_DEED;
    }
    if (!badge && n == 1 && is_legalcode(&s[0])) {
        out->family = CC_RETIRED;
        return CC_URL_LEGALCODE;
    }
    if (n > 0 && eq_ci(s[0].p, s[0].n, "zero")) {
        out->family = CC_ZERO;
        code = "cc0";
    } else if (n > 0 && eq_ci(s[0].p, s[0].n, "mark")) {
        out->family = CC_PDM;
        code = "mark";
    } else if (!badge && n > 0 && eq_ci(s[0].p, s[0].n, "certification")) {
        out->family = CC_RETIRED;
        code = "certification";
    } else {
        return CC_URL_OTHER;
    }
    return parse_tail(s + 1, n - 1, code, badge, out);
}

/* mirrors.creativecommons.org/presskit/buttons/88x31/png/by-sa.png: the
 * family from the file name, no version (the press kit has none). */
static enum cc_url_kind
parse_presskit(const struct seg *s, size_t n, struct cc_license *out)
{
    const struct seg *last;
    const char *dot;
    size_t len;
    enum cc_family f;

    if (n < 3 || n > MAX_SEGS || !eq_ci(s[0].p, s[0].n, "presskit") ||
        !eq_ci(s[1].p, s[1].n, "buttons"))
        return CC_URL_OTHER;
    last = &s[n - 1];
    dot = memchr(last->p, '.', last->n);
    len = dot != NULL ? (size_t)(dot - last->p) : last->n;
    if (eq_ci(last->p, len, "cc-zero"))
        f = CC_ZERO;
    else if (eq_ci(last->p, len, "publicdomain"))
        f = CC_PDM;
    else
        f = cc_family_from_code(last->p, len);
    if (f == CC_NONE || f == CC_RETIRED)
        return CC_URL_OTHER;
    out->family = f;
    return CC_URL_BADGE;
}

/* Skips "http://", "https://" or "//"; sets *NO_SCHEME when there was
 * none of them. */
static const char *
skip_scheme(const char *p, bool *no_scheme)
{
    *no_scheme = false;
    if (strncasecmp(p, "http://", 7) == 0)
        return p + 7;
    if (strncasecmp(p, "https://", 8) == 0)
        return p + 8;
    if (p[0] == '/' && p[1] == '/')
        return p + 2;
    *no_scheme = true;
    return p;
}

/* Dispatches on the host and the first path segment. */
static enum cc_url_kind
parse_path(enum host_kind host, const struct seg *s, size_t n,
           struct cc_license *out)
{
    if (host == HOST_PRESSKIT)
        return parse_presskit(s, n, out);
    if (n > MAX_SEGS) /* longer than any licence URL */
        return host == HOST_MAIN && eq_ci(s[0].p, s[0].n, "licenses")
                   ? CC_URL_INVALID
                   : CC_URL_OTHER;
    if (n == 0)
        return CC_URL_OTHER;
    if (host == HOST_MAIN && eq_ci(s[0].p, s[0].n, "licenses"))
        return parse_licenses(s + 1, n - 1, false, out);
    if (host == HOST_MAIN && eq_ci(s[0].p, s[0].n, "publicdomain"))
        return parse_publicdomain(s + 1, n - 1, false, out);
    if (host == HOST_BADGE && eq_ci(s[0].p, s[0].n, "l"))
        return parse_licenses(s + 1, n - 1, true, out);
    if (host == HOST_BADGE && eq_ci(s[0].p, s[0].n, "p"))
        return parse_publicdomain(s + 1, n - 1, true, out);
    return CC_URL_OTHER;
}

enum cc_url_kind
ccurl_parse(const char *url, struct cc_license *out)
{
    struct cc_license scratch;
    struct seg segs[MAX_SEGS];
    enum host_kind host;
    enum cc_url_kind kind;
    const char *p;
    size_t alen, n;
    bool no_scheme;
    char *inner;

    if (out == NULL)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (url == NULL)
        return CC_URL_NOT_CC;
    while (*url != '\0' && (unsigned char)*url <= 0x20)
        url++;
    if ((inner = webarchive_unwrap(url)) != NULL) {
        kind = ccurl_parse(inner, out);
        free(inner);
        return kind;
    }
    p = skip_scheme(url, &no_scheme);
    alen = strcspn(p, "/?#\\ \t\r\n");
    host = classify_host(p, alen, no_scheme);
    if (host == HOST_NONE)
        return CC_URL_NOT_CC;
    if (host == HOST_CC_OTHER)
        return CC_URL_OTHER;
    n = p[alen] == '/' ? split_path(p + alen, segs) : 0;
    kind = parse_path(host, segs, n, out);
    if (kind == CC_URL_OTHER)
        memset(out, 0, sizeof *out);
    return kind;
}

bool
ccurl_exists(const struct cc_license *lic)
{
    if (lic == NULL)
        return false;
    switch (lic->family) {
    case CC_BY:
    case CC_BY_SA:
    case CC_BY_NC:
    case CC_BY_ND:
    case CC_BY_NC_SA:
    case CC_BY_NC_ND:
    case CC_ZERO:
    case CC_PDM:
        return ccports_has_family(lic->version, lic->port, lic->family);
    case CC_RETIRED:
        if (lic->version[0] == '\0') /* publicdomain/ */
            return lic->port[0] == '\0';
        return ccports_has_family(lic->version, lic->port, lic->family);
    case CC_NONE:
    case CC_UNSPECIFIED:
        break;
    }
    return false;
}

/* vsnprintf into BUF that leaves "" and returns false when cut. */
static bool put(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
put(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0)
            buf[0] = '\0';
        return false;
    }
    return true;
}

bool
cc_license_spdx(const struct cc_license *lic, char *buf, size_t n)
{
    char id[40], port[16];
    size_t i;

    if (n > 0)
        buf[0] = '\0';
    if (!ccurl_exists(lic) || lic->version[0] == '\0' ||
        families[lic->family].spdx == NULL)
        return false;
    if (lic->port[0] == '\0')
        return put(buf, n, "%s-%s", families[lic->family].spdx, lic->version);
    for (i = 0; lic->port[i] != '\0' && i < sizeof port - 1; i++)
        port[i] = (char)toupper((unsigned char)lic->port[i]);
    port[i] = '\0';
    snprintf(id, sizeof id, "%s-%s-%s", families[lic->family].spdx,
             lic->version, port);
    for (i = 0; i < COUNT(spdx_ported); i++)
        if (strcmp(id, spdx_ported[i]) == 0)
            return put(buf, n, "%s", id);
    return false;
}

bool
cc_license_deed_url(const struct cc_license *lic, char *buf, size_t n)
{
    static const char base[] = "https://creativecommons.org/";
    const char *code;

    if (n > 0)
        buf[0] = '\0';
    if (lic == NULL || lic->version[0] == '\0')
        return false;
    if (lic->family == CC_ZERO || lic->family == CC_PDM)
        return put(buf, n, "%spublicdomain/%s/%s/", base,
                   cc_family_code(lic->family), lic->version);
    code = cc_family_code(lic->family);
    if (code == NULL)
        return false;
    /* 1.0 and 2.0/jp spell BY-NC-ND "by-nd-nc" in the path */
    if (lic->family == CC_BY_NC_ND &&
        !ccports_has(lic->version, lic->port, code) &&
        ccports_has(lic->version, lic->port, "by-nd-nc"))
        code = "by-nd-nc";
    if (lic->port[0] == '\0')
        return put(buf, n, "%slicenses/%s/%s/", base, code, lic->version);
    return put(buf, n, "%slicenses/%s/%s/%s/", base, code, lic->version,
               lic->port);
}

bool
cc_license_compatible(const struct cc_license *a, const struct cc_license *b)
{
    if (a == NULL || b == NULL || a->family == CC_NONE || b->family == CC_NONE)
        return false;
    /* "a Creative Commons licence" is any of them, not a different one */
    if (a->family != b->family && a->family != CC_UNSPECIFIED &&
        b->family != CC_UNSPECIFIED)
        return false;
    if (a->version[0] != '\0' && b->version[0] != '\0' &&
        strcmp(a->version, b->version) != 0)
        return false;
    return a->port[0] == '\0' || b->port[0] == '\0' ||
           strcmp(a->port, b->port) == 0;
}
