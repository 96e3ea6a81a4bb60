#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measure attrcheck's licence detection on ScanCode's CC rules.

Usage: tools/eval-scancode.py [--rules DIR] [--misses] [--keep DIR]
                              CORPUS_DIR BINARY

CORPUS_DIR is the folder holding ScanCode's rules/ (the shared corpus
scancode-cc-rules; it is not part of this repository).  Each *.RULE that
names one licence (no AND/OR/WITH) and is a notice, reference or tag (not
a full licence text, not deprecated) becomes a minimal HTML page: the
{{ }} markers are stripped and the text is HTML-escaped unless it already
is HTML markup.  The binary runs once over the folder of pages with
-f jsonl --offline, and each result is compared with the rule's licence
expression: family always, version where the expression has one and the
text states it, port likewise.  Prints totals, shares and misses by
category; --misses lists every miss.
"""

import argparse
import collections
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time

FAMILIES = {
    'by': 'CC-BY', 'by-sa': 'CC-BY-SA', 'by-nc': 'CC-BY-NC',
    'by-nd': 'CC-BY-ND', 'by-nc-sa': 'CC-BY-NC-SA', 'by-nc-nd': 'CC-BY-NC-ND',
}
EXPR_RE = re.compile(r'^cc-(by(?:-nc)?(?:-sa|-nd)?)-(\d\.\d)(?:-([a-z]+))?$')
HTML_RE = re.compile(r'<\s*(a|img|p|span|div|br|meta|link|small|strong|em)\b'
                     r'[^>]*>|</\s*(a|p|span|div)\s*>', re.I)
SAMPLE_RE = re.compile(r'sample-(\d{4,})\.html')


def read_rule(path):
    """Returns (front matter dict, text) of a .RULE file."""
    with open(path, encoding='utf-8', errors='replace') as f:
        data = f.read()
    meta, text = {}, data
    m = re.match(r'---\n(.*?)\n---\n?(.*)\Z', data, re.S)
    if m:
        text = m.group(2)
        for line in m.group(1).splitlines():
            k = re.match(r'^([a-z_]+):\s*(.*)$', line)
            if k:
                meta[k.group(1)] = k.group(2).strip()
    return meta, text.replace('{{', '').replace('}}', '').strip()


def expected(expr):
    """(family, version, port) for a licence expression, or None."""
    if expr == 'cc0-1.0':
        return ('CC0', '1.0', None)
    if expr == 'cc-pdm-1.0':
        return ('PDM', '1.0', None)
    m = EXPR_RE.match(expr)
    if not m:
        return None
    return (FAMILIES[m.group(1)], m.group(2), m.group(3))


def load_port_names(path):
    """Port code -> English jurisdiction name, from cc-ports.tsv if given."""
    names = {}
    if path and os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            next(f, None)
            for line in f:
                cols = line.rstrip('\n').split('\t')
                if len(cols) > 2 and cols[1] != '-':
                    names[cols[1]] = cols[2]
    return names


def states_version(text, ver):
    return re.search(r'(?<![\d.])' + re.escape(ver) + r'(?![\d])', text) \
        is not None


def states_port(text, ver, port, names):
    if re.search(r'/' + re.escape(ver) + r'/' + re.escape(port) + r'\b',
                 text, re.I):
        return True
    if port.upper() == 'IGO' and re.search(r'\bIGO\b', text):
        return True
    name = names.get(port)
    return bool(name) and name.lower() in text.lower()


def to_page(text, n):
    if HTML_RE.search(text):
        body = text
    else:
        paras = [p for p in re.split(r'\n\s*\n', text) if p.strip()]
        body = '\n'.join('<p>%s</p>' % html.escape(p) for p in paras)
    return ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            '<title>Sample %d</title>\n</head>\n<body>\n<main>\n%s\n'
            '</main>\n</body>\n</html>\n') % (n, body)


def collect(corpus, names):
    """The samples: dicts with name, kind, expected licence and text."""
    rules = os.path.join(corpus, 'rules')
    samples, skipped = [], collections.Counter()
    for fn in sorted(os.listdir(rules)):
        if not fn.endswith('.RULE'):
            continue
        meta, text = read_rule(os.path.join(rules, fn))
        expr = meta.get('license_expression', '')
        if re.search(r'\b(AND|OR|WITH)\b', expr):
            skipped['compound expression'] += 1
            continue
        if meta.get('is_license_text') == 'yes':
            skipped['full licence text'] += 1
            continue
        if meta.get('is_deprecated') == 'yes':
            skipped['deprecated rule'] += 1
            continue
        kind = next((k for k in ('notice', 'reference', 'tag')
                     if meta.get('is_license_' + k) == 'yes'), None)
        if kind is None:
            skipped['not a notice, reference or tag'] += 1
            continue
        want = expected(expr)
        if want is None:
            skipped['no CC family (%s)' % expr] += 1
            continue
        fam, ver, port = want
        samples.append(dict(
            rule=fn, kind=kind, expr=expr, text=text, family=fam,
            version=ver if ver and states_version(text, ver) else None,
            port=port if port and states_port(text, ver, port, names)
            else None))
    return samples, skipped


def result_of(obj):
    """(family, version, port) of one JSON result."""
    lic = obj.get('license', obj.get('licence'))
    if isinstance(lic, dict):
        return (lic.get('family') or None, lic.get('version') or None,
                lic.get('port') or None)
    return (lic or None, None, None) if isinstance(lic, str) else \
        (None, None, None)


def run(binary, rules, folder):
    cmd = [binary, '-f', 'jsonl', '--offline']
    if rules:
        cmd += ['--rules', rules]
    t0 = time.time()
    p = subprocess.run(cmd + [folder], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=3600)
    took = time.time() - t0
    if p.returncode not in (0, 1, 3):
        sys.exit('eval-scancode: %s exited %d: %s' % (
            binary, p.returncode, p.stderr.decode(errors='replace')[:500]))
    got = {}
    for line in p.stdout.decode('utf-8', errors='replace').splitlines():
        m = SAMPLE_RE.search(line)
        if not m:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            got[int(m.group(1))] = result_of(obj)
    if not got:
        sys.exit('eval-scancode: no results from %s (exit %d): %s' % (
            binary, p.returncode,
            p.stderr.decode(errors='replace')[:500]))
    return got, took


# Categories where ScanCode's label, not the detector, is in question:
# counted apart, and left out of the adjusted share.
DISPUTED = ('label: retired licence without BY',
            'label: the text names another licence')

RETIRED = re.compile(r'(?:creativecommons\.org/licenses|licensebuttons\.net/l|'
                     r'i\.creativecommons\.org/l)/(?:nc|nd|sa|nc-sa|nd-nc|'
                     r'nc-nd|sampling\+?|nc-sampling\+)/', re.I)
CODE = re.compile(r'creativecommons\.org/licenses/(by(?:-[a-z]{2}){0,2})/', re.I)
ABBR = re.compile(r'\bCC[- ]BY((?:[- ](?:NC|SA|ND)){0,2})\b')


def named_families(text):
    """Families the text itself names by URL or abbreviation."""
    fams = set()
    for m in CODE.finditer(text):
        parts = m.group(1).lower().split('-')[1:]
        fams.add(family_of(parts))
    for m in ABBR.finditer(text):
        parts = re.split(r'[- ]', m.group(1).strip('- ').lower()) if m.group(1) else []
        fams.add(family_of([p for p in parts if p]))
    return fams


def family_of(elements):
    """CC-BY-NC-SA style name of a BY family from its other elements."""
    order = [e for e in ('nc', 'nd', 'sa') if e in elements]
    if order == ['nd', 'sa']:
        order = ['sa', 'nd']
    return 'CC-BY' + ''.join('-' + e.upper() for e in order)


def judge(s, got):
    """The miss category of a sample, or None when it is right."""
    if got is None:
        return 'no result for the page'
    fam, ver, port = got
    if fam != s['family'] and RETIRED.search(s['text']):
        return DISPUTED[0]
    if fam is None:
        return 'no licence found'
    if fam == 'CC':
        return 'family unspecified (CC)'
    if fam != s['family'] and fam in named_families(s['text']):
        return DISPUTED[1]
    if fam != s['family']:
        return 'wrong family'
    if s['version'] and ver != s['version']:
        return 'version missed' if ver is None else 'wrong version'
    if s['port'] and port != s['port']:
        return 'port missed' if port is None else 'wrong port'
    return None


def pct(a, b):
    return '%5.1f%%' % (100.0 * a / b) if b else '    -'


def report(samples, results, skipped, took, show_misses):
    misses = []
    by_cat = collections.Counter()
    by_kind = collections.Counter()
    by_fam = collections.Counter()
    fam_ok = ver_n = ver_ok = port_n = port_ok = 0
    dver_n = dver_ok = 0  # versions of the samples whose label is not disputed
    for i, s in enumerate(samples):
        got = results.get(i)
        gfam, gver, gport = got or (None, None, None)
        fam_ok += gfam == s['family']
        if s['version']:
            ver_n += 1
            ver_ok += gfam == s['family'] and gver == s['version']
        if s['port']:
            port_n += 1
            port_ok += gfam == s['family'] and gport == s['port']
        cat = judge(s, got)
        if s['version'] and cat not in DISPUTED:
            dver_n += 1
            dver_ok += gfam == s['family'] and gver == s['version']
        if cat:
            by_cat[cat] += 1
            by_kind[s['kind']] += 1
            by_fam[s['family']] += 1
            misses.append((s, got, cat))
    n = len(samples)
    print('samples: %d rules (%s skipped: %s)' % (
        n, sum(skipped.values()),
        ', '.join('%s %d' % kv for kv in sorted(skipped.items()))))
    print('run: %.1f s for %d pages' % (took, n))
    print('family right:  %5d / %-5d %s' % (fam_ok, n, pct(fam_ok, n)))
    print('version right: %5d / %-5d %s  (where the text states it)' % (
        ver_ok, ver_n, pct(ver_ok, ver_n)))
    print('port right:    %5d / %-5d %s  (where the text states it)' % (
        port_ok, port_n, pct(port_ok, port_n)))
    print('all right:     %5d / %-5d %s' % (n - len(misses), n,
                                            pct(n - len(misses), n)))
    disputed = sum(by_cat[c] for c in DISPUTED)
    print('family right, leaving out %d disputed labels: %d / %d %s' % (
        disputed, fam_ok, n - disputed, pct(fam_ok, n - disputed)))
    print('version right, leaving them out:       %d / %d %s' % (
        dver_ok, dver_n, pct(dver_ok, dver_n)))
    print('\nmisses by category:')
    for cat, c in by_cat.most_common():
        print('  %-28s %5d' % (cat, c))
    print('misses by rule kind:')
    kinds = collections.Counter(s['kind'] for s in samples)
    for k in sorted(kinds):
        print('  %-28s %5d / %d' % (k, by_kind[k], kinds[k]))
    print('misses by expected family:')
    fams = collections.Counter(s['family'] for s in samples)
    for f in sorted(fams):
        print('  %-28s %5d / %d' % (f, by_fam[f], fams[f]))
    if show_misses:
        print('\nmisses:')
        for s, got, cat in misses:
            text = re.sub(r'\s+', ' ', s['text'])[:110]
            print('  %-34s %-22s want %s/%s/%s got %s\n      %s' % (
                s['rule'], cat, s['family'], s['version'] or '-',
                s['port'] or '-',
                '/'.join(x or '-' for x in got) if got else 'nothing', text))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('corpus', metavar='CORPUS_DIR')
    ap.add_argument('binary', metavar='BINARY')
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--rules', default=os.path.join(here, '..', 'data',
                                                    'rules'),
                    help='rules directory (default: the source tree\'s)')
    ap.add_argument('--ports', default=None,
                    help='cc-ports.tsv, for port names (default: '
                    'CORPUS_DIR/../../data/cc-ports.tsv if present)')
    ap.add_argument('--misses', action='store_true', help='list the misses')
    ap.add_argument('--keep', metavar='DIR',
                    help='write the pages to DIR and keep them')
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit('eval-scancode: %s: not an executable' % a.binary)
    ports = a.ports or os.path.join(a.corpus, '..', '..', 'data',
                                    'cc-ports.tsv')
    samples, skipped = collect(a.corpus, load_port_names(ports))
    with tempfile.TemporaryDirectory(prefix='eval-scancode.') as tmp:
        folder = a.keep or tmp
        os.makedirs(folder, exist_ok=True)
        for i, s in enumerate(samples):
            with open(os.path.join(folder, 'sample-%04d.html' % i), 'w',
                      encoding='utf-8') as f:
                f.write(to_page(s['text'], i))
        results, took = run(a.binary, a.rules, folder)
    report(samples, results, skipped, took, a.misses)


if __name__ == '__main__':
    main()
