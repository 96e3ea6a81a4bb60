#!/bin/sh
# SPDX-License-Identifier: MIT
# parallel.sh: the GNU parallel recipes of docs/archive.md, run for real.
# Three jobs over one list of loopback URLs on five hosts, each with
# --shard auto/3 (K from PARALLEL_SEQ), give together exactly the results
# of a single run (timing fields aside), each target once; and parallel
# over a list of WARC files gives the results of one run over all of
# them.  Without GNU parallel it skips, except in CI (.ci/run installs
# it), where it fails.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
if ! command -v parallel >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        not_ok "GNU parallel is installed" "CI must run this test"
        done_testing
    fi
    skip_all "no GNU parallel (apt-get install parallel)"
fi
srv_start
cd "$TMPD"
: >urls
for h in a b c d e; do
    i=0
    while [ "$i" -lt 6 ]; do
        echo "http://$h.test:$SRV_PORT/page?n=$i" >>urls
        i=$((i + 1))
    done
done
R=""
for h in a b c d e; do
    R="$R --resolve $h.test:$SRV_PORT:127.0.0.1"
done
C="--no-config -f jsonl --no-verify $R"

# rows FILE: each result without its timing fields, sorted
rows() {
    "$PYTHON3" -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    o.pop("fetch", None)
    print(json.dumps(o, sort_keys=True))' "$1" | sort
}

# shellcheck disable=SC2086
"$ATTRCHECK" $C -i urls >single.jsonl 2>single.err || :
rows single.jsonl >want
# shellcheck disable=SC2086
parallel -j3 --halt now,fail=1 "$ATTRCHECK" $C -i urls --shard auto/3 \
    -o "part-{}.jsonl" ::: 1 2 3 2>par.err && rc=0 || rc=$?
cat part-1.jsonl part-2.jsonl part-3.jsonl >union.jsonl
rows union.jsonl >got
check "$([ "$rc" -eq 0 ] && [ "$(wc -l <want)" -eq 30 ] && cmp -s want got &&
    echo 0 || echo 1)" \
    "parallel --shard auto/3: the union equals one run (30 targets)" \
    "rc $rc; $(cat par.err); $(diff want got | head)"
n1=$(wc -l <part-1.jsonl)
n2=$(wc -l <part-2.jsonl)
n3=$(wc -l <part-3.jsonl)
check "$([ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$n3" -gt 0 ] && echo 0 ||
    echo 1)" "each of the 3 jobs checked some targets ($n1, $n2, $n3)"
"$PYTHON3" - part-1.jsonl part-2.jsonl part-3.jsonl <<'PY' && r=0 || r=1
import json, sys
from urllib.parse import urlsplit
seen = {}
for f in sys.argv[1:]:
    for line in open(f):
        h = urlsplit(json.loads(line)["target"]).hostname
        seen.setdefault(h, set()).add(f)
sys.exit(0 if all(len(v) == 1 for v in seen.values()) else 1)
PY
check $r "each host was fetched by one job only"

# parallel over WARC files: one record file per job, same union
"$PYTHON3" - "$FIXTURES" <<'PY'
import gzip, sys
def rec(uri, body):
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body)
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=response\r\n"
            "Content-Length: %d\r\n\r\n" % (uri.rsplit("/", 1)[1], uri, len(http)))
    return gzip.compress(head.encode() + http + b"\r\n\r\n")
note = (b'<p>Text: <a rel="license" href="https://creativecommons.org/'
        b'licenses/by/4.0/">CC BY 4.0</a></p>')
for w in range(3):
    with open("w%d.warc.gz" % w, "wb") as f:
        for i in range(4):
            n = "%08d-0000-4000-8000-%012d" % (w, i)
            f.write(rec("http://h%d.test/%s" % (w, n),
                        b"<title>p</title><p>Page.</p>" + (note if i % 2 else b"")))
PY
ls w*.warc.gz >warcs
"$ATTRCHECK" --no-config -f jsonl --offline w0.warc.gz w1.warc.gz \
    w2.warc.gz >wsingle.jsonl 2>/dev/null || :
parallel -j3 "$ATTRCHECK" --no-config -f jsonl --offline {} <warcs \
    >wunion.jsonl 2>/dev/null || :
rows wsingle.jsonl >want
rows wunion.jsonl >got
check "$([ "$(wc -l <want)" -eq 12 ] && cmp -s want got && echo 0 || echo 1)" \
    "parallel over a list of WARC files: the results of one run (12 pages)" \
    "$(diff want got | head)"
done_testing
