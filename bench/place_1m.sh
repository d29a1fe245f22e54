#!/usr/bin/env bash
# Cold start: `reachmap place` of 1 million points into the 34,753 LSOAs of England and Wales as
# a whole process, against R sf `st_contains(polygons, points)` (bench/peers/place_sf.R) on the
# same files in the same run. reachmap is timed cold (no index file: the layer is read,
# transformed, repaired and indexed), then `reachmap index` writes the layer's index file and it
# is timed warm (the index file mapped), the median of 3 runs each. Debian's r-cran-sf is
# installed here when missing (a benchmark's peer, never the tests').
#   bench/place_1m.sh [COUNT=1000000] [THREADS=2]   (from the repository root, after a build)
set -euo pipefail
count="${1:-1000000}"
threads="${2:-2}"
source "$(dirname "$0")/points_setup.sh"
if ! command -v Rscript >/dev/null || ! Rscript -e 'library(sf)' >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends r-cran-sf >/dev/null
fi

place() {  # $1: counts file; prints "wall peak_kb" and keeps the command's lines in $work/place.txt
  /usr/bin/time -f "%e %M" -o "$work/place-time.txt" ./build/reachmap place "$points" \
    --layer "$lsoas" --id lsoa11cd --x x --y y --crs EPSG:27700 --threads "$threads" \
    --out-counts "$1" > "$work/place.txt" 2>/dev/null
  cat "$work/place-time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rm -f "$lsoas".*.reachmap-index
cold=$(for i in 1 2 3; do place "$work/counts_cold.csv" | cut -d' ' -f1; done | median)
echo "-- reachmap place, cold (no index file), median of 3: $cold s"
sed -n 's/^/   /; /^   layer/p' "$work/place.txt"
./build/reachmap index "$lsoas" --id lsoa11cd --threads "$threads" | sed 's/^/   /'
warm=$(for i in 1 2 3; do place "$work/counts_warm.csv" | cut -d' ' -f1; done | median)
echo "-- reachmap place, warm (the index file mapped), median of 3: $warm s, $(cut -d' ' -f2 "$work/place-time.txt") KB"
sed -n 's/^/   /; /^   layer/p' "$work/place.txt"
cmp -s "$work/counts_cold.csv" "$work/counts_warm.csv" && echo "   counts cold and warm identical" \
  || echo "   COUNTS DIFFER between cold and warm"

echo "-- R sf st_contains on the same points and layer"
/usr/bin/time -f "%e %M" -o "$work/sf-time.txt" Rscript bench/peers/place_sf.R "$points" "$lsoas" \
  lsoa11cd "$work/counts_sf.csv" | sed 's/^/   /'
read -r sf sf_kb < "$work/sf-time.txt"
awk -v c="$cold" -v w="$warm" -v s="$sf" -v k="$sf_kb" 'BEGIN {
  printf "   R sf %.2f s, %.0f MiB (whole process)\n", s, k / 1024
  printf "reachmap place vs R sf, whole process: %.1fx cold, %.1fx warm\n", s / c, s / w }'
