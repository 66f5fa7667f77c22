#!/usr/bin/env bash
# Fuzzes the parsers (IDX, .npy, gzip) with libFuzzer under ASan + UBSan.
#   scripts/fuzz.sh [SECONDS]   each target for SECONDS (default 300; npm test uses 15)
# The checked-in corpus in tests/fuzz/corpus/<target> is replayed first; new inputs go to
# build/fuzz-corpus/<target>, crashes to build/fuzz-crashes/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${1:-300}"
scripts/build.sh sanitize >/dev/null
mkdir -p build/fuzz-crashes
for t in idx npy gzip; do
  mkdir -p "build/fuzz-corpus/$t"
  log="build/fuzz-$t.log"
  # Replay the checked-in corpus, then fuzz: any crash, leak or UB report fails the run.
  if ! build/sanitize/fuzz_$t -runs=0 "tests/fuzz/corpus/$t" >"$log" 2>&1 ||
     ! build/sanitize/fuzz_$t -max_total_time="$SECONDS_EACH" -max_len=4096 -rss_limit_mb=1024 \
         -artifact_prefix=build/fuzz-crashes/ -print_final_stats=1 \
         "build/fuzz-corpus/$t" "tests/fuzz/corpus/$t" >>"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz $t: FAILED (log: $log, inputs: build/fuzz-crashes/)" >&2
    exit 1
  fi
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "fuzz $t: ${SECONDS_EACH}s, ${runs} executions, no crash"
done
