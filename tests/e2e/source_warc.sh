#!/bin/sh
# SPDX-License-Identifier: MIT
# source_warc.sh: originals read from WARC files instead of the network.
# The copies of tests/fixtures/verify (a correct one, a 404, redirects
# 301 and 308, a chain, a 429, a robots.txt refusal, a soft 404, ...) are
# checked live against the loopback test server with --warc-out; read
# back with --offline, the WARC gives every copy the same verdict, the
# same findings and the same source check as the live run.  A WARC of
# the originals alone, given with --source-warc, does the same for the
# copies as local files offline, and for the copies as URLs online
# without one original fetched again.  An original the WARC lacks is
# left unchecked offline exactly as without any WARC.  Archived answers
# the live server does not give (a redirect loop, 11 hops, a 403, a body
# cut at --max-size, a PDF, a redirect out of the WARC) judge as a live
# fetch would.  A --source-warc that is missing, not WARC or cut short is
# exit 2 naming it.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
V="$FIXTURES/verify"
mkdir "$TMPD/root"
cp -R "$V/web/." "$TMPD/root/"
mkdir "$TMPD/root/copies"
cp "$V"/copies/*.html "$TMPD/root/copies/"
srv_start --root "$TMPD/root"
U=$SRV_URL
cd "$TMPD"
R1="^https://orig\.example/(.*)\$ $U/\$1"
R2="^https://other\.example/(.*)\$ $U/other/\$1"
: >urls
for f in root/copies/*.html; do
    echo "$U/copies/${f##*/}" >>urls
done
NCOPIES=$(wc -l <urls)

# compare LIVE BACK MIN: every page of LIVE (by its URL's last segment)
# has the same verdict, finding codes, source check and suggested notice
# in BACK; at least MIN of them were verified.
cat >compare.py <<'PY'
import json, sys
def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        name = o["url"].rsplit("/", 1)[-1]
        out[name] = (o["verdict"], sorted(f["code"] for f in o["findings"]),
                     json.dumps((o.get("source") or {}).get("check"),
                                sort_keys=True),
                     json.dumps(o.get("suggestion"), sort_keys=True))
    return out
live, back = load(sys.argv[1]), load(sys.argv[2])
bad = []
for name, v in sorted(live.items()):
    if name not in back:
        bad.append("%s: not in the read-back run" % name)
    elif back[name] != v:
        bad.append("%s: live %s, read back %s" % (name, v, back[name]))
checked = sum(1 for v in live.values() if v[2] != "null")
if checked < int(sys.argv[3]):
    bad.append("only %d pages were verified live" % checked)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# --- (a) live, with --warc-out --------------------------------------------
run_attrcheck --no-config -f jsonl --timeout 30 --retries 1 \
    --remap "$R1" --remap "$R2" -i urls --warc-out live.warc.gz
cp "$OUT" live.jsonl
check "$([ "$RC" -le 1 ] && [ "$(wc -l <live.jsonl)" -eq "$NCOPIES" ] &&
    echo 0 || echo 1)" "live run with --warc-out: $NCOPIES copies judged" \
    "$(show_run)"

# --- (b) read back offline: the same verdicts, verification included ----
: >"$SRV_LOG"
run_attrcheck --no-config -f jsonl --offline --remap "$R1" --remap "$R2" \
    live.warc.gz
cp "$OUT" back.jsonl
"$PYTHON3" compare.py live.jsonl back.jsonl "$((NCOPIES - 3))" >cmp 2>&1 &&
    r=0 || r=1
check $r "read back --offline: same verdicts, findings and source checks" \
    "$(cat cmp; show_run)"
check "$(! grep -Eq 'runtime error|Sanitizer' "$ERR"; echo $?)" \
    "read back: no sanitizer report" "$(show_run)"
check "$([ ! -s "$SRV_LOG" ] && echo 0 || echo 1)" \
    "read back --offline: nothing fetched" "$(head -5 "$SRV_LOG")"
check "$(grep '03-gone' back.jsonl | grep -q '"http_status":404' && echo 0 ||
    echo 1)" "an archived 404 judges like a live one" \
    "$(grep 03-gone back.jsonl)"

