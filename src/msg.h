/* SPDX-License-Identifier: MIT */
/*
 * msg: every message to the person at the terminal goes through here.
 * Messages are prefixed "attrcheck: ", go to stderr, and have control
 * characters (which may come from hostile pages) escaped.  Library code
 * never calls these; main.c and the reporters do.
 */
#ifndef AC_MSG_H
#define AC_MSG_H

#include <stdbool.h>

#include "strbuf.h"

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Printed only when verbose (-v) was asked for. */
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Sets whether msg_info prints and whether warnings are shown (-q). */
void msg_set_level(int level); /* -1 quiet, 0 normal, 1 verbose */

/* FN(ARG) is called before each message is printed (the progress line
 * clears itself); NULL: nothing. */
void msg_set_clear(void (*fn)(void *), void *arg);

/*
 * Appends S to SB for display on a terminal: C0 and C1 control
 * characters, DEL, bidirectional overrides and invalid UTF-8 become
 * visible escapes (\x1b, \u202e), so a page cannot move the cursor or
 * recolour the screen.  Tabs and newlines become spaces.
 */
void msg_escape(struct strbuf *sb, const char *s);

#endif
