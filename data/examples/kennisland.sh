#!/bin/sh
# Checks the bundled Kennisland copy against the bundled originals, with no
# network: --remap points the original's URL (and the page it credits in
# turn) at the files next to this script.  Extra arguments are passed on
# (try -f json).  Then it writes the same check as an HTML report,
# kennisland.html in the current folder (KENNISLAND_HTML names another
# file), showing the copy beside its original, and says where.  Run from
# the top of the build tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${ATTRCHECK:-./attrcheck}
html=${KENNISLAND_HTML:-kennisland.html}
set -- \
    --remap "^https://www\\.kl\\.nl/events/werken-aan-de-wakkere-stad/\$ file://$here/kennisland-original.html" \
    --remap "^https://www\\.wakkerestad\\.nl/agenda/2024/werken-aan-de-wakkere-stad/\$ file://$here/wakkerestad-original.html" \
    "$@" "$(dirname "$0")/kennisland-copy.html"
echo "\$ attrcheck --remap ... data/examples/kennisland-copy.html" >&2
rc=0
"$bin" "$@" || rc=$?
"$bin" "$@" -q -f html -o "$html" || :
if [ -s "$html" ]; then
    echo "HTML report, the copy beside its original: $(cd "$(dirname "$html")" && pwd)/$(basename "$html")" >&2
fi
exit $rc
