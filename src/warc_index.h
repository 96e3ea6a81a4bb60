/* SPDX-License-Identifier: MIT */
/*
 * warc_index: where the response record of a URL lies in a run's WARC
 * files, so verification can read an original as it was crawled instead
 * of fetching it.  One pass over each file keeps, per response record,
 * the 64-bit hash of its normalised WARC-Target-URI, the file, the start
 * of the gzip member holding it and the bytes from there to the record:
 * 32 bytes a record, never the records.  A lookup seeks to the member
 * and inflates from there (warc_open_at), reading one record.
 */
#ifndef AC_WARC_INDEX_H
#define AC_WARC_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "warc.h"

struct warc_index;

struct warc_index *warc_index_new(void);
void warc_index_free(struct warc_index *ix);

/*
 * Adds the response records of the WARC file PATH (plain or gzipped, any
 * member layout) to IX; a URL recorded more than once is found at its
 * last record (a retry's answer after the failed one).  Only the head of
 * each block is held while the file is read.  Errors: AC_E_IO naming PATH (it
 * cannot be read, corrupt gzip data), AC_E_DATA naming PATH and the
 * offset (not WARC, truncated); the records before the damage stay in
 * IX.
 */
enum ac_status warc_index_add(struct warc_index *ix, const char *path,
                              struct ac_err *err);

/* Response records indexed, and the bytes the index takes. */
size_t warc_index_len(const struct warc_index *ix);
size_t warc_index_bytes(const struct warc_index *ix);

/*
 * Reads the response record of URL (normalised as url_normalise does)
 * into *REC (free with warc_record_free), with a block of at most
 * MAX_SIZE bytes kept (warc_next), and sets *FOUND.  A record whose
 * URI only shares the hash is not found.  Errors: those of reading the
 * record again (a file changed since it was indexed).
 */
enum ac_status warc_index_get(struct warc_index *ix, const char *url,
                              size_t max_size, struct warc_record *rec,
                              bool *found, struct ac_err *err);

#endif
