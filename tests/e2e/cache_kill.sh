#!/bin/sh
# SPDX-License-Identifier: MIT
# cache_kill.sh: a run killed with SIGKILL mid-way leaves a sound cache
# that the next run uses.  Ten copies credit ten originals; the loopback
# server answers the first four at once and holds every later one (the
# /gate route), so the kill lands mid-run, after those four are
# committed (the test waits until the file holds them) and while the
# fifth is on its way.  The next run asks the server for none of the
# originals fetched before the kill, and for every other one.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"
. "$SRCDIR/tests/e2e/cache_lib.sh"

require_attrcheck
cache_fixture 10
srv_start --root "$TMPD/web" # lives as long as the test (server.sh)
CACHE="$TMPD/sources.db"

t() {
    if eval "$1"; then echo 0; else echo 1; fi
}

# 1. The run to be killed: originals through /gate/4/.
"$ATTRCHECK" -f jsonl --timeout 110 --retries 0 --cache "$CACHE" \
    --remap "^https://orig\.example/(.*)\$ $SRV_URL/gate/4/\$1" \
    $(copies 0 9) >"$TMPD/killed.out" 2>"$TMPD/killed.err" </dev/null &
PID=$!
committed=0
wait_rows "$CACHE" 4 && committed=1
check "$(t '[ "$committed" -eq 1 ]')" \
    "the first four originals are committed while the run goes on" \
    "$(cat "$TMPD/killed.err"; cat "$SRV_LOG")"
alive=0
kill -0 "$PID" 2>/dev/null && alive=1
kill -KILL "$PID" 2>/dev/null || :
wait "$PID" 2>/dev/null || :
check "$(t '[ "$alive" -eq 1 ]')" "the run was still going when killed"
n=$(grep -c '^GET /gate/4/o[0-9]\.html ' "$SRV_LOG" || :)
check "$(t '[ "$n" -ge 5 ] && [ "$n" -lt 10 ]')" \
    "killed mid-run: a fifth original asked for, not all ten ($n)" \
    "$(cat "$SRV_LOG")"
got=$(sql "$CACHE" "PRAGMA integrity_check")
check "$(t '[ "$got" = ok ]')" "the killed run's cache is sound" "$got"
sql "$CACHE" "SELECT url FROM sources ORDER BY url" |
    sed 's|^https://orig\.example/||' >"$TMPD/kept"
k=$(wc -l <"$TMPD/kept")
check "$(t '[ "$k" -eq 4 ]')" \
    "the cache holds the four originals served before the kill ($k)" \
    "kept: $(cat "$TMPD/kept")"

# 2. The next run, straight to the server: the kept originals are not
# asked for again, the others are, and every copy is judged.
before=$(wc -l <"$SRV_LOG")
run_attrcheck -f jsonl --timeout 10 --retries 0 --cache "$CACHE" \
    --remap "^https://orig\.example/(.*)\$ $SRV_URL/\$1" $(copies 0 9)
tail -n +$((before + 1)) "$SRV_LOG" >"$TMPD/log2"
check "$(t '[ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && [ "$(wc -l <"$OUT")" -eq 10 ]')" \
    "the next run judges all ten copies, passing" "$(show_run)"
again=0
while read -r name; do
    [ "$(fetched "$TMPD/log2" "$name")" -eq 0 ] || again=$((again + 1))
done <"$TMPD/kept"
check "$(t '[ "$again" -eq 0 ]')" \
    "no second request for an original fetched before the kill" \
    "$(cat "$TMPD/log2")"
n=$(grep -c '^GET /o[0-9]\.html ' "$TMPD/log2" || :)
k=$(wc -l <"$TMPD/kept")
check "$(t '[ "$n" -eq $((10 - k)) ]')" \
    "the next run fetches the $((10 - k)) others, once each ($n)" \
    "$(cat "$TMPD/log2")"
got=$(sql "$CACHE" "SELECT count(*) FROM sources; PRAGMA integrity_check" |
    tr '\n' ' ')
check "$(t '[ "$got" = "10 ok " ]')" "then the cache holds all ten" "$got"
check "$(t '[ ! -e "$CACHE-wal" ]')" \
    "a clean end folds the WAL back into the file"
done_testing
