// How the placement index grows with the number of areas and placement with the number of
// points: builds the AreaIndex on the first N LSOAs (id order, so whole districts) of England
// and Wales for N = 2,000 ... 34,753, then on an OA-sized layer (each LSOA cut into strips of
// about its width / 5.5: some 190,000 areas, as many as the country's output areas), and
// places 1, 2 and 4 million points drawn inside them.
//   reachmap-bench-index [BOUNDARIES.gpkg] [ID_FIELD]
// Prints build time per area (flat or slowly rising = n log n at worst) and time per point.
#include <algorithm>
#include <cstdio>

#include "bench/bench_support.hpp"
#include "engine/core/error.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/area_index.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/placement.hpp"

namespace {

using namespace reachmap;

// Each area cut by vertical lines into strips about `per_area` to an area (its envelope's width
// over per_area, at least 1): a finer layer with the same edges, for scaling. Strips are kept
// apart as areas "<id>-<k>"; their anchors are points on their surfaces.
BoundaryLayer cut_into_strips(const BoundaryLayer& layer, double per_area) {
  detail::GeosContext ctx;
  BoundaryLayer out;
  out.name = "strips";
  for (const Area& a : layer.areas) {
    if (a.wkb.empty()) continue;
    detail::GeomPtr g = detail::from_wkb(ctx, a.wkb);
    double x0, y0, x1, y1;
    GEOSGeom_getXMin_r(ctx.get(), g.get(), &x0);
    GEOSGeom_getYMin_r(ctx.get(), g.get(), &y0);
    GEOSGeom_getXMax_r(ctx.get(), g.get(), &x1);
    GEOSGeom_getYMax_r(ctx.get(), g.get(), &y1);
    const int k = std::max(1, static_cast<int>(per_area + 0.5));
    for (int i = 0; i < k; ++i) {
      const double sx0 = x0 + (x1 - x0) * i / k, sx1 = x0 + (x1 - x0) * (i + 1) / k;
      detail::GeomPtr strip =
          detail::own(ctx, GEOSClipByRect_r(ctx.get(), g.get(), sx0, y0, sx1, y1));
      double area = 0;
      if (!strip || GEOSisEmpty_r(ctx.get(), strip.get()) ||
          GEOSArea_r(ctx.get(), strip.get(), &area) == 0 || area <= 0)
        continue;
      const int type = GEOSGeomTypeId_r(ctx.get(), strip.get());
      if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) continue;
      Area part{a.id + "-" + std::to_string(i), a.label, detail::to_wkb(ctx, strip.get()), 0, 0};
      detail::GeomPtr anchor = detail::own(ctx, GEOSPointOnSurface_r(ctx.get(), strip.get()));
      GEOSGeomGetX_r(ctx.get(), anchor.get(), &part.anchor_x);
      GEOSGeomGetY_r(ctx.get(), anchor.get(), &part.anchor_y);
      out.areas.push_back(std::move(part));
    }
  }
  std::sort(out.areas.begin(), out.areas.end(),
            [](const Area& p, const Area& q) { return p.id < q.id; });
  for (std::size_t i = 0; i < out.areas.size(); ++i) out.index_of.emplace(out.areas[i].id, i);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  try {
    const BoundaryLayer all =
        load_layer(argc > 1 ? argv[1] : kNationalLsoas, argc > 2 ? argv[2] : "lsoa11cd");
    std::printf("%8s %10s %12s %14s %12s\n", "areas", "build s", "us per area", "leaves/area",
                "MiB index");
    for (std::size_t n : {2000, 4000, 8000, 16000, static_cast<int>(all.areas.size())}) {
      BoundaryLayer part;
      part.name = "part";
      part.areas.assign(all.areas.begin(), all.areas.begin() + static_cast<long>(n));
      for (std::size_t i = 0; i < n; ++i) part.index_of[part.areas[i].id] = i;
      const auto t0 = Clock::now();
      const AreaIndex index(part);
      const double s = seconds_since(t0);
      const auto& st = index.stats();
      const double mib = (st.nodes * 4.0 + st.leaves * 12.0 + st.candidate_entries * 16.0 +
                          st.segment_entries * 4.0 + st.segments * 32.0) /
                         1048576.0;
      std::printf("%8zu %10.2f %12.1f %14.1f %12.0f\n", n, s, s * 1e6 / static_cast<double>(n),
                  static_cast<double>(st.leaves) / static_cast<double>(n), mib);
    }
    {
      const BoundaryLayer oas = cut_into_strips(all, 5.5);
      const auto t0 = Clock::now();
      const AreaIndex index(oas, 2);
      const double s = seconds_since(t0);
      const auto& st = index.stats();
      std::printf("%8zu %10.2f %12.1f %14.1f %12s  OA-sized: LSOAs cut into strips, 2 threads\n",
                  oas.areas.size(), s, s * 1e6 / static_cast<double>(oas.areas.size()),
                  static_cast<double>(st.leaves) / static_cast<double>(oas.areas.size()), "");
      const AreaIndex lsoa_index(all, 2);
      std::printf("%8zu %10.2f  (the LSOAs at 2 threads, for comparison)\n", all.areas.size(),
                  seconds_since(t0) - s);
    }
    // Points at the anchors of random areas, jittered: rows scaling on the full index.
    const AreaIndex index(all);
    std::printf("\n%10s %10s %12s %12s\n", "points", "threads", "seconds", "ns per point");
    for (std::size_t count : {1000000, 2000000, 4000000}) {
      Rng rng(7, 1);
      std::vector<Point> points;
      points.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        const Area& a = all.areas[rng.below(all.areas.size())];
        points.push_back(
            {a.anchor_x + rng.uniform(-150, 150), a.anchor_y + rng.uniform(-150, 150)});
      }
      for (int threads : {1, 2}) {
        const auto t0 = Clock::now();
        const std::vector<long> placed = place_points(all, index, points, threads);
        const double s = seconds_since(t0);
        std::printf("%10zu %10d %12.2f %12.0f\n", count, threads, s,
                    s * 1e9 / static_cast<double>(count));
      }
    }
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
