#!/bin/sh
# The GUI makes no network connection with online tiles off (the
# default): opens a project in sightline under strace for a few seconds
# (the map drawn, the project read), then runs the widget tests that open
# the demo project (Open Demo Project, the map, a track, the exposure
# pane) and import reads and a sharing configuration through the import
# assistant, each under strace; fails on any connect/send to an address
# that is not on this machine. Needs a display (xvfb-run -a); skipped (77)
# without strace or ptrace.
#
#   check-no-network-gui.sh SIGHTLINE SIGHTLINE-CLI TEST-WINDOW TEST-IMPORT-ASSISTANT
set -u

app=$1
cli=$2
test_window=$3
test_import=$4
seconds=${SIGHTLINE_TRACE_SECONDS:-8}

if ! command -v strace >/dev/null 2>&1; then
  echo "SKIP: strace is not installed (apt-get install strace)"
  exit 77
fi
if ! strace -f -qq -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace may not trace processes here (ptrace not permitted)"
  exit 77
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "SKIP: no display (run under xvfb-run -a)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/reads.csv" <<'CSV'
plate,read_at,latitude,longitude,camera,agency
ABC1234,2019-03-01 07:42:10,41.3083,-72.9279,NHPD-LPR-03,New Haven PD
7XKL229,2019-03-01 07:44:00,41.31,-72.93,NHPD-LPR-03,New Haven PD
CSV
"$cli" import-reads "$work/p.sightline" "$work/reads.csv" >/dev/null || exit 1

# Online tiles stay at their default (off): the settings backend is the
# memory one of the test environment.
strace -f -qq -e trace=connect,sendto,sendmsg,sendmmsg -o "$work/log" \
  "$app" "$work/p.sightline" >"$work/out" 2>&1 &
tracer=$!
sleep "$seconds"
# The application is strace's only child; end it, and only it.
child=$(pgrep -P "$tracer")
if [ -z "$child" ]; then
  echo "FAIL: sightline exited early:"
  cat "$work/out"
  exit 1
fi
kill "$child"
wait "$tracer"

# Fails (exits) when strace's log $1 shows a connection or a datagram to
# an address that is not on this machine; otherwise reports the calls.
check_log () {
  remote=$(grep -E 'sa_family=AF_INET6?' "$1" |
           grep -v -E 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"' || true)
  if [ -n "$remote" ]; then
    echo "FAIL: $2 reached the network:"
    echo "$remote"
    exit 1
  fi

  calls=$(grep -c -E 'connect\(|send(to|msg|mmsg)\(' "$1" || true)
  echo "$2: $calls connect/send calls, none to a remote address"
  grep -E 'connect\(' "$1" | sed 's/^[0-9]* */  /' | sort | uniq -c
}

check_log "$work/log" "sightline with a project open for $seconds s"

# The widget tests drive the same windows as a user: they must pass, and
# reach nothing. --seccomp-bpf: only the traced calls stop the process.
for run in "$test_window -p /window/demo-workspace" \
           "$test_import -p /import-assistant/import-reads -p /import-assistant/sharing -p /import-assistant/drop-file"; do
  # shellcheck disable=SC2086 # the test and its -p options
  if ! strace --seccomp-bpf -f -qq -e trace=connect,sendto,sendmsg,sendmmsg -o "$work/test-log" \
         $run >"$work/out" 2>&1; then
    echo "FAIL: $run:"
    cat "$work/out"
    exit 1
  fi
  check_log "$work/test-log" "$(basename "${run%% *}") ${run#* }"
done
exit 0
