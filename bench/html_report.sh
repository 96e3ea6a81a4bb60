#!/bin/sh
# SPDX-License-Identifier: MIT
# html_report.sh: the HTML report of a large run: file size, time to
# write it, peak memory of attrcheck (-f html against -f jsonl, the
# baseline, measured in the same run) and the time to first render in
# Debian's chromium (tests/browser/measure.mjs; needs `npm ci` there).
#   bench/html_report.sh [ATTRCHECK] [PAGES] [RUNS]
# Pages are generated: four kinds in turn (pass, warn, fail, none), 100 to
# a folder.  A second part checks COPIES copies of the Kennisland example
# against its original, with and without the side-by-side texts.
set -eu
LC_ALL=C
export LC_ALL
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
ATTRCHECK=${1:-./attrcheck}
PAGES=${2:-10000}
RUNS=${3:-3}
COPIES=${COPIES:-2000}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/html_report.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

i=0
while [ "$i" -lt "$PAGES" ]; do
    dir="$TMPD/site/s$((i / 100))"
    [ -d "$dir" ] || mkdir -p "$dir"
    case $((i % 4)) in
    0) n='Text under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.' ;;
    1) n='This text is licensed under CC BY.' ;;
    2) n='Republished from <a href="https://origin.example/a'$i'">Origin</a>.' ;;
    *) n='' ;;
    esac
    printf '<!DOCTYPE html><html lang="en"><head><title>Page %d</title></head><body><article><h1>Page %d</h1><p>Words of page %d about the harbour, the bridge and the ferry.</p><p>%s</p></article></body></html>\n' \
        "$i" "$i" "$i" "$n" >"$dir/p$i.html"
    i=$((i + 1))
done

# peak KB FMT ARGS...: runs attrcheck, prints "seconds peak-KB"
peak() {
    /usr/bin/time -f '%e %M' -o "$TMPD/time" "$ATTRCHECK" "$@" >/dev/null 2>&1 || :
    cat "$TMPD/time"
}

echo "== $PAGES generated pages, --offline"
for args in "-f jsonl" "-f html" "-f html --html-passing row"; do
    # shellcheck disable=SC2086
    set -- $args
    r=$(peak "$@" --offline -o "$TMPD/out" "$TMPD/site")
    size=$(wc -c <"$TMPD/out")
    printf '%-28s %8d bytes  %s s  peak %s KB\n' "$args" "$size" \
        "${r% *}" "${r#* }"
    [ "$1 $2" = "-f html" ] && cp "$TMPD/out" "$TMPD/report-$#.html"
done

if command -v node >/dev/null 2>&1 &&
    [ -d "$SRCDIR/tests/browser/node_modules/puppeteer-core" ]; then
    for f in "$TMPD"/report-*.html; do
        printf '%s: ' "$(basename "$f" .html | sed 's/report-2/-f html/; s/report-4/-f html --html-passing row/')"
        node "$SRCDIR/tests/browser/measure.mjs" "$f" "$RUNS"
    done
else
    echo "(no node or tests/browser/node_modules: render time not measured)"
fi

echo "== $COPIES copies of the Kennisland example, verified"
i=0
mkdir -p "$TMPD/kl"
while [ "$i" -lt "$COPIES" ]; do
    cp "$SRCDIR/data/examples/kennisland-copy.html" "$TMPD/kl/c$i.html"
    i=$((i + 1))
done
KL="$SRCDIR/data/examples"
for args in "-f jsonl" "-f html --html-texts none" "-f html" "-f html --html-texts all"; do
    # shellcheck disable=SC2086
    set -- $args
    r=$(peak "$@" \
        --remap "^https://www\\.kl\\.nl/events/werken-aan-de-wakkere-stad/\$ file://$KL/kennisland-original.html" \
        --remap "^https://www\\.wakkerestad\\.nl/agenda/2024/werken-aan-de-wakkere-stad/\$ file://$KL/wakkerestad-original.html" \
        -o "$TMPD/out" "$TMPD/kl")
    size=$(wc -c <"$TMPD/out")
    printf '%-28s %10d bytes  %s s  peak %s KB\n' "$args" "$size" \
        "${r% *}" "${r#* }"
done
