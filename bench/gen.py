#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Deterministic test corpora for bench/run (python3 standard library only).

    gen.py warc OUT.warc.gz [--pages N] [--seed S]
    gen.py site DIR [--pages N] [--seed S]
    gen.py urls DIR BASE [--pages N] [--seed S]

The same seed and page count give the same pages, byte for byte, in every
form.  Pages are realistic news/blog pages of 20-120 KB: a <head> with
metas, stylesheets and inline scripts, a navigation menu, a JSON blob, an
article of running text with headings, a sidebar and a footer.  About 1%
of the pages carry a Creative Commons notice or a copy credit: in the
article's closing notice, in the middle of the text, or only as an image
credit.

warc: a Common-Crawl-like WARC 1.0 file, one gzip member per record: a
warcinfo record, then per page a request, a response and a metadata
record, as Common Crawl writes them; about 2% of the responses are not
HTML (images, PDF, CSS, JavaScript).
site: the same HTML pages as files, DIR/sNN/page-NNNNN.html.
urls: the site (as above, into DIR/site, but with the credited originals
at BASE/orig/) plus DIR/urls.txt listing each page at BASE (e.g.
http://127.0.0.1:8080/), and DIR/sources.txt listing the originals the
credited pages name, which the generator also writes into DIR/site/orig/.
"""

import argparse
import gzip
import hashlib
import io
import os
import random
import sys
import uuid

WORDS = (
    "the of and to in a is that for it as was with be on not he by are this "
    "at from his but have an they which one you were her all she there "
    "would their we him been has when who will more no if out so said what "
    "up its about into than them can only other new some could time these "
    "two may then do first any my now such like our over man me even most "
    "made after also did many before must through back years where much "
    "your way well down should because each just those people how too "
    "little state good very make world still own see men work long get "
    "here between both life being under never day same another know while "
    "last might us great old year off come since against go came right used "
    "take three city council report market water school project energy "
    "climate research health policy budget street housing transport data "
    "community museum festival election minister science students garden "
    "economy village river coast weather summer winter music library "
    "hospital program network digital future history local region").split()
NAMES = ("Anna de Vries", "Peter Smith", "Maria Garcia", "Jan Jansen",
         "Sophie Martin", "Lucas Rossi", "Emma Brown", "Noah Wilson",
         "Olivia Taylor", "Liam Dubois", "Mia Schneider", "Ben Kowalski")
SITES = ("dailybugle.example", "northpost.example", "cityweekly.example",
         "riverside-news.example", "techjournal.example", "greenvoice.example")
LICENSES = (("by", "4.0", "CC BY 4.0"), ("by-sa", "4.0", "CC BY-SA 4.0"),
            ("by-nd", "4.0", "CC BY-ND 4.0"), ("by", "3.0", "CC BY 3.0"),
            ("by-nc-sa", "4.0", "CC BY-NC-SA 4.0"))
OTHER_TYPES = (("image/jpeg", 30000), ("application/pdf", 60000),
               ("text/css", 12000), ("application/javascript", 40000),
               ("image/png", 8000))


def sentence(rnd, lo=8, hi=24):
    words = rnd.choices(WORDS, k=rnd.randint(lo, hi))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rnd):
    return " ".join(sentence(rnd) for _ in range(rnd.randint(3, 8)))


def nav(rnd, site):
    items = "".join(
        '<li class="menu-item"><a href="https://%s/%s/">%s</a></li>\n' % (
            site, w, w.capitalize())
        for w in rnd.sample(WORDS[120:], 14))
    return ('<header class="site-header"><div class="logo"><a href="/">'
            '<img src="/logo.svg" alt="%s" width="180" height="40"></a></div>'
            '<nav class="main-nav" aria-label="Main"><ul>\n%s</ul></nav>'
            '</header>\n' % (site, items))


def scripts(rnd):
    blob = ",".join('{"id":%d,"slug":"%s-%d","weight":%.4f,"tags":["%s","%s"]}'
                    % (i, rnd.choice(WORDS), i, rnd.random(),
                       rnd.choice(WORDS), rnd.choice(WORDS))
                    for i in range(rnd.randint(20, 160)))
    code = "".join(
        "  function f%d(a, b) { var x = a * %d + b; if (x > %d) { return "
        "window.dataLayer.push({event: '%s', value: x}); } return x; }\n"
        % (i, rnd.randint(1, 99), rnd.randint(100, 999), rnd.choice(WORDS))
        for i in range(rnd.randint(10, 60)))
    return ('<script>window.dataLayer = window.dataLayer || [];\n%s</script>\n'
            '<script type="application/json" id="__DATA__">{"items":[%s]}'
            '</script>\n' % (code, blob))


def credit(rnd, kind, site, source_base):
    """A notice: 'notice' (closing notice), 'inline' (in the text),
    'image' (only an image credit), 'copy' (a copy credit, no licence)."""
    fam, ver, name = rnd.choice(LICENSES)
    deed = "https://creativecommons.org/licenses/%s/%s/" % (fam, ver)
    orig = "https://%s/orig/%d.html" % (rnd.choice(SITES), rnd.randint(1, 999))
    if source_base:
        orig = "%sorig/%s" % (source_base, orig.split("/")[-1])
    if kind == "notice":
        return ('<p class="republish">This article was originally published '
                'on <a href="%s">%s</a>. It is republished under a '
                '<a href="%s" rel="license">Creative Commons %s</a> '
                'licence.</p>\n' % (orig, site, deed, name)), orig
    if kind == "inline":
        return ('<p>%s The report itself is available under %s from the '
                'council website. %s</p>\n' % (paragraph(rnd), name,
                                               paragraph(rnd))), None
    if kind == "image":
        return ('<figure><img src="/img/%d.jpg" alt="%s"><figcaption>Photo: '
                '%s, <a href="%s">%s</a>, via Wikimedia Commons</figcaption>'
                '</figure>\n' % (rnd.randint(1, 9999), rnd.choice(WORDS),
                                  rnd.choice(NAMES), deed, name)), None
    return ('<p class="credit">This story was first published by <a href="%s">'
            '%s</a> and is reproduced here.</p>\n' % (orig, site)), orig


def page(rnd, index, source_base=None):
    """One page: (html bytes, the URL of a credited original or None)."""
    site = SITES[index % len(SITES)]
    title = " ".join(rnd.choices(WORDS[100:], k=rnd.randint(4, 9))).title()
    target = rnd.randint(20000, 120000)
    roll = rnd.random()
    kind = None
    if roll < 0.004:
        kind = "notice"
    elif roll < 0.006:
        kind = "inline"
    elif roll < 0.008:
        kind = "image"
    elif roll < 0.010:
        kind = "copy"
    out = io.StringIO()
    out.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'
              '\n<title>%s | %s</title>\n' % (title, site))
    out.write('<meta name="viewport" content="width=device-width, '
              'initial-scale=1">\n<meta name="description" content="%s">\n'
              '<meta property="og:title" content="%s">\n'
              '<link rel="stylesheet" href="/css/site.%d.css">\n'
              '<link rel="canonical" href="https://%s/news/%d.html">\n'
              % (sentence(rnd), title, index, site, index))
    out.write(scripts(rnd))
    out.write('</head>\n<body class="article">\n')
    out.write(nav(rnd, site))
    out.write('<main id="content"><article>\n<h1>%s</h1>\n'
              '<p class="byline">By %s, %d March 2025</p>\n'
              % (title, rnd.choice(NAMES), rnd.randint(1, 28)))
    found = None
    body_len = out.tell()
    at = rnd.randint(2, 6)
    n = 0
    while body_len < target * 0.8:
        if n % 5 == 4:
            out.write("<h2>%s</h2>\n" % sentence(rnd, 3, 7)[:-1])
        out.write("<p>%s</p>\n" % paragraph(rnd))
        if kind in ("inline", "image") and n == at:
            html, found = credit(rnd, kind, site, source_base)
            out.write(html)
        n += 1
        body_len = out.tell()
    if kind in ("notice", "copy"):
        html, found = credit(rnd, kind, site, source_base)
        out.write(html)
    out.write('</article>\n<aside class="sidebar"><h3>Most read</h3><ul>\n')
    for i in range(8):
        out.write('<li><a href="https://%s/news/%d.html">%s</a></li>\n'
                  % (site, rnd.randint(1, 99999), sentence(rnd, 4, 9)))
    out.write('</ul></aside></main>\n<footer class="site-footer"><p>&copy; '
              '2025 %s. All rights reserved.</p><p><a href="/privacy">Privacy'
              '</a> | <a href="/contact">Contact</a></p></footer>\n'
              '</body>\n</html>\n' % site)
    return out.getvalue().encode("utf-8"), found


def original(url):
    """The page a credit points to: a short article under CC BY 4.0."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Original</title></head><body><article><h1>Original</h1>"
            "<p>Original text at %s.</p><p>Licensed under <a rel=\"license\" "
            "href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0"
            "</a>.</p></article></body></html>\n" % url).encode("utf-8")


