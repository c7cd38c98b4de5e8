#!/bin/sh
# Installs what Sightline needs to build and test on Debian 12 or another
# apt-based system, and nothing else. Says what it installs; silent when
# everything is already there.
set -eu

packages="
  gcc
  libc6-dev
  meson
  ninja-build
  pkg-config
  gettext
  libglib2.0-dev
  libglib2.0-dev-bin
  libgtk-4-dev
  libadwaita-1-dev
  libshumate-dev
  libsoup-3.0-dev
  libsqlite3-dev
  libjson-glib-dev
  libcairo2-dev
  libpango1.0-dev
  desktop-file-utils
  appstream
  sqlite3
  xvfb
  xauth
  python3
  librsvg2-common
"

# Extra tools for the test suites: the Flatpak manifest check.
if [ "${1:-}" = "--tests" ]; then
  packages="$packages flatpak-builder"
  # The fuzz pass: clang with libFuzzer and the sanitizer runtimes.
  packages="$packages clang libclang-rt-14-dev"
  # The no-network test traces the CLI's system calls.
  packages="$packages strace"
  # The report tests parse exported PDFs with poppler; pdftoppm renders
  # them for a look.
  packages="$packages libpoppler-glib-dev poppler-utils"
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: not an apt-based system; install these yourself:$packages" >&2
  exit 0
fi

missing=""
for package in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in
    *" installed") ;;
    *) missing="$missing $package" ;;
  esac
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "install-deps: not root and no sudo; install these yourself:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
