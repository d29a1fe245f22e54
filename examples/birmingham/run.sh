#!/usr/bin/env bash
# Birmingham worked example: synthetic families at real Birmingham postcodes (synthetic ones
# where a 2011 LSOA has no postcode of its own), analysed on the real LSOA 2011 boundaries
# (the IMD 2019 vintage) with Census 2021 denominators carried from LSOA 2021.
#   examples/birmingham/run.sh [OUT_DIR] [WORK_DIR]
# OUT_DIR (default examples/birmingham/out) gets the outputs; WORK_DIR (default this folder) gets
# the synthetic families/ and, when it is another folder, a copy of the config pointing there.
# Needs ../shared/data beside the repository and a build (./scripts/build.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${REACHMAP_BIN_DIR:-$here/../../build}"
data="$here/../../../shared/data"
out="${1:-$here/out}"
work="${2:-$here}"
source "$here/../work_config.sh"
"$bin/reachmap-synth" --quiet --seed 20261130 \
  --boundaries "$data/boundaries/lsoa11_birmingham_bgc.gpkg" --id lsoa11cd --label lsoa11nm \
  --population "$data/deprivation/iod2019_lsoa11_england.csv" \
  --population-area lsoa11cd --population-count pop_0_15_mid2015 --population-scale 0.3125 \
  --deprivation "$data/deprivation/iod2019_lsoa11_england.csv" \
  --deprivation-area lsoa11cd --deprivation-decile imd_decile \
  --postcodes "$data/postcodes/postcodes_nspl_b_m_cf.csv" --postcode-area lsoa11cd \
  --centres 60 --clusters 4 --out "$work/families"
"$bin/reachmap" run "$config" --out "$out" --quiet
echo "Birmingham example written to $out (summary: $out/manifest.json, maps in $out/maps)"
