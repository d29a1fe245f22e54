#!/usr/bin/env bash
# Cardiff worked example: synthetic families at real Cardiff postcodes, analysed on the real
# LSOA 2011 boundaries (WIMD 2019) with Census 2021 denominators carried back from LSOA 2021;
# health clinics and libraries beside the centres, Welsh-speaking families, Welsh-medium
# sessions and a planted language gap (families/planted_language_gap.csv).
#   examples/cardiff/run.sh [OUT_DIR] [WORK_DIR]
# OUT_DIR (default examples/cardiff/out) gets the outputs; WORK_DIR (default this folder) gets
# the synthetic families/ and, when it is another folder, a copy of the config pointing there.
# Needs ../shared/data beside the repository and a build (./scripts/build.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${REACHMAP_BIN_DIR:-$here/../../build}"
data="$here/../../../shared/data"
out="${1:-$here/out}"
work="${2:-$here}"
source "$here/../work_config.sh"
"$bin/reachmap-synth" --quiet --seed 20261206 \
  --boundaries "$data/boundaries/lsoa11_cardiff_bgc.gpkg" --id lsoa11cd --label lsoa11nm \
  --population "$data/population/census2021_lsoa21_age6.csv" \
  --population-area lsoa21cd --population-count age_0_15 --population-scale 0.3125 \
  --lookup "$data/lookups/lsoa11_lsoa21_lad22_ew.csv" \
  --deprivation "$data/deprivation/wimd2019_lsoa11_wales.csv" \
  --deprivation-area lsoa11cd --deprivation-decile wimd_decile \
  --postcodes "$data/postcodes/postcodes_nspl_b_m_cf.csv" --postcode-area lsoa11cd \
  --centres 24 --clusters 2 --settings --welsh --localities-by-name --out "$work/families"
"$bin/reachmap" run "$config" --out "$out" --quiet
echo "Cardiff example written to $out (summary: $out/manifest.json, maps in $out/maps)"
