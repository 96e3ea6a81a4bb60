#!/bin/sh
# SPDX-License-Identifier: MIT
# progress.sh: the progress line, under a pseudo-terminal made by
# Python's pty module.  With stderr a terminal, a run over a list of slow
# loopback URLs shows the line (carriage return, "N of M done", rate,
# time left, verdict counts) on stderr and leaves it cleared at the end,
# while the report on stdout (a file, and also the same terminal) holds no
# trace of it.  Not shown with -q, --no-progress, or stderr a pipe;
# --progress forces it into a pipe.  Targets from a sitemap: the total is
# shown once the sitemap is read, and is its count of pages.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
mkdir "$TMPD/root"
srv_start --root "$TMPD/root"
cd "$TMPD"
U=$SRV_URL
: >urls
i=0
while [ "$i" -lt 12 ]; do
    echo "$U/page?n=$i" >>urls
    i=$((i + 1))
done
C="--no-config --no-verify --delay 0.1 --per-host 1 -i urls"

# ptyrun OUT ERR ARGS...: attrcheck with stderr (and, with OUT "-", stdout)
# on a pseudo-terminal; what the terminal got goes to ERR
cat >ptyrun.py <<'PY'
import os, pty, subprocess, sys
out, err = sys.argv[1], sys.argv[2]
m, s = pty.openpty()
stdout = s if out == "-" else open(out, "wb")
p = subprocess.Popen(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=stdout,
                     stderr=s, close_fds=True)
os.close(s)
got = b""
while True:
    try:
        b = os.read(m, 65536)
    except OSError:
        break
    if not b:
        break
    got += b
rc = p.wait()
open(err, "wb").write(got)
sys.exit(rc)
PY
# shellcheck disable=SC2086
"$PYTHON3" ptyrun.py out.jsonl tty.txt "$ATTRCHECK" -f jsonl $C && rc=0 ||
    rc=$?
check "$([ "$rc" -eq 0 ] && [ "$(wc -l <out.jsonl)" -eq 12 ] && echo 0 ||
    echo 1)" "on a terminal: the run completes (12 results)" "rc $rc"
check "$(grep -q "$(printf '\r')[0-9]* of 12 done, [0-9.]*/s" tty.txt &&
    grep -q 'left | pass [0-9]*, warn' tty.txt && echo 0 || echo 1)" \
    "on a terminal: the line with done of total, rate, time left, verdicts" \
    "$(od -c tty.txt | head -20)"
check "$("$PYTHON3" -c '
import sys
t = open(sys.argv[1], "rb").read()
sys.exit(0 if t.endswith(b"\r\x1b[K") else 1)' tty.txt && echo 0 || echo 1)" \
    "on a terminal: the line is cleared at the end" "$(od -c tty.txt | tail -5)"
check "$(! grep -q "$(printf '\r')\|done, \|$(printf '\033')" out.jsonl &&
    echo 0 || echo 1)" "the report on stdout holds no trace of it"

# the text report on the same terminal: each result starts on a clean line
# shellcheck disable=SC2086
"$PYTHON3" ptyrun.py - both.txt "$ATTRCHECK" $C || :
check "$("$PYTHON3" -c '
import re, sys
t = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
lines = [l for l in t.replace("\r\x1b[K", "\n").split("\n") if "/page?n=" in l]
bad = [l for l in lines if "done, " in l]
sys.exit(0 if len(lines) >= 12 and not bad else 1)' both.txt && echo 0 ||
    echo 1)" "text report on the same terminal: no line mixes with it" \
    "$(od -c both.txt | head -30)"

for opt in -q --no-progress; do
    # shellcheck disable=SC2086
    "$PYTHON3" ptyrun.py out.jsonl tty.txt "$ATTRCHECK" -f jsonl $opt $C || :
    check "$(! grep -q 'done, ' tty.txt && echo 0 || echo 1)" \
        "on a terminal with $opt: no progress line" "$(cat tty.txt)"
done
# shellcheck disable=SC2086
run_attrcheck -f jsonl $C
check "$(! grep -q 'done, ' "$ERR" && echo 0 || echo 1)" \
    "stderr a pipe: no progress line" "$(cat "$ERR")"
# shellcheck disable=SC2086
run_attrcheck -f jsonl --progress $C
check "$(grep -q "[0-9]* of 12 done" "$ERR" && ! grep -q 'done, ' "$OUT" &&
    echo 0 || echo 1)" "--progress into a pipe: shown there, not on stdout" \
    "$(cat "$ERR")"

# a sitemap of 9 pages: no total while it is read, then "of 9"
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    i=0
    while [ "$i" -lt 9 ]; do
        echo "<url><loc>$U/page?n=s$i</loc></url>"
        i=$((i + 1))
    done
    echo '</urlset>'
} >root/sitemap.xml
"$PYTHON3" ptyrun.py out.jsonl tty.txt "$ATTRCHECK" -f jsonl --no-config \
    --no-verify --delay 0.1 --per-host 1 --sitemap "$U/sitemap.xml" &&
    rc=0 || rc=$?
check "$([ "$rc" -eq 0 ] && [ "$(wc -l <out.jsonl)" -eq 9 ] &&
    grep -q "$(printf '\r')[0-9]* of 9 done, [0-9.]*/s" tty.txt &&
    ! tr '\r' '\n' <tty.txt | grep 'of [0-9]* done' | grep -vq ' of 9 done' &&
    echo 0 || echo 1)" \
    "a sitemap's pages: the total is its count once it is read" \
    "rc $rc; $(tr '\r' '\n' <tty.txt | head -20)"
done_testing
