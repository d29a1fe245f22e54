#!/usr/bin/env bash
# Builds and runs the benchmarks; prints their figures (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
echo "== placement: NSPL B/M/CF postcodes into 34,753 LSOAs (2011, BGC)"
./build/bench/reachmap-bench-place
echo "== rendering: all 34,753 LSOAs as an A4 PNG at 300 dpi"
./build/bench/reachmap-bench-render
echo "== statistics: queen weights, Moran's I and LISA (999 permutations) on all 34,753 LSOAs"
./build/bench/reachmap-bench-lisa
