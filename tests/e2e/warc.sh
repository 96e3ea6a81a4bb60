#!/bin/sh
# SPDX-License-Identifier: MIT
# warc.sh: WARC input end to end, offline.  A small crawl is built with
# python3 (one gzip member per record): warcinfo, request, metadata and
# revisit records, a 404, an image, and three 2xx HTML responses, one of
# them chunked and gzipped and one in ISO-8859-7 named only by its HTTP
# charset.  attrcheck -f jsonl must check exactly those three, as
# "FILE#RECORD-ID" with the WARC-Target-URI as url, the same from the
# plain .warc and from a -i list; -v counts what it passed over; a record
# over --max-size is an error result while the others are checked; a
# truncated file gives the records before the damage plus an error
# "FILE@OFFSET" and exit 3; --shard splits the records.

. "$(dirname "$0")/lib.sh"

require_attrcheck
command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "python3 not found"
cd "$TMPD"

"$PYTHON3" - <<'PY'
import gzip

def rec(typ, n, uri, ctype, block):
    h = "WARC/1.1\r\nWARC-Type: %s\r\n" % typ
    h += "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n" % n
    h += "WARC-Date: 2024-01-01T00:00:00Z\r\n"
    if uri:
        h += "WARC-Target-URI: %s\r\n" % uri
    h += "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(block))
    return h.encode() + block + b"\r\n\r\n"

def http(status, headers, body):
    head = "HTTP/1.1 %s\r\n" % status
    head += "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n"
    return head.encode() + body

RESP = "application/http; msgtype=response"
birds = (b'<!doctype html><html lang="en"><head><title>Birds</title></head>'
         b'<body><article><h1>Birds</h1><p>Birds are warm-blooded.</p>'
         b'<p>This text is licensed under <a rel="license" '
         b'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.'
         b'</p></article></body></html>')
cafe = (b'<!doctype html><html><head><title>Cafe</title></head><body><p>'
        b'Licensed under <a rel="license" href="https://creativecommons.org/'
        b'licenses/by-sa/4.0/">CC BY-SA 4.0</a>.</p></body></html>')
z = gzip.compress(cafe)
chunked = b"a\r\n" + z[:10] + b"\r\n%x\r\n" % (len(z) - 10) + z[10:] + b"\r\n0\r\n\r\n"
greek = ('<!doctype html><html><head><title>x</title></head><body><p>'
         'Το κείμενο διατίθεται με άδεια Creative Commons Αναφορά 4.0 '
         '(CC BY 4.0).</p></body></html>').encode("iso-8859-7")
records = [
    rec("warcinfo", 0, None, "application/warc-fields", b"software: warc.sh\r\n"),
    rec("request", 1, "https://example.org/birds",
        "application/http; msgtype=request",
        b"GET /birds HTTP/1.1\r\nHost: example.org\r\n\r\n"),
    rec("response", 2, "https://example.org/birds", RESP,
        http("200 OK", [("Content-Type", "text/html; charset=utf-8")], birds)),
    rec("response", 3, "https://example.org/gone", RESP,
        http("404 Not Found", [("Content-Type", "text/html")], b"<p>gone</p>")),
    rec("response", 4, "https://example.org/i.png", RESP,
        http("200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n")),
    rec("response", 5, "https://example.org/cafe", RESP,
        http("200 OK", [("Content-Type", "text/html"),
                        ("Transfer-Encoding", "chunked"),
                        ("Content-Encoding", "gzip")], chunked)),
    rec("metadata", 6, "https://example.org/birds", "application/warc-fields",
        b"via: https://example.org/\r\n"),
    rec("response", 7, "https://example.gr/", RESP,
        http("200 OK", [("Content-Type", "text/html; charset=iso-8859-7")],
             greek)),
    rec("revisit", 8, "https://example.org/birds", RESP,
        http("200 OK", [("Content-Type", "text/html")], b"")),
]
with open("crawl.warc.gz", "wb") as f:
    for r in records:
        f.write(gzip.compress(r))
