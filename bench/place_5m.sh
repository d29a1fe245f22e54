#!/usr/bin/env bash
# Placement benchmark: `reachmap place` on 5 million points in the 34,753 LSOAs of England and
# Wales (drawn by reachmap-bench-make-points: 98% inside areas, 1% anywhere, 1% on vertices),
# at 1 and 2 threads, then GeoPandas sjoin on the same points when python3-geopandas is there.
# Both read the boundaries already in British National Grid (converted once with ogr2ogr), so
# neither transforms them and points on vertices are on vertices for both.
#   bench/place_5m.sh [COUNT] [GEOPANDAS_COUNT]   (from the repository root, after a build)
set -euo pipefail
count="${1:-5000000}"
gp_count="${2:-$count}"
source "$(dirname "$0")/points_setup.sh"
declare -A rate
for threads in 1 2; do
  echo "-- reachmap place, $threads thread(s)"
  /usr/bin/time -f "   wall %e s, peak memory %M KB" ./build/reachmap place "$points" \
    --layer "$lsoas" --id lsoa11cd --x x --y y --crs EPSG:27700 \
    --out-counts "$work/counts_$threads.csv" --threads "$threads" 2>&1 |
    grep -v "outside every" | tee "$work/place_$threads.txt"
  rate[$threads]=$(sed -n 's/.*threads, \([0-9]*\) points\/s.*/\1/p' "$work/place_$threads.txt")
done
cmp -s "$work/counts_1.csv" "$work/counts_2.csv" && echo "counts at 2 threads identical to 1 thread" \
  || echo "COUNTS DIFFER between 1 and 2 threads"
if /usr/bin/python3 -c "import geopandas" 2>/dev/null; then
  echo "-- GeoPandas sjoin on the first $gp_count of the same points"
  gp_points="$points"
  if [ "$gp_count" != "$count" ]; then
    gp_points="$work/points_${count}_first_$gp_count.csv"
    head -n $((gp_count + 1)) "$points" > "$gp_points"
    ./build/reachmap place "$gp_points" --layer "$lsoas" --id lsoa11cd --x x --y y \
      --out-counts "$work/counts_gp.csv" --quiet 2>/dev/null
  else
    cp "$work/counts_2.csv" "$work/counts_gp.csv"
  fi
  /usr/bin/python3 bench/geopandas_place.py "$gp_points" "$lsoas" lsoa11cd "$work/counts_gp.csv" |
    tee "$work/geopandas.txt"
  gp_rate=$(sed -n 's/.*sjoin [0-9.]* s (\([0-9,]*\) points.*/\1/p' "$work/geopandas.txt" | tr -d ,)
  awk -v a="${rate[1]}" -v b="${rate[2]}" -v g="$gp_rate" 'BEGIN {
    printf "reachmap vs GeoPandas sjoin, points per second: %.0fx at 1 thread, %.0fx at 2 threads\n",
      a / g, b / g }'
else
  echo "-- GeoPandas side by side skipped (apt-get install python3-geopandas python3-rtree)"
fi
