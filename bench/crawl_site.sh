#!/bin/sh
# SPDX-License-Identifier: MIT
# crawl_site.sh: -r over a generated loopback site of N pages (an index
# linking N/100 section pages, each linking 100 pages; every page a short
# article with a CC BY notice), served by tests/server/testsrv.py.  Prints
# pages reported, seconds, pages/s and peak RSS (/usr/bin/time -f %M).
#     bench/crawl_site.sh BUILDDIR N [EXTRA ATTRCHECK OPTIONS...]
# e.g. bench/crawl_site.sh build 10000; docs/archive.md quotes it.
set -eu
build=$1
n=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crawl-bench.XXXXXX")
trap 'kill $srv 2>/dev/null || :; rm -rf "$tmp"' EXIT
python3 - "$tmp/site" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
sections = max(1, n // 100)
os.makedirs(root + "/s", exist_ok=True)
note = ('<p>This text is licensed under <a rel="license" '
        'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>')
with open(root + "/index.html", "w") as f:
    f.write("<!doctype html><title>home</title>" + "".join(
        '<a href="/s/%d/index.html">section %d</a>\n' % (i, i) for i in range(sections)))
for s in range(sections):
    d = "%s/s/%d" % (root, s)
    os.makedirs(d, exist_ok=True)
    with open(d + "/index.html", "w") as f:
        f.write("<!doctype html><title>s%d</title>" % s + "".join(
            '<a href="p%d.html">page %d</a>\n' % (p, p) for p in range(100)))
    for p in range(100):
        with open("%s/p%d.html" % (d, p), "w") as f:
            f.write("<!doctype html><title>p%d</title><article><p>%s</p>%s"
                    '<a href="/">home</a> <a href="../%d/index.html">next</a>'
                    "</article>\n" % (p, "Words of an article. " * 30, note,
                                      (s + 1) % sections))
PY
python3 "$src/tests/server/testsrv.py" --port-file "$tmp/port" \
    --root "$tmp/site" --robots none --lifetime 3600 &
srv=$!
while [ ! -s "$tmp/port" ]; do sleep 0.1; done
port=$(cat "$tmp/port")
start=$(date +%s.%N)
/usr/bin/time -f %M -o "$tmp/rss" "$build/attrcheck" --no-config -f jsonl \
    --no-verify -r --max-depth 5 --per-host 8 -j 16 "$@" \
    "http://127.0.0.1:$port/index.html" >"$tmp/out.jsonl" || :
end=$(date +%s.%N)
pages=$(wc -l <"$tmp/out.jsonl")
python3 -c '
import sys
pages, t, rss = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]), int(sys.argv[4])
print("pages %d  seconds %.1f  pages/s %.0f  peak RSS %.1f MB" % (pages, t, pages / t, rss / 1024))' \
    "$pages" "$start" "$end" "$(cat "$tmp/rss")"
