#!/bin/sh
# SPDX-License-Identifier: MIT
# threads.sh: --threads changes no result and no order.  The fixture
# pages (with --base-url sources on disk), a generated site and a
# generated WARC file are checked with --threads 1, 2 and 5; the reports
# must be byte for byte the same, in the same (target) order, in every
# report format that reads what the workers kept (jsonl, json, text,
# html) and with targets that bypass the workers between the pages.  Bad
# --threads values are usage errors.

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
"$PYTHON3" bench/gen.py site "$TMPD/site" --pages 60 --seed 21
"$PYTHON3" bench/gen.py warc "$TMPD/cc.warc.gz" --pages 60 --seed 22

# same_for_threads NAME ARGS...: ARGS give the same report with 1, 2, 5.
same_for_threads() {
    name=$1
    shift
    run_attrcheck --threads 1 "$@"
    if crashed || [ ! -s "$OUT" ]; then
        not_ok "$name: --threads 1 runs" "$(show_run)"
        return
    fi
    cp "$OUT" "$TMPD/one"
    for n in 2 5; do
        run_attrcheck --threads "$n" "$@"
        if cmp -s "$TMPD/one" "$OUT"; then
            ok "$name: --threads $n gives the --threads 1 report ($(wc -l <"$OUT") lines)"
        else
            not_ok "$name: --threads $n gives the --threads 1 report" \
                "$(diff "$TMPD/one" "$OUT" | head -c 3000)"
        fi
    done
}

pages="$FIXTURES/forms $FIXTURES/verify $FIXTURES/ci-site $FIXTURES/golden-site data/examples $FIXTURES/bad"
# shellcheck disable=SC2086
same_for_threads fixtures -f jsonl --offline $pages
same_for_threads "site with sources on disk" -f json --offline \
    --base-url https://example.org/ "$FIXTURES/ci-site"
same_for_threads "generated site" -f jsonl --offline "$TMPD/site"
same_for_threads "generated WARC" -f jsonl --offline "$TMPD/cc.warc.gz"
same_for_threads "text report" --offline "$TMPD/site" "$FIXTURES/forms"
# the HTML report keeps each page's notice and texts beside the original's
same_for_threads "HTML report" -f html --html-texts all --offline \
    --base-url https://example.org/ "$FIXTURES/ci-site"
# results that do not go through the workers (a URL under --offline, a
# missing file) come out between the pages given before and after them
same_for_threads "mixed targets" -f jsonl --offline "$FIXTURES/forms" \
    https://example.org/a.html "$TMPD/site" "$TMPD/no-such.html" \
    "$TMPD/cc.warc.gz" "$FIXTURES/verify"

# the order is the targets' order, not the order threads finish in
run_attrcheck --threads 4 -f jsonl --offline "$TMPD/site"
sed -n 's/^{"target":"\([^"]*\)".*/\1/p' "$OUT" >"$TMPD/order"
if sort "$TMPD/order" | cmp -s - "$TMPD/order" && [ -s "$TMPD/order" ]; then
    ok "a folder's pages come out sorted with --threads 4"
else
    not_ok "a folder's pages come out sorted with --threads 4" \
        "$(head -5 "$TMPD/order")"
fi

for bad in 0 -1 257 x; do
    run_attrcheck --threads "$bad" --offline "$TMPD/site"
    if [ "$RC" -eq 2 ] && grep -q "threads" "$ERR"; then
        ok "--threads $bad is a usage error"
    else
        not_ok "--threads $bad is a usage error" "$(show_run)"
    fi
done
done_testing
