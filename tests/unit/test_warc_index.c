/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for warc_index: WARC files built here in four layouts
 * (plain, one gzip member per record, three records per member, one
 * member for the whole file) are indexed and every response record is
 * found again by its URL, also written another way (case, default
 * port, dot segments), with its own block; request records and unknown
 * URLs are not found; a URL recorded twice is found at its last record;
 * the index costs bytes, not records; missing, non-WARC and cut files
 * are errors naming the file, with the records before the damage kept.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "strbuf.h"
#include "testutil.h"
#include "warc_index.h"
#include "xalloc.h"

#define NPAGES 300

static const char *tmpdir;

/* Appends one record of TYPE for URI whose block is BLOCK to B. */
static void
add_record(struct strbuf *b, const char *type, const char *uri, int id,
           const char *block)
{
    strbuf_addf(b, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
    strbuf_addf(b, "WARC-Record-ID: <urn:uuid:ix-%d>\r\n", id);
    strbuf_addf(b, "WARC-Target-URI: %s\r\n", uri);
    strbuf_addf(b,
                "Content-Type: application/http; msgtype=%s\r\n"
                "Content-Length: %zu\r\n\r\n%s\r\n\r\n",
                strcmp(type, "request") == 0 ? "request" : "response",
                strlen(block), block);
}

/* The records of the test file, each its own string. */
static struct strbuf recs[2 * NPAGES + 2];
static size_t nrecs;

static void
build(void)
{
    char uri[64], block[160];
    int i;

    for (i = 0; i < NPAGES; i++) {
        snprintf(uri, sizeof uri, "https://example.org/p%d", i);
        add_record(&recs[nrecs++], "request", uri, 2 * i,
                   "GET / HTTP/1.1\r\n\r\n");
        snprintf(block, sizeof block,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                 "<p>page %d</p>",
                 i);
        add_record(&recs[nrecs++], "response", uri, 2 * i + 1, block);
    }
    add_record(&recs[nrecs++], "response", "https://example.org/p7", 9999,
               "HTTP/1.1 200 OK\r\n\r\n<p>page 7 again</p>");
    add_record(&recs[nrecs++], "metadata", "https://example.org/meta", 9998,
               "{}");
}

/* Writes the records to NAME: plain (PER 0), or gzipped PER records a
 * member (PER -1: one member for all). */
static char *
write_layout(const char *name, int per)
{
    struct strbuf out = STRBUF_INIT, group = STRBUF_INIT;
    char *path;
    size_t i;

    for (i = 0; i < nrecs; i++) {
        strbuf_add(per == 0 ? &out : &group, recs[i].buf, recs[i].len);
        if (per > 0 && ((i + 1) % (size_t)per == 0 || i + 1 == nrecs)) {
            tu_deflate(&out, group.buf, group.len, 31);
            group.len = 0;
        }
    }
    if (per < 0)
        tu_deflate(&out, group.buf, group.len, 31);
    path = tu_write_file(tmpdir, name, out.buf, out.len);
    strbuf_release(&out);
    strbuf_release(&group);
    return path;
}

/* Looks URL up in IX: true when found with a block holding WANT. */
static bool
holds(struct warc_index *ix, const char *url, const char *want)
{
    struct warc_record rec;
    struct ac_err err = {0};
    bool found = false, good;

    if (warc_index_get(ix, url, 1 << 20, &rec, &found, &err) != AC_OK) {
        printf("# %s\n", err.msg);
        return false;
    }
    good = found && rec.block != NULL && strstr(rec.block, want) != NULL &&
           strcmp(rec.type, "response") == 0;
    warc_record_free(&rec);
    return good;
}

static bool
absent(struct warc_index *ix, const char *url)
{
    struct warc_record rec;
    struct ac_err err = {0};
    bool found = true;

    return warc_index_get(ix, url, 1 << 20, &rec, &found, &err) == AC_OK &&
           !found;
}

static void
test_layout(const char *name, int per)
{
    char *path = write_layout(name, per);
    struct warc_index *ix = warc_index_new();
    struct ac_err err = {0};
    char url[64], want[32];
    int i, good = 0;

    ok(warc_index_add(ix, path, &err) == AC_OK, "%s: indexed", name);
    ok(warc_index_len(ix) == NPAGES + 1, "%s: %d responses indexed (%zu)", name,
       NPAGES + 1, warc_index_len(ix));
    for (i = 0; i < NPAGES; i++) {
        snprintf(url, sizeof url, "https://example.org/p%d", i);
        snprintf(want, sizeof want, "page %d<", i);
        good += i == 7 ? 1 : holds(ix, url, want);
    }
    ok(good == NPAGES, "%s: every page found with its block (%d)", name, good);
    ok(holds(ix, "https://example.org/p7", "page 7 again"),
       "%s: a URL recorded twice: its last record", name);
    ok(holds(ix, "HTTPS://Example.ORG:443/x/../p42#top", "page 42<"),
       "%s: found by the normalised URL", name);
    ok(absent(ix, "https://example.org/p300"), "%s: an unknown URL", name);
    ok(absent(ix, "https://example.org/meta"), "%s: not a response", name);
    ok(warc_index_bytes(ix) / warc_index_len(ix) <= 64,
       "%s: %zu bytes a record", name,
       warc_index_bytes(ix) / warc_index_len(ix));
    warc_index_free(ix);
    free(path);
}

static void
test_errors(void)
{
    struct warc_index *ix = warc_index_new();
    struct ac_err err = {0};
    struct strbuf cut = STRBUF_INIT;
    char *path, *whole;
    size_t len = 0;

    ok(warc_index_add(ix, "no/such.warc.gz", &err) == AC_E_IO &&
           strstr(err.msg, "no/such.warc.gz") != NULL,
       "missing file: io error naming it (%s)", err.msg);
    path = tu_write_file(tmpdir, "not.warc", "hello\n", 6);
    ok(warc_index_add(ix, path, &err) == AC_E_DATA &&
           strstr(err.msg, "not.warc") != NULL,
       "not WARC: data error naming it (%s)", err.msg);
    free(path);
    /* the gzip layout of one member a record, cut in its last member */
    path = write_layout("whole.warc.gz", 1);
    whole = tu_read_file(path, &len);
    strbuf_add(&cut, whole, len - 40);
    free(path);
    path = tu_write_file(tmpdir, "cut.warc.gz", cut.buf, cut.len);
    ok(warc_index_add(ix, path, &err) != AC_OK &&
           strstr(err.msg, "cut.warc.gz") != NULL,
       "cut gzip: error naming it (%s)", err.msg);
    ok(holds(ix, "https://example.org/p299", "page 299<"),
       "cut gzip: the records before the damage are kept");
    free(path);
    free(whole);
    strbuf_release(&cut);
    warc_index_free(ix);
}

int
main(void)
{
    size_t i;

    tmpdir = tu_tmpdir("test_warc_index");
    build();
    test_layout("plain.warc", 0);
    test_layout("member.warc.gz", 1);
    test_layout("three.warc.gz", 3);
    test_layout("one.warc.gz", -1);
    test_errors();
    for (i = 0; i < nrecs; i++)
        strbuf_release(&recs[i]);
    return tap_done();
}
