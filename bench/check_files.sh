#!/bin/sh
# SPDX-License-Identifier: MIT
# check_files.sh: how fast attrcheck checks a site build offline, against
# baselines measured in the same run on the same files: reading them
# (cat) and, when xmllint is installed, parsing them with libxml2 alone.
# Prints the median of RUNS runs of each and the ratios.
#   bench/check_files.sh [ATTRCHECK] [COPIES] [RUNS]
set -eu
LC_ALL=C
export LC_ALL
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
ATTRCHECK=${1:-./attrcheck}
COPIES=${2:-40}
RUNS=${3:-5}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/check_files.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

i=0
while [ "$i" -lt "$COPIES" ]; do
    mkdir -p "$TMPD/site/c$i"
    cp "$SRCDIR"/tests/fixtures/forms/*.html "$SRCDIR"/data/examples/*.html \
        "$TMPD/site/c$i/"
    i=$((i + 1))
done
files=$(find "$TMPD/site" -name '*.html' | wc -l)
bytes=$(cat "$TMPD"/site/*/*.html | wc -c)

# median NAME CMD...: runs CMD RUNS times, prints the median seconds
median() {
    name=$1
    shift
    r=0
    : >"$TMPD/times"
    while [ "$r" -lt "$RUNS" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        echo "$e - $s" | bc >>"$TMPD/times"
        r=$((r + 1))
    done
    sort -n "$TMPD/times" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

echo "files: $files ($bytes bytes), runs: $RUNS"
t_cat=$(median cat sh -c "cat '$TMPD'/site/*/*.html")
t_ac=$(median attrcheck "$ATTRCHECK" --offline -f jsonl "$TMPD/site")
printf 'cat        %8.3f s\n' "$t_cat"
printf 'attrcheck  %8.3f s  %7.0f files/s  %6.1f MB/s\n' "$t_ac" \
    "$(echo "$files / $t_ac" | bc -l)" "$(echo "$bytes / $t_ac / 1000000" | bc -l)"
if command -v xmllint >/dev/null 2>&1; then
    t_xml=$(median xmllint sh -c "xmllint --html --noout '$TMPD'/site/*/*.html")
    printf 'xmllint    %8.3f s  (libxml2 parse only)\n' "$t_xml"
    printf 'ratio attrcheck / xmllint: %.2f\n' "$(echo "$t_ac / $t_xml" | bc -l)"
fi
