#!/usr/bin/env bash
# The bytes every run writes, as SHA-256 sums: the demo and the worked examples, each at 1 and
# 2 threads. A change that must not change any output (a restructuring) is checked against the
# committed sums:
#   scripts/output_checksums.sh BUILD_DIR WORK_DIR            prints the sums
#   scripts/output_checksums.sh BUILD_DIR WORK_DIR --check    compares with tests/golden/output_checksums.txt
#   scripts/output_checksums.sh BUILD_DIR WORK_DIR --update   rewrites that file (say why in the commit)
# manifest.json and private/manifest.json are summed after removing what must differ between runs (thread count, timings)
# and replacing the work folder's path by <work> and the checkout's by <src> (CI clones
# elsewhere). Needs ../shared/data for the examples.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$1" && pwd)"
work="$2"
mode="${3:-}"
golden="$src/tests/golden/output_checksums.txt"
rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

sums() {  # sums NAME OUT: one line per file of the output folder OUT
  local name="$1" out="$2" m
  (cd "$out" && find . -type f ! -name manifest.json | LC_ALL=C sort | while read -r f; do
    printf '%s  %s/%s\n' "$(sha256sum <"$f" | cut -c1-64)" "$name" "${f#./}"
  done)
  for m in manifest.json private/manifest.json; do
    [ -f "$out/$m" ] || continue
    printf '%s  %s/%s\n' "$(python3 - "$out/$m" "$work" "$src" <<'EOF' | sha256sum | cut -c1-64
import json, sys
manifest, work, src = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for key in ("threads", "timings_seconds", "cpu_seconds", "input_digests"):
    manifest.pop(key, None)
def clean(v):
    if isinstance(v, str): return v.replace(work, "<work>").replace(src, "<src>")
    if isinstance(v, list): return [clean(x) for x in v]
    if isinstance(v, dict): return {k: clean(x) for k, x in v.items()}
    return v
print(json.dumps(clean(manifest), sort_keys=True, indent=1))
EOF
)" "$name" "$m"
  done
}

{
  for t in 1 2; do
    "$bin/reachmap" demo --quiet --threads "$t" --out "$work/demo-$t"
    sums "demo/threads-$t" "$work/demo-$t"
  done
  # Each example's run.sh runs reachmap once: through a reachmap that adds --threads 2, that
  # run is the 2-thread one (one run fewer an example), and the 1-thread one follows.
  mkdir -p "$work/bin"
  ln -s "$bin/reachmap-synth" "$work/bin/reachmap-synth"
  printf '#!/usr/bin/env bash\nexec %q "$@" --threads 2\n' "$bin/reachmap" >"$work/bin/reachmap"
  chmod +x "$work/bin/reachmap"
  for city in manchester birmingham cardiff; do
    REACHMAP_BIN_DIR="$work/bin" bash "$src/examples/$city/run.sh" "$work/$city-2" "$work/$city" \
      >/dev/null
    "$bin/reachmap" run "$work/$city/reachmap.toml" --quiet --threads 1 --out "$work/$city-1"
    for t in 1 2; do sums "$city/threads-$t" "$work/$city-$t"; done
  done
} >"$work/checksums.txt"

case "$mode" in
  --update) cp "$work/checksums.txt" "$golden" && echo "wrote $golden" ;;
  --check)
    if diff -u "$golden" "$work/checksums.txt"; then
      echo "outputs unchanged: $(wc -l <"$golden") files of 6 runs have the committed bytes"
    else
      echo "outputs changed (lines above: - committed, + now). If the change is meant, run" \
        "scripts/output_checksums.sh build $work --update and say why in the commit." >&2
      exit 1
    fi ;;
  *) cat "$work/checksums.txt" ;;
esac