# --- (c) --source-warc: a WARC of the originals alone --------------------
"$PYTHON3" - live.warc.gz "$U" >origs <<'PY'
import gzip, sys
raw = gzip.open(sys.argv[1]).read().decode("utf-8", "replace")
seen = []
for rec in raw.split("WARC/1.1\r\n"):
    head = rec.split("\r\n\r\n")[0]
    if "WARC-Type: response" not in head:
        continue
    uri = [l.split(": ", 1)[1] for l in head.split("\r\n")
           if l.startswith("WARC-Target-URI: ")][0]
    if "/copies/" in uri or uri.endswith("/robots.txt") or uri in seen:
        continue
    seen.append(uri)
print("\n".join(seen))
PY
run_attrcheck --no-config -f jsonl --no-verify --timeout 30 --retries 1 \
    -i origs --warc-out origs.warc.gz
check "$([ -s origs ] && [ -s origs.warc.gz ] && echo 0 || echo 1)" \
    "a WARC of the $(wc -l <origs) originals alone" "$(show_run)"
run_attrcheck --no-config -f jsonl --offline --remap "$R1" --remap "$R2" \
    --source-warc origs.warc.gz --base-url "$U/copies/" root/copies/*.html
cp "$OUT" files.jsonl
# robots.txt came with the copies' site, not with the originals: the
# copy whose original it refuses is left unchecked here; and a file has
# no HTTP charset (16-cp1252 is windows-1252 by its header only)
grep -v -e 17-robots -e 16-cp1252 live.jsonl >live-nr.jsonl
"$PYTHON3" compare.py live-nr.jsonl files.jsonl "$((NCOPIES - 5))" >cmp 2>&1 &&
    r=0 || r=1
check $r "--source-warc, copies as files offline: same verdicts and checks" \
    "$(cat cmp; show_run)"

: >"$SRV_LOG"
run_attrcheck --no-config -f jsonl --timeout 30 --retries 1 \
    --remap "$R1" --remap "$R2" --source-warc origs.warc.gz -i urls
cp "$OUT" online.jsonl
"$PYTHON3" compare.py live.jsonl online.jsonl "$((NCOPIES - 3))" >cmp 2>&1 &&
    r=0 || r=1
check $r "--source-warc online: same verdicts and checks as live" \
    "$(cat cmp; show_run)"
check "$(! grep -v -e ' /copies/' -e ' /robots.txt' "$SRV_LOG" |
    grep -q '^GET'; echo $?)" \
    "--source-warc online: no original fetched again" \
    "$(grep -v -e ' /copies/' "$SRV_LOG" | head -5)"

# --- (d) an original the WARC lacks: unchecked offline, as without one ---
run_attrcheck --no-config -f jsonl --offline root/copies/01-correct.html
cp "$OUT" plain.jsonl
echo "$U/copies/02-nd-faithful.html" >one
run_attrcheck --no-config -f jsonl --no-verify -i one --warc-out other.warc.gz
run_attrcheck --no-config -f jsonl --offline --source-warc other.warc.gz \
    root/copies/01-correct.html
check "$(cmp -s plain.jsonl "$OUT" && grep -q '"check":null' "$OUT" &&
    echo 0 || echo 1)" \
    "an original not in the WARC: the same result as --offline without it" \
    "$(cat plain.jsonl "$OUT")"

# --- archived answers judged as the engine judges live ones ------------
"$PYTHON3" - "$V/web/articles/seals.html" >edge.warc <<'PY'
import sys
seal = open(sys.argv[1], "rb").read()
E = "https://edge.example"
def rec(uri, status, headers=(), body=b"", truncated=None):
    http = ("HTTP/1.1 %s\r\n" % status).encode()
    http += b"".join(("%s\r\n" % h).encode() for h in headers) + b"\r\n" + body
    head = ["WARC/1.1", "WARC-Type: response", "WARC-Target-URI: " + uri,
            "Content-Type: application/http; msgtype=response",
            "Content-Length: %d" % len(http)]
    if truncated:
        head.insert(3, "WARC-Truncated: " + truncated)
    sys.stdout.buffer.write(("\r\n".join(head) + "\r\n\r\n").encode() +
                            http + b"\r\n\r\n")
rec(E + "/loop", "301 Moved", ["Location: /loop2"])
rec(E + "/loop2", "302 Found", ["Location: " + E + "/loop"])
for i in range(11):
    rec(E + "/hop%d" % i, "301 Moved", ["Location: /hop%d" % (i + 1)])
rec(E + "/hop11", "200 OK", ["Content-Type: text/html"], seal)
rec(E + "/blocked", "403 Forbidden", ["Content-Type: text/html"])
rec(E + "/big", "200 OK", ["Content-Type: text/html"], seal[:100], "length")
rec(E + "/pdf", "200 OK", ["Content-Type: application/pdf"], b"%PDF-1.4",
    "unspecified")
rec(E + "/away", "301 Moved", ["Location: https://elsewhere.example/"])
rec(E + "/seals", "301 Moved", ["Location: /seals-final"])
rec(E + "/seals-final", "200 OK", ["Content-Type: text/html; charset=utf-8"],
    seal)
PY
mkdir edge
for c in loop hop0 blocked big pdf away seals; do
    sed "s|https://orig.example/articles/seals.html|https://edge.example/$c|" \
        "$V/copies/01-correct.html" >"edge/$c.html"
done
run_attrcheck --no-config -f jsonl --offline --source-warc edge.warc edge/*.html
"$PYTHON3" - "$OUT" >edge.cmp <<'PY' && r=0 || r=1
import json, sys
want = {"loop": "redirect-loop", "hop0": "redirect-loop", "blocked": "blocked",
        "big": "too-large", "pdf": "not-html"}
got, bad = {}, []
for line in open(sys.argv[1]):
    o = json.loads(line)
    got[o["target"].rsplit("/", 1)[-1][:-5]] = o
for name, kind in want.items():
    c = got[name]["source"]["check"] or {}
    if (c.get("error") or {}).get("kind") != kind:
        bad.append("%s: check error %s, want %s" % (name, c.get("error"), kind))
if got["away"]["source"]["check"] is not None:
    bad.append("away: a redirect out of the WARC was checked")
s = got["seals"]
codes = [f["code"] for f in s["findings"]]
c = s["source"]["check"] or {}
if c.get("error") or c.get("http_status") != 200 or \
        "source-redirected" not in codes or (c.get("similarity") or 0) < 0.9:
    bad.append("seals: %s %s" % (codes, json.dumps(c)[:300]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check $r "archived loops, 11 hops, 403, cut body, PDF, redirect away: as live" \
    "$(cat edge.cmp; show_run)"

# --- (e) bad --source-warc files ------------------------------------------
run_attrcheck --no-config -f jsonl --offline --source-warc no/such.warc.gz \
    root/copies/01-correct.html
check "$([ "$RC" -eq 2 ] && grep -q -- '--source-warc no/such.warc.gz: No such file' "$ERR" &&
    [ ! -s "$OUT" ] && echo 0 || echo 1)" \
    "--source-warc missing: exit 2, named" "$(show_run)"
echo "not a WARC file" >bad.warc
run_attrcheck --no-config -f jsonl --offline --source-warc bad.warc \
    root/copies/01-correct.html
check "$([ "$RC" -eq 2 ] && grep -q -- '--source-warc bad.warc: offset 0: not a WARC' "$ERR" &&
    echo 0 || echo 1)" "--source-warc not WARC: exit 2, named" "$(show_run)"
head -c 3000 origs.warc.gz >cut.warc.gz
run_attrcheck --no-config -f jsonl --offline --source-warc cut.warc.gz \
    root/copies/01-correct.html
check "$([ "$RC" -eq 2 ] && grep -q -- '--source-warc cut.warc.gz: offset' "$ERR" &&
    echo 0 || echo 1)" "--source-warc cut short: exit 2, named" "$(show_run)"
if [ "$(id -u)" -ne 0 ]; then
    cp origs.warc.gz locked.warc.gz && chmod 000 locked.warc.gz
    run_attrcheck --no-config -f jsonl --offline \
        --source-warc locked.warc.gz root/copies/01-correct.html
    check "$([ "$RC" -eq 2 ] && grep -q 'locked.warc.gz: Permission denied' "$ERR" &&
        echo 0 || echo 1)" "--source-warc unreadable: exit 2" "$(show_run)"
fi
done_testing
