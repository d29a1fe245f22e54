#!/usr/bin/env bash
# The intruder test: runs the demo and the examples with a given
# reachmap and attacks each public output folder (tests/intruder/attack.py).
#   scripts/intruder.sh BUILD_DIR_OR_BINARY [OUT_DIR] [RULE] [TARGETS]
#   RULE=round scripts/intruder.sh BUILD_DIR_OR_BINARY [OUT_DIR]
# BUILD_DIR_OR_BINARY: a build folder (with reachmap and reachmap-synth) or a reachmap binary
# (reachmap-synth is then taken beside it, else from build/ or the main checkout's build/, or
# $REACHMAP_SYNTH). OUT_DIR (default a new temporary
# folder) gets demo/, manchester/, birmingham/ and the attack reports <name>.json.
# RULE (the third argument, else $RULE; default suppress) is the [privacy] rule of every run:
# suppress (`reachmap demo` and the examples as they are), round or perturb (the demo run from
# a copy of data/demo/reachmap.toml in OUT_DIR/demo-config/ with the rule set, the examples'
# work configs rewritten the same way before their run; $PRIVACY_OPTS, e.g. "base = 10", adds
# lines to [privacy]). data/demo and examples/ are never written.
# $RUN_OPTS (e.g. "never_seen_by_5 = true\nseen_before_1 = true") adds lines to the demo's
# [run] (the demo then runs from a copy of its config under every rule).
# TARGETS (the fourth argument, comma-separated): which of demo, manchester, birmingham and
# cardiff to run and attack; by default the demo and the examples (Cardiff under suppress only:
# its attack alone takes ten minutes on a core). ctest runs one target per test, so the two
# cores share them.
# With [run] periods in $RUN_OPTS the folder's periods are attacked across too
# (tests/intruder/attack_periods.py: the same days, the same last day, tilings).
# Under suppress each folder is also given to `reachmap audit` (the governance check on public
# files alone, it audits blanks), which must say "safe to publish".
# Exit 0: nothing recovered; 1: a hidden count recovered exactly or a count of 1-4 narrowed
# inside 1..4 (under round and perturb: any count, every one is uncertain), or `reachmap audit`
# says not safe (a leak); 2: a run or an attack failed; 77: the examples were skipped (no
# ../shared/data) and the demo was clean. $INTRUDER_CORE (e.g. 0) pins every run and attack to
# that core (taskset), to time an attack beside other work. In ctest as
# `intruder_<rule>_<target>`.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
arg="${1:?usage: scripts/intruder.sh BUILD_DIR_OR_BINARY [OUT_DIR] [suppress|round|perturb]}"
out="${2:-$(mktemp -d /tmp/reachmap-intruder.XXXXXX)}"
rule="${3:-${RULE:-suppress}}"
case "$rule" in suppress|round|perturb) ;; *) echo "unknown rule '$rule' (suppress, round or perturb)" >&2; exit 2;; esac
targets="${4:-demo,manchester,birmingham}"
[ -n "${4:-}" ] || [ "$rule" != suppress ] || targets+=",cardiff"
for t in ${targets//,/ }; do
  case "$t" in demo|manchester|birmingham|cardiff) ;;
    *) echo "unknown target '$t' (demo, manchester, birmingham or cardiff)" >&2; exit 2;; esac
done
mkdir -p "$out/bin"
if [ -d "$arg" ]; then bin="$(cd "$arg" && pwd)/reachmap"; synth="$(cd "$arg" && pwd)/reachmap-synth"
else bin="$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"; synth="$(dirname "$bin")/reachmap-synth"
  [ -x "$synth" ] || synth="$root/build/reachmap-synth"
  if [ ! -x "$synth" ]; then  # a worktree: the main checkout's build
    common="$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"
    [ -n "$common" ] && synth="$(dirname "$common")/build/reachmap-synth"; fi; fi
[ -n "${REACHMAP_SYNTH:-}" ] && synth="$REACHMAP_SYNTH"
[ -x "$bin" ] || { echo "no reachmap binary at $bin" >&2; exit 2; }
[ -x "$synth" ] && ln -sf "$synth" "$out/bin/reachmap-synth"
one=(); [ -n "${INTRUDER_CORE:-}" ] && command -v taskset >/dev/null && one=(taskset -c "$INTRUDER_CORE")
py=/usr/bin/python3; [ -x "$py" ] || py=python3

