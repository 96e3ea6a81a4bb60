#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates data/rules/40-claims.rules from CC's own translations.

Creative Commons' licence chooser wrote the notice that millions of pages
carry ("This work is licensed under a Creative Commons Attribution 4.0
International License.") in some forty languages.  Those translations are
the input: data/src/cc-chooser-strings.tsv holds, per language, the three
chooser sentences and the word for "Creative Commons", extracted once
from CC's gettext catalogues (see data/README.md for the source and its
commit).  Deterministic: the same input gives the same output.

`make regen` runs it; by hand, from the top of the repository:

    python3 tools/gen-claims.py -o data/rules/40-claims.rules
    python3 tools/gen-claims.py --names
    python3 tools/gen-claims.py --extract PO_DIR \\
        -o data/src/cc-chooser-strings.tsv
    python3 tools/gen-claims.py --self-test

The input defaults to data/src/cc-chooser-strings.tsv (give another path
as an argument); without -o the output goes to standard output.

Per language and sentence the placeholders (work, title, licence name,
URL) and the link markup are located; what is left is cut into

  * the verb phrase between the work and the licence ("ist lizenziert
    unter", "доступно по", "采用") and the phrase after the licence
    ("の下に提供されています", "ile lisanslanmıştır", "进行许可"): each
    becomes a `claim` rule (trailing articles dropped, at least two words,
    or two characters in a script written without spaces);
  * the words around the licence name inside the link: the local name of
    Creative Commons ("クリエイティブ・コモンズ", "知识共享", "المشاع
    الإبداعي") and the word for licence ("ライセンス", "许可协议").  Where
    the local name is not "Creative Commons", a `license` rule with VALUE
    `cc` matches "a Creative Commons licence" in that language, and a
    `trigger` line for `license` lists the local names, so blocks holding
    only them are still scanned.

--names prints "LANG<TAB>REGEX" lines of the local names of Creative
Commons; tools/gen-rules.py imports this module for them, so the licence
titles match after "クリエイティブ・コモンズ" as after "Creative Commons".

--extract reads PO_DIR/<lang>/cc_org.po (the cc-archive/cc.i18n layout)
for the languages in LANGS and prints the input file.
"""
import io
import os
import re
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
CHOOSER_TSV = os.path.join(TOP, "data", "src", "cc-chooser-strings.tsv")

CREDIT = (
    "# Derived from Creative Commons' chooser translations (cc.i18n,\n"
    "# cc_org.po; MIT, Creative Commons; the same strings are carried on\n"
    "# in cc-legal-tools-data, CC0).  \"Creative Commons\" and \"CC\" are\n"
    "# trademarks of Creative Commons.  See data/README.md.\n"
)

# Languages taken: every language of CC's legal code and deeds with a
# translation of the chooser sentences (mi and sk have none; hi's link
# text is not closed, so its sentence cannot be cut).
LANGS = ["ar", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "et", "eu",
         "fa", "fi", "fr", "gl", "he", "hr", "hu", "id", "it", "ja",
         "ko", "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru", "sl", "sr",
         "sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant"]

KEYS = {
    "web": 'This %(work_type)s is licensed under a <a rel="license" '
           'href="%(license_url)s">Creative Commons %(license_name)s '
           'License</a>.',
    "titled": '%(work_title)s is licensed under a <a rel="license" '
              'href="%(license_url)s">Creative Commons %(license_name)s '
              'License</a>.',
    "plain": 'This work is licensed under the Creative Commons '
             '%(license_name)s License. To view a copy of this license, '
             'visit %(license_url)s.',
    "cc": "Creative Commons",
}

# Scripts written without spaces between words (as in gen-rules.py).
NO_SPACE = [(0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x3040, 0x30FF),
            (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xAC00, 0xD7AF)]

ENGLISH = {"is licensed under", "this work is licensed under"}
WORK = "\x01"   # %(work_type)s / %(work_title)s
NAME = "\x02"   # %(license_name)s
URL = "\x03"    # %(license_url)s
LINK = "\x04"   # <a ...>
END = "\x05"    # </a>
SENTENCE_END = "。.।!！"


def fold(s):
    """The Python twin of textnorm for the characters these strings hold."""
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


def esc(text):
    out = []
    for ch in text:
        if ch == " ":
            out.append(" ?" if not spaced_neighbours(text) else " ")
        elif ch == "'":
            out.append("'?")
        elif ch in "\\^$.|?*+()[]{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def spaced_neighbours(text):
    return all(spaced(c) for c in text if c.isalpha())


def bounded(rx, text):
    """Word boundaries on the sides where the phrase's script has them."""
    if spaced(text[0]):
        rx = r"(?<![\p{L}\p{N}])" + rx
    if spaced(text[-1]):
        rx += r"(?![\p{L}\p{N}])"
    return rx


def skeleton(msg):
    """The sentence with placeholders and link markup as marker bytes."""
    s = re.sub(r"</?span[^>]*>", "", msg)
    s = re.sub(r"<a\b[^>]*>", LINK, s)
    s = s.replace("</a>", END)
    s = re.sub(r"%\(work_(?:type|title)\)s", WORK, s)
    s = s.replace("%(license_name)s", NAME).replace("%(license_url)s", URL)
    return fold(s)


def first_sentence(s):
    """Up to the first sentence end ("." before a space, "。" anywhere)."""
    m = re.search(r"[.!।](?: |$)|[。！]", s)
    return s[:m.start()] if m else s


def words_ok(phrase):
    if not phrase or re.search(r"[()\[\]{}<>]", phrase):
        return False
    if sum(c.isalpha() for c in phrase) < 2:
        return False
    if not spaced_neighbours(phrase):
        return len(phrase.replace(" ", "")) >= 2
    return len(phrase.split()) >= 2


def squash(s):
    return re.sub(r"[ \-・]+", "", s).lower()


def strip_names(phrase, names, by=" "):
    """Replaces the local names of Creative Commons in a phrase with BY."""
    for n in sorted(names, key=len, reverse=True):
        rx = "[ \\-・]?".join(re.escape(c) for c in squash(n))
        phrase = re.sub(rx, by, phrase, flags=re.I)
    return phrase


def trim(phrase, words):
    """Drops quotes, dashes, gender slashes ("platinama/s"), a trailing
    licence word and trailing articles ("valt onder een" -> "valt onder")
    while two words are left."""
    phrase = re.sub(r"/\w{1,2}(?!\w)", "", phrase)
    phrase = re.sub(" +", " ", phrase).strip(" \"'-,:;・")
    w = phrase.split(" ")
    stems = {squash(x)[:4] for x in words if spaced(x[0])}
    while len(w) > 2 and (len(w[-1]) <= 3 and spaced(w[-1][0])
                          or squash(w[-1])[:4] in stems):
        w.pop()
    return " ".join(w).strip(" \"'-,:;・")


def links(strings):
    """(head, link text before the name, after it, tail) per sentence with
    a link, the placeholders as marker bytes."""
    out = []
    for key in ("web", "titled"):
        s = skeleton(strings.get(key, ""))
        if LINK not in s or NAME not in s.split(LINK, 1)[1].split(END)[0]:
            continue
        head, rest = s.split(LINK, 1)
        link, _, tail = rest.partition(END)
        pre, _, post = link.partition(NAME)
        out.append((head, pre.strip(" -"), post.strip(" -"), tail))
    return out


def find_names(strings, parts):
    """The local names of Creative Commons: CC's own translation of the
    words where the link text holds it, else the shortest link text
    before the licence name that the others contain."""
    cc = fold(strings.get("cc", ""))
    names = []
    for _, pre, post, _ in parts:
        for text in (pre, post):
            for cand in (cc, "Creative Commons"):
                if cand and squash(cand) in squash(text):
                    names.append(cand)
                    break
    if names:
        return dedup(names)
    cands = sorted((p for _, p, _, _ in parts if p), key=len)
    for c in cands:
        if all(squash(c) in squash(o) for o in cands):
            return dedup([c] + [o for o in cands if squash(o) == squash(c)])
    return []


def analyse(lang, strings):
    """{'claims': [...], 'names': [...], 'words': [...]} for one language."""
    parts = links(strings)
    names = find_names(strings, parts)
    claims, words = [], []
    for head, pre, post, tail in parts:
        lic = [x.strip(" -") for x in (strip_names(pre, names, "\x06"),
                                       strip_names(post, names, "\x06"))]
        lic = [x.split("\x06")[0].strip(" -") or x.strip("\x06 -")
               for x in lic if x.strip("\x06 -")]
        for w in lic:
            w = first_sentence(w)
            known = [k for k in words if w.lower().startswith(k.lower())]
            if known:
                claims.append(w[len(known[0]):])
            elif len(w.split()) <= 2:
                words.append(w)
        claims.append(head.split(WORK)[-1] if WORK in head else "")
        claims.append(first_sentence(tail))
    s = skeleton(strings.get("plain", ""))
    if NAME in s:
        s = first_sentence(s.replace(URL, ""))
        pre, _, post = s.partition(NAME)
        post = post.strip(" -・")
        for w in sorted(words, key=len, reverse=True):
            if post.lower().startswith(w.lower()):
                post = post[len(w):]
                break
        claims += [pre, post]
    out = []
    for c in claims:
        c = c.replace(WORK, " ").replace(LINK, " ").replace(END, " ")
        c = trim(strip_names(c, names), words)
        if c.lower() in ENGLISH:
            continue  # an untranslated sentence: the English rules have it
        if words_ok(c) and c.lower() not in (x.lower() for x in out):
            out.append(c)
    out = [c for c in out
           if not any(o != c and o.lower() in c.lower() for o in out)]
    return {"claims": out, "names": names, "words": dedup(words)}


def dedup(items):
    seen, out = set(), []
    for i in items:
        if i and i.lower() not in seen:
            seen.add(i.lower())
            out.append(i)
    return out


def load(path):
    data = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or parts[1] not in KEYS:
                sys.exit("%s:%d: want LANG<TAB>KEY<TAB>TEXT" % (path, n))
            data.setdefault(parts[0], {})[parts[1]] = parts[2]
    return data


def name_regex(n):
    """Local name of Creative Commons, spaces and joiners optional."""
    parts = [p for p in re.split(r"[ \-・]+", n) if p]
    return "[ \\-・]?".join(esc(p) for p in parts)


def local_names(lang, a):
    return [n for n in a["names"] if squash(n) != "creativecommons"]


def rules(data):
    sys.stdout.write("# 40-claims.rules: GENERATED by tools/gen-claims.py "
                     "from data/src/cc-chooser-strings.tsv; do not edit.\n"
                     + CREDIT)
    analysed = {lang: analyse(lang, data[lang]) for lang in sorted(data)}
    trig = sorted({name_regex(n) for lang, a in analysed.items()
                   for n in local_names(lang, a)}, key=lambda r: (-len(r), r))
    if trig:
        print("trigger\tlc-trigger\t*\tlicense\t(?:%s)" % "|".join(trig))
    for lang, a in analysed.items():
        tag = lang.lower()
        for i, c in enumerate(a["claims"], 1):
            print("claim\tclaim-%s-cc%d\t%s\t-\t%s" % (tag, i, tag,
                                                        bounded(esc(c), c)))
        locals_ = local_names(lang, a)
        if locals_ and a["words"]:
            nm = "|".join(name_regex(n) for n in locals_)
            lw = "|".join(esc(w) for w in a["words"])
            # "<name> <licence>" or "<licence> <name>" (ar, th: word first)
            pat = "(?:(?:%s)[ \\-・]?(?:%s)|(?:%s) ?(?:\\S+ )?(?:%s))" % (
                nm, lw, lw, nm)
            print("license\tlc-%s-cc\t%s\tcc\t%s" % (tag, tag, pat))


def local_name_regexes(data):
    """[(lang, regex)] of the local names of Creative Commons."""
    out = []
    for lang in sorted(data):
        loc = local_names(lang, analyse(lang, data[lang]))
        if loc:
            out.append((lang.lower(), "|".join(name_regex(n) for n in loc)))
    return out


def names(data):
    for lang, rx in local_name_regexes(data):
        print("%s\t%s" % (lang, rx))


def po_entries(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = {}
    for blk in re.split(r"\n\n+", text):
        if "#, fuzzy" in blk:
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', blk, re.M)
        if not m:
            continue

        def un(s):
            return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s)).replace(
                '\\"', '"').replace("\\n", " ")
        out[un(m.group(1))] = un(m.group(2))
    return out


def extract(po_dir):
    print("# LANG\tKEY\tTEXT: CC chooser sentences per language, extracted "
          "by tools/gen-claims.py --extract")
    print("# from cc-archive/cc.i18n cc/i18n/po/<lang>/cc_org.po "
          "(MIT, Creative Commons); see data/README.md.")
    for lang in LANGS:
        e = po_entries(os.path.join(po_dir, lang, "cc_org.po"))
        for key, msgid in KEYS.items():
            t = e.get(msgid, "").strip()
            if t:
                print("%s\t%s\t%s" % (lang, key, t.replace("\t", " ")))


SELF_TEST = [
    # (lang, strings, claims, names, words)
    ("de", {"web": 'Dieses %(work_type)s ist lizenziert unter einer <a '
            'rel="license" href="%(license_url)s">Creative Commons '
            '%(license_name)s Lizenz</a>.', "cc": "Creative Commons"},
     ["ist lizenziert unter einer"], ["Creative Commons"], ["Lizenz"]),
    ("nl", {"web": 'Dit %(work_type)s valt onder een <a rel="license" '
            'href="%(license_url)s">Creative Commons %(license_name)s-'
            'licentie</a>.'}, ["valt onder"], ["Creative Commons"],
     ["licentie"]),
    ("ja", {"web": 'この %(work_type)s は <a rel="license" '
            'href="%(license_url)s">クリエイティブ・コモンズ '
            '%(license_name)s ライセンス</a>の下に提供されています。',
            "cc": "クリエイティブ・コモンズ"},
     ["の下に提供されています"], ["クリエイティブ・コモンズ"],
     ["ライセンス"]),
    ("ar", {"web": 'هذا %(work_type)s مرخص بموجب <a rel="license" '
            'href="%(license_url)s">رخصة المشاع الإبداعي '
            '%(license_name)s</a>.', "cc": "المشاع الإبداعي"},
     ["مرخص بموجب"], ["المشاع الإبداعي"], ["رخصة"]),
    ("zh-Hans", {"web": '本%(work_type)s采用<a rel="license" '
                 'href="%(license_url)s">知识共享%(license_name)s许可协议'
                 '</a>进行许可。', "cc": "知识共享组织"},
     ["采用", "进行许可"], ["知识共享"], ["许可协议"]),
    ("sv", {"titled": '%(work_title)s is licensed under a <a rel="license" '
            'href="%(license_url)s">Creative Commons %(license_name)s '
            'License</a>.'}, [], ["Creative Commons"], ["License"]),
]


def self_test():
    """Checks the cutting of sentences on known translations; prints TAP."""
    bad = 0
    for n, (lang, strings, claims, names_, words) in enumerate(SELF_TEST, 1):
        a = analyse(lang, strings)
        got = (a["claims"], a["names"], a["words"])
        good = got == (claims, names_, words)
        bad += not good
        print("%s %d - %s%s" % ("ok" if good else "not ok", n, lang,
                                "" if good else " # got %r" % (got,)))
    print("1..%d" % len(SELF_TEST))
    return 1 if bad else 0


def write_output(text, path):
    """Writes TEXT to PATH through a temporary file (left alone when
    unchanged, so make does not rebuild what depends on it), or to standard
    output when PATH is None."""
    if path is None:
        sys.stdout.write(text)
        return
    try:
        with open(path, encoding="utf-8", newline="") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main(argv):
    args, out, mode = [], None, "rules"
    it = iter(argv[1:])
    for a in it:
        if a in ("--names", "--extract", "--self-test"):
            mode = a[2:]
        elif a == "-o":
            out = next(it, None)
            if out is None:
                mode = "usage"
        elif a.startswith("-"):
            mode = "usage"
        else:
            args.append(a)
    if mode == "self-test" and not args:
        return self_test()
    if mode == "usage" or len(args) > 1 or (mode == "extract" and not args):
        sys.stderr.write(__doc__)
        return 2
    buf, saved = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        if mode == "extract":
            extract(args[0])
        elif mode == "names":
            names(load(args[0] if args else CHOOSER_TSV))
        else:
            rules(load(args[0] if args else CHOOSER_TSV))
    finally:
        sys.stdout = saved
    write_output(buf.getvalue(), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
