#!/bin/sh
# Checks the Flatpak manifest offline: flatpak-builder must parse it without
# a single warning (an unknown or misspelt key is only a warning to it, and
# would silently be ignored in a real build), and it must not ask for home
# directory access: files go through the file chooser portal.
# Exit status 77 tells meson the test was skipped.
set -eu

manifest=${1:-$(dirname "$0")/../flatpak/io.github.sightline.Sightline.json}
manifest=$(cd "$(dirname "$manifest")" && pwd)/$(basename "$manifest")

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "SKIP: flatpak-builder is not installed (build-aux/install-deps.sh --tests installs it)"
  exit 77
fi

# flatpak-builder keeps its state in the current directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

if ! flatpak-builder --show-manifest "$manifest" >"$work/manifest.json" 2>"$work/stderr"; then
  echo "flatpak-builder could not read $manifest:"
  cat "$work/stderr"
  exit 1
fi

if [ -s "$work/stderr" ]; then
  echo "flatpak-builder warned about $manifest:"
  cat "$work/stderr"
  exit 1
fi

if grep -Eq '"--filesystem=(home|host)' "$work/manifest.json"; then
  echo "$manifest asks for home or host file system access; use the file chooser portal"
  exit 1
fi

echo "$manifest: parsed without warnings"
