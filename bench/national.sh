#!/usr/bin/env bash
# End-to-end benchmark: `reachmap run` on the national synthetic set (reachmap-synth on all
# 34,753 LSOAs 2011 of England and Wales: about 3.4 million under-5s at real and synthetic
# postcodes, 1.9 million registered, 30 million contacts). Prints the wall time of every stage
# (private/manifest.json's timings_seconds) and its CPU (cpu_seconds), the total and the peak memory, each against the
# figures recorded in bench/national_figures.json (the last commit that changed them), and
# names every stage slower by more than 20%. A benchmark: it never fails on time.
# The boundaries are copied into the set's folder, so their index file (`reachmap index`) can
# be kept beside them: by default the run maps it (written first when missing); INDEX=cold
# removes it, and the run reads, repairs and indexes the layer as a first run does.
#   bench/national.sh [THREADS=2] [record]   (from the repository root, after a build;
#                                             `record` writes this run's figures as the new ones)
#   INDEX=cold bench/national.sh 2
#   PEER=0 PERIODS=quarterly bench/national.sh 2   (the periods of one pass against the year)
# Then the peer: bench/peers/national_pandas.py, the counting part of the job in pandas
# (Debian python3-pandas, installed here when missing; PEER=0 skips it), and the ratio of the
# two whole processes, run in turn PAIRS times (3 by default): each pair's and their median.
set -euo pipefail
threads="${1:-2}"
record="${2:-}"
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
layer="$set_dir/lsoa11_ew_bgc.gpkg"
[ -s "$layer" ] || cp "$data/boundaries/lsoa11_ew_bgc.gpkg" "$layer"
sed -i 's|^path = ".*/lsoa11_ew_bgc.gpkg"|path = "lsoa11_ew_bgc.gpkg"|' "$set_dir/reachmap.toml"
if [ "${INDEX:-warm}" = cold ]; then
  rm -f "$layer".*.reachmap-index
  echo "-- cold: no index file (the layer is read, repaired and indexed in the run)"
else
  if ! ls "$layer".*.reachmap-index >/dev/null 2>&1; then
    echo "-- writing the layer's index file (reachmap index)"
    ./build/reachmap index "$set_dir/reachmap.toml" --threads "$threads"
  fi
  echo "-- warm: the layer's index file is mapped (INDEX=cold for a first run's figures)"
fi
wc -l "$set_dir/registrations.csv" "$set_dir/attendance.csv" | sed 's/^/   rows (with header): /' | head -2
echo "-- reachmap run, $threads threads"
/usr/bin/time -f "%e %M" -o build/bench-data/national-time.txt ./build/reachmap run \
  "$set_dir/reachmap.toml" --out build/bench-data/national-out --threads "$threads" --quiet
python3 - build/bench-data/national-out/private/manifest.json build/bench-data/national-time.txt \
  bench/national_figures.json "$record" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'PY'
import datetime, json, sys
manifest, time_file, figures_file, record, commit = sys.argv[1:6]
run_manifest = json.load(open(manifest))
timings = run_manifest["timings_seconds"]
cpu = run_manifest.get("cpu_seconds", {})  # the whole process's CPU in each stage
wall, kb = open(time_file).read().split()
now = dict(timings)
now["total (wall)"] = float(wall)
try:
    recorded = json.load(open(figures_file))
except FileNotFoundError:
    recorded = {"commit": "none", "seconds": {}}
before = recorded["seconds"]
print(f"   {'stage':<36}{'now':>8}  {'CPU now':>8}  {'recorded at ' + recorded['commit']:>22}")
slower = []
for stage, s in now.items():
    was = before.get(stage)
    line = f"   {stage:<36}{s:7.2f} s" + (f" {cpu[stage]:7.2f} s" if stage in cpu else " " * 10)
    if was:
        line += f"  {was:7.2f} s  x{s / was:5.2f}"
        if s > 1.2 * was and s - was > 0.5:  # a stage of a few tenths moves by more in noise
            slower.append(stage)
            line += "  SLOWER by more than 20%"
    print(line)
print(f"   peak memory {int(kb) / 1048576:.2f} GiB (recorded {before.get('peak memory GiB', 0):.2f} GiB)")
if slower:
    print("-- slower by more than 20% than the recorded figures: " + ", ".join(slower) +
          " (the machine is noisy: run again, or pair the two builds with farm-bench --vs)")
else:
    print("-- no stage slower by more than 20% than the recorded figures")
