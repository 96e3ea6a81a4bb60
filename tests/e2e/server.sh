# SPDX-License-Identifier: MIT
# server.sh: start tests/server/testsrv.py for an end-to-end test.  Source
# it after lib.sh and call srv_start before printing any TAP line:
#     . "$SRCDIR/tests/e2e/server.sh"
#     srv_start [--robots MODE] [--bind 127.0.0.N]
#                                     # sets SRV_PORT, SRV_URL, SRV_LOG
# No fixed waits: srv_start blocks until the server prints its "ready"
# line (or dies).  The server reads a pipe this script holds open on fd 9
# and exits when it closes, so it lives exactly as long as the test,
# however slow the run, and cannot outlive it even when the test is
# killed.  Without python3 the test is skipped ("1..0 # SKIP").

srv_stop() {
    if [ -n "${SRV_PID:-}" ]; then
        exec 9>&-
        kill "$SRV_PID" 2>/dev/null || :
        wait "$SRV_PID" 2>/dev/null || :
        SRV_PID=
    fi
    if [ -n "${SRV_DIR:-}" ]; then
        rm -rf "$SRV_DIR"
        SRV_DIR=
    fi
}

srv_start() {
    PYTHON3=${PYTHON3:-python3}
    if [ "$PYTHON3" = no ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
        echo "1..0 # SKIP no python3"
        exit 0
    fi
    SRV_DIR=$(mktemp -d "${TMPDIR:-/tmp}/attrcheck-srv.XXXXXX")
    mkfifo "$SRV_DIR/lifeline" "$SRV_DIR/ready"
    "$PYTHON3" "$SRCDIR/tests/server/testsrv.py" --exit-on-eof \
        --log "$SRV_DIR/log" --root "$SRV_DIR" "$@" \
        <"$SRV_DIR/lifeline" >"$SRV_DIR/ready" &
    SRV_PID=$!
    exec 9>"$SRV_DIR/lifeline"
    # keep whatever EXIT trap the caller (lib.sh) set, and run it after ours
    # (via a file: in dash, $(trap) runs in a subshell that has no traps)
    trap >"$SRV_DIR/traps"
    srv_prev_trap=$(sed -n "s/^trap -- '\(.*\)' EXIT\$/\1/p" "$SRV_DIR/traps")
    trap "srv_stop; $srv_prev_trap" EXIT
    trap 'exit 130' INT TERM
    srv_word= SRV_PORT=
    read -r srv_word SRV_PORT <"$SRV_DIR/ready" || :
    if [ "$srv_word" != ready ] || [ -z "$SRV_PORT" ]; then
        echo "Bail out! the test server did not start"
        exit 1
    fi
    srv_host=127.0.0.1
    while [ $# -gt 0 ]; do
        [ "$1" = --bind ] && [ $# -gt 1 ] && srv_host=$2
        shift
    done
    SRV_URL="http://$srv_host:$SRV_PORT"
    SRV_LOG="$SRV_DIR/log"
    export SRV_PORT SRV_URL SRV_LOG
}
