#!/bin/sh
# The GUI smoke tests (a selection of test-window's, under Xvfb) under
# valgrind's leak checker: fails on any block "definitely lost" that the
# suppressions do not cover. The suppressions (tests/valgrind.supp, and
# GLib's and GTK's own files) cover system libraries only: a leak with a
# Sightline frame at its allocation site is never suppressed. Skipped (77)
# without valgrind or a display.
#
#   check-leaks.sh TEST-WINDOW SOURCE-DIR
set -u

program=$1
srcdir=$2

if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind is not installed (apt-get install valgrind)"
  exit 77
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "SKIP: no display (run under xvfb-run -a)"
  exit 77
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

suppressions="--suppressions=$srcdir/tests/valgrind.supp"
for file in /usr/share/glib-2.0/valgrind/glib.supp /usr/share/gtk-4.0/valgrind/gtk.supp; do
  [ -f "$file" ] && suppressions="$suppressions --suppressions=$file"
done

# GSlice off so valgrind sees every block; no GL (Mesa's drivers are
# loaded and unloaded at start-up, and cost minutes under valgrind).
G_SLICE=always-malloc GDK_DEBUG=gl-disable GSK_RENDERER=cairo \
  valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
           --error-exitcode=99 --child-silent-after-fork=yes --num-callers=40 \
           $suppressions --log-file="$log" \
  "$program" \
    -p /window/renders -p /window/primary-menu -p /window/actions -p /window/opens-project \
    -p /window/file-choosers -p /window/save-sharing-copy -p /window/damaged-project \
    -p /window/about -p /window/preferences -p /window/demo-workspace
status=$?

grep -E 'definitely lost:|ERROR SUMMARY' "$log" | sed 's/^==[0-9]*== /valgrind: /'
if [ "$status" -ne 0 ]; then
  echo "FAIL: exit status $status; valgrind's log:"
  cat "$log"
  exit 1
fi
exit 0
