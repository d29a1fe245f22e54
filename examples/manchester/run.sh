#!/usr/bin/env bash
# Manchester worked example: synthetic families at real Manchester postcodes, analysed on the
# real LSOA 2021 boundaries (Census 2021 denominators) with IMD 2019 carried from LSOA 2011.
#   examples/manchester/run.sh [OUT_DIR] [WORK_DIR]
# OUT_DIR (default examples/manchester/out) gets the outputs; WORK_DIR (default this folder) gets
# the synthetic families/ and, when it is another folder, a copy of the config pointing there.
# Needs ../shared/data beside the repository and a build (./scripts/build.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${REACHMAP_BIN_DIR:-$here/../../build}"
data="$here/../../../shared/data"
out="${1:-$here/out}"
work="${2:-$here}"
source "$here/../work_config.sh"
"$bin/reachmap-synth" --quiet --seed 20261129 \
  --boundaries "$data/boundaries/lsoa21_greater_manchester_bgc.gpkg" \
  --id lsoa21cd --label lsoa21nm --where "lsoa21nm LIKE 'Manchester %'" \
  --population "$data/population/census2021_lsoa21_age6.csv" \
  --population-area lsoa21cd --population-count age_0_15 --population-scale 0.3125 \
  --deprivation "$data/deprivation/iod2019_lsoa11_england.csv" \
  --deprivation-area lsoa11cd --deprivation-decile imd_decile \
  --postcodes "$data/postcodes/postcodes_nspl_b_m_cf.csv" --postcode-area lsoa21cd \
  --out "$work/families"
"$bin/reachmap" run "$config" --out "$out" --quiet
echo "Manchester example written to $out (summary: $out/manifest.json, maps in $out/maps)"
