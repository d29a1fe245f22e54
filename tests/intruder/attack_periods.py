#!/usr/bin/env python3
"""Intruder attack on [run] periods: what the public tables of several periods say together.

    /usr/bin/python3 tests/intruder/attack_periods.py OUT_DIR [--json report.json]

attack.py attacks one period's tables (the run's own) with every relation and statistic of
them; each of [run] periods is protected by the same code. What is new with periods are the
routes across them, which this intruder writes down as a linear programme with the routes
within each period that tie areas together:

- the same days: every count the same (a period of the run's own days, or two named alike);
- the same last day (the last quarter and the year): registered counts equal, and the shorter
  period's seen counts at most the longer's (the same children count in both);
- periods tiling another (four quarters and their year): each birth cohort's count the sum of
  its tiles' (the intruder assumes nobody was registered late: the strongest guess);
- within each period and table: sustained <= seen <= registered, a group's <= its whole, each
  locality the sum of its neighbourhoods (the demo's lookup, public geography), each centre's
  reach area the sum of its neighbourhoods (its reach_nbhds), and the bands as bounds.

Every hidden count is an unknown; each one whose truth is 1-4 must still be able to be 0 or
5+, and no other hidden count may be pinned. Scored against OUT_DIR/private/ after the attack.
Exit 1 when a count is recovered or narrowed inside 1..4, 0 when none is, 2 on an error.
Needs numpy and scipy (HiGHS through scipy.optimize.linprog).
"""
import argparse
import csv
import json
import os
import sys
from datetime import date, timedelta

try:
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, vstack
except ImportError as e:
    print("attack_periods.py needs numpy and scipy: run it with /usr/bin/python3 (%s)" % e,
          file=sys.stderr)
    sys.exit(2)

BIG = 10**6
SKIP_END = ("_low", "_high", "_band", "_share", "_population", "_estimated")


def is_count(name):
    """A count of children as the tables name them (not a rate, share, band or bound)."""
    if name.endswith(SKIP_END) or "_reach" in name or "unreached" in name:
        return False
    return name.startswith(("seen_", "registered_", "sustained_", "known_", "reach_area_",
                            "turned_", "never_seen")) or name in ("children",)


def is_registered(name):
    return "registered" in name or name in ("known_children", "known_not_registered")


COHORTS = ("turned_5_children", "never_seen_by_5", "turned_1_children", "seen_before_1")


def is_cohort(name):
    return name in COHORTS or name in ["reach_area_" + c for c in COHORTS]


def row_id(row):
    return row.get("area_id", row.get("centre_id"))


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def parse_band(text):
    if not text or "-" not in text:
        return None
    lo, hi = text.split("-", 1)
    try:
        return float(lo), float(hi)
    except ValueError:
        return None


def day(text):
    return date.fromisoformat(text)


class Model:
    def __init__(self):
        self.var = {}      # key -> index
        self.lo, self.hi, self.truth = [], [], []
        self.rows = []     # (terms [(index or None, coef, const)], lo, hi)

    def cell(self, key, public, band, truth):
        """A cell as a term: (index, None) for an unknown, (None, value) for a published one."""
        if public != "":
            return None, float(public)
        if key not in self.var:
            self.var[key] = len(self.lo)
            lo, hi = band if band else (0.0, BIG)
            self.lo.append(lo)
            self.hi.append(hi)
            self.truth.append(truth)
        return self.var[key], None

    def add(self, terms, lo, hi):
        """lo <= sum(coef * cell) <= hi, cells from cell()."""
        const, lin = 0.0, []
        for (i, v), coef in terms:
            if i is None:
                const += coef * v
            else:
                lin.append((i, coef))
        if lin:
            self.rows.append((lin, lo - const, hi - const))


def load(out):
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    layers = [name for name in manifest["layers"]]
    nodes = []  # (label, from, to, {table: (public rows, private rows)})
    run = manifest["period"] if "period" in manifest else None
    tables = ["indicators_" + l for l in layers] + ["centres"]
    own = {}
    for t in tables:
        pub = os.path.join(out, t + ".csv")
        if os.path.exists(pub):
            own[t] = (read(pub), read(os.path.join(out, "private", t + ".csv")))
    frm, to = run["from"], run["to"]
    nodes.append(("run", day(frm), day(to), own))
    by_label = {}
    for t in tables:
        pub = os.path.join(out, t + "_by_period.csv")
        if not os.path.exists(pub):
            continue
        priv = read(os.path.join(out, "private", t + "_by_period.csv"))
        for p, q in zip(read(pub), priv):
            by_label.setdefault(p["period"], {}).setdefault(t, ([], []))
            by_label[p["period"]][t][0].append(p)
            by_label[p["period"]][t][1].append(q)
    for label, tabs in by_label.items():
        a, b = label.split("..")
        nodes.append((label, day(a), day(b), tabs))
    return manifest, layers, nodes


