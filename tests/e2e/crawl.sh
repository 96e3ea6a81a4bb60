#!/bin/sh
# SPDX-License-Identifier: MIT
# crawl.sh: -r/--recursive against the loopback test server.  A small site
# (an index linking pages at depths 1 to 3, the same page by several
# spellings, a PDF, a 404, a page robots.txt forbids, an outside link,
# mailto:, a redirect) is crawled: the pages come out once each with
# "depth" and "found_on", nothing else is reported, and the server's log
# shows every URL asked for once.  --max-depth, --max-pages, --exclude
# and --include bound it; the same command line with --resume FILE -o
# FILE finishes a cut run; bad values are usage errors.  --sitemap reads a
# sitemap, a sitemap index and a .xml.gz of 50,000 URLs; a sitemap that
# is not XML or whose gzip is corrupt is an error result, exit 3.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
srv_start
cd "$TMPD"
S=$SRV_DIR
U=$SRV_URL
mkdir -p "$S/sub"
cat >"$S/index.html" <<'HTML'
<!doctype html><title>home</title><p>Home.</p>
<a href="a.html">a</a> <a href="/sub/b.html#frag">b</a>
<a href="./sub/../a.html">a again</a> <a href="doc.pdf">pdf</a>
<a href="missing.html">404</a> <a href="http://other.example/x.html">out</a>
<a href="/private/secret.html">private</a> <a href="mailto:x@example.org">m</a>
<a href="/goto?url=/sub/e.html">redirect</a>
HTML
printf '<!doctype html><title>a</title><p>A.</p><a href="sub/b.html">b</a><a href="/index.html">home</a>\n' >"$S/a.html"
printf '<!doctype html><title>b</title><p>B.</p><a href="c.html">c</a>\n' >"$S/sub/b.html"
printf '<!doctype html><title>c</title><p>C.</p><a href="d.html">d</a>\n' >"$S/sub/c.html"
printf '<!doctype html><title>d</title><p>D.</p>\n' >"$S/sub/d.html"
printf '<!doctype html><title>e</title><p>E.</p>\n' >"$S/sub/e.html"
printf '%%PDF-1.4 not a page' >"$S/doc.pdf"

# rows FILE: "DEPTH TARGET FOUND_ON" per line, sorted (paths only)
rows() {
    "$PYTHON3" -c '
import json, sys
u = sys.argv[2]
for line in open(sys.argv[1]):
    o = json.loads(line)
    f = o.get("found_on")
    print(o.get("depth"), o["target"].replace(u, ""),
          f.replace(u, "") if f else "-")' "$1" "$U" | sort
}

C="--no-config -f jsonl --no-verify"
run_attrcheck $C -r "$U/index.html"
rows "$OUT" >got
cat >want <<'EOF2'
0 /index.html -
1 /a.html /index.html
1 /goto?url=/sub/e.html /index.html
1 /sub/b.html /index.html
2 /sub/c.html /sub/b.html
3 /sub/d.html /sub/c.html
EOF2
cmp -s want got && r=0 || r=1
check $r "-r: the site's pages once each, with depth and found_on" \
    "$(diff want got)" "$(show_run)"
check "$([ "$RC" -eq 0 ] && echo 0 || echo 1)" "-r: exit 0" "$(show_run)"
grep -q '"url":"[^"]*/sub/e.html"' "$OUT" && r=0 || r=1
check $r "-r: a redirect inside the site is followed (to /sub/e.html)"
dups=$(grep '^GET' "$SRV_LOG" | cut -d' ' -f2 | sort | uniq -d)
check "$([ -z "$dups" ] && echo 0 || echo 1)" \
    "-r: the server was asked for every URL once" "$dups"
check "$(grep -q "GET /private/" "$SRV_LOG" && echo 1 || echo 0)" \
    "-r: robots.txt is obeyed"
check "$(grep -q 'doc.pdf\|missing.html\|other.example\|mailto' "$OUT" &&
    echo 1 || echo 0)" "-r: no PDF, 404, outside page or mailto reported"

run_attrcheck $C -r --max-depth 1 "$U/index.html"
rows "$OUT" | cut -d' ' -f1 | sort -u >depths
printf '0\n1\n' >want1
cmp -s want1 depths && r=0 || r=1
check $r "--max-depth 1: depths 0 and 1 only" "$(cat depths)"
run_attrcheck $C -r --max-depth 0 "$U/index.html"
check "$([ "$(wc -l <"$OUT")" -eq 1 ] && echo 0 || echo 1)" \
    "--max-depth 0: the start page only"
run_attrcheck $C -r --max-pages 3 "$U/index.html"
check "$([ "$(wc -l <"$OUT")" -eq 3 ] && echo 0 || echo 1)" \
    "--max-pages 3: three pages" "$(rows "$OUT")"
