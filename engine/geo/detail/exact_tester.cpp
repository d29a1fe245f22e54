#include "engine/geo/detail/exact_tester.hpp"

namespace reachmap::detail {

ExactTester::ExactTester(const BoundaryLayer& layer)
    : layer_(layer),
      geoms_(layer.areas.size()),
      prepared_(layer.areas.size()),
      built_(layer.areas.size(), 0) {}

bool ExactTester::covers(std::size_t area, double x, double y) {
  const auto h = ctx_.get();
  if (!built_[area]) {
    built_[area] = 1;
    if (!layer_.areas[area].wkb.empty()) geoms_[area] = from_wkb(ctx_, layer_.areas[area].wkb);
    if (geoms_[area]) prepared_[area] = PreparedPtr(GEOSPrepare_r(h, geoms_[area].get()), {h});
  }
  if (!prepared_[area]) return false;
  GeomPtr point = own(ctx_, GEOSGeom_createPointFromXY_r(h, x, y));
  return GEOSPreparedIntersects_r(h, prepared_[area].get(), point.get()) == 1;
}

}  // namespace reachmap::detail
