// Town geometry: an irregular outline, ~150 neighbourhoods as GEOS Voronoi cells clipped to it,
// 8 wards the same way, spatially structured population and deprivation, and one planted
// cluster of adjacent neighbourhoods.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/geo/detail/geos.hpp"
#include "tools/make_demo/demo.hpp"

namespace demo {

using namespace reachmap;
using namespace reachmap::detail;

namespace {

constexpr int kNeighbourhoods = 150;
constexpr int kWards = 8;
const char* const kWardNames[kWards] = {"Abbey",   "Castle",    "Eastfield", "Fenside",
                                        "Harbour", "Northgate", "Millbank",  "Westcliff"};

GeosContext& ctx() {
  static GeosContext c;
  return c;
}

GeomPtr outline_polygon() {
  const auto h = ctx().get();
  constexpr int kVertices = 72;
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, kVertices + 1, 2);
  for (int i = 0; i <= kVertices; ++i) {
    const double t = 2 * M_PI * (i % kVertices) / kVertices;
    const double r = 3200 * (1 + 0.14 * std::sin(3 * t) + 0.07 * std::cos(5 * t + 0.4));
    GEOSCoordSeq_setXY_r(h, seq, i, std::round(kCentreX + r * std::cos(t)),
                         std::round(kCentreY + 0.8 * r * std::sin(t)));
  }
  return own(ctx(), GEOSGeom_createPolygon_r(h, GEOSGeom_createLinearRing_r(h, seq), nullptr, 0));
}

// Seeds spread out by rejection (no two closer than `spacing`), inside `outline`.
std::vector<Place> spread_seeds(const GEOSGeometry* outline, int n, double spacing, Rng& rng) {
  const auto h = ctx().get();
  double x0, y0, x1, y1;
  GEOSGeom_getXMin_r(h, outline, &x0);
  GEOSGeom_getYMin_r(h, outline, &y0);
  GEOSGeom_getXMax_r(h, outline, &x1);
  GEOSGeom_getYMax_r(h, outline, &y1);
  PreparedPtr prep(GEOSPrepare_r(h, outline), {h});
  std::vector<Place> seeds;
  for (int attempt = 0; static_cast<int>(seeds.size()) < n; ++attempt) {
    const double s = attempt > 200000 ? spacing * 0.5 : spacing;
    Place p{std::round(rng.uniform(x0, x1)), std::round(rng.uniform(y0, y1))};
    GeomPtr pt = own(ctx(), GEOSGeom_createPointFromXY_r(h, p.x, p.y));
    if (!GEOSPreparedContains_r(h, prep.get(), pt.get())) continue;
    bool close = false;
    for (const auto& q : seeds) close |= std::hypot(p.x - q.x, p.y - q.y) < s;
    if (!close) seeds.push_back(p);
  }
  // Ids follow the seeds from north-west to south-east, as a reader scans a map.
  std::sort(seeds.begin(), seeds.end(), [](const Place& a, const Place& b) {
    const int ba = static_cast<int>((kCentreY + 4000 - a.y) / 700);
    const int bb = static_cast<int>((kCentreY + 4000 - b.y) / 700);
    return ba != bb ? ba < bb : a.x < b.x;
  });
  return seeds;
}

std::vector<Cell> voronoi_cells(const GEOSGeometry* outline, const std::vector<Place>& seeds) {
  const auto h = ctx().get();
  std::vector<GEOSGeometry*> points;
  for (const auto& p : seeds) points.push_back(GEOSGeom_createPointFromXY_r(h, p.x, p.y));
  GeomPtr multi = own(ctx(), GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(),
                                                         static_cast<unsigned>(points.size())));
  GeomPtr diagram = own(ctx(), GEOSVoronoiDiagram_r(h, multi.get(), outline, 0.0, 0));
  std::vector<Cell> cells(seeds.size());
  for (int i = 0; i < GEOSGetNumGeometries_r(h, diagram.get()); ++i) {
    const GEOSGeometry* raw = GEOSGetGeometryN_r(h, diagram.get(), i);
    GeomPtr clipped = own(ctx(), GEOSIntersection_r(h, raw, outline));
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      GeomPtr pt = own(ctx(), GEOSGeom_createPointFromXY_r(h, seeds[s].x, seeds[s].y));
      if (GEOSContains_r(h, raw, pt.get()) == 1) {
        // Round vertices to the centimetre: tidy files, identical on every run.
        GeomPtr tidy = own(ctx(), GEOSGeom_setPrecision_r(h, clipped.get(), 0.01, 0));
        cells[s].wkb = to_wkb(ctx(), tidy.get());
        cells[s].cx = seeds[s].x;
        cells[s].cy = seeds[s].y;
        break;
      }
    }
  }
  return cells;
}