if record == "record":
    now["peak memory GiB"] = round(int(kb) / 1048576, 2)
    json.dump({"commit": commit, "date": datetime.date.today().isoformat(),
               "seconds": {k: round(v, 2) for k, v in now.items()},
               "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()}},
              open(figures_file, "w"), indent=1)
    print(f"-- recorded as the figures of {commit} in {figures_file}")
PY

if [ "${PEER:-1}" != 0 ]; then
  if ! /usr/bin/python3 -c "import pandas" 2>/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get install -y -qq --no-install-recommends python3-pandas >/dev/null
  fi
  echo "-- the peer: pandas doing the counting part only (bench/peers/national_pandas.py)"
  mkdir -p build/bench-data/national-pandas
  pandas_run() {
    /usr/bin/time -f "%e %M" -o build/bench-data/national-pandas-time.txt /usr/bin/python3 \
      bench/peers/national_pandas.py "$set_dir" build/bench-data/national-pandas
  }
  pandas_run | sed 's/^/   /'
  # The two whole processes side by side, PAIRS times in turn (reachmap, then pandas; the first
  # pair is the run above): a VM's host can slow one run by seconds (taking memory back), so
  # the figure is each pair's ratio and their median, as farm-bench pairs two builds.
  pairs="${PAIRS:-3}"
  ratios=()
  for ((i = 1; i <= pairs; i++)); do
    if [ "$i" -gt 1 ]; then
      /usr/bin/time -f "%e %M" -o build/bench-data/national-time.txt ./build/reachmap run \
        "$set_dir/reachmap.toml" --out build/bench-data/national-out --threads "$threads" --quiet
      pandas_run >/dev/null
    fi
    read -r ours ours_kb < build/bench-data/national-time.txt
    read -r theirs theirs_kb < build/bench-data/national-pandas-time.txt
    ratios+=("$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", b / a }')")
    awk -v i="$i" -v a="$ours" -v b="$theirs" -v ak="$ours_kb" -v bk="$theirs_kb" 'BEGIN {
      printf "   pair %d: pandas %.1f s, %.2f GiB; reachmap (everything) %.1f s, %.2f GiB: reachmap %.2f times as fast\n",
        i, b, bk / 1048576, a, ak / 1048576, b / a }'
  done
  printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 } END {
    m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "-- reachmap against pandas, median of %d pairs: %.2f times as fast (pairs %.2f to %.2f)\n", NR, m, r[1], r[NR] }'
fi

# [run] periods in the run's one pass (issue 23): PERIODS=quarterly (or monthly, annual) runs the
# same set with that line added to [run], in turn with the year alone PAIRS times, and prints
# each pair's cost against the year's (four quarters and the year: under 1.5 times the year's).
if [ -n "${PERIODS:-}" ]; then
  sed "s|^seed = 1\$|seed = 1\nperiods = \"$PERIODS\"|" "$set_dir/reachmap.toml" > "$set_dir/periods.toml"
  grep -q '^periods = ' "$set_dir/periods.toml" || { echo "no seed line to put periods after" >&2; exit 1; }
  echo "-- periods = \"$PERIODS\" against the year alone, ${PAIRS:-3} pairs in turn"
  for ((i = 1; i <= ${PAIRS:-3}; i++)); do
    /usr/bin/time -f "%e %M" -o build/bench-data/national-time.txt ./build/reachmap run \
      "$set_dir/reachmap.toml" --out build/bench-data/national-out --threads "$threads" --quiet
    read -r year year_kb < build/bench-data/national-time.txt
    /usr/bin/time -f "%e %M" -o build/bench-data/national-time.txt ./build/reachmap run \
      "$set_dir/periods.toml" --out build/bench-data/national-periods --threads "$threads" --quiet
    read -r both both_kb < build/bench-data/national-time.txt
    awk -v i="$i" -v a="$year" -v b="$both" -v ak="$year_kb" -v bk="$both_kb" 'BEGIN {
      printf "   pair %d: the year %.1f s, %.2f GiB; with the periods %.1f s, %.2f GiB: %.2f times the year\n",
        i, a, ak / 1048576, b, bk / 1048576, b / a }'
  done
  python3 -c "
import json; t = json.load(open('build/bench-data/national-periods/private/manifest.json'))['timings_seconds']
print('   last run: link attendance %.2f s, measure periods %.2f s' % (t['link attendance'], t['measure periods']))"
fi
