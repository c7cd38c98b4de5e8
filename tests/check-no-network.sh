#!/bin/sh
# Sightline makes no network connection (with online tiles off, the
# default): runs sightline-cli's import, info and sharing commands under
# strace and fails if any process connects or sends to an address that is
# not on this machine (loopback and Unix sockets are local). Skipped (77)
# when strace is missing or may not trace here.
#
#   check-no-network.sh SIGHTLINE-CLI SOURCE-DIR
set -u

cli=$1
srcdir=$2

if ! command -v strace >/dev/null 2>&1; then
  echo "SKIP: strace is not installed (apt-get install strace)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! strace -f -qq -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace may not trace processes here (ptrace not permitted)"
  exit 77
fi

cat >"$work/reads.csv" <<'CSV'
plate,read_at,latitude,longitude,camera,agency
ABC1234,2019-03-01 07:42:10,41.3083,-72.9279,NHPD-LPR-03,New Haven PD
7XKL229,03/01/2019 - 7:44 PM,41.31,-72.93,NHPD-LPR-03,New Haven PD
CSV

status=0
run () {
  log="$work/trace-$1.log"
  shift
  # LeakSanitizer cannot run under ptrace; the other tests look for leaks.
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -qq -e trace=connect,sendto,sendmsg,sendmmsg -o "$log" "$cli" "$@" >"$work/out" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "FAIL: sightline-cli $* exited $rc:"
    cat "$work/out"
    status=1
  fi
  # Families with addresses elsewhere: IPv4 outside 127/8, IPv6 but ::1.
  remote=$(grep -E 'sa_family=AF_INET6?' "$log" |
           grep -v -E 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|sin6_addr=inet_pton\(AF_INET6, "::1"' || true)
  if [ -n "$remote" ]; then
    echo "FAIL: sightline-cli $* reached the network:"
    echo "$remote"
    status=1
  fi
  calls=$(grep -c -E 'connect\(|send(to|msg|mmsg)\(' "$log" || true)
  echo "sightline-cli $*: $calls connect/send calls, none to a remote address"
}

run import import-reads "$work/p.sightline" "$work/reads.csv" --agency "New Haven PD" --pseudonymize
run info info "$work/p.sightline" --json
run sharing import-sharing "$work/p.sightline" "$srcdir/data/sharing/ct-2019-documented.json"

exit "$status"
