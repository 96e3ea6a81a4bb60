/* SPDX-License-Identifier: MIT */
/*
 * fuzz: what the fuzz targets share.  Each tests/fuzz/fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput() for one input the program parses; built with
 * --enable-fuzzing it links libFuzzer's main, otherwise replay.c's main,
 * which replays tests/fuzz/corpus/NAME/ and tests/fuzz/regress/NAME/ (or
 * the files and folders given) as a TAP test, so `make check` runs every
 * input that ever found a bug with the default compiler.
 */
#ifndef AC_FUZZ_H
#define AC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Optional (weak): set-up before the first input, outside its timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Writes DATA[0..SIZE) to this process's scratch file and returns its
 * path (the same path each call; valid until the next call).  For the
 * parsers that read a file by name. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* DATA[0..SIZE) as a new NUL-terminated string (the caller frees). */
char *fuzz_str(const uint8_t *data, size_t size);

/* Splits the input at its first newline: *HEAD (a new string, the caller
 * frees) is the first line, and the rest is DATA[*REST..SIZE). */
char *fuzz_line(const uint8_t *data, size_t size, size_t *rest);

#endif
