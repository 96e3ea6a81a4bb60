#!/bin/sh
# SPDX-License-Identifier: MIT
# cache.sh: --cache FILE end to end.  Two copies (tests/fixtures/cache/
# copies) credit originals that the loopback test server serves from a
# scratch copy of tests/fixtures/cache/web (as https://orig.example/
# through --remap), with an ETag made of each file's mtime and size.
# Run after run, the server's log shows what was asked: nothing while the
# cache is fresh, If-None-Match answered by 304 once --max-cache-age says
# it is stale, a 200 once an original changed (and the new licence shows
# in the result); a damaged cache, or one from another version, is
# ignored with a warning and the results stay right.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
C="$FIXTURES/cache"
cp -R "$C/web" "$TMPD/web"
chmod -R u+w "$TMPD/web" # a read-only source tree (distcheck) copies so
srv_start --root "$TMPD/web"
CACHE="$TMPD/sources.jsonl"

# cached_run [ARGS...]: one run over both copies with the cache; the
# server log lines it caused go to $TMPD/log$RUN_N.
cached_run() {
    before=$(wc -l <"$SRV_LOG")
    run_attrcheck -f jsonl --timeout 5 --retries 0 --cache "$CACHE" \
        --remap "^https://orig\.example/(.*)\$ $SRV_URL/\$1" "$@" \
        "$C/copies/kelp-copy.html" "$C/copies/terns-copy.html"
    LOG="$TMPD/log$RUN_N"
    tail -n +$((before + 1)) "$SRV_LOG" >"$LOG"
}

# t CONDITION: 0 when the shell condition (a string) holds, else 1.
t() {
    if eval "$1"; then echo 0; else echo 1; fi
}

# same A B: the same result lines, in any order (results are written as
# they are judged, and a cached source is judged sooner).
same() {
    sort "$1" >"$TMPD/same.a"
    sort "$2" >"$TMPD/same.b"
    cmp -s "$TMPD/same.a" "$TMPD/same.b"
}

# logged PATTERN: how many lines of this run's log match PATTERN (ERE).
logged() {
    grep -Ec "$1" "$LOG" || :
}

# expect_run NAME WANT_RC: the run exited WANT_RC with nothing on stderr.
expect_run() {
    want_rc=$2
    check "$(t '[ "$RC" -eq "$want_rc" ] && [ ! -s "$ERR" ]')" \
        "$1: exit status $2, nothing on stderr" "$(show_run)"
}

# field JSONL TARGET_SUFFIX EXPR: a Python expression over the result
# line (as R) of the target ending in TARGET_SUFFIX, printed.
field() {
    "$PYTHON3" - "$1" "$2" "$3" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    R = json.loads(line)
    if R.get("target", "").endswith(sys.argv[2]):
        print(eval(sys.argv[3]))
        break
else:
    print("MISSING")
PY
}

# 1. A first run fetches both originals and writes the cache.
cached_run
FIRST=$OUT
expect_run "first run" 0
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" "first run: both originals fetched" \
    "$(cat "$LOG")"
head -n 1 "$CACHE" >"$TMPD/header"
re='^{"attrcheck-cache":1,"version":"[^"]*","rules":"[0-9a-f]\{16\}"}$'
check "$(t 'grep -q "$re" "$TMPD/header"')" \
    "the cache starts with its header line" "$(cat "$TMPD/header")"
n=$(grep -c '"url":"https://orig.example/' "$CACHE" || :)
check "$(t '[ "$n" -eq 2 ]')" "the cache has one line per original" \
    "$(head -c 1000 "$CACHE")"

# 2. A fresh cache: no request at all, the same results.
cached_run
expect_run "fresh cache" 0
check "$(t '[ ! -s "$LOG" ]')" "fresh cache: no request" \
    "$(cat "$LOG")"
check "$(t 'same "$FIRST" "$OUT"')" "fresh cache: the same results" \
    "$(diff "$FIRST" "$OUT" | head -c 2000)"

# 3. --max-cache-age 0s: every source revalidated, answered 304.
cached_run --max-cache-age 0s
expect_run "stale cache" 0
n=$(logged '^GET /(kelp|terns)\.html .* inm="[0-9a-f]+-[0-9a-f]+" ims=[A-Z]')
check "$(t '[ "$n" -eq 2 ]')" \
    "stale cache: If-None-Match and If-Modified-Since sent" "$(cat "$LOG")"
n=$(logged '^-> 304 /(kelp|terns)\.html$')
check "$(t '[ "$n" -eq 2 ]')" "stale cache: both answered 304" \
    "$(cat "$LOG")"
check "$(t 'same "$FIRST" "$OUT"')" "304: the same results" \
    "$(diff "$FIRST" "$OUT" | head -c 2000)"

