#!/bin/sh
# SPDX-License-Identifier: MIT
# warc_out.sh: --warc-out FILE.warc.gz against the loopback test server.
# Copies that credit originals are fetched (with a redirect, a 404 and
# robots.txt on the way) and the file is checked by two readers that share
# no code with attrcheck: webrecorder's warcio.js (its `index` must list
# every record, with the offsets of the gzip members and the digests) and
# tests/e2e/warc_check.py (Python's zlib, hashlib and base64: one record
# per member, Content-Length, both SHA-1 digests, request/response pairs,
# metadata records referring to responses).  Its records carry the
# headers Debian's wget --warc-file writes for the same page.  Read back
# with --offline, the file gives the same verdicts as a live run.  An
# unwritable --warc-out is a usage error naming the file, before anything
# is fetched.  warcio.js comes from tests/warcio (npm ci, done by .ci/run);
# without it that part skips, except in CI, where it fails.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
V="$FIXTURES/verify"
mkdir "$TMPD/root"
cp -R "$V/web/." "$TMPD/root/"
mkdir "$TMPD/root/copies"
for f in 01-correct 03-gone 07-nc-mismatch 14-moved301 16-cp1252; do
    cp "$V/copies/$f.html" "$TMPD/root/copies/"
done
srv_start --root "$TMPD/root"
U=$SRV_URL
cd "$TMPD"
REMAP="^https://orig\.example/(.*)\$ $U/\$1"
: >urls
for f in 01-correct 03-gone 07-nc-mismatch 14-moved301 16-cp1252; do
    echo "$U/copies/$f.html" >>urls
done
echo "$U/missing-page.html" >>urls
echo "$U/goto?url=/copies/01-correct.html" >>urls

run_attrcheck --no-config -f jsonl --remap "$REMAP" -i urls \
    --warc-out out.warc.gz
cp "$OUT" live.jsonl
check "$([ "$RC" -le 3 ] && [ "$(wc -l <live.jsonl)" -eq 7 ] && echo 0 ||
    echo 1)" "--warc-out: the run reports its 7 targets" "$(show_run)"
check "$(! grep -Eq 'runtime error|Sanitizer' "$ERR"; echo $?)" \
    "--warc-out: no sanitizer report" "$(show_run)"

# --- warcio.js lists every record; Python checks each one -----------------
MODS="${ATTRCHECK_WARCIO_MODULES:-$SRCDIR/tests/warcio/node_modules}"
if command -v node >/dev/null 2>&1 && [ -f "$MODS/warcio/dist/cli.js" ]; then
    node "$MODS/warcio/dist/cli.js" index out.warc.gz -f offset -f length \
        -f warc-type -f warc-block-digest -f warc-payload-digest \
        >index.jsonl 2>index.err && r=0 || r=1
    check $r "warcio.js index reads the file" "$(cat index.err)"
    "$PYTHON3" "$SRCDIR/tests/e2e/warc_check.py" out.warc.gz index.jsonl \
        >wc.out 2>&1 && r=0 || r=1
    check $r "warcio.js and warc_check.py: every record sound, same offsets and digests" \
        "$(cat wc.out)"
    # every page and original: 7 targets, 1 redirect hop, the originals,
    # robots.txt; each a request and a response
    "$PYTHON3" - wc.out <<'PY' && r=0 || r=1
import re, sys
m = dict(kv.split("=") for kv in open(sys.argv[1]).read().split()[-5:])
n = {k: int(v) for k, v in m.items()}
ok = (n["warcinfo"] == 1 and n["request"] == n["response"] and
      n["response"] >= 10 and n["metadata"] == 7)
sys.exit(0 if ok else 1)
PY
    check $r "records: 1 warcinfo, request/response pairs for pages, originals and robots.txt, 7 metadata" \
        "$(tail -1 wc.out)"
elif [ -n "${CI:-}" ]; then
    not_ok "warcio.js index reads the file" \
        "no warcio.js in $MODS (run: cd tests/warcio && npm ci)"
else
    skip "warcio.js index reads the file" \
        "no warcio.js in $MODS (cd tests/warcio && npm ci)"
fi

# --- what the records say -------------------------------------------------
"$PYTHON3" - out.warc.gz live.jsonl "$U" <<'PY' >facts 2>&1 && r=0 || r=1
import gzip, json, sys
raw = gzip.open(sys.argv[1]).read().decode("utf-8", "replace")
u = sys.argv[3]
recs = [r for r in raw.split("WARC/1.1\r\n") if r]
def has(t, uri, *more):
    return any(("WARC-Type: %s\r\n" % t) in r and
               ("WARC-Target-URI: %s\r\n" % uri) in r and
               all(m in r for m in more) for r in recs)
