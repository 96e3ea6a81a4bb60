#!/bin/sh
# SPDX-License-Identifier: MIT
# ci_github_summary.sh: -f github also appends a Markdown report of every
# result to $GITHUB_STEP_SUMMARY (GitHub shows only ten annotations of each
# kind), keeping what the file held; an unwritable summary is a warning,
# not a failure.

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
SUMMARY="$TMPD/summary.md"
echo "earlier step" >"$SUMMARY"

# twelve failing pages (a credit without a licence, which fails under a
# CC-only policy): more than GitHub's ten annotations
mkdir -p "$TMPD/many"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    cp tests/fixtures/ci-site/posts/no-license.html "$TMPD/many/p$i.html"
done

GITHUB_STEP_SUMMARY="$SUMMARY"
export GITHUB_STEP_SUMMARY
run_attrcheck -f github --offline --no-config \
    --severity license-missing=error "$TMPD/many"
check "$([ "$RC" -eq 1 ] && echo 0 || echo 1)" "exit status 1" "$(show_run)"
n=$(grep -c '^::error ' "$OUT" || :)
check "$([ "$n" -eq 12 ] && echo 0 || echo 1)" "twelve annotations on stdout" "$n"
check "$(head -n 1 "$SUMMARY" | grep -qx 'earlier step' && echo 0 || echo 1)" \
    "the summary keeps what was there"
check "$(grep -q '^## attrcheck' "$SUMMARY" && echo 0 || echo 1)" \
    "a Markdown report is appended"
rows=$(grep -c '^| .*/many/p[0-9]*\.html | \*\*fail\*\* |' "$SUMMARY" || :)
check "$([ "$rows" -eq 12 ] && echo 0 || echo 1)" "every result is in the summary" \
    "$rows rows: $(cat "$SUMMARY")"
if grep -q '^::' "$SUMMARY"; then
    not_ok "no workflow commands in the summary" "$(cat "$SUMMARY")"
else
    ok "no workflow commands in the summary"
fi

GITHUB_STEP_SUMMARY="$TMPD/no/such/dir/summary.md"
run_attrcheck -f github --offline --no-config tests/fixtures/ci-site/index.html
check "$([ "$RC" -eq 0 ] && echo 0 || echo 1)" "an unwritable summary does not fail" \
    "$(show_run)"
check "$(grep -q 'no step summary' "$ERR" && echo 0 || echo 1)" \
    "an unwritable summary is a warning" "$(show_run)"

unset GITHUB_STEP_SUMMARY
run_attrcheck -f markdown --offline --no-config "$TMPD/many"
check "$([ ! -e "$TMPD/no/such/dir/summary.md" ] && echo 0 || echo 1)" \
    "other formats never write a summary"
done_testing
