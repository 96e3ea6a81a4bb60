#!/bin/sh
# SPDX-License-Identifier: MIT
# golden.sh: runs the binary for every case folder in tests/fixtures/golden
# (reports for people and programs) and tests/fixtures/ci-golden (the CI
# formats on the ci-site fixture: a passing page, one missing its licence,
# one with an unlinked licence, an excluded draft, pages outside and under
# --require-license, a file that is not HTML) and compares stdout and the
# exit status with the recorded ones.  A case is files, not code: `args`
# (one argument per line, run from the source tree), `expected.out` and
# `expected.rc`.  UPDATE_GOLDEN=1 rewrites the records (review the diff
# before committing).

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
# a CI runner's own step summary must not receive the test's reports
unset GITHUB_STEP_SUMMARY

for dir in "$FIXTURES"/golden/*/ "$FIXTURES"/ci-golden/*/; do
    name=$(basename "$(dirname "$dir")")/$(basename "$dir")
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
