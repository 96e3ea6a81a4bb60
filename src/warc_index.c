/* SPDX-License-Identifier: MIT */
/*
 * warc_index: an index of response records by URL (see warc_index.h).
 * Records are found by where their gzip member starts in the file: zlib
 * can start inflating at any member, but not in the middle of one, and
 * the reader (warc.c) reads members as one stream and only knows
 * uncompressed offsets.  So a first pass inflates the file member by
 * member (its own z_stream, output thrown away) to learn each member's
 * file offset and uncompressed offset; the second reads the records with
 * warc.c and maps each record's uncompressed offset to the member it
 * starts in.  A .warc.gz of one member per record (WARC 1.1 Annex D)
 * then re-reads one member per lookup; a file of one big member costs a
 * read from its start.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST
#include <zlib.h>

#include "hash.h"
#include "url.h"
#include "warc_index.h"
#include "xalloc.h"

#define SCAN_CHUNK 65536

/* One response record: 32 bytes. */
struct ix_entry {
    uint64_t hash; /* of the normalised WARC-Target-URI */
    uint64_t raw;  /* file offset of the gzip member it starts in */
    uint64_t skip; /* uncompressed bytes from there to the record */
    uint32_t file; /* index into files */
};

struct warc_index {
    char **files;
    size_t files_len;
    struct ix_entry *v;
    size_t len, cap;
    bool sorted;
};

/* Where a gzip member starts: in the file and in the inflated stream. */
struct member {
    long long raw, plain;
};

struct warc_index *
warc_index_new(void)
{
    return xcalloc(1, sizeof(struct warc_index));
}

void
warc_index_free(struct warc_index *ix)
{
    if (ix == NULL)
        return;
    for (size_t i = 0; i < ix->files_len; i++)
        free(ix->files[i]);
    free(ix->files);
    free(ix->v);
    free(ix);
}

static uint64_t
url_key_hash(const char *url, char **key_out)
{
    char *key = url_normalise(url);
    uint64_t h;

    if (key == NULL)
        key = xstrdup(url);
    h = hash_mix64(hash_fnv1a_str(HASH_FNV_OFFSET, key));
    if (key_out != NULL)
        *key_out = key;
    else
        free(key);
    return h;
}

static void
push_member(struct member **m, size_t *len, long long raw, long long plain)
{
    *m = xreallocarray(*m, *len + 1, sizeof **m);
    (*m)[*len].raw = raw;
    (*m)[*len].plain = plain;
    (*len)++;
}

/* Inflates F (a gzip file) member by member into *M.  It stops quietly
 * at damage or trailing bytes that are no gzip member: the reader
 * reports those when it reaches them. */
static void
scan_members(FILE *f, struct member **m, size_t *len)
{
    unsigned char *in = xmalloc(SCAN_CHUNK), *out = xmalloc(SCAN_CHUNK);
    long long fed = 0, plain = 0;
    z_stream zs;
    int r = Z_OK;

    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        free(in);
        free(out);
        return;
    }
    push_member(m, len, 0, 0);
    for (;;) {
        if (zs.avail_in == 0) {
            size_t n = fread(in, 1, SCAN_CHUNK, f);

            if (n == 0)
                break;
            zs.next_in = in;
            zs.avail_in = (uInt)n;
            fed += (long long)n;
        }
        zs.next_out = out;
        zs.avail_out = SCAN_CHUNK;
        r = inflate(&zs, Z_NO_FLUSH);
        plain += SCAN_CHUNK - zs.avail_out;
        if (r == Z_STREAM_END) {
            push_member(m, len, fed - zs.avail_in, plain);
            inflateReset(&zs);
        } else if (r != Z_OK && r != Z_BUF_ERROR) {
            break;
        }
    }
    inflateEnd(&zs);
    free(in);
    free(out);
}

/* The members of PATH when it is gzipped; none (*LEN 0) when plain. */
static enum ac_status
members_of(const char *path, struct member **m, size_t *len, struct ac_err *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char magic[2];

    *m = NULL;
    *len = 0;
    if (f == NULL)
        return ac_err_set(err, AC_E_IO, "%s: %s", path, strerror(errno));
    if (fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        rewind(f);
        scan_members(f, m, len);
    }
    fclose(f);
    return AC_OK;
}

/* The last member starting at or before uncompressed offset AT. */
static const struct member *
member_at(const struct member *m, size_t len, long long at)
{
    size_t lo = 0, hi = len;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (m[mid].plain <= at)
            lo = mid;
        else
            hi = mid;
    }
    return len > 0 && m[lo].plain <= at ? &m[lo] : NULL;
}