with open("crawl.warc", "wb") as f:
    f.write(b"".join(records))
# cut in the middle of record 5's block: records 2 (and nothing else) before
with open("cut.warc", "wb") as f:
    whole = b"".join(records)
    start5 = len(b"".join(records[:5]))
    f.write(whole[:start5 + 300])
with open("start5", "w") as f:
    f.write("%d\n" % start5)
PY

# summary FILE: "TARGET URL VERDICT FAMILY ERRORKIND" per line
summary() {
    json_field --null - "$1" target url verdict license.family error.kind
}

U=urn:uuid:00000000-0000-0000-0000-0000000000
cat >want <<EOF
crawl.warc.gz#${U}02 https://example.org/birds pass CC-BY -
crawl.warc.gz#${U}05 https://example.org/cafe pass CC-BY-SA -
crawl.warc.gz#${U}07 https://example.gr/ warn CC-BY -
EOF

run_attrcheck --no-config --offline -f jsonl -v crawl.warc.gz
summary "$OUT" >got || :
if cmp -s want got && [ "$RC" -eq 0 ]; then
    ok ".warc.gz: the three 2xx HTML responses are checked, exit 0"
else
    not_ok ".warc.gz: the three 2xx HTML responses are checked, exit 0" \
        "$(diff want got; show_run)"
fi
grep -q "warc: 9 records read, 6 passed over: 4 not HTTP responses, 1 not HTML, 1 not 2xx" "$ERR"
check $? "-v counts the records passed over" "$(show_run)"
grep -q 'Creative Commons Αναφορά 4.0' "$OUT"
check $? "the charset of the HTTP Content-Type is used (ISO-8859-7)" \
    "$(grep example.gr "$OUT")"

run_attrcheck --no-config --offline -f jsonl crawl.warc
summary "$OUT" | sed 's/^crawl\.warc#/crawl.warc.gz#/' >got || :
cmp -s want got
check $? "the plain .warc gives the same results" "$(diff want got)"

echo crawl.warc.gz >list
run_attrcheck --no-config --offline -f jsonl -i list
summary "$OUT" >got || :
cmp -s want got
check $? "a WARC file named in a -i list is read too" "$(diff want got)"

run_attrcheck --no-config --offline -f jsonl --max-size 300 crawl.warc.gz
summary "$OUT" >got || :
grep -q "#${U}02 https://example.org/birds error - too-large" got &&
    grep -q "#${U}05 .* pass CC-BY-SA" got && [ "$RC" -eq 3 ]
check $? "a record over --max-size is an error, the others are checked" \
    "$(cat got; show_run)"

run_attrcheck --no-config --offline -f jsonl cut.warc
summary "$OUT" >got || :
start5=$(cat start5)
printf '%s\n' "cut.warc#${U}02 https://example.org/birds pass CC-BY -" \
    "cut.warc@$start5 - error - parse" >want.cut
if cmp -s want.cut got && [ "$RC" -eq 3 ]; then
    ok "a truncated WARC: the records before it, an error at its offset, exit 3"
else
    not_ok "a truncated WARC: the records before it, an error at its offset, exit 3" \
        "$(diff want.cut got; show_run)"
fi
grep -q "cut.warc: offset $start5: truncated record" "$OUT"
check $? "the error names the file and the offset" "$(cat "$OUT")"

: >union
for k in 1 2; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/2" crawl.warc.gz
    summary "$OUT" >>union || :
done
sort union >got
sort want >want.sorted
cmp -s want.sorted got
check $? "--shard 1/2 and 2/2 split the records, each once" \
    "$(diff want.sorted got)"

run_attrcheck --no-config --offline -f jsonl missing.warc.gz
grep -q '"target":"missing.warc.gz".*"kind":"io"' "$OUT" && [ "$RC" -eq 3 ]
check $? "a missing WARC file is an io error, exit 3" "$(cat "$OUT"; show_run)"

done_testing
