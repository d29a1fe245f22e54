#include "engine/geo/area_locator.hpp"

#include "engine/geo/detail/exact_tester.hpp"

namespace reachmap {

AreaLocator::AreaLocator(const AreaIndex& index)
    : index_(index), tester_(std::make_unique<detail::ExactTester>(index.layer())) {}

AreaLocator::~AreaLocator() = default;

long AreaLocator::locate(double x, double y) const {
  const AreaIndex::Lookup found = index_.lookup(x, y);
  // Candidates come in ascending order and all sort before the owner: the first that holds
  // the point is the id that sorts first.
  for (std::uint32_t i = 0; i < found.count; ++i)
    if (tester_->covers(static_cast<std::size_t>(found.candidates[i]), x, y))
      return found.candidates[i];
  return found.owner;
}

std::string geos_version() {
  return GEOSversion();
}

}  // namespace reachmap
