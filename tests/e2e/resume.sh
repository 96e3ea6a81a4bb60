#!/bin/sh
# SPDX-License-Identifier: MIT
# resume.sh: --resume FILE end to end.  A run over 30 pages is cut off
# in the middle of a line (as a killed run leaves its -f jsonl output);
# the resumed run warns about the damaged line, checks only what is
# missing, and the two outputs together hold every target exactly once.
# A page that could not be read the first time ("error") is tried again.
# A damaged line that is not the last and a missing file are usage errors
# (exit 2) that leave the file alone.  --resume naming the --output file
# resumes in place: the torn last line is cut and the rest appended, and
# the same command line serves the first run (no file yet) and every rerun.

. "$(dirname "$0")/lib.sh"

require_attrcheck
command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "python3 not found"

cd "$TMPD"
mkdir site
i=0
while [ "$i" -lt 30 ]; do
    printf '<!doctype html><title>p%d</title><p>Page %d.</p>\n' "$i" "$i" \
        >"site/p$i.html"
    echo "site/p$i.html" >>list
    i=$((i + 1))
done

# targets FILE...: the "target" of every complete jsonl line, sorted
targets() {
    for f in "$@"; do
        json_field "$f" target
    done | sort
}

run_attrcheck --no-config --offline -f jsonl -i list -o full.jsonl
check "$([ "$(wc -l <full.jsonl)" -eq 30 ] && echo 0 || echo 1)" \
    "a whole run writes 30 lines" "$(show_run)"

# cut off after 12 lines and half of the 13th
head -n 12 full.jsonl >part1.jsonl
sed -n 13p full.jsonl | head -c 40 >>part1.jsonl
cp part1.jsonl part1.orig

run_attrcheck --no-config --offline -f jsonl -v -i list -o part2.jsonl \
    --resume part1.jsonl
if [ "$RC" -ne 0 ] || crashed; then
    not_ok "the resumed run exits 0" "$(show_run)"
else
    ok "the resumed run exits 0"
fi
grep -q "part1.jsonl:13: damaged last line ignored" "$ERR"
check $? "the damaged last line is a warning naming file:line" "$(show_run)"
grep -q "resume: 12 targets judged before, skipped" "$ERR"
check $? "-v says 12 targets were skipped" "$(show_run)"
n=$(wc -l <part2.jsonl)
check "$([ "$n" -eq 18 ] && echo 0 || echo 1)" \
    "the resumed run checks the 18 others ($n)"
targets part1.jsonl part2.jsonl >union
sort list >all
cmp -s all union
check $? "part1 + part2 hold every target exactly once" "$(diff all union)"
cmp -s part1.jsonl part1.orig
check $? "the --resume file is left alone"

# a page missing in the first run is an error there, and is retried
mv site/p3.html p3.away
run_attrcheck --no-config --offline -f jsonl -i list -o e1.jsonl
grep -q '"target":"site/p3.html".*"verdict":"error"' e1.jsonl
check $? "a missing page is an error in the first run" "$(cat e1.jsonl)"
mv p3.away site/p3.html
run_attrcheck --no-config --offline -f jsonl -i list -o e2.jsonl \
    --resume e1.jsonl
targets e2.jsonl >e2.targets
echo site/p3.html >want
cmp -s want e2.targets
check $? "the resumed run retries only the error" "$(cat e2.targets)"

# --resume is repeatable: part1 and part2 together leave nothing to do
run_attrcheck --no-config --offline -f jsonl -i list --resume part1.jsonl \
    --resume part2.jsonl
check "$([ "$RC" -eq 0 ] && [ ! -s "$OUT" ] && echo 0 || echo 1)" \
    "two --resume files together leave nothing to check" "$(show_run)"

# with --shard: resume within a shard
run_attrcheck --no-config --offline -f jsonl -i list --shard 2/2 \
    --resume part1.jsonl -o s2.jsonl
targets s2.jsonl part1.jsonl | uniq -d >dups
check "$([ ! -s dups ] && [ "$RC" -eq 0 ] && echo 0 || echo 1)" \
    "--shard with --resume checks nothing twice" "$(cat dups; show_run)"

