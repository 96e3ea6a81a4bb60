#!/bin/sh
# SPDX-License-Identifier: MIT
# triggers.sh: the shortcuts only skip work, never a hit.
# - The trigger lines of data/rules: every fixture page is checked with
#   the shipped rules and with the same rules minus their trigger lines.
# - The prefilter (src/prefilter.c, src/rules_factor.c): the fixture
#   pages, the generated corpora of bench/gen.py (a site and a WARC file)
#   and, when the shared corpora are there (ATTRCHECK_CORPUS, default
#   SRCDIR/../shared/corpus), the real pages and the ScanCode CC rules
#   (each as a page) are checked with and without it
#   (ATTRCHECK_PREFILTER=0).
# - The rules table (src/rules_table.c): it is what tools/gen-rules-table
#   makes of data/rules today, and the same inputs are checked with it and
#   with a copy of the rules it does not fit (one comment line more), which
#   are worked out at load and compiled eagerly.
# The reports must be byte for byte the same.  A rule added without
# keeping its file's trigger in step, or a rule the prefilter reads
# wrongly, fails here.

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
mkdir "$TMPD/rules"
for f in data/rules/*.rules; do
    grep -v '^trigger	' "$f" >"$TMPD/rules/$(basename "$f")" || :
done
n=$(grep -c '^trigger	' data/rules/*.rules | awk -F: '{ s += $2 } END { print s + 0 }')
if [ "$n" -gt 0 ]; then
    ok "the shipped rules have trigger lines ($n)"
else
    not_ok "the shipped rules have trigger lines" "none found"
fi

pages="$FIXTURES/forms $FIXTURES/verify $FIXTURES/ci-site $FIXTURES/golden-site $FIXTURES/lang data/examples"
# shellcheck disable=SC2086
run_attrcheck -f jsonl --offline $pages
cp "$OUT" "$TMPD/with"
# shellcheck disable=SC2086
run_attrcheck -f jsonl --offline --rules "$TMPD/rules" $pages
if crashed; then
    not_ok "checked without triggers" "$(show_run)"
elif cmp -s "$TMPD/with" "$OUT"; then
    ok "the same reports with and without triggers ($(wc -l <"$OUT") pages)"
else
    not_ok "the same reports with and without triggers" \
        "$(diff "$TMPD/with" "$OUT" | head -c 3000)"
fi
gen=$BUILDDIR/tools/gen-rules-table
if "$gen" --check data/rules src/rules_table.c; then
    ok "src/rules_table.c is current"
else
    not_ok "src/rules_table.c is current" "run make regen"
fi
mkdir "$TMPD/untabled"
cp data/rules/*.rules "$TMPD/untabled/"
echo "# not the shipped rules: no table fits" >>"$TMPD/untabled/00-licenses.rules"

# same_without WHAT NAME ARGS...: the reports of ARGS agree with and
# without WHAT (prefilter: ATTRCHECK_PREFILTER=0; table: the rules copy).
same_without() {
    what=$1
    name=$2
    shift 2
    run_attrcheck -f jsonl --offline "$@"
    cp "$OUT" "$TMPD/pre"
    if [ "$what" = prefilter ]; then
        ATTRCHECK_PREFILTER=0 run_attrcheck -f jsonl --offline "$@"
    else
        run_attrcheck -f jsonl --offline --rules "$TMPD/untabled" "$@"
    fi
    if crashed; then
        not_ok "$name: checked without the $what" "$(show_run)"
    elif [ ! -s "$OUT" ]; then
        not_ok "$name: checked without the $what" "no report"
    elif cmp -s "$TMPD/pre" "$OUT"; then
        ok "$name: the same reports with and without the $what ($(wc -l <"$OUT") pages)"
    else
        not_ok "$name: the same reports with and without the $what" \
            "$(diff "$TMPD/pre" "$OUT" | head -c 3000)"
    fi
}
same_without_prefilter() {
    same_without prefilter "$@"
    same_without table "$@"
}

# shellcheck disable=SC2086
same_without_prefilter fixtures $pages "$FIXTURES/golden" "$FIXTURES/bad"
"$PYTHON3" bench/gen.py site "$TMPD/gen-site" --pages 150 --seed 11
same_without_prefilter "generated site" "$TMPD/gen-site"
"$PYTHON3" bench/gen.py warc "$TMPD/gen.warc.gz" --pages 150 --seed 12
same_without_prefilter "generated WARC" "$TMPD/gen.warc.gz"
corpus=${ATTRCHECK_CORPUS:-$SRCDIR/../shared/corpus}
if [ -d "$corpus/real-pages" ]; then
    same_without_prefilter "real pages" "$corpus/real-pages"
else
    skip "real pages" "$corpus/real-pages not here"
fi
if [ -d "$corpus/scancode-cc-rules/rules" ]; then
    mkdir "$TMPD/scancode"
    # one page per rule: its text (after the YAML front matter) escaped
    awk -v d="$TMPD/scancode" '
        FNR == 1 { if (out) { print "</p></body></html>" >out; close(out) }
                   n = split(FILENAME, parts, "/"); out = d "/" parts[n] ".html"
                   print "<!DOCTYPE html><html><body><p>" >out
                   fm = ($0 == "---"); if (fm) next }
        fm { if ($0 == "---") fm = 0; next }
        { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); print >out }
        END { if (out) print "</p></body></html>" >out }' \
        "$corpus"/scancode-cc-rules/rules/*.RULE
    same_without_prefilter "ScanCode rules as pages" "$TMPD/scancode"
else
    skip "ScanCode rules as pages" "$corpus/scancode-cc-rules not here"
fi
done_testing
