# Sourced by the placement benchmarks with $count set: the national LSOAs converted once to
# British National Grid ($lsoas; ogr2ogr -t_srs EPSG:27700, so no run transforms them and points
# on vertices stay on vertices) and $count points drawn in them by reachmap-bench-make-points
# ($points), both kept in $work = build/bench-data between runs.
data="${REACHMAP_SHARED_DATA:-../shared/data}"
work="build/bench-data"
mkdir -p "$work"
lsoas="$work/lsoa11_ew_bng.gpkg"
[ -s "$lsoas" ] || ogr2ogr -t_srs EPSG:27700 -nln lsoa11 "$lsoas" "$data/boundaries/lsoa11_ew_bgc.gpkg"
points="$work/points_$count.csv"
[ -s "$points" ] || ./build/bench/reachmap-bench-make-points "$points" "$count" "$lsoas"
