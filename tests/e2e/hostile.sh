#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile.sh: pages built to hurt the parser, checked offline: one result
# per target, a clear error kind where the page cannot be checked, never
# a crash or a hang.  One element with a million attributes (libxml2 2.9
# is quadratic in them: the pre-parse cap of html_budget.c makes it
# too-complex), 10,000 nested elements, a 5 MB single line, NUL bytes
# and invalid UTF-8, an absurd <meta charset>, a JSON-LD block of 100,000
# nested arrays, a page cut inside its first tags.  No timing is asserted: docs/security.md gives the times
# and peak RSS, measured by hand.
. "$(dirname "$0")/lib.sh"

require_attrcheck
if [ "$PYTHON3" = no ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
    skip_all "no python3 to build the pages"
fi
D="$TMPD/pages"
mkdir -p "$D"
"$PYTHON3" - "$D" <<'PY'
import sys
d = sys.argv[1]
def w(name, data):
    with open(d + "/" + name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
cc = '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
w("attrs.html", "<html><body><p " +
  " ".join('a%d="x"' % i for i in range(1000000)) + ">hi " + cc + "</p></body></html>")
w("nested.html", "<html><body>" + "<div>" * 10000 + "Licensed under " + cc +
  "</div>" * 10000 + "</body></html>")
w("line.html", "<html><body><p>" + "word " * 1000000 + cc + "</p></body></html>")
w("nul.html", b"<html><body><p>a\x00b \xff\xfe \xc3\x28 licensed under " +
  b'<a rel="license" href="https://creativecommons.org/licenses/by/4.0/\x00">CC BY 4.0</a></p></body></html>')
w("charset.html", '<html><head><meta charset="x-absurd-9999"></head><body><p>Licensed under ' + cc + "</p></body></html>")
w("jsonld.html", '<html><head><script type="application/ld+json">' + "[" * 100000 +
  "]" * 100000 + "</script></head><body><p>Licensed under " + cc + "</p></body></html>")
w("cut.html", "<!DOCTYPE html><html")
PY

run_attrcheck --offline --no-config -f jsonl --max-size 64M \
    "$D/attrs.html" "$D/nested.html" "$D/line.html" "$D/nul.html" \
    "$D/charset.html" "$D/jsonld.html" "$D/cut.html"
check "$(crashed && echo 1 || echo 0)" "no crash or hang" "$(show_run)"
n=$(wc -l <"$OUT")
expect_eq 7 "$n" "one result per page"
field() {
    json_field --suffix "$1" "$OUT" "$2"
}
expect_eq too-complex "$(field /attrs.html error.kind)" \
    "a million attributes: error too-complex"
case $(field /attrs.html error.message) in
*attributes*) ok "its message says why" ;;
*) not_ok "its message says why" "$(field /attrs.html error.message)" ;;
esac
expect_eq CC-BY-4.0 "$(field /nested.html license.spdx)" \
    "10,000 nested elements: the licence is still found"
expect_eq CC-BY-4.0 "$(field /line.html license.spdx)" \
    "a 5 MB line: the licence at its end is found"
expect_eq not-html "$(field /nul.html error.kind)" \
    "NUL bytes: error not-html (binary data), no crash"
expect_eq CC-BY-4.0 "$(field /charset.html license.spdx)" \
    "an absurd meta charset: read as UTF-8, the licence found"
expect_eq CC-BY-4.0 "$(field /jsonld.html license.spdx)" \
    "100,000 nested JSON-LD arrays: the page is still read"
expect_eq none "$(field /cut.html verdict)" \
    "a page cut inside its first tags: checked (nothing found), no crash"
expect_rc 3 "exit 3: a page could not be checked"
if grep -q "AddressSanitizer\|runtime error" "$ERR"; then
    not_ok "no sanitizer report" "$(head -c 2000 "$ERR")"
else
    ok "no sanitizer report"
fi

done_testing
