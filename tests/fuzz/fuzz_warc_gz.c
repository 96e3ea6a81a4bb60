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

#include "../unit/testutil.h"
#include "fuzz.h"
#include "strbuf.h"
#include "warc_records.h"

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

        tu_deflate(&gz, data + at, end - at, 31);
        at = end;
    }
    if (size == 0)
        tu_deflate(&gz, data, 0, 31);
    if (cut && gz.len > 4)
        gz.len -= 4;
    fuzz_warc_read(fuzz_file((const uint8_t *)gz.buf, gz.len));
    strbuf_release(&gz);
    return 0;
}
