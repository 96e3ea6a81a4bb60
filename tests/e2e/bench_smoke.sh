#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_smoke.sh: `bench/run --quick` works (a smoke test of the benchmark
# scripts, not a timing: nothing here judges a speed).  It generates the
# corpora, runs every floor and attrcheck once, and prints every line.

. "$(dirname "$0")/lib.sh"

require_attrcheck
out="$TMPD/bench.out"
if PYTHON3="$PYTHON3" sh "$SRCDIR/bench/run" --quick "$ATTRCHECK" \
    >"$out" 2>"$TMPD/bench.err"; then
    ok "bench/run --quick exits 0"
else
    not_ok "bench/run --quick exits 0" "$(tail -n 20 "$TMPD/bench.err")"
fi
for what in "gzip -dc" "attrcheck WARC" "xmllint --html" "attrcheck files" \
    "attrcheck --version" "attrcheck --offline small page" \
    "attrcheck -i URLS"; do
    if grep -q "^$what" "$out"; then
        ok "bench/run reports: $what"
    else
        not_ok "bench/run reports: $what" "$(cat "$out")"
    fi
done
if grep -q '^!!' "$out"; then
    not_ok "bench/run: the variants agree" "$(grep '^!!' "$out")"
else
    ok "bench/run: the variants agree"
fi
# the generator is deterministic: the same seed gives the same bytes
"$PYTHON3" "$SRCDIR/bench/gen.py" site "$TMPD/a" --pages 3 --seed 7
"$PYTHON3" "$SRCDIR/bench/gen.py" site "$TMPD/b" --pages 3 --seed 7
if diff -r "$TMPD/a" "$TMPD/b" >/dev/null; then
    ok "bench/gen.py is deterministic"
else
    not_ok "bench/gen.py is deterministic"
fi
done_testing
