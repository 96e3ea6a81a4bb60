#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Evaluates the `license` rules on ScanCode's Creative Commons rules.

    python3 tools/eval-rules.py CORPUS_DIR RULESCAN RULES_DIR [-v]

CORPUS_DIR holds ScanCode *.RULE files (YAML front matter, then text).
Single-licence notices, references and tags are scanned with RULESCAN
(tools/rulescan.c, built by `make extras`) and the family, version and port of
the hits compared with the licence expression.  Licence texts and
expressions with AND/OR/WITH are skipped.  Prints the share right and
the misses by category; -v lists every miss.
"""
import collections
import os
import re
import subprocess
import sys

FAMILY = re.compile(r"^cc-(by(?:-nc)?(?:-nd|-sa)?)-(\d\.\d)(?:-(.+))?$")


def expected(expr):
    """(family, version, port) for a ScanCode key, or None."""
    if expr == "cc0-1.0":
        return ("zero", "1.0", "")
    if expr == "cc-pdm-1.0":
        return ("mark", "1.0", "")
    m = FAMILY.match(expr)
    if not m:
        return None
    return (m.group(1), m.group(2), m.group(3) or "")


def parse(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    parts = raw.split("---", 2)
    if len(parts) < 3:
        return None
    meta = {}
    for line in parts[1].splitlines():
        if ":" in line and not line.startswith(" "):
            k, v = line.split(":", 1)
            meta[k.strip()] = v.strip()
    text = re.sub(r"\{\{|\}\}", "", parts[2])
    return meta, " ".join(text.split())


def cases(corpus):
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".RULE"):
            continue
        got = parse(os.path.join(corpus, name))
        if got is None:
            continue
        meta, text = got
        expr = meta.get("license_expression", "")
        if meta.get("is_license_text") == "yes" or re.search(
                r"\b(AND|OR|WITH|and|or|with)\b", expr):
            continue
        if not any(meta.get(k) == "yes" for k in (
                "is_license_notice", "is_license_reference",
                "is_license_tag")):
            continue
        want = expected(expr)
        if want and text:
            yield name, text, want


def scan(rulescan, rules, texts):
    out = subprocess.run([rulescan, rules, "license"], check=True,
                         input="\n".join(texts) + "\n", capture_output=True,
                         text=True).stdout.splitlines()
    res, i = [], 0
    while i < len(out):
        n = int(out[i].split("\t")[1])
        res.append([o.split("\t")[1:] for o in out[i + 1:i + 1 + n]])
        i += n + 1
    return res


def judge(text, want, hits):
    fam, ver, port = want
    if not hits:
        if re.search(r"/(?:l|licenses)/(?:sa|nc|nd|nd-nc|nc-sa)/", text):
            return "no hit: retired tool (by design)"
        return "no hit"
    same = [h for h in hits if h[0].split("/")[0] == fam]
    if not same:
        return "wrong family (%s)" % ",".join(sorted({h[0] for h in hits}))
    states_ver = re.search(r"(?<![\d.])" + re.escape(ver) + r"(?!\d)", text)
    if states_ver and not any(h[1] in (ver, ver[0]) for h in same):
        return "version missed"
    return "ok"


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    verbose = "-v" in argv
    todo = list(cases(argv[1]))
    hits = scan(argv[2], argv[3], [t for _, t, _ in todo])
    tally, misses = collections.Counter(), []
    fam_ok = 0
    for (name, text, want), h in zip(todo, hits):
        verdict = judge(text, want, h)
        tally[verdict] += 1
        fam_ok += verdict in ("ok", "version missed")
        if verdict != "ok":
            misses.append((verdict, name, text[:160], h))
    total = len(todo)
    print("cases: %d" % total)
    print("family right: %d (%.1f%%)" % (fam_ok, 100.0 * fam_ok / total))
    print("family and version right: %d (%.1f%%)" %
          (tally["ok"], 100.0 * tally["ok"] / total))
    for verdict, n in tally.most_common():
        if verdict != "ok":
            print("  miss: %-30s %d" % (verdict, n))
    if verbose:
        for verdict, name, text, h in sorted(misses):
            print("%s\t%s\t%s\t%s" % (verdict, name, text,
                                      [x[4] + "=" + x[0] for x in h]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
