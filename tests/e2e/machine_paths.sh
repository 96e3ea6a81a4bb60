#!/bin/sh
# SPDX-License-Identifier: MIT
# machine_paths.sh: no tracked file names the folder that holds this
# checkout (say /home/ed/src for a clone in /home/ed/src/attrcheck), so
# docs and tools stay runnable in a fresh clone anywhere.  The files are
# those git tracks; outside a git checkout (a release tarball) the script
# is skipped, as configure and the build write absolute paths there.

. "$(dirname "$0")/lib.sh"

top=$(cd "$SRCDIR" && pwd -P)
parent=$(dirname "$top")
if ! command -v git >/dev/null 2>&1; then
    skip_all "git not installed"
fi
gittop=$(git -C "$top" rev-parse --show-toplevel 2>/dev/null || :)
if [ -z "$gittop" ] || [ "$(cd "$gittop" && pwd -P)" != "$top" ]; then
    skip_all "$SRCDIR is not the top of a git checkout"
fi
if [ "$parent" = / ]; then
    skip_all "the checkout is at the root of the file system"
fi

git -C "$top" ls-files -z >"$TMPD/files"
n=$(tr -cd '\0' <"$TMPD/files" | wc -c)
check "$([ "$n" -ge 50 ] && echo 0 || echo 1)" "git lists the tree ($n files)"

# -I: binary files aside; -F: the path is a fixed string, not a regex
(cd "$top" && xargs -0 grep -IlF -e "$parent/" <"$TMPD/files") \
    >"$TMPD/hits" || :
if [ -s "$TMPD/hits" ]; then
    not_ok "no tracked file names $parent/" \
        "$(cd "$top" && xargs grep -nIF -e "$parent/" <"$TMPD/hits" |
            head -20)"
else
    ok "no tracked file names $parent/"
fi

# the check itself works: a file naming the folder is caught
printf 'see %s/attrcheck/docs\n' "$parent" >"$TMPD/probe"
check "$(grep -qF -e "$parent/" "$TMPD/probe" && echo 0 || echo 1)" \
    "the search finds a planted path"

done_testing