def pages(args, source_base=None):
    rnd = random.Random(args.seed)
    for i in range(args.pages):
        yield i, page(rnd, i, source_base)


def record(out, rtype, uri, date, ctype, block, extra=""):
    rid = "<urn:uuid:%s>" % uuid.UUID(
        bytes=hashlib.md5(("%s %s" % (rtype, uri)).encode()).digest())
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: %s\r\n"
            "WARC-Record-ID: %s\r\n%sContent-Length: %d\r\n"
            "Content-Type: %s\r\n" % (rtype, date, rid, extra, len(block),
                                      ctype))
    if uri:
        head += "WARC-Target-URI: %s\r\n" % uri
    data = head.encode() + b"\r\n" + block + b"\r\n\r\n"
    out.write(gzip.compress(data, compresslevel=6, mtime=0))


def cmd_warc(args):
    rnd = random.Random(args.seed + 1)
    date = "2025-03-14T12:00:00Z"
    with open(args.out, "wb") as out:
        info = b"software: attrcheck bench/gen.py\r\nformat: WARC 1.0\r\n"
        record(out, "warcinfo", None, date, "application/warc-fields", info)
        for i, (html, _) in pages(args):
            site = SITES[i % len(SITES)]
            uri = "https://%s/news/%d.html" % (site, i)
            ctype = "text/html; charset=UTF-8"
            body = html
            if rnd.random() < 0.02:
                ctype, size = rnd.choice(OTHER_TYPES)
                body = rnd.randbytes(size)
                uri = "https://%s/asset/%d" % (site, i)
            req = ("GET /news/%d.html HTTP/1.1\r\nHost: %s\r\nUser-Agent: "
                   "CCBot/2.0\r\nAccept: text/html\r\n\r\n" % (i, site)).encode()
            record(out, "request", uri, date, "application/http; msgtype=request",
                   req)
            resp = ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: "
                    "%d\r\nServer: nginx\r\nX-Crawler-Content-Encoding: gzip\r\n"
                    "\r\n" % (ctype, len(body))).encode() + body
            record(out, "response", uri, date,
                   "application/http; msgtype=response", resp,
                   "WARC-Payload-Digest: sha1:%s\r\n"
                   % hashlib.sha1(body).hexdigest().upper())
            meta = ("fetchTimeMs: %d\r\ncharset-detected: UTF-8\r\n"
                    % rnd.randint(50, 900)).encode()
            record(out, "metadata", uri, date, "application/warc-fields", meta)


