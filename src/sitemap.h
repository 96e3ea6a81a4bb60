/* SPDX-License-Identifier: MIT */
/*
 * sitemap: reads a sitemap or a sitemap index (sitemaps.org protocol 0.9)
 * with libxml2's streaming reader, through zlib when it is gzip (by its
 * first bytes, whatever its name or Content-Type), and hands each <loc>
 * to a callback.  The decompressed XML is never held whole: the reader
 * pulls it through inflate() a buffer at a time, and no URL is kept after
 * the callback returns.  It fetches nothing.
 */
#ifndef AC_SITEMAP_H
#define AC_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Decompressed bytes read from one sitemap at most (the protocol allows
 * 50 MB; a gzip bomb stops here). */
#define SITEMAP_MAX_BYTES (64 << 20)

/* Called with each <loc> (trimmed); IS_INDEX when it names another
 * sitemap (a <sitemap> of a <sitemapindex>), else a page (<url>). */
typedef void (*sitemap_loc_fn)(const char *loc, bool is_index, void *arg);

/*
 * Reads the sitemap DATA[0..LEN) and calls FN for each <loc>.  Returns
 * AC_OK, or AC_E_DATA (not XML, or XML that is not a <urlset> or a
 * <sitemapindex>; the message says which and where) or AC_E_IO (corrupt
 * gzip data); the <loc>s before the damage have been handed over.  At
 * most MAX_LOCS are handed over (the protocol allows 50,000); more is
 * AC_E_LIMIT after the first MAX_LOCS, and so is gzip data that inflates
 * to more than SITEMAP_MAX_BYTES.
 */
enum ac_status sitemap_read(const char *data, size_t len, size_t max_locs,
                            sitemap_loc_fn fn, void *arg, struct ac_err *err);

#endif
