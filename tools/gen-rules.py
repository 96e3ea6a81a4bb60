#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates data/rules/10-titles.rules and 20-ports.rules.

Reads the official Creative Commons licence titles (cc-licence-titles.tsv,
see data/src/README.md) and writes PCRE2 rules in the format of
src/rules.h.  Deterministic: the same input gives the same output.
`make regen` runs it; by hand, from the top of the repository:

    python3 tools/gen-rules.py -o data/rules/10-titles.rules
    python3 tools/gen-rules.py --ports -o data/rules/20-ports.rules

The inputs default to data/src/cc-licence-titles.tsv and (with --ports)
data/src/cc-ports.tsv; give other paths as arguments (TITLES.tsv, and
with --ports TITLES.tsv PORTS.tsv).  Without -o the rules go to standard
output.

Titles look like "STEM VERSION PORTNAME" ("Naamsvermelding 3.0
Nederland").  Per (base language, family) the stems are collected, their
separators made flexible, and one `license` rule is written with an
alternation of the stems, an optional "Creative Commons" prefix, optional
licence words and the (?<version>) and (?<port>) groups.  Retired tools
(sa, nc, sampling, devnations, ...) are skipped: naming one is not a
licence attrcheck can check.

The local names of Creative Commons ("クリエイティブ・コモンズ", "知识共享")
are allowed as the prefix of that language's titles as "Creative Commons"
is; tools/gen-claims.py finds them in data/src/cc-chooser-strings.tsv.
"""
import csv
import io
import os
import re
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
TITLES_TSV = os.path.join(TOP, "data", "src", "cc-licence-titles.tsv")
PORTS_TSV = os.path.join(TOP, "data", "src", "cc-ports.tsv")
CHOOSER_TSV = os.path.join(TOP, "data", "src", "cc-chooser-strings.tsv")

CREDIT = (
    "# Derived from Creative Commons licence titles: Creative Commons\n"
    "# (cc.licenserdf, MIT; cc-legal-tools-data, CC0).  \"Creative Commons\"\n"
    "# and \"CC\" are trademarks of Creative Commons.\n"
)

FAMILIES = {
    "by": "by", "by-sa": "by-sa", "by-nc": "by-nc", "by-nd": "by-nd",
    "by-nc-sa": "by-nc-sa", "by-nc-nd": "by-nc-nd", "by-nd-nc": "by-nc-nd",
    "cc0": "zero", "mark": "mark",
}

# The word for "licence" per base language (regex, caseless).
LICENCE_WORDS = {
    "en": "licen[cs]e", "nl": "licentie", "de": "lizenz(?:vertrag)?",
    "fr": "licen[cs]e", "es": "licencia", "it": "licenza",
    "pt": "licen[çc]a", "pl": "licencj[aięy]", "sv": "licens(?:en)?",
    "da": "licens(?:en)?", "no": "lisens(?:en)?", "fi": "lisenssi",
    "cs": "licence", "sk": "licencia", "hu": "licenc", "ro": "licen[țt][aă]",
    "ru": "лицензи[яиюей]", "uk": "ліцензі[яїюєй]", "ca": "llic[eè]ncia",
    "eu": "lizentzia", "gl": "licenza", "hr": "licenc[aeu]",
    "sr": "licenc[aeu]|лиценц[аеу]", "sl": "licenc[aeo]", "tr": "lisans[ıi]?",
    "el": "[άα]δει[αες]", "ja": "ライセンス", "zh": "许可协议|授權條款|许可|授權",
    "ko": "라이선스", "ar": "رخصة|ترخيص", "he": "רישיון", "id": "lisensi",
    "ms": "lesen", "vi": "giấy phép", "et": "litsents", "lv": "licence",
    "lt": "licencija", "is": "leyfi", "af": "lisensie", "eo": "permesilo",
    "fy": "lisinsje", "bg": "лиценз", "mk": "лиценца", "be": "ліцэнзія",
    "fa": "مجوز|پروانه", "hi": "लाइसेंस", "th": "สัญญาอนุญาต",
}

# Words for "version" that some titles put before the number.
VERSION_WORDS = ("version|versie|versão|versión|versione|wersja|versio|verze|"
                 "verzió|sürüm|versiunea|версии|версия|верзија|версія")

VERSION = r"(?<version>[1-4]\.[05]|2\.1|[1-4](?!\.\d))(?!\d)"

# Scripts written without spaces: no word boundary around their stems.
NO_SPACE = [(0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x3040, 0x30FF),
            (0x3400, 0x9FFF), (0xF900, 0xFAFF)]


def fold(s):
    """The Python twin of textnorm for the characters titles contain."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch.isspace() or o in (0xA0, 0x202F, 0x3000) or 0x2000 <= o <= 0x200A:
            out.append(" ")
        elif 0x2010 <= o <= 0x2015 or o in (0x2212, 0xFE58, 0xFE63, 0xFF0D):
            out.append("-")
        elif o in (0x2018, 0x2019, 0x201A, 0x201B, 0x2032):
            out.append("'")
        elif o in (0x201C, 0x201D, 0x201E, 0x201F, 0xAB, 0xBB, 0x2033):
            out.append('"')
        elif o in (0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x640,
                   0x670) or 0x64B <= o <= 0x65F:
            continue
        else:
            out.append(ch)
    return re.sub(" +", " ", "".join(out)).strip()


def spaced(ch):
    o = ord(ch)
    return not any(lo <= o <= hi for lo, hi in NO_SPACE)


def esc(tok):
    out = []
    for ch in tok:
        if ch == "'":
            out.append("'?")
        elif ch in "\\^$.|?*+()[]{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


SEP = "(?: ?[-,\u060c/] ?| )?"


def tokens(stem):
    """Splits a stem at separators and CamelCase joins."""
    parts = [p for p in re.split(r"[ \-,\u060c/]+", stem) if p]
    out = []
    for p in parts:
        out.extend(t for t in re.split(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", p) if t)
    return out


def stem_regex(stem):
    toks = tokens(stem)
    if not toks:
        return None, False
    rx = SEP.join(esc(t) for t in toks)
    if spaced(toks[0][0]):
        rx = r"(?<![\p{L}\p{N}])" + rx
    if spaced(toks[-1][-1]):
        rx += r"(?![\p{L}\p{N}])"
    ordinary = len(toks) == 1 and not any(c.isdigit() for c in toks[0])
    return rx, ordinary


def base(lang):
    return lang.split("-")[0].lower()


def split_title(row):
    """Returns (stem, port text) of a title, or None."""
    title = fold(row["official_title"]).replace('"', "")
    ver = row["version"]
    m = re.search(r"(?<![\d.])" + re.escape(ver) + r"(?![\d])", title)
    if not m:
        return None
    stem = re.sub(r"(?i)\s(?:%s)$" % VERSION_WORDS, "",
                  title[:m.start()].strip(" -,"))
    return stem.strip(" -,"), title[m.end():].strip(" -,")


def stems_of(stem):
    """A stem and, for "English (Translation)" titles, both halves."""
    m = re.match(r"^(.*?) ?\((.+)\)$", stem)
    if not m:
        return [stem]
    return [m.group(1).strip(" -,"), m.group(2).strip(" -,"), stem]


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def alt(items):
    items = sorted(set(items), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(items) + ")"


def port_names(rows):
    """{base lang: set(port text)}, {code: set(name)} from the titles.

    A name that titles give to several ports (a few jp titles say
    "Generic") goes to the port that uses it most often."""
    by_lang, count = {}, {}
    for row in rows:
        if row["licence_code"] not in FAMILIES:
            continue
        parts = split_title(row)
        if parts is None or not parts[1]:
            continue
        code = row["jurisdiction"] or "-"
        by_lang.setdefault(base(row["lang"]), set()).add(parts[1])
        per = count.setdefault(parts[1].lower(), {})
        per[code] = per.get(code, 0) + 1
    by_code = {}
    for row in rows:
        parts = split_title(row) if row["licence_code"] in FAMILIES else None
        if parts is None or not parts[1]:
            continue
        per = count[parts[1].lower()]
        best = max(sorted(per), key=lambda c: per[c])
        by_code.setdefault(best, set()).add(parts[1])
    return by_lang, by_code


def codes_regex(codes):
    codes = sorted(c for c in codes if c != "-" and len(c) == 2)
    return "(?-i:" + "|".join(c.upper() for c in codes) + ")"


def prefix(lw, local=None):
    cc = ("(?:(?:%s) )?(?:Creative[ -]?Commons|(?<![\\p{L}\\p{N}])CC)"
          "(?:[ -](?:%s))?(?: ?[:-] ?| )\"?" % (lw, lw))
    if not local:
        return cc
    # scripts without spaces join the name to the title: 知识共享署名
    return "(?:%s|(?:%s)(?: ?[:\\-・] ?| )?)" % (cc, local)


def rule_pattern(stems, lw, ports, guarded, local=None):
    lwt = "(?:[ -]?(?:%s)(?![\\p{L}]))?" % lw
    lws = "\"?" + lwt  # a closing quote after the stem: «Атрибуция» 4.0
    ver = ("(?:[ ,]+|[ ]?-[ ]?)(?:(?:v\\.?|%s) ?)?%s"
           "(?:(?: ?[-,] ?| )(?<port>%s)(?![\\p{L}\\p{N}]))?"
           % (VERSION_WORDS, VERSION, ports))
    body = alt(stems)
    pre = prefix(lw, local)
    if not guarded:
        return "(?:%s)?%s%s(?:%s)?%s" % (pre, body, lws, ver, lwt)
    return "(?:%s%s%s(?:%s)?%s|%s%s%s%s)" % (
        pre, body, lws, ver, lwt, body, lws, ver, lwt)


def collect_stems(rows):
    """{(lang, family): {regex: ordinary}} with English first and each
    stem kept once, and {(lang, family): languages whose titles use it}."""
    first, out, langs = {}, {}, {}
    rows = sorted(rows, key=lambda r: (base(r["lang"]) != "en", base(r["lang"])))
    for row in rows:
        fam = FAMILIES.get(row["licence_code"])
        parts = split_title(row) if fam else None
        if not parts or not parts[0]:
            continue
        for stem in stems_of(parts[0]):
            rx, ordinary = stem_regex(stem)
            if rx is None:
                continue
            key = first.setdefault((fam, rx.lower()), (base(row["lang"]), fam))
            out.setdefault(key, {})[rx] = ordinary or fam == "by"
            langs.setdefault(key, set()).add(base(row["lang"]))
    return out, langs


def trigger(rows):
    """A trigger for the title rules: any hit holds "Creative Commons",
    "CC" or the first word of one of the stems, so a text with none of
    these is not scanned with them (docs/rules.md, trigger lines)."""
    first = set()
    for row in rows:
        fam = FAMILIES.get(row["licence_code"])
        parts = split_title(row) if fam else None
        if not parts or not parts[0]:
            continue
        for stem in stems_of(parts[0]):
            toks = tokens(stem)
            if toks:
                first.add(esc(toks[0]))
    print("trigger\tt-trigger\t*\tlicense\t(?:Creative[ -]?Commons|"
          "(?<![\\p{L}\\p{N}])CC|%s)" % "|".join(
              sorted(first, key=lambda t: (-len(t), t))))


def load_names(path):
    """{base language: regex} of the local names of Creative Commons, from
    the chooser translations (tools/gen-claims.py, imported)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "gen_claims", os.path.join(os.path.dirname(__file__), "gen-claims.py"))
    gc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gc)
    out = {}
    for lang, rx in gc.local_name_regexes(gc.load(path)):
        b = base(lang)
        out[b] = out[b] + "|" + rx if b in out else rx
    return out


def titles(rows, names_path=CHOOSER_TSV):
    local = load_names(names_path)
    by_lang, by_code = port_names(rows)
    codes = codes_regex(by_code)
    en_ports = [esc(p) for p in by_lang.get("en", ())]
    sys.stdout.write("# 10-titles.rules: GENERATED by tools/gen-rules.py; "
                     "do not edit.\n" + CREDIT)
    stems, langs = collect_stems(rows)
    trigger(rows)
    for (lang, fam) in sorted(stems, key=lambda k: (k[0] != "en", k)):
        group = stems[(lang, fam)]
        lw = LICENCE_WORDS.get(lang, "")
        lw = lw + "|" + LICENCE_WORDS["en"] if lw else LICENCE_WORDS["en"]
        names = set(en_ports)
        for other in sorted(langs[(lang, fam)]):
            names.update(esc(p) for p in by_lang.get(other, ()))
        ports = alt(sorted(names) + [codes])
        plain = [s for s, o in group.items() if not o]
        guard = [s for s, o in group.items() if o]
        for suffix, items, guarded in (("", plain, False), ("-g", guard, True)):
            if items:
                rid = "t-%s-%s%s" % (lang, fam, suffix)
                pat = rule_pattern(items, lw, ports, guarded,
                                   local.get(lang))
                print("license\t%s\t%s\t%s\t%s" % (rid, lang, fam, pat))


def ports_file(rows, ports_tsv):
    _, by_code = port_names(rows)
    for row in load(ports_tsv):
        code = row["jurisdiction"]
        by_code.setdefault(code, set()).add(row["jurisdiction_name_en"])
    owner = {}
    for code, names in by_code.items():
        for n in names:
            owner.setdefault(n.lower(), set()).add(code)
    sys.stdout.write("# 20-ports.rules: GENERATED by tools/gen-rules.py "
                     "--ports; do not edit.\n" + CREDIT)
    for code in sorted(by_code):
        names = [esc(n) for n in by_code[code] if len(owner[n.lower()]) == 1]
        if code != "-" and len(code) == 2:
            names.append("(?-i:%s)|\\A%s\\z" % (code.upper(), code))
        elif code != "-":
            names.append(esc(code))
        pat = r"(?<![\p{L}\p{N}])%s(?![\p{L}\p{N}])" % alt(names)
        rid = "port-" + ("generic" if code == "-" else code)
        print("port\t%s\t*\t%s\t%s" % (rid, code, pat))


def unchanged(path, text):
    """True when PATH already holds TEXT: it is left alone, so its time
    stamp does not make `make` rebuild what depends on it."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read() == text
    except OSError:
        return False


def write_output(text, path):
    """Writes TEXT to PATH through a temporary file (so an interrupted run
    leaves the old file), or to standard output when PATH is None."""
    if path is None:
        sys.stdout.write(text)
        return
    if unchanged(path, text):
        return
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    args, out, ports = [], None, False
    it = iter(argv[1:])
    for a in it:
        if a == "--ports":
            ports = True
        elif a == "-o":
            out = next(it, None)
            if out is None:
                args = None
                break
        else:
            args.append(a)
    if args is None or len(args) > (2 if ports else 1) or (
            ports and len(args) == 1):
        sys.stderr.write(__doc__)
        return 2
    titles_tsv = args[0] if args else TITLES_TSV
    buf, saved = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        if ports:
            ports_file(load(titles_tsv), args[1] if args else PORTS_TSV)
        else:
            titles(load(titles_tsv))
    finally:
        sys.stdout = saved
    write_output(buf.getvalue(), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
