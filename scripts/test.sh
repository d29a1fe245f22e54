#!/usr/bin/env bash
# Quick start 2: install dependencies, build, and run every test. Tests that use the real ONS
# data expect ../shared/data beside the repository: without it they are skipped (and listed
# below the summary with the reason). Under CI=true every test must run: a test that did not
# (skipped by GoogleTest, by its skip exit code 77, or not run at all) fails the script, even
# when ctest itself passed. Arguments go to ctest (scripts/test.sh -R bad_inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
cd build
console=Testing/Temporary/test-sh-console.log
mkdir -p Testing/Temporary
set +e
ctest --output-on-failure -j"${JOBS:-$(nproc)}" --timeout 900 "$@" 2>&1 | tee "$console"
rc=${PIPESTATUS[0]}
set -e

# The tests ctest lists as not run ("  12 - name (Skipped)"), each with why: GoogleTest's
# message after "Skipped", else the test's last line of output (check_styles.sh says why it
# exits 77), both read from the test's output in LastTest.log.
not_run=$(sed -n '/^The following tests did not run:/,/^$/p' "$console" |
  sed -nE 's/^[[:space:]]*[0-9]+ - (.*) \(([^)]*)\)$/\1\t\2/p')
why() {
  awk -v name="$1" '
    $0 ~ /^[0-9]+\/[0-9]+ Test: / { sub(/^[0-9]+\/[0-9]+ Test: /, ""); mine = ($0 == name); next }
    !mine { next }
    /^<end of output>$/ { out = 0; next }
    out && prev_skipped { reason = $0; prev_skipped = 0; gtest = 1 }
    out && /: Skipped$/ { prev_skipped = 1 }
    out && NF && !gtest { last = $0 }
    /^Output:$/ { out = 1; getline }
    END { print (gtest ? reason : (last != "" ? last : "no output")) }
  ' Testing/Temporary/LastTest.log
}
count=0
if [ -n "$not_run" ]; then
  count=$(printf '%s\n' "$not_run" | wc -l)
  echo "skipped: $count tests; why:"
  while IFS=$'\t' read -r name status; do
    echo "  $name ($status): $(why "$name")"
  done <<<"$not_run"
else
  echo "skipped: 0 tests"
fi
if [ "${CI:-}" = "true" ] && [ "$count" -gt 0 ]; then
  echo "test.sh: CI=true: $count tests did not run (listed above); under CI every test must run" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
