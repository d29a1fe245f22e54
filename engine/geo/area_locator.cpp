#include "engine/geo/area_locator.hpp"

#include "engine/geo/detail/exact_tester.hpp"

namespace reachmap {

AreaLocator::AreaLocator(const AreaIndex& index)
    : index_(index), tester_(std::make_unique<detail::ExactTester>(index.layer())) {}

AreaLocator::~AreaLocator() = default;

long AreaLocator::locate(double x, double y) const {
  return index_.locate(x, y, *tester_);
}

std::string geos_version() {
  return GEOSversion();
}

}  // namespace reachmap
