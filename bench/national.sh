#!/usr/bin/env bash
# End-to-end benchmark: `reachmap run` on the national synthetic set (reachmap-synth on all
# 34,753 LSOAs 2011 of England and Wales: about 3.4 million under-5s at real and synthetic
# postcodes, 1.9 million registered, 30 million contacts). Prints the wall time of every stage
# (private/manifest.json's timings_seconds), the total and the peak memory.
#   bench/national.sh [THREADS=2]     (from the repository root, after a build)
set -euo pipefail
threads="${1:-2}"
data="${REACHMAP_SHARED_DATA:-../shared/data}"
set_dir="build/bench-data/national"
if [ ! -s "$set_dir/attendance.csv" ]; then
  echo "-- generating the national synthetic set (reachmap-synth)"
  /usr/bin/time -f "   wall %e s, peak memory %M KB" ./build/reachmap-synth --seed 1 --clusters 20 \
    --boundaries "$data/boundaries/lsoa11_ew_bgc.gpkg" --id lsoa11cd --label lsoa11nm \
    --population "$data/population/census2021_lsoa21_age6.csv" --population-area lsoa21cd \
    --population-count age_0_15 --population-scale 0.3125 \
    --lookup "$data/lookups/lsoa11_lsoa21_lad22_ew.csv" \
    --deprivation "$data/deprivation/iod2019_lsoa11_england.csv" \
    --deprivation-area lsoa11cd --deprivation-decile imd_decile \
    --postcodes "$data/postcodes/postcodes_nspl_b_m_cf.csv" --postcode-area lsoa11cd \
    --out "$set_dir"
fi
wc -l "$set_dir/registrations.csv" "$set_dir/attendance.csv" | sed 's/^/   rows (with header): /' | head -2
echo "-- reachmap run, $threads threads"
/usr/bin/time -f "%e %M" -o build/bench-data/national-time.txt ./build/reachmap run \
  "$set_dir/reachmap.toml" --out build/bench-data/national-out --threads "$threads" --quiet
python3 - build/bench-data/national-out/private/manifest.json build/bench-data/national-time.txt <<'PY'
import json, sys
timings = json.load(open(sys.argv[1]))["timings_seconds"]
wall, kb = open(sys.argv[2]).read().split()
for stage, s in timings.items():
    print(f"   {stage:<26}{s:7.2f} s")
print(f"   {'total (wall)':<26}{float(wall):7.2f} s, peak memory {int(kb) / 1048576:.2f} GiB")
PY
