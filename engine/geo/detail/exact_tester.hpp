// Exact point-in-area tests with GEOS prepared geometries, built lazily: a thread only pays
// for the areas its points come near. One tester per thread (it owns its GEOS context).
#pragma once

#include <vector>

#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/detail/geos.hpp"

namespace reachmap::detail {

class ExactTester {
 public:
  explicit ExactTester(const BoundaryLayer& layer);
  // True when the point lies in the area or on its boundary (GEOS intersects).
  bool covers(std::size_t area, double x, double y);
  // 0 outside, 1 inside, 2 on the boundary (the values of AreaIndex::State).
  int where(std::size_t area, double x, double y);

 private:
  const GEOSPreparedGeometry* prepared(std::size_t area);
  const BoundaryLayer& layer_;
  GeosContext ctx_;
  std::vector<GeomPtr> geoms_;
  std::vector<PreparedPtr> prepared_;
  std::vector<char> built_;
};

}  // namespace reachmap::detail
