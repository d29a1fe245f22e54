#include "engine/geo/area_locator.hpp"

#include "engine/geo/detail/exact_tester.hpp"

namespace reachmap {

AreaLocator::AreaLocator(const BoundaryLayer& layer, const AreaIndex& index)
    : index_(index), tester_(std::make_unique<detail::ExactTester>(layer)) {}

AreaLocator::~AreaLocator() = default;

long AreaLocator::locate(double x, double y) const {
  return index_.locate(x, y, *tester_);
}

std::string geos_version() {
  return GEOSversion();
}

}  // namespace reachmap
