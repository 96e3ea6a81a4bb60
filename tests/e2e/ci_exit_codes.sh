#!/bin/sh
# SPDX-License-Identifier: MIT
# ci_exit_codes.sh: the exit status under each --fail-on (and --strict) for
# pages that pass, warn, fail and cannot be checked, alone and together.
# 0 pass, 1 what --fail-on names, 3 nothing failed but something was not
# checked, and --fail-on never is 0 unless attrcheck itself fails (2).

. "$(dirname "$0")/lib.sh"

require_attrcheck
cd "$SRCDIR"
unset GITHUB_STEP_SUMMARY
SITE=tests/fixtures/ci-site
PASS=$SITE/index.html
WARN=$SITE/posts/unlinked.html
FAIL=$SITE/posts/no-license.html
# a credit without a licence warns by default; a CC-only site makes it fail
CC_ONLY="--severity license-missing=error"
ERROR=$SITE/posts/broken.html

# expect RC NAME ARGS...: runs attrcheck with ARGS and checks the status.
expect() {
    want=$1
    name=$2
    shift 2
    run_attrcheck --offline --no-config -f csv "$@"
    if crashed; then
        not_ok "$name" "crashed or hung: $(show_run)"
    else
        check "$([ "$RC" -eq "$want" ] && echo 0 || echo 1)" "$name" \
            "exit status $RC, want $want" "$(show_run)"
    fi
}

for mode in warn fail error never; do
    case $mode in
    warn) w=1 f=1 e=3 we=1 ;;
    fail) w=0 f=1 e=3 we=3 ;;
    error) w=0 f=1 e=1 we=1 ;;
    never) w=0 f=0 e=0 we=0 ;;
    esac
    expect 0 "--fail-on $mode: pass" --fail-on "$mode" "$PASS"
    expect "$w" "--fail-on $mode: warn" --fail-on "$mode" "$WARN"
    # shellcheck disable=SC2086 # CC_ONLY is two words on purpose
    expect "$f" "--fail-on $mode: fail" --fail-on "$mode" $CC_ONLY "$FAIL"
    expect "$e" "--fail-on $mode: error" --fail-on "$mode" "$ERROR"
    expect "$we" "--fail-on $mode: warn and error" --fail-on "$mode" \
        "$WARN" "$ERROR"
    # shellcheck disable=SC2086
    expect "$f" "--fail-on $mode: fail and error" --fail-on "$mode" \
        $CC_ONLY "$FAIL" "$ERROR"
done
expect 1 "--strict is --fail-on warn" --strict "$WARN"
expect 0 "a later --fail-on overrides --strict" --strict --fail-on fail "$WARN"
expect 1 "a later --strict overrides --fail-on" --fail-on never --strict "$WARN"
expect 0 "default: warnings pass" "$WARN"
expect 2 "--fail-on with a bad value" --fail-on sometimes "$PASS"
expect 2 "--fail-on never still exits 2 on usage errors" --fail-on never \
    --severity nope=off "$PASS"
expect 2 "--fail-on never: unwritable report" --fail-on never \
    -o "$TMPD/no/such/dir/report.csv" "$PASS"
expect 1 "--severity makes a warning fail" \
    --severity license-unlinked=error "$WARN"
expect 0 "default: a credit without a licence only warns" "$FAIL"
expect 1 "--severity license-missing=error: it fails (a CC-only site)" \
    --severity license-missing=error "$FAIL"
expect 0 "--severity off drops it, even with --strict" --strict \
    --severity license-missing=off "$FAIL"
expect 0 "--severity info makes it pass, even with --strict" --strict \
    --severity license-missing=info "$FAIL"
expect 1 "--require-license on a page without a licence" \
    --require-license '*.none' --require-license 'about.html' \
    "$SITE/about.html"
expect 0 "--require-license elsewhere" --require-license 'docs/**' \
    "$SITE/about.html"
expect 1 "--require-license relative to a folder target" \
    --require-license 'docs/**' --include 'docs/*' "$SITE"
expect 1 "--require-license matches the path as given" \
    --require-license "$SITE/docs/*.html" "$SITE/docs/guide.html"
run_attrcheck --offline --no-config --severity nope=error "$PASS"
if grep -q 'valid finding codes: license-missing, .*license-required' "$ERR"
then
    ok "an unknown code lists the valid ones"
else
    not_ok "an unknown code lists the valid ones" "$(show_run)"
fi
done_testing
