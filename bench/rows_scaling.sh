#!/usr/bin/env bash
# Rows scaling: `reachmap run` on the national synthetic set with its attendance at 1x, 2x and
# 4x the rows (29.6M, 59.2M, 118.4M). The extra copies are the same contacts under other
# service names ("<service> 2", ...), so every row is a distinct contact of a registered child:
# the work per row is the same as the first copy's. Prints link attendance and the whole run
# against the row count (linear: seconds per million rows stay flat). After bench/national.sh
# has made the set (and the layer's index file).
#   bench/rows_scaling.sh [THREADS=2]   (from the repository root; 6.6 GB of CSV on disk)
set -euo pipefail
threads="${1:-2}"
set_dir="build/bench-data/national"
[ -s "$set_dir/attendance.csv" ] || { echo "run bench/national.sh first"; exit 1; }
for x in 2 4; do
  out="$set_dir/attendance_${x}x.csv"
  if [ ! -s "$out" ]; then
    echo "-- writing $out"
    awk -F, -v OFS=, -v copies="$x" 'NR == 1 { print; next }
      { print; line = $0; for (c = 2; c <= copies; ++c) { $0 = line; $4 = $4 " " c; print } }' \
      "$set_dir/attendance.csv" > "$out"
  fi
  sed "s|^path = \"attendance.csv\"|path = \"attendance_${x}x.csv\"|" "$set_dir/reachmap.toml" \
    > "$set_dir/reachmap_${x}x.toml"
done
printf "%8s %12s %16s %18s %12s %10s\n" copies rows "link attendance" "s per M rows" "run (wall)" "peak GiB"
for x in 1 2 4; do
  config="$set_dir/reachmap.toml"
  [ "$x" = 1 ] || config="$set_dir/reachmap_${x}x.toml"
  /usr/bin/time -f "%e %M" -o build/bench-data/rows-time.txt ./build/reachmap run "$config" \
    --out build/bench-data/rows-out --threads "$threads" --quiet
  read -r wall kb < build/bench-data/rows-time.txt
  python3 - "$x" "$wall" "$kb" <<'PY'
import json, sys
x, wall, kb = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
t = json.load(open("build/bench-data/rows-out/private/manifest.json"))["timings_seconds"]
rows = 29600496 * x
link = t["link attendance"]
print(f"{x:8d} {rows:12,d} {link:14.2f} s {link / rows * 1e6:16.3f} s {wall:10.1f} s {kb / 1048576:10.2f}")
PY
done