static void
add_entry(struct warc_index *ix, const struct warc_record *rec,
          const struct member *m, size_t mlen)
{
    const struct member *at = member_at(m, mlen, rec->offset);
    struct ix_entry *e;

    if (mlen > 0 && at == NULL)
        return;
    if (ix->len == ix->cap) {
        ix->cap = ix->cap ? ix->cap * 2 : 64;
        ix->v = xreallocarray(ix->v, ix->cap, sizeof *ix->v);
    }
    e = &ix->v[ix->len++];
    e->hash = url_key_hash(rec->target_uri, NULL);
    e->raw = (uint64_t)(at != NULL ? at->raw : rec->offset);
    e->skip = (uint64_t)(at != NULL ? rec->offset - at->plain : 0);
    e->file = (uint32_t)(ix->files_len - 1);
    ix->sorted = false;
}

enum ac_status
warc_index_add(struct warc_index *ix, const char *path, struct ac_err *err)
{
    struct warc_reader *w = NULL;
    struct member *m = NULL;
    struct warc_record rec;
    size_t mlen = 0;
    bool got = true;
    enum ac_status rc = members_of(path, &m, &mlen, err);

    if (rc == AC_OK)
        rc = warc_open(path, &w, err);
    if (rc != AC_OK) {
        free(m);
        return rc;
    }
    ix->files = xreallocarray(ix->files, ix->files_len + 1, sizeof *ix->files);
    ix->files[ix->files_len++] = xstrdup(path);
    /* a limit of 0 keeps only the head of each block: the URI is in the
     * WARC headers, and the memory stays one head */
    while (rc == AC_OK && got) {
        rc = warc_next(w, 0, &rec, &got, err);
        if (rc == AC_OK && got && rec.type != NULL &&
            strcmp(rec.type, "response") == 0 && rec.target_uri != NULL)
            add_entry(ix, &rec, m, mlen);
        warc_record_free(&rec);
    }
    warc_close(w);
    free(m);
    return rc;
}

size_t
warc_index_len(const struct warc_index *ix)
{
    return ix->len;
}

size_t
warc_index_bytes(const struct warc_index *ix)
{
    return ix->cap * sizeof *ix->v;
}

static int
cmp_entry(const void *pa, const void *pb)
{
    const struct ix_entry *a = pa, *b = pb;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->raw != b->raw)
        return a->raw < b->raw ? -1 : 1;
    return a->skip < b->skip ? -1 : a->skip > b->skip;
}

/* Sorts by hash, keeping the last record (in file order) of each URL. */
static void
sort_entries(struct warc_index *ix)
{
    size_t i, n = 0;

    qsort(ix->v, ix->len, sizeof *ix->v, cmp_entry);
    for (i = 0; i < ix->len; i++) {
        if (i + 1 < ix->len && ix->v[i + 1].hash == ix->v[i].hash)
            continue; /* a later record of the same URL follows */
        ix->v[n++] = ix->v[i];
    }
    ix->len = n;
    ix->sorted = true;
}

static const struct ix_entry *
find(const struct warc_index *ix, uint64_t h)
{
    size_t lo = 0, hi = ix->len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (ix->v[mid].hash < h)
            lo = mid + 1;
        else if (ix->v[mid].hash > h)
            hi = mid;
        else
            return &ix->v[mid];
    }
    return NULL;
}

/* True when REC's URI is KEY once normalised (not a hash collision). */
static bool
same_url(const struct warc_record *rec, const char *key)
{
    char *k = NULL;
    bool same;

    if (rec->target_uri == NULL || rec->type == NULL ||
        strcmp(rec->type, "response") != 0)
        return false;
    url_key_hash(rec->target_uri, &k);
    same = strcmp(k, key) == 0;
    free(k);
    return same;
}

enum ac_status
warc_index_get(struct warc_index *ix, const char *url, size_t max_size,
               struct warc_record *rec, bool *found, struct ac_err *err)
{
    const struct ix_entry *e;
    struct warc_reader *w = NULL;
    char *key = NULL;
    enum ac_status rc;
    bool got = false;

    memset(rec, 0, sizeof *rec);
    *found = false;
    if (!ix->sorted)
        sort_entries(ix);
    e = find(ix, url_key_hash(url, &key));
    if (e == NULL) {
        free(key);
        return AC_OK;
    }
    rc = warc_open_at(ix->files[e->file], (long long)e->raw, (long long)e->skip,
                      &w, err);
    if (rc == AC_OK)
        rc = warc_next(w, max_size, rec, &got, err);
    warc_close(w);
    if (rc == AC_OK && got && same_url(rec, key))
        *found = true;
    else
        warc_record_free(rec);
    free(key);
    return rc;
}
