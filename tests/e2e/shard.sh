#!/bin/sh
# SPDX-License-Identifier: MIT
# shard.sh: --shard K/N end to end.  Forty pages named in a list (and the
# same pages as a folder target) are checked offline as shards 1..3 of 3
# with -f jsonl; the union of the shards' "target" fields must be every
# page exactly once, each shard must be the same on a second run and in
# another list order, and a bad K/N is a usage error (exit 2).  -v says
# how many targets were left to other shards.

. "$(dirname "$0")/lib.sh"

require_attrcheck
command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "python3 not found"

# relative names, so the split does not depend on the scratch folder's
cd "$TMPD"
mkdir site
i=0
while [ "$i" -lt 40 ]; do
    printf '<!doctype html><title>p%d</title><p>Page %d.</p>\n' "$i" "$i" \
        >"site/p$i.html"
    echo "site/p$i.html" >>"$TMPD/list"
    i=$((i + 1))
done
sort -r "$TMPD/list" >"$TMPD/list.rev"

# targets FILE: the "target" of each jsonl line, one per line, sorted
targets() {
    "$PYTHON3" -c '
import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["target"])' "$1" | sort
}

: >"$TMPD/union"
for k in 1 2 3; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" -i "$TMPD/list"
    if crashed || [ ! -s "$OUT" ]; then
        not_ok "shard $k/3 runs" "$(show_run)"
        continue
    fi
    targets "$OUT" >"$TMPD/s$k"
    cat "$TMPD/s$k" >>"$TMPD/union"
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" \
        -i "$TMPD/list.rev"
    targets "$OUT" >"$TMPD/s$k.rev"
    cmp -s "$TMPD/s$k" "$TMPD/s$k.rev"
    check $? "shard $k/3 is the same in another list order" \
        "$(diff "$TMPD/s$k" "$TMPD/s$k.rev")"
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" site
    targets "$OUT" | sed 's|//*|/|g' >"$TMPD/s$k.dir"
    cmp -s "$TMPD/s$k" "$TMPD/s$k.dir"
    check $? "shard $k/3 of a folder target is the same pages" \
        "$(diff "$TMPD/s$k" "$TMPD/s$k.dir")"
done

sort "$TMPD/list" >"$TMPD/all"
sort "$TMPD/union" >"$TMPD/union.sorted"
cmp -s "$TMPD/all" "$TMPD/union.sorted"
check $? "the 3 shards together check all 40 pages exactly once" \
    "$(diff "$TMPD/all" "$TMPD/union.sorted")"
for k in 1 2 3; do
    n=$(wc -l <"$TMPD/s$k")
    check "$([ "$n" -ge 5 ] && echo 0 || echo 1)" \
        "shard $k/3 is not starved ($n pages)"
done

run_attrcheck --no-config --offline -f jsonl -v --shard 2/3 -i "$TMPD/list"
n=$(wc -l <"$TMPD/s2")
grep -q "shard 2/3: $((40 - n)) targets left to other shards" "$ERR"
check $? "-v says how many targets other shards check" "$(show_run)"

run_attrcheck --no-config --offline -f jsonl --shard 1/1 -i "$TMPD/list"
n=$(wc -l <"$OUT")
check "$([ "$n" -eq 40 ] && echo 0 || echo 1)" "--shard 1/1 checks all ($n)"

# an unreadable list is reported on every shard
for k in 1 2; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/2" \
        -i "$TMPD/missing.txt"
    grep -q '"target": *"[^"]*missing.txt"' "$OUT"
    check $? "shard $k/2 reports a list it cannot read" "$(cat "$OUT")"
done

for bad in 0/3 4/3 1/4097 1/0 x/3 1/3x 3 ""; do
    run_attrcheck --no-config --offline --shard "$bad" site/p1.html
    if [ "$RC" -eq 2 ] && grep -q -- "--shard" "$ERR"; then
        ok "--shard '$bad' is a usage error"
    else
        not_ok "--shard '$bad' is a usage error" "$(show_run)"
    fi
done

done_testing
