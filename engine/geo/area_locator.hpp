// Point-in-polygon placement over one boundary layer: the shared AreaIndex answers every point
// it can decide exactly; the few too close to a boundary to call get an exact GEOS test. A point on
// a shared boundary goes to the area whose id sorts first; a point in no area is outside (-1). One
// locator per thread: it owns its GEOS context and lazily prepared geometries.
#pragma once

#include <memory>
#include <string>

#include "engine/geo/area_index.hpp"

namespace reachmap {

namespace detail {
class ExactTester;
}

class AreaLocator {
 public:
  // `index` is the layer's (built from it or read from its index file).
  AreaLocator(const BoundaryLayer& layer, const AreaIndex& index);
  ~AreaLocator();
  AreaLocator(const AreaLocator&) = delete;
  AreaLocator& operator=(const AreaLocator&) = delete;

  // Index into layer.areas, or -1 when the point lies in no area.
  long locate(double x, double y) const;

 private:
  const AreaIndex& index_;
  std::unique_ptr<detail::ExactTester> tester_;
};

std::string geos_version();

}  // namespace reachmap
