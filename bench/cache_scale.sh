#!/bin/sh
# SPDX-License-Identifier: MIT
# cache_scale.sh: the --cache database at 10,000 and 1,000,000 synthetic
# entries: fill rate (cache_put, batched as in a run), lookup rate
# (cache_get of random keys) and peak RSS of each.  Memory must not grow
# with the entry count: the two lookup peaks should be close.  Not run by
# `make check` (the million takes minutes and about 1 GB of disk).
#   make extras && bench/cache_scale.sh [BUILDDIR] [SHINGLES] [LOOKUPS]
set -eu
LC_ALL=C
export LC_ALL

BUILDDIR=${1:-.}
SHINGLES=${2:-100}
LOOKUPS=${3:-200000}
PROG="$BUILDDIR/bench/cache_scale"
[ -x "$PROG" ] || { echo "cache_scale.sh: build $PROG first (make extras)" >&2; exit 1; }
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/cache_scale.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
trap 'exit 130' INT TERM

for n in 10000 1000000; do
    "$PROG" fill "$TMPD/c$n.db" "$n" "$SHINGLES"
    echo "size n=$n bytes=$(wc -c <"$TMPD/c$n.db")"
    for run in 1 2 3; do
        "$PROG" lookup "$TMPD/c$n.db" "$n" "$LOOKUPS"
    done
done
