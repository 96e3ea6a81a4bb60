#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An independent check of a .warc.gz that attrcheck --warc-out wrote,
with the Python standard library only (no code shared with attrcheck).

    warc_check.py FILE.warc.gz INDEX.jsonl   # INDEX: warcio.js index lines

Reads the file one gzip member at a time and checks that each member
holds exactly one WARC/1.1 record whose Content-Length is right and whose
WARC-Block-Digest and WARC-Payload-Digest are the base32 SHA-1 of its
block and of the HTTP payload; that every request has its response
(WARC-Concurrent-To both ways) and every metadata record's
WARC-Refers-To names a response; that the metadata block is JSON with a
"verdict"; and that warcio.js listed the same records at the same offsets
with the same digests.  Prints one line per problem and a summary
"records=N request=N response=N metadata=N warcinfo=N"; exit 1 on any
problem.
"""
import base64
import hashlib
import json
import sys
import zlib


def b32sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def members(raw):
    """(offset, length, bytes) of each gzip member."""
    pos = 0
    while pos < len(raw):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(raw[pos:])
        if not d.eof:
            raise ValueError("member at %d is cut short" % pos)
        used = len(raw) - pos - len(d.unused_data)
        yield pos, used, out
        pos += used


def parse(rec):
    head, sep, rest = rec.partition(b"\r\n\r\n")
    if not sep:
        raise ValueError("no end of the WARC headers")
    lines = head.decode("utf-8").split("\r\n")
    if lines[0] != "WARC/1.1":
        raise ValueError("first line %r" % lines[0])
    h = {}
    for ln in lines[1:]:
        k, _, v = ln.partition(":")
        h[k.strip().lower()] = v.strip()
    n = int(h["content-length"])
    block, tail = rest[:n], rest[n:]
    if tail != b"\r\n\r\n":
        raise ValueError("block not followed by exactly CRLF CRLF (%r)" % tail[:8])
    return h, block


def main():
    raw = open(sys.argv[1], "rb").read()
    index = [json.loads(x) for x in open(sys.argv[2]) if x.strip()]
    bad = []
    recs = []
    for off, length, data in members(raw):
        try:
            h, block = parse(data)
        except (ValueError, KeyError) as e:
            bad.append("record at %d: %s" % (off, e))
            continue
        recs.append((off, length, h, block))
        if h.get("warc-block-digest") != b32sha1(block):
            bad.append("record at %d: block digest" % off)
        if h["warc-type"] == "response":
            payload = block.partition(b"\r\n\r\n")[2]
            if h.get("warc-payload-digest") != b32sha1(payload):
                bad.append("record at %d: payload digest" % off)
            for k in ("warc-target-uri", "warc-date", "warc-concurrent-to",
                      "warc-ip-address"):
                if k not in h:
                    bad.append("response at %d: no %s" % (off, k))
            if not block.startswith(b"HTTP/"):
                bad.append("response at %d: no status line" % off)
        if h["warc-type"] == "metadata":
            try:
                if "verdict" not in json.loads(block):
                    bad.append("metadata at %d: no verdict" % off)
            except ValueError:
                bad.append("metadata at %d: not JSON" % off)
    ids = {h["warc-record-id"]: h for _, _, h, _ in recs}
    if len(ids) != len(recs):
        bad.append("record ids are not unique")
    for off, _, h, _ in recs:
        t = h["warc-type"]
        if t in ("request", "response"):
            other = ids.get(h.get("warc-concurrent-to"))
            want = "response" if t == "request" else "request"
            if other is None or other["warc-type"] != want or \
                    other.get("warc-concurrent-to") != h["warc-record-id"]:
                bad.append("%s at %d: no matching %s" % (t, off, want))
        if t == "metadata" and "warc-refers-to" in h:
            r = ids.get(h["warc-refers-to"])
            if r is None or r["warc-type"] != "response" or \
                    r["warc-target-uri"] != h["warc-target-uri"]:
                bad.append("metadata at %d: refers to no response of its URI"
                           % off)
    mine = [(o, n, h["warc-type"], h.get("warc-block-digest"),
             h.get("warc-payload-digest")) for o, n, h, _ in recs]
    theirs = [(x.get("offset"), x.get("length"), x.get("warc-type"),
               x.get("warc-block-digest"), x.get("warc-payload-digest"))
              for x in index]
    if mine != theirs:
        bad.append("warcio.js lists other records: %r != %r"
                   % (theirs[:3], mine[:3]))
    for b in bad:
        print(b)
    count = {}
    for _, _, h, _ in recs:
        count[h["warc-type"]] = count.get(h["warc-type"], 0) + 1
    print("records=%d" % len(recs), " ".join(
        "%s=%d" % (k, count.get(k, 0))
        for k in ("request", "response", "metadata", "warcinfo")))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
