/* SPDX-License-Identifier: MIT */
/*
 * fuzz_warc: a WARC file as the targets stream reads it, plain or gzip
 * (recognised by its magic bytes): every record, each response's HTTP
 * head, de-chunked and decompressed body.
 */
#include "config.h"

#include "fuzz.h"
#include "warc_records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_warc_read(fuzz_file(data, size));
    return 0;
}
