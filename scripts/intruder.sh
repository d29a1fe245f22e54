#!/usr/bin/env bash
# The intruder test: runs the demo and the Manchester and Birmingham examples with a given
# reachmap and attacks each public output folder (tests/intruder/attack.py).
#   scripts/intruder.sh BUILD_DIR_OR_BINARY [OUT_DIR]
# BUILD_DIR_OR_BINARY: a build folder (with reachmap and reachmap-synth) or a reachmap binary
# (reachmap-synth is then taken beside it, else from build/ or the main checkout's build/, or
# $REACHMAP_SYNTH). OUT_DIR (default a new temporary
# folder) gets demo/, manchester/, birmingham/ and the attack reports <name>.json.
# Each folder is also given to `reachmap audit` (the governance check on public files alone),
# which must say "safe to publish".
# Exit 0: nothing recovered; 1: a hidden count recovered exactly or a count of 1-4 narrowed
# inside 1..4, or `reachmap audit` says not safe (a leak); 2: a run or an attack failed; 77:
# the examples were skipped (no ../shared/data) and the demo was clean. Runs on one core
# (taskset) when it can. In ctest as `intruder`.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
arg="${1:?usage: scripts/intruder.sh BUILD_DIR_OR_BINARY [OUT_DIR]}"
out="${2:-$(mktemp -d /tmp/reachmap-intruder.XXXXXX)}"
mkdir -p "$out/bin"
if [ -d "$arg" ]; then bin="$(cd "$arg" && pwd)/reachmap"; synth="$(cd "$arg" && pwd)/reachmap-synth"
else bin="$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"; synth="$(dirname "$bin")/reachmap-synth"
  [ -x "$synth" ] || synth="$root/build/reachmap-synth"
  if [ ! -x "$synth" ]; then  # a worktree: the main checkout's build
    common="$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"
    [ -n "$common" ] && synth="$(dirname "$common")/build/reachmap-synth"; fi; fi
[ -n "${REACHMAP_SYNTH:-}" ] && synth="$REACHMAP_SYNTH"
[ -x "$bin" ] || { echo "no reachmap binary at $bin" >&2; exit 2; }
ln -sf "$bin" "$out/bin/reachmap"
[ -x "$synth" ] && ln -sf "$synth" "$out/bin/reachmap-synth"
one=(); command -v taskset >/dev/null && one=(taskset -c 0)
py=/usr/bin/python3; [ -x "$py" ] || py=python3
status=0
attack() {  # name folder
  echo "== $1"
  "${one[@]}" "$py" "$root/tests/intruder/attack.py" "$2" --json "$out/$1.json"
  local rc=$?
  if [ $rc -eq 1 ]; then status=$((status > 1 ? status : 1)); elif [ $rc -ne 0 ]; then status=2; fi
  "$bin" audit "$2" >"$out/$1-audit.txt" 2>&1
  rc=$?
  tail -n 1 "$out/$1-audit.txt"
  if [ $rc -eq 6 ]; then grep -A5 "NOT SAFE" "$out/$1-audit.txt"; status=$((status > 1 ? status : 1))
  elif [ $rc -ne 0 ]; then cat "$out/$1-audit.txt"; status=2; fi
}
skipped=0
if "${one[@]}" "$bin" demo --out "$out/demo" >"$out/demo.log" 2>&1; then attack demo "$out/demo"
else echo "demo run failed (see $out/demo.log)" >&2; status=2; fi
for city in manchester birmingham; do
  if [ ! -x "$out/bin/reachmap-synth" ] || [ ! -d "$root/../shared/data" ]; then
    echo "$city: skipped (needs reachmap-synth and ../shared/data)" >&2; skipped=1; continue; fi
  if REACHMAP_BIN_DIR="$out/bin" "${one[@]}" bash "$root/examples/$city/run.sh" "$out/$city" \
      "$out/$city-work" >"$out/$city.log" 2>&1; then attack "$city" "$out/$city"
  else echo "$city run failed (see $out/$city.log)" >&2; status=2; fi
done
[ $status -eq 0 ] && [ $skipped -eq 1 ] && status=77
echo "intruder: reports in $out (exit $status)"
exit $status
