/* SPDX-License-Identifier: MIT */
/*
 * err: error values that library code returns instead of printing.
 * A status plus a fixed-size message, so that reporting an error never
 * allocates.  Only main.c and the reporters turn these into output.
 */
#ifndef AC_ERR_H
#define AC_ERR_H

#include <stddef.h>

enum ac_status {
    AC_OK = 0,
    AC_E_USAGE,   /* wrong option or argument */
    AC_E_IO,      /* a file could not be read or written */
    AC_E_DATA,    /* malformed input: rules file, page, list */
    AC_E_NOTHTML, /* the input is not an HTML document */
    AC_E_NET,     /* a network transfer failed */
    AC_E_LIMIT,   /* a size, time or count bound was hit */
    AC_E_INTERNAL,
    AC_E_COMPLEX /* input over a work budget (attributes per element) */
};

struct ac_err {
    enum ac_status code;
    char msg[256];
};

/*
 * Sets ERR (which may be NULL) to CODE and the printf-style message, and
 * returns CODE so that callers can write `return ac_err_set(...)`.
 */
enum ac_status ac_err_set(struct ac_err *err, enum ac_status code,
                          const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears ERR to AC_OK and an empty message. */
void ac_err_clear(struct ac_err *err);

#endif
