/* SPDX-License-Identifier: MIT */
/*
 * sitemap: the streaming reader (see sitemap.h).  The XML comes to
 * libxml2 through xmlReaderForIO: straight from the buffer, or through
 * zlib's inflate() (gzip header, any number of members) a buffer at a
 * time, so a .xml.gz of 50,000 URLs never exists decompressed in memory.
 */
#include "config.h"

#include <libxml/xmlreader.h>
#include <string.h>
#define ZLIB_CONST
#include <zlib.h>

#include "sitemap.h"
#include "xalloc.h"

/* Where the reader's bytes come from. */
struct source {
    const unsigned char *data;
    size_t len, pos;
    size_t inflated; /* bytes out of zlib, all members */
    bool gzip;
    z_stream z;
    bool z_open, z_end, z_bad, z_big;
};

static int
read_plain(struct source *s, char *buf, int len)
{
    size_t n = s->len - s->pos;

    if (n > (size_t)len)
        n = (size_t)len;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (int)n;
}

/* Inflates into BUF; a member's end followed by more data starts the
 * next member (gzip files may be concatenated). */
static int
read_gzip(struct source *s, char *buf, int len)
{
    int rc;

    if (s->z_end)
        return 0;
    if (s->inflated > SITEMAP_MAX_BYTES) {
        s->z_big = true; /* a gzip bomb stops here */
        return -1;
    }
    s->z.next_out = (Bytef *)buf;
    s->z.avail_out = (uInt)len;
    while (s->z.avail_out == (uInt)len) {
        if (s->z.avail_in == 0 && s->pos < s->len) {
            size_t n = s->len - s->pos;

            s->z.next_in = (const Bytef *)(s->data + s->pos);
            s->z.avail_in = n > 65536 ? 65536 : (uInt)n;
            s->pos += s->z.avail_in;
        }
        rc = inflate(&s->z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            if (s->z.avail_in == 0 && s->pos >= s->len) {
                s->z_end = true;
                break;
            }
            inflateReset(&s->z);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            s->z_bad = true;
            return -1;
        } else if (rc == Z_BUF_ERROR && s->z.avail_in == 0 &&
                   s->pos >= s->len) {
            s->z_bad = true; /* cut short */
            return -1;
        }
    }
    s->inflated += (size_t)len - s->z.avail_out;
    return len - (int)s->z.avail_out;
}

/* Inflates the rest of S, to learn whether its gzip data is sound. */
static void
drain(struct source *s)
{
    char buf[16384];

    while (!s->z_bad && !s->z_big && read_gzip(s, buf, sizeof buf) > 0)
        ;
}

static int
on_read(void *ctx, char *buf, int len)
{
    struct source *s = ctx;

    return s->gzip ? read_gzip(s, buf, len) : read_plain(s, buf, len);
}

static int
on_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* What the walk knows: the root, whether inside <loc>, the count. */
struct walk {
    int root; /* 0 unknown, 1 urlset, 2 sitemapindex, -1 other */
    size_t locs, max_locs;
    sitemap_loc_fn fn;
    void *arg;
};

static bool
is_name(xmlTextReaderPtr rd, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(rd);

    return n != NULL && strcmp((const char *)n, name) == 0;
}

/* Handles the <loc> element the reader is on. */
static enum ac_status
take_loc(xmlTextReaderPtr rd, struct walk *w, struct ac_err *err)
{
    xmlChar *text = xmlTextReaderReadString(rd);
    char *s = text ? (char *)text : NULL;
    size_t n;

    if (s == NULL)
        return AC_OK;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        s[--n] = '\0';
    if (n > 0) {
        if (w->locs == w->max_locs) {
            xmlFree(text);
            return ac_err_set(err, AC_E_LIMIT,
                              "more than %zu <loc> entries; the rest "
                              "ignored",
                              w->max_locs);
        }
        w->locs++;
        w->fn(s, w->root == 2, w->arg);
    }
    xmlFree(text);
    return AC_OK;
}

/* One node of the walk. */
static enum ac_status
visit(xmlTextReaderPtr rd, struct walk *w, struct ac_err *err)
{
    if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
        return AC_OK;
    if (w->root == 0) {
        w->root = is_name(rd, "urlset")         ? 1
                  : is_name(rd, "sitemapindex") ? 2
                                                : -1;
        if (w->root < 0)
            return ac_err_set(err, AC_E_DATA,
                              "not a sitemap: the root element is <%.40s>, "
                              "not <urlset> or <sitemapindex>",
                              (const char *)xmlTextReaderConstLocalName(rd));
        return AC_OK;
    }
    if (is_name(rd, "loc") && xmlTextReaderDepth(rd) == 2)
        return take_loc(rd, w, err);
    return AC_OK;
}

static void
quiet(void *arg, const char *msg, xmlParserSeverities sev,
      xmlTextReaderLocatorPtr loc)
{
    (void)arg;
    (void)msg;
    (void)sev;
    (void)loc;
}

enum ac_status
sitemap_read(const char *data, size_t len, size_t max_locs, sitemap_loc_fn fn,
             void *arg, struct ac_err *err)
{
    struct source src = {0};
    struct walk w = {0, 0, max_locs, fn, arg};
    xmlTextReaderPtr rd;
    enum ac_status rc = AC_OK;
    int r = 0;

    src.data = (const unsigned char *)data;
    src.len = len;
    src.gzip = len >= 2 && src.data[0] == 0x1f && src.data[1] == 0x8b;
    if (src.gzip) {
        if (inflateInit2(&src.z, 15 + 16) != Z_OK)
            return ac_err_set(err, AC_E_INTERNAL, "zlib: cannot start");
        src.z_open = true;
    }
    rd = xmlReaderForIO(on_read, on_close, &src, NULL, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    if (rd == NULL) {
        rc = ac_err_set(err, AC_E_DATA, "not XML");
        goto out;
    }
    xmlTextReaderSetErrorHandler(rd, quiet, NULL);
    while (rc == AC_OK && (r = xmlTextReaderRead(rd)) == 1)
        rc = visit(rd, &w, err);
    if (src.gzip && (rc != AC_OK || r < 0))
        drain(&src); /* bad XML from bad gzip: say the gzip is bad */
    if (src.z_big)
        rc = ac_err_set(err, AC_E_LIMIT,
                        "more than %d MiB of XML once decompressed (the "
                        "protocol's limit is 50 MB)",
                        SITEMAP_MAX_BYTES >> 20);
    else if (src.z_bad)
        rc = ac_err_set(err, AC_E_IO, "corrupt gzip data");
    else if (rc == AC_OK && r < 0)
        rc = ac_err_set(err, AC_E_DATA, "not well-formed XML (line %d)",
                        xmlTextReaderGetParserLineNumber(rd));
    else if (rc == AC_OK && w.root == 0)
        rc = ac_err_set(err, AC_E_DATA, "not XML: no element at all");
    xmlFreeTextReader(rd);
out:
    if (src.z_open)
        inflateEnd(&src.z);
    return rc;
}
