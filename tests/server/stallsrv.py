#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A loopback server that accepts connections and never answers.

    stallsrv.py

Binds 127.0.0.1 on port 0, prints one line "ready PORT" to standard
output, then accepts every connection and reads (and drops) whatever the
client sends, never writing a byte: a TLS client waits forever for the
ServerHello, an HTTP client for the status line.  It exits when its
standard input reaches end of file (the test holds a pipe open, as with
testsrv.py --exit-on-eof), so it lives exactly as long as the test.
"""

import os
import selectors
import socket
import sys


def main():
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(64)
    sel = selectors.DefaultSelector()
    sel.register(lsock, selectors.EVENT_READ)
    sel.register(0, selectors.EVENT_READ)
    sys.stdout.write("ready %d\n" % lsock.getsockname()[1])
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    while True:
        for key, _ in sel.select():
            if key.fileobj == 0:
                if not os.read(0, 4096):
                    return 0
            elif key.fileobj is lsock:
                conn, _ = lsock.accept()
                sel.register(conn, selectors.EVENT_READ)
            else:
                try:
                    data = key.fileobj.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()


if __name__ == "__main__":
    sys.exit(main())
