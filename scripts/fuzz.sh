#!/usr/bin/env bash
# Fuzzes the input parsers with libFuzzer under ASan+UBSan (clang; a build apart in build/fuzz).
#   scripts/fuzz.sh [SECONDS] [TARGET...]    default: 20 s each for every target
# Seeds come from tests/fuzz/seeds, the test fixtures, the demo, the examples and the
# bad-input corpus; what a run learns stays in build/fuzz/corpus. A crash, leak or broken
# property is saved in build/fuzz/findings/TARGET and fails the script: turn it into a test
# case in tests/bad_inputs (or a unit test) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader_fuzz postcode_fuzz date_fuzz config_fuzz)
build=${REACHMAP_FUZZ_BUILD:-$root/build/fuzz}

CC=clang CXX=clang++ cmake -S tests/fuzz -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-2}" >/dev/null

seed() {  # seed TARGET: fills $build/corpus/TARGET from the sources of seeds
  local t=$1 dir=$build/corpus/$1
  mkdir -p "$dir"
  cp -f tests/fuzz/seeds/"${t%_fuzz}"/* "$dir"/ 2>/dev/null || true
  case $t in
    csv_reader_fuzz)  # one mode byte, then the file; small files whole, big ones cut
      while IFS= read -r -d '' f; do
        { printf '\0'; head -c 8000 "$f"; } >"$dir/$(echo "$f" | tr '/' '_')"
      done < <(find tests/fixtures tests/bad_inputs data/demo -name '*.csv' -print0 2>/dev/null) ;;
    config_fuzz)
      while IFS= read -r -d '' f; do cp -f "$f" "$dir/$(echo "$f" | tr '/' '_')"; done \
        < <(find tests/fixtures tests/bad_inputs data/demo examples -name '*.toml' -print0 2>/dev/null) ;;
    postcode_fuzz)
      cut -d, -f3 data/demo/registrations.csv | head -200 | sort -u | while IFS= read -r p; do
        printf '%s' "$p" >"$dir/demo_$(echo "$p" | tr -c 'A-Za-z0-9' '_')"; done || true ;;
    date_fuzz)
      cut -d, -f4 data/demo/registrations.csv | head -50 | sort -u | while IFS= read -r d; do
        printf '%s' "$d" >"$dir/demo_$(echo "$d" | tr -c 'A-Za-z0-9' '_')"; done || true ;;
  esac
}

failed=0
for t in "${targets[@]}"; do
  seed "$t"
  findings=$build/findings/$t
  mkdir -p "$findings"
  log=$build/$t.log
  max_len=4096
  [[ $t == csv_reader_fuzz || $t == config_fuzz ]] && max_len=16384
  set +e
  "$build/$t" "$build/corpus/$t" -max_total_time="$seconds" -max_len=$max_len \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  corpus=$(find "$build/corpus/$t" -type f | wc -l)
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz: $t: FINDING after $runs runs (exit $rc); input in $findings; log $log"
    grep -m3 -E 'ERROR|property violated|runtime error' "$log" || true
  else
    echo "fuzz: $t: $runs runs in ${seconds} s, corpus $corpus inputs, no finding"
  fi
done
exit $failed
