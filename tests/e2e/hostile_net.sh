#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile_net.sh: servers that misbehave, on loopback.  A header block
# of 1 MiB, a never-ending chunked body, a Content-Length that lies (too
# long: the connection closes early; too short: more body follows), a
# robots.txt of 10 MiB, and a TLS server that accepts and never answers
# the handshake (tests/server/stallsrv.py).  Each gives one result per
# target, a clear error kind or the page, within --timeout (the stalled
# handshake ends as `timeout`), never a crash, and a peak RSS under a
# loose 500 MB bound (wait4's ru_maxrss; skipped under a wrapper such as
# valgrind).  No time is asserted: docs/security.md gives the times.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
srv_start

# the stalling server, tied to the test by a pipe as server.sh does it
mkfifo "$TMPD/stall-life" "$TMPD/stall-ready"
"$PYTHON3" "$SRCDIR/tests/server/stallsrv.py" <"$TMPD/stall-life" \
    >"$TMPD/stall-ready" &
STALL_PID=$!
exec 8>"$TMPD/stall-life"
read -r word STALL_PORT <"$TMPD/stall-ready" || :
if [ "$word" != ready ]; then
    echo "Bail out! the stalling server did not start"
    exit 1
fi
trap 'exec 8>&-; kill $STALL_PID 2>/dev/null || :; srv_stop; cleanup_tmpd' EXIT

. "$SRCDIR/tests/e2e/rss_lib.sh"
field() {
    json_field --target "$1" "$OUT" "$2"
}

U=$SRV_URL
R="http://robots-huge.test:$SRV_PORT"
S="https://127.0.0.1:$STALL_PORT/"
measured --no-config -f jsonl --timeout 10 --retries 0 --max-size 1M \
    --resolve "robots-huge.test:$SRV_PORT:127.0.0.1" \
    "$U/huge-headers" "$U/endless" "$U/cl-long" "$U/cl-short" \
    "$R/page" "$R/private/x" "$S"
check "$(crashed && echo 1 || echo 0)" "no crash or hang" "$(show_run)"
expect_eq 7 "$(wc -l <"$OUT")" "one result per target"
bounded_rss "all seven"
for t in "$U/huge-headers" "$U/endless" "$U/cl-long" "$U/cl-short" "$S"; do
    diag "$t: $(field "$t" verdict) $(field "$t" error.kind) $(field "$t" error.message)"
done

expect_eq too-large "$(field "$U/huge-headers" error.kind)" \
    "a 1 MiB header block: too-large"
expect_eq "response headers over 256 KiB" \
    "$(field "$U/huge-headers" error.message)" \
    "a 1 MiB header block: the message says why"
case $(field "$U/endless" error.kind) in
too-large | timeout) ok "a never-ending chunked body: too-large at --max-size, or timeout" ;;
*) not_ok "a never-ending chunked body: too-large at --max-size, or timeout" \
    "$(field "$U/endless" error.kind)" ;;
esac
expect_eq connect "$(field "$U/cl-long" error.kind)" \
    "a Content-Length too long, the connection closed: connect"
expect_eq 200 "$(field "$U/cl-short" http_status)" \
    "a Content-Length too short: the page is what it announced"
expect_eq 200 "$(field "$R/page" http_status)" \
    "a 10 MiB robots.txt: cut at its cap, the run goes on"
expect_eq robots "$(field "$R/private/x" error.kind)" \
    "a 10 MiB robots.txt: its rules before the cap still hold"
expect_eq timeout "$(field "$S" error.kind)" \
    "a TLS handshake that stalls: timeout"
expect_rc 3 "exit 3: some targets could not be checked"
if grep -q "AddressSanitizer\|runtime error" "$ERR"; then
    not_ok "no sanitizer report" "$(head -c 2000 "$ERR")"
else
    ok "no sanitizer report"
fi

done_testing
