#include "engine/geo/detail/exact_tester.hpp"

namespace reachmap::detail {

ExactTester::ExactTester(const BoundaryLayer& layer)
    : layer_(layer),
      geoms_(layer.areas.size()),
      prepared_(layer.areas.size()),
      built_(layer.areas.size(), 0) {}

const GEOSPreparedGeometry* ExactTester::prepared(std::size_t area) {
  const auto h = ctx_.get();
  if (!built_[area]) {
    built_[area] = 1;
    if (!layer_.areas[area].wkb.empty()) geoms_[area] = from_wkb(ctx_, layer_.areas[area].wkb);
    if (geoms_[area]) prepared_[area] = PreparedPtr(GEOSPrepare_r(h, geoms_[area].get()), {h});
  }
  return prepared_[area].get();
}

bool ExactTester::covers(std::size_t area, double x, double y) {
  const GEOSPreparedGeometry* g = prepared(area);
  if (!g) return false;
  GeomPtr point = own(ctx_, GEOSGeom_createPointFromXY_r(ctx_.get(), x, y));
  return GEOSPreparedIntersects_r(ctx_.get(), g, point.get()) == 1;
}

int ExactTester::where(std::size_t area, double x, double y) {
  const GEOSPreparedGeometry* g = prepared(area);
  if (!g) return 0;
  GeomPtr point = own(ctx_, GEOSGeom_createPointFromXY_r(ctx_.get(), x, y));
  if (GEOSPreparedContains_r(ctx_.get(), g, point.get()) == 1) return 1;
  return GEOSPreparedIntersects_r(ctx_.get(), g, point.get()) == 1 ? 2 : 0;
}

}  // namespace reachmap::detail
