#!/bin/sh
# SPDX-License-Identifier: MIT
# eval_corpus.sh: a smoke test of the evaluation-corpus tools on four pages
# of our own (tests/fixtures/eval-corpus).  tools/eval-corpus-fetch must
# copy pages out of a git mirror and refuse bytes whose hash differs;
# tools/eval-corpus.py must measure a run and list a miss.  The real corpus
# (eval/corpus.tsv) is not run here: its figures are measured, not tested.

. "$(dirname "$0")/lib.sh"

require_attrcheck
if ! command -v "$PYTHON3" >/dev/null 2>&1; then
    skip_all "no $PYTHON3"
fi
FIX="$FIXTURES/eval-corpus"

# st CMD...: prints 0 when CMD succeeds, 1 otherwise (for check; set -e
# would end a command substitution at the first failing command).
st() {
    if "$@"; then echo 0; else echo 1; fi
}
PAGES="$TMPD/pages"

if command -v git >/dev/null 2>&1; then
    # A mirror named as the fetch tool looks for it: MIRRORS/OWNER+NAME/.git
    repo="$TMPD/mirrors/test+pages"
    mkdir -p "$repo"
    cp "$FIX"/*.html "$repo/"
    git -C "$repo" init -q
    git -C "$repo" add .
    git -C "$repo" -c user.name=t -c user.email=t@example.org \
        commit -q -m pages
    commit=$(git -C "$repo" rev-parse HEAD)
    {
        printf 'id\trepo\tcommit\tpath\tsha256\n'
        tail -n +2 "$FIX/labels.tsv" | while IFS='	' read -r id path rest; do
            sum=$(sha256sum "$FIX/$path" | cut -d' ' -f1)
            printf '%s\ttest/pages\t%s\t%s\t%s\n' "$id" "$commit" "$path" "$sum"
        done
    } >"$TMPD/manifest.tsv"
    rc=0
    "$PYTHON3" "$SRCDIR/tools/eval-corpus-fetch" --manifest "$TMPD/manifest.tsv" \
        --mirrors "$TMPD/mirrors" "$PAGES" 2>"$TMPD/fetch.err" || rc=$?
    n=$(find "$PAGES" -name '*.html' | wc -l)
    check $(st test "$rc" -eq 0 -a "$n" -eq 4) \
        "eval-corpus-fetch copies the four pages from a git mirror" \
        "exit $rc, $n pages" "$(cat "$TMPD/fetch.err")"
    sed 's/\(own-ccby.*\t\)[0-9a-f]\{64\}$/\10000000000000000000000000000000000000000000000000000000000000000/' \
        "$TMPD/manifest.tsv" >"$TMPD/bad.tsv"
    rc=0
    "$PYTHON3" "$SRCDIR/tools/eval-corpus-fetch" --manifest "$TMPD/bad.tsv" \
        --mirrors "$TMPD/mirrors" "$TMPD/bad" 2>"$TMPD/bad.err" || rc=$?
    check $(st sh -c '[ "$1" -eq 1 ] && grep -q "^eval-corpus-fetch: own-ccby " "$2/bad.err" &&
        [ ! -e "$2/bad/own-ccby.html" ] && [ -e "$2/bad/plain.html" ]' - "$rc" "$TMPD") \
        "a page whose hash differs is named and not written (exit 1)" \
        "exit $rc" "$(cat "$TMPD/bad.err")"
else
    skip "eval-corpus-fetch from a git mirror" "no git"
    skip "eval-corpus-fetch refuses a wrong hash" "no git"
    mkdir -p "$PAGES"
    tail -n +2 "$FIX/labels.tsv" | while IFS='	' read -r id path rest; do
        cp "$FIX/$path" "$PAGES/$id.html"
    done
fi

rc=0
"$PYTHON3" "$SRCDIR/tools/eval-corpus-fetch" "$TMPD/x" 2>"$TMPD/usage.err" || rc=$?
check $(st sh -c '[ "$1" -eq 2 ] && grep -q mirrors "$2"' - "$rc" "$TMPD/usage.err") \
    "eval-corpus-fetch without a place to fetch from is a usage error" "exit $rc"

rc=0
"$PYTHON3" "$SRCDIR/tools/eval-corpus.py" --manifest "$FIX/labels.tsv" \
    "$PAGES" "$ATTRCHECK" >"$TMPD/eval.out" 2>"$TMPD/eval.err" || rc=$?
check $(st sh -c '[ "$1" -eq 0 ] && grep -q "^pages measured: 4\$" "$2"' - "$rc" "$TMPD/eval.out") \
    "eval-corpus.py measures the four pages" "exit $rc" \
    "$(cat "$TMPD/eval.out" "$TMPD/eval.err")"
for want in '^licence exact: *3 / 4 ' '^source precision: *1 / 1 ' \
    '^source recall: *1 / 1 ' \
    '^false fail on pages that copy nothing and claim nothing: [01] / 1 '; do
    check $(st grep -q "$want" "$TMPD/eval.out") \
        "figure: $want" "$(cat "$TMPD/eval.out")"
done
check $(st sh -c 'grep -A1 "^ *plain  *negative  *want CC-BY-SA-4.0" "$1" |
    grep -q "got  none"' - "$TMPD/eval.out") \
    "the deliberately wrong label is listed as a licence miss" \
    "$(cat "$TMPD/eval.out")"

rc=0
"$PYTHON3" "$SRCDIR/tools/eval-corpus.py" --manifest "$FIX/labels.tsv" \
    "$TMPD/nowhere" "$ATTRCHECK" >/dev/null 2>&1 || rc=$?
check $(st test "$rc" -eq 2) "a missing pages folder is a usage error" "exit $rc"

done_testing
