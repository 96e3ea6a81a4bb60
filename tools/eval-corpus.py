#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measure attrcheck on the labelled evaluation corpus (eval/corpus.tsv).

Usage: tools/eval-corpus.py [--manifest FILE] [--rules DIR] [-q]
                            PAGES_DIR BINARY

PAGES_DIR holds the pages as ID.html (tools/eval-corpus-fetch writes it).
The binary runs once over the folder with -f jsonl --offline; each result is
compared with the manifest's labels (docs/evaluation.md explains them):

  licence  exact: family, version and port as labelled ("none" and
           "permission" want no licence, "conflict" wants the
           license-conflict finding); precision over the pages where
           attrcheck names a licence, recall over the pages labelled with one
  source   precision over the pages where attrcheck reports a source URL,
           recall over the pages labelled with a source URL (compared after
           normalising scheme and host case, trailing slash, fragment and
           &amp;; a label ending in '*' matches URLs that start with it)
  verdict  agreement (attrcheck's 'none', nothing to check, counts as the
           'pass' of a page labelled with no licence, no source and no
           copy), and false fails: a fail on a page labelled pass, and on a
           page that copies nothing and claims nothing

Every miss is listed, grouped by field, with the page's class.  -q leaves
the list out.  Exit status 0 when the run was measured (whatever the
figures), 2 on a usage error or when attrcheck gave no results.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

LIC_RE = re.compile(r'^(CC0|PDM|CC-BY(?:-NC)?(?:-SA|-ND)?|CC)'
                    r'(?:-(\d\.\d))?(?:-([A-Za-z]{2,5}))?$')


def parse_licence(text):
    """None (no licence) | 'conflict' | (family, version, port)."""
    t = text.strip()
    if t in ('none', 'permission', ''):
        return None
    if t == 'conflict':
        return 'conflict'
    m = LIC_RE.match(t)
    if not m:
        raise ValueError('licence label %r' % text)
    return (m.group(1), m.group(2), m.group(3).lower() if m.group(3) else None)


def licence_str(lic):
    if lic is None:
        return 'none'
    if lic == 'conflict':
        return 'conflict'
    return '-'.join(x for x in (lic[0], lic[1], (lic[2] or '').upper()) if x)


def norm_url(u):
    u = u.strip().replace('&amp;', '&')
    try:
        p = urlsplit(u)
    except ValueError:
        return u
    return urlunsplit((p.scheme.lower(), p.netloc.lower(),
                       p.path.rstrip('/') or '/', p.query, ''))


def source_matches(label, got):
    if not label.startswith('http') or not got:
        return False
    if label.endswith('*'):
        return norm_url(got).startswith(norm_url(label[:-1]).rstrip('/'))
    return norm_url(got) == norm_url(label)


