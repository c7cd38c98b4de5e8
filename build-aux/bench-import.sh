#!/bin/sh
# Import benchmark in one command: builds Sightline, generates a
# deterministic CSV of plate reads (default 5,000,000 rows) in a temporary
# directory, imports it with Sightline and with the sqlite3 shell, and
# prints rows/s, the ratio and peak RSS. Same as
# `meson test -C _build --benchmark -v`.
#
#   build-aux/bench-import.sh [ROWS]
set -eu

cd "$(dirname "$0")/.."

build=${BUILD:-_build}
rows=${1:-5000000}

command -v sqlite3 >/dev/null 2>&1 || { echo "bench-import: needs the sqlite3 shell (apt install sqlite3)" >&2; exit 1; }
test -f "$build/build.ninja" || meson setup "$build"
meson compile -C "$build" bench-import
exec "$build/tests/bench-import" "$rows"
