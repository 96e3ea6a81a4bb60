#!/bin/sh
# SPDX-License-Identifier: MIT
# cache_share.sh: runs sharing one cache file.  A run sees the entries
# another run, still going, has committed (looked up at the time of
# need, not read once at start).  Three runs over the same ten copies,
# started together against a server that takes 0.3 s per original, end
# with a sound cache of ten entries and the same results, and fetch each
# original once between them: a run claims a source before fetching it,
# and the others wait for its entry.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"
. "$SRCDIR/tests/e2e/cache_lib.sh"

require_attrcheck
cache_fixture 10
srv_start --root "$TMPD/web" # lives as long as the test (server.sh)

t() {
    if eval "$1"; then echo 0; else echo 1; fi
}

# 1. Run A over six copies gets five originals and is then held on the
# sixth (the /gate route); while it waits, run B over the five copies
# whose originals A committed fetches none of them.
CACHE="$TMPD/a.db"
"$ATTRCHECK" -f jsonl --timeout 110 --retries 0 --cache "$CACHE" \
    --remap "^https://orig\.example/(.*)\$ $SRV_URL/gate/5/\$1" \
    $(copies 0 4) "$TMPD/copies/c9.html" >"$TMPD/a.out" 2>"$TMPD/a.err" \
    </dev/null &
PID=$!
committed=0
wait_rows "$CACHE" 5 && committed=1
check "$(t '[ "$committed" -eq 1 ]')" "run A commits five originals" \
    "$(cat "$TMPD/a.err" "$SRV_LOG")"
sql "$CACHE" "SELECT url FROM sources ORDER BY url" |
    sed 's|^https://orig\.example/||' >"$TMPD/kept"
before=$(wc -l <"$SRV_LOG")
run_attrcheck -f jsonl --timeout 10 --retries 0 --cache "$CACHE" \
    --remap "^https://orig\.example/(.*)\$ $SRV_URL/\$1" \
    $(sed "s|^o\(.*\)|$TMPD/copies/c\1|" "$TMPD/kept")
tail -n +$((before + 1)) "$SRV_LOG" >"$TMPD/logB"
alive=0
kill -0 "$PID" 2>/dev/null && alive=1
kill -TERM "$PID" 2>/dev/null || :
wait "$PID" 2>/dev/null || :
check "$(t '[ "$alive" -eq 1 ]')" "run A was still going during run B"
check "$(t '[ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && [ "$(wc -l <"$OUT")" -eq 5 ]')" \
    "run B judges its five copies, passing" "$(show_run)"
again=0
while read -r name; do
    [ "$(fetched "$TMPD/logB" "$name")" -eq 0 ] || again=$((again + 1))
done <"$TMPD/kept"
n=$(grep -c '^GET /o[0-9]\.html ' "$TMPD/logB" || :)
check "$(t '[ "$again" -eq 0 ] && [ "$(wc -l <"$TMPD/kept")" -eq 5 ] &&
    [ "$n" -eq 0 ]')" \
    "run B fetches none: it sees the five run A committed" \
    "kept: $(cat "$TMPD/kept"); $(cat "$TMPD/logB")"

# 2. Three runs at once on a new cache.
CACHE="$TMPD/three.db"
before=$(wc -l <"$SRV_LOG")
for k in 1 2 3; do
    "$ATTRCHECK" -f jsonl --timeout 20 --retries 0 --cache "$CACHE" \
        --remap "^https://orig\.example/(.*)\$ $SRV_URL/delay/300/\$1" \
        $(copies 0 9) >"$TMPD/p$k.out" 2>"$TMPD/p$k.err" </dev/null &
    eval "P$k=\$!"
done
rcs=""
for k in 1 2 3; do
    eval "pid=\$P$k"
    rc=0
    wait "$pid" || rc=$?
    rcs="$rcs$rc"
done
tail -n +$((before + 1)) "$SRV_LOG" >"$TMPD/log3"
check "$(t '[ "$rcs" = 000 ] && ! [ -s "$TMPD/p1.err" ] &&
    ! [ -s "$TMPD/p2.err" ] && ! [ -s "$TMPD/p3.err" ]')" \
    "three runs at once: each exits 0, nothing on stderr (no lock errors)" \
    "$rcs $(cat "$TMPD"/p?.err)"
sort "$TMPD/p1.out" >"$TMPD/s1"
sort "$TMPD/p2.out" >"$TMPD/s2"
sort "$TMPD/p3.out" >"$TMPD/s3"
check "$(t '[ "$(wc -l <"$TMPD/s1")" -eq 10 ] && cmp -s "$TMPD/s1" "$TMPD/s2" &&
    cmp -s "$TMPD/s1" "$TMPD/s3"')" \
    "three runs at once: the same ten results" \
    "$(diff "$TMPD/s1" "$TMPD/s2" | head -c 1000)"
bad=0
total=0
i=0
while [ "$i" -lt 10 ]; do
    n=$(fetched "$TMPD/log3" "o$i.html")
    total=$((total + n))
    if [ "$n" -ne 1 ]; then bad=$((bad + 1)); fi
    i=$((i + 1))
done
diag "three runs at once: $total requests for 10 originals"
check "$(t '[ "$bad" -eq 0 ]')" \
    "three runs at once: each original fetched once between them" \
    "$(cat "$TMPD/log3")"
got=$(sql "$CACHE" "SELECT count(*) FROM sources; PRAGMA integrity_check" |
    tr '\n' ' ')
check "$(t '[ "$got" = "10 ok " ]')" \
    "three runs at once: a sound cache of ten entries" "$got"
got=$(sql "$CACHE" "SELECT count(*) FROM claims")
check "$(t '[ "$got" = 0 ]')" "three runs at once: no claim left behind" "$got"
done_testing
