/* SPDX-License-Identifier: MIT */
/*
 * targets: turns command-line arguments, target lists (-i FILE, '-'),
 * folders and WARC files into a lazy stream of targets, one at a time, so
 * a list of a million lines, a huge site build or a crawl never sits in
 * memory.  A name ending in .warc or .warc.gz is read as WARC: each
 * response record with a 2xx HTML payload becomes a target named
 * "FILE#WARC-Record-ID", carrying its page (other records are counted
 * and passed over).  Folders are
 * walked depth-first with each folder's entries sorted; hidden entries
 * are skipped, and so are paths (relative to the folder) that --exclude
 * matches or, for files, that no --include matches; files and URLs named
 * directly are never filtered.  With --shard K/N only the targets of
 * shard K come out (see shard.h), and with --resume the targets an
 * earlier run judged are passed over (see resume.h); errors about the
 * inputs themselves (a list or folder that cannot be read) always come
 * out.  It does not read the documents themselves, except those inside
 * WARC files, which can only be reached by reading the file.
 */
#ifndef AC_TARGETS_H
#define AC_TARGETS_H

#include <stdbool.h>

#include "document.h"
#include "err.h"
#include "options.h"

struct resume;

enum target_kind {
    TARGET_FILE,  /* a local file; path set */
    TARGET_URL,   /* an http(s) URL; url set */
    TARGET_BAD,   /* cannot be checked at all; error says why */
    TARGET_RECORD /* a page from a WARC file; doc set */
};

struct target {
    enum target_kind kind;
    char *spec;  /* as given, or the path found in a folder */
    char *path;  /* local path, NULL for URLs */
    char *url;   /* the page's URL: http(s), --base-url mapped or file:// */
    char *error; /* TARGET_BAD only */
    enum ac_status error_code; /* TARGET_BAD: picks check_error_kind() */
    bool input_error;    /* TARGET_BAD about a list, folder or WARC file */
    struct document doc; /* TARGET_RECORD: the payload, URL, Content-Type */
    long http_status;    /* TARGET_RECORD: from the record */
};

/* What the stream passed over, for a summary with -v. */
struct targets_tally {
    size_t other_shard;       /* targets of other shards (--shard) */
    size_t done;              /* judged by an earlier run (--resume) */
    size_t warc_records;      /* records read from WARC files */
    size_t warc_not_response; /* not an HTTP response record */
    size_t warc_not_html;     /* a response, but not HTML */
    size_t warc_not_2xx;      /* an HTML response, but not 2xx */
};

struct targets;

/*
 * Prepares the stream from OPTS (positional targets in order, '-' reading
 * standard input, then each -i list).  Fails with AC_E_USAGE when there
 * are no targets, or AC_E_IO when a -i list cannot be opened.  OPTS must
 * outlive the stream.  Free with targets_free().
 */
enum ac_status targets_open(const struct options *opts, struct targets **out,
                            struct ac_err *err);

/* From now on, passes over the targets in DONE (borrowed; it must
 * outlive the stream).  NULL passes over none. */
void targets_skip_done(struct targets *ts, struct resume *done);

/* Fills *T with the next target (free with target_free) and returns true;
 * false when the stream is exhausted. */
bool targets_next(struct targets *ts, struct target *t);

void target_free(struct target *t);

/* What TS has passed over so far; borrowed until targets_free(). */
const struct targets_tally *targets_tally(const struct targets *ts);
void targets_free(struct targets *ts);

/* True when NAME ends in .warc or .warc.gz (any case). */
bool targets_is_warc_name(const char *name);

/* True when NAME ends in .html or .htm (any case). */
bool targets_is_html_name(const char *name);

/*
 * The public URL of PATH: with BASE_URL, REL (the path below the folder
 * target, or NULL for a file given directly) is appended to it; without,
 * a file:// URL.  Caller frees.
 */
char *targets_map_url(const char *base_url, const char *path, const char *rel);

#endif
