#!/usr/bin/env python3
"""Intruder attack on reachmap's public outputs.

    /usr/bin/python3 tests/intruder/attack.py OUT_DIR [--json report.json] [--routes ...]

Reads only the public files of a finished output folder (everything but private/), tries to
recover every hidden count exactly or to narrow it, then scores the result against
OUT_DIR/private/ (read only by the scorer, after the attack). Exit 1 when a hidden count is
recovered exactly or a true count of 1-4 is narrowed to an interval inside 1..4, else 0.
Under [privacy] rule = "round" or "perturb" (read from manifest.json) nothing is hidden but
every published count is uncertain: every count cell is an unknown bounded by what the rule
leaves it, and every cell is scored.
Needs numpy and scipy >= 1.9 (scipy.optimize.milp). See README.md beside this file.
"""
import argparse
import csv
import hashlib
import io
import json
import itertools
import math
import os
import re
import sqlite3
import struct
import sys
import time

try:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix
except ImportError as e:  # the pyenv python3 has no scipy
    print("attack.py needs numpy and scipy >= 1.9 (scipy.optimize.milp): run it with "
          "/usr/bin/python3 (%s)" % e, file=sys.stderr)
    sys.exit(2)

BIG = 10**7
Z95 = 1.959963984540054
Z998 = 3.090232306167813
GAP_SCALE = 3.090232306167813
ROUTES = ["sums", "nesting", "eb", "regression", "gistar", "priority", "funnel", "carers"]
TOL = 1e-6


# ----------------------------------------------------------------------------- reading
def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def num(s):
    if s is None or s == "":
        return None
    try:
        return float(s)
    except ValueError:
        return None


