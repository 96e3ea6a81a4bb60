/* SPDX-License-Identifier: MIT */
/*
 * jsonld: reads the schema.org properties attrcheck cares about from a
 * JSON-LD script with jansson: license, isBasedOn, author, creator,
 * creditText, copyrightNotice, headline/name.  Objects in @graph and
 * nested objects are walked (to a bounded depth).  No JSON-LD expansion:
 * keys are matched as schema.org writes them, with or without a
 * "schema:" prefix or a full http(s)://schema.org/ IRI.
 */
#ifndef AC_JSONLD_H
#define AC_JSONLD_H

#include <stddef.h>

#include "err.h"

struct jsonld_info {
    char **licenses; /* URLs or names */
    size_t licenses_len;
    char **based_on; /* URLs of originals */
    size_t based_on_len;
    char **authors; /* names */
    size_t authors_len;
    char *credit_text;
    char *copyright_notice;
    char *headline;
};

/*
 * Adds what TEXT[0..LEN) holds to *INFO (zero it first; call again for
 * further scripts).  Returns AC_E_DATA with the parser's message and
 * position when TEXT is not JSON; INFO keeps what earlier calls added.
 */
enum ac_status jsonld_extract(const char *text, size_t len,
                              struct jsonld_info *info, struct ac_err *err);
void jsonld_info_free(struct jsonld_info *info);

#endif