run_attrcheck $C -r --exclude 'sub/**' "$U/index.html"
check "$(grep -q '"url":"[^"]*/sub/' "$OUT" && echo 1 || echo 0)" \
    "--exclude sub/**: no page below /sub/, redirects included" \
    "$(rows "$OUT")"
run_attrcheck $C -r --include 'sub/*.html' "$U/index.html"
rows "$OUT" | cut -d' ' -f2 >inc
printf '/index.html\n/sub/b.html\n/sub/c.html\n/sub/d.html\n' >wantinc
cmp -s wantinc inc && r=0 || r=1
check $r "--include sub/*.html: the start page and /sub/ pages" \
    "$(cat inc)"

# the same command line resumes a cut crawl in place
run_attrcheck $C -r -o r.jsonl --resume r.jsonl "$U/index.html"
head -n 2 r.jsonl >cut.jsonl
sed -n 3p r.jsonl | head -c 30 >>cut.jsonl
mv cut.jsonl r.jsonl
run_attrcheck $C -r -o r.jsonl --resume r.jsonl "$U/index.html"
rows r.jsonl >gotr
cmp -s want gotr && r=0 || r=1
check $r "a cut crawl resumed in place: each page once" "$(diff want gotr)"

# --- sitemaps ---------------------------------------------------------------
cat >"$S/sitemap.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>$U/a.html</loc></url>
<url><loc> $U/sub/d.html </loc><lastmod>2026-01-01</lastmod></url>
<url><loc>http://other.example/x.html</loc></url>
<url><loc>$U/missing.html</loc></url>
</urlset>
XML
"$PYTHON3" - "$S" "$U" <<'PY'
import gzip, sys
root, u = sys.argv[1], sys.argv[2]
open(root + "/s2.xml.gz", "wb").write(gzip.compress((
    '<urlset><url><loc>%s/sub/b.html</loc></url></urlset>' % u).encode()))
open(root + "/index.xml", "w").write(
    '<sitemapindex><sitemap><loc>%s/s2.xml.gz</loc></sitemap>'
    '<sitemap><loc>%s/sitemap.xml</loc></sitemap></sitemapindex>' % (u, u))
big = "".join("<url><loc>%s/p/%d.html</loc></url>\n" % (u, i)
              for i in range(50000))
open(root + "/big.xml.gz", "wb").write(gzip.compress(
    ("<urlset>" + big + "</urlset>").encode()))
bad = bytearray(gzip.compress(b"<urlset>" + big[:5000].encode() + b"</urlset>"))
for i in range(200, 260):
    bad[i] ^= 0x5a
open(root + "/bad.xml.gz", "wb").write(bytes(bad))
open(root + "/notxml.xml", "w").write("this is not XML at all\n")
PY
run_attrcheck $C --sitemap "$U/sitemap.xml"
rows "$OUT" >got
cat >want <<'EOF2'
0 /a.html /sitemap.xml
0 /missing.html /sitemap.xml
0 /sub/d.html /sitemap.xml
EOF2
cmp -s want got && r=0 || r=1
check $r "--sitemap: the pages on its site, depth 0, found on it" \
    "$(diff want got)" "$(show_run)"
check "$([ "$RC" -eq 3 ] && grep -q '"target":"[^"]*/missing.html".*"verdict":"error"' "$OUT" &&
    echo 0 || echo 1)" "--sitemap: a listed page that is missing is an error" \
    "$(show_run)"
run_attrcheck $C --sitemap "$U/index.xml"
rows "$OUT" | cut -d' ' -f2 | sort >got
printf '/a.html\n/missing.html\n/sub/b.html\n/sub/d.html\n' >want
cmp -s want got && r=0 || r=1
check $r "--sitemap: an index, a .xml.gz sitemap in it" "$(diff want got)"
run_attrcheck $C -r --sitemap "$U/s2.xml.gz"
rows "$OUT" >got
printf '0 /sub/b.html /s2.xml.gz\n1 /sub/c.html /sub/b.html\n2 /sub/d.html /sub/c.html\n' >want
cmp -s want got && r=0 || r=1
check $r "--sitemap with -r: the links of its pages are followed" \
    "$(diff want got)"
run_attrcheck $C --max-pages 5 --sitemap "$U/big.xml.gz"
check "$([ "$RC" -eq 3 ] && [ "$(wc -l <"$OUT")" -eq 5 ] && echo 0 ||
    echo 1)" "--sitemap of 50,000 URLs (gzip), --max-pages 5: 5 pages" \
    "$(show_run)"
run_attrcheck $C --sitemap "$U/notxml.xml"
check "$([ "$RC" -eq 3 ] && grep -q '"kind":"parse".*sitemap: not' "$OUT" &&
    echo 0 || echo 1)" "a sitemap that is not XML: an error result, exit 3" \
    "$(cat "$OUT")" "$(show_run)"
run_attrcheck $C --sitemap "$U/bad.xml.gz"
check "$([ "$RC" -eq 3 ] && grep -q 'sitemap: corrupt gzip data' "$OUT" &&
    echo 0 || echo 1)" "a sitemap with corrupt gzip: an error result, exit 3" \
    "$(cat "$OUT")" "$(show_run)"
