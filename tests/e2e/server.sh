# SPDX-License-Identifier: MIT
# server.sh: start tests/server/testsrv.py for an end-to-end test.  Source
# it after lib.sh and call srv_start before printing any TAP line:
#     . "$SRCDIR/tests/e2e/server.sh"
#     srv_start [--robots MODE]      # sets SRV_PORT, SRV_URL, SRV_LOG
# The server stops when the script exits (the EXIT trap already set, say by
# lib.sh, still runs) and in any case by itself after 120 s.  Without
# python3 the test is skipped ("1..0 # SKIP").

srv_stop() {
    if [ -n "${SRV_PID:-}" ]; then
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
    "$PYTHON3" "$SRCDIR/tests/server/testsrv.py" --port-file "$SRV_DIR/port" \
        --log "$SRV_DIR/log" --root "$SRV_DIR" --lifetime 120 "$@" &
    SRV_PID=$!
    # keep whatever EXIT trap the caller (lib.sh) set, and run it after ours
    # (via a file: in dash, $(trap) runs in a subshell that has no traps)
    trap >"$SRV_DIR/traps"
    srv_prev_trap=$(sed -n "s/^trap -- '\(.*\)' EXIT\$/\1/p" "$SRV_DIR/traps")
    trap "srv_stop; $srv_prev_trap" EXIT
    trap 'exit 130' INT TERM
    srv_i=0
    while [ ! -s "$SRV_DIR/port" ]; do
        srv_i=$((srv_i + 1))
        if [ "$srv_i" -gt 100 ] || ! kill -0 "$SRV_PID" 2>/dev/null; then
            echo "Bail out! the test server did not start"
            exit 1
        fi
        sleep 0.1
    done
    SRV_PORT=$(cat "$SRV_DIR/port")
    SRV_URL="http://127.0.0.1:$SRV_PORT"
    SRV_LOG="$SRV_DIR/log"
    export SRV_PORT SRV_URL SRV_LOG
}
