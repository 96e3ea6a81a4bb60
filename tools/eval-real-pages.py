#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measure attrcheck on the shared corpus of real pages.

Usage: tools/eval-real-pages.py [--rules DIR] [-v] SHARED_REAL_PAGES_DIR BINARY

SHARED_REAL_PAGES_DIR is the corpus folder with manifest.tsv (it is not
part of this repository: the pages belong to their publishers).  Every
.html file is checked as it is; .md files and fragments (.frag.*) are put
into a minimal HTML page first.  The binary runs once over the folder with
-f jsonl --offline.  Each result is compared with the manifest's free-text
expected_licence and expected_source_url, read like this:
  "CC-BY-4.0 (site footer)"      -> CC-BY 4.0 (the first SPDX-style id)
  "CC-BY (no version)"           -> CC-BY, version not stated
  "none ...", "... not named ...", "... absent ...", "... not in template"
                                 -> no licence on the page
  "CONFLICTING ..."              -> the license-conflict finding
  source "none"                  -> no source; "unknown", or text without a
  URL                            -> not scored; "URL (itself)" -> the URL or
  none; "URL (... not linked from the page)" -> none (it is not on the page)
Prints one table row per page and the share right for licence and source.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit

ID_RE = re.compile(r'\b(CC0|CC-BY(?:-NC)?(?:-SA|-ND)?)(?:-(\d\.\d))?'
                   r'(?:-([A-Z]{2,5}))?\b')
NONE_RE = re.compile(r'^none|not named|absent|not in template', re.I)
PAGE_RE = re.compile(r'page-(\d{3,})\.html')
URL_RE = re.compile(r'https?://\S+')
SKIP = object()


def expect_licence(text):
    """('conflict',) | None | (family, version, port)."""
    t = text.strip()
    if t.upper().startswith('CONFLICTING'):
        return ('conflict',)
    # Judge the first statement only, with its parenthesis: "none for text;
    # CC-BY-NC-ND-2.0 for header image", "CC-BY-ND-4.0 (...; not named)".
    head = t[:t.index(')') + 1] if re.match(r'[^;]*\(', t) and ')' in t \
        else t.split(';')[0]
    if NONE_RE.search(head):
        return None
    m = ID_RE.search(t)
    if not m:
        return None
    return (m.group(1), m.group(2), m.group(3).lower() if m.group(3) else None)


def expect_source(text):
    """SKIP | None | (url, accept_none)."""
    t = text.strip()
    if t.lower().startswith('none'):
        return None
    m = URL_RE.search(t)
    if not m:
        return SKIP
    url = m.group(0).rstrip('),.;')
    rest = t[m.end():].lower()
    if 'not linked from the page' in rest:
        return None
    return (url, '(itself)' in rest)


def norm_url(u):
    if not u:
        return None
    try:
        p = urlsplit(u.strip())
    except ValueError:
        return u
    host = p.netloc.lower()
    return urlunsplit((p.scheme.lower(), host, p.path.rstrip('/') or '/',
                       p.query, ''))


def wrap(data, name):
    text = data.decode('utf-8', errors='replace')
    return ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            '<title>%s</title>\n</head>\n<body>\n%s\n</body>\n</html>\n'
            % ('page', text)).encode('utf-8')


