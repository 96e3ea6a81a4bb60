#!/bin/sh
# SPDX-License-Identifier: MIT
# browser.sh: the HTML report in a real browser.  Makes three reports (the
# Kennisland example, a hostile copy, a 200-page site build) and runs
# tests/browser/report.test.mjs on them in Debian's chromium through
# puppeteer-core, with axe-core (see that file for the checks).
# Screenshots go to $BUILDDIR/browser-shots/.
#
# Needs node, chromium (CHROMIUM, default /usr/bin/chromium) and the node
# modules of tests/browser (`npm ci` there; ATTRCHECK_BROWSER_MODULES
# names another node_modules folder).  Without them the test is SKIPPED
# on a developer's machine, but FAILS when CI is set: CI must run it.

. "$(dirname "$0")/lib.sh"

require_attrcheck
MODULES=${ATTRCHECK_BROWSER_MODULES:-$SRCDIR/tests/browser/node_modules}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

missing() {
    case "${CI:-}" in
    "" | false | 0) skip "browser tests" "$1" ;;
    *) not_ok "browser tests" "$1, and CI is set: CI must run them" ;;
    esac
    done_testing
    exit
}
command -v node >/dev/null 2>&1 || missing "node is not installed"
[ -x "$CHROMIUM" ] || missing "no chromium at $CHROMIUM (apt-get install chromium)"
[ -d "$MODULES/puppeteer-core" ] && [ -d "$MODULES/axe-core" ] ||
    missing "no node modules in $MODULES (cd tests/browser && npm ci)"

SHOTS="$BUILDDIR/browser-shots"
mkdir -p "$SHOTS"
KL="$SRCDIR/data/examples"
H="$FIXTURES/html"

# the Kennisland example, as data/examples/kennisland.sh runs it
cd "$SRCDIR"
run_attrcheck -f html \
    --remap "^https://www\\.kl\\.nl/events/werken-aan-de-wakkere-stad/\$ file://$KL/kennisland-original.html" \
    --remap "^https://www\\.wakkerestad\\.nl/agenda/2024/werken-aan-de-wakkere-stad/\$ file://$KL/wakkerestad-original.html" \
    -o "$SHOTS/kennisland.html" data/examples/kennisland-copy.html
[ "$RC" -eq 0 ] || { not_ok "kennisland report" "$(show_run)"; done_testing; exit; }
run_attrcheck -f html -o "$TMPD/hostile.html" \
    --remap "^https://hostile\\.example/original\$ file://$H/hostile-original.html" \
    tests/fixtures/html/hostile-copy.html
[ "$RC" -eq 1 ] || { not_ok "hostile report" "$(show_run)"; done_testing; exit; }

# a 200-page site build: ten sections of twenty pages, four kinds of page
i=0
while [ $i -lt 200 ]; do
    dir="$TMPD/site/section-$((i / 20))"
    mkdir -p "$dir"
    case $((i % 4)) in
    0) notice='Text under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.' ;;
    1) notice='This text is licensed under CC BY.' ;;
    2) notice='Republished from <a href="https://origin.example/a'$i'">Origin</a>.' ;;
    *) notice='' ;;
    esac
    printf '<!DOCTYPE html><html lang="en"><head><title>Page %d</title></head><body><article><h1>Page %d</h1><p>Words of page %d about the harbour, the bridge and the ferry.</p><p>%s</p></article></body></html>\n' \
        $i $i $i "$notice" >"$dir/page-$i.html"
    i=$((i + 1))
done
cd "$TMPD/site"
run_attrcheck -f html --offline -o "$SHOTS/site-200.html" .
[ "$RC" -le 1 ] || { not_ok "site report" "$(show_run)"; done_testing; exit; }

# ESM resolves packages next to the script, so give it its node_modules
cp "$SRCDIR/tests/browser/report.test.mjs" "$TMPD/"
ln -s "$MODULES" "$TMPD/node_modules"
rc=0
timeout 300 node "$TMPD/report.test.mjs" "$SHOTS/kennisland.html" \
    "$TMPD/hostile.html" "$SHOTS/site-200.html" "$SHOTS" || rc=$?
exit $rc
