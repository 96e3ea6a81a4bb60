#!/bin/sh
# SPDX-License-Identifier: MIT
# verify.sh: source verification end to end.  A small web of originals
# (tests/fixtures/verify/web, served by the loopback test server as
# https://orig.example/ through --remap) and copies that credit them
# (tests/fixtures/verify/copies) go through ONE run of the binary; each row
# of tests/fixtures/verify/cases.tsv then checks one target's verdict, the
# exact set of its finding codes and fields of its source check.  The
# server's log proves that twenty copies of one original fetched it once,
# that a 429 was retried and that a robots-disallowed source was never
# requested.  A row that attrcheck gets wrong carries a reason and is
# printed as "# TODO" (the expectation itself is never weakened).
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
V="$FIXTURES/verify"
srv_start --root "$V/web"
U=$SRV_URL

# Twenty more copies of one page: the original must be fetched once.
mkdir "$TMPD/swifts"
i=1
while [ "$i" -le 20 ]; do
    cp "$V/copies/18-swifts.html" "$TMPD/swifts/copy-$i.html"
    i=$((i + 1))
done

KL="$SRCDIR/data/examples"
run_attrcheck -f jsonl --timeout 60 --retries 1 \
    --remap "^https://orig\.example/(.*)\$ $U/\$1" \
    --remap "^https://other\.example/(.*)\$ $U/other/\$1" \
    --remap "^https://www\.kl\.nl/events/werken-aan-de-wakkere-stad/\$ file://$KL/kennisland-original.html" \
    --remap "^https://www\.wakkerestad\.nl/agenda/2024/werken-aan-de-wakkere-stad/\$ file://$KL/wakkerestad-original.html" \
    "$V"/copies/*.html "$KL/kennisland-copy.html" "$TMPD"/swifts/*.html

if crashed; then
    not_ok "one run over all copies" "crashed or hung: $(show_run)"
    done_testing
fi
# some copies fail, none is an error of the run itself
check "$([ "$RC" -eq 1 ]; echo $?)" "one run over all copies: exit status 1" \
    "$(show_run)"
# a sanitizer build reports on stderr (and exits 1, like a failing copy)
check "$(! grep -Eq 'runtime error|Sanitizer' "$ERR"; echo $?)" \
    "one run over all copies: no sanitizer report" "$(show_run)"

# judge CASES JSONL SRV FIRST: one TAP line per case, numbered from FIRST;
# writes "COUNT FAILED" to fd 3.
cat >"$TMPD/judge.py" <<'PY'
import json, sys

cases, jsonl, srv, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
srcdir, copies = sys.argv[5], sys.argv[6]
results = {}
for line in open(jsonl, encoding="utf-8"):
    obj = json.loads(line)
    results[obj.get("target")] = obj

def field(obj, path):
    if path.startswith("check."):
        path = "source." + path
    for key in path.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return "MISSING"
        obj = obj[key]
    return obj

def holds(obj, check):
    for op in ("$=", ">=", "<=", "="):
        if op in check:
            path, want = check.split(op, 1)
            break
    else:
        return "bad check %r" % check
    path, want = path.strip(), want.strip().replace("{SRV}", srv)
    got = field(obj, path)
    if op == "=" and want == "null":
        good = got is None
    elif op == "=":
        good = got is not None and not isinstance(got, (dict, list)) and \
            str(got) == want
    elif op == "$=":
        good = isinstance(got, str) and got.endswith(want)
    else:
        good = isinstance(got, (int, float)) and not isinstance(got, bool) \
            and (got >= float(want) if op == ">=" else got <= float(want))
    return None if good else "%s %s %s: got %s" % (path, op, want,
                                                   json.dumps(got))

def judge(obj, verdict, codes, checks):
    problems = []
    if obj is None:
        return ["no JSON line for this target"]
    if verdict != "*" and obj.get("verdict") != verdict:
        problems.append("verdict %s, want %s" % (obj.get("verdict"), verdict))
    if codes != "*":
        want = set() if codes == "-" else set(codes.split(","))
        got = [f.get("code") for f in obj.get("findings") or []]
        if set(got) != want or len(got) != len(set(got)):
            problems.append("findings %s, want %s" % (
                ",".join(got) or "-", ",".join(sorted(want)) or "-"))
    if checks != "-":
        for check in checks.split(";"):
            bad = holds(obj, check.strip())
            if bad:
                problems.append(bad)
    return problems

n = failed = 0
for row in open(cases, encoding="utf-8"):
    row = row.rstrip("\n")
    if not row or row.startswith("#"):
        continue
    name, target, verdict, codes, checks, todo = row.split("\t")
    path = srcdir + "/" + target[1:] if target.startswith("@") \
        else copies + "/" + target
    obj = results.get(path)
    problems = judge(obj, verdict, codes, checks)
    n += 1
    status = "not ok" if problems else "ok"
    mark = "" if todo == "-" else " # TODO " + todo
    print("%s %d - %s%s" % (status, first + n - 1, name, mark))
    if problems and todo == "-":
        failed += 1
    for p in problems:
        print("#   " + p)
    if problems and obj is not None:
        for f in obj.get("findings") or []:
            print("#   finding %s: %s" % (f.get("code"), f.get("message")))
with open(3, "w") as out:
    out.write("%d %d\n" % (n, failed))
PY
"$PYTHON3" "$TMPD/judge.py" "$V/cases.tsv" "$OUT" "$U" $((TAP_N + 1)) \
    "$SRCDIR" "$V/copies" 3>"$TMPD/counts"
read -r n failed <"$TMPD/counts"
TAP_N=$((TAP_N + n))
TAP_FAILED=$((TAP_FAILED + failed))

# Every one of the twenty extra copies passes with no findings.
cat >"$TMPD/swifts.py" <<'PY'
import json, sys
bad = []
seen = 0
for line in open(sys.argv[1], encoding="utf-8"):
    obj = json.loads(line)
    if "/swifts/copy-" not in obj.get("target", ""):
        continue
    seen += 1
    codes = [f.get("code") for f in obj.get("findings") or []]
    check = (obj.get("source") or {}).get("check") or {}
    if obj.get("verdict") != "pass" or codes or check.get("http_status") != 200:
        bad.append("%s: %s %s %s" % (obj["target"], obj.get("verdict"),
                                     codes, check.get("http_status")))
if seen != 20:
    bad.append("%d results for the 20 copies" % seen)
print("\n".join(bad))
PY
bad=$("$PYTHON3" "$TMPD/swifts.py" "$OUT")
check "$([ -z "$bad" ]; echo $?)" "18 twenty copies of one original all pass" \
    "$bad"

# requests PATH: how many requests the server logged for PATH (exactly).
requests() {
    awk -v p="$1" '$2 == p { n++ } END { print n + 0 }' "$SRV_LOG"
}
n=$(requests /articles/swifts.html)
check "$([ "$n" -eq 1 ]; echo $?)" \
    "18 twenty-one copies of one original fetch it once" \
    "requests for /articles/swifts.html: $n"
n=$(requests '/429then?file=/articles/seals.html')
check "$([ "$n" -eq 2 ]; echo $?)" "15 the 429 was retried once" \
    "requests for /429then?file=/articles/seals.html: $n"
n=$(requests /private/seals.html)
check "$([ "$n" -eq 0 ]; echo $?)" \
    "17 a source robots.txt disallows is never requested" \
    "requests for /private/seals.html: $n"

if [ "$TAP_FAILED" -ne 0 ]; then
    diag "server log:"
    diag "$(cat "$SRV_LOG")"
fi
done_testing