# 4. The terns original changes its licence: a 200, and the copy now
# claims a licence the original does not give.
# (the comment changes the size, so the ETag changes even where file
# times are coarse)
{
    sed 's|by-sa/4.0/">CC BY-SA 4.0|by-nc/4.0/">CC BY-NC 4.0|' \
        "$C/web/terns.html"
    echo '<!-- relicensed -->'
} >"$TMPD/web/terns.html"
cached_run --max-cache-age 0s
CHANGED=$OUT
CHANGED_RC=$RC
check "$(t '[ ! -s "$ERR" ]')" "changed original: nothing on stderr" \
    "$(show_run)"
n=$(logged '^-> 200 /terns\.html$')
check "$(t '[ "$n" -eq 1 ]')" "changed original: answered 200" \
    "$(cat "$LOG")"
n=$(logged '^-> 304 /kelp\.html$')
check "$(t '[ "$n" -eq 1 ]')" "unchanged original: still 304" \
    "$(cat "$LOG")"
got=$(field "$OUT" terns-copy.html 'R["source"]["check"]["license"]["family"]')
check "$(t '[ "$got" = CC-BY-NC ]')" \
    "changed original: its new licence is seen" "licence family $got"
got=$(field "$OUT" terns-copy.html 'R["verdict"]')
check "$(t '[ "$got" != pass ]')" \
    "changed original: the copy no longer passes" "verdict $got; $(show_run)"
got=$(field "$OUT" kelp-copy.html 'R["verdict"]')
check "$(t '[ "$got" = pass ]')" "the other copy still passes" \
    "verdict $got"

# 5. The cache now holds the change: a fresh run repeats it, no request.
cached_run
check "$(t '[ ! -s "$LOG" ] && same "$CHANGED" "$OUT"')" \
    "after the change: the cache holds the new original" \
    "$(cat "$LOG"; diff "$CHANGED" "$OUT" | head -c 2000)"

# 6. A damaged cache is ignored with a warning; the sources are fetched
# anew (no validators sent), the results stay right and the file is
# written whole again.
printf '{"url": "https://orig.example/kelp.html", "broken\n' >>"$CACHE"
cached_run
check "$(t '[ "$RC" -eq "$CHANGED_RC" ]')" \
    "damaged cache: the run goes on (exit status $CHANGED_RC)" "$(show_run)"
re='^attrcheck: .*/sources\.jsonl:[0-9]*: .*: cache ignored$'
check "$(t 'grep -q "$re" "$ERR"')" \
    "damaged cache: a warning names the file and line" "$(show_run)"
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" \
    "damaged cache: nothing of it trusted, both fetched plainly" \
    "$(cat "$LOG")"
check "$(t 'same "$CHANGED" "$OUT"')" \
    "damaged cache: the same results as with a good one" \
    "$(diff "$CHANGED" "$OUT" | head -c 2000)"
cached_run
check "$(t '[ ! -s "$ERR" ] && [ ! -s "$LOG" ]')" \
    "after a damaged cache: a good one is written again" \
    "$(show_run; cat "$LOG")"

# 7. A cache written by another version is not trusted either.
sed '1s/"version":"[^"]*"/"version":"0.0.0-older"/' "$CACHE" \
    >"$TMPD/older" && cp "$TMPD/older" "$CACHE"
cached_run
re='sources\.jsonl:1: written by another version of attrcheck: cache ignored'
check "$(t 'grep -q "$re" "$ERR"')" \
    "another version: ignored with a warning" "$(show_run)"
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" "another version: both fetched plainly" \
    "$(cat "$LOG")"

# 7b. Nor one written with other detection rules: its analyses differ.
cached_run
sed '1s/"rules":"[0-9a-f]*"/"rules":"0000000000000000"/' "$CACHE" \
    >"$TMPD/otherrules" && cp "$TMPD/otherrules" "$CACHE"
: >"$SRV_LOG"
cached_run
re='sources\.jsonl:1: written with other detection rules: cache ignored'
check "$(t 'grep -q "$re" "$ERR"')" \
    "other rules: ignored with a warning" "$(show_run)"

# 8. --quiet silences the warning, not the check.
printf 'not json\n' >"$CACHE"
cached_run -q
check "$(t '[ ! -s "$ERR" ] && same "$CHANGED" "$OUT"')" \
    "-q: no warning, the same results" "$(show_run)"

# 9. --offline never touches the cache file.
cp "$CACHE" "$TMPD/before-offline"
run_attrcheck -f jsonl --offline --cache "$CACHE" "$C/copies/kelp-copy.html"
check "$(t 'cmp -s "$CACHE" "$TMPD/before-offline"')" \
    "--offline leaves the cache file alone"

re='runtime error|Sanitizer'
check "$(t '! cat "$TMPD"/run*.err | grep -Eq "$re"')" \
    "no sanitizer report in any run"
if [ "$TAP_FAILED" -ne 0 ]; then
    diag "server log:"
    diag "$(cat "$SRV_LOG")"
fi
done_testing
