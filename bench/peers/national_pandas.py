"""The counting part of `reachmap run` on the national synthetic set, done the fast way pandas
offers, for a side-by-side figure (bench/national.sh runs it after reachmap).

    /usr/bin/python3 bench/peers/national_pandas.py SET_FOLDER OUT_FOLDER

What it does (and reachmap does too, among much else): reads the postcode directory,
registrations and attendance (only the columns needed, with their types given, the C parser);
places each registered child in its area by the directory's area code; keeps contacts in the
run's period from registered children; collapses duplicate contacts (same child, date, centre
and service); counts per area the registered children, the children seen, those seen at least
3 times (sustained) and the contacts; per centre the contacts and the children seen; and
writes both tables. What it leaves out: every check of the inputs (UTF-8, dates, postcodes, each
rejected row accounted for), populations and rates, deprivation, statistics, disclosure
control, maps, the report, the workbook and the outreach pack.
Debian: apt-get install python3-pandas.
"""
import sys
import time

import pandas as pd

FROM, TO = "2025-04-01", "2026-03-31"
SUSTAINED = 3


def main():
    folder, out = sys.argv[1:3]
    t0 = time.perf_counter()
    directory = pd.read_csv(f"{folder}/postcodes.csv", usecols=["pcds", "area_id"],
                            dtype={"pcds": str, "area_id": "category"})
    children = pd.read_csv(f"{folder}/registrations.csv", usecols=["child_id", "postcode"],
                           dtype=str)
    children = children.merge(directory, left_on="postcode", right_on="pcds", how="left")
    children = children.drop_duplicates("child_id")
    t_reg = time.perf_counter()

    # Every column as categories: every later step works on their integer codes.
    contacts = pd.read_csv(f"{folder}/attendance.csv",
                           usecols=["child_id", "date", "centre_id", "service"],
                           dtype="category")
    t_read = time.perf_counter()
    days = contacts["date"].cat.categories
    in_period = ((days >= FROM) & (days <= TO))[contacts["date"].cat.codes.to_numpy()]
    contacts = contacts[in_period]
    contacts = contacts.drop_duplicates(["child_id", "date", "centre_id", "service"])
    area_of_child = children.set_index("child_id")["area_id"]
    contacts = contacts[contacts["child_id"].map(area_of_child).notna()]  # registered children

    per_child = contacts.groupby("child_id", observed=True).size()
    children["contacts"] = children["child_id"].map(per_child).fillna(0).astype("int64")
    children["seen"] = children["contacts"] > 0
    children["sustained"] = children["contacts"] >= SUSTAINED
    areas = children.groupby("area_id", observed=True).agg(
        registered=("child_id", "size"), seen=("seen", "sum"), sustained=("sustained", "sum"),
        contacts=("contacts", "sum"))
    centres = pd.DataFrame({
        "contacts": contacts.groupby("centre_id", observed=True).size(),
        "children": contacts.drop_duplicates(["centre_id", "child_id"])
                            .groupby("centre_id", observed=True).size()})
    t_count = time.perf_counter()

    areas.to_csv(f"{out}/areas_pandas.csv")
    centres.to_csv(f"{out}/centres_pandas.csv")
    t_write = time.perf_counter()
    print(f"pandas {pd.__version__}: registrations and directory {t_reg - t0:.2f} s, "
          f"read attendance {t_read - t_reg:.2f} s ({len(contacts):,} distinct contacts kept), "
          f"count {t_count - t_read:.2f} s, write {t_write - t_count:.2f} s; "
          f"{len(areas):,} areas, {len(centres):,} centres")


if __name__ == "__main__":
    main()