# only http(s) <loc>s on the sitemap's site; an index's sitemaps too
printf '<urlset><url><loc>file:///etc/passwd</loc></url><url><loc>ftp://127.0.0.1/a.html</loc></url><url><loc>javascript:alert(1)</loc></url><url><loc>%s/a.html</loc></url></urlset>\n' "$U" >"$S/schemes.xml"
printf '<sitemapindex><sitemap><loc>file://%s/sitemap.xml</loc></sitemap><sitemap><loc>http://other.example/s.xml</loc></sitemap><sitemap><loc>%s/s2.xml.gz</loc></sitemap></sitemapindex>\n' "$S" "$U" >"$S/index2.xml"
: >"$SRV_LOG"
run_attrcheck $C --sitemap "$U/schemes.xml" --sitemap "$U/index2.xml"
rows "$OUT" >got
printf '0 /a.html /schemes.xml\n0 /sub/b.html /s2.xml.gz\n' >want
cmp -s want got && r=0 || r=1
check $r "--sitemap: only http(s) <loc>s on its site, in an index too" \
    "$(diff want got)" "$(show_run)"
grep -q 'other.example\|passwd' "$SRV_LOG" && r=1 || r=0
check $r "--sitemap: nothing off the site was asked for" "$(cat "$SRV_LOG")"
run_attrcheck $C --max-size 200 --sitemap "$U/sitemap.xml"
check "$([ "$RC" -eq 3 ] && [ "$(wc -l <"$OUT")" -eq 1 ] &&
    grep -q '"kind":"too-large".*sitemap: larger than' "$OUT" && echo 0 ||
    echo 1)" "a sitemap over --max-size: a too-large error result" \
    "$(cat "$OUT")" "$(show_run)"
"$PYTHON3" - "$S" "$U" <<'PY'
import gzip, sys
root, u = sys.argv[1], sys.argv[2]
over = "".join("<url><loc>%s/q/%d.html</loc></url>\n" % (u, i)
               for i in range(50001))
open(root + "/over.xml.gz", "wb").write(gzip.compress(
    ("<urlset>" + over + "</urlset>").encode()))
PY
run_attrcheck $C --max-pages 3 --sitemap "$U/over.xml.gz"
check "$([ "$RC" -eq 3 ] && [ "$(wc -l <"$OUT")" -eq 4 ] &&
    grep -q '"target":"[^"]*/over.xml.gz".*more than 50000 <loc>' "$OUT" &&
    echo 0 || echo 1)" \
    "a sitemap of 50,001 URLs: the first pages, then a limit error" \
    "$(cat "$OUT")" "$(show_run)"
# -r reads the Sitemap: lines of the site's robots.txt (vhost robots-sitemap)
V="http://robots-sitemap.test:$SRV_PORT"
printf '<urlset><url><loc>%s/sub/e.html</loc></url><url><loc>%s/a.html</loc></url></urlset>\n' "$V" "$U" >"$S/robots-sitemap.xml"
run_attrcheck $C --resolve "robots-sitemap.test:$SRV_PORT:127.0.0.1" \
    -r --max-depth 0 "$V/index.html"
"$PYTHON3" -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    print(o.get("depth"), o["target"], o.get("found_on"))' "$OUT" | sort >got
printf '0 %s/index.html None\n0 %s/sub/e.html %s/robots-sitemap.xml\n' \
    "$V" "$V" "$V" >want
cmp -s want got && r=0 || r=1
check $r "-r: the pages of robots.txt's Sitemap: lines on the site" \
    "$(diff want got)" "$(show_run)"
run_attrcheck $C --resolve "robots-sitemap.test:$SRV_PORT:127.0.0.1" \
    --ignore-robots -r --max-depth 0 "$V/index.html"
check "$(grep -q '"target":"[^"]*/sub/e.html","url' "$OUT" && echo 0 ||
    echo 1)" "-r --ignore-robots: robots.txt is still read for Sitemap: lines" \
    "$(cat "$OUT")" "$(show_run)"
run_attrcheck $C --resolve "robots-sitemap.test:$SRV_PORT:127.0.0.1" \
    --max-depth 0 "$V/index.html"
check "$([ "$(wc -l <"$OUT")" -eq 1 ] && echo 0 || echo 1)" \
    "without -r robots.txt's Sitemap: lines are not read" "$(cat "$OUT")"
run_attrcheck $C --sitemap "$U/nothere.xml"
check "$([ "$RC" -eq 3 ] && grep -q '"kind":"http"' "$OUT" && echo 0 ||
    echo 1)" "a sitemap that is not there: an error result, exit 3" \
    "$(cat "$OUT")"

for bad in "--max-depth x" "--max-depth -1" "--max-depth 1001" \
    "--max-pages 0" "--max-pages many"; do
    # shellcheck disable=SC2086
    run_attrcheck $C -r $bad "$U/index.html"
    check "$([ "$RC" -eq 2 ] && grep -q -- "${bad%% *}" "$ERR" && echo 0 ||
        echo 1)" "$bad: exit 2, named" "$(show_run)"
done

done_testing