def lookups(config_dir):
    """The demo's public geography: locality -> neighbourhoods, centre -> reach neighbourhoods."""
    loc, reach = {}, {}
    path = os.path.join(config_dir, "localities.csv")
    if os.path.exists(path):
        for r in read(path):
            loc.setdefault(r["locality_cd"], []).append(r["nbhd_cd"])
    path = os.path.join(config_dir, "centres.csv")
    if os.path.exists(path):
        for r in read(path):
            if r.get("reach_nbhds"):
                reach[r["centre_id"]] = r["reach_nbhds"].split(";")
    return loc, reach


def build(layers, nodes, loc, reach):
    m = Model()

    def term(n, table, r, col):
        pub, priv = nodes[n][3][table]
        row = pub[r]
        band = parse_band(row.get(col + "_band", ""))
        truth = float(priv[r][col]) if priv[r][col] != "" else 0.0
        return m.cell((n, table, r, col), row[col], band, truth)

    def ids(n, table):
        return {row_id(row): r for r, row in enumerate(nodes[n][3][table][0])}

    orders = [("sustained_children", "seen_children"), ("seen_children", "registered_children"),
              ("known_seen", "known_registered"), ("known_registered", "known_children"),
              ("reach_area_sustained", "reach_area_seen"),
              ("reach_area_seen", "reach_area_registered"),
              ("never_seen_by_5", "turned_5_children"), ("seen_before_1", "turned_1_children")]
    for n, (_, _, _, tabs) in enumerate(nodes):
        for table, (pub, _) in tabs.items():
            cols = [c for c in pub[0] if is_count(c)] if pub else []
            pairs = [(a, b) for a, b in orders if a in cols and b in cols]
            for c in cols:  # a group's seen <= its registered
                if c.startswith("seen_") and "registered_" + c[5:] in cols:
                    pairs.append((c, "registered_" + c[5:]))
            for r in range(len(pub)):
                for a, b in pairs:
                    m.add([(term(n, table, r, a), 1), (term(n, table, r, b), -1)], -BIG, 0)
        # each locality the sum of its neighbourhoods, each reach area the sum of its own
        if "indicators_neighbourhood" in tabs:
            nb = ids(n, "indicators_neighbourhood")
            fine = tabs["indicators_neighbourhood"][0]
            cols = [c for c in fine[0] if is_count(c)]
            if "indicators_locality" in tabs:
                for code, r in ids(n, "indicators_locality").items():
                    parts = [nb[x] for x in loc.get(code, []) if x in nb]
                    if not parts:
                        continue
                    for c in cols:
                        if c in tabs["indicators_locality"][0][r]:
                            m.add([(term(n, "indicators_locality", r, c), 1)] +
                                  [(term(n, "indicators_neighbourhood", p, c), -1) for p in parts],
                                  0, 0)
            if "centres" in tabs:
                for cid, r in ids(n, "centres").items():
                    parts = [nb[x] for x in reach.get(cid, []) if x in nb]
                    if not parts:
                        continue
                    for total, part in (("reach_area_registered", "registered_children"),
                                        ("reach_area_seen", "seen_children"),
                                        ("reach_area_sustained", "sustained_children")):
                        if total in tabs["centres"][0][r] and part in cols:
                            m.add([(term(n, "centres", r, total), 1)] +
                                  [(term(n, "indicators_neighbourhood", p, part), -1)
                                   for p in parts], 0, 0)
    # across periods
    for x in range(len(nodes)):
        for y in range(len(nodes)):
            _, xf, xt, xt_ = nodes[x]
            _, yf, yt, yt_ = nodes[y]
            if x == y or xt != yt or xf < yf or (xf == yf and x > y):
                continue
            same = xf == yf
            for table in xt_:
                if table not in yt_:
                    continue
                yi = ids(y, table)
                for r, row in enumerate(xt_[table][0]):
                    ry = yi.get(row_id(row))
                    if ry is None:
                        continue
                    for c in row:
                        if not is_count(c) or c not in yt_[table][0][ry]:
                            continue
                        a, b = term(x, table, r, c), term(y, table, ry, c)
                        if same or is_registered(c):
                            m.add([(a, 1), (b, -1)], 0, 0)
                        elif c != "reach_area_seen_only_elsewhere":
                            m.add([(a, 1), (b, -1)], -BIG, 0)
    for w in range(len(nodes)):
        _, wf, wt, wtabs = nodes[w]
        inside = sorted((nodes[t][1], t) for t in range(len(nodes))
                        if t != w and nodes[t][1] >= wf and nodes[t][2] <= wt and
                        not (nodes[t][1] == wf and nodes[t][2] == wt))
        nxt, tiles = wf, []
        for start, t in inside:
            if start != nxt:
                tiles = []
                break
            tiles.append(t)
            nxt = nodes[t][2] + timedelta(days=1)
        if len(tiles) < 2 or nxt != wt + timedelta(days=1):
            continue
        for table, (pub, _) in wtabs.items():
            for r, row in enumerate(pub):
                for c in row:
                    if is_count(c) and is_cohort(c) and all(
                            table in nodes[t][3] and r < len(nodes[t][3][table][0]) and
                            c in nodes[t][3][table][0][r] for t in tiles):
                        m.add([(term(w, table, r, c), 1)] +
                              [(term(t, table, r, c), -1) for t in tiles], 0, 0)
    return m


