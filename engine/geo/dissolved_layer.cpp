#include "engine/geo/dissolved_layer.hpp"

#include <algorithm>
#include <functional>

#include "engine/core/parallel.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/dissolve.hpp"

namespace reachmap {

using detail::from_wkb;
using detail::GeomPtr;
using detail::GeosContext;
using detail::own;

BoundaryLayer dissolved_layer(const BoundaryLayer& small, const std::string& name,
                              const std::string& display, const std::vector<LocalityGroup>& groups,
                              int threads) {
  BoundaryLayer out;
  out.name = name;
  out.display = display;
  out.transformation = "none (dissolved from layer '" + small.name + "')";
  std::vector<const LocalityGroup*> sorted;
  for (const LocalityGroup& g : groups) sorted.push_back(&g);
  std::sort(sorted.begin(), sorted.end(),
            [](const LocalityGroup* a, const LocalityGroup* b) { return a->id < b->id; });
  // Every group is merged to the whole small layer's hair, so that a boundary two localities
  // share is the same line in both.
  std::vector<const std::string*> all;
  for (const Area& a : small.areas)
    if (!a.wkb.empty()) all.push_back(&a.wkb);
  const double scale = coordinate_scale(all);
  out.areas.resize(sorted.size());
  std::vector<std::function<void()>> jobs;
  const std::size_t slices = std::size_t(std::max(1, threads)) * 4;
  for (std::size_t s = 0; s < slices; ++s)
    jobs.push_back([&, s] {
      GeosContext ctx;
      for (std::size_t i = sorted.size() * s / slices; i < sorted.size() * (s + 1) / slices; ++i) {
        Area& area = out.areas[i];
        area.id = sorted[i]->id;
        area.label = sorted[i]->label;
        std::vector<const std::string*> wkbs;
        for (std::size_t m : sorted[i]->members)
          if (!small.areas[m].wkb.empty()) wkbs.push_back(&small.areas[m].wkb);
        if (wkbs.empty()) continue;
        area.wkb = dissolve_wkb(wkbs, scale);
        const GeomPtr g = from_wkb(ctx, area.wkb);
        const GeomPtr anchor = g ? own(ctx, GEOSPointOnSurface_r(ctx.get(), g.get())) : GeomPtr();
        if (anchor) {
          GEOSGeomGetX_r(ctx.get(), anchor.get(), &area.anchor_x);
          GEOSGeomGetY_r(ctx.get(), anchor.get(), &area.anchor_y);
        }
      }
    });
  run_jobs(jobs, threads);
  for (std::size_t i = 0; i < out.areas.size(); ++i) {
    out.index_of[out.areas[i].id] = i;
    if (out.areas[i].wkb.empty()) ++out.no_geometry;
  }
  return out;
}

}  // namespace reachmap