bool adjacent(const Cell& a, const Cell& b) {
  GeomPtr ga = from_wkb(ctx(), a.wkb), gb = from_wkb(ctx(), b.wkb);
  GeomPtr shared = own(ctx(), GEOSIntersection_r(ctx().get(), ga.get(), gb.get()));
  double length = 0;
  GEOSLength_r(ctx().get(), shared.get(), &length);
  return length > 1.0;  // a shared edge, not a corner
}

}  // namespace

Place random_point_in(const Cell& cell, Rng& rng) {
  const auto h = ctx().get();
  GeomPtr g = from_wkb(ctx(), cell.wkb);
  double x0, y0, x1, y1;
  GEOSGeom_getXMin_r(h, g.get(), &x0);
  GEOSGeom_getYMin_r(h, g.get(), &y0);
  GEOSGeom_getXMax_r(h, g.get(), &x1);
  GEOSGeom_getYMax_r(h, g.get(), &y1);
  for (;;) {
    Place p{rng.uniform(x0, x1), rng.uniform(y0, y1)};
    GeomPtr pt = own(ctx(), GEOSGeom_createPointFromXY_r(h, p.x, p.y));
    if (GEOSContains_r(h, g.get(), pt.get()) == 1) return p;
  }
}

int cell_containing(const std::vector<Cell>& cells, Place p) {
  const auto h = ctx().get();
  GeomPtr pt = own(ctx(), GEOSGeom_createPointFromXY_r(h, p.x, p.y));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    GeomPtr g = from_wkb(ctx(), cells[i].wkb);
    if (GEOSIntersects_r(h, g.get(), pt.get()) == 1) return static_cast<int>(i);
  }
  return -1;
}

Town build_town(std::uint64_t seed) {
  Rng rng(seed, 1);
  Town town;
  GeomPtr outline = outline_polygon();
  town.outline_wkb = to_wkb(ctx(), outline.get());
  town.neighbourhoods =
      voronoi_cells(outline.get(), spread_seeds(outline.get(), kNeighbourhoods, 330, rng));
  town.wards = voronoi_cells(outline.get(), spread_seeds(outline.get(), kWards, 1500, rng));
  for (std::size_t i = 0; i < town.wards.size(); ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "NBYW%02zu", i + 1);
    town.wards[i].id = id;
    town.wards[i].name = kWardNames[i];
  }
  auto& cells = town.neighbourhoods;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    char id[32], name[48];
    std::snprintf(id, sizeof id, "NBY%03zu", i + 1);
    std::snprintf(name, sizeof name, "Northby %03zu", i + 1);
    cells[i].id = id;
    cells[i].name = name;
    // Denser, younger centre; deprivation rising to the east (the docks) with local noise.
    const double dx = cells[i].cx - kCentreX, dy = cells[i].cy - kCentreY;
    const double d2 = dx * dx + dy * dy;
    cells[i].under5 =
        std::max(8, static_cast<int>(std::lround(18 + 28 * std::exp(-d2 / (2 * 1700.0 * 1700.0)) +
                                                 9 * rng.normal())));
    cells[i].score = 0.35 + 0.25 * dx / 3200 - 0.1 * dy / 3200 + 0.08 * rng.normal();
  }
  // Deciles by rank of score: 1 = most deprived tenth.
  std::vector<std::size_t> order(cells.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return cells[a].score > cells[b].score; });
  for (std::size_t r = 0; r < order.size(); ++r)
    cells[order[r]].decile = static_cast<int>(r * 10 / order.size()) + 1;
  // The planted cluster: the neighbourhood at a point north-west of the centre (near a centre,
  // middling deprivation, so neither distance nor need explains it) and 5 of its neighbours.
  const int core = cell_containing(cells, {kCentreX - 900, kCentreY + 700});
  std::vector<std::pair<double, std::size_t>> near;
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (static_cast<int>(i) != core && adjacent(cells[i], cells[core]))
      near.emplace_back(std::hypot(cells[i].cx - cells[core].cx, cells[i].cy - cells[core].cy), i);
  std::sort(near.begin(), near.end());
  cells[core].planted = true;
  for (std::size_t k = 0; k < near.size() && k < 5; ++k) cells[near[k].second].planted = true;
  // A new estate: many young families, which makes the gap matter (and keeps counts above the
  // disclosure threshold, so the gap shows on public maps).
  for (auto& c : cells)
    if (c.planted) c.under5 = static_cast<int>(std::lround(c.under5 * 2.5));
  return town;
}

}  // namespace demo