def solve(m):
    """Each unknown's verdict: protected when it can reach its down or its up."""
    n = len(m.lo)
    if n == 0:
        return []
    rows, cols, vals, lo, hi = [], [], [], [], []
    for k, (lin, l, h) in enumerate(m.rows):
        for i, c in lin:
            rows.append(k), cols.append(i), vals.append(c)
        lo.append(l), hi.append(h)
    A = coo_matrix((vals, (rows, cols)), shape=(len(m.rows), n)).tocsr()
    # components: unknowns linked by a row
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for lin, _, _ in m.rows:
        for i, _ in lin[1:]:
            a, b = root(lin[0][0]), root(i)
            if a != b:
                parent[a] = b
    comps = {}
    for i in range(n):
        comps.setdefault(root(i), []).append(i)
    truth = np.array(m.truth)
    small = (truth >= 1) & (truth <= 4)
    down = np.where(small, 0.0, truth - 1)
    up = np.where(small, 5.0, truth + 1)
    verdict = [None] * n
    rows_of = [[] for _ in range(n)]
    for k, (lin, _, _) in enumerate(m.rows):
        rows_of[root(lin[0][0])].append(k)
    lo_a, hi_a = np.array(lo), np.array(hi)
    for rt, members in comps.items():
        ks = rows_of[rt]
        sub = A[ks][:, members] if ks else None
        bounds = [(m.lo[i], m.hi[i]) for i in members]
        idx = {v: j for j, v in enumerate(members)}
        open_down, open_up = set(members), set(members)

        def lp(c):
            if sub is None:
                x = np.array([b[0] if c[j] > 0 else b[1] for j, b in enumerate(bounds)])
                return x
            A_ub = vstack([sub, -sub]).tocsr()
            b_ub = np.concatenate([hi_a[ks], -lo_a[ks]])
            finite = np.isfinite(b_ub)
            res = linprog(c, A_ub=A_ub[finite], b_ub=b_ub[finite], bounds=bounds, method="highs")
            return res.x if res.status == 0 else None
        for target, open_set, sign in ((down, open_down, 1.0), (up, open_up, -1.0)):
            while open_set:
                c = np.zeros(len(members))
                for i in open_set:
                    c[idx[i]] = sign
                x = lp(c)
                if x is None:
                    break
                reached = {i for i in open_set
                           if (sign > 0 and x[idx[i]] <= target[i] + 1e-6) or
                           (sign < 0 and x[idx[i]] >= target[i] - 1e-6)}
                if not reached:
                    # one at a time: the sum may trade one unknown against another
                    for i in sorted(open_set):
                        c = np.zeros(len(members))
                        c[idx[i]] = sign
                        x = lp(c)
                        if x is not None and ((sign > 0 and x[idx[i]] <= target[i] + 1e-6) or
                                              (sign < 0 and x[idx[i]] >= target[i] - 1e-6)):
                            reached.add(i)
                    open_set -= reached
                    break
                open_set -= reached
        for i in members:
            verdict[i] = not (i in open_down and i in open_up)
    return verdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--json")
    ap.add_argument("--config-dir", help="the demo's data folder (localities.csv, centres.csv)")
    args = ap.parse_args()
    manifest, layers, nodes = load(args.out)
    config_dir = args.config_dir or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "..", "..", "data", "demo")
    loc, reach = lookups(config_dir)
    m = build(layers, nodes, loc, reach)
    verdict = solve(m)
    keys = sorted(m.var, key=m.var.get)
    leaks = [(k, m.truth[m.var[k]]) for k in keys if not verdict[m.var[k]]]
    report = {"periods": len(nodes) - 1, "unknowns": len(keys), "rows": len(m.rows),
              "small_hidden": int(sum(1 for t in m.truth if 1 <= t <= 4)),
              "leaks": [{"period": nodes[k[0]][0], "table": k[1], "row": k[2], "column": k[3],
                         "truth": t} for k, t in leaks[:50]], "leak_count": len(leaks)}
    if args.json:
        json.dump(report, open(args.json, "w"), indent=1)
    print("periods intruder: %d periods, %d hidden counts (%d of 1-4), %d relations: "
          "%d recovered or narrowed" % (report["periods"], len(keys), report["small_hidden"],
                                        len(m.rows), len(leaks)))
    for l in report["leaks"][:10]:
        print("  %(period)s %(table)s row %(row)d %(column)s (truth %(truth)g)" % l)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
