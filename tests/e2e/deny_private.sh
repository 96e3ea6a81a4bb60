#!/bin/sh
# SPDX-License-Identifier: MIT
# deny_private.sh: --deny-private against the loopback test server.  The
# server listens on 127.0.0.2, which ATTRCHECK_TEST_PUBLIC (a hook for the
# tests only) lets the guard treat as public; 127.0.0.1 and ::1 stay
# denied.  A direct URL, a --resolve'd name, a redirect (to an address and
# to a name resolved to one: DNS rebinding), a credited original and the
# configuration file setting are all refused with error kind
# private-address, and the server's log proves no request reached it.
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
srv_start --bind 127.0.0.2
P=$SRV_PORT
PUB="http://127.0.0.2:$P"
LOOP="http://127.0.0.1:$P"
COMMON="-f jsonl --timeout 20 --retries 0 --no-config"

# expect TARGET PATH WANT
expect() {
    expect_eq "$3" "$(json_field --target "$1" "$OUT" "$2")" "$1: $2 = $3"
}

requests() {
    grep -c "^GET $1 " "$SRV_LOG" || :
}

# --- without the guard, the server is reachable ---------------------------
run_attrcheck $COMMON --no-verify "$PUB/page"
expect "$PUB/page" error.kind null
expect "$PUB/page" http_status 200

# --- a loopback address is refused, before any connection -----------------
run_attrcheck $COMMON --no-verify --deny-private "$PUB/page?direct" \
    "http://[::1]:$P/page"
expect_rc 3 "refused targets could not be checked (exit 3)"
expect "$PUB/page?direct" error.kind private-address
expect_match_msg() {
    got=$(json_field --target "$1" "$OUT" error.message)
    case $got in
    *"$2"*) ok "$1: the message names $2" ;;
    *) not_ok "$1: the message names $2" "got: $got" ;;
    esac
}
expect_match_msg "$PUB/page?direct" "127.0.0.2 (loopback)"
expect "http://[::1]:$P/page" error.kind private-address
expect_match_msg "http://[::1]:$P/page" "::1 (loopback)"
expect_eq 0 "$(requests '/page?direct')" "the server got no request"

# --- the test hook makes 127.0.0.2 public, and only it --------------------
export ATTRCHECK_TEST_PUBLIC=127.0.0.2
run_attrcheck $COMMON --no-verify --deny-private "$PUB/page?hook" \
    "$LOOP/page?loop"
expect "$PUB/page?hook" http_status 200
expect "$LOOP/page?loop" error.kind private-address
expect_match_msg "$LOOP/page?loop" "127.0.0.1 (loopback)"

# --- a name resolved to a denied address ----------------------------------
run_attrcheck $COMMON --no-verify --deny-private \
    --resolve "inside.test:$P:127.0.0.1" --resolve "outside.test:$P:127.0.0.2" \
    "http://inside.test:$P/page?resolved" "http://outside.test:$P/page?ok"
expect "http://inside.test:$P/page?resolved" error.kind private-address
expect_match_msg "http://inside.test:$P/page?resolved" "127.0.0.1 (loopback)"
expect "http://outside.test:$P/page?ok" http_status 200

# --- redirects from the allowed address to denied ones ---------------------
run_attrcheck $COMMON --no-verify --deny-private \
    --resolve "rebind.test:$P:127.0.0.1" \
    "$PUB/goto?url=$LOOP/page?via-redirect" \
    "$PUB/goto?url=http://rebind.test:$P/page?rebound"
T1="$PUB/goto?url=$LOOP/page?via-redirect"
T2="$PUB/goto?url=http://rebind.test:$P/page?rebound"
expect "$T1" error.kind private-address
expect "$T1" "redirects.#" 1
expect "$T2" error.kind private-address
expect_match_msg "$T2" "127.0.0.1 (loopback)"
expect_eq 1 "$(requests "/goto?url=$LOOP/page?via-redirect")" \
    "the allowed hop was fetched"

# --- a credited original on a denied address -------------------------------
cat >"$SRV_DIR/copy.html" <<HTML
<!doctype html><html><head><title>Copy</title></head><body>
<p>Some republished text about rivers and their bridges, long enough.</p>
<p>Originally published by <a href="$LOOP/original">The River Times</a>
under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
</body></html>
HTML
run_attrcheck $COMMON --deny-private "$PUB/copy.html"
got=$(json_field --target "$PUB/copy.html" "$OUT" source.check.error.kind)
expect_eq private-address "$got" "the original is refused: private-address"
expect_eq 0 "$(grep -c "/original" "$SRV_LOG" || :)" \
    "the original was never requested"

# --- deny-private = true in the configuration file ------------------------
mkdir -p "$TMPD/conf"
printf 'deny-private = true\n' >"$TMPD/conf/rc"
run_attrcheck -f jsonl --timeout 20 --retries 0 --no-verify \
    --config "$TMPD/conf/rc" "$LOOP/page?config"
expect "$LOOP/page?config" error.kind private-address
printf 'deny-private = false\n' >"$TMPD/conf/rc"
run_attrcheck -f jsonl --timeout 20 --retries 0 --no-verify --deny-private \
    --config "$TMPD/conf/rc" "$PUB/page?config-off"
expect "$PUB/page?config-off" http_status 200

# --- the hook refuses anything but loopback addresses ---------------------
ATTRCHECK_TEST_PUBLIC=169.254.169.254 run_attrcheck $COMMON --deny-private \
    "$PUB/page"
expect_rc 2 "ATTRCHECK_TEST_PUBLIC=169.254.169.254 is a usage error"

done_testing
