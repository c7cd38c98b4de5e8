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
# Sanitizer builds run several times slower (full unwinding on every
# malloc for the leak suppressions), more so on a busy machine.
run_tests "$asan_build" --suite core --timeout-multiplier 3 || status=1

# A short pass of every fuzz target (FUZZ_SECONDS each, 30 by default) in a
# clang build with libFuzzer, when clang has libFuzzer's runtime; each
# target counts as one test case.
fuzz_build=${FUZZ_BUILD:-_build-fuzz}
fuzz_log=""
if command -v clang >/dev/null 2>&1 &&
   printf 'int LLVMFuzzerTestOneInput (const unsigned char *d, unsigned long n) { return 0; }\n' |
     clang -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1; then
  if [ ! -f "$fuzz_build/build.ninja" ]; then
    CC=clang meson setup "$fuzz_build" -Dfuzzing=true || exit 1
  fi
  meson compile -C "$fuzz_build" fuzzers || exit 1
  FUZZ_SECONDS=${FUZZ_SECONDS:-30} \
    meson test -C "$fuzz_build" --suite fuzz --no-rebuild --print-errorlogs || status=1
  cat "$fuzz_build"/tests/fuzz/*/summary.txt
  fuzz_log="$fuzz_build/meson-logs/testlog.json"
else
  echo "check: no clang with libFuzzer; skipping the fuzz pass (apt-get install clang libclang-rt-14-dev)"
fi

python3 build-aux/test-summary.py \
  "$build/meson-logs/testlog.json" \
  "$asan_build/meson-logs/testlog.json" $fuzz_log || status=1

exit $status
