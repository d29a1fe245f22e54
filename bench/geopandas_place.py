"""The same placement as `reachmap place`, done with GeoPandas sjoin, for a side-by-side figure.

    /usr/bin/python3 bench/geopandas_place.py POINTS.csv BOUNDARIES.gpkg ID_FIELD REACHMAP_COUNTS.csv

Reads points (point_id,x,y in EPSG:27700), joins them to the areas with `sjoin(predicate=
"intersects")`, keeps the id that sorts first for points on a shared boundary (reachmap's
rule), and prints timings, points per second and the agreement with reachmap's counts.
Debian: apt-get install python3-geopandas python3-rtree.
"""
import sys
import time

import geopandas as gpd
import pandas as pd


def main():
    points_csv, boundaries, id_field, reachmap_counts = sys.argv[1:5]
    t0 = time.perf_counter()
    df = pd.read_csv(points_csv, float_precision="round_trip")  # exact, like reachmap
    points = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.x, df.y), crs="EPSG:27700")
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    areas = gpd.read_file(boundaries)[[id_field, "geometry"]]
    if areas.crs is None or areas.crs.to_epsg() != 27700:
        areas = areas.to_crs("EPSG:27700")
    areas["geometry"] = areas.geometry.buffer(0)  # repair invalid rings, as reachmap does
    t_areas = time.perf_counter() - t0

    t0 = time.perf_counter()
    joined = gpd.sjoin(points, areas, how="left", predicate="intersects")
    first = joined.groupby(level=0)[id_field].min()
    t_join = time.perf_counter() - t0

    counts = first.value_counts()
    ours = pd.read_csv(reachmap_counts).set_index("area_id")["count"]
    theirs = counts.reindex(ours.index, fill_value=0)
    agree = int((theirs == ours).sum())
    n = len(df)
    print(f"geopandas {gpd.__version__}: read points {t_read:.2f} s, read+repair areas "
          f"{t_areas:.2f} s, sjoin {t_join:.2f} s ({n / t_join:,.0f} points/s, 1 thread)")
    print(f"geopandas: {int(first.isna().sum())} outside; per-area counts equal to reachmap's "
          f"in {agree} of {len(ours)} areas")


if __name__ == "__main__":
    main()
