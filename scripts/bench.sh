#!/usr/bin/env bash
# Builds and runs the benchmarks; prints their figures (see bench/README.md).
# GeoPandas joins the placement benchmark when Debian's python3-geopandas is installed
# (BENCH_GEOPANDAS=1 installs it; its sjoin is slow, so it runs on the first 500,000 points).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ "${BENCH_GEOPANDAS:-0}" = 1 ]; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -qq --no-install-recommends python3-geopandas python3-rtree >/dev/null
fi
./scripts/build.sh
echo "== placement: 5 million points into 34,753 LSOAs (reachmap place; GeoPandas side by side)"
bash bench/place_5m.sh 5000000 500000
echo "== cold start: reachmap place of 1 million points, cold and with the layer's index file, against R sf"
bash bench/place_1m.sh 1000000 2
echo "== placement: NSPL B/M/CF postcodes into 34,753 LSOAs (2011, BGC)"
./build/bench/reachmap-bench-place
echo "== scaling: the placement index against areas, placement against points"
./build/bench/reachmap-bench-index
echo "== end to end: reachmap run on the national synthetic set, then pandas counting it"
bash bench/national.sh 2
echo "== link attendance alone: 29.6 million contact rows of the national set, three times"
./build/bench/reachmap-bench-attendance build/bench-data/national/reachmap.toml 2 3
echo "== scaling: the national run with 1, 2 and 4 times the attendance rows"
bash bench/rows_scaling.sh 2
echo "== rendering: all 34,753 LSOAs as an A4 PNG at 300 dpi"
./build/bench/reachmap-bench-render
echo "== statistics: queen weights, Moran's I and LISA (999 permutations) on all 34,753 LSOAs"
./build/bench/reachmap-bench-lisa
