#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_files.sh: hostile archives and reports, read offline.  WARC
# records whose Content-Length is 2^63, 2^64-1, negative or not a number;
# .warc.gz members that never end (cut inside the deflate stream, one
# inflating to 256 MiB of zero bytes where a header is due, one record
# whose block inflates to 256 MiB); a --resume report with a line of
# 1 GiB (sparse, read as NUL bytes).  Each gives one result per target
# (the good record before it, then one error naming the offset), never a
# crash or a hang, and a peak RSS under a loose 500 MB bound (wait4's
# ru_maxrss; skipped under a wrapper such as valgrind, whose own RSS it
# would measure).  No time is asserted: docs/security.md gives the times.
. "$(dirname "$0")/lib.sh"

require_attrcheck
if [ "$PYTHON3" = no ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
    skip_all "no python3 to build the inputs"
fi
cd "$TMPD"

. "$SRCDIR/tests/e2e/rss_lib.sh"

"$PYTHON3" - <<'PY'
import gzip, zlib

def rec(n, uri, block, length=None):
    h = "WARC/1.1\r\nWARC-Type: response\r\n"
    h += "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n" % n
    h += "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: %s\r\n" % uri
    h += "Content-Type: application/http; msgtype=response\r\n"
    h += "Content-Length: %s\r\n\r\n" % (len(block) if length is None else length)
    return h.encode() + block + b"\r\n\r\n"

page = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        b'<!doctype html><p>Licensed under <a rel="license" '
        b'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>')
good = rec(1, "https://example.org/good", page)
for name, length in [("len2e63", str(1 << 63)), ("len2e64", str((1 << 64) - 1)),
                     ("lenneg", "-1"), ("lennan", "twelve")]:
    with open(name + ".warc", "wb") as f:
        f.write(good + rec(2, "https://example.org/bad", page, length))

def deflated(data_iter):
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [z.compress(d) for d in data_iter]
    return b"".join(out) + z.flush()

mib = b"\0" * (1 << 20)
# a member cut inside its deflate stream: no end of block, no trailer
cut = gzip.compress(rec(2, "https://example.org/cut", page * 50))
with open("cut.warc.gz", "wb") as f:
    f.write(gzip.compress(good) + cut[:len(cut) // 2])
# a member inflating to 256 MiB of zero bytes where a WARC header is due
with open("zeros.warc.gz", "wb") as f:
    f.write(gzip.compress(good) + deflated(mib for _ in range(256)))
# a record whose block inflates to 256 MiB (beyond --max-size): read past
head = rec(2, "https://example.org/huge", b"", 256 << 20)[:-4]
with open("huge.warc.gz", "wb") as f:
    f.write(gzip.compress(good) +
            deflated([head] + [mib] * 256 + [b"\r\n\r\n"]))
PY

# summary: "TARGET-SUFFIX VERDICT ERRORKIND" per result
summary() {
    json_field --null - "$OUT" target verdict error.kind |
        sed 's/^[^ ]*[#@]/#/; s/^#urn:uuid:[0-9-]*/#rec/; s/^#[0-9][0-9]*/#offset/'
}
want='#rec pass -
#offset error parse'
for f in len2e63 len2e64 lenneg lennan; do
    measured --no-config --offline -f jsonl "$f.warc"
    check "$(crashed && echo 1 || echo 0)" "$f.warc: no crash or hang" \
        "$(show_run)"
    expect_eq "$want" "$(summary)" \
        "$f.warc: the good record, then one parse error"
    grep -q "Content-Length" "$OUT"
    check $? "$f.warc: the error names Content-Length" "$(cat "$OUT")"
    bounded_rss "$f.warc"
done

for f in cut zeros huge; do
    measured --no-config --offline -f jsonl "$f.warc.gz"
    check "$(crashed && echo 1 || echo 0)" "$f.warc.gz: no crash or hang" \
        "$(show_run)"
    bounded_rss "$f.warc.gz"
    diag "$f.warc.gz: $(json_field --null - "$OUT" error.message | tr '\n' '|')"
done
expect_eq "#rec pass -
#rec error parse" "$(summary)" \
    "a 256 MiB block beyond --max-size: read past, the record an error"
measured --no-config --offline -f jsonl cut.warc.gz
expect_eq "$want" "$(summary)" "a member cut short: the record before, one error"
grep -q "gzip data cut short\|truncated" "$OUT"
check $? "its message says the data was cut short" "$(cat "$OUT")"
measured --no-config --offline -f jsonl zeros.warc.gz
expect_eq "$want" "$(summary)" \
    "a member of 256 MiB of zero bytes: the record before, one error"

# a --resume report whose second line is 1 GiB of NUL bytes (sparse)
printf '<!doctype html><p>one</p>\n' >one.html
printf '<!doctype html><p>two</p>\n' >two.html
printf '%s\n' one.html two.html >list
run_attrcheck --no-config --offline -f jsonl one.html
cp "$OUT" report.jsonl
truncate -s +1G report.jsonl
printf '\n' >>report.jsonl
measured --no-config --offline -f jsonl -v -i list --resume report.jsonl
check "$(crashed && echo 1 || echo 0)" "a 1 GiB --resume line: no crash or hang" \
    "$(show_run)"
expect_rc 0 "a 1 GiB --resume line: the run goes on, exit 0"
grep -q "report.jsonl:2: a line over 16 MiB skipped" "$ERR"
check $? "a warning names the over-long line" "$(show_run)"
expect_eq "two.html" "$(json_field "$OUT" target | sed 's|.*/||')" \
    "the target done before is skipped, the other checked"
bounded_rss "a 1 GiB --resume line"

done_testing
