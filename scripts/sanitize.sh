#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and UBSan (leaks included), in its own
# build folder (build-sanitize), so the normal build is untouched. Slow: a Debug build and
# tests some five times slower. The fuzz smoke is left out: its own build is sanitized.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=${JOBS:-$(nproc)}
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DREACHMAP_SANITIZE=ON \
  -DREACHMAP_BENCH=OFF >/dev/null
cmake --build build-sanitize -j"$jobs"
cd build-sanitize
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --output-on-failure -j"$jobs" --timeout 3600 -E '^fuzz_smoke$'
