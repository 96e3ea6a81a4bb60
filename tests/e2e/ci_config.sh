#!/bin/sh
# SPDX-License-Identifier: MIT
# ci_config.sh: .attrcheckrc and --config.  The file is found in the
# current folder or its nearest parent, read by the option table, and the
# command line wins (repeatable options from both are combined, the file's
# first).  Errors name the file and line and exit 2; --no-config skips it.

. "$(dirname "$0")/lib.sh"

require_attrcheck
unset GITHUB_STEP_SUMMARY
SITE="$FIXTURES/ci-site"
PROJ="$TMPD/proj"
mkdir -p "$PROJ/sub/deeper"

# expect_out NAME WANT_RC GREP_PATTERN: checks the last run's status and
# that stdout matches the extended regex.
expect_out() {
    if crashed || [ "$RC" -ne "$2" ] || ! grep -Eq -- "$3" "$OUT"; then
        not_ok "$1" "want exit $2 and stdout matching /$3/" "$(show_run)" \
            "$(head -c 600 "$OUT")"
    else
        ok "$1"
    fi
}

# expect_err NAME PATTERN: the last run exited 2 with PATTERN on stderr.
expect_err() {
    if [ "$RC" -ne 2 ] || ! grep -Eq -- "$2" "$ERR"; then
        not_ok "$1" "want exit 2 and stderr matching /$2/" "$(show_run)"
    else
        ok "$1"
    fi
}

cat >"$PROJ/.attrcheckrc" <<'RC'
# settings for the test site
format = csv
offline
exclude = drafts/**   # a comment after a value
severity = license-unlinked=error
require-license = "docs/**"
RC

cd "$PROJ"
run_attrcheck "$SITE"
expect_out "read from the current folder" 1 '^target,url,verdict'
expect_out "exclude from the file" 1 'posts/unlinked\.html'
if grep -q 'drafts/' "$OUT"; then
    not_ok "the file's exclude applies" "$(cat "$OUT")"
else
    ok "the file's exclude applies"
fi
expect_out "severity from the file" 1 'unlinked\.html,[^,]*,fail,'
expect_out "quoted require-license from the file" 1 'guide\.html,[^,]*,fail,'

cd "$PROJ/sub/deeper"
run_attrcheck "$SITE/index.html"
expect_out "found in the nearest parent" 0 '^target,url,verdict'
run_attrcheck -v "$SITE/index.html"
if grep -q "settings from $PROJ/.attrcheckrc" "$ERR"; then
    ok "-v names the file read"
else
    not_ok "-v names the file read" "$(show_run)"
fi

cd "$PROJ"
run_attrcheck -f markdown "$SITE/index.html"
expect_out "the command line wins over the file" 0 '^## attrcheck'
run_attrcheck --severity license-unlinked=info "$SITE/posts/unlinked.html"
expect_out "a later --severity on the command line wins" 0 \
    'unlinked\.html,[^,]*,pass,'
run_attrcheck --severity license-missing=off "$SITE/posts/no-license.html" \
    "$SITE/posts/unlinked.html"
expect_out "repeatable options combine (file's still applies)" 1 \
    'unlinked\.html,[^,]*,fail,'
expect_out "repeatable options combine (command line's applies)" 1 \
    'no-license\.html,[^,]*,pass,'
run_attrcheck --exclude 'posts/**' "$SITE"
if grep -Eq 'drafts/|posts/' "$OUT"; then
    not_ok "excludes from both apply" "$(cat "$OUT")"
else
    ok "excludes from both apply"
fi
run_attrcheck --no-config --offline "$SITE/index.html"
expect_out "--no-config skips the file" 0 "index\\.html: pass"

cat >"$TMPD/other.rc" <<'RC'
format = github
strict = true
offline = yes
RC
run_attrcheck --config "$TMPD/other.rc" "$SITE/posts/unlinked.html"
expect_out "--config FILE replaces .attrcheckrc" 1 '^::warning file='
printf 'strict = false\nformat = csv\noffline = 1\n' >"$TMPD/off.rc"
run_attrcheck --config "$TMPD/off.rc" "$SITE/posts/unlinked.html"
expect_out "a flag set to false" 0 'unlinked\.html,[^,]*,warn,'

# errors: file and line, exit 2
run_attrcheck --config "$TMPD/missing.rc" "$SITE/index.html"
expect_err "--config with a missing file" "missing\.rc: No such file"
bad() {
    printf '%b' "$2" >"$TMPD/bad.rc"
    run_attrcheck --config "$TMPD/bad.rc" "$SITE/index.html"
    expect_err "$1" "$3"
}
bad "unknown option" 'offline\n\n# x\ntiemout = 10\n' 'bad\.rc:4: unknown option .tiemout.'
bad "bad value" 'timeout = soon\n' 'bad\.rc:1: --timeout: .soon. is not'
bad "missing value" 'format =\n' "bad\\.rc:1: 'format' needs a value"
bad "bare option that needs a value" 'format\n' "bad\\.rc:1: 'format' needs a value"
bad "flag with a bad value" 'offline = maybe\n' 'bad\.rc:1: .offline. is a flag'
bad "config inside config" 'config = x\n' 'bad\.rc:1: .config. cannot be set'
bad "unclosed quote" 'user-agent = "abc\n' 'bad\.rc:1: a quoted value'
bad "no name" '= 3\n' "bad\\.rc:1: expected 'name = value'"
bad "unknown severity code" 'severity = nope=error\n' \
    'bad\.rc:1: --severity: unknown finding code'
printf 'tiemout = 10\n' >"$PROJ/.attrcheckrc"
run_attrcheck "$SITE/index.html"
expect_err "a broken .attrcheckrc is an error" '^attrcheck: \.attrcheckrc:1: unknown'
run_attrcheck --no-config --offline "$SITE/index.html"
expect_out "--no-config skips a broken file" 0 'index\.html: pass'
run_attrcheck --help
expect_out "--help ignores a broken file" 0 '--fail-on'
done_testing
