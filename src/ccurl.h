/* SPDX-License-Identifier: MIT */
/*
 * ccurl: the Creative Commons URL grammar.  Turns a deed, legal code or
 * badge URL (creativecommons.org, i.creativecommons.org, licensebuttons.net)
 * into a licence family, version and port, and checks it against the list
 * of licences CC actually published (generated from cc-ports.tsv).  It
 * knows licence names and SPDX ids too, but never reads page text.
 */
#ifndef AC_CCURL_H
#define AC_CCURL_H

#include <stdbool.h>
#include <stddef.h>

enum cc_family {
    CC_NONE = 0,
    CC_BY,
    CC_BY_SA,
    CC_BY_NC,
    CC_BY_ND,
    CC_BY_NC_SA,
    CC_BY_NC_ND,
    CC_ZERO,        /* CC0, publicdomain/zero */
    CC_PDM,         /* Public Domain Mark, publicdomain/mark */
    CC_UNSPECIFIED, /* "a Creative Commons licence", elements not named */
    CC_RETIRED      /* sa, nc, nd, sampling, devnations, ... */
};

struct cc_license {
    enum cc_family family;
    char version[4]; /* "4.0", or "" when not stated */
    char port[16];   /* jurisdiction code "nl", or "" */
};

enum cc_url_kind {
    CC_URL_NOT_CC = 0, /* not a Creative Commons URL at all */
    CC_URL_DEED,       /* /licenses/by/4.0/ or deed.LANG */
    CC_URL_LEGALCODE,  /* .../legalcode(.LANG) */
    CC_URL_BADGE,      /* i.creativecommons.org/l/..., licensebuttons.net */
    CC_URL_OTHER,      /* a CC page that is not a licence (choose, faq) */
    CC_URL_INVALID     /* looks like a licence but does not exist */
};

/*
 * Parses URL (absolute, scheme-relative "//creativecommons.org/..." or
 * without scheme "creativecommons.org/...").  Host matching is exact on
 * the registered domain: creativecommons.org.evil.example is not CC.
 * Fills OUT for DEED, LEGALCODE, BADGE and INVALID (best guess there).
 * OUT may be NULL; it is zeroed for NOT_CC and OTHER.  No allocation.
 * Details:
 *  - licences only on creativecommons.org and www. (deeds, legal code),
 *    i.creativecommons.org and licensebuttons.net (badges /l/ and /p/),
 *    mirrors.creativecommons.org/presskit/buttons/ (badges without a
 *    version: BADGE with version "");  other subdomains (search., wiki.)
 *    are OTHER, as are CC pages that are not licences;
 *  - a scheme other than http(s), or userinfo on a URL without scheme,
 *    is NOT_CC; case, a trailing dot, a port, "//" runs, a missing
 *    trailing slash, query and fragment are ignored;
 *  - the elements of a code may come in any order ("by-nd-nc", "by-sa-nc")
 *    and existence is checked per family, so by-nc-nd/1.0 counts although
 *    CC's path for it is by-nd-nc/1.0; retired tools (family CC_RETIRED)
 *    are checked by their exact code; "publicdomain/" itself is a DEED of
 *    CC_RETIRED without version;
 *  - a web-archive link (web.archive.org/web/TS/URL, archive.ph/TS/URL,
 *    WebCite's query?url=URL; webarchive.h) is the URL it wraps.
 */
enum cc_url_kind ccurl_parse(const char *url, struct cc_license *out);

/* True when CC published this family/version/port (CC_URL_INVALID else).
 * CC_RETIRED is true when any retired tool exists there, or for the
 * versionless "publicdomain/"; NULL, CC_NONE and CC_UNSPECIFIED: false. */
bool ccurl_exists(const struct cc_license *lic);

/* "CC-BY-SA", "CC0", "PDM", "CC" for CC_UNSPECIFIED, "CC-retired";
 * NULL for CC_NONE or a value out of range.  Static strings. */
const char *cc_family_name(enum cc_family f);

/* The URL path code: "by-sa", "zero", "mark"; NULL for NONE/UNSPECIFIED
 * and RETIRED (which has many).  Static strings. */
const char *cc_family_code(enum cc_family f);

/* Parses a path code ("by-nc-sa", "by-sa-nc", "by-nd-nc") to a family:
 * LEN bytes, any case, elements in any order; "cc0"/"zero", "mark";
 * retired codes ("sa", "nc-sa", "sampling+", "devnations") give
 * CC_RETIRED; anything else (also "by-nd-sa") CC_NONE. */
enum cc_family cc_family_from_code(const char *code, size_t len);

/* The family a licence value of a rules file names (docs/rules.md): LEN
 * bytes of a family's URL path code exactly as cc_family_code() spells
 * it ("by-sa", "zero", "mark"), or "cc" for CC_UNSPECIFIED; CC_NONE for
 * anything else (no other case, order or alias: rules files are
 * checked strictly). */
enum cc_family cc_family_from_value(const char *code, size_t len);

/*
 * Writes the SPDX id ("CC-BY-4.0", "CC-BY-SA-3.0-DE", "CC0-1.0") into BUF;
 * returns false (BUF "") when SPDX has none, as for a licence without a
 * version or a port SPDX does not list.  The Public Domain Mark is
 * "CC-PDM-1.0" (not CC-PDDC); retired tools have none.  False too when
 * the licence does not exist or BUF is too small.
 */
bool cc_license_spdx(const struct cc_license *lic, char *buf, size_t n);

/*
 * Writes the canonical deed URL ("https://creativecommons.org/licenses/
 * by/4.0/") into BUF; false when the licence has no version.
 * Uses CC's own path spelling ("by-nd-nc/1.0/"), "publicdomain/zero/" and
 * "publicdomain/mark/"; false (BUF "") for UNSPECIFIED, RETIRED, NONE or
 * a BUF too small.  It does not check that the licence exists.
 */
bool cc_license_deed_url(const struct cc_license *lic, char *buf, size_t n);

/* True when both name the same licence; an empty version or port on
 * either side matches anything (used for "named without a version").
 * Families must be equal, or one of them CC_UNSPECIFIED ("a Creative
 * Commons licence" is any of them); CC_NONE and NULL never are. */
bool cc_license_compatible(const struct cc_license *a,
                           const struct cc_license *b);

/*
 * The table generated from cc-ports.tsv (ccports.c).  VERSION is "4.0"
 * style, PORT "" or NULL for unported, CODE a URL path code as CC spells
 * it ("by-nd-nc" for BY-NC-ND 1.0, "cc0", "mark", "sampling+").
 */
/* True when CC published CODE for VERSION and PORT (exact spelling). */
bool ccports_has(const char *version, const char *port, const char *code);
/* True when CC published some code of family F for VERSION and PORT. */
bool ccports_has_family(const char *version, const char *port,
                        enum cc_family f);
/* True when PORT ("nl", "igo", "scotland") is a port of some version. */
bool ccports_is_port(const char *port);

#endif
