#!/bin/sh
# SPDX-License-Identifier: MIT
# docs.sh: keeps the user documentation honest.  The man page
# docs/attrcheck.1 is what tools/gen-man.py makes from the option table
# and docs/options/*.roff (so it is current and documents every option);
# every option of the table is in `attrcheck --help`; every finding code
# heads a section ("## `CODE`") of docs/findings.md and no section names a
# code the table lacks; every src/*.c has its row in docs/internals.md.
# The tables come from tools/doctables, which reads
# them from the library: nothing here scrapes C source.  It does not
# check what the text says.

. "$(dirname "$0")/lib.sh"

require_attrcheck
DOCTABLES="$BUILDDIR/tools/doctables"
MAN="$SRCDIR/docs/attrcheck.1"
FINDINGS="$SRCDIR/docs/findings.md"
if [ ! -x "$DOCTABLES" ]; then
    skip_all "tools/doctables not built ($DOCTABLES)"
fi

"$DOCTABLES" options >"$TMPD/options.tsv"
cut -f1 "$TMPD/options.tsv" >"$TMPD/options"
n=$(wc -l <"$TMPD/options")
check "$([ "$n" -ge 10 ] && echo 0 || echo 1)" "the option table ($n options)"

# The committed man page is the generated one.
if [ "$PYTHON3" = no ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
    skip "docs/attrcheck.1 is current" "no python3"
elif ! "$PYTHON3" "$SRCDIR/tools/gen-man.py" -o "$TMPD/attrcheck.1" \
    "$TMPD/options.tsv" 2>"$TMPD/gen.err"; then
    not_ok "tools/gen-man.py runs" "$(cat "$TMPD/gen.err")"
elif cmp -s "$TMPD/attrcheck.1" "$MAN"; then
    ok "docs/attrcheck.1 is current"
else
    not_ok "docs/attrcheck.1 is current" "run 'make regen' and commit:" \
        "$(diff -u "$MAN" "$TMPD/attrcheck.1" | head -40)"
fi

# Every option is in --help and in the man page (as \-\-NAME).
run_attrcheck --help
expect_rc 0 "attrcheck --help exits 0"
sed 's/\\-/-/g' "$MAN" >"$TMPD/man"
while IFS= read -r opt; do
    if grep -q -e "--$opt\([^a-z0-9-]\|\$\)" "$OUT"; then
        ok "--help lists --$opt"
    else
        not_ok "--help lists --$opt" "$(cat "$OUT")"
    fi
    if grep -q -e "--$opt\([^a-z0-9-]\|\$\)" "$TMPD/man"; then
        ok "attrcheck.1 documents --$opt"
    else
        not_ok "attrcheck.1 documents --$opt" "no \\-\\-$opt in docs/attrcheck.1"
    fi
done <"$TMPD/options"

# Finding codes.
"$DOCTABLES" findings >"$TMPD/codes"
n=$(wc -l <"$TMPD/codes")
check "$([ "$n" -ge 5 ] && echo 0 || echo 1)" "the findings table ($n codes)"

sed -n 's/^## `\([a-z][a-z0-9-]*\)`.*/\1/p' "$FINDINGS" >"$TMPD/headings"
while IFS= read -r code; do
    if grep -qx -e "$code" "$TMPD/headings"; then
        ok "findings.md has a section for $code"
    else
        not_ok "findings.md has a section for $code" \
            "no heading '## \`$code\`' in docs/findings.md"
    fi
done <"$TMPD/codes"
while IFS= read -r code; do
    if ! grep -qx -e "$code" "$TMPD/codes"; then
        not_ok "findings.md section $code is a real code" \
            "docs/findings.md documents $code, which the findings table lacks"
    fi
done <"$TMPD/headings"

# Every source file has its line in docs/internals.md's table of src/,
# and the table names no file that is gone.
INTERNALS="$SRCDIR/docs/internals.md"
for f in "$SRCDIR"/src/*.c; do
    b=$(basename "$f")
    if grep -q "^|[^|]*| \`$b\` |" "$INTERNALS"; then
        ok "internals.md lists src/$b"
    else
        not_ok "internals.md lists src/$b" \
            "no row '| stage | \`$b\` | ... |' in docs/internals.md"
    fi
done
sed -n '/^## Every file of `src\/`/,/^## /s/^|[^|]*| `\([a-z_0-9]*\.c\)` |.*/\1/p' \
    "$INTERNALS" >"$TMPD/listed"
while IFS= read -r b; do
    if [ ! -f "$SRCDIR/src/$b" ]; then
        not_ok "internals.md row $b is a file" "src/$b does not exist"
    fi
done <"$TMPD/listed"
expect_eq "$(ls "$SRCDIR"/src/*.c | wc -l | tr -d ' ')" \
    "$(wc -l <"$TMPD/listed" | tr -d ' ')" "internals.md: one row per src/*.c"

done_testing
