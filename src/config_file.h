/* SPDX-License-Identifier: MIT */
/*
 * config_file: the configuration file, .attrcheckrc.  It finds the file (the
 * current folder or its nearest parent) and reads it line by line:
 * "name = value", a bare "name" for a flag, "#" comments.  It knows no
 * option names: each line goes to a callback, which in attrcheck is the
 * same option table that parses the command line.
 */
#ifndef AC_CONFIG_FILE_H
#define AC_CONFIG_FILE_H

#include "err.h"

#define CONFIG_FILE_NAME ".attrcheckrc"

/*
 * Looks for CONFIG_FILE_NAME in the current folder, then in each parent
 * up to the root.  Returns the path (".attrcheckrc" when it is in the
 * current folder, else absolute; the caller frees) or NULL if none.
 */
char *config_file_find(void);

/* Called for each setting; VALUE is NULL for a bare name.  Returns AC_OK
 * or an error with a message in ERR (config_file_read adds FILE:LINE). */
typedef enum ac_status (*config_file_setting_fn)(void *arg, const char *name,
                                                 const char *value,
                                                 struct ac_err *err);

/*
 * Reads PATH and calls FN(ARG, name, value) for each setting in order.
 * A value may be quoted with "" or '' (keeping spaces and "#"); otherwise
 * " #" starts a comment.  Returns AC_OK, or AC_E_USAGE / AC_E_IO with a
 * message that names PATH and the line ("x/.attrcheckrc:3: ...").
 */
enum ac_status config_file_read(const char *path, config_file_setting_fn fn,
                                void *arg, struct ac_err *err);

#endif