bad = []
if not has("response", u + "/robots.txt"):
    bad.append("no robots.txt response")
if not has("response", u + "/missing-page.html", " 404 Not Found\r\n",
           "WARC-Truncated: unspecified"):
    bad.append("no 404 response (truncated: unspecified)")
if not has("response", u + "/goto?url=/copies/01-correct.html", " 30"):
    bad.append("no redirect response")
if not has("response", u + "/articles/correct.html") and \
        not any("WARC-Type: response" in r and "/articles/" in r for r in recs):
    bad.append("no original fetched by verification")
if not has("metadata", u + "/copies/01-correct.html", "WARC-Refers-To: <urn:uuid:",
           '"verdict":'):
    bad.append("no metadata record for a page")
info = recs[0]
if "attrcheck-arguments:" not in info or "--warc-out" not in info:
    bad.append("warcinfo without the arguments")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check $r "robots.txt, a 404, a redirect, originals and verdicts are recorded" \
    "$(cat facts)"

# --- the same WARC header fields as Debian's wget --warc-file -------------
if command -v wget >/dev/null 2>&1; then
    wget -q --no-proxy --warc-file=wg "$U/copies/01-correct.html" -O /dev/null ||
        :
    "$PYTHON3" - wg.warc.gz out.warc.gz <<'PY' >fields 2>&1 && r=0 || r=1
import gzip, sys
def names(path, kind):
    raw = gzip.open(path).read().decode("utf-8", "replace")
    for rec in raw.split("\r\n\r\nWARC/"):
        head = rec.split("\r\n\r\n")[0]
        if ("WARC-Type: %s" % kind) in head and "/copies/" in head:
            return {l.split(":")[0] for l in head.split("\r\n")[1:] if ":" in l}
    return None
bad = []
for kind in ("request", "response"):
    theirs, mine = names(sys.argv[1], kind), names(sys.argv[2], kind)
    if theirs is None or mine is None:
        bad.append("%s: a record is missing (wget %s, attrcheck %s)"
                   % (kind, theirs is not None, mine is not None))
    elif theirs - mine:
        bad.append("%s: wget writes %s, attrcheck does not"
                   % (kind, sorted(theirs - mine)))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
    check $r "request and response records carry every field wget writes" \
        "$(cat fields)"
else
    skip "request and response records carry every field wget writes" \
        "no wget"
fi

# --- read back offline: the same verdicts ---------------------------------
run_attrcheck --no-config -f jsonl --no-verify --remap "$REMAP" -i urls
cp "$OUT" live-nv.jsonl
run_attrcheck --no-config -f jsonl --no-verify --offline out.warc.gz
cp "$OUT" back.jsonl
"$PYTHON3" - live-nv.jsonl back.jsonl <<'PY' >cmp 2>&1 && r=0 || r=1
import json, sys
def by_url(path, pages_only):
    out = {}
    for line in open(path):
        o = json.loads(line)
        if o["verdict"] == "error":
            continue
        out[o["url"]] = (o["verdict"], [f["code"] for f in o["findings"]])
    return out
live, back = by_url(sys.argv[1], True), by_url(sys.argv[2], False)
bad = ["%s: live %s, read back %s" % (u, v, back.get(u))
       for u, v in live.items() if back.get(u) != v]
if len(live) < 4:
    bad.append("only %d pages judged live" % len(live))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check $r "read back with --offline: the same verdicts and findings" "$(cat cmp)"

# --- bad paths ------------------------------------------------------------
: >"$SRV_LOG"
run_attrcheck --no-config -f jsonl --warc-out "$TMPD/no/such/dir/x.warc.gz" \
    "$U/copies/01-correct.html"
check "$([ "$RC" -eq 2 ] && grep -q -- '--warc-out .*/no/such/dir/x.warc.gz: No such file' "$ERR" &&
    [ ! -s "$OUT" ] && ! grep -q GET "$SRV_LOG" && echo 0 || echo 1)" \
    "--warc-out into a missing folder: exit 2, named, nothing fetched" \
    "$(show_run)"
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 500 ro
    run_attrcheck --no-config -f jsonl --warc-out ro/x.warc.gz \
        "$U/copies/01-correct.html"
    check "$([ "$RC" -eq 2 ] && grep -q 'Permission denied' "$ERR" && echo 0 ||
        echo 1)" "--warc-out into a read-only folder: exit 2" "$(show_run)"
fi
if [ -w /dev/full ]; then
    run_attrcheck --no-config -f jsonl --warc-out /dev/full \
        "$U/copies/01-correct.html"
    check "$([ "$RC" -eq 2 ] && grep -q -- '--warc-out /dev/full: No space' "$ERR" &&
        echo 0 || echo 1)" "--warc-out to a full disk: exit 2, said" \
        "$(show_run)"
fi
done_testing