def read_manifest(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for n, line in enumerate(f, start=2):
            if not line.strip() or line.startswith('#'):
                continue
            r = dict(zip(header, line.rstrip('\n').split('\t')))
            try:
                r['want_lic'] = parse_licence(r['licence'])
            except ValueError as e:
                sys.exit('eval-corpus: %s:%d: %s' % (path, n, e))
            rows.append(r)
    return rows


def run(binary, rules, folder):
    cmd = [binary, '-f', 'jsonl', '--offline']
    if rules:
        cmd += ['--rules', rules]
    p = subprocess.run(cmd + [folder], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=3600)
    got = {}
    for line in p.stdout.decode('utf-8', errors='replace').splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        name = os.path.basename(obj.get('target') or '')
        if name.endswith('.html'):
            got[name[:-5]] = obj
    if p.returncode not in (0, 1, 3) or not got:
        sys.exit('eval-corpus: %s exited %d with %d results: %s' % (
            binary, p.returncode, len(got),
            p.stderr.decode(errors='replace')[:500]))
    return got


def got_fields(obj):
    lic = obj.get('license')
    if isinstance(lic, dict) and lic.get('family'):
        gl = (lic['family'], lic.get('version'),
              (lic.get('port') or '').lower() or None)
    else:
        gl = None
    src = obj.get('source')
    gs = src.get('url') if isinstance(src, dict) else None
    codes = [f.get('code') for f in obj.get('findings') or []
             if isinstance(f, dict)]
    return gl, gs, codes, obj.get('verdict') or 'none'


def licence_right(want, got, codes):
    if want == 'conflict':
        return 'license-conflict' in codes
    return want == got


def pct(n, d):
    return '%d / %d (%.1f%%)' % (n, d, 100.0 * n / d) if d else '0 / 0 (-)'


def measure(rows, results):
    s = collections.Counter()
    misses = collections.defaultdict(list)
    verdicts = collections.Counter()
    for r in rows:
        obj = results.get(r['id'])
        if obj is None:
            misses['no result'].append((r, 'a result', 'none'))
            s['noresult'] += 1
            continue
        gl, gs, codes, verdict = got_fields(obj)
        want = r['want_lic']
        ok = licence_right(want, gl, codes)
        s['pages'] += 1
        s['lic_ok'] += ok
        if gl is not None:
            s['lic_named'] += 1
            s['lic_named_ok'] += ok
            s['lic_named_fam'] += bool(want and want != 'conflict'
                                       and want[0] == gl[0])
        if want is not None and want != 'conflict':
            s['lic_labelled'] += 1
            s['lic_labelled_ok'] += ok
            s['lic_labelled_fam'] += bool(gl and gl[0] == want[0])
        if not ok:
            misses['licence'].append((r, licence_str(want), licence_str(gl)))
        lab = r['source']
        if gs:
            s['src_reported'] += 1
            s['src_reported_ok'] += source_matches(lab, gs)
        if lab.startswith('http'):
            s['src_labelled'] += 1
            s['src_labelled_ok'] += source_matches(lab, gs)
        if (gs or lab.startswith('http')) and not source_matches(lab, gs):
            misses['source'].append((r, lab, gs or 'none'))
        if lab.startswith('name:') and r['is_copy'] == 'yes':
            s['name_copies'] += 1
            s['name_copies_flagged'] += 'source-missing' in codes
        plain = want is None and lab == 'none' and r['is_copy'] == 'no'
        want_v = r['verdict']
        # attrcheck calls a page with nothing to check 'none': that is the
        # 'pass' of a page that claims and copies nothing.
        v_ok = want_v == verdict or (plain and want_v == 'pass'
                                     and verdict == 'none')
        verdicts[(want_v, verdict)] += 1
        s['verdict_ok'] += v_ok
        s['plain'] += plain
        if want_v == 'pass':
            s['fine'] += 1
        if verdict == 'fail' and want_v == 'pass':
            s['false_fail'] += 1
            s['false_fail_plain'] += plain
        if not v_ok:
            misses['verdict'].append(
                (r, want_v, '%s [%s]' % (verdict, ', '.join(codes) or '-')))
    return s, misses, verdicts


def report(s, misses, verdicts, quiet):
    print('pages measured: %d%s' % (s['pages'], ', %d without a result'
                                    % s['noresult'] if s['noresult'] else ''))
    print('licence exact:      %s' % pct(s['lic_ok'], s['pages']))
    print('licence precision:  %s   (family right: %s)' % (
        pct(s['lic_named_ok'], s['lic_named']),
        pct(s['lic_named_fam'], s['lic_named'])))
    print('licence recall:     %s   (family right: %s)' % (
        pct(s['lic_labelled_ok'], s['lic_labelled']),
        pct(s['lic_labelled_fam'], s['lic_labelled'])))
    print('source precision:   %s' % pct(s['src_reported_ok'],
                                         s['src_reported']))
    print('source recall:      %s' % pct(s['src_labelled_ok'],
                                         s['src_labelled']))
    print('name-only copies flagged source-missing: %s' % pct(
        s['name_copies_flagged'], s['name_copies']))
    print('verdict as labelled: %s' % pct(s['verdict_ok'], s['pages']))
    print('false fail on pages labelled pass: %s' % pct(s['false_fail'],
                                                        s['fine']))
    print('false fail on pages that copy nothing and claim nothing: %s' %
          pct(s['false_fail_plain'], s['plain']))
    print('verdicts (labelled -> got): ' + ', '.join(
        '%s->%s %d' % (w, g, n) for (w, g), n in sorted(verdicts.items())))
    if quiet:
        return
    for field in ('no result', 'licence', 'source', 'verdict'):
        if not misses[field]:
            continue
        print('\n%s misses (%d):' % (field, len(misses[field])))
        for r, want, got in sorted(misses[field],
                                   key=lambda m: (m[0]['class'], m[0]['id'])):
            print('  %-44s %-17s want %s\n  %-44s %-17s got  %s' % (
                r['id'], r['class'], want, '', '', got))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--manifest',
                    default=os.path.join(here, '..', 'eval', 'corpus.tsv'))
    ap.add_argument('--rules', default=os.path.join(here, '..', 'data',
                                                    'rules'))
    ap.add_argument('-q', '--quiet', action='store_true',
                    help='figures only, no list of misses')
    ap.add_argument('pages', metavar='PAGES_DIR')
    ap.add_argument('binary', metavar='BINARY')
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        ap.error('%s: not an executable' % a.binary)
    if not os.path.isdir(a.pages):
        ap.error('%s: not a folder' % a.pages)
    rows = read_manifest(a.manifest)
    present = [r for r in rows if os.path.exists(
        os.path.join(a.pages, r['id'] + '.html'))]
    if len(present) < len(rows):
        print('eval-corpus: %d of %d pages are not in %s (run '
              'tools/eval-corpus-fetch); measuring the others' % (
                  len(rows) - len(present), len(rows), a.pages),
              file=sys.stderr)
    if not present:
        sys.exit('eval-corpus: no page of the manifest is in %s' % a.pages)
    results = run(a.binary, a.rules if os.path.isdir(a.rules) else None,
                  a.pages)
    report(*measure(present, results), quiet=a.quiet)
    return 0


if __name__ == '__main__':
    sys.exit(main())
