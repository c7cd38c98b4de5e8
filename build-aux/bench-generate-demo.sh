#!/bin/sh
# Benchmark of the demo generator at benchmark scale (run by `meson test
# --benchmark`, or by hand: build-aux/bench-generate-demo.sh _build/app/cli/sightline-cli).
#
# Generates about 10 million reads (88,000 vehicles over 60 days) with
# generate-demo --csv, and reports the wall-clock time and the peak resident
# memory. The peer in the same run is `cat` copying the same reads.csv: the
# cost of only writing those bytes to this disk. The ratio says how much the
# simulation adds to plain output.
set -eu

cli=$1
vehicles=${2:-88000}
days=${3:-60}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/time -f '%e %M' -o "$work/generate.time" \
  "$cli" generate-demo "$work/demo.sightline" --vehicles "$vehicles" --days "$days" --csv "$work/csv" >/dev/null
/usr/bin/time -f '%e %M' -o "$work/copy.time" \
  sh -c 'cat "$1" > "$2"' sh "$work/csv/reads.csv" "$work/copy.csv"

reads=$(($(wc -l < "$work/csv/reads.csv") - 1))
bytes=$(wc -c < "$work/csv/reads.csv")
read -r generate_s generate_kb < "$work/generate.time"
read -r copy_s copy_kb < "$work/copy.time"

echo "generate-demo --vehicles $vehicles --days $days: $reads reads, $bytes bytes of reads.csv"
echo "generate-demo: ${generate_s} s, peak RSS ${generate_kb} kB"
echo "peer (cat reads.csv > copy): ${copy_s} s, peak RSS ${copy_kb} kB"
awk -v g="$generate_s" -v c="$copy_s" -v n="$reads" 'BEGIN {
  printf "ratio generate/copy: %.1f; %.2f million reads per second\n", (c > 0 ? g / c : 0), n / g / 1e6 }'
