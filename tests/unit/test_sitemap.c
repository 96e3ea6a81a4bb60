/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for sitemap: a <urlset> and a <sitemapindex>, plain and
 * gzip (two members), whitespace around <loc>, the 50,000 cap, and bad
 * input: not XML, another root, cut XML, corrupt and truncated gzip, a
 * gzip bomb.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST

#include "../tap.h"
#include "sitemap.h"
#include "strbuf.h"
#include "testutil.h"

struct seen {
    size_t pages, indexes;
    char last[256];
};

static void
on_loc(const char *loc, bool is_index, void *arg)
{
    struct seen *s = arg;

    if (is_index)
        s->indexes++;
    else
        s->pages++;
    snprintf(s->last, sizeof s->last, "%s", loc);
}

static enum ac_status
read_str(const char *xml, size_t len, size_t max, struct seen *s,
         struct ac_err *err)
{
    memset(s, 0, sizeof *s);
    return sitemap_read(xml, len, max, on_loc, s, err);
}

/* Gzips DATA into OUT (one member), returning its length. */
static size_t
gz(const char *data, size_t len, unsigned char *out, size_t cap)
{
    struct strbuf sb = STRBUF_INIT;
    size_t n;

    tu_deflate(&sb, data, len, 31);
    n = sb.len < cap ? sb.len : cap;
    memcpy(out, sb.buf, n);
    strbuf_release(&sb);
    return n;
}

static const char URLSET[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "<url><loc>https://example.org/a</loc><lastmod>2026-01-01</lastmod></url>\n"
    "<url><loc>\n  https://example.org/b?x=1&amp;y=2  \n</loc></url>\n"
    "</urlset>\n";
static const char INDEX[] =
    "<?xml version=\"1.0\"?><sitemapindex "
    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
    "<sitemap><loc>https://example.org/s1.xml.gz</loc></sitemap>"
    "</sitemapindex>";

static void
test_good(void)
{
    static unsigned char z[8192];
    struct ac_err err = {0};
    struct seen s;
    size_t n, m;

    ok(read_str(URLSET, sizeof URLSET - 1, 50000, &s, &err) == AC_OK &&
           s.pages == 2 && s.indexes == 0 &&
           strcmp(s.last, "https://example.org/b?x=1&y=2") == 0,
       "a urlset: 2 pages, entities decoded, space trimmed (%s)", s.last);
    ok(read_str(INDEX, sizeof INDEX - 1, 50000, &s, &err) == AC_OK &&
           s.indexes == 1 && s.pages == 0,
       "a sitemap index: 1 sitemap");
    n = gz(URLSET, sizeof URLSET - 1, z, sizeof z);
    ok(read_str((char *)z, n, 50000, &s, &err) == AC_OK && s.pages == 2,
       "gzip: the same 2 pages");
    /* two members: the XML split in the middle */
    n = gz(URLSET, 100, z, sizeof z);
    m = gz(URLSET + 100, sizeof URLSET - 1 - 100, z + n, sizeof z - n);
    ok(read_str((char *)z, n + m, 50000, &s, &err) == AC_OK && s.pages == 2,
       "gzip in two members: the same 2 pages");
    ok(read_str(URLSET, sizeof URLSET - 1, 1, &s, &err) == AC_E_LIMIT &&
           s.pages == 1,
       "over the cap: AC_E_LIMIT after the first (%s)", err.msg);
}

static void
test_big(void)
{
    struct strbuf sb = STRBUF_INIT;
    struct ac_err err = {0};
    struct seen s;
    static unsigned char z[4 << 20];
    size_t n;
    int i;

    strbuf_adds(&sb, "<urlset>");
    for (i = 0; i < 50000; i++)
        strbuf_addf(&sb, "<url><loc>https://example.org/p/%d</loc></url>\n", i);
    strbuf_adds(&sb, "</urlset>");
    n = gz(sb.buf, sb.len, z, sizeof z);
    ok(read_str((char *)z, n, 50000, &s, &err) == AC_OK && s.pages == 50000,
       "50,000 URLs from %zu gzip bytes (%zu of XML)", n, sb.len);
    strbuf_release(&sb);
}

static void
test_bad(void)
{
    static const char html[] = "<html><body>no</body></html>";
    static const char doctype[] = "<!doctype html><p>no";
    static const char cut[] = "<urlset><url><loc>https://example.org/a</loc>"
                              "</url><url><loc>https://exa";
    static unsigned char z[8192];
    struct ac_err err = {0};
    struct seen s;
    size_t n;

    ok(read_str("plain text, not XML", 19, 50000, &s, &err) == AC_E_DATA,
       "text: AC_E_DATA (%s)", err.msg);
    ok(read_str(html, sizeof html - 1, 50000, &s, &err) == AC_E_DATA &&
           strstr(err.msg, "<html>") != NULL,
       "HTML: not a sitemap, the root named (%s)", err.msg);
    ok(read_str(doctype, sizeof doctype - 1, 50000, &s, &err) == AC_E_DATA,
       "HTML5: not well-formed XML (%s)", err.msg);
    ok(read_str(cut, sizeof cut - 1, 50000, &s, &err) == AC_E_DATA &&
           s.pages == 1,
       "cut XML: AC_E_DATA after the whole <loc> (%s)", err.msg);
    ok(read_str("", 0, 50000, &s, &err) == AC_E_DATA, "empty: AC_E_DATA (%s)",
       err.msg);
    n = gz(URLSET, sizeof URLSET - 1, z, sizeof z);
    z[n / 2] ^= 0x55;
    z[n / 2 + 1] ^= 0x55;
    ok(read_str((char *)z, n, 50000, &s, &err) != AC_OK,
       "corrupt gzip: an error (%s)", err.msg);
    n = gz(URLSET, sizeof URLSET - 1, z, sizeof z);
    ok(read_str((char *)z, n / 2, 50000, &s, &err) != AC_OK,
       "truncated gzip: an error (%s)", err.msg);
}

/* A gzip bomb: 80 MB of blanks inside a <urlset> inflate from about
 * 80 KB; reading stops at SITEMAP_MAX_BYTES with AC_E_LIMIT. */
static void
test_bomb(void)
{
    size_t len = (size_t)80 << 20, cap = (size_t)1 << 20, n;
    char *xml = malloc(len);
    unsigned char *z = malloc(cap);
    struct ac_err err = {0};
    struct seen s;

    memset(xml, ' ', len);
    memcpy(xml, "<urlset><url><loc>https://example.org/a</loc></url>", 51);
    memcpy(xml + len - 9, "</urlset>", 9);
    n = gz(xml, len, z, cap);
    ok(read_str((char *)z, n, 50000, &s, &err) == AC_E_LIMIT && s.pages == 1 &&
           strstr(err.msg, "MiB") != NULL,
       "a gzip bomb (%zu bytes to %zu): AC_E_LIMIT (%s)", n, len, err.msg);
    free(xml);
    free(z);
}

int
main(void)
{
    test_good();
    test_big();
    test_bad();
    test_bomb();
    return tap_done();
}
