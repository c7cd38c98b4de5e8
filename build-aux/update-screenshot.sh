#!/bin/sh
# Regenerates data/screenshots/main-window.png, the screenshot of the README
# and the AppStream metainfo, from the GUI test that opens a small generated
# demo project (tests/test-window.c, /window/demo-workspace) and renders the
# main window in-process with the night-shift nurse's car (ZN47301) chosen:
# its track, and who can see it. Look at the result before committing it.
set -eu

cd "$(dirname "$0")/.."
build=${BUILD:-_build}

[ -f "$build/build.ninja" ] || meson setup "$build"
meson compile -C "$build"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1600x1200x24" meson test -C "$build" --suite ui window
else
  meson test -C "$build" --suite ui window
fi

mkdir -p data/screenshots
cp "$build/tests/workspace-exposure.png" data/screenshots/main-window.png
echo "Updated data/screenshots/main-window.png"
