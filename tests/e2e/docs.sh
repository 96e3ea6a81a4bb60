#!/bin/sh
# SPDX-License-Identifier: MIT
# docs.sh: keeps the user documentation honest.  Every long option that
# `attrcheck --help` prints must appear in docs/attrcheck.1 (as \-\-NAME
# or --NAME), and every finding code in src/findings.c's TABLE must head a
# section ("## `CODE`") of docs/findings.md, and no section may name a code
# the table does not have.  The codes are read from the source, as the
# binary has no option to list them.  It does not check what the text says.

. "$(dirname "$0")/lib.sh"

require_attrcheck
MAN="$SRCDIR/docs/attrcheck.1"
FINDINGS="$SRCDIR/docs/findings.md"
TABLE_SRC="$SRCDIR/src/findings.c"

# Long options: the option lines of --help ("  -i, --input FILE  ...").
run_attrcheck --help
if [ "$RC" -ne 0 ]; then
    not_ok "attrcheck --help exits 0" "$(show_run)"
    done_testing
fi
sed -n 's/^  *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z0-9-]*\).*/\2/p' "$OUT" \
    >"$TMPD/options"
n=$(wc -l <"$TMPD/options")
check "$([ "$n" -ge 10 ] && echo 0 || echo 1)" \
    "--help lists options ($n found)" "$(cat "$OUT")"

# In roff a '-' is written '\-'; turn that back before searching.
sed 's/\\-/-/g' "$MAN" >"$TMPD/man"
while IFS= read -r opt; do
    if grep -q -e "--$opt\([^a-z0-9-]\|\$\)" "$TMPD/man"; then
        ok "attrcheck.1 documents --$opt"
    else
        not_ok "attrcheck.1 documents --$opt" "no \\-\\-$opt in docs/attrcheck.1"
    fi
done <"$TMPD/options"

# Finding codes: the first string of each row of TABLE in findings.c.
sed -n '/^static const struct finding_def TABLE\[\] = {/,/^};/p' "$TABLE_SRC" |
    sed -n 's/^ *{"\([a-z][a-z0-9-]*\)",.*/\1/p' >"$TMPD/codes"
n=$(wc -l <"$TMPD/codes")
check "$([ "$n" -ge 5 ] && echo 0 || echo 1)" \
    "src/findings.c TABLE has codes ($n found)"

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
            "docs/findings.md documents $code, which src/findings.c lacks"
    fi
done <"$TMPD/headings"

done_testing
