#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Prints fields of the JSON objects in a JSON Lines file: the one JSON
field reader of the end-to-end tests (lib.sh wraps it as json_field).

    jsonfield.py [--target T | --suffix S | --first KEY] [--null WORD]
                 FILE PATH...

Every line that parses as a JSON object is read; lines that do not (a
cut last line) are passed over.  Without a selector, one output line per
object; with --target (the "target" equals T), --suffix (it ends with S)
or --first (the first object that has KEY) only the first match, or the
word MISSING when nothing matches.  Each output line holds the PATHs
asked for, separated by a space.  A PATH is dotted ("error.kind",
"source.check.license.family"); a part "#" is the length of a list;
a missing or null value prints as "null" (or --null WORD).
"""

import json
import sys


def get(obj, path):
    for key in path.split("."):
        if key == "#":
            obj = len(obj) if isinstance(obj, list) else None
        elif isinstance(obj, dict):
            obj = obj.get(key)
        elif isinstance(obj, list) and key.isdigit():
            obj = obj[int(key)] if int(key) < len(obj) else None
        else:
            obj = None
    return obj


def show(value, null):
    if value is None:
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def main(argv):
    args, select, null = argv[1:], None, "null"
    while args and args[0] in ("--target", "--suffix", "--first", "--null"):
        if len(args) < 2:
            break
        if args[0] == "--null":
            null = args[1]
        else:
            select = (args[0], args[1])
        args = args[2:]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    found = False
    with open(args[0], encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if not isinstance(obj, dict):
                continue
            if select is not None:
                how, want = select
                target = str(obj.get("target", ""))
                if (how == "--target" and target != want) or \
                        (how == "--suffix" and not target.endswith(want)) or \
                        (how == "--first" and want not in obj):
                    continue
            print(" ".join(show(get(obj, p), null) for p in args[1:]))
            found = True
            if select is not None:
                break
    if select is not None and not found:
        print("MISSING")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
