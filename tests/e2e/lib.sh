# SPDX-License-Identifier: MIT
# lib.sh: sourced by every end-to-end test script.  Sets strict mode and
# the C locale, makes a scratch directory that is removed on exit, and
# offers TAP helpers (the plan "1..N" is printed at the end, so a script
# can add cases freely) plus run_attrcheck, which captures the binary's
# stdout, stderr and exit status.  It does not judge any output itself.
#
# Environment (exported by `make check`; defaults let a script run by hand
# from the source tree):
#   ATTRCHECK  the binary under test
#   FIXTURES   tests/fixtures in the source tree
#   SRCDIR     the top of the source tree (data/rules lives there)
#   PYTHON3    a Python 3 interpreter (used by some scripts to read JSON)

set -eu
LC_ALL=C
export LC_ALL

: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${FIXTURES:=$SRCDIR/tests/fixtures}"
: "${BUILDDIR:=$SRCDIR}"
: "${ATTRCHECK:=$BUILDDIR/attrcheck}"
: "${PYTHON3:=python3}"
RULES="$SRCDIR/data/rules"

# Scratch directory; chmod first so tests may leave unreadable folders.
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/attrcheck-e2e.XXXXXX")
cleanup_tmpd() {
    chmod -R u+rwx "$TMPD" 2>/dev/null || :
    rm -rf "$TMPD"
}
trap cleanup_tmpd EXIT
trap 'exit 130' INT TERM

# Under `make check-valgrind` (ATTRCHECK_WRAPPER set) every run of the
# binary goes through the wrapper, the scripts' own calls of "$ATTRCHECK"
# too (pipes, signals, GNU parallel, Slurm jobs): ATTRCHECK becomes a
# small script that execs the wrapper and the real binary.  A script
# that sources lib.sh again (ATTRCHECK_REAL set) keeps it.
if [ -n "${ATTRCHECK_WRAPPER:-}" ] && [ -z "${ATTRCHECK_REAL:-}" ]; then
    ATTRCHECK_REAL=$ATTRCHECK
    ATTRCHECK=$TMPD/attrcheck
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' \
        "$ATTRCHECK_WRAPPER" "$ATTRCHECK_REAL" >"$ATTRCHECK"
    chmod 755 "$TMPD" "$ATTRCHECK"
    export ATTRCHECK ATTRCHECK_REAL
fi

TAP_N=0
TAP_FAILED=0

# plan: nothing to announce up front; kept so scripts can say what they mean.
plan() {
    :
}

# ok NAME: records a passing test.
ok() {
    TAP_N=$((TAP_N + 1))
    printf 'ok %d - %s\n' "$TAP_N" "$1"
}

# not_ok NAME [DIAGNOSTIC...]: records a failing test; each further
# argument is printed as a "# " diagnostic line.
not_ok() {
    TAP_N=$((TAP_N + 1))
    TAP_FAILED=$((TAP_FAILED + 1))
    printf 'not ok %d - %s\n' "$TAP_N" "$1"
    shift
    for line in "$@"; do
        printf '%s\n' "$line" | sed 's/^/#   /'
    done
}

# check COND_STATUS NAME [DIAG...]: ok when COND_STATUS is 0.
check() {
    if [ "$1" -eq 0 ]; then
        ok "$2"
    else
        shift
        not_ok "$@"
    fi
}

# expect_rc WANT NAME: ok when the last run_attrcheck exited with WANT;
# otherwise not ok, showing the status and stderr.
expect_rc() {
    if [ "$RC" -eq "$1" ]; then
        ok "$2"
    else
        not_ok "$2" "want exit status $1" "$(show_run)"
    fi
}

# expect_eq WANT GOT NAME: ok when the strings WANT and GOT are equal;
# otherwise not ok, showing both.
expect_eq() {
    if [ "$2" = "$1" ]; then
        ok "$3"
    else
        not_ok "$3" "want: $1" "got:  $2"
    fi
}

# json_field [--target T | --suffix S | --first KEY] [--null WORD] FILE
#            PATH...: fields of the results in a JSON Lines file, read by
# tests/e2e/jsonfield.py (its header says how); the one JSON reader of
# the shell tests.
json_field() {
    "$PYTHON3" "$SRCDIR/tests/e2e/jsonfield.py" "$@"
}

# diag TEXT: a TAP comment line.
diag() {
    printf '%s\n' "$*" | sed 's/^/# /'
}

# skip NAME REASON: a skipped test counts as passed.
skip() {
    TAP_N=$((TAP_N + 1))
    printf 'ok %d - %s # SKIP %s\n' "$TAP_N" "$1" "$2"
}

# skip_all REASON: skips the whole script (call before any test).
skip_all() {
    printf '1..0 # SKIP %s\n' "$1"
    exit 0
}

# done_testing: prints the plan and exits non-zero if anything failed.
done_testing() {
    printf '1..%d\n' "$TAP_N"
    if [ "$TAP_FAILED" -ne 0 ]; then
        exit 1
    fi
    exit 0
}

# require_attrcheck: skips the script when the binary is not built.
require_attrcheck() {
    if [ ! -x "$ATTRCHECK" ]; then
        skip_all "attrcheck not built ($ATTRCHECK)"
    fi
}

# run_attrcheck ARGS...: runs the binary with stdin from /dev/null, under
# `timeout 600`: a guard against a hang, not a time budget (no test may
# depend on how fast a run is); under a wrapper such as valgrind, which
# slows a run 20-50 times, the guard is 6000 s (ATTRCHECK_RUN_TIMEOUT
# sets another).  Sets OUT and ERR (file names) and RC (exit status; 124
# means it hung).  Never aborts the script, whatever the status.  The
# test server's lifeline (fd 9) is not passed on.
if [ -n "${ATTRCHECK_WRAPPER:-}" ]; then
    : "${ATTRCHECK_RUN_TIMEOUT:=6000}"
else
    : "${ATTRCHECK_RUN_TIMEOUT:=600}"
fi
RUN_N=0
run_attrcheck() {
    RUN_N=$((RUN_N + 1))
    OUT="$TMPD/run$RUN_N.out"
    ERR="$TMPD/run$RUN_N.err"
    RC=0
    timeout "$ATTRCHECK_RUN_TIMEOUT" "$ATTRCHECK" "$@" >"$OUT" 2>"$ERR" \
        </dev/null 9>&- || RC=$?
}

# crashed: true when the last run died of a signal or hung.
crashed() {
    [ "$RC" -ge 124 ]
}

# show_run: the last run's stderr and status as diagnostic lines.
show_run() {
    printf 'exit status %s\n' "$RC"
    if [ -s "$ERR" ]; then
        head -c 2000 "$ERR"
    fi
}