# errors: exit 2, the file named, nothing checked
{
    head -n 3 full.jsonl
    echo '{"target": "x", "verd'
    sed -n 4p full.jsonl
} >bad.jsonl
run_attrcheck --no-config --offline -f jsonl -i list --resume bad.jsonl
check "$([ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && echo 0 || echo 1)" \
    "a damaged line that is not the last: exit 2, nothing checked" \
    "$(show_run)"
grep -q "bad.jsonl:4: " "$ERR"
check $? "the error names file:line" "$(show_run)"

run_attrcheck --no-config --offline -f jsonl -i list --resume nothere.jsonl
check "$([ "$RC" -eq 2 ] && grep -q nothere.jsonl "$ERR" && echo 0 || echo 1)" \
    "a missing --resume file: exit 2, named" "$(show_run)"

# --- in place: --resume FILE -o FILE ---------------------------------------
# the same command serves the first run (FILE not there yet) and every rerun
run_attrcheck --no-config --offline -f jsonl -i list -o ip.jsonl \
    --resume ip.jsonl
check "$([ "$RC" -eq 0 ] && [ "$(wc -l <ip.jsonl)" -eq 30 ] && echo 0 ||
    echo 1)" "in place, no file yet: a first run writes 30 lines" "$(show_run)"
cp part1.jsonl ip.jsonl
run_attrcheck --no-config --offline -f jsonl -i list -o ip.jsonl \
    --resume ./ip.jsonl
check "$([ "$RC" -eq 0 ] && echo 0 || echo 1)" "in place: the rerun exits 0" \
    "$(show_run)"
grep -q "ip.jsonl:13: damaged last line ignored.*cut from the file" "$ERR"
check $? "in place: the torn last line is named and cut" "$(show_run)"
targets ip.jsonl >ip.targets
cmp -s all ip.targets
check $? "in place: the file holds every target exactly once" \
    "$(diff all ip.targets)"
"$PYTHON3" -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' ip.jsonl
check $? "in place: every line of the file is whole JSON"
head -n 12 part1.orig >p12
head -n 12 ip.jsonl | cmp -s - p12
check $? "in place: the 12 whole lines are kept as they were"
cp ip.jsonl ip.done
run_attrcheck --no-config --offline -f jsonl -i list -o ip.jsonl \
    --resume ip.jsonl
check "$([ "$RC" -eq 0 ] && cmp -s ip.jsonl ip.done && echo 0 || echo 1)" \
    "in place, all done: the file is left as it was" "$(show_run)"

# a last line whole but without its newline is kept, and ended
head -n 5 full.jsonl >nl.jsonl
sed -n 6p full.jsonl | tr -d '\n' >>nl.jsonl
run_attrcheck --no-config --offline -f jsonl -i list -o nl.jsonl \
    --resume nl.jsonl
targets nl.jsonl >nl.targets
check "$([ "$RC" -eq 0 ] && cmp -s all nl.targets && echo 0 || echo 1)" \
    "in place: a whole last line without newline is kept" \
    "$(show_run; diff all nl.targets)"

# in place needs jsonl; damage before the last line: exit 2, file alone
cp part1.jsonl same.jsonl
run_attrcheck --no-config --offline -f json -i list --resume same.jsonl \
    -o ./same.jsonl
check "$([ "$RC" -eq 2 ] && cmp -s part1.jsonl same.jsonl &&
    grep -q "needs -f jsonl" "$ERR" && echo 0 || echo 1)" \
    "in place with -f json: exit 2, FILE left alone" "$(show_run)"
cp bad.jsonl bad2.jsonl
run_attrcheck --no-config --offline -f jsonl -i list --resume bad2.jsonl \
    -o bad2.jsonl
check "$([ "$RC" -eq 2 ] && cmp -s bad.jsonl bad2.jsonl && echo 0 ||
    echo 1)" "in place, a damaged middle line: exit 2, FILE left alone" \
    "$(show_run)"
mkdir ro
run_attrcheck --no-config --offline -f jsonl -i list --resume ro \
    -o ro
check "$([ "$RC" -eq 2 ] && echo 0 || echo 1)" \
    "in place on a folder: exit 2" "$(show_run)"

done_testing
