/* SPDX-License-Identifier: MIT */
/*
 * warc_out: writes the evidence of a run as a WARC 1.1 file (ISO 28500):
 * a warcinfo record first, then for every HTTP exchange the fetch engine
 * reports (pages, originals, robots.txt, each redirect hop and error) a
 * request and a response record, and a metadata record per checked
 * target holding its verdict as JSON.  A name ending in ".gz" is written
 * one gzip member per record (WARC 1.1 Annex D) through zlib; any other
 * name plain.  Digests are SHA-1 (nettle) in base32, as wget and
 * Heritrix write them.  Records are written whole, one at a time; nothing
 * is kept between them but the file.  It judges and fetches nothing.
 */
#ifndef AC_WARC_OUT_H
#define AC_WARC_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "fetch.h"

struct warc_out;

/*
 * Opens PATH for writing (APPEND: add to what is there, for a resumed
 * run) and writes the warcinfo record, whose fields are FIELDS
 * ("name: value" lines, CRLF or LF ended).  Errors: AC_E_IO naming PATH
 * and the reason when it cannot be opened or written.
 */
enum ac_status warc_out_open(const char *path, bool append, const char *fields,
                             struct warc_out **out, struct ac_err *err);

/*
 * Writes the request and response records of exchange X (either may be
 * missing: no response when nothing was received).  Returns the response
 * record's id ("<urn:uuid:...>", caller frees), or NULL when none was
 * written.  A write error is kept for warc_out_close.
 */
char *warc_out_exchange(struct warc_out *w, const struct fetch_exchange *x);

/*
 * Writes a metadata record about TARGET_URI (Content-Type
 * application/json, the JSON text JSON of LEN bytes), WARC-Refers-To
 * REFERS_TO when not NULL.
 */
void warc_out_metadata(struct warc_out *w, const char *target_uri,
                       const char *refers_to, const char *json, size_t len);

/* Records written so far (the warcinfo one included). */
size_t warc_out_records(const struct warc_out *w);

/*
 * Flushes and closes W (NULL is a no-op).  Returns AC_OK, or AC_E_IO with
 * ERR naming the file when any write or the close failed.
 */
enum ac_status warc_out_close(struct warc_out *w, struct ac_err *err);

/* "sha1:" and the base32 of the SHA-1 of DATA[0..LEN) into OUT (at least
 * 38 bytes), for tests and the writer. */
void warc_out_sha1_b32(const void *data, size_t len, char out[38]);

#endif
