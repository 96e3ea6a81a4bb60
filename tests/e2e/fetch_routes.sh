#!/bin/sh
# SPDX-License-Identifier: MIT
# fetch_routes.sh: the fetch engine through the CLI, against the loopback
# test server: one JSON line per target with the right error kind, status,
# redirects and final URL; robots.txt obeyed (the server's log proves that a
# disallowed path was never requested); exit status 3 when targets could not
# be checked; -i lists; --user-agent, --resolve and --remap.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
srv_start
U=$SRV_URL
# a generous timeout: only /slow (run alone below) may ever reach one
COMMON="-f jsonl --timeout 60 --max-size 1048576 --retries 1 -j 16"

# jfield FILE TARGET PATH: one field of the JSON line for TARGET
# ("MISSING" when there is no such line).
jfield() {
    json_field --target "$2" "$1" "$3"
}

# expect TARGET PATH WANT: one TAP line.
expect() {
    got=$(jfield "$OUT" "$1" "$2")
    if [ "$got" = "$3" ]; then
        ok "$1: $2 = $3"
    else
        not_ok "$1: $2 = $3" "got: $got"
    fi
}

# expect_match TARGET PATH GLOB
expect_match() {
    got=$(jfield "$OUT" "$1" "$2")
    case $got in
    $3) ok "$1: $2 matches $3" ;;
    *) not_ok "$1: $2 matches $3" "got: $got" ;;
    esac
}

# --- many routes in one run ----------------------------------------------
# shellcheck disable=SC2086
run_attrcheck $COMMON --resolve "robots-500.test:$SRV_PORT:127.0.0.1" \
    "$U/redirect/3" "$U/loop/a" "$U/notfound" "$U/bomb" \
    "$U/image.png" "$U/private/x" "$U/to-file" "$U/to-ftp" "$U/403" \
    "$U/always/429" "$U/endless" "$U/png-as-html" \
    "http://robots-500.test:$SRV_PORT/page"
check $(crashed && echo 1 || echo 0) "no crash or hang" "$(show_run)"
n=$(wc -l <"$OUT")
check $([ "$n" -eq 13 ] && echo 0 || echo 1) "one line per target" "got $n lines"
expect "$U/redirect/3" url "$U/page"
expect "$U/redirect/3" "redirects.#" 3
expect "$U/redirect/3" http_status 200
expect "$U/loop/a" error.kind redirect-loop
expect "$U/loop/a" verdict error
expect "$U/notfound" error.kind http
expect "$U/notfound" http_status 404
expect "$U/bomb" error.kind too-large
expect "$U/endless" error.kind too-large
expect "$U/image.png" error.kind not-html
expect_match "$U/image.png" error.message "*image/png*"
expect_match "$U/png-as-html" error.message "*image/png*"
expect "$U/private/x" error.kind robots
expect "$U/to-file" error.kind scheme
expect "$U/to-ftp" error.kind scheme
expect "$U/403" error.kind blocked
expect "$U/always/429" error.kind rate-limited
expect "http://robots-500.test:$SRV_PORT/page" error.kind robots
if grep -q "GET /private/x " "$SRV_LOG"; then
    not_ok "robots.txt: /private/x never requested"
else
    ok "robots.txt: /private/x never requested"
fi
if grep -q "passwd" "$SRV_LOG"; then
    not_ok "a file:// redirect is not followed"
else
    ok "a file:// redirect is not followed"
fi
n=$(grep -c "GET /robots.txt host=127.0.0.1" "$SRV_LOG" || :)
check $([ "$n" -eq 1 ] && echo 0 || echo 1) "robots.txt fetched once" "got $n"

# --- a timeout: the server never finishes /slow, so any limit is reached --
run_attrcheck -f jsonl --timeout 1 --retries 0 --ignore-robots "$U/slow"
expect "$U/slow" error.kind timeout
expect_rc 3 "a timeout exits 3"

# --- only unfetchable targets: exit 3 ---------------------------------------
# shellcheck disable=SC2086
run_attrcheck $COMMON "$U/notfound" "$U/doc.pdf"
check $([ "$RC" -eq 3 ] && echo 0 || echo 1) "exit 3 when nothing could be checked" "$(show_run)"
expect "$U/doc.pdf" error.kind not-html
expect_match "$U/doc.pdf" fetch.content_type "application/pdf*"

# --- a good page, from a -i list, with our own user agent -------------------
printf '%s\n' "$U/page" "$U/gzip" >"$TMPD/list"
# shellcheck disable=SC2086
run_attrcheck $COMMON --user-agent "e2e-agent/1" -i "$TMPD/list"
expect "$U/page" error null
expect "$U/page" http_status 200
expect_match "$U/page" fetch.content_type "text/html*"
expect "$U/gzip" error null
if grep -q "ua=e2e-agent/1" "$SRV_LOG"; then
    ok "--user-agent is sent"
else
    not_ok "--user-agent is sent"
fi

# --- --ignore-robots and --remap to a local file ----------------------------
printf '<html><body><p>local</p></body></html>\n' >"$TMPD/local.html"
# shellcheck disable=SC2086
run_attrcheck $COMMON --ignore-robots \
    --remap "^http://mirror\\.test/(.*) file://$TMPD/\$1" \
    "$U/private/ignored" "http://mirror.test/local.html" "http://mirror.test/nope"
expect "$U/private/ignored" http_status 200
expect "http://mirror.test/local.html" error null
expect "http://mirror.test/local.html" url "file://$TMPD/local.html"
expect "http://mirror.test/nope" error.kind io

done_testing
