#!/bin/sh
# SPDX-License-Identifier: MIT
# golden.sh: runs the binary for every case folder in tests/fixtures/golden
# and compares stdout and the exit status with the recorded ones.  A case is
# files, not code: `args` (one argument per line, run from the source tree),
# `expected.out` and `expected.rc`.  UPDATE_GOLDEN=1 rewrites the records
# (review the diff before committing).

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"

for dir in "$FIXTURES"/golden/*/; do
    name=$(basename "$dir")
    set --
    while IFS= read -r arg || [ -n "$arg" ]; do
        set -- "$@" "$arg"
    done <"$dir/args"
    run_attrcheck "$@"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$OUT" "$dir/expected.out"
        echo "$RC" >"$dir/expected.rc"
    fi
    want_rc=$(cat "$dir/expected.rc")
    if crashed; then
        not_ok "$name" "crashed or hung: $(show_run)"
    elif [ "$RC" -ne "$want_rc" ]; then
        not_ok "$name" "exit status $RC, want $want_rc" "$(show_run)"
    elif ! diff -u "$dir/expected.out" "$OUT" >"$TMPD/diff"; then
        not_ok "$name" "output differs from expected.out" "$(cat "$TMPD/diff")"
    else
        ok "$name"
    fi
done
done_testing
