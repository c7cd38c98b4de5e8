#!/usr/bin/env python3
# Checks build-aux/derive-geography.py's TopoJSON decoding on a topology
# small enough to work out by hand. Prints TAP.

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "derive", os.path.join(HERE, "..", "build-aux", "derive-geography.py"))
derive = importlib.util.module_from_spec(spec)
spec.loader.exec_module(derive)

# Quantised to a 0.5° × 0.25° grid from (-73, 41), delta-encoded. Arc 0
# goes (0, 0) → (2, 0) → (2, 4) in grid units, arc 1 back (2, 4) → (0, 0):
# together a closed triangle.
topology = {
    "transform": {"scale": [0.5, 0.25], "translate": [-73.0, 41.0]},
    "arcs": [
        [[0, 0], [2, 0], [0, 4]],
        [[2, 4], [-2, -4]],
    ],
}

checks = []


def check(name, got, expected):
    checks.append((name, got == expected, got, expected))


arcs = derive.decode_arcs(topology)
check("arc 0 is absolute after undoing deltas", arcs[0],
      [(-73.0, 41.0), (-72.0, 41.0), (-72.0, 42.0)])
check("arc 1 is absolute", arcs[1], [(-72.0, 42.0), (-73.0, 41.0)])
check("a ring joins arcs without repeating shared points",
      derive.ring(arcs, [0, 1]),
      [[-73.0, 41.0], [-72.0, 41.0], [-72.0, 42.0], [-73.0, 41.0]])
check("~i is arc i reversed",
      derive.ring(arcs, [~1, ~0]),
      [[-73.0, 41.0], [-72.0, 42.0], [-72.0, 41.0], [-73.0, 41.0]])
check("a Polygon becomes one polygon of rings",
      derive.polygons(arcs, {"type": "Polygon", "arcs": [[0, 1]]}),
      [[[[-73.0, 41.0], [-72.0, 41.0], [-72.0, 42.0], [-73.0, 41.0]]]])
check("a MultiPolygon keeps its polygons",
      len(derive.polygons(arcs, {"type": "MultiPolygon", "arcs": [[[0, 1]], [[~1, ~0]]]})), 2)

print("1..%d" % len(checks))
for i, (name, ok, got, expected) in enumerate(checks, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        print("# got      %r\n# expected %r" % (got, expected))
sys.exit(0 if all(ok for _, ok, _, _ in checks) else 1)