def parse_band(s):
    m = re.fullmatch(r"(\d+)-(\d+)", s or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


KNOWN = ["known_children", "known_registered", "known_seen", "known_not_registered"]
# [run] never_seen_by_5, seen_before_1: each measure's children are some of its cohort's
COHORTS = ["turned_5_children", "never_seen_by_5", "turned_1_children", "seen_before_1"]
AREA_COUNTS = ["registered_children", "seen_children", "sustained_children", "unreached_children"]
CENTRE_COUNTS = ["seen_children", "reach_area_registered", "reach_area_seen",
                 "reach_area_sustained", "reach_area_unreached", "seen_here_in_reach_area",
                 "seen_here_outside_reach_area", "reach_area_seen_only_elsewhere", "seen_with_father",
                 "reach_area_turned_5_children", "reach_area_never_seen_by_5",
                 "reach_area_turned_1_children", "reach_area_seen_before_1"]
CARERS_COUNTS = ["contacts", "children"]


GROUPS_COUNTS = ["registered_children", "seen_children", "group_registered", "group_seen",
                 "others_registered", "others_seen"]


def interval_of(c, cols):
    """c is the low or high end of another column's interval (seen_with_father_share_low)."""
    mm = re.fullmatch(r"(.+)_(low|high)", c)
    return bool(mm) and mm.group(1) in cols


def count_columns(kind, cols):
    """The count columns of a public table (the column reference of `reachmap columns`)."""
    if kind == "centres":
        return [c for c in cols if c in CENTRE_COUNTS or re.fullmatch(r"seen_(inside|outside)_.+", c)
                and not c.endswith("_share") or ra_group_of(c)]
    if kind == "equity":
        return [c for c in cols if c in AREA_COUNTS or c in COHORTS]
    if kind == "groups":
        return [c for c in cols if c in GROUPS_COUNTS]
    if kind == "carers":
        return [c for c in cols if c in CARERS_COUNTS]
    out = [c for c in cols if c in AREA_COUNTS or c in KNOWN or c in COHORTS]
    for c in cols:  # target groups: registered_<group>, seen_<group>; seen_with_father
        # (not its share and interval: seen_with_father_share, _low, _high)
        if re.fullmatch(r"(registered|seen)_.+", c) and c not in out and "reach" not in c \
                and not c.startswith("seen_before_1") and not c.endswith("_band") and c not in ("seen_children_low", "seen_children_high") \
                and not c.endswith("_share") and not interval_of(c, cols):
            out.append(c)
    return out


class Rule:
    """What a published count says of the true one, from the manifest's "privacy" object.

    suppress: a published count is the true count; a blank is unknown (its band bounds it).
    round (base b): the true counts t with round-half-up(t / b) * b = p, t >= 0 (for b = 5:
      p-2..p+2; a published 0 is a true 0, 1 or 2).
    perturb (cell key method, max_perturbation D, small_counts js): the true counts t that the
      perturbation table can move to p. Its support, from the README's definition of the table
      ("for each count i, a distribution over the perturbations -D to D that never makes a count
      negative or 1 to js, has mean 0"; zeros stay zero): the values i+v, |v| <= D, not negative,
      not 1..js, and only i itself when no move both ways is left (mean 0; "3 stays 3" under the
      defaults). With --perturb-support interval: only t in [p-D, p+D], t >= 0, t >= 1 when
      p > 0 (zeros stay zero)."""

    def __init__(self, manifest, support="readme"):
        p = manifest.get("privacy") or {}
        self.name = p.get("rule", "suppress")
        self.base = int(p.get("base", 5) or 5)
        self.D = int(p.get("max_perturbation", 2) or 0)
        self.js = int(p.get("small_counts_never_shown", p.get("small_counts", 2)) or 0)
        self.support_mode = support
        self.stated = {k: v for k, v in p.items() if k not in ("description", "audit")}

    def uncertain(self):
        return self.name in ("round", "perturb")

    def rounds(self, t):
        return int(math.floor(t / self.base + 0.5)) * self.base

    def support(self, t):
        """Values a true count t can be published as (perturb)."""
        if t == 0:
            return {0}
        ok = [t + v for v in range(-self.D, self.D + 1) if t + v >= 0 and not 1 <= t + v <= self.js]
        if self.support_mode == "readme" and t in ok and \
                not (any(x < t for x in ok) and any(x > t for x in ok)):
            return {t}
        return set(ok)

    def true_values(self, p):
        """(lo, hi, the values in between that can be true or None when all can) of a published p."""
        p = int(round(p))
        if self.name == "round":
            b = self.base
            lo, hi = max(0, math.ceil(p - b / 2)), math.ceil(p + b / 2) - 1
            return lo, hi, None
        if self.name == "perturb":
            cand = range(max(0, p - self.D), p + self.D + 1)
            if self.support_mode == "interval":
                vals = [t for t in cand if (t >= 1) == (p >= 1) or p == 0]
            else:
                vals = [t for t in cand if p in self.support(t)]
            if not vals:
                return None
            lo, hi = min(vals), max(vals)
            return lo, hi, (set(vals) if len(vals) != hi - lo + 1 else None)
        return p, p, None


def ra_group_of(c):
    """A target group's count in a centre's reach area: reach_area_(registered|seen)_<group>."""
    m = re.fullmatch(r"reach_area_(registered|seen)_(.+)", c)
    if m and not c.endswith("_band") and m.group(2) not in ("only_elsewhere", "before_1"):
        return m.group(2)
    return None


def group_of(c):
    m = re.fullmatch(r"(registered|seen)_(.+)", c)
    if m and m.group(2) not in ("children", "before_1"):
        return m.group(2)
    return None


class Public:
    def __init__(self, out, support="readme"):
        self.out = out
        self.manifest = json.load(open(os.path.join(out, "manifest.json")))
        self.rule = Rule(self.manifest, support)
        self.tables = {}   # name -> (kind, layer, cols, rows)
        for fn in sorted(os.listdir(out)):
            m = re.fullmatch(r"(indicators|equity|groups)_(.+)\.csv", fn)
            if m:
                cols, rows = read_csv(os.path.join(out, fn))
                self.tables[fn[:-4]] = (m.group(1), m.group(2), cols, rows)
        if os.path.exists(os.path.join(out, "centres.csv")):
            cols, rows = read_csv(os.path.join(out, "centres.csv"))
            self.tables["centres"] = ("centres", None, cols, rows)
        if os.path.exists(os.path.join(out, "carers_by_week.csv")):
            cols, rows = read_csv(os.path.join(out, "carers_by_week.csv"))
            self.tables["carers_by_week"] = ("carers", None, cols, rows)
        self.layers = [t[1] for t in self.tables.values() if t[0] == "indicators"]
        self.gpkg = os.path.join(out, "reachmap.gpkg")


# ----------------------------------------------------------------------------- geometry
def gpkg_rings(blob):
    """Rings (lists of (x, y)) of a GeoPackage geometry blob (Polygon / MultiPolygon, 2D/Z/M)."""
    flags = blob[3]
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    buf = memoryview(blob)[8 + env:]
    rings = []

    def geom(off):
        bo = "<" if buf[off] == 1 else ">"
        (t,) = struct.unpack_from(bo + "I", buf, off + 1)
        off += 5
        dims = 2
        if t & 0x80000000 or t & 0x40000000:  # EWKB flags
            dims += bool(t & 0x80000000) + bool(t & 0x40000000)
            t &= 0xFFFF
        if t > 1000:
            dims += {1: 1, 2: 1, 3: 2}[t // 1000]
            t %= 1000
        if t == 3:
            (nr,) = struct.unpack_from(bo + "I", buf, off)
            off += 4
            for _ in range(nr):
                (npts,) = struct.unpack_from(bo + "I", buf, off)
                off += 4
                a = np.frombuffer(buf[off:off + 8 * dims * npts], dtype=bo + "f8").reshape(npts, dims)
                rings.append(a[:, :2].copy())
                off += 8 * dims * npts
        elif t in (6, 7):
            (ng,) = struct.unpack_from(bo + "I", buf, off)
            off += 4
            for _ in range(ng):
                off = geom(off)
        else:
            raise ValueError("geometry type %d" % t)
        return off

    geom(0)
    return rings


def queen_neighbours(polys, snap, queen=True):
    """engine/stats/weights.cpp contiguity(): vertices within `snap` are shared."""
    cell = max(snap, 1e-9)
    grid = {}
    distinct = []
    for p, rings in enumerate(polys):
        pts = set()
        for r in rings:
            for x, y in (r[:-1] if len(r) > 1 else r):
                grid.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append((x, y, p))
                pts.add((x, y))
        distinct.append(pts)
    nb = [set() for _ in polys]
    for p, pts in enumerate(distinct):
        shared = {}
        for x, y in pts:
            cx, cy = math.floor(x / cell), math.floor(y / cell)
            touching = set()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for ux, uy, q in grid.get((cx + dx, cy + dy), ()):
                        if q != p and math.hypot(ux - x, uy - y) <= snap:
                            touching.add(q)
            for q in touching:
                shared[q] = shared.get(q, 0) + 1
        nb[p] = {q for q, n in shared.items() if n >= (1 if queen else 2)}
    for p in range(len(nb)):
        for q in list(nb[p]):
            nb[q].add(p)
    return [sorted(s) for s in nb]


def inside(points, ring):
    """Even-odd test of many points against one ring."""
    x, y = points[:, 0][:, None], points[:, 1][:, None]
    x1, y1 = ring[:-1, 0][None, :], ring[:-1, 1][None, :]
    x2, y2 = ring[1:, 0][None, :], ring[1:, 1][None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = ((y1 > y) != (y2 > y)) & (x < (x2 - x1) * (y - y1) / (y2 - y1) + x1)
    return np.count_nonzero(cross, axis=1) % 2 == 1


def in_poly(points, rings):
    if len(points) == 0:
        return np.zeros(0, bool)
    res = np.zeros(len(points), bool)
    for r in rings:
        res ^= inside(points, r)
    return res


def overlaps(fine, coarse, tol=1.0):
    """For each fine area, the coarse areas it may share children with: those holding one of
    its vertices (farther than `tol` from their boundary vertices) or with a vertex inside it;
    every coarse area near it when that finds none (over-inclusive is safe)."""
    fb = [(np.vstack(r).min(0), np.vstack(r).max(0)) for r in fine]
    cb = [(np.vstack(r).min(0), np.vstack(r).max(0)) for r in coarse]
    cverts = [np.unique(np.vstack([x[:-1] for x in r]), axis=0) for r in coarse]
    out = []
    for n, rings in enumerate(fine):
        pts = np.unique(np.vstack([x[:-1] for x in rings]), axis=0)
        found = set()
        near = []
        for w, crings in enumerate(coarse):
            if (fb[n][1] < cb[w][0] - tol).any() or (fb[n][0] > cb[w][1] + tol).any():
                continue
            near.append(w)
            sel = pts[((pts >= cb[w][0]) & (pts <= cb[w][1])).all(1)]
            if len(sel):
                # away from the coarse boundary's vertices (shared boundaries are not decisive)
                d = np.min(np.hypot(sel[:, None, 0] - cverts[w][None, :, 0],
                                    sel[:, None, 1] - cverts[w][None, :, 1]), axis=1) if len(sel) * len(cverts[w]) < 4e7 else np.full(len(sel), np.inf)
                if in_poly(sel[d > tol], crings).any():
                    found.add(w)
                    continue
            cv = cverts[w][((cverts[w] >= fb[n][0]) & (cverts[w] <= fb[n][1])).all(1)]
            if len(cv):
                d = np.min(np.hypot(cv[:, None, 0] - pts[None, :, 0], cv[:, None, 1] - pts[None, :, 1]), axis=1) \
                    if len(cv) * len(pts) < 4e7 else np.full(len(cv), np.inf)
                if in_poly(cv[d > tol], rings).any():
                    found.add(w)
        out.append(sorted(found) if found else near)
    return out


# ----------------------------------------------------------------------------- the model
class Model:
    """Integer unknowns (hidden counts) and the relations between them, each with a route tag."""

    def __init__(self):
        self.keys = []          # (table, row, column)
        self.index = {}
        self.lo, self.hi = [], []
        self.lin = []           # (tag, {var: coef}, lo, hi, note)
        self.sep = []           # (tag, {var: {value: coef}}, lo, hi, note)
        self.dom = []           # (tag, var, set of values)
        self.bound = []         # (tag, var, lo, hi)
        self.notes = {}         # tag -> [str]
        self.aux = set()        # helper unknowns (splits of an area between coarser areas)

    def var(self, key, lo=0, hi=BIG):
        if key not in self.index:
            self.index[key] = len(self.keys)
            self.keys.append(key)
            self.lo.append(lo)
            self.hi.append(hi)
        return self.index[key]

    def note(self, tag, text):
        self.notes.setdefault(tag, []).append(text)

    def add(self, tag, terms, lo, hi, note=""):
        """terms: list of (coef, value-or-var) where a var is ('v', i); constants move across."""
        coef, const = {}, 0.0
        for c, t in terms:
            if isinstance(t, tuple):
                coef[t[1]] = coef.get(t[1], 0) + c
            else:
                const += c * t
        coef = {k: v for k, v in coef.items() if v != 0}
        if not coef:
            return
        self.lin.append((tag, coef, lo - const, hi - const, note))


def cell_term(model, values, key):
    v = values.get(key)
    if v is None:
        return ("v", model.index[key])
    return v


DERIVED = [("unreached_children", "seen_children", "under5_population"),
           ("reach_area_unreached", "reach_area_seen", "reach_area_under5_population")]


class Attack:
    def __init__(self, pub, routes, derived="auto"):
        self.pub = pub
        self.routes = routes
        self.m = Model()
        self.values = {}   # (table,row,col) -> published number (None: hidden, or under round
        #                    and perturb every count: its true value is an unknown)
        self.published = {}  # (table,row,col) -> the published number (None: blank)
        self.rule = pub.rule
        self.derived_opt = derived
        self.derived_mode = {}   # unreached column -> "protected" | "recomputed"
        self.countcols = {}
        self.found = {}    # per route: findings in words
        self.params = {}   # per layer: m, a, beta, ...
        self.hash_result = None
        # [centres] setting_type, as the manifest states it: each kind's column and whether the
        # headline's seen counts it, and whether every centre seen at has a kind.
        self.settings = pub.manifest.get("settings")

    def setting_relations(self, m, T, K, has):
        """An area's settings: the headline's seen is any setting's (every kind in it), one
        kind's (one kind in it), or at most its kinds' sum; any setting's is at most every kind's
        sum when every centre has a kind; the headline's is at most any setting's."""
        kinds = [t["column"] for t in self.settings["types"] if has("seen_by_" + t["column"])]
        head = [t["column"] for t in self.settings["types"]
                if t.get("in_headline") and has("seen_by_" + t["column"])]
        tk = lambda c: self.t(K(c))
        m.add(T, [(1, tk("seen_children")), (-1, tk("seen_any_setting"))], -BIG, 0)
        # every kind in the headline: seen is any setting's, unless the headline names its
        # kinds and a centre of unknown kind (counted for any setting only) was seen at
        every_listed = self.settings.get("centres_not_listed", 1) == 0
        named = "in_headline only" in self.settings.get("headline", "")
        if len(head) == len(self.settings["types"]) == len(kinds) and (every_listed or not named):
            m.add(T, [(1, tk("seen_children")), (-1, tk("seen_any_setting"))], 0, 0,
                  "every kind in the headline: seen = any setting")
        elif len(head) == 1:
            m.add(T, [(1, tk("seen_children")), (-1, tk("seen_by_" + head[0]))], 0, 0,
                  "one kind in the headline: seen = its kind's")
        elif head:
            m.add(T, [(1, tk("seen_children"))] + [(-1, tk("seen_by_" + k)) for k in head],
                  -BIG, 0, "seen <= the headline kinds' sum")
        if kinds and self.settings.get("centres_not_listed", 1) == 0:
            m.add(T, [(1, tk("seen_any_setting"))] + [(-1, tk("seen_by_" + k)) for k in kinds],
                  -BIG, 0, "any setting <= the kinds' sum")

    # ------------------------------------------------------------------ unknowns
    def detect_derived(self):
        """Under round and perturb: is a published unreached count the protected true one (then
        it bounds the true count, and population - seen = unreached ties it to seen), or
        recomputed from the published population and seen (then it says nothing more)? Decided
        from the public tables alone: recomputed when every row's published value is
        round(max(0, population - published seen)) (under round also rounded to the base)."""
        rule = self.rule
        rnd = lambda x: math.floor(max(0.0, x) + 0.5)
        for u, sn, pc in DERIVED:
            rows_n, f1, f2 = 0, 0, 0
            for name, (kind, layer, cols, rows) in self.pub.tables.items():
                if u not in cols:
                    continue
                for row in rows:
                    pu, ps, pop = num(row.get(u)), num(row.get(sn)), num(row.get(pc))
                    if pu is None or ps is None or pop is None:
                        continue
                    rows_n += 1
                    f1 += pu == rnd(pop - ps)
                    f2 += rule.name == "round" and pu == rule.rounds(rnd(pop - ps))
            if not rows_n:
                continue
            if self.derived_opt != "auto":
                mode = self.derived_opt
            else:
                mode = "recomputed" if max(f1, f2) == rows_n else "protected"
            self.derived_mode[u] = mode
            self.m.note("rule", "%s: %d rows; published = round(population - published seen) in %d%s: "
                        "treated as %s%s" % (
                            u, rows_n, f1, ", and rounded to the base in %d" % f2 if rule.name == "round" else "",
                            mode, " (set by --derived)" if self.derived_opt != "auto" else
                            (" (a function of the published figures: no bound on the true count)"
                             if mode == "recomputed" else " (a protected true count: bounds it)")))

    def build_unknowns(self):
        m = self.m
        rule = self.rule
        if rule.uncertain():
            self.detect_derived()
            m.note("rule", "rule %s %s: every published count of children is an unknown bounded by "
                   "what the rule leaves it" % (rule.name, json.dumps(rule.stated)))
        bad = 0
        for name, (kind, layer, cols, rows) in self.pub.tables.items():
            cc = count_columns(kind, cols)
            self.countcols[name] = cc
            for r, row in enumerate(rows):
                for c in cc:
                    v = num(row.get(c))
                    key = (name, r, c)
                    self.published[key] = v
                    if v is not None and rule.uncertain():
                        self.values[key] = None
                        i = m.var(key)
                        if self.derived_mode.get(c) == "recomputed":
                            continue
                        tv = rule.true_values(v)
                        if tv is None:   # a value the rule never publishes (1..js under perturb)
                            bad += 1
                            continue
                        m.bound.append(("rule", i, tv[0], tv[1]))
                        if tv[2] is not None:
                            m.dom.append(("rule", i, tv[2]))
                        continue
                    if v is None:
                        self.values[key] = None
                        band = parse_band(row.get(c + "_band"))
                        i = m.var(key)
                        if band:
                            m.bound.append(("bands", i, band[0], band[1]))
                    else:
                        self.values[key] = v
        if bad:
            m.note("rule", "%d published counts the rule never publishes (left unbounded)" % bad)

    def upper(self, key):
        """An upper bound of a count known before solving: its published value, else its band
        or the rule's range."""
        if self.values.get(key) is not None:
            return self.values[key]
        i = self.m.index.get(key)
        if i is None:
            return BIG
        if getattr(self, "_upper", None) is None or self._upper[0] != len(self.m.bound):
            ub = {}
            for tag, j, a, b in self.m.bound:
                if tag in ("bands", "rule"):
                    ub[j] = min(ub.get(j, BIG), b)
            self._upper = (len(self.m.bound), ub)
        return min(self.m.hi[i], self._upper[1].get(i, BIG))

    def lower(self, key):
        """A lower bound of a count known before solving: its published value, else its band's
        or the rule's lowest (0 when hidden without one)."""
        if self.values.get(key) is not None:
            return self.values[key]
        i = self.m.index.get(key)
        if i is None:
            return 0
        if getattr(self, "_lower", None) is None or self._lower[0] != len(self.m.bound):
            lb = {}
            for tag, j, a, b in self.m.bound:
                if tag in ("bands", "rule"):
                    lb[j] = max(lb.get(j, 0), a)
            self._lower = (len(self.m.bound), lb)
        return max(self.m.lo[i], self._lower[1].get(i, 0))

    def t(self, key):
        return cell_term(self.m, self.values, key)

    def hidden(self, key):
        return key in self.values and self.values[key] is None

    def derived(self, lo, hi):
        """unreached = round(max(0, population - seen)): its interval from the seen count's."""
        lo, hi = lo.copy(), hi.copy()
        rnd = lambda x: math.floor(max(0.0, x) + 0.5)
        for name, (kind, layer, cols, rows) in self.pub.tables.items():
            for r, row in enumerate(rows):
                for u, sn, pc in DERIVED:
                    key = (name, r, u)
                    if key not in self.m.index or (kind == "centres") != (u.startswith("reach")):
                        continue
                    pop = num(row.get(pc))
                    if pop is None:
                        continue
                    sk = (name, r, sn)
                    if sk in self.m.index:
                        a, b = lo[self.m.index[sk]], hi[self.m.index[sk]]
                    elif self.values.get(sk) is not None:
                        a = b = self.values[sk]
                    else:
                        continue
                    i = self.m.index[key]
                    lo[i] = max(lo[i], rnd(pop - b))
                    hi[i] = min(hi[i], rnd(pop - a))
        return lo, hi

    # ------------------------------------------------------------------ route 6: sums
    def unreached_relation(self, ku, ks, pop, cap):
        """unreached = round(max(0, population - seen)) (halves up; populations may be
        fractional): u + s >= pop - 0.5 always; u + s <= pop + 0.5 when s <= pop. When seen may
        exceed the population (cap > pop), a binary y says which: y = 1 gives u = 0 and
        s >= floor(pop) + 1, y = 0 the upper relation."""
        m, T = self.m, "sums"
        tu, ts = self.t(ku), self.t(ks)
        if not isinstance(tu, tuple) and not isinstance(ts, tuple):
            return
        m.add(T, [(1, tu), (1, ts)], pop - 0.5, BIG, "unreached >= population - seen")
        m.add(T, [(1, tu)], -BIG, math.floor(pop + 0.5), "unreached <= population")
        if cap <= pop:
            m.add(T, [(1, tu), (1, ts)], -BIG, pop + 0.5, "unreached = population - seen")
            return
        y = m.var(("seen above population",) + ku, 0, 1)
        m.aux.add(y)
        M = min(cap, BIG) + math.floor(pop + 0.5) + 1
        m.add(T, [(1, tu), (1, ts), (-M, ("v", y))], -BIG, pop + 0.5, "unreached = population - seen, or")
        m.add(T, [(1, tu), (M, ("v", y))], -BIG, M, "unreached = 0 when seen > population")
        m.add(T, [(1, ts), (-(math.floor(pop) + 1), ("v", y))], 0, BIG, "seen > population")

    def relations_sums(self, nesting=False):
        m, T = self.m, "sums"
        pub = self.pub
        totals = {}
        for name, (kind, layer, cols, rows) in pub.tables.items():
            cc = self.countcols[name]
            for r, row in enumerate(rows):
                K = lambda c: (name, r, c)
                has = lambda c: c in cc
                pop = num(row.get("under5_population"))
                if has("seen_children") and has("unreached_children") and pop is not None:
                    cap = min(self.upper(K("seen_children")), self.upper(K("registered_children"))
                              if has("registered_children") else BIG)
                    self.unreached_relation(K("unreached_children"), K("seen_children"), pop, cap)
                for a, b in [("sustained_children", "seen_children"),
                             ("seen_children", "registered_children"),
                             ("known_seen", "known_registered"),
                             ("known_registered", "known_children"),
                             ("known_not_registered", "known_children"),
                             ("never_seen_by_5", "turned_5_children"),
                             ("seen_before_1", "turned_1_children"),
                             ("turned_1_children", "registered_children"),
                             ("reach_area_never_seen_by_5", "reach_area_turned_5_children"),
                             ("reach_area_seen_before_1", "reach_area_turned_1_children"),
                             ("reach_area_turned_1_children", "reach_area_registered")]:
                    if has(a) and has(b):
                        m.add(T, [(1, self.t(K(a))), (-1, self.t(K(b)))], -BIG, 0, a + " <= " + b)
                if all(has(c) for c in KNOWN):
                    m.add(T, [(1, self.t(K("known_children"))), (-1, self.t(K("known_registered"))),
                              (-1, self.t(K("known_not_registered")))], 0, 0,
                          "known = registered + not registered")
                for c in cc:
                    g = group_of(c)
                    if g and c.startswith("seen_") and has("registered_" + g):
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("registered_" + g)))], -BIG, 0)
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("seen_children")))], -BIG, 0)
                    elif g and c.startswith("seen_") and has("seen_any_setting"):
                        # with kinds of setting, the headline's seen is some kinds' only: a
                        # service's, a kind's, more than one's children are any setting's
                        if c != "seen_any_setting":
                            m.add(T, [(1, self.t(K(c))), (-1, self.t(K("seen_any_setting")))], -BIG, 0)
                    elif g and c.startswith("seen_") and has("seen_children"):
                        # seen at a type of service (seen_<type>) or in a language (seen_in_<code>)
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("seen_children")))], -BIG, 0)
                    if g and c.startswith("registered_"):
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("registered_children")))], -BIG, 0)
                if has("seen_any_setting") and has("seen_children") and self.settings:
                    self.setting_relations(m, T, K, has)
                if kind == "groups":  # the whole is the group and everyone else
                    for whole, g, o in [("registered_children", "group_registered", "others_registered"),
                                        ("seen_children", "group_seen", "others_seen")]:
                        m.add(T, [(1, self.t(K(whole))), (-1, self.t(K(g))), (-1, self.t(K(o)))], 0, 0,
                              "groups: %s = group + others" % whole)
                        m.add(T, [(1, self.t(K(g))), (-1, self.t(K(whole)))], -BIG, 0)
                        m.add(T, [(1, self.t(K(o))), (-1, self.t(K(whole)))], -BIG, 0)
                    for a, b in [("group_seen", "group_registered"), ("others_seen", "others_registered")]:
                        m.add(T, [(1, self.t(K(a))), (-1, self.t(K(b)))], -BIG, 0, a + " <= " + b)
                for c in cc:
                    g = ra_group_of(c)
                    if g and c.startswith("reach_area_seen_") and has("reach_area_registered_" + g):
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("reach_area_registered_" + g)))], -BIG, 0)
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("reach_area_seen")))], -BIG, 0)
                    if g and c.startswith("reach_area_registered_"):
                        m.add(T, [(1, self.t(K(c))), (-1, self.t(K("reach_area_registered")))], -BIG, 0)
                if kind == "centres":
                    if has("seen_here_in_reach_area"):
                        m.add(T, [(1, self.t(K("seen_children"))),
                                  (-1, self.t(K("seen_here_in_reach_area"))),
                                  (-1, self.t(K("seen_here_outside_reach_area")))], 0, 0,
                              "seen here = in + outside reach area")
                        m.add(T, [(1, self.t(K("reach_area_seen"))),
                                  (-1, self.t(K("seen_here_in_reach_area"))),
                                  (-1, self.t(K("reach_area_seen_only_elsewhere")))], 0, 0,
                              "reach area seen = seen here + only elsewhere")
                    for L in pub.layers:
                        if has("seen_inside_" + L):
                            m.add(T, [(1, self.t(K("seen_children"))),
                                      (-1, self.t(K("seen_inside_" + L))),
                                      (-1, self.t(K("seen_outside_" + L)))], 0, 0,
                                  "seen here = inside + outside " + L)
                    rpop = num(row.get("reach_area_under5_population"))
                    if has("reach_area_unreached") and rpop is not None:
                        cap = min(self.upper(K("reach_area_seen")), self.upper(K("reach_area_registered"))
                                  if has("reach_area_registered") else BIG)
                        self.unreached_relation(K("reach_area_unreached"), K("reach_area_seen"), rpop, cap)
            if kind == "indicators":
                totals[layer] = name
        # equity: all areas and decile groups are sums of the layer's areas
        for name, (kind, layer, cols, rows) in pub.tables.items():
            if kind != "equity" or "indicators_" + layer not in pub.tables:
                continue
            ind = "indicators_" + layer
            irows = pub.tables[ind][3]
            for r, row in enumerate(rows):
                if row.get("group") == "all areas":
                    members = list(range(len(irows)))
                else:
                    d = num(row.get("imd_decile"))
                    members = [i for i, x in enumerate(irows) if num(x.get("imd_decile")) == d]
                if num(row.get("areas")) != len(members):
                    m.note(T, "%s row %s: %s areas, %d found; not used" % (name, row.get("group"),
                                                                           row.get("areas"), len(members)))
                    continue
                for c in ("registered_children", "seen_children", "sustained_children", *COHORTS):
                    if c in self.countcols[name] and c in self.countcols[ind]:
                        m.add(T, [(1, self.t((name, r, c)))] +
                              [(-1, self.t((ind, i, c))) for i in members], 0, 0,
                              "equity %s %s" % (row.get("group"), c))
        # target groups: each row's counts are sums over the areas with both populations
        for name, (kind, layer, cols, rows) in pub.tables.items():
            if kind != "groups" or "indicators_" + layer not in pub.tables:
                continue
            ind = "indicators_" + layer
            irows = pub.tables[ind][3]
            for r, row in enumerate(rows):
                g = row.get("target_group")
                d = num(row.get("imd_decile"))
                members = [i for i, x in enumerate(irows)
                           if num(x.get("under5_population")) is not None
                           and num(x.get(g + "_population")) is not None
                           and (d is None or num(x.get("imd_decile")) == d)]
                if num(row.get("areas")) != len(members):
                    m.note(T, "%s row %s %s: %s areas, %d found; not used" % (
                        name, g, row.get("group"), row.get("areas"), len(members)))
                    continue
                for c, ic in [("registered_children", "registered_children"),
                              ("seen_children", "seen_children"),
                              ("group_registered", "registered_" + g), ("group_seen", "seen_" + g)]:
                    if ic in self.countcols[ind]:
                        m.add(T, [(1, self.t((name, r, c)))] +
                              [(-1, self.t((ind, i, ic))) for i in members], 0, 0,
                              "groups %s %s %s" % (g, row.get("group"), c))
        # layers placing every child: their column totals are equal
        lay = self.pub.manifest.get("layers", {})
        names = [totals[L] for L in pub.layers]
        if self.rule.uncertain():
            self.totals_rule(totals)
            names = []
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                Li, Lj = pub.layers[i], pub.layers[j]
                ok = all(lay.get(L, {}).get("children_outside") == 0 for L in (Li, Lj)) and \
                    lay.get(Li, {}).get("children_placed") == lay.get(Lj, {}).get("children_placed")
                if not ok:
                    continue
                a, b = names[i], names[j]
                for c in self.countcols[a]:
                    # the children who turned 5 are placed apart (not counted children): the
                    # manifest's placed and outside say nothing of them
                    if c not in self.countcols[b] or c == "unreached_children" or \
                            c in ("turned_5_children", "never_seen_by_5"):
                        continue
                    na, nb_ = len(pub.tables[a][3]), len(pub.tables[b][3])
                    m.add(T, [(1, self.t((a, r, c))) for r in range(na)] +
                          [(-1, self.t((b, r, c))) for r in range(nb_)], 0, 0,
                          "total %s: %s = %s" % (c, Li, Lj))
        # reach areas: a centre's reach_area_* = sums over the areas in the GeoPackage
        self.reach_relations()
        # a finer layer's areas split between a coarser layer's (GeoPackage geometries)
        try:
            if not nesting:
                return
            self.nesting_relations()
        except Exception as e:
            m.note(T, "nesting not used: %r" % (e,))

    def totals_rule(self, totals):
        """Layer totals under round and perturb: the manifest's children_placed, children_outside
        and children counted are protected counts too (a published 0 outside may be 1 or 2), so
        the layers' totals are not simply equal. For each layer L: sum of registered = placed_L;
        for each count c of registered children (registered, seen, sustained, target groups):
        sum over L's areas of c + c_outside_L = T_c, the same total for every layer (the same
        children with a location), 0 <= c_outside_L <= outside_L (= outside_L for registered);
        T_registered <= counted. The manifest's code_geometry_agreement `compared` (children
        placed by code whose point was checked) is published as it is: placed_L >= compared."""
        m, pub, rule = self.m, self.pub, self.rule
        lay = pub.manifest.get("layers", {})

        def protected(key, p):
            if not isinstance(p, (int, float)) or isinstance(p, bool):
                return None
            tv = rule.true_values(p)
            if tv is None:
                return None
            v = m.var(key, tv[0], tv[1])
            m.aux.add(v)
            if tv[2] is not None:
                m.dom.append(("rule", v, tv[2]))
            return v

        tot = {}
        used = []
        for L in pub.layers:
            name = totals.get(L)
            info = lay.get(L, {})
            P = protected(("manifest", L, "children_placed"), info.get("children_placed"))
            O = protected(("manifest", L, "children_outside"), info.get("children_outside"))
            if name is None or P is None or O is None:
                m.note("sums", "layer %s: children placed / outside not read; its total not used" % L)
                continue
            used.append(L)
            n = len(pub.tables[name][3])
            cc = self.countcols[name]
            m.add("sums", [(1, self.t((name, r, "registered_children"))) for r in range(n)] + [(-1, ("v", P))],
                  0, 0, "%s: sum of registered = children placed" % L)
            cmp_ = (info.get("code_geometry_agreement") or {}).get("compared")
            if isinstance(cmp_, int):
                m.add("sums", [(1, ("v", P))], cmp_, BIG, "%s: children placed >= compared %d" % (L, cmp_))
            for c in cc:
                if c != "registered_children" and c not in ("seen_children", "sustained_children") \
                        and not group_of(c):
                    continue
                if c not in tot:
                    tot[c] = m.var(("total", c))
                    m.aux.add(tot[c])
                if c == "registered_children":
                    oc = ("v", O)
                else:
                    v = m.var(("outside", L, c))
                    m.aux.add(v)
                    m.add("sums", [(1, ("v", v)), (-1, ("v", O))], -BIG, 0)
                    oc = ("v", v)
                m.add("sums", [(1, self.t((name, r, c))) for r in range(n)] + [(1, oc), (-1, ("v", tot[c]))],
                      0, 0, "%s: total %s + outside = all children with a location" % (L, c))
        N = protected(("manifest", "children", "counted"), (pub.manifest.get("children") or {}).get("counted"))
        if N is not None and "registered_children" in tot:
            m.add("sums", [(1, ("v", tot["registered_children"])), (-1, ("v", N))], -BIG, 0,
                  "children with a location <= children counted")
        m.note("sums", "layer totals (round/perturb): layers %s tied through the manifest's protected "
               "placed/outside/counted; known-children counts not tied (no outside count)" % used)

    def nesting_relations(self):
        """Each child of a fine area (placed by its code) whose point lies inside that area is in
        one of the coarse areas the fine one overlaps: coarse count = sum over fine areas of
        their shares + at most K children placed against the geometry (K from the manifest's
        code_geometry_agreement), each share >= 0 and a fine area's shares summing to its count."""
        m, pub = self.m, self.pub
        if self.rule.uncertain():
            m.note("nesting", "not used under round/perturb (its slack comes from the manifest's "
                   "placed counts, protected too)")
            return
        lay = pub.manifest.get("layers", {})
        con = sqlite3.connect(pub.gpkg)
        for F in pub.layers:
            for C in pub.layers:
                fi, ci = "indicators_" + F, "indicators_" + C
                nf, nc = len(pub.tables[fi][3]), len(pub.tables[ci][3])
                if F == C or nf <= nc:
                    continue
                lf, lc = lay.get(F, {}), lay.get(C, {})
                # the same children in both layers: those placed in the fine layer are placed in
                # the coarse one or outside it
                if lf.get("children_outside") != 0 or lf.get("children_placed") is None or \
                        lf.get("children_placed") != (lc.get("children_placed") or 0) + (lc.get("children_outside") or 0):
                    continue
                out_c = lc.get("children_outside") or 0
                agr = lf.get("code_geometry_agreement") or {}
                if lf.get("placement", "").startswith("point in polygon"):
                    K = 0
                elif agr:
                    K = lf["children_placed"] - agr.get("agree", 0)  # points not checked inside their area
                else:
                    continue
                geo_f = dict(con.execute('select area_id, geom from "%s"' % F).fetchall())
                geo_c = dict(con.execute('select area_id, geom from "%s"' % C).fetchall())
                frows, crows = pub.tables[fi][3], pub.tables[ci][3]
                fr = [gpkg_rings(geo_f[r["area_id"]]) for r in frows]
                cr = [gpkg_rings(geo_c[r["area_id"]]) for r in crows]
                over = overlaps(fr, cr)
                # (the children who turned 5 are placed apart: the slack above says nothing of them)
                cols = [c for c in self.countcols[fi] if c in self.countcols[ci] and c not in
                        ("unreached_children", "turned_5_children", "never_seen_by_5")]
                whole = sum(1 for o in over if len(o) == 1)
                m.note("nesting", "%s in %s: %d areas inside one, %d split, up to %d children placed "
                       "against the geometry, %d outside %s" % (F, C, whole, nf - whole, K, out_c, C))
                for c in cols:
                    parts = {w: [] for w in range(nc)}
                    for n, ws in enumerate(over):
                        if len(ws) == 1:
                            parts[ws[0]].append((1, self.t((fi, n, c))))
                            continue
                        ys = []
                        for w in ws:
                            y = m.var(("split", F, n, C, w, c))
                            m.aux.add(y)
                            ys.append((1, ("v", y)))
                            parts[w].append((1, ("v", y)))
                        m.add("nesting", [(-1, self.t((fi, n, c)))] + ys, 0, 0)
                    plus, minus = [], []
                    for w in range(nc):
                        terms = [(-1, self.t((ci, w, c)))] + parts[w]
                        if K > 0:
                            dp = m.var(("slack+", F, C, w, c), 0, K)
                            m.aux.add(dp)
                            terms.append((1, ("v", dp)))
                            plus.append((1, ("v", dp)))
                        if K + out_c > 0:
                            dm = m.var(("slack-", F, C, w, c), 0, K + out_c)
                            m.aux.add(dm)
                            terms.append((-1, ("v", dm)))
                            minus.append((1, ("v", dm)))
                        m.add("nesting", terms, 0, 0, "%s %s of %s = its %s areas" % (C, c, crows[w]["area_id"], F))
                    if plus:
                        m.add("nesting", plus, 0, K)
                    if minus:
                        m.add("nesting", minus, 0, K + out_c)
                        m.add("nesting", minus + [(-1, t) for _, t in plus], 0, out_c)

    def reach_relations(self):
        m, pub = self.m, self.pub
        if "centres" not in pub.tables or not os.path.exists(pub.gpkg):
            return
        src = pub.manifest.get("centres", {}).get("reach_areas", {}).get("source", "")
        mm = re.search(r"layer '([^']+)'", src)
        if not mm or "indicators_" + mm.group(1) not in pub.tables:
            return
        ind = "indicators_" + mm.group(1)
        ids = {row["area_id"]: i for i, row in enumerate(pub.tables[ind][3])}
        con = sqlite3.connect(pub.gpkg)
        try:
            ra = dict(con.execute("select centre_id, area_ids from reach_areas").fetchall())
        except sqlite3.Error:
            return
        crow = pub.tables["centres"][3]
        used = 0
        for r, row in enumerate(crow):
            areas = ra.get(row["centre_id"])
            if not areas:
                continue
            members = [ids[a] for a in areas.split(";") if a in ids]
            if len(members) != len(areas.split(";")):
                continue
            pop = sum(num(pub.tables[ind][3][i]["under5_population"]) or 0 for i in members)
            rp = num(row.get("reach_area_under5_population"))
            if rp is None or abs(pop - rp) > 1e-6:
                m.note("sums", "reach area %s: population %s != %s; not used" % (row["centre_id"], pop, rp))
                continue
            pairs = [("reach_area_registered", "registered_children"),
                     ("reach_area_seen", "seen_children"),
                     ("reach_area_sustained", "sustained_children"),
                     ("reach_area_turned_5_children", "turned_5_children"),
                     ("reach_area_never_seen_by_5", "never_seen_by_5"),
                     ("reach_area_turned_1_children", "turned_1_children"),
                     ("reach_area_seen_before_1", "seen_before_1")]
            for c in self.countcols["centres"]:  # and each target group's
                g = ra_group_of(c)
                if g and c.startswith("reach_area_seen_"):
                    pairs += [(c, "seen_" + g), ("reach_area_registered_" + g, "registered_" + g)]
            for tot, part in pairs:
                if part not in self.countcols[ind] or tot not in self.countcols["centres"]:
                    continue
                m.add("sums", [(1, self.t(("centres", r, tot)))] +
                      [(-1, self.t((ind, i, part))) for i in members], 0, 0,
                      "reach area %s %s" % (row["centre_id"], tot))
            used += 1
        m.note("sums", "%d reach areas from reachmap.gpkg used as sums of %s" % (used, ind))

    # ------------------------------------------------------------------ route 8: carers
    def relations_carers(self):
        """carers_by_week.csv (a centre's distinct contacts and children per ISO week and kind
        of carer; a (centre, week, kind) not listed is a true 0) and seen_with_father (children
        seen at least once with a father: per area, per centre at that centre). Per row:
        children <= contacts, and 1 <= both when only rows with a contact are listed. Per centre: seen_children <= the
        sum of its rows' children and seen_with_father <= the sum of its father rows' children
        (a child seen in several weeks or kinds counts in each); each row's children <= the
        centre's seen_children, each father row's <= its seen_with_father. Per area and per
        centre: seen_with_father <= seen_children. Layer totals and nesting of seen_with_father
        are the sums' and nesting's (a count column of the area tables)."""
        m, pub, T = self.m, self.pub, "carers"
        for name, (kind, layer, cols, rows) in pub.tables.items():
            cc = self.countcols[name]
            if "seen_with_father" in cc and "seen_children" in cc:
                for r in range(len(rows)):
                    if self.upper((name, r, "seen_with_father")) <= self.lower((name, r, "seen_children")):
                        continue  # the bounds keep it (see below)
                    m.add(T, [(1, self.t((name, r, "seen_with_father"))), (-1, self.t((name, r, "seen_children")))],
                          -BIG, 0, "seen_with_father <= seen_children")
        name = "carers_by_week"
        if name not in pub.tables:
            return
        rows = pub.tables[name][3]
        cc = self.countcols[name]
        if "children" not in cc:
            return
        # Listed only where a kind came, a hidden count would be 1+; listed for every week and
        # kind (published zeros), a row says nothing.
        sparse = not any(num(row.get("contacts")) == 0 for row in rows)
        for r in range(len(rows)):
            for c in cc:
                if sparse and self.hidden((name, r, c)):
                    m.bound.append((T, m.index[(name, r, c)], 1, BIG))
            if "contacts" in cc:
                m.add(T, [(1, self.t((name, r, "children"))), (-1, self.t((name, r, "contacts")))], -BIG, 0,
                      "children <= contacts")
        crows = {row.get("centre_id"): r for r, row in enumerate(pub.tables["centres"][3])} \
            if "centres" in pub.tables else {}
        ccc = self.countcols.get("centres", [])
        per, unmatched = {}, set()
        for r, row in enumerate(rows):
            if row.get("centre_id") in crows:
                per.setdefault(row["centre_id"], []).append(r)
            else:
                unmatched.add(row.get("centre_id"))
        # A relation the unknowns' own bounds already keep says nothing more, and written it ties
        # a centre's 850 weeks and kinds into one part (under round and perturb, where every
        # count is an unknown, the examples' attack took longer than its test allows): each is
        # written only where it can bind.
        dropped = 0
        for cid, rs in per.items():
            K = lambda c: ("centres", crows[cid], c)
            fathers = [r for r in rs if rows[r].get("carer") == "father"]
            for total, parts in (("seen_children", rs), ("seen_with_father", fathers)):
                if total not in ccc:
                    continue
                if sum(self.lower((name, r, "children")) for r in parts) < self.upper(K(total)):
                    m.add(T, [(1, self.t(K(total)))] + [(-1, self.t((name, r, "children"))) for r in parts],
                          -BIG, 0, "%s: %s <= sum of its rows' children" % (cid, total))
                else:
                    dropped += 1
                low = self.lower(K(total))
                for r in parts:
                    if self.upper((name, r, "children")) > low:
                        m.add(T, [(1, self.t((name, r, "children"))), (-1, self.t(K(total)))], -BIG, 0,
                              "%s: a row's children <= %s" % (cid, total))
                    else:
                        dropped += 1
        m.note(T, "%d relations the bounds already keep left out" % dropped)
        m.note(T, "%s: %d rows, %d hidden cells, %d centres matched to centres.csv%s" % (
            name, len(rows), sum(1 for r in range(len(rows)) for c in cc if self.hidden((name, r, c))), len(per),
            "; not in centres.csv: %s" % ", ".join(sorted(map(str, unmatched))) if unmatched else ""))

    # ------------------------------------------------------------------ analysis routes
    def analysed(self, layer):
        """Rows of the layer the analysis ran on (population > 0 and a geometry)."""
        name = "indicators_" + layer
        rows = self.pub.tables[name][3]
        return [i for i, r in enumerate(rows) if (num(r.get("under5_population")) or 0) > 0
                and r.get("expected_seen_reach", "") != ""]

    def seen_term(self, name, i):
        return self.t((name, i, "seen_children"))

    def relations_analysis(self):
        an = self.pub.manifest.get("analysis", {})
        for layer in self.pub.layers:
            a = an.get(layer, {})
            if not a.get("computed"):
                continue
            try:
                self.layer_routes(layer, a)
            except Exception as e:  # a route that cannot run on this output says why
                self.m.note("eb", "layer %s: analysis routes stopped: %r" % (layer, e))

    def check_public_analysis(self, layer, an):
        """Under round and perturb nothing is hidden: the routes below solve for hidden seen
        counts and have none. What is left to ask is whether the published statistics are made
        from the published counts (then they say nothing of the true ones): the funnel z of every
        analysed row recomputed from the published seen counts and populations."""
        name = "indicators_" + layer
        rows = self.pub.tables[name][3]
        A = self.analysed(layer)
        ps = [self.published.get((name, i, "seen_children")) for i in A]
        pop = [num(rows[i]["under5_population"]) for i in A]
        ok = [k for k in range(len(A)) if ps[k] is not None and num(rows[A[k]].get("funnel_z")) is not None]
        if not ok:
            self.m.note("eb", "%s: no published funnel z to check" % layer)
            return
        rate = sum(ps[k] for k in ok) / sum(pop[k] for k in ok)
        worst, agree = 0.0, 0
        for k in ok:
            z = (ps[k] / pop[k] - rate) / math.sqrt(rate * (1 - rate) / pop[k])
            d = abs(z - num(rows[A[k]]["funnel_z"]))
            worst = max(worst, d)
            agree += d <= 0.005 + 1e-9
        self.params[layer] = {"n": len(A), "m_published_counts": rate, "funnel_z_agree": agree,
                              "funnel_z_rows": len(ok), "funnel_z_worst": worst}
        self.m.note("eb", "%s: funnel_z recomputed from the published counts (overall rate %.6f) matches "
                    "%d of %d rows to its 2 decimals (worst %.3g): the statistics %s; the analysis "
                    "routes (EB, regression, Gi*, priority, funnel) have no hidden count to solve for and "
                    "add no relation on the true counts" % (
                        layer, rate, agree, len(ok), worst,
                        "are made from the published counts" if agree == len(ok) else
                        "are NOT all made from the published counts (overdispersion, or true counts: "
                        "to investigate)"))

    def layer_routes(self, layer, an):
        m = self.m
        if self.rule.uncertain():
            return self.check_public_analysis(layer, an)
        name = "indicators_" + layer
        rows = self.pub.tables[name][3]
        A = self.analysed(layer)
        n = len(A)
        pop = np.array([num(rows[i]["under5_population"]) for i in A])
        seen = [self.values.get((name, i, "seen_children")) for i in A]
        pubi = [k for k in range(n) if seen[k] is not None]
        hid = [k for k in range(n) if seen[k] is None]
        P = {"n": n, "hidden_rows": len(hid)}
        self.params[layer] = P
        if not hid:
            return
        # ---- overall rate m from published funnel z (z = (r - m) / sqrt(m (1 - m) / p))
        ms = []
        for k in pubi:
            z = num(rows[A[k]].get("funnel_z"))
            if z is None:
                continue
            r, p = seen[k] / pop[k], pop[k]
            qa, qb, qc = 1 + z * z / p, -(2 * r + z * z / p), r * r
            disc = qb * qb - 4 * qa * qc
            for root in ((-qb - math.sqrt(max(disc, 0))) / (2 * qa), (-qb + math.sqrt(max(disc, 0))) / (2 * qa)):
                if 0 < root < 1 and (abs(z) < 1e-12 or (r - root) * z > 0):
                    ms.append(root)
        rate = float(np.median(ms))
        P["m"] = rate
        P["m_spread"] = float(np.ptp(ms)) if ms else None
        # Every route below solves for the analysis's parameters from published statistics at
        # full precision, on the true counts. Statistics rounded to a few decimals, or made from
        # the protected counts (a hidden count at its band's middle), give no single m: the
        # routes would write down relations that are not true, so they stop.
        if not ms or P["m_spread"] > 1e-9:
            m.note("eb", "%s: the published z give no single overall rate (spread %g): the "
                   "statistics are rounded or not of the true counts; analysis routes stop"
                   % (layer, P["m_spread"] if ms else float("nan")))
            return
        tp = float(pop.sum())
        # the total seen over the areas analysed (m is total seen / total population)
        m.add("eb", [(1, self.seen_term(name, A[k])) for k in range(n)],
              rate * tp - 1e-6 * tp, rate * tp + 1e-6 * tp, "total seen = m x population (%s)" % layer)
        m.add("funnel", [(1, self.seen_term(name, A[k])) for k in range(n)],
              rate * tp - 1e-6 * tp, rate * tp + 1e-6 * tp, "total seen from the funnel target")
        # ---- funnel flags of hidden rows (route 5); phi from published z
        phis = []
        for k in pubi:
            z = num(rows[A[k]].get("funnel_z"))
            raw = (seen[k] / pop[k] - rate) / math.sqrt(rate * (1 - rate) / pop[k])
            if z and abs(raw) > 0.5:
                phis.append((raw / z) ** 2)
        phi = float(np.median(phis)) if phis else 1.0
        P["phi"] = phi
        lim = {"below 99.8%": (-BIG, -Z998), "below 95%": (-Z998, -Z95), "within": (-Z95, Z95),
               "above 95%": (Z95, Z998), "above 99.8%": (Z998, BIG)}
        for k in hid:
            f = rows[A[k]].get("funnel_flag")
            if f not in lim:
                continue
            zl, zh = lim[f]
            s = math.sqrt(rate * (1 - rate) / pop[k]) * math.sqrt(phi)
            lo = (rate + zl * s) * pop[k] if zl > -BIG else -BIG
            hi = (rate + zh * s) * pop[k] if zh < BIG else BIG
            i = m.index[(name, A[k], "seen_children")]
            m.bound.append(("funnel", i, math.ceil(lo - 1e-9) if lo > -BIG else 0,
                            math.floor(hi + 1e-9) if hi < BIG else BIG))
        # ---- empirical Bayes (route 1): a = prior variance from published EB
        avals = []
        for k in pubi:
            eb = num(rows[A[k]].get("seen_reach_eb"))
            r = seen[k] / pop[k]
            if eb is None or abs(r - rate) < 0.02 or eb <= 0 or eb >= 1:
                continue
            sh = (eb - rate) / (r - rate)
            if 0 < sh < 1:
                avals.append(sh * rate / (pop[k] * (1 - sh)))
            elif abs(sh) < 1e-12:
                avals.append(0.0)
        a = float(np.median(avals)) if avals else None
        P["a"] = a
        P["a_spread"] = float(np.ptp(avals)) if avals else None
        dom = {}
        for k in hid:
            i = m.index[(name, A[k], "seen_children")]
            dom[k] = i
        if a is not None and a > 0:
            mean_p = tp / n
            S = (a + rate / mean_p) * tp   # sum of (seen - p m)^2 / p over all areas
            Sp = sum((seen[k] - pop[k] * rate) ** 2 / pop[k] for k in pubi)
            f = {dom[k]: (lambda p: (lambda v: (v - p * rate) ** 2 / p))(pop[k]) for k in hid}
            tol = 1e-7 * max(1.0, S)
            m.sep.append(("eb", f, S - Sp - tol, S - Sp + tol,
                          "sum over hidden rows of (seen - n m)^2 / n = %.6f" % (S - Sp)))
        elif a == 0:
            mean_p = tp / n
            S = (rate / mean_p) * tp
            Sp = sum((seen[k] - pop[k] * rate) ** 2 / pop[k] for k in pubi)
            f = {dom[k]: (lambda p: (lambda v: (v - p * rate) ** 2 / p))(pop[k]) for k in hid}
            m.sep.append(("eb", f, -BIG, S - Sp + 1e-7 * S, "prior variance 0: an upper bound"))

        def eb_of(p, v):
            r = v / p
            sh = 0.0 if not a else a / (a + rate / p)
            x = max(0.0, rate + sh * (r - rate))
            return min(1.0, x) if r <= 1 else x

        # ---- regression (route 2): the normal equations X'W X b = X' seen
        coefs = an.get("expected_reach_regression", {}).get("coefficients", {})
        terms = [t for t in coefs if t != "intercept"]
        X = np.array([[1.0] + [num(rows[i].get(t)) for t in terms] for i in A])
        # the expected reach of a published row back from its gap z (full precision):
        # z = (e p - s) / sqrt(p e (1 - e)), e kept within 0.005..0.995
        fit, ev = [], []
        for k in pubi:
            z = num(rows[A[k]].get("reach_gap_z"))
            e3 = num(rows[A[k]].get("expected_seen_reach"))
            if z is None or e3 is None:
                continue
            p, s_ = pop[k], seen[k]
            qa, qb, qc = p * p + z * z * p, -(2 * p * s_ + z * z * p), s_ * s_
            disc = qb * qb - 4 * qa * qc
            for e in ((-qb - math.sqrt(max(disc, 0))) / (2 * qa), (-qb + math.sqrt(max(disc, 0))) / (2 * qa)):
                if 0.005 < e < 0.995 and abs(e - e3) <= 0.0005 + 1e-12 and (abs(z) < 1e-12 or (e * p - s_) * z > 0):
                    fit.append(k)
                    ev.append(e)
                    break
        if len(fit) < X.shape[1] + 2:
            m.note("regression", "%s: too few rows give the expected reach back" % layer)
            return
        beta, *_ = np.linalg.lstsq(X[fit], np.array(ev), rcond=None)
        resid = float(np.max(np.abs(X[fit] @ beta - ev)))
        P["beta"] = dict(zip(["intercept"] + terms, map(float, beta)))
        P["beta_residual"] = resid
        P["beta_rows"] = len(fit)
        fitted = X @ beta
        if resid < 1e-8:
            for j, t in enumerate(["intercept"] + terms):
                rhs = float(np.sum(X[:, j] * pop * fitted))
                tol = 1e-7 * max(1.0, abs(rhs))
                m.add("regression", [(X[k, j], self.seen_term(name, A[k])) for k in range(n)],
                      rhs - tol, rhs + tol, "sum of %s x seen = %.6f (%s)" % (t, rhs, layer))
        else:
            m.note("regression", "%s: coefficients do not fit the published expected reach (%g)" % (layer, resid))
        # ---- Gi* (route 3): mean and sd of the variable from published z
        var = an.get("variable", "seen_reach_eb")
        self.gistar(layer, name, rows, A, pop, seen, pubi, hid, dom, var, eb_of, an)
        # ---- priority (route 4): evaluated as a filter later (needs the other hidden rows)
        P["priority_ctx"] = dict(name=name, A=A, pop=pop, seen=seen, fitted=fitted, hid=hid,
                                 dom=dom, terms=terms, text=an.get("priority", ""))

    def neighbours(self, layer, A):
        con = sqlite3.connect(self.pub.gpkg)
        geo = {aid: blob for aid, blob in con.execute('select area_id, geom from "%s"' % layer)}
        rows = self.pub.tables["indicators_" + layer][3]
        polys = [gpkg_rings(geo[rows[i]["area_id"]]) for i in A]
        return polys

    def gistar(self, layer, name, rows, A, pop, seen, pubi, hid, dom, var, eb_of, an):
        m = self.m
        w = an.get("weights", "")
        mm = re.match(r"(queen|rook) contiguity \(snap ([0-9.eE+-]+) m\)", w)
        if not mm or var not in ("seen_reach_eb", "seen_reach"):
            m.note("gistar", "%s: weights '%s' / variable %s not handled" % (layer, w, var))
            return
        t0 = time.time()
        nb = queen_neighbours(self.neighbours(layer, A), float(mm.group(2)), mm.group(1) == "queen")
        n = len(A)
        x = [num(rows[i].get(var)) for i in A]
        # rows with a published z, itself and its neighbours published
        lhs, g_c = [], []
        for k in range(n):
            g = num(rows[A[k]].get("gistar_z"))
            if g is None or any(x[j] is None for j in nb[k] + [k]):
                continue
            s1 = 1.0 / (len(nb[k]) + 1)
            c = math.sqrt((n * s1 - 1) / (n - 1))
            lhs.append(sum(x[j] for j in nb[k] + [k]) / (len(nb[k]) + 1))
            g_c.append(g * c)
        if len(lhs) < 3:
            m.note("gistar", "%s: fewer than 3 usable Gi* rows" % layer)
            return
        M = np.column_stack([np.ones(len(lhs)), g_c])
        (mean, s), *_ = np.linalg.lstsq(M, np.array(lhs), rcond=None)
        res = float(np.max(np.abs(M @ [mean, s] - lhs)))
        self.params[layer]["gistar"] = dict(mean=float(mean), sd=float(s), rows=len(lhs),
                                            residual=res, seconds=round(time.time() - t0, 2))
        if res > 1e-9:
            m.note("gistar", "%s: neighbour lists do not reproduce Gi* (residual %g)" % (layer, res))
            return
        xp = sum(x[k] for k in range(n) if x[k] is not None)
        xp2 = sum(x[k] ** 2 for k in range(n) if x[k] is not None)
        if any(x[k] is None for k in range(n) if k not in hid):
            m.note("gistar", "%s: variable blank on a published row" % layer)
            return
        conv = (lambda p: (lambda v: eb_of(p, v))) if var == "seen_reach_eb" else (lambda p: (lambda v: v / p))
        S1 = n * mean - xp
        S2 = n * (s * s + mean * mean) - xp2
        f1 = {dom[k]: conv(pop[k]) for k in hid}
        f2 = {dom[k]: (lambda g: (lambda v: g(v) ** 2))(conv(pop[k])) for k in hid}
        m.sep.append(("gistar", f1, S1 - 1e-8 * n, S1 + 1e-8 * n, "sum of hidden %s = %.8f" % (var, S1)))
        m.sep.append(("gistar", f2, S2 - 1e-8 * n, S2 + 1e-8 * n, "sum of hidden %s^2 = %.8f" % (var, S2)))

    # ------------------------------------------------------------------ route 4: priority
    def priority_filter(self, layer, lo, hi):
        """Values of each hidden seen count consistent with its priority_score (2 decimals),
        given the intervals [lo, hi] of the other hidden rows. Returns {var: allowed set}."""
        P = self.params.get(layer, {})
        ctx = P.get("priority_ctx")
        if not ctx or P.get("beta_residual", 1) > 1e-8:
            return {}
        name, A, pop, seen, fitted, hid, dom = (ctx[k] for k in ("name", "A", "pop", "seen", "fitted", "hid", "dom"))
        rows = self.pub.tables[name][3]
        text = ctx["text"]
        wt = {}
        for key, pat in [("gap", r"([0-9.]+) gap"), ("shortfall", r"([0-9.]+) shortfall"),
                         ("need", r"([0-9.]+) deprivation"), ("unreached", r"([0-9.]+) unreached"),
                         ("low_low", r"([0-9.]+) low-low")]:
            mm = re.search(pat, text)
            wt[key] = float(mm.group(1)) if mm else 0.0
        total = sum(wt.values())
        n = len(A)
        terms = ctx["terms"]
        need = None
        if wt["need"] > 0:
            if "imd_decile" in terms:
                need = [-num(rows[i]["imd_decile"]) for i in A]
            elif "imd_score" in terms:
                need = [num(rows[i]["imd_score"]) for i in A]
        if need is None:
            wt["gap"] += wt["need"]
            wt["need"] = 0
        pn = pct_exact(need) if need else [0.0] * n
        ranges = {k: (lo[dom[k]], hi[dom[k]]) for k in hid}

        def sf(k, v):
            return (fitted[k] - v / pop[k]) * pop[k]

        def ur(k, v):
            return max(0.0, pop[k] - v)

        pub_sf = [sf(k, seen[k]) for k in range(n) if k not in ranges]
        pub_ur = [ur(k, seen[k]) for k in range(n) if k not in ranges]

        def rank_range(val, pubvals, fn, me):
            # percentile rank (ties: mean rank) of val among all values, bounded over the others
            less = sum(1 for u in pubvals if u < val)
            eq = sum(1 for u in pubvals if u == val)
            lo_c = hi_c = less + 0.5 * eq
            for j, (a, b) in ranges.items():
                if j == me:
                    continue
                vals = [fn(j, a), fn(j, b)]
                mn, mx = min(vals), max(vals)
                c_lo = 0 if mx >= val and not (mx == val and mn == val) else 0
                c_lo = 1 if mx < val else (0.5 if mn == val == mx else 0)
                c_hi = 1 if mn < val else (0.5 if mn == val else 0)
                lo_c += c_lo
                hi_c += c_hi
            return lo_c / (n - 1), hi_c / (n - 1)

        out = {}
        for k in hid:
            sc = num(rows[A[k]].get("priority_score"))
            if sc is None or ranges[k][1] - ranges[k][0] > 400:
                continue
            ll = rows[A[k]].get("lisa_cluster")
            lls = [1.0] if ll == "low-low" else ([0.0] if ll else [0.0, 1.0])
            e = min(max(fitted[k], 0.005), 0.995)
            ok = set()
            for v in range(int(ranges[k][0]), int(ranges[k][1]) + 1):
                z = (e * pop[k] - v) / math.sqrt(pop[k] * e * (1 - e))
                pg = 1 - math.exp(-z / GAP_SCALE) if z > 0 else 0.0
                s_lo, s_hi = rank_range(sf(k, v), pub_sf, sf, k)
                u_lo, u_hi = rank_range(ur(k, v), pub_ur, ur, k)
                lo_s = (wt["gap"] * pg + wt["shortfall"] * s_lo + wt["need"] * pn[k] + wt["unreached"] * u_lo
                        + wt["low_low"] * min(lls)) / total
                hi_s = (wt["gap"] * pg + wt["shortfall"] * s_hi + wt["need"] * pn[k] + wt["unreached"] * u_hi
                        + wt["low_low"] * max(lls)) / total
                if hi_s >= sc - 0.005 - 1e-9 and lo_s <= sc + 0.005 + 1e-9:
                    ok.add(v)
            out[dom[k]] = ok
        return out


