#!/bin/sh
# SPDX-License-Identifier: MIT
# shard.sh: --shard K/N end to end.  Forty pages named in a list (and the
# same pages as a folder target) are checked offline as shards 1..3 of 3
# with -f jsonl (files split by name); the union of the shards' "target" fields must be every
# page exactly once, each shard must be the same on a second run and in
# another list order, and a bad K/N is a usage error (exit 2).  -v says
# how many targets were left to other shards.  URL targets and WARC
# records split by host (each host in one shard only), or by name with
# --shard-by target; --shard auto reads Slurm's, Kubernetes' and GNU
# parallel's variables, and is a usage error without them.

. "$(dirname "$0")/lib.sh"
unset SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_COUNT \
    SLURM_ARRAY_TASK_STEP JOB_COMPLETION_INDEX PARALLEL_SEQ

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
    json_field "$1" target | sort
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

# --- by host: URL targets and WARC records ---------------------------------
: >hlist
for h in a.example B.Example c.example d.example e.example f.example \
    g.example h.example; do
    for p in 1 2 3 4 5; do
        echo "https://$h/p$p.html" >>hlist
    done
done
# hosts FILE: "SHARD HOST" pairs, one per host seen in jsonl FILE
hosts_of() {
    "$PYTHON3" -c '
import json, sys, urllib.parse
for line in open(sys.argv[1]):
    print(urllib.parse.urlsplit(json.loads(line)["target"]).hostname)' "$1" |
        sort -u
}
: >hunion
: >hhosts
for k in 1 2 3; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" -i hlist
    targets "$OUT" >>hunion
    hosts_of "$OUT" >>hhosts
done
sort hlist >hall
sort hunion >hunion.sorted
cmp -s hall hunion.sorted
check $? "by host: 3 shards check all 40 URLs exactly once" \
    "$(diff hall hunion.sorted)"
check "$([ "$(sort hhosts | uniq -d | wc -l)" -eq 0 ] &&
    [ "$(wc -l <hhosts)" -eq 8 ] && echo 0 || echo 1)" \
    "by host: each of the 8 hosts is in one shard only" "$(cat hhosts)"
: >thosts
for k in 1 2 3; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" \
        --shard-by target -i hlist
    hosts_of "$OUT" >>thosts
done
check "$([ "$(sort thosts | uniq -d | wc -l)" -gt 0 ] && echo 0 || echo 1)" \
    "--shard-by target spreads a host over shards" "$(cat thosts)"
run_attrcheck --no-config --offline --shard 1/3 --shard-by port site/p1.html
check "$([ "$RC" -eq 2 ] && grep -q -- "--shard-by: 'port'" "$ERR" &&
    echo 0 || echo 1)" "--shard-by port is a usage error" "$(show_run)"

# WARC records split by the host of their WARC-Target-URI
"$PYTHON3" - <<'PY'
import gzip
out = open("hosts.warc.gz", "wb")
n = 0
for h in ["a.example", "b.example", "c.example", "d.example", "e.example"]:
    for p in range(4):
        n += 1
        body = b"<!doctype html><title>t</title><p>Page.</p>"
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        head = ("WARC/1.1\r\nWARC-Type: response\r\n"
                "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
                "WARC-Target-URI: https://%s/p%d\r\n"
                "WARC-Date: 2026-01-01T00:00:00Z\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                "Content-Length: %d\r\n\r\n" % (n, h, p, len(http)))
        out.write(gzip.compress(head.encode() + http + b"\r\n\r\n"))
out.close()
PY
: >wunion
: >whosts
for k in 1 2 3; do
    run_attrcheck --no-config --offline -f jsonl --shard "$k/3" hosts.warc.gz
    targets "$OUT" >>wunion
    "$PYTHON3" -c '
import json, sys, urllib.parse
for line in open(sys.argv[1]):
    print(urllib.parse.urlsplit(json.loads(line)["url"]).hostname)' "$OUT" |
        sort -u >>whosts
done
check "$([ "$(sort -u wunion | wc -l)" -eq 20 ] &&
    [ "$(wc -l <wunion)" -eq 20 ] && [ "$(wc -l <whosts)" -eq 5 ] &&
    echo 0 || echo 1)" \
    "WARC records: 20 pages once each, each of 5 hosts in one shard" \
    "$(cat whosts)"

# --- --shard auto -----------------------------------------------------------
run_attrcheck --no-config --offline -f jsonl --shard 2/3 -i "$TMPD/list"
cp "$OUT" want23
# auto_run VAR=VALUE... -- ARGS: run_attrcheck with those variables set
auto_run() {
    RUN_N=$((RUN_N + 1))
    OUT="$TMPD/run$RUN_N.out"
    ERR="$TMPD/run$RUN_N.err"
    RC=0
    vars=
    while [ "$1" != -- ]; do
        vars="$vars $1"
        shift
    done
    shift
    # shellcheck disable=SC2086
    env $vars timeout 60 "$ATTRCHECK" "$@" >"$OUT" 2>"$ERR" </dev/null ||
        RC=$?
}
auto_run SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 \
    SLURM_ARRAY_TASK_COUNT=3 -- --no-config --offline -f jsonl --shard auto \
    -i "$TMPD/list"
check "$([ "$RC" -eq 0 ] && cmp -s "$OUT" want23 && echo 0 || echo 1)" \
    "auto in a Slurm array (task 5 of 4..6) is 2/3" "$(show_run)"
auto_run JOB_COMPLETION_INDEX=1 -- --no-config --offline -f jsonl \
    --shard auto/3 -i "$TMPD/list"
check "$([ "$RC" -eq 0 ] && cmp -s "$OUT" want23 && echo 0 || echo 1)" \
    "auto/3 in a Kubernetes Indexed Job (index 1) is 2/3" "$(show_run)"
auto_run PARALLEL_SEQ=2 -- --no-config --offline -f jsonl --shard auto/3 \
    -i "$TMPD/list"
check "$([ "$RC" -eq 0 ] && cmp -s "$OUT" want23 && echo 0 || echo 1)" \
    "auto/3 under GNU parallel (job 2) is 2/3" "$(show_run)"
auto_run HOME=/ -- --no-config --offline --shard auto site/p1.html
check "$([ "$RC" -eq 2 ] && grep -q "no engine says which shard" "$ERR" &&
    echo 0 || echo 1)" "auto with no engine: exit 2, says so" "$(show_run)"
auto_run JOB_COMPLETION_INDEX=0 -- --no-config --offline --shard auto \
    site/p1.html
check "$([ "$RC" -eq 2 ] && grep -q "give auto/N" "$ERR" && echo 0 ||
    echo 1)" "auto in Kubernetes without /N: exit 2, says so" "$(show_run)"
auto_run PARALLEL_SEQ=4 -- --no-config --offline --shard auto/3 site/p1.html
check "$([ "$RC" -eq 2 ] && grep -q "shard 4 of 3 does not exist" "$ERR" &&
    echo 0 || echo 1)" "auto/3 as parallel job 4: exit 2" "$(show_run)"
auto_run SLURM_ARRAY_TASK_ID=one SLURM_ARRAY_TASK_MIN=1 \
    SLURM_ARRAY_TASK_COUNT=3 -- --no-config --offline --shard auto site/p1.html
check "$([ "$RC" -eq 2 ] && grep -q "SLURM_ARRAY_TASK_ID='one' is not a number" "$ERR" &&
    echo 0 || echo 1)" "auto with a bad Slurm variable: exit 2" "$(show_run)"

done_testing
