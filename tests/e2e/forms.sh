#!/bin/sh
# SPDX-License-Identifier: MIT
# forms.sh: one TAP line per row of tests/fixtures/forms/manifest.tsv.
# Runs attrcheck offline on the row's page with -f jsonl and checks the
# reported licence family, version and port, the source URL, the verdict,
# the finding codes that must (or must not) appear, and the exit status
# that goes with the verdict.  The manifest documents its columns.
#
# The JSON shape read here (one object per target on a jsonl line):
#   {"verdict": "warn",
#    "license": {"family": "CC-BY", "version": null, "port": null} | null,
#    "source": {"url": "https://..."} | null,
#    "findings": [{"code": "license-unlinked", "severity": "warning"}, ...]}
# The reader also accepts "licence", "source_url" and findings given as
# plain strings, so that a spelling difference shows up as a mismatch in
# the values rather than a crash of the reader.

. "$(dirname "$0")/lib.sh"

require_attrcheck
# FORMS_SET names another folder of tests/fixtures with a manifest of
# the same shape (tests/e2e/precision.sh runs "precision").
SET=${FORMS_SET:-forms}
MANIFEST="$FIXTURES/$SET/manifest.tsv"
[ -r "$MANIFEST" ] || skip_all "no manifest at $MANIFEST"

cat >"$TMPD/check.py" <<'EOF'
import json, sys
from urllib.parse import urlsplit, urlunsplit

def norm_url(u):
    if not isinstance(u, str):
        return u
    try:
        p = urlsplit(u.strip())
    except ValueError:
        return u
    if not p.scheme or not p.netloc:
        return u.strip()
    path = p.path or '/'
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), path, p.query, ''))

def the_result(text):
    objs = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            try:
                objs.append(json.loads(line))
            except ValueError:
                pass
    if not objs:
        try:
            v = json.loads(text)
            objs = v if isinstance(v, list) else [v]
        except ValueError:
            return None
    for o in objs:
        if isinstance(o, dict) and 'verdict' in o:
            return o
    return objs[0] if objs and isinstance(objs[0], dict) else None

def nul(v):
    return None if v in (None, '', '-') else v

def fields(r):
    lic = r.get('license', r.get('licence'))
    fam = ver = port = None
    if isinstance(lic, dict):
        fam, ver, port = lic.get('family'), lic.get('version'), lic.get('port')
    elif isinstance(lic, str):
        fam = lic
    src = r.get('source')
    if isinstance(src, dict):
        src = src.get('url')
    elif src is None:
        src = r.get('source_url')
    codes = []
    for f in r.get('findings') or []:
        codes.append(f.get('code') if isinstance(f, dict) else str(f))
    return nul(fam), nul(ver), nul(port), nul(src), r.get('verdict'), codes

def want_rc(verdict):
    return {'fail': {1}, 'error': {3}, '*': {0, 1, 3}}.get(verdict, {0})

def check(row, out, err, rc):
    f, fam, ver, port, src, verdict, codes = row[:7]
    problems = []
    if rc >= 124:
        problems.append('exit status %d: crashed or hung' % rc)
    r = the_result(out)
    if r is None:
        problems.append('no JSON result on stdout')
        return problems
    gfam, gver, gport, gsrc, gverdict, gcodes = fields(r)
    for name, want, got in (('family', fam, gfam), ('version', ver, gver),
                            ('port', port, gport), ('verdict', verdict, gverdict)):
        want = None if want == '-' else want
        if want != '*' and want != got:
            problems.append('%s: got %s, want %s' % (name, json.dumps(got), json.dumps(want)))
    want_src = None if src == '-' else src
    if src != '*' and norm_url(want_src) != norm_url(gsrc):
        problems.append('source url: got %s, want %s' % (json.dumps(gsrc), json.dumps(want_src)))
    for c in ([] if codes == '-' else codes.split(',')):
        if c.startswith('!') and c[1:] in gcodes:
            problems.append('finding %s must not appear' % c[1:])
        elif not c.startswith('!') and c not in gcodes:
            problems.append('finding %s missing' % c)
    if rc < 124 and rc not in want_rc(verdict):
        problems.append('exit status %d does not go with verdict %s' % (rc, verdict))
    if problems:
        problems.append('findings: %s' % ', '.join(gcodes or ['(none)']))
    return problems

row = sys.argv[1].split('\t')
out = open(sys.argv[2], encoding='utf-8', errors='replace').read()
err = open(sys.argv[3], encoding='utf-8', errors='replace').read()
problems = check(row, out, err, int(sys.argv[4]))
if problems and err.strip():
    problems.append('stderr: ' + err.strip().splitlines()[0][:300])
print('\n'.join(problems))
EOF

# The manifest is read on file descriptor 3 so the binary's stdin stays free.
while IFS= read -r line <&3; do
    case $line in '#'* | '') continue ;; esac
    file=$(printf '%s\n' "$line" | cut -f1)
    args=$(printf '%s\n' "$line" | cut -f8)
    [ "$args" = "-" ] && args=
    set -f
    # shellcheck disable=SC2086 # args are split on spaces on purpose
    run_attrcheck -f jsonl --offline --rules "$RULES" $args "$FIXTURES/$SET/$file"
    set +f
    problems=$("$PYTHON3" "$TMPD/check.py" "$line" "$OUT" "$ERR" "$RC")
    name="$SET: $file"
    if [ -z "$problems" ]; then
        ok "$name"
    else
        not_ok "$name" "$problems"
    fi
done 3<"$MANIFEST"

done_testing
