// Point-in-polygon placement over one boundary layer: a GEOS STRtree of area envelopes, then
// exact tests with prepared geometries. A point on a shared boundary goes to the area whose id
// sorts first; a point in no area is outside (-1). One locator per thread: it owns its GEOS
// context and geometries, so locators never share mutable state.
#pragma once

#include <memory>
#include <string>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

class AreaLocator {
 public:
  explicit AreaLocator(const BoundaryLayer& layer);
  ~AreaLocator();
  AreaLocator(const AreaLocator&) = delete;
  AreaLocator& operator=(const AreaLocator&) = delete;

  // Index into layer.areas, or -1 when the point lies in no area.
  long locate(double x, double y) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reachmap

namespace reachmap {
std::string geos_version();
}  // namespace reachmap
