# SPDX-License-Identifier: MIT
# cache_lib.sh: what the --cache tests that run several attrcheck
# processes share.  Source after lib.sh and server.sh, then call
# cache_fixture N to build N originals (o0.html ... in $TMPD/web, served
# by srv_start --root "$TMPD/web") and N copies crediting them
# ($TMPD/copies/c0.html ..., as https://orig.example/oN.html).

# cache_fixture N: the pages, from tests/fixtures/cache.
cache_fixture() {
    mkdir -p "$TMPD/web" "$TMPD/copies"
    i=0
    while [ "$i" -lt "$1" ]; do
        cp "$FIXTURES/cache/web/kelp.html" "$TMPD/web/o$i.html"
        sed "s|https://orig\.example/kelp\.html|https://orig.example/o$i.html|" \
            "$FIXTURES/cache/copies/kelp-copy.html" >"$TMPD/copies/c$i.html"
        i=$((i + 1))
    done
}

# copies FROM TO: the copy files cFROM ... cTO, as arguments.
copies() {
    seq "$1" "$2" | sed "s|^|$TMPD/copies/c|; s|\$|.html|"
}

# sql FILE QUERIES: the rows of QUERIES (split at ';') on the SQLite file
# FILE, one a line, columns joined by '|'; "ERROR: ..." when one fails.
sql() {
    "$PYTHON3" - "$1" "$2" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(sys.argv[1], timeout=10)
    for q in sys.argv[2].split(";"):
        for row in db.execute(q):
            print("|".join(str(v) for v in row))
    db.commit()
    db.close()
except Exception as e:
    print("ERROR: %s" % e)
PY
}

# wait_rows FILE N: waits (up to 30 s) until the cache FILE holds at
# least N entries; false when it never does.
wait_rows() {
    w=0
    while [ "$w" -lt 300 ]; do
        if [ -s "$1" ]; then
            n=$(sql "$1" "SELECT count(*) FROM sources" 2>/dev/null)
            case $n in
            [0-9]*) [ "$n" -ge "$2" ] && return 0 ;;
            esac
        fi
        sleep 0.1
        w=$((w + 1))
    done
    return 1
}

# fetched LOG NAME: how many GET lines of LOG asked for original NAME
# (o3.html), whatever route it came by.
fetched() {
    grep -Ec "^GET /(gate/[0-9]+/|delay/[0-9]+/)?$2 " "$1" || :
}
