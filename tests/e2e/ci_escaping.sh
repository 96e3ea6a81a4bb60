#!/bin/sh
# SPDX-License-Identifier: MIT
# ci_escaping.sh: hostile file names and messages in the CI formats.  Pages
# named with a comma, a percent sign, a quote, a pipe, a leading '=' and a
# newline, and a message with '%' (from the credited URL) and a newline
# (from a file name), must come out escaped: workflow-command escapes for
# github, RFC 4180 quoting and a formula guard for csv, well-formed XML for
# junit and parseable JSON for sarif and gitlab.

. "$(dirname "$0")/lib.sh"

require_attrcheck
unset GITHUB_STEP_SUMMARY
"$PYTHON3" -c 'import json, xml.dom.minidom' 2>/dev/null ||
    skip_all "python3 is needed to parse the reports"
mkdir -p "$TMPD/site"
cd "$TMPD/site"

unlinked='<p>This article was republished from <a href="https://news.example/caf%C3%A9/100%25">News</a> under a CC BY 4.0 licence.</p>'
for name in 'a,b.html' '100%.html' 'quote".html' 'pipe|x.html' '=cmd.html' \
    'new
line.html'; do
    printf '<!DOCTYPE html><html><head><title>t</title></head><body>\n<main><article><h1>Title</h1><p>Some text of the article that was copied.</p>\n%s\n</article></main></body></html>\n' \
        "$unlinked" >"$name"
done
# a credit without a licence: license-missing quotes the URL, with its '%'
printf '<!DOCTYPE html><html><head><title>t</title></head><body>\n<main><article><h1>Title</h1><p>Some text of the article that was copied.</p>\n%s\n</article></main></body></html>\n' \
    '<p>This article was republished from <a href="https://news.example/caf%C3%A9/100%25">News</a>.</p>' >pct.html
# a page that is not HTML, so a check-error message carries its name
printf 'PK\003\004\000\000binary' >'zip
%.html'

run() {
    run_attrcheck --offline --no-config -f "$1" .
    if crashed; then
        not_ok "$1: runs" "$(show_run)"
    else
        ok "$1: runs"
    fi
}

# has NAME FIXED_STRING: the last stdout contains FIXED_STRING.
has() {
    if grep -qF -- "$2" "$OUT"; then
        ok "$1"
    else
        not_ok "$1" "no '$2' in:" "$(head -c 1500 "$OUT")"
    fi
}


run github
has "github: comma in a property" "file=./a%2Cb.html,line=3,"
has "github: percent in a property" "file=./100%25.html,"
has "github: newline in a property" "file=./new%0Aline.html,"
has "github: percent in a message" "caf%25C3%25A9/100%2525"
has "github: newline in a message" "./zip%0A%25.html: not HTML"
lines=$(grep -c '^::' "$OUT" || :)
check "$([ "$lines" -eq 8 ] && echo 0 || echo 1)" "github: one line per annotation" \
    "$lines annotations: $(cat "$OUT")"

run csv
has "csv: a comma is quoted" '"./a,b.html",'
has "csv: a quote is doubled" '"./quote"".html",'
has "csv: a newline is quoted" '"./new
line.html",'
"$PYTHON3" - "$OUT" >"$TMPD/csv.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["target", "url", "verdict", "family", "version", "port",
                   "source", "findings"], rows[0]
assert all(len(r) == 8 for r in rows), rows
print("\n".join(r[0] for r in rows[1:]))
PY
check $? "csv: python's csv module reads 8 columns per row"
run_attrcheck --offline --no-config -f csv -- '=cmd.html' '-x.html' '@x' '+x'
has "csv: a leading = is defused" "'=cmd.html,"
has "csv: a leading - is defused" "'-x.html,"
has "csv: a leading @ is defused" "'@x,"
has "csv: a leading + is defused" "'+x,"

run junit
if "$PYTHON3" -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); names = [c.getAttribute("name") for c in d.getElementsByTagName("testcase")]; assert "./quote\".html" in names, names; assert "./new\nline.html" in names, names; assert len(d.getElementsByTagName("error")) == 1' "$OUT" 2>"$TMPD/py.err"; then
    ok "junit: well-formed XML with the names intact"
else
    not_ok "junit: well-formed XML with the names intact" "$(cat "$TMPD/py.err")"
fi

for fmt in sarif gitlab; do
    run "$fmt"
    if "$PYTHON3" -c 'import json, sys; json.load(open(sys.argv[1]))' "$OUT" \
        2>"$TMPD/py.err"; then
        ok "$fmt: valid JSON"
    else
        not_ok "$fmt: valid JSON" "$(cat "$TMPD/py.err")"
    fi
done
run sarif
has "sarif: a path is percent-encoded" '"uri": "./100%25.html"'
has "sarif: a comma stays" '"uri": "./a,b.html"'
has "sarif: a newline is percent-encoded" '"uri": "./new%0Aline.html"'

run markdown
has "markdown: a pipe in a table cell is escaped" '| ./pipe\|x.html |'
has "markdown: a newline in a table cell is a space" '| ./new line.html |'
done_testing