def read_manifest(folder):
    rows = []
    with open(os.path.join(folder, 'manifest.tsv'), encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            if not line.strip():
                continue
            cols = dict(zip(header, line.rstrip('\n').split('\t')))
            rows.append(cols)
    return rows


def fields(obj):
    lic = obj.get('license', obj.get('licence'))
    fam = ver = port = None
    if isinstance(lic, dict):
        fam, ver, port = lic.get('family'), lic.get('version'), lic.get('port')
    src = obj.get('source')
    if isinstance(src, dict):
        src = src.get('url')
    elif src is None:
        src = obj.get('source_url')
    codes = [f.get('code') if isinstance(f, dict) else str(f)
             for f in obj.get('findings') or []]
    return (fam or None, ver or None, port or None), src or None, codes, \
        obj.get('verdict')


def run(binary, rules, folder):
    cmd = [binary, '-f', 'jsonl', '--offline']
    if rules and os.path.isdir(rules):
        cmd += ['--rules', rules]
    p = subprocess.run(cmd + [folder], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=3600)
    if p.returncode not in (0, 1, 3):
        sys.exit('eval-real-pages: %s exited %d: %s' % (
            binary, p.returncode, p.stderr.decode(errors='replace')[:500]))
    got = {}
    for line in p.stdout.decode('utf-8', errors='replace').splitlines():
        m = PAGE_RE.search(line)
        if m:
            try:
                got[int(m.group(1))] = fields(json.loads(line))
            except (ValueError, AttributeError):
                pass
    if not got:
        sys.exit('eval-real-pages: no results from %s (exit %d): %s' % (
            binary, p.returncode,
            p.stderr.decode(errors='replace')[:500]))
    return got


def licence_str(lic):
    if lic is None:
        return 'none'
    if lic == ('conflict',):
        return 'CONFLICT'
    return '-'.join(x for x in (lic[0], lic[1], (lic[2] or '').upper()) if x)


def licence_right(want, got, codes):
    if want == ('conflict',):
        return 'license-conflict' in codes
    if want is None:
        return got[0] is None
    if got[0] != want[0]:
        return False
    if want[1] and got[1] != want[1]:
        return False
    return not want[2] or got[2] == want[2]


def source_right(want, got):
    if want is SKIP:
        return None
    if want is None:
        return got is None
    url, accept_none = want
    return norm_url(got) == norm_url(url) or (accept_none and got is None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('corpus', metavar='SHARED_REAL_PAGES_DIR')
    ap.add_argument('binary', metavar='BINARY')
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--rules', default=os.path.join(here, '..', 'data',
                                                    'rules'))
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='also print findings and got/want sources')
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit('eval-real-pages: %s: not an executable' % a.binary)
    rows = read_manifest(a.corpus)
    with tempfile.TemporaryDirectory(prefix='eval-real-pages.') as tmp:
        for i, r in enumerate(rows):
            with open(os.path.join(a.corpus, r['file']), 'rb') as f:
                data = f.read()
            if not r['file'].endswith('.html') or '.frag.' in r['file']:
                data = wrap(data, r['file'])
            with open(os.path.join(tmp, 'page-%03d.html' % i), 'wb') as f:
                f.write(data)
        results = run(a.binary, a.rules, tmp)
    lic_ok = src_ok = src_n = 0
    print('%-4s %-4s %-58s %-22s %-22s' % ('lic', 'src', 'file', 'want',
                                           'got'))
    for i, r in enumerate(rows):
        want_l = expect_licence(r['expected_licence'])
        want_s = expect_source(r['expected_source_url'])
        got_l, got_s, codes, verdict = results.get(
            i, ((None, None, None), None, [], 'no result'))
        lr = licence_right(want_l, got_l, codes)
        sr = source_right(want_s, got_s)
        lic_ok += lr
        if sr is not None:
            src_n += 1
            src_ok += sr
        gl = licence_str(got_l if got_l[0] else None)
        print('%-4s %-4s %-58s %-22s %-22s' % (
            'ok' if lr else 'MISS', '-' if sr is None else
            ('ok' if sr else 'MISS'), r['file'][:58],
            licence_str(want_l), gl))
        if a.verbose or sr is False:
            print('           source want %s got %s' % (
                'unscored' if want_s is SKIP else
                (want_s[0] if want_s else 'none'), got_s or 'none'))
        if a.verbose:
            print('           verdict %s, findings %s' % (
                verdict, ', '.join(codes) or '-'))
    n = len(rows)
    print('\nlicence right: %d / %d (%.1f%%)' % (lic_ok, n,
                                                 100.0 * lic_ok / n))
    if src_n:
        print('source right:  %d / %d (%.1f%%), %d rows not scored' % (
            src_ok, src_n, 100.0 * src_ok / src_n, n - src_n))


if __name__ == '__main__':
    main()
