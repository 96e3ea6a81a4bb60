#!/bin/sh
# SPDX-License-Identifier: MIT
# lang.sh: licence claims and copy notices in the languages Creative
# Commons speaks.  tests/fixtures/lang/<lang>/ holds short pages of our
# own: a claim linked to its deed, a claim in words only, a copy notice
# with its source (the eight copy-cue languages) and the same words in
# running prose that must give no source.  expect.tsv says, per page, the
# licence family and version, the source and the verdict ("-" = none);
# every page is checked offline and every field compared.  The generated
# claim rules must also be current (tools/gen-claims.py on data/src).

. "$(dirname "$0")/lib.sh"

require_attrcheck
command -v "$PYTHON3" >/dev/null 2>&1 || skip_all "no python3 to read JSON"
LANGDIR="$FIXTURES/lang"

run_attrcheck -f jsonl --offline "$LANGDIR"
if crashed; then
    not_ok "checked the language fixtures" "$(show_run)"
else
    "$PYTHON3" - "$LANGDIR/expect.tsv" "$OUT" <<'PY' >"$TMPD/tap" || :
import json, os, sys
want = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    page, fam, ver, src, verdict = line.rstrip("\n").split("\t")
    want[page] = (fam, ver, src, verdict)
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    page = "/".join(r["target"].split("/")[-2:])
    lic = r.get("license") or {}
    src = r.get("source") or {}
    got[page] = (lic.get("family") or "-", lic.get("version") or "-",
                 src.get("url") or "-", r.get("verdict") or "-")
for page in sorted(want):
    g = got.get(page)
    if g == want[page]:
        print("ok %s" % page)
    else:
        print("not ok %s\twant %s got %s" % (page, "/".join(want[page]),
                                             "/".join(g) if g else "nothing"))
print("pages %d %d" % (len(want), len(got)))
PY
    while IFS= read -r line; do
        case $line in
        "ok "*) ok "${line#ok }" ;;
        "not ok "*)
            rest=${line#not ok }
            not_ok "${rest%%	*}" "${rest#*	}"
            ;;
        "pages "*)
            set -- $line
            if [ "$2" -gt 60 ] && [ "$2" = "$3" ]; then
                ok "every page has an expectation ($2 pages)"
            else
                not_ok "every page has an expectation" "$2 expected, $3 checked"
            fi
            ;;
        esac
    done <"$TMPD/tap"
fi

# The generator cuts known translations as expected.
if "$PYTHON3" "$SRCDIR/tools/gen-claims.py" --self-test >"$TMPD/self" 2>&1; then
    ok "gen-claims.py --self-test ($(grep -c '^ok' "$TMPD/self") cases)"
else
    not_ok "gen-claims.py --self-test" "$(grep -v '^ok' "$TMPD/self")"
fi

# The generated claim rules are current.
if "$PYTHON3" "$SRCDIR/tools/gen-claims.py" \
    "$SRCDIR/data/src/cc-chooser-strings.tsv" >"$TMPD/40.rules" &&
    cmp -s "$TMPD/40.rules" "$RULES/40-claims.rules"; then
    ok "data/rules/40-claims.rules is current"
else
    not_ok "data/rules/40-claims.rules is current" \
        "run: make regen (or tools/gen-claims.py -o data/rules/40-claims.rules)" "$(diff "$RULES/40-claims.rules" "$TMPD/40.rules" | head -20)"
fi
done_testing
