#!/bin/sh
# SPDX-License-Identifier: MIT
# triggers.sh: the trigger lines of data/rules only skip work, never a hit.
# Every fixture page is checked with the shipped rules and with the same
# rules minus their trigger lines; the reports must be byte for byte the
# same.  A rule added without keeping its file's trigger in step fails here.

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
mkdir "$TMPD/rules"
for f in data/rules/*.rules; do
    grep -v '^trigger	' "$f" >"$TMPD/rules/$(basename "$f")" || :
done
n=$(grep -c '^trigger	' data/rules/*.rules | awk -F: '{ s += $2 } END { print s + 0 }')
if [ "$n" -gt 0 ]; then
    ok "the shipped rules have trigger lines ($n)"
else
    not_ok "the shipped rules have trigger lines" "none found"
fi

pages="$FIXTURES/forms $FIXTURES/verify $FIXTURES/ci-site $FIXTURES/golden-site $FIXTURES/lang data/examples"
# shellcheck disable=SC2086
run_attrcheck -f jsonl --offline $pages
cp "$OUT" "$TMPD/with"
# shellcheck disable=SC2086
run_attrcheck -f jsonl --offline --rules "$TMPD/rules" $pages
if crashed; then
    not_ok "checked without triggers" "$(show_run)"
elif cmp -s "$TMPD/with" "$OUT"; then
    ok "the same reports with and without triggers ($(wc -l <"$OUT") pages)"
else
    not_ok "the same reports with and without triggers" \
        "$(diff "$TMPD/with" "$OUT" | head -c 3000)"
fi
done_testing
