#!/bin/sh
# SPDX-License-Identifier: MIT
# bad_input.sh: hostile and broken input (tests/fixtures/bad).  Each case
# asserts the exit status and a clear "attrcheck: ..." line on stderr that
# names the culprit, and that the binary never crashes (signal) or hangs
# (run_attrcheck kills it after 60 s).  Exit statuses: 2 = usage or
# configuration error, 3 = a target could not be checked.

. "$(dirname "$0")/lib.sh"

require_attrcheck
BAD="$FIXTURES/bad"
GOOD="$SRCDIR/data/examples/kennisland-copy.html"

# expect NAME WANT_RC [STDERR_SUBSTRING...]: checks the last run.
expect() {
    name=$1
    want=$2
    shift 2
    if crashed; then
        not_ok "$name" "crashed or hung: $(show_run)"
        return 0
    fi
    if [ "$RC" -ne "$want" ]; then
        not_ok "$name" "exit status $RC, want $want" "$(show_run)"
        return 0
    fi
    if ! grep -q '^attrcheck: ' "$ERR"; then
        not_ok "$name" "no 'attrcheck: ' line on stderr" "$(show_run)"
        return 0
    fi
    for s in "$@"; do
        if ! grep -qF -- "$s" "$ERR"; then
            not_ok "$name" "stderr lacks \"$s\"" "$(show_run)"
            return 0
        fi
    done
    ok "$name"
}

# result_field KEY: prints the verdict or licence family of the last run's
# first JSON result ("" when absent or unreadable).
result_field() {
    case $1 in
    verdict) path=verdict ;;
    *) path=license.family ;;
    esac
    json_field --first verdict --null "" "$OUT" "$path" 2>/dev/null |
        sed 's/^MISSING$//' || :
}

# is_field NAME KEY WANT: one TAP line comparing result_field KEY with WANT.
is_field() {
    got=$(result_field "$2")
    if [ "$got" = "$3" ]; then
        ok "$1"
    else
        not_ok "$1" "$2: got \"$got\", want \"$3\"" "$(show_run)"
    fi
}

# --- usage and configuration errors: exit 2, nothing checked ---------
run_attrcheck --no-such-option "$GOOD"
expect "unknown option: exit 2 and a hint" 2 "--no-such-option" \
    "try 'attrcheck --help'"

run_attrcheck --offline --rules "$BAD/rules-bad" "$GOOD"
expect "malformed rules: exit 2, names file and line" 2 "x.rules:3"

# The same file without the unknown kind: the broken regex is reported.
mkdir "$TMPD/rules-regex"
grep -v '^licence	' "$BAD/rules-bad/x.rules" >"$TMPD/rules-regex/x.rules"
line=$(grep -n 'NonCommercial' "$TMPD/rules-regex/x.rules" | cut -d: -f1)
run_attrcheck --offline --rules "$TMPD/rules-regex" "$GOOD"
expect "broken regex in rules: exit 2, names file and line" 2 "x.rules:$line"

run_attrcheck --offline --rules "$TMPD/no-such-rules-dir" "$GOOD"
expect "missing rules directory: exit 2" 2 "no-such-rules-dir"

# --- targets that cannot be checked: verdict error, exit 3 ------------
run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/missing.html"
expect "missing file: exit 3, names the file" 3 "missing.html"
is_field "missing file: verdict error" verdict error

mkdir "$TMPD/locked"
cp "$GOOD" "$TMPD/locked/page.html"
chmod 000 "$TMPD/locked"
if [ "$(id -u)" -eq 0 ]; then
    skip "unreadable folder: exit 3" "root can read a chmod 000 folder"
else
    run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/locked"
    expect "unreadable folder: exit 3, names the folder" 3 "locked"
fi
chmod 755 "$TMPD/locked"

run_attrcheck -f jsonl --offline --rules "$RULES" "$BAD/empty.html"
expect "empty file: exit 3, names the file" 3 "empty.html"
is_field "empty file: verdict error" verdict error

run_attrcheck -f jsonl --offline --rules "$RULES" "$BAD/binary.png"
expect "PNG image: exit 3, names the file" 3 "binary.png"

cp "$BAD/binary.png" "$TMPD/disguised.html"
run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/disguised.html"
expect "PNG bytes in a .html file: exit 3, names the file" 3 "disguised.html"
is_field "PNG bytes in a .html file: verdict error" verdict error

# Control bytes from a file name must reach the terminal escaped.
esc=$(printf '\033')
run_attrcheck --offline --rules "$RULES" "$TMPD/bad${esc}[31mname.html"
if crashed || [ "$RC" -ne 3 ]; then
    not_ok "control bytes in a file name: exit 3" "$(show_run)"
elif grep -q "$esc" "$ERR"; then
    not_ok "control bytes in a file name are escaped on stderr" "$(show_run)"
else
    ok "control bytes in a file name are escaped on stderr"
fi

# --- broken but checkable: no error ------------------------------------
run_attrcheck -f jsonl --offline --rules "$RULES" "$BAD/invalid-utf8.html"
if crashed || [ "$RC" -ne 0 ]; then
    not_ok "invalid UTF-8: checked, exit 0" "$(show_run)"
else
    ok "invalid UTF-8: checked, exit 0"
fi
is_field "invalid UTF-8: licence still found" family CC-BY

"$PYTHON3" -c '
import sys
n = 100000
sys.stdout.write("<!DOCTYPE html><html><body>" + "<div>" * n + "deep"
                 + "</div>" * n + "<p>Licensed under <a rel=\"license\" "
                 "href=\"https://creativecommons.org/licenses/by/4.0/\">"
                 "CC BY 4.0</a>.</p></body></html>\n")' >"$TMPD/deep.html"
run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/deep.html"
if crashed || [ "$RC" -ne 0 ]; then
    not_ok "100,000 nested elements: no crash, exit 0" "$(show_run)"
else
    ok "100,000 nested elements: no crash, exit 0"
fi
is_field "100,000 nested elements: licence after them found" verdict pass

"$PYTHON3" -c '
import sys
p = b"<p>filler text for a very large page, line after line.</p>\n"
sys.stdout.buffer.write(b"<!DOCTYPE html><html><body>"
                        + p * (50 * 1024 * 1024 // len(p))
                        + b"</body></html>\n")' >"$TMPD/big.html"
run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/big.html"
if crashed; then
    not_ok "50 MB page: no crash, no hang" "$(show_run)"
elif [ "$RC" -eq 0 ]; then
    ok "50 MB page: checked"
elif [ "$RC" -eq 3 ] && grep -q '^attrcheck: .*big\.html' "$ERR"; then
    ok "50 MB page: refused with a clear message"
else
    not_ok "50 MB page: exit 0, or 3 with a message" "$(show_run)"
fi

# A page of 20,000 licence links: statements are capped, so the run is
# linear and the report stays small.
"$PYTHON3" -c '
import sys
a = "<p><a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a> %d</p>\n"
sys.stdout.write("<!DOCTYPE html><html><body>"
                 + "".join(a % i for i in range(20000)) + "</body></html>\n")' \
    >"$TMPD/many.html"
run_attrcheck -f jsonl --offline --rules "$RULES" "$TMPD/many.html"
if crashed || [ "$RC" -ne 0 ]; then
    not_ok "20,000 licence links: checked, exit 0" "$(show_run)"
elif [ "$(wc -c <"$OUT")" -gt 1000000 ]; then
    not_ok "20,000 licence links: the report stays small" \
        "$(wc -c <"$OUT") bytes"
else
    ok "20,000 licence links: checked, a small report"
fi

done_testing
