/* SPDX-License-Identifier: MIT */
/*
 * webarchive: the page a web-archive URL keeps.  A link to
 * https://web.archive.org/web/20140505000000/http://creativecommons.org/licenses/by-sa/2.0/uk/
 * names the licence it wraps, and a credit linking to an archived copy
 * credits the page archived.  Knows the Wayback Machine and its kin
 * (wayback.archive-it.org, arquivo.pt, the UK archives), archive.today
 * under its names (archive.ph, .is, .li, .md ...) and WebCite's
 * query?url= form.  It never fetches anything.
 */
#ifndef AC_WEBARCHIVE_H
#define AC_WEBARCHIVE_H

/* The http(s) URL that URL, an archive's link, wraps (newly allocated),
 * or NULL when URL is not a web-archive link that names its page (an
 * archive.today short id or a WebCite id does not). */
char *webarchive_unwrap(const char *url);

#endif
