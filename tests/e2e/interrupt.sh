#!/bin/sh
# SPDX-License-Identifier: MIT
# interrupt.sh: SIGTERM, SIGINT and SIGKILL in the middle of a run, and the
# same command line run again to resume in place.  Against the loopback
# test server: 20 quick pages, then 4 that take 20 s (/slow).  SIGTERM
# once the quick ones are written: exit 3 at once, a one-line message
# saying how to resume, only whole lines and no line for the slow pages
# (their transfers are aborted, not judged).  The same command again
# skips the 20 and checks the 4.  Two signals: exit 3 too.  SIGKILL of an
# offline run over 3,000 files: every line is whole (one write() a line)
# and the rerun completes the file, each target exactly once.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
srv_start --robots none
cd "$TMPD"

i=0
while [ "$i" -lt 20 ]; do
    printf '<!doctype html><title>p%d</title><p>Page %d.</p>\n' "$i" "$i" \
        >"$SRV_DIR/p$i.html"
    echo "$SRV_URL/p$i.html" >>list
    i=$((i + 1))
done
for i in 1 2 3 4; do
    echo "$SRV_URL/slow?$i" >>list
done

# lines FILE: its line count
lines() {
    if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi
}

# wait_lines FILE N: waits until FILE has N lines or the run ($pid) ends;
# no time budget, so a slow machine only makes it slower
wait_lines() {
    while [ "$(lines "$1")" -lt "$2" ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
    done
}

# guard: kills the run ($pid) if it has not ended 300 s from now, so a
# broken abort fails the test instead of hanging it (the transfers below
# only end by an abort: their timeout is an hour).  The guard watches the
# run and ends with it; nothing signals the guard: a signal that reached
# it before it had become `sh` hit a copy of this shell, whose TERM trap
# ran the EXIT trap there (stopping the server, removing $TMPD under the
# test: a flake seen on a loaded machine).
guard() {
    sh -c 'n=0
        while kill -0 "$1" 2>/dev/null; do
            if [ "$n" -ge 3000 ]; then kill -KILL "$1"; exit 0; fi
            sleep 0.1
            n=$((n + 1))
        done' guard "$pid" >/dev/null 2>&1 9>&- &
}

# whole FILE: every line is JSON and the file ends with a newline
whole() {
    "$PYTHON3" -c '
import json, sys
data = open(sys.argv[1], "rb").read()
assert data == b"" or data.endswith(b"\n"), "no final newline"
for line in data.splitlines():
    json.loads(line)' "$1"
}

CMD="--no-config -f jsonl --no-verify -j 4 --per-host 4 --timeout 3600 -i list"

# --- SIGTERM, then the same command again ------------------------------------
"$ATTRCHECK" $CMD -o out.jsonl --resume out.jsonl 2>err1 </dev/null &
pid=$!
wait_lines out.jsonl 20
sleep 0.5
guard
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
check "$([ "$rc" -eq 3 ] && echo 0 || echo 1)" \
    "SIGTERM: exit 3, the slow transfers aborted" "exit status $rc" \
    "$(cat err1)"
grep -q "interrupted by SIGTERM: 20 more results in out.jsonl; run the same command again to resume" err1
check $? "SIGTERM: one line saying how to resume" "$(cat err1)"
check "$([ "$(wc -l <err1)" -eq 1 ] && echo 0 || echo 1)" \
    "SIGTERM: nothing else on stderr" "$(cat err1)"
whole out.jsonl
check $? "SIGTERM: every line is whole"
check "$([ "$(lines out.jsonl)" -eq 20 ] && ! grep -q slow out.jsonl &&
    echo 0 || echo 1)" "SIGTERM: the 20 quick pages, no slow one" \
    "$(cat out.jsonl)"

run_attrcheck $CMD -o out.jsonl --resume out.jsonl --timeout 1 --retries 0 -v
check "$([ "$RC" -eq 3 ] && [ "$(lines out.jsonl)" -eq 24 ] && echo 0 ||
    echo 1)" "the same command again checks the 4 others (timeouts)" \
    "$(show_run)"
grep -q "resume: 20 targets judged before, skipped" "$ERR"
check $? "the rerun skips the 20 judged" "$(show_run)"
"$PYTHON3" -c '
import json, sys
got = sorted(json.loads(l)["target"] for l in open(sys.argv[1]))
want = sorted(l.strip() for l in open(sys.argv[2]))
sys.exit(got != want)' out.jsonl list
check $? "the file holds every target exactly once"

# --- SIGINT to standard output; two signals ----------------------------------
"$ATTRCHECK" $CMD >out2.jsonl 2>err2 </dev/null &
pid=$!
wait_lines out2.jsonl 20
sleep 0.5
guard
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
check "$([ "$rc" -eq 3 ] && grep -q "interrupted by SIGINT after 20 results; to resume, run again with --resume" err2 &&
    echo 0 || echo 1)" "SIGINT, output on stdout: exit 3, how to resume" \
    "exit status $rc" "$(cat err2)"

"$ATTRCHECK" $CMD -o out3.jsonl 2>err3 </dev/null &
pid=$!
wait_lines out3.jsonl 20
sleep 0.5
guard
kill -INT "$pid"
kill -TERM "$pid" 2>/dev/null || :
rc=0
wait "$pid" || rc=$?
check "$([ "$rc" -eq 3 ] && echo 0 || echo 1)" "two signals: exit 3" \
    "exit status $rc" "$(cat err3)"
whole out3.jsonl
check $? "two signals: every line is whole"

# --- SIGKILL of a long offline run -------------------------------------------
mkdir site
"$PYTHON3" -c '
import sys
with open("flist", "w") as fl:
    for i in range(3000):
        with open("site/f%d.html" % i, "w") as f:
            f.write("<!doctype html><title>f%d</title><p>%s</p>"
                    "<p>Licensed under CC BY 4.0.</p>\n"
                    % (i, "Some words of text. " * 40))
        fl.write("site/f%d.html\n" % i)'
KCMD="--no-config --offline -f jsonl -i flist"
"$ATTRCHECK" $KCMD -o k.jsonl --resume k.jsonl 2>/dev/null </dev/null &
pid=$!
wait_lines k.jsonl 100
kill -KILL "$pid" 2>/dev/null || : # (a fast run may be done already)
wait "$pid" || :
n=$(lines k.jsonl)
diag "killed after $n lines"
whole k.jsonl
check $? "SIGKILL: every line is whole ($n lines)"
run_attrcheck $KCMD -o k.jsonl --resume k.jsonl
rc_rerun=$RC
"$PYTHON3" -c '
import json, sys
got = sorted(json.loads(l)["target"] for l in open(sys.argv[1]))
want = sorted(l.strip() for l in open(sys.argv[2]))
sys.exit(got != want)' k.jsonl flist && [ "$rc_rerun" -eq 0 ]
check $? \
    "SIGKILL: the same command again completes the file, once each" \
    "$(show_run)"

done_testing
