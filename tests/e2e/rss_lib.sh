# SPDX-License-Identifier: MIT
# rss_lib.sh: peak memory of one attrcheck run, for the hostile tests.
# Sourced after lib.sh.  `measured ARGS...` is run_attrcheck with the
# binary's peak RSS (KB) written to $TMPD/rss; `bounded_rss NAME` checks
# that the last measured run stayed under a loose 500 MB.  Under a
# wrapper such as valgrind both step aside: its RSS would be measured.

REAL_ATTRCHECK=$ATTRCHECK
# the wrapper closes descriptor 8, where a test keeps a helper server's
# life pipe, so that attrcheck does not hold that server alive
printf '#!/bin/sh\nexec 8>&-\nexec "%s" "%s" "%s" "%s" "$@"\n' "$PYTHON3" \
    "$SRCDIR/tests/e2e/rss.py" "$TMPD/rss" "$REAL_ATTRCHECK" >"$TMPD/rsswrap"
chmod +x "$TMPD/rsswrap"

measured() {
    rm -f "$TMPD/rss"
    [ -n "${ATTRCHECK_WRAPPER:-}" ] || ATTRCHECK=$TMPD/rsswrap
    run_attrcheck "$@"
    ATTRCHECK=$REAL_ATTRCHECK
}

bounded_rss() {
    if [ -n "${ATTRCHECK_WRAPPER:-}" ]; then
        skip "$1: peak RSS under 500 MB" "run under $ATTRCHECK_WRAPPER"
        return
    fi
    kb=$(cat "$TMPD/rss" 2>/dev/null || echo 0)
    check "$([ "$kb" -gt 0 ] && [ "$kb" -lt 512000 ] && echo 0 || echo 1)" \
        "$1: peak RSS under 500 MB (${kb} KB)"
}
