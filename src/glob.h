/* SPDX-License-Identifier: MIT */
/*
 * glob: shell-style pattern matching for paths, with the ** that
 * fnmatch(3) lacks.  Used by --include, --exclude and --require-license.
 * It matches strings only; it never looks at the file system.
 */
#ifndef AC_GLOB_H
#define AC_GLOB_H

#include <stdbool.h>

/*
 * True when PATH matches PATTERN.  '*' and '?' never match '/'; a
 * "**" that is a whole path segment matches any number of segments,
 * none included ("a/ ** /b" without the spaces matches "a/b" and
 * "a/x/y/b"); [abc], [a-z] and [!a] are character classes; a backslash
 * quotes the next character.  A pattern with no '/' is matched against
 * every file name in PATH at any depth, as in .gitignore; a leading "/"
 * or "./" anchors the pattern at the start and is ignored.  Time is
 * bounded by the pattern length times the path length squared.
 */
bool glob_match_path(const char *pattern, const char *path);

/* Like glob_match_path() without the any-depth rule: PATTERN must match
 * the whole of PATH. */
bool glob_match(const char *pattern, const char *path);

#endif
