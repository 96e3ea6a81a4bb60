/* SPDX-License-Identifier: MIT */
/*
 * document: a page to check, wherever it came from (a local file now; a
 * fetched response or a WARC record later): its raw bytes, its URL and
 * the Content-Type it was served with.  Loading a file is bounded by a
 * maximum size; binary content is recognised by its first bytes.
 */
#ifndef AC_DOCUMENT_H
#define AC_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct document {
    char *url;  /* the page's URL (for resolving links) */
    char *body; /* raw bytes, NUL-terminated for convenience */
    size_t body_len;
    char *content_type; /* from HTTP, or NULL for files */
};

/*
 * Reads PATH (at most MAX_SIZE bytes) into *DOC, whose url is set to URL.
 * Errors: AC_E_IO (missing, unreadable, a folder), AC_E_LIMIT (larger
 * than MAX_SIZE), AC_E_NOTHTML (empty, or binary: see document_sniff).
 */
enum ac_status document_load_file(const char *path, const char *url,
                                  size_t max_size, struct document *doc,
                                  struct ac_err *err);

/*
 * Returns NULL when BYTES may be HTML (text), else a short name of what
 * they are instead ("a PNG image", "a PDF document", "binary data").
 */
const char *document_sniff(const char *bytes, size_t len);

void document_free(struct document *doc);

#endif
