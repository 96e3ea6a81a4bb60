/* SPDX-License-Identifier: MIT */
/*
 * fuzz_warc_gz: structure-aware WARC.gz.  Mutated gzip bytes rarely get
 * past the CRC, so this target builds the file: the input is split into
 * records at each line "WARC/1.", each record becomes its own gzip member
 * (as crawlers write them), and the members are concatenated; a first
 * byte that is odd also cuts the last member short, for the reader's
 * truncated-member path.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz.h"
#include "strbuf.h"
#include "warc_records.h"

/* Appends DATA[0..N) as one gzip member to OUT. */
static void
member(struct strbuf *out, const uint8_t *data, size_t n)
{
    z_stream z;
    unsigned char buf[16384];
    int rc;

    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    z.next_in = (unsigned char *)(uintptr_t)data;
    z.avail_in = (uInt)n;
    do {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        rc = deflate(&z, Z_FINISH);
        strbuf_add(out, buf, sizeof buf - z.avail_out);
    } while (rc == Z_OK);
    deflateEnd(&z);
}

/* Where the next record starts in DATA[FROM..SIZE), or SIZE. */
static size_t
next_record(const uint8_t *data, size_t size, size_t from)
{
    for (size_t i = from + 1; i + 7 <= size; i++)
        if (data[i - 1] == '\n' && memcmp(data + i, "WARC/1.", 7) == 0)
            return i;
    return size;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf gz = STRBUF_INIT;
    bool cut = size > 0 && (data[0] & 1);

    if (size > 0) {
        data++; /* the flag byte */
        size--;
    }
    for (size_t at = 0; at < size;) {
        size_t end = next_record(data, size, at);

        member(&gz, data + at, end - at);
        at = end;
    }
    if (size == 0)
        member(&gz, data, 0);
    if (cut && gz.len > 4)
        gz.len -= 4;
    fuzz_warc_read(fuzz_file((const uint8_t *)gz.buf, gz.len));
    strbuf_release(&gz);
    return 0;
}
