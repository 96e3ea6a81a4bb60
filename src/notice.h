/* SPDX-License-Identifier: MIT */
/*
 * notice: the suggested attribution notice.  From the work's title,
 * author, source link and the licence the original grants it writes a
 * TASL notice (title, author, source, licence with deed link, and a
 * changes note) as HTML and as plain text, in the page's language when
 * the data has the official licence title there, else in English.  The
 * sentences and titles come from data/notices (docs/notices.md).  It does
 * not decide whether a notice is needed or which licence applies.
 */
#ifndef AC_NOTICE_H
#define AC_NOTICE_H

#include <stdbool.h>

#include "ccurl.h"
#include "err.h"

/* The loaded templates and titles; immutable after notices_load(), so
 * one value may be shared by threads. */
struct notices;

/*
 * Loads DIR/templates.tsv and DIR/titles.tsv (DIR is the installed
 * $(pkgdatadir)/notices, or the source tree's data/notices in tests) into
 * a new *OUT, which the caller frees with notices_free().  Returns AC_OK,
 * AC_E_IO when a file cannot be read, or AC_E_DATA for malformed data
 * (bad line, unknown key or placeholder, duplicate, a language missing a
 * template, no English); ERR names "path:line".  *OUT is NULL on error.
 */
enum ac_status notices_load(const char *dir, struct notices **out,
                            struct ac_err *err);

/* Frees N; NULL is a no-op. */
void notices_free(struct notices *n);

struct notice_input {
    const char *lang;       /* page language tag ("nl", "nl-NL", "pt-BR");
                               NULL or unknown -> "en" */
    const char *title;      /* the work's title; NULL or "" if unknown */
    const char *creator;    /* author; NULL or "" if unknown */
    const char *source_url; /* the original; used only if http(s) */
    struct cc_license lic;  /* the licence the ORIGINAL grants */
    bool changed;           /* the copy was changed: add the changes note */
};

/*
 * Writes the suggested notice for IN as HTML into *HTML and as plain text
 * (URLs written out) into *TEXT; both are new strings the caller frees.
 * *LANG_USED gets the language of the notice ("nl", "fr-ca", "en"),
 * borrowed from N.  The page's language is used when both a sentence
 * template and the licence's official title exist in it (or in its base
 * language: "nl-NL" -> "nl", "pt-BR" -> "pt-br" else "pt"); otherwise the
 * whole notice is English.  Title, author and URLs are escaped in HTML;
 * whitespace runs and control characters in them become one space.
 * Returns false (all three outputs NULL) when the licence cannot be named:
 * N or IN NULL, family CC_NONE, CC_UNSPECIFIED or CC_RETIRED, or no
 * version.  It does not check that the licence exists (ccurl_exists()).
 */
bool notice_suggest(const struct notices *n, const struct notice_input *in,
                    char **html, char **text, const char **lang_used);

#endif