def write_site(args, root, source_base=None):
    sources = []
    for i, (html, orig) in pages(args, source_base):
        d = os.path.join(root, "s%02d" % (i % 50))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "page-%05d.html" % i), "wb") as f:
            f.write(html)
        if orig is not None:
            sources.append(orig)
    return sources


def cmd_site(args):
    write_site(args, args.out)


def cmd_urls(args):
    root = os.path.join(args.out, "site")
    base = args.base.rstrip("/") + "/"
    sources = write_site(args, root, base)
    os.makedirs(os.path.join(root, "orig"), exist_ok=True)
    with open(os.path.join(args.out, "urls.txt"), "w") as f:
        for i in range(args.pages):
            f.write("%ss%02d/page-%05d.html\n" % (base, i % 50, i))
    with open(os.path.join(args.out, "sources.txt"), "w") as f:
        for src in sources:
            name = src.rsplit("/", 1)[1]
            with open(os.path.join(root, "orig", name), "wb") as o:
                o.write(original(src))
            f.write(src + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("warc", "site", "urls"))
    ap.add_argument("out")
    ap.add_argument("base", nargs="?")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.what == "urls" and not args.base:
        ap.error("urls needs BASE")
    {"warc": cmd_warc, "site": cmd_site, "urls": cmd_urls}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
