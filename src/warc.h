/* SPDX-License-Identifier: MIT */
/*
 * warc: reading WARC 1.0 and 1.1 files (ISO 28500), plain or gzipped
 * (one gzip member per record, or any series of members), a record at a
 * time, and the HTTP response a response record holds: status, headers,
 * and the body with chunked transfer coding and gzip or deflate content
 * coding undone.  The only file that includes zlib.h.  It does not decide
 * which records are pages to check (targets.c does) and does not write
 * WARC files.  Offsets are byte positions in the uncompressed stream,
 * which for a plain file are file offsets.
 */
#ifndef AC_WARC_H
#define AC_WARC_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Bytes of a block kept when the whole record is over the size limit:
 * enough for the HTTP status line and headers. */
#define WARC_HEAD_KEEP 65536

/* One record.  Every string belongs to the record; warc_record_free()
 * frees them. */
struct warc_record {
    long long offset;   /* where the record's "WARC/" line starts */
    char *type;         /* WARC-Type: "response", "request", ... or NULL */
    char *id;           /* WARC-Record-ID without <>, or NULL */
    char *target_uri;   /* WARC-Target-URI without <>, or NULL */
    char *content_type; /* the record's Content-Type, or NULL */
    size_t length;      /* Content-Length: bytes in the whole block */
    char *block;        /* the block (NUL-terminated), or its first
                           WARC_HEAD_KEEP bytes when truncated */
    size_t block_len;   /* bytes in block */
    bool truncated;     /* length was over the limit given to warc_next */
    /* WARC-Truncated: why the writer cut the payload ("length"), or NULL */
    char *warc_truncated;
};

struct warc_reader;

/*
 * Opens PATH for reading records (gzip is recognised by its magic bytes,
 * whatever the name).  Errors: AC_E_IO naming PATH.  Free with
 * warc_close().
 */
enum ac_status warc_open(const char *path, struct warc_reader **out,
                         struct ac_err *err);

/*
 * Reads the next record into *REC (free with warc_record_free) and sets
 * *GOT; *GOT is false at the end of the file.  A block longer than
 * MAX_SIZE is not kept whole: only its first WARC_HEAD_KEEP bytes, with
 * rec->truncated set, and reading goes on after it.  Errors (the reader
 * then reports the end): AC_E_DATA for a file that is truncated or not
 * WARC (a missing or bad version line or Content-Length, no CRLF CRLF
 * after the block), AC_E_IO for a read or gzip failure; the message
 * names the file and the offset of the record.
 */
enum ac_status warc_next(struct warc_reader *w, size_t max_size,
                         struct warc_record *rec, bool *got,
                         struct ac_err *err);

/*
 * Opens PATH like warc_open, to read the record that starts SKIP bytes
 * of uncompressed stream after file offset RAW_OFFSET (the start of the
 * gzip member holding it, or the record itself in a plain file).  The
 * offsets warc_next reports count from RAW_OFFSET.  For a WARC index
 * (warc_index.h), which re-reads one record without reading the file.
 */
enum ac_status warc_open_at(const char *path, long long raw_offset,
                            long long skip, struct warc_reader **out,
                            struct ac_err *err);

/* Where the next record would start (the current offset). */
long long warc_offset(const struct warc_reader *w);

void warc_record_free(struct warc_record *rec);
void warc_close(struct warc_reader *w);

/* The HTTP response at the start of a block.  content_type is the
 * header's value (charset included) or NULL; the caller frees it. */
struct warc_http {
    int status;         /* 100..999 */
    char *content_type; /* Content-Type, or NULL */
    bool chunked;       /* Transfer-Encoding: chunked */
    char *encoding;     /* Content-Encoding, lower case, or NULL */
    char *location;     /* Location, as given, or NULL */
    size_t body_start;  /* offset of the body in the block */
};

/*
 * Parses the status line and headers at the start of BLOCK (LEN bytes)
 * into *HTTP.  Headers cut off by the end of LEN (a truncated record)
 * are taken as far as they go.  Errors: AC_E_DATA when BLOCK does not
 * start with an HTTP status line.
 */
enum ac_status warc_http_parse(const char *block, size_t len,
                               struct warc_http *http, struct ac_err *err);

/*
 * The body of the response REC holds, as HTTP (parsed by
 * warc_http_parse from REC's block) describes it: de-chunked and
 * decompressed (gzip, x-gzip, deflate; identity).  Sets *BODY
 * (NUL-terminated; the caller frees; REC's block may be taken for it)
 * and *BODY_LEN.  Errors: AC_E_LIMIT (decoded body over MAX_SIZE),
 * AC_E_DATA (bad chunks, corrupt compressed data, an unknown content
 * coding).
 */
enum ac_status warc_http_body(struct warc_record *rec,
                              const struct warc_http *http, size_t max_size,
                              char **body, size_t *body_len,
                              struct ac_err *err);

void warc_http_free(struct warc_http *http);

#endif
