#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Loopback HTTP server for the fetch tests (python3 standard library only).

    testsrv.py [--port-file F] [--log F] [--root DIR] [--robots MODE]
             [--exit-on-eof] [--lifetime SECONDS] [--bind ADDR]

Binds 127.0.0.1 (or --bind, another loopback address) on port 0 and prints one line "ready PORT" to standard
output once it accepts connections (then closes standard output), so a
test waits for that line instead of polling.  --port-file also writes the
port to F (through a temporary name, so a reader never sees half a number).
With --exit-on-eof it exits when its standard input reaches end of file:
a test hands it a pipe it holds open, so the server lives exactly as long
as the test, however slow the run.  It
appends one line per request to --log:
    METHOD PATH host=HOST ua=USER-AGENT inm=IF-NONE-MATCH ims=IF-MODIFIED-SINCE
and, for a conditional request (If-None-Match or If-Modified-Since), one
more line with the status it got:  -> STATUS PATH
and, with --lifetime, exits by itself after that many seconds.  HTTP/1.1 with
keep-alive, so connection reuse can be exercised.

Routes (anything else is served from --root, else 404; files from --root
carry an ETag made of their mtime and size and a Last-Modified, and answer
304 to a matching If-None-Match, or without one to an If-Modified-Since
not older than the file):
  /page, /                 a small HTML page (text/html; charset=utf-8);
                           / serves index.html from --root when it has one
  /gzip                    the page, Content-Encoding: gzip
  /redirect/N              N hops (302, 301, 307, ...) ending at /page
  /loop/a, /loop/b         a redirect loop a -> b -> a
  /goto?url=U              302 to U (absolute or relative)
  /moved?to=P, /moved308?to=P
                           301 (308) to P (absolute or relative)
  /429then?file=P          429 with Retry-After: 1 on the first request of
                           each distinct query, then the file P from --root
  /to-file, /to-ftp        302 to file:///etc/passwd, to ftp://127.0.0.1/x
  /notfound                404
  /429?K                   429 with Retry-After: 1 on the first request of
                           each distinct path+query, then 200
  /503?K                   503 (no Retry-After) on the first request, then 200
  /always/STATUS           always that status (e.g. /always/503, /always/429)
  /status/STATUS           that status once, with a tiny body
  /403, /999               bot walls: 403 and 999
  /slow                    200, then one byte every 0.5 s until the client
                           hangs up (no client waits out the 100,000 bytes)
  /slow-headers            answers nothing until the client hangs up
  /endless                 chunked body that never ends
  /bomb                    gzip bomb: ~40 KiB on the wire, 40 MiB decoded
  /big, /big-chunked       2 MiB HTML, with Content-Length / chunked
  /image.png               a PNG (image/png)
  /png-as-html             PNG bytes labelled text/html (for sniffing)
  /doc.pdf                 a PDF (application/pdf)
  /nul-as-html             text/html with NUL bytes in it
  /wrong-charset           says utf-8, body is windows-1252
  /wrong-charset-2         says windows-1252, body is utf-8
  /etag                    ETag "v1" + Last-Modified; 304 on If-None-Match
  /echo-ua                 a page whose body is the User-Agent it got
  /delay/MS/P              the file P from --root, after MS milliseconds
  /gate/N/P                the file P from --root at once for the first N
                           distinct paths asked for under /gate/N/; any
                           later one waits 100 s first (a run that is
                           slow from the N+1-th original on, so that a
                           test can kill it there)
  /huge-headers            a page after a header block of 1 MiB (1,024
                           headers of 1 KiB)
  /cl-long                 Content-Length: 100000, a short page, then the
                           connection closed
  /cl-short                Content-Length: 20 before a longer page
  /private/...             a page (robots.txt disallows it: never fetched)
  /robots.txt              depends on the Host header's first label, then
                           on --robots MODE (default "disallow"):
      disallow / robots-*  Disallow: /private/  (Allow: /private/ok)
      robots-delay         as above plus Crawl-delay: 1
      robots-sitemap       as above plus Sitemap: http://HOST/robots-sitemap.xml
      robots-500 / 500     HTTP 500 (disallow all)
      robots-404 / 404     HTTP 404 (allow all)
      robots-redirect      301 to /robots-real.txt (disallow /private/)
      robots-slow          answers nothing until the client hangs up
      robots-huge          10 MiB: the usual rules, then comment lines
      none                 an empty robots.txt
