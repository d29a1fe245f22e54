#!/usr/bin/env bash
# Quick start 2: install dependencies, build, and run every test. Tests that use the real ONS
# data expect ../shared/data beside the repository: without it they are skipped (and listed
# below the summary with the reason), and under CI=true they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
cd build
set +e
ctest --output-on-failure -j"${JOBS:-$(nproc)}" --timeout 900
rc=$?
set -e
# ctest counts a skipped test as not run; say how many and why.
log=Testing/Temporary/LastTest.log
skipped=$(grep -cE '^\[  SKIPPED \] [A-Za-z0-9_/.]+ \(' "$log" || true)
if [ "${skipped:-0}" -gt 0 ]; then
  echo "skipped: $skipped tests; why:"
  grep -A1 -E ': Skipped$' "$log" | grep -vE ': Skipped$|^--$' | sort | uniq -c | sed 's/^/  /'
else
  echo "skipped: 0 tests"
fi
exit $rc