def pct_exact(v):
    n = len(v)
    order = sorted(range(n), key=lambda i: v[i])
    r = [0.5] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and v[order[j + 1]] == v[order[i]]:
            j += 1
        for t in range(i, j + 1):
            r[order[t]] = (i + j) / 2 / (n - 1) if n > 1 else 0.5
        i = j + 1
    return r


# ----------------------------------------------------------------------------- solving
class Solver:
    """Bounds of every unknown under the relations of the routes given: components of the
    relation graph, LP relaxation first, then the MILP where the LP bound is not attained by an
    integer solution already found. `attained` holds values each unknown takes in some solution
    known to satisfy these relations (solutions of a stronger set of relations count)."""

    def __init__(self, model, tags, domains=None, attained=None, max_onehot=400, time_limit=20,
                 max_terms=None):
        self.m = model
        self.tags = set(tags)
        self.domains = domains or {}
        self.attained = {k: set(v) for k, v in (attained or {}).items()}
        self.max_onehot = max_onehot
        self.time_limit = time_limit
        self.max_terms = max_terms   # only relations of at most this many unknowns (a relaxation)
        self.stats = {"lp": 0, "milp": 0, "components": 0, "infeasible": 0, "dropped": [],
                      "time_limited": 0, "largest_component": 0}

    def run(self, prior=None):
        m = self.m
        nv = len(m.keys)
        lo = np.array(m.lo, float)
        hi = np.array(m.hi, float)
        for tag, i, a, b in m.bound:   # bands and the rule's ranges: what is published
            if tag in self.tags or tag in ("bands", "rule"):
                lo[i], hi[i] = max(lo[i], a), min(hi[i], b)
        if prior is not None:  # bounds proved under fewer relations stay valid
            lo, hi = np.maximum(lo, prior[0]), np.minimum(hi, prior[1])
        lin = [(c, a, b) for tag, c, a, b, _ in m.lin if tag in self.tags
               and (self.max_terms is None or len(c) <= self.max_terms)]
        sep = [(f, a, b) for tag, f, a, b, _ in m.sep if tag in self.tags and self.max_terms is None]
        doms = dict(self.domains)
        for tag, i, s in m.dom:
            if tag in self.tags or tag == "rule":
                doms[i] = doms[i] & s if i in doms else set(s)
        parent = list(range(nv))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for group in [c.keys() for c, _, _ in lin] + [f.keys() for f, _, _ in sep]:
            g = list(group)
            for j in g[1:]:
                a, b = find(g[0]), find(j)
                if a != b:
                    parent[a] = b
        comps = {}
        for i in range(nv):
            comps.setdefault(find(i), []).append(i)
        # Each relation to its part once (scanning every relation for each part was quadratic:
        # minutes for the 20,000 parts of a perturbed example's tables).
        lin_of, sep_of = {}, {}
        for x in lin:
            lin_of.setdefault(find(next(iter(x[0]))), []).append(x)
        for x in sep:
            sep_of.setdefault(find(next(iter(x[0]))), []).append(x)
        for root, comp in comps.items():
            clin = lin_of.get(root, [])
            csep = sep_of.get(root, [])
            if not clin and not csep and not any(i in doms for i in comp):
                continue
            self.stats["components"] += 1
            self.stats["largest_component"] = max(self.stats["largest_component"], len(comp))
            self.component(comp, clin, csep, doms, lo, hi)
        return lo, hi

    def small_component(self, comp, lin, sep, doms, lo, hi):
        """A part of one to three unknowns with small ranges (under perturb a count whose
        support is a set, alone; a carers row's children and contacts): every integer point
        enumerated and checked against each relation exactly, not a dozen MILPs. False when the
        part is not such."""
        vals = []
        for i in comp:
            if not hi[i] < BIG or hi[i] - lo[i] > 64:
                return False
            d = doms.get(i)
            vals.append([v for v in range(int(math.ceil(lo[i] - 1e-9)), int(math.floor(hi[i] + 1e-9)) + 1)
                         if d is None or v in d])
        if math.prod(len(v) for v in vals) > 20000:
            return False
        seen = [set() for _ in comp]
        for point in itertools.product(*vals):
            x = dict(zip(comp, point))
            if all(a - 1e-9 <= sum(c * x[i] for i, c in cv.items()) <= b + 1e-9 for cv, a, b in lin) and \
                    all(a - 1e-9 <= sum(fn(x[i]) for i, fn in f.items()) <= b + 1e-9 for f, a, b in sep):
                for k, v in enumerate(point):
                    seen[k].add(v)
        self.stats["enumerated"] = self.stats.get("enumerated", 0) + 1
        if not seen[0]:
            self.stats["infeasible"] += 1
            return True
        for k, i in enumerate(comp):
            lo[i], hi[i] = min(seen[k]), max(seen[k])
            self.attained.setdefault(i, set()).update(seen[k])
        return True

    def component(self, comp, lin, sep, doms, lo, hi):
        if len(comp) <= 3 and self.small_component(comp, lin, sep, doms, lo, hi):
            return
        onehot = set(i for f, _, _ in sep for i in f) | set(i for i in comp if i in doms)
        if not onehot:
            self.bounds_of(comp, lin, [], {}, lo, hi, self.attained)
            return
        if any(hi[i] - lo[i] > self.max_onehot for i in onehot):
            # the linear relations alone first, for finite ranges (their solutions are not
            # solutions of the non-linear ones: a scratch record)
            self.bounds_of(comp, lin, [], {}, lo, hi, {})
        big = [i for i in onehot if hi[i] - lo[i] > self.max_onehot]
        if big:
            self.stats["dropped"].append("%d unknowns with too wide a range for the non-linear relations" % len(big))
            sep = [x for x in sep if not any(i in big for i in x[0])]
            onehot = set(i for f, _, _ in sep for i in f) | set(i for i in comp if i in doms and i not in big)
        self.bounds_of(comp, lin, sep, {i: doms.get(i) for i in onehot}, lo, hi, self.attained)

    def bounds_of(self, comp, lin, sep, onehot, lo, hi, attained):
        cols = list(comp)
        col = {i: k for k, i in enumerate(cols)}
        nb0 = len(cols)
        bins = {}   # var -> [(value, column)]: the one-hot encoding of a non-linear unknown
        ncol = nb0
        for i in sorted(onehot):
            vals = [v for v in range(int(lo[i]), int(hi[i]) + 1) if onehot[i] is None or v in onehot[i]]
            bins[i] = [(v, ncol + k) for k, v in enumerate(vals)]
            ncol += len(vals)
        if any(len(b) == 0 for b in bins.values()):
            self.stats["infeasible"] += 1
            return
        rows, rlo, rhi = [], [], []
        for c, a, b in lin:
            rows.append({col[i]: v for i, v in c.items()})
            rlo.append(a)
            rhi.append(b)
        for i, bl in bins.items():
            rows.append({c: 1.0 for _, c in bl})
            rlo.append(1)
            rhi.append(1)
            d = {c: float(v) for v, c in bl}
            d[col[i]] = -1.0
            rows.append(d)
            rlo.append(0)
            rhi.append(0)
        for f, a, b in sep:
            d = {}
            for i, fn in f.items():
                for v, c in bins[i]:
                    d[c] = fn(v)
            rows.append(d)
            rlo.append(a)
            rhi.append(b)
        data, ri, ci = [], [], []
        for r, d in enumerate(rows):
            for c, v in d.items():
                ri.append(r)
                ci.append(c)
                data.append(v)
        Amat = csr_matrix((data, (ri, ci)), shape=(len(rows), ncol))
        vlo = np.concatenate([lo[cols], np.zeros(ncol - nb0)])
        vhi = np.concatenate([np.minimum(hi[cols], BIG), np.ones(ncol - nb0)])
        cons = [LinearConstraint(Amat, np.array(rlo) - 1e-9, np.array(rhi) + 1e-9)] if rows else []
        integ = np.ones(ncol)

        rlo_a, rhi_a = np.array(rlo, float) - 1e-9, np.array(rhi, float) + 1e-9

        def record(x):
            """An integer point (a MILP's, or an LP's that came out integral) checked against every
            relation exactly: each unknown's value in it is attained."""
            xr = np.round(x)
            if np.max(np.abs(x - xr)) > 1e-6 or (xr < vlo - 1e-9).any() or (xr > vhi + 1e-9).any():
                return False
            if rows:
                ax = Amat @ xr
                if (ax < rlo_a - 1e-7).any() or (ax > rhi_a + 1e-7).any():
                    return False
            for k, i in enumerate(cols):
                attained.setdefault(i, set()).add(int(xr[k]))
            return True

        def solve(cvec, integral):
            """(x or None, a proven lower bound of cvec . x or None)."""
            res = milp(cvec, constraints=cons, integrality=integ if integral else np.zeros(ncol),
                       bounds=Bounds(vlo, vhi),
                       options={"time_limit": self.time_limit, "presolve": True,
                                "mip_rel_gap": 0, "disp": False})
            self.stats["milp" if integral else "lp"] += 1
            if res.status == 1:
                self.stats["time_limited"] += 1
            x = res.x if res.x is not None and (res.status == 0 or integral and res.status == 1) else None
            if x is not None:
                record(x)
            if res.status == 0:
                return x, res.fun
            db = getattr(res, "mip_dual_bound", None)
            return x, (db if integral and res.status == 1 and db is not None and np.isfinite(db) else None)

        def done(k, i, sign):
            return (lo[i] if sign == 1 else hi[i]) in attained.get(i, ())

        if solve(np.zeros(ncol), True)[0] is None:
            self.stats["infeasible"] += 1
            return
        rng = np.random.default_rng(len(cols))   # a few random directions: many values attained
        for _ in range(4):
            solve(np.concatenate([rng.normal(size=nb0), np.zeros(ncol - nb0)]), True)
        # many bounds at once: push every unknown whose bound is not yet attained towards it in
        # one integer programme, again with those still left, while that makes progress
        for sign in (1, -1):
            todo = [k for k, i in enumerate(cols) if i not in self.m.aux and not done(k, i, sign)]
            for _ in range(8):
                if len(todo) < 4:
                    break
                cvec = np.zeros(ncol)
                cvec[todo] = sign
                solve(cvec, True)
                left = [k for k in todo if not done(k, cols[k], sign)]
                if len(todo) - len(left) < max(2, len(todo) // 20):
                    break
                todo = left
        for k, i in enumerate(cols):
            if i in self.m.aux:
                continue
            for sign in (1, -1):
                if done(k, i, sign):
                    continue
                cvec = np.zeros(ncol)
                cvec[k] = sign
                x, f = solve(cvec, False)
                if f is None:
                    continue
                # the LP bound is a bound; the integer one where the LP's is not attained
                b = math.ceil(f - 1e-6) if sign == 1 else math.floor(-f + 1e-6)
                if b not in attained.get(i, ()):
                    x, g = solve(cvec, True)
                    if g is not None:
                        b = max(b, math.ceil(g - 1e-6)) if sign == 1 else min(b, math.floor(-g + 1e-6))
                if sign == 1:
                    lo[i] = max(lo[i], b)
                else:
                    hi[i] = min(hi[i], b)
            vlo[k], vhi[k] = lo[i], min(hi[i], BIG)


# ----------------------------------------------------------------------------- route 7: hash
def route_hash(pub, lo, hi, model, values):
    """Rebuild private/centres.csv from the public one: try every combination of the hidden
    counts within their intervals that keeps the table's sums, until the SHA-256 the manifest
    lists matches."""
    out = {"tried": 0, "matched": False, "tables": {}}
    sha = {o["path"]: o.get("sha256") for o in pub.manifest.get("outputs", [])}
    for fn in sorted(sha):
        if not fn.startswith("private/") or not fn.endswith(".csv") or fn.count("/") != 1:
            continue
        base = fn[len("private/"):-4]
        if base not in pub.tables:
            continue
        res = {"hidden": 0}
        out["tables"][fn] = res
        kind, layer, cols, rows = pub.tables[base]
        text = open(os.path.join(pub.out, base + ".csv"), newline="").read()
        res["public_rewrites_exactly"] = write_csv(cols, [[r[c] for c in cols] for r in rows]) == text
        hidden_keys = [(base, r, c) for r in range(len(rows)) for c in cols
                       if values.get((base, r, c), 0) is None]
        res["hidden"] = len(hidden_keys)
        if not hidden_keys:
            continue
        ranges = [(int(lo[model.index[k]]), int(hi[model.index[k]])) for k in hidden_keys]
        res["combinations_log10"] = round(sum(math.log10(b - a + 1) for a, b in ranges), 1)
        per_row = {}
        for (t, r, c), rg in zip(hidden_keys, ranges):
            per_row.setdefault(r, []).append((c, rg))
        # a private row differs from the public one only in its hidden cells, the rates that
        # derive from them, its bands and its flag; group counts and centres' cells are rebuilt
        group_only = all(group_of(c) for r_ in per_row.values() for c, _ in r_) and kind == "indicators"
        if not res["public_rewrites_exactly"] or not (kind == "centres" or group_only):
            res["feasible"] = False
            continue
        cands = {}
        total = 1
        for r, cells in per_row.items():
            groups = centre_row_groups(cols, rows[r], cells) if kind == "centres" else \
                [[{c: v} for v in range(a, b + 1)] for c, (a, b) in cells]
            cands[r] = groups
            for g in groups:
                total *= max(1, len(g))
        res["combinations_after_row_sums"] = total
        res["feasible"] = total <= 2_000_000
        if not res["feasible"]:
            continue
        import itertools
        rec = [[r[c] for c in cols] for r in rows]
        keys = sorted(cands)
        row_lists = {r: [row_of(cols, rows[r], combo, kind) for combo in itertools.product(*cands[r])]
                     for r in keys}
        for choice in itertools.product(*[row_lists[r] for r in keys]):
            for r, vals in zip(keys, choice):
                rec[r] = vals
            out["tried"] += 1
            res["tried"] = res.get("tried", 0) + 1
            if hashlib.sha256(write_csv(cols, rec).encode()).hexdigest() == sha[fn]:
                res["matched"] = True
                res["recovered"] = {r: {c: int(rec[r][cols.index(c)]) for c, _ in per_row[r]} for r in keys}
                out["matched"] = True
                break
    return out


def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    r = repr(float(v))
    if r.endswith(".0"):
        r = r[:-2]
    return r


def write_csv(cols, rec):
    s = io.StringIO()
    w = csv.writer(s, lineterminator="\n")
    w.writerow(cols)
    for r in rec:
        w.writerow(r)
    return s.getvalue()


def centre_row_groups(cols, row, cells):
    """The hidden counts of one centre's private row in groups tied by the row's sums (seen here
    = in + outside the reach area = inside + outside each layer; reach area seen = seen here in
    it + seen only elsewhere): a list of the values each group can take."""
    import itertools
    rng = dict(cells)
    val = {c: int(num(row[c])) for c in cols if c not in rng and num(row.get(c)) is not None
           and c not in ("reach_area_population_estimated",)}
    sc = val.get("seen_children")
    groups = []
    if "seen_here_in_reach_area" in cols and any(c in rng for c in ("seen_here_in_reach_area",
                                                                    "seen_here_outside_reach_area",
                                                                    "reach_area_seen_only_elsewhere")):
        opts = []
        a, b = rng.get("seen_here_in_reach_area", (val.get("seen_here_in_reach_area"),) * 2)
        for v in range(a, b + 1):
            o = {"seen_here_in_reach_area": v, "seen_here_outside_reach_area": sc - v,
                 "reach_area_seen_only_elsewhere": val.get("reach_area_seen", -10**9) - v}
            if all(rng[c][0] <= o[c] <= rng[c][1] if c in rng else o[c] == val.get(c) for c in o):
                opts.append(o)
        groups.append(opts)
    for c in cols:
        mm = re.fullmatch(r"seen_inside_(.+)", c)
        if mm and (c in rng or "seen_outside_" + mm.group(1) in rng):
            out_c = "seen_outside_" + mm.group(1)
            a, b = rng.get(c, (val.get(c),) * 2)
            opts = []
            for v in range(a, b + 1):
                o = {c: v, out_c: sc - v}
                if all(rng[k][0] <= o[k] <= rng[k][1] if k in rng else o[k] == val.get(k) for k in o):
                    opts.append(o)
            groups.append(opts)
    return groups


def row_of(cols, row, combo, kind):
    """A candidate private row: the public one with the hidden counts filled in, the rates
    that derive from them recomputed, no bands, not suppressed (centres)."""
    d = dict(row)
    g = {c: int(num(row[c])) for c in cols if num(row.get(c)) is not None and re.fullmatch(r"[0-9]+", row[c])}
    for o in combo:
        g.update(o)
        d.update({k: str(v) for k, v in o.items()})
    if kind == "centres":
        sc = g.get("seen_children")
        if "outside_reach_area_share" in cols and "seen_here_outside_reach_area" in g:
            d["outside_reach_area_share"] = fmt(g["seen_here_outside_reach_area"] / sc) if sc else ""
        for c in cols:
            mm = re.fullmatch(r"inside_(.+)_share", c)
            if mm and "seen_inside_" + mm.group(1) in g:
                d[c] = fmt(g["seen_inside_" + mm.group(1)] / sc) if sc else ""
        for c in cols:
            if c.endswith("_band"):
                d[c] = ""
        d["suppressed"] = "false"
    return [d[c] for c in cols]


# ----------------------------------------------------------------------------- scoring
def row_label(pub, name, r):
    row = pub.tables[name][3][r]
    if row.get("week") and row.get("carer"):
        return "%s %s %s" % (row.get("centre_id"), row["week"], row["carer"])
    if row.get("area_id") or row.get("centre_id"):
        return row.get("area_id") or row.get("centre_id")
    return "group '%s'" % row["group"] if "group" in row else "row %d" % r


def score(pub, model, values, results, published=None):
    """Reads OUT_DIR/private only here: per table and route, cells attacked (hidden counts; under
    round and perturb every count), cells recovered exactly, true 1-4 counts recovered exactly,
    true 1-4 counts narrowed inside 1..4, and errors (intervals that miss the truth: a bug in the
    attack, or a rule the attack models wrongly)."""
    published = published or {}
    truth = {}
    for name in pub.tables:
        p = os.path.join(pub.out, "private", name + ".csv")
        if os.path.exists(p):
            _, rows = read_csv(p)
            truth[name] = rows
    table = {}
    for route, (lo, hi) in results.items():
        for key, i in model.index.items():
            if i in model.aux:
                continue
            name, r, c = key
            tv = num(truth.get(name, [{}] * (r + 1))[r].get(c)) if name in truth else None
            if tv is None:
                continue
            s = table.setdefault(route, {}).setdefault(name, {
                "hidden": 0, "exact": 0, "exact_0": 0, "exact_1_4": 0, "true_1_4": 0, "narrowed_1_4": 0,
                "narrowed_1_4_beyond_band": 0, "wrong": 0, "examples": [], "wrong_examples": [],
                "by_column": {}})
            s["hidden"] += 1
            a, b = lo[i], hi[i]
            ex = {"area": row_label(pub, name, r), "row": r, "column": c, "true": int(tv),
                  "range": [int(a), int(b)] if b < BIG else [int(a), None],
                  "published": published.get(key)}
            if not (a - 1e-6 <= tv <= b + 1e-6):
                s["wrong"] += 1
                if len(s["wrong_examples"]) < 10:
                    s["wrong_examples"].append(ex)
                continue
            bc = s["by_column"].setdefault(c, [0, 0, 0])
            bc[0] += 1
            bc[1] += int(a == b)
            bc[2] += float(b - a)
            if a == b:
                s["exact"] += 1
                s["exact_0"] += int(tv == 0)
                if len(s["examples"]) < 400:
                    s["examples"].append(dict(ex, kind="exact"))
            if 1 <= tv <= 4:
                s["true_1_4"] += 1
                if a == b:
                    s["exact_1_4"] += 1
                if a >= 1 and b <= 4:
                    s["narrowed_1_4"] += 1
                    if a != b and len(s["examples"]) < 500:
                        s["examples"].append(dict(ex, kind="narrowed 1..4"))
                    band = parse_band(pub.tables[name][3][r].get(c + "_band"))
                    if not band or (a, b) != band:
                        s["narrowed_1_4_beyond_band"] += 1
    return table


def fmt_example(name, e):
    return "%s %s %s: true %d, published %s, range %s..%s (%s)" % (
        name, e["area"], e["column"], e["true"], "blank" if e["published"] is None else "%g" % e["published"],
        e["range"][0], "inf" if e["range"][1] is None else e["range"][1], e.get("kind", "wrong"))


# ----------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--json")
    ap.add_argument("--routes", default="all", help="comma-separated subset of " + ",".join(ROUTES + ["hash"]))
    ap.add_argument("--with-nesting", action="store_true",
                    help="add the nesting route (fine areas split between coarse ones by the GeoPackage "
                         "geometries; slow, found nothing more on the demo and the examples)")
    ap.add_argument("--allow-bands", action="store_true",
                    help="a 1-4 count narrowed only as far as its published band is not a leak")
    ap.add_argument("--allow-zeros", action="store_true",
                    help="a true 0 recovered exactly is not a leak (e.g. an unreached count of 0 where "
                         "the seen count is known to exceed the population)")
    ap.add_argument("--no-score", action="store_true", help="attack only; do not read private/")
    ap.add_argument("--derived", choices=["auto", "protected", "recomputed"], default="auto",
                    help="under round/perturb, a published unreached count: the true one protected "
                         "(it bounds the true count), or recomputed from the published seen (no "
                         "information); auto decides from the public tables")
    ap.add_argument("--perturb-support", choices=["readme", "interval"], default="readme",
                    help="under perturb, the true values of a published count: the perturbation "
                         "table's support as the README defines it, or only [p-D, p+D]")
    ap.add_argument("--time-limit", type=float, default=20,
                    help="seconds per LP/MILP solve (a solve stopped by it keeps its proven bound)")
    args = ap.parse_args()
    # nesting (layers split by the GeoPackage geometries) is slow and found nothing on the demo
    # and the examples: only with --with-nesting or when named
    routes = [r for r in ROUTES if r != "nesting" or args.with_nesting] if args.routes == "all" else \
        [r for r in args.routes.split(",") if r in ROUTES]
    t0 = time.time()
    pub = Public(args.out, args.perturb_support)
    att = Attack(pub, args.routes, args.derived)
    att.build_unknowns()
    att.relations_sums("nesting" in routes)
    att.relations_carers()
    att.relations_analysis()
    m = att.m
    results, stats = {}, {}
    timing = {}

    attained_all = {}

    def run(label, tags, domains=None, prior=None, attained=None, keep=False):
        t = time.time()
        s = Solver(m, tags, domains, attained, time_limit=args.time_limit)
        results[label] = att.derived(*s.run(prior))
        stats[label] = s.stats
        timing[label] = round(time.time() - t + timing.get(label, 0), 2)
        if keep:
            attained_all.clear()
            attained_all.update(s.attained)

    def has_relations(tag):
        return any(x[0] == tag for x in m.lin) or any(x[0] == tag for x in m.sep) or \
            any(x[0] == tag for x in m.bound) or any(x[0] == tag for x in m.dom)

    run("bands", ["bands"])
    prior = None
    if att.rule.uncertain():
        # thousands of unknowns in one component (layer totals, equity rows): the relations of a
        # few unknowns each (a row's own) first, a relaxation whose bounds are valid and which
        # the whole programme then mostly attains in a few integer programmes
        t = time.time()
        s = Solver(m, ["sums"], time_limit=args.time_limit, max_terms=8)
        prior = att.derived(*s.run())
        stats["local"] = s.stats
        timing["local"] = round(time.time() - t, 2)
    run("sums", ["sums"], prior=prior)
    base = results["sums"]
    # routes that wrote no relation (the analysis routes under round and perturb, or when they
    # stop) are the sums: not solved again
    quiet = {r for r in routes if r not in ("sums", "priority") and not has_relations(r)}
    if "priority" in routes and not any(P.get("priority_ctx") for P in att.params.values()):
        quiet.add("priority")
    # all routes at once, then the priority filter with their bounds, until nothing changes
    alltags = ["sums"] + [r for r in routes if r != "priority"]
    if all(r in quiet for r in routes if r != "sums"):
        results["all"] = base
        stats["all"] = "the sums (no other route wrote a relation)"
    else:
        run("all", alltags, prior=base, keep=True)
    if "priority" in routes and "priority" not in quiet:
        for _ in range(4):
            lo, hi = results["all"]
            doms = {}
            for L in pub.layers:
                doms.update(att.priority_filter(L, lo, hi))
            before = (lo.copy(), hi.copy())
            run("all", alltags, doms, prior=before, keep=True)
            if np.array_equal(before[0], results["all"][0]) and np.array_equal(before[1], results["all"][1]):
                break
    # each route alone (with the sums): solutions of all the relations are solutions of these
    for r in routes:
        if r == "sums":
            continue
        if r in quiet:
            results[r] = base
            continue
        if r == "priority":
            doms = {}
            for L in pub.layers:
                doms.update(att.priority_filter(L, *base))
            run(r, ["sums", "regression"], doms, prior=base)
        else:
            run(r, ["sums", r], prior=base, attained=attained_all if r in alltags else None)
    hashres = None
    if args.routes == "all" or "hash" in args.routes:
        t = time.time()
        hashres = route_hash(pub, *results["all"], m, att.values)
        timing["hash"] = round(time.time() - t, 2)
        lo, hi = (x.copy() for x in results["bands"])
        alo, ahi = (x.copy() for x in results["all"])
        for fn, h in hashres["tables"].items():
            for r, cells in (h.get("recovered") or {}).items():
                for c, v in cells.items():
                    i = m.index.get((fn[len("private/"):-4], int(r), c))
                    if i is not None:
                        lo[i] = hi[i] = alo[i] = ahi[i] = v
        results["hash"] = (lo, hi)
        results["all"] = (alo, ahi)
    attack_seconds = round(time.time() - t0, 1)

    report = {"out": os.path.abspath(args.out), "rule": att.rule.stated,
              "derived": att.derived_mode, "unknowns": len(m.keys), "seconds": attack_seconds,
              "timing": timing, "solver": stats,
              "relations": {tag: sum(1 for x in m.lin if x[0] == tag) + sum(1 for x in m.sep if x[0] == tag)
                            for tag in ROUTES},
              "notes": m.notes, "parameters": {L: {k: v for k, v in P.items() if k != "priority_ctx"}
                                               for L, P in att.params.items()},
              "hash": hashres}
    leak = False
    if not args.no_score:
        sc = score(pub, m, att.values, results, att.published)
        report["score"] = sc
        unc = att.rule.uncertain()
        what = "count cells (rule %s: every count uncertain)" % att.rule.name if unc else "hidden counts"
        print("reachmap intruder on %s: %d %s, attack %.1f s" % (
            args.out, sum(1 for i in range(len(m.keys)) if i not in m.aux), what, attack_seconds))
        if unc:
            print("  " + "\n  ".join(m.notes.get("rule", [])))
        print("%-10s %-28s %7s %6s %9s %9s %9s %6s" % ("route", "table", "cells" if unc else "hidden",
                                                       "exact", "exact1-4", "true1-4", "narrow1-4", "wrong"))
        for route in ["bands", "sums"] + [r for r in routes if r != "sums" and r not in quiet] + \
                (["hash"] if "hash" in results else []) + ["all"]:
            for name, s in sorted(sc.get(route, {}).items()):
                print("%-10s %-28s %7d %6d %9d %9d %9s %6d" % (
                    route, name, s["hidden"], s["exact"], s["exact_1_4"], s["true_1_4"],
                    "%d(%d)" % (s["narrowed_1_4"], s["narrowed_1_4_beyond_band"]), s["wrong"]))
        tot = sc.get("all", {})
        ex = sum(s["exact"] for s in tot.values())
        ex14 = sum(s["exact_1_4"] for s in tot.values())
        nar = sum(s["narrowed_1_4"] for s in tot.values())
        nar_b = sum(s["narrowed_1_4_beyond_band"] for s in tot.values())
        wrong = sum(s["wrong"] for s in tot.values())
        if hashres:
            for fn, h in hashres["tables"].items():
                if h.get("hidden"):
                    print("hash %s: %d hidden cells, 10^%s combinations (%s after the row sums), "
                          "feasible %s, matched %s%s" % (
                        fn, h["hidden"], h.get("combinations_log10"), h.get("combinations_after_row_sums", "-"),
                        h.get("feasible"), h.get("matched", False),
                        (": " + json.dumps(h["recovered"])) if h.get("recovered") else ""))
        ex0 = sum(s["exact_0"] for s in tot.values())
        cells = sum(s["hidden"] for s in tot.values())
        if quiet:
            print("routes with no relation (their results are the sums'): %s" % ", ".join(sorted(quiet)))
        # what came back, the small counts first (every one is in the JSON report)
        exs = [(not 1 <= e["true"] <= 4, e["true"] == 0, name, e["row"], e) for name, s in tot.items()
               for e in s["examples"] + s["wrong_examples"]]
        exs.sort(key=lambda x: x[:4])
        for x in exs[:25]:
            print("  " + fmt_example(x[2], x[4]))
        if len(exs) > 25:
            print("  ... %d more in the JSON report (score.all.<table>.examples)" % (len(exs) - 25))
        print("all routes: %d %s; %d recovered exactly (%d true counts 1-4, %d zeros), %d counts 1-4 "
              "narrowed inside 1..4 (%d beyond their band), %d intervals missing the truth" % (
                  cells, "count cells" if unc else "hidden counts", ex, ex14, ex0, nar, nar_b, wrong))
        tl = sum(v.get("time_limited", 0) for v in stats.values() if isinstance(v, dict))
        print("solves: %d LP, %d MILP, %d stopped by the %g s time limit (their proven bound kept)" % (
            sum(v.get("lp", 0) for v in stats.values() if isinstance(v, dict)),
            sum(v.get("milp", 0) for v in stats.values() if isinstance(v, dict)), tl, args.time_limit))
        leak = (ex - (ex0 if args.allow_zeros else 0)) > 0 or (nar_b if args.allow_bands else nar) > 0 \
            or bool(hashres and hashres.get("matched"))
        report["leak"] = leak
        report["summary"] = {"rule": att.rule.name, "cells": cells, "exact": ex, "exact_1_4": ex14,
                             "exact_0": ex0, "narrowed_1_4": nar,
                             "narrowed_1_4_beyond_band": nar_b, "wrong": wrong}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1, default=str)
    return 1 if leak else 0


if __name__ == "__main__":
    sys.exit(main())
