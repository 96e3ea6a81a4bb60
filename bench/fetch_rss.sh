#!/bin/sh
# SPDX-License-Identifier: MIT
# fetch_rss.sh: peak memory of `attrcheck -i LIST` with 10,000 and 100,000
# URLs served by the loopback test server, spread over 64 virtual hosts.
# Memory must not grow with the number of URLs: the two peaks should be
# close.  Not run by `make check` (the 100,000 run takes minutes).
#   bench/fetch_rss.sh [ATTRCHECK]     (default: ./attrcheck)
set -eu
LC_ALL=C
export LC_ALL

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
ATTRCHECK=${1:-${ATTRCHECK:-./attrcheck}}
PYTHON3=${PYTHON3:-python3}
HOSTS=64
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/fetch_rss.XXXXXX")
SRV_PID=
cleanup() {
    [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null
    rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$PYTHON3" "$SRCDIR/tests/server/testsrv.py" --port-file "$TMPD/port" \
    --robots none --lifetime 3600 &
SRV_PID=$!
i=0
while [ ! -s "$TMPD/port" ]; do
    i=$((i + 1))
    [ "$i" -gt 100 ] && { echo "fetch_rss: server did not start" >&2; exit 1; }
    sleep 0.1
done
PORT=$(cat "$TMPD/port")

RESOLVE=
h=0
while [ "$h" -lt "$HOSTS" ]; do
    RESOLVE="$RESOLVE --resolve h$h.test:$PORT:127.0.0.1"
    h=$((h + 1))
done

# peak_rss_kb CMD...: runs CMD, prints its peak resident set size in KiB.
peak_rss_kb() {
    if /usr/bin/time -v true >/dev/null 2>&1; then
        /usr/bin/time -v "$@" >"$TMPD/out" 2>"$TMPD/time" || :
        sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMPD/time"
        return
    fi
    "$@" >"$TMPD/out" 2>/dev/null &
    pid=$! peak=0
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$pid/status" \
            2>/dev/null || :)
        [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
        sleep 0.2
    done
    wait "$pid" || :
    echo "$peak"
}

for n in 10000 100000; do
    awk -v n="$n" -v p="$PORT" -v h="$HOSTS" \
        'BEGIN { for (i = 0; i < n; i++)
                     printf "http://h%d.test:%s/page?%d\n", i % h, p, i }' \
        >"$TMPD/list$n"
    start=$(date +%s)
    # shellcheck disable=SC2086
    kb=$(peak_rss_kb "$ATTRCHECK" -f jsonl -j 32 --per-host 4 --retries 0 \
        $RESOLVE -i "$TMPD/list$n")
    # every URL ends in exactly one result
    results=$(wc -l <"$TMPD/out")
    distinct=$(grep -o '"target":"[^"]*"' "$TMPD/out" | sort -u | wc -l)
    errors=$(grep -c '"verdict":"error"' "$TMPD/out" || :)
    echo "urls=$n results=$results distinct=$distinct errors=$errors" \
        "peak_rss_kib=$kb seconds=$(($(date +%s) - start))"
done
