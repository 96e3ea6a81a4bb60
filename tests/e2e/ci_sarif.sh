#!/bin/sh
# SPDX-License-Identifier: MIT
# ci_sarif.sh: the SARIF report's structure, checked with python3's json
# module (no SARIF validator works offline): the keys code scanning needs,
# a rule for every finding code the binary knows, results that point at a
# rule, a relative file and a line, and fingerprints that survive an edit
# above the finding.

. "$(dirname "$0")/lib.sh"

require_attrcheck
unset GITHUB_STEP_SUMMARY
"$PYTHON3" -c 'import json' 2>/dev/null ||
    skip_all "python3 is needed to read the SARIF"
cd "$SRCDIR"

# the codes, as the binary lists them for a bad --severity
run_attrcheck --no-config --severity nope=off x
sed -n 's/^attrcheck: valid finding codes: //p' "$ERR" | tr -d ' ' |
    tr ',' '\n' >"$TMPD/codes"
check "$([ -s "$TMPD/codes" ] && echo 0 || echo 1)" "the binary lists its codes"

run_attrcheck -f sarif --offline --no-config --exclude 'drafts/**' \
    --require-license 'docs/**' tests/fixtures/ci-site
check "$([ "$RC" -eq 1 ] && echo 0 || echo 1)" "sarif: exit status 1" "$(show_run)"
cp "$OUT" "$TMPD/before.sarif"

"$PYTHON3" - "$OUT" "$TMPD/codes" >"$TMPD/py.out" 2>&1 <<'PY'
import json, sys

doc = json.load(open(sys.argv[1]))
codes = [c for c in open(sys.argv[2]).read().split() if c]
fails = []

def need(cond, what):
    if not cond:
        fails.append(what)

need(doc.get("version") == "2.1.0", "version 2.1.0")
need("sarif-2.1.0" in doc.get("$schema", ""), "$schema")
need(isinstance(doc.get("runs"), list) and len(doc["runs"]) == 1, "one run")
run = doc["runs"][0]
driver = run["tool"]["driver"]
for key in ("name", "version", "informationUri", "rules"):
    need(key in driver, "driver." + key)
need(driver.get("name") == "attrcheck", "driver.name attrcheck")
ids = [r["id"] for r in driver["rules"]]
for c in codes:
    need(c in ids, "a rule for " + c)
need("check-error" in ids, "a rule for check-error")
for r in driver["rules"]:
    need(r.get("shortDescription", {}).get("text"), r["id"] + " short")
    need(r.get("fullDescription", {}).get("text"), r["id"] + " full")
    need(r.get("helpUri", "").endswith("#" + r["id"]), r["id"] + " helpUri")
    if r["id"] != "check-error":
        need("docs/findings.md#" in r["helpUri"], r["id"] + " findings.md")
results = run["results"]
need(len(results) == 4, "4 results, got %d" % len(results))
for res in results:
    rid = res.get("ruleId")
    need(rid in ids, "ruleId %s is a rule" % rid)
    need(ids[res.get("ruleIndex", -1)] == rid, "ruleIndex of " + str(rid))
    need(res.get("level") in ("error", "warning", "note"), "level")
    need(res.get("message", {}).get("text"), "message.text")
    loc = res["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    need(uri.startswith("tests/fixtures/ci-site/"), "relative uri " + uri)
    if "region" in loc:
        need(loc["region"]["startLine"] >= 1, "startLine >= 1")
    fp = res.get("partialFingerprints", {})
    need(len(fp) == 1 and all(len(v) == 32 for v in fp.values()),
         "a partial fingerprint")
by = {r["ruleId"]: r for r in results}
need(by["license-missing"]["locations"][0]["physicalLocation"]["region"]
     ["startLine"] == 12, "license-missing on line 12")
need(by["license-unlinked"]["level"] == "warning", "unlinked is a warning")
need("region" not in by["check-error"]["locations"][0]["physicalLocation"],
     "check-error has no line")
print("\n".join(fails) if fails else "ok")
sys.exit(1 if fails else 0)
PY
check $? "sarif: structure" "$(cat "$TMPD/py.out")"

# an edit above a finding moves its line but keeps its fingerprint
mkdir -p "$TMPD/site/tests/fixtures"
cp -R tests/fixtures/ci-site "$TMPD/site/tests/fixtures/"
cd "$TMPD/site"
sed 's/^<body>$/<body>\n<p>A new paragraph.<\/p>\n<p>And another.<\/p>/' \
    tests/fixtures/ci-site/posts/no-license.html >"$TMPD/edited.html"
mv "$TMPD/edited.html" tests/fixtures/ci-site/posts/no-license.html
run_attrcheck -f sarif --offline --no-config --exclude 'drafts/**' \
    --require-license 'docs/**' tests/fixtures/ci-site
"$PYTHON3" - "$TMPD/before.sarif" "$OUT" >"$TMPD/py.out" 2>&1 <<'PY'
import json, sys

def load(p):
    rs = json.load(open(p))["runs"][0]["results"]
    return {r["ruleId"]: r for r in rs}

a, b = load(sys.argv[1]), load(sys.argv[2])
line = lambda r: r["locations"][0]["physicalLocation"]["region"]["startLine"]
m1, m2 = a["license-missing"], b["license-missing"]
assert line(m2) == line(m1) + 2, (line(m1), line(m2))
assert m1["partialFingerprints"] == m2["partialFingerprints"]
assert a["license-unlinked"]["partialFingerprints"] != \
    m1["partialFingerprints"]
print("ok")
PY
check $? "sarif: fingerprints survive an edit above" "$(cat "$TMPD/py.out")"
done_testing
