#!/bin/sh
# SPDX-License-Identifier: MIT
# html_report.sh: -f html as a file, without a browser (tests/browser/
# renders it in one).  The Kennisland report against its recorded HTML
# (tests/fixtures/html/kennisland.html, the source path written as
# @SRCDIR@; UPDATE_GOLDEN=1 rewrites it); a hostile copy whose notice
# holds script, style end tags, javascript: links and bidi controls
# comes out inert; a many-target report has its summary, table rows and
# details, and --html-passing row leaves passing details out; the inline
# assets are current; bad options are usage errors; --open never runs
# in CI; data/examples/kennisland.sh writes kennisland.html and says where.

. "$(dirname "$0")/lib.sh"

require_attrcheck
SRCDIR=$(cd "$SRCDIR" && pwd -P) # as file:// URLs spell it
cd "$SRCDIR"
H="$FIXTURES/html"
KL="$SRCDIR/data/examples"

# --- the Kennisland golden report
run_attrcheck -f html \
    --remap "^https://www\\.kl\\.nl/events/werken-aan-de-wakkere-stad/\$ file://$KL/kennisland-original.html" \
    --remap "^https://www\\.wakkerestad\\.nl/agenda/2024/werken-aan-de-wakkere-stad/\$ file://$KL/wakkerestad-original.html" \
    data/examples/kennisland-copy.html
sed "s#$SRCDIR#@SRCDIR@#g" "$OUT" >"$TMPD/kl.html"
[ "${UPDATE_GOLDEN:-}" = 1 ] && cp "$TMPD/kl.html" "$H/kennisland.html"
if [ "$RC" -ne 0 ]; then
    not_ok "kennisland html exits 0 (warn)" "$(show_run)"
elif ! diff -u "$H/kennisland.html" "$TMPD/kl.html" >"$TMPD/diff"; then
    not_ok "kennisland html matches the recorded report" "$(head -60 "$TMPD/diff")"
else
    ok "kennisland html matches the recorded report"
fi
{ grep -q 'class="changed"' "$OUT" && grep -q '<ins>' "$OUT" && grep -q '<del>' "$OUT"; } && r=0 || r=1
check $r "kennisland: a changed block with words marked"
{ grep -q 'id="t1-nt"' "$OUT" && grep -q 'lang="nl"' "$OUT"; } && r=0 || r=1
check $r "kennisland: the Dutch notice as a selectable block"

# --- the Quick start's example writes kennisland.html and says where
(cd "$TMPD" && ATTRCHECK="$ATTRCHECK" sh "$KL/kennisland.sh") \
    >"$TMPD/ex.out" 2>"$TMPD/ex.err" && r=0 || r=$?
expect_eq 0 "$r" "kennisland.sh: exit status of the check"
{ grep -q 'class="side' "$TMPD/kennisland.html" &&
    grep -q 'id="t1-nt"' "$TMPD/kennisland.html"; } && r=0 || r=1
check $r "kennisland.sh: kennisland.html holds the side-by-side view and the notice"
{ grep -q "HTML report.*: $TMPD/kennisland.html\$" "$TMPD/ex.err" &&
    grep -q 'license-unlinked' "$TMPD/ex.out"; } && r=0 || r=1
check $r "kennisland.sh: the text verdict first, then where the report is" \
    "$(cat "$TMPD/ex.out" "$TMPD/ex.err")"

# --- a hostile copy
run_attrcheck -f html \
    --remap "^https://hostile\\.example/original\$ file://$H/hostile-original.html" \
    "$H/hostile-copy.html"
check $((RC == 1 ? 0 : 1)) "hostile copy: fails (exit 1)" "$(show_run)"
n=$(grep -c '<script' "$OUT" || :)
check $((n == 1 ? 0 : 1)) "hostile copy: only the report's own script element ($n)"
n=$(grep -o '</style' "$OUT" | wc -l)
check $((n == 1 ? 0 : 1)) "hostile copy: only the report's own </style> ($n)"
{ ! grep -qi 'href="javascript' "$OUT"; } && r=0 || r=1
check $r "hostile copy: no javascript: link"
{ ! grep -q "$(printf '\342\200\256')" "$OUT" && grep -q 'U+202E' "$OUT"; } && r=0 || r=1
check $r "hostile copy: the bidi override is shown as U+202E, not used"
{ ! grep -q "$(printf '\007')" "$OUT"; } && r=0 || r=1
check $r "hostile copy: no control character passes"
{ grep -q '&lt;img src=x onerror=alert(1)&gt;' "$OUT"; } && r=0 || r=1
check $r "hostile copy: markup in a credit is text"
{ grep -q 'class="alert-nd"' "$OUT" && grep -q 'class="changed nd"' "$OUT"; } && r=0 || r=1
check $r "hostile copy: the no-derivatives change is flagged"
{ grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$OUT"; } && r=0 || r=1
check $r "hostile copy: the CSP forbids everything by default"

# --- many targets
run_attrcheck -f html --offline "$FIXTURES/ci-site"
rows=$(grep -c '^<tr data-v=' "$OUT" || :)
details=$(grep -c '^<details class="target"' "$OUT" || :)
check $((rows > 3 && rows == details ? 0 : 1)) \
    "site: a row and a detail per target ($rows rows, $details details)" "$(show_run)"
{ grep -q 'id="sum-h">Summary' "$OUT" && grep -q '<svg class="chart"' "$OUT"; } && r=0 || r=1
check $r "site: the summary and its chart"
run_attrcheck -f html --offline --html-passing row "$FIXTURES/ci-site"
passing=$(grep -c '^<tr data-v="pass"' "$OUT" || :)
details2=$(grep -c '^<details class="target"' "$OUT" || :)
check $((passing > 0 && details2 == details - passing ? 0 : 1)) \
    "site: --html-passing row leaves out $passing passing details"

# --- the inline assets match their sources (their hashes are in the CSP)
"$PYTHON3" "$SRCDIR/tools/gen-html-assets.py" "$SRCDIR" >"$TMPD/assets.c"
{ cmp -s "$TMPD/assets.c" "$SRCDIR/src/report_html_assets.c"; } && r=0 || r=1
check $r "src/report_html_assets.c is current (make regen-html)"

# --- usage
run_attrcheck -f html --html-texts some "$KL/kennisland-copy.html"
check $((RC == 2 ? 0 : 1)) "--html-texts some: usage error" "$(show_run)"
run_attrcheck -f html --open --offline "$KL/kennisland-copy.html"
check $((RC == 2 ? 0 : 1)) "--open without -o: usage error" "$(show_run)"
{ grep -q -- '--open needs' "$ERR"; } && r=0 || r=1
check $r "--open without -o: says why"
CI=true DISPLAY=:0
export CI DISPLAY
run_attrcheck -v -f html --open --offline \
    -o "$TMPD/r.html" "$KL/kennisland-copy.html"
check $((RC == 0 ? 0 : 1)) "--open in CI: exit status of the check" "$(show_run)"
{ grep -q 'not opened: CI is set' "$ERR"; } && r=0 || r=1
check $r "--open in CI: not opened, and -v says why"

done_testing