# set_rule CONFIG_IN CONFIG_OUT: the config with [privacy] rule = $rule (min_count, which is
# for suppress only, dropped; a [privacy] section added when there is none)
set_rule() {
  awk -v rule="$rule" -v opts="${PRIVACY_OPTS:-}" '
    function put() { print "rule = \"" rule "\""; if (opts != "") print opts; done = 1 }
    /^\[/ { sec = $0 }
    sec ~ /^\[privacy\]/ && /^[ \t]*(rule|min_count|base|max_perturbation|small_counts|variance)[ \t]*=/ { next }
    { print }
    /^\[privacy\]/ { put() }
    END { if (!done) { print ""; print "[privacy]"; put() } }' "$1" >"$2"
}
rm -f "$out/bin/reachmap"   # never write through an old link to a binary
if [ "$rule" = suppress ]; then ln -s "$bin" "$out/bin/reachmap"
else
  # the examples' run.sh writes its work config and runs at once: a reachmap in front of the
  # real one gives `run` a copy of the config with the rule set (beside it, so its relative
  # paths hold)
  { echo '#!/usr/bin/env bash'
    echo "# scripts/intruder.sh: reachmap with [privacy] rule = $rule"
    printf 'rule=%q; PRIVACY_OPTS=%q; real=%q\n' "$rule" "${PRIVACY_OPTS:-}" "$bin"
    declare -f set_rule
    cat <<'WRAP'
if [ "${1:-}" = run ] && [ -f "${2:-}" ]; then
  cfg="$2"; shift 2
  set_rule "$cfg" "${cfg%.toml}.$rule.toml" || exit 3
  exec "$real" run "${cfg%.toml}.$rule.toml" "$@"
fi
exec "$real" "$@"
WRAP
  } >"$out/bin/reachmap"
  chmod +x "$out/bin/reachmap"
fi
echo "intruder: rule $rule, $bin"
status=0
attack() {  # name folder
  echo "== $1 ($rule)"
  # Under round and perturb an unreached of 0 where seen is known to exceed the population
  # comes back exactly: suppress publishes that same fact as a plain 0, so zeros are allowed.
  local zeros=(); [ "$rule" = suppress ] || zeros=(--allow-zeros)
  "${one[@]}" "$py" "$root/tests/intruder/attack.py" "$2" --json "$out/$1.json" "${zeros[@]}"
  local rc=$?
  if [ $rc -eq 1 ]; then status=$((status > 1 ? status : 1)); elif [ $rc -ne 0 ]; then status=2; fi
  # [run] periods: the routes across the periods' public tables (attack_periods.py)
  if [ "$rule" = suppress ] && compgen -G "$2/*_by_period.csv" >/dev/null; then
    "${one[@]}" "$py" "$root/tests/intruder/attack_periods.py" "$2" --json "$out/$1-periods.json"
    rc=$?
    if [ $rc -eq 1 ]; then status=$((status > 1 ? status : 1)); elif [ $rc -ne 0 ]; then status=2; fi
  fi
  [ "$rule" = suppress ] || return 0   # reachmap audit audits blanks: suppress only
  "$bin" audit "$2" >"$out/$1-audit.txt" 2>&1
  rc=$?
  tail -n 1 "$out/$1-audit.txt"
  if [ $rc -eq 6 ]; then grep -A5 "NOT SAFE" "$out/$1-audit.txt"; status=$((status > 1 ? status : 1))
  elif [ $rc -ne 0 ]; then cat "$out/$1-audit.txt"; status=2; fi
}
skipped=0
if [[ ",$targets," == *,demo,* ]]; then
  if [ "$rule" = suppress ] && [ -z "${RUN_OPTS:-}" ]; then
    demo=("$bin" demo --out "$out/demo")
  else  # a copy of the demo config with the rule set, its paths made absolute (data/demo untouched)
    mkdir -p "$out/demo-config"
    sed -E "s#^([ \t]*(path|lookup)[ \t]*=[ \t]*\")([^/\"][^\"]*)\"#\1$root/data/demo/\3\"#" \
      "$root/data/demo/reachmap.toml" >"$out/demo-config/reachmap.abs.toml"
    if [ -n "${RUN_OPTS:-}" ]; then  # lines for [run] (awk reads \n in them as a line break)
      awk -v opts="$RUN_OPTS" '{ print } /^\[run\]/ { print opts }' \
        "$out/demo-config/reachmap.abs.toml" >"$out/demo-config/reachmap.run.toml"
      mv "$out/demo-config/reachmap.run.toml" "$out/demo-config/reachmap.abs.toml"
    fi
    if [ "$rule" = suppress ]; then
      cp "$out/demo-config/reachmap.abs.toml" "$out/demo-config/reachmap.toml"
    else
      set_rule "$out/demo-config/reachmap.abs.toml" "$out/demo-config/reachmap.toml"
    fi
    demo=("$bin" run "$out/demo-config/reachmap.toml" --out "$out/demo" --quiet)
  fi
  if "${one[@]}" "${demo[@]}" >"$out/demo.log" 2>&1; then attack demo "$out/demo"
  else echo "demo run failed (see $out/demo.log)" >&2; status=2; fi
fi
for city in ${targets//,/ }; do
  [ "$city" = demo ] && continue
  if [ ! -x "$out/bin/reachmap-synth" ] || [ ! -d "$root/../shared/data" ]; then
    echo "$city: skipped (needs reachmap-synth and ../shared/data)" >&2; skipped=1; continue; fi
  if REACHMAP_BIN_DIR="$out/bin" "${one[@]}" bash "$root/examples/$city/run.sh" "$out/$city" \
      "$out/$city-work" >"$out/$city.log" 2>&1; then attack "$city" "$out/$city"
  else echo "$city run failed (see $out/$city.log)" >&2; status=2; fi
done
[ $status -eq 0 ] && [ $skipped -eq 1 ] && status=77
echo "intruder: rule $rule, reports in $out (exit $status)"
exit $status
