#!/bin/sh
# Builds and runs every test suite, then the core unit tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, and prints one closing
# line `N passed, N failed` counting the test cases of both runs.
set -u

cd "$(dirname "$0")/.."

build=${BUILD:-_build}
asan_build=${ASAN_BUILD:-_build-asan}
status=0

setup () {
  dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

run_tests () {
  dir=$1
  shift
  # GUI tests need a display; give them a virtual one when there is none.
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1600x1200x24" meson test -C "$dir" --print-errorlogs "$@"
  else
    meson test -C "$dir" --print-errorlogs "$@"
  fi
}

setup "$build" || exit 1
meson compile -C "$build" || exit 1
run_tests "$build" || status=1

setup "$asan_build" -Db_sanitize=address,undefined -Db_lundef=false || exit 1
meson compile -C "$asan_build" || exit 1
run_tests "$asan_build" --suite core || status=1

python3 build-aux/test-summary.py \
  "$build/meson-logs/testlog.json" \
  "$asan_build/meson-logs/testlog.json" || status=1

exit $status
