# SPDX-License-Identifier: MIT
# rss.py OUT PROGRAM ARGS...: runs PROGRAM, writes its peak RSS in KB
# (wait4's ru_maxrss of the child alone) to OUT, exits as it exited.
# Used by rss_lib.sh: /usr/bin/time is not installed everywhere.
import os
import sys

pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % ru.ru_maxrss)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)
