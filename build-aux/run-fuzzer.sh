#!/bin/sh
# Runs one libFuzzer target for FUZZ_SECONDS (default 60) from its seed
# corpus, keeping what it learns in WORKDIR/corpus (the seeds in the source
# tree are never written to) and anything that fails in WORKDIR/artifacts.
# Prints one summary line; on failure, the end of libFuzzer's log.
#
#   run-fuzzer.sh FUZZER SEED-CORPUS WORKDIR [LIBFUZZER-FLAG…]
set -u

fuzzer=$1
seeds=$2
work=$3
shift 3
seconds=${FUZZ_SECONDS:-60}
name=$(basename "$work")

mkdir -p "$work/corpus" "$work/artifacts"
log="$work/fuzz.log"

# -rss_limit_mb: the parsers promise bounded memory, so a run that needs a
# gigabyte is a failure. -timeout: one input taking 10 s is a hang.
"$fuzzer" \
  -max_total_time="$seconds" \
  -rss_limit_mb=1024 \
  -timeout=10 \
  -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" \
  "$@" \
  "$work/corpus" "$seeds" >"$log" 2>&1
status=$?

# libFuzzer's last status line ("#123 DONE cov: 456 ft: 789 corp: …") and
# its final statistics.
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
summary="$name: ${runs:-?} runs in ${seconds} s, ${rate:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
echo "$summary" | tee "$work/summary.txt"

if [ "$status" -ne 0 ]; then
  echo "$name: FAILED (exit $status); inputs in $work/artifacts/, log $log:"
  tail -n 80 "$log"
fi
exit "$status"
