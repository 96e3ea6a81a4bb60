/* SPDX-License-Identifier: MIT */
/*
 * desktop: opens a file the user asked to see (--open) with xdg-open,
 * only where a person is watching: a desktop session (DISPLAY or
 * WAYLAND_DISPLAY), standard output a terminal, and not in CI.
 */
#ifndef AC_DESKTOP_H
#define AC_DESKTOP_H

#include "err.h"

/*
 * Opens PATH with xdg-open and waits for xdg-open (not the viewer) to
 * finish.  Returns AC_OK; or AC_E_USAGE with the reason in ERR when no
 * person is watching ("CI is set", "not a terminal"); or AC_E_IO when a
 * person is but there is no desktop, or xdg-open cannot run or fails.
 */
enum ac_status desktop_open(const char *path, struct ac_err *err);

#endif