Virtual hosts: give curl --resolve robots-500.test:PORT:127.0.0.1 etc.
"""

import argparse
import email.utils
import gzip
import http.server
import os
import select
import socket
import socketserver
import sys
import threading
import time
import zlib

PAGE = (b"<!DOCTYPE html><html><head><title>Test page</title></head>"
        b"<body><p>Hello from the test server.</p>"
        b'<a href="/page">self</a></body></html>\n')
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
       b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8"
       b"\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`"
       b"\x82")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROBOTS = (b"# test robots.txt\nUser-agent: *\nDisallow: /private/\n"
          b"Allow: /private/ok\n")
BIG = b"<html><body>" + b"<p>" + b"x" * 2097152 + b"</p></body></html>"


def make_bomb(size):
    """Gzip SIZE zero bytes in memory: small compressed, huge decoded."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(size >> 20)]
    parts.append(comp.flush())
    return b"".join(parts)


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.seen = {}
        self.gate = {}
        self.log = open(args.log, "a", buffering=1) if args.log else None
        self.bomb = make_bomb(40 << 20)

    def gate_ticket(self, key):
        """How many distinct KEYs came before KEY (0 for the first)."""
        with self.lock:
            if key not in self.gate:
                self.gate[key] = len(self.gate)
            return self.gate[key]

    def first_time(self, key):
        with self.lock:
            n = self.seen.get(key, 0)
            self.seen[key] = n + 1
            return n == 0

    def record(self, line):
        if self.log:
            with self.lock:
                self.log.write(line + "\n")
                self.log.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "testsrv/1"

    def log_message(self, fmt, *args):  # quiet: the --log file is the log
        pass

    def send_response(self, code, message=None):
        if self.headers.get("If-None-Match") or \
                self.headers.get("If-Modified-Since"):
            self.server.state.record("-> %d %s" % (code, self.path))
        super().send_response(code, message)

    def send(self, status, body=b"", ctype="text/html; charset=utf-8",
             headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status, where):
        self.send(status, b"moved\n", headers=[("Location", where)])

    def vhost(self):
        host = self.headers.get("Host", "")
        return host.split(":")[0].split(".")[0].lower()

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        st = self.server.state
        h = self.headers
        st.record("%s %s host=%s ua=%s inm=%s ims=%s" % (
            self.command, self.path, h.get("Host", "-"),
            h.get("User-Agent", "-"), h.get("If-None-Match", "-"),
            h.get("If-Modified-Since", "-")))
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route(self):
        path, _, query = self.path.partition("?")
        simple = {
            "/": self.home,
            "/page": lambda: self.send(200, PAGE),
            "/gzip": lambda: self.send(200, gzip.compress(PAGE), headers=[
                ("Content-Encoding", "gzip")]),
            "/loop/a": lambda: self.redirect(302, "/loop/b"),
            "/loop/b": lambda: self.redirect(302, "/loop/a"),
            "/to-file": lambda: self.redirect(302, "file:///etc/passwd"),
            "/to-ftp": lambda: self.redirect(302, "ftp://127.0.0.1/x"),
            "/notfound": lambda: self.send(404, b"not found\n"),
            "/403": lambda: self.send(403, b"<p>Are you a robot?</p>"),
            "/999": lambda: self.send(999, b"<p>Request denied</p>"),
            "/image.png": lambda: self.send(200, PNG, "image/png"),
            "/png-as-html": lambda: self.send(200, PNG),
            "/doc.pdf": lambda: self.send(200, PDF, "application/pdf"),
            "/nul-as-html": lambda: self.send(200, b"<html>\0\0\0</html>"),
            "/wrong-charset": lambda: self.send(
                200, "<p>caf\u00e9 na\u00efve</p>".encode("cp1252")),
            "/wrong-charset-2": lambda: self.send(
                200, "<p>caf\u00e9 na\u00efve</p>".encode("utf-8"),
                "text/html; charset=windows-1252"),
            "/big": lambda: self.send(200, BIG),
            "/bomb": lambda: self.send(200, self.server.state.bomb, headers=[
                ("Content-Encoding", "gzip")]),
            "/echo-ua": lambda: self.send(200, (
                "<p>%s</p>" % self.headers.get("User-Agent", "")).encode()),
            "/robots.txt": self.robots,
            "/robots-real.txt": lambda: self.send(200, ROBOTS, "text/plain"),
            "/goto": lambda: self.redirect(302, query[4:]
                                           if query.startswith("url=")
                                           else "/page"),
            "/moved": lambda: self.redirect(301, self.param(query, "to")),
            "/moved308": lambda: self.redirect(308,
                                               self.param(query, "to")),
            "/429": lambda: self.once(429, [("Retry-After", "1")]),
            "/429then": lambda: self.once_then_file(self.param(query,
                                                               "file")),
            "/503": lambda: self.once(503, []),
            "/slow": self.slow,
            "/slow-headers": self.slow_headers,
            "/endless": self.endless,
            "/big-chunked": lambda: self.chunked([BIG]),
            "/etag": self.etag,
            "/huge-headers": self.huge_headers,
            "/cl-long": lambda: self.lying_length(100000),
            "/cl-short": lambda: self.lying_length(20),
        }
        if path in simple:
            return simple[path]()
        if path.startswith("/redirect/") and path[10:].isdigit():
            return self.hops(int(path[10:]))
        if path.startswith("/always/") and path[8:].isdigit():
            status = int(path[8:])
            ra = [("Retry-After", "1")] if status in (429, 503) else []
            return self.send(status, b"<p>status</p>", headers=ra)
        if path.startswith("/status/") and path[8:].isdigit():
            return self.send(int(path[8:]), b"<p>status</p>")
        if path.startswith("/delay/") or path.startswith("/gate/"):
            return self.held(path)
        if path.startswith("/private/"):
            return self.send(200, PAGE)
        return self.static(path)

    def held(self, path):
        """/delay/MS/P and /gate/N/P (see the module's docstring)."""
        parts = path.split("/", 3)
        if len(parts) < 4 or not parts[2].isdigit():
            return self.send(404, b"not found\n")
        n = int(parts[2])
        if parts[1] == "delay":
            time.sleep(n / 1000.0)
        elif self.server.state.gate_ticket(path) >= n:
            time.sleep(100)
        return self.static("/" + parts[3])

    def hops(self, n):
        codes = [302, 301, 307, 308, 303]
        if n <= 0:
            return self.redirect(302, "/page")
        self.redirect(codes[n % len(codes)],
                      "/redirect/%d" % (n - 1) if n > 1 else "/page")

    @staticmethod
    def param(query, name):
        """The raw value of NAME in QUERY (everything after "NAME=", so a
        value may itself hold "?" and "&"), or "/" when absent."""
        prefix = name + "="
        return query[len(prefix):] if query.startswith(prefix) else "/"

    def home(self):
        root = self.server.state.args.root
        if root and os.path.isfile(os.path.join(root, "index.html")):
            return self.static("/index.html")
        self.send(200, PAGE)

    def once_then_file(self, path):
        if self.server.state.first_time(self.path):
            return self.send(429, b"<p>try later</p>",
                             headers=[("Retry-After", "1")])
        self.static(path)

    def once(self, status, headers):
        if self.server.state.first_time(self.path):
            return self.send(status, b"<p>try later</p>", headers=headers)
        self.send(200, PAGE)

    def robots(self):
        mode = self.vhost()
        if not mode.startswith("robots-"):
            mode = "robots-" + self.server.state.args.robots
        if mode == "robots-500":
            return self.send(500, b"oops\n", "text/plain")
        if mode == "robots-404":
            return self.send(404, b"none\n", "text/plain")
        if mode == "robots-none":
            return self.send(200, b"", "text/plain")
        if mode == "robots-redirect":
            return self.redirect(301, "/robots-real.txt")
        if mode == "robots-slow":
            return self.wait_for_hangup()
        if mode == "robots-sitemap":
            line = "Sitemap: http://%s/robots-sitemap.xml\n" % self.headers.get(
                "Host", "")
            return self.send(200, ROBOTS + line.encode(), "text/plain")
        if mode == "robots-huge":
            pad = b"# " + b"x" * 1021 + b"\n"
            return self.send(200, ROBOTS + pad * 10240, "text/plain")
        if mode == "robots-delay":
            return self.send(200, ROBOTS + b"Crawl-delay: 1\n", "text/plain")
        self.send(200, ROBOTS, "text/plain")

    def slow(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(100000):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.5)

    def wait_for_hangup(self):
        """Says nothing until the client closes the connection, so a test
        of a timeout never depends on how long the server waits."""
        self.close_connection = True
        while True:
            readable, _, _ = select.select([self.connection], [], [], 1.0)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                return

    def slow_headers(self):
        self.wait_for_hangup()

    def chunked(self, parts, forever=False):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"endless " * 1000 + b"</p>\n"
        while True:
            for p in (parts if not forever else [chunk]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(p), p))
            self.wfile.flush()
            if not forever:
                break
            time.sleep(0.002)
        self.wfile.write(b"0\r\n\r\n")

    def endless(self):
        self.close_connection = True
        self.chunked([], forever=True)

    def huge_headers(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        for i in range(1024):
            self.send_header("X-Pad-%d" % i, "x" * 1010)
        self.end_headers()
        self.wfile.write(PAGE)

    def lying_length(self, length):
        """PAGE under a Content-Length of LENGTH; the connection is
        closed after it, whatever the client expected."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(PAGE)

    def etag(self):
        lm = "Wed, 21 Oct 2015 07:28:00 GMT"
        hdrs = [("ETag", '"v1"'), ("Last-Modified", lm)]
        if self.headers.get("If-None-Match") == '"v1"' or \
                self.headers.get("If-Modified-Since") == lm:
            self.send_response(304)
            for k, v in hdrs:
                self.send_header(k, v)
            self.end_headers()
            return
        self.send(200, PAGE, headers=hdrs)

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        try:
            when = email.utils.parsedate_to_datetime(ims) if ims else None
        except (TypeError, ValueError):
            when = None
        return when is not None and when.timestamp() >= int(mtime)

    def static(self, path):
        root = self.server.state.args.root
        if root:
            full = os.path.realpath(os.path.join(root, path.lstrip("/")))
            if full.startswith(os.path.realpath(root) + os.sep) and \
                    os.path.isfile(full):
                st = os.stat(full)
                hdrs = [("ETag", '"%x-%x"' % (st.st_mtime_ns, st.st_size)),
                        ("Last-Modified",
                         email.utils.formatdate(st.st_mtime, usegmt=True))]
                if self.not_modified(hdrs[0][1], st.st_mtime):
                    self.send_response(304)
                    for k, v in hdrs:
                        self.send_header(k, v)
                    self.end_headers()
                    return None
                with open(full, "rb") as f:
                    return self.send(200, f.read(), headers=hdrs)
        self.send(404, b"not found\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # clients that hang up (timeouts, size limits) are normal
        super().handle_error(request, client_address)


def exit_on_eof():
    """Ends the server when standard input closes (the test has ended)."""
    try:
        while os.read(0, 4096):
            pass
    finally:
        os._exit(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port-file")
    ap.add_argument("--exit-on-eof", action="store_true")
    ap.add_argument("--log")
    ap.add_argument("--root")
    ap.add_argument("--robots", default="disallow",
                    choices=["disallow", "delay", "500", "404", "none",
                             "redirect", "slow"])
    ap.add_argument("--lifetime", type=float, default=0)
    ap.add_argument("--bind", default="127.0.0.1")
    args = ap.parse_args()
    if not args.bind.startswith("127."):
        ap.error("--bind: a loopback address only")
    srv = Server((args.bind, 0), Handler)
    srv.state = State(args)
    if args.lifetime > 0:
        timer = threading.Timer(args.lifetime, lambda: os._exit(0))
        timer.daemon = True
        timer.start()
    if args.exit_on_eof:
        watch = threading.Thread(target=exit_on_eof, daemon=True)
        watch.start()
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    sys.stdout.write("ready %d\n" % port)
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # the reader may be gone: never write there again
    os.close(devnull)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
