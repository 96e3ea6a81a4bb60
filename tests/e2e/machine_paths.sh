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
# A clone straight under a temporary folder (/tmp/attrcheck) has a parent
# that docs and tests name on purpose (/tmp/x in examples, mkdtemp
# templates): there the needle is the checkout's own path.
needle="$parent/"
case "$parent" in
/tmp | /var/tmp | /dev/shm) needle="$top/" ;;
esac

git -C "$top" ls-files -z >"$TMPD/files"
n=$(tr -cd '\0' <"$TMPD/files" | wc -c)
check "$([ "$n" -ge 50 ] && echo 0 || echo 1)" "git lists the tree ($n files)"

# -I: binary files aside; -F: the path is a fixed string, not a regex
(cd "$top" && xargs -0 grep -IlF -e "$needle" <"$TMPD/files") \
    >"$TMPD/hits" || :
if [ -s "$TMPD/hits" ]; then
    not_ok "no tracked file names $needle" \
        "$(cd "$top" && xargs grep -nIF -e "$needle" <"$TMPD/hits" |
            head -20)"
else
    ok "no tracked file names $needle"
fi

# the check itself works: a file naming the folder is caught
printf 'see %sdocs\n' "$needle" >"$TMPD/probe"
check "$(grep -qF -e "$needle" "$TMPD/probe" && echo 0 || echo 1)" \
    "the search finds a planted path"

done_testing
