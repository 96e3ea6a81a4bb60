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
 */
enum cc_url_kind ccurl_parse(const char *url, struct cc_license *out);

/* True when CC published this family/version/port (CC_URL_INVALID else). */
bool ccurl_exists(const struct cc_license *lic);

/* "CC-BY-SA", "CC0", "PDM", "CC" for CC_UNSPECIFIED; NULL for CC_NONE. */
const char *cc_family_name(enum cc_family f);

/* The URL path code: "by-sa", "zero", "mark"; NULL for NONE/UNSPECIFIED. */
const char *cc_family_code(enum cc_family f);

/* Parses a path code ("by-nc-sa", "by-sa-nc", "by-nd-nc") to a family. */
enum cc_family cc_family_from_code(const char *code, size_t len);

/*
 * Writes the SPDX id ("CC-BY-4.0", "CC-BY-SA-3.0-DE", "CC0-1.0") into BUF;
 * returns false (BUF "") when SPDX has none, as for a licence without a
 * version or a port SPDX does not list.
 */
bool cc_license_spdx(const struct cc_license *lic, char *buf, size_t n);

/*
 * Writes the canonical deed URL ("https://creativecommons.org/licenses/
 * by/4.0/") into BUF; false when the licence has no version.
 */
bool cc_license_deed_url(const struct cc_license *lic, char *buf, size_t n);

/* True when both name the same licence; an empty version or port on
 * either side matches anything (used for "named without a version"). */
bool cc_license_compatible(const struct cc_license *a,
                           const struct cc_license *b);

#endif
