/* SPDX-License-Identifier: MIT */
/* warc_records: reads every record of a WARC file the way the targets
 * stream does (fuzz_warc.c and fuzz_warc_gz.c share it). */
#ifndef AC_FUZZ_WARC_RECORDS_H
#define AC_FUZZ_WARC_RECORDS_H

/* Reads the WARC file PATH record by record, parsing each response's
 * HTTP head and decoding its body. */
void fuzz_warc_read(const char *path);

#endif
