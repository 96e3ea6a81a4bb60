#!/bin/sh
# SPDX-License-Identifier: MIT
# cache.sh: --cache FILE end to end.  Two copies (tests/fixtures/cache/
# copies) credit originals that the loopback test server serves from a
# scratch copy of tests/fixtures/cache/web (as https://orig.example/
# through --remap), with an ETag made of each file's mtime and size.
# Run after run, the server's log shows what was asked: nothing while the
# cache is fresh, If-None-Match answered by 304 once --max-cache-age says
# it is stale, a 200 once an original changed (and the new licence shows
# in the result).  The file is an SQLite database (read here with
# Python's sqlite3); a damaged or foreign file is reported and left
# alone, the run going on without a cache; one from another version or
# other rules is emptied with a warning; a JSON Lines cache of 0.1 is
# imported once; --cache-stats, --cache-export and --cache-prune.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
C="$FIXTURES/cache"
cp -R "$C/web" "$TMPD/web"
chmod -R u+w "$TMPD/web" # a read-only source tree (distcheck) copies so
srv_start --root "$TMPD/web" # lives as long as the test (server.sh)
CACHE="$TMPD/sources.db"

# cached_run [ARGS...]: one run over both copies with the cache; the
# server log lines it caused go to $TMPD/log$RUN_N.
cached_run() {
    before=$(wc -l <"$SRV_LOG")
    run_attrcheck -f jsonl --timeout 60 --retries 0 --cache "$CACHE" \
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

# field JSONL TARGET_SUFFIX PATH: one field of the result line of the
# target ending in TARGET_SUFFIX ("MISSING" when there is none).
field() {
    json_field --suffix "$2" "$1" "$3"
}

# sql FILE QUERIES: the rows of QUERIES (split at ';') on the SQLite file
# FILE, one a line, columns joined by '|'; "ERROR: ..." when one fails.
sql() {
    "$PYTHON3" - "$1" "$2" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(sys.argv[1])
    for q in sys.argv[2].split(";"):
        for row in db.execute(q):
            print("|".join(str(v) for v in row))
    db.commit()
    db.close()
except Exception as e:
    print("ERROR: %s" % e)
PY
}

# 1. A first run fetches both originals and writes the cache.
cached_run
FIRST=$OUT
expect_run "first run" 0
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" "first run: both originals fetched" \
    "$(cat "$LOG")"
got=$(sql "$CACHE" "PRAGMA application_id; PRAGMA user_version;" | tr '\n' ' ')
check "$(t '[ "$got" = "1635021923 2 " ]')" \
    "the cache is an SQLite file of attrcheck's, format 2" "$got"
got=$(sql "$CACHE" "SELECT key || '=' || value FROM meta ORDER BY key" |
    tr '\n' ' ')
re='^attrcheck=[^ ]* format=2 rules=[0-9a-f]\{16\} $'
check "$(t 'echo "$got" | grep -q "$re"')" \
    "its meta table: version, format, rules fingerprint" "$got"
got=$(sql "$CACHE" "SELECT url, typeof(shingles), length(shingles) > 0
    FROM sources ORDER BY url" | tr '\n' ' ')
want='https://orig.example/kelp.html|blob|1 https://orig.example/terns.html|blob|1 '
check "$(t '[ "$got" = "$want" ]')" \
    "one row per original, shingles as a blob" "$got"

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
got=$(field "$OUT" terns-copy.html source.check.license.family)
check "$(t '[ "$got" = CC-BY-NC ]')" \
    "changed original: its new licence is seen" "licence family $got"
got=$(field "$OUT" terns-copy.html verdict)
check "$(t '[ "$got" != pass ]')" \
    "changed original: the copy no longer passes" "verdict $got; $(show_run)"
got=$(field "$OUT" kelp-copy.html verdict)
check "$(t '[ "$got" = pass ]')" "the other copy still passes" \
    "verdict $got"

# 5. The cache now holds the change: a fresh run repeats it, no request.
cached_run
check "$(t '[ ! -s "$LOG" ] && same "$CHANGED" "$OUT"')" \
    "after the change: the cache holds the new original" \
    "$(cat "$LOG"; diff "$CHANGED" "$OUT" | head -c 2000)"

# 6. A damaged cache is reported, left alone, and the run goes on
# without a cache: the sources are fetched anew (no validators sent) and
# the results stay right.
cp "$CACHE" "$TMPD/good.db"
"$PYTHON3" -c '
import sys
f = open(sys.argv[1], "r+b")
f.seek(100)
f.write(b"\xa5" * 3000)
' "$CACHE"
cp "$CACHE" "$TMPD/damaged.db"
cached_run
check "$(t '[ "$RC" -eq "$CHANGED_RC" ]')" \
    "damaged cache: the run goes on (exit status $CHANGED_RC)" "$(show_run)"
re='^attrcheck: .*/sources\.db: database disk image is malformed: running without a cache$'
check "$(t 'grep -q "$re" "$ERR"')" \
    "damaged cache: a warning names the file and the damage" "$(show_run)"
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" \
    "damaged cache: nothing of it trusted, both fetched plainly" \
    "$(cat "$LOG")"
check "$(t 'same "$CHANGED" "$OUT"')" \
    "damaged cache: the same results as with a good one" \
    "$(diff "$CHANGED" "$OUT" | head -c 2000)"
check "$(t 'cmp -s "$CACHE" "$TMPD/damaged.db"')" \
    "damaged cache: the file is left as it was"
cp "$TMPD/good.db" "$CACHE"

# 6b. Files that are not attrcheck caches: reported, left alone.
printf 'my shopping list\n' >"$TMPD/list.txt"
sql "$TMPD/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)" >/dev/null
for f in list.txt other.db; do
    cp "$TMPD/$f" "$TMPD/$f.before"
    CACHE_SAVED=$CACHE
    CACHE="$TMPD/$f"
    cached_run
    CACHE=$CACHE_SAVED
    re="^attrcheck: .*/$f: not an attrcheck cache: running without a cache\$"
    check "$(t 'grep -q "$re" "$ERR" && [ "$RC" -eq "$CHANGED_RC" ]')" \
        "$f: not an attrcheck cache, the run goes on" "$(show_run)"
    check "$(t 'cmp -s "$TMPD/$f" "$TMPD/$f.before"')" \
        "$f: left as it was"
done

# 7. A cache written by another version is emptied with a warning: its
# analyses may differ.
sql "$CACHE" "UPDATE meta SET value = '0.0.0-older' WHERE key = 'attrcheck'" \
    >/dev/null
cached_run
re='sources\.db: written by another version of attrcheck: its 2 entries were dropped'
check "$(t 'grep -q "$re" "$ERR"')" \
    "another version: emptied with a warning" "$(show_run)"
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" "another version: both fetched plainly" \
    "$(cat "$LOG")"

# 7b. Nor one written with other detection rules.
cached_run
sql "$CACHE" "UPDATE meta SET value = '0000000000000000' WHERE key = 'rules'" \
    >/dev/null
: >"$SRV_LOG"
cached_run
re='sources\.db: written with other detection rules: its 2 entries were dropped'
check "$(t 'grep -q "$re" "$ERR"')" \
    "other rules: emptied with a warning" "$(show_run)"
n=$(logged '^GET /(kelp|terns)\.html .* inm=- ims=-$')
check "$(t '[ "$n" -eq 2 ]')" "other rules: both fetched plainly" \
    "$(cat "$LOG")"
cached_run
check "$(t '[ ! -s "$ERR" ] && [ ! -s "$LOG" ]')" \
    "then the cache is used again" "$(show_run; cat "$LOG")"

# 7c. A JSON Lines cache of attrcheck 0.1 (as --cache-export writes it)
# is imported once, with a notice; the old file stays beside it.
run_attrcheck --cache "$CACHE" --cache-export "$TMPD/old.jsonl"
check "$(t '[ "$RC" -eq 0 ] && [ "$(wc -l <"$TMPD/old.jsonl")" -eq 3 ]')" \
    "--cache-export: a header and two lines" "$(show_run)"
head -n 1 "$TMPD/old.jsonl" >"$TMPD/header"
re='^{"attrcheck-cache":1,"version":"[^"]*","rules":"[0-9a-f]\{16\}"}$'
check "$(t 'grep -q "$re" "$TMPD/header"')" \
    "--cache-export: the header line" "$(cat "$TMPD/header")"
CACHE_SAVED=$CACHE
CACHE="$TMPD/old.jsonl"
cp "$CACHE" "$TMPD/old.jsonl.before"
: >"$SRV_LOG"
cached_run
re="^attrcheck: .*/old\.jsonl: JSON Lines cache imported (2 entries); the old file is kept as .*/old\.jsonl\.v1\.jsonl\$"
check "$(t 'grep -q "$re" "$ERR"')" "JSON Lines cache: imported, with a notice" \
    "$(show_run)"
check "$(t '[ ! -s "$LOG" ] && same "$CHANGED" "$OUT"')" \
    "JSON Lines cache: its entries are used, no request" \
    "$(cat "$LOG"; show_run)"
check "$(t 'cmp -s "$TMPD/old.jsonl.before" "$TMPD/old.jsonl.v1.jsonl"')" \
    "JSON Lines cache: the old file kept byte for byte"
cached_run
check "$(t '[ ! -s "$ERR" ] && [ ! -s "$LOG" ]')" \
    "JSON Lines cache: imported once" "$(show_run; cat "$LOG")"
CACHE=$CACHE_SAVED

# 7d. --cache-stats and --cache-prune.
run_attrcheck --cache "$CACHE" --cache-stats
check "$(t '[ "$RC" -eq 0 ] && grep -qx "entries: 2" "$OUT" &&
    grep -qx "age under 1 h: 2" "$OUT" && grep -q "^size: [0-9]* bytes" "$OUT"')" \
    "--cache-stats: entries, size, ages" "$(show_run; cat "$OUT")"
sql "$CACHE" "UPDATE sources SET fetched_at = fetched_at - 40 * 86400
    WHERE url LIKE '%kelp%'" >/dev/null
run_attrcheck --cache "$CACHE" --cache-prune
check "$(t '[ "$RC" -eq 0 ] && grep -q ": 1 entries older than 30 days deleted" "$OUT"')" \
    "--cache-prune: the old entry deleted" "$(show_run; cat "$OUT")"
got=$(sql "$CACHE" "SELECT count(*) FROM sources; PRAGMA integrity_check" |
    tr '\n' ' ')
check "$(t '[ "$got" = "1 ok " ]')" "--cache-prune: one left, file sound" "$got"
run_attrcheck --cache-stats
check "$(t '[ "$RC" -eq 2 ] && grep -q "need --cache FILE" "$ERR"')" \
    "--cache-stats without --cache: a usage error" "$(show_run)"
run_attrcheck --cache "$TMPD/none.db" --cache-stats
check "$(t '[ "$RC" -eq 2 ] && grep -q "none.db: No such file" "$ERR" &&
    [ ! -e "$TMPD/none.db" ]')" \
    "--cache-stats of a missing file: an error, nothing created" "$(show_run)"

# 8. --quiet silences the warning, not the check.
printf 'not json\n' >"$CACHE"
cached_run -q
check "$(t '[ ! -s "$ERR" ] && same "$CHANGED" "$OUT"')" \
    "-q: no warning, the same results" \
    "$(show_run; diff "$CHANGED" "$OUT" | head -c 2000)"

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
