#!/usr/bin/env python3
"""Counts test cases in meson's test logs and prints `N passed, N failed`.

Meson counts whole test programs; a GLib test program holds many cases, each a
TAP line of its own, so this reads the TAP output of each program. A program
that reports no TAP lines (a shell check, a crash before the plan) counts as
one case with meson's verdict.
"""

import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')


def count(log_path):
    passed = failed = skipped = 0
    with open(log_path, encoding='utf-8', errors='replace') as log:
        for line in log:
            entry = json.loads(line)
            result = entry.get('result', '')
            output = entry.get('stdout', '') or ''
            cases = [TAP_LINE.match(l) for l in output.splitlines()]
            cases = [c for c in cases if c]
            if not cases or result in ('TIMEOUT', 'ERROR'):
                if result in ('OK', 'EXPECTEDFAIL'):
                    passed += 1
                elif result == 'SKIP':
                    skipped += 1
                else:
                    failed += 1
                continue
            for case in cases:
                rest = case.group(2)
                if '# SKIP' in rest.upper():
                    skipped += 1
                elif case.group(1) == 'ok' or '# TODO' in rest.upper():
                    passed += 1
                else:
                    failed += 1
            if result == 'FAIL' and all(c.group(1) == 'ok' for c in cases):
                # The program failed after its cases passed (a leak report,
                # a crash at exit): that is a failure too.
                failed += 1
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    for path in sys.argv[1:]:
        p, f, s = count(path)
        passed += p
        failed += f
        skipped += s
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
