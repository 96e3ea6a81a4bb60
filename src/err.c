/* SPDX-License-Identifier: MIT */
/*
 * err: setting and clearing struct ac_err.  Messages longer than the
 * buffer are cut, never allocated.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "err.h"

enum ac_status
ac_err_set(struct ac_err *err, enum ac_status code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void
ac_err_clear(struct ac_err *err)
{
    if (err == NULL)
        return;
    err->code = AC_OK;
    err->msg[0] = '\0';
}
